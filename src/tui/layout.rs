//! Wrapping paragraphs into screen lines, and finding text from a screen cell.
//!
//! sayso wraps paragraphs itself instead of using `Paragraph::wrap`, because the
//! same line breaks must drive drawing, the cursor and mouse hit-testing. Lines
//! are greedy word wraps of graphemes, measured with the same widths the view
//! draws with ([`display_grapheme`]); a word longer than the line is broken at a
//! grapheme boundary, and a line ending inside a paragraph forces a break.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use crate::article::display::display_grapheme;

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
    for (i, g) in text.grapheme_indices(true) {
        if g == "\n" || g == "\r\n" {
            lines.push(start..i + g.len());
            start = i + g.len();
            used = 0;
            last_break = None;
            continue;
        }
        let w = usize::from(grapheme_width(g));
        let is_space = g.chars().all(char::is_whitespace);
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
        }
        used += w;
        if is_space {
            last_break = Some((i + g.len(), used));
        }
    }
    if start < text.len() || lines.is_empty() {
        lines.push(start..text.len());
    }
    lines
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
pub struct LayoutCache {
    width: u16,
    lines: HashMap<usize, Lines>,
}

/// Beyond this many paragraphs, the cache starts afresh rather than grow
/// without bound while an editor pages through a very long article.
const CACHE_LIMIT: usize = 4096;

impl LayoutCache {
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
