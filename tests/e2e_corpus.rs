//! A corpus in the real binary, in a pseudo-terminal: going from article to
//! article with the tags landing in each one's sidecar, finishing and
//! coming back, and the overview.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::pty::*;
use tempfile::TempDir;

/// A folder `news/` with a copy of the sample (`a.txt`) and a short
/// Unicode article (`b.txt`); and a state directory of its own.
fn newsroom() -> (TempDir, TempDir) {
    let dir = TempDir::new().unwrap();
    let news = dir.path().join("news");
    fs::create_dir(&news).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/huawei-leak.txt");
    fs::copy(sample, news.join("a.txt")).unwrap();
    fs::write(
        news.join("b.txt"),
        "Zoë said: “東京 is near 👩‍👩‍👧”.\r\n\r\nשלום denied it, the ministry said.\r\n",
    )
    .unwrap();
    (dir, TempDir::new().unwrap())
}

/// `sayso PATH` in the newsroom `dir`, with `state` as its state directory,
/// once the screen shows `first`.
fn sayso(dir: &TempDir, state: &TempDir, path: &str, first: &str) -> Session {
    let env = [("XDG_STATE_HOME", Some(state.path().as_os_str()))];
    Session::launch(dir.path(), &[path], &env, first)
}

fn article(dir: &TempDir, name: &str) -> PathBuf {
    dir.path().join("news").join(name)
}

#[test]
fn ctrl_n_and_ctrl_p_tag_into_each_articles_own_sidecar() {
    let (dir, state) = newsroom();
    let mut s = sayso(&dir, &state, "news", "a.txt · article 1/2");
    s.send(&format!("/witch hunt{ENTER}q"));
    s.wait_for("Tagged quote");
    s.send("\x0e");
    s.wait_for("b.txt · article 2/2");
    // The article left behind was saved before this one opened.
    assert_only_tag(&article(&dir, "a.txt"), "quote", "witch hunt");
    s.send(&format!("/東京 is near{ENTER}c"));
    s.wait_for("Tagged claim");
    s.send("\x10");
    s.wait_for("a.txt · article 1/2");
    s.wait_for("quote 1 · claim 0");
    s.send("\x10");
    s.wait_for("This is the first article");
    s.quit();
    assert_only_tag(&article(&dir, "a.txt"), "quote", "witch hunt");
    assert_only_tag(&article(&dir, "b.txt"), "claim", "東京 is near");
}

#[test]
fn f_marks_an_article_finished_and_the_next_session_goes_on_from_there() {
    let (dir, state) = newsroom();
    let mut s = sayso(&dir, &state, "news", "a.txt · article 1/2");
    s.send("F");
    s.wait_for("a.txt ✓ finished · article 1/2 · 1 finished");
    s.wait_for("Marked a.txt finished (u undoes)");
    s.quit();
    let file = sidecar(&article(&dir, "a.txt"));
    let finished = file.finished.expect("a is finished");
    assert_eq!(finished.by, "tester");
    assert!(
        finished.at.ends_with('Z') && finished.at.len() == 20,
        "{}",
        finished.at
    );
    assert!(file.annotations.is_empty());

    // The corpus opens on the first article not finished.
    let mut s = sayso(&dir, &state, "news", "b.txt · article 2/2 · 1 finished");
    s.send("j");
    s.wait_for("¶2/2");
    s.quit();

    // The article by itself opens where the cursor was left.
    let s = sayso(&dir, &state, "news/b.txt", "b.txt");
    s.wait_for("¶2/2");
    s.quit();
    let places = fs::read_to_string(state.path().join("sayso/places.json")).unwrap();
    assert!(places.contains("b.txt"), "{places}");
    assert!(
        !fs::read_to_string(article(&dir, "a.txt").with_extension("ann.ron"))
            .unwrap()
            .contains("cursor")
    );

    // Undone, the mark leaves the sidecar.
    let mut s = sayso(&dir, &state, "news/a.txt", "a.txt ✓ finished");
    s.send("F");
    s.wait_for("a.txt is no longer marked finished");
    s.send("u");
    s.wait_for("Undid: take the article's finished mark off");
    s.wait_for("a.txt ✓ finished");
    s.send("u");
    s.wait_for("Nothing to undo.");
    s.quit();
    let finished = sidecar(&article(&dir, "a.txt")).finished;
    assert_eq!(
        finished.map(|f| f.by),
        Some("tester".into()),
        "the mark is back"
    );
}

#[test]
fn the_overview_lists_the_articles_filters_them_and_opens_one() {
    let (dir, state) = newsroom();
    fs::write(article(&dir, "c.txt"), b"Caf\xe9 au lait\n").unwrap();
    let mut s = sayso(&dir, &state, "news", "a.txt · article 1/3");
    s.send("F");
    s.wait_for("1 finished");
    s.send("O");
    s.wait_for("Articles (3) · 1 finished");
    let row = |name: &'static str, test: fn(&str) -> bool| {
        move |t: &Terminal| {
            t.parser
                .screen()
                .contents()
                .lines()
                .any(|l| l.contains(&format!(" {name} ")) && test(l))
        }
    };
    s.wait_until(
        "a's row, open and finished",
        row("a.txt", |l| l.starts_with("│▶ ✓ a.txt")),
    );
    s.wait_until(
        "c's problem",
        row("c.txt", |l| l.contains("is not UTF-8 text")),
    );
    // b: 2 paragraphs, no quote, counted in the background.
    s.wait_until(
        "b's counts",
        row("b.txt", |l| {
            l.split_whitespace().skip(2).take(2).collect::<Vec<_>>() == ["2", "0"]
        }),
    );
    s.send("u");
    s.wait_for("Articles (2 of 3)");
    s.send("/B");
    s.wait_for("Articles (1 of 3)");
    s.send(&format!("{ENTER}{ENTER}"));
    s.wait_for("b.txt · article 2/3 · 1 finished");
    // c cannot be opened: Ctrl-n says so and stays.
    s.send("\x0e");
    s.wait_for("No other article opens that way: news/c.txt is not UTF-8");
    s.wait_for("b.txt · article 2/3");
    s.quit();
}
