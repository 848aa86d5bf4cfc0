//! Search (`/`): typing a query, then selecting its matches (`Enter`, `n`,
//! `N`). The state is the query being typed (`Mode::Search`), the queries
//! searched before (`↑` `↓` bring them back) and the matches of the last
//! one ([`SearchState`]); [`find`] matches, whatever the case and accents.
//!
//! The matches are found once, when a search is made (`Enter`): `n`, `N`
//! and the `3/7` they show then cost a look-up, not a walk over the
//! article.

pub mod find;

use std::ops::Range;

use super::action::Direction;
use super::app::{App, Mode};
use super::normal::select;
use sayso_core::article::graphemes;

/// What the keys ask for while a search is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchAction {
    /// A character typed into the query.
    Input(char),
    Backspace,
    /// `↑` / `↓`: the query searched before (`Backward`) or after the one
    /// shown, from the history.
    Recall(Direction),
    /// `Enter`: search forward from the cursor and select the match; with
    /// nothing typed, the last search again.
    Submit,
    /// `Esc`: stop typing, search nothing.
    Cancel,
}

/// The searches of a session.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The last search made, with its matches.
    pub last: Option<Searched>,
    /// Every query searched, oldest first, each once.
    pub history: Vec<String>,
    /// Which query of the history the prompt shows (`↑` `↓`), if one.
    recalled: Option<usize>,
}

/// A query and where it matches, in article bytes, each match widened to
/// whole graphemes (a match may start or end inside one: "e" in "e\u{301}").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searched {
    pub query: String,
    pub matches: Vec<Range<usize>>,
}

/// `/`: starts typing a search.
pub(super) fn start(app: &mut App) {
    app.search.recalled = None;
    app.mode = Mode::Search(String::new());
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
        SearchAction::Recall(direction) => {
            let state = &mut app.search;
            let len = state.history.len();
            state.recalled = match (state.recalled, direction) {
                (None, Direction::Backward) => len.checked_sub(1),
                (Some(i), Direction::Backward) => Some(i.saturating_sub(1)),
                (Some(i), Direction::Forward) if i + 1 < len => Some(i + 1),
                (_, Direction::Forward) => None,
            };
            *query = state
                .recalled
                .map(|i| state.history[i].clone())
                .unwrap_or_default();
        }
        SearchAction::Submit => {
            let query = std::mem::take(query);
            app.mode = Mode::Normal;
            if !query.is_empty() {
                remember(app, query);
            }
            select_match(app, Direction::Forward, app.cursor);
        }
        SearchAction::Cancel => app.mode = Mode::Normal,
    }
}

/// Makes `query` the last search: its matches found once, and the query
/// last in the history.
fn remember(app: &mut App, query: String) {
    let text = app.article.text();
    let matches = find::find_all(text, &query)
        .into_iter()
        .map(|m| whole_graphemes(text, m))
        .collect();
    app.search.history.retain(|q| *q != query);
    app.search.history.push(query.clone());
    app.search.last = Some(Searched { query, matches });
}

/// `m` widened to the grapheme boundaries around it.
fn whole_graphemes(text: &str, m: Range<usize>) -> Range<usize> {
    let start = graphemes::floor_boundary(text, m.start);
    let end = if graphemes::is_boundary(text, m.end) {
        m.end
    } else {
        graphemes::next_boundary(text, graphemes::floor_boundary(text, m.end))
    };
    start..end
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
/// one before it), wrapping around the article, and says which of how
/// many it is.
fn select_match(app: &mut App, direction: Direction, from: usize) {
    let Some(searched) = &app.search.last else {
        app.message = Some("No search yet (/ starts one).".into());
        return;
    };
    let count = searched.matches.len();
    if count == 0 {
        app.message = Some(format!("“{}” is not in the article.", searched.query));
        return;
    }
    let after = searched.matches.partition_point(|m| m.start < from);
    let (index, wrapped) = match direction {
        Direction::Forward if after < count => (after, false),
        Direction::Forward => (0, true),
        Direction::Backward => after
            .checked_sub(1)
            .map_or((count - 1, true), |i| (i, false)),
    };
    let found = searched.matches[index].clone();
    let wrapped = match (wrapped, direction) {
        (false, _) => "",
        (true, Direction::Forward) => " · past the end, from the top",
        (true, Direction::Backward) => " · past the top, from the end",
    };
    let said = format!(
        "“{}” {}/{count}{wrapped} · q c d tag it, n N next and previous.",
        searched.query,
        index + 1
    );
    select(app, found.start, found.end);
    app.message = Some(said);
}
