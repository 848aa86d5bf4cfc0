//! Suggestions: quotes with their speakers, denials and claims that rules
//! find in an article, for an editor to accept or reject.
//!
//! [`suggest`] is pure: it reads an article and the annotations it already
//! has, and gives what it would add. It never proposes what is already
//! there in any status: a suggestion that overlaps an annotation of the same
//! label (pending, accepted, or rejected by an editor) is left out, so
//! running it again adds nothing, and what an editor rejected stays
//! rejected. [`add`] turns suggestions into pending annotations of a set;
//! [`change`] makes them one step of the annotator's history.
//!
//! The rules, one module each: which quotations are speech (`speech`), who
//! said them (`attribution`), what denies (`denials`) and what reports a
//! claim without quotation marks (`claims`), in English, German and French
//! (`language`).

mod attribution;
mod claims;
mod denials;
mod frame;
mod hash;
mod language;
mod names;
mod reading;
mod speech;
mod tokens;

pub use language::Language;

use std::ops::Range;

use crate::annotation::change::{Change, Kind, Refusal, Stamp};
use crate::annotation::{Annotation, AnnotationSet, Edit, Origin, Status};
use crate::article::Article;
use attribution::Attributor;
use frame::Frame;
use reading::Reading;

/// The author suggestions are recorded with unless another is given.
pub const AUTHOR: &str = "sayso-suggest";

/// Labels of the suggestions.
pub const QUOTE: &str = "quote";
pub const CLAIM: &str = "claim";
pub const DENIAL: &str = "denial";

/// Something the rules propose to tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    /// Byte ranges of the article text, sorted, on grapheme boundaries,
    /// trimmed of white space (a quotation over paragraphs has one per
    /// paragraph).
    pub spans: Vec<Range<usize>>,
    pub speaker: Option<String>,
}

/// What the rules find in `article` that `existing` (its annotations) does
/// not already have (see the module documentation), in the order of the
/// text.
pub fn suggest(article: &Article, existing: &AnnotationSet) -> Vec<Suggestion> {
    let reading = Reading::new(article);
    let quotes = quotes(&reading);
    let quoted = QuoteIndex::new(&quotes);
    let (denials, claims) = reading::side_by_side(
        reading::is_long(reading.text),
        || denials::find(&reading, &quotes, &quoted),
        || claims::find(&reading, &quoted),
    );
    let mut found: Vec<Suggestion> = quotes.into_iter().chain(denials).chain(claims).collect();
    found.sort_by_key(|s| (s.spans.first().map(|r| r.start), s.label.clone()));
    found.retain(|s| !covered(existing, &s.label, &s.spans));
    found
}

/// Whether an annotation of `label` in `existing`, in any status, overlaps
/// `spans`: then a suggestion there is not made again.
pub fn covered(existing: &AnnotationSet, label: &str, spans: &[Range<usize>]) -> bool {
    spans.iter().any(|r| {
        existing
            .overlapping(r.clone())
            .iter()
            .any(|a| a.label == label)
    })
}

/// The spans of the quotes found, in order, for finding the quote at a
/// place without walking them all.
struct QuoteIndex {
    /// Each span with the index of its quote; spans do not overlap.
    spans: Vec<(Range<usize>, usize)>,
}

impl QuoteIndex {
    fn new(quotes: &[Suggestion]) -> QuoteIndex {
        let mut spans: Vec<(Range<usize>, usize)> = quotes
            .iter()
            .enumerate()
            .flat_map(|(i, q)| q.spans.iter().map(move |s| (s.clone(), i)))
            .collect();
        spans.sort_by_key(|(s, _)| s.start);
        QuoteIndex { spans }
    }

    /// The quote with a span that holds `byte`.
    fn at(&self, byte: usize) -> Option<usize> {
        let after = self.spans.partition_point(|(s, _)| s.start <= byte);
        self.spans[..after]
            .last()
            .filter(|(s, _)| byte < s.end)
            .map(|(_, i)| *i)
    }

    /// How many bytes of `range` the quotes cover.
    fn covering(&self, range: &Range<usize>) -> usize {
        let first = self.spans.partition_point(|(s, _)| s.end <= range.start);
        self.spans[first..]
            .iter()
            .take_while(|(s, _)| s.start < range.end)
            .map(|(s, _)| s.end.min(range.end) - s.start.max(range.start))
            .sum()
    }
}

/// The quotations that are speech, with their speakers.
fn quotes(reading: &Reading) -> Vec<Suggestion> {
    let mut attributor = Attributor::new(reading);
    let mut found = Vec::new();
    for (index, q) in reading.quotations.iter().enumerate() {
        let paragraph = reading.sentences[reading.sentence_at(q.opening.start)].paragraph;
        let Some(frame) = Frame::around(reading, index, paragraph) else {
            continue;
        };
        let Some(target) = frame.position_of(index) else {
            continue;
        };
        if !speech::is_speech(reading, &frame, target, index) {
            continue;
        }
        found.push(Suggestion {
            label: QUOTE.to_string(),
            spans: q.spans.clone(),
            speaker: attributor.speaker_of(index),
        });
    }
    found
}

/// What the rules find in `article` that `set` does not have, of the
/// labels `keep` takes (those of the editor's schema), as one [`Change`]
/// that `u` undoes: pending suggestions by [`AUTHOR`], made at `stamp`'s
/// time. Refused when there is nothing new.
pub fn change(
    article: &Article,
    set: &AnnotationSet,
    stamp: &Stamp,
    keep: impl Fn(&str) -> bool,
) -> Result<Change, Refusal> {
    let found: Vec<Suggestion> = suggest(article, set)
        .into_iter()
        .filter(|s| keep(&s.label))
        .collect();
    if found.is_empty() {
        return Err(Refusal::NothingToSuggest);
    }
    let made = annotations(set, found, AUTHOR, &stamp.time);
    let edits = made.into_iter().map(Edit::Insert).collect();
    Ok(Change::new(Kind::Suggest, edits, stamp))
}

/// Adds `suggestions` to `set` as pending, suggested annotations by
/// `author`, made at `now` (RFC 3339); gives their ids. They go in with one
/// sort (see [`AnnotationSet::extend`]).
pub fn add(
    set: &mut AnnotationSet,
    suggestions: Vec<Suggestion>,
    author: &str,
    now: &str,
) -> Vec<u64> {
    let made = annotations(set, suggestions, author, now);
    let ids = made.iter().map(|a| a.id).collect();
    set.extend(made);
    ids
}

/// `suggestions` as pending, suggested annotations by `author`, made at
/// `now`, with ids that `set` has not given: in a row above its highest,
/// or, near the limit of ids, each from [`AnnotationSet::next_id`].
fn annotations(
    set: &AnnotationSet,
    suggestions: Vec<Suggestion>,
    author: &str,
    now: &str,
) -> Vec<Annotation> {
    let ids: Vec<u64> = match set.fresh_ids(suggestions.len()) {
        Some(fresh) => fresh.collect(),
        None => {
            let mut taken = set.clone();
            (0..suggestions.len())
                .map(|_| {
                    let id = taken.next_id();
                    taken.reserve_ids([id]);
                    id
                })
                .collect()
        }
    };
    suggestions
        .into_iter()
        .zip(ids)
        .map(|(s, id)| Annotation {
            id,
            label: s.label,
            spans: s.spans,
            speaker: s.speaker,
            note: None,
            status: Status::Pending,
            origin: Origin::Suggested,
            author: author.to_string(),
            created: now.to_string(),
            modified: now.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
