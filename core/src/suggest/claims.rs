//! Claims: what someone is reported to say or believe, without quotation
//! marks.
//!
//! - A sentence with a verb of saying or believing followed by what was
//!   said (`X said that …`, `X claimed …`, `X believes …`, `according to X,
//!   …`, `X sagte, dass …`, `selon X, …`), not by a colon or a quotation;
//! - or, in German, a sentence in the subjunctive of reported speech
//!   (`Die Lage sei ernst`), which goes on with the speaker of the claim
//!   before it.
//!
//! A sentence that is mostly quotation is a quote, not a claim. A claim
//! that denies is a denial too: both are proposed. The unit is the sentence from the
//! subject of the cue to its end, without stray quotation marks; the speaker
//! is the cue's source.

use super::attribution::Attributor;
use super::language::Language;
use super::reading::Reading;
use super::tokens::Token;
use super::{CLAIM, QuoteIndex, Suggestion};
use crate::article::quotes::without_stray_marks;

/// German verbs in the subjunctive of reported speech.
const KONJUNKTIV: &[&str] = &[
    "sei", "seien", "habe", "hätten", "werde", "würden", "könne", "müsse", "solle", "wolle",
    "dürfe", "gebe", "liege", "stehe", "gehe", "komme", "bleibe", "wisse",
];

/// The claims of the article, with their speakers.
pub fn find(reading: &Reading, quoted: &QuoteIndex) -> Vec<Suggestion> {
    let attributor = Attributor::new(reading);
    let mut found: Vec<Suggestion> = Vec::new();
    let mut last: Option<(usize, Option<String>)> = None;
    for (index, sentence) in reading.sentences.iter().enumerate() {
        if quoted.covering(&sentence.range) * 2 >= sentence.range.len() {
            continue;
        }
        let cue = claim_cue(reading, &sentence.tokens);
        let reported = reading.language == Language::German
            && sentence
                .tokens
                .iter()
                .any(|t| KONJUNKTIV.contains(&t.lower.as_ref()));
        let (span, speaker) = match cue {
            Some(at) => {
                let byte = sentence.tokens[at].range.start;
                let start = subject_start(reading, &sentence.tokens, at);
                (
                    start..sentence.range.end,
                    attributor.speaker_in_sentence(index, byte),
                )
            }
            None if reported => match &last {
                Some((before, speaker)) if *before + 1 == index => {
                    (sentence.range.clone(), speaker.clone())
                }
                _ => continue,
            },
            None => continue,
        };
        let span = without_stray_marks(reading.text, span);
        if span.is_empty() {
            continue;
        }
        last = Some((index, speaker.clone()));
        found.push(Suggestion {
            label: CLAIM.to_string(),
            spans: vec![span],
            speaker,
        });
    }
    found
}

/// The token of a claim cue followed by what was said: not by a colon, a
/// quotation mark or the end of the sentence.
fn claim_cue(reading: &Reading, tokens: &[Token]) -> Option<usize> {
    let lexicon = reading.lexicon;
    tokens.iter().enumerate().find_map(|(i, t)| {
        if !t.is_word {
            return None;
        }
        // The longest phrase of the list that starts here: `according to`
        // before `according`.
        let next = lexicon
            .claims
            .starting_with(&t.lower)
            .iter()
            .filter_map(|phrase| {
                let words = phrase.split(' ').skip(1);
                let mut at = i + 1;
                for word in words {
                    if tokens.get(at).is_none_or(|n| n.lower != word) {
                        return None;
                    }
                    at += 1;
                }
                Some(at)
            })
            .max()?;
        let said = tokens.get(next).is_some_and(|n| n.is_word || n.is(","));
        said.then_some(i)
    })
}

/// Where the subject of the cue at `at` starts: back over the words before
/// it to a comma or the start of the sentence.
fn subject_start(reading: &Reading, tokens: &[Token], at: usize) -> usize {
    let lexicon = reading.lexicon;
    let first = tokens[..at]
        .iter()
        .rposition(|t| {
            t.is(",")
                || t.is(";")
                || t.is(":")
                || (t.is_word
                    && lexicon.clause_openers.contains(&t.lower.as_ref())
                    && !t.capitalised)
        })
        .map_or(0, |k| k + 1);
    tokens
        .get(first)
        .map_or(tokens[at].range.start, |t| t.range.start)
}
