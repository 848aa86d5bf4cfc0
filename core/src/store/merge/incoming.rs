//! A sidecar changed on disk, merged into the annotations in memory.
//!
//! An annotator keeps the version of its sidecar it last read or wrote: the
//! base. When another program writes the file (a second annotator, `sayso
//! import`, `git pull`), [`incoming`] merges the editor's annotations (ours)
//! and the file's (theirs) against that base with [`three_way`], and gives
//! the edits that take ours to the merge, for the annotator to make as one
//! change from outside. What both changed differently is kept twice, theirs
//! pending beside ours. An id both sides gave to new annotations stays
//! theirs, and our new one takes another: theirs is on disk already, where
//! other programs know it by that id, ours only here. The detached records
//! are merged the same way, and an id a merged annotation and a merged
//! detached record would share stays with the one ours had. The article's
//! finished mark is theirs where only they changed it, else ours.
//!
//! # Cost
//!
//! Most annotations are alike on all three sides, and stay so: only the
//! ones either side changed are merged. What changed is found by walking
//! the base beside each side in the order the annotator keeps them (by
//! start, then id; a sidecar is written in that order), so the merge of a
//! few annotations changed among 50,000 costs two walks, no table of all.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Mergeable, three_way, three_way_above};
use crate::annotation::{Annotation, Edit};
use crate::store::{Record, Snapshot};

/// What a version from disk brings in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Incoming {
    /// The edits that take ours to the merge.
    pub edits: Vec<Edit>,
    /// The detached records after the merge, when they are not ours.
    pub detached: Option<Vec<Record>>,
    /// Annotations that came in new.
    pub added: usize,
    /// Annotations that took their version.
    pub changed: usize,
    /// Annotations deleted on their side.
    pub deleted: usize,
    /// Annotations both changed differently, or one changed and the other
    /// deleted: theirs kept beside ours, pending, or ours set pending.
    pub conflicts: usize,
    /// Their annotations that came in under a new id, theirs being taken
    /// here.
    pub renumbered: usize,
    /// Our new annotations that took a new id, theirs having made another
    /// one under it: `(old, new)`.
    pub made_way: Vec<(u64, u64)>,
    /// The merge holds something the file does not: it must be written.
    pub unsaved: bool,
}

impl Incoming {
    /// Whether ours is left as it was.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.detached.is_none()
    }
}

/// Merges `ours` and `theirs`, the editor's annotations and the file's, two
/// versions of `base`.
pub fn incoming(base: &Snapshot, ours: &Snapshot, theirs: &Snapshot) -> Incoming {
    let mut touched = differ(&base.annotations, &ours.annotations);
    touched.extend(differ(&base.annotations, &theirs.annotations));
    merge_touched(base, ours, theirs, &touched)
}

/// [`incoming`] with every annotation merged, touched or not: what it must
/// give, for the tests.
#[cfg(test)]
pub(crate) fn incoming_whole(base: &Snapshot, ours: &Snapshot, theirs: &Snapshot) -> Incoming {
    let sides = [base, ours, theirs];
    let every = sides
        .iter()
        .flat_map(|s| s.annotations.iter().map(|a| a.id));
    merge_touched(base, ours, theirs, &every.collect())
}

/// [`incoming`] of the annotations whose ids are `touched`: the others are
/// alike on all three sides and merge into themselves, with no edit; only
/// their ids count, so that no new id takes one of them.
fn merge_touched(
    whole_base: &Snapshot,
    whole_ours: &Snapshot,
    whole_theirs: &Snapshot,
    touched: &HashSet<u64>,
) -> Incoming {
    let sides = [whole_base, whole_ours, whole_theirs];
    let highest_live = sides
        .iter()
        .flat_map(|s| s.annotations.iter().map(|a| a.id))
        .max();
    let highest = sides.iter().flat_map(|s| ids(s)).max();
    let only_touched = |side: &Snapshot| Snapshot {
        annotations: side
            .annotations
            .iter()
            .filter(|a| touched.contains(&a.id))
            .cloned()
            .collect(),
        detached: Arc::clone(&side.detached),
        finished: side.finished.clone(),
    };
    let (base, ours, theirs) = (
        &only_touched(whole_base),
        &only_touched(whole_ours),
        &only_touched(whole_theirs),
    );
    let (moved, made_way) = make_way(base, ours, theirs, highest);
    let live = three_way_above(&base.annotations, &moved, &theirs.annotations, highest_live);
    let records = three_way(&base.detached, &ours.detached, &theirs.detached);
    let (mut annotations, mut detached) = (live.annotations, records.annotations);
    let parted = part(&mut annotations, &mut detached, whole_ours, touched);
    let conflicted: HashSet<u64> = live
        .report
        .conflicts
        .iter()
        .flat_map(|c| [c.id, c.theirs])
        .collect();
    let mut came = Incoming {
        conflicts: live.report.conflicts.len() + records.report.conflicts.len(),
        renumbered: live.report.renumbered.len() + records.report.renumbered.len() + parted,
        unsaved: !same(&annotations, &theirs.annotations) || !same(&detached, &theirs.detached),
        detached: (!same(&detached, &ours.detached)).then_some(detached),
        made_way,
        ..Incoming::default()
    };
    // What came is counted against ours with its new ids; the edits take
    // ours as the editor has it to the merge.
    let (moved_ids, our_ids) = (by_id(&moved), by_id(&ours.annotations));
    for merged in &annotations {
        let counted = match moved_ids.get(&merged.id) {
            Some(&o) if o == merged => None,
            Some(_) => Some(&mut came.changed),
            None => Some(&mut came.added),
        };
        if let Some(count) = counted.filter(|_| !conflicted.contains(&merged.id)) {
            *count += 1;
        }
        match our_ids.get(&merged.id) {
            Some(&o) if o == merged => {}
            Some(&o) => came.edits.push(Edit::Replace {
                before: Annotation::clone(o),
                after: Annotation::clone(merged),
            }),
            None => came.edits.push(Edit::Insert(Annotation::clone(merged))),
        }
    }
    let merged_ids: HashSet<u64> = annotations.iter().map(|a| a.id).collect();
    came.deleted = moved.iter().filter(|o| !merged_ids.contains(&o.id)).count();
    let gone = ours
        .annotations
        .iter()
        .filter(|o| !merged_ids.contains(&o.id));
    came.edits
        .extend(gone.map(|o| Edit::Remove(Annotation::clone(o))));
    // The article's finished mark: theirs where only they changed it.
    let finished = if ours.finished == base.finished {
        &theirs.finished
    } else {
        &ours.finished
    };
    if *finished != ours.finished {
        came.edits.push(Edit::Finish {
            before: ours.finished.clone(),
            after: finished.clone(),
        });
    }
    came.unsaved |= *finished != theirs.finished;
    came
}

/// Ours with a new id for each new annotation whose id theirs gave to
/// another new one, above `highest`; the ids changed, `(old, new)`.
fn make_way(
    base: &Snapshot,
    ours: &Snapshot,
    theirs: &Snapshot,
    highest: Option<u64>,
) -> (Vec<Arc<Annotation>>, Vec<(u64, u64)>) {
    let in_base: HashSet<u64> = ids(base).collect();
    let theirs_new: HashMap<u64, &Arc<Annotation>> = theirs
        .annotations
        .iter()
        .filter(|t| !in_base.contains(&t.id))
        .map(|t| (t.id, t))
        .collect();
    let mut fresh = highest.unwrap_or(0) + 1..;
    let mut made_way = Vec::new();
    let moved = ours
        .annotations
        .iter()
        .map(|o| {
            let mut o = Arc::clone(o);
            let taken = theirs_new
                .get(&o.id)
                .is_some_and(|t| t.place() != o.place());
            if taken && !in_base.contains(&o.id) {
                let id = fresh.next().unwrap_or(u64::MAX);
                made_way.push((o.id, id));
                Mergeable::set_id(&mut o, id);
            }
            o
        })
        .collect();
    (moved, made_way)
}

fn by_id(list: &[Arc<Annotation>]) -> HashMap<u64, &Arc<Annotation>> {
    list.iter().map(|a| (a.id, a)).collect()
}

/// Every id of a snapshot, live and detached.
fn ids(snapshot: &Snapshot) -> impl Iterator<Item = u64> + '_ {
    let live = snapshot.annotations.iter().map(|a| a.id);
    live.chain(snapshot.detached.iter().map(|r| r.id))
}

/// Whether `a` and `b` hold the same annotations, in any order.
fn same<T: Mergeable>(a: &[T], b: &[T]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let by_id: HashMap<u64, &T> = b.iter().map(|x| (x.id(), x)).collect();
    a.iter().all(|x| by_id.get(&x.id()) == Some(&x))
}

/// Gives an id that a merged annotation and a merged detached record share
/// to the one ours had, and a new id above every other to the other; how
/// many were renumbered. `annotations` are the touched ones merged; the
/// others are ours whole, unchanged.
fn part(
    annotations: &mut [Arc<Annotation>],
    detached: &mut [Record],
    ours: &Snapshot,
    touched: &HashSet<u64>,
) -> usize {
    if detached.is_empty() {
        return 0;
    }
    let record_ids: HashSet<u64> = detached.iter().map(|r| r.id).collect();
    // Our annotations that a record's id names: few, found in one walk.
    let ours_live: HashSet<u64> = ours
        .annotations
        .iter()
        .map(|a| a.id)
        .filter(|id| record_ids.contains(id))
        .collect();
    let live: HashMap<u64, usize> = annotations
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let untouched_live = |id: &u64| ours_live.contains(id) && !touched.contains(id);
    let shared: Vec<(Option<usize>, usize)> = detached
        .iter()
        .enumerate()
        .filter_map(|(j, r)| match live.get(&r.id) {
            Some(&i) => Some((Some(i), j)),
            None => untouched_live(&r.id).then_some((None, j)),
        })
        .collect();
    if shared.is_empty() {
        return 0;
    }
    let merged = annotations
        .iter()
        .map(|a| a.id)
        .chain(detached.iter().map(|r| r.id));
    let fresh = merged.chain(ids(ours)).max().unwrap_or(0) + 1..;
    for (id, &(i, j)) in fresh.zip(&shared) {
        match i {
            Some(i) if !ours_live.contains(&detached[j].id) => {
                Mergeable::set_id(&mut annotations[i], id);
            }
            _ => detached[j].id = id,
        }
    }
    shared.len()
}

/// The ids of the annotations `a` and `b` do not hold alike: changed, or
/// in one of them only. Both are walked side by side in order, by start
/// then id.
fn differ(a: &[Arc<Annotation>], b: &[Arc<Annotation>]) -> HashSet<u64> {
    let (a, b) = (in_order(a), in_order(b));
    let mut differ = HashSet::new();
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.order_key().cmp(&y.order_key()) {
            Ordering::Equal => {
                // The same allocation, most often: no field is compared.
                if x != y {
                    differ.insert(x.id);
                }
                (i, j) = (i + 1, j + 1);
            }
            Ordering::Less => {
                differ.insert(x.id);
                i += 1;
            }
            Ordering::Greater => {
                differ.insert(y.id);
                j += 1;
            }
        }
    }
    differ.extend(a[i..].iter().chain(&b[j..]).map(|x| x.id));
    differ
}

/// `list` by start then id, as the annotator keeps it; sorted here only
/// when a file had another order.
fn in_order(list: &[Arc<Annotation>]) -> Cow<'_, [Arc<Annotation>]> {
    if list.is_sorted_by_key(|a| a.order_key()) {
        return Cow::Borrowed(list);
    }
    let mut sorted = list.to_vec();
    sorted.sort_unstable_by_key(|a| a.order_key());
    Cow::Owned(sorted)
}
