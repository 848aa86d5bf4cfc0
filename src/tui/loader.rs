//! Reading the sidecar on a thread of its own, while the article is shown:
//! the annotations are handed over in batches as they are read (see
//! [`store::load_in_batches`]), then what is left, then, with `--compare`,
//! the other editor's annotations. A file that cannot be read ends the
//! session with its error; nothing is written before the end arrives.
//!
//! The loader also keeps what watching the sidecar starts from once all is
//! read (see [`super::Outside`]): the version read, as it was when the
//! reading began, and whether its annotations were placed again on a
//! changed text.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use anyhow::{Context, Result, anyhow};

use super::loading::{Arrival, Rest};
use sayso_core::annotation::Annotation;
use sayso_core::article::Article;
use sayso_core::store::{self, watch::Fingerprint};

/// Reads the other editor's sidecar for `--compare`: its name, as the title
/// bar shows it, and its annotations.
pub type Theirs = Box<dyn FnOnce(&Article) -> Result<(String, Vec<Annotation>)> + Send>;

/// The thread reading the sidecar, and what it has handed over.
pub struct Loader {
    arrivals: Receiver<Result<Arrival>>,
    /// The sidecar as it was when the reading began (`None`: there was none).
    read: Option<Fingerprint>,
    /// The end arrived, and its annotations were placed again on a changed
    /// text.
    placed: Cell<bool>,
}

impl Loader {
    /// Starts reading `sidecar`, the sidecar of `article`, then `theirs`.
    pub fn spawn(
        article: Arc<Article>,
        sidecar: PathBuf,
        theirs: Option<Theirs>,
    ) -> Result<Loader> {
        // Before the reading: a write during it makes the file differ from
        // this version, so the first look reads it again.
        let read = store::watch::fingerprint(&sidecar)?;
        let (send, arrivals) = mpsc::channel();
        std::thread::Builder::new()
            .name("sayso-loader".into())
            .spawn(move || {
                let read = || -> Result<Rest> {
                    let mine = store::load_in_batches(&article, &sidecar, |batch| {
                        // The session may have ended already; then no one
                        // needs the rest.
                        let _ = send.send(Ok(Arrival::Annotations(batch)));
                    })?;
                    let theirs = theirs.map(|read| read(&article)).transpose()?;
                    Ok(Rest { mine, theirs })
                };
                let _ = send.send(read().map(|rest| Arrival::Done(Box::new(rest))));
            })
            .context("cannot start reading the annotations")?;
        Ok(Loader {
            arrivals,
            read,
            placed: Cell::new(false),
        })
    }

    /// The version of the sidecar read, and whether its annotations were
    /// placed again on a changed text: what watching it starts from once
    /// the end arrived.
    pub fn read(&self) -> (Option<Fingerprint>, bool) {
        (self.read, self.placed.get())
    }

    /// What arrived since the last call, without waiting; the error that
    /// ends the session when a file could not be read.
    pub fn arrived(&self) -> Result<Vec<Arrival>> {
        let mut arrived = Vec::new();
        loop {
            match self.arrivals.try_recv() {
                Ok(arrival) => {
                    let arrival = self.seen(arrival?);
                    let done = matches!(arrival, Arrival::Done(_));
                    arrived.push(arrival);
                    if done {
                        return Ok(arrived);
                    }
                }
                Err(TryRecvError::Empty) => return Ok(arrived),
                Err(TryRecvError::Disconnected) => return Err(stopped()),
            }
        }
    }

    /// Waits for the next arrival. Not to be called after the end arrived.
    pub fn next(&self) -> Result<Arrival> {
        let arrival = self.arrivals.recv().map_err(|_| stopped())??;
        Ok(self.seen(arrival))
    }

    /// Notes what the end says of the sidecar as it passes.
    fn seen(&self, arrival: Arrival) -> Arrival {
        if let Arrival::Done(rest) = &arrival {
            self.placed.set(rest.placed());
        }
        arrival
    }

    /// Waits for the end, handing back everything that arrived.
    pub fn wait(&self) -> Result<Vec<Arrival>> {
        let mut arrived = Vec::new();
        loop {
            let arrival = self.next()?;
            let done = matches!(arrival, Arrival::Done(_));
            arrived.push(arrival);
            if done {
                return Ok(arrived);
            }
        }
    }
}

/// The thread ended without its end: it panicked, which the panic hook has
/// reported.
fn stopped() -> anyhow::Error {
    anyhow!("reading the annotations stopped on an internal error; nothing was saved")
}
