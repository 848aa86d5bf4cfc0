//! Everything the editor can ask for, as plain data.

use super::keymap::Key;

/// A cursor motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    NextParagraph,
    PrevParagraph,
    FirstParagraph,
    LastParagraph,
    NextGrapheme,
    PrevGrapheme,
    NextWord,
    PrevWord,
    NextSentence,
    PrevSentence,
    ParagraphStart,
    ParagraphEnd,
}

#[cfg(test)]
impl Motion {
    /// Every motion, for tests that try them all.
    pub const ALL: [Motion; 12] = [
        Motion::NextParagraph,
        Motion::PrevParagraph,
        Motion::FirstParagraph,
        Motion::LastParagraph,
        Motion::NextGrapheme,
        Motion::PrevGrapheme,
        Motion::NextWord,
        Motion::PrevWord,
        Motion::NextSentence,
        Motion::PrevSentence,
        Motion::ParagraphStart,
        Motion::ParagraphEnd,
    ];
}

/// Which end of the selection `{` `}` `[` `]` move, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    StartLeft,
    StartRight,
    EndLeft,
    EndRight,
}

/// One thing for [`super::update()`] to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Move(Motion),
    /// Scroll a screen down (`true`) or up, the cursor to the new top line.
    Page {
        down: bool,
    },
    ToggleSelection,
    SelectSentence,
    SelectQuotation,
    Nudge(Nudge),
    SearchStart,
    SearchInput(char),
    SearchBackspace,
    SearchSubmit,
    SearchNext,
    SearchPrev,
    /// Drop the selection, close a popup, cancel a search.
    Escape,
    /// Tag with the label at this index of the schema.
    Tag(usize),
    NextAnnotation,
    PrevAnnotation,
    CycleOverlap,
    Delete,
    NextPending,
    PrevPending,
    Join,
    /// `D` with `--compare`: go to the next disagreement with the other editor.
    NextDisagreement,
    /// `T` with `--compare`: take the other editor's version of the current
    /// disagreement.
    TakeTheirs,
    /// `Enter`: open the edit form on the current annotation.
    OpenForm,
    /// `S`: the selection becomes the current annotation's speaker.
    SetSpeaker,
    Accept,
    Reject,
    ToggleList,
    ListDown,
    ListUp,
    ListFirst,
    ListLast,
    ListPageDown,
    ListPageUp,
    ListJump,
    /// Open the form on the selected row's annotation.
    ListEdit,
    ListAccept,
    ListReject,
    ListDelete,
    /// Filter the list by the next label (cycles, back to none).
    FilterLabel,
    /// Filter the list by the next status (cycles, back to none).
    FilterStatus,
    /// Start typing a speaker filter.
    FilterSpeaker,
    FilterInput(char),
    FilterBackspace,
    /// Stop typing the speaker filter, keeping it.
    FilterDone,
    /// Drop every filter of the list.
    FilterClear,
    /// Save the form as one undoable step.
    FormSave,
    /// The next / previous part of the form.
    FormNext,
    FormPrev,
    /// Tab / Shift-Tab: complete the speaker with the next / previous match.
    FormComplete,
    FormCompleteBack,
    /// `←` `→`: the previous / next label on the label row; in a text
    /// field, the cursor moves.
    FormLeft,
    FormRight,
    /// Mark the selected span row to split off on save (or unmark it).
    FormSplit,
    /// Any other key in the form: typed into the focused field.
    FormKey(Key),
    HelpDown,
    HelpUp,
    Undo,
    Redo,
    Save,
    Help,
    Quit,
    /// A mouse click at a terminal cell.
    Click {
        column: u16,
        row: u16,
    },
    /// A mouse drag to a terminal cell.
    Drag {
        column: u16,
        row: u16,
    },
    ScrollDown(u16),
    ScrollUp(u16),
    Resize {
        width: u16,
        height: u16,
    },
}
