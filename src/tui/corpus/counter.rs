//! Reading a corpus's articles in the background, so that the overview and
//! the title bar fill in while the editor works: first whether each article
//! is finished (the first lines of its sidecar say), then its counts (the
//! article and its whole sidecar), one article at a time, so memory holds
//! one article whatever the size of the corpus.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::session::load;
use sayso_core::corpus::Counts;
use sayso_core::store;

/// What the reader found.
#[derive(Debug)]
pub enum Counted {
    /// Whether article `index` is finished, or why its sidecar cannot say.
    Head {
        index: usize,
        finished: Result<bool, String>,
    },
    /// Every sidecar has been looked at.
    HeadsRead,
    /// The counts of article `index`, or why it cannot be opened.
    Counts {
        index: usize,
        counts: Result<Counts, String>,
    },
    /// Every article has been read.
    AllRead,
}

/// One article to read.
#[derive(Debug, Clone)]
pub struct Job {
    pub index: usize,
    pub path: PathBuf,
    pub sidecar: PathBuf,
    /// Whether it is finished is known already.
    pub head_known: bool,
}

/// The reader's thread; dropping it stops the reading.
#[derive(Debug)]
pub struct Counter {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Counter {
    /// Starts reading `jobs` in order; what is found comes through the
    /// receiver. Without a thread, nothing comes and the overview says
    /// that counts are not read.
    pub fn start(jobs: Vec<Job>) -> (Counter, Receiver<Counted>) {
        let (send, found) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("sayso-counter".into())
            .spawn(move || read(&jobs, &send, &stopped))
            .ok();
        (Counter { stop, thread }, found)
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            // A panic on the reader's thread has been reported by the panic
            // hook; the annotator goes on without the counts.
            let _ = thread.join();
        }
    }
}

/// The reader: heads first, then counts, until done, stopped, or no one
/// listens any more.
fn read(jobs: &[Job], send: &Sender<Counted>, stop: &AtomicBool) {
    let going = || !stop.load(Ordering::Relaxed);
    for job in jobs.iter().filter(|j| !j.head_known) {
        if !going() || send.send(head(job)).is_err() {
            return;
        }
    }
    if send.send(Counted::HeadsRead).is_err() {
        return;
    }
    for job in jobs {
        let counts = load(&job.path, &job.sidecar)
            .map(|opened| Counts::of(&opened.article, opened.sidecar.as_ref()));
        let found = Counted::Counts {
            index: job.index,
            counts,
        };
        if !going() || send.send(found).is_err() {
            return;
        }
    }
    let _ = send.send(Counted::AllRead);
}

/// Whether the article of `job` is finished.
fn head(job: &Job) -> Counted {
    let finished = if job.sidecar.is_file() {
        store::read_head(&job.sidecar)
            .map(|(_, finished)| finished.is_some())
            .map_err(|e| e.to_string())
    } else {
        Ok(false)
    };
    Counted::Head {
        index: job.index,
        finished,
    }
}
