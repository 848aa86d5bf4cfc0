//! Finding, in one pass over the article, where the spans still to place
//! might be now.
//!
//! Each span looks for its whole text (its exact occurrences) and for
//! pieces of its text and recorded context: a piece found exactly votes for
//! the place where the whole window (context, text, context) would start.
//! All spans' patterns go into one Aho-Corasick automaton, so the article is
//! read once however many spans there are: one typo or a whole article
//! replaced costs one pass, not one per annotation.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::Job;
use crate::article::Article;

/// Chars in a piece: long enough to be rare in prose, short enough that a
/// one-word edit leaves most pieces of a sentence whole.
const PIECE: usize = 12;

/// Shorter pieces (at the end of a short context) are left out.
const MIN_PIECE: usize = 6;

/// At most this many pieces of a long text.
const TEXT_PIECES: usize = 8;

/// A piece found more often than this says nothing about where a span is.
const PIECE_HITS: usize = 32;

/// Exact occurrences kept for a span (they are all counted).
const EXACT_HITS: usize = 256;

/// Votes this many chars apart are for one place.
const BAND: usize = 16;

/// The places aligned for a span, at most.
const PLACES: usize = 4;

/// What the search found for one span.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// Byte offsets where its exact text starts, the ones nearest where it
    /// is expected first (at most [`EXACT_HITS`]).
    pub exact: Vec<usize>,
    /// How often its exact text is in the article.
    pub exact_count: usize,
    /// Char offsets where its window might start, best voted first.
    pub diagonals: Vec<usize>,
}

/// What a pattern is to a span.
#[derive(Debug, Clone, Copy)]
enum Use {
    /// The span's whole text.
    Exact { job: usize },
    /// A piece `offset` chars into the span's window.
    Piece { job: usize, offset: usize },
}

/// Finds, for each of `jobs`, its exact occurrences and the places its
/// pieces vote for.
pub(super) fn find(article: &Article, jobs: &[Job]) -> Vec<Found> {
    let mut found: Vec<Found> = jobs.iter().map(|_| Found::default()).collect();
    if jobs.is_empty() {
        return found;
    }
    let mut patterns: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut uses: Vec<Vec<Use>> = Vec::new();
    let mut pieces = vec![0; jobs.len()];
    for (j, job) in jobs.iter().enumerate() {
        for (pattern, use_) in patterns_of(j, job) {
            if let Use::Piece { .. } = use_ {
                pieces[j] += 1;
            }
            let id = *index.entry(pattern).or_insert_with(|| {
                patterns.push(pattern);
                uses.push(Vec::new());
                patterns.len() - 1
            });
            uses[id].push(use_);
        }
    }
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
    else {
        // Only a pattern set beyond the automaton's limits fails; the spans
        // are then left unplaced, with the counts the search saw (none).
        return found;
    };
    let text = article.text();
    let mut hits: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
    let mut counts: Vec<usize> = vec![0; patterns.len()];
    for m in automaton.find_overlapping_iter(text) {
        let id = m.pattern().as_usize();
        counts[id] += 1;
        hits[id].push(m.start());
    }
    let mut votes: Vec<Vec<usize>> = vec![Vec::new(); jobs.len()];
    for (id, uses) in uses.iter().enumerate() {
        for &use_ in uses {
            match use_ {
                Use::Exact { job } => {
                    found[job].exact_count = counts[id];
                    found[job].exact = nearest(article, &hits[id], jobs[job].expected);
                }
                Use::Piece { job, offset } if counts[id] <= PIECE_HITS => {
                    for &at in &hits[id] {
                        votes[job].push(article.char_offset(at).saturating_sub(offset));
                    }
                }
                Use::Piece { .. } => {}
            }
        }
    }
    for ((found, votes), pieces) in found.iter_mut().zip(votes).zip(pieces) {
        // A short window has few pieces: one found is evidence enough.
        let needed = if pieces <= 2 { 1 } else { 2 };
        found.diagonals = best_voted(votes, needed);
    }
    found
}

/// The patterns of span `j`: its whole text, and pieces of its window.
fn patterns_of<'j>(j: usize, job: &Job<'j>) -> Vec<(&'j str, Use)> {
    let mut out = Vec::new();
    if !job.text.is_empty() {
        out.push((job.text, Use::Exact { job: j }));
    }
    let prefix = job.prefix.unwrap_or("");
    let prefix_chars = prefix.chars().count();
    let text_chars = job.text.chars().count();
    // The context pieces nearest the text say the most: the prefix is cut
    // from its end, the suffix from its start.
    let mut end = prefix_chars;
    while end >= MIN_PIECE {
        let start = end.saturating_sub(PIECE);
        out.push((
            chars(prefix, start..end),
            Use::Piece {
                job: j,
                offset: start,
            },
        ));
        end = start;
    }
    if text_chars > PIECE {
        let count = (text_chars / PIECE).min(TEXT_PIECES);
        let room = text_chars - PIECE;
        for i in 0..count {
            let start = if count == 1 {
                0
            } else {
                i * room / (count - 1)
            };
            out.push((
                chars(job.text, start..start + PIECE),
                Use::Piece {
                    job: j,
                    offset: prefix_chars + start,
                },
            ));
        }
    }
    let suffix = job.suffix.unwrap_or("");
    let suffix_chars = suffix.chars().count();
    let mut start = 0;
    while suffix_chars - start >= MIN_PIECE {
        let end = (start + PIECE).min(suffix_chars);
        out.push((
            chars(suffix, start..end),
            Use::Piece {
                job: j,
                offset: prefix_chars + text_chars + start,
            },
        ));
        start = end;
    }
    out
}

/// The chars `range` of `s`.
fn chars(s: &str, range: std::ops::Range<usize>) -> &str {
    let byte = |c: usize| s.char_indices().nth(c).map_or(s.len(), |(i, _)| i);
    &s[byte(range.start)..byte(range.end)]
}

/// The [`EXACT_HITS`] of `hits` nearest char `expected`, nearest first.
fn nearest(article: &Article, hits: &[usize], expected: usize) -> Vec<usize> {
    let expected = article
        .byte_offset(expected)
        .unwrap_or(article.text().len());
    let mut sorted = hits.to_vec();
    sorted.sort_by_key(|&at| at.abs_diff(expected));
    sorted.truncate(EXACT_HITS);
    sorted
}

/// The places most votes agree on (votes within [`BAND`] of each other are
/// for one place), at most [`PLACES`], best first; a place needs `needed`
/// votes.
fn best_voted(mut votes: Vec<usize>, needed: usize) -> Vec<usize> {
    votes.sort_unstable();
    let mut places: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < votes.len() {
        let mut j = i;
        while j < votes.len() && votes[j] - votes[i] <= BAND {
            j += 1;
        }
        // The median vote of the group: an edit inside the window moves the
        // votes on one side of it.
        places.push((j - i, votes[(i + j) / 2]));
        i = j;
    }
    places.retain(|&(n, _)| n >= needed);
    places.sort_by_key(|&(n, at)| (std::cmp::Reverse(n), at));
    places.into_iter().take(PLACES).map(|(_, at)| at).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_group_by_place_and_need_two() {
        assert_eq!(
            best_voted(vec![100, 102, 101, 500, 9000, 9003], 2),
            vec![101, 9003]
        );
        assert_eq!(best_voted(vec![7], 2), Vec::<usize>::new());
        assert_eq!(best_voted(vec![7], 1), vec![7]);
        assert_eq!(best_voted(vec![], 1), Vec::<usize>::new());
    }

    #[test]
    fn chars_cuts_on_chars_not_bytes() {
        assert_eq!(chars("e\u{301}té 中文", 1..4), "\u{301}té");
        assert_eq!(chars("abc", 1..9), "bc");
    }
}
