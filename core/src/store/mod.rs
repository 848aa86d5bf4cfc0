//! The sidecar: annotations in a RON file next to the article.
//!
//! `dir/name.ext` keeps its annotations in `dir/name.ann.ron` (see
//! [`sidecar_path`]). The file is created at the first change, written
//! atomically, and never overwritten when it does not parse.

mod anchor;
mod canonical;
pub mod format;
mod literal;
pub mod lock;
pub mod merge;
mod path;
mod reanchor;
mod recovery;
mod save;
mod saver;
mod stale;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod tree;
pub mod watch;

pub use format::Record;
pub use format::{FileRecord, SourceRecord};
pub use path::{lock_path, recovery_path, sidecar_path};
pub use reanchor::{Change, Reanchored};
pub use recovery::RecoveryPlaces;
pub use save::{Disk, FileSystem, Staged, check_writable, save, save_with};
pub use saver::{SaveEvent, Saver, Secured, Snapshot};
pub use tree::{SidecarTree, TreeError};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::annotation::{Annotation, Finished};
use crate::article::Article;

/// What can go wrong reading or writing a sidecar.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}:{line}:{column}: {message}; fix the file by hand (sayso will not overwrite it)", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}:{line}: the file holds git conflict markers (it was merged without sayso's merge driver); run `sayso merge --resolve {}` to merge the two sides, and set the driver up as the README says (Merging in git) for the next merge", path.display(), path.display())]
    Conflict { path: PathBuf, line: usize },
    #[error("{} has format {found}, but this sayso reads format {}; use a newer sayso", path.display(), format::FORMAT)]
    Version { path: PathBuf, found: u32 },
    #[error("{} was written by another program since sayso read it, so sayso did not write over it", path.display())]
    Changed { path: PathBuf },
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A sidecar read back against its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidecar {
    /// Annotations whose spans match the article text.
    pub annotations: Vec<Annotation>,
    /// Annotations whose recorded text no longer matches the article at their
    /// offsets: listed, not drawn, and written back unchanged on save. A new
    /// annotation must not take one of their ids (see
    /// [`crate::annotation::AnnotationSet::reserve_ids`]), or the file would
    /// hold two records with one id and no longer load.
    pub detached: Vec<Record>,
    /// The article's hash differs from the one the sidecar recorded.
    pub article_changed: bool,
    /// What placing the annotations again did, when the article changed or
    /// some were not at their offsets (see [`Reanchored`]).
    pub reanchored: Reanchored,
    /// Who marked the article finished, and when.
    pub finished: Option<Finished>,
}

/// Reads the sidecar at `path` against `article`; `Ok(None)` when there is no
/// file. When the article changed since the sidecar was written, or a record
/// is not at its offsets, each such annotation is placed again (see
/// [`Reanchored`]); the file itself is not touched.
pub fn load(article: &Article, path: &Path) -> Result<Option<Sidecar>, StoreError> {
    format::load(article, path)
}

/// Reads the sidecar at `path` against `article` as [`load`] does, handing
/// the annotations at their offsets to `take` while the file is read, a
/// batch at a time, in the order of the file: by position for a file sayso
/// wrote, so the first batch, a screenful or so, is the top of the
/// article's. What is left once the file is read comes back (see
/// [`Loaded`]); `Ok(None)` when there is no file.
///
/// A reader can show the article before its sidecar is read and attach the
/// annotations as they come: a 25 MB sidecar takes longer to read than the
/// article it annotates.
pub fn load_in_batches(
    article: &Article,
    path: &Path,
    take: impl FnMut(Vec<Arc<Annotation>>),
) -> Result<Option<Loaded>, StoreError> {
    format::load_in_batches(article, path, take)
}

/// What is left of a sidecar read by [`load_in_batches`] after its
/// batches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// The batches held every annotation found at its offsets; this sidecar
    /// holds the others: those placed again (in no particular order), the
    /// detached records, and the counts of both.
    Rest(Sidecar),
    /// The file was not in the layout sayso writes (a hand edit, a merge)
    /// and was read again whole: the batches handed over are void, and this
    /// is the whole sidecar, as [`load`] reads it.
    Whole(Sidecar),
}

/// Reads the sidecar at `path` without its article: the source it was
/// written against and every record with its char offsets as recorded. Nothing
/// is checked against a text, so a record that no longer fits its article is
/// not told apart; errors are those of [`load`].
pub fn read_records(path: &Path) -> Result<FileRecord, StoreError> {
    format::read_records(path)
}

/// The source of the sidecar at `path` and its finished mark, without its
/// annotations: a sidecar as sayso writes it is read only as far as its
/// first lines, so a corpus can tell its finished articles quickly. Errors
/// are those of [`load`] (a file broken below its head is not found out).
pub fn read_head(path: &Path) -> Result<(SourceRecord, Option<Finished>), StoreError> {
    format::read_head(path)
}

/// The records of sidecar text, as [`read_records`] reads them from a
/// file; `path` names it in errors (the text of one side of a merge, say).
pub fn parse_records(source: &str, path: &Path) -> Result<FileRecord, StoreError> {
    format::records_of(source, path)
}

/// The sidecar text of `file` as stored: every record with the offsets,
/// texts and context it holds, for writing a sidecar without its article (a
/// merge). Records are sorted by first start offset, then id.
pub fn render_file(file: &FileRecord) -> String {
    format::render_file(file)
}

/// The sidecar text for `annotations` (in order), the `detached` records
/// and the article's `finished` mark.
pub fn render(
    article: &Article,
    file_name: &str,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
    finished: Option<&Finished>,
) -> String {
    format::render(article, file_name, annotations, detached, finished)
}

/// Writes the sidecar text of [`render`] to `out` as it is rendered, never
/// holding it whole: `save_with(path, |out| store::write(out, …))` saves a
/// sidecar of any size in a few kilobytes of memory.
pub fn write(
    out: &mut dyn std::io::Write,
    article: &Article,
    file_name: &str,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
    finished: Option<&Finished>,
) -> std::io::Result<()> {
    format::write_to(out, article, file_name, annotations, detached, finished)
}

/// Frees `value` on a thread of its own (here, when no thread can be
/// started): a sidecar's worth of annotations or records takes milliseconds
/// to a tenth of a second to free, which a key, or a command about to exit,
/// need not wait for.
pub fn free_apart<T: Send + 'static>(value: T) {
    let _freed_here_if_refused = std::thread::Builder::new()
        .name("sayso-free".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod batches_tests;
#[cfg(test)]
mod canonical_tests;
#[cfg(test)]
mod format_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod incoming_tests;
#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod reanchor_tests;
#[cfg(test)]
mod watch_tests;
