//! How well the text around a place fits the context a record kept.

use std::ops::Range;

use super::Job;
use crate::store::format::{CONTEXT_CHARS, context_after, context_before};

/// How alike a side must be (1 − edit distance / length) to fit: a side
/// with a word or two changed fits, the end of another paragraph does not.
const FIT: f64 = 0.75;

/// Whether the text before byte `start` is exactly `prefix`: it ends with
/// it, and a prefix shorter than the context kept means the text started
/// there. No prefix recorded fits anything.
pub(super) fn prefix_is(text: &str, start: usize, prefix: Option<&str>) -> bool {
    prefix.is_none_or(|prefix| {
        text.as_bytes()[..start].ends_with(prefix.as_bytes())
            && (start == prefix.len() || prefix.chars().count() >= CONTEXT_CHARS)
    })
}

/// Whether the text after byte `end` is exactly `suffix`, as [`prefix_is`].
pub(super) fn suffix_is(text: &str, end: usize, suffix: Option<&str>) -> bool {
    suffix.is_none_or(|suffix| {
        text.as_bytes()[end..].starts_with(suffix.as_bytes())
            && (end + suffix.len() == text.len() || suffix.chars().count() >= CONTEXT_CHARS)
    })
}

/// How well the context around `bytes` fits the recorded one: the sum of
/// the likeness of each recorded side, or `None` when no side fits (or none
/// was recorded, inside a joined annotation).
pub(super) fn fit(
    text: &str,
    bytes: Range<usize>,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Option<f64> {
    let before = prefix.map(|p| likeness(p, context_before(text, bytes.start)));
    let after = suffix.map(|s| likeness(s, context_after(text, bytes.end)));
    let sides = [before, after];
    let fits = sides.iter().flatten().any(|&l| l >= FIT);
    fits.then(|| sides.iter().flatten().sum())
}

/// 1 − the edit distance of `a` and `b` over the longer's length, in chars.
pub(super) fn likeness(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - distance(&a, &b) as f64 / longest as f64
}

/// The Levenshtein distance of two short char sequences.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// A span's text with its recorded context around it, in chars, as the
/// approximate search aligns it.
#[derive(Debug)]
pub(super) struct Window {
    pub chars: Vec<char>,
    /// Where the text starts and ends in `chars`.
    pub text: Range<usize>,
}

impl Window {
    pub fn new(job: &Job) -> Window {
        let mut chars: Vec<char> = job.prefix.unwrap_or("").chars().collect();
        let start = chars.len();
        chars.extend(job.text.chars());
        let end = chars.len();
        chars.extend(job.suffix.unwrap_or("").chars());
        Window {
            chars,
            text: start..end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likeness_counts_edits_in_chars() {
        assert_eq!(likeness("", ""), 1.0);
        assert_eq!(likeness("abcd", "abcd"), 1.0);
        assert_eq!(likeness("abcd", "abxd"), 0.75);
        assert_eq!(likeness("e\u{301}té", "ete"), 0.5);
        assert_eq!(likeness("🇫🇷", "🇫🇷x"), 1.0 - 1.0 / 3.0);
        assert_eq!(likeness("abc", ""), 0.0);
    }

    #[test]
    fn an_exact_prefix_shorter_than_the_context_means_the_start() {
        let text = "ab said: \"quote\"";
        let at = text.find("quote").unwrap_or(0);
        assert!(prefix_is(text, at, Some("ab said: \"")));
        assert!(!prefix_is(text, at, Some("b said: \"")));
        assert!(prefix_is(text, at, None));
        let end = at + "quote".len();
        assert!(suffix_is(text, end, Some("\"")));
        assert!(!suffix_is(text, end, Some("")));
    }

    #[test]
    fn a_side_fits_when_three_quarters_alike() {
        let text = "0123456789 the minister said \"we will\" on Tuesday morning.";
        let at = text.find("we will").unwrap_or(0);
        let bytes = at..at + "we will".len();
        let exact = fit(
            text,
            bytes.clone(),
            Some(&text[..at]),
            Some("\" on Tuesday morning."),
        );
        assert_eq!(exact, Some(2.0));
        let other_prefix = fit(
            text,
            bytes.clone(),
            Some("xxxxxxxxxxxxxxxxxxxx"),
            Some("\" on Tuesday morning."),
        );
        assert!(
            other_prefix.is_some_and(|f| (1.0..1.5).contains(&f)),
            "{other_prefix:?}"
        );
        assert_eq!(
            fit(text, bytes.clone(), Some("zzzzzz"), Some("yyyyyy")),
            None
        );
        assert_eq!(fit(text, bytes, None, None), None);
    }
}
