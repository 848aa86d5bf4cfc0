//! How article text is shown on a terminal.
//!
//! Article text never reaches the terminal raw: control characters and escape
//! sequences become visible symbols, so an article cannot drive the terminal.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;

/// Columns a tab takes on screen.
pub const TAB_WIDTH: u16 = 4;

/// The symbol shown for grapheme `g`, and the cells it takes.
pub fn display_grapheme(g: &str) -> (Cow<'_, str>, u16) {
    if g == "\t" {
        return (Cow::Borrowed("→"), TAB_WIDTH);
    }
    if g.chars().any(char::is_control) {
        let shown: String = g.chars().map(visible).collect();
        let width = shown.as_str().cell_width();
        return (Cow::Owned(shown), width);
    }
    let width = g.cell_width();
    (Cow::Borrowed(g), width)
}

/// A control character's visible stand-in (the Unicode "control pictures").
fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        c if c.is_control() => '�',
        c => c,
    }
}
