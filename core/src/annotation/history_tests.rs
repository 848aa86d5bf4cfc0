//! Tests of undo and redo.

use proptest::prelude::*;

use super::testing::{annotation, any_annotation};
use super::{Annotation, AnnotationSet, Edit, Finished, History, Status};

fn state(set: &AnnotationSet) -> Vec<Annotation> {
    set.iter().cloned().collect()
}

/// The annotations and the finished mark.
fn whole(set: &AnnotationSet) -> (Vec<Annotation>, Option<Finished>) {
    (state(set), set.finished().cloned())
}

fn finished(by: &str) -> Finished {
    Finished {
        by: by.into(),
        at: "2026-11-24T05:40:00Z".into(),
    }
}

fn quote(id: u64, start: usize) -> Annotation {
    annotation(id, "quote", std::iter::once(start..start + 2).collect())
}

#[test]
fn undo_and_redo_restore_each_state_exactly() {
    let mut set = AnnotationSet::new(vec![quote(1, 0)]);
    let mut history = History::default();
    let s0 = state(&set);
    history.apply(&mut set, vec![Edit::Insert(quote(2, 4))]);
    let s1 = state(&set);
    let mut speaker = quote(1, 0);
    speaker.speaker = Some("Ünal \"U\" 👩\u{200d}👩\u{200d}👧".into());
    history.apply(
        &mut set,
        vec![
            Edit::Replace {
                before: quote(1, 0),
                after: speaker,
            },
            Edit::Remove(quote(2, 4)),
        ],
    );
    let s2 = state(&set);
    assert_ne!(s1, s2);

    assert!(history.undo(&mut set).is_some());
    assert_eq!(state(&set), s1);
    assert!(history.undo(&mut set).is_some());
    assert_eq!(state(&set), s0);
    assert!(history.undo(&mut set).is_none());
    assert_eq!(state(&set), s0);
    assert!(history.redo(&mut set).is_some());
    assert_eq!(state(&set), s1);
    assert!(history.redo(&mut set).is_some());
    assert_eq!(state(&set), s2);
    assert!(history.redo(&mut set).is_none());
}

#[test]
fn a_new_edit_clears_redo() {
    let mut set = AnnotationSet::default();
    let mut history = History::default();
    history.apply(&mut set, vec![Edit::Insert(quote(1, 0))]);
    history.undo(&mut set);
    assert!(history.can_redo());
    history.apply(&mut set, vec![Edit::Insert(quote(2, 3))]);
    assert!(!history.can_redo());
    assert!(history.redo(&mut set).is_none());
    assert_eq!(state(&set), vec![quote(2, 3)]);
}

#[test]
fn an_insert_over_an_existing_id_is_undone_to_the_old_one() {
    let mut set = AnnotationSet::new(vec![quote(1, 0)]);
    let mut history = History::default();
    history.apply(&mut set, vec![Edit::Insert(quote(1, 6))]);
    assert_eq!(state(&set), vec![quote(1, 6)]);
    history.undo(&mut set);
    assert_eq!(state(&set), vec![quote(1, 0)]);
}

#[test]
fn a_replace_that_changes_the_id_leaves_no_trace_of_the_old_id() {
    let mut set = AnnotationSet::new(vec![quote(1, 0)]);
    let mut history = History::default();
    history.apply(
        &mut set,
        vec![Edit::Replace {
            before: quote(1, 0),
            after: quote(5, 0),
        }],
    );
    assert_eq!(state(&set), vec![quote(5, 0)]);
    history.undo(&mut set);
    assert_eq!(state(&set), vec![quote(1, 0)]);
}

#[test]
fn edits_that_change_nothing_are_not_a_step() {
    let mut set = AnnotationSet::new(vec![quote(1, 0)]);
    let mut history = History::default();
    history.apply(&mut set, vec![Edit::Remove(quote(9, 0))]);
    history.apply(&mut set, vec![]);
    history.apply(&mut set, vec![Edit::Insert(quote(1, 0))]);
    history.apply(
        &mut set,
        vec![Edit::Insert(quote(2, 3)), Edit::Remove(quote(2, 3))],
    );
    assert!(!history.can_undo());
    assert_eq!(state(&set), vec![quote(1, 0)]);
}

#[test]
fn finishing_is_undone_and_redone_in_its_turn_among_the_tags() {
    let mut set = AnnotationSet::new(vec![quote(1, 0)]);
    let mut history = History::default();
    history.apply(&mut set, vec![Edit::Insert(quote(2, 4))]);
    history.apply(
        &mut set,
        vec![Edit::Finish {
            before: None,
            after: Some(finished("Zoë 👩\u{200d}👩\u{200d}👧")),
        }],
    );
    history.apply(&mut set, vec![Edit::Remove(quote(1, 0))]);
    let end = whole(&set);

    history.undo(&mut set);
    assert_eq!(state(&set), vec![quote(1, 0), quote(2, 4)]);
    assert_eq!(
        set.finished(),
        Some(&finished("Zoë 👩\u{200d}👩\u{200d}👧"))
    );
    history.undo(&mut set);
    assert_eq!(whole(&set), (vec![quote(1, 0), quote(2, 4)], None));
    history.undo(&mut set);
    assert_eq!(whole(&set), (vec![quote(1, 0)], None));
    while history.redo(&mut set).is_some() {}
    assert_eq!(whole(&set), end);
}

#[test]
fn a_finish_that_leaves_the_mark_as_it_is_is_not_a_step() {
    let mut set = AnnotationSet::default();
    set.set_finished(Some(finished("ed")));
    let mut history = History::default();
    // Whatever the caller thought the mark was, what counts is what it is.
    history.apply(
        &mut set,
        vec![Edit::Finish {
            before: None,
            after: Some(finished("ed")),
        }],
    );
    assert!(!history.can_undo());
    let done = history
        .apply(
            &mut set,
            vec![Edit::Finish {
                before: None,
                after: None,
            }],
        )
        .expect("unfinishing is a step");
    assert_eq!(
        done,
        vec![Edit::Finish {
            before: Some(finished("ed")),
            after: None,
        }],
        "the step records the mark as it was"
    );
    history.undo(&mut set);
    assert_eq!(set.finished(), Some(&finished("ed")));
}

#[test]
fn an_outside_finish_is_kept_by_undo_and_the_tags_are_still_undone() {
    let mut set = AnnotationSet::default();
    let mut history = History::default();
    history.apply(
        &mut set,
        vec![
            Edit::Insert(quote(1, 0)),
            Edit::Finish {
                before: None,
                after: Some(finished("ed")),
            },
        ],
    );
    // A colleague reopened the article on disk.
    history.apply_outside(
        &mut set,
        vec![Edit::Finish {
            before: Some(finished("ed")),
            after: None,
        }],
    );
    assert!(history.undo(&mut set).is_some(), "the tag is left to undo");
    assert_eq!(whole(&set), (vec![], None));
    assert!(history.undo(&mut set).is_none());
    assert!(history.redo(&mut set).is_some());
    assert_eq!(whole(&set), (vec![quote(1, 0)], None));
}

fn any_finished() -> impl Strategy<Value = Option<Finished>> {
    prop_oneof![
        Just(None),
        prop::sample::select(vec!["ed", "kim", "Zoë"]).prop_map(|by| Some(finished(by))),
    ]
}

fn any_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any_annotation().prop_map(Edit::Insert),
        3 => any_annotation().prop_map(Edit::Remove),
        3 => (any_annotation(), any_annotation())
            .prop_map(|(before, after)| Edit::Replace { before, after }),
        1 => (any_finished(), any_finished())
            .prop_map(|(before, after)| Edit::Finish { before, after }),
    ]
}

proptest! {
    #[test]
    fn undoing_everything_gives_back_the_start_and_redoing_the_end(
        initial in prop::collection::vec(any_annotation(), 0..6),
        steps in prop::collection::vec(prop::collection::vec(any_edit(), 0..4), 0..20),
    ) {
        let mut set = AnnotationSet::default();
        for a in initial {
            set.insert(a);
        }
        let mut history = History::default();
        let mut states = vec![whole(&set)];
        for edits in steps {
            history.apply(&mut set, edits);
            if whole(&set) != *states.last().expect("the initial state") {
                states.push(whole(&set));
            }
        }
        let last = states.len() - 1;
        for expected in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut set).is_some());
            prop_assert_eq!(&whole(&set), expected);
        }
        prop_assert!(history.undo(&mut set).is_none());
        for expected in states.iter().skip(1) {
            prop_assert!(history.redo(&mut set).is_some());
            prop_assert_eq!(&whole(&set), expected);
        }
        prop_assert!(history.redo(&mut set).is_none());
        prop_assert_eq!(&whole(&set), &states[last]);
    }
}

/// Ids and what each holds.
fn by_id(set: &AnnotationSet) -> std::collections::BTreeMap<u64, Annotation> {
    set.iter().map(|a| (a.id, a.clone())).collect()
}

#[test]
fn an_outside_change_between_two_steps_is_kept_by_undo() {
    let mut set = AnnotationSet::new(vec![quote(1, 0)]);
    let mut history = History::default();
    let mut reopened = quote(1, 0);
    reopened.status = Status::Pending;
    // The editor's first step changes #1, the outside change #1 again (a
    // colleague named its speaker) and adds #3, the editor's second step adds #2.
    history.apply(
        &mut set,
        vec![Edit::Replace {
            before: quote(1, 0),
            after: reopened.clone(),
        }],
    );
    let mut theirs = reopened.clone();
    theirs.speaker = Some("Zoë 🇫🇷 ש".into());
    let done = history.apply_outside(
        &mut set,
        vec![
            Edit::Replace {
                before: reopened,
                after: theirs.clone(),
            },
            Edit::Insert(quote(3, 8)),
        ],
    );
    assert_eq!(done.len(), 2, "{done:?}");
    history.apply(&mut set, vec![Edit::Insert(quote(2, 4))]);
    let end = state(&set);

    assert!(history.undo(&mut set).is_some(), "the second step");
    assert_eq!(state(&set), vec![theirs.clone(), quote(3, 8)]);
    // The first step touched only #1, which the outside change took over:
    // nothing of it is left to undo, and undo does not take the outside
    // change back.
    assert!(history.undo(&mut set).is_none());
    assert_eq!(state(&set), vec![theirs, quote(3, 8)]);
    assert!(history.redo(&mut set).is_some());
    assert_eq!(state(&set), end);
    assert!(history.redo(&mut set).is_none());
}

#[test]
fn a_step_keeps_what_an_outside_change_did_not_touch() {
    let mut set = AnnotationSet::new(vec![quote(1, 0), quote(2, 4)]);
    let mut history = History::default();
    let mut joined = quote(1, 0);
    joined.spans.push(4..6);
    history.apply(
        &mut set,
        vec![
            Edit::Remove(quote(2, 4)),
            Edit::Replace {
                before: quote(1, 0),
                after: joined,
            },
        ],
    );
    // The outside change brings #2 back, as a colleague had it.
    let mut kept = quote(2, 4);
    kept.note = Some("still there".into());
    history.apply_outside(&mut set, vec![Edit::Insert(kept.clone())]);
    assert!(history.undo(&mut set).is_some());
    assert_eq!(state(&set), vec![quote(1, 0), kept]);
}

#[test]
fn an_outside_change_leaves_redo_exact_too() {
    let mut set = AnnotationSet::default();
    let mut history = History::default();
    history.apply(&mut set, vec![Edit::Insert(quote(1, 0))]);
    history.apply(&mut set, vec![Edit::Insert(quote(2, 4))]);
    history.undo(&mut set);
    history.undo(&mut set);
    // An annotation #2 arrives from outside while the editor's #2 is undone:
    // redo must not write over it.
    history.apply_outside(&mut set, vec![Edit::Insert(quote(2, 10))]);
    assert!(history.redo(&mut set).is_some());
    assert_eq!(state(&set), vec![quote(1, 0), quote(2, 10)]);
    assert!(history.redo(&mut set).is_none(), "the step of #2 is gone");
    assert_eq!(state(&set), vec![quote(1, 0), quote(2, 10)]);
}

#[derive(Debug, Clone)]
enum Op {
    Step(Vec<Edit>),
    Outside(Vec<Edit>),
}

fn any_op() -> impl Strategy<Value = Op> {
    let edits = || prop::collection::vec(any_edit(), 0..4);
    prop_oneof![
        3 => edits().prop_map(Op::Step),
        1 => edits().prop_map(Op::Outside),
    ]
}

proptest! {
    #[test]
    fn undo_never_takes_back_an_outside_change_and_redo_gives_back_the_end(
        initial in prop::collection::vec(any_annotation(), 0..6),
        ops in prop::collection::vec(any_op(), 0..20),
    ) {
        let mut set = AnnotationSet::default();
        for a in initial {
            set.insert(a);
        }
        let mut history = History::default();
        // What undoing everything must give back: the start, but each id an
        // outside change touched as the last outside change left it.
        let mut base = by_id(&set);
        let mut base_finished = None;
        for op in ops {
            match op {
                Op::Step(edits) => {
                    history.apply(&mut set, edits);
                }
                Op::Outside(edits) => {
                    for done in history.apply_outside(&mut set, edits) {
                        let id = match &done {
                            Edit::Insert(a) | Edit::Remove(a) => a.id,
                            Edit::Replace { after, .. } => after.id,
                            Edit::Finish { after, .. } => {
                                base_finished.clone_from(after);
                                continue;
                            }
                        };
                        match set.get(id) {
                            Some(a) => base.insert(id, a.clone()),
                            None => base.remove(&id),
                        };
                    }
                }
            }
        }
        let end = whole(&set);
        let mut undone = 0;
        while history.undo(&mut set).is_some() {
            undone += 1;
            prop_assert!(undone <= 20, "undo never ends");
        }
        prop_assert_eq!(by_id(&set), base);
        prop_assert_eq!(set.finished().cloned(), base_finished);
        while history.redo(&mut set).is_some() {}
        prop_assert_eq!(whole(&set), end);
    }
}
