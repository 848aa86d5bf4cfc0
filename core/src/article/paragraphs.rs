//! Splitting an article into paragraphs.
//!
//! Paragraphs are separated by one or more blank lines (lines holding only
//! white space). A text with no blank line between two lines of text is read
//! one paragraph per line: blank lines at the start or the end of a file
//! separate nothing, so an editor's extra newline at the end does not glue a
//! one-paragraph-per-line file into a single paragraph. A paragraph's range
//! starts at its first line and ends at the end of its last line, without the
//! line ending; lines inside it keep theirs.

use std::ops::Range;

/// The byte ranges of the paragraphs of `text`, in order, none empty.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let lines = lines(text);
    let has_blank = separates(text, &lines);
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

/// Whether a blank line sits between two lines of text.
fn separates(text: &str, lines: &[Range<usize>]) -> bool {
    let filled: Vec<bool> = lines.iter().map(|l| !is_blank(&text[l.clone()])).collect();
    let first = filled.iter().position(|&f| f);
    let last = filled.iter().rposition(|&f| f);
    match (first, last) {
        (Some(first), Some(last)) => filled[first..last].iter().any(|&f| !f),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(texts("one\ntwo\n\nthree"), vec!["one\ntwo", "three"]);
        assert_eq!(texts("one\n\n\n\ntwo"), vec!["one", "two"]);
    }

    #[test]
    fn lines_of_only_white_space_are_blank() {
        let text = "one\n \t \u{a0}\ntwo\n\u{3000}\nthree";
        assert_eq!(texts(text), vec!["one", "two", "three"]);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        assert_eq!(texts("one\ntwo\nthree\n"), vec!["one", "two", "three"]);
        assert_eq!(texts("one\r\ntwo\r\n"), vec!["one", "two"]);
    }

    #[test]
    fn leading_and_trailing_blank_lines_separate_nothing() {
        assert_eq!(texts("\n\n  \none\ntwo\n\n\n"), vec!["one", "two"]);
        assert_eq!(texts("\r\n\r\none\r\ntwo\r\n\r\n"), vec!["one", "two"]);
        assert_eq!(
            texts("\n\none\ntwo\n\nthree\n\n"),
            vec!["one\ntwo", "three"]
        );
    }

    #[test]
    fn crlf_endings_stay_inside_and_are_dropped_at_the_end() {
        let text = "one\r\ntwo\r\n\r\nthree\r\n";
        assert_eq!(texts(text), vec!["one\r\ntwo", "three"]);
        assert_eq!(split(text), vec![0..8, 12..17]);
    }

    #[test]
    fn white_space_only_text_has_no_paragraph() {
        assert!(split("").is_empty());
        assert!(split(" \n\t\r\n\n\u{a0}").is_empty());
    }

    #[test]
    fn unicode_paragraphs() {
        let text = "e\u{301}👩‍👩‍👧🇫🇷\n\n漢字 שלום\tمرحبا\u{7}";
        assert_eq!(texts(text), vec!["e\u{301}👩‍👩‍👧🇫🇷", "漢字 שלום\tمرحبا\u{7}"]);
    }
}
