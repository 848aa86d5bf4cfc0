//! Moving the view: keeping the cursor on screen, scrolling by rows, and
//! finding the text under a screen row.
//!
//! The view is a stack of wrapped paragraphs with one blank row between them,
//! starting at [`Top`]. Every function here walks only the paragraphs within a
//! screen of the cursor or the top, so its cost is what is on screen.

use super::app::{App, Top};
use super::layout::line_of;

/// Scrolls so that the cursor's line is on screen. A paragraph that fits on
/// the screen is shown whole when the cursor moves into it.
pub fn keep_cursor_in_view(app: &mut App) {
    let Some(p) = app.paragraph() else {
        app.top = Top::default();
        return;
    };
    clamp_top(app);
    let height = app.text_height();
    let lines = app.lines(p);
    let line = line_of(&lines, app.cursor - app.article.paragraphs()[p].start);
    let fits = lines.len() <= height;
    if (p, line) < (app.top.paragraph, app.top.line) {
        app.top = Top {
            paragraph: p,
            line: if fits { 0 } else { line },
        };
        return;
    }
    let target = if fits { lines.len() - 1 } else { line };
    if rows_from_top(app, p, target, height) >= height {
        app.top = back(
            app,
            Top {
                paragraph: p,
                line: target,
            },
            height - 1,
        );
    }
}

/// Keeps `top` inside the article after a resize or a change of width.
fn clamp_top(app: &mut App) {
    let count = app.article.paragraphs().len();
    if count == 0 {
        app.top = Top::default();
        return;
    }
    app.top.paragraph = app.top.paragraph.min(count - 1);
    let lines = app.lines(app.top.paragraph).len();
    app.top.line = app.top.line.min(lines - 1);
}

/// The screen row of `line` of paragraph `p`, counted from the top; at least
/// `limit` when it is that far or further (the walk stops there).
fn rows_from_top(app: &App, p: usize, line: usize, limit: usize) -> usize {
    let mut rows = 0;
    let mut q = app.top.paragraph;
    let mut skip = app.top.line;
    while q < p {
        rows += app.lines(q).len() - skip + 1;
        if rows >= limit {
            return rows;
        }
        skip = 0;
        q += 1;
    }
    rows + line.saturating_sub(skip)
}

/// The position `n` rows above `from` (never on a blank separator row).
pub fn back(app: &App, from: Top, n: usize) -> Top {
    let mut at = from;
    let mut remaining = n;
    while remaining > 0 {
        if at.line >= remaining {
            at.line -= remaining;
            break;
        }
        remaining -= at.line;
        at.line = 0;
        if at.paragraph == 0 || remaining < 2 {
            break;
        }
        at.paragraph -= 1;
        at.line = app.lines(at.paragraph).len() - 1;
        remaining -= 2;
    }
    at
}

/// The position `n` rows below `from` (never on a blank separator row, never
/// past the last line of the article).
pub fn forward(app: &App, from: Top, n: usize) -> Top {
    let count = app.article.paragraphs().len();
    let mut at = from;
    let mut remaining = n;
    while remaining > 0 && count > 0 {
        let last = app.lines(at.paragraph).len() - 1;
        if at.line + remaining <= last {
            at.line += remaining;
            break;
        }
        remaining -= last - at.line;
        at.line = last;
        if at.paragraph + 1 >= count || remaining < 2 {
            break;
        }
        at.paragraph += 1;
        at.line = 0;
        remaining -= 2;
    }
    at
}

/// What a screen row of the article pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Line `line` of paragraph `paragraph`.
    Line { paragraph: usize, line: usize },
    /// The blank row after a paragraph.
    Gap,
    /// Below the end of the article.
    End,
}

/// The rows of the article pane from the top, as many as the pane is high.
pub fn visible_rows(app: &App) -> Vec<Row> {
    let height = app.text_height();
    let count = app.article.paragraphs().len();
    let mut rows = Vec::with_capacity(height);
    let mut p = app.top.paragraph;
    let mut line = app.top.line;
    while rows.len() < height {
        if p >= count {
            rows.push(Row::End);
            continue;
        }
        let lines = app.lines(p).len();
        while line < lines && rows.len() < height {
            rows.push(Row::Line { paragraph: p, line });
            line += 1;
        }
        if rows.len() < height && p + 1 < count {
            rows.push(Row::Gap);
        }
        p += 1;
        line = 0;
    }
    rows
}

/// The byte at the start of the top line: where the cursor goes when a page
/// motion scrolls it off screen.
pub fn top_line_start(app: &App) -> Option<usize> {
    let range = app.article.paragraphs().get(app.top.paragraph)?;
    let lines = app.lines(app.top.paragraph);
    Some(range.start + lines.get(app.top.line).map_or(0, |l| l.start))
}

/// Whether the cursor's line is among the rows on screen.
pub fn cursor_visible(app: &App) -> bool {
    let Some(p) = app.paragraph() else {
        return true;
    };
    let line = line_of(
        &app.lines(p),
        app.cursor - app.article.paragraphs()[p].start,
    );
    visible_rows(app).contains(&Row::Line { paragraph: p, line })
}
