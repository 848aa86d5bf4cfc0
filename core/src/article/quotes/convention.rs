//! Which way an article's quotation marks face, inferred from the marks it
//! uses.
//!
//! Most marks say by themselves whether they open or close: `„` and `‚`
//! always open, `”` always closes, `「` opens and `」` closes. Three pairs
//! turn around from one language to the next:
//!
//! - `“` and `‘` open in English (“…”, ‘…’) but close in German, Czech and
//!   other languages that open low (`„…“`, `‚…‘`);
//! - `«` opens and `»` closes in French, Italian, Russian (`«…»`, `« … »`),
//!   but German and Danish books write `»…«`, and `‹ ›` follow `« »`.
//!
//! An article keeps to one convention, so the article as a whole decides:
//! low marks (`„ ‚`) as frequent as high openers (`“ ‘`) make it a
//! low-opening article; guillemets decide by which one comes first in a
//! paragraph and which side of a word each one sits on.

/// How the marks of an article face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Convention {
    /// Quotations open with `„` or `‚` and close with `“` or `‘` (German,
    /// Czech, …); otherwise `“` and `‘` open (English).
    pub low_opening: bool,
    /// Guillemets point inward, `»…«` and `›…‹` (German and Danish books);
    /// otherwise `«…»` and `‹…›` (French, Russian, …).
    pub inward_guillemets: bool,
}

impl Convention {
    /// The convention `text` follows. A text with no telling mark follows
    /// the default: English curly marks, French guillemets.
    pub fn infer(text: &str) -> Convention {
        let count = |c: char| text.matches(c).count();
        let low = count('„') + count('‚');
        let high = count('“') + count('‘');
        Convention {
            low_opening: low > 0 && 2 * low >= high,
            inward_guillemets: guillemet_votes(text) > 0,
        }
    }
}

/// Votes for inward guillemets (positive) against outward ones (negative).
/// The first guillemet of a line opens; a guillemet glued to the word
/// after it (and not to the one before) opens, one glued to the word before
/// it closes.
fn guillemet_votes(text: &str) -> isize {
    let mut votes = 0;
    let mut first_in_line = true;
    for (at, found) in text.match_indices(['«', '»', '‹', '›', '\n']) {
        let Some(c) = found.chars().next().filter(|&c| c != '\n') else {
            first_in_line = true;
            continue;
        };
        let sign = if matches!(c, '«' | '‹') { -1 } else { 1 };
        if first_in_line {
            votes += sign;
            first_in_line = false;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + c.len_utf8()..].chars().next();
        let glued = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
        match (glued(before), glued(after)) {
            (false, true) => votes += sign,
            (true, false) => votes -= sign,
            _ => {}
        }
    }
    votes
}
