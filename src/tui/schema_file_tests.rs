//! Label schema files against the annotator's keymap: what is read, and
//! every way a schema is refused.

use std::path::Path;

use super::Keymap;
use sayso_core::annotation::schema::{COLOR_NAMES, SchemaError, load, parse};
use sayso_core::annotation::{Color, Label, Unit};

const PATH: &str = "labels.ron";

/// The keys the annotator binds, from its own keymap.
fn taken() -> Vec<(char, String)> {
    Keymap::new(&[])
        .taken_chars()
        .into_iter()
        .map(|(c, help)| (c, help.to_string()))
        .collect()
}

fn read(source: &str) -> Result<Vec<Label>, SchemaError> {
    let taken = taken();
    let taken: Vec<(char, &str)> = taken.iter().map(|(c, h)| (*c, h.as_str())).collect();
    parse(source, Path::new(PATH), &taken)
}

/// A schema of one label per `(name, key, color, unit)`.
fn schema(labels: &[(&str, char, &str, &str)]) -> String {
    let rows: Vec<String> = labels
        .iter()
        .map(|(name, key, color, unit)| {
            format!("(name: {name:?}, key: {key:?}, color: {color:?}, unit: {unit}),")
        })
        .collect();
    format!(
        "(\n    labels: [\n        {}\n    ],\n)\n",
        rows.join("\n        ")
    )
}

/// The error's message, checked to be one line that names the file.
fn refusal(source: &str) -> String {
    match read(source) {
        Ok(labels) => panic!("accepted {labels:?}"),
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains('\n'), "{message}");
            assert!(message.contains(PATH), "{message}");
            message
        }
    }
}

#[test]
fn reads_names_keys_colours_and_units_in_order() {
    let labels = read(&schema(&[
        ("quote", 'q', "cyan", "quotation"),
        ("claim", 'c', "Light-Red", "sentence"),
        ("source", 'o', "#d08770", "word"),
        ("caption", 'K', "dark_gray", "paragraph"),
        ("引用 🇫🇷", 'é', "light blue", "sentence"),
    ]));
    let labels = labels.expect("a good schema");
    let read: Vec<(&str, char, Color, Unit)> = labels
        .iter()
        .map(|l| (l.name.as_str(), l.key, l.color, l.unit))
        .collect();
    assert_eq!(
        read,
        vec![
            ("quote", 'q', Color::Cyan, Unit::Quotation),
            ("claim", 'c', Color::LightRed, Unit::Sentence),
            ("source", 'o', Color::Rgb(0xd0, 0x87, 0x70), Unit::Word),
            ("caption", 'K', Color::DarkGray, Unit::Paragraph),
            ("引用 🇫🇷", 'é', Color::LightBlue, Unit::Sentence),
        ]
    );
}

#[test]
fn the_defaults_written_as_a_schema_read_back_as_the_defaults() {
    let defaults = Label::defaults();
    let source = schema(&[
        ("quote", 'q', "cyan", "quotation"),
        ("claim", 'c', "yellow", "sentence"),
        ("denial", 'd', "magenta", "sentence"),
    ]);
    assert_eq!(read(&source).expect("the defaults"), defaults);
}

#[test]
fn every_colour_name_the_error_lists_is_accepted_in_any_spelling() {
    for name in COLOR_NAMES {
        for spelling in [
            name.to_string(),
            name.to_uppercase(),
            name.replace('-', ""),
            name.replace('-', " "),
        ] {
            let source = schema(&[("quote", 'q', &spelling, "quotation")]);
            assert!(read(&source).is_ok(), "{spelling:?} refused");
        }
    }
}

#[test]
fn the_committed_example_schema_is_good() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/schema.ron");
    let map = Keymap::new(&[]);
    let labels = load(&path, &map.taken_chars()).expect("the example schema loads");
    let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["quote", "claim", "denial", "source", "caption"]);
    assert_eq!(labels[3].unit, Unit::Word);
    assert_eq!(labels[4].unit, Unit::Paragraph);
    // The keymap built for it binds each label's key to tagging with it.
    let with_labels = Keymap::new(&labels);
    for (i, label) in labels.iter().enumerate() {
        let bound = with_labels
            .normal
            .iter()
            .find(|b| b.keys.iter().any(|k| k.name() == label.key.to_string()));
        assert_eq!(
            bound.map(|b| &b.action),
            Some(&super::NormalAction::Tag(i).into()),
            "{}",
            label.name
        );
    }
}

#[test]
fn a_file_that_does_not_parse_is_refused_at_its_line_and_column() {
    let message = refusal(
        "(\n    labels: [\n        (name: \"quote\", key: \"q\", color: \"cyan\", unit: quotation),\n    ],\n)",
    );
    assert!(message.starts_with("labels.ron:3:"), "{message}");
    assert!(message.contains("single quotes, like 'q'"), "{message}");

    let message =
        refusal("(labels: [(name: \"quote\", key: 'q', colour: \"cyan\", unit: quotation)])");
    assert!(message.starts_with("labels.ron:1:"), "{message}");
    assert!(message.contains("colour"), "{message}");

    let message = refusal(&schema(&[("quote", 'q', "cyan", "phrase")]));
    assert!(
        message.contains("phrase") && message.contains("paragraph"),
        "{message}"
    );

    let message = refusal("not ron at all");
    assert!(message.starts_with("labels.ron:1:1:"), "{message}");
}

#[test]
fn a_missing_file_is_refused_with_its_name() {
    let path = Path::new("/nonexistent/labels.ron");
    let message = load(path, &[]).map(|_| ()).map_err(|e| e.to_string());
    let message = message.expect_err("no such file");
    assert!(message.contains("/nonexistent/labels.ron"), "{message}");
}

#[test]
fn a_schema_without_labels_is_refused() {
    let message = refusal("(labels: [])");
    assert!(message.contains("has no labels"), "{message}");
}

#[test]
fn empty_names_and_control_characters_in_names_are_refused() {
    let message = refusal(&schema(&[
        ("quote", 'q', "cyan", "quotation"),
        (" ", 'c', "cyan", "sentence"),
    ]));
    assert!(message.contains("label 2 an empty name"), "{message}");
    let message = refusal(&schema(&[("a\u{1b}[31m", 'q', "cyan", "sentence")]));
    assert!(message.contains("control character"), "{message}");
    assert!(
        !message.contains('\u{1b}'),
        "the escape reaches the terminal"
    );
}

#[test]
fn duplicate_names_are_refused() {
    let message = refusal(&schema(&[
        ("quote", 'q', "cyan", "quotation"),
        ("quote", 'c', "yellow", "sentence"),
    ]));
    assert!(message.contains("two labels named \"quote\""), "{message}");
}

#[test]
fn two_labels_with_one_key_are_refused() {
    let message = refusal(&schema(&[
        ("quote", 'q', "cyan", "quotation"),
        ("question", 'q', "yellow", "sentence"),
    ]));
    assert!(
        message.contains("\"quote\" and \"question\" the same key 'q'"),
        "{message}"
    );
}

#[test]
fn a_key_the_annotator_uses_is_refused_with_what_it_does_and_free_keys() {
    let message = refusal(&schema(&[("jump", 'j', "cyan", "word")]));
    assert!(message.contains("'j'"), "{message}");
    assert!(message.contains("\"next paragraph\""), "{message}");
    // Free keys are suggested, and no taken key among them.
    let (_, free) = message.split_once("one of ").expect("suggestions");
    assert!(free.contains('q') && free.contains('o'), "{message}");
    assert!(!free.split(' ').any(|k| k == "j" || k == "x"), "{message}");

    let message = refusal(&schema(&[("gone", 'x', "cyan", "word")]));
    assert!(
        message.contains("\"delete the current annotation\""),
        "{message}"
    );
    for key in ['G', '?', '0', ' '] {
        refusal(&schema(&[("label", key, "cyan", "word")]));
    }
}

#[test]
fn keys_that_cannot_be_typed_are_refused() {
    for key in ['\t', '\u{1b}', '\u{3000}'] {
        let message = refusal(&schema(&[("label", key, "cyan", "word")]));
        assert!(message.contains("cannot be typed"), "{message}");
    }
}

#[test]
fn unknown_colours_are_refused_with_the_accepted_names() {
    for color in ["cyna", "#12345", "#gg0000", "42", "reset", ""] {
        let message = refusal(&schema(&[("quote", 'q', color, "quotation")]));
        assert!(
            message.contains(&format!("unknown colour \"{color}\"")),
            "{message}"
        );
        assert!(
            message.contains("light-red") && message.contains("#rrggbb"),
            "{message}"
        );
    }
}
