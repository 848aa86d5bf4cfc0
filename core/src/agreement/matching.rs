//! Which annotations of A and B match, one to one.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use super::{Item, common};

/// When two annotations of the same label match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// They cover exactly the same characters.
    Exact,
    /// They have at least one character in common.
    Overlap,
}

/// A matched pair: indexes into A and into B, and how many offsets they
/// have in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub common: usize,
}

/// The annotations of `a` and `b` that match under `rule`, one to one (see
/// the module documentation for the order pairs are taken in), sorted by
/// their index in `a`.
pub fn matching(a: &[Item], b: &[Item], rule: Rule) -> Vec<Pair> {
    let mut pairs = match rule {
        Rule::Exact => exact(a, b),
        Rule::Overlap => overlapping(a, b),
    };
    pairs.sort_by_key(|p| p.a);
    pairs
}

/// Each annotation of A with the first unmatched one of B that has its label
/// and spans.
fn exact(a: &[Item], b: &[Item]) -> Vec<Pair> {
    let mut waiting: HashMap<(&str, &[Range<usize>]), VecDeque<usize>> = HashMap::new();
    for (j, item) in b.iter().enumerate() {
        waiting
            .entry((item.label.as_str(), item.spans.as_slice()))
            .or_default()
            .push_back(j);
    }
    a.iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let queue = waiting.get_mut(&(item.label.as_str(), item.spans.as_slice()))?;
            let j = queue.pop_front()?;
            Some(Pair {
                a: i,
                b: j,
                common: item.len(),
            })
        })
        .collect()
}

/// A candidate pair with what orders it: most in common, then the smaller
/// union, then position.
struct Candidate {
    pair: Pair,
    union: usize,
}

/// Greedy one-to-one matching of the overlapping pairs.
fn overlapping(a: &[Item], b: &[Item]) -> Vec<Pair> {
    let mut candidates = candidates(a, b);
    candidates.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.pair.common),
            c.union,
            c.pair.a,
            c.pair.b,
        )
    });
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut pairs = Vec::new();
    for Candidate { pair, .. } in candidates {
        if !used_a[pair.a] && !used_b[pair.b] {
            used_a[pair.a] = true;
            used_b[pair.b] = true;
            pairs.push(pair);
        }
    }
    pairs
}

/// Every pair of the same label with an offset in common. B's items of each
/// label are sorted by where they start, with the furthest end reached so
/// far, so each item of A looks only at those that can reach it: the cost
/// follows the overlaps, not the product of the two sizes.
fn candidates(a: &[Item], b: &[Item]) -> Vec<Candidate> {
    let mut by_label: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, item) in b.iter().enumerate() {
        if !item.is_empty() {
            by_label.entry(item.label.as_str()).or_default().push(j);
        }
    }
    let reach: HashMap<&str, (Vec<usize>, Vec<usize>)> = by_label
        .into_iter()
        .map(|(label, mut indexes)| {
            indexes.sort_by_key(|&j| b[j].envelope().start);
            let furthest = indexes
                .iter()
                .scan(0, |max, &j| {
                    *max = (*max).max(b[j].envelope().end);
                    Some(*max)
                })
                .collect();
            (label, (indexes, furthest))
        })
        .collect();
    let mut found = Vec::new();
    for (i, item) in a.iter().enumerate() {
        let Some((indexes, furthest)) = reach.get(item.label.as_str()) else {
            continue;
        };
        let here = item.envelope();
        let before_end = indexes.partition_point(|&j| b[j].envelope().start < here.end);
        for k in (0..before_end).rev() {
            if furthest[k] <= here.start {
                break;
            }
            let j = indexes[k];
            let common = common(&item.spans, &b[j].spans);
            if common > 0 {
                found.push(Candidate {
                    pair: Pair { a: i, b: j, common },
                    union: item.len() + b[j].len() - common,
                });
            }
        }
    }
    found
}
