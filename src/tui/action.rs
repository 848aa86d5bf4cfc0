//! Everything the editor can ask for, as plain data.

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

/// One thing for [`super::update`] to do.
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
    ToggleList,
    ListDown,
    ListUp,
    ListJump,
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
