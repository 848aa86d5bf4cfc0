//! Search (`/`): typing a query, then selecting its matches (`Enter`, `n`,
//! `N`). The state is the query being typed (`Mode::Search`) and the last
//! one searched (`App::last_search`); [`find`] matches, whatever the case.

pub mod find;

use super::action::Direction;
use super::app::{App, Mode};
use super::normal::{follow_cursor, select};
use sayso_core::article::graphemes;

/// What the keys ask for while a search is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchAction {
    /// A character typed into the query.
    Input(char),
    Backspace,
    /// `Enter`: search forward from the cursor and select the match.
    Submit,
    /// `Esc`: stop typing, search nothing.
    Cancel,
}

/// Applies `action` to the search being typed (none: nothing happens).
pub(super) fn update(app: &mut App, action: SearchAction) {
    let Mode::Search(query) = &mut app.mode else {
        return;
    };
    match action {
        SearchAction::Input(c) => query.push(c),
        SearchAction::Backspace => {
            query.pop();
        }
        SearchAction::Submit => {
            let query = std::mem::take(query);
            app.mode = Mode::Normal;
            if !query.is_empty() {
                app.last_search = Some(query);
            }
            select_match(app, Direction::Forward, app.cursor);
        }
        SearchAction::Cancel => app.mode = Mode::Normal,
    }
}

/// `n` / `N`: selects the next match of the last search after the
/// selection (or the cursor), or the previous one before it.
pub(super) fn next_match(app: &mut App, direction: Direction) {
    let at = app.selection().map_or(app.cursor, |s| s.start);
    let from = match direction {
        Direction::Forward => graphemes::next_boundary(app.article.text(), at),
        Direction::Backward => at,
    };
    select_match(app, direction, from);
}

/// Selects the first match of the last search from `from` on (or the last
/// one before it), wrapping around the article.
fn select_match(app: &mut App, direction: Direction, from: usize) {
    let Some(query) = app.last_search.clone() else {
        app.message = Some("No search yet (/ starts one).".into());
        return;
    };
    let text = app.article.text();
    let found = match direction {
        Direction::Forward => {
            find::find_forward(text, &query, from).or_else(|| find::find_forward(text, &query, 0))
        }
        Direction::Backward => find::find_backward(text, &query, from)
            .or_else(|| find::find_backward(text, &query, text.len())),
    };
    match found {
        Some(m) => {
            // A match may start or end inside a grapheme ("e" in "e\u{301}"):
            // the selection takes the whole graphemes, as every position must.
            let start = graphemes::floor_boundary(text, m.start);
            let end = if graphemes::is_boundary(text, m.end) {
                m.end
            } else {
                graphemes::next_boundary(text, graphemes::floor_boundary(text, m.end))
            };
            select(app, start, end);
            follow_cursor(app);
            app.message = Some(format!("Found “{query}”: q c d tag it, n finds the next."));
        }
        None => app.message = Some(format!("“{query}” is not in the article.")),
    }
}
