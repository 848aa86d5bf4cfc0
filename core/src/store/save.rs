//! Atomic writes.
//!
//! A sidecar is never left half written: the new contents go to a temporary
//! file in the same directory (a rename is only atomic within one file
//! system), are fsynced, and the temporary file is renamed over the sidecar.
//! The directory is fsynced afterwards so that the rename itself survives a
//! power cut.

use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

use super::StoreError;

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, fsynced, renamed over `path`, then the directory fsynced. An
/// existing file's permissions are kept; a new file gets the usual ones for
/// the user's umask. When `path` is a symbolic link, the file it points to is
/// replaced and the link kept.
pub fn save(path: &Path, contents: &str) -> Result<(), StoreError> {
    let Staged { temp, path } = stage(path, contents)?;
    temp.persist(&path)
        .map_err(|e| io_error("replace", &path)(e.error))?;
    sync_dir_of(&path)
}

/// New contents of a file, written and synced to a temporary file beside
/// it, not yet in its place.
pub(super) struct Staged {
    pub(super) temp: NamedTempFile,
    /// The file to replace: a symbolic link resolved to its target.
    pub(super) path: PathBuf,
}

/// Writes `contents` beside `path` as [`save`] does, up to the rename: a
/// guarded save (see the `watch` module) looks at the file first.
pub(super) fn stage(path: &Path, contents: &str) -> Result<Staged, StoreError> {
    let path = resolve_link(path);
    let dir = parent_dir(&path);
    let existing = existing_permissions(&path)?;
    let mut temp = new_temp_file(dir).map_err(io_error("create a file in", dir))?;
    write_synced(&mut temp, contents, existing).map_err(io_error("write", &path))?;
    Ok(Staged { temp, path })
}

/// Makes a rename in the directory of `path` survive a power cut.
pub(super) fn sync_dir_of(path: &Path) -> Result<(), StoreError> {
    let dir = parent_dir(path);
    sync_dir(dir).map_err(io_error("sync the directory", dir))
}

/// Fails when a file cannot be created in `dir`.
pub fn check_writable(dir: &Path) -> Result<(), StoreError> {
    Builder::new()
        .prefix(".sayso-check-")
        .tempfile_in(dir)
        .and_then(NamedTempFile::close)
        .map_err(io_error("write in", dir))
}

pub(super) fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

/// The file a symbolic link points to, or `path` itself.
fn resolve_link(path: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match is_link.then(|| fs::canonicalize(path)) {
        Some(Ok(target)) => target,
        _ => path.to_path_buf(),
    }
}

/// The directory `path` is in; a bare file name is in the current directory.
pub(super) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn existing_permissions(path: &Path) -> Result<Option<Permissions>, StoreError> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(meta.permissions())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("read the permissions of", path)(e)),
    }
}

/// A temporary file in `dir`, hidden, readable as a new file of the user
/// would be (`tempfile` alone makes it owner-only).
pub(super) fn new_temp_file(dir: &Path) -> io::Result<NamedTempFile> {
    let mut builder = Builder::new();
    builder.prefix(".sayso-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

fn write_synced(
    temp: &mut NamedTempFile,
    contents: &str,
    permissions: Option<Permissions>,
) -> io::Result<()> {
    temp.write_all(contents.as_bytes())?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()
}

/// Fsyncs a directory so that a rename in it is durable. Some file systems
/// cannot fsync a directory at all; that is not a failed save.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir)?.sync_all() {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::Unsupported | io::ErrorKind::InvalidInput
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Directories cannot be opened as files here; the rename is as durable as
/// the platform makes it.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_files_in(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .expect("list directory")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".sayso-"))
            .collect()
    }

    const CONTENTS: &str =
        "(\n    note: \"e\u{301} 👩\u{200d}👩\u{200d}👧 🇫🇷 中文 שלום\t\r\n\u{7}\",\n)\n";

    #[test]
    fn writes_the_contents_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        save(&path, CONTENTS).expect("first save");
        assert_eq!(fs::read_to_string(&path).expect("read"), CONTENTS);
        save(&path, "second").expect("second save");
        assert_eq!(fs::read_to_string(&path).expect("read"), "second");
        assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_an_existing_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, Permissions::from_mode(0o640)).expect("chmod");
        save(&path, CONTENTS).expect("save");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_not_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        save(&path, CONTENTS).expect("save");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        // Whatever the umask takes away, the owner can read and write, and
        // the file is not the 0o600 of a bare temporary file unless the umask
        // says so (umask 077 is rare; 022 and 002 are the usual ones).
        assert_eq!(mode & 0o600, 0o600);
        assert_ne!(mode & 0o777, 0o600, "mode {mode:o}");
    }

    #[cfg(unix)]
    #[test]
    fn replaces_the_target_of_a_symbolic_link() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let target = dir.path().join("real.ann.ron");
        let link = dir.path().join("a.ann.ron");
        fs::write(&target, "old").expect("write");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        save(&link, CONTENTS).expect("save");
        assert!(fs::symlink_metadata(&link).expect("link").is_symlink());
        assert_eq!(fs::read_to_string(&target).expect("read"), CONTENTS);
    }

    #[test]
    fn a_directory_that_is_a_file_fails_clearly() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("not-a-dir");
        fs::write(&file, "x").expect("write");
        let err = save(&file.join("a.ann.ron"), CONTENTS).expect_err("cannot save there");
        assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
        assert!(err.to_string().contains("not-a-dir"), "{err}");
        let err = check_writable(&file).expect_err("not writable");
        assert!(matches!(
            err,
            StoreError::Io {
                action: "write in",
                ..
            }
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_directory_fails_and_keeps_the_old_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        fs::write(&path, CONTENTS).expect("write");
        fs::set_permissions(dir.path(), Permissions::from_mode(0o555)).expect("chmod");
        let writable = check_writable(dir.path()).is_ok();
        let saved = save(&path, "new");
        fs::set_permissions(dir.path(), Permissions::from_mode(0o755)).expect("chmod back");
        if writable {
            // Running as root (or with CAP_DAC_OVERRIDE): permissions do not
            // stop this process, so there is no failure to observe here. The
            // failure path is covered by `a_directory_that_is_a_file_fails_clearly`.
            assert!(saved.is_ok());
            return;
        }
        assert!(matches!(saved, Err(StoreError::Io { .. })), "{saved:?}");
        assert_eq!(fs::read_to_string(&path).expect("read"), CONTENTS);
        assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn check_writable_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temporary directory");
        check_writable(dir.path()).expect("writable");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 0);
    }

    #[test]
    fn a_bare_file_name_is_in_the_current_directory() {
        assert_eq!(parent_dir(Path::new("a.ann.ron")), Path::new("."));
        assert_eq!(parent_dir(Path::new("d/a.ann.ron")), Path::new("d"));
    }
}
