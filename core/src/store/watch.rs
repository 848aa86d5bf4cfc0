//! Noticing that a sidecar changed on disk, and writing one only over the
//! version last read or written.
//!
//! Several programs may write one sidecar: two annotators on one article,
//! `sayso import`, `git pull`. Each must merge what the others wrote instead
//! of writing over it. A [`Fingerprint`] is what `stat` says of a file
//! (device, inode, size, modification time): a writer that renames a new
//! file into place gives it a new inode, one that writes in place changes
//! its modification time, so an equal fingerprint means the version last
//! seen, and looking costs one system call, with nothing read.
//!
//! A guarded write ([`replace`], [`Watched::write`]) puts new contents in place
//! only over the version it expects. On Linux and macOS the new file is
//! swapped with the old one in one atomic `renameat2(RENAME_EXCHANGE)`, and
//! the file swapped out is checked: when another program wrote in the moment
//! between the look and the swap, its version is swapped back and the write
//! fails with [`StoreError::Changed`], so nothing it wrote is lost. Elsewhere
//! (and on file systems that cannot swap) the window is the few microseconds
//! between the look and the rename.
//!
//! [`Watched`] is what the annotator and its background saver share of one
//! sidecar: the fingerprint and the annotations of the version last read or
//! written (the base of the next three-way merge), and the epoch of the last
//! outside version merged in, so that a snapshot made before the merge is
//! never written over what it merged.

use std::collections::BTreeSet;
use std::fs::{self, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

use super::save::{Disk, Staged, io_error, parent_dir, stage_with, sync_dir_of, synced_dir};
use super::{Sidecar, Snapshot, StoreError, load};
use crate::article::Article;

/// What `stat` says of a file, enough to tell one version from another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    device: u64,
    inode: u64,
    len: u64,
    /// Seconds and nanoseconds since the Unix epoch.
    modified: (i64, i64),
}

impl Fingerprint {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Fingerprint {
        use std::os::unix::fs::MetadataExt;
        Fingerprint {
            device: meta.dev(),
            inode: meta.ino(),
            len: meta.len(),
            modified: (meta.mtime(), meta.mtime_nsec()),
        }
    }

    /// Without inodes, the size and the modification time.
    #[cfg(not(unix))]
    fn of(meta: &Metadata) -> Fingerprint {
        let since = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .unwrap_or_default();
        Fingerprint {
            device: 0,
            inode: 0,
            len: meta.len(),
            modified: (since.as_secs() as i64, i64::from(since.subsec_nanos())),
        }
    }
}

/// The fingerprint of the file at `path` (a link is followed); `None` when
/// there is no file.
pub fn fingerprint(path: &Path) -> Result<Option<Fingerprint>, StoreError> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(Fingerprint::of(&meta))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error("look at", path)(e)),
    }
}

/// A version of a sidecar read from disk.
#[derive(Debug)]
pub struct Version {
    /// The file as it was when the reading began (`None`: there was none).
    /// A write during the reading makes the file differ from it, so the
    /// next look reads it again.
    pub fingerprint: Option<Fingerprint>,
    /// What it holds, as [`load`] reads it.
    pub sidecar: Result<Option<Sidecar>, StoreError>,
}

/// Reads the sidecar at `path` against `article`, with its fingerprint.
pub fn read(article: &Article, path: &Path) -> Version {
    match fingerprint(path) {
        Ok(fingerprint) => Version {
            fingerprint,
            sidecar: load(article, path),
        },
        Err(e) => Version {
            fingerprint: None,
            sidecar: Err(e),
        },
    }
}

/// How many times a command (an import, suggestions) reads, merges and
/// writes again when another program keeps writing the sidecar between its
/// read and its write, before it gives up and says so.
pub const TRIES: usize = 5;

/// Writes `contents` to `path` as [`save`](super::save()) does, but only over
/// the version `expected` (`None`: only where there is no file), and gives
/// the fingerprint of what it wrote. When the file is not that version,
/// nothing is written and the error is [`StoreError::Changed`]: read the
/// file again, merge, and write again.
pub fn replace(
    path: &Path,
    contents: &str,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, StoreError> {
    let renamed = Renamed::default();
    let written = replace_in(&renamed, path, contents, expected)?;
    renamed.sync()?;
    Ok(written)
}

/// [`replace`] as one of many writes: the new contents are synced to disk
/// before they are renamed into place, as always, but the directory the
/// rename was made in is only noted in `renamed`, to be synced once with
/// the others at the end ([`Renamed::sync`]).
///
/// This is as safe as [`replace`]: a sidecar is whole, old or new, at every
/// moment, and never put over a version it was not made from. The
/// directory's sync only makes the rename itself survive a power cut; one
/// that comes before it leaves the sidecar as it was before the write
/// (that version was durable already), never half written. A command that
/// writes many sidecars says it is done only after [`Renamed::sync`], so
/// it never reports as saved what a power cut could take back, and syncing
/// each directory once (instead of once per sidecar) saves a disk flush
/// per sidecar.
pub fn replace_in(
    renamed: &Renamed,
    path: &Path,
    contents: &str,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, StoreError> {
    replace_in_with(
        renamed,
        path,
        |out| out.write_all(contents.as_bytes()),
        expected,
    )
}

/// [`replace_in`] with the contents written by `contents` as they are made
/// (e.g. by [`super::write`]), never held whole: a sidecar of 175,000
/// suggestions is 100 MB.
pub fn replace_in_with(
    renamed: &Renamed,
    path: &Path,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, StoreError> {
    let staged = stage_with(path, contents)?;
    let target = staged.path.clone();
    let written = put(staged, expected)?;
    renamed.note(&target);
    Ok(written)
}

/// The directories where [`replace_in`] renamed files, whose renames are
/// not durable until [`Renamed::sync`]. Shared by the threads that write.
#[derive(Debug, Default)]
pub struct Renamed {
    dirs: Mutex<BTreeSet<PathBuf>>,
}

impl Renamed {
    fn note(&self, file: &Path) {
        let dir = parent_dir(file).to_path_buf();
        self.dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir);
    }

    /// Syncs every directory noted, each once, so that the renames made in
    /// them survive a power cut; fails at the first that cannot be synced.
    pub fn sync(self) -> Result<(), StoreError> {
        let dirs = self
            .dirs
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        dirs.iter().try_for_each(|dir| synced_dir(dir))
    }
}

/// Puts `staged` in place of the version `expected`; gives the fingerprint
/// of what it put.
fn put(staged: Staged, expected: Option<Fingerprint>) -> Result<Fingerprint, StoreError> {
    let path = staged.path.clone();
    if fingerprint(&path)? != expected {
        return Err(changed(&path));
    }
    // A rename keeps everything a fingerprint holds.
    let written = staged
        .temp
        .as_file()
        .metadata()
        .map(|meta| Fingerprint::of(&meta))
        .map_err(io_error("look at", staged.temp.path()))?;
    match expected {
        None => {
            staged
                .temp
                .persist_noclobber(&path)
                .map_err(|e| match e.error.kind() {
                    io::ErrorKind::AlreadyExists => changed(&path),
                    _ => io_error("create", &path)(e.error),
                })?;
        }
        Some(expected) => swap(staged.temp, &path, expected)?,
    }
    Ok(written)
}

fn changed(path: &Path) -> StoreError {
    StoreError::Changed {
        path: path.to_path_buf(),
    }
}

/// Puts `temp` in place of the file at `path`, which was `expected` a
/// moment ago, in one swap; when the file swapped out is not `expected`,
/// swaps it back.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub(super) fn swap(
    temp: NamedTempFile,
    path: &Path,
    expected: Fingerprint,
) -> Result<(), StoreError> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;

    let exchange = |a: &Path, b: &Path| renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE);
    // What a file system that cannot swap (some network ones) answers.
    let cannot = [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP, Errno::NOTSUP];
    match exchange(temp.path(), path) {
        Ok(()) => {}
        // A rename right after the look, then.
        Err(e) if cannot.contains(&e) => return rename(temp, path),
        Err(e) => return Err(io_error("replace", path)(e.into())),
    }
    // `temp` names the version swapped out; dropping it deletes that.
    if fingerprint(temp.path())? == Some(expected) {
        return Ok(());
    }
    // Another program wrote in the moment between the look and the swap:
    // its version goes back in place, and `temp`, ours again, is deleted.
    match exchange(temp.path(), path) {
        Ok(()) => Err(changed(path)),
        Err(e) => {
            let kept = temp
                .into_temp_path()
                .keep()
                .map_err(|k| io_error("keep", &k.path)(k.error))?;
            Err(io_error("put back what another program wrote to", path)(
                io::Error::new(
                    e.kind(),
                    format!(
                        "{e}; it is kept in {} (compare it with the sidecar)",
                        kept.display()
                    ),
                ),
            ))
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub(super) fn swap(
    temp: NamedTempFile,
    path: &Path,
    _expected: Fingerprint,
) -> Result<(), StoreError> {
    rename(temp, path)
}

fn rename(temp: NamedTempFile, path: &Path) -> Result<(), StoreError> {
    temp.persist(path)
        .map(drop)
        .map_err(|e| io_error("replace", path)(e.error))
}

/// What [`Watched::look`] finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// The file is the version last read or written.
    Same,
    /// It is another one now (`None`: it was deleted).
    Changed(Option<Fingerprint>),
}

/// One sidecar as the annotator and its saver know it.
#[derive(Debug)]
pub struct Watched {
    path: PathBuf,
    seen: Mutex<Seen>,
    /// A write found the file changed: the annotator looks at once.
    refused: AtomicBool,
}

#[derive(Debug)]
struct Seen {
    /// The version last read or written.
    fingerprint: Option<Fingerprint>,
    /// What it holds.
    base: Snapshot,
    /// Bumped by every outside version merged in.
    epoch: u64,
}

impl Watched {
    /// The sidecar at `path`, last read as `fingerprint` and holding `base`.
    pub fn new(path: PathBuf, fingerprint: Option<Fingerprint>, base: Snapshot) -> Watched {
        Watched {
            path,
            seen: Mutex::new(Seen {
                fingerprint,
                base,
                epoch: 0,
            }),
            refused: AtomicBool::new(false),
        }
    }

    /// The sidecar, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file is still the version last read or written: one
    /// `stat`. Made while no write of the saver is half done, so the saver's
    /// own write is never taken for another program's.
    pub fn look(&self) -> Result<Look, StoreError> {
        let seen = self.lock();
        let now = fingerprint(&self.path)?;
        Ok(if now == seen.fingerprint {
            Look::Same
        } else {
            Look::Changed(now)
        })
    }

    /// What the version last read or written holds.
    pub fn base(&self) -> Snapshot {
        self.lock().base.clone()
    }

    /// The epoch a snapshot made now belongs to.
    pub fn epoch(&self) -> u64 {
        self.lock().epoch
    }

    /// The version `fingerprint`, holding `base`, has been merged in (or
    /// the file deleted, with `None`): it is what later writes go over, and
    /// snapshots made before are no longer written. Gives the base it
    /// replaces, for the caller to free where it costs nothing.
    #[must_use = "freeing a base of 50,000 annotations takes milliseconds"]
    pub fn adopt(&self, fingerprint: Option<Fingerprint>, base: Snapshot) -> Snapshot {
        let mut seen = self.lock();
        seen.fingerprint = fingerprint;
        seen.epoch += 1;
        std::mem::replace(&mut seen.base, base)
    }

    /// Whether a write found the file changed since the last call.
    pub fn take_refusal(&self) -> bool {
        self.refused.swap(false, Ordering::Relaxed)
    }

    /// The sidecar at `path` as it is on disk now, for a writer that merges
    /// nothing: what it holds is not read, and a failed look counts as no
    /// file (the first write then says what is wrong).
    pub fn as_it_is(path: PathBuf) -> Watched {
        let now = fingerprint(&path).unwrap_or(None);
        let empty = Snapshot {
            annotations: Vec::new(),
            detached: std::sync::Arc::new(Vec::new()),
            finished: None,
        };
        Watched::new(path, now, empty)
    }

    /// Writes what `contents` writes, rendered from `snapshot` made in
    /// `epoch`, through `disk` over the version last read or written, which
    /// `snapshot` then is. A snapshot made before the last outside version
    /// was merged in is not written: a newer one holds what it has. When
    /// another program changed the file, nothing is written and the error
    /// is [`StoreError::Changed`].
    pub fn write(
        &self,
        disk: &dyn Disk,
        contents: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
        snapshot: Snapshot,
        epoch: u64,
    ) -> Result<(), StoreError> {
        // The slow part, the contents written and synced, is done before
        // the look, so that the look and the swap follow each other at once.
        let staged = disk.stage(&self.path, contents)?;
        let target = staged.path.clone();
        {
            let mut seen = self.lock();
            if epoch != seen.epoch {
                return Ok(());
            }
            match put(staged, seen.fingerprint) {
                Ok(written) => {
                    seen.fingerprint = Some(written);
                    seen.base = snapshot;
                }
                Err(e) => {
                    if matches!(e, StoreError::Changed { .. }) {
                        self.refused.store(true, Ordering::Relaxed);
                    }
                    return Err(e);
                }
            }
        }
        sync_dir_of(&target)
    }

    fn lock(&self) -> MutexGuard<'_, Seen> {
        // Every update of `Seen` is a plain assignment: it stays whole even
        // if a holder panicked.
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
