//! Tests of the sidecar format: exact output, loading, anchoring, round trips.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::format::{Record, SpanRecord};
use super::{Sidecar, StoreError, load, render, save};
pub(super) use crate::annotation::testing::annotation;
use crate::annotation::{Annotation, MAX_ID, Origin, Status};
use crate::article::Article;

/// An article with every kind of Unicode trouble in it.
pub(super) const UNICODE_TEXT: &str = "Café e\u{301}te\u{301} said \"no comment\".\tShe \
    added: «non» 👩\u{200d}👩\u{200d}👧 🇫🇷🇩🇪 中文的报道 שלום עולם\r\n\r\n\
    Bell\u{7} and escape\u{1b}[31m here; \\back\\slash and \"quotes\".\n";

pub(super) fn byte_range(text: &str, needle: &str) -> Range<usize> {
    let start = text.find(needle).expect("fixture text holds the needle");
    start..start + needle.len()
}

pub(super) fn render_all(
    article: &Article,
    annotations: &[Annotation],
    detached: &[Record],
) -> String {
    let live: Vec<Arc<Annotation>> = annotations.iter().cloned().map(Arc::new).collect();
    render(article, "a.txt", &live, detached, None)
}

/// Writes `contents` as a sidecar in a fresh directory and loads it back.
pub(super) fn load_text(article: &Article, contents: &str) -> Result<Option<Sidecar>, StoreError> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    std::fs::write(&path, contents).expect("write sidecar");
    load(article, &path)
}

fn loaded(article: &Article, contents: &str) -> Sidecar {
    match load_text(article, contents) {
        Ok(Some(sidecar)) => sidecar,
        other => panic!("expected a sidecar, got {other:?}"),
    }
}

#[test]
fn renders_the_documented_shape_byte_for_byte() {
    let text = "Williamson called it a \"shabby witch hunt\" on Tuesday.\n";
    let article = Article::from_text(text.into());
    let mut quote = annotation(1, "quote", vec![byte_range(text, "shabby witch hunt")]);
    quote.speaker = Some("Gavin \"G\" Williamson".into());
    let expected = format!(
        r#"(
    format: 1,
    source: (
        file: "a.txt",
        chars: 55,
        blake3: "{hash}",
    ),
    annotations: [
        (
            id: 1,
            label: "quote",
            spans: [
                (start: 24, end: 41, text: "shabby witch hunt"),
            ],
            prefix: "Williamson called it a \"",
            suffix: "\" on Tuesday.\n",
            speaker: Some("Gavin \"G\" Williamson"),
            note: None,
            status: Accepted,
            origin: Manual,
            author: "ed",
            created: "2026-11-24T05:40:00Z",
            modified: "2026-11-24T05:40:00Z",
        ),
    ],
)
"#,
        hash = article.blake3_hex()
    );
    assert_eq!(render_all(&article, &[quote], &[]), expected);
}

#[test]
fn renders_an_empty_set_as_an_empty_list() {
    let article = Article::from_text("Text.\n".into());
    let out = render_all(&article, &[], &[]);
    assert!(out.contains("\n    annotations: [],\n)\n"), "{out}");
    assert!(!out.contains('\r'));
}

#[test]
fn offsets_are_chars_and_context_is_32_chars() {
    let article = Article::from_text(UNICODE_TEXT.into());
    let span = byte_range(UNICODE_TEXT, "中文的报道");
    let a = annotation(1, "claim", vec![span.clone()]);
    let sidecar = loaded(&article, &render_all(&article, &[a], &[]));
    let file: super::format::FileRecord =
        ron::from_str(&render_all(&article, &sidecar.annotations, &[])).expect("parses");
    let record = &file.annotations[0];
    let start = UNICODE_TEXT[..span.start].chars().count();
    assert_eq!(record.spans[0].start, start);
    assert_eq!(record.spans[0].end, start + 5);
    assert_eq!(record.prefix.chars().count(), 32);
    assert!(UNICODE_TEXT[..span.start].ends_with(&record.prefix));
    assert_eq!(record.suffix.chars().count(), 32);
    assert!(UNICODE_TEXT[span.end..].starts_with(&record.suffix));
    assert_eq!(file.source.chars, UNICODE_TEXT.chars().count());
}

#[test]
fn context_is_shorter_at_the_edges_of_the_text() {
    let text = "e\u{301}\"Non\"";
    let article = Article::from_text(text.into());
    let a = annotation(1, "quote", vec![byte_range(text, "Non")]);
    let file: super::format::FileRecord =
        ron::from_str(&render_all(&article, &[a], &[])).expect("parses");
    assert_eq!(file.annotations[0].prefix, "e\u{301}\"");
    assert_eq!(file.annotations[0].suffix, "\"");
}

#[test]
fn sorts_live_and_detached_by_first_char_offset_then_id() {
    // "é" is two bytes and one char: byte order and char order differ in
    // scale, so a detached record at char 2 must sort before a live
    // annotation at byte 3 (char 2) only by id.
    let text = "éa bc de";
    let article = Article::from_text(text.into());
    let live = vec![
        annotation(9, "quote", vec![byte_range(text, "de")]),
        annotation(4, "claim", vec![byte_range(text, "a")]),
        annotation(2, "claim", vec![byte_range(text, "bc")]),
    ];
    let detached = vec![
        detached_record(3, 1, "zz"),
        detached_record(1, 1, "yy"),
        detached_record(7, 50, "xx"),
    ];
    let file: super::format::FileRecord =
        ron::from_str(&render_all(&article, &live, &detached)).expect("parses");
    let order: Vec<u64> = file.annotations.iter().map(|r| r.id).collect();
    assert_eq!(order, vec![1, 3, 4, 2, 9, 7]);
}

pub(super) fn detached_record(id: u64, start: usize, text: &str) -> Record {
    Record {
        id,
        label: "quote".into(),
        spans: vec![SpanRecord {
            start,
            end: start + text.chars().count(),
            text: text.into(),
        }],
        prefix: "before \"\n".into(),
        suffix: "\t after".into(),
        speaker: Some("Ünal \\ 👩\u{200d}👩\u{200d}👧".into()),
        note: None,
        status: Status::Pending,
        origin: Origin::Imported,
        author: "model".into(),
        created: "2026-01-01T00:00:00Z".into(),
        modified: "2026-01-02T00:00:00Z".into(),
    }
}

#[test]
fn a_missing_file_is_no_sidecar() {
    let article = Article::from_text("Text.".into());
    let dir = tempfile::tempdir().expect("temporary directory");
    let got = load(&article, &dir.path().join("none.ann.ron"));
    assert!(matches!(got, Ok(None)), "{got:?}");
}

#[test]
fn a_broken_file_names_line_and_column() {
    let article = Article::from_text("Text.".into());
    let good = render_all(
        &article,
        &[annotation(1, "quote", vec![byte_range("Text.", "Text")])],
        &[],
    );
    // Drop the comma after `label: "quote"` (line 11): ron reports where it
    // looked for one, at `spans` on line 12.
    let broken = good.replacen("label: \"quote\",", "label: \"quote\"", 1);
    match load_text(&article, &broken) {
        Err(StoreError::Parse {
            line,
            column,
            message,
            ..
        }) => {
            assert_eq!((line, column), (12, 13), "{message}");
            assert!(message.to_lowercase().contains("comma"), "{message}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn a_parse_error_column_counts_chars() {
    let article = Article::from_text("Text.".into());
    let broken = "(\n    format: 1,\n    source: (file: \"中文\" chars: 1),\n)";
    match load_text(&article, broken) {
        Err(StoreError::Parse { line, column, .. }) => assert_eq!((line, column), (3, 25)),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn another_format_is_a_version_error_even_when_its_shape_differs() {
    let article = Article::from_text("Text.".into());
    let newer = "(format: 2, source: \"elsewhere\", annotations: {})";
    match load_text(&article, newer) {
        Err(StoreError::Version { found, .. }) => assert_eq!(found, 2),
        other => panic!("expected a version error, got {other:?}"),
    }
    let same_shape = render_all(&article, &[], &[]).replace("format: 1", "format: 7");
    assert!(matches!(
        load_text(&article, &same_shape),
        Err(StoreError::Version { found: 7, .. })
    ));
}

/// The line, column and message of the parse error `contents` gives.
fn parse_error(article: &Article, contents: &str) -> (usize, usize, String) {
    match load_text(article, contents) {
        Err(StoreError::Parse {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

/// A rendered sidecar of "one two" with two annotations, and the same by
/// hand: one field per line no more, which only `ron` reads.
fn rendered_and_by_hand() -> (Article, [String; 2]) {
    let text = "one two";
    let article = Article::from_text(text.into());
    let out = render_all(
        &article,
        &[
            annotation(1, "quote", vec![byte_range(text, "one")]),
            annotation(2, "quote", vec![byte_range(text, "two")]),
        ],
        &[],
    );
    let by_hand = out.replace("\n            label:", " label:");
    assert_ne!(by_hand, out);
    (article, [out, by_hand])
}

#[test]
fn duplicate_ids_are_refused_at_the_second() {
    let (article, [out, _]) = rendered_and_by_hand();
    let duplicated = out.replace("id: 2,", "id: 1,");
    let (line, column, message) = parse_error(&article, &duplicated);
    assert_eq!((line, column), (26, 13));
    assert!(message.contains("id 1"), "{message}");
}

#[test]
fn ids_past_the_greatest_are_refused_where_they_stand_by_both_readers() {
    let (article, sidecars) = rendered_and_by_hand();
    for sidecar in sidecars {
        for id in [MAX_ID + 1, u64::MAX] {
            let edited = sidecar.replace("id: 2,", &format!("id: {id},"));
            let (line, column, message) = parse_error(&article, &edited);
            let at = edited.lines().nth(line - 1).unwrap_or_default();
            let here = at.get(column - 1..).unwrap_or_default();
            assert!(here.starts_with(&format!("id: {id},")), "{message}");
            assert!(
                message.contains(&format!("id {id} is above {MAX_ID}")),
                "{message}"
            );
        }
        // One past u64 is no number `ron` reads.
        let edited = sidecar.replace("id: 2,", "id: 18446744073709551616,");
        let (line, _, message) = parse_error(&article, &edited);
        let at = edited.lines().nth(line - 1).unwrap_or_default();
        assert!(at.contains("id: 18446744073709551616,"), "{message}");
        let at_the_limit = load_text(
            &article,
            &sidecar.replace("id: 2,", &format!("id: {MAX_ID},")),
        );
        let ids =
            at_the_limit.map(|s| s.map(|s| s.annotations.iter().map(|a| a.id).collect::<Vec<_>>()));
        assert!(
            matches!(ids.as_ref().map(|i| i.as_deref()), Ok(Some([1, MAX_ID]))),
            "{ids:?}"
        );
    }
}

#[test]
fn an_unknown_field_is_refused_where_it_stands_by_both_readers() {
    let (article, sidecars) = rendered_and_by_hand();
    for sidecar in sidecars {
        for (known, unknown, field) in [
            (
                "note: None,",
                "note: None,\n            speker: Some(\"Ann\"),",
                "speker",
            ),
            (
                "        chars: 7,",
                "        chars: 7,\n        encoding: \"utf-8\",",
                "encoding",
            ),
            ("text: \"two\")", "text: \"two\", lang: \"en\")", "lang"),
            (
                "    annotations: [",
                "    reviewed: true,\n    annotations: [",
                "reviewed",
            ),
        ] {
            let edited = sidecar.replacen(known, unknown, 1);
            assert_ne!(edited, sidecar);
            let (line, column, message) = parse_error(&article, &edited);
            assert!(
                message.contains(&format!("`{field}`")),
                "{field}: {message}"
            );
            let at = edited.lines().nth(line - 1).unwrap_or_default();
            assert!(at.contains(field), "{field} at {line}:{column}: {at:?}");
        }
    }
}

#[test]
fn an_io_error_is_reported_as_such() {
    let article = Article::from_text("Text.".into());
    let dir = tempfile::tempdir().expect("temporary directory");
    // A directory where the file should be cannot be read as text.
    let got = load(&article, dir.path());
    assert!(
        matches!(got, Err(StoreError::Io { action: "read", .. })),
        "{got:?}"
    );
}

#[test]
fn read_records_gives_source_and_char_offsets_without_the_article() {
    let article = Article::from_text(UNICODE_TEXT.into());
    let quote = annotation(4, "quote", vec![byte_range(UNICODE_TEXT, "no comment")]);
    let denial = annotation(9, "denial", vec![byte_range(UNICODE_TEXT, "中文的报道")]);
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    let text = render_all(&article, &[quote, denial], &[]);
    // A BOM and CRLF line endings from an editor are read past, as by `load`.
    std::fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n")))
        .expect("write sidecar");

    let file = super::read_records(&path).expect("it reads");
    assert_eq!(file.source.file, "a.txt");
    assert_eq!(file.source.chars, UNICODE_TEXT.chars().count());
    assert_eq!(file.source.blake3, article.blake3_hex());
    let spans: Vec<(u64, &str, usize, usize, &str)> = file
        .annotations
        .iter()
        .map(|r| {
            let s = &r.spans[0];
            (r.id, r.label.as_str(), s.start, s.end, s.text.as_str())
        })
        .collect();
    let at = |needle: &str| {
        UNICODE_TEXT[..UNICODE_TEXT.find(needle).unwrap_or(0)]
            .chars()
            .count()
    };
    assert_eq!(
        spans,
        [
            (
                4,
                "quote",
                at("no comment"),
                at("no comment") + 10,
                "no comment"
            ),
            (9, "denial", at("中文"), at("中文") + 5, "中文的报道"),
        ]
    );
}

#[test]
fn read_records_refuses_what_load_refuses() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let missing = dir.path().join("missing.ann.ron");
    assert!(matches!(
        super::read_records(&missing),
        Err(StoreError::Io { action: "read", .. })
    ));
    let text = "one two";
    let article = Article::from_text(text.into());
    let out = render_all(
        &article,
        &[
            annotation(1, "quote", vec![byte_range(text, "one")]),
            annotation(2, "quote", vec![byte_range(text, "two")]),
        ],
        &[],
    );
    let path = dir.path().join("a.ann.ron");
    std::fs::write(&path, out.replace("id: 2,", "id: 1,")).expect("write sidecar");
    assert!(matches!(
        super::read_records(&path),
        Err(StoreError::Parse { line: 26, .. })
    ));
    std::fs::write(&path, out.replace("status: Accepted", "status: Maybe")).expect("write");
    assert!(matches!(
        super::read_records(&path),
        Err(StoreError::Parse { line: 19, .. })
    ));
}

#[test]
fn a_changed_article_keeps_what_still_matches_and_detaches_the_rest() {
    let before = "Intro. He said \"we deny it\" and e\u{301}lan 🇫🇷.\n";
    let old = Article::from_text(before.into());
    let kept = annotation(1, "denial", vec![byte_range(before, "we deny it")]);
    let moved = annotation(2, "claim", vec![byte_range(before, "e\u{301}lan 🇫🇷")]);
    let sidecar_text = render_all(&old, &[kept.clone(), moved], &[]);

    // Same length before the denial, other words after it.
    let after = "Intro. He said \"we deny it\" and nothing.\n";
    let new = Article::from_text(after.into());
    let sidecar = loaded(&new, &sidecar_text);
    assert!(sidecar.article_changed);
    assert_eq!(sidecar.annotations, vec![kept.clone()]);
    assert_eq!(sidecar.detached.len(), 1);
    assert_eq!(sidecar.detached[0].id, 2);
    assert_eq!(sidecar.detached[0].spans[0].text, "e\u{301}lan 🇫🇷");

    // Written back, the detached record is byte-for-byte what it was.
    let rewritten = render_all(&new, &sidecar.annotations, &sidecar.detached);
    let record_text = |s: &str| s[s.find("(\n            id: 2,").expect("record 2")..].to_string();
    assert_eq!(record_text(&rewritten), record_text(&sidecar_text));
    let again = loaded(&new, &rewritten);
    assert_eq!(again.detached, sidecar.detached);
    assert_eq!(again.annotations, vec![kept]);
}

#[test]
fn a_sidecar_with_crlf_line_endings_or_a_bom_still_loads() {
    let text = "He said \"e\u{301}té\" 🇫🇷\r\n\tthen left.";
    let article = Article::from_text(text.into());
    let mut a = annotation(1, "quote", vec![byte_range(text, "e\u{301}té")]);
    a.note = Some("line one\r\nline two".into());
    let rendered = render_all(&article, std::slice::from_ref(&a), &[]);
    let crlf = format!("\u{feff}{}", rendered.replace('\n', "\r\n"));
    let sidecar = loaded(&article, &crlf);
    assert_eq!(sidecar.annotations, vec![a]);
    assert!(!sidecar.article_changed);
}

#[test]
fn the_same_article_is_not_changed() {
    let article = Article::from_text(UNICODE_TEXT.into());
    let sidecar = loaded(&article, &render_all(&article, &[], &[]));
    assert!(!sidecar.article_changed);
}

#[test]
fn spans_off_grapheme_boundaries_or_out_of_order_are_detached() {
    let text = "e\u{301} 🇫🇷 end";
    let article = Article::from_text(text.into());
    let records = vec![
        // Between the letter and its combining mark.
        span_record(1, &[(0, 1, "e")]),
        // Between the two regional indicators of a flag.
        span_record(2, &[(3, 4, "🇫")]),
        // Past the end of the text.
        span_record(3, &[(6, 40, "end")]),
        // Empty.
        span_record(4, &[(6, 6, "")]),
        // Overlapping spans.
        span_record(5, &[(5, 8, " en"), (6, 9, "end")]),
        // No spans at all.
        span_record(6, &[]),
        // Fine: two spans, in order.
        span_record(7, &[(0, 2, "e\u{301}"), (6, 9, "end")]),
    ];
    let sidecar = loaded(&article, &render_all(&article, &[], &records));
    let detached: Vec<u64> = sidecar.detached.iter().map(|r| r.id).collect();
    assert_eq!(detached, vec![1, 6, 2, 5, 3, 4]);
    let spans: Vec<_> = sidecar
        .annotations
        .iter()
        .map(|a| a.spans.clone())
        .collect();
    assert_eq!(spans, vec![vec![0..3, 13..16]]);
}

fn span_record(id: u64, spans: &[(usize, usize, &str)]) -> Record {
    let mut record = detached_record(id, 0, "");
    record.spans = spans
        .iter()
        .map(|&(start, end, text)| SpanRecord {
            start,
            end,
            text: text.into(),
        })
        .collect();
    record
}

#[test]
fn every_kind_of_string_survives_render_and_load() {
    let article = Article::from_text(UNICODE_TEXT.into());
    let nasty = [
        "",
        "\"",
        "\\",
        "\\\"",
        "\n",
        "\r\n",
        "\t",
        "\u{0}",
        "\u{7}",
        "\u{1b}[2J",
        "\u{7f}",
        "e\u{301}",
        "\u{301}",
        "👩\u{200d}👩\u{200d}👧",
        "🇫🇷",
        "中文",
        "שלום",
        "\u{200f}",
        "\u{feff}",
        "r#\"raw\"#",
        "#",
        "'",
        "\u{10ffff}",
        "\u{fffd}",
        ")",
        "],",
        "Some(\"x\")",
    ];
    let annotations: Vec<Annotation> = nasty
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut a = annotation(i as u64 + 1, s, vec![byte_range(UNICODE_TEXT, "Café")]);
            a.speaker = Some(s.to_string());
            a.note = Some(format!("{s}{s}"));
            a.author = s.to_string();
            a.created = s.to_string();
            a
        })
        .collect();
    let sidecar = loaded(&article, &render_all(&article, &annotations, &[]));
    assert_eq!(sidecar.annotations, annotations);
}

#[test]
fn renders_fifty_thousand_annotations() {
    let paragraph = "He said \"e\u{301}té 👩\u{200d}👩\u{200d}👧 🇫🇷 中文\" and left.\n\n";
    let text = paragraph.repeat(10_000);
    let article = Article::from_text(text);
    let quote = byte_range(paragraph, "e\u{301}té");
    let annotations: Vec<Arc<Annotation>> = (0..50_000u64)
        .map(|i| {
            let base = (i as usize / 5) * paragraph.len();
            let span = base + quote.start..base + quote.end;
            Arc::new(annotation(i + 1, "quote", vec![span]))
        })
        .collect();
    // Speed is measured by the criterion benchmark; this checks that a large
    // set renders whole.
    let out = render(&article, "big.txt", &annotations, &[], None);
    assert_eq!(out.matches("\n            id: ").count(), 50_000);
}

/// An article rich in Unicode, and its grapheme boundaries.
pub(super) fn article_and_boundaries() -> (Article, Vec<usize>) {
    let text = UNICODE_TEXT.repeat(3);
    let mut boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    boundaries.push(text.len());
    (Article::from_text(text), boundaries)
}

/// Non-empty, sorted, disjoint spans on the given boundaries.
fn spans_on(boundaries: Vec<usize>) -> impl Strategy<Value = Vec<Range<usize>>> {
    let n = boundaries.len();
    prop::collection::btree_set(0..n, 2..8).prop_map(move |picked| {
        let picked: Vec<usize> = picked.into_iter().collect();
        picked
            .chunks_exact(2)
            .map(|pair| boundaries[pair[0]]..boundaries[pair[1]])
            .collect()
    })
}

pub(super) fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".*",
        "[\"\\\\\n\r\t\u{0}\u{1b}a-zé]{0,12}",
        Just("👩\u{200d}👩\u{200d}👧 🇫🇷 e\u{301} 中文 שלום".to_string()),
    ]
}

pub(super) fn any_annotation(boundaries: Vec<usize>) -> impl Strategy<Value = Annotation> {
    (
        any_text(),
        spans_on(boundaries),
        prop::option::of(any_text()),
        prop::option::of(any_text()),
        prop_oneof![
            Just(Status::Pending),
            Just(Status::Accepted),
            Just(Status::Rejected)
        ],
        prop_oneof![
            Just(Origin::Manual),
            Just(Origin::Suggested),
            Just(Origin::Imported)
        ],
        any_text(),
    )
        .prop_map(
            |(label, spans, speaker, note, status, origin, author)| Annotation {
                id: 0,
                label,
                spans,
                speaker,
                note,
                status,
                origin,
                author,
                created: "2026-11-24T05:40:00Z".into(),
                modified: "2026-11-24T05:41:00Z".into(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn render_save_load_gives_back_the_annotations(
        drafts in prop::collection::vec(any_annotation(article_and_boundaries().1), 0..12),
        ids in prop::collection::hash_set(1u64..1_000_000, 12),
    ) {
        let (article, _) = article_and_boundaries();
        let mut annotations: Vec<Annotation> = drafts
            .into_iter()
            .zip(ids)
            .map(|(mut a, id)| { a.id = id; a })
            .collect();
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        let live: Vec<Arc<Annotation>> = annotations.iter().cloned().map(Arc::new).collect();
        save(&path, &render(&article, "a.txt", &live, &[], None)).expect("save");
        let sidecar = load(&article, &path).expect("load").expect("a sidecar");
        annotations.sort_by_key(|a| a.order_key());
        prop_assert_eq!(sidecar.annotations, annotations);
        prop_assert!(sidecar.detached.is_empty());
        prop_assert!(!sidecar.article_changed);
    }

    #[test]
    fn detached_records_come_back_unchanged(
        texts in prop::collection::vec((any_text(), any_text(), any_text()), 1..6),
    ) {
        let article = Article::from_text("short".into());
        let records: Vec<Record> = texts
            .into_iter()
            .enumerate()
            .map(|(i, (text, prefix, speaker))| {
                // Past the end of the article: never attached.
                let mut r = detached_record(i as u64 + 1, 100 + i, &text);
                r.spans[0].end = 101 + i;
                r.prefix = prefix;
                r.speaker = Some(speaker);
                r
            })
            .collect();
        let sidecar = load_text(&article, &render_all(&article, &[], &records))
            .expect("load")
            .expect("a sidecar");
        prop_assert_eq!(sidecar.detached, records);
    }
}

#[test]
fn load_reads_from_the_given_path_only() {
    let article = Article::from_text("Text.".into());
    let got = load(&article, Path::new("/nonexistent-dir-for-sayso/a.ann.ron"));
    assert!(matches!(got, Ok(None)), "{got:?}");
}
