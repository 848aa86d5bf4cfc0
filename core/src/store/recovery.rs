//! Recovery files: where the annotations go when their sidecar cannot take
//! them.
//!
//! When sayso ends with changes that the sidecar could not be given (a full
//! disk, a file system remounted read-only, a folder made read-only), or
//! after an internal error, it writes them to a recovery file, a sidecar in
//! the same format, at the first place that takes it:
//!
//! 1. beside the sidecar: `dir/name.ann.recovered.ron`;
//! 2. in `$XDG_STATE_HOME/sayso/` (by default `~/.local/state/sayso/`), made
//!    readable by its owner only;
//! 3. in a new folder of the temporary directory, readable by its owner only.
//!
//! Away from the article, the name carries a short hash of the sidecar's path
//! (`name.1a2b3c4d.ann.recovered.ron`), so that articles of the same name in
//! different folders do not overwrite each other's recovery files.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::save::{Disk, io_error};
use super::{StoreError, recovery_path};

/// Where recovery files go after the place beside the sidecar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryPlaces {
    /// `$XDG_STATE_HOME/sayso`, or `~/.local/state/sayso`; `None` when
    /// neither is known.
    pub state_dir: Option<PathBuf>,
    /// A new folder is made in it for each recovery file.
    pub temp_dir: PathBuf,
}

impl RecoveryPlaces {
    /// The places of this user, from `XDG_STATE_HOME`, `HOME` and the
    /// temporary directory (`TMPDIR`, else `/tmp`).
    pub fn from_env() -> RecoveryPlaces {
        let absolute = |value: Option<OsString>| {
            // The XDG specification ignores a relative path.
            value.map(PathBuf::from).filter(|p| p.is_absolute())
        };
        let state_home = absolute(std::env::var_os("XDG_STATE_HOME")).or_else(|| {
            absolute(std::env::var_os("HOME")).map(|home| home.join(".local").join("state"))
        });
        RecoveryPlaces {
            state_dir: state_home.map(|dir| dir.join("sayso")),
            temp_dir: std::env::temp_dir(),
        }
    }
}

/// Writes what `contents` writes as the recovery file of `sidecar` at the
/// first place that takes it; the path written, or why each place failed.
pub(super) fn write(
    disk: &dyn Disk,
    sidecar: &Path,
    places: &RecoveryPlaces,
    contents: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<PathBuf, Vec<StoreError>> {
    let mut failures = Vec::new();
    let beside = recovery_path(sidecar);
    match disk.write(&beside, contents) {
        Ok(()) => return Ok(beside),
        Err(e) => failures.push(e),
    }
    let name = away_name(sidecar);
    if let Some(dir) = &places.state_dir {
        let path = dir.join(&name);
        let written = private_dir(dir)
            .map_err(io_error("create", dir))
            .and_then(|()| disk.write(&path, contents));
        match written {
            Ok(()) => return Ok(path),
            Err(e) => failures.push(e),
        }
    }
    let made = tempfile::Builder::new()
        .prefix("sayso-")
        .tempdir_in(&places.temp_dir)
        .map_err(io_error("create a folder in", &places.temp_dir));
    match made {
        // Dropped on failure, the new folder is removed.
        Ok(dir) => match disk.write(&dir.path().join(&name), contents) {
            Ok(()) => return Ok(dir.keep().join(&name)),
            Err(e) => failures.push(e),
        },
        Err(e) => failures.push(e),
    }
    Err(failures)
}

/// `name.HASH.ann.recovered.ron` for the sidecar `dir/name.ann.ron`.
fn away_name(sidecar: &Path) -> String {
    let full = std::path::absolute(sidecar).unwrap_or_else(|_| sidecar.to_path_buf());
    let hash = blake3::hash(full.as_os_str().as_encoded_bytes()).to_hex();
    let beside = recovery_path(sidecar);
    let name = beside.file_name().unwrap_or_default().to_string_lossy();
    let stem = name.trim_end_matches(".ann.recovered.ron");
    format!("{stem}.{}.ann.recovered.ron", &hash[..8])
}

/// Creates `dir` and the folders above it that are missing; the ones made
/// are readable by their owner only.
fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
