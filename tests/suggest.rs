//! `sayso suggest` from outside: what it adds to sidecars, what it never
//! adds again, the inputs it skips, and outside suggesters (`--with`).

mod common;

use std::fs;
use std::path::Path;

use common::{ARTICLE, sayso, stderr_of, stdout_of};
use sayso_core::annotation::{Origin, Status};
use sayso_core::article::Article;
use sayso_core::store::{self, Sidecar};
use tempfile::TempDir;

const SAMPLE: &str = include_str!("../annotations/huawei-leak.txt");

/// A folder with the sample article (no sidecar) as `story.txt`.
fn with_sample() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    fs::write(dir.path().join("story.txt"), SAMPLE).expect("the article");
    dir
}

fn sidecar_of(dir: &Path, name: &str) -> Sidecar {
    let path = dir.join(name);
    let article = Article::from_bytes(fs::read(&path).expect("the article")).expect("UTF-8");
    store::load(&article, &store::sidecar_path(&path))
        .expect("the sidecar parses")
        .expect("a sidecar was written")
}

#[test]
fn suggestions_are_pending_suggested_and_counted() {
    let dir = with_sample();
    let output = sayso(dir.path(), &["suggest", "story.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let stdout = stdout_of(&output);
    let sidecar = sidecar_of(dir.path(), "story.txt");
    let quotes = sidecar
        .annotations
        .iter()
        .filter(|a| a.label == "quote")
        .count();
    assert_eq!(quotes, 10);
    assert!(
        stdout.starts_with(&format!(
            "story.txt: {} suggestions added (",
            sidecar.annotations.len()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("10 quotes"), "{stdout}");
    assert!(stdout.contains("\n1 article: "), "{stdout}");
    for a in &sidecar.annotations {
        assert_eq!((a.status, a.origin), (Status::Pending, Origin::Suggested));
        assert_eq!(a.author, "sayso-suggest");
    }
    let basu = sidecar
        .annotations
        .iter()
        .find(|a| a.label == "quote" && a.spans.len() == 7);
    assert_eq!(basu.and_then(|a| a.speaker.as_deref()), Some("Neil Basu"));
}

#[test]
fn running_again_adds_nothing_and_rejected_stays_rejected() {
    let dir = with_sample();
    let first = sayso(dir.path(), &["suggest", "story.txt", "--annotator", "bot"]);
    assert_eq!(first.status.code(), Some(0));
    let sidecar_path = dir.path().join("story.ann.ron");
    let written = fs::read_to_string(&sidecar_path).expect("the sidecar");
    assert!(written.contains("author: \"bot\""));
    let again = sayso(dir.path(), &["suggest", "story.txt"]);
    assert_eq!(
        stdout_of(&again),
        "story.txt: nothing new to suggest\n1 article: nothing new to suggest\n"
    );
    assert_eq!(
        fs::read_to_string(&sidecar_path).expect("the sidecar"),
        written
    );
    // An editor rejects everything: nothing comes back.
    let rejected = written.replace("status: Pending", "status: Rejected");
    fs::write(&sidecar_path, &rejected).expect("rejected");
    let after = sayso(dir.path(), &["suggest", "story.txt"]);
    assert!(
        stdout_of(&after).contains("nothing new"),
        "{}",
        stdout_of(&after)
    );
    assert_eq!(
        fs::read_to_string(&sidecar_path).expect("the sidecar"),
        rejected
    );
}

#[test]
fn what_an_editor_tagged_is_kept_and_not_proposed_again() {
    let dir = with_sample();
    let sample_sidecar = include_str!("../annotations/huawei-leak.ann.ron")
        .replace("file: \"huawei-leak.txt\"", "file: \"story.txt\"");
    fs::write(dir.path().join("story.ann.ron"), &sample_sidecar).expect("the sidecar");
    let before = sidecar_of(dir.path(), "story.txt");
    let output = sayso(dir.path(), &["suggest", "story.txt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let after = sidecar_of(dir.path(), "story.txt");
    for a in &before.annotations {
        assert!(after.annotations.contains(a), "{a:?} was changed or lost");
    }
    let highest = before
        .annotations
        .iter()
        .map(|a| a.id)
        .chain(before.detached.iter().map(|r| r.id))
        .max()
        .unwrap_or(0);
    for a in after
        .annotations
        .iter()
        .filter(|a| !before.annotations.contains(a))
    {
        assert!(a.id > highest);
        let same_label = before.annotations.iter().filter(|b| b.label == a.label);
        for b in same_label {
            assert!(
                !a.spans.iter().any(|s| b.overlaps(s)),
                "{a:?} repeats {b:?}"
            );
        }
    }
}

#[test]
fn a_directory_gives_its_txt_files_with_or_without_a_sidecar() {
    let dir = TempDir::new().expect("a temporary folder");
    let root = dir.path();
    fs::create_dir_all(root.join("desk/sub")).expect("folders");
    fs::create_dir_all(root.join("desk/.hidden")).expect("folders");
    let text = "Olga Brandt said: \"Nobody told us anything about the plan.\"\n";
    for name in [
        "desk/a.txt",
        "desk/sub/b.txt",
        "desk/.hidden/c.txt",
        "desk/notes.md",
    ] {
        fs::write(root.join(name), text).expect("an article");
    }
    let output = sayso(root, &["suggest", "desk"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        stdout_of(&output),
        "desk/a.txt: 1 suggestion added (1 quote)\n\
         desk/sub/b.txt: 1 suggestion added (1 quote)\n\
         2 articles: 2 suggestions added (2 quotes)\n"
    );
    assert!(!root.join("desk/.hidden/c.ann.ron").exists());
    assert!(!root.join("desk/notes.ann.ron").exists());
}

#[test]
fn bad_inputs_are_skipped_with_one_line_each_and_exit_1() {
    let dir = with_sample();
    let root = dir.path();
    fs::write(root.join("latin1.txt"), b"caf\xe9 \"au lait\"").expect("not UTF-8");
    fs::write(root.join("broken.txt"), "Olga said: \"We wait.\"").expect("an article");
    let broken = "(format: 1, annotations: [ this is not RON";
    fs::write(root.join("broken.ann.ron"), broken).expect("a broken sidecar");
    let output = sayso(
        root,
        &[
            "suggest",
            "missing.txt",
            "latin1.txt",
            "broken.txt",
            "story.txt",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines[0].starts_with("sayso: skipped: cannot open missing.txt"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("latin1.txt is not UTF-8 text"),
        "{stderr}"
    );
    assert!(lines[2].contains("broken.ann.ron"), "{stderr}");
    assert!(
        lines[3].contains("left out the 3 articles named above"),
        "{stderr}"
    );
    // The broken sidecar is never written over; the good article is done.
    assert_eq!(
        fs::read_to_string(root.join("broken.ann.ron")).expect("kept"),
        broken
    );
    assert!(root.join("story.ann.ron").exists());
    assert!(stdout_of(&output).contains("story.txt: "));
}

#[test]
fn strict_stops_at_the_first_bad_input() {
    let dir = with_sample();
    let root = dir.path();
    fs::write(root.join("a.txt"), "Olga said: \"We wait for them.\"").expect("an article");
    fs::write(root.join("b.txt"), b"\xff\xfe").expect("not UTF-8");
    fs::write(root.join("c.txt"), "Olga said: \"We wait for them.\"").expect("an article");
    let output = sayso(root, &["suggest", "--strict", "a.txt", "b.txt", "c.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(root.join("a.ann.ron").exists());
    assert!(!root.join("c.ann.ron").exists());
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("b.txt is not UTF-8") && stderr.contains("--strict"),
        "{stderr}"
    );
}

#[test]
fn no_article_at_all_is_an_error() {
    let dir = TempDir::new().expect("a temporary folder");
    let output = sayso(dir.path(), &["suggest", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("no articles found"));
}

// Outside suggesters.

/// Writes an executable shell script `name` in `dir`.
fn script(dir: &Path, name: &str, body: &str) {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("a script");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("executable");
    }
}

#[cfg(unix)]
#[test]
fn an_outside_suggester_reads_the_article_and_its_lines_are_added() {
    let dir = TempDir::new().expect("a temporary folder");
    let root = dir.path();
    fs::write(root.join("a.txt"), ARTICLE).expect("the article");
    // The text on stdin is the article's without its BOM, CRLF kept; the
    // offsets are chars of it.
    script(
        root,
        "suggester",
        r#"cat > "$SAYSO_ARTICLE.seen"
printf '{"label":"quote","start":23,"end":58,"speaker":"Zoë Ångström","note":"from a model"}\n'
printf '\n{"label":"place","start":86,"end":88,"text":"北京"}\n'"#,
    );
    let output = sayso(root, &["suggest", "a.txt", "--with", "./suggester"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        stdout_of(&output),
        "a.txt: 2 suggestions added (1 place, 1 quote)\n1 article: 2 suggestions added (1 place, 1 quote)\n"
    );
    let seen = fs::read_to_string(root.join("a.txt.seen")).expect("the script saw the text");
    assert_eq!(seen, ARTICLE.trim_start_matches(common::BOM));
    let sidecar = sidecar_of(root, "a.txt");
    let article = Article::from_bytes(ARTICLE.as_bytes().to_vec()).expect("UTF-8");
    let texts: Vec<(&str, &str, Option<&str>)> = sidecar
        .annotations
        .iter()
        .map(|a| {
            (
                a.label.as_str(),
                &article.text()[a.start()..a.end()],
                a.speaker.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            (
                "quote",
                "We will not 👩\u{200d}👩\u{200d}👧 comment on leaks,",
                Some("Zoë Ångström")
            ),
            ("place", "北京", None),
        ]
    );
    assert!(
        sidecar
            .annotations
            .iter()
            .all(|a| a.origin == Origin::Suggested && a.status == Status::Pending)
    );
    // Again: nothing new.
    let again = sayso(root, &["suggest", "a.txt", "--with", "./suggester"]);
    assert!(
        stdout_of(&again).starts_with("a.txt: nothing new"),
        "{}",
        stdout_of(&again)
    );
}

#[cfg(unix)]
#[test]
fn a_bad_line_or_a_span_that_does_not_fit_writes_nothing() {
    let dir = TempDir::new().expect("a temporary folder");
    let root = dir.path();
    fs::write(root.join("a.txt"), "Olga said: \"We wait.\"\n").expect("the article");
    let cases = [
        (
            r#"echo '{"label":"quote","start":12,"end":20}'; echo 'not json'"#,
            "a.txt: line 2 of the suggester's output: column 2: expected ident",
        ),
        (
            r#"echo '{"label":"quote","start":12,"end":20}'; echo '{"label":"quote","start":0,"end":4,"text":"Anna"}'"#,
            "a.txt: line 2 of the suggester's output: span 0..4 should read \"Anna\" but the article has \"Olga\" there",
        ),
        (
            r#"echo '{"label":"quote","start":12,"end":99}'"#,
            "a.txt: line 1 of the suggester's output: span 12..99 ends past the end of the article",
        ),
        (
            "echo 'it broke' >&2; exit 3",
            "a.txt: `SCRIPT` failed (exit code 3): it broke",
        ),
        (
            "printf '\\377'",
            "a.txt: `SCRIPT` printed something that is not UTF-8 text",
        ),
    ];
    for (i, (body, expected)) in cases.iter().enumerate() {
        let name = format!("s{i}");
        script(root, &name, body);
        let command = format!("./{name}");
        let output = sayso(root, &["suggest", "a.txt", "--with", &command]);
        assert_eq!(output.status.code(), Some(1), "{body}");
        let stderr = stderr_of(&output);
        let expected = expected.replace("SCRIPT", &command);
        assert!(
            stderr
                .lines()
                .next()
                .is_some_and(|l| l.starts_with(&format!("sayso: skipped: {expected}"))),
            "{body}: {stderr}"
        );
        assert!(!root.join("a.ann.ron").exists(), "{body} wrote a sidecar");
    }
}

#[cfg(unix)]
#[test]
fn a_suggester_that_takes_too_long_is_stopped() {
    let dir = TempDir::new().expect("a temporary folder");
    let root = dir.path();
    fs::write(root.join("a.txt"), "Olga said: \"We wait.\"\n").expect("the article");
    let started = std::time::Instant::now();
    let output = sayso(
        root,
        &[
            "suggest",
            "a.txt",
            "--with",
            "exec sleep 30",
            "--timeout",
            "0.3",
        ],
    );
    assert!(started.elapsed().as_secs() < 20, "the timeout was not kept");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("did not finish within 0.3 s (--timeout)"),
        "{stderr}"
    );
    assert!(!root.join("a.ann.ron").exists());
    let bad = sayso(root, &["suggest", "a.txt", "--timeout", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// An editor who saves while an outside suggester runs (it may take its
/// whole timeout) keeps what they saved: the suggestions are merged into the
/// sidecar as it is once the suggester is done, not as it was before.
#[cfg(unix)]
#[test]
fn a_tag_saved_while_an_outside_suggester_runs_is_kept() {
    let dir = TempDir::new().expect("a temporary folder");
    let root = dir.path();
    fs::write(root.join("a.txt"), ARTICLE).expect("the article");
    script(
        root,
        "quoter",
        r#"printf '{"label":"quote","start":23,"end":58,"speaker":"Zoë Ångström"}\n'"#,
    );
    let first = sayso(root, &["suggest", "a.txt", "--with", "./quoter"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr_of(&first));
    fs::rename(root.join("a.ann.ron"), root.join("saved.ron")).expect("kept aside");
    // While this suggester runs, the editor's save puts the quote in place.
    script(
        root,
        "slow",
        r#"cp saved.ron a.ann.ron
printf '{"label":"place","start":86,"end":88,"text":"北京"}\n'"#,
    );
    let output = sayso(root, &["suggest", "a.txt", "--with", "./slow"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let mut labels: Vec<String> = sidecar_of(root, "a.txt")
        .annotations
        .iter()
        .map(|a| a.label.clone())
        .collect();
    labels.sort();
    assert_eq!(labels, ["place", "quote"]);
}
