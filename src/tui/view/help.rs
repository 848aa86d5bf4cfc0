//! The help popup, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::Keymap;

/// Draws every key of every mode, scrolled down by `scroll` lines.
pub fn draw(keymap: &Keymap, scroll: u16, frame: &mut Frame) {
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
    let [area] = Layout::horizontal([Constraint::Length(76)])
        .flex(Flex::Center)
        .areas(frame.area());
    let [area] = Layout::vertical([Constraint::Percentage(90)])
        .flex(Flex::Center)
        .areas(area);
    let block = Block::bordered()
        .title(" Keys ")
        .title_bottom(Line::from(" j k scroll · Esc close ").right_aligned());
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
