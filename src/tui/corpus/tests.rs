//! Scenario tests of a corpus in the annotator: the session going from one
//! article to another on real files, `F`, the overview, and what is read
//! in the background. No terminal needed.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

use super::overview::OverviewAction as O;
use super::{CorpusAction as C, Entry, Session, Settings, title};
use crate::tui::action::{Action, Direction};
use crate::tui::app::{Mode, SaveState};
use crate::tui::keymap::Keymap;
use crate::tui::normal::NormalAction as N;
use crate::tui::{update, view};
use sayso_core::annotation::Label;
use sayso_core::corpus::{self, Item};

/// Three sentences with the usual trouble: combining marks, emoji, CJK,
/// right-to-left text, CRLF.
const TEXT: &str =
    "Zoë said the plan is dead. 👩‍👩‍👧 🇫🇷 were there.\r\n\r\n東京 denied it; שלום said nothing.\r\n";

/// A folder `news/` of articles named `names`, each with `TEXT`.
fn folder(names: &[&str]) -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    for name in names {
        let path = dir.path().join("news").join(name);
        fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        fs::write(path, TEXT).expect("an article");
    }
    dir
}

fn settings(dir: &Path) -> Settings {
    Settings {
        author: "ed".into(),
        read_only: false,
        color: false,
        labels: Label::defaults(),
        tree: false,
        places: Some(dir.join("state/places.json")),
    }
}

/// The articles below `news/`, as the command line finds them.
fn entries(dir: &Path) -> Vec<Entry> {
    corpus::find(&[dir.join("news")], None)
        .into_iter()
        .filter_map(|item| match item {
            Item::Article(found) => Some(Entry::from(found)),
            Item::Problem(_) => None,
        })
        .collect()
}

fn open(dir: &Path) -> Session {
    let mut session = Session::corpus(entries(dir), Vec::new(), settings(dir)).expect("opens");
    update(
        &mut session.app,
        Action::Resize {
            width: 100,
            height: 30,
        },
    );
    session
}

/// Does `action`, then what the loop does after it: a change goes to the
/// saver, and the session goes where the editor asked.
fn press(session: &mut Session, action: impl Into<Action>) {
    let (app, saving, _) = session.parts();
    update(app, action);
    if let Some(saving) = saving {
        saving.sync(app);
    }
    session.switch();
}

fn go(session: &mut Session, direction: Direction) {
    press(session, C::Go(direction));
}

fn shown(session: &Session) -> &str {
    let corpus = &session.app.corpus;
    &corpus.entries[corpus.current].shown
}

fn message(session: &Session) -> &str {
    session.app.message.as_deref().unwrap_or_default()
}

/// The labels of the sidecar of `news/NAME` on disk, in order.
fn labels_on_disk(dir: &Path, name: &str) -> Vec<String> {
    let path = dir.join("news").join(name.replace(".txt", ".ann.ron"));
    let text = fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("label: \""))
        .map(|l| l.trim_end_matches("\",").to_string())
        .collect()
}

#[test]
fn tags_land_in_the_sidecar_of_their_own_article_and_each_keeps_its_undo() {
    let dir = folder(&["a.txt", "b.txt", "c.txt"]);
    let mut s = open(dir.path());
    assert_eq!(shown(&s), "a.txt");
    press(&mut s, N::Tag(1));
    go(&mut s, Direction::Forward);
    assert_eq!(shown(&s), "b.txt");
    assert_eq!(
        labels_on_disk(dir.path(), "a.txt"),
        ["claim"],
        "the article left behind is saved before the next opens"
    );
    press(&mut s, N::Tag(2));
    go(&mut s, Direction::Backward);
    assert_eq!(shown(&s), "a.txt");
    assert_eq!(labels_on_disk(dir.path(), "b.txt"), ["denial"]);

    press(&mut s, Action::Undo);
    assert!(
        message(&s).starts_with("Undid: tag claim #1"),
        "{}",
        message(&s)
    );
    press(&mut s, Action::Undo);
    assert_eq!(message(&s), "Nothing to undo.", "b's tag is b's to undo");
    go(&mut s, Direction::Forward);
    s.finish().expect("saved");
    assert_eq!(labels_on_disk(dir.path(), "a.txt"), Vec::<String>::new());
    assert_eq!(labels_on_disk(dir.path(), "b.txt"), ["denial"]);
    assert!(
        !dir.path().join("news/c.ann.ron").exists(),
        "nothing was done to c"
    );
}

#[test]
fn the_cursor_of_an_article_left_is_where_it_was_on_coming_back() {
    let dir = folder(&["a.txt", "b.txt"]);
    let mut s = open(dir.path());
    press(&mut s, N::Move(crate::tui::Motion::NextParagraph));
    let cursor = s.app.cursor;
    assert_ne!(cursor, 0);
    go(&mut s, Direction::Forward);
    assert_eq!(s.app.cursor, 0);
    go(&mut s, Direction::Backward);
    assert_eq!(s.app.cursor, cursor);
    s.finish().expect("saved");

    // The next session on the article alone goes back there too.
    let mut again = open(dir.path());
    assert_eq!(shown(&again), "a.txt");
    assert_eq!(again.app.cursor, cursor);
    again.finish().expect("saved");
}

#[test]
fn undo_starts_afresh_when_the_sidecar_changed_while_away() {
    let dir = folder(&["a.txt", "b.txt"]);
    let mut s = open(dir.path());
    press(&mut s, N::Tag(0));
    go(&mut s, Direction::Forward);
    // A colleague deletes the sidecar meanwhile.
    fs::remove_file(dir.path().join("news/a.ann.ron")).expect("removed");
    go(&mut s, Direction::Backward);
    assert!(
        message(&s).contains("undo starts afresh"),
        "{}",
        message(&s)
    );
    assert!(s.app.annotations.is_empty());
    press(&mut s, Action::Undo);
    assert_eq!(message(&s), "Nothing to undo.");
}

#[test]
fn finishing_is_shown_saved_counted_and_undone() {
    let dir = folder(&["a.txt", "b.txt"]);
    let mut s = open(dir.path());
    press(&mut s, C::ToggleFinished);
    assert!(
        title(&s.app).starts_with("a.txt ✓ finished · article 1/2"),
        "{}",
        title(&s.app)
    );
    assert!(
        message(&s).contains("Ctrl-n goes to the next"),
        "{}",
        message(&s)
    );
    go(&mut s, Direction::Forward);
    let sidecar = fs::read_to_string(dir.path().join("news/a.ann.ron")).expect("saved");
    assert!(
        sidecar.contains("    finished: Some((by: \"ed\", at: \""),
        "{sidecar}"
    );
    assert!(!title(&s.app).contains('✓'), "b is not finished");
    assert_eq!(s.app.corpus.finished(&s.app), 1);

    go(&mut s, Direction::Backward);
    press(&mut s, Action::Undo);
    assert!(
        message(&s).contains("mark the article finished"),
        "{}",
        message(&s)
    );
    assert_eq!(s.app.corpus.finished(&s.app), 0);
    s.finish().expect("saved");
    let sidecar = fs::read_to_string(dir.path().join("news/a.ann.ron")).expect("saved");
    assert!(!sidecar.contains("finished"), "{sidecar}");
}

#[test]
fn a_corpus_opens_on_its_first_unfinished_article_and_passes_over_broken_ones() {
    let dir = folder(&["a.txt", "d.txt"]);
    let mut first = open(dir.path());
    press(&mut first, C::ToggleFinished);
    first.finish().expect("saved");
    fs::write(dir.path().join("news/b.txt"), b"abc\xff def").expect("latin-1");
    fs::write(dir.path().join("news/c.txt"), TEXT).expect("an article");
    fs::write(dir.path().join("news/c.ann.ron"), "(format: 1, oops").expect("broken");

    let mut s = open(dir.path());
    assert_eq!(shown(&s), "d.txt");
    assert!(
        message(&s).contains("2 articles cannot be opened"),
        "{}",
        message(&s)
    );
    let problem = s.app.corpus.entries[2]
        .known
        .problem
        .clone()
        .expect("c's problem");
    assert!(
        problem.contains("c.ann.ron:1:"),
        "line and column: {problem}"
    );
    go(&mut s, Direction::Backward);
    assert_eq!(shown(&s), "a.txt", "b and c are passed over");
    assert!(
        message(&s).contains("Passed over 2 articles"),
        "{}",
        message(&s)
    );
    assert!(title(&s.app).contains("✓ finished"));
    go(&mut s, Direction::Backward);
    assert!(
        message(&s).starts_with("This is the first article"),
        "{}",
        message(&s)
    );
    s.finish().expect("saved");
    assert_eq!(
        fs::read_to_string(dir.path().join("news/c.ann.ron")).expect("kept"),
        "(format: 1, oops",
        "a broken sidecar is never written over"
    );
}

#[test]
fn a_save_that_fails_keeps_the_editor_on_the_article() {
    let dir = folder(&["a.txt", "b.txt"]);
    let mut s = open(dir.path());
    // Something takes the sidecar's place: the save cannot replace it.
    fs::create_dir(dir.path().join("news/a.ann.ron")).expect("a folder in the way");
    press(&mut s, N::Tag(0));
    go(&mut s, Direction::Forward);
    assert_eq!(shown(&s), "a.txt");
    assert!(
        message(&s).starts_with("Not saved, so still on this article"),
        "{}",
        message(&s)
    );
    assert!(matches!(s.app.save, SaveState::Failed(_)));
    assert_eq!(s.app.annotations.len(), 1, "the tag is still there");
    fs::remove_dir(dir.path().join("news/a.ann.ron")).expect("out of the way");
    go(&mut s, Direction::Forward);
    assert_eq!(shown(&s), "b.txt");
    assert_eq!(labels_on_disk(dir.path(), "a.txt"), ["quote"]);
}

#[test]
fn the_overview_filters_by_what_is_left_and_by_name_and_opens_a_row() {
    let dir = folder(&["2024/東京.txt", "a.txt", "b.txt", "c.txt"]);
    let mut s = open(dir.path());
    go(&mut s, Direction::Forward);
    press(&mut s, C::ToggleFinished);
    press(&mut s, C::OpenOverview);
    assert_eq!(s.app.mode, Mode::Overview);
    assert_eq!(s.app.corpus.overview.len(), 4);
    assert_eq!(s.app.corpus.overview.selected, 1, "on the article open");
    press(&mut s, O::Unfinished);
    assert_eq!(s.app.corpus.overview.len(), 3);
    press(&mut s, O::Name);
    for c in "東".chars() {
        press(&mut s, O::NameInput(c));
    }
    assert_eq!(s.app.corpus.overview.len(), 1);
    press(&mut s, O::NameKeep);
    press(&mut s, O::Open);
    assert_eq!(shown(&s), "2024/東京.txt");
    assert_eq!(s.app.mode, Mode::Normal);
    assert!(!s.app.corpus.overview.open);

    press(&mut s, C::OpenOverview);
    press(&mut s, O::Clear);
    press(&mut s, O::Pending);
    assert!(s.app.corpus.overview.is_empty(), "nothing is pending");
    press(&mut s, O::Close);
    assert_eq!(s.app.mode, Mode::Normal);
}

#[test]
fn counts_fill_in_from_the_background_and_the_overview_draws_them() {
    let dir = folder(&["a.txt", "b.txt"]);
    fs::write(dir.path().join("news/c.txt"), b"abc\xff").expect("latin-1");
    let mut tagged = open(dir.path());
    go(&mut tagged, Direction::Forward);
    press(&mut tagged, N::Tag(0));
    press(&mut tagged, N::Tag(1));
    go(&mut tagged, Direction::Backward);
    tagged.finish().expect("saved");

    let mut s = open(dir.path());
    let deadline = Instant::now() + Duration::from_secs(10);
    // The article on screen is counted from the annotator itself.
    let unread = |s: &Session| {
        s.app.corpus.entries[1..]
            .iter()
            .any(|e| e.known.counts.is_none() && e.known.problem.is_none())
    };
    while unread(&s) {
        assert!(Instant::now() < deadline, "the counts never came");
        s.app.corpus.take_in();
        std::thread::sleep(Duration::from_millis(5));
    }
    let b = s.app.corpus.entries[1]
        .known
        .counts
        .clone()
        .expect("b's counts");
    assert_eq!((b.paragraphs, b.annotations()), (2, 2));
    assert!(s.app.corpus.heads_read);
    press(&mut s, C::OpenOverview);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
    let keymap = Keymap::new(&s.app.labels);
    terminal
        .draw(|frame| view(&s.app, &keymap, frame))
        .expect("drawn");
    let screen: Vec<String> = (0..30)
        .map(|y| {
            (0..100)
                .map(|x| terminal.backend().buffer()[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    let row = |name: &str| {
        screen
            .iter()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row of {name}:\n{}", screen.join("\n")))
            .clone()
    };
    assert!(row("a.txt").starts_with("│▶"), "{}", row("a.txt"));
    let b_row = row("b.txt");
    let numbers: Vec<&str> = b_row
        .trim_end_matches('│')
        .split_whitespace()
        .skip(2)
        .collect();
    assert_eq!(numbers, ["2", "1", "1", "0", "0", "0"], "{}", row("b.txt"));
    assert!(row("c.txt").contains("is not UTF-8"), "{}", row("c.txt"));
    assert!(screen[0].contains("Articles (3)"), "{}", screen[0]);
}

#[cfg(unix)]
#[test]
fn an_article_whose_folder_cannot_be_written_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder(&["a.txt", "b.txt"]);
    fs::create_dir(dir.path().join("news/locked")).expect("a folder");
    fs::write(dir.path().join("news/locked/c.txt"), TEXT).expect("an article");
    let locked = fs::Permissions::from_mode(0o555);
    fs::set_permissions(dir.path().join("news/locked"), locked).expect("chmod");
    let writable = sayso_core::store::check_writable(&dir.path().join("news/locked")).is_ok();
    let mut s = open(dir.path());
    go(&mut s, Direction::Forward);
    go(&mut s, Direction::Forward);
    let read_only = s.app.read_only;
    let said = message(&s).to_string();
    press(&mut s, N::Tag(0));
    let tagged = s.app.annotations.len();
    fs::set_permissions(
        dir.path().join("news/locked"),
        fs::Permissions::from_mode(0o755),
    )
    .expect("chmod back");
    assert_eq!(shown(&s), "locked/c.txt");
    if writable {
        // Running as root: permissions do not stop this process, so there
        // is nothing to see here.
        return;
    }
    assert!(read_only);
    assert!(
        said.starts_with("Read-only: annotations cannot be saved here"),
        "{said}"
    );
    assert_eq!(tagged, 0);
    s.finish().expect("nothing to save");
}

#[test]
fn the_background_reader_starts_once_the_loop_takes_in_and_stops_with_the_session() {
    let dir = folder(&["a.txt", "b.txt", "c.txt"]);
    let mut s = open(dir.path());
    assert!(
        matches!(s.app.corpus.reader, super::Reader::Waiting(ref jobs) if jobs.len() == 3),
        "nothing is read before the first frame: {:?}",
        s.app.corpus.reader
    );
    s.app.corpus.take_in();
    assert!(!matches!(s.app.corpus.reader, super::Reader::Waiting(_)));
    // Taken in again and again, as the loop does, it reads on to the end.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.app.corpus.heads_read {
        assert!(Instant::now() < deadline, "the heads were never read");
        s.app.corpus.take_in();
        std::thread::yield_now();
    }
    s.finish().expect("nothing to save");
    assert!(matches!(s.app.corpus.reader, super::Reader::Idle));
}
