//! Article text on the terminal: the symbol each grapheme is drawn as (see
//! [`shown_grapheme`]) and the cells it takes, as ratatui's buffer counts
//! them, so layout, drawing and mouse hits agree on every column.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use sayso_core::article::display::shown_grapheme;

/// Columns a tab takes on screen.
pub const TAB_WIDTH: u16 = 4;

/// The symbol shown for grapheme `g`, and the cells it takes.
pub fn display_grapheme(g: &str) -> (Cow<'_, str>, u16) {
    if g == "\t" {
        return (shown_grapheme(g), TAB_WIDTH);
    }
    let shown = shown_grapheme(g);
    let width = shown.as_ref().cell_width();
    (shown, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn a_tab_is_an_arrow_four_columns_wide() {
        assert_eq!(display_grapheme("\t"), (Cow::Borrowed("→"), TAB_WIDTH));
        assert_eq!(TAB_WIDTH, 4);
    }

    #[test]
    fn a_control_takes_the_cells_of_its_symbol() {
        for (g, symbol, width) in [
            ("\u{1b}", "␛", 1),
            ("\r\n", "␍␊", 2),
            ("\u{7f}", "␡", 1),
            ("\u{85}", "�", 1),
            ("\u{202e}", "�", 1),
        ] {
            let (shown, w) = display_grapheme(g);
            assert_eq!((shown.as_ref(), w), (symbol, width), "{g:?}");
        }
    }

    #[test]
    fn every_grapheme_of_hostile_text_takes_a_cell_at_least() {
        let text = "a\u{1b}[31mred\u{1b}[0m\u{9b}2J\t\r\n\u{7}\u{0}\u{7f}";
        for g in text.graphemes(true) {
            assert!(display_grapheme(g).1 >= 1, "{g:?}");
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
