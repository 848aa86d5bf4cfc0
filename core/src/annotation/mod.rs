//! Annotations: labels on spans of the article, with who said it and review state.
//!
//! Spans here are byte ranges into the article text, on grapheme boundaries;
//! [`crate::store`] turns them into char offsets for the sidecar.

pub mod change;
mod color;
pub mod facets;
mod history;
mod label;
pub mod schema;
mod set;

pub use change::{Change, Kind, Refusal, Stamp};
pub use color::{Color, UnknownColor};
pub use history::{Edit, History};
pub use label::{Label, Unit};
pub use set::AnnotationSet;

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Review status: what the editor tags is `Accepted`; imports and suggestions
/// start `Pending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Pending,
    Accepted,
    Rejected,
}

impl Status {
    /// Every status, in the order a review goes: pending first.
    pub const ALL: [Status; 3] = [Status::Pending, Status::Accepted, Status::Rejected];

    /// The status in lower case, as the status line, the list, exports and
    /// `sayso stats` write it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }
}

/// Where an annotation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    Manual,
    Suggested,
    Imported,
}

impl Origin {
    /// The origin in lower case, as exports write it.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Manual => "manual",
            Origin::Suggested => "suggested",
            Origin::Imported => "imported",
        }
    }
}

/// The greatest id an annotation may have: 2^53 − 1, the greatest whole
/// number a JavaScript reader of an export (Label Studio, doccano, a browser)
/// holds exactly, so that an exported id always means one annotation. A
/// sidecar with a greater id is refused when it is read, and new ids never
/// pass it (see [`AnnotationSet::next_id`]).
pub const MAX_ID: u64 = (1 << 53) - 1;

/// One annotation: a label on one or more spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub id: u64,
    pub label: String,
    /// Byte ranges, sorted by start, non-empty, not overlapping each other.
    pub spans: Vec<Range<usize>>,
    pub speaker: Option<String>,
    pub note: Option<String>,
    pub status: Status,
    pub origin: Origin,
    pub author: String,
    /// RFC 3339, UTC.
    pub created: String,
    /// RFC 3339, UTC.
    pub modified: String,
}

impl Annotation {
    /// Where the first span starts.
    pub fn start(&self) -> usize {
        self.spans.first().map_or(0, |s| s.start)
    }

    /// Where the last span ends.
    pub fn end(&self) -> usize {
        self.spans.iter().map(|s| s.end).max().unwrap_or(0)
    }

    /// Whether any span holds `byte`.
    pub fn contains(&self, byte: usize) -> bool {
        self.spans.iter().any(|s| s.start <= byte && byte < s.end)
    }

    /// Whether any span overlaps `range`.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        self.spans
            .iter()
            .any(|s| s.start < range.end && range.start < s.end)
    }

    /// The key annotations are ordered by: first start offset, then id.
    pub fn order_key(&self) -> (usize, u64) {
        (self.start(), self.id)
    }
}

/// An article marked finished: who marked it, and when. The sidecar keeps it
/// (`finished: Some((by: "ed", at: "…"))`); without it the article is not
/// finished.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finished {
    pub by: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// The current time as RFC 3339 in UTC, to the second.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod change_tests;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod set_tests;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
