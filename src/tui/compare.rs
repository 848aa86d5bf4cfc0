//! `--compare OTHER.ann.ron`: the other editor's annotations beside one's
//! own, and the disagreements between the two, kept up to date as the editor
//! changes theirs.
//!
//! # What is a disagreement
//!
//! The two sides are paired with [`agreement::reconcile`]: exact pairs
//! first, then overlapping pairs of the same label, then of any label. A
//! disagreement is
//!
//! - a pair that differs in label or in the characters covered (one
//!   disagreement, not one on each side);
//! - an exact pair whose speakers differ, when both name one (who said it
//!   is part of the answer; a speaker left out is no answer, or one editor
//!   who skips speakers would disagree on every quote; notes are not part
//!   of it either: they are comments, not the annotation);
//! - an annotation on one side only.
//!
//! **Rejected** annotations are left out on both sides, as `sayso agree`
//! leaves them out: a rejected one is no one's answer. Their rejected ones are
//! not shown at all; one's own stay on screen, dimmed, as always. Status
//! otherwise does not count: a pending annotation agrees with an accepted one
//! on the same text. So once every disagreement is settled, `sayso agree`
//! finds the two files in full agreement.
//!
//! # Cost
//!
//! The list is computed once when the annotator opens. After an edit, only
//! the annotations connected to the edited spans by overlaps (on either
//! side) can pair differently: their disagreements are dropped and
//! recomputed, and the rest stay (see [`Compare::refresh`]). Pairs only form
//! between overlapping annotations, so the result is the one a full
//! recompute would give; a property test holds the two to that.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::{Bound, Range};

use sayso_core::agreement::{self, Item, Paired};
use sayso_core::annotation::{Annotation, AnnotationSet, Edit, Status};

/// One disagreement: my version, theirs, or both. Ordered by where the
/// earlier of the two starts, which is the order `D` visits them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Disagreement {
    /// The byte where the earlier of the two versions starts.
    pub start: usize,
    /// The id of my annotation, if I have one here.
    pub mine: Option<u64>,
    /// The id of theirs, if they have one here.
    pub theirs: Option<u64>,
}

/// The other editor's annotations and the disagreements with them.
#[derive(Debug, Clone)]
pub struct Compare {
    /// The other sidecar as the command line named it, for the title bar
    /// and messages.
    pub file_name: String,
    /// Their annotations that count (none rejected), in byte offsets of the
    /// same article text.
    pub theirs: AnnotationSet,
    disagreements: BTreeSet<Disagreement>,
    by_mine: HashMap<u64, Disagreement>,
    by_theirs: HashMap<u64, Disagreement>,
    /// The disagreement `D` went to last.
    pub current: Option<Disagreement>,
}

/// What an edit touched, for [`Compare::refresh`]: the spans of every
/// version of the annotations it changed (before and after), and their ids.
#[derive(Debug, Clone, Default)]
pub struct Seeds {
    spans: Vec<Range<usize>>,
    ids: Vec<u64>,
}

impl Seeds {
    /// The seeds of `edits`, with the versions `set` holds of the same ids
    /// (so that it does not matter whether `set` is taken before or after).
    pub fn of(edits: &[Edit], set: &AnnotationSet) -> Seeds {
        let mut seeds = Seeds::default();
        let mut add = |a: &Annotation| {
            seeds.spans.extend(a.spans.iter().cloned());
            seeds.ids.push(a.id);
        };
        for edit in edits {
            match edit {
                Edit::Insert(a) | Edit::Remove(a) => add(a),
                Edit::Replace { before, after } => {
                    add(before);
                    add(after);
                }
                Edit::Finish { .. } => {}
            }
        }
        let held: Vec<Annotation> = seeds
            .ids
            .iter()
            .filter_map(|&id| set.get(id).cloned())
            .collect();
        for a in &held {
            seeds.spans.extend(a.spans.iter().cloned());
        }
        seeds
    }
}

impl Compare {
    /// A comparison of `mine` with `theirs` (rejected ones of theirs are
    /// left out), read from the sidecar named `file_name`.
    pub fn new(file_name: String, theirs: Vec<Annotation>, mine: &AnnotationSet) -> Compare {
        let counted = theirs
            .into_iter()
            .filter(|a| a.status != Status::Rejected)
            .collect();
        let mut compare = Compare {
            file_name,
            theirs: AnnotationSet::new(counted),
            disagreements: BTreeSet::new(),
            by_mine: HashMap::new(),
            by_theirs: HashMap::new(),
            current: None,
        };
        let all_mine: Vec<&Annotation> = mine.iter().filter(|a| counts(a)).collect();
        let all_theirs: Vec<&Annotation> = compare.theirs.iter().collect();
        for d in disagreements(&all_mine, &all_theirs) {
            compare.insert(d);
        }
        compare
    }

    /// How many disagreements are left.
    pub fn len(&self) -> usize {
        self.disagreements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.disagreements.is_empty()
    }

    /// Every disagreement, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Disagreement> {
        self.disagreements.iter()
    }

    /// Whether `d` is still a disagreement.
    pub fn contains(&self, d: &Disagreement) -> bool {
        self.disagreements.contains(d)
    }

    /// Whether my annotation `id` is part of a disagreement.
    pub fn disputes_mine(&self, id: u64) -> bool {
        self.by_mine.contains_key(&id)
    }

    /// Whether their annotation `id` is part of a disagreement.
    pub fn disputes_theirs(&self, id: u64) -> bool {
        self.by_theirs.contains_key(&id)
    }

    /// The disagreement `D` goes to from the cursor at `cursor`: the one
    /// after the current one when the cursor is still on it, else the first
    /// that starts at or after the cursor; wrapping around.
    pub fn next(&self, cursor: usize) -> Option<Disagreement> {
        let from = match self.current {
            Some(c) if c.start == cursor && self.contains(&c) => Bound::Excluded(c),
            _ => Bound::Included(Disagreement {
                start: cursor,
                mine: None,
                theirs: None,
            }),
        };
        self.disagreements
            .range((from, Bound::Unbounded))
            .next()
            .or_else(|| self.disagreements.first())
            .copied()
    }

    /// Brings the list up to date after an edit of `mine` that touched
    /// `seeds`. Everything connected to the seeds by overlaps in the state
    /// now is recomputed; that takes in everything that was connected to them
    /// before the edit as well (their annotations do not change, and mine
    /// that overlapped an edited one overlap its old spans, which are seeds),
    /// so no disagreement that the edit could change is left stale.
    pub fn refresh(&mut self, mine: &AnnotationSet, seeds: &Seeds) {
        let (mine_ids, theirs_ids) = self.connected(mine, &seeds.spans);
        let stale: Vec<Disagreement> = seeds
            .ids
            .iter()
            .chain(&mine_ids)
            .filter_map(|id| self.by_mine.get(id))
            .chain(theirs_ids.iter().filter_map(|id| self.by_theirs.get(id)))
            .copied()
            .collect();
        for d in stale {
            self.remove(d);
        }
        let mut now_mine: Vec<&Annotation> =
            mine_ids.iter().filter_map(|&id| mine.get(id)).collect();
        now_mine.sort_by_key(|a| a.order_key());
        let mut now_theirs: Vec<&Annotation> = theirs_ids
            .iter()
            .filter_map(|&id| self.theirs.get(id))
            .collect();
        now_theirs.sort_by_key(|a| a.order_key());
        for d in disagreements(&now_mine, &now_theirs) {
            self.insert(d);
        }
    }

    /// The ids of mine (that count) and of theirs connected to `seeds` by
    /// overlaps, on either side.
    fn connected(&self, mine: &AnnotationSet, seeds: &[Range<usize>]) -> (Vec<u64>, Vec<u64>) {
        let mut queue: Vec<Range<usize>> = seeds.to_vec();
        let (mut seen_mine, mut seen_theirs) = (HashSet::new(), HashSet::new());
        while let Some(range) = queue.pop() {
            for a in mine.overlapping(range.clone()) {
                if counts(a) && seen_mine.insert(a.id) {
                    queue.extend(a.spans.iter().cloned());
                }
            }
            for t in self.theirs.overlapping(range) {
                if seen_theirs.insert(t.id) {
                    queue.extend(t.spans.iter().cloned());
                }
            }
        }
        (
            seen_mine.into_iter().collect(),
            seen_theirs.into_iter().collect(),
        )
    }

    fn insert(&mut self, d: Disagreement) {
        if let Some(id) = d.mine {
            self.by_mine.insert(id, d);
        }
        if let Some(id) = d.theirs {
            self.by_theirs.insert(id, d);
        }
        self.disagreements.insert(d);
    }

    fn remove(&mut self, d: Disagreement) {
        if let Some(id) = d.mine {
            self.by_mine.remove(&id);
        }
        if let Some(id) = d.theirs {
            self.by_theirs.remove(&id);
        }
        self.disagreements.remove(&d);
    }
}

/// Whether one of my annotations takes part in the comparison.
fn counts(a: &Annotation) -> bool {
    a.status != Status::Rejected
}

/// Whether two annotations name different speakers: both name one, and
/// not the same.
pub fn speakers_differ(mine: &Annotation, theirs: &Annotation) -> bool {
    matches!((&mine.speaker, &theirs.speaker), (Some(m), Some(t)) if m != t)
}

/// The disagreements between `mine` and `theirs`, each in position order
/// and closed under overlap (see the module documentation).
pub fn disagreements(mine: &[&Annotation], theirs: &[&Annotation]) -> Vec<Disagreement> {
    let item = |a: &&Annotation| Item::new(a.id, &a.label, a.spans.iter().cloned());
    let a: Vec<Item> = mine.iter().map(item).collect();
    let b: Vec<Item> = theirs.iter().map(item).collect();
    agreement::reconcile(&a, &b)
        .into_iter()
        .filter_map(|p| {
            let (m, t) = match p {
                Paired::Same { a, b } if !speakers_differ(mine[a], theirs[b]) => return None,
                Paired::Same { a, b } | Paired::Differ { a, b } => (Some(mine[a]), Some(theirs[b])),
                Paired::OnlyA(a) => (Some(mine[a]), None),
                Paired::OnlyB(b) => (None, Some(theirs[b])),
            };
            let start = m.iter().chain(&t).map(|x| x.start()).min().unwrap_or(0);
            Some(Disagreement {
                start,
                mine: m.map(|x| x.id),
                theirs: t.map(|x| x.id),
            })
        })
        .collect()
}
