//! Saving in the background so that typing never waits on the disk.
//!
//! The editor thread and the saver thread share one small state behind a
//! mutex: the newest snapshot not yet written, and two generation counters
//! (submitted and written). `submit` replaces the waiting snapshot, so the
//! saver always writes the newest one and skips the rest; `flush` waits on a
//! condition variable until the written generation catches up.
//!
//! Every write is guarded (see [`Disk::write`]): it goes only over the
//! version of the sidecar last read or written, never over what another
//! program wrote since, and each snapshot carries the epoch of the [`Disk`]
//! it was submitted in, so one made before an outside version was merged in
//! is not written over it.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use super::watch::{Disk, fingerprint};
use super::{Record, StoreError, format};
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

/// Outcomes kept for [`Saver::poll`] when nobody polls; older ones are
/// dropped, the status line only needs the latest.
const MAX_EVENTS: usize = 64;

/// A background thread that writes the newest submitted snapshot to the sidecar.
pub struct Saver {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    /// The sidecar, named in errors that are not about one write.
    path: PathBuf,
    disk: Arc<Disk>,
}

struct Shared {
    state: Mutex<State>,
    /// Wakes the saver thread: a snapshot is waiting or it should stop.
    work: Condvar,
    /// Wakes `flush`: a write finished or the thread ended.
    written: Condvar,
}

/// A snapshot and the epoch of the [`Disk`] it was submitted in.
type Stamped = (Snapshot, u64);

#[derive(Default)]
struct State {
    pending: Option<Stamped>,
    /// Generation of the newest submitted snapshot (0: none yet).
    submitted: u64,
    /// Generation of the newest snapshot whose write has finished.
    written: u64,
    /// The snapshot of a failed write, tried again by the next `flush` when
    /// nothing newer came: a full disk freed up must not lose the edits.
    failed: Option<Stamped>,
    /// The outcome of the last write; `None` when it succeeded or none ran.
    last_error: Option<StoreError>,
    events: VecDeque<SaveEvent>,
    stopping: bool,
    /// False once the thread has ended, however it ended.
    running: bool,
}

impl Saver {
    /// Starts the saver for the sidecar at `path` of `article` (named `file_name`
    /// in the sidecar's `source`), writing over the file as it is now.
    pub fn spawn(article: Arc<Article>, path: PathBuf, file_name: String) -> Saver {
        let now = fingerprint(&path).unwrap_or(None);
        let empty = Snapshot {
            annotations: Vec::new(),
            detached: Arc::new(Vec::new()),
        };
        Saver::spawn_on(article, Arc::new(Disk::new(path, now, empty)), file_name)
    }

    /// Starts the saver for the sidecar `disk` knows, of `article` (named
    /// `file_name` in the sidecar's `source`).
    pub fn spawn_on(article: Arc<Article>, disk: Arc<Disk>, file_name: String) -> Saver {
        let path = disk.path().to_path_buf();
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                running: true,
                ..State::default()
            }),
            work: Condvar::new(),
            written: Condvar::new(),
        });
        let worker = Worker {
            shared: Arc::clone(&shared),
            article,
            disk: Arc::clone(&disk),
            file_name,
        };
        let thread = std::thread::Builder::new()
            .name("sayso-saver".into())
            .spawn(move || worker.run());
        match thread {
            Ok(thread) => Saver {
                shared,
                thread: Some(thread),
                path,
                disk,
            },
            Err(error) => {
                // No thread: every flush reports why instead of hanging.
                let mut state = shared.lock();
                state.running = false;
                state.last_error = Some(StoreError::Io {
                    action: "start saving",
                    path: path.clone(),
                    source: error,
                });
                drop(state);
                Saver {
                    shared,
                    thread: None,
                    path,
                    disk,
                }
            }
        }
    }

    /// Queues `snapshot` to be written; never blocks. Snapshots not yet written
    /// when a newer one arrives are skipped.
    pub fn submit(&self, snapshot: Snapshot) {
        let epoch = self.disk.epoch();
        let mut state = self.shared.lock();
        state.pending = Some((snapshot, epoch));
        state.failed = None;
        state.submitted += 1;
        self.shared.work.notify_one();
    }

    /// Waits until everything submitted is written; the error of the last write.
    /// When the last write failed and nothing was submitted since, it is tried
    /// again first.
    pub fn flush(&self) -> Result<(), StoreError> {
        let mut state = self.shared.lock();
        if state.pending.is_none()
            && let Some(snapshot) = state.failed.take()
        {
            state.pending = Some(snapshot);
            state.submitted += 1;
            self.shared.work.notify_one();
        }
        let target = state.submitted;
        while state.written < target && state.running {
            state = self
                .shared
                .written
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        match &state.last_error {
            Some(error) => Err(copy_error(error)),
            None if state.written < target => Err(stopped_error(&self.path)),
            None => Ok(()),
        }
    }

    /// The outcome of a finished save, if any, without waiting.
    pub fn poll(&self) -> Option<SaveEvent> {
        self.shared.lock().events.pop_front()
    }
}

impl Drop for Saver {
    /// Writes what was submitted, then ends the thread.
    fn drop(&mut self) {
        self.shared.lock().stopping = true;
        self.shared.work.notify_one();
        if let Some(thread) = self.thread.take() {
            // A panic on the saver thread has already been reported by the
            // panic hook; there is nothing more to do with it while dropping.
            let _ = thread.join();
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent even if a holder panicked: every
        // update is a plain assignment.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The saver thread's side.
struct Worker {
    shared: Arc<Shared>,
    article: Arc<Article>,
    disk: Arc<Disk>,
    file_name: String,
}

impl Worker {
    fn run(self) {
        let _running = RunningGuard(&self.shared);
        while let Some((stamped, generation)) = self.next() {
            let (snapshot, epoch) = &stamped;
            let contents = format::render(
                &self.article,
                &self.file_name,
                &snapshot.annotations,
                &snapshot.detached,
            );
            let result = self.disk.write(&contents, snapshot.clone(), *epoch);
            self.finish(stamped, generation, result);
        }
    }

    /// Waits for the newest snapshot; `None` when stopping with nothing left.
    fn next(&self) -> Option<(Stamped, u64)> {
        let mut state = self.shared.lock();
        loop {
            if let Some(snapshot) = state.pending.take() {
                return Some((snapshot, state.submitted));
            }
            if state.stopping {
                return None;
            }
            state = self
                .shared
                .work
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn finish(&self, snapshot: Stamped, generation: u64, result: Result<(), StoreError>) {
        let mut state = self.shared.lock();
        state.written = generation;
        let event = match result {
            Ok(()) => {
                state.last_error = None;
                SaveEvent::Saved
            }
            Err(error) => {
                if state.pending.is_none() {
                    state.failed = Some(snapshot);
                }
                state.last_error = Some(copy_error(&error));
                SaveEvent::Failed(error)
            }
        };
        if state.events.len() == MAX_EVENTS {
            state.events.pop_front();
        }
        state.events.push_back(event);
        self.shared.written.notify_all();
    }
}

/// Marks the thread as ended when it returns or unwinds, so that `flush`
/// never waits for a thread that is gone.
struct RunningGuard<'a>(&'a Shared);

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        self.0.lock().running = false;
        self.0.written.notify_all();
    }
}

/// A copy of `error` for a second reader: I/O errors cannot be cloned, so the
/// copy keeps their kind and message.
fn copy_error(error: &StoreError) -> StoreError {
    match error {
        StoreError::Parse {
            path,
            line,
            column,
            message,
        } => StoreError::Parse {
            path: path.clone(),
            line: *line,
            column: *column,
            message: message.clone(),
        },
        StoreError::Version { path, found } => StoreError::Version {
            path: path.clone(),
            found: *found,
        },
        StoreError::Conflict { path, line } => StoreError::Conflict {
            path: path.clone(),
            line: *line,
        },
        StoreError::Changed { path } => StoreError::Changed { path: path.clone() },
        StoreError::Io {
            action,
            path,
            source,
        } => StoreError::Io {
            action,
            path: path.clone(),
            source: io::Error::new(source.kind(), source.to_string()),
        },
    }
}

fn stopped_error(path: &Path) -> StoreError {
    StoreError::Io {
        action: "save",
        path: path.to_path_buf(),
        source: io::Error::other("the background saver stopped unexpectedly"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::annotation;

    const TEXT: &str = "e\u{301} 👩\u{200d}👩\u{200d}👧 🇫🇷 中文 שלום\tend\r\n";

    fn snapshot(count: u64) -> Snapshot {
        let annotations = (1..=count)
            .map(|id| {
                let mut a = annotation(id, &format!("label {id}"), std::iter::once(0..3).collect());
                a.speaker = Some("\"Ünal\"".into());
                Arc::new(a)
            })
            .collect();
        Snapshot {
            annotations,
            detached: Arc::new(Vec::new()),
        }
    }

    fn saver(path: PathBuf) -> Saver {
        let article = Arc::new(Article::from_text(TEXT.into()));
        Saver::spawn(article, path, "a.txt".into())
    }

    fn expected(count: u64) -> String {
        let article = Article::from_text(TEXT.into());
        let s = snapshot(count);
        format::render(&article, "a.txt", &s.annotations, &s.detached)
    }

    #[test]
    fn flush_leaves_the_newest_snapshot_on_disk() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        let saver = saver(path.clone());
        for count in 0..=200 {
            saver.submit(snapshot(count % 7 + count / 50));
        }
        saver.flush().expect("flush");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            expected(200 % 7 + 200 / 50)
        );
        let mut saved = 0;
        while let Some(event) = saver.poll() {
            assert!(matches!(event, SaveEvent::Saved), "{event:?}");
            saved += 1;
        }
        assert!((1..=201).contains(&saved));
    }

    #[test]
    fn flush_with_nothing_submitted_writes_nothing() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        let saver = saver(path.clone());
        saver.flush().expect("flush");
        drop(saver);
        assert!(!path.exists());
    }

    #[test]
    fn dropping_writes_what_was_submitted() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.ann.ron");
        let saver = saver(path.clone());
        saver.submit(snapshot(3));
        drop(saver);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected(3));
    }

    #[test]
    fn a_failing_path_is_reported_and_tried_again_on_flush() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let blocker = dir.path().join("sub");
        std::fs::write(&blocker, "a file where the directory should be").expect("write");
        let path = blocker.join("a.ann.ron");
        let saver = saver(path.clone());
        saver.submit(snapshot(2));
        let err = saver.flush().expect_err("cannot write under a file");
        assert!(err.to_string().contains("sub"), "{err}");
        assert!(matches!(saver.poll(), Some(SaveEvent::Failed(_))));
        assert!(saver.poll().is_none());

        // The same snapshot is written once the directory exists.
        std::fs::remove_file(&blocker).expect("remove");
        std::fs::create_dir(&blocker).expect("mkdir");
        saver.flush().expect("flush after the fix");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected(2));
        assert!(matches!(saver.poll(), Some(SaveEvent::Saved)));
    }

    #[test]
    fn a_later_success_clears_the_error() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("missing").join("a.ann.ron");
        let saver = saver(path.clone());
        saver.submit(snapshot(1));
        assert!(saver.flush().is_err());
        std::fs::create_dir(dir.path().join("missing")).expect("mkdir");
        saver.submit(snapshot(4));
        saver.flush().expect("flush");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected(4));
    }
}
