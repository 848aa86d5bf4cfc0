//! How article text is shown to a person (a terminal, a web page).
//!
//! Article text is never shown raw: control characters and escape sequences
//! become visible symbols, so an article cannot drive the terminal, and
//! bidirectional controls are shown instead of reordering what follows.

use std::borrow::Cow;

/// The symbol shown for grapheme `g`: a tab as `→`, a control character as
/// its control picture, anything else as itself.
pub fn shown_grapheme(g: &str) -> Cow<'_, str> {
    if g == "\t" {
        Cow::Borrowed("→")
    } else if g.chars().any(is_hidden_control) {
        Cow::Owned(g.chars().map(visible).collect())
    } else {
        Cow::Borrowed(g)
    }
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

    fn shown(g: &str) -> String {
        shown_grapheme(g).into_owned()
    }

    #[test]
    fn bidi_overrides_are_shown_not_obeyed() {
        for c in ['\u{202e}', '\u{2066}', '\u{200f}'] {
            assert_eq!(shown(&c.to_string()), "�");
        }
        assert_eq!(
            shown("ש"),
            "ש",
            "right-to-left letters themselves are shown"
        );
    }

    #[test]
    fn escape_becomes_a_visible_symbol() {
        assert_eq!(shown("\u{1b}"), "␛");
    }

    #[test]
    fn a_tab_is_an_arrow() {
        assert_eq!(shown("\t"), "→");
    }

    #[test]
    fn c0_controls_become_control_pictures() {
        assert_eq!(shown("\u{0}"), "␀");
        assert_eq!(shown("\u{7}"), "␇");
        assert_eq!(shown("\r"), "␍");
        assert_eq!(shown("\r\n"), "␍␊");
        assert_eq!(shown("\u{1f}"), "␟");
        assert_eq!(shown("\u{7f}"), "␡");
    }

    #[test]
    fn c1_controls_are_replaced() {
        for c in ['\u{80}', '\u{85}', '\u{9b}', '\u{9f}'] {
            assert_eq!(shown(&c.to_string()), "�", "{c:?}");
        }
    }

    #[test]
    fn no_control_char_survives_in_any_text() {
        let text = "a\u{1b}[31mred\u{1b}[0m\u{9b}2J\t\r\n\u{7}\u{0}\u{7f}\u{202e}";
        for g in text.graphemes(true) {
            let symbol = shown(g);
            assert!(
                !symbol.chars().any(is_hidden_control),
                "{g:?} shown as {symbol:?}"
            );
            assert!(!symbol.is_empty(), "{g:?}");
        }
    }

    #[test]
    fn ordinary_text_is_untouched_and_not_copied() {
        for g in ["a", "e\u{301}", "漢", "か", "ש", "م", "👩‍👩‍👧", "🇫🇷"] {
            let symbol = shown_grapheme(g);
            assert!(matches!(symbol, Cow::Borrowed(_)), "{g:?} was copied");
            assert_eq!(symbol, g);
        }
    }
}
