//! Export then import gives back the same spans and labels, for every format
//! that sayso both writes and reads, on an article where a byte or UTF-16
//! offset would land somewhere else than a char offset.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use assert_cmd::cargo::cargo_bin_cmd;
use sayso_core::annotation::testing::{self, span_of};
use sayso_core::annotation::{Annotation, Origin, Status};
use sayso_core::article::Article;
use sayso_core::store;
use tempfile::TempDir;

mod common;

/// Combining marks, a ZWJ family, flags, CJK, right-to-left, a tab, CRLF;
/// the file starts with a BOM that offsets do not count.
const ARTICLE: &str = "Cafe\u{301} owner Zoë 👩\u{200d}👩\u{200d}👧 🇫🇷🇩🇪 met 习近平 and שלום.\r\n\r\nZoë said: “The naïve plan,” she added, “is dead.”\r\n\r\nThe ministry\tdenied that any plan existed.\r\n";

fn sayso(dir: &Path, args: &[&str]) -> Output {
    let output = cargo_bin_cmd!("sayso")
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("SAYSO_ANNOTATOR", "ed")
        .args(args)
        .output()
        .expect("the sayso binary runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "sayso {args:?}\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn annotation(id: u64, label: &str, needles: &[&str], speaker: Option<&str>) -> Annotation {
    let spans = needles.iter().map(|n| span_of(ARTICLE, n)).collect();
    Annotation {
        speaker: speaker.map(str::to_string),
        ..testing::annotation(id, label, spans)
    }
}

fn read_article(path: &Path) -> Article {
    Article::from_bytes(fs::read(path).expect("the article is there")).expect("UTF-8")
}

/// `dir/story.txt` with a sidecar of annotations on every kind of text: a
/// joined quote, a quote nested in a claim, a denial after a tab.
fn annotated(dir: &Path) -> PathBuf {
    let path = dir.join("story.txt");
    fs::write(&path, format!("\u{feff}{ARTICLE}")).expect("writes");
    let article = read_article(&path);
    let annotations: Vec<Arc<Annotation>> = vec![
        annotation(
            1,
            "claim",
            &["👩\u{200d}👩\u{200d}👧 🇫🇷🇩🇪 met 习近平"],
            None,
        ),
        annotation(2, "quote", &["Cafe\u{301} owner"], None),
        annotation(3, "quote", &["The naïve plan,", "is dead."], Some("Zoë")),
        annotation(4, "denial", &["denied that any plan existed."], None),
        annotation(5, "claim", &["שלום"], None),
    ]
    .into_iter()
    .map(Arc::new)
    .collect();
    let contents = store::render(&article, "story.txt", &annotations, &[], None);
    store::save(&store::sidecar_path(&path), &contents).expect("saves");
    path
}

/// (label, [(start, end, text)] in chars, speaker) of each annotation.
type Seen = Vec<(String, Vec<(usize, usize, String)>, Option<String>)>;

/// What the sidecar of `path` holds, sorted.
fn seen(path: &Path) -> Seen {
    let article = read_article(path);
    let loaded = store::load(&article, &store::sidecar_path(path))
        .expect("the sidecar loads")
        .expect("there is a sidecar");
    assert!(loaded.detached.is_empty());
    let mut all: Seen = loaded
        .annotations
        .iter()
        .map(|a| {
            let spans = a
                .spans
                .iter()
                .map(|s| {
                    (
                        article.char_offset(s.start),
                        article.char_offset(s.end),
                        article.text()[s.clone()].to_string(),
                    )
                })
                .collect();
            (a.label.clone(), spans, a.speaker.clone())
        })
        .collect();
    all.sort();
    all
}

/// Exports `NAME.txt` of `from` as `format` (brat into a folder) and gives
/// the file to import.
fn export(from: &Path, name: &str, format: &str) -> PathBuf {
    let out = from.join(format!("out.{format}"));
    let out_name = out.display().to_string();
    let article = format!("{name}.txt");
    sayso(
        from,
        &["export", &article, "--format", format, "-o", &out_name],
    );
    if format == "brat" {
        out.join(format!("{name}.ann"))
    } else {
        out
    }
}

/// Exports `story.txt` as `format`, imports the result into a fresh copy of
/// the article, and gives what both sidecars hold.
fn round_trip(format: &str) -> (Seen, Seen) {
    let from = TempDir::new().expect("a temporary directory");
    let to = TempDir::new().expect("a temporary directory");
    let original = annotated(from.path());
    let file = export(from.path(), "story", format);
    let copy = to.path().join("story.txt");
    fs::copy(&original, &copy).expect("copies");
    let file = file.display().to_string();
    let args = ["import", &file, "--from", format, "--article", "story.txt"];
    sayso(to.path(), &args);
    let article = read_article(&copy);
    let loaded = store::load(&article, &store::sidecar_path(&copy))
        .expect("loads")
        .expect("a sidecar");
    for a in &loaded.annotations {
        assert_eq!((a.status, a.origin), (Status::Pending, Origin::Imported));
    }
    (seen(&original), seen(&copy))
}

/// Each span as an annotation of its own, without speaker: what doccano
/// carries.
fn spans_only(seen: Seen) -> Seen {
    let mut all: Seen = seen
        .into_iter()
        .flat_map(|(label, spans, _)| {
            spans
                .into_iter()
                .map(move |span| (label.clone(), vec![span], None))
        })
        .collect();
    all.sort();
    all
}

#[test]
fn jsonl_round_trips_spans_labels_and_speakers() {
    let (exported, imported) = round_trip("jsonl");
    assert_eq!(imported, exported);
}

#[test]
fn brat_round_trips_spans_labels_and_speakers() {
    let (exported, imported) = round_trip("brat");
    assert_eq!(imported, exported);
}

#[test]
fn label_studio_round_trips_spans_labels_and_speakers() {
    let (exported, imported) = round_trip("label-studio");
    assert_eq!(imported, exported);
}

#[test]
fn doccano_round_trips_spans_and_labels() {
    let (exported, imported) = round_trip("doccano");
    assert_eq!(imported, spans_only(exported));
}

#[test]
fn importing_an_export_back_into_its_own_articles_adds_nothing() {
    let dir = TempDir::new().expect("a temporary directory");
    let article = annotated(dir.path());
    let sidecar = store::sidecar_path(&article);
    let before = fs::read(&sidecar).expect("a sidecar");
    for format in ["jsonl", "label-studio", "brat"] {
        let file = export(dir.path(), "story", format).display().to_string();
        let output = sayso(
            dir.path(),
            &["import", &file, "--from", format, "--article", "story.txt"],
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            stdout, "story.txt: 0 imported as pending, 5 already there\n",
            "{format}"
        );
    }
    assert_eq!(fs::read(&sidecar).expect("a sidecar"), before);
    // doccano has no way to say two spans are one annotation: the parts of
    // the joined quote come back as annotations of their own.
    let file = export(dir.path(), "story", "doccano").display().to_string();
    let output = sayso(dir.path(), &["import", &file, "--from", "doccano"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout,
        "story.txt: 2 imported as pending, 4 already there\n"
    );
}

/// The export tests' corpus (`tests/common`): every non-rejected annotation
/// comes back from jsonl and label-studio as it was, speaker and note too;
/// from brat with what brat cannot hold changed as documented.
#[test]
fn the_export_tests_corpus_round_trips() {
    for format in ["jsonl", "label-studio", "brat"] {
        let corpus = common::unicode_corpus();
        let news = corpus.path().join("news");
        let file = export(&news, "unicode", format).display().to_string();
        let copy = TempDir::new().expect("a temporary directory");
        let article = copy.path().join("unicode.txt");
        fs::copy(news.join("unicode.txt"), &article).expect("copies");
        let args = [
            "import",
            &file,
            "--from",
            format,
            "--article",
            "unicode.txt",
        ];
        sayso(copy.path(), &args);
        let exported: Vec<_> = full(&news.join("unicode.txt"))
            .into_iter()
            .filter(|a| a.3 != Status::Rejected)
            .map(|a| (a.0, a.1, a.2, a.4))
            .collect();
        let imported: Vec<_> = full(&article)
            .into_iter()
            .map(|a| (a.0, a.1, a.2, a.4))
            .collect();
        if format != "brat" {
            assert_eq!(imported, exported, "{format}");
            continue;
        }
        // brat: a label is one word, a note one line, and a line break ends
        // a fragment.
        let brat_like: Vec<_> = exported
            .into_iter()
            .map(|(label, spans, speaker, note)| {
                let spans = spans
                    .into_iter()
                    .flat_map(|(s, e, text)| match text.split_once("\r\n") {
                        Some((a, b)) => vec![
                            (s, s + a.chars().count(), a.to_string()),
                            (e - b.chars().count(), e, b.to_string()),
                        ],
                        None => vec![(s, e, text)],
                    })
                    .collect();
                (
                    label.replace(' ', "_"),
                    spans,
                    speaker,
                    note.map(|n| n.replace('\n', " ")),
                )
            })
            .collect();
        let mut brat_like = brat_like;
        brat_like.sort();
        assert_eq!(imported, brat_like, "brat");
    }
}

/// (label, spans, speaker, status, note) of each annotation of the sidecar
/// of `path`, sorted.
type Full = Vec<(
    String,
    Vec<(usize, usize, String)>,
    Option<String>,
    Status,
    Option<String>,
)>;

fn full(path: &Path) -> Full {
    let article = read_article(path);
    let loaded = store::load(&article, &store::sidecar_path(path))
        .expect("the sidecar loads")
        .expect("there is a sidecar");
    let mut all: Full = loaded
        .annotations
        .iter()
        .map(|a| {
            let spans = a
                .spans
                .iter()
                .map(|s| {
                    let start = article.char_offset(s.start);
                    let end = article.char_offset(s.end);
                    (start, end, article.text()[s.clone()].to_string())
                })
                .collect();
            (
                a.label.clone(),
                spans,
                a.speaker.clone(),
                a.status,
                a.note.clone(),
            )
        })
        .collect();
    all.sort();
    all
}
