//! Tests of opening before the sidecar is read: annotations arriving
//! through `update`, keys held until they are all read. No terminal needed.

use std::sync::Arc;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::app::{App, Options};
use super::keymap::Keymap;
use super::loading::{Arrival, Rest, hold};
use super::saving::tests::options;
use super::tests::{at, run};
use super::view;
use sayso_core::annotation::Annotation;
use sayso_core::annotation::testing::{annotation, span_of};
use sayso_core::article::Article;
use sayso_core::store::format::SpanRecord;
use sayso_core::store::{Loaded, Reanchored, Record, Sidecar};

const TEXT: &str = "Zoë said «東京 is near» 👩\u{200d}👩\u{200d}👧.\n\n\
    שלום said no.\tThen 🇫🇷 e\u{301}.\r\n\r\n\
    Third one here.\n\nFourth, the last.\n";

/// An annotator on `TEXT` whose sidecar is still being read, 100×12.
fn opening(read_only: bool) -> App {
    let options = Options {
        read_only,
        ..options()
    };
    let mut app = App::opening(Arc::new(Article::from_text(TEXT.into())), options);
    run(
        &mut app,
        &[Action::Resize {
            width: 100,
            height: 12,
        }],
    );
    app
}

/// An annotation of `label` on the first `needle` of `TEXT`.
fn on(id: u64, label: &str, needle: &str) -> Annotation {
    annotation(id, label, vec![span_of(TEXT, needle)])
}

fn batch(annotations: &[Annotation]) -> Action {
    Action::Arrived(Arrival::Annotations(
        annotations.iter().cloned().map(Arc::new).collect(),
    ))
}

fn done(mine: Option<Loaded>, theirs: Option<(String, Vec<Annotation>)>) -> Action {
    Action::Arrived(Arrival::Done(Box::new(Rest { mine, theirs })))
}

/// A record that no longer fits the article.
fn detached(id: u64) -> Record {
    Record {
        id,
        label: "claim".into(),
        spans: vec![SpanRecord {
            start: 0,
            end: 4,
            text: "Gone".into(),
        }],
        prefix: String::new(),
        suffix: String::new(),
        speaker: None,
        note: None,
        status: sayso_core::annotation::Status::Pending,
        origin: sayso_core::annotation::Origin::Manual,
        author: "ed".into(),
        created: "2024-01-01T00:00:00Z".into(),
        modified: "2024-01-01T00:00:00Z".into(),
    }
}

/// The last line of the screen.
fn status_line(app: &App) -> String {
    let keymap = Keymap::new(&app.labels);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 12))
        .expect("a test terminal");
    terminal
        .draw(|frame| view(app, &keymap, frame))
        .expect("drawn");
    let buffer = terminal.backend().buffer();
    (0..100)
        .map(|x| buffer[(x, 11)].symbol())
        .collect::<String>()
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Presses `event` as the loop does: held, or handled now. Whether held.
fn press(app: &mut App, event: Event) -> bool {
    let keymap = Keymap::new(&app.labels);
    let Event::Key(k) = event.clone() else {
        unreachable!("keys only")
    };
    let action = keymap.action(&app.mode, app.list.open, k);
    let held = hold(app, &event, action.as_ref());
    if !held && let Some(action) = action {
        run(app, &[action]);
    }
    held
}

#[test]
fn annotations_attach_batch_by_batch_and_the_status_line_counts_them() {
    let mut app = opening(false);
    assert!(
        status_line(&app).contains("Reading the annotations: 0 so far…"),
        "{}",
        status_line(&app)
    );

    run(
        &mut app,
        &[batch(&[
            on(1, "quote", "東京 is near"),
            on(2, "claim", "שלום said no."),
        ])],
    );
    assert_eq!(app.annotations.len(), 2);
    assert!(
        status_line(&app).contains("2 so far…"),
        "{}",
        status_line(&app)
    );
    run(&mut app, &[batch(&[on(3, "denial", "Third one here.")])]);
    assert_eq!(app.annotations.len(), 3);
    assert!(app.loading.is_some());

    let rest = Sidecar {
        annotations: vec![on(4, "claim", "Fourth")],
        detached: vec![detached(9)],
        reanchored: Reanchored {
            kept: 3,
            moved: 1,
            ..Reanchored::default()
        },
        ..Sidecar::default()
    };
    run(&mut app, &[done(Some(Loaded::Rest(rest)), None)]);
    assert!(app.loading.is_none());
    let ids: Vec<u64> = app.annotations.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4]);
    assert_eq!(app.detached.len(), 1);
    assert_eq!(
        app.annotations.next_id(),
        10,
        "past the detached record's id"
    );
    assert_eq!(
        app.message.as_deref(),
        Some("Annotations placed again: 3 kept, 1 moved, 0 changed, 1 detached (L lists).")
    );
}

#[test]
fn a_sidecar_read_again_whole_takes_the_place_of_its_batches() {
    let mut app = opening(false);
    run(&mut app, &[batch(&[on(1, "quote", "東京 is near")])]);
    let whole = Sidecar {
        annotations: vec![on(2, "claim", "Third one here."), on(1, "quote", "Zoë")],
        article_changed: true,
        ..Sidecar::default()
    };
    run(&mut app, &[done(Some(Loaded::Whole(whole)), None)]);
    let ids: Vec<u64> = app.annotations.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![1, 2]);
    assert_eq!(
        app.annotations.get(1).map(|a| a.spans[0].start),
        Some(0),
        "the batch's version is gone"
    );
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("The article changed:")),
        "{:?}",
        app.message
    );
}

#[test]
fn no_sidecar_opens_as_before_and_read_only_says_so() {
    let mut app = opening(true);
    run(&mut app, &[done(None, None)]);
    assert!(app.loading.is_none() && app.annotations.is_empty());
    assert_eq!(
        app.message.as_deref(),
        Some("Read-only: nothing will be saved.")
    );
}

#[test]
fn the_other_editors_annotations_are_compared_once_all_of_mine_are_read() {
    let mut app = opening(false);
    run(&mut app, &[batch(&[on(1, "quote", "東京 is near")])]);
    assert!(app.compare.is_none());
    let theirs = vec![on(1, "claim", "東京 is near")];
    run(
        &mut app,
        &[done(None, Some(("kim/a.ann.ron".into(), theirs)))],
    );
    let compare = app.compare.as_ref().expect("comparing");
    assert_eq!(compare.len(), 1);
    assert_eq!(
        app.message.as_deref(),
        Some("Comparing with kim/a.ann.ron: 1 disagreement, D goes to the next.")
    );
}

#[test]
fn moving_searching_and_help_act_at_once_while_the_annotations_are_read() {
    let mut app = opening(false);
    assert!(!press(&mut app, key('j')));
    assert_eq!(app.cursor, at(&app, "שלום"));
    assert!(!press(&mut app, key('/')));
    for c in "Third".chars() {
        assert!(!press(&mut app, key(c)), "typing a search: {c}");
    }
    assert!(!press(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
    ));
    assert_eq!(app.paragraph(), Some(2), "found in the third paragraph");
    assert!(!press(&mut app, key('?')));
    assert!(!press(&mut app, key('?')));
    assert!(app.typed_ahead.is_empty());
}

#[test]
fn going_to_a_paragraph_acts_at_once_while_the_annotations_are_read() {
    let mut app = opening(false);
    for typed in [':', '3'] {
        assert!(!press(&mut app, key(typed)), "{typed}");
    }
    assert!(!press(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
    ));
    assert_eq!(app.paragraph(), Some(2), "the third paragraph");
    assert!(!press(&mut app, key('1')));
    assert!(!press(&mut app, key('g')));
    assert_eq!(app.paragraph(), Some(0), "12g as in vi");
    assert!(app.typed_ahead.is_empty());
}

#[test]
fn a_key_that_needs_the_annotations_waits_and_so_does_every_key_after_it() {
    let mut app = opening(false);
    // Tag, then move: the move waits behind the tag, or the tag would land
    // on the paragraph it moved to.
    for c in ['q', 'j', 'L', 'u', 'x'] {
        assert!(press(&mut app, key(c)), "{c} waits");
    }
    assert_eq!(app.cursor, at(&app, "Zoë"), "nothing moved");
    assert!(app.annotations.is_empty());
    assert_eq!(app.revision, 0, "nothing changed, so nothing is saved");
    assert_eq!(app.typed_ahead.len(), 5);
    assert!(
        status_line(&app).contains("5 keys wait for them."),
        "{}",
        status_line(&app)
    );
    // A mouse move means nothing in any mode, and is not kept.
    let moved = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Moved,
        column: 3,
        row: 3,
        modifiers: KeyModifiers::NONE,
    });
    assert!(!hold(&mut app, &moved, None));
    // A key that means nothing in the article may in the list `L` opens.
    let unbound = Event::Key(KeyEvent::new(KeyCode::F(12), KeyModifiers::NONE));
    assert!(hold(&mut app, &unbound, None));
    assert_eq!(app.typed_ahead.len(), 6);
    app.typed_ahead.pop();
    // A resize never waits.
    let resize = Event::Resize(90, 12);
    assert!(!hold(
        &mut app,
        &resize,
        Some(&Action::Resize {
            width: 90,
            height: 12
        })
    ));
    assert_eq!(app.typed_ahead.len(), 5);
}

#[test]
fn quitting_with_nothing_waiting_quits_at_once_and_behind_a_key_waits() {
    let mut app = opening(false);
    let ctrl_q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert!(!press(&mut app, ctrl_q.clone()));
    assert!(app.quit);

    let mut app = opening(false);
    assert!(press(&mut app, key('d')));
    assert!(press(&mut app, ctrl_q));
    assert!(!app.quit, "the tag must not be lost");
}

#[test]
fn nothing_waits_once_the_annotations_are_read() {
    let mut app = opening(false);
    run(&mut app, &[done(None, None)]);
    assert!(!press(&mut app, key('q')));
    assert_eq!(app.annotations.len(), 1);
    assert!(app.typed_ahead.is_empty());
}

#[test]
fn a_session_opened_before_its_sidecar_is_read_watches_and_saves_it_only_from_all_of_it() {
    use super::corpus::{Entry, Known, Session, Settings};
    use super::loader::Loader;
    use super::update;
    use sayso_core::store::{self, lock};

    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.txt");
    std::fs::write(&path, TEXT).expect("write the article");
    let sidecar = store::sidecar_path(&path);
    let article = Arc::new(Article::from_text(TEXT.into()));
    let write = |annotations: &[Annotation]| {
        let live: Vec<_> = annotations.iter().cloned().map(Arc::new).collect();
        let text = store::render(&article, "a.txt", &live, &[], None);
        store::save(&sidecar, &text).expect("write the sidecar");
    };
    let first = [
        on(1, "quote", "東京 is near"),
        on(2, "denial", "שלום said no"),
    ];
    write(&first);
    let loader = Loader::spawn(Arc::clone(&article), sidecar.clone(), None).expect("loader");
    let settings = Settings {
        author: "ed".into(),
        read_only: false,
        color: false,
        labels: options().labels,
        tree: false,
        places: None,
    };
    let entry = Entry {
        path: path.clone(),
        shown: "a.txt".into(),
        sidecar: sidecar.clone(),
        known: Known::default(),
    };
    let mut session = Session::loading(
        App::opening(Arc::clone(&article), options()),
        entry,
        settings,
        loader,
    );
    // Nothing saves or locks the sidecar from part of it.
    assert!(session.saver().is_none());
    assert!(lock::holder(&sidecar).is_none());
    let loader = session.take_loader().expect("still to be read");
    for arrival in loader.wait().expect("the sidecar reads") {
        update(&mut session.app, Action::Arrived(arrival));
    }
    // Another program writes once the reading began: the version read is
    // the one before, so the first look merges what it added.
    let third = on(3, "claim", "Third one here.");
    write(&[first[0].clone(), first[1].clone(), third.clone()]);
    let (read, placed) = loader.read();
    assert!(!placed);
    session.loaded(read, placed);
    assert!(session.saver().is_some());
    assert!(lock::holder(&sidecar).is_some(), "the lock is taken");
    let (app, _, outside) = session.parts();
    let outside = outside.expect("the sidecar is watched");
    outside.look(app);
    let ids: Vec<u64> = app.annotations.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![1, 2, 3], "{:?}", app.message);
}
