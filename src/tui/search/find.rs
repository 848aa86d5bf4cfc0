//! Search in the article text, with case and accents folded.
//!
//! Both sides are folded char by char: canonically decomposed, combining
//! marks left out, lower-cased. So `resume` finds `résumé` (whether the
//! accent is one char or a letter and a combining mark) and `mor-halloran`
//! finds `Mor-Halloran`. Matches are reported in the original text's byte
//! offsets: folding changes lengths (`İ`, `é` as two chars).

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Every match of `needle` in `text`, in order (overlapping ones too: each
/// char where a match starts gives one). None for a needle that folds to
/// nothing.
pub fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = needle.chars().flat_map(folded).collect();
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    text.char_indices()
        .filter(|&(_, c)| folded(c).next() == Some(first))
        .filter_map(|(at, _)| match_at(text, at, &needle))
        .collect()
}

/// The match of `needle` (already folded) starting at byte `at`, if any.
/// A match ends at the end of the char that completes the needle.
fn match_at(text: &str, at: usize, needle: &[char]) -> Option<Range<usize>> {
    let mut want = needle.iter();
    let mut next = want.next();
    for (i, c) in text[at..].char_indices() {
        for f in folded(c) {
            match next {
                Some(&w) if w == f => next = want.next(),
                Some(_) => return None,
                None => break,
            }
        }
        if next.is_none() {
            return Some(at..at + i + c.len_utf8());
        }
    }
    None
}

/// What `c` compares as: ASCII lower-cased at once, other chars decomposed
/// without their combining marks and lower-cased.
fn folded(c: char) -> impl Iterator<Item = char> {
    let ascii = c.is_ascii().then(|| c.to_ascii_lowercase());
    let other = (!c.is_ascii()).then(|| {
        std::iter::once(c)
            .nfd()
            .filter(|d| !is_combining_mark(*d))
            .flat_map(char::to_lowercase)
    });
    ascii.into_iter().chain(other.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
        find_all(text, needle)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn finds_whatever_the_case() {
        let text = "The Met's Specialist Operations, Mor-Halloran said";
        assert_eq!(found(text, "specialist"), ["Specialist"]);
        assert_eq!(found(text, "mor-halloran"), ["Mor-Halloran"]);
        assert_eq!(
            found(text, "SPECIALIST OPERATIONS"),
            ["Specialist Operations"]
        );
    }

    #[test]
    fn finds_whatever_the_accents() {
        // "résumé" once precomposed, once with combining marks.
        let text = "Her r\u{e9}sum\u{e9}, his re\u{301}sume\u{301}, a resume.";
        assert_eq!(
            found(text, "resume"),
            ["r\u{e9}sum\u{e9}", "re\u{301}sume", "resume"],
            "the combining mark after the last e is the selection's to take"
        );
        assert_eq!(found(text, "RÉSUMÉ").len(), 3);
        assert_eq!(found("Zoë Ångström", "angstrom"), ["Ångström"]);
        assert_eq!(found("Zoë Ångström", "ZOE"), ["Zoë"]);
    }

    #[test]
    fn reports_offsets_of_the_original_text() {
        // 'İ' lower-cases to i and a combining dot, which folding drops.
        let text = "İstanbul — 東京 — שלום 👩‍👩‍👧 🇫🇷";
        assert_eq!(found(text, "istanbul"), ["İstanbul"]);
        assert_eq!(found(text, "東京"), ["東京"]);
        assert_eq!(found(text, "שלום"), ["שלום"]);
        assert_eq!(found(text, "🇫🇷"), ["🇫🇷"]);
        assert_eq!(found(text, "👩‍👩‍👧"), ["👩‍👩‍👧"]);
    }

    #[test]
    fn every_match_is_found_in_order() {
        let text = "quote, quote, QUOTE, quo";
        assert_eq!(find_all(text, "quote"), [0..5, 7..12, 14..19]);
        assert_eq!(find_all("aaa", "aa"), [0..2, 1..3], "overlapping too");
    }

    #[test]
    fn a_needle_of_nothing_matches_nothing() {
        assert!(find_all("abc", "").is_empty());
        assert!(find_all("e\u{301}", "\u{301}").is_empty());
    }
}
