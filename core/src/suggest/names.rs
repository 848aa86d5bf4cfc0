//! Names in an article: which capitalised words are names, the runs of them
//! that name someone (`Gavin Williamson`, `Donald J. Trump`), and the full
//! name a shorter mention stands for (`Mr Williamson` is Gavin Williamson).
//!
//! A capitalised word is a name unless a word list says it is not, or the
//! article itself does: in English a word that opens a sentence and also
//! appears in lower case (`However`, `The`); in German, where every noun is
//! capitalised, a word that follows an article somewhere (`der Sprecher`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::language::{Language, Lexicon};
use super::tokens::{Token, is_initials};

/// Particles that stand inside a name (`Ursula von der Leyen`, `Lula da Silva`).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "al", "bin", "ibn", "el",
    "ten", "ter", "zu", "del", "dos", "das", "y", "mac", "st",
];

/// Endings of German nouns that are never names (`Regierung`, `Freiheit`).
const GERMAN_NOUN_ENDINGS: &[&str] = &[
    "ung", "heit", "keit", "schaft", "tion", "ismus", "tät", "nis", "tum", "ment", "enz", "anz",
    "ungen", "heiten", "keiten", "schaften", "tionen", "isten", "innen",
];

/// A run of name words in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// From the first to the last name word, in article bytes.
    pub range: Range<usize>,
    /// The name words in lower case, without a possessive `'s`.
    pub words: Vec<String>,
    /// Feminine (`Some(true)`) or masculine as a form of address says
    /// (`Mrs May`, `Herr Müller`).
    pub feminine: Option<bool>,
    /// Title words right before it, in lower case (`minister`, `senator`).
    pub titles: Vec<String>,
    /// Where a form of address right before it starts (`Mrs` in `Mrs
    /// Grant`).
    pub address: Option<usize>,
}

impl Mention {
    fn surname(&self) -> &str {
        self.words.last().map_or("", String::as_str)
    }

    /// A mention of one word, or of a first name and more: a person's or an
    /// organisation's name in full.
    pub fn is_full(&self) -> bool {
        self.words.len() >= 2
    }
}

/// One way a full name is written (`Gavin Williamson`), and where.
#[derive(Debug)]
struct Form {
    words: Vec<String>,
    /// Indices into [`Names::mentions`], in order.
    mentions: Vec<usize>,
}

/// What the article says about which words are names.
#[derive(Debug)]
pub struct Names {
    language: Language,
    lexicon: &'static Lexicon,
    /// Words seen in lower case, by [`key`].
    lower: HashSet<u64>,
    /// Capitalised words seen right after an article or determiner.
    after_determiner: HashSet<String>,
    /// Every mention, in article order.
    pub mentions: Vec<Mention>,
    /// The full forms (two words or more) each surname is written in,
    /// where a short mention looks for its full name.
    forms: HashMap<String, Vec<Form>>,
    /// The gender a form of address gave some mention of each surname.
    gender: HashMap<String, bool>,
}

impl Names {
    /// Reads the names of an article from the tokens of its sentences.
    pub fn new<'t>(
        language: Language,
        text: &str,
        sentences: impl Iterator<Item = &'t [Token<'t>]> + Clone,
    ) -> Names {
        let lexicon = language.lexicon();
        let mut names = Names {
            language,
            lexicon,
            lower: HashSet::new(),
            after_determiner: HashSet::new(),
            mentions: Vec::new(),
            forms: HashMap::new(),
            gender: HashMap::new(),
        };
        for sentence in sentences.clone() {
            for (i, t) in sentence.iter().enumerate() {
                if !t.is_word {
                    continue;
                }
                if !t.capitalised {
                    names.lower.insert(key(&t.lower));
                } else if i > 0
                    && lexicon
                        .determiners
                        .contains(&sentence[i - 1].lower.as_ref())
                {
                    names.after_determiner.insert(t.lower.to_string());
                }
            }
        }
        for sentence in sentences {
            let found = names.runs(text, sentence);
            names.mentions.extend(found);
        }
        for (i, m) in names.mentions.iter().enumerate() {
            if m.is_full() {
                let forms = names.forms.entry(m.surname().to_string()).or_default();
                match forms.iter_mut().find(|f| f.words == m.words) {
                    Some(form) => form.mentions.push(i),
                    None => forms.push(Form {
                        words: m.words.clone(),
                        mentions: vec![i],
                    }),
                }
            }
            if let Some(feminine) = m.feminine {
                names
                    .gender
                    .entry(m.surname().to_string())
                    .or_insert(feminine);
            }
        }
        names
    }

    /// Whether token `i` of `sentence` is a name word.
    pub fn is_name(&self, sentence: &[Token], i: usize) -> bool {
        let t = &sentence[i];
        if !t.capitalised || (self.is_title(&t.lower) && !self.after_address(sentence, i)) {
            return false;
        }
        let word = plain(&t.lower);
        if self.lexicon.not_names.contains(&word) || word.chars().count() < 2 {
            return false;
        }
        let opens = i == 0 || sentence[..i].iter().all(|t| !t.is_word);
        if opens && self.language == Language::English && word.ends_with("ly") {
            // `Shortly after …`: an adverb opening the sentence.
            return false;
        }
        match self.language {
            Language::German => {
                !self.is_common_noun(word) && (!opens || !self.lower.contains(&key(word)))
            }
            _ => !opens || !self.lower.contains(&key(word)),
        }
    }

    /// Whether token `i` follows a form of address (`Mr. King`, `Frau
    /// Meister`): then it is a name even if it could be a title.
    fn after_address(&self, sentence: &[Token], i: usize) -> bool {
        let mut k = i;
        if k > 0 && sentence[k - 1].is(".") {
            k -= 1;
        }
        k > 0
            && self
                .lexicon
                .address
                .iter()
                .any(|(a, _)| sentence[k - 1].lower == *a)
    }

    /// Whether a German capitalised word is a common noun: written after an
    /// article somewhere in the article, or with a noun's ending.
    pub fn is_common_noun(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.after_determiner.contains(&lower)
            || GERMAN_NOUN_ENDINGS.iter().any(|e| lower.ends_with(e))
            || self.is_title(&lower)
    }

    /// Whether a lower-case word is a title (`minister`, `Außenminister`).
    pub fn is_title(&self, lower: &str) -> bool {
        let word = plain(lower).trim_end_matches('.');
        self.lexicon.titles.contains(&word)
            || self
                .lexicon
                .title_endings
                .iter()
                .any(|e| word.len() > e.len() + 2 && word.ends_with(e))
            || self.lexicon.title_endings.contains(&word)
    }

    /// The runs of name words in one sentence.
    fn runs(&self, text: &str, sentence: &[Token]) -> Vec<Mention> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < sentence.len() {
            if !self.is_name(sentence, i) {
                i += 1;
                continue;
            }
            let (mention, next) = self.run_from(text, sentence, i);
            found.push(mention);
            i = next;
        }
        found
    }

    /// The mention that starts with the name word at `start`, and where the
    /// scan goes on after it.
    pub fn run_from(&self, text: &str, sentence: &[Token], start: usize) -> (Mention, usize) {
        let mut end = start + 1;
        loop {
            // A possessive ends a name: `Trump's RT` is two.
            if possessive_len(text, &sentence[end - 1]) > 0 {
                break;
            }
            let Some(t) = sentence.get(end) else { break };
            if self.is_name(sentence, end) {
                end += 1;
                continue;
            }
            // An initial: `J.` in Donald J. Trump, the full stop of `G.K.`
            // in G.K. Butterfield.
            let initial = t.is_word
                && t.capitalised
                && t.lower.chars().count() == 1
                && sentence.get(end + 1).is_some_and(|d| d.is("."))
                && (end + 2 < sentence.len() && self.is_name(sentence, end + 2));
            if initial {
                end += 2;
                continue;
            }
            let stop = t.is(".")
                && is_initials(&text[sentence[end - 1].range.clone()])
                && end + 1 < sentence.len()
                && self.is_name(sentence, end + 1);
            if stop {
                end += 1;
                continue;
            }
            let particle = t.is_word
                && !t.capitalised
                && PARTICLES.contains(&t.lower.as_ref())
                && (1..=2).any(|k| end + k < sentence.len() && self.is_name(sentence, end + k));
            if particle {
                end += 1;
                continue;
            }
            break;
        }
        let words: Vec<String> = sentence[start..end]
            .iter()
            .filter(|t| t.is_word)
            .map(|t| plain(&t.lower).to_string())
            .collect();
        let mut titles = Vec::new();
        let mut address = None;
        let mut k = start;
        while k > 0 {
            let before = &sentence[k - 1];
            if before.is(".") {
                k -= 1;
                continue;
            }
            if !before.is_word || !self.is_title(&before.lower) {
                break;
            }
            let title = plain(&before.lower).trim_end_matches('.').to_string();
            if address.is_none() && self.lexicon.address.iter().any(|(a, _)| *a == title) {
                address = Some(before.range.start);
            }
            titles.push(title);
            k -= 1;
        }
        let feminine = titles.iter().find_map(|t| {
            self.lexicon
                .address
                .iter()
                .find(|(a, _)| a == t)
                .map(|&(_, f)| f)
        });
        let last = &sentence[end - 1];
        let range = sentence[start].range.start..last.range.end - possessive_len(text, last);
        (
            Mention {
                range,
                words,
                feminine,
                titles,
                address,
            },
            end,
        )
    }

    /// The full name a mention stands for: the nearest mention before it
    /// (else the first after it) that ends with the same name and has more
    /// words, as it is written there; else the mention as written, with its
    /// form of address when it is a surname alone (`Mrs Grant`).
    pub fn full_name<'t>(&self, text: &'t str, mention: &Mention) -> &'t str {
        let at = mention.range.start;
        let longer = |f: &&Form| {
            f.words.len() > mention.words.len() && mention.words.iter().all(|w| f.words.contains(w))
        };
        let mut before: Option<&Mention> = None;
        let mut after: Option<&Mention> = None;
        let forms = self
            .forms
            .get(mention.surname())
            .map_or(&[][..], Vec::as_slice);
        for form in forms.iter().filter(longer) {
            let k = form
                .mentions
                .partition_point(|&i| self.mentions[i].range.start < at);
            if let Some(&i) = k.checked_sub(1).and_then(|k| form.mentions.get(k)) {
                let m = &self.mentions[i];
                if before.is_none_or(|b| b.range.start < m.range.start) {
                    before = Some(m);
                }
            } else if let Some(&i) = form.mentions.first() {
                let m = &self.mentions[i];
                if after.is_none_or(|a| m.range.start < a.range.start) {
                    after = Some(m);
                }
            }
        }
        let chosen = before.or(after).unwrap_or(mention);
        let start = match chosen.address {
            Some(address) if chosen.words.len() == 1 => address,
            _ => chosen.range.start,
        };
        &text[start..chosen.range.end]
    }

    /// The mention that covers `byte`.
    pub fn mention_covering(&self, byte: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.range.start <= byte);
        self.mentions[..i].last().filter(|m| m.range.end > byte)
    }

    /// The nearest mention of someone before `byte`, not before `limit`,
    /// whose gender (where known) fits `feminine`.
    pub fn person_before(
        &self,
        byte: usize,
        limit: usize,
        feminine: Option<bool>,
    ) -> Option<&Mention> {
        self.before(byte, limit)
            .filter(|m| self.is_person(m))
            .find(|m| fits(m.feminine.or_else(|| self.gender_of(m)), feminine))
    }

    /// Whether a mention may be of a person: a full name, or a name with a
    /// form of address, or the surname of a full name mentioned earlier.
    pub fn is_person(&self, m: &Mention) -> bool {
        let full_before = self
            .forms
            .get(m.surname())
            .into_iter()
            .flatten()
            .filter_map(|f| f.mentions.first())
            .any(|&i| self.mentions[i].range.start < m.range.start);
        m.is_full() || m.feminine.is_some() || full_before
    }

    /// The gender a form of address gave any mention of the same surname.
    fn gender_of(&self, m: &Mention) -> Option<bool> {
        self.gender.get(m.surname()).copied()
    }

    /// The mention at `byte`, if a name starts there.
    pub fn mention_at(&self, byte: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.range.start < byte);
        self.mentions.get(i).filter(|m| m.range.start == byte)
    }

    /// The nearest mention before `byte` that a title (`minister`,
    /// `Sprecher`) was written with, looking back to `limit`.
    pub fn titled_before(&self, byte: usize, limit: usize, title: &str) -> Option<&Mention> {
        self.before(byte, limit)
            .find(|m| m.titles.iter().any(|t| t == title || t.ends_with(title)))
    }

    /// The mentions that start before `byte` and not before `limit`,
    /// nearest first.
    fn before(&self, byte: usize, limit: usize) -> impl Iterator<Item = &Mention> {
        let end = self.mentions.partition_point(|m| m.range.start < byte);
        self.mentions[..end]
            .iter()
            .rev()
            .take_while(move |m| m.range.start >= limit)
    }
}

/// A word as a number for the set of lower-case words (FNV-1a): an article
/// has a million words, and keeping a copy of each would cost more than
/// reading them.
fn key(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether a mention's gender fits the one wanted (unknown fits anything).
fn fits(found: Option<bool>, wanted: Option<bool>) -> bool {
    match (found, wanted) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// A word without a possessive `'s` or `’s` (or a bare `'` after an `s`).
fn plain(lower: &str) -> &str {
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(lower)
}

/// How many bytes of possessive end the token.
fn possessive_len(text: &str, token: &Token) -> usize {
    let word = &text[token.range.clone()];
    if word.ends_with("'s") {
        2
    } else if word.ends_with("’s") {
        "’s".len()
    } else {
        0
    }
}
