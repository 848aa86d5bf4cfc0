//! Moving the view: keeping the cursor on screen, scrolling by rows, and
//! finding the text under a screen row.
//!
//! The view is a stack of wrapped paragraphs with one blank row between them,
//! starting at [`Top`]. Every function here walks only the paragraphs within a
//! screen of the cursor or the top, so its cost is what is on screen.

use super::app::{App, Top};
use super::wrap::line_of;

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

/// Scrolls back while rows below the article's last line are blank and
/// lines above the top are hidden: when the terminal grows, the screen
/// fills again instead of staying scrolled. The cursor stays on screen.
pub fn fill_screen(app: &mut App) {
    let Some(last) = app.article.paragraphs().len().checked_sub(1) else {
        return;
    };
    let height = app.text_height();
    let end = Top {
        paragraph: last,
        line: app.lines(last).len() - 1,
    };
    if rows_from_top(app, end.paragraph, end.line, height) + 1 < height {
        let top = back(app, end, height - 1);
        app.top = top.min(app.top);
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
pub enum ScreenRow {
    /// Line `line` of paragraph `paragraph`.
    Line { paragraph: usize, line: usize },
    /// The blank row after a paragraph.
    Gap,
    /// Below the end of the article.
    End,
}

/// The rows of the article pane from the top, as many as the pane is high.
pub fn visible_rows(app: &App) -> Vec<ScreenRow> {
    let height = app.text_height();
    let count = app.article.paragraphs().len();
    let mut rows = Vec::with_capacity(height);
    let mut p = app.top.paragraph;
    let mut line = app.top.line;
    while rows.len() < height {
        if p >= count {
            rows.push(ScreenRow::End);
            continue;
        }
        let lines = app.lines(p).len();
        while line < lines && rows.len() < height {
            rows.push(ScreenRow::Line { paragraph: p, line });
            line += 1;
        }
        if rows.len() < height && p + 1 < count {
            rows.push(ScreenRow::Gap);
        }
        p += 1;
        line = 0;
    }
    rows
}

/// The article bytes from the start of the top line on screen to the end
/// of the last one; `None` for an empty article.
pub fn shown_range(app: &App) -> Option<std::ops::Range<usize>> {
    let rows = visible_rows(app);
    let mut lines = rows.iter().filter_map(|row| match *row {
        ScreenRow::Line { paragraph, line } => Some((paragraph, line)),
        ScreenRow::Gap | ScreenRow::End => None,
    });
    let byte = |(paragraph, line): (usize, usize), end: bool| {
        let base = app.article.paragraphs()[paragraph].start;
        app.lines(paragraph)
            .get(line)
            .map(|l| base + if end { l.end } else { l.start })
    };
    let first = lines.next()?;
    let last = lines.next_back().unwrap_or(first);
    Some(byte(first, false)?..byte(last, true)?)
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
    visible_rows(app).contains(&ScreenRow::Line { paragraph: p, line })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::tui::action::{Action, Direction};
    use crate::tui::list::ListAction;
    use crate::tui::normal::{Motion, NormalAction as N};
    use crate::tui::tests::{app, run};
    use crate::tui::update;

    /// Six paragraphs, some wrapping over several lines at small widths.
    const TEXT: &str = "One two three four five six seven eight nine.\n\n\
        Ten 東京 eleven twelve thirteen fourteen.\n\nShort.\n\n\
        Fifteen sixteen e\u{301}seventeen eighteen nineteen twenty twenty-one.\n\n\
        שלום עולם, a\tb.\r\nSecond line.\n\nLast 👩‍👩‍👧 one 🇫🇷.";

    /// The rows `from` is below the article's first line.
    fn row_index(app: &App, from: Top) -> usize {
        let mut rows = 0;
        for p in 0..from.paragraph {
            rows += app.lines(p).len() + 1;
        }
        rows + from.line
    }

    #[test]
    fn forward_and_back_are_round_trips_away_from_the_edges() {
        let a = app(TEXT, 40, 8);
        let start = Top {
            paragraph: 1,
            line: 1,
        };
        for n in 0..6 {
            let there = forward(&a, start, n);
            let moved = row_index(&a, there) - row_index(&a, start);
            assert!(moved <= n, "forward {n} went {moved} rows");
            assert!(moved + 1 >= n, "forward {n} went only {moved} rows");
            assert_eq!(back(&a, there, moved), start, "back from {there:?}");
        }
    }

    #[test]
    fn forward_stops_at_the_last_line() {
        let a = app(TEXT, 40, 8);
        let last = a.article.paragraphs().len() - 1;
        let end = forward(&a, Top::default(), 10_000);
        assert_eq!(end.paragraph, last);
        assert_eq!(end.line, a.lines(last).len() - 1);
        assert_eq!(back(&a, end, 10_000), Top::default());
    }

    #[test]
    fn visible_rows_separate_paragraphs_by_one_gap() {
        let a = app("a\n\nb\n\nc", 40, 10);
        let rows = visible_rows(&a);
        assert_eq!(rows.len(), a.text_height());
        assert_eq!(
            &rows[..6],
            [
                ScreenRow::Line {
                    paragraph: 0,
                    line: 0
                },
                ScreenRow::Gap,
                ScreenRow::Line {
                    paragraph: 1,
                    line: 0
                },
                ScreenRow::Gap,
                ScreenRow::Line {
                    paragraph: 2,
                    line: 0
                },
                ScreenRow::End,
            ]
        );
    }

    #[test]
    fn page_down_reaches_the_end_and_page_up_the_start() {
        let mut a = app(TEXT, 40, 7);
        let last = a.article.paragraphs().len() - 1;
        for _ in 0..40 {
            update(&mut a, N::Page(Direction::Forward));
            assert!(cursor_visible(&a));
        }
        assert_eq!(a.paragraph(), Some(last));
        for _ in 0..40 {
            update(&mut a, N::Page(Direction::Backward));
            assert!(cursor_visible(&a));
        }
        assert_eq!(a.top, Top::default());
        assert_eq!(a.cursor, 0);
    }

    #[test]
    fn a_paragraph_that_fits_is_shown_whole() {
        let mut a = app(TEXT, 40, 8);
        run(&mut a, &vec![N::Move(Motion::NextParagraph).into(); 3]);
        let p = a.paragraph().expect("a paragraph");
        let shown = visible_rows(&a);
        for line in 0..a.lines(p).len() {
            assert!(shown.contains(&ScreenRow::Line { paragraph: p, line }));
        }
    }

    fn any_action() -> impl Strategy<Value = Action> {
        let direction = || prop::sample::select(vec![Direction::Forward, Direction::Backward]);
        prop_oneof![
            prop::sample::select(Motion::ALL.to_vec()).prop_map(|m| N::Move(m).into()),
            direction().prop_map(|d| N::Page(d).into()),
            (direction(), 1u16..5).prop_map(|(d, rows)| N::Wheel(d, rows).into()),
            (40u16..60, 6u16..12).prop_map(|(width, height)| Action::Resize { width, height }),
            (0u16..60, 0u16..12).prop_map(|(column, row)| N::Click { column, row }.into()),
            Just(N::OpenList.into()),
            Just(ListAction::Close.into()),
        ]
    }

    proptest! {
        #[test]
        fn the_cursor_stays_on_screen(actions in prop::collection::vec(any_action(), 1..60)) {
            let mut a = app(TEXT, 40, 6);
            for action in actions {
                update(&mut a, action.clone());
                prop_assert!(cursor_visible(&a), "cursor off screen after {action:?}: {:?}", a.top);
                let lines = a.lines(a.top.paragraph).len();
                prop_assert!(a.top.line < lines, "top past its paragraph");
            }
        }
    }
}
