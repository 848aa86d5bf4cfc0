//! The annotator as a first-time user meets it, in a pseudo-terminal: what
//! only the real terminal shows (sizes, colours off, the environment) and
//! what the keys leave in the sidecar.

mod common;

use std::ffi::OsStr;

use common::pty::*;

const ESC: &str = "\x1b";
const UP: &str = "\x1b[A";

/// The screen's text, row by row.
fn rows(s: &Session) -> Vec<String> {
    let terminal = s.lock_when("a frame", |_| true);
    let screen = terminal.parser.screen();
    let (_, cols) = screen.size();
    screen.rows(0, cols.into()).collect()
}

#[test]
fn quote_mark_then_q_tags_the_seven_spans_q_alone_tags() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/I have spoken{ENTER}"));
    s.wait_for("“I have spoken” 1/1");
    // Esc alone: sent with the next key, the terminal reads Alt and that key.
    s.send(ESC);
    s.wait_for("q quote");
    s.send("\"");
    s.wait_for("Selected a quotation of 7 spans");
    s.send("q");
    s.wait_for("Tagged quote #1");
    s.quit();

    let text = text_of(&path);
    let file = sidecar(&path);
    let quote = &file.annotations[0];
    assert_eq!(quote.spans.len(), 7, "{quote:?}");
    assert!(quote.spans[0].text.starts_with("I have spoken"));
    for span in &quote.spans {
        assert_eq!(chars(&text, span.start, span.end), span.text);
        assert!(!span.text.starts_with('"'), "{span:?}");
        assert!(!span.text.contains("Credit: PA"), "the caption: {span:?}");
    }
    assert!(quote.spans[6].text.ends_with("circumstances."));
}

#[test]
fn a_search_far_away_drops_the_current_annotation_so_s_names_no_one() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}q"));
    s.wait_for("Tagged quote #1");
    // Paragraph 23 is screens away: the quote is no longer on screen.
    s.send(&format!("/telling ITV{ENTER}"));
    s.wait_for("“telling ITV” 1/1");
    s.send("S");
    s.wait_for("No annotation on screen is current to give a speaker");
    s.send("x");
    s.wait_for("No annotation on screen is current to delete");
    // g then Tab: the first annotation after the cursor, on screen again.
    s.send("g\t");
    s.wait_for("quote #1 · accepted (1/1)");
    s.quit();

    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(file.annotations[0].speaker, None);
}

#[test]
fn search_counts_folds_and_remembers_and_colon_goes_to_a_paragraph() {
    let (dir, _path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/itv WALES{ENTER}"));
    s.wait_for("“itv WALES” 1/1");
    s.send(&format!("/basu{ENTER}"));
    s.wait_for("“basu” 1/");
    s.send("nnnn");
    s.wait_for("“basu” 1/4 · past the end");
    s.send(&format!("/{UP}{UP}"));
    s.wait_for("/itv WALES▏");
    s.send(ESC);
    s.wait_until("the search prompt closed", |t| {
        !t.parser.screen().contents().contains("/itv WALES▏")
    });
    s.send(&format!(":12{ENTER}"));
    s.wait_for("¶12/23");
    s.quit();
}

#[test]
fn the_help_lets_other_keys_through() {
    let (dir, _path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send("?");
    s.wait_for(" Keys ");
    s.send("G");
    s.wait_for("¶23/23");
    let shown = rows(&s).join("\n");
    assert!(!shown.contains(" Keys "), "the help stayed open:\n{shown}");
    s.quit();
}

#[test]
fn growing_the_window_back_refills_the_screen() {
    let (dir, _path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.resize(15, 60);
    s.wait_for_frame_of_width(60);
    s.send("G");
    s.wait_for("¶23/23");
    s.resize(ROWS, COLS);
    s.wait_for_frame_of_width(COLS);
    s.send("l");
    s.wait_until("text down to the bottom row", |t| {
        let screen = t.parser.screen();
        let rows: Vec<String> = screen.rows(0, COLS).collect();
        let last_text = &rows[usize::from(ROWS) - 3];
        last_text.trim_matches(|c| c == '│' || c == ' ').len() > 10
    });
    s.quit();
}

#[test]
fn at_small_sizes_the_form_keeps_enter_save_and_a_span_row() {
    let (dir, _path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}q"));
    s.wait_for("Tagged quote #1");
    for (rows, cols) in [(15, 60), (10, 45)] {
        s.resize(rows, cols);
        s.wait_until(&format!("a {cols}-column frame"), |t| {
            let top: String = t.parser.screen().rows(0, cols).next().unwrap_or_default();
            top.starts_with('┌') && top.ends_with('┐')
        });
        s.send(ENTER);
        s.wait_for("Enter save");
        s.wait_for("“shabby and");
        s.send(ESC);
        s.wait_for("cancelled");
    }
    s.quit();
}

#[test]
fn without_colour_the_selection_is_overlined_and_the_current_quote_is_not() {
    let (dir, _path) = huawei();
    let mut s = Session::start_with(
        dir.path(),
        &["huawei-leak.txt"],
        &[("NO_COLOR", Some(OsStr::new("1")))],
    );
    s.send(&format!(
        "/shabby and discredited{ENTER}q/Huawei leak{ENTER}"
    ));
    s.wait_for("“Huawei leak” 2/");
    let terminal = s.lock_when("the selection drawn", |t| {
        t.parser.screen().contents().contains("H\u{305}u\u{305}")
    });
    let screen = terminal.parser.screen();
    let (_, cols) = screen.size();
    let current: Vec<String> = (0..cols.get())
        .filter_map(|col| screen.cell(1, col))
        .filter(|cell| cell.inverse())
        .map(|cell| cell.contents().to_string())
        .collect();
    assert_eq!(
        current.concat(),
        "shabby and discredited",
        "the current quote, reversed"
    );
    assert!(
        !current.concat().contains('\u{305}'),
        "the quote is overlined"
    );
    drop(terminal);
    s.quit();
}

#[test]
fn with_no_annotator_name_sayso_says_so_and_signs_unknown() {
    let (dir, path) = huawei();
    let mut s = Session::start_with(
        dir.path(),
        &["huawei-leak.txt"],
        &[("SAYSO_ANNOTATOR", None), ("USER", None)],
    );
    // Whole on the status line, how to sign included.
    s.wait_for("No annotator name");
    s.wait_for("tags are signed “unknown”; --annotator NAME signs them.");
    s.send("jc");
    s.wait_for("Tagged claim #1");
    s.quit();
    assert_eq!(sidecar(&path).annotations[0].author, "unknown");
}
