//! doccano JSONL: one text per line with its spans.
//!
//! ```json
//! {"text": "…", "label": [[0, 5, "PER"], [12, 20, "ORG"]]}
//! {"id": 7, "text": "…", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 5}], "relations": []}
//! ```
//!
//! The first shape is doccano's sequence-labelling export and import format
//! (older versions call the key `labels`); the second is what it exports
//! when relations are on. doccano counts offsets as its browser does, in
//! UTF-16 code units (an emoji counts two), or in grapheme clusters when
//! the project is set to count them; the file does not say which, so where
//! the two differ the spans decide ([`Offsets::Doccano`]). sayso's exporter
//! adds an `article` key with the article's path and counts chars, as every
//! sayso offset does; once such a file went through doccano, the spans an
//! editor drew there count as doccano does, so a line with `article` is
//! decided span by span ([`Offsets::SaysoThroughDoccano`]).

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

use super::{
    Document, Incoming, IncomingSpan, Offsets, Parsed, Skipped, SyntaxError, numbered_lines,
};

#[derive(Deserialize)]
struct Line {
    text: String,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    label: Option<Value>,
    #[serde(default)]
    labels: Option<Value>,
    #[serde(default)]
    entities: Option<Vec<Entity>>,
    #[serde(default)]
    relations: Option<Vec<Value>>,
}

#[derive(Deserialize)]
struct Entity {
    label: String,
    start_offset: usize,
    end_offset: usize,
}

pub(super) fn read(source: &str) -> Result<Parsed, SyntaxError> {
    let mut parsed = Parsed::default();
    for (number, line) in numbered_lines(source) {
        if line.trim().is_empty() {
            continue;
        }
        let line: Line =
            serde_json::from_str(line).map_err(|e| SyntaxError::json_line(number, &e))?;
        let spans = match (line.entities, line.label.or(line.labels)) {
            (Some(entities), _) => entities
                .into_iter()
                .map(|e| (e.start_offset, e.end_offset, e.label))
                .collect(),
            (None, Some(list)) => spans(number, &list)?,
            (None, None) => Vec::new(),
        };
        let relations = line.relations.map_or(0, |r| r.len());
        if relations > 0 {
            parsed.skipped.push(Skipped {
                line: number,
                what: format!("{relations} relation(s)"),
            });
        }
        let annotations = spans
            .into_iter()
            .map(|(start, end, label)| Incoming {
                line: number,
                label,
                spans: vec![IncomingSpan {
                    line: number,
                    start,
                    end,
                    text: None,
                }],
                joined_text: None,
                speaker: None,
                note: None,
                author: None,
                refused: None,
            })
            .collect();
        parsed.documents.push(Document {
            line: number,
            offsets: if line.article.is_some() {
                Offsets::SaysoThroughDoccano
            } else {
                Offsets::Doccano
            },
            article: line.article.map(PathBuf::from),
            counts_bom: line.text.starts_with('\u{feff}'),
            text: Some(line.text),
            annotations,
        });
    }
    Ok(parsed)
}

/// The `[start, end, "LABEL"]` triples of a `label` list.
fn spans(number: usize, list: &Value) -> Result<Vec<(usize, usize, String)>, SyntaxError> {
    let bad = |what: String| {
        SyntaxError::new(
            number,
            format!(
                "{what}; a span reads [start, end, \"LABEL\"] (a text classification export has no spans to import)"
            ),
        )
    };
    let Value::Array(items) = list else {
        return Err(bad(format!("label is {list}, not a list of spans")));
    };
    items
        .iter()
        .map(|item| {
            let triple = item.as_array().filter(|t| t.len() == 3);
            let parts = triple.and_then(|t| Some((t[0].as_u64()?, t[1].as_u64()?, t[2].as_str()?)));
            match parts {
                Some((start, end, label)) => Ok((start as usize, end as usize, label.to_string())),
                None => Err(bad(format!("{item} is not a span"))),
            }
        })
        .collect()
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
    fn doccano_lines_are_doccanos_and_sayso_lines_are_decided_span_by_span() {
        let source = concat!(
            r#"{"id": 1, "text": "😀 Ann said", "label": [[3, 6, "PER"]], "Comments": []}"#,
            "\n",
            r#"{"text": "x", "labels": [[0, 1, "ORG"]], "article": "a.txt"}"#,
            "\n",
        );
        let p = parsed(source);
        let [doccano, sayso] = &p.documents[..] else {
            panic!("{:?}", p.documents)
        };
        assert_eq!(doccano.offsets, Offsets::Doccano);
        assert_eq!(doccano.text.as_deref(), Some("😀 Ann said"));
        assert_eq!(doccano.article, None);
        let span = &doccano.annotations[0].spans[0];
        assert_eq!((span.start, span.end), (3, 6));
        assert_eq!(doccano.annotations[0].label, "PER");
        assert_eq!(sayso.offsets, Offsets::SaysoThroughDoccano);
        assert_eq!(sayso.article, Some(PathBuf::from("a.txt")));
        assert_eq!(sayso.annotations[0].line, 2);
    }

    #[test]
    fn entities_and_relations() {
        let source = r#"{"id": 7, "text": "漢字 and more", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 2}], "relations": [{"id": 1, "from_id": 1, "to_id": 1, "type": "x"}]}"#;
        let p = parsed(source);
        assert_eq!(p.documents[0].annotations[0].label, "PER");
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].line, 1);
    }

    #[test]
    fn a_bom_in_the_text_is_counted() {
        let p = parsed("{\"text\": \"\u{feff}ab\", \"label\": []}");
        assert!(p.documents[0].counts_bom);
    }

    #[test]
    fn categories_and_bad_spans_are_syntax_errors() {
        for bad in [
            r#"{"text": "t", "label": ["positive"]}"#,
            r#"{"text": "t", "label": [[0, "1", "X"]]}"#,
            r#"{"text": "t", "label": "X"}"#,
            r#"{"label": [[0, 1, "X"]]}"#,
        ] {
            let error = read(&format!("\n{bad}\n")).err();
            assert_eq!(error.map(|e| e.line), Some(2), "{bad}");
        }
    }
}
