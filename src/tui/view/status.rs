//! The status line: position, counts, and the last message or key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::style;
use crate::tui::app::{App, Mode, SaveState};
use crate::tui::list::ListRow;
use crate::tui::loading;
use crate::tui::quoting::quoted;
use sayso_core::article::display::{head, one_line};

/// Draws the status line. A message, hint or panel row too long for the
/// line takes the room of the label counts, and is then cut between words
/// with `…` (what follows the cut is left out).
pub fn draw(app: &App, area: Rect, frame: &mut Frame) {
    if let Some(refused) = &app.quit_refused {
        // What quitting would lose takes the whole line.
        let warning = Span::styled(
            format!(" {refused}"),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        );
        frame.render_widget(Line::from(warning), area);
        return;
    }
    let position = Span::raw(format!(" {}  ", position(app)));
    let mut counts = Vec::new();
    for (i, label) in app.labels.iter().enumerate() {
        if i > 0 {
            counts.push(Span::styled(" · ", style::dim(app)));
        }
        let count = app
            .annotations
            .counts()
            .get(&label.name)
            .copied()
            .unwrap_or(0);
        counts.push(Span::styled(
            format!("{} {count}", label.name),
            style::label(app, &label.name),
        ));
    }
    counts.push(Span::raw("   "));
    let right = right_part(app, usize::from(area.width));
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let room = usize::from(area.width);
    let mut spans = vec![position];
    if width(&spans) + width(&counts) + width(&right) <= room {
        spans.extend(counts);
        spans.extend(right);
    } else {
        let mut left = room.saturating_sub(width(&spans));
        for span in right {
            if span.width() > left {
                spans.push(cut_between_words(span, left));
                break;
            }
            left -= span.width();
            spans.push(span);
        }
    }
    frame.render_widget(Line::from(spans), area);
}

/// `span` cut to `room` columns after its last whole word that fits, with
/// `…`.
fn cut_between_words(span: Span<'static>, room: usize) -> Span<'static> {
    if span.width() <= room {
        return span;
    }
    let mut used = 0;
    let mut cut = 0;
    for (i, word) in span.content.split_word_bound_indices() {
        used += word.width();
        if used + 1 > room {
            break;
        }
        if !word.trim().is_empty() {
            cut = i + word.len();
        }
    }
    let text = format!("{}…", &span.content[..cut]);
    Span::styled(text, span.style)
}

/// The review panel's selected row: which annotation, its status and
/// speaker, and what the panel's keys do with it.
fn selected_row(app: &App, width: usize) -> Vec<Span<'static>> {
    let hints = Span::styled("  Enter go · e edit · ? help", style::dim(app));
    match app.list.selected_row() {
        Some(ListRow::Attached(id)) => match app.annotations.get(id) {
            Some(a) => vec![
                Span::styled(
                    format!("{} #{}", shown(&a.label, width), a.id),
                    style::label(app, &a.label),
                ),
                Span::raw(format!(
                    " · {} · {} {}",
                    a.status.name(),
                    shown(a.speaker.as_deref().unwrap_or("no speaker"), width),
                    quoted(app, a)
                )),
                hints,
            ],
            None => Vec::new(),
        },
        Some(ListRow::Detached(i)) => app
            .detached
            .get(i)
            .map(|r| {
                vec![Span::raw(format!(
                    "{} #{} · detached: no fitting place for it was found",
                    shown(&r.label, width),
                    r.id
                ))]
            })
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

/// What fits of `text` in `width` cells (no grapheme takes less than one,
/// but for a zero-width one, which the slack allows for), on one line with
/// its control characters shown: a message may quote a speaker of any length
/// or an escape sequence from a file.
fn shown(text: &str, width: usize) -> String {
    one_line(head(text, width + 8)).into_owned()
}

/// "¶4/23", or "¶–" for an empty article.
fn position(app: &App) -> String {
    match app.paragraph() {
        Some(p) => format!("¶{}/{}", p + 1, app.article.paragraphs().len()),
        None => "¶–".into(),
    }
}

/// The search being typed, the last message, a failed save, or key hints,
/// for a status line `width` cells wide.
fn right_part(app: &App, width: usize) -> Vec<Span<'static>> {
    if let Mode::Search(query) = &app.mode {
        return vec![
            Span::styled("/", Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(shown(query, width)),
            Span::styled("▏  Enter find · ↑ ↓ earlier · Esc cancel", style::dim(app)),
        ];
    }
    if let Mode::GoTo(typed) = &app.mode {
        return vec![
            Span::styled(
                "Go to paragraph ",
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(shown(typed, width)),
            Span::styled(
                format!(
                    "▏ of {}  Enter or g go · Esc cancel",
                    app.article.paragraphs().len()
                ),
                style::dim(app),
            ),
        ];
    }
    if let SaveState::Failed(why) = &app.save {
        return vec![Span::styled(
            format!("Not saved: {}", shown(why, width)),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )];
    }
    if let Some(message) = &app.message {
        return vec![Span::raw(shown(message, width))];
    }
    if let Some(loading) = &app.loading {
        return vec![Span::styled(
            loading::status(loading, app.typed_ahead.len()),
            style::dim(app),
        )];
    }
    match &app.mode {
        Mode::Form(form) => {
            return vec![Span::styled(
                format!("Editing #{}: Enter saves · Esc cancels", form.id),
                style::dim(app),
            )];
        }
        Mode::ListFilter => {
            return vec![Span::styled(
                "Speaker filter: Enter keeps · Esc drops",
                style::dim(app),
            )];
        }
        Mode::OverviewName => {
            return vec![Span::styled(
                "Name filter: Enter keeps · Esc drops",
                style::dim(app),
            )];
        }
        Mode::Overview => {
            return vec![Span::styled(
                "Enter opens the article · O or Esc goes back · ? help",
                style::dim(app),
            )];
        }
        Mode::Normal | Mode::Search(_) | Mode::GoTo(_) | Mode::Help(_) => {}
    }
    if app.list.open {
        return selected_row(app, width);
    }
    if let Some(a) = app.current_annotation() {
        return vec![
            Span::styled(
                format!("{} #{}", shown(&a.label, width), a.id),
                style::label(app, &a.label),
            ),
            Span::raw(format!(" · {}", a.status.name())),
            Span::styled(
                "  a accept · r reject · Enter edit · Tab next · ? help",
                style::dim(app),
            ),
        ];
    }
    let mut hints: Vec<Span<'static>> = app
        .labels
        .iter()
        .map(|l| Span::styled(format!("{} {}  ", l.key, l.name), style::dim(app)))
        .collect();
    hints.push(Span::styled("? help", style::dim(app)));
    hints
}
