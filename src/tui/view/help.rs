//! The help popup, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::Keymap;

/// Draws every key of every mode, scrolled down by `scroll` lines (never
/// past the last line, whatever the state asks).
pub fn draw(keymap: &Keymap, scroll: u16, frame: &mut Frame) {
    let lines = lines(keymap);
    let area = popup(frame.area());
    let scroll = scroll.min(last_scroll(lines.len(), area));
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(Line::from(" j k scroll · Esc close ").right_aligned());
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// How far the help can scroll on a screen of `size`: until its last line
/// is at the bottom of the popup, not into blank space below it.
pub fn max_scroll(keymap: &Keymap, size: Rect) -> u16 {
    last_scroll(lines(keymap).len(), popup(size))
}

fn last_scroll(lines: usize, popup: Rect) -> u16 {
    let shown = usize::from(popup.height.saturating_sub(2));
    u16::try_from(lines.saturating_sub(shown)).unwrap_or(u16::MAX)
}

/// The popup: 76 columns wide, 90% of the height, centred.
fn popup(screen: Rect) -> Rect {
    let [area] = Layout::horizontal([Constraint::Length(76)])
        .flex(Flex::Center)
        .areas(screen);
    let [area] = Layout::vertical([Constraint::Percentage(90)])
        .flex(Flex::Center)
        .areas(area);
    area
}

/// A title line per section and a line per binding, sections apart.
fn lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (title, rows) in keymap.help_sections() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        for (keys, help) in rows {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {keys:<16}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(help.to_string()),
            ]));
        }
    }
    lines
}
