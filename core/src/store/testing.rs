//! A disk that fills up, for tests of what happens when saving fails.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::StoreError;
use super::save::{Disk, Staged, stage_with};

/// How much a write to a full folder gets onto the disk before it fails.
const ROOM: usize = 100;

/// The file system, where folders can be made full: from [`FullDisk::fill`]
/// on, a write under a full folder fails part way with "no space left on
/// device", as on a full disk, after its temporary file got a few bytes.
#[derive(Debug, Default)]
pub struct FullDisk {
    full: Mutex<Vec<PathBuf>>,
}

impl FullDisk {
    /// Writes under `dir` fail from now on.
    pub fn fill(&self, dir: &Path) {
        self.lock().push(dir.to_path_buf());
    }

    /// Writes under `dir` work again.
    pub fn free(&self, dir: &Path) {
        self.lock().retain(|full| full != dir);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        self.full.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Disk for FullDisk {
    fn stage(
        &self,
        path: &Path,
        contents: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<Staged, StoreError> {
        let full = self.lock().iter().any(|dir| path.starts_with(dir));
        if !full {
            return stage_with(path, contents);
        }
        stage_with(path, |out| {
            contents(&mut Filling {
                inner: out,
                room: ROOM,
            })
        })
    }
}

/// A writer that takes `room` bytes, then fails.
struct Filling<'a> {
    inner: &'a mut dyn Write,
    room: usize,
}

impl Write for Filling<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        self.inner.write(&buf[..n])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
