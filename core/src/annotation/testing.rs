//! Annotations and strategies for tests: this crate's own and, with the
//! `testing` feature, those of crates that use it.

use std::ops::Range;

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::{Annotation, Origin, Status};

/// A text with every kind of Unicode trouble (combining marks, ZWJ
/// sequences, flags, CJK, right-to-left, tab, CRLF, a control), whose
/// grapheme boundaries the generated spans sit on.
pub const TEXT: &str = "e\u{301}té «non» 👩\u{200d}👩\u{200d}👧 🇫🇷🇩🇪 中文的报道 שלום עולם\t\
    tab\r\nbell\u{7} \"quoted\" and a long tail of plain words to overlap.";

/// An accepted annotation of `label` on `spans`, made by hand by "ed": the
/// one builder of every test; others change what they need of it
/// (`Annotation { status: Status::Pending, ..annotation(1, "quote", spans) }`).
pub fn annotation(id: u64, label: &str, spans: Vec<Range<usize>>) -> Annotation {
    Annotation {
        id,
        label: label.into(),
        spans,
        speaker: None,
        note: None,
        status: Status::Accepted,
        origin: Origin::Manual,
        author: "ed".into(),
        created: "2026-11-24T05:40:00Z".into(),
        modified: "2026-11-24T05:40:00Z".into(),
    }
}

/// The byte range of the first `needle` in `text`.
///
/// # Panics
/// When `text` does not hold `needle`: the test is wrong.
pub fn span_of(text: &str, needle: &str) -> Range<usize> {
    let start = text.find(needle).expect("the needle is in the text");
    start..start + needle.len()
}

/// The grapheme boundaries of [`TEXT`], its end included.
pub fn boundaries() -> Vec<usize> {
    let mut all: Vec<usize> = TEXT.grapheme_indices(true).map(|(i, _)| i).collect();
    all.push(TEXT.len());
    all
}

/// One to three non-empty, sorted, disjoint spans on grapheme boundaries.
pub fn spans() -> impl Strategy<Value = Vec<Range<usize>>> {
    let all = boundaries();
    let n = all.len();
    prop::collection::btree_set(0..n, 2..7).prop_map(move |picked| {
        let picked: Vec<usize> = picked.into_iter().collect();
        picked
            .chunks_exact(2)
            .map(|pair| all[pair[0]]..all[pair[1]])
            .collect()
    })
}

/// An annotation with an id from a small range, so that edits collide.
pub fn any_annotation() -> impl Strategy<Value = Annotation> {
    (
        1u64..12,
        prop_oneof![
            Just("quote"),
            Just("claim"),
            Just("denial"),
            Just("引用 🇫🇷")
        ],
        spans(),
        prop::option::of("[a-zé\"\\\\\n👩\u{200d}]{0,6}"),
        prop::sample::select(Status::ALL.to_vec()),
    )
        .prop_map(|(id, label, spans, speaker, status)| {
            let mut a = annotation(id, label, spans);
            a.speaker = speaker;
            a.status = status;
            a
        })
}
