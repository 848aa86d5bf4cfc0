//! The annotator as a first-time user found it, without a terminal: the
//! current annotation where the editor is looking, selections that say
//! what they hold, search with folding, counts and history, screens at
//! small sizes, and the review panel's columns.

use ratatui::style::Modifier;

use super::action::{Action, Direction};
use super::app::{App, Mode};
use super::form::FormAction as F;
use super::goto::GoToAction as Go;
use super::help::HelpAction as H;
use super::key::Key;
use super::keymap::Keymap;
use super::list::ListAction as L;
use super::normal::{Motion, NormalAction as N};
use super::search::SearchAction as S;
use super::tests::{CLAIM, QUOTE, app, app_with, at, cells_of, render, run, screen, search, texts};
use super::update;
use super::view::style;
use sayso_core::annotation::testing::annotation;
use sayso_core::annotation::{Color, Label, Unit};

const SAMPLE: &str = include_str!("../../annotations/huawei-leak.txt");

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or_default()
}

fn status_line(app: &App) -> String {
    let keymap = Keymap::new(&app.labels);
    let shown = screen(&render(app, &keymap, app.size.width, app.size.height));
    shown.lines().last().unwrap_or_default().to_string()
}

/// The sample, the cursor on "I have spoken" (the Basu quote of
/// paragraphs 13 to 20, around a photo caption).
fn on_the_basu_quote() -> App {
    let mut a = app(SAMPLE, 120, 40);
    search(&mut a, "I have spoken");
    update(&mut a, N::DropSelection);
    a
}

#[test]
fn a_quotation_selected_with_quote_mark_tags_what_q_alone_tags() {
    let mut alone = on_the_basu_quote();
    update(&mut alone, N::Tag(QUOTE));
    let expected = alone.annotations.nth(0).expect("tagged").spans.clone();
    assert_eq!(expected.len(), 7, "q alone: seven spans, no caption");

    let mut a = on_the_basu_quote();
    update(&mut a, N::SelectQuotation);
    assert!(
        message(&a).starts_with("Selected a quotation of 7 spans, "),
        "{}",
        message(&a)
    );
    let caption = at(&a, "Sir Mark Sedwill carried out");
    assert!(!a.is_selected(caption), "the caption is not drawn selected");
    update(&mut a, N::Tag(QUOTE));
    let tagged = a.annotations.nth(0).expect("tagged");
    assert_eq!(tagged.spans, expected);
    for text in texts(&a, tagged) {
        assert!(
            !text.starts_with('"'),
            "a span starts with its mark: {text}"
        );
        assert!(!text.contains("Credit: PA"), "the caption is in: {text}");
    }
}

#[test]
fn nudging_a_quotation_selection_keeps_its_spans() {
    let mut a = on_the_basu_quote();
    update(&mut a, N::SelectQuotation);
    update(&mut a, N::Nudge(super::normal::Nudge::StartRight));
    update(&mut a, N::Tag(QUOTE));
    let tagged = a.annotations.nth(0).expect("tagged");
    assert_eq!(tagged.spans.len(), 7);
    assert!(texts(&a, tagged)[0].starts_with("have spoken"));

    // A selection grown by a motion is a plain selection again.
    let mut a = on_the_basu_quote();
    update(&mut a, N::SelectQuotation);
    update(&mut a, N::Move(Motion::PrevGrapheme));
    assert_eq!(a.quotation_pieces(), None);
}

#[test]
fn tab_goes_from_the_cursor_not_from_the_current_annotation() {
    let mut a = app(SAMPLE, 120, 40);
    for needle in [
        "shabby and discredited witch hunt",
        "proper, full",
        "compelling evidence",
    ] {
        search(&mut a, needle);
        update(&mut a, N::Tag(QUOTE));
    }
    // The last one tagged (paragraph 8) is current; g goes to the top.
    update(&mut a, N::Move(Motion::FirstParagraph));
    update(&mut a, N::GoAnnotation(Direction::Forward));
    assert_eq!(a.cursor, at(&a, "shabby"), "the first after the cursor");
    update(&mut a, N::GoAnnotation(Direction::Forward));
    assert_eq!(a.cursor, at(&a, "proper, full"));
    update(&mut a, N::GoAnnotation(Direction::Backward));
    assert_eq!(a.cursor, at(&a, "shabby"), "back to the one before");
    a.cursor = at(&a, "investigation into it");
    update(&mut a, N::GoAnnotation(Direction::Backward));
    assert_eq!(
        a.cursor,
        at(&a, "proper, full"),
        "the last before the cursor"
    );
    update(&mut a, N::GoAnnotation(Direction::Backward));
    update(&mut a, N::GoAnnotation(Direction::Backward));
    assert_eq!(a.cursor, at(&a, "compelling"), "round to the last");
    assert!(message(&a).contains("past the start"), "{}", message(&a));
}

#[test]
fn the_current_annotation_follows_the_cursor_and_leaves_with_the_screen() {
    let mut a = app(SAMPLE, 120, 20);
    search(&mut a, "shabby and discredited witch hunt");
    update(&mut a, N::Tag(QUOTE));
    let quote = a.current;
    assert!(quote.is_some());
    // Inside the new annotation: Space finds it.
    update(&mut a, N::CycleOverlap);
    assert_eq!(a.current, quote, "{}", message(&a));

    // A motion out of it, into untagged text: none is current.
    update(&mut a, N::Move(Motion::NextParagraph));
    assert_eq!(a.current, None);
    update(&mut a, N::Delete);
    assert!(message(&a).contains("No annotation on screen is current"));
    update(&mut a, N::Move(Motion::PrevParagraph));
    assert_eq!(a.current, None, "paragraph 1's start is not in the quote");

    // A selection beside it on the same screen keeps it, for S.
    update(&mut a, N::GoAnnotation(Direction::Forward));
    assert_eq!(a.current, quote);
    search(&mut a, "Gavin Williamson");
    assert_eq!(a.current, quote, "the match is on screen with the quote");
    // A search that scrolls it away drops it: S has nothing to act on.
    search(&mut a, "Theresa May");
    assert_eq!(a.current, None, "the quote left the screen");
    update(&mut a, N::SetSpeaker);
    assert!(message(&a).contains("No annotation on screen is current"));
    assert_eq!(a.annotations.nth(0).and_then(|x| x.speaker.clone()), None);
    for action in [N::Accept, N::Reject, N::Join, N::OpenForm] {
        update(&mut a, action.clone());
        assert!(
            message(&a).contains("on screen"),
            "{action:?}: {}",
            message(&a)
        );
        assert_eq!(a.mode, Mode::Normal);
    }
    assert_eq!(a.annotations.len(), 1);
}

#[test]
fn a_panel_row_acts_on_its_annotation_wherever_the_article_is() {
    let mut a = app(SAMPLE, 120, 20);
    search(&mut a, "shabby and discredited witch hunt");
    update(&mut a, N::Tag(QUOTE));
    update(&mut a, N::Move(Motion::LastParagraph));
    update(&mut a, N::OpenList);
    update(&mut a, L::Reject);
    assert!(
        message(&a).starts_with("Rejected quote #1"),
        "{}",
        message(&a)
    );
    a.message = None;
    assert!(
        status_line(&a).contains("quote #1 · rejected"),
        "{}",
        status_line(&a)
    );
}

#[test]
fn a_selection_says_what_it_holds() {
    let mut a = app(SAMPLE, 120, 40);
    update(&mut a, N::ToggleSelection);
    assert!(message(&a).starts_with("Selecting"), "{}", message(&a));
    run(&mut a, &vec![N::Move(Motion::NextWord).into(); 3]);
    assert_eq!(message(&a), "Selected 3 words: “Gavin Williamson says”");
    update(&mut a, N::SelectSentence);
    assert!(
        message(&a).starts_with("Selected 13 words: “Gavin"),
        "{}",
        message(&a)
    );
    update(&mut a, N::Move(Motion::LastParagraph));
    assert!(message(&a).contains("words: “Gavin"), "{}", message(&a));
    assert!(
        message(&a).contains('…'),
        "a long one is quoted by its ends"
    );
}

#[test]
fn search_folds_case_and_accents_counts_wraps_and_remembers() {
    let mut a = app(
        "Her résumé. His RE\u{301}SUME\u{301}. A resume. Mor-Halloran.",
        80,
        24,
    );
    search(&mut a, "resume");
    assert_eq!(a.selection().map(|s| &a.article.text()[s]), Some("résumé"));
    assert!(message(&a).starts_with("“resume” 1/3 ·"), "{}", message(&a));
    update(&mut a, N::Match(Direction::Forward));
    assert_eq!(
        a.selection().map(|s| &a.article.text()[s]),
        Some("RE\u{301}SUME\u{301}"),
        "whole graphemes"
    );
    update(&mut a, N::Match(Direction::Forward));
    update(&mut a, N::Match(Direction::Forward));
    assert!(
        message(&a).starts_with("“resume” 1/3 · past the end"),
        "{}",
        message(&a)
    );
    update(&mut a, N::Match(Direction::Backward));
    assert!(
        message(&a).starts_with("“resume” 3/3 · past the top"),
        "{}",
        message(&a)
    );

    // Enter with nothing typed searches the last text again.
    search(&mut a, "mor-halloran");
    assert_eq!(
        a.selection().map(|s| &a.article.text()[s]),
        Some("Mor-Halloran")
    );
    a.cursor = 0;
    a.anchor = None;
    search(&mut a, "");
    assert!(
        message(&a).starts_with("“mor-halloran” 1/1"),
        "{}",
        message(&a)
    );

    // ↑ and ↓ bring back the queries searched, newest first.
    update(&mut a, N::Search);
    update(&mut a, S::Recall(Direction::Backward));
    assert_eq!(a.mode, Mode::Search("mor-halloran".into()));
    update(&mut a, S::Recall(Direction::Backward));
    assert_eq!(a.mode, Mode::Search("resume".into()));
    update(&mut a, S::Recall(Direction::Backward));
    assert_eq!(a.mode, Mode::Search("resume".into()), "stays at the oldest");
    update(&mut a, S::Recall(Direction::Forward));
    update(&mut a, S::Recall(Direction::Forward));
    assert_eq!(
        a.mode,
        Mode::Search(String::new()),
        "back to what was typed"
    );
    update(&mut a, S::Cancel);

    search(&mut a, "naïveté");
    assert_eq!(message(&a), "“naïveté” is not in the article.");
}

#[test]
fn colon_and_a_number_go_to_that_paragraph() {
    let mut a = app(SAMPLE, 120, 40);
    update(&mut a, N::GoToParagraph(None));
    for c in "12".chars() {
        update(&mut a, Go::Input(c));
    }
    assert!(
        status_line(&a).contains("Go to paragraph 12▏ of 23"),
        "{}",
        status_line(&a)
    );
    update(&mut a, Go::Submit);
    assert_eq!(a.paragraph(), Some(11));
    assert_eq!(a.cursor, a.article.paragraphs()[11].start);
    update(&mut a, N::GoToParagraph(None));
    update(&mut a, Go::Input('x'));
    assert!(message(&a).contains("digits"));
    for c in "99".chars() {
        update(&mut a, Go::Input(c));
    }
    update(&mut a, Go::Submit);
    assert_eq!(a.paragraph(), Some(11), "nowhere to go");
    assert!(
        message(&a).contains("paragraphs 1 to 23"),
        "{}",
        message(&a)
    );
}

/// Types `keys` as plain characters through the keymap, as a terminal would.
fn type_keys(a: &mut App, keys: &str) {
    let keymap = Keymap::new(&a.labels);
    for c in keys.chars() {
        let event = ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        );
        if let Some(action) = keymap.action(&a.mode, a.list.open, event) {
            update(a, action);
        }
    }
}

#[test]
fn a_number_then_g_goes_to_that_paragraph_as_in_vi() {
    let mut a = app(SAMPLE, 120, 40);
    type_keys(&mut a, "1");
    assert!(
        status_line(&a).contains("Go to paragraph 1▏ of 23  Enter or g go"),
        "{}",
        status_line(&a)
    );
    type_keys(&mut a, "2g");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.paragraph(), Some(11));
    type_keys(&mut a, "20G");
    assert_eq!(a.paragraph(), Some(19), "G ends the number too");
    // 0 alone is still the start of the paragraph, and a bare g the first.
    type_keys(&mut a, "w0");
    assert_eq!(a.cursor, a.article.paragraphs()[19].start);
    type_keys(&mut a, "g");
    assert_eq!(a.paragraph(), Some(0));
    // In the review panel, digits are no count.
    update(&mut a, N::OpenList);
    type_keys(&mut a, "3");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn help_closes_on_any_other_key_and_does_what_the_key_does() {
    let mut a = app(SAMPLE, 120, 40);
    update(&mut a, H::Open);
    let keymap = Keymap::new(&a.labels);
    let event = ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('G'),
        ratatui::crossterm::event::KeyModifiers::SHIFT,
    );
    let action = keymap.action(&a.mode, false, event).expect("bound");
    update(&mut a, action);
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.paragraph(), Some(22), "G went to the last paragraph");
}

#[test]
fn growing_the_window_back_refills_the_view() {
    let mut a = app(SAMPLE, 60, 15);
    update(&mut a, N::Move(Motion::LastParagraph));
    update(
        &mut a,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let keymap = Keymap::new(&a.labels);
    let shown = screen(&render(&a, &keymap, 120, 40));
    let rows: Vec<&str> = shown.lines().collect();
    // The row above the bottom border holds text, not a blank below the end.
    let last_text_row = rows[rows.len() - 3];
    assert!(
        last_text_row.trim_matches(|c| c == '│' || c == ' ').len() > 10,
        "blank rows below the end:\n{shown}"
    );
}

#[test]
fn the_form_keeps_enter_save_and_a_span_row_on_small_screens() {
    for (width, height) in [(60, 15), (45, 10)] {
        let mut a = app(SAMPLE, width, height);
        search(&mut a, "shabby and discredited witch hunt");
        update(&mut a, N::Tag(QUOTE));
        update(&mut a, N::OpenForm);
        let keymap = Keymap::new(&a.labels);
        let shown = screen(&render(&a, &keymap, width, height));
        assert!(shown.contains("Enter save"), "{width}×{height}:\n{shown}");
        assert!(shown.contains("Esc cancel"), "{width}×{height}:\n{shown}");
        assert!(
            shown.contains("“shabby and"),
            "no span row at {width}×{height}:\n{shown}"
        );
        update(&mut a, F::Cancel);
    }
}

#[test]
fn read_only_opens_the_form_to_read() {
    let mut a = app_with(SAMPLE, 120, 40, false, true);
    let start = at(&a, "shabby");
    let mut quote = annotation(1, "quote", std::iter::once(start..start + 6).collect());
    quote.note = Some("check the source".into());
    a.annotations.insert(quote);
    a.cursor = start;
    update(&mut a, N::Move(Motion::NextGrapheme));
    update(&mut a, N::OpenForm);
    assert!(matches!(&a.mode, Mode::Form(f) if f.read_only));
    let keymap = Keymap::new(&a.labels);
    let shown = screen(&render(&a, &keymap, 120, 40));
    assert!(shown.contains("Read quote #1"), "{shown}");
    assert!(shown.contains("check the source"), "{shown}");
    assert!(shown.contains("Esc close"), "{shown}");
    // Nothing offers an edit: no label keys, no speakers to complete.
    assert!(shown.contains("Label   quote"), "{shown}");
    assert!(!shown.contains("c claim"), "{shown}");
    assert!(!shown.contains("Tab:"), "{shown}");
    assert!(!shown.contains("no speaker named"), "{shown}");
    update(&mut a, F::Key(Key::char('x')));
    update(&mut a, F::Cancel);
    assert_eq!(
        a.annotations.get(1).and_then(|x| x.note.clone()).as_deref(),
        Some("check the source")
    );
    assert_eq!(a.revision, 0);
}

#[test]
fn a_long_message_takes_the_counts_room_and_is_cut_between_words() {
    let mut a = app(SAMPLE, 60, 15);
    a.message =
        Some("Tagged quote #12 (u undoes): “I have spoken to the Cabinet Office regarding”".into());
    let line = status_line(&a);
    let line = line.trim_end();
    assert!(!line.contains("claim 0"), "{line}");
    let shown = line.trim_start_matches(" ¶1/23  ");
    let kept = shown.strip_suffix('…').expect("cut with …");
    assert!(message(&a).starts_with(kept), "{line}");
    assert!(
        kept.ends_with(char::is_alphabetic),
        "cut inside a word: {line}"
    );
    assert!(
        message(&a)[kept.len()..].starts_with(' '),
        "cut inside a word: {line}"
    );
}

#[test]
fn the_panel_cuts_text_with_an_ellipsis_and_shows_notes_and_unnamed_speakers() {
    let mut a = app(SAMPLE, 120, 40);
    search(
        &mut a,
        "I have spoken to the Cabinet Office regarding the nature",
    );
    update(&mut a, N::Tag(QUOTE));
    update(&mut a, N::Move(Motion::NextParagraph));
    update(&mut a, N::Tag(CLAIM));
    update(&mut a, N::OpenForm);
    for c in "Sedwill".chars() {
        update(&mut a, F::Key(Key::char(c)));
    }
    update(&mut a, F::Field(Direction::Forward));
    for c in "check".chars() {
        update(&mut a, F::Key(Key::char(c)));
    }
    update(&mut a, F::Save);
    update(&mut a, N::OpenList);
    let shown = screen(&render(&a, &Keymap::new(&a.labels), 120, 40));
    assert!(shown.contains("note"), "{shown}");
    assert!(shown.contains("check"), "{shown}");
    let row = shown
        .lines()
        .find(|l| l.contains("I have spoken"))
        .expect("the quote's row");
    assert!(row.ends_with("…│"), "{row}");
    assert!(status_line(&a).contains("claim #2 · accepted · Sedwill"));
    update(&mut a, L::FilterNoSpeaker);
    assert_eq!(a.list.len(), 1, "only the quote names no one");
    let shown = screen(&render(&a, &Keymap::new(&a.labels), 120, 40));
    assert!(shown.contains("no speaker"), "{shown}");
    update(&mut a, L::FilterNoSpeaker);
    assert_eq!(a.list.len(), 2);
}

#[test]
fn a_long_panel_row_on_the_status_line_takes_the_counts_room_then_is_cut_between_words() {
    let mut a = app(SAMPLE, 120, 40);
    search(&mut a, "insists he did not leak");
    update(&mut a, N::Tag(CLAIM));
    update(&mut a, N::OpenForm);
    for c in "Gavin Williamson MP".chars() {
        update(&mut a, F::Key(Key::char(c)));
    }
    update(&mut a, F::Save);
    update(&mut a, N::OpenList);
    let line = status_line(&a);
    assert!(!line.contains("claim 1"), "the counts give way: {line}");
    assert!(
        line.contains("Williamson MP “insists he did not leak”  Enter go · e edit · ? help"),
        "{line}"
    );
    a.size.width = 70;
    let line = status_line(&a);
    let line = line.trim_end();
    let kept = line.strip_suffix('…').expect("cut with …");
    assert!(
        kept.ends_with("“insists he did"),
        "cut inside a word: {line}"
    );
    assert!(!line.contains("Enter go"), "{line}");
}

#[test]
fn every_label_of_a_schema_of_seven_looks_different_without_colour() {
    let labels: Vec<Label> = "qcdotxy"
        .chars()
        .enumerate()
        .map(|(i, key)| Label {
            name: format!("label{i}"),
            key,
            color: Color::Cyan,
            unit: Unit::Word,
        })
        .collect();
    let mut a = app(SAMPLE, 80, 24);
    a.labels = labels;
    let looks: Vec<Modifier> = a
        .labels
        .iter()
        .map(|l| style::label(&a, &l.name).add_modifier)
        .collect();
    for (i, look) in looks.iter().enumerate() {
        assert!(!look.is_empty());
        assert!(!looks[..i].contains(look), "label {i} looks like another");
        assert!(
            !look.contains(Modifier::REVERSED),
            "reversed is the current one's"
        );
    }
}

#[test]
fn the_selection_and_the_current_quote_differ_without_colour() {
    let mut a = app(SAMPLE, 120, 40);
    search(&mut a, "shabby and discredited witch hunt");
    update(&mut a, N::Tag(QUOTE));
    search(&mut a, "proper, full");
    let keymap = Keymap::new(&a.labels);
    let buffer = render(&a, &keymap, 120, 40);
    let current = cells_of(&buffer, "shabby")[0];
    let selected = a.selection().expect("the match");
    let first = &a.article.text()[selected][..1];
    let shown = screen(&buffer);
    assert!(
        shown.contains(&format!("{first}\u{305}")),
        "no overline:\n{shown}"
    );
    assert!(!buffer[current].symbol().contains('\u{305}'));
}
