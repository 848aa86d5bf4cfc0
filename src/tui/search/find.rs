//! Case-insensitive search in the article text.
//!
//! Matching compares the lower-case expansions of chars one by one, so a match
//! is found whatever the case of either side, and the match is reported in the
//! original text's byte offsets (lower-casing can change lengths: `İ`).

use std::ops::Range;

/// The first match of `needle` that starts at or after `from`.
pub fn find_forward(text: &str, needle: &str, from: usize) -> Option<Range<usize>> {
    let needle = folded(needle);
    if needle.is_empty() {
        return None;
    }
    let from = floor_char(text, from.min(text.len()));
    text[from..]
        .char_indices()
        .find_map(|(i, _)| match_at(text, from + i, &needle))
}

/// The last match of `needle` that starts before `before`.
pub fn find_backward(text: &str, needle: &str, before: usize) -> Option<Range<usize>> {
    let needle = folded(needle);
    if needle.is_empty() {
        return None;
    }
    let before = floor_char(text, before.min(text.len()));
    text[..before]
        .char_indices()
        .rev()
        .find_map(|(i, _)| match_at(text, i, &needle))
}

/// The match of `needle` (already folded) starting at byte `at`, if any.
fn match_at(text: &str, at: usize, needle: &[char]) -> Option<Range<usize>> {
    let mut want = needle.iter();
    let mut next = want.next();
    for (i, c) in text[at..].char_indices() {
        for lower in c.to_lowercase() {
            match next {
                Some(&w) if w == lower => next = want.next(),
                Some(_) => return None,
                None => return Some(at..at + i),
            }
        }
        if next.is_none() {
            return Some(at..at + i + c.len_utf8());
        }
    }
    None
}

fn folded(s: &str) -> Vec<char> {
    s.chars().flat_map(char::to_lowercase).collect()
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whatever_the_case() {
        let text = "The Met's Specialist Operations";
        assert_eq!(find_forward(text, "specialist", 0), Some(10..20));
        assert_eq!(find_forward(text, "SPECIALIST", 11), None);
    }

    #[test]
    fn reports_offsets_of_the_original_text() {
        // 'İ' lower-cases to two chars; the match must still be in original bytes.
        let text = "İstanbul — 東京 — Zoë";
        let r = find_forward(text, "i̇stanbul", 0).expect("found");
        assert_eq!(&text[r], "İstanbul");
        let r = find_forward(text, "東京", 0).expect("found");
        assert_eq!(&text[r], "東京");
        let r = find_forward(text, "ZOË", 0).expect("found");
        assert_eq!(&text[r], "Zoë");
    }

    #[test]
    fn backward_finds_the_last_match_before() {
        let text = "quote, quote, QUOTE";
        assert_eq!(find_backward(text, "quote", 14), Some(7..12));
        assert_eq!(find_backward(text, "quote", 7), Some(0..5));
        assert_eq!(find_backward(text, "quote", 0), None);
    }

    #[test]
    fn an_empty_needle_matches_nothing() {
        assert_eq!(find_forward("abc", "", 0), None);
        assert_eq!(find_backward("abc", "", 3), None);
    }
}
