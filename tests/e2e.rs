//! The real binary in a pseudo-terminal: keys typed, the screen read back
//! through a terminal emulator, the sidecar checked on disk.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use common::pty::*;
use sayso_core::annotation::testing;
use tempfile::TempDir;

#[test]
fn a_quote_found_by_search_is_tagged_and_saved() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}q"));
    s.wait_for("Tagged quote");
    s.wait_for("u undoes");
    s.quit();

    let needle = "shabby and discredited";
    assert_only_tag(&path, "quote", needle);
}

#[test]
fn offsets_count_chars_not_bytes_and_skip_the_bom() {
    let contents = "\u{feff}Cafe\u{301} owner 👩‍👩‍👧 🇫🇷 met 习近平 and שלום.\r\n\r\nZoë said: “The naïve plan is dead.”\r\n";
    let (dir, path) = article("unicode.txt", contents.as_bytes());
    let mut s = Session::start(dir.path(), &["unicode.txt"]);
    s.send(&format!("/NAÏVE PLAN{ENTER}c"));
    s.wait_for("Tagged claim");
    s.quit();

    let text = text_of(&path);
    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 1, "{file:?}");
    let start = char_index(&text, "naïve plan");
    assert_eq!(start, 57, "the expected offset itself is wrong");
    assert_tag(&text, &file.annotations[0], "claim", start, "naïve plan");
}

#[test]
fn a_claim_without_selection_is_the_sentence_at_the_cursor() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    // Paragraph 15 has three sentences; `)` goes to the second.
    s.send(&"j".repeat(14));
    s.wait_for("¶15/23");
    s.send(")c");
    s.wait_for("Tagged claim");
    s.quit();

    let sentence = "I am satisfied that the disclosure did not amount to a criminal offence, either under the Official Secrets Act or Misconduct in a Public Office.";
    assert_only_tag(&path, "claim", sentence);
}

#[test]
fn undo_removes_the_tag_from_the_sidecar() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/witch hunt{ENTER}d"));
    s.wait_for("Tagged denial");
    s.send("u");
    s.wait_for("Undid");
    s.quit();

    let sidecar_path = path.with_extension("ann.ron");
    if sidecar_path.exists() {
        let file = sidecar(&path);
        assert!(file.annotations.is_empty(), "undone but saved: {file:?}");
    }
}

#[test]
fn reopening_shows_the_saved_annotations() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/compelling evidence{ENTER}q"));
    s.wait_for("Tagged quote");
    s.quit();
    let saved = fs::read(path.with_extension("ann.ron")).unwrap();

    let s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.wait_for("1 annotation ");
    s.wait_for("quote 1");
    s.quit();
    assert_eq!(
        fs::read(path.with_extension("ann.ron")).unwrap(),
        saved,
        "opening and quitting changed the sidecar"
    );
}

#[test]
fn a_schema_tags_with_its_own_keys_and_units_and_keeps_other_labels() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/witch hunt{ENTER}c"));
    s.wait_for("Tagged claim");
    s.quit();
    fs::write(
        dir.path().join("schema.ron"),
        "(labels: [\n\
            (name: \"source\", key: 'o', color: \"light-green\", unit: word),\n\
            (name: \"caption\", key: 't', color: \"#d08770\", unit: paragraph),\n\
        ])\n",
    )
    .unwrap();

    let mut s = Session::start(dir.path(), &["--schema", "schema.ron", "huawei-leak.txt"]);
    s.wait_for("source 0 · caption 0");
    // Paragraph 2 is a photo caption ending in its source.
    s.send("jt");
    s.wait_for("Tagged caption");
    s.send("$o");
    s.wait_for("Tagged source");
    s.quit();

    let text = text_of(&path);
    let file = sidecar(&path);
    let tags: Vec<(&str, &str)> = file
        .annotations
        .iter()
        .map(|r| (r.label.as_str(), r.spans[0].text.as_str()))
        .collect();
    assert_eq!(
        tags,
        [
            ("claim", "witch hunt"),
            (
                "caption",
                "Gavin Williamson was fired from his role as Defence Secretary following the leak. Credit: PA"
            ),
            ("source", "PA"),
        ]
    );
    assert_tag(
        &text,
        &file.annotations[2],
        "source",
        char_index(&text, "PA\n"),
        "PA",
    );
}

/// Tags, then ends sayso with `signal` instead of a key: the tag is on disk
/// and the terminal is restored.
fn tag_then_signal(signal: &str) {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/proper, full and impartial{ENTER}q"));
    s.wait_for("Tagged quote");
    s.signal(signal);
    let status = s.wait_exit();
    assert!(
        status.success(),
        "SIG{signal} killed sayso instead of ending it: {status:?}"
    );

    let needle = "proper, full and impartial";
    assert_only_tag(&path, "quote", needle);
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    tag_then_signal("TERM");
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    tag_then_signal("HUP");
}

/// Reads the pty into a screen, telling `seen` as each of `texts` shows up
/// in turn, and stops reading after the last (dropping its end of the
/// terminal) or when the output ends.
fn read_until(mut reader: Box<dyn Read + Send>, texts: &[&str], seen: Sender<usize>) {
    let mut parser = vt100::Parser::new(
        ROWS.try_into().expect("rows"),
        COLS.try_into().expect("columns"),
        0,
    );
    let mut buf = [0; 64 * 1024];
    let mut next = 0;
    while next < texts.len() {
        match reader.read(&mut buf) {
            Ok(n) if n > 0 => parser.process(&buf[..n]),
            _ => return,
        }
        while next < texts.len() && parser.screen().contents().contains(texts[next]) {
            let _ = seen.send(next);
            next += 1;
        }
    }
}

#[test]
fn a_terminal_that_hangs_up_ends_sayso_with_everything_saved() {
    let (dir, path) = huawei();
    let state = TempDir::new().unwrap();
    let env = [("XDG_STATE_HOME", Some(state.path().as_os_str()))];
    let (master, mut child) = spawn(dir.path(), &["huawei-leak.txt"], &env, ROWS, COLS);
    let reader = master.try_clone_reader().expect("the pty reads");
    let mut writer = master.take_writer().expect("the pty writes");
    let (seen, shown) = std::sync::mpsc::channel();
    let reading = std::thread::spawn(move || {
        read_until(reader, &["huawei-leak.txt", "Tagged quote"], seen);
    });
    assert_eq!(shown.recv_timeout(DEADLINE), Ok(0), "the first frame shows");
    writer
        .write_all(format!("/proper, full and impartial{ENTER}q").as_bytes())
        .expect("keys reach sayso");
    assert_eq!(shown.recv_timeout(DEADLINE), Ok(1), "the tag shows");
    reading.join().expect("the reader stops");

    // What sshd does when the connection drops: the terminal goes away.
    drop(writer);
    drop(master);
    let mut killer = child.clone_killer();
    let (exited, exit) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = exited.send(child.wait());
    });
    let status = exit.recv_timeout(DEADLINE);
    if status.is_err() {
        let _ = killer.kill();
    }
    let status = status
        .expect("sayso ends after its terminal hangs up instead of running on")
        .expect("the exit status");
    // It may end on the hang-up signal (0) or on the failed read of the
    // terminal (1), whichever it sees first; never killed or aborted.
    assert_eq!(status.signal(), None, "{status:?}");

    let needle = "proper, full and impartial";
    assert_only_tag(&path, "quote", needle);
}

#[test]
fn read_only_refuses_to_tag_and_writes_nothing() {
    let (dir, _) = huawei();
    let mut s = Session::start(dir.path(), &["--read-only", "huawei-leak.txt"]);
    s.wait_for("read-only");
    s.wait_for("Read-only: nothing will be saved");
    s.send(&format!("/witch hunt{ENTER}q"));
    s.wait_for("Read-only: annotations cannot be changed");
    s.send("\x13");
    s.wait_for("Read-only: nothing is saved");
    s.quit();
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["huawei-leak.txt"], "read-only wrote files");
}

#[test]
fn control_characters_in_the_article_never_reach_the_terminal() {
    let contents =
        "Title\x1b[2J\x1b]0;pwned\x07 text\tTab\x01\n\nThe second paragraph stays visible.\n";
    let (dir, path) = article("ctl.txt", contents.as_bytes());
    let mut s = Session::start(dir.path(), &["ctl.txt"]);
    {
        let terminal = s.lock_showing("The second paragraph stays visible.");
        let screen = terminal.parser.screen();
        let contents = screen.contents();
        assert!(contents.contains('␛'), "ESC is not shown as ␛:\n{contents}");
        assert!(contents.contains("pwned"), "{contents}");
        assert!(contents.contains("Tab"), "{contents}");
        let events = terminal.parser.callbacks();
        assert!(
            events.titles.is_empty(),
            "the article set the title: {:?}",
            events.titles
        );
        assert_eq!(events.bells, 0, "the article rang the bell");
        // A raw ESC[2J while drawing would have wiped the frame drawn before it.
        let top: String = screen.rows(0, COLS).next().unwrap();
        assert!(top.contains("ctl.txt"), "the frame is gone:\n{contents}");
        assert!(screen.alternate_screen());
    }
    // Tagging the paragraph keeps its control characters in the sidecar.
    s.send("c");
    s.wait_for("Tagged claim");
    s.quit();
    let text = text_of(&path);
    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 1, "{file:?}");
    let span = &file.annotations[0].spans[0];
    assert_eq!(chars(&text, span.start, span.end), span.text);
    assert!(span.text.starts_with("Title\x1b[2J"), "{span:?}");
    let raw = fs::read(path.with_extension("ann.ron")).unwrap();
    assert!(
        !raw.iter().any(|&b| b == 0x1b || b == 0x07 || b == 0x01),
        "control characters are written raw into the sidecar"
    );
}

#[test]
fn a_one_megabyte_paragraph_responds_to_keys() {
    let first = "The café owner Zoë said 👩‍👩‍👧 twice.";
    let fillers = [
        " The minister said: “We will not comment on leaks.”",
        " Officials in 北京 denied the report, calling it “baseless”.",
        " A spokesperson added that the review was ongoing.",
        " Critics said the plan was naïve and would fail.",
    ];
    let last = "The final sentence ends here.";
    let mut text = String::from(first);
    for filler in fillers.iter().cycle() {
        if text.len() >= 1 << 20 {
            break;
        }
        text.push_str(filler);
    }
    text.push(' ');
    text.push_str(last);
    let (dir, path) = article("long.txt", text.as_bytes());

    let mut s = Session::start(dir.path(), &["long.txt"]);
    let cursor = |t: &Terminal| t.parser.screen().cursor_position();
    // The frame is complete once the cursor sits on the first letter.
    let (row, col) = {
        let terminal = s.lock_showing("The café owner");
        let top = terminal.parser.screen().rows(0, COLS).nth(1).unwrap();
        let col = top[..top.find("The café").unwrap()].chars().count();
        (1, u16::try_from(col).unwrap())
    };
    s.wait_until("the cursor at the start", |t| cursor(t) == (row, col));
    s.send("l");
    s.wait_until("`l` to move the cursor", |t| cursor(t) == (row, col + 1));
    s.send("w");
    s.wait_until("`w` to reach café", |t| cursor(t) == (row, col + 4));
    s.send("c");
    s.wait_for("Tagged claim #1");
    s.send("$");
    s.wait_for(last);
    s.send("c");
    s.wait_for("Tagged claim #2");
    s.quit();

    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 2, "{file:?}");
    assert_tag(&text, &file.annotations[0], "claim", 0, first);
    let end = text.chars().count();
    assert_tag(
        &text,
        &file.annotations[1],
        "claim",
        end - last.chars().count(),
        last,
    );
}

#[test]
fn an_empty_article_says_so() {
    for contents in ["", "\n \n\t\n"] {
        let (dir, _) = article("empty.txt", contents.as_bytes());
        let mut s = Session::start(dir.path(), &["empty.txt"]);
        s.wait_for("The article is empty");
        s.send("jlw$c");
        s.wait_for("Nothing to tag");
        s.quit();
        assert!(
            !dir.path().join("empty.ann.ron").exists(),
            "an empty article got a sidecar"
        );
    }
}

/// Tags "shabby and discredited" in the sample, quits, then rewrites the
/// headline under the annotation; gives the sidecar as it was saved.
fn tag_then_change_the_article(dir: &Path, path: &Path) -> SidecarFile {
    let mut s = Session::start(dir, &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}q"));
    s.wait_for("Tagged quote");
    s.quit();
    let saved = sidecar(path);
    assert_eq!(saved.annotations.len(), 1);
    let text = text_of(path).replacen("'shabby and discredited witch hunt'", "'a witch hunt'", 1);
    fs::write(path, &text).unwrap();
    saved
}

#[test]
fn a_changed_article_keeps_its_detached_annotations() {
    let (dir, path) = huawei();
    tag_then_change_the_article(dir.path(), &path);
    let saved = fs::read(path.with_extension("ann.ron")).unwrap();

    let s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.wait_for("0 annotations · 1 detached");
    s.wait_for("The article changed: 0 kept, 0 moved, 0 changed, 1 detached (L lists).");
    s.quit();
    assert_eq!(
        fs::read(path.with_extension("ann.ron")).unwrap(),
        saved,
        "opening and quitting changed the sidecar"
    );
}

#[test]
fn tagging_beside_a_detached_annotation_keeps_both() {
    let (dir, path) = huawei();
    let before = tag_then_change_the_article(dir.path(), &path);

    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.wait_for("1 detached");
    s.send(&format!("/compelling evidence{ENTER}q"));
    s.wait_for("Tagged quote");
    s.quit();

    let text = text_of(&path);
    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 2, "{file:?}");
    let old = &before.annotations[0];
    let kept = file
        .annotations
        .iter()
        .find(|r| r.spans[0].text == "shabby and discredited")
        .expect("the detached annotation is still in the sidecar");
    assert_eq!(kept.id, old.id);
    assert_eq!(kept.spans[0].start, old.spans[0].start);
    assert_eq!(kept.created, old.created);
    let new = file.annotations.iter().find(|r| r.id != old.id).unwrap();
    let needle = "compelling evidence";
    assert_tag(&text, new, "quote", char_index(&text, needle), needle);
}

#[test]
fn a_broken_sidecar_read_behind_the_first_frame_ends_with_its_place_and_stays_as_it_was() {
    let (dir, path) = huawei();
    let sidecar = dir.path().join("huawei-leak.ann.ron");
    // A hand edit that breaks the file near its end, so that it is found
    // after the article is drawn.
    let mut broken = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/huawei-leak.ann.ron"),
    )
    .unwrap();
    let last = broken.rfind("status: ").unwrap();
    broken.insert_str(last + "status: ".len(), "Maybe");
    fs::write(&sidecar, &broken).unwrap();
    let line = broken[..last].matches('\n').count() + 1;

    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    // A tag typed at once waits for the annotations, and is never saved.
    s.send("q");
    let (status, shown) = s.wait_exit_showing();
    assert_eq!(status.exit_code(), 1, "{shown}");
    assert!(
        shown.contains(&format!("huawei-leak.ann.ron:{line}:")),
        "line {line}: {shown}"
    );
    assert!(shown.contains("sayso will not overwrite it"), "{shown}");
    assert_eq!(fs::read_to_string(&sidecar).unwrap(), broken);
    assert!(path.exists());
}

#[test]
fn resizing_redraws_and_a_tiny_terminal_is_explained() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    // A key answered shows the event loop is reading events, resizes too.
    s.send("j");
    s.wait_for("¶2/23");
    s.resize(8, 30);
    s.wait_for("too small");
    s.resize(24, 80);
    s.wait_for_frame_of_width(80);
    s.send(&format!("/compelling evidence{ENTER}q"));
    s.wait_for("Tagged quote");
    s.quit();
    let needle = "compelling evidence";
    assert_only_tag(&path, "quote", needle);
}

#[test]
fn a_resize_right_after_the_first_frame_is_not_lost() {
    let (dir, _) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.resize(8, 30);
    s.wait_for("too small");
    s.resize(ROWS, COLS);
    // Keys are sent only once the resize is drawn: crossterm drops the
    // terminal's readiness when a key and the resize signal arrive in the
    // same poll, so such a key waits for the next one.
    s.wait_for_frame_of_width(COLS);
    s.send("j");
    s.wait_for("¶2/23");
    s.quit();
}

const TAB: &str = "\t";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const RIGHT: &str = "\x1b[C";
const CTRL_X: &str = "\x18";

/// A copy of the sample article with its committed sidecar, every
/// annotation turned into a suggestion waiting for review when `pending`.
fn huawei_annotated(pending: bool) -> (TempDir, PathBuf) {
    let (dir, path) = huawei();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/huawei-leak.ann.ron");
    let mut sidecar = fs::read_to_string(committed).unwrap();
    if pending {
        sidecar = sidecar.replace("status: Accepted", "status: Pending");
    }
    fs::write(path.with_extension("ann.ron"), sidecar).unwrap();
    (dir, path)
}

/// The record with `id` in `file`.
fn record(file: &SidecarFile, id: u64) -> &Record {
    file.annotations
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no annotation #{id} in {file:?}"))
}

#[test]
fn s_makes_the_selection_the_speaker_and_the_sidecar_keeps_it() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}q"));
    s.wait_for("Tagged quote #1");
    s.send(&format!("/Gavin Williamson{ENTER}"));
    s.wait_for("“Gavin Williamson” 2/3");
    s.send("S");
    s.wait_for("Speaker of quote #1 is now “Gavin Williamson” (u undoes)");
    s.quit();

    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 1, "{file:?}");
    let quote = &file.annotations[0];
    assert_eq!(quote.speaker.as_deref(), Some("Gavin Williamson"));
    assert_eq!(quote.spans[0].text, "shabby and discredited");
}

#[test]
fn the_form_edits_label_speaker_and_note_and_completes_a_known_speaker() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}q"));
    s.wait_for("Tagged quote #1");
    s.send(ENTER);
    s.wait_for("Edit quote #1 · accepted");
    s.send("Gavin Williamson");
    s.send(DOWN);
    s.send("headline, not the statement");
    s.send(UP);
    s.send(UP);
    s.send(RIGHT);
    s.wait_for("◀ claim ▶");
    s.send(ENTER);
    s.wait_for("Saved claim #1 (u undoes)");

    // A second annotation: two letters and Tab give the speaker named above.
    s.send(&format!("/proper, full and impartial{ENTER}q"));
    s.wait_for("Tagged quote #2");
    s.send(ENTER);
    s.wait_for("Edit quote #2");
    s.send("gav");
    s.wait_for("Tab: Gavin Williamson");
    s.send(TAB);
    s.wait_for("▶ Speaker Gavin Williamson");
    s.send(ENTER);
    s.wait_for("Saved quote #2");
    // Esc drops a draft: the third edit changes nothing.
    s.send(ENTER);
    s.wait_for("Edit quote #2");
    s.send(DOWN);
    s.send("dropped");
    s.send("\x1b");
    s.wait_for("cancelled");
    s.quit();

    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 2, "{file:?}");
    let first = record(&file, 1);
    assert_eq!(first.label, "claim");
    assert_eq!(first.speaker.as_deref(), Some("Gavin Williamson"));
    assert_eq!(first.note.as_deref(), Some("headline, not the statement"));
    let second = record(&file, 2);
    assert_eq!(second.label, "quote");
    assert_eq!(second.speaker.as_deref(), Some("Gavin Williamson"));
    assert_eq!(second.note, None, "Esc saved the draft");
}

#[test]
fn p_a_p_r_reviews_suggestions_and_the_sidecar_records_each_status() {
    let (dir, path) = huawei_annotated(true);
    let before = sidecar(&path);
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.wait_for("22 annotations · 22 pending");
    s.send("p");
    s.wait_for("quote #1 · pending (1/22)");
    s.send("a");
    s.wait_for("Accepted quote #1 (u undoes) · 21 pending left");
    s.send("p");
    s.wait_for("quote #2 · pending (2/22)");
    s.send("r");
    s.wait_for("Rejected quote #2");
    s.send("p");
    s.wait_for("quote #3 · pending (3/22)");
    s.send("a");
    s.wait_for("22 annotations · 20 pending");
    s.quit();

    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 22, "a rejected annotation stays");
    let status = |id| &record(&file, id).status;
    assert_eq!(status(1), &Status::Accepted);
    assert_eq!(status(2), &Status::Rejected);
    assert_eq!(status(3), &Status::Accepted);
    for r in &file.annotations[3..] {
        assert_eq!(r.status, Status::Pending, "#{} changed", r.id);
    }
    for (old, new) in before.annotations.iter().zip(&file.annotations) {
        assert_eq!((old.id, &old.spans[0].text), (new.id, &new.spans[0].text));
        assert_eq!(old.created, new.created);
    }
}

#[test]
fn j_joins_two_quotes_and_the_form_splits_them_again() {
    let (dir, path) = huawei_annotated(false);
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(TAB);
    s.wait_for("quote #1 · accepted (1/22)");
    s.send("J");
    s.wait_for("Joined quote #1 and #2: 2 spans (u undoes)");
    s.quit();

    let joined = sidecar(&path);
    assert_eq!(joined.annotations.len(), 21, "{joined:?}");
    let spans = &record(&joined, 1).spans;
    assert_eq!(spans.len(), 2);
    assert_eq!((spans[0].start, spans[1].start), (48, 297));
    assert!(joined.annotations.iter().all(|r| r.id != 2));

    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(TAB);
    s.wait_for("quote #1 · accepted (1/21)");
    s.send(ENTER);
    s.wait_for("2 spans · Ctrl-x on a row splits it off");
    s.send(DOWN);
    s.send(DOWN);
    s.send(DOWN);
    s.send(CTRL_X);
    s.wait_for("✂ splits off:");
    s.send(ENTER);
    s.wait_for("Saved quote #1; split off #24 (u undoes)");
    s.quit();

    let split = sidecar(&path);
    assert_eq!(split.annotations.len(), 22);
    let first = record(&split, 1);
    let second = record(&split, 24);
    assert_eq!(first.spans.len(), 1);
    assert_eq!(first.spans[0].start, 48);
    assert_eq!(second.spans.len(), 1);
    assert_eq!(second.spans[0].start, 297);
    assert_eq!(second.spans[0].text, "shabby and discredited witch hunt");
    assert_eq!(second.label, "quote");
    assert_eq!(second.status, Status::Accepted);
}

#[test]
fn sigterm_with_the_form_open_saves_what_was_typed() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}q"));
    s.wait_for("Tagged quote #1");
    s.send(ENTER);
    s.wait_for("Edit quote #1");
    s.send("习近平 👩‍👩‍👧 Zoë");
    // The last letters on screen: every key before them was read.
    s.wait_for("Zoë");
    s.signal("TERM");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");

    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 1, "{file:?}");
    assert_eq!(
        file.annotations[0].speaker.as_deref(),
        Some("习近平 👩‍👩‍👧 Zoë")
    );
}

/// An accepted annotation of mine ("ed") or theirs ("kim") of `label` on
/// the first `needle` of `text`, in the library's byte offsets.
fn annotation_on(
    text: &str,
    author: &str,
    id: u64,
    label: &str,
    needle: &str,
    speaker: Option<&str>,
) -> sayso_core::annotation::Annotation {
    let span = testing::span_of(text, needle);
    sayso_core::annotation::Annotation {
        speaker: speaker.map(String::from),
        author: author.into(),
        ..testing::annotation(id, label, vec![span])
    }
}

/// Writes `annotations` on the article `path` to `sidecar`, as sayso would.
fn write_sidecar(
    path: &Path,
    sidecar: &Path,
    annotations: Vec<sayso_core::annotation::Annotation>,
) {
    let article = sayso_core::article::Article::from_text(text_of(path));
    let live: Vec<Arc<sayso_core::annotation::Annotation>> =
        annotations.into_iter().map(Arc::new).collect();
    fs::create_dir_all(sidecar.parent().unwrap()).unwrap();
    let rendered = sayso_core::store::render(&article, "huawei-leak.txt", &live, &[], None);
    fs::write(sidecar, rendered).unwrap();
}

/// The sample article with my sidecar beside it and kim's in
/// `kim/huawei-leak.ann.ron`: kim changed the speaker of #1 and the label of
/// #2, deleted #3, cut #4 short and added a claim.
fn two_editors() -> (TempDir, PathBuf) {
    let (dir, path) = huawei();
    let text = text_of(&path);
    let gavin = Some("Gavin Williamson");
    let on = |author, id, label, needle, speaker| {
        annotation_on(&text, author, id, label, needle, speaker)
    };
    let mine = vec![
        on("ed", 1, "quote", "shabby and discredited witch hunt", gavin),
        on("ed", 2, "quote", "proper, full and impartial", gavin),
        on(
            "ed",
            3,
            "claim",
            "Scotland Yard said that the Huawei leak did not amount to a criminal offence",
            None,
        ),
        on(
            "ed",
            4,
            "denial",
            "did not contain information that would breach the Official Secrets Act",
            Some("Neil Basu"),
        ),
    ];
    let mut added = on(
        "kim",
        9,
        "claim",
        "Gavin Williamson was fired from his role as Defence Secretary following the leak.",
        None,
    );
    added.note = Some("the caption says so".into());
    let theirs = vec![
        on(
            "kim",
            1,
            "quote",
            "shabby and discredited witch hunt",
            Some("Mr Williamson"),
        ),
        added,
        on("kim", 2, "claim", "proper, full and impartial", gavin),
        on(
            "kim",
            4,
            "denial",
            "did not contain information",
            Some("Neil Basu"),
        ),
    ];
    write_sidecar(&path, &path.with_extension("ann.ron"), mine);
    write_sidecar(&path, &dir.path().join("kim/huawei-leak.ann.ron"), theirs);
    (dir, path)
}

#[test]
fn compare_d_goes_to_each_disagreement_and_t_takes_theirs_into_the_sidecar() {
    let (dir, path) = two_editors();
    let mut s = Session::start(
        dir.path(),
        &["--compare", "kim/huawei-leak.ann.ron", "huawei-leak.txt"],
    );
    s.wait_for("5 disagreements with kim/huawei-leak.ann.ron");
    {
        // Their spans are double-underlined, the lines of disagreements marked.
        let terminal = s.lock_showing("≠");
        let shown = terminal.parser.screen().contents();
        assert!(
            shown.contains("s\u{333}h\u{333}a\u{333}b\u{333}b\u{333}y\u{333}"),
            "{shown}"
        );
    }
    s.send("D");
    s.wait_for("≠ speaker: theirs (Mr Williamson), yours (Gavin Williamson)");
    s.send("T");
    s.wait_for("Took theirs for quote #1 (u undoes) · 4 left, D goes to the next.");
    s.send("D");
    s.wait_for("≠ only theirs (T adds it): claim");
    s.send("T");
    s.wait_for("Took theirs: added claim #5 (u undoes) · 3 left");
    s.send("D");
    s.wait_for("≠ label: theirs claim, yours quote");
    s.send("T");
    s.wait_for("Took theirs for claim #2");
    s.send("D");
    s.wait_for("≠ only yours (T deletes it): claim");
    s.send("T");
    s.wait_for("Took theirs: deleted claim #3 (u undoes) · 1 left");
    s.send("D");
    s.wait_for("≠ span: theirs “did not con…information”, yours “did not con…Secrets Act”");
    s.send("T");
    s.wait_for("no disagreement left.");
    s.wait_for("0 disagreements with kim/huawei-leak.ann.ron");
    // Keeping my claim after all: one u brings it back.
    s.send("u");
    s.wait_for("Undid: edit denial #4");
    s.send("u");
    s.wait_for("Undid: delete claim #3");
    s.wait_for("2 disagreements with kim/huawei-leak.ann.ron");
    s.quit();

    let file = sidecar(&path);
    let ids: Vec<u64> = file.annotations.iter().map(|r| r.id).collect();
    assert_eq!(ids, [1, 5, 2, 3, 4], "{file:?}");
    assert_eq!(record(&file, 1).speaker.as_deref(), Some("Mr Williamson"));
    assert_eq!(record(&file, 2).label, "claim");
    assert_eq!(record(&file, 3).label, "claim", "the deletion was undone");
    assert_eq!(
        record(&file, 4).spans[0].text,
        "did not contain information that would breach the Official Secrets Act",
        "the last take was undone"
    );
    let added = record(&file, 5);
    assert_eq!(
        added.spans[0].text,
        "Gavin Williamson was fired from his role as Defence Secretary following the leak."
    );
    assert_eq!(added.note.as_deref(), Some("the caption says so"));
    assert_eq!(
        (&added.status, &added.origin, added.author.as_str()),
        (&Status::Accepted, &Origin::Imported, "kim")
    );
    let text = text_of(&path);
    for r in &file.annotations {
        let span = &r.spans[0];
        assert_eq!(chars(&text, span.start, span.end), span.text, "{r:?}");
    }
}

#[test]
fn compare_read_only_goes_through_disagreements_but_takes_nothing() {
    let (dir, path) = two_editors();
    let before = fs::read(path.with_extension("ann.ron")).unwrap();
    let mut s = Session::start(
        dir.path(),
        &[
            "--read-only",
            "--compare",
            "kim/huawei-leak.ann.ron",
            "huawei-leak.txt",
        ],
    );
    s.wait_for("Read-only: nothing will be saved. Comparing with kim/huawei-leak.ann.ron");
    s.send("DD");
    s.wait_for("≠ only theirs (T adds it): claim");
    s.send("T");
    s.wait_for("Read-only: annotations cannot be changed");
    s.wait_for("5 disagreements with kim/huawei-leak.ann.ron");
    s.quit();
    assert_eq!(fs::read(path.with_extension("ann.ron")).unwrap(), before);
}
