//! Sentence motions and the sentence around the cursor (UAX #29 sentences).
//!
//! The segmentation starts at a safe start near the cursor and reads no
//! further than a window around it (see the `local` module), not from the
//! start of the paragraph to its end. A position is a safe
//! start right after a line break, or at an upper-case or caseless letter
//! (not a combining one) after a sentence terminator, optional
//! closing punctuation and white space (a full stop needs the white space: it
//! may end an abbreviation). No sentence rule joins across such a position,
//! and the rules that look ahead past a full stop stop at that letter.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{graphemes, local, quotes};

/// The sentence that holds `byte`, without surrounding white space, and
/// without a quotation mark at its edges that belongs to a quotation it does
/// not wholly hold (see [`quotes::without_stray_marks`]). `None` when there
/// is only white space there.
pub fn sentence_at(text: &str, byte: usize) -> Option<Range<usize>> {
    sentence_with_marks(text, byte).map(|s| quotes::without_stray_marks(text, s))
}

/// The sentence that holds `byte` as UAX #29 cuts it.
fn sentence_with_marks(text: &str, byte: usize) -> Option<Range<usize>> {
    let from = local::safe_start_before(text, byte, is_safe_start);
    let ahead = local::ahead(text, byte);
    let mut last = None;
    for sentence in sentences_from(ahead, from) {
        if byte < sentence.end {
            return Some(sentence);
        }
        last = Some(sentence);
    }
    // Past the last sentence's end: that last sentence, wherever it is.
    last.or_else(|| {
        local::search_back(text, from, is_safe_start, |start, end| {
            sentences_from(ahead, start)
                .take_while(|s| s.start < end)
                .last()
        })
    })
}

/// The start of the first sentence that starts after `byte` (the end of the
/// window around it, in a sentence longer than that).
pub fn next_sentence_start(text: &str, byte: usize) -> Option<usize> {
    let from = local::safe_start_before(text, byte, is_safe_start);
    let ahead = local::ahead(text, byte);
    sentences_from(ahead, from)
        .map(|s| s.start)
        .find(|&s| s > byte)
        .or_else(|| (byte < ahead.len() && ahead.len() < text.len()).then_some(ahead.len()))
}

/// The start of the last sentence that starts before `byte`.
pub fn prev_sentence_start(text: &str, byte: usize) -> Option<usize> {
    let ahead = local::ahead(text, byte);
    local::search_back(text, byte, is_safe_start, |from, end| {
        sentences_from(ahead, from)
            .map(|s| s.start)
            .take_while(|&s| s < end)
            .last()
    })
}

/// The sentences of `text[from..]` trimmed of white space, as ranges of `text`.
fn sentences_from(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    text[from..]
        .split_sentence_bound_indices()
        .filter_map(move |(i, s)| {
            let lead = s.len() - s.trim_start().len();
            let trimmed = s.trim();
            let start = from + i + lead;
            (!trimmed.is_empty()).then(|| start..start + trimmed.len())
        })
}

/// Whether segmenting may start at `at` (see the module documentation).
fn is_safe_start(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let (Some(last), Some(here)) = (before.chars().next_back(), text[at..].chars().next()) else {
        return false;
    };
    match last {
        // Paragraph separators always end a sentence (but CR LF is one).
        '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => return true,
        '\r' => return here != '\n',
        _ => {}
    }
    here.is_alphabetic()
        && !here.is_lowercase()
        && !graphemes::extends_previous(here)
        && follows_terminator(before)
}

/// Whether `before` ends with a sentence terminator, closing punctuation and
/// spaces (at least one after a full stop).
fn follows_terminator(before: &str) -> bool {
    let unspaced = before.trim_end_matches(is_space);
    let spaced = unspaced.len() < before.len();
    match unspaced.trim_end_matches(is_close).chars().next_back() {
        Some('.') => spaced,
        Some('!' | '?' | '。' | '！' | '？') => true,
        _ => false,
    }
}

/// Sentence_Break Sp: white space that is not a line or paragraph break.
fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Some Sentence_Break Close characters: brackets and quotation marks.
fn is_close(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '“' | '”' | '‘' | '’' | '«' | '»'
    )
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

        pub fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
            sentences_from(text, 0)
        }

        pub fn sentence_at(text: &str, byte: usize) -> Option<Range<usize>> {
            sentences(text)
                .find(|s| byte < s.end)
                .or_else(|| sentences(text).last())
                .map(|s| quotes::without_stray_marks(text, s))
        }

        pub fn next_sentence_start(text: &str, byte: usize) -> Option<usize> {
            sentences(text).map(|s| s.start).find(|&s| s > byte)
        }

        pub fn prev_sentence_start(text: &str, byte: usize) -> Option<usize> {
            sentences(text)
                .map(|s| s.start)
                .take_while(|&s| s < byte)
                .last()
        }
    }

    fn at(text: &str, byte: usize) -> Option<&str> {
        sentence_at(text, byte).map(|r| &text[r])
    }

    #[test]
    fn sentences_are_trimmed() {
        let text = "  It rained. Then he left!  ";
        assert_eq!(at(text, 0), Some("It rained."));
        assert_eq!(at(text, 14), Some("Then he left!"));
        assert_eq!(at(text, text.len()), Some("Then he left!"));
        assert_eq!(next_sentence_start(text, 0), Some(2));
        assert_eq!(next_sentence_start(text, 2), Some(13));
        assert_eq!(prev_sentence_start(text, 13), Some(2));
        assert_eq!(prev_sentence_start(text, 20), Some(13));
        assert_eq!(prev_sentence_start(text, 2), None);
        assert_eq!(sentence_at("  \t\r\n ", 1), None);
    }

    #[test]
    fn a_sentence_leaves_out_the_marks_of_a_quotation_it_is_part_of() {
        let text = "He said: \"It is fine. We will go.\" Then he left.";
        assert_eq!(at(text, 0), Some("He said: \"It is fine."));
        assert_eq!(at(text, 25), Some("We will go."));
        // A paragraph that carries a quotation on and ends it is one quotation.
        let carried = "\"It would be wrong to act in these circumstances.\"";
        assert_eq!(
            at(carried, 3),
            Some("It would be wrong to act in these circumstances.")
        );
        let german = "„Wir kommen. Wir bleiben.“ Sie ging.";
        assert_eq!(at(german, 20), Some("Wir bleiben."));
        // A quotation held whole keeps its marks.
        let held = "He called it \"shabby\". She agreed.";
        assert_eq!(at(held, 0), Some("He called it \"shabby\"."));
    }

    #[test]
    fn unicode_sentences() {
        let text = "Café\u{301} ouvert. Ça 👩‍👩‍👧 va! 🇫🇷 Oui.";
        assert_eq!(at(text, 0), Some("Café\u{301} ouvert."));
        assert_eq!(at(text, 20), Some("Ça 👩‍👩‍👧 va!"));
        assert_eq!(at(text, text.len() - 2), Some("🇫🇷 Oui."));
        let cjk = "今日は晴れ。明日は雨。";
        assert_eq!(at(cjk, 0), Some("今日は晴れ。"));
        assert_eq!(next_sentence_start(cjk, 0), Some(18));
        let hebrew = "שלום. מה שלומך?";
        assert_eq!(at(hebrew, hebrew.len() - 1), Some("מה שלומך?"));
        let lines = "First line\r\nsecond\tline.\u{7} Third.";
        assert_eq!(at(lines, 0), Some("First line"));
        assert_eq!(at(lines, 13), Some("second\tline."));
    }

    #[test]
    fn abbreviations_are_not_safe_starts() {
        assert!(!is_safe_start("U.S.A", 2));
        assert!(!is_safe_start("e.g. the", 5));
        assert!(is_safe_start("end. The", 5));
        assert!(is_safe_start("end.\" The", 6));
        assert!(is_safe_start("end!The", 4));
        assert!(!is_safe_start("end.\r\nThe", 5));
        assert!(is_safe_start("end\r\nthe", 5));
    }

    #[test]
    fn a_long_paragraph_moves_the_same_as_a_full_scan() {
        let unit =
            "Mr. Basu said: \"No crime.\" e.g. the U.S. view! 漢字です。Why? Café\u{301} 👩‍👩‍👧. ";
        let text = unit.repeat(70 * 1024 / unit.len() + 1);
        assert!(text.len() > 64 * 1024);
        let expected: Vec<usize> = reference::sentences(&text).map(|s| s.start).collect();
        let forward: Vec<usize> =
            std::iter::successors(Some(0), |&b| next_sentence_start(&text, b)).collect();
        assert_eq!(forward, expected);
        let mut backward: Vec<usize> =
            std::iter::successors(prev_sentence_start(&text, text.len()), |&b| {
                prev_sentence_start(&text, b)
            })
            .collect();
        backward.reverse();
        assert_eq!(backward, expected);
        for byte in [1, text.len() / 3, text.len() / 2, text.len() - 1] {
            let byte = crate::article::graphemes::floor_boundary(&text, byte);
            assert_eq!(
                sentence_at(&text, byte),
                reference::sentence_at(&text, byte)
            );
        }
    }

    proptest! {
        #[test]
        fn local_scans_agree_with_full_scans(text in unicode_text(0..60)) {
            for byte in (0..=text.len() + 1).filter(|&b| b > text.len() || is_boundary(&text, b)) {
                prop_assert_eq!(sentence_at(&text, byte), reference::sentence_at(&text, byte), "at {}", byte);
                prop_assert_eq!(next_sentence_start(&text, byte), reference::next_sentence_start(&text, byte), "next at {}", byte);
                prop_assert_eq!(prev_sentence_start(&text, byte), reference::prev_sentence_start(&text, byte), "prev at {}", byte);
            }
        }
    }
}
