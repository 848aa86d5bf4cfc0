//! Word motions (UAX #29 word boundaries).
//!
//! A "word" here is a UAX #29 word segment that holds at least one letter or
//! digit: spaces and punctuation are skipped by `w` and `b`.
//!
//! The segmentation starts at a safe start near the cursor and reads no
//! further than a window around it (see the `local` module), not from the
//! start of the paragraph to its end. A position is a safe
//! start when it begins a letter or digit that is not a combining mark, and follows
//! white space or sits between two Han ideographs: no word rule joins across
//! it or looks across it, so every scan agrees there is a boundary there.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{graphemes, local};

/// The start of the first word that starts after `byte` (the end of the
/// window around it, in a word longer than that).
pub fn next_word_start(text: &str, byte: usize) -> Option<usize> {
    let from = local::safe_start_before(text, byte, is_safe_start);
    let ahead = local::ahead(text, byte);
    words_from(ahead, from)
        .map(|w| w.start)
        .find(|&s| s > byte)
        .or_else(|| (byte < ahead.len() && ahead.len() < text.len()).then_some(ahead.len()))
}

/// The start of the last word that starts before `byte`.
pub fn prev_word_start(text: &str, byte: usize) -> Option<usize> {
    let ahead = local::ahead(text, byte);
    local::search_back(text, byte, is_safe_start, |from, end| {
        words_from(ahead, from)
            .map(|w| w.start)
            .take_while(|&s| s < end)
            .last()
    })
}

/// The word that holds `byte`, if any.
pub fn word_at(text: &str, byte: usize) -> Option<Range<usize>> {
    let from = local::safe_start_before(text, byte, is_safe_start);
    let ahead = local::ahead(text, byte);
    let segment = segments_from(ahead, from).find(|(range, _)| byte < range.end)?;
    let (range, word) = segment;
    (range.start <= byte && is_word(word)).then_some(range)
}

/// The word segments of `text[from..]`, as ranges of `text`.
fn segments_from(text: &str, from: usize) -> impl Iterator<Item = (Range<usize>, &str)> {
    text[from..]
        .split_word_bound_indices()
        .map(move |(i, w)| (from + i..from + i + w.len(), w))
}

/// The words of `text[from..]`, as ranges of `text`.
fn words_from(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    segments_from(text, from)
        .filter(|(_, w)| is_word(w))
        .map(|(range, _)| range)
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Whether segmenting may start at `at` (see the module documentation).
fn is_safe_start(text: &str, at: usize) -> bool {
    let (Some(before), Some(here)) = (text[..at].chars().next_back(), text[at..].chars().next())
    else {
        return false;
    };
    // A narrow no-break space joins numbers and words (Word_Break ExtendNumLet).
    let after_space = before.is_whitespace() && before != '\u{202f}' && here.is_alphanumeric();
    let between_han = is_han(before) && is_han(here);
    // A letter that is really a combining mark (Other_Alphabetic) attaches to
    // what comes before it, even to a tab.
    (after_space || between_han) && !graphemes::extends_previous(here)
}

/// Han ideographs: each is a word on its own (Word_Break Other).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::graphemes::is_boundary;
    use crate::article::testing::unicode_text;
    use proptest::prelude::*;

    /// The plain scans from the start of the text that the local ones must
    /// agree with.
    mod reference {
        use super::*;

        pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
            text.split_word_bound_indices()
                .filter(|(_, w)| is_word(w))
                .map(|(i, w)| i..i + w.len())
        }

        pub fn next_word_start(text: &str, byte: usize) -> Option<usize> {
            words(text).map(|w| w.start).find(|&s| s > byte)
        }

        pub fn prev_word_start(text: &str, byte: usize) -> Option<usize> {
            words(text)
                .map(|w| w.start)
                .take_while(|&s| s < byte)
                .last()
        }

        pub fn word_at(text: &str, byte: usize) -> Option<Range<usize>> {
            words(text).find(|w| w.start <= byte && byte < w.end)
        }
    }

    fn starts(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(next) = next_word_start(text, at) {
            out.push(&text[next..]);
            at = next;
        }
        out
    }

    #[test]
    fn skips_spaces_and_punctuation() {
        let text = "Hello, world! (It's 5G.)";
        let found: Vec<usize> =
            std::iter::successors(Some(0), |&b| next_word_start(text, b)).collect();
        assert_eq!(found, vec![0, 7, 15, 20]);
        assert_eq!(prev_word_start(text, 20), Some(15));
        assert_eq!(prev_word_start(text, 0), None);
        assert_eq!(next_word_start(text, 20), None);
    }

    #[test]
    fn unicode_words() {
        // A combining mark stays in its word; emoji and flags are not words.
        assert_eq!(starts("cafe\u{301} noir"), vec!["noir"]);
        assert_eq!(starts("a 👩‍👩‍👧 🇫🇷 b"), vec!["b"]);
        // Every Han ideograph is a word of its own.
        assert_eq!(starts("漢字"), vec!["字"]);
        assert_eq!(starts("שלום עולם"), vec!["עולם"]);
        assert_eq!(
            starts("one\ttwo\r\nthree\u{7}four"),
            vec!["two\r\nthree\u{7}four", "three\u{7}four", "four"]
        );
        let text = "e\u{301}té";
        assert_eq!(word_at(text, 0), Some(0..text.len()));
        assert_eq!(word_at("a, b", 1), None);
    }

    #[test]
    fn a_narrow_no_break_space_joins_and_is_not_a_safe_start() {
        let text = "12\u{202f}345 x";
        assert_eq!(word_at(text, 6), Some(0..8));
        assert!(!is_safe_start(text, 5));
        assert_eq!(prev_word_start(text, 9), Some(0));
    }

    #[test]
    fn a_combining_letter_after_a_tab_is_not_a_safe_start() {
        // U+0345 is alphabetic, and a grapheme boundary after a control, but
        // it still joins the tab's word segment.
        let text = "\t\u{345}";
        assert!(!is_safe_start(text, 1));
        assert_eq!(prev_word_start(text, text.len()), Some(0));
    }

    #[test]
    fn offsets_past_the_end_are_tolerated() {
        assert_eq!(next_word_start("ab cd", 99), None);
        assert_eq!(prev_word_start("ab cd", 99), Some(3));
        assert_eq!(word_at("ab cd", 99), None);
    }

    #[test]
    fn a_long_paragraph_walks_the_same_as_a_full_scan() {
        let unit = "Sir Mark's inquiry — ''right decision'' 5G e\u{301}te\u{301} 漢字 שלום 👩‍👩‍👧. ";
        let text = unit.repeat(70 * 1024 / unit.len() + 1);
        assert!(text.len() > 64 * 1024);
        let expected: Vec<usize> = reference::words(&text).map(|w| w.start).collect();
        let forward: Vec<usize> =
            std::iter::successors(Some(0), |&b| next_word_start(&text, b)).collect();
        assert_eq!(forward, expected);
        let mut backward: Vec<usize> =
            std::iter::successors(prev_word_start(&text, text.len()), |&b| {
                prev_word_start(&text, b)
            })
            .collect();
        backward.reverse();
        assert_eq!(backward, expected);
        let middle = text.len() / 2;
        assert_eq!(word_at(&text, middle), reference::word_at(&text, middle));
    }

    proptest! {
        #[test]
        fn local_scans_agree_with_full_scans(text in unicode_text(0..60)) {
            for byte in (0..=text.len() + 1).filter(|&b| b > text.len() || is_boundary(&text, b)) {
                prop_assert_eq!(next_word_start(&text, byte), reference::next_word_start(&text, byte), "next at {}", byte);
                prop_assert_eq!(prev_word_start(&text, byte), reference::prev_word_start(&text, byte), "prev at {}", byte);
                prop_assert_eq!(word_at(&text, byte), reference::word_at(&text, byte), "word at {}", byte);
            }
        }
    }
}
