//! Saving when the disk fails, and on the way out, with the real binary in a
//! pseudo-terminal: a full disk (or a folder made read-only), quitting and
//! signals with unsaved tags, a terminal that hangs up with the form open, and
//! the temporary files a killed save leaves.

mod common;

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::pty::*;
use tempfile::TempDir;

const CTRL_S: &str = "\x13";
const DOWN: &str = "\x1b[B";

/// A copy of the sample article in a folder whose saves can be made to fail:
/// a 64 KB tmpfs, filled up, where this runs as root; else the folder made
/// read-only.
struct Breakable {
    folder: PathBuf,
    article: PathBuf,
    mounted: bool,
    /// Dropped last: the tmpfs is unmounted first.
    _dir: TempDir,
}

impl Breakable {
    /// `None`, and says why, when saving cannot be made to fail here.
    fn new() -> Option<Breakable> {
        let dir = TempDir::new().expect("a temporary folder");
        let folder = dir.path().join("news");
        fs::create_dir(&folder).expect("a folder");
        // Only root may mount; anyone else gets the read-only folder.
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(&folder)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/huawei-leak.txt");
        let article = folder.join("huawei-leak.txt");
        fs::copy(&sample, &article).expect("the sample is copied");
        let breakable = Breakable {
            folder,
            article,
            mounted,
            _dir: dir,
        };
        if !mounted {
            breakable.break_saving();
            let writable = File::create(breakable.folder.join("probe")).is_ok();
            breakable.mend();
            if writable {
                eprintln!(
                    "skipped: no tmpfs could be mounted, and a read-only folder does not stop this user (root without the right to mount)"
                );
                return None;
            }
        }
        Some(breakable)
    }

    /// From now on, saves in the folder fail.
    fn break_saving(&self) {
        if self.mounted {
            let mut filler = File::create(self.folder.join("filler")).expect("a filler file");
            while filler.write_all(&[0; 4096]).is_ok() {}
        } else {
            set_mode(&self.folder, 0o555);
        }
    }

    /// Saves in the folder work again.
    fn mend(&self) {
        if self.mounted {
            let _ = fs::remove_file(self.folder.join("filler"));
        } else {
            set_mode(&self.folder, 0o755);
        }
    }
}

impl Drop for Breakable {
    fn drop(&mut self) {
        self.mend();
        if self.mounted {
            let _ = Command::new("umount").arg(&self.folder).status();
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Starts sayso on the article of `folder` with recovery files going to
/// `state` (`$XDG_STATE_HOME`) and `tmp` (`$TMPDIR`), tags a quote and waits
/// for it to be saved, then breaks saving and tags a claim and another quote,
/// and waits for the title to say they are not saved.
fn two_tags_unsaved(folder: &Breakable, state: &Path, tmp: &Path) -> Session {
    let env = [
        ("XDG_STATE_HOME", Some(state.as_os_str())),
        ("TMPDIR", Some(tmp.as_os_str())),
    ];
    let mut s = Session::start_with(&folder.folder, &["huawei-leak.txt"], &env);
    s.send(&format!("/proper, full and impartial{ENTER}q"));
    s.wait_for("1 annotation · saved");
    folder.break_saving();
    // The failed save takes the status line: the title counts the tags.
    s.send(&format!("/Gavin Williamson was fired{ENTER}c"));
    s.wait_for("2 annotations · NOT SAVED");
    s.send(&format!("/shabby and discredited witch hunt{ENTER}q"));
    s.wait_for("3 annotations · NOT SAVED");
    s
}

/// The only file under `dir`, at any depth, besides where the cursor was
/// left (`places.json`, which sayso keeps in the state directory too).
fn only_file_under(dir: &Path) -> PathBuf {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if !path.ends_with("sayso/places.json") {
                found.push(path);
            }
        }
    }
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

/// The span texts of a file in the sidecar format, in order.
fn span_texts(path: &Path) -> Vec<String> {
    let source = fs::read_to_string(path).expect("the file reads");
    let file: SidecarFile = ron::from_str(&source).expect("it parses as a sidecar");
    file.annotations
        .iter()
        .map(|r| r.spans.iter().map(|s| s.text.as_str()).collect())
        .collect()
}

/// Asserts that the file at `path` holds the three tags of
/// [`two_tags_unsaved`], in any order.
fn assert_all_three(path: &Path) {
    let mut texts = span_texts(path);
    texts.sort();
    assert_eq!(
        texts,
        [
            "Gavin Williamson was fired",
            "proper, full and impartial",
            "shabby and discredited witch hunt",
        ]
    );
}

/// Checks that sayso ended with an error naming the recovery file under
/// `state`, which holds all three tags, while the sidecar kept the first.
fn assert_recovered(
    folder: &Breakable,
    state: &Path,
    status: portable_pty::ExitStatus,
    shown: &str,
) {
    assert_eq!(status.exit_code(), 1, "{status:?}\n{shown}");
    let recovery = only_file_under(state);
    let name = recovery.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("huawei-leak.") && name.ends_with(".ann.recovered.ron"),
        "{name}"
    );
    let shown = shown.replace('\n', "");
    assert!(shown.contains(&recovery.display().to_string()), "{shown}");
    assert!(shown.contains("copy it over"), "{shown}");
    assert_all_three(&recovery);
    folder.mend();
    assert_eq!(
        span_texts(&folder.article.with_extension("ann.ron")),
        vec!["proper, full and impartial"],
        "the sidecar is as it was last saved"
    );
}

#[test]
fn quitting_while_saves_fail_writes_every_tag_to_a_recovery_file_and_names_it() {
    let Some(folder) = Breakable::new() else {
        return;
    };
    let state = TempDir::new().unwrap();
    let mut s = two_tags_unsaved(&folder, state.path(), state.path());
    s.send(CTRL_Q);
    let (status, shown) = s.wait_exit_showing();
    assert_recovered(&folder, state.path(), status, &shown);
}

#[test]
fn sigterm_while_saves_fail_writes_every_tag_to_a_recovery_file_and_names_it() {
    let Some(folder) = Breakable::new() else {
        return;
    };
    let state = TempDir::new().unwrap();
    let s = two_tags_unsaved(&folder, state.path(), state.path());
    s.signal("TERM");
    let (status, shown) = s.wait_exit_showing();
    assert_recovered(&folder, state.path(), status, &shown);
}

const REFUSED: &str = "Nothing can be saved anywhere: Ctrl-q again quits and loses 2 changes (3 annotations here, 1 in the sidecar).";

/// [`two_tags_unsaved`] with nowhere to write a recovery file, then
/// `Ctrl-q`, refused; the temporary folder holds the recovery places.
fn refused_quit() -> Option<(Breakable, TempDir, Session)> {
    let folder = Breakable::new()?;
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, "not a folder").unwrap();
    let mut s = two_tags_unsaved(&folder, &file.join("state"), &file.join("tmp"));
    s.send(CTRL_Q);
    s.wait_for(REFUSED);
    Some((folder, dir, s))
}

#[test]
fn with_nothing_writable_ctrl_q_asks_again_and_says_what_is_lost() {
    let Some((_folder, _dir, mut s)) = refused_quit() else {
        return;
    };
    // Any other key takes the quit back.
    s.send("j");
    s.wait_until("the warning to go", |t| {
        !t.parser
            .screen()
            .contents()
            .contains("Nothing can be saved")
    });
    s.send(CTRL_Q);
    s.wait_for(REFUSED);
    s.send(CTRL_Q);
    let (status, shown) = s.wait_exit_showing();
    assert_eq!(status.exit_code(), 1, "{status:?}\n{shown}");
    let shown = shown.replace('\n', "");
    assert!(
        shown.contains("no recovery file could be written either"),
        "{shown}"
    );
    assert!(
        shown.contains("sayso quit and lost 2 changes (3 annotations here, 1 in the sidecar)"),
        "{shown}"
    );
}

#[test]
fn room_made_after_a_refused_quit_saves_everything_and_quits() {
    let Some((folder, _dir, mut s)) = refused_quit() else {
        return;
    };
    folder.mend();
    s.send(CTRL_S);
    s.wait_for("3 annotations · saved");
    s.quit();
    assert_all_three(&folder.article.with_extension("ann.ron"));
}

#[test]
fn a_terminal_that_hangs_up_with_the_form_open_keeps_the_note() {
    let (dir, path) = huawei();
    let mut s = Session::start(dir.path(), &["huawei-leak.txt"]);
    s.send(&format!("/shabby and discredited{ENTER}c"));
    s.wait_for("Tagged claim #1");
    s.send(ENTER);
    s.wait_for("Edit claim #1");
    // The form opens on the speaker; the note is the next field.
    s.send(&format!("{DOWN}習近平 e\u{301} שלום Zo"));
    s.wait_for("שלום");
    // The last key, and the terminal closes as soon as it shows.
    let status = s.hang_up_after("ë", "Zoë");
    assert_eq!(status.signal(), None, "killed: {status:?}");

    let file = sidecar(&path);
    assert_eq!(file.annotations.len(), 1, "{file:?}");
    assert_eq!(
        file.annotations[0].note.as_deref(),
        Some("習近平 e\u{301} שלום Zoë")
    );
}

#[test]
fn opening_removes_the_temporary_files_of_a_killed_save() {
    let (dir, _) = huawei();
    let stale = dir.path().join(".sayso-99999999-killed.tmp");
    let fresh = dir.path().join(".sayso-99999999-writing.tmp");
    for path in [&stale, &fresh] {
        fs::write(path, "(\n    format: 1,\n").unwrap();
    }
    File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(600)))
        .unwrap();
    let s = Session::start(dir.path(), &["huawei-leak.txt"]);
    let deadline = Instant::now() + DEADLINE;
    while stale.exists() {
        assert!(Instant::now() < deadline, "the stale file is still there");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        fresh.exists(),
        "a file another save may be writing was removed"
    );
    s.quit();
}
