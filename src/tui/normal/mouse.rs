//! The mouse over the article, and scrolling by screens: a click moves the
//! cursor, a drag selects, the wheel and `PgDn` `PgUp` scroll.

use crate::tui::action::Direction;
use crate::tui::app::{App, Top};
use crate::tui::scroll::{self, ScreenRow};
use crate::tui::wrap::byte_at_column;
use sayso_core::article::graphemes;

/// A click: the cursor to the text under it, the selection dropped.
pub(super) fn click(app: &mut App, column: u16, row: u16) {
    if let Some(at) = hit(app, column, row) {
        app.cursor = at;
        app.anchor = None;
    }
}

/// A drag: the selection grows from where the cursor was to the text under it.
pub(super) fn drag(app: &mut App, column: u16, row: u16) {
    if let Some(at) = hit(app, column, row) {
        if app.anchor.is_none() {
            app.anchor = Some(app.cursor);
        }
        app.cursor = at;
    }
}

/// The wheel: scrolls `rows` rows; the cursor follows only when it leaves
/// the screen.
pub(super) fn wheel(app: &mut App, direction: Direction, rows: u16) {
    app.top = scrolled(app, direction, usize::from(rows));
    if !scroll::cursor_visible(app) {
        cursor_to_top(app);
    }
}

/// Scrolls a screen and puts the cursor on the new top line.
pub(super) fn page(app: &mut App, direction: Direction) {
    app.top = scrolled(app, direction, app.text_height());
    cursor_to_top(app);
}

fn scrolled(app: &App, direction: Direction, rows: usize) -> Top {
    match direction {
        Direction::Forward => scroll::forward(app, app.top, rows),
        Direction::Backward => scroll::back(app, app.top, rows),
    }
}

fn cursor_to_top(app: &mut App) {
    if let Some(at) = scroll::top_line_start(app) {
        app.cursor = at;
    }
}

/// The text byte under a terminal cell of the article pane.
fn hit(app: &App, column: u16, row: u16) -> Option<usize> {
    let areas = app.areas()?;
    let text = areas.text;
    if row < text.y || row >= text.bottom() || column < areas.gutter.x || column >= text.right() {
        return None;
    }
    let rows = scroll::visible_rows(app);
    let (paragraph, line) = match rows.get(usize::from(row - text.y))? {
        ScreenRow::Line { paragraph, line } => (*paragraph, *line),
        ScreenRow::Gap | ScreenRow::End => return None,
    };
    let lines = app.lines(paragraph);
    let range = lines.get(line)?;
    let base = app.article.paragraphs()[paragraph].start;
    let x = usize::from(column.saturating_sub(text.x));
    let text = app.article.paragraph_text(paragraph);
    let mut rel = byte_at_column(text, range, x);
    // Past the end of a wrapped line, the line's last grapheme: its end is
    // the next line's start, where the cursor would show on the row below.
    if rel == range.end && line + 1 < lines.len() {
        rel = graphemes::prev_boundary(text, rel);
    }
    Some(base + rel)
}
