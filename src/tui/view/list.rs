//! The annotation list beside the article: label, paragraph, text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::style;
use crate::tui::app::App;

/// Draws the list; only the rows on screen are looked at, so it costs the
/// same with fifty annotations or fifty thousand.
pub fn draw(app: &App, area: Rect, frame: &mut Frame) {
    let attached = app.annotations.len();
    let total = attached + app.detached.len();
    let block = Block::bordered()
        .border_style(style::dim(app))
        .title(format!(" Annotations ({total}) "))
        .title_bottom(Line::from(" j k move · Enter go · L close ").right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let selected = app.list.unwrap_or(0);
    let height = usize::from(inner.height);
    let first = selected.saturating_sub(height.saturating_sub(1));
    for (i, row) in (first..total).take(height).enumerate() {
        let line = if row < attached {
            attached_row(app, row)
        } else {
            detached_row(app, row - attached)
        };
        let line = if row == selected {
            line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        };
        let y = inner.y + i as u16;
        frame.render_widget(line, Rect::new(inner.x, y, inner.width, 1));
    }
    if total == 0 {
        frame.render_widget(
            Line::styled("No annotations yet.", style::dim(app)),
            Rect::new(inner.x, inner.y, inner.width, 1),
        );
    }
}

fn attached_row(app: &App, row: usize) -> Line<'static> {
    let Some(a) = app.annotations.nth(row) else {
        return Line::default();
    };
    let paragraph = app.article.paragraph_at(a.start()).map_or(0, |p| p + 1);
    let text = a
        .spans
        .iter()
        .map(|s| one_line(&app.article.text()[s.clone()]))
        .collect::<Vec<_>>()
        .join(" … ");
    Line::from(vec![
        Span::styled(format!("{:<7}", a.label), style::label(app, &a.label)),
        Span::styled(format!("¶{paragraph:<4}"), style::dim(app)),
        Span::raw(text),
    ])
}

fn detached_row(app: &App, index: usize) -> Line<'static> {
    let Some(r) = app.detached.get(index) else {
        return Line::default();
    };
    let text = r
        .spans
        .iter()
        .map(|s| one_line(&s.text))
        .collect::<Vec<_>>()
        .join(" … ");
    Line::from(vec![
        Span::styled(format!("{:<7}", r.label), style::label(app, &r.label)),
        Span::styled(
            "detached ",
            Style::new().add_modifier(Modifier::CROSSED_OUT),
        ),
        Span::raw(text),
    ])
}

/// Text on one row: line breaks and control characters become spaces, and
/// only the first 200 chars are kept (the row is narrower than that).
fn one_line(text: &str) -> String {
    text.chars()
        .take(200)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
