//! Styles: each label has a colour and a cue that reads without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::tui::app::App;

/// The non-colour cue of the label at `index`: underline, bold, italic, then
/// the same again (the gutter letters tell labels apart beyond three).
fn cue(index: usize) -> Modifier {
    [Modifier::UNDERLINED, Modifier::BOLD, Modifier::ITALIC][index % 3]
}

/// How text of label `name` is drawn; a label the schema lacks gets a plain
/// underline so it is still seen.
pub fn label(app: &App, name: &str) -> Style {
    match app.labels.iter().position(|l| l.name == name) {
        Some(i) => colored(app, Style::new().fg(app.labels[i].color)).add_modifier(cue(i)),
        None => Style::new().add_modifier(Modifier::UNDERLINED),
    }
}

/// The current annotation stands out as a block.
pub fn current(_app: &App) -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The selection.
pub fn selection(app: &App) -> Style {
    if app.color {
        Style::new().bg(Color::Blue).fg(Color::White)
    } else {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
    }
}

/// Chrome: borders, gutter numbers, hints.
pub fn dim(app: &App) -> Style {
    colored(app, Style::new().fg(Color::DarkGray))
}

/// Drops the colours of `style` when colour is off (`NO_COLOR`).
pub fn colored(app: &App, style: Style) -> Style {
    if app.color {
        style
    } else {
        Style {
            fg: None,
            bg: None,
            ..style
        }
    }
}
