//! Visiting a corpus one article at a time, with skips and progress.

use std::io::Write;
use std::path::PathBuf;

use super::{Document, Item, Problem, find};
use crate::store::SidecarTree;

/// How a run treats problems and progress, where it finds the sidecars,
/// and which articles it visits.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    /// Stop at the first problem instead of skipping it.
    pub strict: bool,
    /// Told how far the run has got (a progress bar of the caller's).
    pub progress: Option<&'a dyn Progress>,
    /// The tree the sidecars are kept in (`--sidecars`); `None`: beside
    /// their articles.
    pub sidecars: Option<&'a SidecarTree>,
    /// Which articles are visited.
    pub select: Select,
}

/// Which articles of a corpus a run visits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Select {
    /// Those with a sidecar.
    #[default]
    Annotated,
    /// Every article, with a sidecar or not.
    All,
    /// Those whose sidecar marks them finished.
    Finished,
}

/// How far a run has got, for a display of the caller's (the command line
/// draws a bar on a terminal).
pub trait Progress {
    /// The run will visit `total` inputs.
    fn start(&self, total: usize);
    /// One more input visited.
    fn step(&self);
    /// Runs `write` (a line about a skipped input) with the display out of
    /// its way.
    fn aside(&self, write: &mut dyn FnMut());
    /// The run is over.
    fn finish(&self);
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
    progress: Option<&'a dyn Progress>,
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
        let mut write = || {
            writeln!(self.report, "sayso: skipped: {problem}").ok();
        };
        match self.progress {
            Some(progress) => progress.aside(&mut write),
            None => write(),
        }
        Ok(())
    }
}

/// Calls `visit` with each article of the corpus under `paths` that
/// `options.select` takes, in order, one at a time. Problems go to `report` (see [`Skips`]); `visit` reports
/// its own through the `Skips` it is given.
pub fn each(
    paths: &[PathBuf],
    options: Options,
    report: &mut dyn Write,
    mut visit: impl FnMut(&Document, &mut Skips) -> Result<(), Error>,
) -> Result<Summary, Error> {
    let items: Vec<Item> = find(paths, options.sidecars)
        .into_iter()
        .filter(|item| match item {
            Item::Article(found) => found.annotated || options.select == Select::All,
            Item::Problem(_) => true,
        })
        .collect();
    if let Some(progress) = options.progress {
        progress.start(items.len());
    }
    let mut skips = Skips {
        strict: options.strict,
        report,
        progress: options.progress,
        count: 0,
    };
    let mut articles = 0;
    for item in items {
        if let Some(progress) = options.progress {
            progress.step();
        }
        let document = match item {
            Item::Article(found) => Document::load(found),
            Item::Problem(problem) => Err(problem),
        };
        match document {
            Ok(document) if options.select == Select::Finished && document.finished().is_none() => {
            }
            Ok(document) => {
                articles += 1;
                visit(&document, &mut skips)?;
            }
            Err(problem) => skips.skip(problem)?,
        }
    }
    if let Some(progress) = options.progress {
        progress.finish();
    }
    Ok(Summary {
        articles,
        skipped: skips.count,
    })
}
