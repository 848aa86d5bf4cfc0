//! Tests of a sidecar changed on disk merged into the annotations in memory.

use std::collections::HashSet;
use std::sync::Arc;

use proptest::prelude::*;

use super::format::Record;
use super::format_tests::{annotation, detached_record};
use super::merge::{Incoming, incoming};
use super::saver::Snapshot;
use crate::annotation::testing::any_annotation;
use crate::annotation::{Annotation, AnnotationSet, Edit, Finished, History, Status};

fn quote(id: u64, start: usize) -> Annotation {
    annotation(id, "quote", std::iter::once(start..start + 4).collect())
}

fn snapshot(annotations: &[Annotation], detached: &[Record]) -> Snapshot {
    Snapshot {
        annotations: annotations.iter().cloned().map(Arc::new).collect(),
        detached: Arc::new(detached.to_vec()),
        finished: None,
    }
}

fn live(annotations: &[Annotation]) -> Snapshot {
    snapshot(annotations, &[])
}

/// Ours after the edits of `came`, as the annotator makes them.
fn applied(ours: &[Annotation], came: &Incoming) -> Vec<Annotation> {
    let mut set = AnnotationSet::new(ours.to_vec());
    History::default().apply_outside(&mut set, came.edits.clone());
    set.iter().cloned().collect()
}

#[test]
fn annotations_added_outside_come_in_as_the_file_has_them() {
    let base = vec![quote(1, 0)];
    let mut imported = quote(2, 10);
    imported.status = Status::Pending;
    imported.speaker = Some("Zoë 習近平 👩\u{200d}👩\u{200d}👧".into());
    let theirs = vec![base[0].clone(), imported.clone()];
    let came = incoming(&live(&base), &live(&base), &live(&theirs));
    assert_eq!(came.edits, vec![Edit::Insert(imported)]);
    assert_eq!((came.added, came.changed, came.deleted), (1, 0, 0));
    assert!(!came.unsaved, "the file already holds the merge");
    assert_eq!(applied(&base, &came), theirs);
}

#[test]
fn a_change_outside_is_taken_unless_ours_changed_it_too() {
    let base = vec![quote(1, 0), quote(2, 10)];
    let mut theirs = base.clone();
    theirs[0].speaker = Some("Neil Basu".into());
    theirs[1].status = Status::Rejected;
    let mut ours = base.clone();
    ours[1].status = Status::Accepted;
    ours[1].note = Some("שלום".into());
    let came = incoming(&live(&base), &live(&ours), &live(&theirs));
    assert_eq!((came.changed, came.conflicts), (2, 0));
    let merged = applied(&ours, &came);
    assert_eq!(merged[0].speaker.as_deref(), Some("Neil Basu"));
    // Different fields of #2: both survive.
    assert_eq!(merged[1].status, Status::Rejected);
    assert_eq!(merged[1].note.as_deref(), Some("שלום"));
    assert!(came.unsaved, "the file lacks our note");
}

#[test]
fn what_both_changed_differently_is_kept_twice_theirs_pending() {
    let base = vec![quote(1, 0)];
    let mut ours = base.clone();
    ours[0].speaker = Some("Gavin Williamson".into());
    let mut theirs = base.clone();
    theirs[0].speaker = Some("Theresa May".into());
    let came = incoming(&live(&base), &live(&ours), &live(&theirs));
    assert_eq!((came.added, came.changed, came.conflicts), (0, 0, 1));
    let merged = applied(&ours, &came);
    assert_eq!(merged.len(), 2);
    assert_eq!(merged[0], ours[0], "ours is kept as it is");
    assert_eq!(merged[1].speaker.as_deref(), Some("Theresa May"));
    assert_eq!(merged[1].status, Status::Pending);
    assert!(came.unsaved);
}

#[test]
fn an_id_both_sides_gave_to_new_annotations_stays_theirs_and_ours_makes_way() {
    let base = vec![quote(1, 0)];
    let ours = vec![base[0].clone(), quote(2, 10)];
    let theirs = vec![base[0].clone(), quote(2, 20)];
    let came = incoming(&live(&base), &live(&ours), &live(&theirs));
    assert_eq!((came.added, came.changed, came.renumbered), (1, 0, 0));
    assert_eq!(came.made_way, vec![(2, 3)]);
    // Theirs keeps the id it has on disk, ours takes a new one.
    assert_eq!(
        applied(&ours, &came),
        vec![base[0].clone(), quote(3, 10), theirs[1].clone()]
    );
    assert!(came.unsaved);
}

#[test]
fn the_same_new_annotation_on_both_sides_is_one() {
    let base = vec![quote(1, 0)];
    let ours = vec![base[0].clone(), quote(2, 10)];
    let came = incoming(&live(&base), &live(&ours), &live(&ours));
    assert!(came.is_empty());
    assert!(came.made_way.is_empty());
    assert!(!came.unsaved);
}

#[test]
fn deleted_outside_goes_and_an_unsaved_tag_of_ours_stays() {
    let base = vec![quote(1, 0), quote(2, 10)];
    let ours = vec![base[0].clone(), base[1].clone(), quote(3, 30)];
    let theirs = vec![base[1].clone()];
    let came = incoming(&live(&base), &live(&ours), &live(&theirs));
    assert_eq!((came.added, came.deleted), (0, 1));
    assert_eq!(
        applied(&ours, &came),
        vec![base[1].clone(), ours[2].clone()]
    );
    assert!(came.unsaved, "our #3 is not in the file yet");
}

#[test]
fn the_same_file_brings_nothing() {
    let base = vec![quote(1, 0)];
    let detached = vec![detached_record(7, 40, "gone")];
    let all = snapshot(&base, &detached);
    let came = incoming(&all, &all, &snapshot(&base, &detached));
    assert!(came.is_empty());
    assert!(!came.unsaved);
}

#[test]
fn a_detached_record_and_an_annotation_never_share_an_id() {
    let base = vec![quote(1, 0)];
    let ours = vec![base[0].clone(), quote(5, 10)];
    let came = incoming(
        &live(&base),
        &live(&ours),
        &snapshot(&base, &[detached_record(5, 40, "中文 🇫🇷")]),
    );
    let detached = came.detached.clone().expect("their detached record");
    assert_eq!(detached.len(), 1);
    assert_eq!(detached[0].id, 6, "theirs renumbered, ours keeps #5");
    assert_eq!(came.renumbered, 1);
    assert!(came.edits.is_empty());
    assert!(came.unsaved);
}

/// `list` with its ids from `from` up, in the order given.
fn numbered(list: Vec<Annotation>, from: u64) -> Vec<Annotation> {
    list.into_iter()
        .enumerate()
        .map(|(i, a)| Annotation {
            id: from + i as u64,
            ..a
        })
        .collect()
}

proptest! {
    /// Whatever the two sides did, nothing either had is lost: every
    /// annotation of ours and every one theirs changed or added is in the
    /// merge (theirs maybe under a new id), and no id is there twice.
    #[test]
    fn nothing_of_either_side_is_lost(
        base in prop::collection::vec(any_annotation(), 0..6),
        ours_new in prop::collection::vec(any_annotation(), 0..3),
        theirs_new in prop::collection::vec(any_annotation(), 0..3),
        flips in prop::collection::vec((0usize..6, any::<bool>()), 0..4),
    ) {
        let base = numbered(base, 1);
        let next = base.len() as u64 + 1;
        let mut ours = base.clone();
        let mut theirs = base.clone();
        for &(i, side) in &flips {
            let list = if side { &mut ours } else { &mut theirs };
            if let Some(a) = list.get_mut(i) {
                a.note = Some(format!("changed on {side}"));
            }
        }
        ours.extend(numbered(ours_new, next));
        theirs.extend(numbered(theirs_new, next));
        let came = incoming(&live(&base), &live(&ours), &live(&theirs));
        let merged = applied(&ours, &came);
        let ids: HashSet<u64> = merged.iter().map(|a| a.id).collect();
        prop_assert_eq!(ids.len(), merged.len());
        for o in &ours {
            prop_assert!(merged.iter().any(|m| m.id == o.id), "ours #{} lost", o.id);
        }
        for t in theirs.iter().filter(|t| !base.contains(t)) {
            // As itself, renumbered, merged into ours or beside it: at its place.
            let there = merged.iter().any(|m| m.spans == t.spans && m.label == t.label);
            prop_assert!(there, "theirs #{} lost", t.id);
        }
    }
}

fn finished_by(by: &str) -> Option<Finished> {
    Some(Finished {
        by: by.into(),
        at: "2026-12-03T18:00:00Z".into(),
    })
}

#[test]
fn the_finished_mark_is_theirs_where_only_they_changed_it() {
    let base = live(&[quote(1, 0)]);
    let mut theirs = live(&[quote(1, 0)]);
    theirs.finished = finished_by("Zoë Ångström");
    let came = incoming(&base, &base, &theirs);
    assert_eq!(
        came.edits,
        vec![Edit::Finish {
            before: None,
            after: finished_by("Zoë Ångström"),
        }]
    );
    assert!(!came.unsaved, "the file already holds the mark");
}

#[test]
fn the_finished_mark_ours_changed_is_kept_and_written() {
    let mut base = live(&[quote(1, 0)]);
    base.finished = finished_by("kim");
    let ours = live(&[quote(1, 0)]);
    let mut theirs = live(&[quote(1, 0), quote(2, 10)]);
    theirs.finished = finished_by("kim");
    let came = incoming(&base, &ours, &theirs);
    assert!(
        !came.edits.iter().any(|e| matches!(e, Edit::Finish { .. })),
        "{:?}",
        came.edits
    );
    assert!(came.unsaved, "ours took the mark off: the file must say so");
}

/// `list` as a snapshot: in the annotator's order (by start, then id)
/// unless `as_given`, as a file edited by hand may have it.
fn side(list: &[Annotation], detached: &[Record], as_given: bool) -> Snapshot {
    let mut s = snapshot(list, detached);
    if !as_given {
        s.annotations.sort_by_key(|a| a.order_key());
    }
    s
}

proptest! {
    /// Merging only what either side changed gives what merging every
    /// annotation gives: the same edits in the same order, the same counts,
    /// the same new ids, whatever the order of the lists.
    #[test]
    fn merging_only_what_changed_is_merging_all(
        base in prop::collection::vec(any_annotation(), 0..8),
        ours_new in prop::collection::vec(any_annotation(), 0..3),
        theirs_new in prop::collection::vec(any_annotation(), 0..3),
        // Mostly notes, on the first few: conflicts are common.
        changes in prop::collection::vec((0usize..3, any::<bool>(), 0u8..6), 0..8),
        detached in prop::collection::vec((1u64..14, any::<bool>()), 0..3),
        as_given in any::<(bool, bool, bool)>(),
    ) {
        let base = numbered(base, 1);
        let next = base.len() as u64 + 1;
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        for &(i, on_ours, how) in &changes {
            let list = if on_ours { &mut ours } else { &mut theirs };
            let Some(a) = list.get_mut(i) else { continue };
            match how {
                0..3 => a.note = Some(format!("noté {on_ours} 👩\u{200d}👩\u{200d}👧")),
                3 => a.spans = std::iter::once(a.start() + 1..a.end() + 1).collect(),
                4 => a.status = Status::Rejected,
                _ => a.id = 0,
            }
        }
        // Id 0 stands for deleted.
        ours.retain(|a| a.id != 0);
        theirs.retain(|a| a.id != 0);
        ours.extend(numbered(ours_new, next));
        theirs.extend(numbered(theirs_new, next));
        let records = |theirs_side: bool| -> Vec<Record> {
            detached
                .iter()
                .filter(|(_, on_theirs)| *on_theirs == theirs_side)
                .map(|&(id, _)| detached_record(id, 40, "中文 🇫🇷"))
                .collect()
        };
        let base = side(&base, &[], as_given.0);
        let ours = side(&ours, &records(false), as_given.1);
        let theirs = side(&theirs, &records(true), as_given.2);
        prop_assert_eq!(
            incoming(&base, &ours, &theirs),
            super::merge::incoming_whole(&base, &ours, &theirs)
        );
    }
}

#[test]
fn the_other_side_of_a_conflict_takes_an_id_above_every_annotation() {
    // Only #1 changed, on both sides; #2 and #3, alike everywhere, are not
    // merged, but their ids are taken all the same.
    let base = vec![quote(1, 0), quote(2, 10), quote(3, 20)];
    let mut ours = base.clone();
    ours[0].note = Some("ours: 東京".into());
    let mut theirs = base.clone();
    theirs[0].note = Some("theirs: שלום".into());
    let came = incoming(&live(&base), &live(&ours), &live(&theirs));
    let [Edit::Insert(other)] = came.edits.as_slice() else {
        panic!("one insert: {:?}", came.edits);
    };
    assert_eq!(other.id, 4);
    assert_eq!(applied(&ours, &came).len(), 4);
}
