//! The annotator with a label schema: each default unit tagged at the cursor
//! on Unicode text, and annotations of labels the schema lacks drawn and kept.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::action::Action;
use super::app::{App, Options};
use super::keymap::Keymap;
use super::normal::NormalAction as N;
use super::{update, view};
use sayso_core::annotation::{Color as LabelColor, Label, Unit};
use sayso_core::article::Article;
use sayso_core::store::{self, Sidecar};

/// One label per unit, with the colour it is drawn in.
fn labels() -> Vec<Label> {
    let label = |name: &str, key, color, unit| Label {
        name: name.into(),
        key,
        color,
        unit,
    };
    vec![
        label("quote", 'q', LabelColor::Cyan, Unit::Quotation),
        label("claim", 'c', LabelColor::Yellow, Unit::Sentence),
        label("source", 'o', LabelColor::LightGreen, Unit::Word),
        label(
            "caption",
            't',
            LabelColor::Rgb(0xd0, 0x87, 0x70),
            Unit::Paragraph,
        ),
    ]
}

const QUOTE: usize = 0;
const CLAIM: usize = 1;
const SOURCE: usize = 2;
const CAPTION: usize = 3;

fn app_with(text: &str, labels: Vec<Label>, sidecar: Option<Sidecar>) -> App {
    let options = Options {
        file_name: "test.txt".into(),
        author: "ed".into(),
        read_only: false,
        color: true,
        labels,
    };
    let mut app = App::new(Arc::new(Article::from_text(text.into())), sidecar, options);
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    app
}

/// What tagging with `label` at the first `needle` (cursor on its first
/// grapheme, or `after` it) tags: the texts of the new annotation's spans.
fn tag_at(text: &str, needle: &str, after: bool, label: usize) -> Vec<String> {
    let mut app = app_with(text, labels(), None);
    let found = text.find(needle).expect("the needle is in the text");
    app.cursor = if after { found + needle.len() } else { found };
    let before = app.annotations.len();
    update(&mut app, N::Tag(label));
    if app.annotations.len() == before {
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("Nothing to tag"), "{message}");
        return Vec::new();
    }
    let tagged = app.current_annotation().expect("the new one is current");
    assert_eq!(tagged.label, labels()[label].name);
    tagged
        .spans
        .iter()
        .map(|s| text[s.clone()].to_string())
        .collect()
}

const TEXT: &str = "Zoë said: \"e\u{301}té à 東京\" to Reuters 👩\u{200d}👩\u{200d}👧 🇫🇷.\r\n\r\n\
    \tPhoto: שלום 東京 🇫🇷 a\u{301}\t \r\n\r\nLast one, ok";

#[test]
fn the_word_unit_tags_the_word_at_the_cursor() {
    assert_eq!(tag_at(TEXT, "Reuters", false, SOURCE), ["Reuters"]);
    // Inside a word, not only at its start.
    assert_eq!(tag_at(TEXT, "uters", false, SOURCE), ["Reuters"]);
    // A combining mark stays with its letter, in the word.
    assert_eq!(tag_at(TEXT, "e\u{301}té", false, SOURCE), ["e\u{301}té"]);
    assert_eq!(tag_at(TEXT, "té", false, SOURCE), ["e\u{301}té"]);
    // UAX #29 makes each Han ideograph a word of its own.
    assert_eq!(tag_at(TEXT, "京\"", false, SOURCE), ["京"]);
    assert_eq!(tag_at(TEXT, "שלום", false, SOURCE), ["שלום"]);
    assert_eq!(tag_at(TEXT, "a\u{301}", false, SOURCE), ["a\u{301}"]);
}

#[test]
fn the_word_unit_tags_the_word_just_before_the_cursor_at_a_word_end() {
    // The cursor after `$` sits past the paragraph's last word.
    assert_eq!(tag_at(TEXT, "ok", true, SOURCE), ["ok"]);
    // On the space after a word: that word.
    assert_eq!(tag_at(TEXT, "Reuters", true, SOURCE), ["Reuters"]);
}

#[test]
fn the_word_unit_tags_nothing_on_emoji_flags_or_punctuation() {
    assert!(tag_at(TEXT, "👩", false, SOURCE).is_empty());
    assert!(tag_at(TEXT, "🇫🇷.", false, SOURCE).is_empty());
    // On the space after a colon: no word holds or ends at the cursor.
    assert!(tag_at(TEXT, " \"e", false, SOURCE).is_empty());
}

#[test]
fn the_paragraph_unit_tags_the_paragraph_without_its_white_space() {
    assert_eq!(
        tag_at(TEXT, "שלום", false, CAPTION),
        ["Photo: שלום 東京 🇫🇷 a\u{301}"]
    );
    assert_eq!(tag_at(TEXT, "ok", true, CAPTION), ["Last one, ok"]);
    assert_eq!(
        tag_at(TEXT, "Zoë", false, CAPTION),
        ["Zoë said: \"e\u{301}té à 東京\" to Reuters 👩\u{200d}👩\u{200d}👧 🇫🇷."]
    );
}

#[test]
fn the_quotation_and_sentence_units_are_unchanged() {
    assert_eq!(tag_at(TEXT, "té", false, QUOTE), ["e\u{301}té à 東京"]);
    assert_eq!(tag_at(TEXT, "Last", false, QUOTE), ["Last one, ok"]);
    assert_eq!(tag_at(TEXT, "ok", false, CLAIM), ["Last one, ok"]);
}

#[test]
fn the_help_says_each_unit() {
    let keymap = Keymap::new(&labels());
    let help: Vec<&str> = keymap.normal.iter().map(|b| b.help.as_str()).collect();
    for expected in [
        "tag selection (or quotation, else sentence) as quote",
        "tag selection (or sentence) as claim",
        "tag selection (or word) as source",
        "tag selection (or paragraph) as caption",
    ] {
        assert!(help.contains(&expected), "{expected} missing from {help:?}");
    }
}

fn render(app: &App) -> Buffer {
    let keymap = Keymap::new(&app.labels);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal.draw(|f| view(app, &keymap, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The cell where `needle` starts on screen.
fn cell_of(buffer: &Buffer, needle: &str) -> (u16, u16) {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if let Some(i) = row.find(needle) {
            return (row[..i].chars().count() as u16, y);
        }
    }
    panic!("{needle:?} is not on screen");
}

#[test]
fn an_annotation_whose_label_the_schema_lacks_is_drawn_and_kept() {
    let text = "Officials denied it. Reuters reported the leak.";
    // A sidecar written with the default labels: a denial.
    let mut first = app_with(text, Label::defaults(), None);
    update(&mut first, N::Tag(2));
    let written = store::render(
        &first.article,
        "test.txt",
        &first.snapshot().annotations,
        &[],
        None,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.ann.ron");
    std::fs::write(&path, &written).expect("write the sidecar");
    let sidecar = store::load(&first.article, &path).expect("it parses");

    // Opened with a schema that has no denial.
    let mut app = app_with(text, labels(), sidecar);
    app.current = None;
    assert_eq!(app.annotations.len(), 1);
    let buffer = render(&app);
    let cell = &buffer[cell_of(&buffer, "Officials")];
    assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
    assert_eq!(
        cell.fg,
        Color::Reset,
        "no schema colour for an unknown label"
    );

    app.cursor = text.find("Reuters").expect("in the text");
    update(&mut app, N::Tag(SOURCE));
    let buffer = render(&app);
    let cell = &buffer[cell_of(&buffer, "Reuters")];
    assert_eq!(cell.fg, Color::LightGreen);

    let saved = store::render(
        &app.article,
        "test.txt",
        &app.snapshot().annotations,
        &[],
        None,
    );
    std::fs::write(&path, &saved).expect("write the sidecar");
    let reread = store::load(&app.article, &path)
        .expect("it parses")
        .expect("it exists");
    let kept: Vec<(&str, &str)> = reread
        .annotations
        .iter()
        .map(|a| (a.label.as_str(), &text[a.spans[0].clone()]))
        .collect();
    assert_eq!(
        kept,
        [("denial", "Officials denied it."), ("source", "Reuters")]
    );
}
