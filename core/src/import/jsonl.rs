//! sayso's own JSONL export: one span per line.
//!
//! ```json
//! {"article":"news/story.txt","id":3,"label":"quote","start":297,"end":330,"text":"…","speaker":"Gavin Williamson","note":null,"status":"accepted","author":"ed","paragraph":3,"other_spans":[]}
//! ```
//!
//! Offsets are chars. Lines with the same `article` and `id` are one
//! annotation (a joined one has a line per span, each listing the others in
//! `other_spans`). Only `label`, `start` and `end` are required, so that a
//! script or a model can write this format too; `status` is read but not
//! kept: whatever is imported starts pending.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

use super::{Document, Incoming, IncomingSpan, Offsets, Parsed, SyntaxError, numbered_lines};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    id: Option<Value>,
    label: String,
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    other_spans: Vec<OtherSpan>,
}

#[derive(Deserialize)]
struct OtherSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

pub(super) fn read(source: &str) -> Result<Parsed, SyntaxError> {
    let mut documents: Vec<Document> = Vec::new();
    let mut by_article: HashMap<Option<String>, usize> = HashMap::new();
    // (document, id) -> index of the annotation in that document.
    let mut by_id: HashMap<(usize, String), usize> = HashMap::new();
    for (number, line) in numbered_lines(source) {
        if line.trim().is_empty() {
            continue;
        }
        let line: Line =
            serde_json::from_str(line).map_err(|e| SyntaxError::json_line(number, &e))?;
        let d = *by_article.entry(line.article.clone()).or_insert_with(|| {
            documents.push(Document {
                line: number,
                article: line.article.as_ref().map(PathBuf::from),
                text: None,
                offsets: Offsets::Chars,
                counts_bom: false,
                annotations: Vec::new(),
            });
            documents.len() - 1
        });
        let annotations = &mut documents[d].annotations;
        let mut spans = vec![IncomingSpan {
            line: number,
            start: line.start,
            end: line.end,
            text: line.text,
        }];
        spans.extend(line.other_spans.into_iter().map(|s| IncomingSpan {
            line: number,
            start: s.start,
            end: s.end,
            text: s.text,
        }));
        let same = line.id.as_ref().map(|id| (d, id.to_string()));
        match same.as_ref().and_then(|key| by_id.get(key)) {
            Some(&a) => annotations[a].spans.extend(spans),
            None => {
                if let Some(key) = same {
                    by_id.insert(key, annotations.len());
                }
                annotations.push(Incoming {
                    line: number,
                    label: line.label,
                    spans,
                    joined_text: None,
                    speaker: line.speaker,
                    note: line.note,
                    author: line.author,
                    refused: None,
                });
            }
        }
    }
    Ok(Parsed {
        documents,
        skipped: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_with_one_id_are_one_annotation_and_articles_stay_apart() {
        let source = concat!(
            r#"{"article":"a.txt","id":1,"label":"quote","start":0,"end":2,"text":"😀x","speaker":"Ann","note":"n","status":"accepted","author":"ed","paragraph":1,"other_spans":[{"start":5,"end":7,"text":"漢字"}]}"#,
            "\r\n\r\n",
            r#"{"article":"b.txt","id":1,"label":"claim","start":3,"end":4,"text":"é","speaker":null,"note":null,"status":"pending","author":"ed","paragraph":2,"other_spans":[]}"#,
            "\n",
            r#"{"article":"a.txt","id":1,"label":"quote","start":5,"end":7,"text":"漢字","speaker":"Ann","note":"n","status":"accepted","author":"ed","paragraph":2,"other_spans":[{"start":0,"end":2,"text":"😀x"}]}"#,
            "\n",
        );
        let parsed = read(source).map_err(|e| e.message);
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}")
        };
        assert_eq!(parsed.documents.len(), 2);
        let a = &parsed.documents[0];
        assert_eq!(a.article, Some(PathBuf::from("a.txt")));
        assert_eq!(a.annotations.len(), 1);
        let quote = &a.annotations[0];
        assert_eq!(quote.label, "quote");
        assert_eq!(quote.speaker.as_deref(), Some("Ann"));
        assert_eq!(quote.note.as_deref(), Some("n"));
        let spans: Vec<(usize, usize, usize)> = quote
            .spans
            .iter()
            .map(|s| (s.line, s.start, s.end))
            .collect();
        assert_eq!(spans, [(1, 0, 2), (1, 5, 7), (4, 5, 7), (4, 0, 2)]);
        let b = &parsed.documents[1];
        assert_eq!(b.line, 3);
        assert_eq!(b.annotations[0].spans[0].text.as_deref(), Some("é"));
        assert_eq!(b.annotations[0].speaker, None);
    }

    #[test]
    fn lines_without_an_id_are_separate_annotations() {
        let line = r#"{"label":"quote","start":0,"end":1}"#;
        let parsed = read(&format!("{line}\n{line}\n")).map_err(|e| e.message);
        assert_eq!(
            parsed.map(|p| (p.documents.len(), p.documents[0].annotations.len())),
            Ok((1, 2))
        );
    }

    #[test]
    fn a_broken_line_is_named_with_its_column() {
        let source =
            "{\"label\":\"quote\",\"start\":0,\"end\":1}\n{\"label\":\"quote\",\"start\":0}\n";
        let error = read(source).err();
        assert_eq!(error.as_ref().map(|e| e.line), Some(2));
        let message = error.map(|e| e.message).unwrap_or_default();
        assert!(message.contains("missing field `end`"), "{message}");
        assert!(message.starts_with("column "), "{message}");
        let error = read("{\"label\": quote}\n").err().map(|e| e.message);
        assert!(error.is_some_and(|m| m.contains("expected value")));
    }

    #[test]
    fn a_negative_offset_is_a_syntax_error() {
        let error = read(r#"{"label":"q","start":-1,"end":1}"#).err();
        assert_eq!(error.map(|e| e.line), Some(1));
    }
}
