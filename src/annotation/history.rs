//! Undo and redo of every change to the annotations.

use super::{Annotation, AnnotationSet};

/// One change to the set. A user action is a list of edits, undone together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(Annotation),
    Remove(Annotation),
    Replace {
        before: Annotation,
        after: Annotation,
    },
}

impl Edit {
    fn apply(&self, set: &mut AnnotationSet) {
        match self {
            Edit::Insert(a) => set.insert(a.clone()),
            Edit::Remove(a) => {
                set.remove(a.id);
            }
            Edit::Replace { after, .. } => set.insert(after.clone()),
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
        }
    }
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
}

impl History {
    /// Applies `edits` to `set` as one undoable step; clears the redo stack.
    pub fn apply(&mut self, set: &mut AnnotationSet, edits: Vec<Edit>) {
        for e in &edits {
            e.apply(set);
        }
        self.undo.push(edits);
        self.redo.clear();
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
