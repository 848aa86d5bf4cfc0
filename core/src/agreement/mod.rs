//! Agreement between two editors who annotated the same article: editor B
//! measured against editor A (`sayso agree A B`).
//!
//! Everything here is a pure function over labels and spans; offsets may be
//! chars (sidecars read with [`crate::store::read_records`]) or bytes
//! (annotations in the annotator), as long as both sides use the same.
//!
//! # What is compared
//!
//! - The unit is an **annotation** ([`Item`]): a label on one or more spans.
//!   An annotation joined from several spans (an interrupted quote) is one
//!   unit, not one per span. Its spans are taken as the set of characters they
//!   cover, so `[0, 5) + [5, 9)` is the same as `[0, 9)`.
//! - **Rejected** annotations are left out on both sides: a reviewer rejected
//!   them, so they are no one's answer. Pending and accepted ones count.
//! - **Exact** match: same label and the same characters covered.
//!   **Overlap** match: same label and at least one character in common.
//! - Matching is **one to one** ([`matching`]): each annotation of A matches
//!   at most one of B and the other way round, so one long span of B cannot
//!   match three short ones of A. Candidate pairs are taken greedily, the pair
//!   with the most characters in common first; on a tie, the pair whose union
//!   is smaller (the closer fit) first, then by position in A, then in B.
//!   Exact pairs are taken first in order of A.
//!
//! # The figures ([`Comparison`])
//!
//! Per label, with `m` the matched pairs, `a` and `b` each editor's number of
//! annotations of that label: precision `m / b`, recall `m / a`, and F1
//! `2m / (a + b)` (the harmonic mean of the two, and 0 rather than undefined
//! when `m` is 0). Precision is undefined when B has none, recall when A has
//! none, F1 when neither has any: they are `None`, never NaN. Overall figures
//! add up `m`, `a` and `b` over the labels (micro-average; a pair only ever
//! matches within one label).
//!
//! **Cohen's kappa** per label is over the article's characters: each char is
//! in or out of the label for each editor (in when any span of an annotation
//! of that label covers it). From the 2×2 table of counts (both in `n11`, only
//! A `n10`, only B `n01`, neither `n00`):
//!
//! ```text
//! kappa = 2 (n11·n00 − n10·n01) / ((n11 + n10)(n10 + n00) + (n11 + n01)(n01 + n00))
//! ```
//!
//! which is `(po − pe) / (1 − pe)` with observed agreement `po` and the
//! agreement `pe` expected from each editor's rate alone. It is undefined
//! (`None`) when `pe` is 1: both editors mark no char of the label, or both
//! mark every char, or the article is empty.
//!
//! The **overall kappa** pools the tables of every label: each (char, label)
//! pair is one yes/no decision. A per-char multi-class kappa would need one
//! class per char, but labels nest and overlap (a denial inside a quote), so a
//! char can be in several labels at once; pooling keeps each label's decision
//! as the editors made it.
//!
//! Over several articles (directories of sidecars), counts and tables are
//! added up, every article counting for every label: a label an article has
//! no annotation of adds all its chars as "neither".
//!
//! # Reconciling
//!
//! [`reconcile`] pairs the two editors' annotations for going through their
//! differences one at a time (the annotator's `--compare`): exact pairs,
//! then pairs that overlap with the same label, then with any label, and
//! what is left on one side only.

mod figures;
mod matching;
mod reconcile;

pub use figures::{CharTable, Comparison, Counts, Figures, compare};
pub use matching::{Pair, Rule, matching};
pub use reconcile::{Paired, reconcile};

use std::ops::Range;

use crate::annotation::{Annotation, Status};
use crate::article::spans;
use crate::store::Record;

/// One annotation as agreement sees it: its id, label and the spans it
/// covers, sorted, disjoint and not touching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: u64,
    pub label: String,
    pub spans: Vec<Range<usize>>,
}

impl Item {
    /// An item of `spans` in any order; overlapping or touching spans are
    /// merged and empty ones dropped, so equal coverage compares equal.
    pub fn new(id: u64, label: &str, spans: impl IntoIterator<Item = Range<usize>>) -> Item {
        Item {
            id,
            label: label.to_string(),
            spans: spans::merge(spans),
        }
    }

    /// A stored record in char offsets; `None` when it was rejected.
    pub fn from_record(record: &Record) -> Option<Item> {
        (record.status != Status::Rejected).then(|| {
            Item::new(
                record.id,
                &record.label,
                record.spans.iter().map(|s| s.start..s.end),
            )
        })
    }

    /// An annotation in byte offsets; `None` when it was rejected.
    pub fn from_annotation(annotation: &Annotation) -> Option<Item> {
        (annotation.status != Status::Rejected).then(|| {
            Item::new(
                annotation.id,
                &annotation.label,
                annotation.spans.iter().cloned(),
            )
        })
    }

    /// How many offsets the spans cover.
    pub fn len(&self) -> usize {
        self.spans.iter().map(|s| s.end - s.start).sum()
    }

    /// Whether the spans cover nothing.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The first offset covered and the one past the last.
    fn envelope(&self) -> Range<usize> {
        let start = self.spans.first().map_or(0, |s| s.start);
        let end = self.spans.last().map_or(0, |s| s.end);
        start..end
    }
}

/// How many offsets two sorted, disjoint span lists have in common.
fn common(a: &[Range<usize>], b: &[Range<usize>]) -> usize {
    let (mut i, mut j, mut total) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let start = a[i].start.max(b[j].start);
        let end = a[i].end.min(b[j].end);
        total += end.saturating_sub(start);
        if a[i].end <= b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    total
}

#[cfg(test)]
mod reconcile_tests;
#[cfg(test)]
mod tests;
