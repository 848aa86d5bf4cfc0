//! Reading a sidecar changed outside, and merging it, on a thread of its
//! own.
//!
//! A sidecar of 50,000 annotations takes a few hundred milliseconds to read,
//! and the keys must not wait for it. When [`super::Outside`] finds the file
//! changed, it hands a thread what the merge is made against ([`Against`]:
//! the version last read or written, and the editor's annotations as they
//! are at that moment); the thread reads the file, merges it (see
//! [`sayso_core::store::merge::incoming`]) and hands back the edits, for the
//! loop to make at an idle moment as one change from outside. Only the
//! editor's annotations as they were when the thread began are merged: when
//! the editor changed them since, the merge is made again, from the version
//! already read, against the annotations as they are then.
//!
//! Nothing is written over the version being read meanwhile: the saver
//! writes only over the version last read or written (see
//! [`sayso_core::store::watch`]), and the new one takes its place only once
//! merged in.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use sayso_core::article::Article;
use sayso_core::corpus;
use sayso_core::store::merge::{Incoming, incoming};
use sayso_core::store::watch::{self, Fingerprint, Watched};
use sayso_core::store::{Snapshot, StoreError};

/// The editor's annotations a merge is made against, at revision
/// `revision` of the annotator and epoch `epoch` of the sidecar's watch.
/// The other side of it, the version last read or written, the thread
/// takes from the watch: it stays the same while a version is merged, for
/// the saver writes nothing over the file until that version is taken in.
pub struct Against {
    pub ours: Snapshot,
    pub revision: u64,
    pub epoch: u64,
}

/// The sidecar, and the article it annotates.
#[derive(Clone)]
pub struct Files {
    pub article: Arc<Article>,
    /// The article's file, looked at when the sidecar was written for
    /// another text.
    pub article_path: PathBuf,
    pub watched: Arc<Watched>,
}

/// What a thread found.
pub struct Merged {
    /// The revision and epoch the merge was made against.
    pub revision: u64,
    pub epoch: u64,
    pub found: Found,
}

/// The sidecar as a thread found it.
pub enum Found {
    /// A version, and what it brings in.
    Version(Box<Version>),
    /// No file any more.
    Deleted,
    /// It cannot be merged: it does not parse, or cannot be read.
    Failed {
        fingerprint: Option<Fingerprint>,
        error: StoreError,
    },
}

/// A version of the sidecar read, merged against the editor's annotations.
pub struct Version {
    /// The file as it was when the reading began.
    pub fingerprint: Option<Fingerprint>,
    /// What it holds: the base of the next merge, once this one is made.
    pub theirs: Snapshot,
    /// What it brings in.
    pub came: Incoming,
    /// It was written for another text of the article: whether the article
    /// itself changed on disk (`None`: it was written for this text).
    pub other_text: Option<bool>,
}

/// Reads the sidecar and merges it against `against`.
pub fn read_and_merge(files: &Files, against: Against) -> Merged {
    let read = watch::read(&files.article, files.watched.path());
    let found = match read.sidecar {
        Ok(Some(sidecar)) => {
            let other_text = sidecar.article_changed.then(|| {
                corpus::read_article(&files.article_path)
                    .is_ok_and(|now| now.blake3_hex() != files.article.blake3_hex())
            });
            let theirs = Snapshot {
                annotations: sidecar.annotations.into_iter().map(Arc::new).collect(),
                detached: Arc::new(sidecar.detached),
                finished: sidecar.finished,
            };
            let came = incoming(&files.watched.base(), &against.ours, &theirs);
            Found::Version(Box::new(Version {
                fingerprint: read.fingerprint,
                theirs,
                came,
                other_text,
            }))
        }
        Ok(None) => Found::Deleted,
        Err(error) => Found::Failed {
            fingerprint: read.fingerprint,
            error,
        },
    };
    Merged {
        revision: against.revision,
        epoch: against.epoch,
        found,
    }
}

/// Merges `version`, already read, again: against `against`.
pub fn merge_again(files: &Files, mut version: Box<Version>, against: Against) -> Merged {
    version.came = incoming(&files.watched.base(), &against.ours, &version.theirs);
    Merged {
        revision: against.revision,
        epoch: against.epoch,
        found: Found::Version(version),
    }
}

/// A merge under way on a thread of its own.
pub struct Merging {
    arrival: Receiver<Merged>,
    /// What arrived, not yet taken.
    arrived: Option<Merged>,
    /// The version of the file found changed, which the thread reads.
    pub noticed: Option<Fingerprint>,
}

impl Merging {
    /// Starts `work` on a thread of its own; why not, when no thread can be
    /// started.
    pub fn start(
        noticed: Option<Fingerprint>,
        work: impl FnOnce() -> Merged + Send + 'static,
    ) -> std::io::Result<Merging> {
        let (send, arrival) = mpsc::channel();
        std::thread::Builder::new()
            .name("sayso-outside".into())
            .spawn(move || {
                // The annotator may have moved on to another article.
                let _ = send.send(work());
            })?;
        Ok(Merging {
            arrival,
            arrived: None,
            noticed,
        })
    }

    /// What the thread found, when it is done; never waits. `Err` when it
    /// ended without an answer (it panicked, which the panic hook reported).
    pub fn take(&mut self) -> Result<Option<Merged>, Stopped> {
        if let Some(merged) = self.arrived.take() {
            return Ok(Some(merged));
        }
        match self.arrival.try_recv() {
            Ok(merged) => Ok(Some(merged)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(Stopped),
        }
    }

    /// Waits until the thread is done, without taking what it found.
    pub fn wait(&mut self) {
        if self.arrived.is_none() {
            self.arrived = self.arrival.recv().ok();
        }
    }
}

/// A merge's thread ended without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("merging the sidecar changed outside stopped on an internal error")
    }
}
