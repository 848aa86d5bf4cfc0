//! `sayso ARTICLE --schema FILE` as a user meets it: a bad schema is refused
//! with one sentence and exit code 1 before the annotator starts.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use common::{one_line_error, sayso};

/// Runs `sayso ARTICLE --schema FILE` with `schema` as the file's contents,
/// stdin and stdout not terminals.
fn open_with(schema: &str) -> (TempDir, Output) {
    let dir = TempDir::new().expect("temp dir");
    fs::write(
        dir.path().join("story.txt"),
        "Zoë said “東京” 👩\u{200d}👩\u{200d}👧.\n",
    )
    .expect("write");
    fs::write(dir.path().join("labels.ron"), schema).expect("write");
    let output = sayso(dir.path(), &["story.txt", "--schema", "labels.ron"]);
    (dir, output)
}

/// The error for a schema: it names the file and holds `expected`.
fn refused(schema: &str, expected: &str) {
    let (_dir, output) = open_with(schema);
    let line = one_line_error(&output);
    assert!(line.contains("labels.ron"), "{line}");
    assert!(line.contains(expected), "{expected:?} not in: {line}");
}

#[test]
fn a_good_schema_gets_as_far_as_the_terminal() {
    let (_dir, output) =
        open_with("(labels: [(name: \"source\", key: 'o', color: \"LightGreen\", unit: word)])");
    let line = one_line_error(&output);
    assert!(line.contains("needs a terminal"), "{line}");
}

#[test]
fn the_example_schema_gets_as_far_as_the_terminal() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/schema.ron");
    let (_dir, output) = open_with(&fs::read_to_string(example).expect("the example"));
    let line = one_line_error(&output);
    assert!(line.contains("needs a terminal"), "{line}");
}

#[test]
fn every_bad_schema_is_refused_in_one_sentence() {
    refused("(labels: [])", "has no labels");
    refused(
        "(labels: [(name: \"quote\", key: 'q', color: \"cyan\", unit: quotation),\n\
         (name: \"quip\", key: 'q', color: \"red\", unit: sentence)])",
        "\"quote\" and \"quip\" the same key 'q'",
    );
    refused(
        "(labels: [(name: \"jump\", key: 'j', color: \"cyan\", unit: word)])",
        "already uses for \"next paragraph\"",
    );
    refused(
        "(labels: [(name: \"gone\", key: 'x', color: \"cyan\", unit: word)])",
        "already uses for \"delete the current annotation\"",
    );
    refused(
        "(labels: [(name: \"quote\", key: 'q', color: \"cyna\", unit: quotation)])",
        "unknown colour \"cyna\"; use one of black, red",
    );
    refused(
        "(labels: [(name: \"\", key: 'q', color: \"cyan\", unit: quotation)])",
        "label 1 an empty name",
    );
    refused(
        "(labels: [(name: \"quote\", key: 'q', color: \"cyan\", unit: quotation),\n\
         (name: \"quote\", key: 'c', color: \"red\", unit: sentence)])",
        "two labels named \"quote\"",
    );
    refused(
        "(labels: [\n  (name: \"quote\", key: 'q', color: \"cyan\", unit: phrase),\n])",
        "labels.ron:2:",
    );
    refused("(labels: [", "labels.ron:1:");
}

#[test]
fn a_missing_schema_is_named() {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join("story.txt"), "Text.\n").expect("write");
    let line = one_line_error(&sayso(dir.path(), &["story.txt", "--schema", "nope.ron"]));
    assert!(line.contains("nope.ron"), "{line}");
}

#[test]
fn help_mentions_the_schema_and_agree() {
    let dir = TempDir::new().expect("temp dir");
    let output = sayso(dir.path(), &["--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("--schema <FILE>"), "{help}");
    assert!(help.contains("agree"), "{help}");
}
