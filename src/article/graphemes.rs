//! Grapheme-cluster boundaries (UAX #29, extended clusters).
//!
//! Every position sayso keeps is on a grapheme boundary, so that a span never
//! splits an emoji sequence or separates a letter from its combining mark.
//! The functions take a text and a byte offset into it; callers pass the
//! paragraph, not the whole article, so the cost stays local.

use unicode_segmentation::GraphemeCursor;

/// The next grapheme boundary after `byte`, or `text.len()` at the end.
pub fn next_boundary(text: &str, byte: usize) -> usize {
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    cursor
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(text.len())
}

/// The previous grapheme boundary before `byte`, or 0 at the start.
pub fn prev_boundary(text: &str, byte: usize) -> usize {
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
    let byte = byte.min(text.len());
    if is_boundary(text, byte) {
        byte
    } else {
        let mut char_floor = byte;
        while !text.is_char_boundary(char_floor) {
            char_floor -= 1;
        }
        if is_boundary(text, char_floor) {
            char_floor
        } else {
            prev_boundary(text, char_floor)
        }
    }
}
