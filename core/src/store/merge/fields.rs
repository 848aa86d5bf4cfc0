//! What a merge needs of an annotation, for records of a file and for
//! annotations in memory alike.

use std::sync::Arc;

use crate::annotation::{Annotation, Origin, Status};
use crate::store::format::Record;

/// An annotation a three-way merge can work on.
pub trait Mergeable: Clone + PartialEq {
    fn id(&self) -> u64;
    fn set_id(&mut self, id: u64);
    /// Its label and spans: what makes two new annotations one.
    fn place(&self) -> (String, Vec<(usize, usize)>);
    /// `ours` and `theirs` merged field by field against `base` (`None`
    /// when both made it): a field one side changed takes that side's
    /// value. Otherwise the names of the fields both changed differently.
    fn merge_fields(
        base: Option<&Self>,
        ours: &Self,
        theirs: &Self,
    ) -> Result<Self, Vec<&'static str>>;
    /// The other side of a conflict with annotation `of`, added as `id`:
    /// pending and imported, its note saying so.
    fn other_side(self, id: u64, of: u64, what: &str) -> Self;
    /// Kept, but pending, with a note saying why.
    fn under_review(self, what: &str) -> Self;
}

impl Mergeable for Record {
    fn id(&self) -> u64 {
        self.id
    }

    fn set_id(&mut self, id: u64) {
        self.id = id;
    }

    fn place(&self) -> (String, Vec<(usize, usize)>) {
        let spans = self.spans.iter().map(|s| (s.start, s.end)).collect();
        (self.label.clone(), spans)
    }

    fn merge_fields(
        base: Option<&Record>,
        ours: &Record,
        theirs: &Record,
    ) -> Result<Record, Vec<&'static str>> {
        let mut conflicts = Vec::new();
        // The context goes with the spans it was taken around.
        let spans_of = |r: &Record| (r.spans.clone(), r.prefix.clone(), r.suffix.clone());
        let (spans, prefix, suffix) = take(
            "spans",
            base.map(spans_of).as_ref(),
            &spans_of(ours),
            &spans_of(theirs),
            &mut conflicts,
        );
        let common = merge_common(
            base.map(Side::of_record),
            Side::of_record(ours),
            Side::of_record(theirs),
            &mut conflicts,
        );
        if !conflicts.is_empty() {
            return Err(conflicts);
        }
        Ok(Record {
            id: ours.id,
            label: common.label,
            spans,
            prefix,
            suffix,
            speaker: common.speaker,
            note: common.note,
            status: common.status,
            origin: common.origin,
            author: common.author,
            created: common.created,
            modified: common.modified,
        })
    }

    fn other_side(mut self, id: u64, of: u64, what: &str) -> Record {
        (self.id, self.origin) = (id, Origin::Imported);
        review(&mut self.status, &mut self.note, other_side_note(of, what));
        self
    }

    fn under_review(mut self, what: &str) -> Record {
        review(
            &mut self.status,
            &mut self.note,
            format!("merge conflict: {what}"),
        );
        self
    }
}

impl Mergeable for Annotation {
    fn id(&self) -> u64 {
        self.id
    }

    fn set_id(&mut self, id: u64) {
        self.id = id;
    }

    fn place(&self) -> (String, Vec<(usize, usize)>) {
        let spans = self.spans.iter().map(|s| (s.start, s.end)).collect();
        (self.label.clone(), spans)
    }

    fn merge_fields(
        base: Option<&Annotation>,
        ours: &Annotation,
        theirs: &Annotation,
    ) -> Result<Annotation, Vec<&'static str>> {
        let mut conflicts = Vec::new();
        let spans = take(
            "spans",
            base.map(|b| &b.spans),
            &ours.spans,
            &theirs.spans,
            &mut conflicts,
        );
        let common = merge_common(
            base.map(Side::of_annotation),
            Side::of_annotation(ours),
            Side::of_annotation(theirs),
            &mut conflicts,
        );
        if !conflicts.is_empty() {
            return Err(conflicts);
        }
        Ok(Annotation {
            id: ours.id,
            label: common.label,
            spans,
            speaker: common.speaker,
            note: common.note,
            status: common.status,
            origin: common.origin,
            author: common.author,
            created: common.created,
            modified: common.modified,
        })
    }

    fn other_side(mut self, id: u64, of: u64, what: &str) -> Annotation {
        (self.id, self.origin) = (id, Origin::Imported);
        review(&mut self.status, &mut self.note, other_side_note(of, what));
        self
    }

    fn under_review(mut self, what: &str) -> Annotation {
        review(
            &mut self.status,
            &mut self.note,
            format!("merge conflict: {what}"),
        );
        self
    }
}

/// Annotations shared with the saver's snapshots: a merge clones a
/// reference, and only what it changes is copied.
impl<T: Mergeable> Mergeable for Arc<T> {
    fn id(&self) -> u64 {
        T::id(self)
    }

    fn set_id(&mut self, id: u64) {
        Arc::make_mut(self).set_id(id);
    }

    fn place(&self) -> (String, Vec<(usize, usize)>) {
        T::place(self)
    }

    fn merge_fields(
        base: Option<&Arc<T>>,
        ours: &Arc<T>,
        theirs: &Arc<T>,
    ) -> Result<Arc<T>, Vec<&'static str>> {
        T::merge_fields(base.map(|b| &**b), ours, theirs).map(Arc::new)
    }

    fn other_side(self, id: u64, of: u64, what: &str) -> Arc<T> {
        Arc::new(Arc::unwrap_or_clone(self).other_side(id, of, what))
    }

    fn under_review(self, what: &str) -> Arc<T> {
        Arc::new(Arc::unwrap_or_clone(self).under_review(what))
    }
}

/// The note of the other side of a conflict.
fn other_side_note(of: u64, what: &str) -> String {
    format!("the other side of a merge conflict with #{of} ({what}); keep one and delete the other")
}

/// The value of a field after a three-way merge: the same on both sides,
/// or changed on one side only. Both changed it differently: ours, and its
/// name goes to `conflicts`.
fn take<F: PartialEq + Clone>(
    name: &'static str,
    base: Option<&F>,
    ours: &F,
    theirs: &F,
    conflicts: &mut Vec<&'static str>,
) -> F {
    if ours == theirs || base == Some(theirs) {
        ours.clone()
    } else if base == Some(ours) {
        theirs.clone()
    } else {
        conflicts.push(name);
        ours.clone()
    }
}

/// The fields every kind of annotation has, merged.
struct Common {
    label: String,
    speaker: Option<String>,
    note: Option<String>,
    status: Status,
    origin: Origin,
    author: String,
    created: String,
    modified: String,
}

/// The common fields of one side, borrowed.
struct Side<'a> {
    label: &'a String,
    speaker: &'a Option<String>,
    note: &'a Option<String>,
    status: &'a Status,
    origin: &'a Origin,
    author: &'a String,
    created: &'a String,
    modified: &'a String,
}

impl Side<'_> {
    fn of_record(r: &Record) -> Side<'_> {
        Side {
            label: &r.label,
            speaker: &r.speaker,
            note: &r.note,
            status: &r.status,
            origin: &r.origin,
            author: &r.author,
            created: &r.created,
            modified: &r.modified,
        }
    }

    fn of_annotation(a: &Annotation) -> Side<'_> {
        Side {
            label: &a.label,
            speaker: &a.speaker,
            note: &a.note,
            status: &a.status,
            origin: &a.origin,
            author: &a.author,
            created: &a.created,
            modified: &a.modified,
        }
    }
}

/// Merges the common fields; `conflicts` gets the names of those both
/// sides changed differently. Who made it and when are never a conflict:
/// ours unless only theirs changed it, the earlier `created` and the later
/// `modified`.
fn merge_common(
    base: Option<Side>,
    ours: Side,
    theirs: Side,
    conflicts: &mut Vec<&'static str>,
) -> Common {
    let b = base.as_ref();
    // Made on both sides: a speaker or note only one side gave is added,
    // not a conflict.
    let unset = None;
    let mut quiet = Vec::new();
    Common {
        label: take(
            "label",
            b.map(|b| b.label),
            ours.label,
            theirs.label,
            conflicts,
        ),
        speaker: take(
            "speaker",
            b.map_or(Some(&unset), |b| Some(b.speaker)),
            ours.speaker,
            theirs.speaker,
            conflicts,
        ),
        note: take(
            "note",
            b.map_or(Some(&unset), |b| Some(b.note)),
            ours.note,
            theirs.note,
            conflicts,
        ),
        status: take(
            "status",
            b.map(|b| b.status),
            ours.status,
            theirs.status,
            conflicts,
        ),
        origin: take(
            "origin",
            b.map(|b| b.origin),
            ours.origin,
            theirs.origin,
            &mut quiet,
        ),
        author: take(
            "author",
            b.map(|b| b.author),
            ours.author,
            theirs.author,
            &mut quiet,
        ),
        created: ours.created.min(theirs.created).clone(),
        modified: ours.modified.max(theirs.modified).clone(),
    }
}

/// Sets an annotation pending, its note led by what the merge says of it.
fn review(status: &mut Status, note: &mut Option<String>, said: String) {
    *status = Status::Pending;
    *note = Some(match note.take() {
        Some(note) if !note.is_empty() => format!("{said} · {note}"),
        _ => said,
    });
}
