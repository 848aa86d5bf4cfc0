//! The overview of a corpus (`O`): a filter line, a header, one row per
//! article (open mark, finished mark, path, paragraphs, annotations per
//! label, pending), and what below the folders is not an article.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_segmentation::UnicodeSegmentation;

use super::list::{fit, one_line, shown_on_a_row, width_of};
use super::style;
use crate::tui::app::{App, Mode};
use crate::tui::corpus::{Entry, live_counts};
use crate::tui::rows;
use sayso_core::corpus::Counts;

/// Draws the overview in `area`; only the rows on screen are looked at, so
/// it costs the same with ten articles or ten thousand.
pub fn draw(app: &App, area: Rect, frame: &mut Frame) {
    let corpus = &app.corpus;
    let overview = &corpus.overview;
    let total = corpus.len();
    let finished = if corpus.heads_read {
        format!(" · {} finished", corpus.finished(app))
    } else {
        String::new()
    };
    let title = if overview.filter().is_empty() {
        format!(" Articles ({total}){finished} ")
    } else {
        format!(" Articles ({} of {total}){finished} ", overview.len())
    };
    let block = Block::bordered()
        .border_style(style::dim(app))
        .title(title)
        .title_bottom(Line::from(" Enter opens · u p / filter · O back · ? keys ").right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let row = |i: u16| Rect::new(inner.x, inner.y + i, inner.width, 1);
    let columns = Columns::new(app, inner.width);
    frame.render_widget(filter_line(app), row(0));
    frame.render_widget(columns.header(), row(1));
    let footer = !corpus.problems.is_empty();
    let height = usize::from(inner.height - 2 - u16::from(footer && inner.height > 3));
    // The overview's own first row, moved just enough to show the selected
    // row (after a resize, say).
    let first = rows::shown_from(overview.top, overview.selected, height);
    let live = live_counts(app);
    for (i, index) in (first..overview.len()).take(height).enumerate() {
        let Some(entry) = overview.entry_at(index).and_then(|e| corpus.entries.get(e)) else {
            continue;
        };
        let current = overview.entry_at(index) == Some(corpus.current);
        let counts = if current {
            Some(&live)
        } else {
            entry.known.counts.as_ref()
        };
        let line = columns.row(app, entry, counts, current);
        let line = if index == overview.selected {
            line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        };
        frame.render_widget(line, row(2 + i as u16));
    }
    if overview.is_empty() {
        frame.render_widget(
            Line::styled(
                "No article passes the filter (Backspace drops it).",
                style::dim(app),
            ),
            row(2),
        );
    }
    if footer && inner.height > 3 {
        let text = format!("Not articles: {}", corpus.problems.join(" · "));
        frame.render_widget(
            Line::styled(fit(&text, usize::from(inner.width)), style::dim(app)),
            row(inner.height - 1),
        );
    }
}

/// "unfinished · with pending · “2024”", each part that filters nothing dim,
/// and the name being typed with a cursor.
fn filter_line(app: &App) -> Line<'static> {
    let filter = app.corpus.overview.filter();
    let dim = style::dim(app);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut spans = vec![if filter.unfinished {
        Span::styled("unfinished", bold)
    } else {
        Span::styled("finished or not", dim)
    }];
    spans.push(Span::styled(" · ", dim));
    spans.push(if filter.pending {
        Span::styled("with pending", bold)
    } else {
        Span::styled("pending or not", dim)
    });
    spans.push(Span::styled(" · ", dim));
    if app.mode == Mode::OverviewName {
        spans.push(Span::styled("name ", dim));
        spans.push(Span::styled(
            fit(&filter.name, width_of(&filter.name)),
            bold,
        ));
        spans.push(Span::raw("▏"));
    } else if filter.name.is_empty() {
        spans.push(Span::styled("any name", dim));
    } else {
        spans.push(Span::styled(
            format!("“{}”", fit(&filter.name, width_of(&filter.name))),
            bold,
        ));
    }
    Line::from(spans)
}

/// Cells of a number column.
const NUMBER: usize = 6;

/// Cells of the pending column, as wide as its name.
const PENDING: usize = 7;

/// The widths of the columns for the overview's width.
struct Columns {
    /// The schema's labels, each a column as wide as its name.
    labels: Vec<(String, usize)>,
    path: usize,
}

impl Columns {
    fn new(app: &App, width: u16) -> Columns {
        let labels: Vec<(String, usize)> = app
            .labels
            .iter()
            .map(|l| (l.name.clone(), width_of(&l.name).clamp(NUMBER, 12)))
            .collect();
        // Marks (4), paragraphs, each label, pending, other labels, and a
        // space before each.
        let numbers: usize =
            labels.iter().map(|(_, w)| w + 1).sum::<usize>() + 2 * (NUMBER + 1) + PENDING + 1;
        Columns {
            path: usize::from(width).saturating_sub(4 + numbers).max(8),
            labels,
        }
    }

    fn header(&self) -> Line<'static> {
        let mut text = format!("    {}", fit("article", self.path));
        text.push_str(&format!(" {:>NUMBER$}", "¶"));
        for (name, width) in &self.labels {
            text.push(' ');
            text.push_str(&right(name, *width));
        }
        text.push_str(&format!(" {:>NUMBER$} {:>PENDING$}", "other", "pending"));
        Line::styled(text, Style::new().add_modifier(Modifier::BOLD))
    }

    /// The row of `entry`: `counts` when known, its problem when it cannot
    /// be opened; `current` when it is the article open.
    fn row(
        &self,
        app: &App,
        entry: &Entry,
        counts: Option<&Counts>,
        current: bool,
    ) -> Line<'static> {
        let open = if current { "▶" } else { " " };
        let finished = match counts
            .map(|c| c.finished.is_some())
            .or(entry.known.finished)
        {
            Some(true) => "✓",
            _ => " ",
        };
        let mut spans = vec![
            Span::raw(format!("{open} {finished} ")),
            Span::raw(tail(&entry.shown, self.path)),
        ];
        if let (Some(problem), false) = (&entry.known.problem, current) {
            // The path is on the row already.
            let path = entry.path.display().to_string();
            let problem = problem.strip_prefix(&path).unwrap_or(problem).trim_start();
            spans.push(Span::styled(
                format!(" {}", one_line(problem)),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            return Line::from(spans);
        }
        let Some(counts) = counts else {
            spans.push(Span::styled(format!(" {:>NUMBER$}", "…"), style::dim(app)));
            return Line::from(spans);
        };
        let mut text = format!(" {:>NUMBER$}", counts.paragraphs);
        let mut shown = 0;
        for (name, width) in &self.labels {
            let n = counts.labels.get(name).copied().unwrap_or(0);
            shown += n;
            text.push(' ');
            text.push_str(&right(&n.to_string(), *width));
        }
        let other = counts.annotations() - shown;
        text.push_str(&format!(" {other:>NUMBER$} {:>PENDING$}", counts.pending));
        spans.push(Span::raw(text));
        Line::from(spans)
    }
}

/// `text` right-aligned in `width` cells.
fn right(text: &str, width: usize) -> String {
    let used = width_of(text).min(width);
    let mut out = " ".repeat(width - used);
    out.push_str(&fit(text, used));
    out
}

/// `text` in exactly `width` cells, its end kept when it is too wide
/// (`…2024/story.txt`): the file name tells articles apart.
fn tail(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return fit(text, width);
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for g in text.graphemes(true).rev() {
        let (shown, w) = shown_on_a_row(g);
        if used + w > width {
            break;
        }
        kept.push(shown.into_owned());
        used += w;
    }
    kept.reverse();
    let mut out = String::from("…");
    out.push_str(&kept.concat());
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_keeps_its_end_and_its_cells() {
        assert_eq!(tail("news/a.txt", 12), "news/a.txt  ");
        assert_eq!(tail("news/2024/東京.txt", 10), "…/東京.txt");
        assert_eq!(tail("a\u{1b}b/c.txt", 9), "a␛b/c.txt");
        for text in ["news/2024/東京.txt", "👩‍👩‍👧/🇫🇷/x.txt", "e\u{301}/a.txt"]
        {
            for width in 1..12 {
                assert_eq!(width_of(&tail(text, width)), width, "{text:?} at {width}");
            }
        }
        assert_eq!(right("7", 4), "   7");
    }
}
