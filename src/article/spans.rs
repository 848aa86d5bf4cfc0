//! Making a range fit to be a span.

use std::ops::Range;

use super::graphemes;

/// `range` widened to grapheme boundaries of `text`, then stripped of leading
/// and trailing white space. `None` when nothing but white space is left.
pub fn clean(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let start = graphemes::floor_boundary(text, range.start.min(text.len()));
    let mut end = range.end.min(text.len()).max(start);
    if !graphemes::is_boundary(text, end) {
        end = graphemes::next_boundary(text, graphemes::floor_boundary(text, end));
    }
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        None
    } else {
        Some(start + lead..start + lead + trimmed.len())
    }
}
