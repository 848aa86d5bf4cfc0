//! Visiting a corpus one article at a time, with skips and a progress bar.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Document, Item, Problem, find};

/// How a run treats problems and progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Stop at the first problem instead of skipping it.
    pub strict: bool,
    /// Draw a progress bar on stderr (only when stderr is a terminal).
    pub progress: bool,
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read and handed to the caller.
    pub articles: usize,
    /// Problems reported and skipped.
    pub skipped: usize,
}

/// Why a run ended early.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem met with `strict`.
    #[error("{0}; stopped there (--strict)")]
    Stopped(Problem),
    /// Writing the output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Where problems go: reported in one line each and counted, or the end of
/// the run with `strict`.
pub struct Skips<'a> {
    strict: bool,
    report: &'a mut dyn Write,
    bar: &'a ProgressBar,
    count: usize,
}

impl Skips<'_> {
    /// Reports `problem` and goes on, or stops the run with `strict`.
    pub fn skip(&mut self, problem: Problem) -> Result<(), Error> {
        if self.strict {
            return Err(Error::Stopped(problem));
        }
        self.count += 1;
        // Stderr that is gone is worth no more than the exit code, which
        // still says something was skipped.
        self.bar
            .suspend(|| writeln!(self.report, "sayso: skipped: {problem}").ok());
        Ok(())
    }
}

/// Calls `visit` with each article of the corpus under `paths`, in order,
/// one at a time. Problems go to `report` (see [`Skips`]); `visit` reports
/// its own through the `Skips` it is given.
pub fn each(
    paths: &[PathBuf],
    options: Options,
    report: &mut dyn Write,
    mut visit: impl FnMut(&Document, &mut Skips) -> Result<(), Error>,
) -> Result<Summary, Error> {
    let items = find(paths);
    let bar = progress_bar(options, items.len());
    let mut skips = Skips {
        strict: options.strict,
        report,
        bar: &bar,
        count: 0,
    };
    let mut articles = 0;
    for item in items {
        bar.inc(1);
        let document = match item {
            Item::Article(found) => Document::load(found),
            Item::Problem(problem) => Err(problem),
        };
        match document {
            Ok(document) => {
                articles += 1;
                visit(&document, &mut skips)?;
            }
            Err(problem) => skips.skip(problem)?,
        }
    }
    bar.finish_and_clear();
    Ok(Summary {
        articles,
        skipped: skips.count,
    })
}

fn progress_bar(options: Options, len: usize) -> ProgressBar {
    if !options.progress || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{wide_bar} {pos}/{len} articles, {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr()).with_style(style)
}
