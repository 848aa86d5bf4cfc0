//! The command line as a user meets it: exit codes, one-sentence errors on
//! stderr, and `sayso list` tables read from hand-written sidecars.

mod common;

use std::fs;
use std::path::Path;

use tempfile::TempDir;

use common::{one_line_error, sayso};

/// The text of chars `start..end` of `text`, as Python's `text[start:end]`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The char offset of the first `needle` in `text`, as Python's `text.index`.
fn char_index(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("the needle is in the text");
    text[..byte].chars().count()
}

/// One annotation to write into a hand-made sidecar.
struct Entry<'a> {
    id: u64,
    label: &'a str,
    start: usize,
    end: usize,
    /// The recorded span text; `None` takes it from the article.
    text: Option<&'a str>,
    speaker: Option<&'a str>,
    status: &'a str,
    origin: &'a str,
}

impl<'a> Entry<'a> {
    /// An accepted manual annotation of the first `needle` in `text`.
    fn of(id: u64, label: &'a str, text: &str, needle: &str) -> Entry<'a> {
        let start = char_index(text, needle);
        Entry {
            id,
            label,
            start,
            end: start + needle.chars().count(),
            text: None,
            speaker: None,
            status: "Accepted",
            origin: "Manual",
        }
    }
}

/// A RON string literal, escaped as the sidecar format escapes strings.
fn ron_str(s: &str) -> String {
    ron::to_string(s).expect("a string serialises")
}

/// A sidecar in the exact shape the README's "The file format" shows, for `article` (its text)
/// named `file`, recording `hashed` as the text it was made against.
fn sidecar(file: &str, article: &str, hashed: &str, entries: &[Entry]) -> String {
    let mut out = format!(
        "(\n    format: 1,\n    source: (\n        file: {},\n        chars: {},\n        blake3: \"{}\",\n    ),\n    annotations: [\n",
        ron_str(file),
        hashed.chars().count(),
        blake3::hash(hashed.as_bytes()).to_hex(),
    );
    let total = article.chars().count();
    for e in entries {
        let text = e
            .text
            .map_or_else(|| chars(article, e.start, e.end), str::to_string);
        let prefix = chars(article, e.start.saturating_sub(32), e.start.min(total));
        let suffix = chars(article, e.end.min(total), (e.end + 32).min(total));
        let speaker = e
            .speaker
            .map_or_else(|| "None".to_string(), |s| format!("Some({})", ron_str(s)));
        out.push_str(&format!(
            "        (\n            id: {},\n            label: {},\n            spans: [\n                (start: {}, end: {}, text: {}),\n            ],\n            prefix: {},\n            suffix: {},\n            speaker: {speaker},\n            note: None,\n            status: {},\n            origin: {},\n            author: \"ed\",\n            created: \"2026-11-24T05:40:00Z\",\n            modified: \"2026-11-24T05:40:00Z\",\n        ),\n",
            e.id,
            ron_str(e.label),
            e.start,
            e.end,
            ron_str(&text),
            ron_str(&prefix),
            ron_str(&suffix),
            e.status,
            e.origin,
        ));
    }
    out.push_str("    ],\n)\n");
    out
}

/// An article with combining marks, an emoji ZWJ sequence, a flag, CJK and
/// right-to-left text before the annotated spans, so byte and char offsets
/// differ.
const UNICODE_ARTICLE: &str = "Cafe\u{301} owner Zoë 👩‍👩‍👧 🇫🇷 met 习近平 and שלום.\n\nZoë said: “The naïve plan is dead.”\n\nThe ministry denied that any plan existed.\n";

#[test]
fn help_describes_the_commands() {
    let dir = TempDir::new().unwrap();
    let output = sayso(dir.path(), &["--help"]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    for expected in ["Usage", "--read-only", "--annotator", "list"] {
        assert!(
            stdout.contains(expected),
            "help lacks {expected}:\n{stdout}"
        );
    }
    assert!(output.stderr.is_empty());
}

#[test]
fn bad_usage_exits_2() {
    let dir = TempDir::new().unwrap();
    for args in [
        &["--no-such-flag", "x.txt"][..],
        &[][..],
        &["list"][..],
        &["x.txt", "--sidecars"][..],
    ] {
        let output = sayso(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "sayso {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!output.stderr.is_empty(), "sayso {args:?} said nothing");
    }
}

#[test]
fn a_missing_article_is_named() {
    let dir = TempDir::new().unwrap();
    let line = one_line_error(&sayso(dir.path(), &["missing.txt"]));
    assert!(line.contains("missing.txt"), "{line}");
    let line = one_line_error(&sayso(dir.path(), &["list", "missing.txt"]));
    assert!(line.contains("missing.txt"), "{line}");
}

#[test]
fn a_folder_without_articles_is_one_sentence() {
    let dir = TempDir::new().unwrap();
    fs::create_dir_all(dir.path().join("news/.git")).unwrap();
    // Nothing here is an article: brat's files, an export, a hidden one.
    for name in ["story.ann", "spans.jsonl", "tasks.json", ".git/x.txt"] {
        fs::write(dir.path().join("news").join(name), "x").unwrap();
    }
    for args in [&["news"][..], &["list", "news"], &["stats", "news"]] {
        let line = one_line_error(&sayso(dir.path(), args));
        assert!(line.contains("no articles"), "sayso {args:?}: {line}");
    }
    let line = one_line_error(&sayso(dir.path(), &["news"]));
    assert!(line.contains("news"), "{line}");
}

#[test]
fn non_utf8_names_the_byte_offset_in_the_file() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("latin1.txt"), b"abc\xff def").unwrap();
    let line = one_line_error(&sayso(dir.path(), &["latin1.txt"]));
    assert!(line.contains("latin1.txt"), "{line}");
    assert!(line.contains("UTF-8"), "{line}");
    assert!(line.contains("offset 3"), "{line}");

    // The BOM is not part of the text, but the offset is still one of the file.
    fs::write(dir.path().join("bom.txt"), b"\xEF\xBB\xBFabc\xff def").unwrap();
    let line = one_line_error(&sayso(dir.path(), &["bom.txt"]));
    assert!(line.contains("offset 6"), "{line}");

    // A bad byte after multi-byte chars: the offset counts bytes of the file.
    let mut bytes = "é😀".as_bytes().to_vec();
    bytes.push(0xC3);
    fs::write(dir.path().join("cut.txt"), &bytes).unwrap();
    let line = one_line_error(&sayso(dir.path(), &["cut.txt"]));
    assert!(line.contains("offset 6"), "{line}");
}

/// The `line:column` after `file:` in `message`.
fn line_and_column(message: &str, file: &str) -> (usize, usize) {
    let at = message
        .find(&format!("{file}:"))
        .unwrap_or_else(|| panic!("{message:?} does not name {file}:line:column"));
    let mut numbers = message[at + file.len() + 1..]
        .split(|c: char| !c.is_ascii_digit())
        .map(|n| n.parse::<usize>());
    match (numbers.next(), numbers.next()) {
        (Some(Ok(line)), Some(Ok(column))) => (line, column),
        _ => panic!("{message:?} does not name {file}:line:column"),
    }
}

#[test]
fn a_sidecar_that_does_not_parse_is_reported_and_left_alone() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("x.txt"), UNICODE_ARTICLE).unwrap();
    let broken = "(\n    format: 1,\n    source: (file: \"x.txt\", chars: 3, blake3: oops),\n    annotations: [],\n)\n";
    let sidecar = dir.path().join("x.ann.ron");
    fs::write(&sidecar, broken).unwrap();

    for args in [
        &["x.txt"][..],
        &["--read-only", "x.txt"],
        &["list", "x.txt"],
    ] {
        let line = one_line_error(&sayso(dir.path(), args));
        let (row, column) = line_and_column(&line, "x.ann.ron");
        assert_eq!(row, 3, "sayso {args:?}: {line}");
        assert!(column > 0, "sayso {args:?}: {line}");
        assert_eq!(
            fs::read(&sidecar).unwrap(),
            broken.as_bytes(),
            "sayso {args:?} touched the broken sidecar"
        );
    }
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "files appeared beside the sidecar: {names:?}"
    );
}

#[test]
fn an_article_whose_sidecar_cannot_be_written_suggests_read_only() {
    // Permissions do not stop root, and tests may run as root; /proc refuses
    // new files to everyone, and /proc/version is a readable text file.
    let dir = TempDir::new().unwrap();
    let line = one_line_error(&sayso(dir.path(), &["/proc/version"]));
    assert!(line.contains("--read-only"), "{line}");
    assert!(line.contains("/proc"), "{line}");
}

#[test]
fn a_sidecar_path_taken_by_a_directory_is_an_error() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("x.txt"), UNICODE_ARTICLE).unwrap();
    fs::create_dir(dir.path().join("x.ann.ron")).unwrap();
    let line = one_line_error(&sayso(dir.path(), &["x.txt"]));
    assert!(line.contains("x.ann.ron"), "{line}");
    assert_eq!(line.matches("os error").count(), 1, "said twice: {line}");
    assert!(
        fs::read_dir(dir.path().join("x.ann.ron"))
            .unwrap()
            .next()
            .is_none()
    );
}

#[test]
fn the_annotator_needs_a_terminal() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("x.txt"), UNICODE_ARTICLE).unwrap();
    let line = one_line_error(&sayso(dir.path(), &["x.txt"]));
    assert!(line.contains("needs a terminal"), "{line}");
    assert!(
        !dir.path().join("x.ann.ron").exists(),
        "opening without a change created the sidecar"
    );
}

/// The stdout of a successful `sayso list` with nothing on stderr.
fn list(dir: &Path, args: &[&str]) -> String {
    let output = sayso(dir, &[&["list"], args].concat());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "sayso list {args:?}: {stderr}");
    assert!(
        stderr.is_empty(),
        "sayso list {args:?} wrote to stderr: {stderr}"
    );
    String::from_utf8(output.stdout).expect("the table is UTF-8")
}

/// The table row whose first cell is `id`.
fn row<'a>(table: &'a str, id: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in\n{table}"))
}

#[test]
fn list_prints_a_table_of_the_annotations() {
    let dir = TempDir::new().unwrap();
    let text = UNICODE_ARTICLE;
    fs::write(dir.path().join("x.txt"), text).unwrap();
    let quote = Entry {
        speaker: Some("Zoë"),
        ..Entry::of(7, "quote", text, "The naïve plan is dead.")
    };
    let denial = Entry {
        status: "Pending",
        origin: "Suggested",
        ..Entry::of(
            3,
            "denial",
            text,
            "The ministry denied that any plan existed.",
        )
    };
    fs::write(
        dir.path().join("x.ann.ron"),
        sidecar("x.txt", text, text, &[quote, denial]),
    )
    .unwrap();

    let table = list(dir.path(), &["x.txt"]);
    let header = table
        .lines()
        .find(|l| l.contains("label"))
        .unwrap_or_else(|| panic!("no header in\n{table}"));
    for column in ["id", "label", "status", "speaker", "text"] {
        assert!(header.contains(column), "header lacks {column}: {header}");
    }
    let quote = row(&table, "7");
    let cells: Vec<&str> = quote.split_whitespace().collect();
    assert_eq!(
        cells[..5],
        ["7", "quote", "Accepted", "Zoë", "2"],
        "{quote}"
    );
    assert!(quote.ends_with("The naïve plan is dead."), "{quote}");
    let denial = row(&table, "3");
    let cells: Vec<&str> = denial.split_whitespace().collect();
    assert_eq!(cells[..4], ["3", "denial", "Pending", "3"], "{denial}");
    assert!(
        denial.ends_with("The ministry denied that any plan existed."),
        "{denial}"
    );
    // Rows come in article order, and the text column lines up.
    assert!(table.find(denial).unwrap() > table.find(quote).unwrap());
    let text_column = |line: &str, text: &str| line[..line.find(text).unwrap()].chars().count();
    assert_eq!(
        text_column(quote, "The naïve"),
        text_column(header, "text"),
        "\n{table}"
    );
    assert_eq!(
        text_column(denial, "The ministry"),
        text_column(header, "text"),
        "\n{table}"
    );
}

#[test]
fn list_of_a_directory_finds_the_sidecars_below() {
    let dir = TempDir::new().unwrap();
    let text = UNICODE_ARTICLE;
    fs::create_dir_all(dir.path().join("desk/politics")).unwrap();
    for (name, id) in [("desk/a.txt", 1), ("desk/politics/b.txt", 2)] {
        fs::write(dir.path().join(name), text).unwrap();
        let file = Path::new(name).file_name().unwrap().to_str().unwrap();
        fs::write(
            dir.path().join(name.replace(".txt", ".ann.ron")),
            sidecar(
                file,
                text,
                text,
                &[Entry::of(id, "claim", text, "The naïve plan")],
            ),
        )
        .unwrap();
    }
    fs::write(dir.path().join("desk/unannotated.txt"), text).unwrap();

    let table = list(dir.path(), &["desk"]);
    let a = table.find("a.txt").unwrap_or_else(|| panic!("{table}"));
    let b = table.find("b.txt").unwrap_or_else(|| panic!("{table}"));
    assert!(a < b, "articles are not in path order:\n{table}");
    assert!(
        table.contains("desk/unannotated.txt · 3 paragraphs · no annotations\n"),
        "{table}"
    );
    assert!(
        !table.contains(".ann.ron"),
        "a sidecar listed as an article:\n{table}"
    );
    assert!(row(&table, "1").contains("The naïve plan"), "{table}");
    assert!(row(&table, "2").contains("The naïve plan"), "{table}");
}

#[test]
fn list_shows_detached_annotations() {
    let dir = TempDir::new().unwrap();
    let before = UNICODE_ARTICLE;
    // An editor rewrote the quote after it was annotated.
    let after = before.replace("naïve plan is dead", "plan is alive");
    fs::write(dir.path().join("x.txt"), &after).unwrap();
    let moved = Entry {
        text: Some("The naïve plan is dead."),
        ..Entry::of(1, "quote", before, "The naïve plan is dead.")
    };
    // Still matches: before the edit, so at the same offsets.
    let kept = Entry::of(2, "claim", &after, "Zoë 👩‍👩‍👧");
    fs::write(
        dir.path().join("x.ann.ron"),
        sidecar("x.txt", &after, before, &[kept, moved]),
    )
    .unwrap();

    let table = list(dir.path(), &["x.txt"]);
    let detached = row(&table, "1");
    assert!(detached.contains("detached"), "{table}");
    assert!(detached.contains("The naïve plan is dead."), "{table}");
    let kept = row(&table, "2");
    assert!(kept.contains("Accepted"), "{table}");
    assert!(kept.contains("Zoë 👩‍👩‍👧"), "{table}");
}

#[test]
fn list_columns_line_up_with_wide_characters() {
    let dir = TempDir::new().unwrap();
    let text = UNICODE_ARTICLE;
    fs::write(dir.path().join("x.txt"), text).unwrap();
    let wide = Entry {
        speaker: Some("习近平"),
        ..Entry::of(1, "quote", text, "The naïve plan is dead.")
    };
    let narrow = Entry {
        speaker: Some("Zoe"),
        ..Entry::of(2, "claim", text, "The ministry denied")
    };
    fs::write(
        dir.path().join("x.ann.ron"),
        sidecar("x.txt", text, text, &[wide, narrow]),
    )
    .unwrap();
    let table = list(dir.path(), &["x.txt"]);
    // Terminal columns, not chars: CJK takes two cells.
    let columns =
        |line: &str, at: &str| ratatui::text::Line::from(&line[..line.find(at).unwrap()]).width();
    assert_eq!(
        columns(row(&table, "1"), "The naïve"),
        columns(row(&table, "2"), "The ministry"),
        "the text column does not line up:\n{table}"
    );
}

#[test]
fn the_sample_sidecar_matches_its_article() {
    let dir = TempDir::new().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations");
    for name in ["huawei-leak.txt", "huawei-leak.ann.ron"] {
        fs::copy(samples.join(name), dir.path().join(name)).unwrap();
    }
    let sidecar = fs::read_to_string(dir.path().join("huawei-leak.ann.ron")).unwrap();
    let recorded = sidecar.matches("\n            id: ").count();
    let table = list(dir.path(), &["huawei-leak.txt"]);
    assert!(!table.contains("detached"), "{table}");
    let rows = table
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|id| id.parse::<u64>().is_ok())
        })
        .count();
    assert!(recorded > 0);
    assert_eq!(rows, recorded, "{table}");
}

#[test]
fn every_quote_and_denial_of_the_sample_names_a_speaker_from_its_text() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations");
    let article = fs::read_to_string(samples.join("huawei-leak.txt")).unwrap();
    let output = sayso(
        &samples,
        &["export", "huawei-leak.txt", "--format", "jsonl"],
    );
    assert_eq!(output.status.code(), Some(0));
    let mut checked = 0;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let span: serde_json::Value = serde_json::from_str(line).unwrap();
        if !matches!(span["label"].as_str(), Some("quote" | "denial")) {
            continue;
        }
        let speaker = span["speaker"].as_str();
        assert!(
            speaker.is_some_and(|s| article.contains(s)),
            "#{} has no speaker named in the article: {speaker:?}",
            span["id"]
        );
        checked += 1;
    }
    assert!(
        checked >= 12,
        "only {checked} quote and denial spans exported"
    );
}

#[test]
fn list_into_a_closed_pipe_is_quiet() {
    let dir = TempDir::new().unwrap();
    let text = UNICODE_ARTICLE;
    fs::write(dir.path().join("x.txt"), text).unwrap();
    fs::write(
        dir.path().join("x.ann.ron"),
        sidecar(
            "x.txt",
            text,
            text,
            &[Entry::of(1, "claim", text, "The naïve plan")],
        ),
    )
    .unwrap();
    // The reader is gone before sayso writes, as when `head` has had enough.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin!("sayso"))
        .current_dir(dir.path())
        .args(["list", "x.txt"])
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn without_blank_lines_each_line_is_a_paragraph_and_crlf_counts_two() {
    let dir = TempDir::new().unwrap();
    let text = "Zoë arrived.\r\nThe mayor said “nothing changed”.\r\nThe ministry denied it.\r\n";
    fs::write(dir.path().join("x.txt"), text).unwrap();
    let denial = Entry::of(1, "denial", text, "The ministry denied it.");
    assert_eq!(denial.start, 49, "the expected offset itself is wrong");
    fs::write(
        dir.path().join("x.ann.ron"),
        sidecar("x.txt", text, text, &[denial]),
    )
    .unwrap();
    let table = list(dir.path(), &["x.txt"]);
    let cells: Vec<&str> = row(&table, "1").split_whitespace().collect();
    assert_eq!(cells[..4], ["1", "denial", "Accepted", "3"], "{table}");
    assert!(!table.contains("detached"), "{table}");
}
