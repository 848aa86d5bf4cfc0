//! Selecting: the sentence or the quotation at the cursor, and moving either
//! end of the selection a word at a time.

use unicode_segmentation::UnicodeSegmentation;

use super::motion::{next_word_end, prev_word_end};
use super::{annotate, select};
use crate::tui::app::App;
use crate::tui::quoting::quoted_range;
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

/// `"`: selects the quotation at the cursor, over paragraphs when it goes
/// on: the selection holds its spans, so tagging it tags exactly what `q`
/// tags with no selection (no caption between them, no opening marks).
pub(super) fn quotation(app: &mut App) {
    match quotes::quotation_at(&app.article, app.cursor) {
        Some(spans) => {
            let (start, end) = (spans[0].start, spans[spans.len() - 1].end);
            select(app, start, end);
            app.pieces = Some(spans);
        }
        None => app.message = Some("The cursor is not inside quotation marks.".into()),
    }
}

/// The most words a selection's message counts: past it, the count would
/// cost more than a keystroke may.
const COUNTED_WORDS: usize = 10_000;

/// What the selection holds, for the status line: "Selected 12 words:
/// “…”", "Selected a quotation of 7 spans, 180 words: “…”".
pub(super) fn describe(app: &App) -> Option<String> {
    let selection = app.selection()?;
    if selection.is_empty() {
        return Some("Selecting: motions extend the selection, q c d tag it, Esc drops it.".into());
    }
    let spans = app.selected_spans();
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return Some("Selected only white space.".into());
    };
    let quoted = quoted_range(app, first.start..last.end, QUOTED_GRAPHEMES);
    let words = spans
        .iter()
        .flat_map(|s| app.article.text()[s.clone()].unicode_words())
        .take(COUNTED_WORDS + 1)
        .count();
    let words = match words {
        0 => "no word".to_string(),
        1 => "1 word".to_string(),
        n if n > COUNTED_WORDS => format!("over {COUNTED_WORDS} words"),
        n => format!("{n} words"),
    };
    let what = match app.quotation_pieces() {
        Some(pieces) if pieces.len() > 1 => {
            format!("a quotation of {} spans, {words}", pieces.len())
        }
        Some(_) => format!("a quotation, {words}"),
        None => words,
    };
    Some(format!("Selected {what}: {quoted}"))
}

/// How much of the selection its message quotes.
const QUOTED_GRAPHEMES: usize = 41;

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
        let pieces = app.quotation_pieces().map(<[_]>::to_vec);
        select(app, start, end);
        app.pieces = pieces.and_then(|p| reshaped(p, start, end));
    }
}

/// A quotation's spans with the first starting at `start` and the last
/// ending at `end`, while each still holds text.
fn reshaped(
    mut pieces: Vec<std::ops::Range<usize>>,
    start: usize,
    end: usize,
) -> Option<Vec<std::ops::Range<usize>>> {
    pieces.first_mut()?.start = start;
    pieces.last_mut()?.end = end;
    pieces.iter().all(|p| p.start < p.end).then_some(pieces)
}
