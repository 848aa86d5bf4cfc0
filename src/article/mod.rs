//! The article: a UTF-8 text split into paragraphs.
//!
//! Positions inside sayso are byte offsets into [`Article::text`], always on
//! grapheme-cluster boundaries. They become char offsets (Unicode scalar values,
//! as Python indexes a `str`) only where they are stored or exported, through
//! [`offsets::CharIndex`].

pub mod display;
pub mod graphemes;
mod local;
pub mod offsets;
pub mod paragraphs;
pub mod quotes;
pub mod sentences;
pub mod spans;
pub mod words;

use std::ops::Range;

use offsets::CharIndex;

/// Why bytes could not become an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArticleError {
    /// The bytes are not UTF-8; `byte` is the offset of the first bad byte in the file.
    #[error("is not UTF-8 text (invalid byte at offset {byte}); save it as UTF-8 and try again")]
    NotUtf8 { byte: usize },
}

/// An article's text with its paragraphs and offset index.
#[derive(Debug)]
pub struct Article {
    text: String,
    paragraphs: Vec<Range<usize>>,
    chars: CharIndex,
}

impl Article {
    /// Reads an article from the bytes of its file. A leading UTF-8 BOM is
    /// dropped: it is not part of the text and offsets do not count it.
    pub fn from_bytes(mut bytes: Vec<u8>) -> Result<Article, ArticleError> {
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        if bom {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Article::from_text(text)),
            Err(e) => Err(ArticleError::NotUtf8 {
                byte: e.utf8_error().valid_up_to() + if bom { 3 } else { 0 },
            }),
        }
    }

    /// Builds an article from text that is already decoded (and has no BOM).
    pub fn from_text(text: String) -> Article {
        let paragraphs = paragraphs::split(&text);
        let chars = CharIndex::new(&text);
        Article {
            text,
            paragraphs,
            chars,
        }
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte ranges of the paragraphs, in order, none empty.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The text of paragraph `index`.
    pub fn paragraph_text(&self, index: usize) -> &str {
        &self.text[self.paragraphs[index].clone()]
    }

    /// The paragraph that holds `byte`; a byte between two paragraphs belongs to
    /// the one before it, and a byte before the first to the first.
    /// `None` only when the article has no paragraph.
    pub fn paragraph_at(&self, byte: usize) -> Option<usize> {
        if self.paragraphs.is_empty() {
            return None;
        }
        let after = self.paragraphs.partition_point(|p| p.start <= byte);
        Some(after.saturating_sub(1))
    }

    /// The char offset of a byte offset (which must be on a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        self.chars.char_of(&self.text, byte)
    }

    /// The byte offset of a char offset, or `None` past the end of the text.
    pub fn byte_offset(&self, char: usize) -> Option<usize> {
        self.chars.byte_of(&self.text, char)
    }

    /// The length of the text in chars.
    pub fn char_len(&self) -> usize {
        self.chars.char_len()
    }

    /// The BLAKE3 hash of the text, as 64 lowercase hex digits.
    pub fn blake3_hex(&self) -> String {
        blake3::hash(self.text.as_bytes()).to_hex().to_string()
    }
}
