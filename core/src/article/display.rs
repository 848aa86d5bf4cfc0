//! How text is shown to a person (a terminal, a web page).
//!
//! Text from a file (an article, a speaker, a file name, a message that
//! quotes one) is never shown raw: control characters and escape sequences
//! become visible symbols, so a file cannot drive the terminal, and
//! bidirectional controls are shown instead of reordering what follows.
//! [`visible`] is the one mapping; [`shown_grapheme`] applies it to the
//! article's text, [`one_line`] to a status line, a table cell or an error.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

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

/// The symbol shown for grapheme `g` where everything stands on one line
/// (a status line, a table cell, an error): as [`shown_grapheme`], but a line
/// break or a tab is one space.
pub fn shown_in_line(g: &str) -> Cow<'_, str> {
    if g.chars().all(char::is_whitespace) && g.chars().any(is_hidden_control) {
        Cow::Borrowed(" ")
    } else {
        shown_grapheme(g)
    }
}

/// `text` as one line a person can read, each grapheme as
/// [`shown_in_line`] shows it; ordinary text is not copied.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.graphemes(true).map(shown_in_line).collect())
}

/// The first `graphemes` graphemes of `text` (all of it when it has fewer):
/// what a line of the screen can show of a text of any length, found without
/// reading the rest.
pub fn head(text: &str, graphemes: usize) -> &str {
    match text.grapheme_indices(true).nth(graphemes) {
        Some((end, _)) => &text[..end],
        None => text,
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
    fn one_line_shows_breaks_as_spaces_and_controls_as_symbols() {
        assert_eq!(
            one_line("a\tb\r\nc\nd\u{85}e"),
            "a b c d e",
            "a CRLF is one grapheme and one space"
        );
        assert_eq!(one_line("\u{1b}]0;title\u{7}x\u{1b}[2J"), "␛]0;title␇x␛[2J");
        assert_eq!(one_line("\u{202e}gnp.exe"), "�gnp.exe");
        assert_eq!(one_line("\u{9b}31m"), "�31m");
        for text in ["Zoë Ångström", "e\u{301}", "👩‍👩‍👧 🇫🇷", "北京", "שלום", ""]
        {
            assert!(matches!(one_line(text), Cow::Borrowed(_)), "{text:?}");
        }
    }

    #[test]
    fn nothing_hidden_survives_one_line() {
        let text = "\u{feff}a\u{1b}[31m\u{7}\u{0}\u{7f}\u{85}\u{9b}\u{200e}\u{2066}\u{2069}\r\n\t\u{b}\u{c}";
        let shown = one_line(text);
        assert!(!shown.chars().any(is_hidden_control), "{shown:?}");
        assert!(!shown.contains('\n'));
    }

    #[test]
    fn head_takes_whole_graphemes_without_reading_on() {
        assert_eq!(head("e\u{301}👩‍👩‍👧abc", 2), "e\u{301}👩‍👩‍👧");
        assert_eq!(head("ab", 5), "ab");
        assert_eq!(head("🇫🇷🇩🇪", 1), "🇫🇷");
        assert_eq!(head("", 0), "");
        assert_eq!(head("abc", 0), "");
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
