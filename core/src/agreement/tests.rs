//! Agreement figures against values worked by hand. Each test writes the
//! working: counts `a`, `b`, `m` (matched), and the char table `n11` (both
//! in), `n10` (only A), `n01` (only B), `n00` (neither), with
//! kappa = 2(n11·n00 − n10·n01) / ((n11+n10)(n10+n00) + (n11+n01)(n01+n00)).

use proptest::prelude::*;

use super::*;
use crate::annotation::testing::annotation;
use crate::annotation::{Origin, Status};
use crate::store::format::SpanRecord;

fn item(id: u64, label: &str, spans: &[(usize, usize)]) -> Item {
    Item::new(id, label, spans.iter().map(|&(s, e)| s..e))
}

fn close(got: Option<f64>, expected: f64) -> bool {
    got.is_some_and(|g| (g - expected).abs() < 1e-9)
}

/// Asserts precision, recall and F1 of `counts` (`None` for undefined).
fn assert_prf(counts: Counts, p: Option<f64>, r: Option<f64>, f1: Option<f64>) {
    for (what, got, expected) in [
        ("precision", counts.precision(), p),
        ("recall", counts.recall(), r),
        ("F1", counts.f1(), f1),
    ] {
        match expected {
            Some(e) => assert!(close(got, e), "{what}: {got:?}, expected {e} ({counts:?})"),
            None => assert_eq!(got, None, "{what} should be undefined ({counts:?})"),
        }
    }
}

fn pairs(a: &[Item], b: &[Item], rule: Rule) -> Vec<(usize, usize)> {
    matching(a, b, rule).iter().map(|p| (p.a, p.b)).collect()
}

#[test]
fn identical_files_agree_fully() {
    // A = B = {quote [0,10), claim [20,30)}, 100 chars.
    // Per label a = b = m = 1: P = R = F1 = 1.
    // quote: n11 = 10, n10 = n01 = 0, n00 = 90: kappa = 2·900 / (10·90 + 10·90) = 1.
    // Overall (pooled): n11 = 20, n00 = 180: kappa = 1.
    let a = [item(1, "quote", &[(0, 10)]), item(2, "claim", &[(20, 30)])];
    let c = compare(&a, &a, 100);
    for name in ["quote", "claim"] {
        let f = c.labels[name];
        assert_eq!(
            f.exact,
            Counts {
                a: 1,
                b: 1,
                matched: 1
            }
        );
        assert_eq!(f.overlap, f.exact);
        assert_eq!(
            f.chars,
            CharTable {
                both: 10,
                only_a: 0,
                only_b: 0,
                neither: 90
            }
        );
        assert!(close(f.chars.kappa(), 1.0));
    }
    let all = c.overall();
    assert_prf(all.exact, Some(1.0), Some(1.0), Some(1.0));
    assert_eq!(all.chars.chars(), 200, "every (char, label) pair once");
    assert!(close(all.chars.kappa(), 1.0));
}

#[test]
fn disjoint_spans_do_not_match() {
    // A quote [0,10), B quote [20,30), 100 chars.
    // a = b = 1, m = 0: P = R = F1 = 0, exact and overlap alike.
    // n11 = 0, n10 = 10, n01 = 10, n00 = 80:
    // kappa = 2(0·80 − 10·10) / (10·90 + 10·90) = −200 / 1800 = −1/9.
    let c = compare(
        &[item(1, "quote", &[(0, 10)])],
        &[item(1, "quote", &[(20, 30)])],
        100,
    );
    let f = c.labels["quote"];
    assert_prf(f.exact, Some(0.0), Some(0.0), Some(0.0));
    assert_prf(f.overlap, Some(0.0), Some(0.0), Some(0.0));
    assert!(close(f.chars.kappa(), -1.0 / 9.0), "{:?}", f.chars.kappa());
}

#[test]
fn nested_spans_match_by_overlap_one_to_one() {
    // A quote [0,50); B quotes [10,20) and [30,40), inside it; 100 chars.
    // Exact: m = 0 → P = 0/2, R = 0/1, F1 = 0.
    // Overlap: both B's overlap A's by 10 with the same union (50): the tie
    // goes to B's first; A's one annotation matches only one, m = 1:
    // P = 1/2, R = 1/1, F1 = 2·1/(1+2) = 2/3.
    // n11 = 20, n10 = 30, n01 = 0, n00 = 50:
    // kappa = 2(20·50 − 30·0) / (50·80 + 20·50) = 2000 / 5000 = 0.4
    // (po = 0.7, pe = 0.5·0.2 + 0.5·0.8 = 0.5, (0.7 − 0.5)/(1 − 0.5) = 0.4).
    let a = [item(1, "quote", &[(0, 50)])];
    let b = [item(1, "quote", &[(10, 20)]), item(2, "quote", &[(30, 40)])];
    assert_eq!(pairs(&a, &b, Rule::Overlap), [(0, 0)]);
    let f = compare(&a, &b, 100).labels["quote"];
    assert_prf(f.exact, Some(0.0), Some(0.0), Some(0.0));
    assert_prf(f.overlap, Some(0.5), Some(1.0), Some(2.0 / 3.0));
    assert_eq!(
        f.chars,
        CharTable {
            both: 20,
            only_a: 30,
            only_b: 0,
            neither: 50
        }
    );
    assert!(close(f.chars.kappa(), 0.4));
}

#[test]
fn partly_overlapping_spans_match_the_largest_overlap_first() {
    // A claim [0,30); B claims [0,8), [10,25), [27,40); 50 chars.
    // Overlaps with A's: 8, 15, 3 → the pair with B's second (15) is taken;
    // m = 1: P = 1/3, R = 1, F1 = 2/(1+3) = 0.5.
    // A covers 30, B covers 8 + 15 + 13 = 36, in common 8 + 15 + 3 = 26:
    // n11 = 26, n10 = 4, n01 = 10, n00 = 50 − 26 − 4 − 10 = 10;
    // kappa = 2(26·10 − 4·10) / (30·14 + 36·20) = 440 / 1140 = 22/57.
    let a = [item(1, "claim", &[(0, 30)])];
    let b = [
        item(1, "claim", &[(0, 8)]),
        item(2, "claim", &[(10, 25)]),
        item(3, "claim", &[(27, 40)]),
    ];
    let found = matching(&a, &b, Rule::Overlap);
    assert_eq!(
        found,
        [Pair {
            a: 0,
            b: 1,
            common: 15
        }]
    );
    let f = compare(&a, &b, 50).labels["claim"];
    assert_prf(f.overlap, Some(1.0 / 3.0), Some(1.0), Some(0.5));
    assert_prf(f.exact, Some(0.0), Some(0.0), Some(0.0));
    assert!(close(f.chars.kappa(), 22.0 / 57.0), "{:?}", f.chars);
}

#[test]
fn one_long_span_cannot_match_three() {
    // B's one long claim overlaps all three of A's: it matches one of them.
    // a = 3, b = 1, m = 1: P = 1, R = 1/3, F1 = 2/4.
    let a = [
        item(1, "claim", &[(0, 5)]),
        item(2, "claim", &[(10, 20)]),
        item(3, "claim", &[(25, 30)]),
    ];
    let b = [item(1, "claim", &[(0, 30)])];
    assert_eq!(
        pairs(&a, &b, Rule::Overlap),
        [(1, 0)],
        "the biggest overlap"
    );
    let f = compare(&a, &b, 30).labels["claim"];
    assert_prf(f.overlap, Some(1.0), Some(1.0 / 3.0), Some(0.5));
}

#[test]
fn on_a_tie_the_closer_fit_wins() {
    // A's [0,100) and [0,10) both share 10 with B's [0,10); the exact fit
    // (union 10, not 100) is taken, though A's first comes first.
    let a = [item(1, "quote", &[(0, 100)]), item(2, "quote", &[(0, 10)])];
    let b = [item(1, "quote", &[(0, 10)])];
    assert_eq!(pairs(&a, &b, Rule::Overlap), [(1, 0)]);
    assert_eq!(pairs(&a, &b, Rule::Exact), [(1, 0)]);
}

#[test]
fn a_joined_annotation_is_one_unit() {
    // A: one quote of two spans [0,10) + [20,30). B: the same two spans as
    // two quotes; 40 chars.
    // Exact: no B covers A's chars exactly, m = 0.
    // Overlap: A's one annotation matches one of B's, m = 1:
    // P = 1/2, R = 1, F1 = 2/3.
    // The same chars are marked: n11 = 20, n00 = 20, kappa = 1.
    let a = [item(1, "quote", &[(0, 10), (20, 30)])];
    let b = [item(1, "quote", &[(0, 10)]), item(2, "quote", &[(20, 30)])];
    let f = compare(&a, &b, 40).labels["quote"];
    assert_prf(f.exact, Some(0.0), Some(0.0), Some(0.0));
    assert_prf(f.overlap, Some(0.5), Some(1.0), Some(2.0 / 3.0));
    assert!(close(f.chars.kappa(), 1.0));

    // Joined the same way on both sides, it matches exactly (a = b = m = 1);
    // so do spans that only touch where the other has one span.
    let joined = [item(7, "quote", &[(20, 30), (0, 10)])];
    assert_eq!(pairs(&a, &joined, Rule::Exact), [(0, 0)]);
    let touching = [item(1, "quote", &[(0, 5), (5, 10)])];
    assert_eq!(
        pairs(&touching, &[item(1, "quote", &[(0, 10)])], Rule::Exact),
        [(0, 0)]
    );
}

#[test]
fn labels_must_agree_to_match() {
    // A quote [0,10), B claim [0,10); 100 chars.
    // quote: a = 1, b = 0, m = 0: P undefined, R = 0, F1 = 0;
    //   n10 = 10, n00 = 90: kappa = 2(0 − 0) / (10·90 + 0) = 0.
    // claim: a = 0, b = 1: P = 0, R undefined, F1 = 0.
    // Overall: a = b = 1, m = 0: P = R = F1 = 0; pooled over both labels,
    //   n11 = 0, n10 = 10, n01 = 10, n00 = 90 + 90 = 180:
    //   kappa = 2(0·180 − 10·10) / (10·190 + 10·190) = −200 / 3800 = −1/19.
    let c = compare(
        &[item(1, "quote", &[(0, 10)])],
        &[item(1, "claim", &[(0, 10)])],
        100,
    );
    assert_prf(c.labels["quote"].overlap, None, Some(0.0), Some(0.0));
    assert_prf(c.labels["claim"].overlap, Some(0.0), None, Some(0.0));
    assert!(close(c.labels["quote"].chars.kappa(), 0.0));
    let all = c.overall();
    assert_prf(all.overlap, Some(0.0), Some(0.0), Some(0.0));
    assert!(close(all.chars.kappa(), -1.0 / 19.0), "{:?}", all.chars);
}

#[test]
fn empty_files_have_undefined_figures_not_nan() {
    // Nothing on either side: no labels, a = b = m = 0, an empty table.
    let c = compare(&[], &[], 100);
    assert!(c.labels.is_empty());
    let all = c.overall();
    assert_prf(all.exact, None, None, None);
    assert_eq!(all.chars.kappa(), None);

    // Only A marked: P undefined (B has none), R = F1 = 0; B marks no char
    // and A some: n10 = 10, n00 = 90, kappa = 0 (defined).
    let c = compare(&[item(1, "quote", &[(0, 10)])], &[], 100);
    let f = c.labels["quote"];
    assert_prf(f.overlap, None, Some(0.0), Some(0.0));
    assert!(close(f.chars.kappa(), 0.0));

    // An empty article: no chars, no kappa.
    assert_eq!(CharTable::default().kappa(), None);
}

#[test]
fn kappa_is_undefined_when_both_mark_everything() {
    // A and B both quote all 100 chars: n11 = 100, the rest 0; chance
    // agreement is certain (pe = 1), so kappa is undefined; P = R = F1 = 1.
    let all = [item(1, "quote", &[(0, 100)])];
    let f = compare(&all, &all, 100).labels["quote"];
    assert_eq!(f.chars.kappa(), None);
    assert_prf(f.exact, Some(1.0), Some(1.0), Some(1.0));
    // A marks everything, B nothing: pe = 0, po = 0, kappa = 0.
    let f = compare(&all, &[item(1, "claim", &[(0, 1)])], 100).labels["quote"];
    assert!(close(f.chars.kappa(), 0.0));
}

#[test]
fn offsets_past_the_article_are_not_counted_as_chars() {
    let f = compare(
        &[item(1, "quote", &[(90, 150)])],
        &[item(1, "quote", &[(95, 100)])],
        100,
    )
    .labels["quote"];
    assert_eq!(f.chars.chars(), 100);
    assert_eq!(f.chars.only_a, 5);
}

#[test]
fn articles_add_up_and_an_unused_label_counts_all_chars_as_neither() {
    // Article 1 (100 chars): quote [0,10) both. Article 2 (50 chars): claim
    // [0,5) in A only. Together quote has n11 = 10, n00 = 90 + 50; claim has
    // n10 = 5, n00 = 100 + 45.
    let mut total = compare(
        &[item(1, "quote", &[(0, 10)])],
        &[item(1, "quote", &[(0, 10)])],
        100,
    );
    total += &compare(&[item(1, "claim", &[(0, 5)])], &[], 50);
    assert_eq!(total.chars, 150);
    assert_eq!(
        total.labels["quote"].chars,
        CharTable {
            both: 10,
            only_a: 0,
            only_b: 0,
            neither: 140
        }
    );
    assert_eq!(
        total.labels["claim"].chars,
        CharTable {
            both: 0,
            only_a: 5,
            only_b: 0,
            neither: 145
        }
    );
    assert_eq!(
        total.overall().exact,
        Counts {
            a: 2,
            b: 1,
            matched: 1
        }
    );
    assert_eq!(total.overall().chars.chars(), 300);
}

#[test]
fn rejected_annotations_are_left_out() {
    let mut kept = annotation(1, "quote", std::iter::once(0..4).collect());
    kept.status = Status::Pending;
    let mut rejected = annotation(2, "quote", std::iter::once(5..9).collect());
    rejected.status = Status::Rejected;
    assert_eq!(
        Item::from_annotation(&kept),
        Some(item(1, "quote", &[(0, 4)]))
    );
    assert_eq!(Item::from_annotation(&rejected), None);

    let record = |status| Record {
        id: 3,
        label: "claim".into(),
        spans: vec![
            SpanRecord {
                start: 10,
                end: 12,
                text: "ab".into(),
            },
            SpanRecord {
                start: 2,
                end: 4,
                text: "cd".into(),
            },
        ],
        prefix: String::new(),
        suffix: String::new(),
        speaker: None,
        note: None,
        status,
        origin: Origin::Imported,
        author: "ed".into(),
        created: String::new(),
        modified: String::new(),
    };
    assert_eq!(
        Item::from_record(&record(Status::Accepted)),
        Some(item(3, "claim", &[(2, 4), (10, 12)]))
    );
    assert_eq!(Item::from_record(&record(Status::Rejected)), None);
}

/// Items of two labels with one to three spans in a text of 60.
fn items() -> impl Strategy<Value = Vec<Item>> {
    let one = (
        prop_oneof![Just("quote"), Just("claim")],
        prop::collection::vec((0usize..60, 1usize..15), 1..4),
    );
    prop::collection::vec(one, 0..12).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (label, spans))| {
                Item::new(i as u64, label, spans.into_iter().map(|(s, l)| s..s + l))
            })
            .collect()
    })
}

/// Every overlapping pair, found the slow way.
fn all_overlapping(a: &[Item], b: &[Item]) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let n = common(&x.spans, &y.spans);
            if x.label == y.label && n > 0 {
                found.push((i, j, n));
            }
        }
    }
    found
}

proptest! {
    #[test]
    fn matching_is_one_to_one_and_maximal_for_the_greedy_order(a in items(), b in items()) {
        let all = all_overlapping(&a, &b);
        for rule in [Rule::Exact, Rule::Overlap] {
            let found = matching(&a, &b, rule);
            let mut seen_a: Vec<usize> = found.iter().map(|p| p.a).collect();
            let mut seen_b: Vec<usize> = found.iter().map(|p| p.b).collect();
            seen_a.dedup();
            seen_b.sort_unstable();
            seen_b.dedup();
            prop_assert_eq!(seen_a.len(), found.len(), "an item of A matched twice");
            prop_assert_eq!(seen_b.len(), found.len(), "an item of B matched twice");
            for p in &found {
                prop_assert!(all.contains(&(p.a, p.b, p.common)));
                if rule == Rule::Exact {
                    prop_assert_eq!(&a[p.a].spans, &b[p.b].spans);
                }
            }
            if rule == Rule::Overlap {
                // No overlapping pair is left with both sides unmatched.
                for &(i, j, _) in &all {
                    prop_assert!(found.iter().any(|p| p.a == i || p.b == j));
                }
            }
        }
        // Figures stay in range and kappa is never NaN.
        let c = compare(&a, &b, 80);
        let all = c.overall();
        for f in c.labels.values().chain([&all]) {
            for v in [f.exact.precision(), f.exact.recall(), f.overlap.f1()].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&v));
            }
            prop_assert!(f.exact.matched <= f.overlap.matched);
            if let Some(k) = f.chars.kappa() {
                prop_assert!((-1.0..=1.0).contains(&k), "{}", k);
            }
        }
    }
}
