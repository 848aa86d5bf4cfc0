//! The state machine: `update(&mut App, action)`. No terminal here: tests
//! drive it directly.
//!
//! Each mode handles its own actions next to its own state ([`normal`],
//! [`list`], [`form`], [`search`], [`help`]); the few that mean the same in
//! every mode are here. What every step does afterwards is here too: the
//! status line is cleared first, the panel's selection and the cursor are
//! kept on screen last, and the current annotation stays current only
//! while it is on screen.

use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Mode};
use super::apply::{Step, apply};
use super::corpus::{self, overview};
use super::{form, goto, help, list, loading, normal, scroll, search};

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: impl Into<Action>) {
    let action = action.into();
    if !action.keeps_message() {
        app.message = None;
    }
    let keeps_view = action.keeps_view();
    let resized = matches!(action, Action::Resize { .. });
    match action {
        Action::Normal(a) => normal::update(app, a),
        Action::List(a) => list::update(app, a),
        Action::Form(a) => form::update(app, a),
        Action::Search(a) => search::update(app, a),
        Action::GoTo(a) => goto::update(app, a),
        Action::Help(a) => help::update(app, a),
        Action::Corpus(a) => corpus::update(app, a),
        Action::Overview(a) => overview::update(app, a),
        Action::Undo => apply(app, Step::Undo),
        Action::Redo => apply(app, Step::Redo),
        Action::Save => app.save_requested = true,
        Action::Quit => {
            // Nothing typed is lost: a form still open is saved first.
            if matches!(app.mode, Mode::Form(_)) {
                form::save(app);
            }
            app.quit = true;
        }
        Action::Resize { width, height } => app.size = Rect::new(0, 0, width, height),
        Action::Arrived(arrival) => loading::arrive(app, arrival),
    }
    if app.list.open {
        let rows = list::rows_shown(app);
        app.list.keep_in_view(rows);
    }
    if app.corpus.overview.open {
        let rows = overview::rows_shown(app);
        app.corpus.overview.keep_in_view(rows);
    }
    if !keeps_view {
        scroll::keep_cursor_in_view(app);
    }
    if resized {
        scroll::fill_screen(app);
    }
    if !matches!(app.mode, Mode::Form(_)) {
        normal::keep_current_in_view(app);
    }
}
