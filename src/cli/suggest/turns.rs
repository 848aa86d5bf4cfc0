//! Taking turns at the cores: many articles may wait on the disk at once,
//! but only as many as there are cores are thought about at a time.
//!
//! Writing a sidecar safely ends in a flush to disk that takes the disk,
//! not the processor, milliseconds; threads that each flush one sidecar at
//! a time leave the cores idle. With more threads than cores, the flushes
//! of several sidecars overlap (the file system commits them together),
//! and the turns keep the rules from running on more threads than there
//! are cores, which would only share them out more finely and hold more
//! articles in memory.

use std::sync::{Condvar, Mutex, PoisonError};

/// A number of turns, taken and given back by threads.
#[derive(Debug)]
pub struct Turns {
    free: Mutex<usize>,
    freed: Condvar,
}

/// A turn taken: given back when dropped.
#[derive(Debug)]
pub struct Turn<'a>(&'a Turns);

impl Turns {
    /// `n` turns (at least one).
    pub fn new(n: usize) -> Turns {
        Turns {
            free: Mutex::new(n.max(1)),
            freed: Condvar::new(),
        }
    }

    /// Waits until a turn is free and takes it.
    pub fn take(&self) -> Turn<'_> {
        // The count is only ever added to or taken from in one step: it
        // stays right even if a holder panicked.
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        while *free == 0 {
            free = self
                .freed
                .wait(free)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *free -= 1;
        Turn(self)
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn no_more_threads_hold_a_turn_than_there_are_turns() {
        let turns = Turns::new(2);
        let holding = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    for _ in 0..50 {
                        let _turn = turns.take();
                        let now = holding.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::yield_now();
                        holding.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(holding.load(Ordering::SeqCst), 0);
        assert!(most.load(Ordering::SeqCst) <= 2, "{most:?} at once");
        // Every turn was given back: all of them can be taken again.
        let (_a, _b) = (turns.take(), turns.take());
        assert_eq!(
            *turns.free.lock().unwrap_or_else(PoisonError::into_inner),
            0
        );
    }
}
