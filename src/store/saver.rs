//! Saving in the background so that typing never waits on the disk.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Record, StoreError};
use crate::annotation::Annotation;
use crate::article::Article;

/// The state to save: the annotations in order and the detached records.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub annotations: Vec<Arc<Annotation>>,
    pub detached: Arc<Vec<Record>>,
}

/// What the saver reports back.
#[derive(Debug)]
pub enum SaveEvent {
    Saved,
    Failed(StoreError),
}

/// A background thread that writes the newest submitted snapshot to the sidecar.
pub struct Saver {}

impl Saver {
    /// Starts the saver for the sidecar at `path` of `article` (named `file_name`
    /// in the sidecar's `source`).
    pub fn spawn(article: Arc<Article>, path: PathBuf, file_name: String) -> Saver {
        let _ = (article, path, file_name);
        todo!("store helper")
    }

    /// Queues `snapshot` to be written; never blocks. Snapshots not yet written
    /// when a newer one arrives are skipped.
    pub fn submit(&self, snapshot: Snapshot) {
        let _ = snapshot;
        todo!("store helper")
    }

    /// Waits until everything submitted is written; the error of the last write.
    pub fn flush(&self) -> Result<(), StoreError> {
        todo!("store helper")
    }

    /// The outcome of a finished save, if any, without waiting.
    pub fn poll(&self) -> Option<SaveEvent> {
        todo!("store helper")
    }
}
