//! A corpus on the command line as a newsroom has one: articles with and
//! without sidecars, brat's files and exports beside them, a sidecar whose
//! article is gone, articles marked finished, and each editor's sidecars
//! in a folder of their own (`--sidecars`).

mod common;

use std::fs;
use std::path::Path;
use std::sync::Arc;

use sayso_core::annotation::testing::{annotation, span_of};
use sayso_core::annotation::{Annotation, Finished};
use sayso_core::article::Article;
use sayso_core::store;
use serde_json::Value;
use tempfile::TempDir;

use common::{one_line_error, sayso, stderr_of, stdout_of};

/// Combining marks, an emoji sequence, CJK, right-to-left text and CRLF.
const TEXT: &str = "Zoë said: “東京 is near 👩\u{200d}👩\u{200d}👧.” The ministry denied it.\r\n\r\nשלום said e\u{301}verything was fine.\r\n";

/// Writes `TEXT` at `article` and, at `sidecar`, a sidecar with a quote and
/// a denial, finished by `finished` when given.
fn annotated(article: &Path, sidecar: &Path, finished: Option<&str>) {
    for path in [article, sidecar] {
        fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
    }
    fs::write(article, TEXT).expect("an article");
    let annotations: Vec<Arc<Annotation>> = [
        annotation(1, "quote", vec![span_of(TEXT, "東京 is near")]),
        annotation(2, "denial", vec![span_of(TEXT, "The ministry denied it.")]),
    ]
    .into_iter()
    .map(Arc::new)
    .collect();
    let mark = finished.map(|by| Finished {
        by: by.into(),
        at: "2026-11-24T05:40:00Z".into(),
    });
    let name = article.file_name().expect("a name").to_string_lossy();
    let text = store::render(
        &Article::from_text(TEXT.into()),
        &name,
        &annotations,
        &[],
        mark.as_ref(),
    );
    fs::write(sidecar, text).expect("a sidecar");
}

/// A folder laid out for brat beside sayso: `story.txt` with its sidecar,
/// brat's `story.ann`, an export and notes, an article never annotated, and
/// a sidecar whose article was deleted.
fn mixed() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    let news = dir.path().join("news");
    annotated(&news.join("story.txt"), &news.join("story.ann.ron"), None);
    fs::write(news.join("story.ann"), "T1\tquote 10 21\t東京 is near\n").expect("brat");
    fs::write(news.join("story.json"), "{}").expect("notes");
    fs::write(news.join("export.jsonl"), "{}\n").expect("an export");
    fs::write(news.join("annotation.conf"), "[entities]\nquote\n").expect("brat's conf");
    fs::write(news.join("fresh.txt"), "Nobody has read this yet.\n").expect("an article");
    annotated(&news.join("gone.txt"), &news.join("gone.ann.ron"), None);
    fs::remove_file(news.join("gone.txt")).expect("the article is deleted");
    dir
}

#[test]
fn list_names_every_article_once_and_only_articles() {
    let dir = mixed();
    let output = sayso(dir.path(), &["list", "news"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a sidecar without its article"
    );
    let out = stdout_of(&output);
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with("news/")).collect();
    assert_eq!(
        heads,
        [
            "news/fresh.txt · 1 paragraph · no annotations",
            "news/story.txt · 2 paragraphs · denial 1, quote 1",
        ],
        "{out}"
    );
    let stderr = stderr_of(&output);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(
        lines[0],
        "sayso: skipped: news/gone.ann.ron is the sidecar of news/gone.txt, which is not there; put the article back, or move the sidecar out of the folder"
    );
    assert!(lines[1].contains("everything else is listed"), "{stderr}");
}

#[test]
fn stats_and_export_of_a_brat_layout_see_one_article_and_nothing_detached() {
    let dir = mixed();
    let output = sayso(dir.path(), &["stats", "news", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let stats: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    assert_eq!(stats["articles"], 2);
    assert_eq!(stats["annotated"], 1);
    assert_eq!(stats["finished"], 0);
    assert_eq!(stats["annotations"], 2);
    assert_eq!(stats["detached"], 0);
    assert_eq!(stats["skipped"], 1);
    assert_eq!(
        stderr_of(&output).matches("gone.ann.ron").count(),
        1,
        "the orphan is named once"
    );

    let output = sayso(dir.path(), &["export", "news"]);
    let lines: Vec<Value> = stdout_of(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["article"] == "news/story.txt"));
    assert_eq!(
        stderr_of(&output).lines().count(),
        2,
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn finished_articles_are_listed_counted_and_exported_alone() {
    let dir = TempDir::new().expect("a temporary folder");
    let news = dir.path().join("news");
    annotated(&news.join("a.txt"), &news.join("a.ann.ron"), Some("Zoë"));
    annotated(&news.join("b.txt"), &news.join("b.ann.ron"), None);
    fs::write(news.join("c.txt"), TEXT).expect("an article");

    let output = sayso(dir.path(), &["list", "news"]);
    let out = stdout_of(&output);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(
        out.contains("news/a.txt · 2 paragraphs · denial 1, quote 1 · finished by Zoë at 2026-11-24T05:40:00Z\n"),
        "{out}"
    );
    assert!(
        !out.contains("b.txt · 2 paragraphs · denial 1, quote 1 · finished"),
        "{out}"
    );

    let output = sayso(dir.path(), &["stats", "news"]);
    let out = stdout_of(&output);
    assert!(
        out.starts_with("articles     3\nannotated    2\nfinished     1\n"),
        "{out}"
    );

    let output = sayso(
        dir.path(),
        &["export", "news", "--finished", "--format", "csv"],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let csv = stdout_of(&output);
    assert_eq!(csv.lines().count(), 3, "a header and a's two spans:\n{csv}");
    assert!(
        csv.lines().skip(1).all(|l| l.starts_with("news/a.txt,")),
        "{csv}"
    );

    fs::remove_file(news.join("a.ann.ron")).expect("a is no longer annotated");
    let line = one_line_error(&sayso(dir.path(), &["export", "news", "--finished"]));
    assert!(line.contains("no finished articles"), "{line}");
}

#[test]
fn sidecars_apart_from_the_shared_articles_are_read_written_and_compared() {
    let dir = TempDir::new().expect("a temporary folder");
    let root = dir.path();
    // ed's sidecars in ed/, kim's in kim/; one beside an article is neither's.
    annotated(
        &root.join("shared/2024/東京.txt"),
        &root.join("ed/shared/2024/東京.ann.ron"),
        Some("ed"),
    );
    annotated(
        &root.join("shared/2024/東京.txt"),
        &root.join("kim/shared/2024/東京.ann.ron"),
        None,
    );
    annotated(
        &root.join("shared/a.txt"),
        &root.join("shared/a.ann.ron"),
        None,
    );
    for dir in ["ed", "kim"] {
        fs::create_dir_all(root.join(dir)).expect("a tree");
    }

    let output = sayso(root, &["list", "--sidecars", "ed", "shared"]);
    let out = stdout_of(&output);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with("shared/")).collect();
    assert_eq!(
        heads,
        [
            "shared/2024/東京.txt · 2 paragraphs · denial 1, quote 1 · finished by ed at 2026-11-24T05:40:00Z",
            "shared/a.txt · 2 paragraphs · no annotations",
        ]
    );

    let output = sayso(
        root,
        &["stats", "--sidecars", "kim", "shared", "--format", "json"],
    );
    let stats: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    assert_eq!(
        (stats["annotated"].as_u64(), stats["finished"].as_u64()),
        (Some(1), Some(0))
    );

    // kim imports the annotations kept beside a.txt into kim's own tree.
    let beside = fs::read_to_string(root.join("shared/a.ann.ron")).expect("beside");
    let export = sayso(root, &["export", "shared/a.txt", "-o", "a.jsonl"]);
    assert!(export.status.success(), "{}", stderr_of(&export));
    let import = sayso(
        root,
        &["import", "a.jsonl", "--from", "jsonl", "--sidecars", "kim"],
    );
    assert!(import.status.success(), "{}", stderr_of(&import));
    let written = fs::read_to_string(root.join("kim/shared/a.ann.ron")).expect("kim's sidecar");
    assert!(
        written.contains("        file: \"a.txt\",\n"),
        "source.file names the article: {written}"
    );
    assert_eq!(
        fs::read_to_string(root.join("shared/a.ann.ron")).expect("beside"),
        beside,
        "the sidecar beside the article is not kim's"
    );

    let output = sayso(root, &["agree", "ed", "kim", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    assert_eq!(
        report["articles"].as_array().map(Vec::len),
        Some(1),
        "{report}"
    );
    assert_eq!(report["overall"]["exact"]["f1"], 1.0);
    assert_eq!(
        report["only_in_b"].as_array().map(Vec::len),
        Some(1),
        "kim's a.txt"
    );

    // A tree's sidecar whose article is gone is named; a tree that is not
    // there is one sentence.
    annotated(
        &root.join("old/x.txt"),
        &root.join("ed/shared/x.ann.ron"),
        None,
    );
    let output = sayso(root, &["list", "--sidecars", "ed", "shared"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).starts_with("sayso: skipped: ed/shared/x.ann.ron is the sidecar of"),
        "{}",
        stderr_of(&output)
    );
    let line = one_line_error(&sayso(root, &["list", "--sidecars", "nobody", "shared"]));
    assert!(line.contains("mkdir nobody"), "{line}");
}
