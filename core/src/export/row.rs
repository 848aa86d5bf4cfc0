//! One exported span with its annotation's fields: a line of `jsonl`, a row
//! of `csv`.

use serde::Serialize;

use super::{CharSpan, char_spans};
use crate::annotation::Annotation;
use crate::corpus::Document;

/// The columns, in order; `jsonl` keys and the `csv` header. Tools (and
/// `sayso import`) rely on these names.
pub const COLUMNS: [&str; 13] = [
    "article",
    "id",
    "label",
    "start",
    "end",
    "text",
    "speaker",
    "note",
    "status",
    "author",
    "paragraph",
    "other_spans",
    "origin",
];

/// One span of an annotation. The field order is [`COLUMNS`].
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub article: &'a str,
    pub id: u64,
    pub label: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    pub note: Option<&'a str>,
    pub status: &'static str,
    pub author: &'a str,
    /// 1-based number of the paragraph the span starts in.
    pub paragraph: usize,
    /// The annotation's other spans when it has several, in order.
    pub other_spans: Vec<OtherSpan<'a>>,
    pub origin: &'static str,
}

/// Another span of the same annotation.
#[derive(Debug, Serialize)]
pub struct OtherSpan<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// The rows of `annotation`, one per span in order; `article` is the name
/// written in the `article` column.
pub fn rows<'a>(
    document: &'a Document,
    article: &'a str,
    annotation: &'a Annotation,
) -> Vec<Row<'a>> {
    let spans = char_spans(&document.article, annotation);
    spans
        .iter()
        .enumerate()
        .map(|(i, span)| Row {
            article,
            id: annotation.id,
            label: &annotation.label,
            start: span.start,
            end: span.end,
            text: span.text,
            speaker: annotation.speaker.as_deref(),
            note: annotation.note.as_deref(),
            status: annotation.status.name(),
            author: &annotation.author,
            paragraph: document
                .article
                .paragraph_at(span.bytes.start)
                .map_or(0, |p| p + 1),
            other_spans: others(&spans, i),
            origin: annotation.origin.name(),
        })
        .collect()
}

fn others<'a>(spans: &[CharSpan<'a>], except: usize) -> Vec<OtherSpan<'a>> {
    spans
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != except)
        .map(|(_, s)| OtherSpan {
            start: s.start,
            end: s.end,
            text: s.text,
        })
        .collect()
}
