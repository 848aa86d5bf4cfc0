//! Aligning a span's window (context, text, context) with the article near
//! one place, allowing a bounded number of edits.
//!
//! The alignment is semi-global: the whole window must be matched, starting
//! and ending anywhere in the region of the article around the place. The
//! dynamic programme is banded, since a window more than its error bound
//! away from its place cannot fit anyway: it costs the window's length times
//! twice the bound, however long the article.

use std::ops::Range;

use super::context::Window;
use crate::article::{Article, spans};

/// At most this many edits, however long the window.
const MAX_ERRORS: usize = 256;

/// Windows longer than this (a span of several pages) are not aligned.
const MAX_WINDOW: usize = 20_000;

/// Cells outside the band.
const FAR: u32 = u32::MAX / 2;

/// Where a window's text fell in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Aligned {
    /// The text's new bytes, on grapheme boundaries, without white space at
    /// the ends.
    pub bytes: Range<usize>,
    /// Edits over the whole window.
    pub errors: usize,
}

/// Aligns `window` with the article around char `start` (where the window
/// would begin); `None` when it does not fit within the bounds: a quarter of
/// the window, and half of its text, may differ.
pub(super) fn align(article: &Article, window: &Window, start: usize) -> Option<Aligned> {
    let n = window.chars.len();
    if n == 0 || n > MAX_WINDOW {
        return None;
    }
    let slack = (n / 4).min(MAX_ERRORS);
    let from = start.saturating_sub(slack);
    let to = (start + n + slack).min(article.char_len());
    let text = article.text();
    let (first, last) = (article.byte_offset(from)?, article.byte_offset(to)?);
    let region: Vec<(usize, char)> = text[first..last]
        .char_indices()
        .map(|(i, c)| (first + i, c))
        .collect();
    let byte_at = |j: usize| region.get(j).map_or(last, |&(b, _)| b);
    let band = Band::new(n, region.len(), start - from, slack);
    let table = band.fill(&window.chars, &region);
    let (end, errors) = band.best_end(&table)?;
    if errors > slack {
        return None;
    }
    let path = band.trace(&table, window, &region, end);
    let (text_start, text_end) = (
        path.first_at[window.text.start],
        path.last_at[window.text.end],
    );
    let text_errors = table[band.cell(window.text.end, text_end)?]
        - table[band.cell(window.text.start, text_start)?];
    if 2 * text_errors as usize > window.text.len() {
        return None;
    }
    let bytes = spans::clean(text, byte_at(text_start)..byte_at(text_end))?;
    Some(Aligned { bytes, errors })
}

/// The band of the table: row `i` (window chars matched) holds the columns
/// (region chars passed) within `slack` of `i + offset`.
struct Band {
    rows: usize,
    columns: usize,
    offset: usize,
    slack: usize,
}

/// For each row of the window, the first and last column the alignment
/// passes through in it.
struct Path {
    first_at: Vec<usize>,
    last_at: Vec<usize>,
}

impl Band {
    fn new(n: usize, m: usize, offset: usize, slack: usize) -> Band {
        Band {
            rows: n + 1,
            columns: m + 1,
            offset,
            slack,
        }
    }

    fn width(&self) -> usize {
        2 * self.slack + 1
    }

    /// The index of cell (`i`, `j`) in the table, when it is in the band.
    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        let low = (i + self.offset).checked_sub(self.slack);
        let k = match low {
            Some(low) => j.checked_sub(low)?,
            None => j + self.slack - (i + self.offset),
        };
        (i < self.rows && j < self.columns && k < self.width()).then(|| i * self.width() + k)
    }

    fn get(&self, table: &[u32], i: usize, j: usize) -> u32 {
        self.cell(i, j).map_or(FAR, |c| table[c])
    }

    /// The columns of row `i` inside the band and the region.
    fn columns_of(&self, i: usize) -> Range<usize> {
        let low = (i + self.offset).saturating_sub(self.slack);
        let high = (i + self.offset + self.slack + 1).min(self.columns);
        low..high.max(low)
    }

    /// Edit distances: cell (`i`, `j`) is the fewest edits that match the
    /// first `i` window chars ending at region char `j`, starting anywhere.
    fn fill(&self, window: &[char], region: &[(usize, char)]) -> Vec<u32> {
        let mut table = vec![FAR; self.rows * self.width()];
        for j in self.columns_of(0) {
            if let Some(c) = self.cell(0, j) {
                table[c] = 0;
            }
        }
        for i in 1..self.rows {
            for j in self.columns_of(i) {
                let Some(c) = self.cell(i, j) else { continue };
                let delete = self.get(&table, i - 1, j) + 1;
                let mut best = delete;
                if j > 0 {
                    let substitute = self.get(&table, i - 1, j - 1)
                        + u32::from(window[i - 1] != region[j - 1].1);
                    let insert = self.get(&table, i, j - 1) + 1;
                    best = best.min(substitute).min(insert);
                }
                table[c] = best;
            }
        }
        table
    }

    /// The column where the whole window ends with the fewest edits, and
    /// how many. Of equally good ends, the last: dropping the end of the
    /// window can cost what matching it to changed text costs, and matching
    /// it places the text's end by its context.
    fn best_end(&self, table: &[u32]) -> Option<(usize, usize)> {
        let last = self.rows - 1;
        self.columns_of(last)
            .map(|j| (self.get(table, last, j), std::cmp::Reverse(j)))
            .min()
            .map(|(errors, std::cmp::Reverse(j))| (j, errors as usize))
    }

    /// Walks back from (`rows - 1`, `end`) along one cheapest alignment.
    fn trace(&self, table: &[u32], window: &Window, region: &[(usize, char)], end: usize) -> Path {
        let text_start = window.text.start;
        let window = &window.chars;
        let mut path = Path {
            first_at: vec![usize::MAX; self.rows],
            last_at: vec![0; self.rows],
        };
        let (mut i, mut j) = (self.rows - 1, end);
        loop {
            path.first_at[i] = path.first_at[i].min(j);
            path.last_at[i] = path.last_at[i].max(j);
            if i == 0 {
                break;
            }
            let here = self.get(table, i, j);
            // Where the text starts, chars the window does not have go to
            // the text rather than to the context before it.
            if i == text_start && j > 0 && here == self.get(table, i, j - 1) + 1 {
                j -= 1;
            } else if j > 0
                && here
                    == self.get(table, i - 1, j - 1) + u32::from(window[i - 1] != region[j - 1].1)
            {
                (i, j) = (i - 1, j - 1);
            } else if here == self.get(table, i - 1, j) + 1 {
                i -= 1;
            } else {
                j -= 1;
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(prefix: &str, text: &str, suffix: &str) -> Window {
        let mut chars: Vec<char> = prefix.chars().collect();
        let start = chars.len();
        chars.extend(text.chars());
        let end = chars.len();
        chars.extend(suffix.chars());
        Window {
            chars,
            text: start..end,
        }
    }

    fn placed(article: &str, w: &Window, start: usize) -> Option<(String, usize)> {
        let article = Article::from_text(article.to_string());
        align(&article, w, start).map(|a| (article.text()[a.bytes].to_string(), a.errors))
    }

    #[test]
    fn a_word_changed_inside_the_text_is_found_with_its_edits() {
        let w = window(
            "to be conducted, he said: \"",
            "do an criminal investigation",
            "\" and more.",
        );
        let article =
            "Intro. To be conducted, he said: \"do a criminal investigation\" and more. Outro.";
        assert_eq!(
            placed(article, &w, 8),
            Some(("do a criminal investigation".to_string(), 2))
        );
    }

    #[test]
    fn text_inserted_at_the_edges_goes_to_the_text() {
        let w = window("before: ", "middle of it", " after");
        let found = placed("xx before: the middle of it, after", &w, 3);
        assert_eq!(found.map(|(t, _)| t), Some("the middle of it,".to_string()));
    }

    #[test]
    fn a_short_text_changed_too_much_does_not_fit_by_dropping_its_context() {
        // Ending after "ne" and dropping `”.` costs as much as matching them.
        let w = window("He said “yes” and “", "no", "”.\n");
        assert_eq!(placed("He said “yes” and “never”.\n", &w, 0), None);
    }

    #[test]
    fn too_many_edits_do_not_fit() {
        let w = window("abcdefgh ", "the quote", " ijklmnop");
        assert_eq!(
            placed("zzzzzzzz something else entirely zzzzzzzz", &w, 0),
            None
        );
    }

    #[test]
    fn unicode_text_keeps_its_graphemes() {
        let w = window(
            "Zoë said «",
            "e\u{301}lan 👩\u{200d}👩\u{200d}👧 中文",
            "» today",
        );
        let found = placed(
            "Zoë said «e\u{301}lan 👩\u{200d}👩\u{200d}👧 中文字» today",
            &w,
            0,
        );
        assert_eq!(
            found.map(|(t, _)| t),
            Some("e\u{301}lan 👩\u{200d}👩\u{200d}👧 中文字".to_string())
        );
    }
}
