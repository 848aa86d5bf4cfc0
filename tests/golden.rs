//! Golden files: every format exported from the sample article
//! (`annotations/huawei-leak.txt` and its committed sidecar), compared byte
//! for byte with `tests/golden/`.
//!
//! After a change to a format, regenerate them and read the diff:
//!
//! ```sh
//! SAYSO_UPDATE_GOLDEN=1 cargo test --test golden
//! git diff tests/golden
//! ```

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{sayso, stderr_of};
use serde_json::Value;

const SAMPLE: &str = "annotations/huawei-leak.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden(name: &str) -> PathBuf {
    root().join("tests/golden").join(name)
}

/// Compares `actual` with the golden file `name`, or writes it there when
/// `SAYSO_UPDATE_GOLDEN` is set.
fn check(name: &str, actual: &[u8]) {
    let path = golden(name);
    if std::env::var_os("SAYSO_UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with SAYSO_UPDATE_GOLDEN=1 cargo test --test golden",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from its golden file; if the change is intended, run \
         SAYSO_UPDATE_GOLDEN=1 cargo test --test golden and review `git diff tests/golden`\n\
         --- actual ---\n{}",
        String::from_utf8_lossy(actual)
    );
}

/// Exports the sample with `args` from the repository root and gives stdout.
fn export(args: &[&str]) -> Vec<u8> {
    let mut all = vec!["export", SAMPLE];
    all.extend_from_slice(args);
    let output = sayso(root(), &all);
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "sayso {all:?}: {}",
        stderr_of(&output)
    );
    output.stdout
}

#[test]
fn jsonl() {
    let out = export(&["--format", "jsonl"]);
    // The golden rows index the sample's text, as every export must.
    let text: Vec<char> = fs::read_to_string(root().join(SAMPLE))
        .unwrap()
        .chars()
        .collect();
    let mut rows = 0;
    for line in String::from_utf8_lossy(&out).lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            row["text"].as_str().unwrap()
        );
        rows += 1;
    }
    assert_eq!(rows, 28, "22 annotations, one of them of seven spans");
    check("huawei-leak.jsonl", &out);
}

#[test]
fn csv() {
    check("huawei-leak.csv", &export(&["--format", "csv"]));
}

#[test]
fn w3c() {
    // A base makes the IRIs the same on every machine; without one they
    // are file:// URLs of where the files are (tests/w3c.rs).
    check(
        "huawei-leak.w3c.json",
        &export(&["--format", "w3c", "--base", "https://example.org/sayso/"]),
    );
}

#[test]
fn label_studio() {
    check(
        "huawei-leak.label-studio.json",
        &export(&["--format", "label-studio"]),
    );
}

#[test]
fn doccano() {
    check(
        "huawei-leak.doccano.jsonl",
        &export(&["--format", "doccano"]),
    );
}

#[test]
fn conll() {
    check(
        "huawei-leak.quote.conll",
        &export(&["--format", "conll", "--labels", "quote"]),
    );
}

#[test]
fn html() {
    check("huawei-leak.html", &export(&["--format", "html"]));
}

#[test]
fn brat() {
    let out = tempfile::TempDir::new().unwrap();
    let folder = out.path().to_string_lossy().into_owned();
    assert!(export(&["--format", "brat", "-o", &folder]).is_empty());
    for name in ["huawei-leak.txt", "huawei-leak.ann", "annotation.conf"] {
        check(
            &format!("brat/{name}"),
            &fs::read(out.path().join(name)).unwrap(),
        );
    }
}
