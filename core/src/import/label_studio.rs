//! Label Studio tasks JSON: an array of tasks (or one task).
//!
//! ```json
//! [{"data": {"text": "…", "article": "story.txt"},
//!   "annotations": [{"result": [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
//!                                "value": {"start": 297, "end": 330, "text": "…", "labels": ["quote"]}}]}],
//!   "predictions": [{"result": […]}]}]
//! ```
//!
//! Results of type `labels` become annotations, one per label; those of
//! `annotations`, `predictions` and the older `completions` are all read
//! (the same span twice is added once). A `textarea` result on the same
//! region (same `id`) gives the speaker when its `from_name` is `speaker`,
//! the note otherwise. A region's `meta.text` gives them too, as sayso's
//! exporter writes them (`speaker: NAME`, `note: TEXT`; another line is a
//! note), and its regions `ID-1`, `ID-2`, ... of one label are the spans of
//! one joined annotation. Other results (choices, ratings, relations) are
//! skipped.
//!
//! Offsets: Label Studio counts code points (its tests check this on a text
//! with an emoji); versions before 2022 counted UTF-16 code units. Offsets
//! are read as chars, and a span whose `text` is found only when they are
//! read as UTF-16 is taken that way. The text comes from `data.text` (or the
//! only text field of `data`); sayso's exporter adds `data.article`.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Document, Incoming, IncomingSpan, Offsets, Parsed, Skipped, SyntaxError};

/// A task. Its annotations, completions and predictions are read one by
/// one: Label Studio's own JSON export may name a prediction by its id
/// alone (`"predictions": [1]`), which holds no region to import.
#[derive(Deserialize)]
struct Task<'a> {
    #[serde(default)]
    data: Map<String, Value>,
    #[serde(default, borrow)]
    annotations: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    completions: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    predictions: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct Annotation<'a> {
    #[serde(default, borrow)]
    result: Vec<&'a RawValue>,
}

/// One item of an annotation's `result`.
#[derive(Deserialize)]
struct ResultItem {
    #[serde(default)]
    id: Option<Value>,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    from_name: String,
    #[serde(default)]
    value: Map<String, Value>,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    text: Vec<String>,
}

pub(super) fn read(source: &str) -> Result<Parsed, SyntaxError> {
    let lines = LineIndex::new(source);
    let json_error = |e: serde_json::Error| {
        SyntaxError::new(
            e.line(),
            format!("column {}: {}", e.column(), super::json_message(&e)),
        )
    };
    let top: &RawValue = serde_json::from_str(source).map_err(json_error)?;
    let tasks: Vec<&RawValue> = if top.get().trim_start().starts_with('[') {
        serde_json::from_str(top.get()).map_err(json_error)?
    } else {
        vec![top]
    };
    let mut parsed = Parsed::default();
    for raw in tasks {
        let line = lines.of(source, raw);
        // A task's own errors are about its shape: its line is where it starts.
        let task: Task = serde_json::from_str(raw.get()).map_err(|e| {
            SyntaxError::new(
                line,
                format!(
                    "this task is not a Label Studio task: {}",
                    super::json_message(&e)
                ),
            )
        })?;
        parsed
            .documents
            .push(document(source, &lines, line, task, &mut parsed.skipped)?);
    }
    Ok(parsed)
}

fn document(
    source: &str,
    lines: &LineIndex,
    line: usize,
    task: Task,
    skipped: &mut Vec<Skipped>,
) -> Result<Document, SyntaxError> {
    let text = task_text(&task.data);
    let article = task
        .data
        .get("article")
        .and_then(Value::as_str)
        .map(PathBuf::from);
    let mut annotations: Vec<Incoming> = Vec::new();
    let lists = [
        ("annotation", &task.annotations),
        ("completion", &task.completions),
        ("prediction", &task.predictions),
    ];
    let mut entries = Vec::new();
    for (kind, list) in lists {
        for raw in list {
            let number = lines.of(source, raw);
            if !raw.get().trim_start().starts_with('{') {
                skipped.push(Skipped {
                    line: number,
                    what: format!("{kind} {} (an id, without its regions)", raw.get()),
                });
                continue;
            }
            let annotation: Annotation = serde_json::from_str(raw.get()).map_err(|e| {
                SyntaxError::new(
                    number,
                    format!(
                        "this {kind} is not a Label Studio {kind}: {}",
                        super::json_message(&e)
                    ),
                )
            })?;
            entries.push(annotation);
        }
    }
    for annotation in &entries {
        let mut regions: HashMap<String, Vec<usize>> = HashMap::new();
        // (annotation id, label) of sayso's regions `ID-1`, `ID-2`...
        let mut parts: HashMap<(String, String), usize> = HashMap::new();
        let mut textareas = Vec::new();
        for raw in &annotation.result {
            let number = lines.of(source, raw);
            let result: ResultItem = serde_json::from_str(raw.get()).map_err(|e| {
                SyntaxError::new(
                    number,
                    format!(
                        "this result is not a Label Studio result: {}",
                        super::json_message(&e)
                    ),
                )
            })?;
            let region = result
                .id
                .as_ref()
                .map(|id| id.as_str().map_or_else(|| id.to_string(), str::to_string));
            match result.kind.as_str() {
                "labels" => match labelled(number, &result) {
                    Some(incoming) => {
                        for one in incoming {
                            let part_of = region
                                .as_deref()
                                .and_then(sayso_part)
                                .map(|base| (base.to_string(), one.label.clone()));
                            let index = match part_of.as_ref().and_then(|key| parts.get(key)) {
                                Some(&i) => {
                                    annotations[i].spans.extend(one.spans);
                                    i
                                }
                                None => {
                                    annotations.push(one);
                                    if let Some(key) = part_of {
                                        parts.insert(key, annotations.len() - 1);
                                    }
                                    annotations.len() - 1
                                }
                            };
                            if let Some(region) = &region {
                                regions.entry(region.clone()).or_default().push(index);
                            }
                        }
                    }
                    None => skipped.push(Skipped {
                        line: number,
                        what: "a labels result without numeric start and end".into(),
                    }),
                },
                "textarea" => textareas.push((number, region, result)),
                other => skipped.push(Skipped {
                    line: number,
                    what: format!("a {other:?} result"),
                }),
            }
        }
        for (number, region, result) in textareas {
            let targets = region.and_then(|r| regions.get(&r));
            let Some(targets) = targets else {
                skipped.push(Skipped {
                    line: number,
                    what: "a textarea result on no labelled region".into(),
                });
                continue;
            };
            let text = strings(result.value.get("text")).join("\n");
            for &a in targets {
                if result.from_name == "speaker" {
                    annotations[a].speaker = Some(text.clone());
                } else {
                    annotations[a].note = Some(text.clone());
                }
            }
        }
    }
    Ok(Document {
        line,
        article,
        offsets: Offsets::CharsOrUtf16,
        counts_bom: text.as_deref().is_some_and(|t| t.starts_with('\u{feff}')),
        text,
        annotations,
    })
}

/// The annotations of a `labels` result, one per label; `None` when its
/// offsets are not numbers (a HyperText region, say).
fn labelled(number: usize, result: &ResultItem) -> Option<Vec<Incoming>> {
    let offset = |key: &str| {
        result
            .value
            .get(key)
            .and_then(Value::as_u64)
            .map(|o| o as usize)
    };
    let (start, end) = (offset("start")?, offset("end")?);
    let text = result
        .value
        .get("text")
        .and_then(Value::as_str)
        .map(str::to_string);
    let (speaker, note) = meta_fields(result.meta.as_ref().map_or(&[], |m| &m.text));
    let incoming = strings(result.value.get("labels"))
        .into_iter()
        .map(|label| Incoming {
            line: number,
            label,
            spans: vec![IncomingSpan {
                line: number,
                start,
                end,
                text: text.clone(),
            }],
            joined_text: None,
            speaker: speaker.clone(),
            note: note.clone(),
            author: None,
            refused: None,
        })
        .collect();
    Some(incoming)
}

/// The annotation id of a region sayso's exporter wrote for one span of a
/// joined annotation: `3` of `3-2`. Label Studio's own ids are random letters.
fn sayso_part(region: &str) -> Option<&str> {
    let (id, part) = region.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(id) && digits(part)).then_some(id)
}

/// The speaker and note of a region's `meta.text`: lines `speaker: NAME` and
/// `note: TEXT` as sayso's exporter writes them; any other line is a note.
fn meta_fields(lines: &[String]) -> (Option<String>, Option<String>) {
    let mut speaker = None;
    let mut notes = Vec::new();
    for line in lines {
        match line.strip_prefix("speaker: ") {
            Some(name) => speaker = Some(name.to_string()),
            None => notes.push(line.strip_prefix("note: ").unwrap_or(line).to_string()),
        }
    }
    (speaker, (!notes.is_empty()).then(|| notes.join("\n")))
}

/// The strings of a JSON list (or a lone string).
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// `data.text`, else the only string of `data` besides `article`: the data
/// key is the project's choice (`$text` in `<Text value="$text"/>`).
fn task_text(data: &Map<String, Value>) -> Option<String> {
    if let Some(text) = data.get("text").and_then(Value::as_str) {
        return Some(text.to_string());
    }
    let mut texts = data
        .iter()
        .filter(|(key, _)| *key != "article")
        .filter_map(|(_, v)| v.as_str());
    match (texts.next(), texts.next()) {
        (Some(text), None) => Some(text.to_string()),
        _ => None,
    }
}

/// Line numbers of places in the file.
struct LineIndex {
    /// Byte offsets where each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        let breaks = source.match_indices('\n').map(|(i, _)| i + 1);
        LineIndex {
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The line (from 1) where `raw`, a slice of `source`, starts.
    fn of(&self, source: &str, raw: &RawValue) -> usize {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(source.as_ptr() as usize);
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(source: &str) -> Parsed {
        match read(source) {
            Ok(parsed) => parsed,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn predictions_named_by_id_only_are_skipped_with_a_note() {
        // As Label Studio 1.23's own JSON export writes a task.
        let source = r#"[{"id": 7, "data": {"text": "Zoë said no."},
  "annotations": [{"id": 3, "result": [{"id": "a", "type": "labels", "from_name": "label",
    "to_name": "text", "value": {"start": 9, "end": 11, "text": "no", "labels": ["quote"]}}]}],
  "predictions": [1, 2]}]"#;
        let parsed = parsed(source);
        assert_eq!(parsed.documents.len(), 1);
        assert_eq!(parsed.documents[0].annotations.len(), 1);
        let skipped: Vec<(usize, &str)> = parsed
            .skipped
            .iter()
            .map(|s| (s.line, s.what.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (4, "prediction 1 (an id, without its regions)"),
                (4, "prediction 2 (an id, without its regions)")
            ]
        );
    }

    /// A task as Label Studio exports it, with a speaker and a note per region.
    const EXPORT: &str = r#"[
  {
    "id": 1,
    "data": {"text": "😀 Ann: «漢字»", "article": "a.txt"},
    "annotations": [
      {
        "id": 9,
        "completed_by": 1,
        "result": [
          {
            "id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": 8, "end": 10, "text": "漢字", "labels": ["quote", "claim"]}
          },
          {
            "id": "r1", "from_name": "speaker", "to_name": "text", "type": "textarea",
            "value": {"start": 8, "end": 10, "text": ["Ann"]}
          },
          {
            "id": "r2", "from_name": "sentiment", "to_name": "text", "type": "choices",
            "value": {"choices": ["Positive"]}
          }
        ],
        "was_cancelled": false
      }
    ],
    "predictions": [
      {"result": [{"id": "p1", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 2, "end": 5, "labels": ["PER"]}, "meta": {"text": ["model says"]}}]}
    ]
  }
]"#;

    #[test]
    fn results_of_annotations_and_predictions_with_their_lines() {
        let p = parsed(EXPORT);
        let d = &p.documents[0];
        assert_eq!(d.line, 2);
        assert_eq!(d.text.as_deref(), Some("😀 Ann: «漢字»"));
        assert_eq!(d.article, Some(PathBuf::from("a.txt")));
        assert_eq!(d.offsets, Offsets::CharsOrUtf16);
        let summary: Vec<(usize, &str, usize, usize)> = d
            .annotations
            .iter()
            .map(|a| (a.line, a.label.as_str(), a.spans[0].start, a.spans[0].end))
            .collect();
        assert_eq!(
            summary,
            [
                (10, "quote", 8, 10),
                (10, "claim", 8, 10),
                (27, "PER", 2, 5)
            ]
        );
        assert_eq!(d.annotations[0].speaker.as_deref(), Some("Ann"));
        assert_eq!(d.annotations[1].speaker.as_deref(), Some("Ann"));
        assert_eq!(d.annotations[0].spans[0].text.as_deref(), Some("漢字"));
        assert_eq!(d.annotations[2].note.as_deref(), Some("model says"));
        assert_eq!(d.annotations[2].spans[0].text, None);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].line, 18);
    }

    #[test]
    fn saysos_regions_of_one_annotation_are_joined_with_speaker_and_note() {
        let region = |id: &str, start: usize, label: &str| {
            format!(
                r#"{{"id": "{id}", "from_name": "label", "to_name": "text", "type": "labels", "value": {{"start": {start}, "end": {}, "text": "x", "labels": ["{label}"]}}, "meta": {{"text": ["speaker: Zoë", "note: checked"]}}}}"#,
                start + 1
            )
        };
        let results = [
            region("3-1", 0, "quote"),
            region("3-2", 4, "quote"),
            region("4-1", 8, "quote"),
            region("K-UimKZwcE", 9, "quote"),
            region("3-3", 6, "claim"),
        ]
        .join(",\n");
        let source = format!(
            "[{{\"data\": {{\"text\": \"t\", \"article\": \"a.txt\"}}, \"annotations\": [{{\"result\": [\n{results}]}}]}}]"
        );
        let p = parsed(&source);
        let summary: Vec<(usize, &str, Vec<usize>)> = p.documents[0]
            .annotations
            .iter()
            .map(|a| {
                let starts = a.spans.iter().map(|s| s.start).collect();
                (a.line, a.label.as_str(), starts)
            })
            .collect();
        assert_eq!(
            summary,
            [
                (2, "quote", vec![0, 4]),
                (4, "quote", vec![8]),
                (5, "quote", vec![9]),
                (6, "claim", vec![6]),
            ]
        );
        let first = &p.documents[0].annotations[0];
        assert_eq!(first.speaker.as_deref(), Some("Zoë"));
        assert_eq!(first.note.as_deref(), Some("checked"));
        assert_eq!(first.spans[1].line, 3);
    }

    #[test]
    fn one_task_alone_and_a_data_key_of_the_projects_choosing() {
        let p = parsed(r#"{"data": {"content": "abc", "n": 3}, "annotations": []}"#);
        assert_eq!(p.documents[0].text.as_deref(), Some("abc"));
        assert_eq!(p.documents[0].article, None);
    }

    #[test]
    fn broken_json_names_its_line_and_column() {
        let error = read("[\n  {\"data\": {\"text\": \"a\"},\n  \"annotations\": [}\n]").err();
        assert_eq!(error.as_ref().map(|e| e.line), Some(3));
        assert!(error.is_some_and(|e| e.message.starts_with("column ")));
        let error = read("[{\"data\": 3}]").err();
        assert_eq!(error.map(|e| e.line), Some(1));
    }
}
