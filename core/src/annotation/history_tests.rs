//! Tests of undo and redo.

use proptest::prelude::*;

use super::testing::{annotation, any_annotation};
use super::{Annotation, AnnotationSet, Edit, History};

fn state(set: &AnnotationSet) -> Vec<Annotation> {
    set.iter().cloned().collect()
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

fn any_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any_annotation().prop_map(Edit::Insert),
        any_annotation().prop_map(Edit::Remove),
        (any_annotation(), any_annotation())
            .prop_map(|(before, after)| Edit::Replace { before, after }),
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
        let mut states = vec![state(&set)];
        for edits in steps {
            history.apply(&mut set, edits);
            if state(&set) != *states.last().expect("the initial state") {
                states.push(state(&set));
            }
        }
        let last = states.len() - 1;
        for expected in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut set).is_some());
            prop_assert_eq!(&state(&set), expected);
        }
        prop_assert!(history.undo(&mut set).is_none());
        for expected in states.iter().skip(1) {
            prop_assert!(history.redo(&mut set).is_some());
            prop_assert_eq!(&state(&set), expected);
        }
        prop_assert!(history.redo(&mut set).is_none());
        prop_assert_eq!(&state(&set), &states[last]);
    }
}
