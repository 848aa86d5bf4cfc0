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

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::{Mergeable, three_way};
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
    let (moved, made_way) = make_way(base, ours, theirs);
    let live = three_way(&base.annotations, &moved, &theirs.annotations);
    let records = three_way(&base.detached, &ours.detached, &theirs.detached);
    let (mut annotations, mut detached) = (live.annotations, records.annotations);
    let parted = part(&mut annotations, &mut detached, ours);
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
/// another new one; the ids changed, `(old, new)`.
fn make_way(
    base: &Snapshot,
    ours: &Snapshot,
    theirs: &Snapshot,
) -> (Vec<Arc<Annotation>>, Vec<(u64, u64)>) {
    let in_base: HashSet<u64> = ids(base).collect();
    let theirs_new: HashMap<u64, &Arc<Annotation>> = theirs
        .annotations
        .iter()
        .filter(|t| !in_base.contains(&t.id))
        .map(|t| (t.id, t))
        .collect();
    let highest = ids(base).chain(ids(ours)).chain(ids(theirs)).max();
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
/// many were renumbered.
fn part(annotations: &mut [Arc<Annotation>], detached: &mut [Record], ours: &Snapshot) -> usize {
    let live: HashMap<u64, usize> = annotations
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let shared: Vec<(usize, usize)> = detached
        .iter()
        .enumerate()
        .filter_map(|(j, r)| live.get(&r.id).map(|&i| (i, j)))
        .collect();
    if shared.is_empty() {
        return 0;
    }
    let merged = annotations
        .iter()
        .map(|a| a.id)
        .chain(detached.iter().map(|r| r.id));
    let fresh = merged.chain(ids(ours)).max().unwrap_or(0) + 1..;
    let ours_live: HashSet<u64> = ours.annotations.iter().map(|a| a.id).collect();
    for (id, &(i, j)) in fresh.zip(&shared) {
        if ours_live.contains(&detached[j].id) {
            detached[j].id = id;
        } else {
            Mergeable::set_id(&mut annotations[i], id);
        }
    }
    shared.len()
}
