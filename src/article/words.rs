//! Word motions (UAX #29 word boundaries).
//!
//! A "word" here is a UAX #29 word segment that holds at least one letter or
//! digit: spaces and punctuation are skipped by `w` and `b`.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The start of the first word that starts after `byte`.
pub fn next_word_start(text: &str, byte: usize) -> Option<usize> {
    words(text).map(|w| w.start).find(|&s| s > byte)
}

/// The start of the last word that starts before `byte`.
pub fn prev_word_start(text: &str, byte: usize) -> Option<usize> {
    words(text)
        .map(|w| w.start)
        .take_while(|&s| s < byte)
        .last()
}

/// The word that holds `byte`, if any.
pub fn word_at(text: &str, byte: usize) -> Option<Range<usize>> {
    words(text).find(|w| w.start <= byte && byte < w.end)
}

fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| i..i + w.len())
}
