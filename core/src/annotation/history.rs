//! Undo and redo of every change to the annotations, and to the article's
//! finished mark.
//!
//! [`History::apply`] records what each edit actually did to the set, not
//! what the caller said it would do: an `Insert` over an existing id is kept
//! as a `Replace` of what was there, a `Remove` of an id that is not there is
//! dropped, a `Finish` that leaves the mark as it was is no edit. Undo then
//! restores exactly the state before, whatever the edits.
//!
//! # Changes from outside
//!
//! Some changes are not the editor's steps: the sidecar changed on disk and
//! merged in, annotations re-anchored. [`History::apply_outside`] makes
//! them without recording a step, so `u` never takes back what someone or
//! something else did. Undo goes on taking back the editor's own steps in
//! order, and stays exact: every recorded step (to undo or to redo) forgets
//! the annotations the outside change touched (and the finished mark, when
//! it touched that), and a step left with nothing is dropped. An annotation
//! changed from outside keeps that version however
//! far back the editor undoes, unless a later step of theirs changed it
//! again, which undo takes back to the outside version. Without this, undoing
//! a step recorded before would put back what it saw then and silently drop
//! the outside change. (The steps hold spans in offsets of the article text:
//! when the text itself changes, they no longer fit it, and the history
//! starts afresh with `History::default()`.)

use std::collections::{HashMap, HashSet};

use super::{Annotation, AnnotationSet, Finished};

/// One change to the set. A user action is a list of edits, undone together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(Annotation),
    Remove(Annotation),
    Replace {
        before: Annotation,
        after: Annotation,
    },
    /// The article marked finished (`after` is `Some`) or not finished any
    /// more; `before` is the mark it had.
    Finish {
        before: Option<Finished>,
        after: Option<Finished>,
    },
}

/// What an edit is about: one annotation, or the article's finished mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Annotation(u64),
    Finished,
}

/// What a target holds.
#[derive(Debug, PartialEq, Eq)]
enum Held<'a> {
    Annotation(Option<&'a Annotation>),
    Finished(Option<&'a Finished>),
}

/// What an edit leaves one target holding.
enum Now {
    Annotation(u64, Option<Annotation>),
    Finished(Option<Finished>),
}

impl Edit {
    fn apply(&self, set: &mut AnnotationSet) {
        match self {
            Edit::Insert(a) => set.insert(a.clone()),
            Edit::Remove(a) => {
                set.remove(a.id);
            }
            Edit::Replace { before, after } => {
                set.remove(before.id);
                set.insert(after.clone());
            }
            Edit::Finish { after, .. } => {
                set.set_finished(after.clone());
            }
        }
    }

    /// What the edit does, one target at a time. A `Replace` that changes
    /// the id is two changes.
    fn changes(self) -> Vec<Now> {
        match self {
            Edit::Insert(a) => vec![Now::Annotation(a.id, Some(a))],
            Edit::Remove(a) => vec![Now::Annotation(a.id, None)],
            Edit::Replace { before, after } if before.id != after.id => vec![
                Now::Annotation(before.id, None),
                Now::Annotation(after.id, Some(after)),
            ],
            Edit::Replace { after, .. } => vec![Now::Annotation(after.id, Some(after))],
            Edit::Finish { after, .. } => vec![Now::Finished(after)],
        }
    }

    /// What the edit is about (one target: [`History::apply`] records a
    /// `Replace` that changes the id as a removal and an insertion).
    fn target(&self) -> Target {
        match self {
            Edit::Insert(a) | Edit::Remove(a) => Target::Annotation(a.id),
            Edit::Replace { before, .. } => Target::Annotation(before.id),
            Edit::Finish { .. } => Target::Finished,
        }
    }

    /// What the target held before the edit.
    fn before(&self) -> Held<'_> {
        match self {
            Edit::Insert(_) => Held::Annotation(None),
            Edit::Remove(a) | Edit::Replace { before: a, .. } => Held::Annotation(Some(a)),
            Edit::Finish { before, .. } => Held::Finished(before.as_ref()),
        }
    }

    /// The edit that takes an id from `before` to `after`; `None` when
    /// nothing changes.
    fn between(before: Option<Annotation>, after: Option<Annotation>) -> Option<Edit> {
        match (before, after) {
            (None, None) => None,
            (None, Some(a)) => Some(Edit::Insert(a)),
            (Some(b), None) => Some(Edit::Remove(b)),
            (Some(b), Some(a)) if a == b => None,
            (Some(before), Some(after)) => Some(Edit::Replace { before, after }),
        }
    }

    fn inverse(&self) -> Edit {
        match self {
            Edit::Insert(a) => Edit::Remove(a.clone()),
            Edit::Remove(a) => Edit::Insert(a.clone()),
            Edit::Replace { before, after } => Edit::Replace {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Finish { before, after } => Edit::Finish {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }
}

/// What `target` holds in `set` now.
fn held(set: &AnnotationSet, target: Target) -> Held<'_> {
    match target {
        Target::Annotation(id) => Held::Annotation(set.get(id)),
        Target::Finished => Held::Finished(set.finished()),
    }
}

/// Applies `edits` to `set` one target at a time; gives back what each did.
fn apply_each(set: &mut AnnotationSet, edits: Vec<Edit>) -> Vec<Edit> {
    let mut done = Vec::with_capacity(edits.len());
    for now in edits.into_iter().flat_map(Edit::changes) {
        match now {
            Now::Annotation(id, after) => {
                let before = set.get(id).cloned();
                match &after {
                    Some(a) => set.insert(a.clone()),
                    None => {
                        set.remove(id);
                    }
                }
                done.extend(Edit::between(before, after));
            }
            Now::Finished(after) => {
                let before = set.set_finished(after.clone());
                if before != after {
                    done.push(Edit::Finish { before, after });
                }
            }
        }
    }
    done
}

/// Whether `done`, already applied to `set`, left any target different
/// from what it held before the first edit (an insert then a removal of the
/// same annotation is no change).
fn changes_anything(done: &[Edit], set: &AnnotationSet) -> bool {
    let mut first_before: HashMap<Target, Held> = HashMap::new();
    for edit in done {
        first_before.entry(edit.target()).or_insert(edit.before());
    }
    first_before
        .into_iter()
        .any(|(target, before)| held(set, target) != before)
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
}

impl History {
    /// Applies `edits` to `set` as one undoable step; clears the redo stack.
    /// Edits that change nothing are not recorded, and a step that changes
    /// nothing at all is not a step: undo never seems to do nothing. Gives
    /// back the step as recorded (what the edits did, before and after),
    /// `None` when it changed nothing.
    pub fn apply(&mut self, set: &mut AnnotationSet, edits: Vec<Edit>) -> Option<Vec<Edit>> {
        let done = apply_each(set, edits);
        if !changes_anything(&done, set) {
            return None;
        }
        self.undo.push(done.clone());
        self.redo.clear();
        Some(done)
    }

    /// Applies `edits` that come from outside the editor's steps, not as a
    /// step of their own: undo and redo leave what they changed as they made
    /// it (see the module documentation). Gives back what the edits did.
    pub fn apply_outside(&mut self, set: &mut AnnotationSet, edits: Vec<Edit>) -> Vec<Edit> {
        let done = apply_each(set, edits);
        let touched: HashSet<Target> = done.iter().map(Edit::target).collect();
        for stack in [&mut self.undo, &mut self.redo] {
            for step in stack.iter_mut() {
                step.retain(|edit| !touched.contains(&edit.target()));
            }
            stack.retain(|step| !step.is_empty());
        }
        done
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step; gives back the edits that were undone.
    pub fn undo(&mut self, set: &mut AnnotationSet) -> Option<Vec<Edit>> {
        let edits = self.undo.pop()?;
        for e in edits.iter().rev() {
            e.inverse().apply(set);
        }
        self.redo.push(edits.clone());
        Some(edits)
    }

    /// Redoes the last undone step; gives back its edits.
    pub fn redo(&mut self, set: &mut AnnotationSet) -> Option<Vec<Edit>> {
        let edits = self.redo.pop()?;
        for e in &edits {
            e.apply(set);
        }
        self.undo.push(edits.clone());
        Some(edits)
    }
}
