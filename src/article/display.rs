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
    if g.chars().any(is_hidden_control) {
        let shown: String = g.chars().map(visible).collect();
        let width = shown.as_str().cell_width();
        return (Cow::Owned(shown), width);
    }
    let width = g.cell_width();
    (Cow::Borrowed(g), width)
}

/// Characters that act on the terminal or on the text around them instead of
/// showing: C0 and C1 controls, and the bidirectional overrides and isolates,
/// which would reorder the rest of the line on screen.
pub fn is_hidden_control(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A control character's visible stand-in (the Unicode "control pictures").
pub fn visible(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        c if is_hidden_control(c) => '�',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn shown(g: &str) -> (String, u16) {
        let (symbol, width) = display_grapheme(g);
        (symbol.into_owned(), width)
    }

    #[test]
    fn bidi_overrides_are_shown_not_obeyed() {
        for c in ['\u{202e}', '\u{2066}', '\u{200f}'] {
            assert_eq!(shown(&c.to_string()), ("�".to_string(), 1));
        }
        assert_eq!(
            shown("ש").0,
            "ש",
            "right-to-left letters themselves are shown"
        );
    }

    #[test]
    fn escape_becomes_a_visible_symbol() {
        assert_eq!(shown("\u{1b}"), ("␛".to_string(), 1));
    }

    #[test]
    fn a_tab_is_an_arrow_four_columns_wide() {
        assert_eq!(shown("\t"), ("→".to_string(), TAB_WIDTH));
        assert_eq!(TAB_WIDTH, 4);
    }

    #[test]
    fn c0_controls_become_control_pictures() {
        assert_eq!(shown("\u{0}").0, "␀");
        assert_eq!(shown("\u{7}").0, "␇");
        assert_eq!(shown("\r").0, "␍");
        assert_eq!(shown("\r\n"), ("␍␊".to_string(), 2));
        assert_eq!(shown("\u{1f}").0, "␟");
        assert_eq!(shown("\u{7f}"), ("␡".to_string(), 1));
    }

    #[test]
    fn c1_controls_are_replaced() {
        for c in ['\u{80}', '\u{85}', '\u{9b}', '\u{9f}'] {
            let (symbol, width) = shown(&c.to_string());
            assert_eq!(symbol, "�", "{c:?}");
            assert_eq!(width, 1);
        }
    }

    #[test]
    fn no_control_char_survives_in_any_text() {
        let text = "a\u{1b}[31mred\u{1b}[0m\u{9b}2J\t\r\n\u{7}\u{0}\u{7f}";
        for g in text.graphemes(true) {
            let (symbol, width) = shown(g);
            assert!(
                !symbol.chars().any(char::is_control),
                "{g:?} shown as {symbol:?}"
            );
            assert!(width >= 1, "{g:?}");
        }
    }

    #[test]
    fn ordinary_text_is_untouched_and_measured() {
        for (g, width) in [
            ("a", 1),
            ("e\u{301}", 1),
            ("漢", 2),
            ("か", 2),
            ("ש", 1),
            ("م", 1),
            ("👩‍👩‍👧", 2),
            ("🇫🇷", 2),
        ] {
            let (symbol, w) = display_grapheme(g);
            assert!(matches!(symbol, Cow::Borrowed(_)), "{g:?} was copied");
            assert_eq!(symbol, g);
            assert_eq!(w, width, "{g:?}");
        }
    }
}
