//! Telling an editor that another sayso has the article open.
//!
//! An annotator that may write holds a lock file hidden beside the sidecar
//! (`dir/.name.ann.lock`, see [`lock_path`]) saying who holds it: process
//! id, host, user, and since when. The lock is advisory: it stops no one,
//! it is read to tell the editor who else is annotating; both may tag, and
//! each one's saves are merged into the other's (see [`super::watch`]). So
//! that a crash never leaves a lock that tells a lie for ever, a lock whose
//! process is gone (on this host, no such process) is stale and taken over;
//! one from another host cannot be checked, and is named with its host.
//!
//! A lock is written whole under a temporary name and linked into place, so
//! a reader never sees half of one and two openers cannot both take it. It
//! is removed when its [`Lock`] is dropped (quit, a signal that ends the
//! annotator, a panic that unwinds); [`release_all`] removes the locks of a
//! process about to exit without unwinding.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::path::lock_path;
use super::save::{io_error, new_temp_file, parent_dir};
use crate::annotation::now_rfc3339;

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    pub user: String,
    /// RFC 3339, UTC.
    pub since: String,
}

impl Holder {
    /// This process.
    pub fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            user: user_name(),
            since: now_rfc3339(),
        }
    }

    /// Whether it runs on this host: only then can its process be checked.
    pub fn is_here(&self) -> bool {
        self.host == host_name()
    }

    /// Whether its process is known to have ended.
    fn is_gone(&self) -> bool {
        self.is_here() && !alive(self.pid)
    }
}

/// A lock this process holds; removed when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    holder: Holder,
}

impl Lock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        held().retain(|(path, _)| path != &self.path);
        remove_if_held_by(&self.path, &self.holder);
    }
}

/// What taking a lock found.
#[derive(Debug)]
pub enum Taken {
    /// This process holds it now.
    Ours(Lock),
    /// Another sayso holds it, and may still be running.
    Held(Holder),
}

/// Takes the lock of `sidecar` unless another sayso, still running or on
/// another host, holds it; a stale one is taken over.
pub fn take(sidecar: &Path) -> Result<Taken, StoreError> {
    let path = lock_path(sidecar);
    let me = Holder::me();
    // A stale lock removed, then ours written: more tries mean other
    // openers race for it.
    for _ in 0..3 {
        match write_new(&path, &me) {
            Ok(()) => {
                held().push((path.clone(), me.clone()));
                return Ok(Taken::Ours(Lock { path, holder: me }));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_error("create the lock file", &path)(e)),
        }
        match read(&path) {
            Read::Holder(holder) if !holder.is_gone() => return Ok(Taken::Held(holder)),
            Read::Gone => {}
            Read::Holder(_) | Read::Unreadable => match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error("take over the stale lock file", &path)(e)),
            },
        }
    }
    Err(io_error("take the lock file", &path)(io::Error::other(
        "other sayso processes keep taking and leaving it",
    )))
}

/// Who holds the lock of `sidecar`, when a sayso that may still be running
/// does; for an annotator that takes none (`--read-only`).
pub fn holder(sidecar: &Path) -> Option<Holder> {
    match read(&lock_path(sidecar)) {
        Read::Holder(holder) if !holder.is_gone() => Some(holder),
        _ => None,
    }
}

/// Removes every lock this process holds: for a process about to end
/// without unwinding, where no [`Lock`] is dropped.
pub fn release_all() {
    for (path, holder) in std::mem::take(&mut *held()) {
        remove_if_held_by(&path, &holder);
    }
}

/// The locks this process holds, for [`release_all`].
fn held() -> std::sync::MutexGuard<'static, Vec<(PathBuf, Holder)>> {
    static HELD: Mutex<Vec<(PathBuf, Holder)>> = Mutex::new(Vec::new());
    HELD.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a lock file holds.
enum Read {
    Holder(Holder),
    /// There is no lock file.
    Gone,
    /// Not a lock sayso wrote.
    Unreadable,
}

fn read(path: &Path) -> Read {
    match fs::read_to_string(path) {
        Ok(text) => ron::from_str(&text).map_or(Read::Unreadable, Read::Holder),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Read::Gone,
        Err(_) => Read::Unreadable,
    }
}

/// Writes a lock of `holder` at `path`, failing with `AlreadyExists` when
/// there is one.
fn write_new(path: &Path, holder: &Holder) -> io::Result<()> {
    let text = ron::ser::to_string_pretty(holder, ron::ser::PrettyConfig::default())
        .map_err(io::Error::other)?;
    let mut temp = new_temp_file(parent_dir(path))?;
    temp.write_all(text.as_bytes())?;
    temp.write_all(b"\n")?;
    temp.persist_noclobber(path).map(drop).map_err(|e| e.error)
}

/// Removes the lock at `path` if `holder` still holds it: after a takeover
/// it is another's.
fn remove_if_held_by(path: &Path, holder: &Holder) {
    if matches!(read(path), Read::Holder(h) if &h == holder) {
        // Nothing to do about a lock that cannot be removed: it is stale
        // once this process ends, and the next opener takes it over.
        let _ = fs::remove_file(path);
    }
}

/// This machine's name.
#[cfg(unix)]
fn host_name() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .into_owned()
}

#[cfg(not(unix))]
fn host_name() -> String {
    std::env::var("COMPUTERNAME").unwrap_or_else(|_| "unknown".into())
}

/// The user running sayso: as the environment names them, else their
/// user id.
fn user_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(user_id)
}

#[cfg(unix)]
fn user_id() -> String {
    format!("uid {}", rustix::process::getuid().as_raw())
}

#[cfg(not(unix))]
fn user_id() -> String {
    "unknown".into()
}

/// Whether process `pid` of this host is running (one of another user
/// counts too).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    use rustix::io::Errno;
    use rustix::process::{Pid, test_kill_process};
    match i32::try_from(pid).ok().and_then(Pid::from_raw) {
        Some(pid) => matches!(test_kill_process(pid), Ok(()) | Err(Errno::PERM)),
        None => false,
    }
}

/// Without a way to ask, every process is taken to be running.
#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `release_all` removes every lock of the process: the tests that
    /// hold one take turns.
    fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
        static TURN: Mutex<()> = Mutex::new(());
        TURN.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn sidecar_in(dir: &Path) -> PathBuf {
        dir.join("Zoë 東京 👩\u{200d}👩\u{200d}👧.ann.ron")
    }

    fn write_lock(sidecar: &Path, holder: &Holder) {
        let text = ron::ser::to_string_pretty(holder, ron::ser::PrettyConfig::default())
            .expect("a holder renders");
        fs::write(lock_path(sidecar), text).expect("write the lock");
    }

    /// The pid of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("`true` runs");
        let pid = child.id();
        child.wait().expect("`true` ends");
        pid
    }

    #[test]
    fn the_lock_is_hidden_beside_the_sidecar() {
        assert_eq!(
            lock_path(Path::new("d/story.ann.ron")),
            Path::new("d/.story.ann.lock")
        );
    }

    #[test]
    fn a_lock_names_its_holder_and_goes_when_dropped() {
        let _turn = one_at_a_time();
        let dir = tempfile::tempdir().expect("temporary directory");
        let sidecar = sidecar_in(dir.path());
        let Taken::Ours(lock) = take(&sidecar).expect("take") else {
            panic!("nobody held it");
        };
        assert_eq!(lock.path(), lock_path(&sidecar));
        // Another opener (here the same process again) is told who holds it.
        match take(&sidecar).expect("take again") {
            Taken::Held(holder) => {
                assert_eq!(holder.pid, std::process::id());
                assert!(holder.is_here());
                assert_eq!(holder.host, host_name());
            }
            Taken::Ours(_) => panic!("a lock taken twice"),
        }
        assert_eq!(holder(&sidecar).map(|h| h.pid), Some(std::process::id()));
        drop(lock);
        assert!(!lock_path(&sidecar).exists());
        assert_eq!(holder(&sidecar), None);
    }

    #[test]
    fn a_stale_lock_of_this_host_is_taken_over() {
        let _turn = one_at_a_time();
        let dir = tempfile::tempdir().expect("temporary directory");
        let sidecar = sidecar_in(dir.path());
        let stale = Holder {
            pid: dead_pid(),
            ..Holder::me()
        };
        write_lock(&sidecar, &stale);
        assert_eq!(holder(&sidecar), None, "a dead holder is no holder");
        let Taken::Ours(lock) = take(&sidecar).expect("take") else {
            panic!("a stale lock must be taken over");
        };
        assert_eq!(holder(&sidecar).map(|h| h.pid), Some(std::process::id()));
        drop(lock);
        assert!(!lock_path(&sidecar).exists());
    }

    #[test]
    fn a_lock_of_another_host_is_told_and_left_alone() {
        let _turn = one_at_a_time();
        let dir = tempfile::tempdir().expect("temporary directory");
        let sidecar = sidecar_in(dir.path());
        let there = Holder {
            pid: dead_pid(),
            host: "kim's \"laptop\"".into(),
            user: "kim".into(),
            since: "2026-11-24T05:40:00Z".into(),
        };
        write_lock(&sidecar, &there);
        match take(&sidecar).expect("take") {
            Taken::Held(holder) => {
                assert_eq!(holder, there);
                assert!(!holder.is_here());
            }
            Taken::Ours(_) => panic!("a lock of another host is never taken over"),
        }
        assert_eq!(holder(&sidecar), Some(there));
    }

    #[test]
    fn an_unreadable_lock_is_taken_over() {
        let _turn = one_at_a_time();
        let dir = tempfile::tempdir().expect("temporary directory");
        let sidecar = sidecar_in(dir.path());
        fs::write(lock_path(&sidecar), "\u{feff}not a lock\r\n").expect("write");
        assert!(matches!(take(&sidecar), Ok(Taken::Ours(_))));
    }

    #[test]
    fn a_lock_taken_over_is_not_removed_by_its_old_holder() {
        let _turn = one_at_a_time();
        let dir = tempfile::tempdir().expect("temporary directory");
        let sidecar = sidecar_in(dir.path());
        let Taken::Ours(lock) = take(&sidecar).expect("take") else {
            panic!("nobody held it");
        };
        let other = Holder {
            host: "elsewhere".into(),
            ..Holder::me()
        };
        write_lock(&sidecar, &other);
        drop(lock);
        assert_eq!(holder(&sidecar), Some(other));
    }

    #[test]
    fn release_all_removes_the_locks_held() {
        let _turn = one_at_a_time();
        let dir = tempfile::tempdir().expect("temporary directory");
        let sidecar = sidecar_in(dir.path());
        let Taken::Ours(lock) = take(&sidecar).expect("take") else {
            panic!("nobody held it");
        };
        release_all();
        assert!(!lock_path(&sidecar).exists());
        // As a process about to exit would: no drop.
        std::mem::forget(lock);
    }
}
