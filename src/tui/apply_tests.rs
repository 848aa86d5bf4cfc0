//! Tests of the one way changes go: the read-only guard before any other
//! reason, changes from outside between the editor's own, and the state
//! that follows every change.

use super::action::Action;
use super::app::App;
use super::apply::{Refused, Step, apply};
use super::normal::NormalAction as N;
use super::tests::{QUOTE, app, app_with, at};
use super::update;
use sayso_core::annotation::testing::{annotation, span_of};
use sayso_core::annotation::{Annotation, Change, Edit, Kind};

const TEXT: &str = "Zoë said \"we left\" on Monday. 習近平 said \"合作共赢\" in Beijing.\n\n\
    Police denied e\u{301}verything. 👩\u{200d}👩\u{200d}👧 family said \"we waited\".";

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or_default()
}

/// A claim by kim on the police's denial, as a merge from disk brings it.
fn their_claim(id: u64) -> Annotation {
    Annotation {
        author: "kim".into(),
        ..annotation(
            id,
            "claim",
            vec![span_of(TEXT, "Police denied e\u{301}verything.")],
        )
    }
}

#[test]
fn an_outside_change_between_two_tags_shows_at_once_and_undo_never_takes_it_back() {
    let mut a = app(TEXT, 120, 40);
    update(&mut a, N::OpenList);
    a.cursor = at(&a, "we left");
    update(&mut a, N::Tag(QUOTE));
    let first = a.annotations.get(1).cloned().expect("tagged #1");
    let revision = a.revision;

    // Kim named its speaker and tagged a claim; the sidecar merged in.
    let named = Annotation {
        speaker: Some("Zoë".into()),
        ..first.clone()
    };
    apply(
        &mut a,
        Step::Outside {
            edits: vec![
                Edit::Replace {
                    before: first,
                    after: named.clone(),
                },
                Edit::Insert(their_claim(7)),
            ],
            detached: None,
            said: "Merged 2 changes of kim/test.ann.ron.".into(),
        },
    );
    assert_eq!(message(&a), "Merged 2 changes of kim/test.ann.ron.");
    assert_eq!(a.revision, revision + 1, "the loop saves what came in");
    assert_eq!(a.list.len(), 2, "the panel has a row for the claim");

    a.cursor = at(&a, "合作共赢");
    update(&mut a, N::Tag(QUOTE));
    assert!(
        message(&a).starts_with("Tagged quote #8"),
        "{}",
        message(&a)
    );
    update(&mut a, Action::Undo);
    assert!(
        message(&a).starts_with("Undid: tag quote #8"),
        "{}",
        message(&a)
    );
    // Tagging #1 is all the first step did, and kim changed #1 since: undo
    // has nothing of it left to take back, and leaves kim's version.
    update(&mut a, Action::Undo);
    assert_eq!(message(&a), "Nothing to undo.");
    let now: Vec<Annotation> = a.annotations.iter().cloned().collect();
    assert_eq!(now, vec![named, their_claim(7)]);
    update(&mut a, Action::Redo);
    assert!(a.annotations.get(8).is_some(), "redo brings #8 back");
}

#[test]
fn read_only_refuses_before_any_other_reason_and_still_shows_outside_changes() {
    let mut a = app_with(TEXT, 120, 40, false, true);
    for action in [
        Action::Normal(N::Delete),
        Action::Normal(N::Join),
        Action::Normal(N::Accept),
        Action::Undo,
    ] {
        update(&mut a, action.clone());
        assert!(
            message(&a).starts_with("Read-only"),
            "{action:?}: {}",
            message(&a)
        );
    }
    apply(
        &mut a,
        Step::Asked(Err(Refused::Here("No selection.".into()))),
    );
    assert!(message(&a).starts_with("Read-only"), "{}", message(&a));
    apply(
        &mut a,
        Step::Outside {
            edits: vec![Edit::Insert(their_claim(3))],
            detached: None,
            said: "Merged 1 change.".into(),
        },
    );
    assert_eq!(a.annotations.len(), 1);
    assert_eq!(message(&a), "Merged 1 change.");
    assert!(!a.history.can_undo());
}

#[test]
fn a_change_that_changes_nothing_is_no_step_and_no_save() {
    let mut a = app(TEXT, 120, 40);
    apply(
        &mut a,
        Step::Asked(Ok(Change {
            kind: Kind::Tag(1),
            edits: vec![],
        })),
    );
    assert_eq!(message(&a), "Nothing changed.");
    assert_eq!(a.revision, 0);
    assert!(!a.history.can_undo());
}
