//! Everything the editor can ask for, as plain data: one [`Action`] per
//! mode's own actions (each mode defines them next to its state and handles
//! them), and the few that mean the same in every mode.

use super::corpus::{CorpusAction, OverviewAction};
use super::form::FormAction;
use super::goto::GoToAction;
use super::help::HelpAction;
use super::list::ListAction;
use super::loading::Arrival;
use super::normal::NormalAction;
use super::search::SearchAction;

/// One thing for [`super::update()`] to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// In the article: move, select, tag, go through annotations.
    Normal(NormalAction),
    /// In the review panel (`L`), and its speaker filter.
    List(ListAction),
    /// In the edit form (`Enter`).
    Form(FormAction),
    /// Typing a search (`/`).
    Search(SearchAction),
    /// Typing a paragraph number (`:`).
    GoTo(GoToAction),
    /// The help popup (`?`).
    Help(HelpAction),
    /// Going through the articles of a corpus, and marking one finished.
    Corpus(CorpusAction),
    /// In the overview of the corpus (`O`), and its name filter.
    Overview(OverviewAction),
    /// Take back the last change to the annotations.
    Undo,
    /// Make the last undone change again.
    Redo,
    /// Save now instead of within the second.
    Save,
    /// Quit, after saving (a form still open is saved first).
    Quit,
    Resize {
        width: u16,
        height: u16,
    },
    /// Annotations read from the sidecar while the article is shown.
    Arrived(Arrival),
}

impl Action {
    /// Whether the status line keeps what it says: typing a search or
    /// resizing the terminal is not a step of its own, and the message it
    /// would wipe (the opening one above all) is still news.
    pub fn keeps_message(&self) -> bool {
        matches!(
            self,
            Action::Search(
                SearchAction::Input(_) | SearchAction::Backspace | SearchAction::Recall(_)
            ) | Action::GoTo(GoToAction::Input(_) | GoToAction::Backspace)
                | Action::Overview(OverviewAction::NameInput(_) | OverviewAction::NameBackspace)
                | Action::Resize { .. }
                | Action::Arrived(_)
        )
    }

    /// Whether the action scrolls the view itself, rather than the view
    /// following the cursor (or, for annotations that arrive, leaves both
    /// where they are).
    pub fn keeps_view(&self) -> bool {
        matches!(
            self,
            Action::Normal(NormalAction::Page(_) | NormalAction::Wheel(..)) | Action::Arrived(_)
        )
    }
}

macro_rules! from_mode {
    ($($mode:ident($action:ty)),* $(,)?) => {
        $(impl From<$action> for Action {
            fn from(action: $action) -> Action {
                Action::$mode(action)
            }
        })*
    };
}

from_mode!(
    Normal(NormalAction),
    List(ListAction),
    Form(FormAction),
    Search(SearchAction),
    GoTo(GoToAction),
    Help(HelpAction),
    Corpus(CorpusAction),
    Overview(OverviewAction),
);

/// Which way a step goes: next or previous, down or up, right or left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

impl Direction {
    /// The index after (or before) `index` among `len` (≥ 1), wrapping
    /// around at either end.
    pub fn step(self, index: usize, len: usize) -> usize {
        match self {
            Direction::Forward => (index + 1) % len,
            Direction::Backward => (index + len - 1) % len,
        }
    }

    /// The index after (or before) `from` among `len`, wrapping around;
    /// from nowhere, the first (or the last). `None` when there is none.
    pub fn step_from(self, from: Option<usize>, len: usize) -> Option<usize> {
        match (from, self) {
            _ if len == 0 => None,
            (Some(index), _) => Some(self.step(index, len)),
            (None, Direction::Forward) => Some(0),
            (None, Direction::Backward) => Some(len - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Direction::{Backward, Forward};

    #[test]
    fn steps_wrap_around_at_both_ends() {
        assert_eq!(Forward.step(2, 3), 0);
        assert_eq!(Backward.step(0, 3), 2);
        assert_eq!(Forward.step(0, 1), 0);
        assert_eq!(Forward.step_from(None, 4), Some(0));
        assert_eq!(Backward.step_from(None, 4), Some(3));
        assert_eq!(Backward.step_from(Some(1), 4), Some(0));
        assert_eq!(Forward.step_from(None, 0), None);
    }
}
