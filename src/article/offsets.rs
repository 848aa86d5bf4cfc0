//! Conversion between byte offsets and char offsets.
//!
//! Stored and exported offsets count Unicode scalar values; inside, sayso slices
//! by bytes. Rescanning the text for every conversion would make a save of many
//! annotations quadratic, so [`CharIndex`] keeps a checkpoint every
//! [`STRIDE`] bytes and counts chars only from the nearest checkpoint: each
//! conversion is a binary search plus at most `STRIDE` bytes of counting.

/// Bytes between checkpoints: small enough that counting is cheap, large enough
/// that the index is a small fraction of the text (16 bytes per 1 KiB).
const STRIDE: usize = 1024;

/// Checkpoints `(byte, char)` on char boundaries, about [`STRIDE`] bytes apart.
#[derive(Debug, Clone)]
pub struct CharIndex {
    checkpoints: Vec<(usize, usize)>,
    char_len: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut checkpoints = vec![(0, 0)];
        let mut chars = 0;
        let mut last = 0;
        let mut byte = STRIDE;
        while byte < text.len() {
            let boundary = floor_char_boundary(text, byte);
            if boundary > last {
                chars += text[last..boundary].chars().count();
                checkpoints.push((boundary, chars));
                last = boundary;
            }
            byte = boundary + STRIDE;
        }
        chars += text[last..].chars().count();
        CharIndex {
            checkpoints,
            char_len: chars,
        }
    }

    /// The number of chars in the indexed text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The char offset of `byte`, which must be a char boundary of `text`
    /// (the text this index was built from). Past the end, the char length.
    pub fn char_of(&self, text: &str, byte: usize) -> usize {
        let byte = floor_char_boundary(text, byte.min(text.len()));
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (b, c) = self.checkpoints[i];
        c + text[b..byte].chars().count()
    }

    /// The byte offset of char offset `char` in `text`, or `None` when `char` is
    /// past the end of the text.
    pub fn byte_of(&self, text: &str, char: usize) -> Option<usize> {
        if char > self.char_len {
            return None;
        }
        let i = self.checkpoints.partition_point(|&(_, c)| c <= char) - 1;
        let (b, c) = self.checkpoints[i];
        let rest = char - c;
        Some(match text[b..].char_indices().nth(rest) {
            Some((offset, _)) => b + offset,
            None => text.len(),
        })
    }
}

/// The greatest char boundary at or before `byte`.
fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}
