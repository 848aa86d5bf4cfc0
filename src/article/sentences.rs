//! Sentence motions and the sentence around the cursor (UAX #29 sentences).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The sentence that holds `byte`, without surrounding white space.
/// `None` when there is only white space there.
pub fn sentence_at(text: &str, byte: usize) -> Option<Range<usize>> {
    sentences(text)
        .find(|s| byte < s.end)
        .or_else(|| sentences(text).last())
}

/// The start of the first sentence that starts after `byte`.
pub fn next_sentence_start(text: &str, byte: usize) -> Option<usize> {
    sentences(text).map(|s| s.start).find(|&s| s > byte)
}

/// The start of the last sentence that starts before `byte`.
pub fn prev_sentence_start(text: &str, byte: usize) -> Option<usize> {
    sentences(text)
        .map(|s| s.start)
        .take_while(|&s| s < byte)
        .last()
}

fn sentences(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split_sentence_bound_indices().filter_map(|(i, s)| {
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        (!trimmed.is_empty()).then(|| i + lead..i + lead + trimmed.len())
    })
}
