//! Repairing a sidecar git merged as text: its conflict markers hold our
//! side and theirs (and the base, with `diff3` markers), which are merged
//! as sidecars.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::markers::{MarkerError, conflict_sides};
use super::{Mergeable, Report, merge_files};
use crate::store::StoreError;
use crate::store::format::{FileRecord, parse_side};

/// Why a sidecar with conflict markers cannot be repaired.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("{} {source}; --resolve repairs a sidecar git merged as text, and leaves any other file as it is", path.display())]
    Markers {
        path: PathBuf,
        #[source]
        source: MarkerError,
    },
    #[error(transparent)]
    Side(#[from] StoreError),
}

/// The merge of the sides `text` (the file at `path`) holds.
///
/// Outside its conflicts, git's text merge already took lines from both
/// sides, so one side can hold two new records with one id (ours and
/// theirs): the later of the two gets a new id, the same on every side
/// for the same label and spans, so that the merge sees them as the same
/// annotations wherever they appear.
pub fn resolve(text: &str, path: &Path) -> Result<(FileRecord, Report), ResolveError> {
    let sides = conflict_sides(text).map_err(|source| ResolveError::Markers {
        path: path.to_path_buf(),
        source,
    })?;
    let side = |text: &str, name: &str| {
        parse_side(text, &PathBuf::from(format!("{} ({name})", path.display())))
    };
    let mut ours = side(&sides.ours, "our side")?;
    let mut theirs = side(&sides.theirs, "their side")?;
    let mut base = match &sides.base {
        Some(base) if !base.trim().is_empty() => Some(side(base, "the base")?),
        _ => None,
    };
    let all = ours.annotations.iter().chain(&theirs.annotations);
    let highest = all
        .chain(base.iter().flat_map(|b| &b.annotations))
        .map(|r| r.id)
        .max()
        .unwrap_or(0);
    let mut fresh = Fresh {
        next: highest + 1,
        by_place: HashMap::new(),
    };
    for file in [Some(&mut ours), Some(&mut theirs), base.as_mut()]
        .into_iter()
        .flatten()
    {
        fresh.renumber_repeats(file);
    }
    Ok(merge_files(base.as_ref(), &ours, &theirs))
}

/// New ids for records whose id came earlier in their file.
struct Fresh {
    next: u64,
    by_place: HashMap<(String, Vec<(usize, usize)>), u64>,
}

impl Fresh {
    fn renumber_repeats(&mut self, file: &mut FileRecord) {
        let mut seen = HashSet::new();
        for record in &mut file.annotations {
            if !seen.insert(record.id) {
                let next = &mut self.next;
                let id = *self.by_place.entry(record.place()).or_insert_with(|| {
                    let id = *next;
                    *next += 1;
                    id
                });
                record.set_id(id);
                seen.insert(id);
            }
        }
    }
}
