//! Making a range fit to be a span, and the characters several spans cover.

use std::ops::Range;

use super::graphemes;

/// `range` widened to grapheme boundaries of `text`, then stripped of leading
/// and trailing white space. `None` when nothing but white space is left.
///
/// White space is dropped a whole grapheme at a time, so a space that carries
/// a combining mark (" \u{301}") is never split from its mark: at the start
/// such a cluster goes with its space, at the end it stays (its last char is
/// the mark, not white space).
pub fn clean(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let mut start = graphemes::floor_boundary(text, range.start);
    let mut end = graphemes::ceil_boundary(text, range.end.min(text.len()).max(start));
    while start < end {
        let next = graphemes::next_boundary(text, start);
        if !starts_with_space(&text[start..next]) {
            break;
        }
        start = next;
    }
    while start < end {
        let prev = graphemes::prev_boundary(text, end);
        if !ends_with_space(&text[prev..end]) {
            break;
        }
        end = prev;
    }
    (start < end).then_some(start..end)
}

/// The ranges `spans` cover, as one list: sorted, overlapping or touching
/// ones merged into one, empty ones dropped. Two lists of spans cover the
/// same characters exactly when their merged lists are equal, so
/// `[0, 5) + [5, 9)` and `[0, 9)` are the same coverage.
pub fn merge(spans: impl IntoIterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = spans.into_iter().filter(|s| s.start < s.end).collect();
    all.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for span in all {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

fn starts_with_space(grapheme: &str) -> bool {
    grapheme.chars().next().is_some_and(char::is_whitespace)
}

fn ends_with_space(grapheme: &str) -> bool {
    grapheme
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::graphemes::is_boundary;
    use crate::article::testing::unicode_text;
    use proptest::prelude::*;

    fn cleaned(text: &str, range: Range<usize>) -> Option<&str> {
        clean(text, range).map(|r| &text[r])
    }

    #[test]
    fn strips_white_space_of_every_kind() {
        assert_eq!(cleaned("  hello \t", 0..9), Some("hello"));
        assert_eq!(cleaned("\r\nhi\r\n", 0..6), Some("hi"));
        assert_eq!(cleaned("\u{3000}全角\u{3000}", 0..12), Some("全角"));
        assert_eq!(cleaned(" \u{a0}שלום ", 0..12), Some("שלום"));
    }

    #[test]
    fn only_white_space_gives_none() {
        assert_eq!(clean("   \t\r\n", 0..6), None);
        assert_eq!(clean("abc", 1..1), None);
        assert_eq!(clean("", 0..0), None);
    }

    #[test]
    fn widens_to_whole_clusters() {
        let text = "xe\u{301}y";
        assert_eq!(cleaned(text, 2..3), Some("e\u{301}"));
        let family = "a👩‍👩‍👧b";
        assert_eq!(cleaned(family, 5..6), Some("👩‍👩‍👧"));
        let flags = "🇫🇷🇩🇪";
        assert_eq!(cleaned(flags, 4..5), Some("🇫🇷"));
        assert_eq!(cleaned(flags, 9..12), Some("🇩🇪"));
    }

    #[test]
    fn a_space_with_a_combining_mark_is_not_split() {
        let text = " \u{301}x";
        let r = clean(text, 0..text.len()).map(|r| (r.start, r.end));
        assert_eq!(r, Some((3, 4)));
        let trailing = "x \u{301}";
        assert_eq!(cleaned(trailing, 0..trailing.len()), Some("x \u{301}"));
        // Starting right after the space would cut the cluster: the start is
        // floored back to the space, which is then dropped with its mark.
        assert_eq!(cleaned(text, 1..text.len()), Some("x"));
    }

    #[test]
    fn merging_joins_overlapping_and_touching_spans_and_drops_empty_ones() {
        assert_eq!(
            merge([5..9, 0..5, 3..3, 12..14, 13..20]),
            vec![0..9, 12..20]
        );
        assert_eq!(merge([2..4, 0..10]), vec![0..10]);
        assert_eq!(
            merge(Vec::<Range<usize>>::new()),
            Vec::<Range<usize>>::new()
        );
        assert_eq!(merge(std::iter::once(4..4)), Vec::<Range<usize>>::new());
    }

    #[test]
    fn ranges_past_the_end_or_backwards_are_tolerated() {
        assert_eq!(cleaned("abc", 1..99), Some("bc"));
        assert_eq!(clean("abc", 5..9), None);
        assert_eq!(clean("abc", Range { start: 2, end: 1 }), None);
        assert_eq!(cleaned("é", 1..2), Some("é"));
    }

    proptest! {
        #[test]
        fn cleaned_spans_are_whole_trimmed_and_inside(
            text in unicode_text(0..30),
            a in 0usize..120,
            b in 0usize..120,
        ) {
            if let Some(r) = clean(&text, a..b) {
                prop_assert!(r.start < r.end && r.end <= text.len());
                prop_assert!(is_boundary(&text, r.start) && is_boundary(&text, r.end));
                let span = &text[r.clone()];
                prop_assert_eq!(span.trim(), span);
                // The span keeps everything of the range that is not white space.
                let lo = a.min(text.len());
                let hi = b.min(text.len());
                for (i, c) in text.char_indices().filter(|&(i, _)| lo <= i && i < hi) {
                    if !c.is_whitespace() && text.is_char_boundary(i) && is_boundary(&text, i) {
                        prop_assert!(r.start <= i && i < r.end, "{:?} lost at {}", c, i);
                    }
                }
            }
        }
    }
}
