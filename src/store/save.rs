//! Atomic writes.

use std::path::Path;

use super::StoreError;

/// Writes `contents` to `path` atomically: a temporary file in the same
/// directory, fsynced, renamed over `path`, then the directory fsynced. An
/// existing file's permissions are kept.
pub fn save(path: &Path, contents: &str) -> Result<(), StoreError> {
    let _ = (path, contents);
    todo!("store helper")
}

/// Fails when a file cannot be created in `dir`.
pub fn check_writable(dir: &Path) -> Result<(), StoreError> {
    let _ = dir;
    todo!("store helper")
}
