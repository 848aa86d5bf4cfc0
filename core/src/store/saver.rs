//! Saving in the background so that typing never waits on the disk.
//!
//! The editor thread and the saver thread share one small state behind a
//! mutex: the newest snapshot not yet written, and two generation counters
//! (submitted and written). `submit` replaces the waiting snapshot, so the
//! saver always writes the newest one and skips the rest; `flush` waits on a
//! condition variable until the written generation catches up. The sidecar
//! is rendered straight into its temporary file, never held whole in memory.
//!
//! Before the program ends, [`Saver::secure`] makes sure the work is on disk:
//! in the sidecar, or when it cannot be written, in a recovery file (see
//! [`RecoveryPlaces`]).
//!
//! Every write of the sidecar is guarded (see [`Watched::write`]): it goes
//! only over the version last read or written, never over what another
//! program wrote since, and each snapshot carries the epoch of the
//! [`Watched`] it was submitted in, so one made before an outside version
//! was merged in is not written over it.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use super::recovery::{self, RecoveryPlaces};
use super::save::{Disk, FileSystem, temp_dir_of};
use super::watch::Watched;
use super::{Record, StoreError, format, stale};
use crate::annotation::{Annotation, Finished};
use crate::article::Article;

/// The state to save: the annotations in order, the detached records and
/// the article's finished mark.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub annotations: Vec<Arc<Annotation>>,
    pub detached: Arc<Vec<Record>>,
    pub finished: Option<Finished>,
}

impl Snapshot {
    /// Writes the sidecar of `article` (named `file_name` in it) that holds
    /// this state to `out`, as it is rendered, never whole.
    pub fn write(
        &self,
        out: &mut dyn io::Write,
        article: &Article,
        file_name: &str,
    ) -> io::Result<()> {
        format::write_to(
            out,
            article,
            file_name,
            &self.annotations,
            &self.detached,
            self.finished.as_ref(),
        )
    }
}

/// What the saver reports back.
#[derive(Debug)]
pub enum SaveEvent {
    Saved,
    Failed(StoreError),
}

/// Where the work stands after [`Saver::secure`].
#[derive(Debug)]
pub enum Secured {
    /// Everything submitted is in the sidecar.
    Saved,
    /// The sidecar could not be written (`error`, after one more try), and
    /// everything submitted is in the recovery file at `path`.
    Recovered { error: StoreError, path: PathBuf },
    /// Neither the sidecar (`error`) nor a recovery file could be written
    /// (`tried`: why each place failed).
    Unwritten {
        error: StoreError,
        tried: Vec<StoreError>,
    },
}

/// Outcomes kept for [`Saver::poll`] when nobody polls; older ones are
/// dropped, the status line only needs the latest.
const MAX_EVENTS: usize = 64;

/// A background thread that writes the newest submitted snapshot to the sidecar.
pub struct Saver {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    target: Arc<Target>,
}

/// What is saved, where and how: shared by the saver and its thread.
struct Target {
    article: Arc<Article>,
    /// The sidecar, and the version of it last read or written.
    watched: Arc<Watched>,
    /// The article's name in the sidecar's `source`.
    file_name: String,
    disk: Arc<dyn Disk>,
    recovery: RecoveryPlaces,
}

impl Target {
    /// Writes `snapshot`, made in `epoch`, to the sidecar through the disk,
    /// over the version last read or written only.
    fn write(&self, (snapshot, epoch): &Stamped) -> Result<(), StoreError> {
        let contents = &mut |out: &mut dyn io::Write| self.render(out, snapshot);
        self.watched
            .write(self.disk.as_ref(), contents, snapshot.clone(), *epoch)
    }

    fn path(&self) -> &Path {
        self.watched.path()
    }

    fn render(&self, out: &mut dyn io::Write, snapshot: &Snapshot) -> io::Result<()> {
        snapshot.write(out, &self.article, &self.file_name)
    }
}

struct Shared {
    state: Mutex<State>,
    /// Wakes the saver thread: a snapshot is waiting or it should stop.
    work: Condvar,
    /// Wakes `flush`: a write finished or the thread ended.
    written: Condvar,
}

/// A snapshot and the epoch of the [`Watched`] it was submitted in.
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
    /// in the sidecar's `source`), on the file system, with this user's
    /// recovery places, writing over the file as it is now. The temporary
    /// files that killed saves left beside the sidecar are removed first, on
    /// the saver's thread.
    pub fn spawn(article: Arc<Article>, path: PathBuf, file_name: String) -> Saver {
        Saver::spawn_with(
            article,
            Arc::new(Watched::as_it_is(path)),
            file_name,
            Arc::new(FileSystem),
            RecoveryPlaces::from_env(),
        )
    }

    /// [`Saver::spawn`] for the sidecar `watched` knows, writing through
    /// `disk` and with recovery files at `recovery`.
    pub fn spawn_with(
        article: Arc<Article>,
        watched: Arc<Watched>,
        file_name: String,
        disk: Arc<dyn Disk>,
        recovery: RecoveryPlaces,
    ) -> Saver {
        let target = Arc::new(Target {
            article,
            watched,
            file_name,
            disk,
            recovery,
        });
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
            target: Arc::clone(&target),
        };
        let thread = std::thread::Builder::new()
            .name("sayso-saver".into())
            .spawn(move || worker.run());
        match thread {
            Ok(thread) => Saver {
                shared,
                thread: Some(thread),
                target,
            },
            Err(error) => {
                // No thread: every flush reports why instead of hanging.
                let mut state = shared.lock();
                state.running = false;
                state.last_error = Some(StoreError::Io {
                    action: "start saving",
                    path: target.path().to_path_buf(),
                    source: error,
                });
                drop(state);
                Saver {
                    shared,
                    thread: None,
                    target,
                }
            }
        }
    }

    /// Queues `snapshot` to be written; never blocks. Snapshots not yet written
    /// when a newer one arrives are skipped.
    pub fn submit(&self, snapshot: Snapshot) {
        let epoch = self.target.watched.epoch();
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
            None if state.written < target => Err(stopped_error(self.target.path())),
            None => Ok(()),
        }
    }

    /// The sidecar.
    pub fn path(&self) -> &Path {
        self.target.path()
    }

    /// Whether everything submitted has been written, and the last write
    /// worked; never waits.
    pub fn is_saved(&self) -> bool {
        let state = self.shared.lock();
        state.written == state.submitted && state.last_error.is_none()
    }

    /// Makes sure that what was submitted is on disk, for the program to end:
    /// waits for the saves, trying a failed one once more (see
    /// [`Saver::flush`]), and when the sidecar still cannot be written,
    /// writes `newest` to a recovery file instead, or without it the snapshot
    /// that failed.
    pub fn secure(&self, newest: Option<Snapshot>) -> Secured {
        let error = match self.flush() {
            Ok(()) => return Secured::Saved,
            Err(error) => error,
        };
        let unsaved = newest.or_else(|| {
            let state = self.shared.lock();
            let unwritten = state.failed.as_ref().or(state.pending.as_ref());
            unwritten.map(|(snapshot, _)| snapshot.clone())
        });
        let Some(snapshot) = unsaved else {
            return Secured::Unwritten {
                error,
                tried: Vec::new(),
            };
        };
        match self.recover(&snapshot) {
            Ok(path) => Secured::Recovered { error, path },
            Err(tried) => Secured::Unwritten { error, tried },
        }
    }

    /// Writes `snapshot` to a recovery file of the sidecar, never over the
    /// sidecar itself; the path written, or why each place failed.
    pub fn recover(&self, snapshot: &Snapshot) -> Result<PathBuf, Vec<StoreError>> {
        let target = &self.target;
        recovery::write(
            target.disk.as_ref(),
            target.path(),
            &target.recovery,
            &mut |out| target.render(out, snapshot),
        )
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
    target: Arc<Target>,
}

impl Worker {
    fn run(self) {
        let _running = RunningGuard(&self.shared);
        stale::remove_stale(&temp_dir_of(self.target.path()));
        while let Some((snapshot, generation)) = self.next() {
            let result = self.target.write(&snapshot);
            self.finish(snapshot, generation, result);
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
    use crate::store::testing;

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
            finished: None,
        }
    }

    fn saver(path: PathBuf) -> Saver {
        let article = Arc::new(Article::from_text(TEXT.into()));
        Saver::spawn(article, path, "a.txt".into())
    }

    fn expected(count: u64) -> String {
        let article = Article::from_text(TEXT.into());
        let s = snapshot(count);
        format::render(&article, "a.txt", &s.annotations, &s.detached, None)
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
        // One failed write, or two when the first ended before `flush`
        // began and `flush` tried it again.
        let events: Vec<SaveEvent> = std::iter::from_fn(|| saver.poll()).collect();
        assert!(
            (1..=2).contains(&events.len())
                && events.iter().all(|e| matches!(e, SaveEvent::Failed(_))),
            "{events:?}"
        );

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

    /// A saver on a disk whose folders the test fills, with recovery places
    /// in `dir`: `state` and `tmp`.
    fn saver_on(disk: &Arc<testing::FullDisk>, dir: &Path) -> (Saver, PathBuf) {
        let article = Arc::new(Article::from_text(TEXT.into()));
        let sidecar = dir.join("doc").join("a.ann.ron");
        std::fs::create_dir_all(dir.join("doc")).expect("mkdir");
        std::fs::create_dir_all(dir.join("tmp")).expect("mkdir");
        let places = RecoveryPlaces {
            state_dir: Some(dir.join("state").join("sayso")),
            temp_dir: dir.join("tmp"),
        };
        let disk: Arc<dyn Disk> = Arc::clone(disk) as Arc<dyn Disk>;
        let watched = Arc::new(Watched::as_it_is(sidecar.clone()));
        let saver = Saver::spawn_with(article, watched, "a.txt".into(), disk, places);
        (saver, sidecar)
    }

    fn files_in(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).expect("list").filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                found.extend(files_in(&path));
            } else {
                found.push(path);
            }
        }
        found.sort();
        found
    }

    #[test]
    fn a_full_disk_keeps_the_old_sidecar_and_secure_writes_a_recovery_file_beside_it() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let disk = Arc::new(testing::FullDisk::default());
        let (saver, sidecar) = saver_on(&disk, dir.path());
        saver.submit(snapshot(2));
        saver.flush().expect("the first save");
        assert!(saver.is_saved());

        disk.fill(&sidecar);
        saver.submit(snapshot(5));
        let err = saver.flush().expect_err("the disk is full");
        assert!(err.to_string().contains("No space left on device"), "{err}");
        assert!(!saver.is_saved());
        assert_eq!(
            std::fs::read_to_string(&sidecar).expect("read"),
            expected(2)
        );
        // Only the sidecar: the temporary files of the failed writes are gone.
        assert_eq!(files_in(&dir.path().join("doc")), vec![sidecar.clone()]);

        let Secured::Recovered { error, path } = saver.secure(None) else {
            panic!("a recovery file beside the sidecar");
        };
        assert!(error.to_string().contains("a.ann.ron"), "{error}");
        assert_eq!(path, dir.path().join("doc").join("a.ann.recovered.ron"));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected(5));
        assert_eq!(
            std::fs::read_to_string(&sidecar).expect("read"),
            expected(2)
        );
    }

    #[test]
    fn secure_tries_the_state_folder_then_a_new_temporary_folder() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let disk = Arc::new(testing::FullDisk::default());
        let (saver, sidecar) = saver_on(&disk, dir.path());
        disk.fill(&dir.path().join("doc"));
        saver.submit(snapshot(3));

        let Secured::Recovered { path, .. } = saver.secure(None) else {
            panic!("a recovery file in the state folder");
        };
        assert_eq!(
            path.parent(),
            Some(dir.path().join("state").join("sayso").as_path())
        );
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("a.") && name.ends_with(".ann.recovered.ron"),
            "{name}"
        );
        assert_eq!(name.len(), "a.12345678.ann.recovered.ron".len(), "{name}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected(3));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let state = dir.path().join("state");
            for made in [state.clone(), state.join("sayso")] {
                let mode = std::fs::metadata(&made).expect("made").permissions().mode();
                assert_eq!(mode & 0o777, 0o700, "{}", made.display());
            }
        }

        disk.fill(&dir.path().join("state"));
        let Secured::Recovered { path, .. } = saver.secure(None) else {
            panic!("a recovery file in the temporary folder");
        };
        assert!(
            path.starts_with(dir.path().join("tmp")),
            "{}",
            path.display()
        );
        assert_eq!(path.file_name(), Some(std::ffi::OsStr::new(name.as_str())));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected(3));
        assert!(!sidecar.exists());
    }

    #[test]
    fn with_nothing_writable_secure_says_why_for_every_place_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let disk = Arc::new(testing::FullDisk::default());
        let (saver, sidecar) = saver_on(&disk, dir.path());
        disk.fill(dir.path());
        saver.submit(snapshot(4));

        let Secured::Unwritten { error, tried } = saver.secure(None) else {
            panic!("nothing can be written");
        };
        assert!(error.to_string().contains("a.ann.ron"), "{error}");
        assert_eq!(tried.len(), 3, "{tried:?}");
        for (e, place) in tried.iter().zip(["doc", "state", "tmp"]) {
            assert!(e.to_string().contains(place), "{e}");
            assert!(e.to_string().contains("No space left"), "{e}");
        }
        assert_eq!(files_in(dir.path()), Vec::<PathBuf>::new());

        // Room again: the same snapshot is saved, where it belongs.
        disk.free(dir.path());
        assert!(matches!(saver.secure(None), Secured::Saved));
        assert_eq!(
            std::fs::read_to_string(&sidecar).expect("read"),
            expected(4)
        );
    }

    #[test]
    fn secure_recovers_the_newest_state_the_caller_gives() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let disk = Arc::new(testing::FullDisk::default());
        let (saver, _) = saver_on(&disk, dir.path());
        disk.fill(&dir.path().join("doc"));
        saver.submit(snapshot(2));
        let Secured::Recovered { path, .. } = saver.secure(Some(snapshot(6))) else {
            panic!("a recovery file");
        };
        assert_eq!(std::fs::read_to_string(&path).expect("read"), expected(6));
    }

    #[test]
    fn secure_with_everything_saved_writes_no_recovery_file() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let disk = Arc::new(testing::FullDisk::default());
        let (saver, sidecar) = saver_on(&disk, dir.path());
        assert!(matches!(saver.secure(None), Secured::Saved));
        saver.submit(snapshot(1));
        assert!(matches!(saver.secure(None), Secured::Saved));
        assert_eq!(files_in(dir.path()), vec![sidecar]);
    }

    #[test]
    fn starting_removes_stale_temporary_files_beside_the_sidecar() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let killed = dir.path().join(".sayso-99999999-killed.tmp");
        let fresh = dir.path().join(".sayso-99999999-fresh.tmp");
        for path in [&killed, &fresh] {
            std::fs::write(path, "half a sidecar").expect("write");
        }
        std::fs::File::options()
            .write(true)
            .open(&killed)
            .and_then(|f| f.set_modified(std::time::SystemTime::now() - stale::UNTOUCHED * 2))
            .expect("age the file");
        let saver = saver(dir.path().join("a.ann.ron"));
        saver.submit(snapshot(1));
        saver.flush().expect("flush");
        if Path::new("/proc/self").exists() {
            assert!(!killed.exists(), "the stale file is still there");
        }
        assert!(fresh.exists(), "a file being written was removed");
    }
}
