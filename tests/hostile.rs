//! Hostile files against the command line: names, speakers and labels that
//! hold escape sequences and bidirectional controls must reach a terminal as
//! visible symbols, and machine formats written to a file or a pipe must
//! keep their bytes.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use sayso_core::annotation::{Annotation, Origin, Status};
use tempfile::TempDir;

use common::pty::{DEADLINE, Events, Session, spawn};
use common::{one_line_error, sayso, stderr_of, write_article};

/// Sets the terminal's title.
const TITLE: &str = "\u{1b}]0;PWNED\u{7}";
/// Writes the terminal's clipboard (OSC 52).
const CLIPBOARD: &str = "\u{1b}]52;c;aGk=\u{7}";
/// Turns the rest of the line around.
const BIDI: &str = "\u{202e}";

/// What `sayso ARGS` wrote to a terminal, and what that terminal was asked
/// to do besides drawing.
struct Shown {
    bytes: Vec<u8>,
    events: Events,
    success: bool,
}

impl Shown {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Fails when anything hostile reached the terminal raw.
    fn assert_harmless(&self) {
        let text = self.text();
        assert!(
            self.events.titles.is_empty(),
            "the title was set to {:?}:\n{text}",
            self.events.titles
        );
        assert_eq!(self.events.bells, 0, "the bell rang:\n{text}");
        assert!(
            !text.contains("\u{1b}]"),
            "an OSC sequence went out raw:\n{text:?}"
        );
        assert!(!text.contains('\u{7}'), "a BEL went out raw:\n{text:?}");
        assert!(
            !text.contains(BIDI),
            "a bidi override went out raw:\n{text:?}"
        );
    }
}

/// Runs `sayso ARGS` in `dir` with stdout and stderr on a pseudo-terminal,
/// and reads all it writes until it exits.
fn in_terminal(dir: &Path, args: &[&str]) -> Shown {
    let (master, mut child) = spawn(dir, args, &[], 40, 200);
    let mut reader = master.try_clone_reader().expect("the pty reads");
    let collect = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0; 64 * 1024];
        // The pty reports an error rather than the end once the child is gone.
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let deadline = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break status;
        }
        assert!(Instant::now() < deadline, "sayso {args:?} did not end");
        std::thread::sleep(Duration::from_millis(10));
    };
    drop(master);
    let bytes = collect.join().expect("the reader ends");
    let mut parser = vt100::Parser::new_with_callbacks(
        40.try_into().unwrap(),
        200.try_into().unwrap(),
        0,
        Events::default(),
    );
    parser.process(&bytes);
    Shown {
        bytes,
        events: std::mem::take(parser.callbacks_mut()),
        success: status.success(),
    }
}

/// Runs `sayso ARGS` on a terminal, expects it to succeed or fail as
/// `succeeds` says and to send nothing hostile raw, and gives what it showed.
fn shown_harmless(dir: &Path, args: &[&str], succeeds: bool) -> String {
    let shown = in_terminal(dir, args);
    assert_eq!(shown.success, succeeds, "sayso {args:?}: {}", shown.text());
    shown.assert_harmless();
    shown.text()
}

const TEXT: &str = "Zoë said: “No comment.” 北京 denied it.\n";

fn annotation(id: u64, label: &str, needle: &str, speaker: &str) -> Annotation {
    let start = TEXT.find(needle).expect("the needle is in the text");
    let span = start..start + needle.len();
    Annotation {
        id,
        label: label.into(),
        spans: vec![span],
        speaker: Some(speaker.into()),
        note: Some(format!("note {CLIPBOARD}")),
        status: Status::Accepted,
        origin: Origin::Manual,
        author: format!("ed{BIDI}"),
        created: "2026-11-24T05:40:00Z".into(),
        modified: "2026-11-24T05:40:00Z".into(),
    }
}

/// A folder with an article named with a title-setting sequence, whose
/// sidecar's speaker writes the clipboard and whose label turns text around.
fn hostile_corpus() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    write_article(
        &dir.path().join(format!("desk/{TITLE}story.txt")),
        TEXT.as_bytes(),
        vec![
            annotation(1, "quote", "No comment.", &format!("Zoë {CLIPBOARD}")),
            annotation(2, &format!("claim{BIDI}"), "北京 denied it.", "北京"),
        ],
    );
    dir
}

#[test]
fn list_shows_hostile_names_speakers_and_labels_as_symbols() {
    let dir = hostile_corpus();
    let text = shown_harmless(dir.path(), &["list", "desk"], true);
    assert!(text.contains("␛]0;PWNED␇story.txt"), "{text}");
    assert!(text.contains("Zoë ␛]52;c;aGk=␇"), "{text}");
    assert!(text.contains("claim�"), "{text}");
}

#[test]
fn stats_and_agree_tables_show_hostile_text_as_symbols() {
    let dir = hostile_corpus();
    let text = shown_harmless(dir.path(), &["stats", "desk"], true);
    assert!(text.contains("ed�"), "{text}");
    let sidecar = format!("desk/{TITLE}story.ann.ron");
    let text = shown_harmless(dir.path(), &["agree", &sidecar, &sidecar], true);
    assert!(text.contains("claim�"), "{text}");
}

#[test]
fn a_machine_format_is_shown_on_a_terminal_and_kept_exact_elsewhere() {
    let dir = hostile_corpus();
    for format in ["jsonl", "conll", "doccano", "w3c"] {
        let mut args = vec!["export", "desk", "-f", format];
        if format == "conll" {
            args.extend(["--labels", "quote"]);
        }
        shown_harmless(dir.path(), &args, true);
    }
    let text = shown_harmless(dir.path(), &["export", "desk", "-f", "csv"], true);
    assert!(text.contains("Zoë ␛]52;c;aGk=␇"), "{text}");

    // Through a pipe and into a file, the bytes are the sidecar's.
    let piped = sayso(dir.path(), &["export", "desk", "-f", "csv"]);
    assert!(piped.status.success(), "{}", stderr_of(&piped));
    let piped = String::from_utf8(piped.stdout).expect("UTF-8");
    assert!(piped.contains(&format!("Zoë {CLIPBOARD}")), "{piped:?}");
    assert!(piped.contains(&format!("claim{BIDI}")), "{piped:?}");
    shown_harmless(
        dir.path(),
        &["export", "desk", "-f", "csv", "-o", "out.csv"],
        true,
    );
    let file = fs::read_to_string(dir.path().join("out.csv")).expect("the export");
    assert_eq!(file, piped);
}

#[test]
fn errors_and_refusals_quote_hostile_values_as_symbols() {
    let dir = TempDir::new().expect("a temporary folder");
    // The one-line error of `main`, naming a file that is not there.
    let missing = format!("{TITLE}{BIDI}.txt");
    let text = shown_harmless(dir.path(), &["list", &missing], false);
    assert!(
        text.contains("sayso: cannot open ␛]0;PWNED␇�.txt"),
        "{text}"
    );
    let error = one_line_error(&sayso(dir.path(), &["list", &missing]));
    assert!(error.contains("␛]0;PWNED␇�.txt"), "{error}");

    // An import file that names an article with a clipboard sequence.
    let line = format!(
        r#"{{"article":"{}.txt","label":"quote","start":0,"end":3}}"#,
        CLIPBOARD
            .replace('\u{1b}', "\\u001b")
            .replace('\u{7}', "\\u0007")
    );
    fs::write(dir.path().join("in.jsonl"), format!("{line}\n")).expect("the import file");
    let text = shown_harmless(
        dir.path(),
        &["import", "in.jsonl", "--from", "jsonl"],
        false,
    );
    assert!(text.contains("␛]52;c;aGk=␇.txt"), "{text}");
}

#[test]
fn the_annotator_shows_a_hostile_name_and_label_as_symbols() {
    let dir = TempDir::new().expect("a temporary folder");
    let name = format!("{TITLE}{BIDI}story.txt");
    write_article(
        &dir.path().join(&name),
        TEXT.as_bytes(),
        vec![annotation(
            1,
            &format!("quote{TITLE}"),
            "No comment.",
            "Zoë",
        )],
    );
    // The bidi override is shown as `�`, which the emulator does not draw.
    let mut s = Session::start_showing(dir.path(), &[&name], "┌ ␛]0;PWNED␇story.txt");
    // Tab makes the annotation current: the status line names its label.
    s.send("\t");
    s.wait_for("quote␛]0;PWNED␇ #1");
    {
        let (terminal, _) = &*s.shared;
        let terminal = terminal.lock().expect("the terminal");
        let events = terminal.parser.callbacks();
        assert!(
            events.titles.is_empty(),
            "the title was set: {:?}",
            events.titles
        );
        assert_eq!(events.bells, 0);
        let contents = terminal.parser.screen().contents();
        assert!(
            !contents.contains(BIDI),
            "a bidi override is on screen:\n{contents}"
        );
    }
    s.quit();
}

/// A desk folder to import from, with `story.txt` in it, and beside it a
/// `victim` folder that no import there may write into; in the desk, a link
/// to the victim's article and one to its folder.
fn desk_and_victim() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    let (desk, victim) = (dir.path().join("desk"), dir.path().join("victim"));
    for folder in [&desk, &victim] {
        fs::create_dir_all(folder).expect("a folder");
    }
    fs::write(desk.join("story.txt"), TEXT).expect("the article");
    fs::write(victim.join("secret.txt"), TEXT).expect("the victim's article");
    std::os::unix::fs::symlink("../victim/secret.txt", desk.join("link.txt")).expect("a link");
    std::os::unix::fs::symlink("../victim", desk.join("linked")).expect("a link");
    dir
}

/// What the import file may name: the desk's own article, then ways out.
fn named_articles(dir: &Path) -> Vec<String> {
    let absolute = dir.join("victim/secret.txt");
    vec![
        "story.txt".into(),
        "../victim/secret.txt".into(),
        absolute.display().to_string(),
        "link.txt".into(),
        "linked/secret.txt".into(),
    ]
}

/// The span "No comment." of [`TEXT`] in chars.
fn no_comment() -> (usize, usize) {
    let start = TEXT[..TEXT.find("No comment.").expect("in the text")]
        .chars()
        .count();
    (start, start + "No comment.".chars().count())
}

fn import_file(format: &str, articles: &[String]) -> String {
    let (start, end) = no_comment();
    let lines = articles.iter().map(|article| {
        let article = serde_json::to_string(article).expect("JSON");
        let text = serde_json::to_string(TEXT).expect("JSON");
        match format {
            "jsonl" => format!(
                r#"{{"article":{article},"label":"quote","start":{start},"end":{end},"text":"No comment."}}"#
            ),
            "doccano" => format!(
                r#"{{"article":{article},"text":{text},"label":[[{start},{end},"quote"]]}}"#
            ),
            _ => format!(
                r#"{{"data":{{"text":{text},"article":{article}}},"annotations":[{{"result":[{{"type":"labels","value":{{"start":{start},"end":{end},"text":"No comment.","labels":["quote"]}}}}]}}]}}"#
            ),
        }
    });
    let lines: Vec<String> = lines.collect();
    match format {
        "label-studio" => format!("[\n{}\n]\n", lines.join(",\n")),
        _ => lines.join("\n") + "\n",
    }
}

#[test]
fn import_writes_only_under_the_file_folder_or_the_current_directory() {
    for format in ["jsonl", "doccano", "label-studio"] {
        let dir = desk_and_victim();
        let desk = dir.path().join("desk");
        fs::write(
            desk.join("in.txt"),
            import_file(format, &named_articles(dir.path())),
        )
        .expect("the import file");
        let output = sayso(&desk, &["import", "in.txt", "--from", format]);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{format}: {stderr}");
        // Every way out is named, on the line that names it.
        let refused: Vec<&str> = stderr.lines().filter(|l| l.contains("outside")).collect();
        assert_eq!(refused.len(), 4, "{format}: {stderr}");
        for (line, named) in refused.iter().zip(&named_articles(dir.path())[1..]) {
            assert!(line.contains(named.as_str()), "{format}: {line}");
            assert!(line.contains("--root"), "{format}: {line}");
            // The file's folder is the current directory: named once.
            assert_eq!(line.matches("/desk").count(), 1, "{format}: {line}");
        }
        let victim: Vec<_> = fs::read_dir(dir.path().join("victim"))
            .expect("the victim's folder")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        assert_eq!(
            victim,
            ["secret.txt"],
            "{format}: something was written outside"
        );
        assert!(!desk.join("link.ann.ron").exists(), "{format}");
        // What lies inside was imported.
        let sidecar = fs::read_to_string(desk.join("story.ann.ron")).expect("the desk's sidecar");
        assert!(sidecar.contains("No comment."), "{format}: {sidecar}");
    }
}

#[test]
fn a_root_given_lets_an_import_reach_what_lies_under_it() {
    let dir = desk_and_victim();
    let desk = dir.path().join("desk");
    let articles = ["../victim/secret.txt".to_string()];
    fs::write(desk.join("in.jsonl"), import_file("jsonl", &articles)).expect("the file");
    let output = sayso(
        &desk,
        &["import", "in.jsonl", "--from", "jsonl", "--root", ".."],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(dir.path().join("victim/secret.ann.ron").is_file());
    // A root elsewhere keeps out even the file's own folder.
    fs::write(
        desk.join("in.jsonl"),
        import_file("jsonl", &["story.txt".into()]),
    )
    .expect("the file");
    let output = sayso(
        &desk,
        &[
            "import",
            "in.jsonl",
            "--from",
            "jsonl",
            "--root",
            "../victim",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(!desk.join("story.ann.ron").exists());
    let error = one_line_error(&sayso(
        &desk,
        &["import", "in.jsonl", "--from", "jsonl", "--root", "nowhere"],
    ));
    assert!(error.contains("--root folder nowhere"), "{error}");
}

#[test]
fn a_brat_text_that_links_out_is_refused() {
    let dir = desk_and_victim();
    let desk = dir.path().join("desk");
    let (start, end) = no_comment();
    fs::write(
        desk.join("link.ann"),
        format!("T1\tquote {start} {end}\tNo comment.\n"),
    )
    .expect("the .ann");
    let output = sayso(&desk, &["import", "link.ann", "--from", "brat"]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("link.ann:1: the article link.txt (") && stderr.contains(") lies outside"),
        "{stderr}"
    );
    assert!(!dir.path().join("victim/secret.ann.ron").exists());
    assert!(!desk.join("link.ann.ron").exists());
}

/// A corpus folder `news` with an annotated article, next to a `victim`
/// folder whose file an export must never read nor write.
fn news_and_victim() -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    write_article(
        &dir.path().join("news/desk/story.txt"),
        TEXT.as_bytes(),
        vec![annotation(1, "quote", "No comment.", "Zoë")],
    );
    fs::create_dir_all(dir.path().join("victim")).expect("a folder");
    fs::write(dir.path().join("victim/secret.txt"), "PRIVATE").expect("the victim's file");
    dir
}

fn victim(dir: &Path) -> String {
    fs::read_to_string(dir.join("victim/secret.txt")).expect("the victim's file")
}

#[test]
fn brat_export_replaces_links_in_its_folder_instead_of_writing_through_them() {
    let dir = news_and_victim();
    let out = dir.path().join("out/desk");
    fs::create_dir_all(&out).expect("the output folder");
    for name in ["story.txt", "story.ann"] {
        std::os::unix::fs::symlink("../../victim/secret.txt", out.join(name)).expect("a link");
    }
    std::os::unix::fs::symlink(
        "../victim/secret.txt",
        dir.path().join("out/annotation.conf"),
    )
    .expect("a link");
    let output = sayso(dir.path(), &["export", "news", "-f", "brat", "-o", "out"]);
    let stderr = stderr_of(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(victim(dir.path()), "PRIVATE");
    for name in ["desk/story.txt", "desk/story.ann", "annotation.conf"] {
        let path = dir.path().join("out").join(name);
        let kind = fs::symlink_metadata(&path).expect("written").file_type();
        assert!(kind.is_file(), "{name} is still a link");
        assert!(
            stderr.contains(&format!("out/{name} was a symbolic link")),
            "{stderr}"
        );
    }
    assert_eq!(
        fs::read_to_string(out.join("story.txt")).ok().as_deref(),
        Some(TEXT)
    );
}

#[test]
fn brat_export_refuses_a_linked_folder_in_its_output() {
    let dir = news_and_victim();
    fs::create_dir_all(dir.path().join("out")).expect("the output folder");
    std::os::unix::fs::symlink("../victim", dir.path().join("out/desk")).expect("a link");
    let output = sayso(dir.path(), &["export", "news", "-f", "brat", "-o", "out"]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "sayso: skipped: news/desk/story.txt would be written below out/desk, a symbolic link"
        ),
        "{stderr}"
    );
    let victim_folder: Vec<_> = fs::read_dir(dir.path().join("victim"))
        .expect("the victim's folder")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(victim_folder, ["secret.txt"]);
}

#[test]
fn a_stream_export_replaces_a_link_given_as_its_output_file() {
    let dir = news_and_victim();
    let link = dir.path().join("spans.csv");
    std::os::unix::fs::symlink("victim/secret.txt", &link).expect("a link");
    // Named relative and absolute.
    for out in ["spans.csv".to_string(), link.display().to_string()] {
        let output = sayso(dir.path(), &["export", "news", "-f", "csv", "-o", &out]);
        assert!(output.status.success(), "{}", stderr_of(&output));
        assert_eq!(victim(dir.path()), "PRIVATE");
        assert!(
            fs::symlink_metadata(&link)
                .expect("written")
                .file_type()
                .is_file()
        );
        assert!(
            fs::read_to_string(&link)
                .expect("the export")
                .contains("No comment.")
        );
        std::os::unix::fs::symlink("victim/secret.txt", dir.path().join("again")).expect("a link");
        fs::rename(dir.path().join("again"), &link).expect("the link back");
    }
}

#[test]
fn a_corpus_walk_skips_links_that_lead_out_of_the_folder_given() {
    let dir = news_and_victim();
    let desk = dir.path().join("news/desk");
    // An article that is a link to a private file, with a sidecar beside it.
    std::os::unix::fs::symlink("../../victim/secret.txt", desk.join("leak.txt")).expect("a link");
    fs::write(
        desk.join("leak.ann.ron"),
        fs::read(desk.join("story.ann.ron")).expect("a sidecar"),
    )
    .expect("its sidecar");
    // A link inside the folder is followed.
    std::os::unix::fs::symlink("story.txt", desk.join("same.txt")).expect("a link");
    fs::copy(desk.join("story.ann.ron"), desk.join("same.ann.ron")).expect("its sidecar");
    // A sidecar that is a link out.
    fs::write(desk.join("other.txt"), TEXT).expect("an article");
    std::os::unix::fs::symlink("../../victim/secret.txt", desk.join("other.ann.ron"))
        .expect("a link");
    let absolute = dir.path().join("news").display().to_string();
    for given in ["news", "news/../news", absolute.as_str()] {
        for args in [
            vec!["export", given, "-f", "html"],
            vec!["export", given, "-f", "jsonl"],
            vec!["stats", given],
            vec!["list", given],
        ] {
            let output = sayso(dir.path(), &args);
            let (stdout, stderr) = (common::stdout_of(&output), stderr_of(&output));
            assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(!stdout.contains("PRIVATE"), "{args:?}: {stdout}");
            let skipped: Vec<&str> = stderr
                .lines()
                .filter(|l| l.contains("is a link to"))
                .collect();
            assert_eq!(skipped.len(), 2, "{args:?}: {stderr}");
            assert!(
                skipped[0].contains("leak.txt is a link to ../../victim/secret.txt"),
                "{args:?}: {stderr}"
            );
            assert!(
                skipped[1].contains("other.ann.ron is a link to"),
                "{args:?}: {stderr}"
            );
            if args[0] != "stats" {
                assert!(stdout.contains("same.txt"), "{args:?}: {stdout}");
            }
        }
    }
}

const SENTENCES: &str = "One said this. Two said that. Three said more. Four said less.\n";

/// An article of four sentences whose sidecar gives the first the id `id`.
fn with_id(id: &str) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().expect("a temporary folder");
    let path = dir.path().join("story.txt");
    let mut first = annotation(7, "quote", "No comment.", "Ann");
    let sentence = 0.."One said this.".len();
    first.spans = vec![sentence];
    write_article(&path, SENTENCES.as_bytes(), vec![first]);
    let sidecar = dir.path().join("story.ann.ron");
    let text = fs::read_to_string(&sidecar).expect("the sidecar");
    fs::write(&sidecar, text.replace("id: 7,", &format!("id: {id},"))).expect("the sidecar");
    (dir, path)
}

fn ids_on_disk(article: &Path) -> Vec<u64> {
    let mut ids: Vec<u64> = common::pty::sidecar(article)
        .annotations
        .iter()
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn an_id_past_the_greatest_is_refused_with_its_line_and_column() {
    let (dir, _) = with_id("18446744073709551615");
    let before = fs::read(dir.path().join("story.ann.ron")).expect("the sidecar");
    let error = one_line_error(&sayso(dir.path(), &["list", "story.txt"]));
    assert!(
        error.contains(
            "story.ann.ron:10:13: annotation id 18446744073709551615 is above 9007199254740991"
        ),
        "{error}"
    );
    // Import refuses to add to it, and leaves it as it was.
    let (start, end) = (0, "One".len());
    let line = format!(r#"{{"article":"story.txt","label":"claim","start":{start},"end":{end}}}"#);
    fs::write(dir.path().join("in.jsonl"), line + "\n").expect("the import file");
    let output = sayso(dir.path(), &["import", "in.jsonl", "--from", "jsonl"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("story.ann.ron:10:13:"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(
        fs::read(dir.path().join("story.ann.ron")).expect("the sidecar"),
        before
    );
}

#[test]
fn at_the_greatest_id_imports_and_tags_get_ids_of_their_own() {
    const MAX: u64 = (1 << 53) - 1;
    let (dir, path) = with_id(&MAX.to_string());
    let lines: Vec<String> = SENTENCES
        .split_inclusive(". ")
        .scan(0, |at, sentence| {
            let start = *at;
            *at += sentence.chars().count();
            let end = start + sentence.trim_end().chars().count();
            Some(format!(
                r#"{{"article":"story.txt","label":"claim","start":{start},"end":{end}}}"#
            ))
        })
        .collect();
    fs::write(dir.path().join("in.jsonl"), lines.join("\n") + "\n").expect("the import file");
    let output = sayso(dir.path(), &["import", "in.jsonl", "--from", "jsonl"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(common::stdout_of(&output).contains("4 imported"));
    assert_eq!(ids_on_disk(&path), [1, 2, 3, 4, MAX]);

    // In the annotator too: each tag takes a free id.
    let (dir, path) = with_id(&MAX.to_string());
    let mut s = Session::start(dir.path(), &["story.txt"]);
    for _ in 0..3 {
        s.send(")d");
    }
    s.wait_for("4 annotations");
    s.quit();
    assert_eq!(ids_on_disk(&path), [1, 2, 3, MAX]);
}

#[test]
fn an_unknown_field_is_refused_with_its_line_and_column_not_dropped() {
    let (dir, _) = with_id("7");
    let sidecar = dir.path().join("story.ann.ron");
    let text = fs::read_to_string(&sidecar).expect("the sidecar");
    let edited = text.replace("note: ", "speker: Some(\"Ann\"),\n            note: ");
    fs::write(&sidecar, &edited).expect("the sidecar");
    for args in [["list", "story.txt"], ["story.txt", "--read-only"]] {
        let error = one_line_error(&sayso(dir.path(), &args));
        assert!(
            error.contains("story.ann.ron:18:13: ") && error.contains("`speker`"),
            "{error}"
        );
        assert!(error.contains("sayso will not overwrite it"), "{error}");
    }
    assert_eq!(fs::read_to_string(&sidecar).expect("the sidecar"), edited);
}
