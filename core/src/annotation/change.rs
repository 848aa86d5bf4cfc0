//! Changes to the annotations, as values.
//!
//! Whatever asks for a change (a key in the annotator, the edit form,
//! another editor's version taken with `T`), a function here turns the
//! request and the annotations as they are into a [`Change`]: the [`Edit`]s
//! to make as one step, and what [`Kind`] of change it is. Or it refuses,
//! with a [`Refusal`] that says why. Nothing here changes the annotations or
//! reads the clock: the time and the author come in a [`Stamp`], so the same
//! request on the same annotations gives the same change, and a test can
//! say which. [`History::apply`](super::History::apply) makes the change,
//! so that `u` takes back every change the same way, whoever asked for it.
//!
//! # Stamping
//!
//! Every annotation a change writes (an inserted one, or the new version of
//! a replaced one) gets `modified` = the stamp's time, in one place,
//! [`Change::new`]. An annotation made from nothing (tagging) also takes its
//! `created` time and its `author` from the stamp. Everything else keeps
//! where it came from: an edited annotation its `created` and `author`, one
//! split off those of the annotation it leaves, one taken from another
//! editor their `author` and `created`.

use std::ops::Range;

use super::{Annotation, AnnotationSet, Edit, Finished, Origin, Status, now_rfc3339};
use crate::article::spans;

/// Who makes a change, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub author: String,
    /// RFC 3339, UTC.
    pub time: String,
}

impl Stamp {
    /// `author`, now.
    pub fn now(author: &str) -> Stamp {
        Stamp {
            author: author.to_string(),
            time: now_rfc3339(),
        }
    }
}

/// A change to make as one step: its edits, stamped, and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    pub edits: Vec<Edit>,
}

/// What a change does, named by the annotation it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Annotation `.0` tagged.
    Tag(u64),
    /// Annotation `.0` deleted.
    Delete(u64),
    /// `absorbed` joined into `into`: one annotation with the spans of both.
    Join { into: u64, absorbed: u64 },
    /// The status of annotation `.0` set to `.1`.
    Status(u64, Status),
    /// The speaker of annotation `.0` set.
    Speaker(u64),
    /// Annotation `id` edited; `split_off` are the annotations its split
    /// spans became.
    Edit { id: u64, split_off: Vec<u64> },
    /// Another editor's version taken for annotation `id`.
    Take { id: u64, took: Took },
    /// The article marked finished (`true`) or not finished any more.
    Finish(bool),
    /// Suggestions added for the article, pending (see
    /// [`crate::suggest::change`]).
    Suggest,
}

/// How another editor's version was taken (see [`take_theirs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Took {
    /// Mine became theirs.
    Theirs,
    /// A rejected one of mine on their text was accepted again.
    AcceptedAgain,
    /// Theirs was added.
    Added,
    /// Mine, which they do not have, was deleted.
    Deleted,
}

impl Kind {
    /// The annotation to look at once the change is made: the one tagged,
    /// edited, joined into or taken; `None` when the change deleted it or is
    /// about the whole article.
    pub fn focus(&self) -> Option<u64> {
        match *self {
            Kind::Delete(_)
            | Kind::Finish(_)
            | Kind::Suggest
            | Kind::Take {
                took: Took::Deleted,
                ..
            } => None,
            Kind::Tag(id)
            | Kind::Status(id, _)
            | Kind::Speaker(id)
            | Kind::Join { into: id, .. }
            | Kind::Edit { id, .. }
            | Kind::Take { id, .. } => Some(id),
        }
    }
}

impl Change {
    /// A change of `kind` made of `edits`, each annotation it writes
    /// stamped with `stamp`'s time (see the module documentation).
    pub fn new(kind: Kind, mut edits: Vec<Edit>, stamp: &Stamp) -> Change {
        for edit in &mut edits {
            match edit {
                Edit::Insert(a) | Edit::Replace { after: a, .. } => {
                    a.modified.clone_from(&stamp.time);
                }
                Edit::Remove(_) | Edit::Finish { .. } => {}
            }
        }
        Change { kind, edits }
    }
}

/// Why a change cannot be made. Each says so in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Nothing to tag as {label} here.")]
    NothingToTag { label: String },
    #[error("Already tagged as {label} #{id}.")]
    AlreadyTagged { label: String, id: u64 },
    #[error("#{id} is gone (deleted meanwhile): nothing changed.")]
    Gone { id: u64 },
    #[error("No later {label} to join #{id} with.")]
    NothingToJoin { label: String, id: u64 },
    #[error("{label} #{id} is already {}.", status.name())]
    AlreadyStatus {
        label: String,
        id: u64,
        status: Status,
    },
    #[error("The selection holds no name, only white space.")]
    NoName,
    #[error("“{name}” is already the speaker of {label} #{id}.")]
    SameSpeaker {
        name: String,
        label: String,
        id: u64,
    },
    #[error("No change to {label} #{id}.")]
    NoChange { label: String, id: u64 },
    #[error("{label} #{id} must keep at least one span: split off all but one.")]
    NoSpanLeft { label: String, id: u64 },
    #[error("Neither editor has an annotation here: nothing to take.")]
    NothingToTake,
    #[error("Nothing new to suggest: all the rules find is tagged already.")]
    NothingToSuggest,
}

/// A new annotation of `label` on `spans` (the selection, or the unit at
/// the cursor), accepted, made by hand. Refused when `spans` is empty or an
/// annotation of `label` has exactly these spans already.
pub fn tag(
    set: &AnnotationSet,
    label: &str,
    spans: Vec<Range<usize>>,
    stamp: &Stamp,
) -> Result<Change, Refusal> {
    let Some(first) = spans.first().cloned() else {
        return Err(Refusal::NothingToTag {
            label: label.to_string(),
        });
    };
    if let Some(same) = set
        .overlapping(first)
        .into_iter()
        .find(|a| a.label == label && a.spans == spans)
    {
        return Err(Refusal::AlreadyTagged {
            label: label.to_string(),
            id: same.id,
        });
    }
    let id = set.next_id();
    let annotation = Annotation {
        id,
        label: label.to_string(),
        spans,
        speaker: None,
        note: None,
        status: Status::Accepted,
        origin: Origin::Manual,
        author: stamp.author.clone(),
        created: stamp.time.clone(),
        modified: stamp.time.clone(),
    };
    Ok(Change::new(
        Kind::Tag(id),
        vec![Edit::Insert(annotation)],
        stamp,
    ))
}

/// Annotation `id` deleted.
pub fn delete(set: &AnnotationSet, id: u64, stamp: &Stamp) -> Result<Change, Refusal> {
    let gone = held(set, id)?.clone();
    Ok(Change::new(
        Kind::Delete(id),
        vec![Edit::Remove(gone)],
        stamp,
    ))
}

/// Annotation `id` joined with the next one of its label in position order:
/// one annotation, `id`, with the spans of both (overlapping or touching
/// spans merged).
pub fn join(set: &AnnotationSet, id: u64, stamp: &Stamp) -> Result<Change, Refusal> {
    let first = held(set, id)?;
    let next = set
        .index_of(id)
        .and_then(|i| set.iter().skip(i + 1).find(|a| a.label == first.label));
    let Some(second) = next else {
        return Err(Refusal::NothingToJoin {
            label: first.label.clone(),
            id,
        });
    };
    let joined = Annotation {
        spans: spans::merge(first.spans.iter().chain(&second.spans).cloned()),
        ..first.clone()
    };
    Ok(Change::new(
        Kind::Join {
            into: id,
            absorbed: second.id,
        },
        vec![
            Edit::Remove(second.clone()),
            Edit::Replace {
                before: first.clone(),
                after: joined,
            },
        ],
        stamp,
    ))
}

/// Annotation `id` given `status`; refused when it has it already.
pub fn set_status(
    set: &AnnotationSet,
    id: u64,
    status: Status,
    stamp: &Stamp,
) -> Result<Change, Refusal> {
    let before = held(set, id)?;
    if before.status == status {
        return Err(Refusal::AlreadyStatus {
            label: before.label.clone(),
            id,
            status,
        });
    }
    let after = Annotation {
        status,
        ..before.clone()
    };
    Ok(Change::new(
        Kind::Status(id, status),
        vec![replacing(before, after)],
        stamp,
    ))
}

/// Annotation `id` given the speaker named in `text` (selected in the
/// article): runs of white space (line breaks too: a selection may cross
/// lines) and control characters become one space, none at the ends.
pub fn set_speaker(
    set: &AnnotationSet,
    id: u64,
    text: &str,
    stamp: &Stamp,
) -> Result<Change, Refusal> {
    let before = held(set, id)?;
    let name = speaker_name(text);
    if name.is_empty() {
        return Err(Refusal::NoName);
    }
    if before.speaker.as_deref() == Some(name.as_str()) {
        return Err(Refusal::SameSpeaker {
            name,
            label: before.label.clone(),
            id,
        });
    }
    let after = Annotation {
        speaker: Some(name),
        ..before.clone()
    };
    Ok(Change::new(
        Kind::Speaker(id),
        vec![replacing(before, after)],
        stamp,
    ))
}

fn speaker_name(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the edit form holds for one annotation when it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The annotation edited.
    pub id: u64,
    pub label: String,
    pub speaker: Option<String>,
    pub note: Option<String>,
    /// The spans it keeps.
    pub spans: Vec<Range<usize>>,
    /// The spans split off, each to become an annotation of its own.
    pub split_off: Vec<Range<usize>>,
}

/// Annotation `draft.id` as the draft has it. Each span split off becomes
/// an annotation like the one it leaves (label, speaker, note, status,
/// origin, author, created) with a new id. Refused when nothing would
/// change, when no span is left, or when the annotation is gone.
pub fn edit(set: &AnnotationSet, draft: Draft, stamp: &Stamp) -> Result<Change, Refusal> {
    let before = held(set, draft.id)?;
    if draft.spans.is_empty() {
        return Err(Refusal::NoSpanLeft {
            label: before.label.clone(),
            id: draft.id,
        });
    }
    let after = Annotation {
        label: draft.label,
        speaker: draft.speaker,
        note: draft.note,
        spans: draft.spans,
        ..before.clone()
    };
    if after == *before {
        return Err(Refusal::NoChange {
            label: before.label.clone(),
            id: draft.id,
        });
    }
    let parts: Vec<Annotation> = draft
        .split_off
        .into_iter()
        .zip(set.next_id()..)
        .map(|(span, id)| Annotation {
            id,
            spans: vec![span],
            ..after.clone()
        })
        .collect();
    let kind = Kind::Edit {
        id: draft.id,
        split_off: parts.iter().map(|p| p.id).collect(),
    };
    let mut edits = vec![replacing(before, after)];
    edits.extend(parts.into_iter().map(Edit::Insert));
    Ok(Change::new(kind, edits, stamp))
}

/// The article marked finished by the stamp's author at its time; or, when
/// it is finished already, not finished any more. Never refused: `F` always
/// toggles, and `u` takes it back.
pub fn toggle_finished(set: &AnnotationSet, stamp: &Stamp) -> Change {
    let before = set.finished().cloned();
    let after = match before {
        Some(_) => None,
        None => Some(Finished {
            by: stamp.author.clone(),
            at: stamp.time.clone(),
        }),
    };
    Change::new(
        Kind::Finish(after.is_some()),
        vec![Edit::Finish { before, after }],
        stamp,
    )
}

/// Makes mine what another editor has where we disagree: `mine` is my
/// annotation there (by id), `theirs` theirs.
///
/// - Both have one: mine gets their label, spans, speaker and note, keeps
///   its id, origin, author and created time, and is accepted (taking it
///   is a decision).
/// - Only they have one: it is added, accepted, with a new id, as
///   `Imported` with their author and created time (where it came from); a
///   rejected one of mine with the same label on the same characters is
///   accepted instead, rather than a second copy beside it.
/// - Only I have one: mine is deleted.
pub fn take_theirs(
    set: &AnnotationSet,
    mine: Option<u64>,
    theirs: Option<&Annotation>,
    stamp: &Stamp,
) -> Result<Change, Refusal> {
    let mine = mine.map(|id| held(set, id)).transpose()?;
    let (id, took, edit) = match (mine, theirs) {
        (Some(before), Some(t)) => {
            let after = Annotation {
                label: t.label.clone(),
                spans: t.spans.clone(),
                ..accepted_as(before, t)
            };
            (before.id, Took::Theirs, replacing(before, after))
        }
        (None, Some(t)) => match rejected_copy(set, t) {
            Some(before) => {
                let after = accepted_as(before, t);
                (before.id, Took::AcceptedAgain, replacing(before, after))
            }
            None => {
                let added = Annotation {
                    id: set.next_id(),
                    status: Status::Accepted,
                    origin: Origin::Imported,
                    ..t.clone()
                };
                (added.id, Took::Added, Edit::Insert(added))
            }
        },
        (Some(before), None) => (before.id, Took::Deleted, Edit::Remove(before.clone())),
        (None, None) => return Err(Refusal::NothingToTake),
    };
    Ok(Change::new(Kind::Take { id, took }, vec![edit], stamp))
}

/// `mine` with the speaker and note of `theirs`, accepted.
fn accepted_as(mine: &Annotation, theirs: &Annotation) -> Annotation {
    Annotation {
        speaker: theirs.speaker.clone(),
        note: theirs.note.clone(),
        status: Status::Accepted,
        ..mine.clone()
    }
}

/// A rejected annotation of the set with the label of `theirs` on exactly
/// the characters it covers.
fn rejected_copy<'a>(set: &'a AnnotationSet, theirs: &Annotation) -> Option<&'a Annotation> {
    let first = theirs.spans.first()?.clone();
    let covered = spans::merge(theirs.spans.iter().cloned());
    set.overlapping(first).into_iter().find(|a| {
        a.status == Status::Rejected
            && a.label == theirs.label
            && spans::merge(a.spans.iter().cloned()) == covered
    })
}

/// Annotation `id`, or the refusal that says it is gone.
fn held(set: &AnnotationSet, id: u64) -> Result<&Annotation, Refusal> {
    set.get(id).ok_or(Refusal::Gone { id })
}

fn replacing(before: &Annotation, after: Annotation) -> Edit {
    Edit::Replace {
        before: before.clone(),
        after,
    }
}
