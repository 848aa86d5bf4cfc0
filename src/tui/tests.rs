//! Scenario tests of the annotator: actions through `update`, screens through
//! `view` on a `TestBackend`. No terminal needed.

use std::sync::Arc;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::{Color, Modifier};

use super::action::{Action, Direction};
use super::app::{App, Mode, Options};
use super::form::FormAction as F;
use super::help::HelpAction as H;
use super::key::Key;
use super::keymap::Keymap;
use super::list::ListAction as L;
use super::normal::{Motion, NormalAction as N, Nudge};
use super::search::SearchAction as S;
use super::{update, view};
use sayso_core::annotation::testing::annotation;
use sayso_core::annotation::{Annotation, Label, Origin, Status};
use sayso_core::article::{Article, graphemes};

/// An annotator on `text` in a terminal of `width`×`height`, colour off.
pub(super) fn app(text: &str, width: u16, height: u16) -> App {
    app_with(text, width, height, false, false)
}

pub(super) fn app_with(text: &str, width: u16, height: u16, color: bool, read_only: bool) -> App {
    let options = Options {
        file_name: "test.txt".into(),
        author: "ed".into(),
        read_only,
        color,
        labels: Label::defaults(),
    };
    let mut app = App::new(Arc::new(Article::from_text(text.into())), None, options);
    update(&mut app, Action::Resize { width, height });
    app
}

pub(super) fn run(app: &mut App, actions: &[Action]) {
    for action in actions {
        update(app, action.clone());
    }
}

/// The byte offset of the first `needle` in the article.
pub(super) fn at(app: &App, needle: &str) -> usize {
    app.article.text().find(needle).expect("needle in the text")
}

/// The texts of an annotation's spans.
pub(super) fn texts<'a>(app: &'a App, a: &Annotation) -> Vec<&'a str> {
    a.spans
        .iter()
        .map(|s| &app.article.text()[s.clone()])
        .collect()
}

/// Every annotation as (label, span texts), in order.
fn tagged(app: &App) -> Vec<(String, Vec<String>)> {
    app.annotations
        .iter()
        .map(|a| {
            let spans = texts(app, a).into_iter().map(String::from).collect();
            (a.label.clone(), spans)
        })
        .collect()
}

pub(super) fn search(app: &mut App, query: &str) {
    update(app, N::Search);
    for c in query.chars() {
        update(app, S::Input(c));
    }
    update(app, S::Submit);
}

pub(super) fn selected(app: &App) -> Option<&str> {
    app.selection().map(|s| &app.article.text()[s])
}

pub(super) const QUOTE: usize = 0;
pub(super) const CLAIM: usize = 1;
pub(super) const DENIAL: usize = 2;

const TEXT: &str = "Alpha beta gamma. Delta epsilon zeta.\n\n\
    The minister said \"we deny it\" today. Nobody believed him.\n\n\
    Last one: e\u{301}te\u{301} 👩‍👩‍👧 🇫🇷 東京 שלום.";

/// A suggested claim on `span`, waiting for review.
fn pending(id: u64, span: std::ops::Range<usize>) -> Annotation {
    Annotation {
        status: Status::Pending,
        origin: Origin::Suggested,
        author: "model".into(),
        ..annotation(id, "claim", vec![span])
    }
}

#[test]
fn grapheme_motions_cross_paragraph_edges_and_keep_clusters_whole() {
    let mut a = app(TEXT, 80, 24);
    update(&mut a, N::Move(Motion::NextGrapheme));
    assert_eq!(a.cursor, 1);
    run(
        &mut a,
        &vec![Action::Normal(N::Move(Motion::PrevGrapheme)); 2],
    );
    assert_eq!(a.cursor, 0, "h at the article's start stays");
    update(&mut a, N::Move(Motion::ParagraphEnd));
    assert_eq!(a.cursor, a.article.paragraphs()[0].end);
    update(&mut a, N::Move(Motion::NextGrapheme));
    assert_eq!(a.cursor, a.article.paragraphs()[1].start);
    update(&mut a, N::Move(Motion::PrevGrapheme));
    assert_eq!(a.cursor, a.article.paragraphs()[0].end);

    a.cursor = at(&a, "e\u{301}t");
    update(&mut a, N::Move(Motion::NextGrapheme));
    assert_eq!(
        a.cursor,
        at(&a, "te\u{301}"),
        "l steps over a combining mark"
    );
    a.cursor = at(&a, "👩");
    update(&mut a, N::Move(Motion::NextGrapheme));
    assert_eq!(a.cursor, at(&a, "👩") + "👩‍👩‍👧".len());
    a.cursor = at(&a, "🇫🇷") + "🇫🇷".len();
    update(&mut a, N::Move(Motion::PrevGrapheme));
    assert_eq!(a.cursor, at(&a, "🇫🇷"));
}

#[test]
fn word_and_sentence_motions_cross_paragraph_edges() {
    let mut a = app(TEXT, 80, 24);
    update(&mut a, N::Move(Motion::NextWord));
    assert_eq!(a.cursor, at(&a, "beta"));
    update(&mut a, N::Move(Motion::PrevWord));
    assert_eq!(a.cursor, 0);
    a.cursor = at(&a, "zeta");
    update(&mut a, N::Move(Motion::NextWord));
    assert_eq!(a.cursor, at(&a, "The minister"));
    update(&mut a, N::Move(Motion::PrevWord));
    assert_eq!(a.cursor, at(&a, "zeta"));

    a.cursor = 0;
    update(&mut a, N::Move(Motion::NextSentence));
    assert_eq!(a.cursor, at(&a, "Delta"));
    update(&mut a, N::Move(Motion::NextSentence));
    assert_eq!(a.cursor, at(&a, "The minister"));
    update(&mut a, N::Move(Motion::PrevSentence));
    assert_eq!(a.cursor, at(&a, "Delta"));
    update(&mut a, N::Move(Motion::PrevSentence));
    assert_eq!(a.cursor, 0);

    // Ideographs are words of their own (UAX #29).
    a.cursor = at(&a, "東京");
    update(&mut a, N::Move(Motion::NextWord));
    assert_eq!(a.cursor, at(&a, "京"));
    update(&mut a, N::Move(Motion::NextWord));
    assert_eq!(a.cursor, at(&a, "שלום"));
}

#[test]
fn paragraph_motions() {
    let mut a = app(TEXT, 80, 24);
    let starts: Vec<usize> = a.article.paragraphs().iter().map(|p| p.start).collect();
    update(&mut a, N::Move(Motion::NextParagraph));
    assert_eq!(a.cursor, starts[1]);
    run(
        &mut a,
        &vec![Action::Normal(N::Move(Motion::NextParagraph)); 3],
    );
    assert_eq!(a.cursor, starts[2], "j stops at the last paragraph");
    update(&mut a, N::Move(Motion::NextWord));
    update(&mut a, N::Move(Motion::PrevParagraph));
    assert_eq!(
        a.cursor, starts[1],
        "k inside a paragraph goes to the previous one, as the help says"
    );
    update(&mut a, N::Move(Motion::LastParagraph));
    assert_eq!(a.cursor, starts[2]);
    update(&mut a, N::Move(Motion::FirstParagraph));
    assert_eq!(a.cursor, 0);
    a.cursor = at(&a, "minister");
    update(&mut a, N::Move(Motion::ParagraphStart));
    assert_eq!(a.cursor, starts[1]);
    update(&mut a, N::Move(Motion::ParagraphEnd));
    assert_eq!(a.cursor, a.article.paragraphs()[1].end);
}

#[test]
fn a_selection_grows_with_motions_across_paragraphs() {
    let mut a = app(TEXT, 80, 24);
    a.cursor = at(&a, "Delta");
    run(
        &mut a,
        &[
            Action::Normal(N::ToggleSelection),
            Action::Normal(N::Move(Motion::NextParagraph)),
            Action::Normal(N::Move(Motion::NextWord)),
            Action::Normal(N::Move(Motion::NextWord)),
        ],
    );
    assert_eq!(selected(&a), Some("Delta epsilon zeta.\n\nThe minister "));
    update(&mut a, N::Tag(CLAIM));
    assert_eq!(
        tagged(&a),
        [(
            "claim".to_string(),
            vec![
                "Delta epsilon zeta.".to_string(),
                "The minister".to_string()
            ]
        )],
        "one span per paragraph, no white space at the ends"
    );
    assert_eq!(a.selection(), None, "tagging drops the selection");
    update(&mut a, N::ToggleSelection);
    update(&mut a, N::ToggleSelection);
    assert_eq!(a.selection(), None, "v twice drops the selection");
}

#[test]
fn s_selects_the_sentence_and_nudges_move_its_ends() {
    let mut a = app(TEXT, 80, 24);
    a.cursor = at(&a, "beta");
    update(&mut a, N::SelectSentence);
    assert_eq!(selected(&a), Some("Alpha beta gamma."));
    update(&mut a, N::Nudge(Nudge::StartRight));
    assert_eq!(selected(&a), Some("beta gamma."));
    update(&mut a, N::Nudge(Nudge::StartLeft));
    assert_eq!(selected(&a), Some("Alpha beta gamma."));
    update(&mut a, N::Nudge(Nudge::EndLeft));
    assert_eq!(selected(&a), Some("Alpha beta gamma"));
    update(&mut a, N::Nudge(Nudge::EndRight));
    assert_eq!(selected(&a), Some("Alpha beta gamma. Delta"));
    update(&mut a, N::DropSelection);
    update(&mut a, N::Nudge(Nudge::EndRight));
    assert_eq!(a.selection(), None);
    assert!(a.message.as_deref().unwrap_or("").contains("No selection"));
}

#[test]
fn a_sentence_inside_a_quotation_leaves_its_marks_out() {
    // Paragraph 20 of the sample is one quoted sentence: `s`, and `c` or `d`
    // with no selection, take the sentence without the marks around it.
    let mut a = app(include_str!("../../annotations/huawei-leak.txt"), 120, 40);
    let said =
        "It would be inappropriate to carry out a police investigation in these circumstances.";
    a.cursor = at(&a, "inappropriate");
    update(&mut a, N::SelectSentence);
    assert_eq!(selected(&a), Some(said));
    update(&mut a, N::DropSelection);
    update(&mut a, N::Tag(CLAIM));
    update(&mut a, N::Tag(DENIAL));
    assert_eq!(
        tagged(&a),
        [
            ("claim".into(), vec![said.to_string()]),
            ("denial".into(), vec![said.to_string()]),
        ]
    );
    // A sentence that holds a whole quotation keeps its marks, and one
    // that opens a quotation keeps the mark inside it.
    let mut a = app(
        "He called it \"shabby\". She said: \"We go. Now.\"\n\n\u{201e}Wir kommen. Wir bleiben.\u{201c} Sie ging.",
        80,
        24,
    );
    for (needle, sentence) in [
        ("called", "He called it \"shabby\"."),
        ("She", "She said: \"We go."),
        ("Now", "Now."),
        ("bleiben", "Wir bleiben."),
        ("kommen", "Wir kommen."),
    ] {
        a.cursor = at(&a, needle);
        update(&mut a, N::SelectSentence);
        assert_eq!(selected(&a), Some(sentence), "at {needle}");
    }
}

#[test]
fn search_selects_matches_whatever_the_case() {
    let mut a = app("Zoë met ZOË in 東京.\n\nThen 東京 again, zoë.", 80, 24);
    search(&mut a, "zoË");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.selection(), Some(0..4));
    update(&mut a, N::Match(Direction::Forward));
    assert_eq!(selected(&a), Some("ZOË"));
    assert_eq!(a.selection().map(|s| s.start), Some(at(&a, "ZOË")));
    update(&mut a, N::Match(Direction::Forward));
    assert_eq!(selected(&a), Some("zoë"));
    update(&mut a, N::Match(Direction::Forward));
    assert_eq!(a.selection(), Some(0..4), "n wraps around");
    update(&mut a, N::Match(Direction::Backward));
    assert_eq!(selected(&a), Some("zoë"), "N wraps around backwards");

    search(&mut a, "東京");
    let first = at(&a, "東京");
    assert_eq!(a.selection().map(|s| s.start), Some(first));
    update(&mut a, N::Match(Direction::Forward));
    let second = a.article.text().rfind("東京").expect("second");
    assert_eq!(
        a.selection().map(|s| s.start),
        Some(second),
        "n moves past a match that starts with a multi-byte char"
    );
    search(&mut a, "absent");
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("not in the article")
    );
}

#[test]
fn a_search_match_inside_a_grapheme_selects_whole_graphemes() {
    let mut a = app("cafe\u{301} and more", 80, 24);
    search(&mut a, "cafe");
    let s = a.selection().expect("a match");
    assert!(graphemes::is_boundary(a.article.text(), s.start));
    assert!(graphemes::is_boundary(a.article.text(), s.end));
    assert!(graphemes::is_boundary(a.article.text(), a.cursor));
}

#[test]
fn the_search_prompt_edits_and_cancels() {
    let mut a = app(TEXT, 80, 24);
    run(
        &mut a,
        &[
            Action::Normal(N::Search),
            Action::Search(S::Input('x')),
            Action::Search(S::Input('y')),
            Action::Search(S::Backspace),
        ],
    );
    assert_eq!(a.mode, Mode::Search("x".into()));
    update(&mut a, S::Cancel);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.search.last, None);
}

#[test]
fn tagging_with_no_selection_takes_the_default_unit() {
    let mut a = app(TEXT, 80, 24);
    a.cursor = at(&a, "epsilon");
    update(&mut a, N::Tag(CLAIM));
    assert_eq!(
        tagged(&a),
        [("claim".into(), vec!["Delta epsilon zeta.".into()])]
    );
    let message = a.message.clone().unwrap_or_default();
    assert!(
        message.contains("claim") && message.contains("u undoes"),
        "{message}"
    );
    update(&mut a, N::Tag(CLAIM));
    assert_eq!(
        a.annotations.len(),
        1,
        "the same tag twice is one annotation"
    );
    assert!(a.message.as_deref().unwrap_or("").contains("Already"));
    // With no quotation found, a quote falls back to the sentence.
    a.cursor = at(&a, "Nobody");
    update(&mut a, N::Tag(QUOTE));
    assert_eq!(
        tagged(&a)[1],
        ("quote".into(), vec!["Nobody believed him.".into()])
    );
}

#[test]
fn tagged_spans_lie_on_graphemes_without_outer_white_space() {
    let mut a = app(TEXT, 80, 24);
    // From inside "é" (between e and its accent) to inside the family emoji.
    a.anchor = Some(at(&a, "\u{301}te"));
    a.cursor = at(&a, "👩") + "👩".len();
    update(&mut a, N::Tag(DENIAL));
    let text = a.article.text();
    let span = a.annotations.nth(0).expect("tagged").spans[0].clone();
    assert_eq!(&text[span], "e\u{301}te\u{301} 👩‍👩‍👧");
    // A selection of only white space tags nothing.
    a.anchor = Some(at(&a, " 👩"));
    a.cursor = at(&a, "👩");
    update(&mut a, N::Tag(DENIAL));
    assert_eq!(a.annotations.len(), 1);
}

#[test]
fn delete_undo_and_redo_restore_exact_sets() {
    let mut a = app(TEXT, 80, 24);
    let empty = tagged(&a);
    a.cursor = at(&a, "beta");
    update(&mut a, N::Tag(CLAIM));
    a.cursor = at(&a, "Nobody");
    update(&mut a, N::Tag(DENIAL));
    let two = tagged(&a);
    assert_eq!(two.len(), 2);
    let revision = a.revision;
    update(&mut a, N::Delete);
    assert_eq!(tagged(&a), [two[0].clone()], "x deletes the current one");
    assert!(a.revision > revision);
    update(&mut a, Action::Undo);
    assert_eq!(tagged(&a), two);
    update(&mut a, Action::Undo);
    update(&mut a, Action::Undo);
    assert_eq!(tagged(&a), empty);
    update(&mut a, Action::Undo);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("Nothing to undo")
    );
    run(&mut a, &[Action::Redo, Action::Redo]);
    assert_eq!(tagged(&a), two);
    update(&mut a, Action::Redo);
    assert_eq!(tagged(&a), [two[0].clone()]);
    update(&mut a, Action::Redo);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("Nothing to redo")
    );
    update(&mut a, N::Delete);
    update(&mut a, N::Delete);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("No annotation on screen is current")
    );
}

/// Three claims, one per paragraph, none current.
fn three_claims() -> App {
    let mut a = app(TEXT, 80, 24);
    for needle in ["Alpha", "The minister", "Last"] {
        a.cursor = at(&a, needle);
        update(&mut a, N::Tag(CLAIM));
    }
    a.current = None;
    a.cursor = 0;
    a
}

#[test]
fn tab_and_shift_tab_go_through_annotations_in_order_and_wrap() {
    let mut a = three_claims();
    let ids: Vec<u64> = a.annotations.iter().map(|x| x.id).collect();
    let mut seen = Vec::new();
    for _ in 0..4 {
        update(&mut a, N::GoAnnotation(Direction::Forward));
        seen.push(a.current.expect("current"));
        assert_eq!(a.cursor, a.current_annotation().expect("exists").start());
    }
    assert_eq!(seen, [ids[0], ids[1], ids[2], ids[0]]);
    update(&mut a, N::GoAnnotation(Direction::Backward));
    assert_eq!(a.current, Some(ids[2]), "Shift-Tab wraps to the last");
    update(&mut a, N::GoAnnotation(Direction::Backward));
    assert_eq!(a.current, Some(ids[1]));

    let mut none = app(TEXT, 80, 24);
    update(&mut none, N::GoAnnotation(Direction::Forward));
    assert_eq!(none.current, None);
    assert!(none.message.is_some());
}

#[test]
fn space_cycles_among_nested_annotations() {
    let mut a = app(TEXT, 80, 24);
    a.cursor = at(&a, "minister");
    update(&mut a, N::Tag(QUOTE));
    search(&mut a, "we deny it");
    update(&mut a, N::Tag(DENIAL));
    let quote = a
        .annotations
        .iter()
        .find(|x| x.label == "quote")
        .map(|x| x.id);
    let denial = a
        .annotations
        .iter()
        .find(|x| x.label == "denial")
        .map(|x| x.id);
    assert_eq!(a.current, denial);
    a.cursor = at(&a, "deny");
    update(&mut a, N::CycleOverlap);
    assert_eq!(a.current, quote);
    update(&mut a, N::CycleOverlap);
    assert_eq!(a.current, denial);
    a.cursor = 0;
    update(&mut a, N::CycleOverlap);
    assert_eq!(a.current, denial, "nothing here keeps the current one");
    assert!(a.message.as_deref().unwrap_or("").contains("No annotation"));
}

#[test]
fn moving_into_an_annotation_makes_it_current() {
    let mut a = three_claims();
    a.cursor = at(&a, "Delta");
    update(&mut a, N::Move(Motion::NextParagraph));
    let second = a.annotations.nth(1).map(|x| x.id);
    assert_eq!(a.current, second);
    a.cursor = at(&a, "Delta");
    update(&mut a, N::Move(Motion::NextGrapheme));
    assert_eq!(a.current, None, "untagged text has no current annotation");
}

#[test]
fn join_makes_one_annotation_with_both_spans_and_undo_splits_it() {
    let mut a = three_claims();
    let before = tagged(&a);
    update(&mut a, N::GoAnnotation(Direction::Forward));
    update(&mut a, N::Join);
    assert_eq!(a.annotations.len(), 2);
    let joined = a.current_annotation().expect("current").clone();
    assert_eq!(
        texts(&a, &joined),
        [
            "Alpha beta gamma.",
            "The minister said \"we deny it\" today."
        ]
    );
    update(&mut a, Action::Undo);
    assert_eq!(tagged(&a), before);
    a.current = a.annotations.nth(2).map(|x| x.id);
    update(&mut a, N::Join);
    assert_eq!(a.annotations.len(), 3, "the last has nothing to join with");
}

#[test]
fn p_and_shift_p_visit_pending_annotations() {
    let mut a = app(TEXT, 80, 24);
    let beta = at(&a, "beta");
    let minister = at(&a, "minister");
    a.annotations.insert(pending(7, beta..beta + 4));
    a.annotations.insert(pending(8, minister..minister + 8));
    a.cursor = at(&a, "Nobody");
    update(&mut a, N::Tag(CLAIM));
    update(&mut a, N::GoPending(Direction::Forward));
    assert_eq!(a.current, Some(7));
    assert_eq!(a.cursor, beta);
    update(&mut a, N::GoPending(Direction::Forward));
    assert_eq!(a.current, Some(8));
    update(&mut a, N::GoPending(Direction::Forward));
    assert_eq!(a.current, Some(7), "p wraps around");
    update(&mut a, N::GoPending(Direction::Backward));
    assert_eq!(a.current, Some(8), "P wraps around");

    let mut none = app(TEXT, 80, 24);
    update(&mut none, N::GoPending(Direction::Forward));
    assert!(none.message.as_deref().unwrap_or("").contains("No pending"));
}

#[test]
fn read_only_refuses_every_change() {
    let mut a = app_with(TEXT, 80, 24, false, true);
    let beta = at(&a, "beta");
    a.annotations.insert(pending(1, beta..beta + 4));
    a.current = Some(1);
    for action in [
        Action::Normal(N::Tag(QUOTE)),
        Action::Normal(N::Delete),
        Action::Normal(N::Join),
        Action::Normal(N::Accept),
        Action::Normal(N::Reject),
        Action::Normal(N::OpenForm),
        Action::Form(F::Key(Key::char('x'))),
        Action::Form(F::Side(Direction::Forward)),
        Action::Form(F::Save),
        Action::Undo,
        Action::Redo,
    ] {
        update(&mut a, action.clone());
        if let Mode::Form(form) = &a.mode {
            assert!(form.read_only, "{action:?} opened the form to edit");
        }
        assert_eq!(
            a.annotations.get(1).map(|x| x.status),
            Some(Status::Pending),
            "{action:?} changed the status"
        );
        assert_eq!(a.annotations.len(), 1, "{action:?} changed a read-only set");
        assert_eq!(a.revision, 0);
        assert!(
            a.message
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("read-only"),
            "{action:?} said nothing"
        );
    }
    assert_eq!(a.mode, Mode::Normal, "Enter closed the form to read");
}

#[test]
fn the_list_moves_and_jumps() {
    let mut a = three_claims();
    update(&mut a, N::OpenList);
    assert!(a.list.open);
    assert_eq!(a.list.selected, 0);
    assert!(a.areas().and_then(|x| x.list).is_some());
    run(&mut a, &vec![Action::List(L::Row(Direction::Forward)); 5]);
    assert_eq!(a.list.selected, 2, "the list stops at its last row");
    update(&mut a, L::Row(Direction::Backward));
    update(&mut a, L::Jump);
    let second = a.annotations.nth(1).expect("second").clone();
    assert_eq!(a.current, Some(second.id));
    assert_eq!(a.cursor, second.start());
    update(&mut a, L::Close);
    assert!(!a.list.open);
}

#[test]
fn resize_rewraps() {
    let mut a = app(TEXT, 80, 24);
    let wide = a.lines(1).len();
    update(
        &mut a,
        Action::Resize {
            width: 40,
            height: 24,
        },
    );
    assert!(a.lines(1).len() > wide);
    for line in a.lines(1).iter() {
        let shown = &a.article.paragraph_text(1)[line.clone()];
        assert!(shown.trim_end().cell_width() <= a.text_width());
    }
}

#[test]
fn clicking_a_cell_moves_the_cursor_to_the_grapheme_drawn_there() {
    let mut a = app("ab 東京 cd\n\nsecond paragraph", 80, 24);
    let text = a.areas().expect("areas").text;
    update(
        &mut a,
        N::Click {
            column: text.x + 1,
            row: text.y,
        },
    );
    assert_eq!(a.cursor, 1);
    // The second cell of 東 is still 東.
    update(
        &mut a,
        N::Click {
            column: text.x + 4,
            row: text.y,
        },
    );
    assert_eq!(a.cursor, at(&a, "東"));
    update(
        &mut a,
        N::Click {
            column: text.x + 5,
            row: text.y,
        },
    );
    assert_eq!(a.cursor, at(&a, "京"));
    update(
        &mut a,
        N::Drag {
            column: text.x + 5,
            row: text.y + 2,
        },
    );
    assert_eq!(selected(&a), Some("京 cd\n\nsecon"));
    let cursor = a.cursor;
    update(
        &mut a,
        N::Click {
            column: text.x,
            row: text.y + 1,
        },
    );
    assert_eq!(a.cursor, cursor, "the gap between paragraphs holds no text");
    update(&mut a, N::Click { column: 0, row: 0 });
    assert_eq!(a.cursor, cursor, "the border holds no text");
}

#[test]
fn clicking_past_the_end_of_a_wrapped_line_stays_on_that_line() {
    let mut a = app(&"word ".repeat(30), 40, 24);
    let text = a.areas().expect("areas").text;
    let first = a.lines(0)[0].clone();
    update(
        &mut a,
        N::Click {
            column: text.right() - 1,
            row: text.y,
        },
    );
    assert!(
        a.cursor < first.end,
        "cursor {} left line {first:?}",
        a.cursor
    );
    assert_eq!(cursor_line(&a), 0);
}

/// The wrapped line of its paragraph the cursor is on.
fn cursor_line(a: &App) -> usize {
    let p = a.paragraph().expect("a paragraph");
    let lines = a.lines(p);
    super::wrap::line_of(&lines, a.cursor - a.article.paragraphs()[p].start)
}

#[test]
fn the_opening_message_survives_the_first_resize() {
    let a = app_with(TEXT, 80, 24, false, true);
    assert!(a.message.as_deref().unwrap_or("").contains("Read-only"));
}

#[test]
fn an_empty_article_survives_every_action() {
    for text in ["", "  \n\n\t\n"] {
        let mut a = app(text, 80, 24);
        assert!(a.message.is_some());
        for action in every_action() {
            update(&mut a, action);
            assert_eq!(a.cursor, 0);
            assert!(a.annotations.is_empty());
        }
        let keymap = Keymap::new(&a.labels);
        render(&a, &keymap, 80, 24);
    }
}

fn every_action() -> Vec<Action> {
    let motions = Motion::ALL;
    let nudges = [
        Nudge::StartLeft,
        Nudge::StartRight,
        Nudge::EndLeft,
        Nudge::EndRight,
    ];
    let mut all: Vec<Action> = motions
        .into_iter()
        .map(|c| Action::Normal(N::Move(c)))
        .collect();
    all.extend(nudges.into_iter().map(|c| Action::Normal(N::Nudge(c))));
    all.extend([
        Action::Normal(N::Page(Direction::Forward)),
        Action::Normal(N::Page(Direction::Backward)),
        Action::Normal(N::ToggleSelection),
        Action::Normal(N::SelectSentence),
        Action::Normal(N::SelectQuotation),
        Action::Normal(N::Search),
        Action::Search(S::Input('e')),
        Action::Search(S::Input('\u{301}')),
        Action::Search(S::Backspace),
        Action::Search(S::Cancel),
        Action::Normal(N::Search),
        Action::Search(S::Input('e')),
        Action::Search(S::Submit),
        Action::Normal(N::Match(Direction::Forward)),
        Action::Normal(N::Match(Direction::Backward)),
        Action::Normal(N::DropSelection),
        Action::Normal(N::Tag(QUOTE)),
        Action::Normal(N::Tag(CLAIM)),
        Action::Normal(N::Tag(DENIAL)),
        Action::Normal(N::Tag(9)),
        Action::Normal(N::GoAnnotation(Direction::Forward)),
        Action::Normal(N::GoAnnotation(Direction::Backward)),
        Action::Normal(N::CycleOverlap),
        Action::Normal(N::Delete),
        Action::Normal(N::GoPending(Direction::Forward)),
        Action::Normal(N::GoPending(Direction::Backward)),
        Action::Normal(N::Join),
        Action::Normal(N::NextDisagreement),
        Action::Normal(N::TakeTheirs),
        Action::Normal(N::Accept),
        Action::Normal(N::Reject),
        Action::Normal(N::SetSpeaker),
        Action::Normal(N::OpenForm),
        Action::Form(F::Field(Direction::Forward)),
        Action::Form(F::Key(Key::char('Z'))),
        Action::Form(F::Key(Key::char('東'))),
        Action::Form(F::Complete(Direction::Forward)),
        Action::Form(F::Side(Direction::Backward)),
        Action::Form(F::Side(Direction::Forward)),
        Action::Form(F::Field(Direction::Backward)),
        Action::Form(F::Split),
        Action::Form(F::DeleteToStart),
        Action::Form(F::Save),
        Action::Normal(N::OpenList),
        Action::List(L::Row(Direction::Forward)),
        Action::List(L::Row(Direction::Backward)),
        Action::List(L::End(Direction::Forward)),
        Action::List(L::End(Direction::Backward)),
        Action::List(L::Page(Direction::Forward)),
        Action::List(L::Page(Direction::Backward)),
        Action::List(L::FilterStatus),
        Action::List(L::FilterLabel),
        Action::List(L::FilterSpeaker),
        Action::List(L::FilterInput('z')),
        Action::List(L::FilterBackspace),
        Action::List(L::FilterKeep),
        Action::List(L::FilterSpeaker),
        Action::List(L::FilterDrop),
        Action::List(L::Accept),
        Action::List(L::Reject),
        Action::List(L::Delete),
        Action::List(L::Edit),
        Action::Form(F::Cancel),
        Action::List(L::FilterClear),
        Action::List(L::Jump),
        Action::List(L::Close),
        Action::Help(H::Open),
        Action::Help(H::Scroll(Direction::Forward)),
        Action::Help(H::Scroll(Direction::Backward)),
        Action::Help(H::Close(None)),
        Action::Undo,
        Action::Redo,
        Action::Save,
        Action::Normal(N::Click { column: 10, row: 2 }),
        Action::Normal(N::Drag { column: 12, row: 3 }),
        Action::Normal(N::Wheel(Direction::Forward, 3)),
        Action::Normal(N::Wheel(Direction::Backward, 3)),
        Action::Resize {
            width: 20,
            height: 5,
        },
        Action::Normal(N::Move(Motion::NextWord)),
        Action::Resize {
            width: 80,
            height: 24,
        },
        Action::Quit,
    ]);
    all
}

/// An article with every kind of text that breaks naive code.
const UNICODE: &str = "Il a dit « e\u{301}te\u{301} » 👩‍👩‍👧 ici. Le 🇫🇷 va.\n\n\
    東京で \"会った\". שלום עולם. Tab\there.\r\nCRLF line \x1b[31mred\x1b[0m.\n\n\
    Short.\n\n\
    A last paragraph with enough words to wrap over several lines at small widths.";

fn any_action() -> impl Strategy<Value = Action> {
    let each = every_action();
    prop_oneof![
        4 => prop::sample::select(each),
        1 => (0u16..60, 0u16..14).prop_map(|(column, row)| Action::Normal(N::Click { column, row })),
        1 => (0u16..60, 0u16..14).prop_map(|(column, row)| Action::Normal(N::Drag { column, row })),
        1 => prop::sample::select(vec!['e', 'E', '東', 'ש', ' ', '.', 'a'])
            .prop_map(|c| Action::Search(S::Input(c))),
        1 => (30u16..60, 4u16..14).prop_map(|(width, height)| Action::Resize { width, height }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn no_action_sequence_breaks_the_invariants(
        actions in prop::collection::vec(any_action(), 1..80)
    ) {
        let mut a = app(UNICODE, 50, 12);
        let article = Arc::clone(&a.article);
        let text = article.text();
        let keymap = Keymap::new(&a.labels);
        for action in actions {
            update(&mut a, action.clone());
            prop_assert!(a.cursor <= text.len());
            prop_assert!(graphemes::is_boundary(text, a.cursor), "cursor {} after {action:?}", a.cursor);
            if let Some(anchor) = a.anchor {
                prop_assert!(graphemes::is_boundary(text, anchor), "anchor after {action:?}");
            }
            if a.list.open {
                let fresh: Vec<(usize, u64)> = a
                    .annotations
                    .iter()
                    .filter(|x| a.list.filter().matches(x, &a.annotations))
                    .map(Annotation::order_key)
                    .collect();
                prop_assert_eq!(a.list.keys(), fresh.as_slice(), "list rows after {:?}", action);
                prop_assert!(a.list.selected < a.list.len().max(1));
            }
            for x in a.annotations.iter() {
                prop_assert!(!x.spans.is_empty());
                for s in &x.spans {
                    prop_assert!(s.start < s.end && s.end <= text.len());
                    prop_assert!(graphemes::is_boundary(text, s.start));
                    prop_assert!(graphemes::is_boundary(text, s.end));
                    let t = &text[s.clone()];
                    prop_assert_eq!(t, t.trim(), "white space at a span's end");
                }
            }
        }
        render(&a, &keymap, a.size.width, a.size.height);
    }
}

/// Draws `app` on a test terminal of `width`×`height`.
pub(super) fn render(app: &App, keymap: &Keymap, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view(app, keymap, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as lines of text, the cells a wide symbol covers skipped.
pub(super) fn screen(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        let mut line = String::new();
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += symbol.cell_width().max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The sample article with a quote, a claim and a denial tagged.
fn sample(width: u16, height: u16, color: bool) -> App {
    let mut a = app_with(
        include_str!("../../annotations/huawei-leak.txt"),
        width,
        height,
        color,
        false,
    );
    search(&mut a, "shabby and discredited witch hunt");
    update(&mut a, N::Tag(QUOTE));
    a.cursor = at(&a, "Gavin Williamson was fired");
    update(&mut a, N::Tag(CLAIM));
    search(&mut a, "did not amount to a criminal offence");
    update(&mut a, N::Tag(DENIAL));
    a
}

pub(super) fn snapshot_of(a: &App) -> String {
    let keymap = Keymap::new(&a.labels);
    screen(&render(a, &keymap, a.size.width, a.size.height))
}

#[test]
fn snapshot_main_screen_120x40() {
    insta::assert_snapshot!(snapshot_of(&sample(120, 40, false)));
}

#[test]
fn snapshot_main_screen_80x24() {
    insta::assert_snapshot!(snapshot_of(&sample(80, 24, false)));
}

#[test]
fn snapshot_list_open() {
    let mut a = sample(120, 40, false);
    update(&mut a, N::OpenList);
    update(&mut a, L::Row(Direction::Forward));
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn snapshot_help() {
    let mut a = sample(80, 40, false);
    update(&mut a, H::Open);
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn snapshot_search_prompt() {
    let mut a = sample(80, 24, false);
    run(
        &mut a,
        &[
            Action::Normal(N::Search),
            Action::Search(S::Input('H')),
            Action::Search(S::Input('u')),
        ],
    );
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn snapshot_too_small() {
    insta::assert_snapshot!(snapshot_of(&app(TEXT, 20, 5)));
}

/// The cells (position) where `needle` is drawn, searching row by row.
pub(super) fn cells_of(buffer: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let area = buffer.area;
    let chars: Vec<char> = needle.chars().collect();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let run: Vec<(u16, u16)> = (0..chars.len() as u16).map(|i| (x + i, y)).collect();
            let matches = run.iter().zip(&chars).all(|(&(cx, cy), c)| {
                cx < area.right() && buffer[(cx, cy)].symbol() == c.to_string()
            });
            if matches {
                return run;
            }
        }
    }
    panic!("{needle:?} is not on screen:\n{}", screen(buffer));
}

#[test]
fn a_quote_is_underlined_and_coloured() {
    let mut a = sample(120, 40, true);
    a.current = None;
    let keymap = Keymap::new(&a.labels);
    let buffer = render(&a, &keymap, 120, 40);
    for (x, y) in cells_of(&buffer, "discredited") {
        let cell = &buffer[(x, y)];
        assert!(cell.modifier.contains(Modifier::UNDERLINED));
        assert_eq!(cell.fg, Color::Cyan);
    }
    let (x, y) = cells_of(&buffer, "Former")[0];
    assert!(!buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn the_current_annotation_and_the_selection_are_marked() {
    let mut a = sample(120, 40, false);
    let keymap = Keymap::new(&a.labels);
    let buffer = render(&a, &keymap, 120, 40);
    for (x, y) in cells_of(&buffer, "criminal offence") {
        assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
        assert!(!buffer[(x, y)].symbol().ends_with('\u{305}'));
    }
    let scotland = cells_of(&buffer, "Scotland");
    a.cursor = 0;
    search(&mut a, "Scotland Yard");
    let buffer = render(&a, &keymap, 120, 40);
    // Without colour the selection is reversed and overlined, so it never
    // looks like the current annotation (reversed, with its label's cue).
    for &(x, y) in &scotland {
        assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
        assert!(
            buffer[(x, y)].symbol().ends_with('\u{305}'),
            "{:?}",
            buffer[(x, y)]
        );
    }
    a.color = true;
    let buffer = render(&a, &keymap, 120, 40);
    for (x, y) in cells_of(&buffer, "Scotland") {
        assert_eq!(buffer[(x, y)].bg, Color::Blue);
    }
}

#[test]
fn without_colour_no_cell_has_a_colour() {
    let mut a = sample(120, 40, false);
    search(&mut a, "Scotland Yard");
    update(&mut a, N::OpenList);
    let keymap = Keymap::new(&a.labels);
    let buffer = render(&a, &keymap, 120, 40);
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
}

#[test]
fn control_characters_are_drawn_as_symbols() {
    let a = app("Red \x1b[31malert\x1b[0m\tnow\x07.", 80, 24);
    let keymap = Keymap::new(&a.labels);
    let buffer = render(&a, &keymap, 80, 24);
    let shown = screen(&buffer);
    assert!(shown.contains("Red ␛[31malert␛[0m→   now␇."), "{shown}");
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "raw control char in {cell:?}"
        );
    }
}

#[test]
fn the_gutter_shows_numbers_focus_and_label_keys() {
    let mut a = three_claims();
    a.cursor = at(&a, "minister");
    a.cursor = at(&a, "Nobody");
    update(&mut a, N::Tag(DENIAL));
    let keymap = Keymap::new(&a.labels);
    let shown = screen(&render(&a, &keymap, 80, 24));
    let rows: Vec<&str> = shown.lines().collect();
    assert!(rows[1].starts_with("│ 1  c "), "{}", rows[1]);
    assert!(rows[3].starts_with("│▶2  cd"), "{}", rows[3]);
    assert!(rows[5].starts_with("│ 3  c "), "{}", rows[5]);
}

#[test]
fn the_status_line_shows_position_counts_and_the_tag_message() {
    let mut a = three_claims();
    a.cursor = at(&a, "minister");
    update(&mut a, N::SelectSentence);
    update(&mut a, N::Tag(QUOTE));
    let keymap = Keymap::new(&a.labels);
    // Even at 80 columns with a long quote, the way back is on screen.
    // The counts give their room to a message too long for the line.
    let shown = screen(&render(&a, &keymap, 80, 24));
    let status = shown.lines().last().expect("a status line");
    assert!(status.contains("¶2/3"), "{status}");
    assert!(!status.contains("claim 3"), "{status}");
    assert!(
        status.contains("Tagged quote") && status.contains("today.”"),
        "{status}"
    );
    update(
        &mut a,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let shown = screen(&render(&a, &keymap, 120, 40));
    let status = shown.lines().last().expect("a status line");
    assert!(status.contains("quote 1 · claim 3 · denial 0"), "{status}");
    assert!(status.contains("u undoes"), "{status}");
    update(
        &mut a,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    update(&mut a, N::Delete);
    let shown = screen(&render(&a, &keymap, 80, 24));
    let status = shown.lines().last().expect("a status line");
    assert!(
        status.contains("Deleted quote") && status.contains("u undoes"),
        "{status}"
    );
}

#[test]
fn the_help_scrolls_to_its_last_line_and_no_further() {
    let mut a = app("Zoë said “no” to 東京 👩‍👩‍👧.", 80, 24);
    let keymap = Keymap::new(&a.labels);
    update(&mut a, H::Open);
    for _ in 0..500 {
        update(&mut a, H::Scroll(Direction::Forward));
    }
    let Mode::Help(bottom) = a.mode else {
        panic!("the help closed: {:?}", a.mode);
    };
    assert!(bottom > 0, "the help did not scroll at all");
    let shown = screen(&render(&a, &keymap, 80, 24));
    let last_help = keymap
        .help_sections()
        .last()
        .and_then(|(_, rows)| rows.last().map(|(_, help)| help.to_string()))
        .expect("the help has rows");
    assert!(
        shown.contains(&last_help),
        "the last help line is not on screen:\n{shown}"
    );
    // One step up moves at once: the scroll never ran on into blank space.
    update(&mut a, H::Scroll(Direction::Backward));
    assert_eq!(a.mode, Mode::Help(bottom - 1));
}
