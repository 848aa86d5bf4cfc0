//! `sayso merge` as git's merge driver, in real repositories with two
//! branches, and `--resolve` on a sidecar git merged as text.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{one_line_error, sayso, stderr_of, stdout_of, write_article};
use sayso_core::annotation::testing::annotation;
use sayso_core::annotation::{Annotation, Origin, Status};
use sayso_core::article::Article;
use sayso_core::store::{self, sidecar_path};
use tempfile::TempDir;

const TEXT: &str = "Zoë Ångström said: “We will not 👩\u{200d}👩\u{200d}👧 comment on leaks.”\n\n\
    Officials in 北京 denied the report, calling it “baseless”.\n\n\
    שלום, the ambassador said, “the figures are simply not true” 🇫🇷.\n";

fn range(needle: &str) -> std::ops::Range<usize> {
    let start = TEXT.find(needle).expect("the needle is in the text");
    start..start + needle.len()
}

fn quote(id: u64, needle: &str) -> Annotation {
    annotation(id, "quote", vec![range(needle)])
}

/// Runs git in `dir`; gives its exit code.
fn git(dir: &Path, args: &[&str]) -> Option<i32> {
    let output = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .args(args)
        .output()
        .expect("git runs");
    output.status.code()
}

fn git_ok(dir: &Path, args: &[&str]) {
    assert_eq!(git(dir, args), Some(0), "git {args:?}");
}

/// A repository on `main` with the article and a sidecar of two quotes;
/// with `driver`, sidecars merge with `sayso merge`.
fn repository(driver: bool) -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    let root = dir.path();
    git_ok(root, &["init", "-q", "-b", "main"]);
    git_ok(root, &["config", "user.name", "Ed Itor"]);
    git_ok(root, &["config", "user.email", "ed@example.com"]);
    if driver {
        let sayso = env!("CARGO_BIN_EXE_sayso");
        git_ok(
            root,
            &[
                "config",
                "merge.sayso.driver",
                &format!("{sayso} merge %O %A %B"),
            ],
        );
        fs::write(root.join(".gitattributes"), "*.ann.ron merge=sayso\n").expect("write");
    }
    write_article(
        &root.join("story.txt"),
        TEXT.as_bytes(),
        vec![quote(1, "We will not"), quote(2, "baseless")],
    );
    git_ok(root, &["add", "-A"]);
    git_ok(root, &["commit", "-qm", "two quotes"]);
    dir
}

/// The sidecar as sayso loads it.
fn loaded(root: &Path) -> Vec<Annotation> {
    let article = Article::from_text(TEXT.to_string());
    let sidecar = store::load(&article, &sidecar_path(&root.join("story.txt")))
        .expect("the sidecar loads")
        .expect("a sidecar");
    assert_eq!(sidecar.detached, vec![]);
    sidecar.annotations
}

/// Changes the annotations of the sidecar on the current branch and commits.
fn commit_change(root: &Path, message: &str, change: impl FnOnce(&mut Vec<Annotation>)) {
    let mut annotations = loaded(root);
    change(&mut annotations);
    write_article(&root.join("story.txt"), TEXT.as_bytes(), annotations);
    git_ok(root, &["commit", "-qam", message]);
}

/// Kim, on a branch, and Ed, on main, each tag something new as id 3 and
/// change another field of quote 1.
fn two_branches(root: &Path) {
    git_ok(root, &["checkout", "-qb", "kim"]);
    commit_change(root, "kim", |a| {
        a.push(quote(3, "the figures are simply not true"));
        a[0].speaker = Some("Zoë Ångström".into());
    });
    git_ok(root, &["checkout", "-q", "main"]);
    commit_change(root, "ed", |a| {
        a.push(annotation(
            3,
            "claim",
            vec![range("Officials in 北京 denied the report")],
        ));
        a[0].note = Some("on the record".into());
    });
}

#[test]
fn a_real_git_merge_with_the_driver_keeps_both_sides() {
    let dir = repository(true);
    let root = dir.path();
    two_branches(root);
    git_ok(root, &["merge", "-q", "kim", "-m", "merge kim"]);
    let merged = loaded(root);
    let summary: Vec<(u64, &str, &str)> = merged
        .iter()
        .map(|a| (a.id, a.label.as_str(), &TEXT[a.spans[0].clone()]))
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, "quote", "We will not"),
            (3, "claim", "Officials in 北京 denied the report"),
            (2, "quote", "baseless"),
            (4, "quote", "the figures are simply not true"),
        ]
    );
    assert_eq!(merged[0].speaker.as_deref(), Some("Zoë Ångström"));
    assert_eq!(merged[0].note.as_deref(), Some("on the record"));
    assert!(merged.iter().all(|a| a.status == Status::Accepted));
    let text = fs::read_to_string(root.join("story.ann.ron")).expect("read");
    assert!(!text.contains("<<<<<<<"));
    // Git sees it clean: nothing left to commit, nothing unmerged.
    let status = Command::new("git")
        .current_dir(root)
        .args(["status", "--porcelain"])
        .output()
        .expect("git status");
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
}

#[test]
fn a_conflict_keeps_ours_adds_theirs_pending_and_git_reports_it() {
    let dir = repository(true);
    let root = dir.path();
    git_ok(root, &["checkout", "-qb", "kim"]);
    commit_change(root, "kim", |a| a[1].speaker = Some("the ministry".into()));
    git_ok(root, &["checkout", "-q", "main"]);
    commit_change(root, "ed", |a| a[1].speaker = Some("北京 officials".into()));
    assert_eq!(
        git(root, &["merge", "-q", "kim", "-m", "merge kim"]),
        Some(1)
    );
    let text = fs::read_to_string(root.join("story.ann.ron")).expect("read");
    assert!(!text.contains("<<<<<<<"), "{text}");
    let merged = loaded(root);
    assert_eq!(merged.len(), 3);
    let ours = merged.iter().find(|a| a.id == 2).expect("ours is kept");
    assert_eq!(ours.speaker.as_deref(), Some("北京 officials"));
    let theirs = merged
        .iter()
        .find(|a| a.id == 3)
        .expect("theirs is beside it");
    assert_eq!(theirs.speaker.as_deref(), Some("the ministry"));
    assert_eq!(
        (theirs.status, theirs.origin),
        (Status::Pending, Origin::Imported)
    );
    assert_eq!(
        theirs.note.as_deref(),
        Some(
            "the other side of a merge conflict with #2 (speaker differs); keep one and delete the other"
        )
    );
    // The editor settles it, and git takes the file as it is.
    let list = sayso(root, &["list", "story.txt"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr_of(&list));
}

#[test]
fn a_sidecar_merged_without_the_driver_is_repaired_by_resolve() {
    let dir = repository(false);
    let root = dir.path();
    git_ok(root, &["config", "merge.conflictStyle", "diff3"]);
    two_branches(root);
    assert_eq!(
        git(root, &["merge", "-q", "kim", "-m", "merge kim"]),
        Some(1)
    );
    let sidecar = root.join("story.ann.ron");
    assert!(
        fs::read_to_string(&sidecar)
            .expect("read")
            .contains("<<<<<<<")
    );

    let refused = one_line_error(&sayso(root, &["list", "story.txt"]));
    assert!(refused.contains("story.ann.ron:"), "{refused}");
    assert!(
        refused.contains("run `sayso merge --resolve story.ann.ron`"),
        "{refused}"
    );

    let resolved = sayso(root, &["merge", "--resolve", "story.ann.ron"]);
    assert_eq!(resolved.status.code(), Some(0), "{}", stderr_of(&resolved));
    assert_eq!(stdout_of(&resolved), "");
    let merged = loaded(root);
    let ids: Vec<u64> = merged.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![1, 3, 2, 4]);
    assert_eq!(merged[0].speaker.as_deref(), Some("Zoë Ångström"));
    assert_eq!(merged[0].note.as_deref(), Some("on the record"));

    // Resolving again finds nothing to do, and says so.
    let again = one_line_error(&sayso(root, &["merge", "--resolve", "story.ann.ron"]));
    assert!(
        again.contains("story.ann.ron holds no git conflict markers"),
        "{again}"
    );
}

#[test]
fn a_side_that_does_not_parse_is_named_and_ours_is_untouched() {
    let dir = repository(false);
    let root = dir.path();
    let good = fs::read_to_string(root.join("story.ann.ron")).expect("read");
    fs::write(root.join("base.ron"), &good).expect("write");
    fs::write(root.join("ours.ron"), &good).expect("write");
    let broken = good.replacen("status: Accepted", "status: Maybe", 1);
    fs::write(root.join("theirs.ron"), &broken).expect("write");
    let line = one_line_error(&sayso(
        root,
        &["merge", "base.ron", "ours.ron", "theirs.ron"],
    ));
    assert!(line.starts_with("sayso: theirs.ron:19:21: "), "{line}");
    assert_eq!(
        fs::read_to_string(root.join("ours.ron")).expect("read"),
        good
    );

    fs::write(root.join("ours.ron"), &broken).expect("write");
    let line = one_line_error(&sayso(root, &["merge", "base.ron", "ours.ron", "base.ron"]));
    assert!(line.starts_with("sayso: ours.ron:19:21: "), "{line}");
    assert_eq!(
        fs::read_to_string(root.join("ours.ron")).expect("read"),
        broken
    );

    // An empty base: the sidecar is new on both sides.
    fs::write(root.join("ours.ron"), &good).expect("write");
    fs::write(root.join("empty.ron"), "").expect("write");
    let new = sayso(root, &["merge", "empty.ron", "ours.ron", "base.ron"]);
    assert_eq!(new.status.code(), Some(0), "{}", stderr_of(&new));

    let usage = sayso(root, &["merge", "base.ron", "ours.ron"]);
    assert_eq!(usage.status.code(), Some(2));
    let missing = one_line_error(&sayso(root, &["merge", "base.ron", "ours.ron", "gone.ron"]));
    assert!(missing.contains("gone.ron"), "{missing}");
}
