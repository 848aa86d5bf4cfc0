//! Which quotations are speech: what someone said or wrote, not the title
//! of a work, a nickname, or a word held at arm's length.
//!
//! - Not speech: a name or title, every word capitalised but small ones
//!   (`"Morning Joe"`, `„Partij voor de Vrijheid“`, a single German word
//!   that is no noun: `„Reuters“`); a title of a work, a word for one right
//!   before it (`the book`, `Film`); a web address; a quotation introduced
//!   as a name (`dubbed`, `so-called`, `known as`); a nickname between two
//!   parts of a name (`Dwayne "The Rock" Johnson`).
//! - Of the rest, a quotation of three words or more is speech; a shorter
//!   one only when a cue of speech stands in its sentences (`called it "a
//!   disgrace"`, `sprach von „Panikverkäufen“`).

use super::frame::{Frame, Item};
use super::language::Language;
use super::reading::Reading;

/// How many words make a quotation speech without a cue near it.
pub const SPEECH_WORDS: usize = 3;

/// Whether quotation `index`, at `target` in `frame`, is speech.
pub fn is_speech(reading: &Reading, frame: &Frame, target: usize, index: usize) -> bool {
    let q = &reading.quotations[index];
    let words: Vec<&str> = q
        .spans
        .iter()
        .flat_map(|s| reading.text[s.clone()].split_whitespace())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.is_empty()
        || is_nickname(frame, target)
        || introduced_as_name(reading, frame, target)
        || is_address(&words)
        || is_proper_name(reading, &words)
        || (words.len() <= WORK_WORDS && names_a_work(reading, frame, target))
    {
        return false;
    }
    words.len() >= SPEECH_WORDS || !frame.cues(reading.language).is_empty()
}

/// How long a title of a work may be, in words.
const WORK_WORDS: usize = 8;

/// Small words a name or title keeps in lower case (`Partij voor de
/// Vrijheid`, `Ode an die Freude`, `Department of Zoology`).
const NAME_PARTICLES: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with", "de", "del", "der",
    "des", "di", "du", "la", "le", "les", "van", "voor", "von", "y", "und", "an", "die", "das",
    "für", "im", "am", "zu", "zum", "zur", "et", "pour", "un", "une", "en", "e", "i",
];

/// Small German words that join nouns (`Totengräber der Demokratie`).
const GERMAN_PARTICLES: &[&str] = &[
    "der", "die", "das", "des", "den", "dem", "für", "und", "im", "am", "zu", "zum", "zur", "an",
    "von", "vom", "mit", "auf", "aus",
];

/// A name or a title: every word capitalised but small ones (`Financial
/// Times`, `Morning Joe`, `Coal Isn't the Villain.`). In German, where
/// every noun is capitalised, a single word must be no noun (`Reuters`, not
/// `Klarstellung`), and words must not read as German, nouns joined by a
/// German article or preposition (`Totengräber der Demokratie`). A single
/// English word is not enough to tell.
fn is_proper_name(reading: &Reading, words: &[&str]) -> bool {
    let capitalised = |w: &&str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    let all = words
        .iter()
        .all(|w| capitalised(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()));
    let first = words.first().is_some_and(capitalised);
    let noun = |w: &&str| {
        reading
            .names
            .is_common_noun(w.trim_matches(|c: char| !c.is_alphanumeric()))
    };
    match (words, reading.language) {
        ([one], Language::German) => first && !noun(one),
        (_, Language::German) => {
            let german = words
                .iter()
                .any(|w| GERMAN_PARTICLES.contains(&w.to_lowercase().as_str()));
            all && first && !(german && words.iter().any(noun))
        }
        ([_], _) => false,
        _ => all && first,
    }
}

/// A web address or a handle (`news.bbc.co.uk`, `@user`): a single word
/// with a dot or an at sign inside.
fn is_address(words: &[&str]) -> bool {
    matches!(words, [one] if {
        let inner = one.trim_matches(|c: char| !c.is_alphanumeric());
        inner.contains('.') || one.starts_with('@')
    })
}

/// `Dwayne "The Rock" Johnson`: a quotation between two capitalised words.
fn is_nickname(frame: &Frame, target: usize) -> bool {
    let capitalised =
        |item: Option<&Item>| item.and_then(Item::word).is_some_and(|w| w.capitalised);
    target > 0
        && capitalised(frame.items.get(target - 1))
        && capitalised(frame.items.get(target + 1))
}

/// Whether a naming word (`dubbed`, `so-called`, `known as`) stands within
/// two words before the quotation.
fn introduced_as_name(reading: &Reading, frame: &Frame, target: usize) -> bool {
    let before = words_before(frame, target, 3);
    reading.lexicon.naming.iter().any(|phrase| {
        let parts: Vec<&str> = phrase.split(' ').collect();
        before.windows(parts.len()).any(|w| w == parts.as_slice())
    })
}

/// Whether a word for a work stands right before the quotation (within
/// two words).
fn names_a_work(reading: &Reading, frame: &Frame, target: usize) -> bool {
    words_before(frame, target, 2)
        .iter()
        .any(|w| reading.lexicon.works.contains(w))
}

/// The lower-case words of up to `n` items before the quotation, nearest
/// last, stopping at another quotation.
fn words_before<'r>(frame: &Frame<'r>, target: usize, n: usize) -> Vec<&'r str> {
    let mut words: Vec<&str> = frame.items[..target]
        .iter()
        .rev()
        .take_while(|i| !i.is_quote())
        .filter_map(Item::word)
        .take(n)
        .map(|w| w.lower.as_ref())
        .collect();
    words.reverse();
    words
}
