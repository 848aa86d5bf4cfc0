//! Splitting an article into paragraphs.
//!
//! Paragraphs are separated by one or more blank lines (lines holding only
//! white space). A text with no blank line at all is read one paragraph per
//! line. A paragraph's range starts at its first line and ends at the end of its
//! last line, without the line ending; lines inside it keep theirs.

use std::ops::Range;

/// The byte ranges of the paragraphs of `text`, in order, none empty.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let lines = lines(text);
    let has_blank = lines.iter().any(|l| is_blank(&text[l.clone()]));
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        if is_blank(&text[line.clone()]) {
            paragraphs.extend(current.take());
        } else if !has_blank {
            paragraphs.push(line);
        } else {
            current = Some(match current {
                Some(p) => p.start..line.end,
                None => line,
            });
        }
    }
    paragraphs.extend(current);
    paragraphs
}

/// The byte ranges of the lines of `text`, without their line endings
/// (`\n` or `\r\n`).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        let end = if text[..i].ends_with('\r') { i - 1 } else { i };
        lines.push(start..end);
        start = i + 1;
    }
    if start < text.len() {
        lines.push(start..text.len());
    }
    lines
}

fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}
