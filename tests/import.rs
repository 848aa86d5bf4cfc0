//! `sayso import` as a user meets it: files written the way each tool writes
//! them, on an article where byte, UTF-16 and char offsets all differ; what
//! ends up in the sidecar, what is reported, and the exit codes.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use sayso_core::annotation::{Origin, Status};
use sayso_core::article::Article;
use sayso_core::store::{self, Sidecar};
use tempfile::TempDir;

use common::sayso_as;

/// Combining marks, a ZWJ family, a flag, CJK, right-to-left, CRLF; the file
/// starts with a BOM that offsets do not count.
const ARTICLE: &str = "Cafe\u{301} owner Zoë 👩\u{200d}👩\u{200d}👧 🇫🇷 met 习近平 and שלום.\r\n\r\nZoë said: “The naïve plan is dead.”\r\n\r\nThe ministry denied that any plan existed.\r\n";

const BOM: &str = "\u{feff}";

/// Runs `sayso` with `args` in `dir` as the annotator "importer".
fn sayso(dir: &Path, args: &[&str]) -> Output {
    sayso_as("importer", dir, args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn assert_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// A temporary directory holding `story.txt` (with a BOM).
fn workspace() -> TempDir {
    let dir = TempDir::new().expect("a temporary directory");
    fs::write(dir.path().join("story.txt"), format!("{BOM}{ARTICLE}")).expect("writes");
    dir
}

/// The sidecar of `story.txt`, read back through the library.
fn sidecar(dir: &Path) -> Option<Sidecar> {
    let bytes = fs::read(dir.join("story.txt")).expect("the article is there");
    let article = Article::from_bytes(bytes).expect("UTF-8");
    store::load(&article, &dir.join("story.ann.ron")).expect("the sidecar loads")
}

/// (label, span texts) of each annotation of the sidecar, in order.
fn annotations(dir: &Path) -> Vec<(String, Vec<String>)> {
    let Some(sidecar) = sidecar(dir) else {
        return Vec::new();
    };
    sidecar
        .annotations
        .iter()
        .map(|a| {
            let texts = a
                .spans
                .iter()
                .map(|s| ARTICLE[s.clone()].to_string())
                .collect();
            (a.label.clone(), texts)
        })
        .collect()
}

/// The char offsets of the first `needle`, as Python's `text.index`.
fn chars_of(needle: &str) -> (usize, usize) {
    let byte = ARTICLE.find(needle).expect("the needle is in the article");
    let start = ARTICLE[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The UTF-16 offsets of the first `needle`, as JavaScript's `indexOf`.
fn utf16_of(needle: &str) -> (usize, usize) {
    let byte = ARTICLE.find(needle).expect("the needle is in the article");
    let start = ARTICLE[..byte].encode_utf16().count();
    (start, start + needle.encode_utf16().count())
}

/// A JSON string literal.
fn json(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// A line of sayso's JSONL export for `needle`.
fn jsonl_line(id: u64, label: &str, needle: &str, other: Option<&str>) -> String {
    let (start, end) = chars_of(needle);
    let others = other.map_or_else(String::new, |o| {
        let (s, e) = chars_of(o);
        format!(r#"{{"start":{s},"end":{e},"text":{}}}"#, json(o))
    });
    format!(
        r#"{{"article":"story.txt","id":{id},"label":"{label}","start":{start},"end":{end},"text":{},"speaker":"Zoë","note":null,"status":"accepted","author":"ed","paragraph":1,"other_spans":[{others}]}}"#,
        json(needle)
    )
}

#[test]
fn jsonl_joined_annotations_keep_their_spans_speaker_and_author() {
    let dir = workspace();
    let file = [
        jsonl_line(3, "quote", "The naïve plan is dead.", Some("习近平")),
        jsonl_line(3, "quote", "习近平", Some("The naïve plan is dead.")),
        jsonl_line(4, "denial", "denied", None),
    ]
    .join("\n");
    fs::write(dir.path().join("export.jsonl"), file).expect("writes");
    let output = sayso(dir.path(), &["import", "export.jsonl", "--from", "jsonl"]);
    assert_code(&output, 0);
    assert_eq!(stdout(&output), "story.txt: 2 imported as pending\n");
    assert_eq!(
        annotations(dir.path()),
        [
            (
                "quote".to_string(),
                vec!["习近平".to_string(), "The naïve plan is dead.".to_string()]
            ),
            ("denial".to_string(), vec!["denied".to_string()]),
        ]
    );
    let loaded = sidecar(dir.path()).expect("a sidecar");
    for a in &loaded.annotations {
        assert_eq!(
            (a.status, a.origin, a.author.as_str(), a.speaker.as_deref()),
            (Status::Pending, Origin::Imported, "ed", Some("Zoë"))
        );
    }
}

#[test]
fn a_mismatched_span_is_reported_with_file_and_line_and_not_written() {
    let dir = workspace();
    let (start, end) = utf16_of("习近平");
    let bad = format!(
        r#"{{"article":"story.txt","label":"quote","start":{start},"end":{end},"text":"习近平"}}"#
    );
    let file = format!("{}\n\n{bad}\n", jsonl_line(1, "claim", "denied", None));
    fs::write(dir.path().join("model.jsonl"), file).expect("writes");
    let output = sayso(dir.path(), &["import", "model.jsonl", "--from", "jsonl"]);
    assert_code(&output, 1);
    let err = stderr(&output);
    let wrong: String = ARTICLE.chars().skip(start).take(end - start).collect();
    let first = err.lines().next().unwrap_or_default();
    assert!(first.starts_with("model.jsonl:3: "), "{err}");
    assert!(first.contains("\"习近平\""), "{err}");
    assert!(first.contains(&format!("{wrong:?}")), "{err}");
    assert!(
        err.lines().nth(1).is_some_and(|l| l.contains("1 of 2")),
        "{err}"
    );
    assert_eq!(
        annotations(dir.path()),
        [("claim".to_string(), vec!["denied".to_string()])]
    );
}

#[test]
fn existing_and_detached_annotations_are_kept_and_ids_not_reused() {
    let dir = workspace();
    let manual = jsonl_line(1, "quote", "The naïve plan is dead.", None);
    fs::write(dir.path().join("first.jsonl"), &manual).expect("writes");
    assert_code(
        &sayso(dir.path(), &["import", "first.jsonl", "--from", "jsonl"]),
        0,
    );
    // Make the annotation manual and accepted, and add a record that no longer
    // fits the article (detached) with a high id.
    let path = dir.path().join("story.ann.ron");
    let ron = fs::read_to_string(&path).expect("the sidecar is there");
    let ron = ron
        .replace("status: Pending", "status: Accepted")
        .replace("origin: Imported", "origin: Manual");
    let block_start = ron.find("        (\n").expect("a record");
    let block_end = ron.rfind("        ),\n").expect("a record") + "        ),\n".len();
    let kept = ron[block_start..block_end].to_string();
    let detached = kept
        .replace("id: 1,", "id: 41,")
        .replace("The naïve plan is dead.", "The naive plan is dead.");
    let ron = ron.replace(&kept, &format!("{kept}{detached}"));
    fs::write(&path, &ron).expect("writes");
    let before = sidecar(dir.path()).expect("loads");
    assert_eq!(before.detached.len(), 1);

    fs::write(
        dir.path().join("more.jsonl"),
        format!("{manual}\n{}", jsonl_line(2, "claim", "Zoë said", None)),
    )
    .expect("writes");
    let output = sayso(dir.path(), &["import", "more.jsonl", "--from", "jsonl"]);
    assert_code(&output, 0);
    assert!(stdout(&output).contains("1 imported as pending, 1 already there"));
    let after = fs::read_to_string(&path).expect("the sidecar is there");
    assert!(
        after.contains(&kept),
        "the manual annotation changed:\n{after}"
    );
    assert!(
        after.contains(&detached),
        "the detached record changed:\n{after}"
    );
    let loaded = sidecar(dir.path()).expect("loads");
    let ids: Vec<u64> = loaded.annotations.iter().map(|a| a.id).collect();
    assert_eq!(ids, [42, 1]);
}

#[test]
fn importing_twice_adds_nothing() {
    let dir = workspace();
    let (start, end) = utf16_of("שלום");
    let (s2, e2) = utf16_of("Zoë said");
    let line = format!(
        r#"{{"text": {}, "label": [[{start}, {end}, "LOC"], [{s2}, {e2}, "PER"]]}}"#,
        json(ARTICLE)
    );
    fs::write(dir.path().join("doccano.jsonl"), line).expect("writes");
    let args = [
        "import",
        "doccano.jsonl",
        "--from",
        "doccano",
        "--article",
        "story.txt",
    ];
    assert_code(&sayso(dir.path(), &args), 0);
    let first = fs::read(dir.path().join("story.ann.ron")).expect("a sidecar");
    let output = sayso(dir.path(), &args);
    assert_code(&output, 0);
    assert_eq!(
        stdout(&output),
        "story.txt: 0 imported as pending, 2 already there\n"
    );
    let second = fs::read(dir.path().join("story.ann.ron")).expect("a sidecar");
    assert_eq!(first, second, "the second import rewrote the sidecar");
}

#[test]
fn labels_are_mapped_comma_separated_or_repeated() {
    let dir = workspace();
    let file = [
        jsonl_line(1, "PER", "Zoë said", None),
        jsonl_line(2, "ORG", "ministry", None),
        jsonl_line(3, "NEG", "denied", None),
        jsonl_line(4, "MISC", "习近平", None),
    ]
    .join("\n");
    fs::write(dir.path().join("ner.jsonl"), file).expect("writes");
    let output = sayso(
        dir.path(),
        &[
            "import",
            "ner.jsonl",
            "--from",
            "jsonl",
            "--map",
            "PER=quote,ORG=claim",
            "--map",
            "NEG=denial",
        ],
    );
    assert_code(&output, 0);
    let labels: Vec<String> = annotations(dir.path()).into_iter().map(|a| a.0).collect();
    assert_eq!(labels, ["MISC", "quote", "claim", "denial"]);
}

#[test]
fn a_broken_file_is_one_sentence_and_writes_nothing() {
    let dir = workspace();
    let good = jsonl_line(1, "claim", "denied", None);
    fs::write(
        dir.path().join("broken.jsonl"),
        format!("{good}\n{{\"label\": \"quote\", \"start\": 3,\n"),
    )
    .expect("writes");
    let output = sayso(dir.path(), &["import", "broken.jsonl", "--from", "jsonl"]);
    assert_code(&output, 1);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("broken.jsonl:2:"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!dir.path().join("story.ann.ron").exists());

    fs::write(
        dir.path().join("tasks.json"),
        "[{\"data\": {\"text\": \"x\"}},\n  {\"data\"",
    )
    .expect("writes");
    let output = sayso(
        dir.path(),
        &[
            "import",
            "tasks.json",
            "--from",
            "label-studio",
            "--article",
            "story.txt",
        ],
    );
    assert_code(&output, 1);
    assert!(
        stderr(&output).contains("tasks.json:2:"),
        "{}",
        stderr(&output)
    );

    let output = sayso(dir.path(), &["import", "missing.ann", "--from", "brat"]);
    assert_code(&output, 1);
    assert!(
        stderr(&output).contains("missing.ann"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_usage_exits_2() {
    let dir = workspace();
    fs::write(dir.path().join("a.jsonl"), "").expect("writes");
    for args in [
        &["import", "a.jsonl"][..],
        &["import", "a.jsonl", "--from", "conll"],
        &["import", "a.jsonl", "--from", "jsonl", "--map", "PER"],
        &["import", "a.jsonl", "--from", "jsonl", "--map", "=quote"],
        &["import", "a.jsonl", "--from", "jsonl", "--offsets", "bytes"],
        &["import", "--from", "jsonl"],
    ] {
        let output = sayso(dir.path(), args);
        assert_code(&output, 2);
        assert!(!stderr(&output).is_empty(), "sayso {args:?} said nothing");
    }
}

#[test]
fn a_file_that_names_no_article_asks_for_one() {
    let dir = workspace();
    let (start, end) = utf16_of("שלום");
    let line = format!(
        r#"{{"text": {}, "label": [[{start}, {end}, "LOC"]]}}"#,
        json(ARTICLE)
    );
    fs::write(dir.path().join("doccano.jsonl"), &line).expect("writes");
    let output = sayso(
        dir.path(),
        &["import", "doccano.jsonl", "--from", "doccano"],
    );
    assert_code(&output, 1);
    let err = stderr(&output);
    assert!(err.starts_with("doccano.jsonl:1: "), "{err}");
    assert!(err.contains("--article"), "{err}");
    assert!(!dir.path().join("story.ann.ron").exists());
}

#[test]
fn doccano_offsets_are_utf16_unless_sayso_wrote_the_file() {
    let dir = workspace();
    let (s1, e1) = utf16_of("The naïve plan is dead.");
    let (s2, e2) = utf16_of("ministry");
    let doccano = format!(
        r#"{{"id": 12, "text": {}, "entities": [{{"id": 1, "label": "quote", "start_offset": {s1}, "end_offset": {e1}}}], "relations": []}}"#,
        json(ARTICLE)
    );
    let (s3, e3) = chars_of("ministry");
    let from_sayso = format!(
        r#"{{"article": "story.txt", "text": {}, "label": [[{s3}, {e3}, "claim"]]}}"#,
        json(ARTICLE)
    );
    fs::write(dir.path().join("doccano.jsonl"), format!("{doccano}\n")).expect("writes");
    fs::write(dir.path().join("sayso.jsonl"), format!("{from_sayso}\n")).expect("writes");
    let with_article = ["--article", "story.txt"];
    let output = sayso(
        dir.path(),
        &[
            &["import", "doccano.jsonl", "--from", "doccano"][..],
            &with_article,
        ]
        .concat(),
    );
    assert_code(&output, 0);
    let output = sayso(dir.path(), &["import", "sayso.jsonl", "--from", "doccano"]);
    assert_code(&output, 0);
    assert_ne!((s2, e2), (s3, e3));
    // Read as UTF-16, the chars offsets of "ministry" fall five units early
    // (the family and the flags count two each), inside a CRLF: refused.
    let forced = sayso(
        dir.path(),
        &[
            "import",
            "sayso.jsonl",
            "--from",
            "doccano",
            "--offsets",
            "utf16",
        ],
    );
    assert_code(&forced, 1);
    assert!(
        stderr(&forced).contains("starts inside \"\\r\\n\""),
        "{}",
        stderr(&forced)
    );
    let found: Vec<Vec<String>> = annotations(dir.path()).into_iter().map(|a| a.1).collect();
    assert_eq!(
        found,
        [
            vec!["The naïve plan is dead.".to_string()],
            vec!["ministry".to_string()]
        ]
    );
}

#[test]
fn a_sayso_export_edited_in_doccano_imports_each_span_where_it_was_drawn() {
    let dir = workspace();
    // sayso exported the claim (chars); in doccano 1.8 an editor drew
    // "she said" over it: the browser counts UTF-16 code units, and the
    // export keeps sayso's `article` key beside doccano's own.
    let (s1, e1) = chars_of("ministry denied");
    let (s2, e2) = utf16_of("Zoë said");
    let line = format!(
        r#"{{"id": 3, "text": {}, "Comments": [], "article": "story.txt", "label": [[{s1}, {e1}, "claim"], [{s2}, {e2}, "source"]]}}"#,
        json(ARTICLE)
    );
    fs::write(dir.path().join("admin.jsonl"), format!("{line}\n")).expect("writes");
    let output = sayso(dir.path(), &["import", "admin.jsonl", "--from", "doccano"]);
    assert_code(&output, 0);
    let found: Vec<(String, Vec<String>)> = annotations(dir.path());
    assert_eq!(
        found,
        [
            ("source".to_string(), vec!["Zoë said".to_string()]),
            ("claim".to_string(), vec!["ministry denied".to_string()]),
        ]
    );
}

#[test]
fn a_doccano_span_that_reads_well_two_ways_is_refused_and_the_rest_imported() {
    let dir = TempDir::new().expect("temp dir");
    let text = "😀😀😀 ab cd ef, said Zoë.\n";
    fs::write(dir.path().join("story.txt"), text).expect("writes");
    let chars = |needle: &str| {
        let byte = text.find(needle).unwrap_or_default();
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let (s1, e1) = chars("cd");
    let (s2, e2) = chars("said Zoë");
    let line = format!(
        r#"{{"text": {}, "article": "story.txt", "label": [[{s1}, {e1}, "quote"], [{s2}, {e2}, "claim"]]}}"#,
        json(text)
    );
    fs::write(dir.path().join("x.jsonl"), format!("{line}\n")).expect("writes");
    let output = sayso(dir.path(), &["import", "x.jsonl", "--from", "doccano"]);
    assert_code(&output, 1);
    let err = stderr(&output);
    assert!(err.contains("x.jsonl:1: "), "{err}");
    assert!(err.contains("--offsets chars or --offsets utf16"), "{err}");
    let output = sayso(
        dir.path(),
        &[
            "import",
            "x.jsonl",
            "--from",
            "doccano",
            "--offsets",
            "chars",
        ],
    );
    assert_code(&output, 0);
    let written = fs::read_to_string(dir.path().join("story.ann.ron")).expect("a sidecar");
    assert!(written.contains(r#"text: "cd")"#), "{written}");
    assert!(written.contains(r#"text: "said Zoë")"#), "{written}");
}

#[test]
fn brat_reads_the_txt_beside_it_counts_its_bom_and_skips_relations() {
    let dir = workspace();
    // brat (Python) reads the BOM as a char: its offsets are one more.
    let (s1, e1) = chars_of("Zoë said");
    let (s2, e2) = chars_of("The naïve plan");
    let (s3, e3) = chars_of("is dead.");
    let ann = format!(
        "T1\tPER {} {}\tZoë said\nT2\tquote {} {};{} {}\tThe naïve plan is dead.\n#1\tAnnotatorNotes T2\tspeaker: Zoë\nR1\tsays Arg1:T1 Arg2:T2\nA1\tStatus T2 Accepted\nA2\tNegated T2\n",
        s1 + 1,
        e1 + 1,
        s2 + 1,
        e2 + 1,
        s3 + 1,
        e3 + 1
    );
    fs::write(dir.path().join("story.ann"), ann).expect("writes");
    let output = sayso(dir.path(), &["import", "story.ann", "--from", "brat"]);
    assert_code(&output, 0);
    let err = stderr(&output);
    assert!(err.starts_with("story.ann:4: relation R1 skipped"), "{err}");
    // sayso's own status attribute is no loss; another is named.
    assert!(!err.contains("A1"), "{err}");
    assert!(
        err.contains("story.ann:6: attribute A2 (Negated T2) skipped"),
        "{err}"
    );
    assert_eq!(
        annotations(dir.path()),
        [
            ("PER".to_string(), vec!["Zoë said".to_string()]),
            (
                "quote".to_string(),
                vec!["The naïve plan".to_string(), "is dead.".to_string()]
            ),
        ]
    );
    let loaded = sidecar(dir.path()).expect("loads");
    assert_eq!(loaded.annotations[1].speaker.as_deref(), Some("Zoë"));
}

#[test]
fn a_brat_text_span_over_a_line_break_is_refused_alone_with_its_line() {
    // As in PolNeAR's files: T2's text runs over a line break of the .txt,
    // and so over two lines of the .ann.
    let dir = TempDir::new().expect("temp dir");
    let text = "Zoë said: \"The plan\nis dead.\" The ministry denied it.\n";
    fs::write(dir.path().join("story.txt"), text).expect("writes");
    let chars = |needle: &str| {
        let byte = text.find(needle).unwrap_or_default();
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let (s1, e1) = chars("Zoë");
    let (s2, e2) = chars("The plan\nis dead.");
    let (s3, e3) = chars("The ministry denied it.");
    let ann = format!(
        "T1\tsource {s1} {e1}\tZoë\nT2\tquote {s2} {e2}\tThe plan\nis dead.\nT3\tdenial {s3} {e3}\tThe ministry denied it.\nA1\tNegated T3\n"
    );
    fs::write(dir.path().join("story.ann"), ann).expect("writes");
    let output = sayso(dir.path(), &["import", "story.ann", "--from", "brat"]);
    assert_code(&output, 1);
    let err = stderr(&output);
    assert!(
        err.contains("story.ann:2: its text runs over a line break (on to line 3)"),
        "{err}"
    );
    assert!(
        err.contains("story.ann:5: attribute A1 (Negated T3) skipped"),
        "{err}"
    );
    assert!(err.contains("1 of 3 annotations"), "{err}");
    assert!(err.contains("the rest are in the sidecar"), "{err}");
    let written = fs::read_to_string(dir.path().join("story.ann.ron")).expect("a sidecar");
    assert!(written.contains(r#"text: "Zoë")"#), "{written}");
    assert!(
        written.contains(r#"text: "The ministry denied it.")"#),
        "{written}"
    );
    assert!(!written.contains(r#"label: "quote""#), "{written}");
}

#[test]
fn when_nothing_is_imported_sayso_does_not_say_some_was() {
    let dir = workspace();
    let line = format!(
        r#"{{"text": {}, "label": [[0, 4, "X"]]}}"#,
        json("Other text.")
    );
    fs::write(dir.path().join("d.jsonl"), format!("{line}\n")).expect("writes");
    let output = sayso(dir.path(), &["import", "d.jsonl", "--from", "doccano"]);
    assert_code(&output, 1);
    let err = stderr(&output);
    assert!(
        err.contains("nothing of d.jsonl could be imported"),
        "{err}"
    );
    assert!(!err.contains("some of"), "{err}");
    // Every span refused: "the rest are in the sidecar" would be false.
    let (s, _) = chars_of("ministry");
    let line = format!(
        r#"{{"text": {}, "article": "story.txt", "label": [[{s}, {}, "claim"]]}}"#,
        json(ARTICLE),
        ARTICLE.chars().count() + 5
    );
    fs::write(dir.path().join("e.jsonl"), format!("{line}\n")).expect("writes");
    let output = sayso(dir.path(), &["import", "e.jsonl", "--from", "doccano"]);
    assert_code(&output, 1);
    let err = stderr(&output);
    assert!(err.contains("1 of 1 annotations"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
}

#[test]
fn with_no_annotator_name_import_says_so_once() {
    let dir = workspace();
    let (s, e) = chars_of("ministry");
    let line = format!(
        r#"{{"text": {}, "article": "story.txt", "label": [[{s}, {e}, "claim"]]}}"#,
        json(ARTICLE)
    );
    fs::write(dir.path().join("d.jsonl"), format!("{line}\n")).expect("writes");
    let output = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("sayso"))
        .current_dir(dir.path())
        .env_remove("SAYSO_ANNOTATOR")
        .env_remove("USER")
        .args(["import", "d.jsonl", "--from", "doccano"])
        .output()
        .expect("sayso runs");
    assert_code(&output, 0);
    let err = stderr(&output);
    assert_eq!(err.matches("no annotator name").count(), 1, "{err}");
    assert_eq!(
        sidecar(dir.path()).expect("written").annotations[0].author,
        "unknown"
    );
}

#[test]
fn label_studio_s_own_export_with_prediction_ids_imports_its_annotations() {
    let dir = workspace();
    let (s, e) = chars_of("The naïve plan is dead.");
    // The shape of a task in Label Studio 1.23's JSON export: predictions
    // are named by their ids.
    let tasks = format!(
        r#"[
  {{
    "id": 41,
    "annotations": [
      {{
        "id": 17,
        "completed_by": 1,
        "result": [
          {{"value": {{"start": {s}, "end": {e}, "text": "The naïve plan is dead.", "labels": ["quote"]}},
            "id": "Xq3", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"}}
        ],
        "was_cancelled": false, "ground_truth": false, "lead_time": 12.5,
        "prediction": {{}}, "result_count": 1, "task": 41, "project": 3
      }}
    ],
    "file_upload": "a1b2c3-tasks.json",
    "drafts": [],
    "predictions": [1],
    "data": {{"text": {}, "article": "story.txt"}},
    "meta": {{}},
    "created_at": "2026-11-24T05:40:00.000000Z",
    "inner_id": 1,
    "total_annotations": 1,
    "total_predictions": 1
  }}
]"#,
        json(ARTICLE)
    );
    fs::write(dir.path().join("project-3.json"), tasks).expect("writes");
    let output = sayso(
        dir.path(),
        &["import", "project-3.json", "--from", "label-studio"],
    );
    assert_code(&output, 0);
    let err = stderr(&output);
    assert!(
        err.contains("project-3.json:18: prediction 1 (an id, without its regions) skipped"),
        "{err}"
    );
    assert_eq!(
        annotations(dir.path()),
        [(
            "quote".to_string(),
            vec!["The naïve plan is dead.".to_string()]
        )]
    );
}

#[test]
fn label_studio_offsets_are_code_points_and_old_utf16_ones_are_recognised() {
    let dir = workspace();
    let (s1, e1) = chars_of("习近平");
    let (s2, e2) = utf16_of("שלום");
    let (s3, e3) = chars_of("ministry");
    let tasks = format!(
        r#"[
  {{
    "id": 1,
    "data": {{"text": {text}}},
    "annotations": [{{"result": [
      {{"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {{"start": {s1}, "end": {e1}, "text": "习近平", "labels": ["PER"]}}}},
      {{"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {{"start": {s2}, "end": {e2}, "text": "שלום", "labels": ["LOC"]}}}},
      {{"id": "c", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {{"start": {s3}, "end": {e3}, "text": "ministries", "labels": ["ORG"]}}}}
    ]}}],
    "predictions": []
  }}
]"#,
        text = json(ARTICLE)
    );
    fs::write(dir.path().join("tasks.json"), tasks).expect("writes");
    let output = sayso(
        dir.path(),
        &[
            "import",
            "tasks.json",
            "--from",
            "label-studio",
            "--article",
            "story.txt",
        ],
    );
    assert_code(&output, 1);
    let err = stderr(&output);
    assert!(err.starts_with("tasks.json:10: "), "{err}");
    assert!(err.contains("\"ministries\""), "{err}");
    let labels: Vec<(String, Vec<String>)> = annotations(dir.path());
    assert_eq!(
        labels,
        [
            ("PER".to_string(), vec!["习近平".to_string()]),
            ("LOC".to_string(), vec!["שלום".to_string()]),
        ]
    );
}
