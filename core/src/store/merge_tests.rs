//! Tests of the three-way merge of annotations, in memory and as files.

use std::collections::HashSet;
use std::ops::Range;

use proptest::prelude::*;

use super::format::{FileRecord, Record, SourceRecord};
use super::format_tests::{annotation, detached_record};
use super::merge::{Conflict, Mergeable, merge_files, three_way};
use super::{parse_records, render_file};
use crate::annotation::testing::any_annotation;
use crate::annotation::{Annotation, Origin, Status};

fn quote(id: u64, spans: Range<usize>) -> Annotation {
    annotation(id, "quote", vec![spans])
}

fn ids(annotations: &[Annotation]) -> Vec<u64> {
    annotations.iter().map(|a| a.id).collect()
}

#[test]
fn changes_to_different_fields_of_one_annotation_both_survive() {
    let base = vec![quote(1, 0..4), quote(2, 10..14)];
    let mut ours = base.clone();
    ours[0].speaker = Some("Zoë Ångström".into());
    let mut theirs = base.clone();
    theirs[0].spans = quote(1, 0..6).spans;
    theirs[0].modified = "2026-12-01T00:00:00Z".into();
    theirs[1].status = Status::Rejected;
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(merged.report.conflicts, vec![]);
    assert_eq!(merged.report.from_theirs, 1);
    let first = &merged.annotations[0];
    assert_eq!(first.speaker.as_deref(), Some("Zoë Ångström"));
    assert_eq!(first.spans[0], 0..6);
    assert_eq!(first.modified, "2026-12-01T00:00:00Z");
    assert_eq!(merged.annotations[1].status, Status::Rejected);
}

#[test]
fn deletions_on_one_side_are_kept_and_on_both_sides_too() {
    let base = vec![quote(1, 0..4), quote(2, 10..14), quote(3, 20..24)];
    let ours = vec![base[1].clone(), base[2].clone()];
    let theirs = vec![base[0].clone(), base[2].clone()];
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(ids(&merged.annotations), vec![3]);
    assert_eq!(merged.report.conflicts, vec![]);
}

#[test]
fn a_field_both_changed_differently_is_a_conflict_with_both_versions_kept() {
    let base = vec![quote(4, 0..4)];
    let mut ours = base.clone();
    ours[0].speaker = Some("Neil Basu".into());
    let mut theirs = base.clone();
    theirs[0].speaker = Some("Assistant Commissioner Basu".into());
    theirs[0].note = Some("from the statement".into());
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(
        merged.report.conflicts,
        vec![Conflict {
            id: 4,
            theirs: 5,
            what: "speaker differs".into()
        }]
    );
    assert_eq!(merged.annotations[0], ours[0]);
    let other = &merged.annotations[1];
    assert_eq!(other.id, 5);
    assert_eq!(
        other.speaker.as_deref(),
        Some("Assistant Commissioner Basu")
    );
    assert_eq!(
        (other.status, other.origin),
        (Status::Pending, Origin::Imported)
    );
    assert_eq!(
        other.note.as_deref(),
        Some(
            "the other side of a merge conflict with #4 (speaker differs); keep one and delete the other · from the statement"
        )
    );
}

#[test]
fn changed_on_one_side_and_deleted_on_the_other_keeps_the_change_pending() {
    let base = vec![quote(1, 0..4), quote(2, 10..14)];
    let mut ours = vec![base[0].clone()];
    ours[0].note = Some("checked".into());
    // Theirs deleted #1 that we changed; we deleted #2 that they changed.
    let mut theirs = vec![base[1].clone()];
    theirs[0].label = "claim".into();
    let merged = three_way(&base, &ours, &theirs);
    let mut conflicts: Vec<&str> = merged
        .report
        .conflicts
        .iter()
        .map(|c| c.what.as_str())
        .collect();
    conflicts.sort();
    assert_eq!(
        conflicts,
        vec![
            "changed on our side, deleted on theirs",
            "deleted on our side, changed on theirs"
        ]
    );
    assert_eq!(ids(&merged.annotations), vec![1, 2]);
    assert!(
        merged
            .annotations
            .iter()
            .all(|a| a.status == Status::Pending)
    );
    assert_eq!(merged.annotations[1].label, "claim");
}

#[test]
fn the_same_new_id_for_different_spans_is_two_annotations() {
    let base = vec![quote(1, 0..4)];
    let mut ours = base.clone();
    ours.push(quote(2, 10..14));
    let mut theirs = base.clone();
    theirs.push(quote(2, 20..24));
    theirs.push(quote(3, 30..34));
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(merged.report.renumbered, vec![(2, 4)]);
    let spans: Vec<(u64, Range<usize>)> = merged
        .annotations
        .iter()
        .map(|a| (a.id, a.spans[0].clone()))
        .collect();
    assert_eq!(
        spans,
        vec![(1, 0..4), (2, 10..14), (4, 20..24), (3, 30..34)]
    );
    assert_eq!(merged.report.conflicts, vec![]);
}

#[test]
fn the_same_new_annotation_on_both_sides_is_one() {
    // Both imported the same file: same place, other ids, other times.
    let base = vec![];
    let mut ours = vec![quote(7, 5..9)];
    ours[0].created = "2026-11-25T00:00:00Z".into();
    let mut theirs = vec![quote(8, 5..9)];
    theirs[0].speaker = Some("מרים".into());
    let merged = three_way(&base, &ours, &theirs);
    assert_eq!(ids(&merged.annotations), vec![7]);
    assert_eq!(merged.annotations[0].speaker.as_deref(), Some("מרים"));
    assert_eq!(merged.annotations[0].created, "2026-11-24T05:40:00Z");
    // Both made it, and gave it different labels of the same spans: two
    // places, two annotations.
    theirs[0].label = "claim".into();
    assert_eq!(three_way(&base, &ours, &theirs).annotations.len(), 2);
}

fn file(blake3: &str, annotations: Vec<Record>) -> FileRecord {
    FileRecord {
        format: 1,
        finished: None,
        source: SourceRecord {
            file: "a.txt".into(),
            chars: 40,
            blake3: blake3.into(),
        },
        annotations,
    }
}

#[test]
fn files_merge_and_render_back_to_what_they_hold() {
    let base = file(
        "b",
        vec![detached_record(1, 0, "e\u{301}té 👩\u{200d}👩\u{200d}👧")],
    );
    let mut ours = base.clone();
    ours.annotations.push(detached_record(2, 10, "中文"));
    let mut theirs = base.clone();
    theirs.annotations.push(detached_record(2, 20, "🇫🇷 שלום"));
    let (merged, report) = merge_files(Some(&base), &ours, &theirs);
    assert_eq!(report.renumbered, vec![(2, 3)]);
    assert_eq!(merged.source, ours.source);
    let text = render_file(&merged);
    let back = parse_records(&text, std::path::Path::new("a.ann.ron")).expect("parses");
    let starts: Vec<(u64, usize)> = back
        .annotations
        .iter()
        .map(|r| (r.id, r.spans[0].start))
        .collect();
    assert_eq!(starts, vec![(1, 0), (2, 10), (3, 20)]);
    assert_eq!(back.annotations[2].spans[0].text, "🇫🇷 שלום");
}

#[test]
fn the_finished_mark_a_side_changed_is_kept_and_written() {
    let mark = |by: &str| {
        Some(crate::annotation::Finished {
            by: by.into(),
            at: "2026-11-24T05:40:00Z".into(),
        })
    };
    let base = file("b", Vec::new());
    let mut finished = base.clone();
    finished.finished = mark("Zoë \"Z\" 東京");
    for (ours, theirs) in [(&finished, &base), (&base, &finished)] {
        let (merged, _) = merge_files(Some(&base), ours, theirs);
        assert_eq!(merged.finished, finished.finished);
        let back = parse_records(&render_file(&merged), std::path::Path::new("a.ann.ron"))
            .expect("parses");
        assert_eq!(back.finished, finished.finished);
    }
    // One side reopened what was finished: the change wins, not the old mark.
    let (merged, _) = merge_files(Some(&finished), &base, &finished);
    assert_eq!(merged.finished, None);
    // Both finished it: ours.
    let mut theirs = base.clone();
    theirs.finished = mark("kim");
    let (merged, _) = merge_files(Some(&base), &finished, &theirs);
    assert_eq!(merged.finished, finished.finished);
}

#[test]
fn sides_on_different_article_texts_merge_under_the_base_text() {
    // Ours re-anchored onto an edited article; theirs did not: the result
    // names the base text, so every record is placed again when read.
    let base = file("old", vec![detached_record(1, 0, "a")]);
    let ours = file("new", vec![detached_record(1, 1, "a")]);
    let theirs = file(
        "old",
        vec![detached_record(1, 0, "a"), detached_record(2, 5, "b")],
    );
    let (merged, _) = merge_files(Some(&base), &ours, &theirs);
    assert_eq!(merged.source.blake3, "old");
    assert_eq!(merged.annotations[0].spans[0].start, 1);
    let (same, _) = merge_files(Some(&base), &ours, &ours);
    assert_eq!(same.source.blake3, "new");
}

/// Unique ids for a list of annotations.
fn numbered(mut annotations: Vec<Annotation>, from: u64) -> Vec<Annotation> {
    for (i, a) in annotations.iter_mut().enumerate() {
        a.id = from + i as u64;
    }
    annotations
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the two sides did, ids stay unique, everything ours has
    /// is there, and every new or changed annotation of theirs is there
    /// (as itself, merged, or as the other side of a conflict).
    #[test]
    fn a_merge_loses_nothing_and_keeps_ids_unique(
        base in prop::collection::vec(any_annotation(), 0..6),
        ours_new in prop::collection::vec(any_annotation(), 0..4),
        theirs_new in prop::collection::vec(any_annotation(), 0..4),
        our_edits in prop::collection::vec((0usize..6, any::<bool>()), 0..4),
        their_edits in prop::collection::vec((0usize..6, any::<bool>()), 0..4),
    ) {
        let base = numbered(base, 1);
        let edit = |edits: &[(usize, bool)], who: &str| {
            let mut side = base.clone();
            for &(i, delete) in edits {
                if i < side.len() {
                    if delete {
                        side.remove(i);
                    } else {
                        side[i].note = Some(format!("{who} {i}"));
                    }
                }
            }
            side
        };
        let mut ours = edit(&our_edits, "ours");
        ours.extend(numbered(ours_new, base.len() as u64 + 1));
        let mut theirs = edit(&their_edits, "theirs");
        theirs.extend(numbered(theirs_new, base.len() as u64 + 1));
        let merged = three_way(&base, &ours, &theirs);
        let mut seen = HashSet::new();
        for a in &merged.annotations {
            prop_assert!(seen.insert(a.id), "id {} twice", a.id);
        }
        for o in &ours {
            // What they deleted and we left as it was may go.
            let deleted_by_them = base.contains(o) && !theirs.iter().any(|t| t.id == o.id);
            let there = merged.annotations.iter().any(|m| m.id == o.id);
            prop_assert!(deleted_by_them || there, "ours #{} lost", o.id);
        }
        for t in &theirs {
            let unchanged = base.contains(t);
            // As itself or renumbered (its place), or merged into ours (its
            // id and their note), or beside ours (its place again).
            let there = merged
                .annotations
                .iter()
                .any(|m| m.place() == t.place() || (m.id == t.id && m.note == t.note));
            prop_assert!(unchanged || there, "theirs #{} lost", t.id);
        }
    }
}
