//! Pairing two editors' annotations for reconciling: every annotation in
//! exactly one place, a differing pair one difference, and the result over a
//! set closed under overlap the same as over everything.

use proptest::prelude::*;

use super::reconcile::{Paired, reconcile};
use super::{Item, common};

fn item(id: u64, label: &str, spans: &[(usize, usize)]) -> Item {
    Item::new(id, label, spans.iter().map(|&(s, e)| s..e))
}

#[test]
fn the_same_annotation_on_both_sides_is_one_same_pair() {
    let a = [item(1, "quote", &[(0, 10)]), item(2, "claim", &[(20, 30)])];
    let b = [item(8, "claim", &[(20, 30)]), item(9, "quote", &[(0, 10)])];
    assert_eq!(
        reconcile(&a, &b),
        [Paired::Same { a: 0, b: 1 }, Paired::Same { a: 1, b: 0 }]
    );
}

#[test]
fn a_shorter_span_or_another_label_is_one_difference_not_two() {
    // A quote [0,10) that B shortened; a claim [20,30) that B calls a quote.
    let a = [item(1, "quote", &[(0, 10)]), item(2, "claim", &[(20, 30)])];
    let b = [item(1, "quote", &[(0, 8)]), item(2, "quote", &[(20, 30)])];
    assert_eq!(
        reconcile(&a, &b),
        [Paired::Differ { a: 0, b: 0 }, Paired::Differ { a: 1, b: 1 }]
    );
}

#[test]
fn what_one_side_alone_has_is_listed_after_the_pairs() {
    let a = [item(1, "quote", &[(0, 10)]), item(2, "denial", &[(40, 50)])];
    let b = [item(1, "claim", &[(60, 70)]), item(2, "quote", &[(0, 10)])];
    assert_eq!(
        reconcile(&a, &b),
        [
            Paired::Same { a: 0, b: 1 },
            Paired::OnlyA(1),
            Paired::OnlyB(0)
        ]
    );
}

#[test]
fn the_same_label_pairs_before_another_label_overlapping_more() {
    // A: a quote [0,20). B: a claim on exactly [0,20) and a quote [0,5).
    // The quotes pair (same label, 5 in common) before the claim could
    // (another label, 20 in common); the claim is B's alone.
    let a = [item(1, "quote", &[(0, 20)])];
    let b = [item(1, "claim", &[(0, 20)]), item(2, "quote", &[(0, 5)])];
    assert_eq!(
        reconcile(&a, &b),
        [Paired::Differ { a: 0, b: 1 }, Paired::OnlyB(0)]
    );
}

#[test]
fn nested_annotations_pair_with_their_own_kind() {
    // Both tagged a quote with a denial inside; B's denial is a word longer.
    let a = [item(1, "quote", &[(0, 40)]), item(2, "denial", &[(10, 20)])];
    let b = [item(5, "quote", &[(0, 40)]), item(6, "denial", &[(10, 25)])];
    assert_eq!(
        reconcile(&a, &b),
        [Paired::Same { a: 0, b: 0 }, Paired::Differ { a: 1, b: 1 }]
    );
}

#[test]
fn disjoint_annotations_never_pair() {
    let a = [item(1, "quote", &[(0, 10)])];
    let b = [item(1, "quote", &[(10, 20)])];
    assert_eq!(reconcile(&a, &b), [Paired::OnlyA(0), Paired::OnlyB(0)]);
    assert_eq!(reconcile(&[], &[]), []);
}

fn items() -> impl Strategy<Value = Vec<Item>> {
    let one = (
        prop_oneof![Just("quote"), Just("claim"), Just("denial")],
        prop::collection::vec((0usize..80, 1usize..15), 1..3),
    );
    prop::collection::vec(one, 0..14).prop_map(|v| {
        let mut items: Vec<Item> = v
            .into_iter()
            .enumerate()
            .map(|(i, (label, spans))| {
                Item::new(i as u64, label, spans.into_iter().map(|(s, l)| s..s + l))
            })
            .collect();
        // In position order, as the annotator holds them.
        items.sort_by_key(|x| (x.spans[0].start, x.id));
        items
    })
}

/// The indexes of `a` and `b` connected to `a[0]` by overlaps between the
/// two sides, each sorted: a set that everything overlapping it is in.
fn component(a: &[Item], b: &[Item]) -> (Vec<usize>, Vec<usize>) {
    let (mut in_a, mut in_b) = (vec![false; a.len()], vec![false; b.len()]);
    in_a[0] = true;
    let mut grew = true;
    while grew {
        grew = false;
        for i in 0..a.len() {
            for j in 0..b.len() {
                if in_a[i] != in_b[j] && common(&a[i].spans, &b[j].spans) > 0 {
                    (in_a[i], in_b[j], grew) = (true, true, true);
                }
            }
        }
    }
    let set = |flags: Vec<bool>| (0..flags.len()).filter(|&i| flags[i]).collect();
    (set(in_a), set(in_b))
}

proptest! {
    #[test]
    fn every_annotation_is_in_exactly_one_place(a in items(), b in items()) {
        let paired = reconcile(&a, &b);
        let mut seen_a = vec![0; a.len()];
        let mut seen_b = vec![0; b.len()];
        for p in &paired {
            match *p {
                Paired::Same { a: i, b: j } => {
                    prop_assert_eq!(&a[i].label, &b[j].label);
                    prop_assert_eq!(&a[i].spans, &b[j].spans);
                    seen_a[i] += 1;
                    seen_b[j] += 1;
                }
                Paired::Differ { a: i, b: j } => {
                    prop_assert!(common(&a[i].spans, &b[j].spans) > 0);
                    prop_assert!(a[i].label != b[j].label || a[i].spans != b[j].spans);
                    seen_a[i] += 1;
                    seen_b[j] += 1;
                }
                Paired::OnlyA(i) => seen_a[i] += 1,
                Paired::OnlyB(j) => seen_b[j] += 1,
            }
        }
        prop_assert!(seen_a.iter().chain(&seen_b).all(|&n| n == 1), "{:?}", paired);
        // Nothing left alone on both sides overlaps: it would have paired.
        for p in &paired {
            if let Paired::OnlyA(i) = *p {
                for q in &paired {
                    if let Paired::OnlyB(j) = *q {
                        prop_assert!(common(&a[i].spans, &b[j].spans) == 0);
                    }
                }
            }
        }
    }

    #[test]
    fn a_set_closed_under_overlap_pairs_as_it_does_among_everything(
        a in items(),
        b in items(),
    ) {
        prop_assume!(!a.is_empty());
        let (some_a, some_b) = component(&a, &b);
        let sub_a: Vec<Item> = some_a.iter().map(|&i| a[i].clone()).collect();
        let sub_b: Vec<Item> = some_b.iter().map(|&j| b[j].clone()).collect();
        let mut alone: Vec<Paired> = reconcile(&sub_a, &sub_b)
            .into_iter()
            .map(|p| match p {
                Paired::Same { a, b } => Paired::Same { a: some_a[a], b: some_b[b] },
                Paired::Differ { a, b } => Paired::Differ { a: some_a[a], b: some_b[b] },
                Paired::OnlyA(a) => Paired::OnlyA(some_a[a]),
                Paired::OnlyB(b) => Paired::OnlyB(some_b[b]),
            })
            .collect();
        let mut everything: Vec<Paired> = reconcile(&a, &b)
            .into_iter()
            .filter(|p| match *p {
                Paired::Same { a, .. } | Paired::Differ { a, .. } | Paired::OnlyA(a) => {
                    some_a.contains(&a)
                }
                Paired::OnlyB(b) => some_b.contains(&b),
            })
            .collect();
        let key = |p: &Paired| format!("{p:?}");
        alone.sort_by_key(key);
        everything.sort_by_key(key);
        prop_assert_eq!(alone, everything);
    }
}
