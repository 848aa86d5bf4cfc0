//! Words, punctuation and sentences of a paragraph, as the rules read them.
//!
//! Words are UAX #29 words, with a hyphenated compound kept whole
//! (`Mor-Halloran`, `US-Militär`) but not a French inverted pronoun
//! (`dit-il`). Sentences are UAX #29 sentences, joined again where a full
//! stop ends an abbreviation (`Mr.`, `Sen.`, `Dr.`), an initial
//! (`Donald J. Trump`) or a German ordinal (`am 3. Oktober`).

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A word or a punctuation mark, with its place in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub range: Range<usize>,
    /// The text in lower case, for matching against the word lists: most
    /// words and every punctuation mark are already, and are borrowed from
    /// the article rather than copied (a long article has millions).
    pub lower: Cow<'a, str>,
    pub is_word: bool,
    /// The word starts with an upper-case letter.
    pub capitalised: bool,
}

impl<'a> Token<'a> {
    fn new(text: &'a str, range: Range<usize>) -> Token<'a> {
        let piece = &text[range.clone()];
        let is_word = piece.chars().any(char::is_alphanumeric);
        let lower = if piece.is_ascii() {
            match piece.bytes().any(|b| b.is_ascii_uppercase()) {
                true => Cow::Owned(piece.to_ascii_lowercase()),
                false => Cow::Borrowed(piece),
            }
        } else {
            match piece.chars().any(|c| c.to_lowercase().ne(Some(c))) {
                true => Cow::Owned(piece.to_lowercase()),
                false => Cow::Borrowed(piece),
            }
        };
        Token {
            lower,
            is_word,
            capitalised: is_word && piece.chars().next().is_some_and(char::is_uppercase),
            range,
        }
    }

    /// Whether this is the punctuation `p`.
    pub fn is(&self, p: &str) -> bool {
        !self.is_word && self.lower == p
    }
}

/// Pronouns a French verb takes after a hyphen (`dit-il`, `a-t-elle`).
const INVERTED: &[&str] = &["il", "elle", "ils", "elles", "on", "t"];

/// The tokens of `text[range]`, with ranges in `text`.
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    // About one token in five bytes of running text.
    let mut found: Vec<Token> = Vec::with_capacity(range.len() / 5 + 1);
    let base = range.start;
    let mut pieces = text[range]
        .split_word_bound_indices()
        .map(|(i, w)| (base + i, w))
        .filter(|(_, w)| !w.trim().is_empty())
        .peekable();
    while let Some((at, piece)) = pieces.next() {
        let mut end = at + piece.len();
        // A hyphen between two words with no space: one compound.
        while let Some(&(hyphen, h)) = pieces.peek() {
            let joins = h == "-" && hyphen == end && found_word(text, at, end);
            if !joins {
                break;
            }
            let mut rest = pieces.clone();
            rest.next();
            match rest.peek() {
                Some(&(next, w))
                    if next == hyphen + 1
                        && w.chars().any(char::is_alphanumeric)
                        && !INVERTED.contains(&w.to_lowercase().as_str()) =>
                {
                    end = next + w.len();
                    pieces.next();
                    pieces.next();
                }
                _ => break,
            }
        }
        if is_symbol(&text[at..end]) {
            // An emoji or another symbol says nothing to the rules.
            continue;
        }
        found.push(Token::new(text, at..end));
    }
    found
}

/// Whether a piece is neither a word nor punctuation: an emoji, a
/// pictograph, a variation selector.
fn is_symbol(piece: &str) -> bool {
    piece.chars().all(|c| {
        !c.is_alphanumeric()
            && !c.is_ascii_punctuation()
            && !matches!(c, '\u{a1}'..='\u{bf}' | '\u{2010}'..='\u{205e}' | '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff65}')
    })
}

fn found_word(text: &str, start: usize, end: usize) -> bool {
    text[start..end].chars().any(char::is_alphanumeric)
}

/// Words a full stop ends without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm",
    "pres", "rev", "st", "jr", "sr", "no", "nos", "vs", "v", "u.s", "u.k", "u.n", "e.g", "i.e",
    "etc", "approx", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd", "dept", "univ", "asst", "supt",
    "insp", "det", "nr", "bzw", "ca", "vgl", "z.b", "u.a", "d.h", "evtl", "ggf", "mio", "mrd",
    "abs", "art", "bd", "hr", "fr", "m", "mme", "mlle", "cf", "p", "pp", "vol", "ed", "wash",
    "calif", "fla", "ill", "mass", "mich", "minn", "n.y", "n.j", "pa", "tex", "va", "ky", "la",
    "md", "mo", "nev", "ore", "wis", "conn", "ariz", "colo", "okla", "tenn", "ga", "ala", "d-mass",
    "r-ky", "d-n.y", "r-wis", "d-calif", "r-texas", "r-fla",
];

/// The sentences of `text[range]`, trimmed, with ranges in `text`.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let base = range.start;
    let mut found: Vec<Range<usize>> = Vec::new();
    for (i, s) in text[range].split_sentence_bound_indices() {
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start = base + i + lead;
        let piece = start..start + trimmed.len();
        match found.last_mut() {
            Some(last) if runs_on(&text[last.clone()], &text[piece.clone()]) => {
                last.end = piece.end;
            }
            _ => found.push(piece),
        }
    }
    found
}

/// Whether a sentence that ends as `before` does goes on into `after`: it
/// goes on in lower case (`"We won!" he said`), or its full stop ends an
/// abbreviation, an initial or an ordinal.
fn runs_on(before: &str, after: &str) -> bool {
    if after.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let Some(stem) = before.strip_suffix('.') else {
        return false;
    };
    let last = stem
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = last.to_lowercase();
    let initial = is_initials(last);
    let ordinal = !last.is_empty() && last.chars().all(|c| c.is_ascii_digit()) && last.len() <= 2;
    ABBREVIATIONS.contains(&lower.as_str()) || initial || (ordinal && word_is_month(after))
}

/// Whether `word` (without its last full stop) is one initial or several
/// (`J`, `G.K`).
pub fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

/// Whether `text` starts with the name of a month (an ordinal date before it).
fn word_is_month(text: &str) -> bool {
    const MONTHS: &[&str] = &[
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "jänner",
    ];
    let word: String = text
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    MONTHS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, 0..text.len())
            .into_iter()
            .map(|t| &text[t.range])
            .collect()
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn words_keep_compounds_and_split_inverted_pronouns() {
        assert_eq!(
            words("Mor-Halloran said: “No”, dit-il."),
            [
                "Mor-Halloran",
                "said",
                ":",
                "“",
                "No",
                "”",
                ",",
                "dit",
                "-",
                "il",
                "."
            ]
        );
        assert_eq!(
            words("US-Militär e\u{301}tait 👩‍👩‍👧 🎙\u{fe0f} 漢字 « ― »"),
            ["US-Militär", "e\u{301}tait", "漢", "字", "«", "―", "»"]
        );
        let t = tokens("Zoë said", 0..8);
        assert!(t[0].capitalised && t[0].is_word && !t[1].capitalised);
        assert_eq!(t[0].lower, "zoë");
    }

    #[test]
    fn a_word_is_in_lower_case_copied_only_when_it_was_not_already() {
        let text = "Zoë zoë SAID said ΣΟΦΟΣ σοφός İstanbul ǅemal 漢字 שלום e\u{301}tait Ébène \t👩\u{200d}👩\u{200d}👧 🇫🇷 , „";
        for t in tokens(text, 0..text.len()) {
            let piece = &text[t.range.clone()];
            assert_eq!(t.lower, piece.to_lowercase(), "{piece}");
            let copied = matches!(t.lower, Cow::Owned(_));
            assert_eq!(copied, piece != piece.to_lowercase(), "{piece}");
        }
    }

    #[test]
    fn sentences_run_on_over_abbreviations_initials_and_ordinals() {
        assert_eq!(
            split("Mr. Trump and Sen. Warren met. Donald J. Trump left. G.K. Lee came. It rained."),
            [
                "Mr. Trump and Sen. Warren met.",
                "Donald J. Trump left.",
                "G.K. Lee came.",
                "It rained."
            ]
        );
        assert_eq!(
            split("Am 3. Oktober kam er. Dann ging er."),
            ["Am 3. Oktober kam er.", "Dann ging er."]
        );
        assert_eq!(
            split("He scored 3. Then he left."),
            ["He scored 3.", "Then he left."]
        );
    }
}
