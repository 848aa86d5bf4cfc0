//! Segmenting near the cursor instead of from the start of the paragraph.
//!
//! UAX #29 word and sentence segmentation is defined from the start of a text,
//! but some positions are boundaries that nothing before them can move, and
//! that nothing after them can move either: segmenting from such a *safe
//! start* gives exactly the segments that a scan from the start of the text
//! gives from there on, and a scan that stops at one loses nothing before it.
//! Each segmentation says which positions are safe (see `words` and
//! `sentences`); these helpers only walk to the nearest one.
//!
//! They never read further than [`WINDOW`] bytes either side of the cursor,
//! so a key costs the same in a paragraph of a few lines and in a 50 MB
//! article on one line. Where no safe start lies within the window, its edge
//! stands in for one: a sentence (or a word) longer than the window is cut
//! there, and a motion through it goes a window at a time.

use std::ops::Range;

use super::graphemes;

/// How far from the cursor a segmentation reads, in bytes each way: many
/// times the longest sentence of any news copy, and little enough to segment
/// in well under a millisecond.
pub const WINDOW: usize = 4 * 1024;

/// The part of `text` read for the cursor at `byte`: at most [`WINDOW`]
/// bytes either side of it (the edges of the text when they are nearer),
/// with edges on grapheme boundaries and, where there is white space near
/// them, between words, so that a sentence cut at an edge starts or ends
/// with a whole word.
pub(super) fn window(text: &str, byte: usize) -> Range<usize> {
    let here = graphemes::floor_boundary(text, byte);
    let start = match byte.checked_sub(WINDOW) {
        Some(start) if start > 0 => {
            let start = graphemes::ceil_boundary(text, start).min(here);
            // The first word after white space.
            let word = text[start..here].find(char::is_whitespace).and_then(|i| {
                let space = start + i;
                let found = text[space..here].find(|c: char| !c.is_whitespace());
                found.map(|j| space + j)
            });
            word.map_or(start, |w| graphemes::ceil_boundary(text, w).min(here))
        }
        _ => 0,
    };
    let end = match byte.checked_add(WINDOW) {
        Some(end) if end < text.len() => {
            let end = graphemes::floor_boundary(text, end).max(here);
            // Just before the last white space.
            match text[here..end].rfind(char::is_whitespace) {
                Some(i) if i > 0 => graphemes::floor_boundary(text, here + i).max(here),
                _ => end,
            }
        }
        _ => text.len(),
    };
    start..end
}

/// `text` up to the end of the window around `byte`: what a scan forward
/// from the cursor reads.
pub(super) fn ahead(text: &str, byte: usize) -> &str {
    &text[..window(text, byte).end]
}

/// The greatest safe start strictly before `byte` within the window around
/// it, else the window's start (0 when the window reaches the start).
pub(super) fn safe_start_before(
    text: &str,
    byte: usize,
    is_safe: impl Fn(&str, usize) -> bool,
) -> usize {
    safe_start_between(text, window(text, byte).start, byte, is_safe)
}

/// The greatest safe start after `floor` and strictly before `byte`, else
/// `floor`. `is_safe` is shown the text from `floor` on only, so that
/// looking back from a position never reads before the window.
fn safe_start_between(
    text: &str,
    floor: usize,
    byte: usize,
    is_safe: impl Fn(&str, usize) -> bool,
) -> usize {
    let mut end = byte.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // When `byte` is inside a char or past the end, its floor is before it too.
    let here = (end < byte).then_some(end);
    let earlier = text[floor..end]
        .char_indices()
        .rev()
        .map(|(i, _)| floor + i);
    let seen = &text[floor..];
    here.into_iter()
        .chain(earlier)
        .find(|&i| i == floor || is_safe(seen, i - floor))
        .unwrap_or(floor)
}

/// The last answer before `byte`, within the window around it.
/// `last_in(from, end)` looks at the segments of `text[from..]` (`from` a
/// safe start or the window's start) that start before `end` and gives the
/// last answer among them; it is asked first from the nearest safe start,
/// then, when that finds nothing, from safe starts further back, down to the
/// window's start.
pub(super) fn search_back<T>(
    text: &str,
    byte: usize,
    is_safe: impl Fn(&str, usize) -> bool,
    mut last_in: impl FnMut(usize, usize) -> Option<T>,
) -> Option<T> {
    let floor = window(text, byte).start;
    let mut end = byte;
    loop {
        let from = safe_start_between(text, floor, end, &is_safe);
        if let Some(found) = last_in(from, end) {
            return Some(found);
        }
        if from == floor {
            return None;
        }
        end = from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_space(text: &str, at: usize) -> bool {
        text[..at].ends_with(' ')
    }

    #[test]
    fn finds_the_nearest_safe_start_before() {
        let text = "ab cd ef";
        assert_eq!(safe_start_before(text, 8, after_space), 6);
        assert_eq!(safe_start_before(text, 6, after_space), 3);
        assert_eq!(safe_start_before(text, 3, after_space), 0);
        assert_eq!(safe_start_before(text, 0, after_space), 0);
        assert_eq!(safe_start_before(text, 99, after_space), 6);
    }

    #[test]
    fn an_offset_inside_a_char_is_floored() {
        let text = "a é";
        assert_eq!(safe_start_before(text, 3, after_space), 2);
    }

    #[test]
    fn the_window_is_on_grapheme_boundaries_around_the_cursor() {
        let text = "é👩‍👩‍👧".repeat(WINDOW);
        let middle = graphemes::floor_boundary(&text, text.len() / 2);
        let around = window(&text, middle);
        assert!(graphemes::is_boundary(&text, around.start));
        assert!(graphemes::is_boundary(&text, around.end));
        assert!(middle - around.start <= WINDOW && around.end - middle <= WINDOW);
        assert!(middle - around.start > WINDOW - 32 && around.end - middle > WINDOW - 32);
        assert_eq!(window("short", 2), 0..5);
        assert_eq!(window("short", 99), 0..5);
    }

    #[test]
    fn the_window_ends_between_words_where_it_can() {
        let text = "word ".repeat(3 * WINDOW / 5);
        let around = window(&text, text.len() / 2);
        assert!(
            text[around.clone()].starts_with("word "),
            "{:?}",
            &text[around.start..around.start + 8]
        );
        assert!(
            text[around.clone()].ends_with(" word"),
            "{:?}",
            &text[around.end - 8..around.end]
        );
        assert!(around.end - around.start > 2 * WINDOW - 12);
    }

    #[test]
    fn without_a_safe_start_in_the_window_its_edge_stands_in() {
        let text = "x".repeat(3 * WINDOW);
        let byte = 2 * WINDOW;
        assert_eq!(safe_start_before(&text, byte, after_space), WINDOW);
        let mut asked = Vec::new();
        let found = search_back(&text, byte, after_space, |from, end| {
            asked.push((from, end));
            None::<usize>
        });
        assert_eq!((found, asked), (None, vec![(WINDOW, byte)]));
        assert_eq!(ahead(&text, 0).len(), WINDOW);
    }

    #[test]
    fn a_sentence_or_word_longer_than_the_window_is_cut_at_its_edges() {
        use crate::article::{sentences, words};
        // One word, and one sentence without a terminator, of 4 windows.
        let text = format!("{}é", "a".repeat(4 * WINDOW));
        let middle = 2 * WINDOW;
        let around = window(&text, middle);
        assert_eq!(around, WINDOW..3 * WINDOW);
        assert_eq!(words::word_at(&text, middle), Some(around.clone()));
        assert_eq!(sentences::sentence_at(&text, middle), Some(around.clone()));
        assert_eq!(words::next_word_start(&text, middle), Some(around.end));
        assert_eq!(
            sentences::next_sentence_start(&text, middle),
            Some(around.end)
        );
        assert_eq!(words::prev_word_start(&text, middle), Some(around.start));
        assert_eq!(
            sentences::prev_sentence_start(&text, middle),
            Some(around.start)
        );
        // A motion goes on a window at a time, and stops at the text's end.
        let steps = std::iter::successors(Some(0), |&b| words::next_word_start(&text, b));
        assert_eq!(steps.last(), Some(4 * WINDOW));
        // Near the edges of the text, the edges themselves bound it.
        assert_eq!(words::word_at(&text, 10), Some(0..WINDOW + 10));
        assert_eq!(words::next_word_start(&text, text.len() - 10), None);
    }

    #[test]
    fn searches_back_chunk_by_chunk_until_found() {
        let text = "ab cd ef";
        let mut asked = Vec::new();
        let found = search_back(text, 8, after_space, |from, end| {
            asked.push((from, end));
            (from == 0).then_some(from)
        });
        assert_eq!(found, Some(0));
        assert_eq!(asked, vec![(6, 8), (3, 6), (0, 3)]);
        assert_eq!(
            search_back(text, 8, after_space, |_, _| None::<usize>),
            None
        );
    }
}
