//! Denials: statements that reject an allegation or a claim.
//!
//! - A denying word or phrase (`denied`, `rejected the claims`, `is
//!   false`, `bestritt`, `wies … zurück`, `a démenti`), but not the passive
//!   `was denied` (entry, bail);
//! - or a negation followed closely by what is alleged (`did not amount to
//!   a criminal offence`, `No crime has been committed`, `keine Straftat`,
//!   `insists he did not leak`), quoted or not.
//!
//! The unit is the clause that denies, cut from its sentence at semicolons,
//! dashes and clauses a relative pronoun or a conjunction opens after a
//! comma (`…, who insists he did not leak …`); a clause that only points
//! back at what it denies (`- something he has denied`) keeps the clause
//! before it. The speaker is the source of the cue nearest the denial:
//! the denying verb's subject, or the speaker of the quotation it is in.

use std::ops::Range;

use super::attribution::Attributor;
use super::reading::Reading;
use super::tokens::Token;
use super::{DENIAL, QuoteIndex, Suggestion};
use crate::article::quotes::without_stray_marks;

/// How many words after a negation what it denies may come.
const NEGATION_REACH: usize = 6;

/// Clause openers after a comma that start a clause of their own.
const SPLITTERS: &[&str] = &[
    "who", "which", "but", "while", "whereas", "although", "though", "der", "die", "das", "aber",
    "während", "obwohl", "qui", "mais", "alors",
];

/// Words that introduce what was said (`said that`).
const THAT: &[&str] = &["that", "dass", "que", "qu"];

/// Words that point back at the clause before (`something he denied`).
const POINTERS: &[&str] = &["something", "which", "what", "etwas"];

/// The denials of the article, with their speakers; `quotes` gives the
/// speaker of a denial made inside a quotation.
pub fn find(reading: &Reading, quotes: &[Suggestion], quoted: &QuoteIndex) -> Vec<Suggestion> {
    let attributor = Attributor::new(reading);
    let mut found: Vec<Suggestion> = Vec::new();
    for (index, sentence) in reading.sentences.iter().enumerate() {
        let Some((cue, negation)) = denial_in(reading, &sentence.tokens) else {
            continue;
        };
        let Some(span) = clause_around(reading, &sentence.tokens, cue, negation) else {
            continue;
        };
        if found.last().is_some_and(|d| {
            d.spans
                .iter()
                .any(|s| s.start < span.end && span.start < s.end)
        }) {
            continue;
        }
        let at = sentence.tokens[cue].range.start;
        let speaker = match quoted.at(at).map(|i| &quotes[i]) {
            Some(q) => q.speaker.clone(),
            None => attributor.speaker_in_sentence(index, at),
        };
        found.push(Suggestion {
            label: DENIAL.to_string(),
            spans: vec![span],
            speaker,
        });
    }
    found
}

/// The token where a denial starts in a sentence, if it has one, and
/// whether it is a negation (rather than a denying word).
fn denial_in(reading: &Reading, tokens: &[Token]) -> Option<(usize, bool)> {
    let lexicon = reading.lexicon;
    let words: Vec<(usize, &str)> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word)
        .map(|(i, t)| (i, t.lower.as_ref()))
        .collect();
    for (w, &(i, word)) in words.iter().enumerate() {
        let phrase = lexicon
            .denials
            .starting_with(word)
            .iter()
            .find(|p| starts_with_phrase(&words[w..], p));
        if let Some(phrase) = phrase {
            let passive = w > 0 && PASSIVE.contains(&words[w - 1].1) && !phrase.contains(' ');
            if !passive {
                let negated = phrase.split(' ').any(|p| lexicon.negations.contains(&p));
                return Some((i, negated));
            }
        }
        if lexicon.negations.contains(&word) {
            let alleged = words[w + 1..]
                .iter()
                .take(NEGATION_REACH)
                .any(|(_, next)| lexicon.allegations.contains(next));
            if alleged {
                return Some((i, true));
            }
        }
    }
    None
}

/// Auxiliaries of the passive: `was denied entry` denies nothing.
const PASSIVE: &[&str] = &[
    "was", "were", "been", "be", "being", "is", "are", "wurde", "wurden",
];

/// Whether `words` start with the words of `phrase`; a `…` in the phrase
/// stands for up to four words (`wies … zurück`).
fn starts_with_phrase(words: &[(usize, &str)], phrase: &str) -> bool {
    let mut at = 0;
    let mut parts = phrase.split(' ').peekable();
    while let Some(part) = parts.next() {
        if part == "…" {
            let Some(next) = parts.next() else {
                return true;
            };
            match words[at..].iter().take(5).position(|(_, w)| *w == next) {
                Some(k) => at += k + 1,
                None => return false,
            }
            continue;
        }
        if words.get(at).is_none_or(|(_, w)| *w != part) {
            return false;
        }
        at += 1;
    }
    true
}

/// The clause of `tokens` that holds token `at`, as a clean span. A
/// negation reported with a verb of speech is what was said: after the verb
/// (`Scotland Yard said that [the leak did not amount to a crime]`), to the
/// comma before the next clause.
fn clause_around(
    reading: &Reading,
    tokens: &[Token],
    at: usize,
    negation: bool,
) -> Option<Range<usize>> {
    let lexicon = reading.lexicon;
    let bounds = clause_bounds(tokens);
    let k = bounds.iter().position(|b| b.contains(&at))?;
    let mut first = bounds[k].start;
    let opener = tokens.get(first).map(|t| t.lower.as_ref());
    if k > 0 && opener.is_some_and(|o| POINTERS.contains(&o)) {
        first = bounds[k - 1].start;
    }
    let mut last = bounds[k].end;
    if negation {
        let said = (first..at)
            .rev()
            .find(|&i| tokens[i].is_word && lexicon.speech.contains(&tokens[i].lower.as_ref()));
        if let Some(said) = said {
            let mut said_first = said + 1;
            while tokens
                .get(said_first)
                .is_some_and(|t| t.is(",") || THAT.contains(&t.lower.as_ref()))
            {
                said_first += 1;
            }
            // Something must be said to deny: `what was disclosed did not`
            // is the subject, not a report.
            let subject = (said_first..at).filter(|&i| tokens[i].is_word).count() > 1;
            if subject {
                first = said_first;
            }
        }
        let next_clause = (at..last).find(|&i| {
            tokens[i].is(",")
                && tokens
                    .get(i + 1)
                    .is_some_and(|t| t.capitalised && !t.is("\""))
        });
        if let Some(comma) = next_clause {
            last = comma;
        }
    }
    let clause = tokens.get(first..last)?;
    // A relative pronoun or a conjunction is not part of what is denied.
    let after_comma = first > 0 && tokens[first - 1].is(",");
    let skip = usize::from(
        after_comma
            && clause.first().is_some_and(|t| {
                SPLITTERS.contains(&t.lower.as_ref()) && !POINTERS.contains(&t.lower.as_ref())
            }),
    );
    let start = clause.get(skip)?.range.start;
    let end = clause
        .iter()
        .rev()
        .find(|t| t.is_word || t.is(".") || t.is("!") || t.is("?"))?
        .range
        .end;
    let range = without_stray_marks(reading.text, start..end);
    (!range.is_empty()).then_some(range)
}

/// The clauses of a sentence, as token ranges: cut at semicolons, dashes
/// and a comma before a clause opener.
fn clause_bounds(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut bounds = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let hard =
            t.is(";") || t.is(":") || t.is("—") || t.is("–") || (t.is("-") && spaced(tokens, i));
        let soft = t.is(",")
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.is_word && SPLITTERS.contains(&n.lower.as_ref()));
        if hard || soft {
            if i > start {
                bounds.push(start..i);
            }
            start = i + 1;
        }
    }
    if start < tokens.len() {
        bounds.push(start..tokens.len());
    }
    bounds
}

/// Whether the hyphen token `i` stands between spaces (a dash), not inside
/// a word.
fn spaced(tokens: &[Token], i: usize) -> bool {
    let before = i.checked_sub(1).map(|k| tokens[k].range.end);
    let after = tokens.get(i + 1).map(|t| t.range.start);
    before.is_some_and(|b| b < tokens[i].range.start)
        && after.is_some_and(|a| a > tokens[i].range.end)
}
