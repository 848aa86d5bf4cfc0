//! The frame of a quotation: the sentences around it, with every quotation
//! in them folded into one item, so that the rules read only what the
//! reporter wrote (`"…," he said` is a quotation, a comma, `he`, `said`).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::hash::Fast;
use super::language::{Language, Lexicon};
use super::reading::Reading;
use super::tokens::Token;

/// Dashes that set a source after a quotation (`"…" — X`).
pub const DASHES: &[&str] = &["—", "–", "―", "-"];

/// A token of the frame, or a whole quotation.
#[derive(Debug, Clone)]
pub enum Item<'r> {
    Token(&'r Token<'r>),
    /// Quotation `index` of [`Reading::quotations`], over `range` (marks
    /// included).
    Quote {
        index: usize,
        range: Range<usize>,
    },
}

impl<'r> Item<'r> {
    pub fn token(&self) -> Option<&'r Token<'r>> {
        match self {
            Item::Token(t) => Some(*t),
            Item::Quote { .. } => None,
        }
    }

    pub fn word(&self) -> Option<&'r Token<'r>> {
        self.token().filter(|t| t.is_word)
    }

    pub fn is(&self, punctuation: &str) -> bool {
        self.token().is_some_and(|t| t.is(punctuation))
    }

    pub fn is_quote(&self) -> bool {
        matches!(self, Item::Quote { .. })
    }

    pub fn range(&self) -> Range<usize> {
        match self {
            Item::Token(t) => t.range.clone(),
            Item::Quote { range, .. } => range.clone(),
        }
    }
}

/// Sentences of one paragraph as items.
#[derive(Debug)]
pub struct Frame<'r> {
    pub items: Vec<Item<'r>>,
    /// The sentences it is made of, as indices into [`Reading::sentences`].
    pub sentences: Range<usize>,
}

impl<'r> Frame<'r> {
    /// The sentences `sentences` of a paragraph, with the quotations of
    /// `quoted` (from [`Reading::quoted_in`]) folded.
    pub fn new(
        reading: &'r Reading,
        sentences: Range<usize>,
        quoted: &[(Range<usize>, usize)],
    ) -> Frame<'r> {
        let mut items: Vec<Item> = Vec::new();
        for sentence in &reading.sentences[sentences.clone()] {
            for token in &sentence.tokens {
                match quoted
                    .iter()
                    .find(|(r, _)| r.start <= token.range.start && token.range.end <= r.end)
                {
                    Some((range, index)) => {
                        let already = matches!(items.last(), Some(Item::Quote { index: i, .. }) if i == index);
                        if !already {
                            items.push(Item::Quote {
                                index: *index,
                                range: range.clone(),
                            });
                        }
                    }
                    None => items.push(Item::Token(token)),
                }
            }
        }
        Frame { items, sentences }
    }

    /// The frame of the sentences of `paragraph` that hold quotation `index`.
    pub fn around(reading: &'r Reading, index: usize, paragraph: usize) -> Option<Frame<'r>> {
        let quoted = reading.quoted_in(paragraph);
        let (stretch, _) = quoted.iter().find(|(_, i)| *i == index)?;
        let from = reading.sentence_at(stretch.start);
        let mut to = reading.sentence_at(stretch.end.saturating_sub(1));
        // `"…" ― Name` cut off after the quotation's full stop.
        let next = reading
            .sentences
            .get(to + 1)
            .filter(|s| s.paragraph == paragraph);
        if next.is_some_and(|s| {
            s.tokens
                .first()
                .is_some_and(|t| DASHES.iter().any(|d| t.is(d)))
        }) {
            to += 1;
        }
        Some(Frame::new(reading, from..to + 1, &quoted))
    }

    /// Where quotation `index` is among the items.
    pub fn position_of(&self, index: usize) -> Option<usize> {
        self.items
            .iter()
            .position(|item| matches!(item, Item::Quote { index: i, .. } if *i == index))
    }

    /// The cues of the frame: where each starts, how many items it takes and
    /// what it is.
    pub fn cues(&self, language: Language) -> Vec<Cue> {
        let table = phrases(language);
        let mut found = Vec::new();
        for i in 0..self.items.len() {
            let Some(word) = self.items[i].word() else {
                continue;
            };
            let Some(candidates) = table.get(word.lower.as_ref()) else {
                continue;
            };
            let best = candidates
                .iter()
                .filter_map(|p| self.matches(i, p).map(|len| (len, p.kind)))
                .max_by_key(|(len, _)| *len);
            if let Some((len, kind)) = best {
                found.push(Cue { at: i, len, kind });
            }
        }
        found
    }

    /// How many items phrase `p` takes from item `i`, if it matches there.
    /// A phrase with a gap takes the words before it: the particle of a
    /// German separable verb (`stellte Celebi fest`) comes after the
    /// subject.
    fn matches(&self, i: usize, p: &Phrase) -> Option<usize> {
        let mut at = i;
        for (n, part) in p.words.iter().enumerate() {
            if *part == GAP {
                let next = p.words.get(n + 1)?;
                (at..self.items.len().min(at + 12))
                    .take_while(|&k| !self.items[k].is(".") && !self.items[k].is_quote())
                    .find(|&k| self.items[k].word().is_some_and(|w| w.lower == *next))?;
                return Some(at - i);
            }
            let item = self.items.get(at)?;
            if item.word().is_none_or(|w| w.lower != *part) {
                return None;
            }
            at += 1;
        }
        Some(at - i)
    }
}

/// A speech cue in a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub at: usize,
    pub len: usize,
    pub kind: CueKind,
}

/// What a cue says about where its source is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A verb of speech: its subject is the source (`X said`, `said X`).
    Speech,
    /// The source follows: `according to X`, `laut X`.
    SourceAfter,
    /// The source comes before: `X zufolge`.
    SourceBefore,
}

/// The mark of a gap in a phrase (`fügte … hinzu`).
const GAP: &str = "…";

/// A cue phrase split into words.
#[derive(Debug)]
struct Phrase {
    words: Vec<&'static str>,
    kind: CueKind,
}

/// The cue phrases of `language`, by first word.
fn phrases(language: Language) -> &'static HashMap<&'static str, Vec<Phrase>, Fast> {
    static TABLES: [OnceLock<HashMap<&'static str, Vec<Phrase>, Fast>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match language {
        Language::English => 0,
        Language::German => 1,
        Language::French => 2,
    };
    TABLES[slot].get_or_init(|| table(language.lexicon()))
}

fn table(lexicon: &'static Lexicon) -> HashMap<&'static str, Vec<Phrase>, Fast> {
    let mut table: HashMap<&'static str, Vec<Phrase>, Fast> = HashMap::default();
    let lists = [
        (&lexicon.speech, CueKind::Speech),
        (&lexicon.source_after, CueKind::SourceAfter),
        (&lexicon.source_before, CueKind::SourceBefore),
    ];
    for (list, kind) in lists {
        for phrase in list.iter() {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            if let Some(&first) = words.first() {
                let entry = table.entry(first).or_default();
                // A word in two lists keeps the later, more telling kind.
                entry.retain(|p| p.words != words);
                entry.push(Phrase { words, kind });
            }
        }
    }
    table
}
