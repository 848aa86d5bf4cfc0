//! How the annotations of two editors pair up when they reconcile their work
//! one difference at a time (the annotator's `--compare`), rather than count
//! how far they agree.
//!
//! Every annotation ends up in exactly one [`Paired`]: a pair or alone. The
//! pairs are taken in three rounds, each one to one among what the rounds
//! before left over, with the order of [`matching`]:
//!
//! 1. **exact**: same label, same characters covered ([`Rule::Exact`]);
//! 2. **same label, overlapping**: one editor's span is longer or shorter;
//! 3. **any label, overlapping**: the editors gave the same text different
//!    labels (a quote for one, a claim for the other).
//!
//! So a quote that one editor shortened, or tagged as a claim, is one
//! difference to settle, not an annotation missing on each side. Only
//! annotations with a character in common pair up: the result over any set
//! of annotations closed under overlap (everything that overlaps one of them
//! is in it) is the result over the whole article restricted to that set,
//! which is what lets the annotator recompute only around an edit.

use super::{Item, Rule, matching};

/// Where one annotation of A or B (by index) ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paired {
    /// The same label on the same characters.
    Same {
        a: usize,
        b: usize,
    },
    /// Overlapping, but the label or the characters differ.
    Differ {
        a: usize,
        b: usize,
    },
    OnlyA(usize),
    OnlyB(usize),
}

/// Pairs the annotations of `a` and `b` (see the module documentation),
/// pairs first in order of `a`, then those of `a` alone, then of `b` alone.
pub fn reconcile(a: &[Item], b: &[Item]) -> Vec<Paired> {
    let mut paired = Vec::new();
    let mut left_a: Vec<usize> = (0..a.len()).collect();
    let mut left_b: Vec<usize> = (0..b.len()).collect();
    for round in [Round::Exact, Round::SameLabel, Round::AnyLabel] {
        let (sub_a, sub_b) = (round.items(a, &left_a), round.items(b, &left_b));
        let found = matching(&sub_a, &sub_b, round.rule());
        let (mut taken_a, mut taken_b) = (vec![false; sub_a.len()], vec![false; sub_b.len()]);
        for pair in found {
            taken_a[pair.a] = true;
            taken_b[pair.b] = true;
            let (i, j) = (left_a[pair.a], left_b[pair.b]);
            paired.push(match round {
                Round::Exact => Paired::Same { a: i, b: j },
                Round::SameLabel | Round::AnyLabel => Paired::Differ { a: i, b: j },
            });
        }
        left_a = keep_untaken(left_a, &taken_a);
        left_b = keep_untaken(left_b, &taken_b);
    }
    paired.sort_by_key(|p| match *p {
        Paired::Same { a, .. } | Paired::Differ { a, .. } => a,
        Paired::OnlyA(_) | Paired::OnlyB(_) => usize::MAX,
    });
    paired.extend(left_a.into_iter().map(Paired::OnlyA));
    paired.extend(left_b.into_iter().map(Paired::OnlyB));
    paired
}

#[derive(Debug, Clone, Copy)]
enum Round {
    Exact,
    SameLabel,
    AnyLabel,
}

impl Round {
    fn rule(self) -> Rule {
        match self {
            Round::Exact => Rule::Exact,
            Round::SameLabel | Round::AnyLabel => Rule::Overlap,
        }
    }

    /// The items at `indexes`, in that order; in the last round with one
    /// label for all, so that any two overlapping ones can pair.
    fn items(self, all: &[Item], indexes: &[usize]) -> Vec<Item> {
        indexes
            .iter()
            .map(|&i| match self {
                Round::Exact | Round::SameLabel => all[i].clone(),
                Round::AnyLabel => Item {
                    label: String::new(),
                    ..all[i].clone()
                },
            })
            .collect()
    }
}

/// The indexes of `left` whose flag in `taken` is not set, in order.
fn keep_untaken(left: Vec<usize>, taken: &[bool]) -> Vec<usize> {
    left.into_iter()
        .zip(taken)
        .filter(|(_, taken)| !**taken)
        .map(|(i, _)| i)
        .collect()
}
