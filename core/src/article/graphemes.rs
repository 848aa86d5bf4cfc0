//! Grapheme-cluster boundaries (UAX #29, extended clusters).
//!
//! Every position sayso keeps is on a grapheme boundary, so that a span never
//! splits an emoji sequence or separates a letter from its combining mark.
//! The functions take a text and a byte offset into it; callers pass the
//! paragraph, not the whole article, so the cost stays local. An offset past
//! the end or inside a char is tolerated (clamped or floored), never a panic.

use unicode_segmentation::GraphemeCursor;

/// The next grapheme boundary after `byte`, or `text.len()` at the end.
pub fn next_boundary(text: &str, byte: usize) -> usize {
    let from = floor_char_boundary(text, byte);
    let mut cursor = GraphemeCursor::new(from, text.len(), true);
    cursor
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(text.len())
}

/// The previous grapheme boundary before `byte`, or 0 at the start.
pub fn prev_boundary(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    if !text.is_char_boundary(byte) {
        // Inside a char: the boundary before it is the floor, which may be the
        // very start of that char.
        return floor_boundary(text, byte);
    }
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0)
}

/// Whether `byte` is a grapheme boundary of `text`.
pub fn is_boundary(text: &str, byte: usize) -> bool {
    if byte > text.len() || !text.is_char_boundary(byte) {
        return false;
    }
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    cursor.is_boundary(text, 0).unwrap_or(false)
}

/// The greatest grapheme boundary at or before `byte`.
pub fn floor_boundary(text: &str, byte: usize) -> usize {
    let char_floor = floor_char_boundary(text, byte);
    if is_boundary(text, char_floor) {
        char_floor
    } else {
        prev_boundary(text, char_floor)
    }
}

/// The least grapheme boundary at or after `byte` (`text.len()` past the end).
pub fn ceil_boundary(text: &str, byte: usize) -> usize {
    if is_boundary(text, byte) {
        byte
    } else {
        next_boundary(text, byte)
    }
}

/// Whether `c` joins the char before it into one grapheme cluster whatever
/// that char is (a combining mark, a spacing mark, a zero-width joiner):
/// asked of the cluster rules themselves, so no property table is needed.
pub fn extends_previous(c: char) -> bool {
    let mut buffer = [0u8; 8];
    buffer[0] = b'a';
    let len = 1 + c.encode_utf8(&mut buffer[1..]).len();
    let pair = std::str::from_utf8(&buffer[..len]).unwrap_or("a");
    !is_boundary(pair, 1)
}

/// The greatest char boundary at or before `byte`, clamped to the text.
fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::testing::unicode_text;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// Texts that exercise every kind of cluster: combining marks, ZWJ
    /// sequences, flags, CJK, right-to-left, tabs, CRLF and controls.
    const SAMPLES: &[&str] = &[
        "",
        "plain words",
        "cafe\u{301} au lait",
        "👩‍👩‍👧 family",
        "🇫🇷🇩🇪 flags",
        "漢字かな交じり文",
        "שלום עולם",
        "مرحبا بالعالم",
        "tab\there",
        "line\r\nnext",
        "bell\u{7}esc\u{1b}[31m",
        " \u{301}x",
    ];

    /// Grapheme boundaries computed by iterating the whole text.
    fn reference(text: &str) -> Vec<usize> {
        let mut all: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
        all.push(text.len());
        all
    }

    #[test]
    fn boundaries_match_grapheme_iteration() {
        for text in SAMPLES {
            let expected = reference(text);
            let found: Vec<usize> = (0..=text.len()).filter(|&b| is_boundary(text, b)).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn next_and_prev_step_over_whole_clusters() {
        for text in SAMPLES {
            let all = reference(text);
            for pair in all.windows(2) {
                assert_eq!(next_boundary(text, pair[0]), pair[1], "{text:?}");
                assert_eq!(prev_boundary(text, pair[1]), pair[0], "{text:?}");
            }
            assert_eq!(next_boundary(text, text.len()), text.len());
            assert_eq!(prev_boundary(text, 0), 0);
        }
    }

    #[test]
    fn a_family_emoji_is_one_step() {
        let text = "a👩‍👩‍👧b";
        assert_eq!(next_boundary(text, 1), text.len() - 1);
        assert_eq!(prev_boundary(text, text.len() - 1), 1);
        assert!(!is_boundary(text, 5));
    }

    #[test]
    fn a_combining_mark_stays_with_its_letter() {
        let text = "e\u{301}";
        assert!(!is_boundary(text, 1));
        assert_eq!(floor_boundary(text, 1), 0);
        assert_eq!(ceil_boundary(text, 1), text.len());
    }

    #[test]
    fn marks_and_joiners_extend_letters_and_spaces_do_not() {
        for c in [
            '\u{301}',
            '\u{345}',
            '\u{93e}',
            '\u{200d}',
            '\u{fe0f}',
            '\u{1f3fb}',
        ] {
            assert!(extends_previous(c), "{c:?}");
        }
        for c in ['a', ' ', '\t', '\n', '漢', 'ש', '🇫', '\u{1b}', '\u{ad}'] {
            assert!(!extends_previous(c), "{c:?}");
        }
    }

    #[test]
    fn offsets_inside_a_char_or_past_the_end_do_not_panic() {
        let text = "é🇫🇷";
        assert_eq!(floor_boundary(text, 1), 0);
        assert_eq!(prev_boundary(text, 1), 0);
        assert_eq!(next_boundary(text, 1), 2);
        assert_eq!(ceil_boundary(text, 3), text.len());
        assert_eq!(floor_boundary(text, 99), text.len());
        assert_eq!(next_boundary(text, 99), text.len());
        assert!(!is_boundary(text, 99));
    }

    proptest! {
        #[test]
        fn floor_and_ceil_land_on_the_nearest_boundaries(text in unicode_text(0..40), at in 0usize..200) {
            let all = reference(&text);
            let floor = floor_boundary(&text, at);
            let ceil = ceil_boundary(&text, at);
            let expected_floor = all.iter().copied().filter(|&b| b <= at).max().unwrap_or(0);
            let expected_ceil = all.iter().copied().find(|&b| b >= at).unwrap_or(text.len());
            prop_assert_eq!(floor, expected_floor);
            prop_assert_eq!(ceil, expected_ceil);
        }
    }
}
