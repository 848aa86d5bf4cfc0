//! Temporary files left behind by a save that never finished.
//!
//! A save writes `.sayso-PID-RANDOM.tmp` beside the sidecar and renames it
//! over the sidecar; a process killed in between (`kill -9`, a power cut)
//! leaves the temporary file. When the annotator opens an article, the stale
//! ones beside its sidecar are removed.
//!
//! Stale must never mean "another sayso is writing it right now", even one on
//! another machine or in another container that shares the folder, whose
//! process ids this one cannot see. A save writes its file continuously and
//! renames it within moments, so a file that has not changed for
//! [`UNTOUCHED`] is not being written by anyone. On top of that, a file whose
//! writer (the pid in its name) is still running here is kept for a day,
//! should a save be stuck on a slow disk; after a day the pid may well be
//! another process's.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::save::{TEMP_PREFIX, TEMP_SUFFIX};

/// How long a temporary file must have been left unchanged to be stale.
pub(super) const UNTOUCHED: Duration = Duration::from_secs(60);

/// How long a temporary file whose writer still runs here is kept.
pub(super) const WRITER_RUNNING: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes the stale temporary files of saves in `dir`; the ones removed.
/// A file that cannot be looked at or removed is left where it is.
pub(super) fn remove_stale(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return false;
            };
            let Some(writer) = writer_of(name) else {
                return false;
            };
            // Not followed: a link or a folder of that name is not ours.
            let age = entry
                .metadata()
                .ok()
                .filter(fs::Metadata::is_file)
                .and_then(|meta| meta.modified().ok())
                .and_then(|modified| now.duration_since(modified).ok());
            age.is_some_and(|age| is_stale(age, writer.is_some_and(is_running)))
        })
        .map(|entry| entry.path())
        .filter(|path| fs::remove_file(path).is_ok())
        .collect()
}

/// Whether a temporary file unchanged for `age` is stale, with its writer
/// still running here or not.
fn is_stale(age: Duration, writer_running: bool) -> bool {
    age >= UNTOUCHED && (!writer_running || age >= WRITER_RUNNING)
}

/// For the name of a save's temporary file, the pid of its writer, when the
/// name has one (older versions wrote `.sayso-RANDOM.tmp`); `None` for any
/// other name.
fn writer_of(name: &str) -> Option<Option<u32>> {
    let middle = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    // `.sayso-check-…` files test whether a folder is writable; they have
    // no suffix, but be sure.
    if middle.starts_with("check-") {
        return None;
    }
    Some(middle.split_once('-').and_then(|(pid, _)| pid.parse().ok()))
}

/// Whether process `pid` runs on this machine. Without `/proc` to ask, it
/// is taken to run: the file then waits for [`WRITER_RUNNING`].
fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use std::fs::File;

    use super::*;

    /// A pid above any the kernel hands out (`PID_MAX_LIMIT` is 2^22).
    const GONE: u32 = 99_999_999;

    fn touch(dir: &Path, name: &str, age: Duration) -> PathBuf {
        let path = dir.join(name);
        let file = File::create(&path).expect("create");
        file.set_modified(SystemTime::now() - age)
            .expect("set the modification time");
        path
    }

    fn names(mut paths: Vec<PathBuf>) -> Vec<String> {
        paths.sort();
        paths
            .iter()
            .map(|p| {
                p.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    // Whether a pid runs is asked of `/proc`.
    #[cfg(target_os = "linux")]
    #[test]
    fn removes_only_old_files_of_writers_that_are_gone() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let me = std::process::id();
        let minute = UNTOUCHED + Duration::from_secs(5);
        let day = WRITER_RUNNING + Duration::from_secs(5);
        let kept = [
            // Being written right now, by a process this one cannot see.
            touch(
                dir.path(),
                &format!(".sayso-{GONE}-fresh1.tmp"),
                Duration::ZERO,
            ),
            touch(dir.path(), ".sayso-fresh2.tmp", Duration::from_secs(5)),
            // Its writer still runs: a save stuck on a slow disk.
            touch(dir.path(), &format!(".sayso-{me}-stuck1.tmp"), minute),
            // Not a save's temporary file.
            touch(dir.path(), &format!(".sayso-check-{GONE}-x.tmp"), day),
            touch(dir.path(), ".sayso-check-abc123", day),
            touch(dir.path(), "story.ann.ron", day),
            touch(dir.path(), "sayso-1-x.tmp", day),
            touch(dir.path(), "é 👩‍👩‍👧 .sayso-1-x.tmp", day),
        ];
        let removed = [
            touch(dir.path(), &format!(".sayso-{GONE}-killed.tmp"), minute),
            touch(dir.path(), ".sayso-AbC123.tmp", minute),
            touch(dir.path(), &format!(".sayso-{me}-reused.tmp"), day),
        ];
        fs::create_dir(dir.path().join(format!(".sayso-{GONE}-dir.tmp"))).expect("mkdir");

        let gone = remove_stale(dir.path());

        assert_eq!(names(gone), names(removed.to_vec()));
        for path in &kept {
            assert!(path.exists(), "{} was removed", path.display());
        }
        assert!(dir.path().join(format!(".sayso-{GONE}-dir.tmp")).is_dir());
    }

    #[test]
    fn an_unreadable_folder_removes_nothing() {
        let dir = tempfile::tempdir().expect("temporary directory");
        assert!(remove_stale(&dir.path().join("missing")).is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_temporary_files_of_a_save_are_named_after_their_writer() {
        let name = format!("{}Ab12cd{TEMP_SUFFIX}", super::super::save::temp_prefix());
        assert_eq!(writer_of(&name), Some(Some(std::process::id())));
        assert!(is_running(std::process::id()));
        assert!(!is_running(GONE));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_named_like_a_temporary_file_is_left() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let target = touch(dir.path(), "kept.txt", WRITER_RUNNING * 2);
        let link = dir.path().join(format!(".sayso-{GONE}-link.tmp"));
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        assert!(remove_stale(dir.path()).is_empty());
        assert!(target.exists());
    }
}
