//! Selecting: the sentence or the quotation at the cursor, and moving either
//! end of the selection a word at a time.

use super::motion::{next_word_end, prev_word_end};
use super::{annotate, select};
use crate::tui::app::App;
use sayso_core::article::{quotes, words};

/// Which end of the selection `{` `}` `[` `]` move, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    StartLeft,
    StartRight,
    EndLeft,
    EndRight,
}

/// `s`: selects the sentence at the cursor.
pub(super) fn sentence(app: &mut App) {
    match annotate::sentence_at_cursor(app) {
        Some(s) => select(app, s.start, s.end),
        None => app.message = Some("No sentence at the cursor.".into()),
    }
}

/// `"`: selects the quotation at the cursor, over paragraphs when it goes on.
pub(super) fn quotation(app: &mut App) {
    match quotes::quotation_at(&app.article, app.cursor) {
        Some(spans) => {
            let (start, end) = (spans[0].start, spans[spans.len() - 1].end);
            select(app, start, end);
            if spans.len() > 1 {
                app.message = Some(format!(
                    "Selected a quotation over {} paragraphs.",
                    spans.len()
                ));
            }
        }
        None => app.message = Some("The cursor is not inside quotation marks.".into()),
    }
}

/// Moves one end of the selection a word left or right, within its paragraph.
pub(super) fn nudge(app: &mut App, which: Nudge) {
    let Some(selection) = app.selection() else {
        app.message = Some("No selection to adjust (v starts one, s or \" select).".into());
        return;
    };
    let moving_start = matches!(which, Nudge::StartLeft | Nudge::StartRight);
    let at = if moving_start {
        selection.start
    } else {
        selection.end
    };
    let Some(p) = app.article.paragraph_at(at) else {
        return;
    };
    let base = app.article.paragraphs()[p].start;
    let text = app.article.paragraph_text(p);
    let rel = at - base;
    let moved = match which {
        Nudge::StartLeft => words::prev_word_start(text, rel),
        Nudge::StartRight => words::next_word_start(text, rel),
        Nudge::EndLeft => prev_word_end(text, rel),
        Nudge::EndRight => next_word_end(text, rel),
    };
    let Some(moved) = moved.map(|r| base + r) else {
        return;
    };
    let (start, end) = if moving_start {
        (moved, selection.end)
    } else {
        (selection.start, moved)
    };
    if start < end {
        select(app, start, end);
    }
}
