//! `sayso reanchor` from outside: the sample with a typo fixed, a Unicode
//! corpus edited, and the inputs it must refuse without touching anything.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{one_line_error, sayso, stderr_of, stdout_of, unicode_corpus};
use tempfile::TempDir;

/// A copy of the sample article and its sidecar, with `do an criminal`
/// fixed to `do a criminal` in the article.
fn sample_with_typo_fixed() -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("a temporary folder");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations");
    for name in ["huawei-leak.txt", "huawei-leak.ann.ron"] {
        fs::copy(from.join(name), dir.path().join(name)).expect("copy the sample");
    }
    let path = dir.path().join("huawei-leak.txt");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, text.replacen("do an criminal", "do a criminal", 1)).expect("write");
    (dir, path)
}

fn sidecar_of(path: &Path) -> Vec<u8> {
    fs::read(path.with_extension("ann.ron")).expect("the sidecar")
}

#[test]
fn the_sample_with_a_typo_fixed_is_placed_again_and_exports() {
    let (dir, path) = sample_with_typo_fixed();
    let before = sidecar_of(&path);

    let dry = sayso(dir.path(), &["reanchor", "huawei-leak.txt", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr_of(&dry));
    assert_eq!(sidecar_of(&path), before, "--dry-run wrote");

    let run = sayso(dir.path(), &["reanchor", "huawei-leak.txt"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(
        stdout_of(&run),
        "huawei-leak.txt: 4 kept, 17 moved, 1 changed, 0 detached; written to huawei-leak.ann.ron\n  \
         #4 quote changed (now pending): the text was “…do an criminal…”, now “…do a criminal…”\n"
    );
    let written = String::from_utf8(sidecar_of(&path)).expect("UTF-8");
    let hash = blake3::hash(fs::read_to_string(&path).expect("read").as_bytes())
        .to_hex()
        .to_string();
    assert!(written.contains(&hash), "the new hash is written");
    assert!(written.contains("status: Pending"));

    let again = sayso(dir.path(), &["reanchor", "huawei-leak.txt"]);
    assert_eq!(
        stdout_of(&again),
        "huawei-leak.txt: 22 kept, 0 moved, 0 changed, 0 detached; the article is unchanged, nothing to write\n"
    );
    let export = sayso(dir.path(), &["export", "huawei-leak.txt"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr_of(&export));
    assert_eq!(stdout_of(&export).lines().count(), 28);
}

#[test]
fn export_sees_the_placed_set_without_a_reanchor() {
    let (dir, path) = sample_with_typo_fixed();
    let before = sidecar_of(&path);
    let export = sayso(dir.path(), &["export", "huawei-leak.txt"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr_of(&export));
    assert_eq!(stdout_of(&export).lines().count(), 28);
    let list = sayso(dir.path(), &["list", "huawei-leak.txt"]);
    assert!(
        stdout_of(&list).contains(" 4   quote   Pending"),
        "{}",
        stdout_of(&list)
    );
    assert_eq!(sidecar_of(&path), before, "reading wrote the sidecar");
}

#[test]
fn a_folder_is_placed_article_by_article_with_a_total() {
    let dir = unicode_corpus();
    let path = dir.path().join("news/unicode.txt");
    let text = fs::read(&path).expect("read");
    // After the BOM, a new first line: everything moves.
    let mut edited = text[..3].to_vec();
    edited.extend_from_slice("Update: 🇫🇷 中文.\r\n\r\n".as_bytes());
    edited.extend_from_slice(&text[3..]);
    fs::write(&path, edited).expect("write");
    fs::copy(&path, dir.path().join("news/copy.txt")).expect("copy");
    fs::copy(
        path.with_extension("ann.ron"),
        dir.path().join("news/copy.ann.ron"),
    )
    .expect("copy");
    let run = sayso(dir.path(), &["reanchor", "news"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let out = stdout_of(&run);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("news/copy.txt: 0 kept, "), "{out}");
    assert!(
        lines
            .last()
            .is_some_and(|l| l.starts_with("total: 2 articles: 0 kept, ")),
        "{out}"
    );
    assert!(
        !out.contains("detached;") || out.contains(", 0 detached;"),
        "{out}"
    );
    let list = sayso(dir.path(), &["list", "news/unicode.txt"]);
    assert!(
        !stdout_of(&list).contains("detached"),
        "{}",
        stdout_of(&list)
    );
}

#[test]
fn bad_inputs_are_named_and_nothing_is_written() {
    let (dir, path) = sample_with_typo_fixed();
    let root = dir.path();

    let missing = one_line_error(&sayso(root, &["reanchor", "gone.txt"]));
    assert!(missing.contains("gone.txt"), "{missing}");

    let sidecar_given = one_line_error(&sayso(root, &["reanchor", "huawei-leak.ann.ron"]));
    assert!(
        sidecar_given.contains("is a sidecar; give the article"),
        "{sidecar_given}"
    );

    fs::write(root.join("plain.txt"), "No annotations here.\n").expect("write");
    let bare = sayso(root, &["reanchor", "plain.txt"]);
    assert_eq!(bare.status.code(), Some(1));
    assert!(
        stderr_of(&bare)
            .contains("plain.txt has no sidecar (plain.ann.ron), so there is nothing to place"),
        "{}",
        stderr_of(&bare)
    );

    fs::write(root.join("latin1.txt"), b"caf\xe9\n").expect("write");
    fs::write(root.join("latin1.ann.ron"), "(").expect("write");
    let not_text = sayso(root, &["reanchor", "latin1.txt"]);
    assert!(
        stderr_of(&not_text).contains("latin1.txt is not UTF-8"),
        "{}",
        stderr_of(&not_text)
    );

    let empty = TempDir::new().expect("a temporary folder");
    let nothing = one_line_error(&sayso(empty.path(), &["reanchor", "."]));
    assert!(nothing.contains("no annotated articles found"), "{nothing}");

    let usage = sayso(root, &["reanchor"]);
    assert_eq!(usage.status.code(), Some(2));

    // A broken sidecar is named with its line and column, and kept.
    let sidecar = path.with_extension("ann.ron");
    let broken = String::from_utf8(sidecar_of(&path))
        .expect("UTF-8")
        .replacen("status: Accepted", "status: Maybe", 1);
    fs::write(&sidecar, &broken).expect("write");
    let run = sayso(root, &["reanchor", "huawei-leak.txt", "plain.txt"]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr_of(&run);
    assert!(
        err.contains("sayso: skipped: huawei-leak.ann.ron:"),
        "{err}"
    );
    assert!(
        err.ends_with(
            "sayso: left out what the 2 messages above name; every other article was placed again\n"
        ),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&sidecar).expect("read"), broken);
}

#[test]
fn a_sidecar_git_merged_as_text_is_refused_with_the_fix() {
    let (dir, path) = sample_with_typo_fixed();
    let sidecar = path.with_extension("ann.ron");
    let text = String::from_utf8(sidecar_of(&path)).expect("UTF-8");
    let conflicted = text.replacen(
        "            status: Accepted,\n",
        "<<<<<<< HEAD\n            status: Accepted,\n=======\n            status: Rejected,\n>>>>>>> kim\n",
        1,
    );
    fs::write(&sidecar, &conflicted).expect("write");
    for command in [
        &["reanchor", "huawei-leak.txt"][..],
        &["list", "huawei-leak.txt"],
        &["export", "huawei-leak.txt", "--strict"],
    ] {
        let output = sayso(dir.path(), command);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        let err = stderr_of(&output);
        assert!(
            err.contains("huawei-leak.ann.ron:19: the file holds git conflict markers"),
            "{command:?}: {err}"
        );
        assert!(
            err.contains("run `sayso merge --resolve huawei-leak.ann.ron`"),
            "{err}"
        );
    }
    assert_eq!(fs::read_to_string(&sidecar).expect("read"), conflicted);
}

#[test]
fn agree_compares_a_placed_sidecar_with_one_not_yet_placed() {
    // Ed ran `sayso reanchor` after the typo fix; Kim's copy still names the
    // old text. Both are placed on the article beside them and agree fully.
    let (dir, path) = sample_with_typo_fixed();
    let kim = dir.path().join("kim");
    fs::create_dir(&kim).expect("a folder");
    fs::copy(&path, kim.join("huawei-leak.txt")).expect("copy");
    fs::copy(
        path.with_extension("ann.ron"),
        kim.join("huawei-leak.ann.ron"),
    )
    .expect("copy");
    let run = sayso(dir.path(), &["reanchor", "huawei-leak.txt"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let agree = sayso(
        dir.path(),
        &[
            "agree",
            "huawei-leak.ann.ron",
            "kim/huawei-leak.ann.ron",
            "--format",
            "json",
        ],
    );
    assert_eq!(agree.status.code(), Some(0), "{}", stderr_of(&agree));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&agree)).expect("JSON");
    let overall = &json["overall"];
    assert_eq!(overall["a"], 22, "{json}");
    assert_eq!(overall["exact"]["matched"], 22, "{json}");
}
