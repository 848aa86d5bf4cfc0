//! Tests of the annotation set: order, lookups, counts, ids, position queries.

use std::collections::BTreeMap;
use std::ops::Range;

use proptest::prelude::*;

use super::testing::{TEXT, annotation, any_annotation};
use super::{Annotation, AnnotationSet, MAX_ID, Status};

fn at(needle: &str) -> Range<usize> {
    let start = TEXT.find(needle).expect("the test text holds the needle");
    start..start + needle.len()
}

fn ids(found: &[&Annotation]) -> Vec<u64> {
    found.iter().map(|a| a.id).collect()
}

fn order(set: &AnnotationSet) -> Vec<u64> {
    set.iter().map(|a| a.id).collect()
}

/// Everything the set answers, checked against its own contents.
fn assert_consistent(set: &AnnotationSet) {
    let items: Vec<&Annotation> = set.iter().collect();
    assert!(
        items
            .windows(2)
            .all(|w| w[0].order_key() < w[1].order_key())
    );
    for (i, a) in items.iter().enumerate() {
        assert_eq!(set.index_of(a.id), Some(i));
        assert_eq!(set.get(a.id), Some(*a));
        assert_eq!(set.nth(i), Some(*a));
        assert!(set.next_id() > a.id);
    }
    let mut counts = BTreeMap::new();
    for a in &items {
        *counts.entry(a.label.clone()).or_insert(0) += 1;
    }
    assert_eq!(set.counts(), &counts);
    let mut speakers = BTreeMap::new();
    for speaker in items.iter().filter_map(|a| a.speaker.as_ref()) {
        *speakers.entry(speaker.clone()).or_insert(0) += 1;
    }
    assert_eq!(set.speakers(), &speakers);
    for status in Status::ALL {
        let n = items.iter().filter(|a| a.status == status).count();
        assert_eq!(set.with_status(status), n, "{status:?}");
    }
    assert_eq!(set.len(), items.len());
    assert_eq!(set.is_empty(), items.is_empty());
    assert_eq!(set.facets().len(), items.len());
    for (facet, a) in set.facets().iter().zip(&items) {
        assert_eq!(facet.key, a.order_key());
        assert_eq!(set.names().name(facet.label), a.label);
        let speaker = facet.speaker.map(|s| set.names().name(s));
        assert_eq!(speaker, a.speaker.as_deref());
        assert_eq!(facet.status, a.status);
    }
}

#[test]
fn orders_by_first_start_then_id() {
    let set = AnnotationSet::new(vec![
        annotation(5, "quote", vec![at("中文")]),
        annotation(3, "claim", vec![at("«non»"), at("中文")]),
        annotation(1, "claim", vec![at("中文")]),
        annotation(9, "denial", vec![at("e\u{301}té")]),
    ]);
    assert_eq!(order(&set), vec![9, 3, 1, 5]);
    assert_consistent(&set);
}

#[test]
fn insert_keeps_the_order_and_replaces_the_same_id() {
    let mut set = AnnotationSet::default();
    set.insert(annotation(2, "quote", vec![at("🇫🇷🇩🇪")]));
    set.insert(annotation(7, "claim", vec![at("e\u{301}té")]));
    set.insert(annotation(4, "quote", vec![at("שלום")]));
    assert_eq!(order(&set), vec![7, 2, 4]);

    // Same id, new place and label: moved, not duplicated, counts follow.
    set.insert(annotation(7, "denial", vec![at("tab")]));
    assert_eq!(order(&set), vec![2, 4, 7]);
    assert_eq!(set.get(7).map(|a| a.label.as_str()), Some("denial"));
    assert_eq!(set.counts().get("claim"), None);
    assert_eq!(set.counts().get("denial"), Some(&1));
    assert_eq!(set.counts().get("quote"), Some(&2));
    assert_consistent(&set);
}

#[test]
fn remove_gives_back_the_annotation_once() {
    let quote = annotation(1, "引用 🇫🇷", vec![at("👩\u{200d}👩\u{200d}👧")]);
    let mut set = AnnotationSet::new(vec![quote.clone(), annotation(2, "claim", vec![at("tab")])]);
    assert_eq!(set.remove(1), Some(quote));
    assert_eq!(set.remove(1), None);
    assert_eq!(set.index_of(1), None);
    assert_eq!(set.counts().get("引用 🇫🇷"), None);
    assert_eq!(order(&set), vec![2]);
    assert_consistent(&set);
    assert_eq!(set.remove(2).map(|a| a.id), Some(2));
    assert!(set.is_empty());
    assert!(set.overlapping(0..TEXT.len()).is_empty());
}

#[test]
fn next_id_never_reuses_an_id() {
    let mut set = AnnotationSet::default();
    assert_eq!(set.next_id(), 1);
    set.insert(annotation(3, "quote", vec![at("tab")]));
    assert_eq!(set.next_id(), 4);
    set.remove(3);
    assert_eq!(set.next_id(), 4);
    set.reserve_ids([10]);
    assert_eq!(set.next_id(), 11);
    set.reserve_ids([2]);
    assert_eq!(set.next_id(), 11);
    assert_eq!(
        AnnotationSet::new(vec![annotation(8, "q", vec![at("tab")])]).next_id(),
        9
    );
}

#[test]
fn at_the_greatest_id_new_ids_fill_the_gaps_and_never_collide() {
    let mut set = AnnotationSet::new(vec![
        annotation(MAX_ID, "quote", vec![at("tab")]),
        annotation(1, "quote", vec![at("tab")]),
    ]);
    set.reserve_ids([2, 4]);
    let mut given = Vec::new();
    for _ in 0..5 {
        let id = set.next_id();
        assert!(id <= MAX_ID && set.get(id).is_none(), "{id} is taken");
        set.insert(annotation(id, "claim", vec![at("tab")]));
        given.push(id);
    }
    assert_eq!(given, [3, 5, 6, 7, 8]);
    // An id freed below is taken again: past the limit there is no other.
    set.remove(5);
    assert_eq!(set.next_id(), 5);
}

#[test]
fn finds_nested_overlapping_multi_span_and_long_annotations() {
    let whole = 0..TEXT.len();
    let set = AnnotationSet::new(vec![
        // Long: from the first grapheme to the end, reaches everything.
        annotation(1, "quote", vec![whole.clone()]),
        // Nested in 1, and 3 nested in it.
        annotation(2, "claim", vec![at("中文的报道 שלום")]),
        annotation(3, "denial", vec![at("的报")]),
        // Partly overlapping 2.
        annotation(4, "claim", vec![at("报道 שלום עולם")]),
        // Two spans with a gap over the flags.
        annotation(5, "quote", vec![at("«non»"), at("中文")]),
    ]);
    let flags = at("🇫🇷🇩🇪");
    assert_eq!(ids(&set.at(flags.start)), vec![1]);
    assert_eq!(ids(&set.overlapping(flags.clone())), vec![1]);
    assert_eq!(ids(&set.at(at("中").start)), vec![1, 5, 2]);
    assert_eq!(ids(&set.at(at("的").start)), vec![1, 2, 3]);
    assert_eq!(ids(&set.at(at("道").start)), vec![1, 2, 4]);
    assert_eq!(ids(&set.at(at("עולם").start)), vec![1, 4]);
    assert_eq!(ids(&set.overlapping(at("non"))), vec![1, 5]);
    // An empty range finds what holds its position.
    let inside = at("报").start;
    assert_eq!(ids(&set.overlapping(inside..inside)), vec![1, 2, 3, 4]);
    // A span's end is not inside it.
    let end_of_3 = at("的报").end;
    assert_eq!(ids(&set.at(end_of_3)), vec![1, 2, 4]);
    assert_eq!(
        ids(&set.overlapping(whole.end..whole.end)),
        Vec::<u64>::new()
    );
}

/// What `overlapping` must answer, by looking at every annotation.
fn naive_overlapping(set: &AnnotationSet, range: &Range<usize>) -> Vec<u64> {
    set.iter()
        .filter(|a| {
            a.spans.iter().any(|s| {
                if range.is_empty() {
                    s.start <= range.start && range.start < s.end
                } else {
                    s.start < range.end && range.start < s.end
                }
            })
        })
        .map(|a| a.id)
        .collect()
}

#[derive(Debug, Clone)]
enum Op {
    Insert(Annotation),
    Remove(u64),
}

fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any_annotation().prop_map(Op::Insert),
        1 => (1u64..12).prop_map(Op::Remove),
    ]
}

proptest! {
    #[test]
    fn position_queries_match_a_naive_filter(
        ops in prop::collection::vec(any_op(), 0..40),
        queries in prop::collection::vec((0..TEXT.len() + 2, 0usize..40), 1..20),
    ) {
        let mut set = AnnotationSet::default();
        for op in ops {
            match op {
                Op::Insert(a) => set.insert(a),
                Op::Remove(id) => {
                    set.remove(id);
                }
            }
        }
        assert_consistent(&set);
        for (start, len) in queries {
            let range = start..start + len;
            prop_assert_eq!(ids(&set.overlapping(range.clone())), naive_overlapping(&set, &range));
            let point = start..start;
            prop_assert_eq!(ids(&set.at(start)), naive_overlapping(&set, &point));
        }
    }

    #[test]
    fn new_orders_like_inserting_one_by_one(
        annotations in prop::collection::vec(any_annotation(), 0..20),
    ) {
        let mut unique: BTreeMap<u64, Annotation> = BTreeMap::new();
        for a in annotations {
            unique.insert(a.id, a);
        }
        let all: Vec<Annotation> = unique.into_values().collect();
        let built = AnnotationSet::new(all.iter().rev().cloned().collect());
        let mut inserted = AnnotationSet::default();
        for a in all {
            inserted.insert(a);
        }
        assert_consistent(&built);
        let built: Vec<&Annotation> = built.iter().collect();
        let inserted: Vec<&Annotation> = inserted.iter().collect();
        prop_assert_eq!(built, inserted);
    }
}

#[test]
fn first_starting_from_finds_the_first_annotation_at_or_after_a_byte() {
    let family = at("👩\u{200d}👩\u{200d}👧");
    let han = at("中文");
    let set = AnnotationSet::new(vec![
        annotation(1, "quote", vec![han.clone()]),
        annotation(2, "claim", vec![at("中")]),
        annotation(3, "denial", vec![family.clone()]),
    ]);
    // In order: 3 (the family emoji), then 1 and 2 (both at 中).
    assert_eq!(order(&set), vec![3, 1, 2]);
    assert_eq!(set.first_starting_from(0), 0);
    assert_eq!(set.first_starting_from(family.start), 0);
    assert_eq!(set.first_starting_from(family.start + 1), 1);
    assert_eq!(set.first_starting_from(han.start), 1);
    assert_eq!(set.first_starting_from(han.start + 1), 3);
}

proptest! {
    #[test]
    fn extending_in_batches_holds_what_new_holds(
        annotations in prop::collection::vec(any_annotation(), 0..30),
        cuts in prop::collection::vec(0usize..30, 0..4),
        sorted in any::<bool>(),
        queries in prop::collection::vec((0..TEXT.len() + 2, 0usize..40), 1..10),
    ) {
        let mut unique: BTreeMap<u64, Annotation> = BTreeMap::new();
        for a in annotations {
            unique.insert(a.id, a);
        }
        let mut all: Vec<Annotation> = unique.into_values().collect();
        if sorted {
            all.sort_by_key(Annotation::order_key);
        }
        let built = AnnotationSet::new(all.clone());
        let mut extended = AnnotationSet::default();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(all.len())).collect();
        cuts.sort_unstable();
        cuts.push(all.len());
        let mut from = 0;
        for cut in cuts {
            extended.extend(all[from..cut].iter().cloned());
            from = cut;
        }
        assert_consistent(&extended);
        prop_assert_eq!(order(&extended), order(&built));
        prop_assert_eq!(extended.counts(), built.counts());
        prop_assert_eq!(extended.speakers(), built.speakers());
        prop_assert_eq!(extended.next_id(), built.next_id());
        for (start, len) in queries {
            let range = start..start + len;
            prop_assert_eq!(ids(&extended.overlapping(range.clone())), naive_overlapping(&built, &range));
        }
    }
}

#[test]
fn extend_adds_many_as_inserting_each_would() {
    let spans = ["tab", "«non»", "👩", "中文", "שלום"];
    let old: Vec<Annotation> = (1..=3)
        .map(|i| annotation(i, "quote", vec![at(spans[i as usize])]))
        .collect();
    let new: Vec<Annotation> = (0..5u64)
        .map(|i| annotation(10 + i, "claim", vec![at(spans[(4 - i) as usize])]))
        .collect();
    let mut one_by_one = AnnotationSet::new(old.clone());
    for a in new.clone() {
        one_by_one.insert(a);
    }
    let mut extended = AnnotationSet::new(old);
    extended.extend(new);
    let ids = |set: &AnnotationSet| set.iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(ids(&extended), ids(&one_by_one));
    assert_eq!(extended.counts(), one_by_one.counts());
    assert_eq!(extended.next_id(), 15);
    for span in spans {
        let ids_at = |set: &AnnotationSet| {
            set.overlapping(at(span))
                .iter()
                .map(|a| a.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids_at(&extended), ids_at(&one_by_one), "at {span}");
    }
}

#[test]
fn extend_replacing_an_id_among_new_ones_keeps_every_facet_with_its_annotation() {
    let old = vec![
        annotation(1, "quote", vec![at("«non»")]),
        annotation(2, "quote", vec![at("שלום")]),
    ];
    let mut replaced = annotation(1, "denial", vec![at("👩")]);
    replaced.speaker = Some("Zoë".into());
    let batch = vec![
        annotation(7, "claim", vec![at("中文")]),
        replaced,
        annotation(8, "claim", vec![at("tab")]),
    ];
    let mut set = AnnotationSet::new(old);
    set.extend(batch);
    assert_consistent(&set);
    assert_eq!(set.get(1).map(|a| a.label.as_str()), Some("denial"));
    assert_eq!(set.len(), 4);
}

#[test]
fn fresh_ids_are_above_every_id_and_below_the_limit() {
    let mut set = AnnotationSet::new(vec![annotation(5, "quote", vec![at("tab")])]);
    set.reserve_ids([9]);
    assert_eq!(set.fresh_ids(3), Some(10..13));
    assert_eq!(set.fresh_ids(0), Some(10..10));
    set.reserve_ids([MAX_ID - 2]);
    assert_eq!(set.fresh_ids(2), Some(MAX_ID - 1..MAX_ID + 1));
    assert_eq!(set.fresh_ids(3), None);
    set.reserve_ids([MAX_ID]);
    assert_eq!(set.fresh_ids(1), None);
}
