//! Three-way merge of annotations: two editors' changes to one base,
//! by annotation identity rather than by line.
//!
//! An annotation is the same on both sides when it has the same id and
//! comes from the base, or, new on both sides, has the same label and spans.
//! An id both sides gave to different new annotations is two annotations:
//! theirs gets a new id. Each field (label, spans, speaker, note, status) is
//! merged on its own: a field one side changed takes that side's value, so
//! one editor's new speaker and the other's moved span both survive. When
//! both changed a field differently, or one deleted what the other changed,
//! that is a conflict: ours is kept, and theirs is added beside it as a
//! pending, imported annotation whose note says so, for the editor to
//! settle with `p`. Nothing either side has is dropped.
//!
//! [`three_way`] works on any list of [`Mergeable`] annotations: records
//! of sidecar files (`sayso merge`) as well as annotations in memory.
//! [`merge_files`] merges whole sidecars, [`resolve`] the sides of a
//! sidecar git merged as text, and [`incoming`] a sidecar changed on disk
//! into the annotations an annotator holds.

mod fields;
mod incoming;
mod markers;
mod resolve;
mod taken;

pub use fields::Mergeable;
#[cfg(test)]
pub(crate) use incoming::incoming_whole;
pub use incoming::{Incoming, incoming};
pub use markers::{MarkerError, Sides, conflict_sides};
pub(super) use markers::{first_marker_line, has_conflict_markers};
pub use resolve::{ResolveError, resolve};

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::format::{FileRecord, SourceRecord, write_records_to};
use super::{StoreError, read_records, save_with};
use crate::annotation::Finished;
use taken::Taken;

/// A merge's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    /// The merged annotations: ours in ours's order, what only theirs has,
    /// and the other sides of conflicts.
    pub annotations: Vec<T>,
    pub report: Report,
}

/// What a merge did, besides the annotations it gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Annotations taken from their side alone: added there, or changed
    /// only there.
    pub from_theirs: usize,
    /// Their new annotations that got a new id, `(old, new)`.
    pub renumbered: Vec<(u64, u64)>,
    pub conflicts: Vec<Conflict>,
}

/// An annotation both sides changed differently, or one changed and the
/// other deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The annotation's id (ours, when ours kept it).
    pub id: u64,
    /// The id their version was added under, beside ours.
    pub theirs: u64,
    /// What differs: `label`, `spans`, `speaker`, `note`, `status`, or that
    /// one side deleted it.
    pub what: String,
}

/// Merges `ours` and `theirs`, two versions of `base`.
pub fn three_way<T: Mergeable>(base: &[T], ours: &[T], theirs: &[T]) -> Merged<T> {
    three_way_above(base, ours, theirs, None)
}

/// [`three_way`] of lists that are part of longer ones, whose ids go up
/// to `highest`: a new id is above it too.
fn three_way_above<T: Mergeable>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    highest: Option<u64>,
) -> Merged<T> {
    let base_ids: HashMap<u64, &T> = base.iter().map(|a| (a.id(), a)).collect();
    let our_ids: HashMap<u64, &T> = ours.iter().map(|a| (a.id(), a)).collect();
    let their_ids: HashMap<u64, &T> = theirs.iter().map(|a| (a.id(), a)).collect();
    let highest = base
        .iter()
        .chain(ours)
        .chain(theirs)
        .map(Mergeable::id)
        .chain(highest)
        .max();
    let mut merge: Merge<T> = Merge {
        next_id: highest.unwrap_or(0) + 1,
        merged: Merged {
            annotations: Vec::with_capacity(ours.len().max(theirs.len())),
            report: Report::default(),
        },
    };
    // New on our side, by place: theirs may have made the same one.
    let our_new: HashMap<_, &T> = ours
        .iter()
        .filter(|a| !base_ids.contains_key(&a.id()))
        .map(|a| (a.place(), a))
        .collect();
    for o in ours {
        match (base_ids.get(&o.id()), their_ids.get(&o.id())) {
            (Some(&b), Some(&t)) => merge.both_kept(Some(b), o, t),
            (Some(&b), None) if o == b => {}
            (Some(_), None) => merge.deleted_by_theirs(o),
            (None, _) => merge.push(o.clone()),
        }
    }
    let mut matched = HashSet::new();
    for t in theirs {
        if let Some(&b) = base_ids.get(&t.id()) {
            if !our_ids.contains_key(&t.id()) && t != b {
                merge.deleted_by_ours(t);
            }
            continue;
        }
        match our_new.get(&t.place()) {
            // Both made it: one annotation, its fields merged.
            Some(&o) if matched.insert(o.id()) => merge.both_made(o, t),
            _ => merge.theirs_new(t, our_ids.contains_key(&t.id())),
        }
    }
    merge.merged
}

/// A merge under way.
struct Merge<T> {
    next_id: u64,
    merged: Merged<T>,
}

impl<T: Mergeable> Merge<T> {
    fn push(&mut self, annotation: T) {
        self.merged.annotations.push(annotation);
    }

    fn new_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Both sides still have the base's annotation `o` / `t`.
    fn both_kept(&mut self, base: Option<&T>, o: &T, t: &T) {
        // Most annotations are unchanged, or changed on one side only.
        if o == t || base == Some(t) {
            return self.push(o.clone());
        }
        if base == Some(o) {
            self.merged.report.from_theirs += 1;
            return self.push(t.clone());
        }
        match T::merge_fields(base, o, t) {
            Ok(merged) => self.push(merged),
            Err(fields) => self.conflict(o.clone(), t, differ(&fields)),
        }
    }

    /// Their new annotation is at the same place as our new `o`: merged as
    /// one, in its place in our list.
    fn both_made(&mut self, o: &T, t: &T) {
        let Some(i) = self
            .merged
            .annotations
            .iter()
            .position(|a| a.id() == o.id())
        else {
            return;
        };
        match T::merge_fields(None, o, t) {
            Ok(merged) => self.merged.annotations[i] = merged,
            Err(fields) => {
                let what = differ(&fields);
                let id = self.new_id();
                let copy = t.clone().other_side(id, o.id(), &what);
                self.merged.annotations.push(copy);
                self.merged.report.conflicts.push(Conflict {
                    id: o.id(),
                    theirs: id,
                    what,
                });
            }
        }
    }

    /// We deleted what they changed: theirs comes back, pending.
    fn deleted_by_ours(&mut self, t: &T) {
        let what = "deleted on our side, changed on theirs".to_string();
        let copy = t.clone().other_side(t.id(), t.id(), &what);
        self.push(copy);
        self.merged.report.conflicts.push(Conflict {
            id: t.id(),
            theirs: t.id(),
            what,
        });
    }

    /// They deleted what we changed: ours stays, pending, with a note.
    fn deleted_by_theirs(&mut self, o: &T) {
        let what = "changed on our side, deleted on theirs".to_string();
        self.push(o.clone().under_review(&what));
        self.merged.report.conflicts.push(Conflict {
            id: o.id(),
            theirs: o.id(),
            what,
        });
    }

    /// Their new annotation, under a new id when ours took its id.
    fn theirs_new(&mut self, t: &T, id_taken: bool) {
        let mut t = t.clone();
        if id_taken {
            let id = self.new_id();
            self.merged.report.renumbered.push((t.id(), id));
            t.set_id(id);
        }
        self.merged.report.from_theirs += 1;
        self.push(t);
    }

    /// Ours `o` is kept; theirs is added beside it under a new id.
    fn conflict(&mut self, o: T, t: &T, what: String) {
        let id = self.new_id();
        let copy = t.clone().other_side(id, o.id(), &what);
        self.merged.report.conflicts.push(Conflict {
            id: o.id(),
            theirs: id,
            what,
        });
        self.push(o);
        self.push(copy);
    }
}

/// `speaker differs`, `speaker, note differ`.
fn differ(fields: &[&str]) -> String {
    let verb = if fields.len() == 1 {
        "differs"
    } else {
        "differ"
    };
    format!("{} {verb}", fields.join(", "))
}

/// Merges the sidecar files at `base`, `ours` and `theirs` (git's %O %A
/// %B) and writes the merge to `ours`, atomically. An empty `base` (no
/// bytes) means the sidecar is new on both sides. The three are read at once, on as many
/// threads. Nothing is written when one cannot be read.
///
/// The merged records are written as they are borrowed from the files read,
/// rendered straight into the atomic save: merging two sidecars of 50,000
/// records copies neither their records nor the text written.
pub fn merge_paths(base: &Path, ours: &Path, theirs: &Path) -> Result<Report, StoreError> {
    let read = |path: &Path| -> Result<Option<FileRecord>, StoreError> {
        let meta = std::fs::metadata(path).map_err(|source| StoreError::Io {
            action: "read",
            path: path.to_path_buf(),
            source,
        })?;
        match meta.len() {
            0 => Ok(None),
            _ => read_records(path).map(Some),
        }
    };
    let (base, our_file, their_file) = std::thread::scope(|scope| {
        let base = scope.spawn(|| read(base));
        let theirs = scope.spawn(|| read(theirs));
        let ours = read(ours);
        let joined = |h: std::thread::ScopedJoinHandle<'_, _>| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        (joined(base), ours, joined(theirs))
    });
    let empty = |path: &Path| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: "the file is empty, where a sidecar was expected".into(),
    };
    let our_file = our_file?.ok_or_else(|| empty(ours))?;
    let their_file = their_file?.ok_or_else(|| empty(theirs))?;
    let base = base?;
    let merged = merge_taken(base.as_ref(), &our_file, &their_file);
    let records = merged.records.iter().map(|r| &**r).collect();
    save_with(ours, |out| {
        write_records_to(out, &merged.source, merged.finished.as_ref(), records)
    })?;
    let report = merged.report;
    // Three files of 50,000 records hold a million and a half strings: a
    // tenth of a second to free, which `sayso merge` (it exits next) need
    // not wait for.
    super::free_apart((base, our_file, their_file));
    Ok(report)
}

/// Merges three sidecar files; `base` is `None` when the sidecar is new on
/// both sides. When the two sides were written on the same article text
/// the result is too. Otherwise it names the base's text (or ours, when
/// there is no base), which the merged article is not: sayso then places
/// every annotation again, context and all, when it next reads the file,
/// so that records written on one text are never taken at their offsets
/// on another.
pub fn merge_files(
    base: Option<&FileRecord>,
    ours: &FileRecord,
    theirs: &FileRecord,
) -> (FileRecord, Report) {
    let merged = merge_taken(base, ours, theirs);
    let file = FileRecord {
        format: ours.format,
        source: merged.source,
        finished: merged.finished,
        annotations: merged.records.into_iter().map(Taken::into_record).collect(),
    };
    (file, merged.report)
}

/// A merge of sidecar files, its records borrowed from them where it takes
/// one as a side has it.
struct MergedFiles<'f> {
    source: SourceRecord,
    finished: Option<Finished>,
    records: Vec<Taken<'f>>,
    report: Report,
}

/// [`merge_files`], borrowing the records it takes as they are.
fn merge_taken<'f>(
    base: Option<&'f FileRecord>,
    ours: &'f FileRecord,
    theirs: &'f FileRecord,
) -> MergedFiles<'f> {
    let taken = |file: &'f FileRecord| -> Vec<Taken<'f>> {
        file.annotations.iter().map(Taken::Read).collect()
    };
    let base_records = base.map(taken).unwrap_or_default();
    let merged = three_way(&base_records, &taken(ours), &taken(theirs));
    let source = match base {
        Some(base) if ours.source.blake3 != theirs.source.blake3 => base.source.clone(),
        _ => ours.source.clone(),
    };
    MergedFiles {
        source,
        finished: merged_finished(base, ours, theirs),
        records: merged.annotations,
        report: merged.report,
    }
}

/// The finished mark of the merge: the one a side changed from the base
/// (finished on one branch, reopened on the other), ours when both changed
/// it; either way an article one side finished stays finished unless the
/// other side took the mark off.
fn merged_finished(
    base: Option<&FileRecord>,
    ours: &FileRecord,
    theirs: &FileRecord,
) -> Option<Finished> {
    let before = base.and_then(|b| b.finished.as_ref());
    if ours.finished.as_ref() == before {
        theirs.finished.clone()
    } else {
        ours.finished.clone()
    }
}
