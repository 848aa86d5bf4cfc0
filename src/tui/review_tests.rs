//! Scenario tests of review: accept and reject, the speaker from the
//! selection, the edit form, joined spans, and the list as a review panel.
//! Actions go through `update`, screens through `view`; no terminal.

use std::ops::Range;
use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

use super::action::{Action, Direction};
use super::app::{App, Mode, Options};
use super::form::Focus;
use super::form::FormAction as F;
use super::key::Key;
use super::keymap::Keymap;
use super::list::ListAction as L;
use super::list::{Filter, ListRow};
use super::normal::{Motion, NormalAction as N};
use super::tests::{
    QUOTE, app, app_with, at, cells_of, render, run, screen, search, snapshot_of, texts,
};
use super::update;
use sayso_core::annotation::testing::annotation;
use sayso_core::annotation::{Annotation, Label, Origin, Status};
use sayso_core::article::Article;
use sayso_core::store::format::SpanRecord;
use sayso_core::store::{Record, Sidecar};

/// Quotes of speakers written in several scripts.
const TEXT: &str = "Zoë Ångström said \"the plan is dead\" on Monday.\n\n\
    习近平 said \"合作共赢\" in Beijing. שלום כהן replied \"לא נכון\" at once.\n\n\
    The 👩‍👩‍👧 family said \"we waited\", then\n\"we left\" the next day.";

/// The byte range of the first `needle`.
fn range(app: &App, needle: &str) -> Range<usize> {
    let start = at(app, needle);
    start..start + needle.len()
}

/// A suggestion waiting for review: `label` on the first `needle`.
fn suggested(app: &App, id: u64, label: &str, needle: &str) -> Annotation {
    Annotation {
        status: Status::Pending,
        origin: Origin::Suggested,
        author: "model".into(),
        ..annotation(id, label, vec![range(app, needle)])
    }
}

/// Three pending quotes (ids 1 to 3, in order) and an accepted claim (4).
fn to_review() -> App {
    let mut a = app(TEXT, 120, 40);
    for (id, needle) in [(1, "the plan is dead"), (2, "合作共赢"), (3, "לא נכון")] {
        let s = suggested(&a, id, "quote", needle);
        a.annotations.insert(s);
    }
    let mut claim = suggested(&a, 4, "claim", "we waited");
    claim.status = Status::Accepted;
    a.annotations.insert(claim);
    a
}

fn status_of(app: &App, id: u64) -> Option<Status> {
    app.annotations.get(id).map(|x| x.status)
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or_default()
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, F::Key(Key::char(c)));
    }
}

fn form(app: &App) -> &super::form::Form {
    match &app.mode {
        Mode::Form(form) => form,
        other => panic!("no form open: {other:?}"),
    }
}

#[test]
fn p_a_p_r_p_a_reviews_a_file_in_order() {
    let mut a = to_review();
    run(
        &mut a,
        &[
            Action::Normal(N::GoPending(Direction::Forward)),
            Action::Normal(N::Accept),
        ],
    );
    assert_eq!(status_of(&a, 1), Some(Status::Accepted));
    assert_eq!(a.current, Some(1), "a stays on what it accepted");
    assert!(message(&a).contains("Accepted quote #1"), "{}", message(&a));
    assert!(message(&a).contains("u undoes"), "{}", message(&a));
    assert!(message(&a).contains("2 pending left"), "{}", message(&a));
    run(
        &mut a,
        &[
            Action::Normal(N::GoPending(Direction::Forward)),
            Action::Normal(N::Reject),
        ],
    );
    assert_eq!(status_of(&a, 2), Some(Status::Rejected));
    assert!(message(&a).contains("Rejected quote #2"), "{}", message(&a));
    assert_eq!(a.annotations.len(), 4, "a rejected annotation stays");
    run(
        &mut a,
        &[
            Action::Normal(N::GoPending(Direction::Forward)),
            Action::Normal(N::Accept),
        ],
    );
    assert_eq!(status_of(&a, 3), Some(Status::Accepted));
    assert!(message(&a).contains("no pending annotation left"));
    update(&mut a, N::GoPending(Direction::Forward));
    assert!(message(&a).contains("No pending"));
    assert_eq!(a.annotations.with_status(Status::Pending), 0);
    assert_eq!(
        status_of(&a, 4),
        Some(Status::Accepted),
        "the claim untouched"
    );
}

#[test]
fn each_review_step_is_undone_alone() {
    let mut a = to_review();
    let revision = a.revision;
    run(
        &mut a,
        &[
            Action::Normal(N::GoPending(Direction::Forward)),
            Action::Normal(N::Reject),
        ],
    );
    assert!(a.revision > revision, "the change is saved");
    update(&mut a, N::Accept);
    assert_eq!(status_of(&a, 1), Some(Status::Accepted));
    update(&mut a, Action::Undo);
    assert_eq!(status_of(&a, 1), Some(Status::Rejected));
    assert!(
        message(&a).contains("Undid: accept quote #1"),
        "{}",
        message(&a)
    );
    update(&mut a, Action::Undo);
    assert_eq!(status_of(&a, 1), Some(Status::Pending));
    update(&mut a, Action::Redo);
    assert_eq!(status_of(&a, 1), Some(Status::Rejected));
}

#[test]
fn accepting_what_is_accepted_changes_nothing() {
    let mut a = to_review();
    a.current = Some(4);
    let revision = a.revision;
    update(&mut a, N::Accept);
    assert_eq!(a.revision, revision);
    assert!(message(&a).contains("already accepted"), "{}", message(&a));
    update(&mut a, Action::Undo);
    assert!(message(&a).contains("Nothing to undo"));
}

#[test]
fn review_keys_without_a_current_annotation_say_so() {
    let mut a = to_review();
    for action in [
        Action::Normal(N::Accept),
        Action::Normal(N::Reject),
        Action::Normal(N::OpenForm),
    ] {
        update(&mut a, action.clone());
        assert!(
            message(&a).contains("No annotation on screen is current"),
            "{action:?}"
        );
        assert_eq!(a.mode, Mode::Normal);
    }
    assert_eq!(a.revision, 0);
}

#[test]
fn the_status_line_names_the_status_of_the_current_annotation() {
    let mut a = to_review();
    update(&mut a, N::GoPending(Direction::Forward));
    assert!(
        message(&a).contains("quote #1 · pending"),
        "{}",
        message(&a)
    );
    update(&mut a, N::Move(Motion::NextGrapheme));
    let keymap = Keymap::new(&a.labels);
    let shown = screen(&render(&a, &keymap, 120, 40));
    let status = shown.lines().last().unwrap_or_default();
    assert!(status.contains("quote #1 · pending"), "{status}");
    assert!(status.contains("a accept · r reject"), "{status}");
    assert!(shown.contains("4 annotations · 3 pending"), "{shown}");
}

#[test]
fn s_names_the_speaker_from_the_selection_in_any_script() {
    for (name, quote) in [
        ("习近平", "合作共赢"),
        ("שלום כהן", "לא נכון"),
        ("Zoë Ångström", "the plan is dead"),
        ("👩‍👩‍👧 family", "we waited"),
    ] {
        let mut a = to_review();
        a.current = a.annotations.at(at(&a, quote)).first().map(|x| x.id);
        search(&mut a, name);
        update(&mut a, N::SetSpeaker);
        let current = a.current_annotation().expect("current");
        assert_eq!(current.speaker.as_deref(), Some(name), "{quote}");
        assert_eq!(texts(&a, current), [quote], "the speaker went to another");
        assert!(
            message(&a).contains(&format!("now “{name}”")),
            "{}",
            message(&a)
        );
        assert!(message(&a).contains("u undoes"), "{}", message(&a));
        assert_eq!(a.selection(), None, "S drops the selection");
        update(&mut a, Action::Undo);
        assert_eq!(a.current_annotation().and_then(|x| x.speaker.clone()), None);
    }
}

#[test]
fn s_joins_a_name_broken_over_lines_into_one() {
    let mut a = app("Said Gavin\r\n  Williamson: \"no\".\n\nNext.", 80, 24);
    update(&mut a, N::Tag(QUOTE));
    let id = a.current;
    a.anchor = Some(at(&a, "Gavin"));
    a.cursor = at(&a, ":");
    update(&mut a, N::SetSpeaker);
    let speaker = a
        .annotations
        .get(id.expect("tagged"))
        .and_then(|x| x.speaker.clone());
    assert_eq!(speaker.as_deref(), Some("Gavin Williamson"));
}

#[test]
fn s_without_a_selection_or_a_current_annotation_says_what_to_do() {
    let mut a = to_review();
    update(&mut a, N::SetSpeaker);
    assert!(message(&a).contains("No selection"), "{}", message(&a));
    search(&mut a, "Zoë");
    a.current = None;
    update(&mut a, N::SetSpeaker);
    assert!(
        message(&a).contains("No annotation on screen is current"),
        "{}",
        message(&a)
    );
    a.current = Some(1);
    a.anchor = Some(at(&a, " on Monday"));
    a.cursor = at(&a, "on Monday");
    update(&mut a, N::SetSpeaker);
    assert!(message(&a).contains("no name"), "{}", message(&a));
    assert_eq!(a.revision, 0);
}

/// An annotator with speakers named on three annotations, the form open on
/// quote #3 (no speaker yet).
fn form_on_third() -> App {
    let mut a = to_review();
    for (id, speaker) in [(1, "Zoë Ångström"), (2, "习近平"), (4, "Gavin Williamson")] {
        let mut x = a.annotations.get(id).cloned().expect("exists");
        x.speaker = Some(speaker.into());
        a.annotations.insert(x);
    }
    a.current = Some(3);
    update(&mut a, N::OpenForm);
    a
}

#[test]
fn the_form_saves_speaker_note_and_label_as_one_step() {
    let mut a = form_on_third();
    assert_eq!(
        form(&a).focus,
        Focus::Speaker,
        "the form opens on the speaker"
    );
    typed(&mut a, "  שלום כהן ");
    run(&mut a, &[Action::Form(F::Field(Direction::Forward))]);
    typed(&mut a, "said at once 👍🏽");
    run(
        &mut a,
        &[
            Action::Form(F::Field(Direction::Forward)),
            Action::Form(F::Field(Direction::Forward)),
        ],
    );
    assert_eq!(
        form(&a).focus,
        Focus::Label,
        "↓ wraps from the span to the label"
    );
    update(&mut a, F::Side(Direction::Forward));
    assert_eq!(form(&a).label, "claim");
    update(&mut a, F::Key(Key::char('d')));
    assert_eq!(form(&a).label, "denial", "a label's key chooses it");
    update(&mut a, F::Key(Key::char('z')));
    assert!(message(&a).contains("No label has the key z"));
    let before = a.annotations.get(3).cloned().expect("exists");
    update(&mut a, F::Save);
    assert_eq!(a.mode, Mode::Normal);
    let after = a.annotations.get(3).cloned().expect("exists");
    assert_eq!(after.speaker.as_deref(), Some("שלום כהן"), "trimmed");
    assert_eq!(after.note.as_deref(), Some("said at once 👍🏽"));
    assert_eq!(after.label, "denial");
    assert_eq!(after.spans, before.spans);
    assert_eq!(after.status, Status::Pending, "editing is not accepting");
    assert!(
        message(&a).contains("Saved denial #3 (u undoes)"),
        "{}",
        message(&a)
    );
    update(&mut a, Action::Undo);
    assert_eq!(
        a.annotations.get(3),
        Some(&before),
        "one u undoes the whole form"
    );
}

#[test]
fn esc_drops_the_form_and_changes_nothing() {
    let mut a = form_on_third();
    typed(&mut a, "Somebody");
    update(&mut a, F::Field(Direction::Backward));
    update(&mut a, F::Side(Direction::Backward));
    update(&mut a, F::Cancel);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.revision, 0);
    assert_eq!(a.annotations.get(3).and_then(|x| x.speaker.clone()), None);
    assert_eq!(
        a.annotations.get(3).map(|x| x.label.clone()),
        Some("quote".into())
    );
    assert!(message(&a).contains("cancelled"), "{}", message(&a));
}

#[test]
fn saving_an_unchanged_form_is_not_a_step() {
    let mut a = form_on_third();
    update(&mut a, F::Save);
    assert!(message(&a).contains("No change"), "{}", message(&a));
    assert_eq!(a.revision, 0);
}

#[test]
fn tab_completes_the_speaker_from_those_already_named() {
    let mut a = form_on_third();
    update(&mut a, F::Complete(Direction::Forward));
    let first = form(&a).speaker.lines().join("");
    let all = ["Gavin Williamson", "Zoë Ångström", "习近平"];
    assert_eq!(first, all[0], "an empty field cycles through every speaker");
    update(&mut a, F::Complete(Direction::Forward));
    assert_eq!(form(&a).speaker.lines().join(""), all[1]);
    update(&mut a, F::Complete(Direction::Backward));
    assert_eq!(form(&a).speaker.lines().join(""), all[0]);

    // Typing starts again from what is typed; case does not matter, and a
    // later word of a name matches too.
    update(&mut a, F::DeleteToStart);
    assert!(
        form(&a).speaker.is_empty(),
        "{:?}",
        form(&a).speaker.lines()
    );
    typed(&mut a, "will");
    assert_eq!(form(&a).matches(), ["Gavin Williamson"]);
    update(&mut a, F::Complete(Direction::Forward));
    assert_eq!(form(&a).speaker.lines().join(""), "Gavin Williamson");

    update(&mut a, F::DeleteToStart);
    typed(&mut a, "习");
    update(&mut a, F::Complete(Direction::Forward));
    assert_eq!(form(&a).speaker.lines().join(""), "习近平");
    update(&mut a, F::Complete(Direction::Forward));
    assert_eq!(
        form(&a).speaker.lines().join(""),
        "习近平",
        "one match cycles to itself"
    );

    update(&mut a, F::DeleteToStart);
    typed(&mut a, "zoë å");
    update(&mut a, F::Complete(Direction::Forward));
    assert_eq!(form(&a).speaker.lines().join(""), "Zoë Ångström");
    update(&mut a, F::Save);
    let saved = a.annotations.get(3).and_then(|x| x.speaker.clone());
    assert_eq!(saved.as_deref(), Some("Zoë Ångström"));
}

#[test]
fn tab_with_no_match_says_so_and_keeps_the_text() {
    let mut a = form_on_third();
    typed(&mut a, "Nobody");
    update(&mut a, F::Complete(Direction::Forward));
    assert_eq!(form(&a).speaker.lines().join(""), "Nobody");
    assert!(message(&a).contains("matches “Nobody”"), "{}", message(&a));

    let mut fresh = to_review();
    fresh.current = Some(1);
    update(&mut fresh, N::OpenForm);
    update(&mut fresh, F::Complete(Direction::Forward));
    assert!(
        message(&fresh).contains("No speaker is named"),
        "{}",
        message(&fresh)
    );
}

#[test]
fn the_form_keeps_its_fields_on_one_line() {
    let mut a = form_on_third();
    typed(&mut a, "Ann");
    for key in [
        Key::plain(KeyCode::Enter),
        Key::char('\n'),
        Key::char('\r'),
        Key::ctrl('m'),
    ] {
        update(&mut a, F::Key(key));
    }
    update(&mut a, F::Key(Key::char('e')));
    assert_eq!(form(&a).speaker.lines(), ["Anne"]);
}

#[test]
fn quitting_with_the_form_open_saves_it() {
    let mut a = form_on_third();
    typed(&mut a, "习近平");
    update(&mut a, Action::Quit);
    assert!(a.quit);
    let saved = a.annotations.get(3).and_then(|x| x.speaker.clone());
    assert_eq!(saved.as_deref(), Some("习近平"));
}

/// Two quotes joined with `J` into one annotation of two spans (#1), the
/// second quote continuing after a line break.
fn joined() -> App {
    let mut a = app(TEXT, 120, 40);
    search(&mut a, "we waited");
    update(&mut a, N::Tag(QUOTE));
    search(&mut a, "we left");
    update(&mut a, N::Tag(QUOTE));
    a.current = Some(1);
    update(&mut a, N::Join);
    assert_eq!(a.annotations.len(), 1);
    a
}

#[test]
fn the_form_splits_a_joined_quote_again_and_u_joins_it_back() {
    let mut a = joined();
    let whole = a.annotations.get(1).cloned().expect("joined");
    update(&mut a, N::OpenForm);
    typed(&mut a, "The family");
    update(&mut a, F::Split);
    assert!(message(&a).contains("span row"), "{}", message(&a));
    run(
        &mut a,
        &[
            Action::Form(F::Field(Direction::Forward)),
            Action::Form(F::Field(Direction::Forward)),
            Action::Form(F::Field(Direction::Forward)),
        ],
    );
    assert_eq!(form(&a).focus, Focus::Span(1));
    update(&mut a, F::Split);
    assert_eq!(form(&a).split, [false, true]);
    update(&mut a, F::Field(Direction::Backward));
    update(&mut a, F::Split);
    assert!(message(&a).contains("at least one span"), "{}", message(&a));
    assert_eq!(form(&a).split, [false, true], "the last span stays");
    update(&mut a, F::Save);

    assert_eq!(a.annotations.len(), 2);
    let first = a.annotations.get(1).cloned().expect("kept");
    let second = a.annotations.nth(1).cloned().expect("split off");
    assert_eq!(texts(&a, &first), ["we waited"]);
    assert_eq!(texts(&a, &second), ["we left"]);
    assert_eq!(second.id, 3, "a new id, never a reused one");
    for part in [&first, &second] {
        assert_eq!(part.label, "quote");
        assert_eq!(part.speaker.as_deref(), Some("The family"));
        assert_eq!(part.status, Status::Accepted);
    }
    assert!(message(&a).contains("split off #3"), "{}", message(&a));
    update(&mut a, Action::Undo);
    assert!(message(&a).contains("split quote #1"), "{}", message(&a));
    assert_eq!(a.annotations.len(), 1);
    assert_eq!(a.annotations.get(1), Some(&whole));
}

#[test]
fn a_joined_annotation_is_one_for_tab_space_and_the_cursor() {
    let mut a = joined();
    let id = Some(1);
    a.current = None;
    a.cursor = 0;
    update(&mut a, N::GoAnnotation(Direction::Forward));
    assert_eq!(a.current, id);
    update(&mut a, N::GoAnnotation(Direction::Forward));
    assert_eq!(
        a.current, id,
        "Tab wraps to the same one: it is one annotation"
    );
    assert!(message(&a).contains("(1/1)"), "{}", message(&a));

    a.current = None;
    a.cursor = at(&a, "left");
    update(&mut a, N::CycleOverlap);
    assert_eq!(a.current, id, "Space finds it in its second span");
    a.current = None;
    update(&mut a, N::Move(Motion::PrevGrapheme));
    assert_eq!(
        a.current, id,
        "moving into the second span makes it current"
    );
    a.cursor = at(&a, ", then");
    a.current = None;
    update(&mut a, N::CycleOverlap);
    assert_eq!(a.current, None, "the gap between the spans is not tagged");
}

#[test]
fn a_joined_annotation_is_highlighted_over_all_its_spans_and_listed_once() {
    let mut a = joined();
    a.current = Some(1);
    let keymap = Keymap::new(&a.labels);
    let buffer = render(&a, &keymap, 120, 40);
    for needle in ["we waited", "we left"] {
        for (x, y) in cells_of(&buffer, needle) {
            assert!(
                buffer[(x, y)].modifier.contains(Modifier::REVERSED),
                "{needle} is not highlighted"
            );
        }
    }
    let (x, y) = cells_of(&buffer, "then")[0];
    assert!(!buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    update(&mut a, N::OpenList);
    assert_eq!(a.list.len(), 1);
    let shown = screen(&render(&a, &keymap, 120, 40));
    assert!(shown.contains("we waited … we left"), "{shown}");
}

#[test]
fn pending_accepted_and_rejected_look_different_without_colour() {
    for color in [false, true] {
        let mut a = app_with(TEXT, 120, 40, color, false);
        for (id, needle, status) in [
            (1, "the plan is dead", Status::Pending),
            (2, "合作共赢", Status::Accepted),
            (3, "לא נכון", Status::Rejected),
        ] {
            let mut x = suggested(&a, id, "quote", needle);
            x.status = status;
            a.annotations.insert(x);
        }
        let keymap = Keymap::new(&a.labels);
        let buffer = render(&a, &keymap, 120, 40);
        let look = |needle: &str| {
            let cells = cells_of(&buffer, needle);
            let first = buffer[cells[0]].modifier;
            for &cell in &cells {
                assert_eq!(buffer[cell].modifier, first, "{needle} is drawn unevenly");
            }
            first
        };
        let pending = look("the plan");
        let accepted = look("合");
        let rejected = look("נכון");
        assert!(
            pending.contains(Modifier::UNDERLINED | Modifier::DIM),
            "{pending:?}"
        );
        assert!(!pending.contains(Modifier::CROSSED_OUT));
        assert!(accepted.contains(Modifier::UNDERLINED));
        assert!(!accepted.intersects(Modifier::DIM | Modifier::CROSSED_OUT));
        assert!(
            rejected.contains(Modifier::DIM | Modifier::CROSSED_OUT),
            "{rejected:?}"
        );
        assert!(!rejected.contains(Modifier::UNDERLINED));

        // The gutter marks the lines: ? waits for review, ✗ was rejected.
        let shown = screen(&buffer);
        let rows: Vec<&str> = shown.lines().collect();
        assert!(rows[1].starts_with("│▶1 q  ? "), "{}", rows[1]);
        assert!(rows[3].starts_with("│ 2 q  ✗ "), "{}", rows[3]);
        assert!(rows[5].starts_with("│ 3      The"), "{}", rows[5]);
    }
}

#[test]
fn the_list_filters_by_label_status_and_typed_speaker() {
    let mut a = form_on_third();
    update(&mut a, F::Cancel);
    update(&mut a, N::OpenList);
    let ids = |a: &App| -> Vec<u64> {
        (0..a.list.len())
            .filter_map(|i| match a.list.row(i) {
                Some(ListRow::Attached(id)) => Some(id),
                _ => None,
            })
            .collect()
    };
    assert_eq!(ids(&a), [1, 2, 3, 4], "by position");
    update(&mut a, L::FilterLabel);
    assert_eq!(a.list.filter().label.as_deref(), Some("quote"));
    assert_eq!(ids(&a), [1, 2, 3]);
    run(
        &mut a,
        &[Action::List(L::FilterLabel), Action::List(L::FilterLabel)],
    );
    assert_eq!(a.list.filter().label.as_deref(), Some("denial"));
    assert!(a.list.is_empty());
    update(&mut a, L::FilterLabel);
    assert_eq!(a.list.filter().label, None, "back to every label");
    update(&mut a, L::FilterStatus);
    assert_eq!(a.list.filter().status, Some(Status::Pending));
    assert_eq!(ids(&a), [1, 2, 3]);
    run(&mut a, &[Action::List(L::FilterStatus)]);
    assert_eq!(ids(&a), [4], "accepted");

    update(&mut a, L::FilterClear);
    update(&mut a, L::FilterSpeaker);
    assert_eq!(a.mode, Mode::ListFilter);
    let keymap = Keymap::new(&a.labels);
    let event = |c| ratatui::crossterm::event::KeyEvent::from(KeyCode::Char(c));
    assert_eq!(
        keymap.action(&a.mode, true, event('a')),
        Some(Action::List(L::FilterInput('a'))),
        "letters are typed, not row actions"
    );
    for c in "ÅNG".chars() {
        update(&mut a, L::FilterInput(c));
    }
    assert_eq!(ids(&a), [1], "part of a name, any case");
    update(&mut a, L::FilterBackspace);
    update(&mut a, L::FilterBackspace);
    update(&mut a, L::FilterBackspace);
    update(&mut a, L::FilterInput('习'));
    assert_eq!(ids(&a), [2]);
    update(&mut a, L::FilterKeep);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.list.filter().speaker, "习", "Enter keeps the filter");
    update(&mut a, L::FilterSpeaker);
    update(&mut a, L::FilterDrop);
    assert_eq!(a.list.filter(), &Filter::default(), "Esc drops it");
    assert!(a.list.open);
}

#[test]
fn list_rows_accept_reject_and_delete_and_u_brings_them_back() {
    let mut a = to_review();
    update(&mut a, N::OpenList);
    update(&mut a, L::FilterStatus);
    assert_eq!(a.list.len(), 3, "the pending ones");
    update(&mut a, L::Accept);
    assert_eq!(status_of(&a, 1), Some(Status::Accepted));
    assert_eq!(a.list.len(), 2, "an accepted row leaves the pending filter");
    assert_eq!(
        a.list.selected_row(),
        Some(ListRow::Attached(2)),
        "on to the next"
    );
    update(&mut a, L::Reject);
    assert_eq!(status_of(&a, 2), Some(Status::Rejected));
    assert_eq!(a.list.selected_row(), Some(ListRow::Attached(3)));
    update(&mut a, L::Delete);
    assert_eq!(a.annotations.get(3), None);
    assert!(a.list.is_empty());
    update(&mut a, L::Accept);
    assert!(message(&a).contains("No row"), "{}", message(&a));
    update(&mut a, Action::Undo);
    assert_eq!(
        a.list.selected_row(),
        Some(ListRow::Attached(3)),
        "u selects it again"
    );
    run(&mut a, &[Action::Undo, Action::Undo]);
    assert_eq!(a.list.len(), 3);
    assert_eq!(a.list.selected_row(), Some(ListRow::Attached(1)));
}

#[test]
fn the_list_moves_pages_and_jumps_to_the_article() {
    let mut a = app(&"Word said \"yes\" here.\n\n".repeat(80), 120, 20);
    let starts: Vec<usize> = a.article.paragraphs().iter().map(|p| p.start).collect();
    for (i, start) in starts.iter().enumerate() {
        let mut x = suggested(&a, i as u64 + 1, "claim", "Word");
        x.spans[0] = *start..start + 4;
        a.annotations.insert(x);
    }
    update(&mut a, N::OpenList);
    update(&mut a, L::End(Direction::Forward));
    assert_eq!(a.list.selected, 79);
    update(&mut a, L::Page(Direction::Backward));
    let page = 79 - a.list.selected;
    assert_eq!(page, 15, "a page is the rows on screen");
    assert!(a.list.top <= a.list.selected && a.list.selected < a.list.top + page);
    update(&mut a, L::End(Direction::Backward));
    update(&mut a, L::Page(Direction::Forward));
    assert_eq!(a.list.selected, page);
    update(&mut a, L::Jump);
    assert_eq!(a.current, Some(page as u64 + 1));
    assert_eq!(a.cursor, starts[page]);
    assert!(a.list.open, "the list stays for the next row");
    update(&mut a, L::Edit);
    assert_eq!(form(&a).id, page as u64 + 1);
}

#[test]
fn review_on_a_read_only_file_changes_nothing() {
    let mut a = app_with(TEXT, 120, 40, false, true);
    let x = suggested(&a, 1, "quote", "we left");
    a.annotations.insert(x);
    a.current = Some(1);
    search(&mut a, "family");
    a.current = Some(1);
    update(&mut a, N::SetSpeaker);
    assert!(message(&a).contains("Read-only"), "{}", message(&a));
    update(&mut a, N::OpenList);
    for action in [
        Action::List(L::Accept),
        Action::List(L::Reject),
        Action::List(L::Delete),
        Action::List(L::Edit),
    ] {
        update(&mut a, action.clone());
        assert!(
            message(&a).to_lowercase().contains("read-only"),
            "{action:?}: {}",
            message(&a)
        );
    }
    assert!(
        matches!(&a.mode, Mode::Form(f) if f.read_only),
        "e opens the form to read"
    );
    update(&mut a, F::Key(Key::char('z')));
    assert!(message(&a).contains("Read-only"), "{}", message(&a));
    update(&mut a, F::Save);
    assert_eq!(a.mode, Mode::Normal, "Enter closes a form to read");
    assert_eq!(
        a.annotations.get(1).map(|x| (x.status, x.speaker.clone())),
        Some((Status::Pending, None))
    );
    assert_eq!(a.revision, 0);
}

/// The sample article with suggestions to review: some with speakers in
/// several scripts, one rejected, one joined.
fn sample_review(width: u16, height: u16) -> App {
    let mut a = app(
        include_str!("../../annotations/huawei-leak.txt"),
        width,
        height,
    );
    let speakers = ["Gavin Williamson", "习近平", "שלום כהן", "Neil Basu 👮"];
    for (i, needle) in [
        "shabby and discredited witch hunt",
        "proper, full and impartial",
        "Scotland Yard said",
        "did not amount to a criminal offence",
        "compelling evidence",
        "something he has denied",
    ]
    .into_iter()
    .enumerate()
    {
        let label = ["quote", "claim", "denial"][i % 3];
        let mut x = suggested(&a, i as u64 + 1, label, needle);
        x.speaker = speakers.get(i).map(|s| s.to_string());
        x.status = [Status::Pending, Status::Accepted, Status::Rejected][i % 3];
        a.annotations.insert(x);
    }
    a
}

#[test]
fn snapshot_review_list_120x40() {
    let mut a = sample_review(120, 40);
    update(&mut a, N::OpenList);
    run(
        &mut a,
        &[
            Action::List(L::Row(Direction::Forward)),
            Action::List(L::Row(Direction::Forward)),
        ],
    );
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn snapshot_review_list_filtered_80x24() {
    let mut a = sample_review(80, 24);
    update(&mut a, N::OpenList);
    update(&mut a, L::FilterStatus);
    update(&mut a, L::FilterSpeaker);
    update(&mut a, L::FilterInput('w'));
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn snapshot_form_completing_a_speaker() {
    let mut a = sample_review(120, 40);
    a.current = Some(5);
    update(&mut a, N::OpenForm);
    typed(&mut a, "g");
    insta::assert_snapshot!(snapshot_of(&a));
    update(&mut a, F::Complete(Direction::Forward));
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn snapshot_form_splitting_a_joined_quote_80x24() {
    let mut a = sample_review(80, 24);
    a.current = Some(1);
    update(&mut a, N::Join);
    update(&mut a, N::OpenForm);
    run(
        &mut a,
        &[
            Action::Form(F::Field(Direction::Forward)),
            Action::Form(F::Field(Direction::Forward)),
            Action::Form(F::Field(Direction::Forward)),
            Action::Form(F::Split),
        ],
    );
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn the_form_ignores_the_mouse_and_lists_every_speaker_for_an_empty_field() {
    let mut a = form_on_third();
    let cursor = a.cursor;
    update(&mut a, N::Click { column: 30, row: 3 });
    update(&mut a, N::Wheel(Direction::Forward, 3));
    assert_eq!(a.cursor, cursor);
    assert!(matches!(a.mode, Mode::Form(_)));
    let keymap = Keymap::new(&a.labels);
    let shown = screen(&render(&a, &keymap, 120, 40));
    assert!(shown.contains("Edit quote #3 · pending"), "{shown}");
    assert!(
        shown.contains("Tab: Gavin Williamson · Zoë Ångström · 习近平"),
        "{shown}"
    );
}

#[test]
fn ctrl_u_in_a_field_deletes_back_to_its_start() {
    let mut a = form_on_third();
    typed(&mut a, "Zoë Å");
    update(&mut a, F::Side(Direction::Backward));
    update(&mut a, F::DeleteToStart);
    assert_eq!(form(&a).speaker.lines(), ["Å"]);
}

#[test]
fn list_rows_show_the_status_by_symbol_and_style() {
    let mut a = sample_review(120, 40);
    update(&mut a, N::OpenList);
    let keymap = Keymap::new(&a.labels);
    let buffer = render(&a, &keymap, 120, 40);
    let shown = screen(&buffer);
    let row = |needle: &str| {
        shown
            .lines()
            .find(|l| l.contains(needle))
            .map(|l| l.rsplit('│').nth(1).unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert!(row("did not amount").contains(" quote  ?  "), "{shown}");
    assert!(row("proper, full").contains(" claim  ✓  "), "{shown}");
    assert!(row("Scotland Yard said").contains(" denial ✗  "), "{shown}");
    // The style of the first cell of `needle` in the list (right half).
    let in_list = |needle: &str| {
        let area = buffer.area;
        let first = needle.chars().next().map(String::from).unwrap_or_default();
        for y in area.top()..area.bottom() {
            for x in 60..area.right() {
                let rest = (x..area.right()).map(|cx| buffer[(cx, y)].symbol());
                let here: String = rest.take(needle.chars().count()).collect();
                if buffer[(x, y)].symbol() == first && here == needle {
                    return buffer[(x, y)].modifier;
                }
            }
        }
        panic!("{needle:?} is not in the list:\n{shown}");
    };
    assert!(in_list("Scotland Yard said   ").contains(Modifier::CROSSED_OUT | Modifier::DIM));
    assert!(!in_list("compelling evidence ").contains(Modifier::DIM));
    assert!(
        in_list("shabby and discredi").contains(Modifier::REVERSED),
        "selected"
    );
}

#[test]
fn detached_annotations_are_listed_and_filtered_but_not_changed() {
    let record = |id: u64, status: Status, speaker: &str| Record {
        id,
        label: "quote".into(),
        spans: vec![SpanRecord {
            start: 0,
            end: 4,
            text: "gone".into(),
        }],
        prefix: String::new(),
        suffix: String::new(),
        speaker: Some(speaker.into()),
        note: None,
        status,
        origin: Origin::Imported,
        author: "ed".into(),
        created: "2026-11-24T05:40:00Z".into(),
        modified: "2026-11-24T05:40:00Z".into(),
    };
    let sidecar = Sidecar {
        annotations: vec![],
        detached: vec![
            record(7, Status::Pending, "习近平"),
            record(8, Status::Accepted, "Zoë"),
        ],
        article_changed: true,
        reanchored: Default::default(),
        finished: None,
    };
    let options = Options {
        file_name: "test.txt".into(),
        author: "ed".into(),
        read_only: false,
        color: false,
        labels: Label::defaults(),
    };
    let article = Arc::new(Article::from_text(TEXT.into()));
    let mut a = App::new(article, Some(sidecar), options);
    update(&mut a, N::OpenList);
    assert_eq!(a.list.len(), 2);
    update(&mut a, L::FilterStatus);
    assert_eq!(a.list.selected_row(), Some(ListRow::Detached(0)));
    assert_eq!(a.list.len(), 1);
    update(&mut a, L::FilterClear);
    update(&mut a, L::FilterSpeaker);
    update(&mut a, L::FilterInput('z'));
    assert_eq!(a.list.selected_row(), Some(ListRow::Detached(1)));
    update(&mut a, L::FilterKeep);
    for action in [
        Action::List(L::Accept),
        Action::List(L::Delete),
        Action::List(L::Edit),
    ] {
        update(&mut a, action.clone());
        assert!(
            message(&a).contains("quote #8 is detached"),
            "{action:?}: {}",
            message(&a)
        );
    }
    assert_eq!(a.revision, 0);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn bang_suggests_for_the_article_as_one_step() {
    let mut a = app(TEXT, 120, 40);
    update(&mut a, N::Suggest);
    let added: Vec<Annotation> = a.annotations.iter().cloned().collect();
    assert!(
        added.iter().filter(|x| x.label == "quote").count() >= 4,
        "{added:?}"
    );
    for x in &added {
        assert_eq!(
            (x.status, x.origin, x.author.as_str()),
            (Status::Pending, Origin::Suggested, "sayso-suggest")
        );
    }
    let zoe = added
        .iter()
        .find(|x| texts(&a, x) == ["the plan is dead"])
        .expect("Zoë's quote");
    assert_eq!(zoe.speaker.as_deref(), Some("Zoë Ångström"));
    let message = a.message.clone().unwrap_or_default();
    assert!(
        message.starts_with(&format!("Suggested {}: ", added.len()))
            && message.contains("u undoes")
            && message.chars().count() <= 78,
        "{message}"
    );
    // Nothing is proposed twice, whatever the editor made of it.
    update(&mut a, N::GoPending(Direction::Forward));
    update(&mut a, N::Reject);
    update(&mut a, N::Suggest);
    assert_eq!(a.annotations.len(), added.len());
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .starts_with("Nothing new to suggest"),
        "{:?}",
        a.message
    );
    // One `u` takes the rejection back, the next every suggestion at once.
    update(&mut a, Action::Undo);
    update(&mut a, Action::Undo);
    assert!(a.annotations.is_empty());
    update(&mut a, Action::Redo);
    assert_eq!(a.annotations.len(), added.len());
    // Read-only: nothing.
    let mut a = app_with(TEXT, 120, 40, false, true);
    update(&mut a, N::Suggest);
    assert!(a.annotations.is_empty());
    assert!(a.message.as_deref().unwrap_or("").starts_with("Read-only"));
}
