//! The review panel beside the article: a filter line, a header, and one row
//! per annotation (id, label, status, speaker, paragraph, text).

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_segmentation::UnicodeSegmentation;

use super::style;
use crate::tui::app::{App, Mode};
use crate::tui::list::ListRow;
use crate::tui::rows;
use sayso_core::annotation::{Annotation, Status};
use sayso_core::article::display::{self, shown_in_line};
use sayso_core::store::Record;

/// The widest the label column gets.
const LABEL_WIDTH: usize = 8;

/// Draws the panel; only the rows on screen are looked at, so it costs the
/// same with fifty annotations or fifty thousand.
pub fn draw(app: &App, area: Rect, frame: &mut Frame) {
    let list = &app.list;
    let total = app.annotations.len() + app.detached.len();
    let title = if list.filter().is_empty() {
        format!(" Annotations ({total}) ")
    } else {
        format!(" Annotations ({} of {total}) ", list.len())
    };
    let block = Block::bordered()
        .border_style(style::dim(app))
        .title(title)
        .title_bottom(Line::from(" a r x act · l s / n filter · ? keys ").right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let columns = Columns::new(app, inner.width);
    frame.render_widget(filter_line(app), Rect { height: 1, ..inner });
    frame.render_widget(
        columns.header(),
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
    );
    let height = usize::from(inner.height - 2);
    // The panel's own first row, moved just enough to show the selected row
    // (after a resize, say).
    let first = rows::shown_from(list.top, list.selected, height);
    for (i, index) in (first..list.len()).take(height).enumerate() {
        let line = match list.row(index) {
            Some(ListRow::Attached(id)) => app
                .annotations
                .get(id)
                .map(|a| columns.attached(app, a))
                .unwrap_or_default(),
            Some(ListRow::Detached(i)) => app
                .detached
                .get(i)
                .map(|r| columns.detached(app, r))
                .unwrap_or_default(),
            None => Line::default(),
        };
        let line = if index == list.selected {
            line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        };
        let y = inner.y + 2 + i as u16;
        frame.render_widget(line, Rect::new(inner.x, y, inner.width, 1));
    }
    if list.is_empty() {
        let empty = if total == 0 {
            "No annotations yet."
        } else {
            "No annotation passes the filter (Backspace drops it)."
        };
        frame.render_widget(
            Line::styled(empty, style::dim(app)),
            Rect::new(inner.x, inner.y + 2, inner.width, 1),
        );
    }
}

/// "quote · ? pending · “wil”", each part that filters nothing dim
/// ("all labels"), and the speaker being typed with a cursor.
fn filter_line(app: &App) -> Line<'static> {
    let filter = app.list.filter();
    let dim = style::dim(app);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut spans = vec![match &filter.label {
        Some(label) => Span::styled(label.clone(), bold),
        None => Span::styled("all labels", dim),
    }];
    spans.push(Span::styled(" · ", dim));
    spans.push(match filter.status {
        Some(s) => Span::styled(format!("{} {}", status_symbol(s), s.name()), bold),
        None => Span::styled("any status", dim),
    });
    spans.push(Span::styled(" · ", dim));
    if app.mode == Mode::ListFilter {
        spans.push(Span::styled("speaker ", dim));
        spans.push(Span::styled(one_line(&filter.speaker), bold));
        spans.push(Span::raw("▏"));
    } else if filter.unnamed {
        spans.push(Span::styled("no speaker", bold));
    } else if filter.speaker.is_empty() {
        spans.push(Span::styled("any speaker", dim));
    } else {
        spans.push(Span::styled(
            format!("“{}”", one_line(&filter.speaker)),
            bold,
        ));
    }
    Line::from(spans)
}

/// The symbol of a status in the list: it reads without colour.
pub fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::Pending => "?",
        Status::Accepted => "✓",
        Status::Rejected => "✗",
    }
}

/// The widths of the columns for the panel's width. The note column is
/// there when the panel is wide enough for it; the text takes the rest,
/// cut with `…`.
struct Columns {
    id: usize,
    label: usize,
    speaker: usize,
    note: usize,
    paragraph: usize,
    text: usize,
}

/// The narrowest panel that has a note column.
const NOTE_FROM: u16 = 50;

impl Columns {
    fn new(app: &App, width: u16) -> Columns {
        let highest = app.annotations.next_id().saturating_sub(1).max(1);
        let paragraphs = app.article.paragraphs().len().max(1);
        let label = app
            .labels
            .iter()
            .map(|l| width_of(&l.name))
            .max()
            .unwrap_or(5)
            .clamp(5, LABEL_WIDTH);
        let mut columns = Columns {
            id: (highest.ilog10() as usize + 1).max(2),
            label,
            speaker: usize::from(width / 6).clamp(8, 18),
            note: if width >= NOTE_FROM {
                usize::from(width / 9).clamp(4, 16)
            } else {
                0
            },
            paragraph: paragraphs.ilog10() as usize + 2,
            text: 0,
        };
        columns.text = usize::from(width).saturating_sub(columns.before_text());
        columns
    }

    /// The cells before the text column: each column and the space after
    /// it, and the status's three.
    fn before_text(&self) -> usize {
        let note = if self.note > 0 { self.note + 1 } else { 0 };
        self.id + 1 + self.label + 1 + 3 + self.speaker + 1 + note + self.paragraph + 1
    }

    /// The note column's cell: the note cut to fit, or nothing without the
    /// column.
    fn note_cell(&self, note: Option<&str>) -> Span<'static> {
        if self.note == 0 {
            return Span::raw("");
        }
        Span::raw(format!("{} ", fit(note.unwrap_or("–"), self.note)))
    }

    fn header(&self) -> Line<'static> {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Line::styled(
            format!(
                "{:>id$} {} st {} {}{} text",
                "id",
                fit("label", self.label),
                fit("speaker", self.speaker),
                if self.note > 0 {
                    format!("{} ", fit("note", self.note))
                } else {
                    String::new()
                },
                fit("¶", self.paragraph),
                id = self.id
            ),
            bold,
        )
    }

    fn attached(&self, app: &App, a: &Annotation) -> Line<'static> {
        let paragraph = app.article.paragraph_at(a.start()).map_or(0, |p| p + 1);
        let text = a
            .spans
            .iter()
            .map(|s| one_line(&app.article.text()[s.clone()]))
            .collect::<Vec<_>>()
            .join(" … ");
        let text_style = match a.status {
            Status::Accepted => Style::new(),
            Status::Pending => Style::new().add_modifier(Modifier::DIM),
            Status::Rejected => Style::new().add_modifier(Modifier::DIM | Modifier::CROSSED_OUT),
        };
        Line::from(vec![
            Span::raw(format!("{:>w$} ", a.id, w = self.id)),
            Span::styled(fit(&a.label, self.label), style::label(app, &a.label)),
            Span::raw(" "),
            Span::styled(status_symbol(a.status), status_style(app, a.status)),
            Span::raw("  "),
            Span::raw(fit(a.speaker.as_deref().unwrap_or("–"), self.speaker)),
            Span::raw(" "),
            self.note_cell(a.note.as_deref()),
            Span::styled(fit(&paragraph.to_string(), self.paragraph), style::dim(app)),
            Span::raw(" "),
            Span::styled(fit(&text, self.text), text_style),
        ])
    }

    fn detached(&self, app: &App, r: &Record) -> Line<'static> {
        let text = r
            .spans
            .iter()
            .map(|s| one_line(&s.text))
            .collect::<Vec<_>>()
            .join(" … ");
        Line::from(vec![
            Span::raw(format!("{:>w$} ", r.id, w = self.id)),
            Span::styled(fit(&r.label, self.label), style::label(app, &r.label)),
            Span::raw(" "),
            Span::styled(status_symbol(r.status), status_style(app, r.status)),
            Span::raw("  "),
            Span::raw(fit(r.speaker.as_deref().unwrap_or("–"), self.speaker)),
            Span::raw(" "),
            self.note_cell(r.note.as_deref()),
            Span::styled(fit("–", self.paragraph), style::dim(app)),
            Span::raw(" "),
            Span::styled(
                "detached ",
                Style::new().add_modifier(Modifier::CROSSED_OUT),
            ),
            Span::raw(fit(&text, self.text.saturating_sub(9))),
        ])
    }
}

fn status_style(app: &App, status: Status) -> Style {
    match status {
        Status::Pending => Style::new().add_modifier(Modifier::BOLD),
        Status::Accepted => Style::new(),
        Status::Rejected => style::dim(app),
    }
}

/// `text` on one line in exactly `width` cells: control characters shown as
/// symbols, cut with `…` when too wide, padded with spaces. Only what fits
/// is read: a speaker may be megabytes long.
pub(super) fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut graphemes = text.graphemes(true).peekable();
    while let Some(g) = graphemes.next() {
        let (shown, w) = shown_on_a_row(g);
        let last = graphemes.peek().is_none();
        // Room for this grapheme, and for `…` after it unless it is the last.
        if used + w + usize::from(!last) > width {
            if used < width {
                out.push('…');
                used += 1;
            }
            break;
        }
        out.push_str(&shown);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Display width of `text` on a row.
pub(super) fn width_of(text: &str) -> usize {
    text.graphemes(true).map(|g| shown_on_a_row(g).1).sum()
}

/// A grapheme as a row shows it (see [`shown_in_line`]), and its cells.
pub(super) fn shown_on_a_row(g: &str) -> (Cow<'_, str>, usize) {
    let shown = shown_in_line(g);
    let width = usize::from(shown.as_ref().cell_width());
    (shown, width)
}

/// Text on one row, as [`shown_in_line`] shows it; only the first 200
/// graphemes are kept (the row is narrower than that).
pub(super) fn one_line(text: &str) -> String {
    display::one_line(display::head(text, 200)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_cells_not_chars() {
        assert_eq!(fit("Zoë", 5), "Zoë  ");
        assert_eq!(fit("习近平", 6), "习近平");
        assert_eq!(fit("习近平主席", 6), "习近… ");
        assert_eq!(fit("习近平", 5), "习近…");
        assert_eq!(fit("שלום עולם", 6), "שלום …");
        assert_eq!(fit("👩‍👩‍👧 Ann", 4), "👩‍👩‍👧 …");
        assert_eq!(fit("e\u{301}e\u{301}", 2), "e\u{301}e\u{301}");
        assert_eq!(fit("a\tb\x1b", 4), "a b␛");
        assert_eq!(fit("a\u{202e}b", 3), "a�b");
        assert_eq!(fit("", 2), "  ");
        for text in ["习近平主席", "👩‍👩‍👧 🇫🇷 x", "a\tb", "Zoë Ångström"]
        {
            for width in 0..8 {
                assert_eq!(width_of(&fit(text, width)), width, "{text:?} at {width}");
            }
        }
    }
}
