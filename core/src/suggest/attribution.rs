//! Who said it: the source a cue names, and the full name it stands for.
//!
//! - The cue nearest the quotation in its sentences wins: `"…," X said`,
//!   `"…," said X`, `X said: "…"`, `according to X`, `„…“, so X`, `laut X`,
//!   `X zufolge`, `« … », a déclaré X`, `selon X`. With no cue, `X: "…"`
//!   names X, and a paragraph that only quotes goes on with the speaker of
//!   the paragraphs just before it.
//! - The source before a verb is the phrase that ends there, back to a
//!   comma, a colon or a quotation (`Mr Williamson said`); an apposition
//!   between commas gives way to the name before it (`Asst Comm Basu, the
//!   head of …, said`). English names the source after the verb only right
//!   after a quotation (`"…," said X`); German and French do so whenever no
//!   subject stands before the verb (`Am Montag sagte der Minister`).
//! - A name becomes the fullest form written near it (`Mr Williamson` is
//!   `Gavin Williamson`); a pronoun, the person the sentences before are
//!   about (the first person named in the sentence before, else the last
//!   speaker, else the last person named), of the gender a form of address
//!   gave them where one did; a title (`the minister`, `der Sprecher`), the
//!   last person written with that title, else the phrase as written.

use std::ops::Range;

use super::frame::{Cue, CueKind, DASHES, Frame, Item};
use super::language::Language;
use super::names::Mention;
use super::reading::Reading;

/// Relative pronouns: a clause they open between commas describes the
/// name before it.
const RELATIVES: &[&str] = &["who", "which", "whose", "whom", "qui", "dont"];

/// Auxiliaries: the phrase before a verb of speech does not reach back
/// over one (`Williamson was sacked by May after she said`).
const AUXILIARIES: &[&str] = &[
    "was", "were", "is", "are", "been", "be", "has", "have", "had", "will", "would", "did", "does",
    "ist", "war", "wurde", "wird", "hat", "hatte", "sind", "waren", "est", "était", "a", "ont",
    "avait",
];

/// Words that join clauses without making what follows a complement.
const COORDINATORS: &[&str] = &[
    "and", "but", "or", "und", "aber", "oder", "et", "mais", "ou",
];

/// Object pronouns between a verb and its inverted subject (`so
/// charakterisierte ihn der Funktionär`).
const OBJECTS: &[&str] = &[
    "ihn", "ihm", "ihr", "ihnen", "uns", "mir", "dir", "sich", "him", "them", "us", "me", "lui",
    "leur", "nous",
];

/// How far back (in paragraphs) a pronoun or a continued quotation looks
/// for its speaker.
const LOOK_BACK: usize = 3;

/// What a phrase says about its speaker.
#[derive(Debug, Clone)]
enum Source<'m> {
    Name(&'m Mention),
    Pronoun {
        at: usize,
        feminine: Option<bool>,
    },
    Description {
        text: Range<usize>,
        title: Option<String>,
    },
}

/// Finds speakers, quotation after quotation, remembering the last one.
#[derive(Debug)]
pub struct Attributor<'r, 'a> {
    reading: &'r Reading<'a>,
    /// The last speaker found, and the paragraph of the last piece of what
    /// they said.
    last: Option<(usize, String)>,
}

impl<'r, 'a> Attributor<'r, 'a> {
    pub fn new(reading: &'r Reading<'a>) -> Attributor<'r, 'a> {
        Attributor {
            reading,
            last: None,
        }
    }

    /// Remembers `speaker` as the last one, in `paragraph`.
    pub fn remember(&mut self, paragraph: usize, speaker: &str) {
        self.last = Some((paragraph, speaker.to_string()));
    }

    /// The speaker of quotation `index` of the reading.
    pub fn speaker_of(&mut self, index: usize) -> Option<String> {
        let reading = self.reading;
        let q = &reading.quotations[index];
        let first = reading.sentences[reading.sentence_at(q.opening.start)].paragraph;
        let last_span = q.spans.last().map_or(q.opening.clone(), Clone::clone);
        let last = reading.sentences[reading.sentence_at(last_span.start)].paragraph;
        let mut found = self.in_paragraph(index, first);
        if found.is_none() && last != first {
            found = self.in_paragraph(index, last);
        }
        let found = found
            .or_else(|| self.continued(index, first))
            .or_else(|| self.sentence_before(index, first));
        if let Some(speaker) = &found {
            self.remember(last, speaker);
        }
        found
    }

    /// The speaker that sentence `sentence` names for what it says at
    /// `byte` (a denial, a claim): the source of the cue nearest to it.
    pub fn speaker_in_sentence(&self, sentence: usize, byte: usize) -> Option<String> {
        let reading = self.reading;
        let paragraph = reading.sentences.get(sentence)?.paragraph;
        let frame = Frame::new(
            reading,
            sentence..sentence + 1,
            &reading.quoted_in(paragraph),
        );
        let target = frame
            .items
            .iter()
            .position(|i| i.range().end > byte)
            .unwrap_or(frame.items.len());
        let source = self.cued(&frame, target)?;
        self.resolve(&frame, source)
    }

    /// The speaker that the sentences around quotation `index` in
    /// `paragraph` name.
    fn in_paragraph(&self, index: usize, paragraph: usize) -> Option<String> {
        let frame = Frame::around(self.reading, index, paragraph)?;
        let target = frame.position_of(index)?;
        let source = self
            .cued(&frame, target)
            .or_else(|| self.colon_source(&frame, target))?;
        self.resolve(&frame, source)
    }

    /// The source the cues of `frame` name for the quotation at `target`
    /// (past the end of the items for a quotation in a later sentence):
    /// the nearest cue that names one.
    fn cued(&self, frame: &Frame, target: usize) -> Option<Source<'r>> {
        let language = self.reading.language;
        let mut cues: Vec<Cue> = frame
            .cues(language)
            .into_iter()
            .filter(|c| usable(frame, c, language))
            .collect();
        cues.sort_by_key(|c| {
            (
                quotes_between(frame, c, target),
                distance(c, target),
                c.at < target,
            )
        });
        cues.iter().find_map(|c| self.source_of(frame, c, target))
    }

    /// The speaker of a quotation with no cue in its sentences, that the
    /// sentence before it in its paragraph names (`X sagte, dass … . „…“`).
    fn sentence_before(&self, index: usize, paragraph: usize) -> Option<String> {
        let reading = self.reading;
        let quoted = reading.quoted_in(paragraph);
        let (stretch, _) = quoted.iter().find(|(_, i)| *i == index)?;
        let before = reading.sentence_at(stretch.start).checked_sub(1)?;
        if reading.sentences[before].paragraph != paragraph {
            return None;
        }
        let frame = Frame::new(reading, before..before + 1, &quoted);
        let source = self.cued(&frame, frame.items.len())?;
        self.resolve(&frame, source)
    }

    /// The speaker of a quotation with no cue of its own: whoever spoke
    /// last in its paragraph, or, for one at the head of its paragraph, a
    /// paragraph or two before.
    fn continued(&self, index: usize, paragraph: usize) -> Option<String> {
        let q = &self.reading.quotations[index];
        let (said_in, speaker) = self.last.as_ref()?;
        if *said_in == paragraph {
            return Some(speaker.clone());
        }
        let sentences = self.reading.paragraphs.get(paragraph)?;
        let head = self.reading.sentences.get(sentences.start)?.range.start;
        (q.opening.start == head && paragraph <= said_in + LOOK_BACK).then(|| speaker.clone())
    }

    /// The source cue `cue` names.
    fn source_of<'f>(&self, frame: &'f Frame, cue: &Cue, target: usize) -> Option<Source<'r>> {
        let after = cue.at + cue.len;
        match cue.kind {
            CueKind::SourceAfter => self.phrase_after(frame, after),
            CueKind::SourceBefore => self.phrase_before(frame, cue.at),
            CueKind::Speech => {
                let word = frame.items[cue.at].word()?;
                let opens_clause =
                    cue.at == 0 || frame.items[cue.at - 1].token().is_some_and(|t| !t.is_word);
                let coordinated = cue.at > 0
                    && frame.items[cue.at - 1]
                        .word()
                        .is_some_and(|w| COORDINATORS.contains(&w.lower.as_ref()));
                let english = self.reading.language == Language::English;
                if (english && word.lower.ends_with("ing") && opens_clause) || coordinated {
                    // A participle or a second verb (`and added`) shares the
                    // subject of the sentence.
                    return self.subject_before(frame, cue.at);
                }
                if !english
                    && let Some(Source::Name(m)) = self.phrase_after(frame, after)
                    && self.reading.names.is_person(m)
                {
                    // `Der Zeitung sagte Filep Karma`: a name right after the
                    // verb is its subject.
                    return Some(Source::Name(m));
                }
                let closes_clause = frame
                    .items
                    .get(cue.at + cue.len)
                    .is_none_or(|i| i.is_quote() || i.is(".") || i.is(",") || i.is(":"));
                if self.reading.language == Language::German
                    && closes_clause
                    && cue.at > 0
                    && !frame.items[cue.at - 1].is(",")
                {
                    // A German verb at the end of its clause (`hatte … bekanntgegeben`):
                    // the subject opens the clause.
                    if let Some(subject) = self.subject_before(frame, cue.at) {
                        return Some(subject);
                    }
                }
                let inverted = match self.reading.language {
                    Language::English => {
                        (cue.at > target
                            && frame.items[target + 1..cue.at]
                                .iter()
                                .all(|i| i.token().is_some_and(|t| !t.is_word)))
                            || (opens_clause && word.capitalised)
                    }
                    Language::German | Language::French => !self.has_subject_before(frame, cue.at),
                };
                let after_source = inverted.then(|| self.phrase_after(frame, after)).flatten();
                after_source.or_else(|| self.phrase_before(frame, cue.at))
            }
        }
    }

    /// `X: "…"` and `"…" — X`: a name before a colon right before the
    /// quotation, or after a dash right after it.
    fn colon_source(&self, frame: &Frame, target: usize) -> Option<Source<'r>> {
        let colon = target.checked_sub(1).filter(|&c| frame.items[c].is(":"));
        let dash = Some(target + 1).filter(|&d| {
            frame
                .items
                .get(d)
                .is_some_and(|i| DASHES.iter().any(|p| i.is(p)))
        });
        let source = match (colon, dash) {
            (Some(colon), _) => self.phrase_before(frame, colon),
            (None, Some(dash)) => self.phrase_after(frame, dash + 1),
            (None, None) => None,
        };
        match source? {
            name @ Source::Name(_) => Some(name),
            _ => None,
        }
    }

    /// Whether a subject stands before the verb at `at`: the words back to
    /// the start of its clause make a noun phrase (not `Am Montag`).
    fn has_subject_before(&self, frame: &Frame, at: usize) -> bool {
        let lexicon = self.reading.lexicon;
        match self.phrase_before(frame, at) {
            Some(Source::Name(m)) => self.reading.names.is_person(m),
            Some(Source::Pronoun { .. }) => true,
            Some(Source::Description { text, .. }) => {
                let first = self.reading.text[text]
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                lexicon.determiners.contains(&first.to_lowercase().as_str())
            }
            None => false,
        }
    }

    /// Where the phrase before item `at` ends, past the words that may stand
    /// between a subject and its verb and a parenthesis (`Warren (D-Mass.)`).
    fn skip_back(&self, frame: &Frame, at: usize) -> usize {
        let lexicon = self.reading.lexicon;
        let mut k = at;
        while k > 0 {
            let item = &frame.items[k - 1];
            if item.is(")") {
                match (0..k - 1).rev().find(|&j| frame.items[j].is("(")) {
                    Some(open) => k = open,
                    None => break,
                }
                continue;
            }
            let skippable = item.word().is_some_and(|w| {
                !w.capitalised && lexicon.between_subject_and_verb.contains(&w.lower.as_ref())
            });
            if !skippable {
                break;
            }
            k -= 1;
        }
        k
    }

    /// The source named by the phrase that ends right before item `at`:
    /// the phrase back to a comma, a clause opener or a verb; when that is
    /// an apposition or a relative clause between commas (`X, the head of
    /// Y, said`, `X, who …, said`, `X, 82, told me`), the name that ends the
    /// phrase before it.
    fn phrase_before(&self, frame: &Frame, at: usize) -> Option<Source<'r>> {
        let mut end = self.skip_back(frame, at);
        let mut nearest = None;
        let mut after_relative = false;
        for round in 0..4 {
            let start = self.phrase_start(frame, end);
            let source = self.source_in(frame, start..end);
            let last_name = end
                .checked_sub(1)
                .filter(|&k| k >= start)
                .and_then(|k| frame.items[k].word())
                .and_then(|w| self.reading.names.mention_covering(w.range.start));
            match source {
                Some(Source::Pronoun { .. } | Source::Name(_)) if round == 0 => return source,
                // A relative clause is about the name right before it, even
                // in a complement (`her treatment of Mr X, who insists`).
                _ if after_relative && last_name.is_some() => return last_name.map(Source::Name),
                // An apposition gives way to a name before it that ends
                // its own phrase (`Judith Moss, the head of …, said`).
                Some(Source::Name(m)) if last_name == Some(m) => return source,
                Some(other) if nearest.is_none() => nearest = Some(other),
                _ => {}
            }
            // Back over an apposition or a relative clause to the comma
            // before it.
            let stop = start.checked_sub(1).map(|k| &frame.items[k]);
            after_relative = stop.is_some_and(|item| {
                item.word()
                    .is_some_and(|w| RELATIVES.contains(&w.lower.as_ref()))
            });
            end = match stop {
                Some(item) if item.is(",") => start - 1,
                Some(_) if after_relative => {
                    let comma = (0..start - 1)
                        .rev()
                        .take_while(|&k| !frame.items[k].is_quote())
                        .find(|&k| frame.items[k].is(","));
                    match comma {
                        Some(comma) => comma,
                        None => break,
                    }
                }
                _ => break,
            };
        }
        nearest
    }

    /// Where the phrase that ends before item `end` starts: back over words
    /// and abbreviations' full stops, up to a clause opener, an auxiliary or
    /// a verb of speech.
    fn phrase_start(&self, frame: &Frame, end: usize) -> usize {
        let lexicon = self.reading.lexicon;
        let stops = |item: &Item| {
            item.word().is_some_and(|w| {
                let lower = w.lower.as_ref();
                !w.capitalised
                    && !lexicon.determiners.contains(&lower)
                    && (lexicon.clause_openers.contains(&lower)
                        || AUXILIARIES.contains(&lower)
                        || lexicon.speech.contains(&lower))
            })
        };
        (0..end)
            .rev()
            .take_while(|&k| is_phrase_item(&frame.items[k]) && !stops(&frame.items[k]))
            .last()
            .unwrap_or(end)
    }

    /// The subject of the sentence a participle hangs on (`Trump attacked
    /// Clinton, saying "…"`): the first name or pronoun of the frame that is
    /// not in a complement, before item `at`.
    fn subject_before(&self, frame: &Frame, at: usize) -> Option<Source<'r>> {
        let lexicon = self.reading.lexicon;
        let mut in_complement = false;
        for item in &frame.items[..at] {
            let Some(t) = item.token() else {
                in_complement = false;
                continue;
            };
            if t.is(",") {
                in_complement = false;
                continue;
            }
            if !t.is_word {
                continue;
            }
            let joins = COORDINATORS.contains(&t.lower.as_ref());
            let article = lexicon.determiners.contains(&t.lower.as_ref());
            if !joins
                && !article
                && (lexicon.prepositions.contains(&t.lower.as_ref())
                    || lexicon.clause_openers.contains(&t.lower.as_ref()))
            {
                in_complement = true;
                continue;
            }
            if in_complement || joins {
                continue;
            }
            if let Some(m) = self.reading.names.mention_at(t.range.start) {
                return Some(Source::Name(m));
            }
            if let Some(&(_, feminine)) = lexicon.pronouns.iter().find(|(p, _)| *p == t.lower) {
                return Some(Source::Pronoun {
                    at: t.range.start,
                    feminine,
                });
            }
            if lexicon.determiners.contains(&t.lower.as_ref()) {
                return self.described_from(frame, t.range.start);
            }
        }
        None
    }

    /// The phrase that a determiner at `start` opens, as a subject: the
    /// name it leads to (`Der GdP-Vorsitzende Konrad Freiberg`), else up to
    /// its last title word (`the prime minister`), else the determiner and
    /// one word.
    fn described_from(&self, frame: &Frame, start: usize) -> Option<Source<'r>> {
        let names = &self.reading.names;
        let lexicon = self.reading.lexicon;
        let at = frame.items.iter().position(|i| i.range().start == start)?;
        let words: Vec<_> = frame.items[at..]
            .iter()
            .map_while(Item::word)
            .take(5)
            .collect();
        let named = words
            .iter()
            .skip(1)
            .take_while(|w| !lexicon.prepositions.contains(&w.lower.as_ref()))
            .find_map(|w| names.mention_at(w.range.start));
        if let Some(m) = named {
            return Some(Source::Name(m));
        }
        let last_title = words.iter().rposition(|w| names.is_title(&w.lower));
        let end = words.get(last_title.unwrap_or(1).min(words.len().saturating_sub(1)))?;
        Some(Source::Description {
            text: start..end.range.end,
            title: last_title.map(|i| words[i].lower.to_string()),
        })
    }

    /// The source named by the phrase right after item `at`.
    fn phrase_after(&self, frame: &Frame, at: usize) -> Option<Source<'r>> {
        let lexicon = self.reading.lexicon;
        let mut start = at;
        while frame.items.get(start).is_some_and(|i| {
            i.is(",")
                || i.is("-")
                || i.word()
                    .is_some_and(|w| w.lower == "t" || OBJECTS.contains(&w.lower.as_ref()))
        }) {
            start += 1;
        }
        let mut end = start;
        while let Some(item) = frame.items.get(end) {
            let Some(t) = item.token() else { break };
            let abbreviation = t.is(".")
                && end > start
                && frame.items[end - 1]
                    .word()
                    .is_some_and(|w| w.capitalised && w.lower.chars().count() <= 4);
            if !(t.is_word || abbreviation) {
                break;
            }
            // The phrase ends where a complement or a verb begins.
            if end > start
                && !t.capitalised
                && (lexicon.prepositions.contains(&t.lower.as_ref())
                    || lexicon.speech.contains(&t.lower.as_ref())
                    || lexicon.clause_openers.contains(&t.lower.as_ref()))
            {
                break;
            }
            end += 1;
        }
        self.source_in(frame, start..end)
    }

    /// What the items `range` of the frame name.
    fn source_in(&self, frame: &Frame, range: Range<usize>) -> Option<Source<'r>> {
        let lexicon = self.reading.lexicon;
        let items = frame.items.get(range.clone())?;
        let words: Vec<_> = items.iter().filter_map(Item::word).collect();
        let first = words.first()?;
        let last = words.last()?;
        // A pronoun right before the verb is its subject (`Later she said`).
        if let Some(&(_, feminine)) = lexicon.pronouns.iter().find(|(p, _)| *p == last.lower) {
            return Some(Source::Pronoun {
                at: last.range.start,
                feminine,
            });
        }
        // The last name not in a complement (`the head of X` names no one;
        // `der` opening the phrase is its article, not a genitive).
        let mut in_complement = false;
        let mut name = None;
        for (i, w) in words.iter().enumerate() {
            let article = i == 0 && lexicon.determiners.contains(&w.lower.as_ref());
            if !w.capitalised && !article && lexicon.prepositions.contains(&w.lower.as_ref()) {
                in_complement = true;
            }
            if let Some(m) = self.reading.names.mention_at(w.range.start)
                && !in_complement
            {
                name = Some(m);
            }
        }
        if let Some(m) = name {
            return Some(Source::Name(m));
        }
        let head = words
            .iter()
            .position(|w| lexicon.prepositions.contains(&w.lower.as_ref()))
            .unwrap_or(words.len());
        let title = words[..head]
            .iter()
            .rev()
            .find(|w| self.reading.names.is_title(&w.lower))
            .map(|w| w.lower.to_string());
        let described = first.capitalised
            || lexicon.determiners.contains(&first.lower.as_ref())
            || title.is_some();
        let end = words.last()?.range.end;
        described.then_some(Source::Description {
            text: first.range.start..end,
            title,
        })
    }

    /// The speaker a source stands for.
    fn resolve(&self, frame: &Frame, source: Source) -> Option<String> {
        let reading = self.reading;
        let names = &reading.names;
        let text = reading.text;
        match source {
            Source::Name(m) => Some(names.full_name(text, m).to_string()),
            Source::Pronoun { at, feminine } => self.person_for_pronoun(frame, at, feminine),
            Source::Description { text: range, title } => {
                let limit = self.paragraph_start(frame, LOOK_BACK * 2);
                let Some(title) = title else {
                    return Some(text[range].to_string());
                };
                // The last one written with that title, else the one the
                // sentence before is about.
                let titled = names
                    .titled_before(range.start, limit, &title)
                    .or_else(|| self.subject_of_sentence_before(frame, None));
                Some(match titled {
                    Some(m) => names.full_name(text, m).to_string(),
                    None => text[range].to_string(),
                })
            }
        }
    }

    /// Who a pronoun at `at` stands for.
    fn person_for_pronoun(
        &self,
        frame: &Frame,
        at: usize,
        feminine: Option<bool>,
    ) -> Option<String> {
        let reading = self.reading;
        let names = &reading.names;
        let text = reading.text;
        let frame_start = frame.items.first().map_or(at, |i| i.range().start);
        if let Some(m) = names.person_before(at, frame_start, feminine) {
            return Some(names.full_name(text, m).to_string());
        }
        let paragraph = reading.sentences[frame.sentences.start].paragraph;
        let last_within = |back: usize| {
            self.last
                .as_ref()
                .filter(|(said_in, _)| paragraph <= said_in + back)
                .map(|(_, speaker)| speaker.clone())
        };
        if let Some(speaker) = last_within(1) {
            return Some(speaker);
        }
        if let Some(m) = self.subject_of_sentence_before(frame, feminine) {
            return Some(names.full_name(text, m).to_string());
        }
        if let Some(speaker) = last_within(LOOK_BACK) {
            return Some(speaker);
        }
        let limit = self.paragraph_start(frame, LOOK_BACK);
        names
            .person_before(frame_start, limit, feminine)
            .map(|m| names.full_name(text, m).to_string())
    }

    /// The first person named in the sentence before the frame, of the
    /// gender wanted where known.
    fn subject_of_sentence_before(
        &self,
        frame: &Frame,
        feminine: Option<bool>,
    ) -> Option<&'r Mention> {
        let reading = self.reading;
        let names = &reading.names;
        let sentence = &reading.sentences[frame.sentences.start.checked_sub(1)?];
        let first = names
            .mentions
            .partition_point(|m| m.range.start < sentence.range.start);
        names.mentions[first..]
            .iter()
            .take_while(|m| m.range.start < sentence.range.end)
            .find(|m| {
                names
                    .person_before(m.range.end, m.range.start, feminine)
                    .is_some()
            })
    }

    /// Where the paragraph `back` paragraphs before the frame's starts.
    fn paragraph_start(&self, frame: &Frame, back: usize) -> usize {
        let reading = self.reading;
        let paragraph = reading.sentences[frame.sentences.start].paragraph;
        let first = paragraph.saturating_sub(back);
        reading
            .paragraphs
            .get(first)
            .and_then(|s| reading.sentences.get(s.start))
            .map_or(0, |s| s.range.start)
    }
}

/// Whether a cue can name a source: German `so` does only right after a
/// quotation (`„…“, so X`).
fn usable(frame: &Frame, cue: &Cue, language: Language) -> bool {
    let so =
        language == Language::German && frame.items[cue.at].word().is_some_and(|w| w.lower == "so");
    let after_quote = frame.items[..cue.at]
        .iter()
        .rev()
        .find(|i| !i.is(","))
        .is_some_and(Item::is_quote);
    !so || after_quote
}

/// How many other quotations stand between a cue and the quotation at
/// `target`: a cue next to another quotation is more likely that one's.
fn quotes_between(frame: &Frame, cue: &Cue, target: usize) -> usize {
    let between = if cue.at > target {
        target + 1..cue.at
    } else {
        (cue.at + cue.len).min(target)..target
    };
    frame.items[between].iter().filter(|i| i.is_quote()).count()
}

/// How many items lie between a cue and the quotation.
fn distance(cue: &Cue, target: usize) -> usize {
    if cue.at > target {
        cue.at - target
    } else {
        target.saturating_sub(cue.at + cue.len - 1)
    }
}

/// Whether an item can be part of a noun phrase walked back over: a word,
/// an abbreviation's full stop, an ampersand.
fn is_phrase_item(item: &Item) -> bool {
    item.token()
        .is_some_and(|t| t.is_word || t.is(".") || t.is("&") || t.is("'") || t.is("’"))
}
