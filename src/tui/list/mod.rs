//! The review panel (`L`): the annotations in position order, filtered by
//! label, status and speaker.
//!
//! The rows that pass the filter are kept, not found again on each key: a
//! move, a draw or an action on a row costs what is on screen. They are
//! computed afresh only when the filter changes, by a walk of the set's
//! compact facets (labels and speakers as numbers), which reads none of the
//! annotations themselves; an edit updates just the rows of the annotations
//! it touched. While the panel is closed, edits only mark the rows stale;
//! opening it computes them once.

mod update;

pub use update::ListAction;
pub(super) use update::{rows_shown, update};

use super::action::Direction;
use super::rows;
use sayso_core::annotation::facets::{Facet, NameId};
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
        let matcher = self.matcher(set);
        set.index_of(a.id)
            .and_then(|i| set.facets().get(i))
            .is_some_and(|f| matcher.facet(f))
    }

    /// The filter ready to test many annotations of `set`: its label and the
    /// speakers it lets through are looked up once among the set's few
    /// distinct names, so each annotation costs a comparison of numbers.
    fn matcher<'a>(&'a self, set: &AnnotationSet) -> Matcher<'a> {
        let speaker = self.speaker.trim().to_lowercase();
        let speakers = (!speaker.is_empty()).then(|| {
            let mut through = vec![false; set.names().len()];
            for name in set.speakers().keys() {
                if name.to_lowercase().contains(&speaker) {
                    if let Some(id) = set.name_id(name) {
                        through[id.index()] = true;
                    }
                }
            }
            through
        });
        Matcher {
            filter: self,
            label: self.label.as_deref().map(|l| set.name_id(l)),
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

/// A [`Filter`] with its label numbered as the set numbers it, its speaker
/// in lower case, and which of the set's names contain it (none when the
/// speaker filter is empty).
struct Matcher<'a> {
    filter: &'a Filter,
    /// `Some(None)`: a label no annotation of the set has ever had.
    label: Option<Option<NameId>>,
    speaker: String,
    /// Indexed by [`NameId::index`]: whether that speaker passes.
    speakers: Option<Vec<bool>>,
}

impl Matcher<'_> {
    /// An annotation of the set, by its facet.
    fn facet(&self, f: &Facet) -> bool {
        self.label.is_none_or(|l| l == Some(f.label))
            && self.filter.status.is_none_or(|s| s == f.status)
            && (!self.filter.unnamed || f.speaker.is_none())
            && match &self.speakers {
                None => true,
                Some(through) => f
                    .speaker
                    .is_some_and(|s| through.get(s.index()).copied().unwrap_or(false)),
            }
    }

    /// A detached record: its names need not be among the set's.
    fn record(&self, r: &Record) -> bool {
        self.filter.label.as_deref().is_none_or(|l| l == r.label)
            && self.filter.status.is_none_or(|s| s == r.status)
            && (!self.filter.unnamed || r.speaker.is_none())
            && (self.speaker.is_empty()
                || r.speaker
                    .as_deref()
                    .is_some_and(|s| s.to_lowercase().contains(&self.speaker)))
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
            .facets()
            .iter()
            .filter(|f| matcher.facet(f))
            .map(|f| f.key)
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
            let Some(facet) = set.index_of(id).and_then(|i| set.facets().get(i)) else {
                continue;
            };
            if matcher.facet(facet) {
                if let Err(i) = self.rows.binary_search(&facet.key) {
                    self.rows.insert(i, facet.key);
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
