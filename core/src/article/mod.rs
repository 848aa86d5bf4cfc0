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
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod words;

use std::ops::Range;
use std::sync::OnceLock;

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
    /// Which way its quotation marks face, read from the whole text the
    /// first time a quotation is looked for.
    quote_convention: OnceLock<quotes::Convention>,
    /// The BLAKE3 hash of the text, the first time it is asked for: every
    /// read and every save of the sidecar compares or writes it, and on a
    /// 10 MB article it costs 3 to 4 ms each time.
    hash: OnceLock<String>,
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
            quote_convention: OnceLock::new(),
            hash: OnceLock::new(),
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

    /// How the article's quotation marks face (`“` closes in a German
    /// article), inferred from the whole text once.
    pub fn quote_convention(&self) -> quotes::Convention {
        *self
            .quote_convention
            .get_or_init(|| quotes::Convention::infer(&self.text))
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
    pub fn blake3_hex(&self) -> &str {
        self.hash
            .get_or_init(|| blake3::hash(self.text.as_bytes()).to_hex().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOM: &[u8] = b"\xEF\xBB\xBF";

    #[test]
    fn a_bom_is_dropped_and_not_counted() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice("é\n\nb".as_bytes());
        let article = Article::from_bytes(bytes);
        assert!(article.is_ok());
        if let Ok(article) = article {
            assert_eq!(article.text(), "é\n\nb");
            assert_eq!(article.char_len(), 4);
            assert_eq!(article.char_offset(article.paragraphs()[1].start), 3);
            assert_eq!(article.paragraphs(), &[0..2, 4..5]);
        }
    }

    #[test]
    fn only_a_leading_bom_is_dropped() {
        let mut bytes = b"a".to_vec();
        bytes.extend_from_slice(BOM);
        let article = Article::from_bytes(bytes);
        assert_eq!(article.map(|a| a.char_len()), Ok(2));
    }

    #[test]
    fn bad_utf8_is_reported_at_its_offset_in_the_file() {
        let bad = |prefix: &[u8]| {
            let mut bytes = prefix.to_vec();
            bytes.extend_from_slice("ab漢".as_bytes());
            bytes.push(0xFF);
            bytes.extend_from_slice(b"cd");
            Article::from_bytes(bytes).map(|a| a.char_len())
        };
        assert_eq!(bad(b""), Err(ArticleError::NotUtf8 { byte: 5 }));
        assert_eq!(bad(BOM), Err(ArticleError::NotUtf8 { byte: 8 }));
        // A truncated multi-byte char at the end.
        let cut = Article::from_bytes("ab漢".as_bytes()[..4].to_vec()).map(|a| a.char_len());
        assert_eq!(cut, Err(ArticleError::NotUtf8 { byte: 2 }));
        // Half a BOM is no BOM: the text is bad from its first byte.
        let half = Article::from_bytes(b"\xEF\xBBx".to_vec()).map(|a| a.char_len());
        assert_eq!(half, Err(ArticleError::NotUtf8 { byte: 0 }));
    }

    #[test]
    fn the_error_names_the_offset() {
        let message = ArticleError::NotUtf8 { byte: 42 }.to_string();
        assert!(message.contains("42"), "{message}");
    }

    #[test]
    fn paragraph_at_finds_the_paragraph_or_the_one_before() {
        let article = Article::from_text("\n\nfirst\r\n\r\nsecond\n\n".to_string());
        assert_eq!(article.paragraphs(), &[2..7, 11..17]);
        assert_eq!(article.paragraph_at(0), Some(0));
        assert_eq!(article.paragraph_at(2), Some(0));
        assert_eq!(article.paragraph_at(7), Some(0));
        assert_eq!(article.paragraph_at(10), Some(0));
        assert_eq!(article.paragraph_at(11), Some(1));
        assert_eq!(article.paragraph_at(99), Some(1));
        assert_eq!(article.paragraph_text(1), "second");
        assert_eq!(
            Article::from_text(" \n\t".to_string()).paragraph_at(0),
            None
        );
    }

    #[test]
    fn offsets_count_chars_as_python_does() {
        let text = "e\u{301}👩‍👩‍👧🇫🇷 漢 ש\r\n";
        let article = Article::from_text(text.to_string());
        assert_eq!(article.char_len(), text.chars().count());
        assert_eq!(article.char_len(), 15);
        let flag = text.find('🇫').unwrap_or(0);
        assert_eq!(article.char_offset(flag), 7);
        assert_eq!(article.byte_offset(7), Some(flag));
        assert_eq!(article.byte_offset(15), Some(text.len()));
        assert_eq!(article.byte_offset(16), None);
    }

    #[test]
    fn the_hash_is_of_the_text_without_the_bom() {
        let with = Article::from_bytes([BOM, b"abc"].concat()).map(|a| a.blake3_hex().to_string());
        let without = Article::from_text("abc".to_string())
            .blake3_hex()
            .to_string();
        assert_eq!(with, Ok(without.clone()));
        assert_eq!(without.len(), 64);
        assert!(
            without
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }
}
