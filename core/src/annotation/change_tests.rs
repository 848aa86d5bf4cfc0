//! Tests of the changes built from what the editor asks.

use std::ops::Range;

use proptest::prelude::*;

use super::change::{self, Draft, Took};
use super::testing::{TEXT, annotation, any_annotation, span_of, spans};
use super::{
    Annotation, AnnotationSet, Change, Edit, Finished, History, Kind, Origin, Refusal, Stamp,
    Status,
};

const BEFORE: &str = "2026-11-24T05:40:00Z";
const NOW: &str = "2027-01-02T03:04:05Z";

fn stamp() -> Stamp {
    Stamp {
        author: "kim".into(),
        time: NOW.into(),
    }
}

/// `label` #`id` on the first `needle` of the test text.
fn on(id: u64, label: &str, needle: &str) -> Annotation {
    annotation(id, label, vec![span_of(TEXT, needle)])
}

fn set_of(annotations: Vec<Annotation>) -> AnnotationSet {
    AnnotationSet::new(annotations)
}

/// What the set holds once `change` is made.
fn made(mut set: AnnotationSet, change: Change) -> Vec<Annotation> {
    History::default().apply(&mut set, change.edits);
    set.iter().cloned().collect()
}

#[test]
fn tagging_makes_an_accepted_annotation_by_the_stamp_with_a_new_id() {
    let set = set_of(vec![on(4, "quote", "«non»")]);
    let spans = vec![
        span_of(TEXT, "👩\u{200d}👩\u{200d}👧 🇫🇷🇩🇪"),
        span_of(TEXT, "שלום"),
    ];
    let change = change::tag(&set, "claim", spans.clone(), &stamp()).expect("a change");
    assert_eq!(change.kind, Kind::Tag(5));
    assert_eq!(
        change.edits,
        vec![Edit::Insert(Annotation {
            id: 5,
            label: "claim".into(),
            spans,
            speaker: None,
            note: None,
            status: Status::Accepted,
            origin: Origin::Manual,
            author: "kim".into(),
            created: NOW.into(),
            modified: NOW.into(),
        })]
    );
}

#[test]
fn tagging_nothing_or_what_is_tagged_already_is_refused() {
    let set = set_of(vec![on(4, "quote", "«non»")]);
    assert_eq!(
        change::tag(&set, "quote", vec![], &stamp()),
        Err(Refusal::NothingToTag {
            label: "quote".into()
        })
    );
    assert_eq!(
        change::tag(&set, "quote", vec![span_of(TEXT, "«non»")], &stamp()),
        Err(Refusal::AlreadyTagged {
            label: "quote".into(),
            id: 4
        })
    );
    // The same text with another label is a new annotation.
    assert!(change::tag(&set, "claim", vec![span_of(TEXT, "«non»")], &stamp()).is_ok());
}

#[test]
fn deleting_removes_the_annotation_as_it_is_and_a_gone_one_is_refused() {
    let set = set_of(vec![on(1, "quote", "中文")]);
    let change = change::delete(&set, 1, &stamp()).expect("a change");
    assert_eq!(change.kind, Kind::Delete(1));
    assert_eq!(change.edits, vec![Edit::Remove(on(1, "quote", "中文"))]);
    assert_eq!(change.kind.focus(), None);
    assert_eq!(
        change::delete(&set, 9, &stamp()),
        Err(Refusal::Gone { id: 9 })
    );
}

#[test]
fn joining_takes_the_next_of_the_label_and_merges_touching_spans() {
    let first = annotation(1, "quote", vec![span_of(TEXT, "e\u{301}t")]);
    let other = on(2, "claim", "«non»");
    // Touches the first: "e\u{301}t" then "é".
    let second = annotation(3, "quote", vec![span_of(TEXT, "é «")]);
    let far = on(4, "quote", "中文的报道");
    let set = set_of(vec![
        first.clone(),
        other.clone(),
        second.clone(),
        far.clone(),
    ]);
    let change = change::join(&set, 1, &stamp()).expect("a change");
    assert_eq!(
        change.kind,
        Kind::Join {
            into: 1,
            absorbed: 3
        }
    );
    let joined = Annotation {
        spans: vec![span_of(TEXT, "e\u{301}té «")],
        modified: NOW.into(),
        ..first
    };
    assert_eq!(made(set.clone(), change), vec![joined, other, far]);
    assert_eq!(
        change::join(&set, 4, &stamp()),
        Err(Refusal::NothingToJoin {
            label: "quote".into(),
            id: 4
        })
    );
}

#[test]
fn a_status_change_is_stamped_and_the_same_status_refused() {
    let set = set_of(vec![on(1, "denial", "שלום עולם")]);
    let change = change::set_status(&set, 1, Status::Rejected, &stamp()).expect("a change");
    assert_eq!(change.kind, Kind::Status(1, Status::Rejected));
    let [Edit::Replace { before, after }] = change.edits.as_slice() else {
        panic!("one replace: {change:?}");
    };
    assert_eq!(before.status, Status::Accepted);
    assert_eq!(
        (after.status, after.modified.as_str()),
        (Status::Rejected, NOW)
    );
    assert_eq!(
        (after.created.as_str(), after.author.as_str()),
        (BEFORE, "ed")
    );
    assert_eq!(
        change::set_status(&set, 1, Status::Accepted, &stamp()),
        Err(Refusal::AlreadyStatus {
            label: "denial".into(),
            id: 1,
            status: Status::Accepted
        })
    );
}

#[test]
fn a_speaker_is_one_line_of_single_spaces() {
    let set = set_of(vec![on(1, "quote", "«non»")]);
    let change =
        change::set_speaker(&set, 1, " Zoë\r\n  Ångström\u{7}\t李 ", &stamp()).expect("a change");
    assert_eq!(change.kind, Kind::Speaker(1));
    let speaker = made(set.clone(), change)[0].speaker.clone();
    assert_eq!(speaker.as_deref(), Some("Zoë Ångström 李"));
    assert_eq!(
        change::set_speaker(&set, 1, " \n\t\u{1b}", &stamp()),
        Err(Refusal::NoName)
    );
    let named = set_of(vec![Annotation {
        speaker: Some("Zoë Ångström".into()),
        ..on(1, "quote", "«non»")
    }]);
    assert_eq!(
        change::set_speaker(&named, 1, "Zoë\nÅngström", &stamp()),
        Err(Refusal::SameSpeaker {
            name: "Zoë Ångström".into(),
            label: "quote".into(),
            id: 1
        })
    );
}

fn draft_of(a: &Annotation) -> Draft {
    Draft {
        id: a.id,
        label: a.label.clone(),
        speaker: a.speaker.clone(),
        note: a.note.clone(),
        spans: a.spans.clone(),
        split_off: vec![],
    }
}

#[test]
fn a_form_saved_splits_spans_off_into_annotations_like_the_one_they_leave() {
    let spans: Vec<Range<usize>> = ["e\u{301}té", "🇫🇷🇩🇪", "中文的报道"]
        .iter()
        .map(|n| span_of(TEXT, n))
        .collect();
    let quote = Annotation {
        status: Status::Pending,
        origin: Origin::Suggested,
        ..annotation(7, "quote", spans.clone())
    };
    let set = set_of(vec![quote.clone()]);
    let draft = Draft {
        label: "claim".into(),
        speaker: Some("Gavin Williamson".into()),
        note: Some("“checked” 👩\u{200d}👩\u{200d}👧".into()),
        spans: vec![spans[1].clone()],
        split_off: vec![spans[0].clone(), spans[2].clone()],
        ..draft_of(&quote)
    };
    let change = change::edit(&set, draft, &stamp()).expect("a change");
    assert_eq!(
        change.kind,
        Kind::Edit {
            id: 7,
            split_off: vec![8, 9]
        }
    );
    let kept = Annotation {
        label: "claim".into(),
        speaker: Some("Gavin Williamson".into()),
        note: Some("“checked” 👩\u{200d}👩\u{200d}👧".into()),
        spans: vec![spans[1].clone()],
        modified: NOW.into(),
        ..quote
    };
    let part = |id, span: &Range<usize>| Annotation {
        id,
        spans: vec![span.clone()],
        ..kept.clone()
    };
    assert_eq!(
        made(set, change),
        vec![part(8, &spans[0]), kept.clone(), part(9, &spans[2])]
    );
}

#[test]
fn a_form_that_changes_nothing_or_keeps_no_span_is_refused() {
    let quote = on(7, "quote", "«non»");
    let set = set_of(vec![quote.clone()]);
    assert_eq!(
        change::edit(&set, draft_of(&quote), &stamp()),
        Err(Refusal::NoChange {
            label: "quote".into(),
            id: 7
        })
    );
    let nothing_left = Draft {
        spans: vec![],
        split_off: quote.spans.clone(),
        ..draft_of(&quote)
    };
    assert_eq!(
        change::edit(&set, nothing_left, &stamp()),
        Err(Refusal::NoSpanLeft {
            label: "quote".into(),
            id: 7
        })
    );
    assert_eq!(
        change::edit(&set_of(vec![]), draft_of(&quote), &stamp()),
        Err(Refusal::Gone { id: 7 })
    );
}

#[test]
fn taking_theirs_makes_mine_theirs_adds_theirs_or_deletes_mine() {
    let mine = Annotation {
        status: Status::Pending,
        ..on(1, "quote", "«non»")
    };
    let theirs = Annotation {
        id: 40,
        speaker: Some("Zoë".into()),
        note: Some("n".into()),
        author: "kim".into(),
        ..annotation(40, "claim", vec![span_of(TEXT, "é «non»")])
    };
    let set = set_of(vec![mine.clone()]);

    let change = change::take_theirs(&set, Some(1), Some(&theirs), &stamp()).expect("a change");
    assert_eq!(
        change.kind,
        Kind::Take {
            id: 1,
            took: Took::Theirs
        }
    );
    let took = Annotation {
        label: theirs.label.clone(),
        spans: theirs.spans.clone(),
        speaker: theirs.speaker.clone(),
        note: theirs.note.clone(),
        status: Status::Accepted,
        modified: NOW.into(),
        ..mine.clone()
    };
    assert_eq!(made(set.clone(), change), vec![took]);

    let change = change::take_theirs(&set, None, Some(&theirs), &stamp()).expect("a change");
    assert_eq!(
        change.kind,
        Kind::Take {
            id: 2,
            took: Took::Added
        }
    );
    let added = Annotation {
        id: 2,
        status: Status::Accepted,
        origin: Origin::Imported,
        modified: NOW.into(),
        ..theirs.clone()
    };
    assert_eq!(made(set.clone(), change), vec![added, mine.clone()]);

    let change = change::take_theirs(&set, Some(1), None, &stamp()).expect("a change");
    assert_eq!(change.kind.focus(), None);
    assert_eq!(made(set.clone(), change), vec![]);

    assert_eq!(
        change::take_theirs(&set, None, None, &stamp()),
        Err(Refusal::NothingToTake)
    );
}

#[test]
fn taking_theirs_accepts_a_rejected_copy_of_mine_instead_of_adding_one() {
    // Mine covers the same characters in two touching spans.
    let whole = span_of(TEXT, "中文的报道");
    let cut = whole.start + "中文".len();
    let rejected = Annotation {
        status: Status::Rejected,
        ..annotation(3, "claim", vec![whole.start..cut, cut..whole.end])
    };
    let theirs = Annotation {
        speaker: Some("李".into()),
        ..annotation(12, "claim", vec![whole])
    };
    let set = set_of(vec![rejected.clone()]);
    let change = change::take_theirs(&set, None, Some(&theirs), &stamp()).expect("a change");
    assert_eq!(
        change.kind,
        Kind::Take {
            id: 3,
            took: Took::AcceptedAgain
        }
    );
    let again = Annotation {
        speaker: Some("李".into()),
        status: Status::Accepted,
        modified: NOW.into(),
        ..rejected
    };
    assert_eq!(made(set, change), vec![again]);
}

/// Every request the builders take, on annotations of the test text.
#[derive(Debug, Clone)]
enum Request {
    Tag(Vec<Range<usize>>),
    Delete(u64),
    Join(u64),
    Status(u64, Status),
    Speaker(u64),
    Edit(u64, Vec<Range<usize>>, Vec<Range<usize>>),
    Take(Option<u64>, Annotation),
}

fn any_request() -> impl Strategy<Value = Request> {
    let id = || 1u64..12;
    prop_oneof![
        spans().prop_map(Request::Tag),
        id().prop_map(Request::Delete),
        id().prop_map(Request::Join),
        (id(), prop::sample::select(Status::ALL.to_vec()))
            .prop_map(|(id, s)| Request::Status(id, s)),
        id().prop_map(Request::Speaker),
        (id(), spans(), spans()).prop_map(|(id, keep, split)| Request::Edit(id, keep, split)),
        (prop::option::of(id()), any_annotation()).prop_map(|(id, t)| Request::Take(id, t)),
    ]
}

fn build(set: &AnnotationSet, request: Request) -> Result<Change, Refusal> {
    let stamp = stamp();
    match request {
        Request::Tag(spans) => change::tag(set, "quote", spans, &stamp),
        Request::Delete(id) => change::delete(set, id, &stamp),
        Request::Join(id) => change::join(set, id, &stamp),
        Request::Status(id, status) => change::set_status(set, id, status, &stamp),
        Request::Speaker(id) => change::set_speaker(set, id, "Zoë\n Ångström", &stamp),
        Request::Edit(id, spans, split_off) => {
            let label = set.get(id).map(|a| a.label.clone()).unwrap_or_default();
            let draft = Draft {
                id,
                label,
                speaker: None,
                note: Some("n".into()),
                spans,
                split_off,
            };
            change::edit(set, draft, &stamp)
        }
        Request::Take(mine, theirs) => change::take_theirs(set, mine, Some(&theirs), &stamp),
    }
}

fn distinct(annotations: Vec<Annotation>) -> Vec<Annotation> {
    let mut seen = std::collections::HashSet::new();
    annotations
        .into_iter()
        .filter(|a| seen.insert(a.id))
        .collect()
}

proptest! {
    #[test]
    fn every_change_is_stamped_once_changes_what_it_says_and_is_undone_whole(
        initial in prop::collection::vec(any_annotation(), 0..8).prop_map(distinct),
        request in any_request(),
    ) {
        let mut set = AnnotationSet::new(initial);
        let Ok(change) = build(&set, request) else {
            return Ok(());
        };
        for edit in &change.edits {
            match edit {
                Edit::Insert(a) | Edit::Replace { after: a, .. } => {
                    prop_assert_eq!(a.modified.as_str(), NOW);
                    prop_assert!(!a.spans.is_empty());
                }
                Edit::Remove(_) | Edit::Finish { .. } => {}
            }
        }
        let start: Vec<Annotation> = set.iter().cloned().collect();
        let mut history = History::default();
        let done = history.apply(&mut set, change.edits.clone());
        prop_assert!(done.is_some(), "a change that is not refused changes something");
        match change.kind.focus() {
            Some(id) => prop_assert!(set.get(id).is_some(), "{:?}", change.kind),
            None => prop_assert!(set.len() < start.len()),
        }
        history.undo(&mut set);
        prop_assert_eq!(set.iter().cloned().collect::<Vec<_>>(), start);
    }
}

#[test]
fn finishing_is_stamped_and_finishing_again_takes_the_mark_off() {
    let mut set = set_of(vec![on(4, "quote", "«non»")]);
    let finish = change::toggle_finished(&set, &stamp());
    let mark = Finished {
        by: "kim".into(),
        at: NOW.into(),
    };
    assert_eq!(finish.kind, Kind::Finish(true));
    assert_eq!(
        finish.edits,
        vec![Edit::Finish {
            before: None,
            after: Some(mark.clone()),
        }]
    );
    let mut history = History::default();
    history.apply(&mut set, finish.edits);
    assert_eq!(set.finished(), Some(&mark));
    assert_eq!(set.len(), 1, "the annotations are left alone");

    let reopen = change::toggle_finished(&set, &stamp());
    assert_eq!(reopen.kind, Kind::Finish(false));
    assert_eq!(reopen.kind.focus(), None);
    history.apply(&mut set, reopen.edits);
    assert_eq!(set.finished(), None);
}
