//! The help popup (`?`): every key of every mode, generated from the keymap
//! (see [`super::view::help`]). Its state is how far it is scrolled
//! (`Mode::Help`).

use super::action::{Action, Direction};
use super::app::{App, Mode};
use super::keymap::Keymap;
use super::view::help;

/// What the keys ask for around the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpAction {
    /// `?`: open it.
    Open,
    /// `j` / `k`: scroll a line down / up, never past its last line.
    Scroll(Direction),
    /// `Esc`, `?` or any other key: close it; another key then does what
    /// it does under the help.
    Close(Option<Box<Action>>),
}

/// Applies `action` to the help.
pub(super) fn update(app: &mut App, action: HelpAction) {
    match action {
        HelpAction::Open => app.mode = Mode::Help(0),
        HelpAction::Scroll(direction) => {
            let last = help::max_scroll(&Keymap::new(&app.labels), app.size);
            if let Mode::Help(scroll) = &mut app.mode {
                *scroll = match direction {
                    Direction::Forward => scroll.saturating_add(1).min(last),
                    Direction::Backward => scroll.saturating_sub(1),
                };
            }
        }
        HelpAction::Close(then) => {
            if matches!(app.mode, Mode::Help(_)) {
                app.mode = if app.corpus.overview.open {
                    Mode::Overview
                } else {
                    Mode::Normal
                };
                if let Some(action) = then {
                    super::update(app, *action);
                }
            }
        }
    }
}
