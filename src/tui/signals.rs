//! Ending cleanly on SIGTERM, SIGHUP (a dropped SSH connection) and SIGINT.
//!
//! A signal sets the stop flag; the event loop sees it within a tick and saves
//! on its way out, an open form included. Should the loop be stuck anyway,
//! the watcher gives it a grace period, and if it has not finished by then,
//! secures what the saver was last given (in the sidecar, else in a recovery
//! file) and ends the process itself rather than leave it running without a
//! terminal (its lock on the article removed first).

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

use super::corpus::CurrentSaver;
use super::saving::farewell;
use crate::cli::error_message;
use sayso_core::store::lock;

/// How long the loop has to notice the stop flag and end by itself: many
/// ticks of the loop, and still short enough for a shutdown.
const GRACE: Duration = Duration::from_secs(2);

/// The running watcher; [`Watcher::finish`] tells it the loop ended.
pub struct Watcher {
    handle: Handle,
    done: Sender<()>,
}

impl Watcher {
    /// Starts watching. `stop` is set on a signal; the saver of the article
    /// on screen then (`saver`) secures its work if the loop does not end
    /// within the grace period.
    pub fn start(stop: Arc<AtomicBool>, saver: CurrentSaver) -> Result<Watcher> {
        // SIGINT too: in raw mode Ctrl-C is a key, so a SIGINT comes from `kill`.
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])
            .context("cannot watch for termination signals")?;
        let handle = signals.handle();
        let (done, finished) = mpsc::channel::<()>();
        thread::Builder::new()
            .name("sayso-signals".into())
            .spawn(move || {
                if signals.forever().next().is_none() {
                    return;
                }
                stop.store(true, Ordering::Relaxed);
                if finished.recv_timeout(GRACE) == Err(RecvTimeoutError::Timeout) {
                    let saver = saver
                        .lock()
                        .map_or_else(|e| e.into_inner().clone(), |s| s.clone());
                    let ended = saver.map_or(Ok(()), |s| farewell(s.secure(None), s.path(), None));
                    lock::release_all();
                    let _ = ratatui::try_restore();
                    if let Err(e) = &ended {
                        // Not `eprintln!`: stderr may be gone with the terminal.
                        let _ = writeln!(std::io::stderr(), "sayso: {}", error_message(e));
                    }
                    std::process::exit(if ended.is_ok() { 0 } else { 1 });
                }
            })
            .context("cannot start the signal watcher")?;
        Ok(Watcher { handle, done })
    }

    /// The loop has ended: the watcher stops without acting.
    pub fn finish(self) {
        let _ = self.done.send(());
        self.handle.close();
    }
}
