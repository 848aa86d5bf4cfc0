//! The annotations of one article, ordered by position and found by position.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::facets::{Facet, NameId, Names};
use super::{Annotation, Finished, MAX_ID, Status};

/// The annotations of one article, sorted by [`Annotation::order_key`], and
/// whether the article is marked finished.
///
/// Annotations are kept behind `Arc` so that a snapshot for the background
/// saver costs a reference count per annotation, not a deep copy.
#[derive(Debug, Clone, Default)]
pub struct AnnotationSet {
    items: Vec<Arc<Annotation>>,
    /// `facets[i]` is what a filter or a search by position needs of
    /// `items[i]`, in one compact array (see the `facets` module).
    facets: Vec<Facet>,
    /// The labels and speakers of `facets`, numbered.
    names: Names,
    /// `max_end[i]` is the greatest end among `items[..=i]`: a search for what
    /// overlaps a range walks back from the range's end and stops as soon as
    /// nothing earlier can reach it.
    max_end: Vec<usize>,
    starts: HashMap<u64, usize>,
    counts: BTreeMap<String, usize>,
    /// How many annotations name each speaker: the form completes from it
    /// without walking the set.
    speakers: BTreeMap<String, usize>,
    /// How many annotations have each status, in [`Status::ALL`] order.
    statuses: [usize; 3],
    /// The greatest id this set has held or reserved: ids are not reused, so
    /// an id in a diff or an export always means one annotation.
    highest_id: u64,
    /// Ids in use outside the set (detached records of the sidecar).
    reserved: HashSet<u64>,
    /// Who marked the article finished, and when; changed like the
    /// annotations, by an edit (see [`crate::annotation::Edit::Finish`]), so
    /// that undo takes it back in its turn.
    finished: Option<Finished>,
}

impl AnnotationSet {
    /// A set of `annotations`, in any order; ids must be unique.
    pub fn new(annotations: Vec<Annotation>) -> AnnotationSet {
        let mut items: Vec<Arc<Annotation>> = annotations.into_iter().map(Arc::new).collect();
        // The collect above reuses the allocation of `annotations`, which is
        // many times larger than the pointers it now holds (11 MB for 50,000
        // annotations): give the rest back.
        items.shrink_to_fit();
        items.sort_by_key(|a| a.order_key());
        let mut set = AnnotationSet {
            facets: Vec::with_capacity(items.len()),
            names: Names::default(),
            starts: items.iter().map(|a| (a.id, a.start())).collect(),
            counts: BTreeMap::new(),
            speakers: BTreeMap::new(),
            statuses: [0; 3],
            max_end: Vec::new(),
            highest_id: items.iter().map(|a| a.id).max().unwrap_or(0),
            reserved: HashSet::new(),
            finished: None,
            items,
        };
        let items = std::mem::take(&mut set.items);
        for a in &items {
            set.count(a, true);
            let facet = Facet::of(a, &mut set.names);
            set.facets.push(facet);
        }
        set.items = items;
        set.rebuild_max_end(0);
        set
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All annotations in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Annotation> + ExactSizeIterator {
        self.items.iter().map(|a| a.as_ref())
    }

    /// What a filter needs of each annotation, in the same order as
    /// [`iter`](Self::iter): walking it reads no annotation.
    pub fn facets(&self) -> &[Facet] {
        &self.facets
    }

    /// The labels and speakers the facets number.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The number of a label or speaker `name`, if any annotation ever had it.
    pub fn name_id(&self, name: &str) -> Option<NameId> {
        self.names.id(name)
    }

    /// The `index`-th annotation in order.
    pub fn nth(&self, index: usize) -> Option<&Annotation> {
        self.items.get(index).map(|a| a.as_ref())
    }

    /// A cheap copy of the annotations in order, for the saver.
    pub fn snapshot(&self) -> Vec<Arc<Annotation>> {
        self.items.clone()
    }

    /// How many annotations carry each label.
    pub fn counts(&self) -> &BTreeMap<String, usize> {
        &self.counts
    }

    /// How many annotations name each speaker.
    pub fn speakers(&self) -> &BTreeMap<String, usize> {
        &self.speakers
    }

    /// How many annotations have `status`.
    pub fn with_status(&self, status: Status) -> usize {
        self.statuses[status_index(status)]
    }

    /// The annotation with `id`.
    pub fn get(&self, id: u64) -> Option<&Annotation> {
        self.index_of(id).map(|i| self.items[i].as_ref())
    }

    /// The position of annotation `id` in the order.
    pub fn index_of(&self, id: u64) -> Option<usize> {
        let start = *self.starts.get(&id)?;
        let i = self.position((start, id));
        (self.facets.get(i)?.id() == id).then_some(i)
    }

    /// The index of the first annotation that starts at or after `byte`
    /// (`len()` when none does).
    pub fn first_starting_from(&self, byte: usize) -> usize {
        self.facets.partition_point(|f| f.key.0 < byte)
    }

    /// An id that no annotation has, nor had since the set was made: greater
    /// than every id held or reserved, up to [`MAX_ID`].
    ///
    /// Past it (only a sidecar edited to hold an id at the limit gets there)
    /// the lowest id that no annotation holds and none is reserved for: new
    /// ids must never collide, and they must stay what every reader holds
    /// exactly.
    pub fn next_id(&self) -> u64 {
        if self.highest_id < MAX_ID {
            return self.highest_id + 1;
        }
        let taken = |id: &u64| self.starts.contains_key(id) || self.reserved.contains(id);
        // Of the first `held + 1` ids, one at least is free.
        let held = (self.starts.len() + self.reserved.len()) as u64;
        (1..=held + 1).find(|id| !taken(id)).unwrap_or(MAX_ID)
    }

    /// `count` ids in a row greater than every id held or reserved, when
    /// they all fit under [`MAX_ID`]; else `None` and
    /// [`next_id`](Self::next_id) must find each.
    pub fn fresh_ids(&self, count: usize) -> Option<Range<u64>> {
        let first = self.highest_id + 1;
        let end = first.checked_add(u64::try_from(count).ok()?)?;
        (end <= MAX_ID + 1).then_some(first..end)
    }

    /// Keeps [`next_id`](Self::next_id) from giving `ids`, which are in use
    /// outside the set (the detached records of its sidecar).
    pub fn reserve_ids(&mut self, ids: impl IntoIterator<Item = u64>) {
        for id in ids {
            self.highest_id = self.highest_id.max(id);
            self.reserved.insert(id);
        }
    }

    /// Who marked the article finished, and when; `None` while it is not.
    pub fn finished(&self) -> Option<&Finished> {
        self.finished.as_ref()
    }

    /// Marks the article finished (`Some`) or not; gives back what it was.
    pub fn set_finished(&mut self, finished: Option<Finished>) -> Option<Finished> {
        std::mem::replace(&mut self.finished, finished)
    }

    /// Adds `annotation`; one with the same id is replaced.
    pub fn insert(&mut self, annotation: Annotation) {
        self.remove(annotation.id);
        let i = self.position(annotation.order_key());
        self.starts.insert(annotation.id, annotation.start());
        self.highest_id = self.highest_id.max(annotation.id);
        self.count(&annotation, true);
        let facet = Facet::of(&annotation, &mut self.names);
        self.facets.insert(i, facet);
        self.items.insert(i, Arc::new(annotation));
        self.max_end.insert(i, 0);
        self.rebuild_max_end(i);
    }

    /// Adds `annotations`: in the time of their number when they come after
    /// every annotation held, as the batches of a sidecar read in order do;
    /// else in one sort, where [`insert`](Self::insert) would move the later
    /// ones each time. An id the set holds already is replaced.
    pub fn extend<A: Into<Arc<Annotation>>>(&mut self, annotations: impl IntoIterator<Item = A>) {
        let mut fresh = Vec::new();
        let mut fresh_facets = Vec::new();
        for annotation in annotations {
            let annotation: Arc<Annotation> = annotation.into();
            if self.starts.contains_key(&annotation.id) {
                self.insert(Arc::unwrap_or_clone(annotation));
                continue;
            }
            self.starts.insert(annotation.id, annotation.start());
            self.highest_id = self.highest_id.max(annotation.id);
            self.count(&annotation, true);
            fresh_facets.push(Facet::of(&annotation, &mut self.names));
            fresh.push(annotation);
        }
        // Appended only now: a replaced id above is inserted in place, and
        // must find the two arrays of the same length.
        let from = self.items.len();
        self.items.extend(fresh);
        self.facets.extend(fresh_facets);
        let in_order = self.facets[from.saturating_sub(1)..]
            .windows(2)
            .all(|pair| pair[0].key < pair[1].key);
        if in_order {
            self.rebuild_max_end(from);
        } else {
            let mut both: Vec<(Facet, Arc<Annotation>)> = std::mem::take(&mut self.facets)
                .into_iter()
                .zip(std::mem::take(&mut self.items))
                .collect();
            both.sort_by_key(|(facet, _)| facet.key);
            (self.facets, self.items) = both.into_iter().unzip();
            self.max_end.clear();
            self.rebuild_max_end(0);
        }
    }

    /// Removes annotation `id` and gives it back.
    pub fn remove(&mut self, id: u64) -> Option<Annotation> {
        let i = self.index_of(id)?;
        let removed = self.items.remove(i);
        self.facets.remove(i);
        self.max_end.remove(i);
        self.starts.remove(&id);
        self.count(&removed, false);
        self.rebuild_max_end(i);
        Some(Arc::unwrap_or_clone(removed))
    }

    /// The annotations with a span that overlaps `range`, in order.
    /// The cost is the number of annotations that start before `range.end` and
    /// could still reach it, not the size of the set.
    pub fn overlapping(&self, range: Range<usize>) -> Vec<&Annotation> {
        let before_end = self
            .facets
            .partition_point(|f| f.key.0 < range.end.max(range.start + 1));
        let mut found: Vec<&Annotation> = (0..before_end)
            .rev()
            .take_while(|&i| self.max_end[i] > range.start)
            .map(|i| self.items[i].as_ref())
            .filter(|a| a.overlaps(&range) || (range.is_empty() && a.contains(range.start)))
            .collect();
        found.reverse();
        found
    }

    /// The annotations with a span that holds `byte`, in order.
    pub fn at(&self, byte: usize) -> Vec<&Annotation> {
        self.overlapping(byte..byte + 1)
    }

    /// Where an annotation with order key `key` goes (or is): a binary
    /// search of the compact facets, not of the annotations behind pointers.
    fn position(&self, key: (usize, u64)) -> usize {
        self.facets.partition_point(|f| f.key < key)
    }

    /// Adds `a` to the counts by label, speaker and status, or takes it out.
    fn count(&mut self, a: &Annotation, add: bool) {
        tally(&mut self.counts, &a.label, add);
        if let Some(speaker) = &a.speaker {
            tally(&mut self.speakers, speaker, add);
        }
        let n = &mut self.statuses[status_index(a.status)];
        *n = if add { *n + 1 } else { n.saturating_sub(1) };
    }

    /// Recomputes `max_end` from index `from` after an insert or a removal
    /// there. Past `from`, a stored value that equals the recomputed one means
    /// every later value is unchanged too (each depends only on the one before
    /// and its own end), so a typical edit touches a few entries, not the set.
    fn rebuild_max_end(&mut self, from: usize) {
        self.max_end.resize(self.items.len(), 0);
        let mut running = if from == 0 { 0 } else { self.max_end[from - 1] };
        for i in from..self.items.len() {
            running = running.max(self.items[i].end());
            if i > from && self.max_end[i] == running {
                break;
            }
            self.max_end[i] = running;
        }
    }
}

fn status_index(status: Status) -> usize {
    match status {
        Status::Pending => 0,
        Status::Accepted => 1,
        Status::Rejected => 2,
    }
}

/// Counts one more or one less `key`; a count that reaches zero goes.
fn tally(counts: &mut BTreeMap<String, usize>, key: &str, add: bool) {
    if add {
        *counts.entry(key.to_string()).or_default() += 1;
    } else if let Some(n) = counts.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            counts.remove(key);
        }
    }
}
