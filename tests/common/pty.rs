//! The real binary in a pseudo-terminal for end-to-end tests: `Session`
//! starts `sayso` in a 120×40 pty, types keys and reads the screen back
//! through a terminal emulator; `sidecar` reads what it saved, checked field
//! for field against the article on disk.

use std::ffi::OsStr;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde::Deserialize;
use tempfile::TempDir;

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
/// How long the screen or the process may take to get where a test expects.
pub const DEADLINE: Duration = Duration::from_secs(10);
pub const CTRL_Q: &str = "\x11";
pub const ENTER: &str = "\r";

/// What the article may ask of the terminal besides drawing: sayso must never
/// let it through.
#[derive(Default)]
pub struct Events {
    pub titles: Vec<String>,
    pub bells: usize,
}

impl vt100::Callbacks for Events {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }

    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
}

/// The emulated terminal, fed by the reader thread.
pub struct Terminal {
    pub parser: vt100::Parser<Events>,
    /// The pty closed: the process is gone.
    pub closed: bool,
    /// The reader stops reading, and lets go of its end of the terminal,
    /// once the screen shows this (see [`Session::hang_up_after`]).
    pub let_go_at: Option<String>,
}

pub type Shared = Arc<(Mutex<Terminal>, Condvar)>;

/// One run of `sayso` in a 120×40 pseudo-terminal.
pub struct Session {
    pub shared: Shared,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub reader: Option<JoinHandle<()>>,
    /// `None` once the terminal has hung up.
    pub master: Option<Box<dyn MasterPty + Send>>,
    /// The state directory of this run, when the test gave none: what
    /// sayso keeps between sessions never reaches the user's own.
    pub state: Option<TempDir>,
}

impl Session {
    /// Starts `sayso ARGS` in `dir` and waits for its first frame (the
    /// article's name in the title bar).
    pub fn start(dir: &Path, args: &[&str]) -> Session {
        Session::start_with(dir, args, &[])
    }

    /// [`Session::start`] with environment variables set (`Some`) or
    /// removed (`None`) after the usual ones.
    pub fn start_with(dir: &Path, args: &[&str], env: &[(&str, Option<&OsStr>)]) -> Session {
        let name = args.last().expect("an article argument");
        let name = Path::new(name).file_name().unwrap().to_str().unwrap();
        Session::launch(dir, args, env, name)
    }

    /// Starts `sayso ARGS` in `dir` and waits until the screen shows `first`.
    pub fn start_showing(dir: &Path, args: &[&str], first: &str) -> Session {
        Session::launch(dir, args, &[], first)
    }

    /// Starts `sayso ARGS` in `dir` with the variables `env` set (`Some`) or
    /// removed (`None`), and waits until the screen shows `first`. Without
    /// `XDG_STATE_HOME` in `env`, sayso gets a state directory of its own
    /// for the session.
    pub fn launch(
        dir: &Path,
        args: &[&str],
        env: &[(&str, Option<&OsStr>)],
        first: &str,
    ) -> Session {
        let state = (!env.iter().any(|(name, _)| *name == "XDG_STATE_HOME"))
            .then(|| TempDir::new().unwrap());
        let mut env = env.to_vec();
        if let Some(state) = &state {
            env.push(("XDG_STATE_HOME", Some(state.path().as_os_str())));
        }
        let (master, child) = spawn(dir, args, &env, ROWS, COLS);
        let mut reader = master.try_clone_reader().expect("the pty reads");
        let writer = master.take_writer().expect("the pty writes");
        let shared: Shared = Arc::new((
            Mutex::new(Terminal {
                parser: vt100::Parser::new_with_callbacks(
                    ROWS.try_into().unwrap(),
                    COLS.try_into().unwrap(),
                    0,
                    Events::default(),
                ),
                closed: false,
                let_go_at: None,
            }),
            Condvar::new(),
        ));
        let feed = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0; 64 * 1024];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (terminal, changed) = &*feed;
                let mut terminal = terminal.lock().unwrap();
                if n == 0 {
                    terminal.closed = true;
                } else {
                    terminal.parser.process(&buf[..n]);
                }
                changed.notify_all();
                let let_go = terminal
                    .let_go_at
                    .as_deref()
                    .is_some_and(|text| terminal.parser.screen().contents().contains(text));
                if terminal.closed || let_go {
                    break;
                }
            }
        });
        let session = Session {
            shared,
            writer,
            child,
            reader: Some(reader),
            master: Some(master),
            state,
        };
        session.wait_for(first);
        session
    }

    /// Waits until `done` holds for the terminal, or fails with the screen;
    /// gives the terminal, locked, for a closer look.
    pub fn lock_when(
        &self,
        what: &str,
        done: impl Fn(&Terminal) -> bool,
    ) -> MutexGuard<'_, Terminal> {
        let (terminal, changed) = &*self.shared;
        let deadline = Instant::now() + DEADLINE;
        let mut terminal = terminal.lock().unwrap();
        while !done(&terminal) {
            let now = Instant::now();
            if now >= deadline {
                let contents = terminal.parser.screen().contents();
                // Unlocked first, so that the reader thread does not fail too.
                drop(terminal);
                panic!("waited {DEADLINE:?} for {what}; the screen shows:\n{contents}");
            }
            terminal = changed.wait_timeout(terminal, deadline - now).unwrap().0;
        }
        terminal
    }

    /// Waits until `done` holds for the terminal, or fails with the screen.
    pub fn wait_until(&self, what: &str, done: impl Fn(&Terminal) -> bool) {
        drop(self.lock_when(what, done));
    }

    /// Waits until the screen shows `text` on one row, and gives the terminal.
    pub fn lock_showing(&self, text: &str) -> MutexGuard<'_, Terminal> {
        self.lock_when(&format!("{text:?} on screen"), |t| {
            t.parser.screen().contents().contains(text)
        })
    }

    /// Waits until the screen shows `text` on one row.
    pub fn wait_for(&self, text: &str) {
        drop(self.lock_showing(text));
    }

    /// Waits until the title bar of the sample article spans `cols` columns:
    /// a frame drawn for that width.
    pub fn wait_for_frame_of_width(&self, cols: u16) {
        self.wait_until(&format!("a frame {cols} columns wide"), |t| {
            let top: String = t.parser.screen().rows(0, cols).next().unwrap_or_default();
            top.starts_with("┌ huawei-leak.txt") && top.ends_with('┐')
        });
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Resizes the terminal, as a user dragging the window would.
    pub fn resize(&self, rows: u16, cols: u16) {
        let (terminal, _) = &*self.shared;
        terminal
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master
            .as_ref()
            .expect("the terminal is there")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pty resizes");
    }

    /// Waits for the process to end (the pty closes), checks that it left the
    /// terminal as it found it, and gives its exit status.
    pub fn wait_exit(self) -> ExitStatus {
        self.wait_exit_showing().0
    }

    /// [`Session::wait_exit`], with what the terminal shows at the end (what
    /// sayso printed after restoring it), wrapped lines joined.
    pub fn wait_exit_showing(mut self) -> (ExitStatus, String) {
        let shown = {
            let terminal = self.lock_when("sayso to exit", |t| t.closed);
            let screen = terminal.parser.screen();
            assert!(!screen.alternate_screen(), "left in the alternate screen");
            assert!(!screen.hide_cursor(), "left the cursor hidden");
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "left mouse capture on"
            );
            screen.contents()
        };
        self.reader.take().unwrap().join().unwrap();
        (self.child.wait().expect("the exit status"), shown)
    }

    /// Types `keys`, waits until the screen shows `text`, then hangs up as
    /// a terminal window closed or an SSH connection dropped: every end of
    /// the terminal on this side is closed. Gives the exit status of sayso,
    /// which must end within the deadline.
    pub fn hang_up_after(mut self, keys: &str, text: &str) -> ExitStatus {
        self.shared.0.lock().unwrap().let_go_at = Some(text.to_string());
        self.send(keys);
        self.reader.take().unwrap().join().unwrap();
        {
            let terminal = self.shared.0.lock().unwrap();
            let contents = terminal.parser.screen().contents();
            assert!(contents.contains(text), "the pty closed first:\n{contents}");
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("the exit status") {
                return status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!("sayso runs on {DEADLINE:?} after its terminal hung up");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Quits with Ctrl-q and expects a clean exit.
    pub fn quit(mut self) {
        self.send(CTRL_Q);
        let status = self.wait_exit();
        assert!(status.success(), "sayso exited with {status:?}");
    }

    /// Sends `signal` (a name for `kill -s`) to the process.
    pub fn signal(&self, signal: &str) {
        let pid = self.child.process_id().expect("sayso has a pid");
        let killed = std::process::Command::new("kill")
            .args(["-s", signal, &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
    }
}

/// Starts `sayso ARGS` in `dir` on a new `rows`×`cols` pseudo-terminal,
/// with `$TERM`, the annotator's name and the variables `env` set.
pub fn spawn(
    dir: &Path,
    args: &[&str],
    env: &[(&str, Option<&OsStr>)],
    rows: u16,
    cols: u16,
) -> (Box<dyn MasterPty + Send>, Box<dyn Child + Send + Sync>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal opens");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_sayso"));
    command.args(args);
    command.cwd(dir);
    command.env("TERM", "xterm-256color");
    command.env("SAYSO_ANNOTATOR", "tester");
    command.env_remove("NO_COLOR");
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        }
    }
    let child = pair
        .slave
        .spawn_command(command)
        .expect("sayso starts in the pty");
    (pair.master, child)
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed test must not leave sayso running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// A temporary directory holding `name` with `contents`.
pub fn article(name: &str, contents: &[u8]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, contents).unwrap();
    (dir, path)
}

/// A temporary copy of the sample article.
pub fn huawei() -> (TempDir, PathBuf) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/huawei-leak.txt");
    article("huawei-leak.txt", &fs::read(sample).unwrap())
}

/// The text of an article file: without the BOM, which is not part of it.
pub fn text_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

/// Chars `start..end` of `text`, as Python's `text[start:end]`.
pub fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The char offset of the first `needle` in `text`, as Python's `text.index`.
pub fn char_index(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).expect("the needle is in the text");
    text[..byte].chars().count()
}

/// The sidecar format, field for field: unknown or missing fields fail.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidecarFile {
    pub format: u32,
    pub source: Source,
    /// Written only for a finished article.
    #[serde(default)]
    pub finished: Option<Finished>,
    pub annotations: Vec<Record>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finished {
    pub by: String,
    pub at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub file: String,
    pub chars: usize,
    blake3: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: u64,
    pub label: String,
    pub spans: Vec<SpanRecord>,
    pub prefix: String,
    pub suffix: String,
    pub speaker: Option<String>,
    pub note: Option<String>,
    pub status: Status,
    pub origin: Origin,
    pub author: String,
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Deserialize, PartialEq)]
pub enum Status {
    Pending,
    Accepted,
    Rejected,
}

#[derive(Debug, Deserialize, PartialEq)]
pub enum Origin {
    Manual,
    Suggested,
    Imported,
}

/// The sidecar of `article`, checked against the article as it is on disk:
/// the format, the source, the order, and every record's timestamps.
pub fn sidecar(article: &Path) -> SidecarFile {
    let path = article.with_extension("ann.ron");
    let source =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert!(!source.contains('\r'), "the sidecar has CR line endings");
    let file: SidecarFile = ron::from_str(&source)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}\n{source}", path.display()));
    let text = text_of(article);
    assert_eq!(file.format, 1);
    assert_eq!(
        file.source.file,
        article.file_name().unwrap().to_str().unwrap()
    );
    assert_eq!(file.source.chars, text.chars().count());
    assert_eq!(
        file.source.blake3,
        blake3::hash(text.as_bytes()).to_hex().as_str()
    );
    let keys: Vec<_> = file
        .annotations
        .iter()
        .map(|r| (r.spans.first().map_or(0, |s| s.start), r.id))
        .collect();
    assert!(
        keys.is_sorted(),
        "annotations are not sorted by start then id: {keys:?}"
    );
    let mut ids: Vec<u64> = file.annotations.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        file.annotations.len(),
        "two annotations share an id:\n{source}"
    );
    for r in &file.annotations {
        for time in [&r.created, &r.modified] {
            assert!(
                time.len() == 20 && time.ends_with('Z') && time.as_bytes()[10] == b'T',
                "not RFC 3339 UTC to the second: {time}"
            );
        }
    }
    file
}

/// Asserts that `record` is a fresh manual tag by "tester" with label `label`
/// of exactly `expected` at char `start` of `text`, and that its context
/// matches the text around it.
pub fn assert_tag(text: &str, record: &Record, label: &str, start: usize, expected: &str) {
    assert_eq!(record.label, label);
    assert_eq!(record.status, Status::Accepted);
    assert_eq!(record.origin, Origin::Manual);
    assert_eq!(record.author, "tester");
    assert_eq!(record.speaker, None);
    assert_eq!(record.note, None);
    assert_eq!(record.created, record.modified);
    assert_eq!(record.spans.len(), 1, "{record:?}");
    let span = &record.spans[0];
    assert_eq!(span.text, expected, "{record:?}");
    assert_eq!(span.start, start, "{record:?}");
    assert_eq!(chars(text, span.start, span.end), span.text, "{record:?}");
    let before = chars(text, 0, span.start);
    let after = chars(text, span.end, text.chars().count());
    assert!(
        before.ends_with(&record.prefix) && (start == 0 || !record.prefix.is_empty()),
        "the prefix is not the text before the span: {record:?}"
    );
    assert!(
        after.starts_with(&record.suffix),
        "the suffix is not the text after the span: {record:?}"
    );
}

/// Asserts that the sidecar of `path` holds exactly one annotation: `label`
/// on the first occurrence of `needle` in the article.
pub fn assert_only_tag(path: &Path, label: &str, needle: &str) {
    let text = text_of(path);
    let file = sidecar(path);
    assert_eq!(file.annotations.len(), 1, "{file:?}");
    assert_tag(
        &text,
        &file.annotations[0],
        label,
        char_index(&text, needle),
        needle,
    );
}
