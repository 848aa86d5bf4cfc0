//! Tests of the canonical reader against `ron`'s reading: the same sidecar
//! for what `render` writes, and `ron` for everything else.

use std::path::Path;

use proptest::prelude::*;

use super::format::{FileRecord, Record, SpanRecord, from_ron};
use super::format_tests::{
    UNICODE_TEXT, annotation, any_annotation, any_text, article_and_boundaries, byte_range,
    detached_record, load_text, render_all,
};
use super::reanchor::{Placer, settle};
use super::{Sidecar, StoreError, canonical};
use crate::annotation::{Annotation, MAX_ID, Origin, Status};
use crate::article::Article;

/// The canonical reader's sidecar, settled: on a changed article it places
/// records as it reads them, so the two readers are compared once every
/// record is placed.
fn fast(article: &Article, text: &str) -> Option<Sidecar> {
    canonical::read(article, text.as_bytes(), 0).map(|(sidecar, placer)| settle(sidecar, placer))
}

fn slow(article: &Article, text: &str) -> Sidecar {
    match from_ron(article, text, Path::new("a.ann.ron")) {
        Ok(sidecar) => settle(sidecar, Placer::new(article)),
        Err(e) => panic!("ron refuses the file: {e}"),
    }
}

/// Both readers on `text`: the canonical one must read it, and agree.
fn both(article: &Article, text: &str) -> Sidecar {
    let sidecar = fast(article, text).expect("the canonical reader reads a rendered file");
    assert_eq!(sidecar, slow(article, text));
    sidecar
}

fn loaded(article: &Article, text: &str) -> Sidecar {
    match load_text(article, text) {
        Ok(Some(sidecar)) => sidecar,
        other => panic!("expected a sidecar, got {other:?}"),
    }
}

/// A small set with everything a file can hold: live annotations with two
/// spans, speakers and notes full of escapes, and detached records.
fn sample() -> (Article, String, Sidecar) {
    let text = UNICODE_TEXT;
    let article = Article::from_text(text.into());
    let mut quote = annotation(
        3,
        "quote",
        vec![
            byte_range(text, "no comment"),
            byte_range(text, "中文的报道"),
        ],
    );
    quote.speaker = Some("Zoë \"Z\" \\ Ångström\t👩\u{200d}👩\u{200d}👧".into());
    quote.note = Some("line\r\nnext \u{1b}[2J \u{202e}rtl\u{0}".into());
    let claim = annotation(1, "claim", vec![byte_range(text, "e\u{301}te\u{301}")]);
    let detached = vec![
        detached_record(2, 5, "gone"),
        detached_record(9, 700, "far"),
    ];
    let rendered = render_all(&article, &[quote, claim], &detached);
    let sidecar = both(&article, &rendered);
    (article, rendered, sidecar)
}

#[test]
fn reads_a_rendered_file_as_ron_does() {
    let (_, _, sidecar) = sample();
    let live: Vec<u64> = sidecar.annotations.iter().map(|a| a.id).collect();
    let detached: Vec<u64> = sidecar.detached.iter().map(|r| r.id).collect();
    assert_eq!((live, detached), (vec![1, 3], vec![2, 9]));
    assert_eq!(sidecar.detached[0], detached_record(2, 5, "gone"));
    assert!(!sidecar.article_changed);
}

#[test]
fn a_detached_record_keeps_the_texts_of_its_spans_that_fit() {
    let text = "one two three";
    let article = Article::from_text(text.into());
    let mut record = detached_record(1, 0, "one");
    // The first span fits the article; the second is out of order.
    record.spans.push(SpanRecord {
        start: 0,
        end: 3,
        text: "one".into(),
    });
    let sidecar = both(&article, &render_all(&article, &[], &[record.clone()]));
    assert_eq!(sidecar.detached, vec![record]);
}

#[test]
fn a_changed_article_is_seen_and_what_moved_placed_again_as_it_is_read() {
    let (_, rendered, before) = sample();
    let changed = Article::from_text(format!("¶{UNICODE_TEXT}"));
    let (read, _) = canonical::read(&changed, rendered.as_bytes(), 0).expect("read");
    // On another text nothing is attached at its offsets, nor detached
    // before it is placed again.
    assert!(read.article_changed);
    assert!(read.annotations.is_empty() && read.detached.is_empty());
    // One more char at the start: every span is off by one, and found so.
    let sidecar = both(&changed, &rendered);
    assert_eq!(
        sidecar.reanchored.counts(),
        "0 kept, 2 moved, 0 changed, 2 detached"
    );
    let shifted: Vec<_> = before
        .annotations
        .iter()
        .map(|a| {
            a.spans
                .iter()
                .map(|s| s.start + 2..s.end + 2)
                .collect::<Vec<_>>()
        })
        .collect();
    let spans: Vec<_> = sidecar
        .annotations
        .iter()
        .map(|a| a.spans.clone())
        .collect();
    assert_eq!(spans, shifted);
    assert_eq!(sidecar.detached.len(), 2);
}

#[test]
fn every_escape_ron_reads_is_read_the_same() {
    let text = "Caf\u{e9} 'ok'\0";
    let article = Article::from_text(text.into());
    let whole = 0..text.len();
    let a = annotation(1, "quote", vec![whole.clone()]);
    let rendered = render_all(&article, &[a], &[]);
    let escaped = rendered
        .replace(
            r#"text: "Café 'ok'\u{0}""#,
            r#"text: "\x43a\u{66}\xC3\xA9\u{00020}\'ok\'\0""#,
        )
        .replace("note: None", r#"note: Some("\u{1F600}\t\x7f\"\\")"#);
    assert_ne!(escaped, rendered);
    let sidecar = both(&article, &escaped);
    assert_eq!(sidecar.annotations[0].spans, vec![whole]);
    assert_eq!(
        sidecar.annotations[0].note.as_deref(),
        Some("😀\t\u{7f}\"\\")
    );
}

/// The file with each line's leading spaces replaced by `indent(count)`.
fn indented(text: &str, indent: impl Fn(usize) -> String) -> String {
    text.lines()
        .map(|line| {
            let body = line.trim_start_matches(' ');
            format!("{}{body}\n", indent(line.len() - body.len()))
        })
        .collect()
}

/// The file with `speaker` and `note` swapped in every record.
fn reordered(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with("            note: ") {
            let speaker = out.pop().expect("a speaker line before the note");
            out.push(line);
            out.push(speaker);
        } else {
            out.push(line);
        }
    }
    out.join("\n") + "\n"
}

/// `text` cut at about `byte`, on a char boundary.
fn cut(text: &str, byte: usize) -> &str {
    let mut end = byte.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Hand edits and other tools' output that mean the same as `rendered`.
fn variants(rendered: &str) -> Vec<(&'static str, String)> {
    let file: FileRecord = ron::from_str(rendered).expect("the rendered file parses");
    vec![
        ("CRLF", rendered.replace('\n', "\r\n")),
        ("BOM", format!("\u{feff}{rendered}")),
        ("no final newline", rendered.trim_end().to_string()),
        ("re-indented", indented(rendered, |n| " ".repeat(n / 2))),
        ("tab-indented", indented(rendered, |n| "\t".repeat(n / 4))),
        (
            "a comment",
            rendered.replacen("    format: 1,", "    format: 1, // by hand", 1),
        ),
        (
            "a line comment",
            rendered.replacen("(\n", "(\n// reviewed\n", 1),
        ),
        (
            "ron's own layout",
            ron::to_string(&file).expect("serializes"),
        ),
        (
            "ron's pretty layout",
            ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
                .expect("serializes"),
        ),
        ("reordered fields", reordered(rendered)),
        (
            "a raw string",
            rendered.replace(
                "created: \"2026-11-24T05:40:00Z\"",
                "created: r#\"2026-11-24T05:40:00Z\"#",
            ),
        ),
        (
            "a trailing space",
            rendered.replacen("    ),\n", "    ), \n", 1),
        ),
        ("an extra blank line", rendered.replacen("(\n", "(\n\n", 1)),
        (
            "a leading zero",
            rendered.replacen("            id: ", "            id: 0", 1),
        ),
    ]
}

#[test]
fn hand_edits_fall_back_to_ron_with_the_same_result() {
    let (article, rendered, sidecar) = sample();
    for (name, text) in variants(&rendered) {
        assert_ne!(text, rendered, "{name} changes nothing");
        assert_eq!(fast(&article, &text), None, "{name} is not canonical");
        assert_eq!(loaded(&article, &text), sidecar, "{name}");
    }
}

#[test]
fn what_ron_refuses_is_left_to_ron() {
    let (article, rendered, _) = sample();
    let refused = [
        rendered.replacen("id: 2,", "id: 1,", 1),
        rendered.replacen("label: \"quote\"", "label: \"qu\\qote\"", 1),
        rendered.replacen("\"e\u{301}te\u{301}\"", "\"e\u{301}te\u{301}\\u{d800}\"", 1),
        rendered.replacen("prefix: \"", "prefix: \"\\xZZ", 1),
        rendered.replacen("status: Pending", "status: Waiting", 1),
        rendered.replace("format: 1", "format: 2"),
    ];
    for text in refused {
        assert_eq!(fast(&article, &text), None, "{text}");
        assert!(
            matches!(
                load_text(&article, &text),
                Err(StoreError::Parse { .. } | StoreError::Version { .. })
            ),
            "{text}"
        );
    }
}

#[test]
fn a_file_that_is_not_utf8_is_still_an_io_error() {
    let (article, rendered, _) = sample();
    let mut bytes = rendered.into_bytes();
    bytes.insert(40, 0xff);
    assert!(canonical::read(&article, &bytes[..], 0).is_none());
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    std::fs::write(&path, &bytes).expect("write sidecar");
    let got = super::load(&article, &path);
    assert!(
        matches!(got, Err(StoreError::Io { action: "read", .. })),
        "{got:?}"
    );
}

#[test]
fn a_truncated_file_is_left_to_ron() {
    let (article, rendered, _) = sample();
    for end in [0, 1, rendered.len() / 2, rendered.len() - 3] {
        let cut = cut(&rendered, end);
        assert_eq!(fast(&article, cut), None, "{cut}");
        assert!(matches!(
            load_text(&article, cut),
            Err(StoreError::Parse { .. })
        ));
    }
}

fn any_status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Pending),
        Just(Status::Accepted),
        Just(Status::Rejected)
    ]
}

fn any_origin() -> impl Strategy<Value = Origin> {
    prop_oneof![
        Just(Origin::Manual),
        Just(Origin::Suggested),
        Just(Origin::Imported)
    ]
}

/// Records at random char offsets with random texts: most detach, a few fit.
fn any_record() -> impl Strategy<Value = Record> {
    let span = (0usize..300, 0usize..6, any_text()).prop_map(|(start, len, text)| SpanRecord {
        start,
        end: start + len,
        text,
    });
    (
        (any_text(), prop::collection::vec(span, 0..3), any_text()),
        (any_text(), prop::option::of(any_text())),
        (prop::option::of(any_text()), any_status(), any_origin()),
        (any_text(), any_text()),
    )
        .prop_map(
            |(
                (label, spans, prefix),
                (suffix, speaker),
                (note, status, origin),
                (author, created),
            )| {
                Record {
                    id: 0,
                    label,
                    spans,
                    prefix,
                    suffix,
                    speaker,
                    note,
                    status,
                    origin,
                    author,
                    created,
                    modified: "2026-11-24T05:41:00Z".into(),
                }
            },
        )
}

/// Gives `live` and `records` distinct ids, from `ids`.
fn numbered(
    mut live: Vec<Annotation>,
    mut records: Vec<Record>,
    ids: Vec<u64>,
) -> (Vec<Annotation>, Vec<Record>) {
    let mut ids = ids.into_iter();
    for a in &mut live {
        a.id = ids.next().expect("enough ids");
    }
    for r in &mut records {
        r.id = ids.next().expect("enough ids");
    }
    (live, records)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_canonical_reader_agrees_with_ron(
        live in prop::collection::vec(any_annotation(article_and_boundaries().1), 0..8),
        records in prop::collection::vec(any_record(), 0..6),
        ids in prop::collection::hash_set(0u64..=MAX_ID, 14),
        changed in any::<bool>(),
    ) {
        let (article, _) = article_and_boundaries();
        let (live, records) = numbered(live, records, ids.into_iter().collect());
        let rendered = render_all(&article, &live, &records);
        let reader = if changed {
            Article::from_text(format!("x{}", article.text()))
        } else {
            article
        };
        let fast = fast(&reader, &rendered);
        prop_assert!(fast.is_some(), "not read: {}", rendered);
        prop_assert_eq!(fast, Some(slow(&reader, &rendered)));
    }

    #[test]
    fn hand_edited_files_load_as_the_rendered_one(
        live in prop::collection::vec(any_annotation(article_and_boundaries().1), 0..6),
        records in prop::collection::vec(any_record(), 0..4),
        ids in prop::collection::hash_set(1u64..1_000_000, 10),
    ) {
        let (article, _) = article_and_boundaries();
        let (live, records) = numbered(live, records, ids.into_iter().collect());
        let rendered = render_all(&article, &live, &records);
        let expected = both(&article, &rendered);
        for (name, text) in variants(&rendered) {
            if text == rendered {
                // An empty set has no record to edit.
                continue;
            }
            prop_assert_eq!(fast(&article, &text), None, "{} is not canonical", name);
            prop_assert_eq!(&loaded(&article, &text), &expected, "{}", name);
        }
    }
}

#[test]
fn the_finished_mark_is_read_by_both_readers_and_from_the_head_alone() {
    let (article, rendered, sidecar) = sample();
    let finished = crate::annotation::Finished {
        by: "Zoë \"Z\" \\ 👩\u{200d}👩\u{200d}👧 שלום\t".into(),
        at: "2026-11-24T05:40:00Z".into(),
    };
    let live: Vec<_> = sidecar
        .annotations
        .iter()
        .cloned()
        .map(std::sync::Arc::new)
        .collect();
    let marked = super::render(&article, "a.txt", &live, &sidecar.detached, Some(&finished));
    assert_eq!(
        marked.lines().nth(7),
        Some(r#"    finished: Some((by: "Zoë \"Z\" \\ 👩‍👩‍👧 שלום\t", at: "2026-11-24T05:40:00Z")),"#),
        "one line after the source:\n{marked}"
    );
    assert_eq!(both(&article, &marked).finished.as_ref(), Some(&finished));
    let (_, head) = canonical::read_head(marked.as_bytes()).expect("the head");
    assert_eq!(head.as_ref(), Some(&finished));
    // Without the field nothing is finished, and the file is as before.
    assert_eq!(both(&article, &rendered).finished, None);
    assert!(!rendered.contains("finished"));
    // A mark in another shape is ron's to read, or to refuse with its place.
    let spaced = marked.replace("Some((by:", "Some(( by:");
    assert!(fast(&article, &spaced).is_none());
    assert_eq!(slow(&article, &spaced).finished.as_ref(), Some(&finished));
    let broken = marked.replace("at: \"2026", "at: 2026");
    assert!(fast(&article, &broken).is_none());
    let error = from_ron(&article, &broken, Path::new("a.ann.ron")).expect_err("refused");
    assert!(
        matches!(error, StoreError::Parse { line: 8, .. }),
        "{error}"
    );
}
