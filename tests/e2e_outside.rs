//! Other programs writing the sidecar of an article open in the annotator,
//! with the real binary in a pseudo-terminal: `sayso import` into it, and a
//! second annotator on the same article. Nothing either side tagged or
//! brought in may be lost, and the editor is told what came in.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use common::pty::*;
use sayso_core::annotation::Annotation;
use sayso_core::article::Article;
use sayso_core::store;
use tempfile::TempDir;

const CTRL_S: &str = "\x13";

/// A copy of the sample article and its sidecar (22 annotations).
fn sample() -> (TempDir, PathBuf) {
    let (dir, article) = huawei();
    let annotations = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations");
    fs::copy(
        annotations.join("huawei-leak.ann.ron"),
        dir.path().join("huawei-leak.ann.ron"),
    )
    .expect("the sample sidecar is copied");
    (dir, article)
}

/// The ids and labels in the sidecar of `article`.
fn labels(article: &Path) -> Vec<(u64, String)> {
    let mut found: Vec<(u64, String)> = sidecar(article)
        .annotations
        .into_iter()
        .map(|r| (r.id, r.label))
        .collect();
    found.sort();
    found
}

/// Waits until `done` holds for the sidecar of `article`, or fails.
fn wait_for_sidecar(article: &Path, what: &str, done: impl Fn(&[(u64, String)]) -> bool) {
    let deadline = Instant::now() + DEADLINE;
    loop {
        let now = labels(article);
        if done(&now) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "waited {DEADLINE:?} for {what}; the sidecar holds {now:?}"
        );
        std::thread::yield_now();
    }
}

#[test]
fn an_import_while_open_appears_at_once_and_the_next_tag_keeps_it() {
    let (dir, article) = sample();
    let before = labels(&article);
    assert_eq!(before.len(), 22);
    let mut open = Session::start(dir.path(), &["huawei-leak.txt"]);
    open.wait_for("22 annotations");

    let doccano =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/huawei-leak.doccano.jsonl");
    let import = common::sayso(
        dir.path(),
        &[
            "import",
            doccano.to_str().expect("a UTF-8 path"),
            "--from",
            "doccano",
            "--article",
            "huawei-leak.txt",
            "--map",
            "quote=claim",
        ],
    );
    assert!(import.status.success(), "{}", common::stderr_of(&import));
    let said = common::stdout_of(&import);
    assert!(said.contains("imported as pending"), "{said}");
    let added = labels(&article).len() - before.len();
    assert!(added > 0, "{said}");

    open.wait_for(&format!("{added} annotations added from outside."));
    open.wait_for(&format!("{} annotations", 22 + added));
    // Undo takes back the editor's steps, never what came from outside.
    open.send("u");
    open.wait_for("Nothing to undo.");

    open.send("jjjd");
    open.wait_for("Tagged denial");
    open.send(CTRL_S);
    open.quit();
    let after = sidecar(&article);
    assert_eq!(after.annotations.len(), 22 + added + 1);
    let pending = after
        .annotations
        .iter()
        .filter(|r| r.status == Status::Pending && r.origin == Origin::Imported)
        .count();
    assert_eq!(pending, added, "the import stays pending, as in the file");
    for (id, label) in &before {
        assert!(
            after
                .annotations
                .iter()
                .any(|r| r.id == *id && r.label == *label),
            "#{id} {label} was lost"
        );
    }
}

#[test]
fn two_annotators_on_one_article_are_told_and_keep_each_others_tags() {
    let (dir, article) = sample();
    let mut first = Session::start(dir.path(), &["huawei-leak.txt"]);
    first.wait_for("22 annotations");
    let first_pid = first.child.process_id().expect("a pid");
    let mut second = Session::start(dir.path(), &["huawei-leak.txt"]);
    second.wait_for(&format!("Also open in another sayso (pid {first_pid}"));

    // Both tag at once: each tag takes the next free id in its own
    // annotator; whichever saves second merges the other's in first.
    let highest = labels(&article).iter().map(|(id, _)| *id).max();
    first.send("jjc");
    second.send("jjjjjjjjjjd");
    first.wait_for("Tagged claim");
    second.wait_for("Tagged denial");
    wait_for_sidecar(&article, "both tags", |now| now.len() == 24);
    first.wait_for("24 annotations");
    second.wait_for("24 annotations");
    let both = labels(&article);
    assert_eq!(
        both.iter().filter(|(id, _)| Some(*id) > highest).count(),
        2,
        "{both:?}"
    );

    // The second tags again and quits: the first takes the lock over and
    // shows the new tag; its own quit loses nothing.
    second.send("jq");
    second.wait_for("Tagged quote");
    second.quit();
    first.wait_for("25 annotations");
    let lock = dir.path().join(".huawei-leak.ann.lock");
    let deadline = Instant::now() + DEADLINE;
    while !fs::read_to_string(&lock).is_ok_and(|held| held.contains(&format!("pid: {first_pid},")))
    {
        assert!(
            Instant::now() < deadline,
            "the first never took the lock over"
        );
        std::thread::yield_now();
    }
    first.quit();
    assert!(!lock.exists(), "the lock is released on quit");
    assert_eq!(labels(&article).len(), 25);
}

/// The sample article `copies` times over as `long.txt`, with the sample's
/// annotations on every copy (22 a copy): a sidecar long enough that
/// reading it takes a moment. Gives how many annotations it holds.
fn long_sample(copies: usize) -> (TempDir, PathBuf, usize) {
    let (dir, sample) = sample();
    let text = text_of(&sample);
    let one = Article::from_text(text.clone());
    let annotations = store::load(&one, &sample.with_extension("ann.ron"))
        .expect("the sample sidecar reads")
        .expect("the sample sidecar")
        .annotations;
    let step = text.len() + 2;
    let mut all = Vec::new();
    for copy in 0..copies {
        for a in &annotations {
            all.push(Arc::new(Annotation {
                id: all.len() as u64 + 1,
                spans: (a.spans.iter())
                    .map(|s| s.start + copy * step..s.end + copy * step)
                    .collect(),
                ..a.clone()
            }));
        }
    }
    let path = dir.path().join("long.txt");
    let long = vec![text; copies].join("\n\n");
    fs::write(&path, &long).expect("the long article is written");
    let article = Article::from_text(long);
    let rendered = store::render(&article, "long.txt", &all, &[], None);
    store::save(&store::sidecar_path(&path), &rendered).expect("its sidecar is written");
    (dir, path, all.len())
}

/// A brat file beside a copy of `article`, in `imp/`, tagging `words`
/// occurrences of "Williamson" spread over it as claims.
fn brat_import(article: &Path, words: usize) -> PathBuf {
    let text = text_of(article);
    let found: Vec<usize> = text.match_indices("Williamson").map(|(at, _)| at).collect();
    let every = found.len() / words;
    let lines: Vec<String> = (0..words)
        .map(|i| {
            let at = text[..found[i * every]].chars().count();
            let end = at + "Williamson".len();
            format!("T{}\tclaim {at} {end}\tWilliamson\n", i + 1)
        })
        .collect();
    let dir = article.parent().expect("a folder").join("imp");
    fs::create_dir_all(&dir).expect("the import folder");
    fs::copy(article, dir.join("long.txt")).expect("the text beside the brat file");
    let ann = dir.join("long.ann");
    fs::write(&ann, lines.concat()).expect("the brat file");
    ann
}

#[test]
fn a_tag_typed_while_an_import_is_read_is_kept_with_the_import() {
    let (dir, article, held) = long_sample(150);
    let denial = |found: &[(u64, String)]| found.iter().filter(|(_, l)| l == "denial").count();
    let denials = denial(&labels(&article));
    let mut open = Session::start(dir.path(), &["long.txt"]);
    open.wait_for(&format!("{held} annotations"));

    let ann = brat_import(&article, 31);
    let import = common::sayso(
        dir.path(),
        &[
            "import",
            ann.to_str().expect("a UTF-8 path"),
            "--from",
            "brat",
            "--article",
            "long.txt",
        ],
    );
    assert!(import.status.success(), "{}", common::stderr_of(&import));
    // At once, while the annotator may be reading what the import wrote:
    // whichever comes first, both stay.
    open.send("jjjd");
    open.wait_for(&format!("{} annotations", held + 31 + 1));
    open.send(CTRL_S);
    open.quit();

    let after = sidecar(&article).annotations;
    assert_eq!(after.len(), held + 32);
    let imported = after
        .iter()
        .filter(|r| r.status == Status::Pending && r.origin == Origin::Imported);
    assert_eq!(imported.count(), 31, "the import stays pending");
    assert_eq!(
        denial(&labels(&article)),
        denials + 1,
        "the tag typed meanwhile is there"
    );
}
