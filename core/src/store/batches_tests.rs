//! Tests of reading a sidecar in batches: together, the batches and what is
//! left are what [`load`] reads, whatever the file holds.

use std::path::Path;
use std::sync::Arc;

use super::format_tests::{annotation, render_all};
use super::{Loaded, Sidecar, StoreError, load, load_in_batches};
use crate::annotation::Annotation;
use crate::article::Article;

/// `n` paragraphs with Unicode trouble in each: combining marks, a ZWJ
/// family, a flag, CJK, right-to-left text, a tab and a CR LF.
fn article_text(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!("Zoë e\u{301} said «{i}» 👩\u{200d}👩\u{200d}👧 🇫🇷 東京 שלום\tok.\r\n\r\n")
        })
        .collect()
}

/// An annotation on the words of each paragraph, from its start to its tab.
fn one_a_paragraph(text: &str) -> Vec<Annotation> {
    let mut annotations = Vec::new();
    let mut at = 0;
    for (i, paragraph) in text.split("\r\n\r\n").enumerate() {
        if let Some(tab) = paragraph.find('\t') {
            let words = at..at + tab;
            annotations.push(annotation(i as u64 + 1, "quote", vec![words]));
        }
        at += paragraph.len() + 4;
    }
    annotations
}

/// A sidecar read in batches: the batches, what is left, and what
/// [`load`] reads of the same file.
type Both = (
    Vec<Vec<Arc<Annotation>>>,
    Result<Option<Loaded>, StoreError>,
    Result<Option<Sidecar>, StoreError>,
);

/// `contents`, read as a sidecar of `article` in batches and by [`load`].
fn read_both(article: &Article, contents: &str) -> Both {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    std::fs::write(&path, contents).expect("write sidecar");
    let mut batches = Vec::new();
    let rest = load_in_batches(article, &path, |batch| batches.push(batch));
    (batches, rest, load(article, &path))
}

/// The annotations of `batches` then `rest`, sorted as a set holds them.
fn together(batches: &[Vec<Arc<Annotation>>], rest: &Sidecar) -> Vec<Annotation> {
    let mut all: Vec<Annotation> = batches
        .iter()
        .flatten()
        .map(|a| Annotation::clone(a))
        .chain(rest.annotations.iter().cloned())
        .collect();
    all.sort_by_key(Annotation::order_key);
    all
}

#[test]
fn batches_come_small_first_in_the_order_of_the_file_and_hold_every_annotation() {
    let text = article_text(600);
    let article = Article::from_text(text.clone());
    let annotations = one_a_paragraph(&text);
    assert_eq!(annotations.len(), 600);
    let (batches, rest, whole) = read_both(&article, &render_all(&article, &annotations, &[]));

    let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
    assert_eq!(sizes, vec![128, 256, 216]);
    let handed: Vec<Annotation> = batches
        .iter()
        .flatten()
        .map(|a| Annotation::clone(a))
        .collect();
    assert_eq!(handed, annotations, "in the order of the file");
    let Ok(Some(Loaded::Rest(rest))) = rest else {
        panic!("expected the rest, got {rest:?}");
    };
    assert!(rest.annotations.is_empty() && rest.detached.is_empty());
    assert_eq!(rest.reanchored.kept, 600);
    let whole = whole.expect("it loads").expect("it exists");
    assert_eq!(together(&batches, &rest), whole.annotations);
    assert_eq!(rest.reanchored, whole.reanchored);
}

#[test]
fn records_not_at_their_offsets_are_placed_again_in_the_rest_with_the_counts() {
    let text = article_text(300);
    let annotations = one_a_paragraph(&text);
    let before = Article::from_text(text.clone());
    let contents = render_all(&before, &annotations, &[]);
    // Two chars at the start: every record moves, and one paragraph's
    // words are gone, so its annotation is detached.
    let changed = format!("A {}", text.replacen("Zoë e\u{301} said «7» ", "", 1));
    let article = Article::from_text(changed);
    let (batches, rest, whole) = read_both(&article, &contents);

    assert!(
        batches.is_empty(),
        "on another text nothing is at its offsets"
    );
    let Ok(Some(Loaded::Rest(rest))) = rest else {
        panic!("expected the rest, got {rest:?}");
    };
    let whole = whole.expect("it loads").expect("it exists");
    assert!(whole.article_changed && rest.article_changed);
    assert_eq!(together(&batches, &rest), whole.annotations);
    assert_eq!(rest.detached, whole.detached);
    assert_eq!(rest.reanchored, whole.reanchored);
    let placed = rest.reanchored.moved + rest.reanchored.changed.len();
    assert_eq!(placed, 299, "{}", rest.reanchored.counts());
    assert_eq!(rest.detached.len(), 1);
}

#[test]
fn one_record_moved_by_hand_is_placed_beside_the_batches() {
    let text = article_text(200);
    let article = Article::from_text(text.clone());
    let mut annotations = one_a_paragraph(&text);
    let contents = render_all(&article, &annotations, &[]);
    // Record 150's offsets one char on: its text is not there any more.
    let start = article.char_offset(annotations[149].spans[0].start);
    let end = article.char_offset(annotations[149].spans[0].end);
    let contents = contents.replacen(
        &format!("(start: {start}, end: {end},"),
        &format!("(start: {}, end: {},", start + 1, end + 1),
        1,
    );
    let (batches, rest, whole) = read_both(&article, &contents);

    assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 199);
    let Ok(Some(Loaded::Rest(rest))) = rest else {
        panic!("expected the rest, got {rest:?}");
    };
    assert_eq!(rest.annotations.len(), 1);
    let whole = whole.expect("it loads").expect("it exists");
    annotations.sort_by_key(Annotation::order_key);
    assert_eq!(together(&batches, &rest), whole.annotations);
    assert_eq!(whole.annotations, annotations, "placed again where it was");
    assert_eq!(rest.reanchored, whole.reanchored);
}

#[test]
fn a_file_edited_by_hand_is_read_again_whole() {
    let text = article_text(300);
    let article = Article::from_text(text.clone());
    let annotations = one_a_paragraph(&text);
    // A comment after the last record: the fast reader gives up there,
    // after its batches.
    let contents =
        render_all(&article, &annotations, &[]).replacen("    ],\n)", "    ], // checked\n)", 1);
    let (batches, rest, whole) = read_both(&article, &contents);

    assert!(!batches.is_empty(), "handed over before the edit was met");
    let whole = whole.expect("it loads").expect("it exists");
    assert_eq!(rest.expect("it loads"), Some(Loaded::Whole(whole)));
}

#[test]
fn a_broken_file_gives_the_error_of_load_and_no_file_gives_none() {
    let text = article_text(3);
    let article = Article::from_text(text.clone());
    let contents = render_all(&article, &one_a_paragraph(&text), &[]).replacen("label", "lable", 1);
    let (_, rest, whole) = read_both(&article, &contents);
    let (rest, whole) = (rest.expect_err("broken"), whole.expect_err("broken"));
    assert_eq!(rest.to_string(), whole.to_string());
    assert!(
        matches!(
            rest,
            StoreError::Parse {
                line: 11,
                column: 13,
                ..
            }
        ),
        "{rest}"
    );

    let missing = Path::new("/nonexistent/a.ann.ron");
    assert_eq!(
        load_in_batches(&article, missing, |_| panic!("no batch")).ok(),
        Some(None)
    );
}
