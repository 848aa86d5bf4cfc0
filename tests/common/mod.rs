//! What the command-line tests share: running the binary, reading its
//! one-sentence errors, and a Unicode article with annotations whose spans
//! every export format must give back.

#![allow(dead_code)]

pub mod pty;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use assert_cmd::cargo::cargo_bin_cmd;
use sayso_core::annotation::testing::{annotation, span_of};
use sayso_core::annotation::{Annotation, Status};
use sayso_core::article::Article;
use tempfile::TempDir;

/// Runs `sayso` with `args` in `dir`; stdin, stdout and stderr are not
/// terminals, so no progress bar is drawn.
pub fn sayso(dir: &Path, args: &[&str]) -> Output {
    sayso_as("tester", dir, args)
}

/// [`sayso`] with `$SAYSO_ANNOTATOR` set to `annotator`.
pub fn sayso_as(annotator: &str, dir: &Path, args: &[&str]) -> Output {
    let output = cargo_bin_cmd!("sayso")
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("SAYSO_ANNOTATOR", annotator)
        .args(args)
        .output()
        .expect("the sayso binary runs");
    let stderr = stderr_of(&output);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "sayso {args:?} panicked:\n{stderr}"
    );
    output
}

/// Asserts exit code 1, nothing on stdout and exactly one line on stderr;
/// gives that line.
pub fn one_line_error(output: &Output) -> String {
    let stderr = stderr_of(output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "expected exit code 1, stderr:\n{stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "an error printed on stdout: {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "the error is not one line:\n{stderr}"
    );
    stderr.trim_end().to_string()
}

pub fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub const BOM: char = '\u{feff}';

/// An article file with a BOM and CRLF line endings, combining marks, an
/// emoji ZWJ sequence, flags, CJK, right-to-left text, a tab, control
/// characters and markup, before and inside the spans.
pub const ARTICLE: &str = "\u{feff}Zoë Ångström 🎙\u{fe0f} said: “We will not 👩\u{200d}👩\u{200d}👧 comment on leaks,” and left.\r\n\r\n\
Officials in 北京 denied it: \"baseless\r\nand irresponsible\".\r\n\r\n\
José said e\u{301} 🇫🇷🇩🇪 \"=SUM(A1)\" and “-1 @x +2” <b>bold</b>.\r\n\r\n\
שלום עליכם, the ambassador said\t\u{7}\u{1b}[2J calmly.\r\n";

/// The article text as sayso reads it (and as offsets count): no BOM.
pub fn text() -> &'static str {
    ARTICLE
        .strip_prefix(BOM)
        .expect("the article starts with a BOM")
}

/// Chars `start..end` of the text, as Python's `text[start:end]`.
pub fn chars(start: usize, end: usize) -> String {
    text().chars().skip(start).take(end - start).collect()
}

/// One annotation of the Unicode article: (id, label, span needles, speaker,
/// note, status).
type Spec = (
    u64,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
    Option<&'static str>,
    Status,
);

const ANNOTATIONS: [Spec; 9] = [
    (
        1,
        "quote",
        &["We will not 👩\u{200d}👩\u{200d}👧 comment on leaks,"],
        Some("Zoë Ångström"),
        None,
        Status::Accepted,
    ),
    (
        2,
        "denial",
        &["Officials in 北京 denied it"],
        Some("北京 officials"),
        Some("=line one\nline two"),
        Status::Accepted,
    ),
    (
        3,
        "quote",
        &["baseless\r\nand irresponsible"],
        None,
        None,
        Status::Pending,
    ),
    (
        4,
        "claim",
        &["e\u{301} 🇫🇷🇩🇪", "שלום עליכם"],
        None,
        None,
        Status::Accepted,
    ),
    (5, "quote", &["=SUM(A1)"], None, None, Status::Rejected),
    (6, "claim", &["北京"], None, None, Status::Accepted),
    (7, "quote", &["-1 @x +2"], None, None, Status::Accepted),
    (
        8,
        "claim",
        &["the ambassador said\t\u{7}\u{1b}[2J calmly."],
        None,
        None,
        Status::Accepted,
    ),
    (9, "hot take", &["calmly"], None, None, Status::Accepted),
];

/// One span every export of the Unicode article must give (unless its
/// status is filtered out), in chars of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub id: u64,
    pub label: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub status: &'static str,
}

pub fn expected_spans() -> Vec<Expected> {
    let mut spans = Vec::new();
    for (id, label, needles, _, _, status) in ANNOTATIONS {
        for needle in needles {
            let byte = text().find(needle).expect("the needle is in the text");
            let start = text()[..byte].chars().count();
            spans.push(Expected {
                id,
                label: label.to_string(),
                text: needle.to_string(),
                start,
                end: start + needle.chars().count(),
                status: status.name(),
            });
        }
    }
    spans
}

/// Writes `bytes` as the article at `path` and a sidecar with `annotations`,
/// made by sayso's own store.
pub fn write_article(path: &Path, bytes: &[u8], annotations: Vec<Annotation>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("a folder");
    }
    fs::write(path, bytes).expect("the article is written");
    let article = Article::from_bytes(bytes.to_vec()).expect("a UTF-8 article");
    let name = path.file_name().expect("a file name").to_string_lossy();
    let annotations: Vec<Arc<Annotation>> = annotations.into_iter().map(Arc::new).collect();
    let sidecar = sayso_core::store::render(&article, &name, &annotations, &[], None);
    fs::write(sayso_core::store::sidecar_path(path), sidecar).expect("the sidecar is written");
}

/// Writes an article of `text` at `path` with accepted annotations
/// (id, label, needle).
pub fn write_annotated(path: &Path, text: &str, annotations: &[(u64, &str, &str)]) {
    let annotations = annotations
        .iter()
        .map(|&(id, label, needle)| annotation(id, label, vec![span_of(text, needle)]))
        .collect();
    write_article(path, text.as_bytes(), annotations);
}

/// A folder with `news/unicode.txt`, the Unicode article, and its sidecar.
pub fn unicode_corpus() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    let annotations = ANNOTATIONS
        .iter()
        .map(|&(id, label, needles, speaker, note, status)| Annotation {
            speaker: speaker.map(String::from),
            note: note.map(String::from),
            status,
            ..annotation(
                id,
                label,
                needles.iter().map(|n| span_of(text(), n)).collect(),
            )
        })
        .collect();
    write_article(
        &dir.path().join("news/unicode.txt"),
        ARTICLE.as_bytes(),
        annotations,
    );
    dir
}
