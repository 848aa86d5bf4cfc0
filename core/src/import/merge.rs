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
    let locator = Locator::new(article, document);
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
    /// 1 when the document's offsets count a BOM the article does not.
    shift: usize,
    /// The byte in the article of each UTF-16 offset the document uses.
    utf16: HashMap<usize, usize>,
    /// When the document carries a text other than the article's: that text,
    /// and the byte in it of each offset the document uses.
    own_text: Option<(&'a str, HashMap<usize, usize>)>,
}

impl<'a> Locator<'a> {
    fn new(article: &'a Article, document: &'a Document) -> Locator<'a> {
        let shift = usize::from(document.counts_bom);
        let offsets: Vec<usize> = document
            .annotations
            .iter()
            .flat_map(|a| &a.spans)
            .flat_map(|s| [s.start, s.end])
            .collect();
        let utf16 = match document.offsets {
            Offsets::Chars => HashMap::new(),
            Offsets::Utf16 | Offsets::CharsOrUtf16 => {
                let shifted: Vec<usize> = offsets.iter().map(|o| o.saturating_sub(shift)).collect();
                found(article.text(), Count::Utf16, &shifted)
            }
        };
        let own_text = document
            .text
            .as_deref()
            .filter(|text| text.strip_prefix('\u{feff}').unwrap_or(text) != article.text())
            .map(|text| {
                let count = match document.offsets {
                    Offsets::Utf16 => Count::Utf16,
                    Offsets::Chars | Offsets::CharsOrUtf16 => Count::Chars,
                };
                (text, found(text, count, &offsets))
            });
        Locator {
            article,
            document,
            shift,
            utf16,
            own_text,
        }
    }

    /// The byte spans of `incoming`, sorted, trimmed of white space; or why
    /// they do not fit.
    fn annotation(&self, incoming: &Incoming) -> Result<Vec<Range<usize>>, Vec<Refusal>> {
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
        let expected = span.text.clone().or_else(|| self.own_slice(start, end));
        let range = match self.document.offsets {
            Offsets::Chars => self.by_chars(start, end)?,
            Offsets::Utf16 => self.by_utf16(start, end)?,
            Offsets::CharsOrUtf16 => {
                let chars = self.by_chars(start, end);
                let holds = |r: &Range<usize>| {
                    expected
                        .as_deref()
                        .is_none_or(|e| self.article.text()[r.clone()] == *e)
                };
                match chars {
                    Ok(r) if holds(&r) => r,
                    _ => match self.by_utf16(start, end) {
                        Ok(r) if holds(&r) => r,
                        _ => chars?,
                    },
                }
            }
        };
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

    fn by_chars(&self, start: usize, end: usize) -> Result<Range<usize>, String> {
        let (s, e) = self.unshift(start, end)?;
        let past = || self.past_end(start, end);
        let s = self.article.byte_offset(s).ok_or_else(past)?;
        let e = self.article.byte_offset(e).ok_or_else(past)?;
        Ok(s..e)
    }

    fn by_utf16(&self, start: usize, end: usize) -> Result<Range<usize>, String> {
        let (s, e) = self.unshift(start, end)?;
        let byte = |offset: usize| match self.utf16.get(&offset) {
            Some(&byte) => Ok(byte),
            None if offset > self.article.text().encode_utf16().count() => {
                Err(self.past_end(start, end))
            }
            None => Err(format!(
                "span {start}..{end} has an offset ({}) between the two halves of a character counted as two UTF-16 code units",
                offset + self.shift
            )),
        };
        Ok(byte(s)?..byte(e)?)
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

    fn past_end(&self, start: usize, end: usize) -> String {
        let length = match self.document.offsets {
            Offsets::Utf16 => format!(
                "{} UTF-16 code units",
                self.article.text().encode_utf16().count()
            ),
            Offsets::Chars | Offsets::CharsOrUtf16 => format!("{} chars", self.article.char_len()),
        } + if self.shift > 0 { " after its BOM" } else { "" };
        format!("span {start}..{end} ends past the end of the article ({length})")
    }

    /// The text at `start..end` of the document's own text, when it has one
    /// that differs from the article's.
    fn own_slice(&self, start: usize, end: usize) -> Option<String> {
        let (text, bytes) = self.own_text.as_ref()?;
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
