//! Scenario tests of `--compare`: the disagreements with another editor,
//! `D` going through them, `T` taking theirs and `u` giving mine back, and
//! how both editors' annotations are drawn. No terminal.

use std::collections::BTreeSet;
use std::ops::Range;

use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::Modifier;
use unicode_segmentation::UnicodeSegmentation;

use super::action::{Action, Direction};
use super::app::App;
use super::compare::{Disagreement, disagreements};
use super::keymap::Keymap;
use super::normal::NormalAction as N;
use super::tests::{app, app_with, at, render, run, screen, snapshot_of};
use super::update;
use super::view::style::THEIRS;
use sayso_core::annotation::testing::{self, annotation, any_annotation, span_of};
use sayso_core::annotation::{Annotation, Label, Origin, Status};

/// Speakers and quotes in several scripts, a quote inside a claim, a family
/// emoji (ZWJ sequence) and a combining accent.
const TEXT: &str = "Zoë Ångström said \"the plan is dead\" on Monday.\n\n\
    习近平 said \"合作共赢\" in Beijing. שלום כהן replied \"לא נכון\" at once.\n\n\
    The 👩\u{200d}👩\u{200d}👧 family said \"we waited\" for days. Police denied e\u{301}verything.";

/// The byte range of the first `needle` in `text`.
/// An accepted annotation by `author` of `label` on the first `needle`.
fn by(author: &str, id: u64, label: &str, needle: &str) -> Annotation {
    on(author, id, label, vec![span_of(TEXT, needle)])
}

/// An accepted annotation by `author` of `label` on `spans`.
fn on(author: &str, id: u64, label: &str, spans: Vec<Range<usize>>) -> Annotation {
    Annotation {
        author: author.into(),
        ..annotation(id, label, spans)
    }
}

fn with_speaker(mut a: Annotation, speaker: &str) -> Annotation {
    a.speaker = Some(speaker.into());
    a
}

/// Mine: the quote of Zoë (named in full), the Chinese quote inside a claim
/// on its sentence, the Hebrew quote, "we waited", and a claim I rejected.
fn mine() -> Vec<Annotation> {
    let mut rejected = by("ed", 6, "claim", "Police denied e\u{301}verything.");
    rejected.status = Status::Rejected;
    vec![
        with_speaker(by("ed", 1, "quote", "the plan is dead"), "Zoë Ångström"),
        by("ed", 2, "quote", "合作共赢"),
        by("ed", 3, "claim", "习近平 said \"合作共赢\" in Beijing."),
        by("ed", 4, "quote", "לא נכון"),
        by("ed", 5, "quote", "we waited"),
        rejected,
    ]
}

/// Theirs: the same quote of Zoë with a shorter name, the Chinese quote
/// alike, its sentence as a denial, no Hebrew quote, a longer "we waited"
/// that starts at the emoji, a denial where I rejected a claim, and a
/// rejected quote that does not count.
fn theirs() -> Vec<Annotation> {
    let mut rejected = by("kim", 16, "quote", "on Monday");
    rejected.status = Status::Rejected;
    let mut denial = by("kim", 15, "denial", "Police denied e\u{301}verything.");
    denial.note = Some("checked with the police".into());
    vec![
        with_speaker(by("kim", 10, "quote", "the plan is dead"), "Zoë"),
        by("kim", 11, "quote", "合作共赢"),
        by("kim", 12, "denial", "习近平 said \"合作共赢\" in Beijing."),
        by(
            "kim",
            13,
            "quote",
            "👩\u{200d}👩\u{200d}👧 family said \"we waited\"",
        ),
        denial,
        rejected,
    ]
}

/// An annotator on `text` with `mine`, comparing with `theirs` from
/// "kim/test.ann.ron".
fn compared_on(text: &str, mine: Vec<Annotation>, theirs: Vec<Annotation>) -> App {
    let mut a = app(text, 120, 40);
    for m in mine {
        a.annotations.insert(m);
    }
    a.compare_with("kim/test.ann.ron".into(), theirs);
    a
}

fn compared() -> App {
    compared_on(TEXT, mine(), theirs())
}

/// The disagreements as (mine, theirs) ids, in order.
fn listed(app: &App) -> Vec<(Option<u64>, Option<u64>)> {
    let compare = app.compare.as_ref().expect("comparing");
    compare.iter().map(|d| (d.mine, d.theirs)).collect()
}

/// The disagreements a computation over everything gives now.
fn recomputed(app: &App) -> BTreeSet<Disagreement> {
    let compare = app.compare.as_ref().expect("comparing");
    let mine: Vec<&Annotation> = app
        .annotations
        .iter()
        .filter(|a| a.status != Status::Rejected)
        .collect();
    let theirs: Vec<&Annotation> = compare.theirs.iter().collect();
    disagreements(&mine, &theirs).into_iter().collect()
}

fn kept(app: &App) -> BTreeSet<Disagreement> {
    app.compare
        .as_ref()
        .expect("comparing")
        .iter()
        .copied()
        .collect()
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or_default()
}

#[test]
fn disagreements_are_differing_pairs_and_what_one_side_alone_has() {
    let a = compared();
    assert_eq!(
        listed(&a),
        [
            (Some(1), Some(10)), // speaker differs
            (Some(3), Some(12)), // label differs
            (Some(4), None),     // only mine
            (Some(5), Some(13)), // span differs: one, not two
            (None, Some(15)),    // only theirs: my rejected claim does not count
        ],
        "the agreeing Chinese quote is none, their rejected quote is not counted"
    );
    let compare = a.compare.as_ref().expect("comparing");
    assert!(
        compare.theirs.get(16).is_none(),
        "their rejected one is left out"
    );
    // Ordered by where the earlier version starts: theirs, at the emoji.
    let spans: Vec<usize> = compare.iter().map(|d| d.start).collect();
    assert_eq!(spans[3], at(&a, "👩"));
    assert!(spans.is_sorted());
    assert!(message(&a).contains("Comparing with kim/test.ann.ron: 5 disagreements"));
}

#[test]
fn d_goes_through_the_disagreements_in_order_says_what_differs_and_wraps() {
    let mut a = compared();
    let expected = [
        (
            "the plan",
            Some(1),
            "≠ speaker: theirs (Zoë), yours (Zoë Ångström) · quote “the plan is dead”",
        ),
        (
            "习近平",
            Some(3),
            // 27 graphemes: quoted by the ends.
            "≠ label: theirs denial, yours claim · “习近平 said \"合…in Beijing.”",
        ),
        (
            "לא נכון",
            Some(4),
            "≠ only yours (T deletes it): quote “לא נכון”",
        ),
        (
            "👩",
            Some(5),
            "≠ span: theirs “👩\u{200d}👩\u{200d}👧 family sa…\"we waited\"”, yours “we waited” · quote",
        ),
        (
            "Police",
            None,
            "≠ only theirs (T adds it): denial “Police deni…e\u{301}verything.”",
        ),
    ];
    for round in 0..2 {
        for (needle, current, said) in expected {
            update(&mut a, N::NextDisagreement);
            assert_eq!(a.cursor, at(&a, needle), "round {round}");
            assert_eq!(a.current, current, "{needle}");
            assert_eq!(message(&a), said);
        }
    }
}

#[test]
fn d_starts_from_the_cursor() {
    let mut a = compared();
    a.cursor = at(&a, "at once");
    update(&mut a, N::NextDisagreement);
    assert_eq!(a.current, Some(5), "the next one after the cursor");
    a.cursor = at(&a, "לא נכון");
    update(&mut a, N::NextDisagreement);
    assert_eq!(a.current, Some(4), "one that starts at the cursor");
}

#[test]
fn a_long_version_is_quoted_by_its_ends_never_inside_a_grapheme() {
    let long = "e\u{301}".repeat(30);
    let text = format!("{long} 👩\u{200d}👩\u{200d}👧 end.");
    let theirs = on(
        "kim",
        9,
        "claim",
        std::iter::once(0..text.len() - 1).collect(),
    );
    let mut a = compared_on(&text, vec![], vec![theirs]);
    update(&mut a, N::NextDisagreement);
    // 24 graphemes at most: the first 11 and the last 11.
    let (head, tail) = ("e\u{301}".repeat(11), "e\u{301}".repeat(5));
    assert_eq!(
        message(&a),
        format!("≠ only theirs (T adds it): claim “{head}…{tail} 👩\u{200d}👩\u{200d}👧 end”")
    );
}

#[test]
fn t_takes_their_speaker_label_and_span_and_u_gives_mine_back() {
    let mut a = compared();
    let before: Vec<Annotation> = a.annotations.iter().cloned().collect();
    let revision = a.revision;

    // Speaker.
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
        ],
    );
    let taken = a.annotations.get(1).expect("still there");
    assert_eq!(taken.speaker.as_deref(), Some("Zoë"));
    assert_eq!(
        (taken.author.as_str(), taken.origin),
        ("ed", Origin::Manual)
    );
    assert_eq!(
        message(&a),
        "Took theirs for quote #1 (u undoes) · 4 left, D goes to the next."
    );
    assert!(a.revision > revision, "saved like any edit");

    // Label: the claim becomes their denial.
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
        ],
    );
    assert_eq!(
        a.annotations.get(3).map(|x| x.label.as_str()),
        Some("denial")
    );

    // Only mine: deleted.
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
        ],
    );
    assert!(a.annotations.get(4).is_none());
    assert!(message(&a).starts_with("Took theirs: deleted quote #4"));

    // Span: mine now starts at the emoji, as theirs.
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
        ],
    );
    let taken = a.annotations.get(5).expect("still there");
    assert_eq!(
        taken.spans,
        [span_of(
            TEXT,
            "👩\u{200d}👩\u{200d}👧 family said \"we waited\""
        )]
    );

    // Only theirs: added with a new id, note and where it came from.
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
        ],
    );
    let added = a.current_annotation().expect("the added one is current");
    assert_eq!(added.id, 7, "above every id of mine");
    assert_eq!(
        (
            added.label.as_str(),
            added.note.as_deref(),
            added.status,
            added.origin,
            added.author.as_str()
        ),
        (
            "denial",
            Some("checked with the police"),
            Status::Accepted,
            Origin::Imported,
            "kim"
        )
    );
    assert!(
        message(&a).ends_with("no disagreement left."),
        "{}",
        message(&a)
    );
    assert!(listed(&a).is_empty());
    update(&mut a, N::NextDisagreement);
    assert!(message(&a).contains("you agree on every annotation"));

    // Five steps back, one each, and every disagreement is there again.
    for left in 1..=5 {
        update(&mut a, Action::Undo);
        assert_eq!(listed(&a).len(), left, "{}", message(&a));
    }
    let after: Vec<Annotation> = a.annotations.iter().cloned().collect();
    assert_eq!(after, before);
    assert_eq!(listed(&a), listed(&compared()));
    update(&mut a, Action::Redo);
    assert_eq!(
        a.annotations.get(1).and_then(|x| x.speaker.clone()),
        Some("Zoë".into())
    );
    assert_eq!(listed(&a).len(), 4);
}

#[test]
fn undoing_a_take_makes_the_disagreement_current_again() {
    let mut a = compared();
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
            Action::Undo,
        ],
    );
    assert_eq!(a.current, Some(1));
    assert_eq!(
        super::normal::settle::active(&a).map(|d| (d.mine, d.theirs)),
        Some((Some(1), Some(10)))
    );
    update(&mut a, N::NextDisagreement);
    assert_eq!(a.current, Some(3), "D goes on to the next");
}

#[test]
fn taking_theirs_over_a_rejected_copy_of_mine_accepts_it_again() {
    let mut rejected = by("ed", 1, "denial", "Police denied e\u{301}verything.");
    rejected.status = Status::Rejected;
    let mut theirs = by("kim", 9, "denial", "Police denied e\u{301}verything.");
    theirs.speaker = Some("Police".into());
    let mut a = compared_on(TEXT, vec![rejected], vec![theirs]);
    assert_eq!(
        listed(&a),
        [(None, Some(9))],
        "my rejected one counts for nothing"
    );
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
        ],
    );
    assert_eq!(a.annotations.len(), 1, "no second copy");
    let taken = a.annotations.get(1).expect("mine");
    assert_eq!(taken.status, Status::Accepted);
    assert_eq!(taken.speaker.as_deref(), Some("Police"));
    assert!(listed(&a).is_empty());
}

#[test]
fn rejecting_or_accepting_one_of_mine_changes_the_disagreements() {
    let mut a = compared();
    // Rejecting the quote I alone have settles that disagreement.
    a.current = Some(4);
    update(&mut a, N::Reject);
    assert!(!listed(&a).contains(&(Some(4), None)));
    // Accepting my rejected claim pairs it with their denial.
    a.current = Some(6);
    update(&mut a, N::Accept);
    assert!(
        listed(&a).contains(&(Some(6), Some(15))),
        "{:?}",
        listed(&a)
    );
    assert_eq!(kept(&a), recomputed(&a));
}

#[test]
fn t_acts_only_on_the_disagreement_on_screen() {
    let mut a = compared();
    update(&mut a, N::TakeTheirs);
    assert!(
        message(&a).contains("D goes to the next one"),
        "{}",
        message(&a)
    );
    update(&mut a, N::NextDisagreement);
    // Going to another annotation leaves the disagreement.
    update(&mut a, N::GoAnnotation(Direction::Forward));
    let revision = a.revision;
    update(&mut a, N::TakeTheirs);
    assert_eq!(a.revision, revision);
    assert!(message(&a).contains("No disagreement is current"));
}

#[test]
fn read_only_shows_the_disagreements_but_takes_nothing() {
    let mut a = app_with(TEXT, 120, 40, false, true);
    for m in mine() {
        a.annotations.insert(m);
    }
    a.compare_with("kim/test.ann.ron".into(), theirs());
    assert!(message(&a).starts_with("Read-only: nothing will be saved. Comparing with"));
    run(
        &mut a,
        &[
            Action::Normal(N::NextDisagreement),
            Action::Normal(N::TakeTheirs),
        ],
    );
    assert!(message(&a).starts_with("Read-only"), "{}", message(&a));
    assert_eq!(a.revision, 0);
    assert_eq!(listed(&a).len(), 5);
}

#[test]
fn without_compare_d_and_t_say_how_to_compare() {
    let mut a = app(TEXT, 80, 24);
    for action in [
        Action::Normal(N::NextDisagreement),
        Action::Normal(N::TakeTheirs),
    ] {
        update(&mut a, action);
        assert!(
            message(&a).contains("--compare OTHER.ann.ron"),
            "{}",
            message(&a)
        );
    }
}

#[test]
fn the_keys_are_in_the_help_and_no_schema_can_take_them() {
    let keymap = Keymap::new(&[]);
    let taken = keymap.taken_chars();
    for key in ['D', 'T'] {
        assert!(taken.iter().any(|&(c, _)| c == key), "{key} is free");
    }
    let source = "(labels: [(name: \"topic\", key: 'T', color: \"cyan\", unit: word)])";
    let refused =
        sayso_core::annotation::schema::parse(source, std::path::Path::new("s.ron"), &taken);
    let message = refused.map(|_| ()).expect_err("T is taken").to_string();
    assert!(
        message.contains("take the other editor's version"),
        "{message}"
    );
    let keymap = Keymap::new(&Label::defaults());
    let help = keymap.help_sections();
    let article = &help[0].1;
    assert!(
        article
            .iter()
            .any(|(k, h)| k == "D" && h.contains("next disagreement"))
    );
}

/// The cells of the first `needle` on screen, grapheme by grapheme, each
/// cell with or without the mark of theirs after its text; it must be there.
fn look(buffer: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let area = buffer.area;
    let graphemes: Vec<&str> = needle.graphemes(true).collect();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let mut cells = Vec::new();
            let mut cx = x;
            for g in &graphemes {
                let symbol = match buffer.cell((cx, y)) {
                    Some(cell) => cell.symbol(),
                    None => break,
                };
                if symbol != *g && symbol != format!("{g}{THEIRS}") {
                    break;
                }
                cells.push((cx, y));
                cx += g.cell_width().max(1);
            }
            if cells.len() == graphemes.len() {
                return cells;
            }
        }
    }
    panic!("{needle} is not on screen:\n{}", screen(buffer));
}

fn marked(buffer: &Buffer, cell: (u16, u16)) -> bool {
    buffer[cell].symbol().ends_with(THEIRS)
}

#[test]
fn where_both_agree_only_the_gutter_shows_theirs() {
    let both = |author| by(author, 1, "quote", "合作共赢");
    let a = compared_on(TEXT, vec![both("ed")], vec![both("kim")]);
    let buffer = render(&a, &Keymap::new(&a.labels), 120, 40);
    for cell in look(&buffer, "合作共赢") {
        assert!(
            !marked(&buffer, cell),
            "an agreed quote is marked as differing"
        );
    }
    let shown = screen(&buffer);
    let row = shown.lines().nth(3).unwrap_or_default();
    assert!(row.starts_with("│ 2 q   q    "), "{row}");
}

#[test]
fn their_spans_are_double_underlined_and_the_current_disagreement_reversed() {
    for color in [false, true] {
        let mut a = app_with(TEXT, 120, 40, color, false);
        for m in mine() {
            a.annotations.insert(m);
        }
        a.compare_with("kim/test.ann.ron".into(), theirs());
        run(
            &mut a,
            &[
                Action::Normal(N::NextDisagreement),
                Action::Normal(N::NextDisagreement),
                Action::Normal(N::NextDisagreement),
                Action::Normal(N::NextDisagreement),
            ],
        );
        assert_eq!(a.current, Some(5), "the span that differs is current");
        let keymap = Keymap::new(&a.labels);
        let buffer = render(&a, &keymap, 120, 40);

        // Theirs carry the mark on every cell, wide ones too; mine alone not.
        for needle in ["the plan is dead", "合作共赢", "family said"] {
            for cell in look(&buffer, needle) {
                assert!(marked(&buffer, cell), "{needle} is not marked");
            }
        }
        for cell in look(&buffer, "לא נכון") {
            assert!(!marked(&buffer, cell), "only mine is marked as theirs");
        }
        let emoji = look(&buffer, "👩\u{200d}👩\u{200d}👧")[0];
        assert!(marked(&buffer, emoji));

        // Both versions of the current one are reversed: theirs (marked)
        // from the emoji, mine ("we waited") inside it; the rest is not.
        for needle in ["family said", "we waited"] {
            for cell in look(&buffer, needle) {
                assert!(
                    buffer[cell].modifier.contains(Modifier::REVERSED),
                    "{needle} is not highlighted"
                );
            }
        }
        assert!(buffer[emoji].modifier.contains(Modifier::REVERSED));
        let after = look(&buffer, "for days")[0];
        assert!(!buffer[after].modifier.contains(Modifier::REVERSED));
        // The disagreement that is not current is not reversed.
        let other = look(&buffer, "the plan")[0];
        assert!(!buffer[other].modifier.contains(Modifier::REVERSED));

        // The gutter: my letters, the review mark, theirs, then ≠ (reversed
        // on the current one's line).
        let shown = screen(&buffer);
        let rows: Vec<&str> = shown.lines().collect();
        assert!(rows[1].starts_with("│ 1 q   q  ≠ "), "{}", rows[1]);
        assert!(rows[3].starts_with("│ 2 qc  q d≠ "), "{}", rows[3]);
        assert!(rows[5].starts_with("│▶3 qc ✗q d≠ "), "{}", rows[5]);
        let (x, y) = (rows[5].chars().position(|c| c == '≠').unwrap() as u16, 5);
        assert!(
            buffer[(x, y)]
                .modifier
                .contains(Modifier::REVERSED | Modifier::BOLD)
        );
        let x1 = rows[1].chars().position(|c| c == '≠').unwrap() as u16;
        assert!(!buffer[(x1, 1)].modifier.contains(Modifier::REVERSED));

        // The title bar counts what is left and names the other file.
        assert!(
            rows[0].contains("· 5 disagreements with kim/test.ann.ron ┐"),
            "{}",
            rows[0]
        );
    }
}

#[test]
fn a_narrow_title_bar_keeps_the_count_and_drops_the_file_name() {
    let mut a = compared();
    update(
        &mut a,
        Action::Resize {
            width: 60,
            height: 20,
        },
    );
    let keymap = Keymap::new(&a.labels);
    let shown = screen(&render(&a, &keymap, 60, 20));
    let top = shown.lines().next().unwrap_or_default();
    assert!(top.starts_with("┌ test.txt "), "{top}");
    assert!(top.ends_with("6 annotations · no changes · ≠ 5 ┐"), "{top}");
}

/// The sample article with its sidecar as one editor left it, and the
/// same sidecar edited by another: a label changed, a span shortened, one
/// deleted, one added, a speaker changed.
fn sample_compared(width: u16, height: u16) -> App {
    let mut a = app(
        include_str!("../../annotations/huawei-leak.txt"),
        width,
        height,
    );
    let text = a.article.text().to_string();
    let tag = |id, label: &str, needle: &str, speaker: Option<&str>| Annotation {
        speaker: speaker.map(String::from),
        ..on("ed", id, label, vec![span_of(&text, needle)])
    };
    let mine = vec![
        tag(
            1,
            "quote",
            "shabby and discredited witch hunt",
            Some("Gavin Williamson"),
        ),
        tag(
            2,
            "quote",
            "proper, full and impartial",
            Some("Gavin Williamson"),
        ),
        tag(3, "claim", "Scotland Yard said that the Huawei leak", None),
        tag(
            4,
            "denial",
            "did not amount to a criminal offence",
            Some("Neil Basu"),
        ),
    ];
    let theirs = vec![
        tag(
            1,
            "quote",
            "shabby and discredited witch hunt",
            Some("Mr Williamson"),
        ),
        tag(
            2,
            "claim",
            "proper, full and impartial",
            Some("Gavin Williamson"),
        ),
        tag(
            4,
            "denial",
            "did not amount to a criminal",
            Some("Neil Basu"),
        ),
        tag(5, "claim", "Gavin Williamson was fired", None),
    ];
    for m in mine {
        a.annotations.insert(m);
    }
    a.compare_with("kim/huawei-leak.ann.ron".into(), theirs);
    a
}

#[test]
fn snapshot_compare_view_120x40() {
    let mut a = sample_compared(120, 40);
    // The fifth: the denial they cut short.
    run(&mut a, &vec![Action::Normal(N::NextDisagreement); 5]);
    insta::assert_snapshot!(snapshot_of(&a));
}

#[test]
fn snapshot_compare_view_80x24() {
    let mut a = sample_compared(80, 24);
    update(&mut a, N::NextDisagreement);
    insta::assert_snapshot!(snapshot_of(&a));
}

/// Something an editor does while comparing.
#[derive(Debug, Clone)]
enum Step {
    Tag(usize, usize, usize),
    Delete(u64),
    Reject(u64),
    Accept(u64),
    Join(u64),
    Next,
    Take,
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    let n = testing::boundaries().len();
    prop_oneof![
        (0..n, 0..n, 0usize..3).prop_map(|(a, b, l)| Step::Tag(a, b, l)),
        (1u64..14).prop_map(Step::Delete),
        (1u64..14).prop_map(Step::Reject),
        (1u64..14).prop_map(Step::Accept),
        (1u64..14).prop_map(Step::Join),
        Just(Step::Next),
        Just(Step::Take),
        Just(Step::Take),
        Just(Step::Undo),
        Just(Step::Redo),
    ]
}

/// Annotations with distinct ids.
fn distinct(all: Vec<Annotation>) -> Vec<Annotation> {
    let mut seen = BTreeSet::new();
    all.into_iter().filter(|a| seen.insert(a.id)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// After every edit, what was kept up to date is what a computation
    /// over everything gives.
    #[test]
    fn the_disagreements_kept_after_each_edit_are_those_of_a_full_recompute(
        mine in prop::collection::vec(any_annotation(), 0..8),
        theirs in prop::collection::vec(any_annotation(), 0..8),
        steps in prop::collection::vec(step(), 1..25),
    ) {
        let mut a = compared_on(testing::TEXT, distinct(mine), distinct(theirs));
        prop_assert_eq!(kept(&a), recomputed(&a));
        let bounds = testing::boundaries();
        for s in steps {
            let action = match s {
                Step::Tag(from, to, label) => {
                    a.anchor = Some(bounds[from]);
                    a.cursor = bounds[to];
                    Action::Normal(N::Tag(label))
                }
                Step::Delete(id) => { a.current = Some(id); Action::Normal(N::Delete) }
                Step::Reject(id) => { a.current = Some(id); Action::Normal(N::Reject) }
                Step::Accept(id) => { a.current = Some(id); Action::Normal(N::Accept) }
                Step::Join(id) => { a.current = Some(id); Action::Normal(N::Join) }
                Step::Next => Action::Normal(N::NextDisagreement),
                Step::Take => Action::Normal(N::TakeTheirs),
                Step::Undo => Action::Undo,
                Step::Redo => Action::Redo,
            };
            update(&mut a, action.clone());
            prop_assert_eq!(kept(&a), recomputed(&a), "after {:?}", action);
        }
    }
}

#[test]
fn a_speaker_only_one_editor_names_is_no_disagreement() {
    let mine = vec![with_speaker(
        by("ed", 1, "quote", "the plan is dead"),
        "Zoë",
    )];
    let theirs = vec![by("kim", 10, "quote", "the plan is dead")];
    let a = compared_on(TEXT, mine, theirs);
    assert!(listed(&a).is_empty(), "{:?}", listed(&a));
    let mine = vec![with_speaker(
        by("ed", 1, "quote", "the plan is dead"),
        "Zoë",
    )];
    let theirs = vec![with_speaker(
        by("kim", 10, "quote", "the plan is dead"),
        "Ann",
    )];
    let a = compared_on(TEXT, mine, theirs);
    assert_eq!(
        listed(&a),
        [(Some(1), Some(10))],
        "both name one, not the same"
    );
}
