//! Conversion between byte offsets and char offsets.
//!
//! Stored and exported offsets count Unicode scalar values; inside, sayso slices
//! by bytes. Rescanning the text for every conversion would make a save of many
//! annotations quadratic, so [`CharIndex`] keeps a checkpoint every
//! [`STRIDE`] bytes and counts chars only from the nearest checkpoint: each
//! conversion is a binary search plus at most `STRIDE` bytes of counting.

/// Bytes between checkpoints: small enough that counting is cheap, large enough
/// that the index is a small fraction of the text (16 bytes per 256).
pub const STRIDE: usize = 256;

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
        // Counting lead bytes is cheaper than decoding chars, and a load
        // converts every span's offsets through here.
        let found = text.as_bytes()[b..]
            .iter()
            .enumerate()
            .filter(|&(_, &byte)| is_char_start(byte))
            .nth(rest)
            .map_or(text.len(), |(offset, _)| b + offset);
        Some(found)
    }
}

/// Whether `byte` starts a char in UTF-8 (it is not a continuation byte).
fn is_char_start(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// The greatest char boundary at or before `byte`.
fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::testing::unicode_text;
    use proptest::prelude::*;

    /// Checks both conversions against a plain count of `chars()` at every
    /// char boundary, and the edges past the end.
    fn check(text: &str) {
        let index = CharIndex::new(text);
        let mut boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        boundaries.push(text.len());
        assert_eq!(index.char_len(), boundaries.len() - 1);
        for (char, &byte) in boundaries.iter().enumerate() {
            assert_eq!(index.char_of(text, byte), char, "char_of({byte})");
            assert_eq!(index.byte_of(text, char), Some(byte), "byte_of({char})");
        }
        assert_eq!(index.byte_of(text, boundaries.len()), None);
        assert_eq!(index.char_of(text, text.len() + 5), index.char_len());
    }

    #[test]
    fn empty_and_short_texts() {
        check("");
        check("a");
        check("e\u{301} 👩‍👩‍👧 🇫🇷 漢字 שלום مرحبا\t\r\n\u{1b}");
    }

    #[test]
    fn texts_longer_than_the_stride() {
        check(&"a".repeat(STRIDE * 3 + 1));
        // Four-byte chars straddle every checkpoint's first guess.
        check(&"🇫".repeat(STRIDE));
        check(&"é漢👩‍👩‍👧x".repeat(STRIDE / 2));
    }

    #[test]
    fn an_offset_inside_a_char_counts_the_char_as_not_reached() {
        let text = "a漢b";
        let index = CharIndex::new(text);
        assert_eq!(index.char_of(text, 2), 1);
        assert_eq!(index.char_of(text, 3), 1);
        assert_eq!(index.char_of(text, 4), 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn conversions_agree_with_counting(text in unicode_text(300..1500)) {
            prop_assume!(text.len() > STRIDE);
            check(&text);
        }
    }
}
