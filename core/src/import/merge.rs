//! Checking imported annotations against the article and adding them.
//!
//! An annotation is added only when every one of its spans fits the article:
//! inside the text, on grapheme-cluster boundaries, and holding the text the
//! file recorded for it. One that does not fit is refused whole (a quote
//! missing one of its parts would be a different quote) and each bad span is
//! reported with its line. One whose label and spans are already in the set
//! is not added again, so importing a file twice adds nothing the second time.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::units::{Count, byte_offsets};
use super::{Document, Incoming, IncomingSpan, Offsets};
use crate::annotation::{Annotation, AnnotationSet, Origin, Status};
use crate::article::{Article, graphemes, spans};

/// How many chars of a text a message quotes.
const QUOTED_CHARS: usize = 60;

/// Label renames (`--map PER=quote`); a label not in the map is kept as is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelMap(HashMap<String, String>);

impl LabelMap {
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> LabelMap {
        LabelMap(pairs.into_iter().collect())
    }

    /// The label `label` becomes.
    pub fn apply(&self, label: &str) -> String {
        self.0
            .get(label)
            .cloned()
            .unwrap_or_else(|| label.to_string())
    }
}

/// What an import records in each new annotation.
#[derive(Debug, Clone)]
pub struct Stamp<'a> {
    pub labels: &'a LabelMap,
    /// The author of annotations whose file does not name one.
    pub author: &'a str,
    /// RFC 3339, UTC.
    pub now: &'a str,
    /// `Imported`, or `Suggested` for what an outside suggester proposes.
    pub origin: Origin,
}

/// A span (or a whole annotation) that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: usize,
    pub message: String,
}

/// What merging one document did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// Ids of the annotations added, in the document's order.
    pub added: Vec<u64>,
    /// Annotations not added because one with the same label and spans was
    /// already there (or came earlier in the same file).
    pub already_there: usize,
    /// Annotations not added because a span did not fit.
    pub refused: usize,
    pub refusals: Vec<Refusal>,
}

/// Adds the annotations of `document` that fit `article` to `set`, as
/// pending, with the stamp's origin, and ids from [`AnnotationSet::next_id`] (reserve the
/// ids of detached records first).
pub fn merge(
    article: &Article,
    set: &mut AnnotationSet,
    document: &Document,
    stamp: &Stamp,
) -> Merged {
    let locator = Locator::new(article, document, set);
    let mut present: HashSet<(String, Vec<Range<usize>>)> = set
        .iter()
        .map(|a| (a.label.clone(), a.spans.clone()))
        .collect();
    let mut merged = Merged::default();
    for incoming in &document.annotations {
        let spans = match locator.annotation(incoming) {
            Ok(spans) => spans,
            Err(refusals) => {
                merged.refused += 1;
                merged.refusals.extend(refusals);
                continue;
            }
        };
        let label = stamp.labels.apply(&incoming.label);
        if !present.insert((label.clone(), spans.clone())) {
            merged.already_there += 1;
            continue;
        }
        let id = set.next_id();
        set.insert(Annotation {
            id,
            label,
            spans,
            speaker: incoming.speaker.clone(),
            note: incoming.note.clone(),
            status: Status::Pending,
            origin: stamp.origin,
            author: incoming
                .author
                .clone()
                .unwrap_or_else(|| stamp.author.to_string()),
            created: stamp.now.to_string(),
            modified: stamp.now.to_string(),
        });
        merged.added.push(id);
    }
    merged
}

/// Finds a document's spans in the article.
struct Locator<'a> {
    article: &'a Article,
    document: &'a Document,
    /// What the document's offsets may count, the usual first.
    counts: &'static [Count],
    /// 1 when the document's offsets count a BOM the article does not.
    shift: usize,
    /// For each count but chars, the byte in the article of each offset the
    /// document uses.
    bytes: Bytes,
    /// When the document carries a text other than the article's: that text,
    /// and for each count the byte in it of each offset the document uses.
    own_text: Option<(&'a str, Bytes)>,
    /// For doccano's own files: the count that the spans which tell (where
    /// only one reading lies on word edges) agree on, if they do.
    settled: Option<Count>,
    /// When the offsets may count more than one way: every span the
    /// article's annotations have already (a span sayso wrote, come back).
    known: HashSet<Range<usize>>,
}

/// For each count, the byte of each offset in a text.
type Bytes = HashMap<Count, HashMap<usize, usize>>;

/// What offsets of `offsets` may count, the usual first.
fn counts(offsets: Offsets) -> &'static [Count] {
    match offsets {
        Offsets::Chars => &[Count::Chars],
        Offsets::Utf16 => &[Count::Utf16],
        Offsets::Graphemes => &[Count::Graphemes],
        Offsets::CharsOrUtf16 => &[Count::Chars, Count::Utf16],
        Offsets::Doccano => &[Count::Utf16, Count::Graphemes],
        Offsets::SaysoThroughDoccano => &[Count::Chars, Count::Utf16, Count::Graphemes],
    }
}

impl<'a> Locator<'a> {
    fn new(article: &'a Article, document: &'a Document, set: &AnnotationSet) -> Locator<'a> {
        let shift = usize::from(document.counts_bom);
        let offsets: Vec<usize> = document
            .annotations
            .iter()
            .flat_map(|a| &a.spans)
            .flat_map(|s| [s.start, s.end])
            .collect();
        let counts = counts(document.offsets);
        let shifted: Vec<usize> = offsets.iter().map(|o| o.saturating_sub(shift)).collect();
        let bytes = counts
            .iter()
            .filter(|&&c| c != Count::Chars)
            .map(|&c| (c, found(article.text(), c, &shifted)))
            .collect();
        let own_text = document
            .text
            .as_deref()
            .filter(|text| text.strip_prefix('\u{feff}').unwrap_or(text) != article.text())
            .map(|text| {
                let maps = counts
                    .iter()
                    .map(|&c| (c, found(text, c, &offsets)))
                    .collect();
                (text, maps)
            });
        let known = if counts.len() > 1 {
            set.iter().flat_map(|a| a.spans.iter().cloned()).collect()
        } else {
            HashSet::new()
        };
        let mut locator = Locator {
            article,
            document,
            counts,
            shift,
            bytes,
            own_text,
            settled: None,
            known,
        };
        if document.offsets == Offsets::Doccano {
            locator.settled = locator.settle();
        }
        locator
    }

    /// The count that every span of the document which tells agrees on: a
    /// span tells when its readings differ and only one lies on word edges.
    fn settle(&self) -> Option<Count> {
        let mut votes = self
            .document
            .annotations
            .iter()
            .flat_map(|a| &a.spans)
            .filter_map(|span| match &self.plausible(span)[..] {
                [(count, _)] => Some(*count),
                _ => None,
            });
        let first = votes.next()?;
        votes.all(|c| c == first).then_some(first)
    }

    /// The byte spans of `incoming`, sorted, trimmed of white space; or why
    /// they do not fit.
    fn annotation(&self, incoming: &Incoming) -> Result<Vec<Range<usize>>, Vec<Refusal>> {
        if let Some(why) = &incoming.refused {
            return Err(vec![refusal(incoming, why.clone())]);
        }
        let mut ranges = Vec::with_capacity(incoming.spans.len());
        let mut refusals = Vec::new();
        let mut seen = HashSet::new();
        for span in &incoming.spans {
            // A joined annotation's lines each repeat the others' spans.
            if !seen.insert((span.start, span.end)) {
                continue;
            }
            match self.span(span) {
                Ok(range) => ranges.push(range),
                Err(message) => refusals.push(Refusal {
                    line: span.line,
                    message,
                }),
            }
        }
        if incoming.spans.is_empty() {
            refusals.push(refusal(incoming, "the annotation has no span".into()));
        }
        if !refusals.is_empty() {
            return Err(refusals);
        }
        if let Some(joined) = &incoming.joined_text {
            self.check_joined(&ranges, joined)
                .map_err(|message| vec![refusal(incoming, message)])?;
        }
        let text = self.article.text();
        let mut trimmed = Vec::with_capacity(ranges.len());
        for range in ranges {
            match spans::clean(text, range.clone()) {
                Some(range) => trimmed.push(range),
                None => {
                    let message = format!("span {} holds only white space", self.chars(&range));
                    return Err(vec![refusal(incoming, message)]);
                }
            }
        }
        trimmed.sort_by_key(|r| (r.start, r.end));
        trimmed.dedup();
        if trimmed.windows(2).any(|pair| pair[0].end > pair[1].start) {
            let message = "its spans overlap each other; give each part of the text once".into();
            return Err(vec![refusal(incoming, message)]);
        }
        Ok(trimmed)
    }

    /// The byte range of one span when it fits the article.
    fn span(&self, span: &IncomingSpan) -> Result<Range<usize>, String> {
        let (start, end) = (span.start, span.end);
        if start >= end {
            return Err(format!(
                "span {start}..{end} is empty or ends before it starts"
            ));
        }
        let (count, range) = match self.counts {
            [count] => (*count, self.read(*count, start, end)?),
            _ => self.decide(span)?,
        };
        let expected = span
            .text
            .clone()
            .or_else(|| self.own_slice(count, start, end));
        let text = self.article.text();
        let found = &text[range.clone()];
        if let Some(expected) = expected
            && found != expected
        {
            return Err(format!(
                "span {start}..{end} should read {} but the article has {} there",
                quoted(&expected),
                quoted(found)
            ));
        }
        for (edge, byte) in [("starts", range.start), ("ends", range.end)] {
            if !graphemes::is_boundary(text, byte) {
                return Err(format!(
                    "span {start}..{end} {edge} inside {}, which is one character on screen (an emoji sequence, a flag, a letter with its accents or a CRLF cannot be split)",
                    quoted(cluster_at(text, byte))
                ));
            }
        }
        Ok(range)
    }

    /// The count and range of a span whose count the file does not say:
    /// the reading that gives it the text the file recorded; without one,
    /// the reading that is a span the article's annotations have already;
    /// else the only reading that lies on word edges (a span drawn by hand
    /// starts and ends between words, a misread one mostly inside them),
    /// or the only one of those without white space at its ends, or the
    /// one the document's other spans settled on. Refused, with what each
    /// reading gives, when more than one fits or none does: a span is never
    /// imported on a guess.
    fn decide(&self, span: &IncomingSpan) -> Result<(Count, Range<usize>), String> {
        let (start, end) = (span.start, span.end);
        let usual = self.counts[0];
        let valid = self.valid(span);
        let Some((_, first)) = valid.first() else {
            return Ok((usual, self.read(usual, start, end)?));
        };
        if valid.iter().all(|(_, r)| r == first) {
            return Ok(valid[0].clone());
        }
        let expected = |count: Count| {
            span.text
                .clone()
                .or_else(|| self.own_slice(count, start, end))
        };
        if self.counts.iter().any(|&c| expected(c).is_some()) {
            let text = self.article.text();
            return match valid
                .iter()
                .find(|(c, r)| expected(*c).is_some_and(|e| text[r.clone()] == e))
            {
                Some(holds) => Ok(holds.clone()),
                None => Ok((usual, self.read(usual, start, end)?)),
            };
        }
        if let [known] = &valid
            .iter()
            .filter(|(_, r)| self.known.contains(r))
            .collect::<Vec<_>>()[..]
        {
            return Ok((*known).clone());
        }
        let plausible = self.plausible(span);
        let text = self.article.text();
        let tight: Vec<(Count, Range<usize>)> = plausible
            .iter()
            .filter(|(_, r)| text[r.clone()].trim() == &text[r.clone()])
            .cloned()
            .collect();
        let settled = plausible.iter().find(|(c, _)| Some(*c) == self.settled);
        match (&plausible[..], &tight[..], settled) {
            ([one], _, _) | (_, [one], _) | (_, _, Some(one)) => Ok(one.clone()),
            ([], _, None) => Err(format!(
                "span {start}..{end} falls inside words however it is counted ({}); check the file, or say what it counts with --offsets",
                self.readings(&valid)
            )),
            _ => Err(format!(
                "span {start}..{end} reads {}: the file does not say which it counts; import again with --offsets {}",
                self.readings(&plausible),
                plausible
                    .iter()
                    .map(|(c, _)| count_flag(*c))
                    .collect::<Vec<_>>()
                    .join(" or --offsets ")
            )),
        }
    }

    /// The readings of `span` in each count that fall on grapheme
    /// boundaries inside the article, one per distinct range.
    fn valid(&self, span: &IncomingSpan) -> Vec<(Count, Range<usize>)> {
        let text = self.article.text();
        let mut valid: Vec<(Count, Range<usize>)> = Vec::new();
        for &count in self.counts {
            let Ok(range) = self.read(count, span.start, span.end) else {
                continue;
            };
            let whole = graphemes::is_boundary(text, range.start)
                && graphemes::is_boundary(text, range.end);
            if whole && !valid.iter().any(|(_, r)| *r == range) {
                valid.push((count, range));
            }
        }
        valid
    }

    /// The distinct readings of `span` that lie on word edges, when its
    /// readings differ (none when they agree: the span tells nothing).
    fn plausible(&self, span: &IncomingSpan) -> Vec<(Count, Range<usize>)> {
        let valid = self.valid(span);
        if valid.len() < 2 {
            return Vec::new();
        }
        let text = self.article.text();
        valid
            .into_iter()
            .filter(|(_, r)| !inside_a_word(text, r.start) && !inside_a_word(text, r.end))
            .collect()
    }

    /// "“she said” counted in UTF-16 code units, “aïve rés” in chars".
    fn readings(&self, readings: &[(Count, Range<usize>)]) -> String {
        readings
            .iter()
            .map(|(c, r)| {
                format!(
                    "{} counted in {}",
                    quoted(&self.article.text()[r.clone()]),
                    count_name(*c)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The byte range of `start..end` counted in `count`.
    fn read(&self, count: Count, start: usize, end: usize) -> Result<Range<usize>, String> {
        match count {
            Count::Chars => self.by_chars(start, end),
            Count::Utf16 | Count::Graphemes => self.by_units(count, start, end),
        }
    }

    fn by_chars(&self, start: usize, end: usize) -> Result<Range<usize>, String> {
        let (s, e) = self.unshift(start, end)?;
        let past = || self.past_end(Count::Chars, start, end);
        let s = self.article.byte_offset(s).ok_or_else(past)?;
        let e = self.article.byte_offset(e).ok_or_else(past)?;
        Ok(s..e)
    }

    fn by_units(&self, count: Count, start: usize, end: usize) -> Result<Range<usize>, String> {
        let (s, e) = self.unshift(start, end)?;
        let bytes = self.bytes.get(&count);
        let byte = |offset: usize| match bytes.and_then(|b| b.get(&offset)) {
            Some(&byte) => Ok(byte),
            None if count == Count::Graphemes || offset > self.units(count) => {
                Err(self.past_end(count, start, end))
            }
            None => Err(format!(
                "span {start}..{end} has an offset ({}) between the two halves of a character counted as two UTF-16 code units",
                offset + self.shift
            )),
        };
        Ok(byte(s)?..byte(e)?)
    }

    /// How many `count` units the article has.
    fn units(&self, count: Count) -> usize {
        let text = self.article.text();
        match count {
            Count::Chars => self.article.char_len(),
            Count::Utf16 => text.encode_utf16().count(),
            Count::Graphemes => {
                unicode_segmentation::UnicodeSegmentation::graphemes(text, true).count()
            }
        }
    }

    /// Offsets as the article counts them, without a BOM the file counted.
    fn unshift(&self, start: usize, end: usize) -> Result<(usize, usize), String> {
        if start < self.shift {
            return Err(format!(
                "span {start}..{end} starts on the byte-order mark at the head of the text"
            ));
        }
        Ok((start - self.shift, end - self.shift))
    }

    fn past_end(&self, count: Count, start: usize, end: usize) -> String {
        let length = format!("{} {}", self.units(count), count_name(count))
            + if self.shift > 0 { " after its BOM" } else { "" };
        format!("span {start}..{end} ends past the end of the article ({length})")
    }

    /// The text at `start..end`, counted in `count`, of the document's own
    /// text, when it has one that differs from the article's.
    fn own_slice(&self, count: Count, start: usize, end: usize) -> Option<String> {
        let (text, maps) = self.own_text.as_ref()?;
        let bytes = maps.get(&count)?;
        let (s, e) = (*bytes.get(&start)?, *bytes.get(&end)?);
        text.get(s..e).map(str::to_string)
    }

    /// Checks brat's text of a whole annotation: the fragments' texts joined
    /// by a space, with a line break or tab of the article as a space (an
    /// `.ann` line cannot hold one).
    fn check_joined(&self, ranges: &[Range<usize>], joined: &str) -> Result<(), String> {
        let text = self.article.text();
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        let found = found.join(" ");
        let same = found.chars().count() == joined.chars().count()
            && found
                .chars()
                .zip(joined.chars())
                .all(|(f, j)| f == j || (j == ' ' && matches!(f, '\n' | '\r' | '\t')));
        if same {
            return Ok(());
        }
        let offsets: Vec<String> = ranges.iter().map(|r| self.chars(r)).collect();
        Err(format!(
            "span {} should read {} but the article has {} there",
            offsets.join(";"),
            quoted(joined),
            quoted(&found)
        ))
    }

    /// `range` as `start..end` in the article's chars.
    fn chars(&self, range: &Range<usize>) -> String {
        format!(
            "{}..{}",
            self.article.char_offset(range.start),
            self.article.char_offset(range.end)
        )
    }
}

/// The bytes of `offsets` in `text`, keyed by offset; those that fall nowhere are left out.
fn found(text: &str, count: Count, offsets: &[usize]) -> HashMap<usize, usize> {
    offsets
        .iter()
        .zip(byte_offsets(text, count, offsets))
        .filter_map(|(&offset, byte)| Some((offset, byte?)))
        .collect()
}

fn refusal(incoming: &Incoming, message: String) -> Refusal {
    Refusal {
        line: incoming.line,
        message,
    }
}

/// Whether `byte` falls between two letters or digits of one word.
fn inside_a_word(text: &str, byte: usize) -> bool {
    let before = text[..byte].chars().next_back();
    let after = text[byte..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if b.is_alphanumeric() && a.is_alphanumeric())
}

/// What `count` counts, in words.
fn count_name(count: Count) -> &'static str {
    match count {
        Count::Chars => "chars",
        Count::Utf16 => "UTF-16 code units",
        Count::Graphemes => "grapheme clusters",
    }
}

/// The `--offsets` value of `count`.
fn count_flag(count: Count) -> &'static str {
    match count {
        Count::Chars => Offsets::Chars.name(),
        Count::Utf16 => Offsets::Utf16.name(),
        Count::Graphemes => Offsets::Graphemes.name(),
    }
}

/// The grapheme cluster that holds `byte`.
fn cluster_at(text: &str, byte: usize) -> &str {
    let start = graphemes::floor_boundary(text, byte);
    let end = graphemes::next_boundary(text, start);
    &text[start..end]
}

/// `text` in double quotes with escapes, cut to [`QUOTED_CHARS`] chars.
fn quoted(text: &str) -> String {
    let cut: String = text.chars().take(QUOTED_CHARS).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("{cut:?}{more}")
}
