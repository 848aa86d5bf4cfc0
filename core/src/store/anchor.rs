//! Anchoring stored records to the article they were read against.
//!
//! A record is attached (becomes an [`Annotation`] with byte spans) only when
//! every span still fits the article: its char offsets are inside the text, on
//! grapheme boundaries, in order, and the text there is exactly the recorded
//! text. Anything else is detached: kept unchanged so that a changed article
//! never costs the editor an annotation.

use std::collections::HashSet;
use std::ops::Range;

use super::format::{Record, SpanRecord};
use crate::annotation::Annotation;
use crate::article::{Article, graphemes};

/// Splits `records` into attached annotations and detached records, each in
/// the order given.
pub(super) fn attach(article: &Article, records: Vec<Record>) -> (Vec<Annotation>, Vec<Record>) {
    let mut attached = Vec::with_capacity(records.len());
    let mut detached = Vec::new();
    for record in records {
        match byte_spans(article, &record.spans) {
            Some(spans) => attached.push(annotation(record, spans)),
            None => detached.push(record),
        }
    }
    (attached, detached)
}

/// The byte ranges of `spans` when they all fit the article; `None` otherwise.
fn byte_spans(article: &Article, spans: &[SpanRecord]) -> Option<Vec<Range<usize>>> {
    // Sized exactly: collecting through `Option` would reserve room for four.
    let mut ranges = Vec::with_capacity(spans.len());
    for span in spans {
        ranges.push(byte_span(article, span.start, span.end, |text| {
            text == span.text
        })?);
    }
    well_formed(&ranges).then_some(ranges)
}

/// Whether `ranges` can be the spans of an [`Annotation`]: non-empty, sorted
/// and apart from each other.
pub(super) fn well_formed(ranges: &[Range<usize>]) -> bool {
    !ranges.is_empty() && ranges.windows(2).all(|pair| pair[0].end <= pair[1].start)
}

/// The byte range of the span of chars `start..end` when it fits the article:
/// not empty, inside the text, on grapheme boundaries, and holding text that
/// `recorded` accepts (the text the sidecar recorded for it).
pub(super) fn byte_span(
    article: &Article,
    start: usize,
    end: usize,
    recorded: impl FnOnce(&str) -> bool,
) -> Option<Range<usize>> {
    // Past the end, so that walking to `end` below never scans the article.
    if start >= end || end > article.char_len() {
        return None;
    }
    let text = article.text();
    let chars = end - start;
    let start = article.byte_offset(start)?;
    let end = advance(text, start, chars)?;
    let fits = text.get(start..end).is_some_and(recorded)
        && graphemes::is_boundary(text, start)
        && graphemes::is_boundary(text, end);
    fits.then_some(start..end)
}

/// The byte `chars` chars after byte `from` of `text`; `None` past its end.
///
/// Walking the span costs its length, which comparing its text costs anyway;
/// a second lookup in the article's char index costs up to a checkpoint's
/// stride, for every span of a sidecar being loaded.
fn advance(text: &str, from: usize, chars: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, &byte) in text.as_bytes()[from..].iter().enumerate() {
        // Every char starts with a byte that is not a continuation byte.
        let starts_char = byte & 0b1100_0000 != 0b1000_0000;
        if starts_char {
            if seen == chars {
                return Some(from + i);
            }
            seen += 1;
        }
    }
    (seen == chars).then_some(text.len())
}

/// The annotation of `record`, at the byte ranges `spans`.
pub(super) fn annotation(record: Record, spans: Vec<Range<usize>>) -> Annotation {
    Annotation {
        id: record.id,
        label: record.label,
        spans,
        speaker: record.speaker,
        note: record.note,
        status: record.status,
        origin: record.origin,
        author: record.author,
        created: record.created,
        modified: record.modified,
    }
}

/// The record of `annotation` (its spans aside), with the `spans` and
/// context to store: what [`annotation`] undoes.
pub(super) fn record(
    annotation: Annotation,
    spans: Vec<SpanRecord>,
    prefix: String,
    suffix: String,
) -> Record {
    Record {
        id: annotation.id,
        label: annotation.label,
        spans,
        prefix,
        suffix,
        speaker: annotation.speaker,
        note: annotation.note,
        status: annotation.status,
        origin: annotation.origin,
        author: annotation.author,
        created: annotation.created,
        modified: annotation.modified,
    }
}

/// The first id that a later record uses again.
pub(super) fn first_duplicate_id(records: &[Record]) -> Option<u64> {
    let mut seen = HashSet::with_capacity(records.len());
    records.iter().map(|r| r.id).find(|&id| !seen.insert(id))
}

/// The 1-based line and column (in chars) of the `nth` (1-based) `id: <id>`
/// field in `source`, or of the start of the file when there are fewer.
///
/// Serde does not say where a value came from; the field is found again by
/// its text, which is how the file writes it and how a hand edit keeps it.
pub(super) fn locate_id(source: &str, id: u64, nth: usize) -> (usize, usize) {
    let number = id.to_string();
    let found = source
        .match_indices("id")
        .map(|(at, _)| at)
        .filter(|&at| is_id_field(source, at, &number))
        .nth(nth.saturating_sub(1));
    found.map_or((1, 1), |at| line_column(source, at))
}

/// Whether the word `id` at byte `at` starts `id: <number>`.
fn is_id_field(source: &str, at: usize, number: &str) -> bool {
    let starts_word = source[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
    let Some(rest) = source[at + 2..].trim_start().strip_prefix(':') else {
        return false;
    };
    let Some(after) = rest.trim_start().strip_prefix(number) else {
        return false;
    };
    starts_word && !after.starts_with(|c: char| c.is_ascii_digit())
}

fn line_column(source: &str, byte: usize) -> (usize, usize) {
    let before = &source[..byte];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[line_start..].chars().count())
}
