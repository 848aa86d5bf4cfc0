//! `sayso agree A B` as a user meets it: the table and the JSON for two
//! sidecars made through the library, directories paired by relative path,
//! and one-sentence errors for what cannot be compared; the sidecars
//! `sayso ARTICLE --compare` refuses before it opens the annotator.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use sayso_core::annotation::testing::{annotation, span_of};
use sayso_core::annotation::{Annotation, Status};
use sayso_core::article::Article;
use sayso_core::store;
use serde_json::Value;
use tempfile::TempDir;

use common::{one_line_error, sayso};

/// An article with combining marks, an emoji ZWJ sequence and CJK, so that
/// chars, bytes and graphemes all differ.
const TEXT: &str = "Zoë said: “東京 is near 👩\u{200d}👩\u{200d}👧.” The ministry denied it. \
    Officials claimed e\u{301}verything was fine.\n\nSecond paragraph here.\n";

/// The output of a run that must succeed quietly.
fn stdout(output: &Output) -> String {
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An annotation `id` of `label` on the first `needle` of `text`.
fn tagged(text: &str, id: u64, label: &str, needle: &str, status: Status) -> Annotation {
    Annotation {
        status,
        ..annotation(id, label, vec![span_of(text, needle)])
    }
}

/// Writes the sidecar of `annotations` on `text` at `path`, as sayso would.
fn write_sidecar(path: &Path, text: &str, annotations: Vec<Annotation>) {
    let article = Article::from_text(text.into());
    let live: Vec<Arc<Annotation>> = annotations.into_iter().map(Arc::new).collect();
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create the directory");
    }
    fs::write(path, store::render(&article, "story.txt", &live, &[], None)).expect("write");
}

/// Editor A: a quote, a claim and a denial.
fn editor_a() -> Vec<Annotation> {
    vec![
        tagged(
            TEXT,
            1,
            "quote",
            "東京 is near 👩\u{200d}👩\u{200d}👧.",
            Status::Accepted,
        ),
        tagged(
            TEXT,
            2,
            "denial",
            "The ministry denied it.",
            Status::Accepted,
        ),
        tagged(
            TEXT,
            3,
            "claim",
            "Officials claimed e\u{301}verything was fine.",
            Status::Accepted,
        ),
    ]
}

/// Editor B: the same quote; the claim cut short; the denial rejected; a
/// claim A does not have.
fn editor_b() -> Vec<Annotation> {
    vec![
        tagged(
            TEXT,
            7,
            "quote",
            "東京 is near 👩\u{200d}👩\u{200d}👧.",
            Status::Pending,
        ),
        tagged(
            TEXT,
            8,
            "denial",
            "The ministry denied it.",
            Status::Rejected,
        ),
        tagged(
            TEXT,
            9,
            "claim",
            "claimed e\u{301}verything",
            Status::Accepted,
        ),
        tagged(
            TEXT,
            10,
            "claim",
            "Second paragraph here.",
            Status::Accepted,
        ),
    ]
}

fn two_editors() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    write_sidecar(&dir.path().join("a.ann.ron"), TEXT, editor_a());
    write_sidecar(&dir.path().join("b.ann.ron"), TEXT, editor_b());
    dir
}

/// The cells of the table row that starts with `label`.
fn row<'a>(table: &'a str, label: &str) -> Vec<&'a str> {
    let line = table
        .lines()
        .find(|l| l.split_whitespace().next() == Some(label))
        .unwrap_or_else(|| panic!("no {label} row in:\n{table}"));
    line.split_whitespace().collect()
}

// The figures, worked by hand (B's rejected denial left out):
// quote:  a = 1, b = 1; exact m = 1 and overlap m = 1: P = R = F1 = 1; the
//         same chars, kappa = 1.
// claim:  a = 1, b = 2; exact m = 0: 0, 0, 0; overlap m = 1 (the cut claim):
//         P = 1/2, R = 1, F1 = 2/3.
// denial: a = 1, b = 0; P undefined, R = 0, F1 = 0; B marks no char, A
//         some: kappa = 0.
// overall: a = 3, b = 3; exact m = 1: 1/3 each; overlap m = 2: 2/3 each.

#[test]
fn the_table_gives_each_label_and_overall() {
    let dir = two_editors();
    let out = stdout(&sayso(dir.path(), &["agree", "a.ann.ron", "b.ann.ron"]));
    let header = row(&out, "label");
    assert_eq!(
        header,
        [
            "label", "A", "B", "exact", "P", "R", "F1", "overlap", "P", "R", "F1", "kappa"
        ]
    );
    assert_eq!(
        row(&out, "quote"),
        [
            "quote", "1", "1", "1", "1.000", "1.000", "1.000", "1", "1.000", "1.000", "1.000",
            "1.000"
        ]
    );
    let claim = row(&out, "claim");
    assert_eq!(
        claim[..11],
        [
            "claim", "1", "2", "0", "0.000", "0.000", "0.000", "1", "0.500", "1.000", "0.667"
        ]
    );
    assert_eq!(
        row(&out, "denial"),
        [
            "denial", "1", "0", "0", "-", "0.000", "0.000", "0", "-", "0.000", "0.000", "0.000"
        ]
    );
    assert_eq!(
        row(&out, "overall")[..11],
        [
            "overall", "3", "3", "1", "0.333", "0.333", "0.333", "2", "0.667", "0.667", "0.667"
        ]
    );
    let chars = TEXT.chars().count();
    assert!(out.contains(&format!("1 article, {chars} chars")), "{out}");
    assert!(out.contains("rejected ones left out"), "{out}");
    assert!(!out.contains("NaN"), "{out}");
}

#[test]
fn json_gives_the_same_figures_with_null_where_undefined() {
    let dir = two_editors();
    let out = stdout(&sayso(
        dir.path(),
        &["agree", "a.ann.ron", "b.ann.ron", "--format", "json"],
    ));
    let report: Value = serde_json::from_str(&out).expect("the output is JSON");
    let labels = report["labels"].as_array().expect("labels");
    let names: Vec<&str> = labels.iter().filter_map(|l| l["label"].as_str()).collect();
    assert_eq!(names, ["claim", "denial", "quote"]);
    let claim = &labels[0];
    assert_eq!(claim["a"], 1);
    assert_eq!(claim["b"], 2);
    assert_eq!(claim["exact"]["matched"], 0);
    assert_eq!(claim["overlap"]["matched"], 1);
    assert_eq!(claim["overlap"]["precision"], 0.5);
    let f1 = claim["overlap"]["f1"].as_f64().expect("a number");
    assert!((f1 - 2.0 / 3.0).abs() < 1e-12, "{f1}");
    let denial = &labels[1];
    assert!(denial["exact"]["precision"].is_null(), "{denial}");
    assert_eq!(denial["exact"]["recall"], 0.0);
    assert_eq!(denial["kappa"], 0.0);
    assert_eq!(labels[2]["kappa"], 1.0);
    // The char table of the quote: its chars in both, the rest in neither.
    let quote_chars = "東京 is near 👩\u{200d}👩\u{200d}👧.".chars().count() as u64;
    let total = TEXT.chars().count() as u64;
    assert_eq!(labels[2]["chars"]["both"], quote_chars);
    assert_eq!(labels[2]["chars"]["neither"], total - quote_chars);
    let overall = &report["overall"];
    assert!(overall.get("label").is_none());
    assert_eq!(overall["a"], 3);
    assert_eq!(overall["exact"]["matched"], 1);
    assert_eq!(report["chars"], total);
    assert_eq!(report["articles"][0]["file"], "story.txt");
    assert_eq!(report["only_in_a"], Value::Array(vec![]));
}

#[test]
fn a_file_against_itself_agrees_fully() {
    let dir = two_editors();
    let out = stdout(&sayso(dir.path(), &["agree", "a.ann.ron", "a.ann.ron"]));
    let overall = row(&out, "overall");
    assert_eq!(overall[4..7], ["1.000", "1.000", "1.000"]);
    assert_eq!(overall[11], "1.000");
}

#[test]
fn empty_sidecars_print_undefined_figures() {
    let dir = TempDir::new().expect("temp dir");
    write_sidecar(&dir.path().join("a.ann.ron"), TEXT, vec![]);
    write_sidecar(&dir.path().join("b.ann.ron"), TEXT, vec![]);
    let out = stdout(&sayso(dir.path(), &["agree", "a.ann.ron", "b.ann.ron"]));
    assert_eq!(
        row(&out, "overall"),
        [
            "overall", "0", "0", "0", "-", "-", "-", "0", "-", "-", "-", "-"
        ]
    );
    let json = stdout(&sayso(
        dir.path(),
        &["agree", "a.ann.ron", "b.ann.ron", "--format", "json"],
    ));
    let report: Value = serde_json::from_str(&json).expect("JSON");
    assert!(report["overall"]["kappa"].is_null());
    assert!(report["overall"]["overlap"]["f1"].is_null());
}

#[test]
fn sidecars_of_different_articles_are_refused() {
    let dir = two_editors();
    let other = TEXT.replace("near", "far");
    write_sidecar(
        &dir.path().join("other.ann.ron"),
        &other,
        vec![tagged(&other, 1, "quote", "東京", Status::Accepted)],
    );
    let line = one_line_error(&sayso(dir.path(), &["agree", "a.ann.ron", "other.ann.ron"]));
    assert!(
        line.contains("a.ann.ron") && line.contains("other.ann.ron"),
        "{line}"
    );
    assert!(line.contains("different article"), "{line}");
}

#[test]
fn a_missing_or_broken_sidecar_is_named() {
    let dir = two_editors();
    let line = one_line_error(&sayso(
        dir.path(),
        &["agree", "a.ann.ron", "missing.ann.ron"],
    ));
    assert!(line.contains("missing.ann.ron"), "{line}");

    let broken = fs::read_to_string(dir.path().join("b.ann.ron"))
        .expect("read")
        .replace("status: Pending", "status: Maybe");
    fs::write(dir.path().join("b.ann.ron"), broken).expect("write");
    let line = one_line_error(&sayso(dir.path(), &["agree", "a.ann.ron", "b.ann.ron"]));
    assert!(line.starts_with("sayso: b.ann.ron:"), "{line}");
    assert!(line.contains("Maybe"), "{line}");
}

#[test]
fn an_article_without_a_sidecar_is_refused_with_the_sidecar_to_give() {
    let dir = two_editors();
    fs::write(dir.path().join("story.txt"), TEXT).expect("write");
    let line = one_line_error(&sayso(dir.path(), &["agree", "story.txt", "b.ann.ron"]));
    assert!(line.contains("story.ann.ron does not exist"), "{line}");
    fs::create_dir(dir.path().join("d")).expect("mkdir");
    let line = one_line_error(&sayso(dir.path(), &["agree", "d", "b.ann.ron"]));
    assert!(line.contains("both directories"), "{line}");
}

#[test]
fn articles_are_compared_by_their_sidecars_as_list_and_export_take_them() {
    let dir = TempDir::new().expect("temp dir");
    for (editor, annotations) in [("ed", editor_a()), ("kim", editor_b())] {
        let folder = dir.path().join(editor);
        write_sidecar(&folder.join("story.ann.ron"), TEXT, annotations);
        fs::write(folder.join("story.txt"), TEXT).expect("write");
    }
    let by_sidecar = stdout(&sayso(
        dir.path(),
        &["agree", "ed/story.ann.ron", "kim/story.ann.ron"],
    ));
    let by_article = stdout(&sayso(
        dir.path(),
        &["agree", "ed/story.txt", "kim/story.txt"],
    ));
    // The header names what was given; the figures are the same.
    let figures = |out: &str| out.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert!(
        by_article.starts_with("A (reference): ed/story.txt"),
        "{by_article}"
    );
    assert_eq!(figures(&by_article), figures(&by_sidecar));
    assert!(by_article.contains("overall"), "{by_article}");
}

#[test]
fn agree_into_a_closed_pipe_is_quiet() {
    let dir = two_editors();
    for format in ["text", "json"] {
        // The reader is gone before sayso writes, as when `head` has had enough.
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sayso"))
            .current_dir(dir.path())
            .args(["agree", "a.ann.ron", "b.ann.ron", "--format", format])
            .stdout(writer)
            .output()
            .expect("sayso runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.is_empty(), "{format}: {stderr}");
        assert!(output.status.success(), "{format}: {:?}", output.status);
    }
}

#[test]
fn a_span_outside_the_article_is_refused() {
    let dir = two_editors();
    let chars = TEXT.chars().count();
    let sidecar = fs::read_to_string(dir.path().join("b.ann.ron")).expect("read");
    let (before, after) = sidecar.split_once("end: ").expect("a span");
    let rest = after.split_once(',').expect("a comma").1;
    let edited = format!("{before}end: {},{rest}", chars + 5);
    fs::write(dir.path().join("b.ann.ron"), edited).expect("write");
    let line = one_line_error(&sayso(dir.path(), &["agree", "a.ann.ron", "b.ann.ron"]));
    assert!(line.contains("b.ann.ron: annotation 7"), "{line}");
    assert!(line.contains(&format!("{chars} chars")), "{line}");
}

#[test]
fn directories_pair_by_relative_path_and_report_the_unpaired() {
    let dir = TempDir::new().expect("temp dir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    write_sidecar(&a.join("story.ann.ron"), TEXT, editor_a());
    write_sidecar(&b.join("story.ann.ron"), TEXT, editor_b());
    // A second article, agreed on fully.
    let second = "Another story, «quoted» here.";
    let quoted = || vec![tagged(second, 1, "quote", "quoted", Status::Accepted)];
    write_sidecar(&a.join("sub/second.ann.ron"), second, quoted());
    write_sidecar(&b.join("sub/second.ann.ron"), second, quoted());
    write_sidecar(&a.join("only-a.ann.ron"), second, quoted());
    write_sidecar(&b.join("sub/only-b.ann.ron"), second, quoted());
    fs::write(a.join("story.txt"), TEXT).expect("an article is not a sidecar");

    let out = stdout(&sayso(dir.path(), &["agree", "a", "b"]));
    let chars = TEXT.chars().count() + second.chars().count();
    assert!(out.contains(&format!("2 articles, {chars} chars")), "{out}");
    assert!(
        out.contains(&format!(
            "only in A, not compared: {}",
            Path::new("a").join("only-a.ann.ron").display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "only in B, not compared: {}",
            Path::new("b").join("sub/only-b.ann.ron").display()
        )),
        "{out}"
    );
    // The quotes of both articles matched: a = b = m = 2.
    assert_eq!(row(&out, "quote")[1..4], ["2", "2", "2"]);
    assert_eq!(row(&out, "overall")[1..4], ["4", "4", "2"]);

    let json = stdout(&sayso(dir.path(), &["agree", "a", "b", "--format", "json"]));
    let report: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(report["articles"].as_array().map(Vec::len), Some(2));
    assert_eq!(report["only_in_a"][0], "a/only-a.ann.ron");
    assert_eq!(report["only_in_b"][0], "b/sub/only-b.ann.ron");
    // The second article has no claim: its chars count as neither for it.
    let claim = &report["labels"][0];
    assert_eq!(claim["label"], "claim");
    let table = &claim["chars"];
    let counted: u64 = ["both", "only_a", "only_b", "neither"]
        .iter()
        .filter_map(|k| table[k].as_u64())
        .sum();
    assert_eq!(counted, chars as u64);
}

#[test]
fn directories_with_nothing_in_common_are_refused() {
    let dir = TempDir::new().expect("temp dir");
    write_sidecar(&dir.path().join("a/one.ann.ron"), TEXT, editor_a());
    write_sidecar(&dir.path().join("b/two.ann.ron"), TEXT, editor_b());
    let line = one_line_error(&sayso(dir.path(), &["agree", "a", "b"]));
    assert!(line.contains("no sidecar"), "{line}");
}

#[test]
fn bad_usage_of_agree_exits_2() {
    let dir = two_editors();
    for args in [
        &["agree", "a.ann.ron"][..],
        &["agree", "a.ann.ron", "b.ann.ron", "--format", "xml"][..],
    ] {
        let output = sayso(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "sayso {args:?}");
    }
}

/// A directory with the article `story.txt`, editor A's sidecar beside it
/// (`story.ann.ron`) and editor B's in `kim/story.ann.ron`.
fn article_and_two_editors() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join("story.txt"), TEXT).expect("write");
    write_sidecar(&dir.path().join("story.ann.ron"), TEXT, editor_a());
    write_sidecar(&dir.path().join("kim/story.ann.ron"), TEXT, editor_b());
    dir
}

/// `sayso story.txt --compare OTHER`, and with `--read-only` too: both must
/// fail with the same one line, which is given.
fn compare_refused(dir: &Path, other: &str) -> String {
    let line = one_line_error(&sayso(dir, &["story.txt", "--compare", other]));
    let read_only = one_line_error(&sayso(
        dir,
        &["story.txt", "--read-only", "--compare", other],
    ));
    assert_eq!(line, read_only);
    line
}

#[test]
fn compare_with_a_good_sidecar_gets_as_far_as_the_terminal() {
    let dir = article_and_two_editors();
    // Every file was read and checked: what is missing is the terminal.
    let line = one_line_error(&sayso(
        dir.path(),
        &["story.txt", "--compare", "kim/story.ann.ron"],
    ));
    assert!(line.contains("needs a terminal"), "{line}");
}

#[test]
fn compare_with_a_missing_file_or_a_directory_is_refused() {
    let dir = article_and_two_editors();
    let line = compare_refused(dir.path(), "kim/東京.ann.ron");
    assert!(line.contains("kim/東京.ann.ron does not exist"), "{line}");
    assert!(line.contains("sidecar of story.txt"), "{line}");
    let line = compare_refused(dir.path(), "kim");
    assert!(line.contains("kim is a directory"), "{line}");
}

#[test]
fn compare_with_a_file_that_does_not_parse_names_its_line() {
    let dir = article_and_two_editors();
    let path = dir.path().join("kim/story.ann.ron");
    let broken = fs::read_to_string(&path)
        .expect("read")
        .replace("status: Pending", "status: Maybe");
    fs::write(&path, broken).expect("write");
    let line = compare_refused(dir.path(), "kim/story.ann.ron");
    assert!(
        line.starts_with("sayso: cannot compare with kim/story.ann.ron: kim/story.ann.ron:"),
        "{line}"
    );
    assert!(line.contains("Maybe"), "{line}");
}

#[test]
fn compare_with_a_sidecar_of_another_article_text_is_refused() {
    let dir = article_and_two_editors();
    let other = TEXT.replace("near", "far");
    write_sidecar(
        &dir.path().join("kim/story.ann.ron"),
        &other,
        vec![tagged(&other, 1, "quote", "東京", Status::Accepted)],
    );
    let line = compare_refused(dir.path(), "kim/story.ann.ron");
    assert!(
        line.contains("kim/story.ann.ron was made on another text of story.txt"),
        "{line}"
    );
}

#[test]
fn compare_with_a_sidecar_whose_spans_do_not_fit_is_refused() {
    // The same article text, but a hand edit gave a span a text the
    // article does not have, so it cannot be placed again either.
    let dir = article_and_two_editors();
    let path = dir.path().join("kim/story.ann.ron");
    let sidecar = fs::read_to_string(&path).expect("read");
    let (before, after) = sidecar.split_once("text: \"").expect("a span");
    let (_, rest) = after.split_once("\"),").expect("the end of the text");
    fs::write(&path, format!("{before}text: \"nowhere\"),{rest}")).expect("write");
    let line = compare_refused(dir.path(), "kim/story.ann.ron");
    assert!(
        line.contains("kim/story.ann.ron has 1 annotation(s) whose text is not at their offsets in story.txt (the first is #7)"),
        "{line}"
    );
}
