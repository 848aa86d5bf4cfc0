//! `sayso stats`: the counts of a corpus as text and JSON, broken files
//! reported and skipped.

mod common;

use std::fs;

use common::{sayso, stderr_of, stdout_of, unicode_corpus, write_annotated};
use serde_json::{Value, json};
use tempfile::TempDir;

#[test]
fn stats_count_every_annotation_per_label_status_speaker_and_author() {
    let dir = unicode_corpus();
    write_annotated(
        &dir.path().join("news/second.txt"),
        "Ann said “yes”. Bob said “no”.\n",
        &[(1, "quote", "yes"), (2, "quote", "no")],
    );
    let output = sayso(dir.path(), &["stats", "news", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(output.stderr.is_empty());
    let stats: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    assert_eq!(stats["articles"], 2);
    assert_eq!(stats["annotations"], 11);
    assert_eq!(
        stats["labels"],
        json!({"claim": 3, "denial": 1, "hot take": 1, "quote": 6})
    );
    assert_eq!(
        stats["status"],
        json!({"accepted": 9, "pending": 1, "rejected": 1})
    );
    assert_eq!(
        stats["speakers"],
        json!({"Zoë Ångström": 1, "北京 officials": 1})
    );
    assert_eq!(stats["no_speaker"], 9);
    assert_eq!(stats["authors"], json!({"ed": 11}));
    assert_eq!(stats["skipped"], 0);
}

#[test]
fn stats_as_text_line_up_and_put_the_most_frequent_first() {
    let dir = unicode_corpus();
    let output = sayso(dir.path(), &["stats", "news"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let out = stdout_of(&output);
    let table = |title: &str| -> Vec<String> {
        out.split("\n\n")
            .find(|t| t.starts_with(title))
            .unwrap_or_else(|| panic!("no {title} table:\n{out}"))
            .lines()
            .map(String::from)
            .collect()
    };
    assert!(
        out.starts_with(
            "articles     1\nannotated    1\nfinished     0\nannotations  9\ndetached     0\n"
        ),
        "{out}"
    );
    assert_eq!(
        table("label"),
        [
            "label     count",
            "quote         4",
            "claim         3",
            "denial        1",
            "hot take      1"
        ]
    );
    // The CJK speaker is two columns a char: the counts still line up.
    assert_eq!(
        table("speaker"),
        [
            "speaker         count",
            "Zoë Ångström        1",
            "北京 officials      1",
            "(none)              7"
        ]
    );
}

#[test]
fn stats_report_and_skip_a_broken_sidecar() {
    let dir = TempDir::new().unwrap();
    write_annotated(
        &dir.path().join("c/a.txt"),
        "He said “yes”.\n",
        &[(1, "quote", "yes")],
    );
    fs::write(dir.path().join("c/b.txt"), "text\n").unwrap();
    fs::write(dir.path().join("c/b.ann.ron"), "(format: 1, oops").unwrap();
    let output = sayso(dir.path(), &["stats", "c", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stats: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    assert_eq!(stats["articles"], 1);
    assert_eq!(stats["skipped"], 1);
    let stderr = stderr_of(&output);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.starts_with("sayso: skipped: c/b.ann.ron:"),
        "{stderr}"
    );

    let strict = sayso(dir.path(), &["stats", "c", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(strict.stdout.is_empty(), "no counts after a stop");
    assert!(stderr_of(&strict).contains("--strict"));
}
