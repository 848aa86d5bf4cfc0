//! Placing annotations again on an article that changed under them.
//!
//! A record keeps each span's char offsets and exact text, and the 32 chars
//! before its first span and after its last (`prefix`, `suffix`). When the
//! article's hash is not the one the sidecar recorded, or a record is not at
//! its offsets, each span is placed again, in this order:
//!
//! 1. **Where it was, or shifted like its neighbours.** Its text and its
//!    recorded context exactly at its old offsets (kept), or at the old
//!    offsets moved by the shift of the span placed just before it (moved).
//!    An edit shifts everything after it alike, so after a typo fix nearly
//!    every span is found here by one comparison.
//! 2. **Its exact text elsewhere.** Every occurrence is found (one pass over
//!    the article for all the spans still to place, see `search`). One whose
//!    context fits on at least one side is taken (a moved paragraph brings
//!    its sentences along): the best fitting, then the one nearest where its
//!    neighbours went. Two places that fit equally well are a tie: the nearer
//!    is taken and the annotation is set pending, with a note saying so.
//! 3. **Its text and context approximately.** Pieces of the text and context
//!    that are still there vote for where the whole would start, and the
//!    best-voted places are aligned with a bounded edit distance (see
//!    `align`): at most a quarter of text and context together, and half of
//!    the text, may differ. The span takes the text that is there now, and
//!    the annotation is set pending with a note saying what changed.
//! 4. Otherwise the annotation stays detached, with the reason.
//!
//! Hypothesis anchors a quote the same way in outline (position, then quote
//! with context, then a fuzzy search), but it weighs every candidate and
//! takes the best however poor it is. Here a place must be good enough or
//! the annotation stays detached: the same words in other surroundings (a
//! quote of the headline repeated in the body) do not capture an annotation
//! whose own paragraph was deleted, and nothing uncertain is taken without
//! saying so. The spans of a joined annotation are placed one by one, each
//! expected where its sibling went, and stay one annotation.
//!
//! Placing again never touches `modified`: two copies of a sidecar placed
//! on the same new text come out the same, so a merge of them agrees.

mod align;
mod context;
mod describe;
mod search;

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Sidecar;
use super::anchor;
use super::format::Record;
use crate::annotation::{Annotation, Status};
use crate::article::{Article, graphemes};

/// How near (in bytes) to where its neighbours say, an exact text needs no
/// context to fit: twice the context kept on a side.
const NEAR: usize = 64;

/// How many bytes a text must have to be placed by itself (nearness or being
/// the only one), without its context: a word or two could be anywhere.
const TELLING: usize = 12;

/// How much less well a context may fit (of 2, both sides alike) and still
/// be as good as the best: a char or two of 32 on a side.
const ABOUT_AS_WELL: f64 = 0.07;

/// What placing annotations again did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Annotations whose spans are where the sidecar says.
    pub kept: usize,
    /// Annotations found, text and surroundings, at other offsets.
    pub moved: usize,
    /// Annotations placed where their text changed a little, or at one of
    /// two equally good places: set pending, with the reason in their note.
    pub changed: Vec<Change>,
    /// Annotations with no good enough place, left detached.
    pub detached: Vec<Change>,
}

/// One annotation that placing again set pending or left detached, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: u64,
    pub label: String,
    pub why: String,
}

impl Reanchored {
    /// `22 kept, 2 moved, 1 changed, 0 detached`.
    pub fn counts(&self) -> String {
        format!(
            "{} kept, {} moved, {} changed, {} detached",
            self.kept,
            self.moved,
            self.changed.len(),
            self.detached.len()
        )
    }

    /// Whether any annotation is not where the sidecar says.
    pub fn anything_placed(&self) -> bool {
        self.moved > 0 || !self.changed.is_empty() || !self.detached.is_empty()
    }

    /// Adds the figures of `other` (another article's) to these.
    pub fn add(&mut self, other: &Reanchored) {
        self.kept += other.kept;
        self.moved += other.moved;
        self.changed.extend(other.changed.iter().cloned());
        self.detached.extend(other.detached.iter().cloned());
    }
}

/// The sidecar with its records that are not attached placed again, and
/// those `placer` holds (placed while the file was read, see [`Placer`]).
pub(super) fn settle(mut sidecar: Sidecar, placer: Placer) -> Sidecar {
    let mut attached = std::mem::take(&mut sidecar.annotations);
    let mut settled = settle_beside(sidecar, placer, &attached);
    if attached.is_empty() {
        // On a changed article, all of them were placed again.
        attached = std::mem::take(&mut settled.annotations);
    } else {
        attached.append(&mut settled.annotations);
    }
    // Placed by their neighbours' shift, they are mostly in order already:
    // the sort then costs one pass.
    attached.sort_by_key(Annotation::order_key);
    settled.annotations = attached;
    settled
}

/// The records of `sidecar` that are not attached placed again, with those
/// `placer` holds, beside `attached`, the annotations that are (handed over
/// already, so not in `sidecar`): the sidecar returned holds only the
/// annotations placed again, in no particular order, and counts `attached`
/// as kept.
pub(super) fn settle_beside<A: Borrow<Annotation>>(
    mut sidecar: Sidecar,
    mut placer: Placer,
    attached: &[A],
) -> Sidecar {
    let mut report = Reanchored {
        kept: attached.len(),
        ..Reanchored::default()
    };
    placer.offer_records(std::mem::take(&mut sidecar.detached));
    let placed = placer.finish(attached, &mut report);
    sidecar.annotations = placed.annotations;
    sidecar.detached = placed.detached;
    sidecar.reanchored = report;
    sidecar
}

/// Records placed on the article, and those left detached.
struct Placed {
    annotations: Vec<Annotation>,
    detached: Vec<Record>,
}

/// One span to place.
#[derive(Debug)]
struct Job<'r> {
    /// The record and the span's index in it.
    record: usize,
    span: usize,
    text: &'r str,
    /// The span's old start, in chars.
    old: usize,
    /// The recorded context on each side; `None` inside a joined annotation,
    /// where nothing was recorded.
    prefix: Option<&'r str>,
    suffix: Option<&'r str>,
    /// Where, in chars, the span would start if it moved like the span
    /// placed before it.
    expected: usize,
}

/// Where one span went.
#[derive(Debug, Clone)]
enum Spot {
    /// Its exact text, in surroundings that fit; `same` when at its offsets.
    Found { bytes: Range<usize>, same: bool },
    /// A place that is not certain: the text differs a little, or another
    /// place is as good.
    Uncertain { bytes: Range<usize>, why: String },
    /// No good enough place.
    Lost { why: String },
}

/// Places records one by one, in the order of their first start (then id),
/// as a sidecar sayso wrote lists them: each span where it was, or shifted
/// like the span placed before it, or found near there (steps 1 of the
/// module's list, and the nearby search). A record whose every span is
/// placed so is an annotation at once, without keeping its texts; the
/// others are held for the search of the whole article ([`Placer::finish`]).
///
/// A reader can offer records as it reads them, so that placing again after
/// a typo fix costs a comparison of each span's text and context, and no
/// copy of them: the 50,000 records of a 25 MB sidecar are placed for about
/// what reading them costs.
pub(super) struct Placer<'a> {
    article: &'a Article,
    shift: Shift,
    nearby: Nearby,
    /// Annotations placed wholly by the shift of their neighbours.
    placed: Vec<Annotation>,
    /// Those of `placed` at their offsets (the others moved).
    kept: usize,
    /// Records to place by a search, by their index among those offered.
    held: Vec<Held>,
    /// Where the spans of the record being offered went, `None` for those
    /// left to the search, and where those are expected (in chars).
    spots: Vec<Option<Spot>>,
    expected: Vec<usize>,
}

/// A record left to the search of the whole article, with where its spans
/// went so far.
struct Held {
    index: usize,
    record: Record,
    spots: Vec<Option<Spot>>,
    expected: Vec<usize>,
}

impl<'a> Placer<'a> {
    pub(super) fn new(article: &'a Article) -> Placer<'a> {
        Placer {
            article,
            shift: Shift::default(),
            nearby: Nearby::new(article),
            placed: Vec::new(),
            kept: 0,
            held: Vec::new(),
            spots: Vec::new(),
            expected: Vec::new(),
        }
    }

    /// Places a record's `spans` (old start in chars, text), with the
    /// context recorded around them: their byte ranges, sorted, when the
    /// shift of their neighbours places them all (the record is then
    /// counted, and its annotation is for [`Placer::add`]); `None` when the
    /// record must be held ([`Placer::hold`]) for the search.
    pub(super) fn offer<'s>(
        &mut self,
        spans: impl ExactSizeIterator<Item = (usize, &'s str)>,
        prefix: &str,
        suffix: &str,
    ) -> Option<Vec<Range<usize>>> {
        let article = self.article;
        let count = spans.len();
        self.spots.clear();
        self.expected.clear();
        let mut by_shift = true;
        let mut sibling: Option<i64> = None;
        for (k, (old, text)) in spans.enumerate() {
            let job = Job {
                record: 0,
                span: k,
                text,
                old,
                prefix: (k == 0).then_some(prefix),
                suffix: (k + 1 == count).then_some(suffix),
                expected: old,
            };
            let guess = sibling.unwrap_or(self.shift.last());
            let tries = sibling.into_iter().chain(self.shift.recent());
            let exact = tries
                .filter_map(|delta| {
                    let bytes = exactly_at(article, &job, delta)?;
                    let same = delta == 0;
                    Some((delta, Spot::Found { bytes, same }))
                })
                .next();
            let nearby = &mut self.nearby;
            let at = exact.or_else(|| {
                by_shift = false;
                nearby
                    .find(article, &job, guess)
                    .or_else(|| changed_in_place(article, &job, guess))
            });
            match at {
                Some((delta, spot)) => {
                    self.shift.push(delta);
                    sibling = Some(delta);
                    self.spots.push(Some(spot));
                    self.expected.push(old);
                }
                None => {
                    self.spots.push(None);
                    self.expected.push(shifted(old, guess).unwrap_or(0));
                }
            }
        }
        if !by_shift {
            return None;
        }
        let (spans, same) = found_spans(&self.spots)?;
        if same {
            self.kept += 1;
        }
        Some(spans)
    }

    /// Keeps `annotation`, placed by [`Placer::offer`].
    pub(super) fn add(&mut self, annotation: Annotation) {
        self.placed.push(annotation);
    }

    /// Holds `record`, just offered in vain, for the search; `index` orders
    /// the records held as they were given (the order of the file).
    pub(super) fn hold(&mut self, index: usize, record: Record) {
        self.held.push(Held {
            index,
            record,
            spots: self.spots.clone(),
            expected: self.expected.clone(),
        });
    }

    /// Offers `records`, in any order, by their first start then id.
    fn offer_records(&mut self, records: Vec<Record>) {
        let mut records: Vec<(usize, Record)> = records.into_iter().enumerate().collect();
        records.sort_by_key(|(_, r)| (r.spans.first().map_or(0, |s| s.start), r.id));
        for (index, record) in records {
            let spans = record.spans.iter().map(|s| (s.start, s.text.as_str()));
            match self.offer(spans, &record.prefix, &record.suffix) {
                Some(spans) => self.add(anchor::annotation(record, spans)),
                None => self.hold(index, record),
            }
        }
    }

    /// Places the records held by a search of the whole article (steps 2
    /// to 4 of the module's list), beside `attached` and those placed by
    /// the shift, whose places a record placed by the search must not
    /// repeat. Counts go to `report`.
    fn finish<A: Borrow<Annotation>>(self, attached: &[A], report: &mut Reanchored) -> Placed {
        let article = self.article;
        report.kept += self.kept;
        report.moved += self.placed.len() - self.kept;
        let mut held = self.held;
        held.sort_by_key(|h| h.index);
        let mut records = Vec::with_capacity(held.len());
        let mut spots = Vec::with_capacity(held.len());
        let mut expected = Vec::with_capacity(held.len());
        for h in held {
            records.push(h.record);
            spots.push(h.spots);
            expected.push(h.expected);
        }
        let mut to_search = Vec::new();
        for (r, record) in records.iter().enumerate() {
            let last = record.spans.len().saturating_sub(1);
            for (k, span) in record.spans.iter().enumerate() {
                if spots[r][k].is_none() {
                    to_search.push(Job {
                        record: r,
                        span: k,
                        text: &span.text,
                        old: span.start,
                        prefix: (k == 0).then_some(record.prefix.as_str()),
                        suffix: (k == last).then_some(record.suffix.as_str()),
                        expected: expected[r][k],
                    });
                }
            }
        }
        let found = search::find(article, &to_search);
        let mut sibling: Option<(usize, i64)> = None;
        for (mut job, found) in to_search.into_iter().zip(&found) {
            // The span before, in a joined annotation, says where this one is.
            if let Some((_, delta)) = sibling.filter(|&(r, _)| r == job.record) {
                job.expected = shifted(job.old, delta).unwrap_or(0);
            }
            let spot = choose(article, &job, found);
            sibling = spot.bytes().map(|b| {
                (
                    job.record,
                    article.char_offset(b.start) as i64 - job.old as i64,
                )
            });
            spots[job.record][job.span] = Some(spot);
        }
        let spots = spots
            .into_iter()
            .map(|spots| spots.into_iter().flatten().collect())
            .collect();
        let mut placed = assemble(article, records, spots, attached, &self.placed, report);
        let mut annotations = self.placed;
        annotations.append(&mut placed.annotations);
        placed.annotations = annotations;
        placed
    }
}

/// The byte ranges of `spots`, sorted, when each is found exactly and they
/// make an annotation (see [`outcome`]), and whether all are at their
/// offsets.
fn found_spans(spots: &[Option<Spot>]) -> Option<(Vec<Range<usize>>, bool)> {
    let mut spans = Vec::with_capacity(spots.len());
    let mut all_same = true;
    for spot in spots {
        let Some(Spot::Found { bytes, same }) = spot else {
            return None;
        };
        all_same &= *same;
        spans.push(bytes.clone());
    }
    spans.sort_by_key(|s| s.start);
    anchor::well_formed(&spans).then_some((spans, all_same))
}

/// The shift and place of `job` when its text is where it is expected,
/// edited or in edited surroundings, within the bounds of the approximate
/// search: exact text is found, edited text is uncertain.
fn changed_in_place(article: &Article, job: &Job, delta: i64) -> Option<(i64, Spot)> {
    let window = context::Window::new(job);
    let start = shifted(job.old, delta)?.checked_sub(window.text.start)?;
    let aligned = align::align(article, &window, start)?;
    let delta = article.char_offset(aligned.bytes.start) as i64 - job.old as i64;
    let now = &article.text()[aligned.bytes.clone()];
    let spot = if now == job.text {
        Spot::Found {
            same: delta == 0,
            bytes: aligned.bytes,
        }
    } else {
        Spot::Uncertain {
            why: describe::text_change(job.text, now),
            bytes: aligned.bytes,
        }
    };
    Some((delta, spot))
}

impl Spot {
    /// Where the span went, unless it was lost.
    fn bytes(&self) -> Option<&Range<usize>> {
        match self {
            Spot::Found { bytes, .. } | Spot::Uncertain { bytes, .. } => Some(bytes),
            Spot::Lost { .. } => None,
        }
    }
}

/// How far (in bytes) from where it is expected a span's text and context
/// are looked for, exactly, before the search of the whole article: an
/// inserted or deleted paragraph, or a paragraph moved a few further.
const NEARBY: usize = 64 << 10;

/// The search near where a span is expected, for its text and context
/// exactly: the first span after an edit finds the edit's shift here, and
/// those after it then find theirs at once. Its cost is bounded by a budget
/// of a few passes over the article, however many spans miss.
struct Nearby {
    budget: usize,
}

impl Nearby {
    fn new(article: &Article) -> Nearby {
        Nearby {
            budget: 4 * article.text().len() + (1 << 20),
        }
    }

    /// The shift and the place of `job`'s text and recorded context found
    /// exactly near its old offsets moved by `delta`: the nearest, and
    /// uncertain when they are there more than once.
    fn find(&mut self, article: &Article, job: &Job, delta: i64) -> Option<(i64, Spot)> {
        let text = article.text();
        let expected = article.byte_offset(shifted(job.old, delta)?)?;
        let prefix = job.prefix.unwrap_or("");
        let window = [prefix, job.text, job.suffix.unwrap_or("")].concat();
        let from = floor_char(text, expected.saturating_sub(NEARBY + prefix.len()));
        let to = floor_char(text, (expected + NEARBY + window.len()).min(text.len()));
        if self.budget < to - from {
            return None;
        }
        self.budget -= to - from;
        let mut found: Vec<(i64, Range<usize>)> = text[from..to]
            .match_indices(window.as_str())
            .filter_map(|(i, _)| {
                let start = from + i + prefix.len();
                let delta = article.char_offset(start) as i64 - job.old as i64;
                Some((delta, exactly_at(article, job, delta)?))
            })
            .collect();
        found.sort_by_key(|(_, bytes)| bytes.start.abs_diff(expected));
        let mut found = found.into_iter();
        let (delta, bytes) = found.next()?;
        let spot = match found.next() {
            Some((_, other)) => Spot::Uncertain {
                why: tie(article, other.start),
                bytes,
            },
            None => Spot::Found {
                same: delta == 0,
                bytes,
            },
        };
        Some((delta, spot))
    }
}

/// Why a place is uncertain when the same text and context are also at
/// byte `other`.
fn tie(article: &Article, other: usize) -> String {
    format!(
        "its text in surroundings as like its own is also at char {}: of the two equally good places, the one nearer its old place was taken",
        article.char_offset(other)
    )
}

/// The char boundary at or before `byte`.
fn floor_char(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// The shifts of the spans placed last, most recent first.
#[derive(Debug, Default)]
struct Shift {
    recent: [Option<i64>; 2],
}

impl Shift {
    fn push(&mut self, delta: i64) {
        if self.recent[0] != Some(delta) {
            self.recent = [Some(delta), self.recent[0]];
        }
    }

    fn last(&self) -> i64 {
        self.recent[0].unwrap_or(0)
    }

    /// The shifts worth trying: the last two, and none at all, each once.
    fn recent(&self) -> impl Iterator<Item = i64> + use<> {
        let [a, b] = self.recent;
        let first = a.unwrap_or(0);
        let second = b.filter(|&b| b != first);
        let none = Some(0).filter(|&z| z != first && Some(z) != second);
        [Some(first), second, none].into_iter().flatten()
    }
}

/// `old` moved by `delta`, unless that is before the text.
fn shifted(old: usize, delta: i64) -> Option<usize> {
    usize::try_from(i64::try_from(old).ok()? + delta).ok()
}

/// The span's bytes when its text and recorded context are exactly at its
/// old offsets moved by `delta`.
fn exactly_at(article: &Article, job: &Job, delta: i64) -> Option<Range<usize>> {
    let start = article.byte_offset(shifted(job.old, delta)?)?;
    let text = article.text();
    let end = start + job.text.len();
    let fits = text.as_bytes().get(start..end) == Some(job.text.as_bytes())
        && context::prefix_is(text, start, job.prefix)
        && context::suffix_is(text, end, job.suffix)
        && graphemes::is_boundary(text, start)
        && graphemes::is_boundary(text, end);
    fits.then_some(start..end)
}

/// The best place among what the search found for `job`.
fn choose(article: &Article, job: &Job, found: &search::Found) -> Spot {
    let text = article.text();
    let expected = article.byte_offset(job.expected).unwrap_or(text.len());
    if let Some(spot) = exact_elsewhere(article, job, found, expected) {
        return spot;
    }
    let window = context::Window::new(job);
    // Where the window would start if the span moved like its neighbour
    // is worth a try too: an edit next to a short span leaves few pieces.
    let guess = job.expected.saturating_sub(window.text.start);
    let mut aligned: Vec<(align::Aligned, usize)> = found
        .diagonals
        .iter()
        .chain(Some(&guess).filter(|g| !found.diagonals.contains(g)))
        .filter_map(|&start| align::align(article, &window, start))
        .map(|a| {
            let distance = a.bytes.start.abs_diff(expected);
            (a, distance)
        })
        .collect();
    aligned.sort_by_key(|(a, distance)| (a.errors, *distance, a.bytes.start));
    aligned.dedup_by(|a, b| a.0.bytes == b.0.bytes);
    let Some((best, _)) = aligned.first() else {
        return Spot::Lost {
            why: lost_reason(found.exact_count),
        };
    };
    let mut why = describe::text_change(job.text, &text[best.bytes.clone()]);
    if let Some((other, _)) = aligned.get(1).filter(|(o, _)| o.errors == best.errors) {
        why.push_str(&format!(
            "; text as close is also at char {}, and the place nearer the old one was taken",
            article.char_offset(other.bytes.start)
        ));
    }
    Spot::Uncertain {
        bytes: best.bytes.clone(),
        why,
    }
}

/// The best occurrence of the exact text whose context fits, if any.
fn exact_elsewhere(
    article: &Article,
    job: &Job,
    found: &search::Found,
    expected: usize,
) -> Option<Spot> {
    let text = article.text();
    let no_context = job.prefix.is_none() && job.suffix.is_none();
    let mut fitting: Vec<(f64, usize, Range<usize>)> = found
        .exact
        .iter()
        .filter_map(|&start| {
            let end = start + job.text.len();
            let on_boundaries =
                graphemes::is_boundary(text, start) && graphemes::is_boundary(text, end);
            let distance = start.abs_diff(expected);
            // Without a fitting context, the text itself is the evidence
            // when it is where its neighbours say, or (inside a joined
            // annotation, where no context was kept) the only one of its kind.
            let telling = job.text.len() >= TELLING
                && (distance <= NEAR || (no_context && found.exact_count == 1));
            let fit =
                context::fit(text, start..end, job.prefix, job.suffix).or(telling.then_some(0.0))?;
            on_boundaries.then_some((fit, distance, start..end))
        })
        .collect();
    // Places whose context fits about as well as the best (a char or two
    // apart) are equally good: of those the nearest is taken, and the
    // others make it a tie.
    let best = fitting.iter().map(|c| c.0).fold(f64::MIN, f64::max);
    fitting.retain(|c| c.0 >= best - ABOUT_AS_WELL);
    fitting.sort_by_key(|c| (c.1, c.2.start));
    let (_, _, bytes) = fitting.first()?.clone();
    let old = article.byte_offset(job.old);
    match fitting.get(1) {
        Some((_, _, other)) => Some(Spot::Uncertain {
            why: tie(article, other.start),
            bytes,
        }),
        None => Some(Spot::Found {
            same: old == Some(bytes.start),
            bytes,
        }),
    }
}

/// Why a span found no place, true to what the search saw.
fn lost_reason(exact_count: usize) -> String {
    match exact_count {
        0 => "its text is not in the article any more, nor anything close to it in surroundings like its own".into(),
        1 => "its text is in the article once, but in surroundings unlike its own".into(),
        n => format!("its text is in the article {n} times, but never in surroundings like its own"),
    }
}

/// Turns each record held for the search into an annotation or leaves it
/// detached, by where its spans went. A record placed by a search whose
/// place is already another annotation's (one `attached`, or `by_shift`),
/// same label and spans, is left detached: two annotations would be one.
fn assemble<A: Borrow<Annotation>>(
    article: &Article,
    records: Vec<Record>,
    spots: Vec<Vec<Spot>>,
    attached: &[A],
    by_shift: &[Annotation],
    report: &mut Reanchored,
) -> Placed {
    let outcomes: Vec<Outcome> = spots.iter().map(|spots| outcome(spots)).collect();
    let placed = attached
        .iter()
        .map(Borrow::borrow)
        .chain(by_shift)
        .map(|a: &Annotation| (a.label.as_str(), a.spans.as_slice()));
    let repeats = repeated_places(&records, &outcomes, placed);
    let mut placed = Placed {
        annotations: Vec::new(),
        detached: Vec::new(),
    };
    for (i, (record, outcome)) in records.into_iter().zip(outcomes).enumerate() {
        let outcome = match repeats.get(&i) {
            Some(start) => Outcome::Detached(format!(
                "its place (char {}) already holds another {} with the same spans",
                article.char_offset(*start),
                record.label
            )),
            None => outcome,
        };
        match outcome {
            Outcome::Kept(spans) => {
                report.kept += 1;
                placed.annotations.push(anchor::annotation(record, spans));
            }
            Outcome::Moved(spans) => {
                report.moved += 1;
                placed.annotations.push(anchor::annotation(record, spans));
            }
            Outcome::Changed(spans, why) => {
                report.changed.push(change(&record, &why));
                let mut annotation = anchor::annotation(record, spans);
                annotation.status = Status::Pending;
                annotation.note = Some(match annotation.note.take() {
                    Some(note) if !note.is_empty() => format!("{note} · re-anchored: {why}"),
                    _ => format!("re-anchored: {why}"),
                });
                placed.annotations.push(annotation);
            }
            Outcome::Detached(why) => {
                report.detached.push(change(&record, &why));
                placed.detached.push(record);
            }
        }
    }
    placed
}

/// An annotation's label and spans.
type Place<'a> = (&'a str, &'a [Range<usize>]);

/// The records (by index, with where their place starts) placed by a
/// search where an annotation of the same label and spans already is: one
/// of `placed` (attached, or placed by its neighbours' shift), or an
/// earlier record.
fn repeated_places<'a>(
    records: &'a [Record],
    outcomes: &'a [Outcome],
    placed: impl Iterator<Item = Place<'a>>,
) -> HashMap<usize, usize> {
    let mut repeats = HashMap::new();
    // Only where a searched record starts can a place be repeated: of the
    // others, none is kept (after a typo fix, a few records against tens
    // of thousands placed by the shift).
    let starts: HashSet<usize> = outcomes
        .iter()
        .filter_map(|o| Some(o.spans()?[0].start))
        .collect();
    if starts.is_empty() {
        return repeats;
    }
    let mut at: HashMap<usize, Vec<Place>> = HashMap::new();
    for (label, spans) in placed.filter(|(_, spans)| starts.contains(&spans[0].start)) {
        at.entry(spans[0].start).or_default().push((label, spans));
    }
    for (i, (record, outcome)) in records.iter().zip(outcomes).enumerate() {
        let Some(spans) = outcome.spans() else {
            continue;
        };
        let here = at.entry(spans[0].start).or_default();
        if here.iter().any(|&(l, s)| l == record.label && s == spans) {
            repeats.insert(i, spans[0].start);
        } else {
            here.push((record.label.as_str(), spans));
        }
    }
    repeats
}

fn change(record: &Record, why: &str) -> Change {
    Change {
        id: record.id,
        label: record.label.clone(),
        why: why.to_string(),
    }
}

/// What becomes of one record.
enum Outcome {
    Kept(Vec<Range<usize>>),
    Moved(Vec<Range<usize>>),
    Changed(Vec<Range<usize>>, String),
    Detached(String),
}

impl Outcome {
    /// The spans of a record that was placed.
    fn spans(&self) -> Option<&[Range<usize>]> {
        match self {
            Outcome::Kept(s) | Outcome::Moved(s) | Outcome::Changed(s, _) => Some(s),
            Outcome::Detached(_) => None,
        }
    }
}

fn outcome(spots: &[Spot]) -> Outcome {
    if spots.is_empty() {
        return Outcome::Detached("it has no span".into());
    }
    let joined = spots.len() > 1;
    let which = |k: usize, why: &str| {
        if joined {
            format!("span {} of {}: {why}", k + 1, spots.len())
        } else {
            why.to_string()
        }
    };
    let mut spans = Vec::with_capacity(spots.len());
    let mut whys = Vec::new();
    let mut all_same = true;
    for (k, spot) in spots.iter().enumerate() {
        match spot {
            Spot::Found { bytes, same } => {
                all_same &= *same;
                spans.push(bytes.clone());
            }
            Spot::Uncertain { bytes, why } => {
                all_same = false;
                whys.push(which(k, why));
                spans.push(bytes.clone());
            }
            Spot::Lost { why } => return Outcome::Detached(which(k, why)),
        }
    }
    spans.sort_by_key(|s| s.start);
    if !anchor::well_formed(&spans) {
        return Outcome::Detached(
            "its spans, placed one by one, would overlap in the article as it is now".into(),
        );
    }
    if !whys.is_empty() {
        Outcome::Changed(spans, whys.join("; "))
    } else if all_same {
        Outcome::Kept(spans)
    } else {
        Outcome::Moved(spans)
    }
}
