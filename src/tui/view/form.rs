//! The edit form, a popup over the article: label, speaker (with the
//! matches Tab completes to), note, and the spans, one row each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::{CursorMove, DataCursor, TextArea};

use super::list::one_line;
use super::style;
use crate::tui::app::App;
use crate::tui::form::{Focus, Form};

/// The columns before a field's value: focus marker and field name.
const NAMES: u16 = 10;
/// The rows of the fields: label, speaker, note.
const FIELD_ROWS: u16 = 3;

/// Draws `form` centred over the screen (the status line stays visible).
/// On a short screen the matches row (away from the speaker) and the
/// spans' title go first, so that a span row still shows; the hints at the
/// bottom are the longest that fit, and always name `Enter` and `Esc`.
pub fn draw(app: &App, form: &Form, frame: &mut Frame) {
    let screen = frame.area();
    let width = screen.width.saturating_sub(4).min(84);
    let room = screen.height.saturating_sub(1);
    let rows = Rows::fit(form, room.saturating_sub(2));
    let height = (rows.count() + 2).min(room);
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (room.saturating_sub(height)) / 2,
        width,
        height,
    };
    let status = app
        .annotations
        .get(form.id)
        .map_or("gone", |a| a.status.name());
    let verb = if form.read_only { "Read" } else { "Edit" };
    let block = Block::bordered()
        .title(format!(" {verb} {} #{} · {status} ", form.label, form.id))
        .title_bottom(Line::from(hints(form, width.saturating_sub(2))).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let row = |i: u16| Rect {
        y: inner.y + i,
        height: 1,
        ..inner
    };
    let value = |i: u16| Rect {
        x: inner.x + NAMES,
        y: inner.y + i,
        width: inner.width.saturating_sub(NAMES),
        height: 1,
    };
    let mut y = 0;
    let mut next = |shown: bool| {
        let at = y;
        y += u16::from(shown);
        shown.then_some(at).filter(|&at| at < inner.height)
    };
    if let Some(y) = next(true) {
        frame.render_widget(field_name("Label", form.focus == Focus::Label), row(y));
        frame.render_widget(label_choice(app, form), value(y));
    }
    if let Some(y) = next(true) {
        frame.render_widget(field_name("Speaker", form.focus == Focus::Speaker), row(y));
        draw_field(
            app,
            &form.speaker,
            form.focus == Focus::Speaker,
            value(y),
            frame,
        );
    }
    if let Some(y) = next(rows.matches) {
        frame.render_widget(matches_line(app, form), value(y));
    }
    if let Some(y) = next(true) {
        frame.render_widget(field_name("Note", form.focus == Focus::Note), row(y));
        draw_field(app, &form.note, form.focus == Focus::Note, value(y), frame);
    }
    if let Some(y) = next(rows.spans_title) {
        frame.render_widget(
            Line::from(vec![
                Span::styled("  Spans   ", Style::new().add_modifier(Modifier::BOLD)),
                Span::styled(spans_hint(form), style::dim(app)),
            ]),
            row(y),
        );
    }
    let first_row = y;
    let shown = usize::from(inner.height.saturating_sub(first_row));
    let selected = match form.focus {
        Focus::Span(i) => i,
        _ => 0,
    };
    let first = (selected + 1).saturating_sub(shown);
    for (i, index) in (first..form.spans.len()).take(shown).enumerate() {
        let line = span_row(app, form, index);
        frame.render_widget(line, row(first_row + i as u16));
    }
}

/// Which of the optional rows the form shows in `room` rows.
struct Rows {
    spans: u16,
    matches: bool,
    spans_title: bool,
}

impl Rows {
    /// Every row when they fit; else the matches row only when the
    /// speaker is being completed, then no spans' title, and as many span
    /// rows as are left (at least one).
    fn fit(form: &Form, room: u16) -> Rows {
        let spans = u16::try_from(form.spans.len()).unwrap_or(u16::MAX);
        let mut rows = Rows {
            spans,
            // Read-only, no speaker is typed, so none is completed.
            matches: !form.read_only,
            spans_title: true,
        };
        if rows.count() > room {
            rows.matches = form.focus == Focus::Speaker;
        }
        if rows.count() > room {
            rows.spans_title = false;
        }
        let others = FIELD_ROWS + u16::from(rows.matches) + u16::from(rows.spans_title);
        rows.spans = spans.min(room.saturating_sub(others)).max(1);
        rows
    }

    fn count(&self) -> u16 {
        FIELD_ROWS + u16::from(self.matches) + u16::from(self.spans_title) + self.spans
    }
}

/// The form's key hints, the longest that fit in `width` columns.
fn hints(form: &Form, width: u16) -> String {
    let choices: &[&str] = if form.read_only {
        &[" Enter or Esc close · ↑ ↓ move ", " Esc close "]
    } else {
        &[
            " Enter save · Esc cancel · ↑ ↓ move · Tab complete · Ctrl-x split ",
            " Enter save · Esc cancel · ↑ ↓ move · Tab complete ",
            " Enter save · Esc cancel · ↑ ↓ move ",
            " Enter save · Esc cancel ",
        ]
    };
    choices
        .iter()
        .find(|h| h.chars().count() <= usize::from(width))
        .or(choices.last())
        .map(|h| h.to_string())
        .unwrap_or_default()
}

/// "▶ Speaker" for the focused field, "  Note" for the others.
fn field_name(name: &str, focused: bool) -> Line<'static> {
    if focused {
        Line::styled(
            format!("▶ {name}"),
            Style::new().add_modifier(Modifier::BOLD),
        )
    } else {
        Line::raw(format!("  {name}"))
    }
}

/// "◀ quote ▶  q quote · c claim · d denial"; only "quote" when the form
/// is open to read.
fn label_choice(app: &App, form: &Form) -> Line<'static> {
    if form.read_only {
        return Line::styled(form.label.clone(), style::label(app, &form.label));
    }
    let mut spans = vec![
        Span::raw("◀ "),
        Span::styled(form.label.clone(), style::label(app, &form.label)),
        Span::raw(" ▶   "),
    ];
    for (i, label) in app.labels.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", style::dim(app)));
        }
        spans.push(Span::styled(
            format!("{} {}", label.key, label.name),
            style::dim(app),
        ));
    }
    Line::from(spans)
}

/// Draws a text field: with its cursor when focused, "–" when empty and not.
/// Styling is the view's, so the state keeps none of it.
fn draw_field(app: &App, field: &TextArea<'_>, focused: bool, area: Rect, frame: &mut Frame) {
    if !focused && field.is_empty() {
        frame.render_widget(Line::styled("–", style::dim(app)), area);
        return;
    }
    if !focused && is_long(field) {
        // No cursor to show: the start of it is enough.
        let start = field.lines().first().map_or("", String::as_str);
        frame.render_widget(Line::raw(one_line(start)), area);
        return;
    }
    let mut shown = around_cursor(field);
    shown.set_style(Style::new());
    shown.set_cursor_line_style(Style::new());
    shown.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
    shown.set_cursor_style(if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    });
    frame.render_widget(&shown, area);
}

/// How many chars of a field around its cursor the text area is given to
/// draw: a row shows far fewer, and the text area measures all it is given
/// on every draw (a speaker of megabytes from a file took seconds).
const FIELD_CHARS: usize = 512;

/// Whether `field` holds more than [`FIELD_CHARS`] bytes.
fn is_long(field: &TextArea<'_>) -> bool {
    field.lines().iter().map(String::len).sum::<usize>() > FIELD_CHARS
}

/// `field` as it is when short; else a text area of the chars around its
/// cursor only, the cursor among them where it is in the field.
fn around_cursor<'a>(field: &TextArea<'a>) -> TextArea<'a> {
    let DataCursor(row, col) = field.cursor();
    let line = field.lines().get(row).map_or("", String::as_str);
    if line.len() <= FIELD_CHARS {
        return field.clone();
    }
    // Counting chars is much cheaper than measuring them; the cut is
    // looked for from the nearer end.
    let chars = line.chars().count();
    let from = col.saturating_sub(FIELD_CHARS / 2);
    let to = (from + FIELD_CHARS).min(chars);
    let byte_of = |c: usize| {
        if c <= chars / 2 {
            line.char_indices().nth(c).map_or(line.len(), |(i, _)| i)
        } else {
            line.char_indices()
                .rev()
                .nth(chars - c - 1)
                .map_or(0, |(i, _)| i)
        }
    };
    let part = line.get(byte_of(from)..if to == chars { line.len() } else { byte_of(to) });
    let mut shown = TextArea::new(vec![part.unwrap_or_default().to_string()]);
    shown.move_cursor(CursorMove::Jump(
        0,
        (col - from).try_into().unwrap_or(u16::MAX),
    ));
    shown
}

/// The speakers Tab completes to, the one shown now marked.
fn matches_line(app: &App, form: &Form) -> Line<'static> {
    if form.focus != Focus::Speaker {
        return Line::default();
    }
    if form.speakers.is_empty() {
        return Line::styled("no speaker named in the article yet", style::dim(app));
    }
    // Matching reads the whole field and every name, on every draw.
    if is_long(&form.speaker) {
        return Line::styled(
            "too long to complete from the speakers named",
            style::dim(app),
        );
    }
    let matches = form.matches();
    if matches.is_empty() {
        return Line::styled("no speaker named so far matches", style::dim(app));
    }
    let mut spans = vec![Span::styled("Tab: ", style::dim(app))];
    for (i, name) in matches.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", style::dim(app)));
        }
        let chosen = form.cycle.as_ref().is_some_and(|c| c.index == i);
        let look = if chosen {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        spans.push(Span::styled(one_line(name), look));
    }
    Line::from(spans)
}

fn spans_hint(form: &Form) -> String {
    match form.spans.len() {
        1 => "one span".into(),
        n if form.read_only => format!("{n} spans"),
        n => format!("{n} spans · Ctrl-x on a row splits it off"),
    }
}

/// "▶ ¶4   text of the span…", marked when it splits off on save.
fn span_row(app: &App, form: &Form, index: usize) -> Line<'static> {
    let span = &form.spans[index];
    let focused = form.focus == Focus::Span(index);
    let paragraph = app.article.paragraph_at(span.start).map_or(0, |p| p + 1);
    let text = one_line(&app.article.text()[span.clone()]);
    let marker = if focused { "▶ " } else { "  " };
    let mut spans = vec![
        Span::styled(
            format!("{marker}¶{paragraph:<6}"),
            if focused {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                style::dim(app)
            },
        ),
        Span::raw(" "),
    ];
    if form.split.get(index).copied().unwrap_or(false) {
        spans.push(Span::styled(
            "✂ splits off: ",
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    spans.push(Span::raw(format!("“{text}”")));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field of `text` with the cursor at char `col`, or at its end.
    fn field_at(text: &str, col: Option<u16>) -> TextArea<'static> {
        let mut field = TextArea::new(vec![text.to_string()]);
        field.move_cursor(col.map_or(CursorMove::End, |col| CursorMove::Jump(0, col)));
        field
    }

    /// The text drawn and the char under the cursor.
    fn drawn(field: &TextArea<'_>) -> (String, Option<char>) {
        let shown = around_cursor(field);
        let DataCursor(_, col) = shown.cursor();
        let line = shown.lines()[0].clone();
        let under = line.chars().nth(col);
        (line, under)
    }

    #[test]
    fn a_long_field_is_drawn_from_around_its_cursor() {
        let text = format!("{}Zoë{}", "é👩‍👧".repeat(10_000), "漢".repeat(30_000));
        for col in [Some(0), Some(5), Some(40_000), Some(40_001), None] {
            let field = field_at(&text, col);
            let DataCursor(_, at) = field.cursor();
            let (line, under) = drawn(&field);
            assert!(line.chars().count() <= FIELD_CHARS, "at {at}");
            assert_eq!(under, text.chars().nth(at), "at {at}");
            assert!(text.contains(&line), "at {at}");
        }
    }

    #[test]
    fn a_short_field_is_drawn_whole() {
        let field = field_at("Zoë Ångström 👩‍👧", Some(4));
        assert_eq!(drawn(&field), ("Zoë Ångström 👩‍👧".to_string(), Some('Å')));
    }
}
