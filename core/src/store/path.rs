//! Where the sidecar, the recovery file and the lock of an article live.

use std::path::{Path, PathBuf};

/// The sidecar of `dir/name.ext` is `dir/name.ann.ron`.
pub fn sidecar_path(article: &Path) -> PathBuf {
    let stem = article.file_stem().unwrap_or(article.as_os_str());
    let mut name = stem.to_os_string();
    name.push(".ann.ron");
    article.with_file_name(name)
}

/// The recovery file written on a crash, beside the sidecar:
/// `dir/name.ann.recovered.ron`.
pub fn recovery_path(sidecar: &Path) -> PathBuf {
    sidecar.with_file_name(format!("{}.ann.recovered.ron", name_of(sidecar)))
}

/// The lock file of a sidecar, hidden beside it: `dir/.name.ann.lock` (see
/// [`super::lock`]).
pub fn lock_path(sidecar: &Path) -> PathBuf {
    sidecar.with_file_name(format!(".{}.ann.lock", name_of(sidecar)))
}

/// `name` of `dir/name.ann.ron`.
fn name_of(sidecar: &Path) -> String {
    sidecar
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .trim_end_matches(".ann.ron")
        .to_string()
}
