//! Atomic writes.
//!
//! A sidecar is never left half written: the new contents go to a temporary
//! file in the same directory (a rename is only atomic within one file
//! system), are fsynced, and the temporary file is renamed over the sidecar.
//! The directory is fsynced afterwards so that the rename itself survives a
//! power cut. The contents are written as they are produced, through a small
//! buffer, so a sidecar of any size is never held whole in memory.
//!
//! The temporary file is named `.sayso-PID-RANDOM.tmp`, after the process
//! that writes it, so that one left behind by a process that was killed can
//! be told from one being written right now (see [`super::stale`]).

use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

use super::StoreError;

/// Where files are written. The saver writes sidecars and recovery files
/// through one, so that tests can stand in a disk that fails as a full one
/// does; [`FileSystem`] is the real one.
pub trait Disk: Send + Sync {
    /// Writes what `contents` writes to a temporary file beside `path`,
    /// synced, not yet in its place: [`Staged::persist`] puts it there, a
    /// guarded write (see [`super::watch`]) looks at the file first.
    fn stage(
        &self,
        path: &Path,
        contents: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<Staged, StoreError>;

    /// Writes what `contents` writes to `path`, atomically: afterwards `path`
    /// holds all of it, or is as it was.
    fn write(
        &self,
        path: &Path,
        contents: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        self.stage(path, contents)?.persist()
    }
}

/// The file system, written through [`save_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct FileSystem;

impl Disk for FileSystem {
    fn stage(
        &self,
        path: &Path,
        contents: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<Staged, StoreError> {
        stage_with(path, contents)
    }
}

/// Writes `contents` to `path` atomically, see [`save_with`].
pub fn save(path: &Path, contents: &str) -> Result<(), StoreError> {
    save_with(path, |out| out.write_all(contents.as_bytes()))
}

/// How much is written to the temporary file at once.
const BUFFER: usize = 64 << 10;

/// Writes what `contents` writes to `path` atomically: a temporary file in
/// the same directory, fsynced, renamed over `path`, then the directory
/// fsynced. An existing file's permissions are kept, and so are its owner and
/// group where this process may set them; a new file gets the usual ones for
/// the user's umask. When `path` is a symbolic link, the file it points to is
/// replaced and the link kept. When writing fails, `path` is as it was and the
/// temporary file is removed.
pub fn save_with(
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StoreError> {
    stage_with(path, contents)?.persist()
}

/// New contents of a file, written and synced to a temporary file beside
/// it, not yet in its place. Dropped, the temporary file is removed.
pub struct Staged {
    pub(super) temp: NamedTempFile,
    /// The file to replace: a symbolic link resolved to its target.
    pub(super) path: PathBuf,
}

impl Staged {
    /// Puts the new contents in place of the file, for good.
    pub fn persist(self) -> Result<(), StoreError> {
        let Staged { temp, path } = self;
        temp.persist(&path)
            .map_err(|e| io_error("replace", &path)(e.error))?;
        sync_dir_of(&path)
    }
}

/// [`save_with`] up to the rename.
pub(super) fn stage_with(
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Staged, StoreError> {
    let path = resolve_link(path);
    let dir = parent_dir(&path);
    let existing = existing_metadata(&path)?;
    let mut temp = new_temp_file(dir).map_err(io_error("create a file in", dir))?;
    write_synced(&mut temp, contents, existing.as_ref()).map_err(io_error("write", &path))?;
    Ok(Staged { temp, path })
}

/// Makes a rename in the directory of `path` survive a power cut.
pub(super) fn sync_dir_of(path: &Path) -> Result<(), StoreError> {
    synced_dir(parent_dir(path))
}

/// Makes the renames in `dir` survive a power cut.
pub(super) fn synced_dir(dir: &Path) -> Result<(), StoreError> {
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

/// The directory where the temporary files of saves to `path` are written:
/// the one of the file a link points to.
pub(super) fn temp_dir_of(path: &Path) -> PathBuf {
    parent_dir(&resolve_link(path)).to_path_buf()
}

/// The directory `path` is in; a bare file name is in the current directory.
pub(super) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn existing_metadata(path: &Path) -> Result<Option<Metadata>, StoreError> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("read the permissions of", path)(e)),
    }
}

/// The start of the name of a temporary file this process writes:
/// `.sayso-PID-`.
pub(super) fn temp_prefix() -> String {
    format!("{}{}-", TEMP_PREFIX, std::process::id())
}

/// How every temporary file of a save starts and ends.
pub(super) const TEMP_PREFIX: &str = ".sayso-";
pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file in `dir`, hidden, readable as a new file of the user
/// would be (`tempfile` alone makes it owner-only).
pub(super) fn new_temp_file(dir: &Path) -> io::Result<NamedTempFile> {
    let mut builder = Builder::new();
    let prefix = temp_prefix();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

fn write_synced(
    temp: &mut NamedTempFile,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    existing: Option<&Metadata>,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, temp.as_file());
    contents(&mut out)?;
    out.flush()?;
    drop(out);
    if let Some(existing) = existing {
        // The owner first: changing it clears the set-id bits, which the
        // permissions then put back.
        keep_owner(temp.as_file(), existing);
        temp.as_file().set_permissions(existing.permissions())?;
    }
    temp.as_file().sync_all()
}

/// Gives `file` the owner and group of `existing`, or as much of them as
/// this process may: a user who is not root cannot give a file away, but can
/// keep its group when they are a member of it. Where neither is allowed
/// (or the file system has no owners), the file stays this process's: that
/// never fails a save.
#[cfg(unix)]
fn keep_owner(file: &File, existing: &Metadata) {
    use std::os::unix::fs::{MetadataExt, fchown};
    if fchown(file, Some(existing.uid()), Some(existing.gid())).is_err() {
        let _ = fchown(file, None, Some(existing.gid()));
    }
}

/// Owners are not kept where the platform has none to keep.
#[cfg(not(unix))]
fn keep_owner(_file: &File, _existing: &Metadata) {}

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
    use std::fs::Permissions;

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

    #[test]
    fn save_with_streams_the_contents_in_pieces_of_any_size() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        let piece = "e\u{301} 👩\u{200d}👩\u{200d}👧 🇫🇷 中文 שלום\t\r\n";
        let pieces = 3 * BUFFER / piece.len() + 7;
        save_with(&path, |out| {
            (0..pieces).try_for_each(|_| out.write_all(piece.as_bytes()))
        })
        .expect("save");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            piece.repeat(pieces)
        );
        assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_write_that_fails_part_way_keeps_the_old_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        save(&path, CONTENTS).expect("first save");
        let err = save_with(&path, |out| {
            out.write_all(&[b'x'; 3 * BUFFER])?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        })
        .expect_err("the write fails");
        assert!(
            matches!(&err, StoreError::Io { action: "write", source, .. } if source.kind() == io::ErrorKind::StorageFull),
            "{err:?}"
        );
        assert!(err.to_string().contains("a.ann.ron"), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), CONTENTS);
        assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
    }

    /// The owner and group of an existing file are kept. Giving a file to
    /// another user takes root: as anyone else only the mode is checked.
    #[cfg(unix)]
    #[test]
    fn keeps_the_owner_and_group_of_an_existing_file_where_allowed() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt, chown};
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, Permissions::from_mode(0o664)).expect("chmod");
        let (uid, gid) = (4242, 4343);
        let given = chown(&path, Some(uid), Some(gid)).is_ok();
        save(&path, CONTENTS).expect("save");
        let meta = fs::metadata(&path).expect("metadata");
        assert_eq!(meta.permissions().mode() & 0o777, 0o664);
        if given {
            assert_eq!((meta.uid(), meta.gid()), (uid, gid));
        } else {
            eprintln!("not root: only the mode of a saved file is checked, not its owner");
            assert_eq!(meta.uid(), fs::metadata(dir.path()).expect("dir").uid());
        }
        assert_eq!(fs::read_to_string(&path).expect("read"), CONTENTS);
    }

    #[test]
    fn temporary_files_are_named_after_this_process() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let temp = new_temp_file(dir.path()).expect("a temporary file");
        let name = temp
            .path()
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let prefix = format!(".sayso-{}-", std::process::id());
        assert!(
            name.starts_with(&prefix) && name.ends_with(".tmp"),
            "{name}"
        );
    }
}
