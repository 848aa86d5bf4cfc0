//! The review panel (`L`): the annotations in position order, filtered by
//! label, status and speaker.
//!
//! The rows that pass the filter are kept, not found again on each key: a
//! move, a draw or an action on a row costs what is on screen. They are
//! computed afresh only when the filter changes, and an edit updates just the
//! rows of the annotations it touched. While the panel is closed, edits only
//! mark the rows stale; opening it computes them once.

use std::collections::HashSet;

mod update;

pub use update::ListAction;
pub(super) use update::{rows_shown, update};

use super::action::Direction;
use super::rows;
use sayso_core::annotation::{Annotation, AnnotationSet, Label, Status};
use sayso_core::store::Record;

/// What the panel shows: every part that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub label: Option<String>,
    pub status: Option<Status>,
    /// Part of the speaker's name, any case; empty lets every one through.
    pub speaker: String,
    /// Only annotations that name no speaker (the speaker filter is then
    /// empty).
    pub unnamed: bool,
}

impl Filter {
    /// Whether anything is filtered out.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether annotation `a` of `set` passes.
    pub fn matches(&self, a: &Annotation, set: &AnnotationSet) -> bool {
        self.matcher(set).annotation(a)
    }

    /// The filter ready to test many annotations of `set`: the speakers it
    /// lets through are found once among the set's few distinct names, so
    /// each annotation costs a lookup, not a case-folded copy.
    fn matcher<'a>(&'a self, set: &'a AnnotationSet) -> Matcher<'a> {
        let speaker = self.speaker.trim().to_lowercase();
        let speakers = (!speaker.is_empty()).then(|| {
            set.speakers()
                .keys()
                .filter(|name| name.to_lowercase().contains(&speaker))
                .map(String::as_str)
                .collect()
        });
        Matcher {
            filter: self,
            speaker,
            speakers,
        }
    }

    /// The next label filter: none, each label of the schema, then any other
    /// label the article's annotations carry, then none again.
    pub fn next_label(&mut self, labels: &[Label], set: &AnnotationSet) {
        let mut names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
        for name in set.counts().keys() {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        let next = match &self.label {
            None => names.first(),
            Some(now) => names
                .iter()
                .position(|n| n == now)
                .and_then(|i| names.get(i + 1)),
        };
        self.label = next.map(|n| n.to_string());
    }

    /// The next status filter: none, pending, accepted, rejected, none.
    pub fn next_status(&mut self) {
        self.status = match self.status {
            None => Status::ALL.first().copied(),
            Some(now) => Status::ALL
                .iter()
                .skip_while(|s| **s != now)
                .nth(1)
                .copied(),
        };
    }
}

/// A [`Filter`] with its speaker in lower case, and the speakers of the
/// set that contain it (none when the speaker filter is empty).
struct Matcher<'a> {
    filter: &'a Filter,
    speaker: String,
    speakers: Option<HashSet<&'a str>>,
}

impl Matcher<'_> {
    fn annotation(&self, a: &Annotation) -> bool {
        self.label_and_status(&a.label, a.status)
            && (!self.filter.unnamed || a.speaker.is_none())
            && match &self.speakers {
                None => true,
                Some(names) => a.speaker.as_deref().is_some_and(|s| names.contains(s)),
            }
    }

    /// A detached record: its speaker need not be among the set's.
    fn record(&self, r: &Record) -> bool {
        self.label_and_status(&r.label, r.status)
            && (!self.filter.unnamed || r.speaker.is_none())
            && (self.speaker.is_empty()
                || r.speaker
                    .as_deref()
                    .is_some_and(|s| s.to_lowercase().contains(&self.speaker)))
    }

    fn label_and_status(&self, label: &str, status: Status) -> bool {
        self.filter.label.as_deref().is_none_or(|l| l == label)
            && self.filter.status.is_none_or(|s| s == status)
    }
}

/// One row of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    /// The annotation with this id.
    Attached(u64),
    /// The detached record at this index.
    Detached(usize),
}

/// The panel's state.
#[derive(Debug, Clone, Default)]
pub struct ListPanel {
    pub open: bool,
    /// The selected row.
    pub selected: usize,
    /// The first row on screen.
    pub top: usize,
    filter: Filter,
    /// The order keys of the annotations that pass the filter, in order.
    rows: Vec<(usize, u64)>,
    /// The detached records that pass the filter, after them.
    detached: Vec<usize>,
    /// Edits happened while the panel was closed: `rows` is out of date.
    stale: bool,
}

impl ListPanel {
    /// A closed panel with no filter.
    pub fn new() -> ListPanel {
        ListPanel {
            stale: true,
            ..ListPanel::default()
        }
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Rows that pass the filter.
    pub fn len(&self) -> usize {
        self.rows.len() + self.detached.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row at `index`.
    pub fn row(&self, index: usize) -> Option<ListRow> {
        match self.rows.get(index) {
            Some(&(_, id)) => Some(ListRow::Attached(id)),
            None => self
                .detached
                .get(index - self.rows.len())
                .map(|&i| ListRow::Detached(i)),
        }
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<ListRow> {
        self.row(self.selected)
    }

    /// Opens the panel, on the row of annotation `current` when it is there.
    pub fn show(&mut self, set: &AnnotationSet, detached: &[Record], current: Option<u64>) {
        self.open = true;
        if self.stale {
            self.refilter(set, detached);
        }
        match current.and_then(|id| set.get(id)) {
            Some(a) => self.select_key(a.order_key()),
            None => self.clamp(),
        }
    }

    /// Walks the whole set once for the rows the filter lets through.
    fn refilter(&mut self, set: &AnnotationSet, detached: &[Record]) {
        let matcher = self.filter.matcher(set);
        self.rows = set
            .iter()
            .filter(|a| matcher.annotation(a))
            .map(Annotation::order_key)
            .collect();
        self.detached = matching_records(&matcher, detached);
        self.stale = false;
    }

    /// Closes the panel; its rows are kept up to date no longer.
    pub fn hide(&mut self) {
        self.open = false;
        self.stale = true;
    }

    /// Filters by `filter`, keeping the selection on the same annotation,
    /// or the next one by position when that one is filtered out.
    pub fn set_filter(&mut self, filter: Filter, set: &AnnotationSet, detached: &[Record]) {
        let key = match self.selected_row() {
            Some(ListRow::Attached(id)) => set.get(id).map(Annotation::order_key),
            _ => None,
        };
        self.filter = filter;
        self.refilter(set, detached);
        match key {
            Some(key) => self.select_key(key),
            None => self.clamp(),
        }
    }

    /// After an edit of the set: `touched` are the order keys the edited
    /// annotations had before and have now (any may be absent from the
    /// rows). Only their rows change.
    pub fn changed(&mut self, set: &AnnotationSet, touched: &[(usize, u64)]) {
        if !self.open {
            self.stale = true;
            return;
        }
        for key in touched {
            if let Ok(i) = self.rows.binary_search(key) {
                self.rows.remove(i);
            }
        }
        let matcher = self.filter.matcher(set);
        for &(_, id) in touched {
            let Some(a) = set.get(id) else {
                continue;
            };
            if matcher.annotation(a) {
                if let Err(i) = self.rows.binary_search(&a.order_key()) {
                    self.rows.insert(i, a.order_key());
                }
            }
        }
        self.clamp();
    }

    /// Selects the row of annotation `id` when it passes the filter.
    pub fn select_id(&mut self, set: &AnnotationSet, id: u64) {
        if let Some(a) = set.get(id) {
            if let Ok(i) = self.rows.binary_search(&a.order_key()) {
                self.selected = i;
            }
        }
    }

    /// Moves the selection by `delta` rows, staying within the rows.
    pub fn move_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.clamp();
    }

    /// Scrolls so that the selected row is among the `height` rows shown.
    pub fn keep_in_view(&mut self, height: usize) {
        self.top = rows::shown_from(self.top, self.selected, height);
    }

    /// Selects the last row (`Forward`) or the first.
    pub fn to_end(&mut self, direction: Direction) {
        self.selected = match direction {
            Direction::Forward => self.len(),
            Direction::Backward => 0,
        };
        self.clamp();
    }

    /// Selects the row at `key`'s place in the order.
    fn select_key(&mut self, key: (usize, u64)) {
        self.selected = self.rows.partition_point(|k| *k < key);
        self.clamp();
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.len().saturating_sub(1));
    }

    /// The rows' keys, for tests that compare them with a fresh filter.
    #[cfg(test)]
    pub fn keys(&self) -> &[(usize, u64)] {
        &self.rows
    }
}

fn matching_records(matcher: &Matcher<'_>, detached: &[Record]) -> Vec<usize> {
    detached
        .iter()
        .enumerate()
        .filter(|(_, r)| matcher.record(r))
        .map(|(i, _)| i)
        .collect()
}
