//! Offsets as other tools count them, turned into byte offsets.
//!
//! Converting one offset means counting from the start of the text, so a
//! document's offsets are converted together: sorted, then found in one walk
//! over the text, whatever their number.

use unicode_segmentation::UnicodeSegmentation;

/// What an offset counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Count {
    /// Unicode scalar values.
    Chars,
    /// UTF-16 code units: a char outside the Basic Multilingual Plane (most
    /// emoji, flags, some CJK) counts two.
    Utf16,
    /// Extended grapheme clusters: what shows as one character (an emoji
    /// sequence, a flag, a letter with its accents, a CRLF) counts one.
    Graphemes,
}

/// The byte offset in `text` of each of `offsets`, counted in `count`, in the
/// order given: `None` past the end of the text, or between the two halves of
/// a UTF-16 surrogate pair.
pub(super) fn byte_offsets(text: &str, count: Count, offsets: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found = vec![None; offsets.len()];
    // Each step: where it starts, and how many units it counts.
    let mut steps: Box<dyn Iterator<Item = (usize, &str)>> = match count {
        Count::Chars | Count::Utf16 => Box::new(
            text.char_indices()
                .map(|(at, c)| (at, &text[at..at + c.len_utf8()])),
        ),
        Count::Graphemes => Box::new(text.grapheme_indices(true)),
    };
    // `units` have been counted up to byte `byte`.
    let (mut units, mut byte) = (0, 0);
    for i in order {
        let wanted = offsets[i];
        while units < wanted {
            let Some((at, step)) = steps.next() else {
                break;
            };
            units += match count {
                Count::Chars | Count::Graphemes => 1,
                Count::Utf16 => step.encode_utf16().count(),
            };
            byte = at + step.len();
        }
        if units == wanted {
            found[i] = Some(byte);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `str` indexes and JavaScript's string indexes of the same text.
    const TEXT: &str = "a😀b👩‍👩‍👧c🇫🇷d漢e\u{301}\r\n";

    fn chars_of(text: &str) -> Vec<usize> {
        text.char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect()
    }

    #[test]
    fn chars_match_char_indices_in_any_order() {
        let expected = chars_of(TEXT);
        let mut offsets: Vec<usize> = (0..expected.len()).rev().collect();
        offsets.push(3);
        let found = byte_offsets(TEXT, Count::Chars, &offsets);
        for (offset, byte) in offsets.iter().zip(found) {
            assert_eq!(byte, Some(expected[*offset]), "char {offset}");
        }
        assert_eq!(byte_offsets(TEXT, Count::Chars, &[expected.len()]), [None]);
    }

    #[test]
    fn utf16_counts_astral_chars_twice_and_refuses_their_middle() {
        // "a" 0, "😀" 1-2, "b" 3: the emoji is two code units.
        let found = byte_offsets(TEXT, Count::Utf16, &[0, 1, 2, 3, 4]);
        assert_eq!(found, [Some(0), Some(1), None, Some(5), Some(6)]);
        let units: usize = TEXT.chars().map(char::len_utf16).sum();
        assert_eq!(
            byte_offsets(TEXT, Count::Utf16, &[units, units + 1]),
            [Some(TEXT.len()), None]
        );
        // "漢" and "é" are one unit each, like in chars.
        let han = TEXT.find('漢').unwrap_or_default();
        let before: usize = TEXT[..han].chars().map(char::len_utf16).sum();
        assert_eq!(
            byte_offsets(TEXT, Count::Utf16, &[before + 1]),
            [Some(han + 3)]
        );
    }

    #[test]
    fn graphemes_count_what_shows_as_one_character() {
        // "a" 0, "😀" 1, "b" 2, the family 3, "c" 4, the flag 5, "d" 6,
        // "漢" 7, "é" 8 (e and its accent), CRLF 9, end 10.
        let bytes = |needle: &str| TEXT.find(needle).unwrap_or_default();
        let found = byte_offsets(TEXT, Count::Graphemes, &[10, 4, 3, 8, 9, 11]);
        assert_eq!(
            found,
            [
                Some(TEXT.len()),
                Some(bytes("c")),
                Some(bytes("👩")),
                Some(bytes("e\u{301}")),
                Some(bytes("\r")),
                None
            ]
        );
    }

    #[test]
    fn an_empty_text_has_only_offset_zero() {
        assert_eq!(byte_offsets("", Count::Utf16, &[0, 1]), [Some(0), None]);
    }
}
