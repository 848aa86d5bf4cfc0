//! A fast hash for the rules' own word tables.
//!
//! Every word of an article is looked up in several tables (speech verbs,
//! denying words, claim cues, …); with the standard library's SipHash the
//! hashing alone was a tenth of the rules' time on a long article. The
//! tables' keys are the rules' fixed lists, so the protection SipHash gives
//! against keys chosen to collide is not needed: a hostile article's words
//! are only looked up, never inserted, and cost one probe of a table whose
//! layout it cannot change. This is the multiply-and-rotate hash the Rust
//! compiler uses for its own tables.

use std::hash::{BuildHasherDefault, Hasher};

/// A hash map or set built with [`WordHasher`].
pub type Fast = BuildHasherDefault<WordHasher>;

/// Hashes eight bytes at a time with one multiplication.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

/// An odd constant whose bits spread each word over the whole hash.
const SPREAD: u64 = 0x517c_c1b7_2722_0a95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SPREAD);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        // The length first: the last chunk is padded with zero bytes, which
        // would make `sagte` and `sagte\0` alike.
        self.add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn words_that_differ_hash_apart_and_equal_words_alike() {
        let hash = |w: &str| Fast::default().hash_one(w);
        assert_eq!(hash("said"), hash("said"));
        // Lengths around the eight-byte chunks, a word and its prefix,
        // padding that looks like zero bytes, and non-ASCII words.
        let words = [
            "",
            "a",
            "said",
            "saying",
            "according",
            "accordin",
            "accordingly",
            "sagte",
            "sagte\0",
            "erklärte",
            "a démenti",
            "言った",
            "👩\u{200d}👩\u{200d}👧",
        ];
        let hashes: HashSet<u64> = words.iter().map(|w| hash(w)).collect();
        assert_eq!(hashes.len(), words.len());
    }

    #[test]
    fn a_table_finds_what_it_holds_and_nothing_else() {
        let table: HashSet<&str, Fast> =
            ["said", "told", "denied", "bestritt"].into_iter().collect();
        assert!(table.contains("bestritt"));
        assert!(!table.contains("Said"));
        assert!(!table.contains("sai"));
    }
}
