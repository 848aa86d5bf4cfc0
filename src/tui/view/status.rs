//! The status line: position, counts, and the last message or key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::style;
use crate::tui::app::{App, Mode, SaveState};
use crate::tui::loading;
use sayso_core::article::display::{head, one_line};

/// Draws the status line.
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
    let mut spans = vec![Span::raw(format!(" {}  ", position(app)))];
    for (i, label) in app.labels.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", style::dim(app)));
        }
        let count = app
            .annotations
            .counts()
            .get(&label.name)
            .copied()
            .unwrap_or(0);
        spans.push(Span::styled(
            format!("{} {count}", label.name),
            style::label(app, &label.name),
        ));
    }
    spans.push(Span::raw("   "));
    spans.extend(right_part(app, usize::from(area.width)));
    frame.render_widget(Line::from(spans), area);
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
            Span::styled("▏  Enter find · Esc cancel", style::dim(app)),
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
        Mode::Normal | Mode::Search(_) | Mode::Help(_) => {}
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
