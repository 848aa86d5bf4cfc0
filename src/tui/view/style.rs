//! Styles: each label has a colour and a cue that reads without colour.

use ratatui::style::{Color, Modifier, Style};

use crate::tui::app::App;
use sayso_core::annotation::{self, Annotation, Status};

/// The non-colour cues of the labels, in schema order: underline, bold,
/// italic, then two of them at once, then all three. Beyond seven labels
/// they come round again (the gutter letters still tell them apart).
const CUES: [Modifier; 7] = [
    Modifier::UNDERLINED,
    Modifier::BOLD,
    Modifier::ITALIC,
    Modifier::UNDERLINED.union(Modifier::BOLD),
    Modifier::UNDERLINED.union(Modifier::ITALIC),
    Modifier::BOLD.union(Modifier::ITALIC),
    Modifier::UNDERLINED
        .union(Modifier::BOLD)
        .union(Modifier::ITALIC),
];

/// The non-colour cue of the label at `index`.
fn cue(index: usize) -> Modifier {
    CUES[index % CUES.len()]
}

/// How text of label `name` is drawn; a label the schema lacks gets a plain
/// underline so it is still seen.
pub fn label(app: &App, name: &str) -> Style {
    match app.labels.iter().position(|l| l.name == name) {
        Some(i) => {
            colored(app, Style::new().fg(terminal(app.labels[i].color))).add_modifier(cue(i))
        }
        None => Style::new().add_modifier(Modifier::UNDERLINED),
    }
}

/// How the text of annotation `a` is drawn: its label's look, changed by
/// its review status so that it reads without colour too. Pending text is
/// dim; rejected text is dim and struck through, without the label's cue
/// (the gutter letter and the colour still tell the label).
pub fn annotation(app: &App, a: &Annotation) -> Style {
    match a.status {
        Status::Accepted => label(app, &a.label),
        Status::Pending => label(app, &a.label).add_modifier(Modifier::DIM),
        Status::Rejected => {
            let color = app.label(&a.label).map(|l| terminal(l.color));
            colored(app, Style::new().fg(color.unwrap_or(Color::Reset)))
                .add_modifier(Modifier::DIM | Modifier::CROSSED_OUT)
        }
    }
}

/// A label's colour as the terminal names it.
pub fn terminal(color: annotation::Color) -> Color {
    use annotation::Color as C;
    match color {
        C::Black => Color::Black,
        C::Red => Color::Red,
        C::Green => Color::Green,
        C::Yellow => Color::Yellow,
        C::Blue => Color::Blue,
        C::Magenta => Color::Magenta,
        C::Cyan => Color::Cyan,
        C::Gray => Color::Gray,
        C::DarkGray => Color::DarkGray,
        C::LightRed => Color::LightRed,
        C::LightGreen => Color::LightGreen,
        C::LightYellow => Color::LightYellow,
        C::LightBlue => Color::LightBlue,
        C::LightMagenta => Color::LightMagenta,
        C::LightCyan => Color::LightCyan,
        C::White => Color::White,
        C::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// The gutter's review mark of a line: `?` where an annotation waits for
/// review, `✗` where one was rejected (and none waits).
pub fn review_mark(app: &App, status: Status) -> Option<(&'static str, Style)> {
    match status {
        Status::Pending => Some(("?", Style::new().add_modifier(Modifier::BOLD))),
        Status::Rejected => Some(("✗", dim(app))),
        Status::Accepted => None,
    }
}

/// Appended to every cell of the other editor's annotations that differ from
/// one's own (`--compare`): a combining double low line, so they read as
/// double-underlined
/// beside one's own (single underline, bold, italic), without colour and
/// without moving the text.
pub const THEIRS: &str = "\u{333}";

/// The gutter's `≠` where a disagreement is on a line; reversed on the lines
/// of the current one.
pub fn disagreement(current: bool) -> Style {
    let style = Style::new().add_modifier(Modifier::BOLD);
    if current {
        style.add_modifier(Modifier::REVERSED)
    } else {
        style
    }
}

/// The current annotation stands out as a block.
pub fn current(_app: &App) -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The selection: white on blue; without colour, reversed with a line
/// over each cell ([`SELECTED`]), so that it never looks like the current
/// annotation (reversed, with its label's cue).
pub fn selection(app: &App) -> Style {
    if app.color {
        Style::new().bg(Color::Blue).fg(Color::White)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

/// Appended to every selected cell without colour: a combining overline,
/// a cue no label and no annotation has.
pub const SELECTED: &str = "\u{305}";

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
