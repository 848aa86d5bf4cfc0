//! The progress bar of `sayso export` and `sayso stats`: drawn on stderr
//! when stderr is a terminal, out of the way of the lines about skipped
//! inputs.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sayso_core::corpus::Progress;

/// A bar of articles visited, hidden when stderr is not a terminal.
#[derive(Debug)]
pub struct Bar(ProgressBar);

impl Bar {
    pub fn on_stderr() -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden());
        }
        let style = ProgressStyle::with_template("{wide_bar} {pos}/{len} articles, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        Bar(ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style))
    }
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
    }

    fn step(&self) {
        self.0.inc(1);
    }

    fn aside(&self, write: &mut dyn FnMut()) {
        self.0.suspend(write);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
