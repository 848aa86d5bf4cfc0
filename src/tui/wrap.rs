//! Wrapping paragraphs into screen lines, and finding text from a screen cell.
//!
//! sayso wraps paragraphs itself instead of using `Paragraph::wrap`, because the
//! same line breaks must drive drawing, the cursor and mouse hit-testing. Lines
//! are greedy word wraps of graphemes, measured with the same widths the view
//! draws with (`display_grapheme`); a word longer than the line is broken at a
//! grapheme boundary, and a line ending inside a paragraph forces a break.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use super::cells::display_grapheme;

/// The wrapped lines of one paragraph: byte ranges relative to the paragraph,
/// in order, covering it without gaps. A paragraph always has at least one line.
pub type Lines = Arc<Vec<Range<usize>>>;

/// Wraps `text` into lines at most `width` cells wide (`width` ≥ 1).
pub fn wrap(text: &str, width: u16) -> Vec<Range<usize>> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // Where the line may break: just after the last white space, and the
    // width used up to there.
    let mut last_break: Option<(usize, usize)> = None;
    for Piece {
        at: i,
        len,
        width: w,
        space: is_space,
        line_end,
    } in pieces(text)
    {
        if line_end {
            lines.push(start..i + len);
            start = i + len;
            used = 0;
            last_break = None;
            continue;
        }
        if used + w > width && !is_space && i > start {
            match last_break {
                Some((at, at_width)) if at > start => {
                    lines.push(start..at);
                    start = at;
                    used -= at_width;
                }
                _ => {
                    lines.push(start..i);
                    start = i;
                    used = 0;
                }
            }
            last_break = None;
            // What moved down may still not leave room for a wide grapheme
            // (a line that began with a space, then a word and `東`).
            if used + w > width && i > start {
                lines.push(start..i);
                start = i;
                used = 0;
            }
        }
        used += w;
        if is_space {
            last_break = Some((i + len, used));
        }
    }
    if start < text.len() || lines.is_empty() {
        lines.push(start..text.len());
    }
    lines
}

/// One grapheme as wrapping sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Where it starts, and its length, in bytes.
    at: usize,
    len: usize,
    /// The cells it takes on screen.
    width: usize,
    /// White space, where a line may break.
    space: bool,
    /// A line ending, where a line must break.
    line_end: bool,
}

/// The graphemes of `text`, as `grapheme_indices` finds them. A printable
/// ASCII char followed by another ASCII char is a grapheme of its own, one
/// cell wide (no cluster rule joins two ASCII chars but CR LF), so those are
/// taken a byte at a time without the cluster rules and width tables: the
/// whole of a paragraph is wrapped when it first comes on screen, even one of
/// 50 MB, and most text is ASCII.
fn pieces(text: &str) -> impl Iterator<Item = Piece> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let &first = bytes.get(at)?;
        let piece = if matches!(first, b' '..=b'~') && bytes.get(at + 1).is_none_or(u8::is_ascii) {
            Piece {
                at,
                len: 1,
                width: 1,
                space: first == b' ',
                line_end: false,
            }
        } else {
            piece(at, text[at..].graphemes(true).next()?)
        };
        at += piece.len;
        Some(piece)
    })
}

/// Grapheme `g` at byte `at`, measured.
fn piece(at: usize, g: &str) -> Piece {
    Piece {
        at,
        len: g.len(),
        width: usize::from(grapheme_width(g)),
        space: g.chars().all(char::is_whitespace),
        line_end: g == "\n" || g == "\r\n",
    }
}

/// The cells grapheme `g` takes on screen.
pub fn grapheme_width(g: &str) -> u16 {
    display_grapheme(g).1
}

/// The column of byte `at` within `line` (relative to the paragraph `text`):
/// the width of the graphemes before it.
pub fn column_of(text: &str, line: &Range<usize>, at: usize) -> usize {
    text[line.start..at.clamp(line.start, line.end)]
        .graphemes(true)
        .map(|g| usize::from(grapheme_width(g)))
        .sum()
}

/// The byte (relative to the paragraph) of the grapheme drawn at column `x` of
/// `line`; past the end of the line, the line's end (before a line ending).
pub fn byte_at_column(text: &str, line: &Range<usize>, x: usize) -> usize {
    let mut used = 0;
    for (i, g) in text[line.clone()].grapheme_indices(true) {
        if g == "\n" || g == "\r\n" {
            return line.start + i;
        }
        used += usize::from(grapheme_width(g));
        if used > x {
            return line.start + i;
        }
    }
    line.end
}

/// The index of the line of `lines` that holds byte `at` (relative to the
/// paragraph); the paragraph's end belongs to the last line.
pub fn line_of(lines: &[Range<usize>], at: usize) -> usize {
    lines
        .partition_point(|l| l.end <= at)
        .min(lines.len().saturating_sub(1))
}

/// Wrapped lines per paragraph for one width. Only the paragraphs that have
/// been on screen are ever wrapped, so opening a long article costs what the
/// first screen shows.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: u16,
    lines: HashMap<usize, Lines>,
}

/// Beyond this many paragraphs, the cache starts afresh rather than grow
/// without bound while an editor pages through a very long article.
const CACHE_LIMIT: usize = 4096;

impl WrapCache {
    /// The lines of paragraph `index` (whose text is `text`) at `width`.
    pub fn lines(&mut self, index: usize, text: &str, width: u16) -> Lines {
        if width != self.width {
            self.lines.clear();
            self.width = width;
        }
        if self.lines.len() > CACHE_LIMIT {
            self.lines.clear();
        }
        self.lines
            .entry(index)
            .or_insert_with(|| Arc::new(wrap(text, width)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sayso_core::article::testing::unicode_text;

    /// The display width of `text`, as the view draws it.
    fn width_of(text: &str) -> usize {
        text.graphemes(true)
            .map(|g| usize::from(grapheme_width(g)))
            .sum()
    }

    /// The lines of `text` as strings, for readable assertions.
    fn shown(text: &str, width: u16) -> Vec<&str> {
        wrap(text, width).into_iter().map(|l| &text[l]).collect()
    }

    /// Checks what every wrap must give: lines in order without gaps, on
    /// grapheme boundaries, no wider than `width` but for trailing white space
    /// or a lone grapheme wider than the line, and a break after every line ending.
    fn check_invariants(text: &str, width: u16) {
        let lines = wrap(text, width);
        assert!(!lines.is_empty());
        assert_eq!(lines[0].start, 0);
        assert_eq!(lines.last().map(|l| l.end), Some(text.len()));
        let bounds: Vec<usize> = text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for pair in lines.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "gap or overlap in {lines:?}");
        }
        for line in &lines {
            assert!(
                bounds.contains(&line.start),
                "line {line:?} splits a grapheme"
            );
            let body = text[line.clone()].trim_end();
            let single = body.graphemes(true).count() <= 1;
            assert!(
                width_of(body) <= usize::from(width) || single,
                "line {:?} is wider than {width}",
                &text[line.clone()]
            );
            let inner = &text[line.start..line.end];
            let before_end = inner.strip_suffix('\n').unwrap_or(inner);
            assert!(!before_end.contains('\n'), "no break after a line ending");
        }
    }

    proptest! {
        #[test]
        fn graphemes_are_found_as_the_cluster_rules_find_them(
            text in prop::collection::vec(
                prop::sample::select(vec![
                    "a", "Z", " ", "~", ".", "\t", "\n", "\r", "\r\n", "\u{7f}", "\u{1b}",
                    "\u{301}", "\u{200d}", "e\u{301}", "👩", "👩‍👧", "🇫", "🇷", "漢", "ש",
                    "\u{a0}", "\u{85}", "\u{feff}", "\u{93f}",
                ]),
                0..40,
            ).prop_map(|v| v.concat())
        ) {
            let fast: Vec<Piece> = pieces(&text).collect();
            let rules: Vec<Piece> = text.grapheme_indices(true).map(|(at, g)| piece(at, g)).collect();
            prop_assert_eq!(fast, rules);
        }
    }

    #[test]
    fn words_are_not_broken_when_they_fit() {
        assert_eq!(shown("one two three", 8), ["one two ", "three"]);
        assert_eq!(shown("one two three", 6), ["one ", "two ", "three"]);
    }

    #[test]
    fn an_over_long_word_breaks_between_graphemes() {
        let text = "ae\u{301}e\u{301}e\u{301}";
        assert_eq!(shown(text, 2), ["ae\u{301}", "e\u{301}e\u{301}"]);
        let family = "👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧";
        let lines = shown(family, 3);
        assert_eq!(lines, ["👩‍👩‍👧", "👩‍👩‍👧", "👩‍👩‍👧"]);
        assert_eq!(shown("🇫🇷🇫🇷", 2), ["🇫🇷", "🇫🇷"]);
    }

    #[test]
    fn double_width_graphemes_count_twice() {
        assert_eq!(shown("東京東京", 5), ["東京", "東京"]);
        assert_eq!(shown("東京 東京", 4), ["東京 ", "東京"]);
        check_invariants("a 東京東京 שלום", 3);
    }

    #[test]
    fn a_wide_grapheme_after_indentation_does_not_overflow() {
        // After a line ending the next line may start with a space; breaking
        // at that space must still leave the rest within the width.
        check_invariants(" ab東", 3);
        check_invariants("x\n ab東京", 3);
        check_invariants("\tab東", 5);
    }

    #[test]
    fn line_endings_force_breaks() {
        assert_eq!(shown("one\ntwo", 40), ["one\n", "two"]);
        assert_eq!(shown("one\r\ntwo", 40), ["one\r\n", "two"]);
        assert_eq!(shown("a\n\nb", 40), ["a\n", "\n", "b"]);
    }

    #[test]
    fn width_one_gives_one_grapheme_a_line() {
        assert_eq!(shown("ab東", 1), ["a", "b", "東"]);
        check_invariants("a b\tc e\u{301}", 1);
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        assert_eq!(wrap("", 10), vec![0..0]);
    }

    #[test]
    fn control_characters_take_the_width_of_their_symbol() {
        // ESC is drawn as ␛ (one cell), a tab as → and blanks.
        assert_eq!(column_of("\x1b[31m", &(0..6), 1), 1);
        assert_eq!(column_of("\tx", &(0..2), 1), 4);
    }

    #[test]
    fn column_and_byte_are_inverse_on_grapheme_starts() {
        let text = "e\u{301}👩‍👩‍👧 東京🇫🇷שלום\tx\x1b[1m";
        let line = 0..text.len();
        for (i, g) in text.grapheme_indices(true) {
            if grapheme_width(g) == 0 {
                continue;
            }
            let column = column_of(text, &line, i);
            assert_eq!(byte_at_column(text, &line, column), i, "at {g:?}");
            // Every cell a grapheme covers leads back to it.
            for extra in 1..usize::from(grapheme_width(g)) {
                assert_eq!(byte_at_column(text, &line, column + extra), i);
            }
        }
        assert_eq!(byte_at_column(text, &line, 999), text.len());
    }

    #[test]
    fn past_the_end_of_a_line_is_before_its_line_ending() {
        let text = "ab\r\ncd";
        let lines = wrap(text, 10);
        assert_eq!(byte_at_column(text, &lines[0], 5), 2);
        assert_eq!(byte_at_column(text, &lines[1], 5), text.len());
    }

    #[test]
    fn line_of_finds_the_line_and_gives_the_end_to_the_last() {
        let lines = [0..4, 4..8, 8..10];
        assert_eq!(line_of(&lines, 0), 0);
        assert_eq!(line_of(&lines, 3), 0);
        assert_eq!(line_of(&lines, 4), 1);
        assert_eq!(line_of(&lines, 9), 2);
        assert_eq!(line_of(&lines, 10), 2);
        let empty = 0..0;
        assert_eq!(line_of(&[empty], 0), 0);
    }

    #[test]
    fn the_cache_rewraps_when_the_width_changes() {
        let mut cache = WrapCache::default();
        let text = "one two three";
        assert_eq!(cache.lines(0, text, 40).len(), 1);
        assert_eq!(cache.lines(0, text, 6).len(), 3);
    }

    proptest! {
        #[test]
        fn wrap_keeps_its_invariants(text in unicode_text(0..40), width in 1u16..12) {
            check_invariants(&text, width);
        }

        #[test]
        fn every_byte_has_a_line(text in unicode_text(0..40), width in 1u16..12) {
            let lines = wrap(&text, width);
            for (i, _) in text.grapheme_indices(true) {
                let line = &lines[line_of(&lines, i)];
                prop_assert!(line.start <= i && i < line.end);
            }
        }
    }
}
