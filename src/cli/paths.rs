//! Turning command-line paths into articles.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use sayso_core::article::Article;
use sayso_core::corpus::{self, Item, Problem};

/// The articles named by `paths`: each file as given, and for each directory
/// every file below it that has a sidecar, sorted by path so output is stable;
/// and how many were skipped. The first path that cannot be read is an error;
/// a sidecar without its article is passed over, and a link that leads out
/// of a directory given is named on `report` and skipped (see
/// [`corpus::find`]).
pub fn articles(paths: &[PathBuf], report: &mut impl Write) -> Result<(Vec<PathBuf>, usize)> {
    let mut found = Vec::new();
    let mut skipped = 0;
    for item in corpus::find(paths) {
        match item {
            Item::Article(article) => found.push(article.path),
            Item::Problem(Problem::Orphan { .. }) => {}
            Item::Problem(problem @ Problem::LinkOut { .. }) => {
                writeln!(report, "sayso: skipped: {problem}")?;
                skipped += 1;
            }
            Item::Problem(problem) => return Err(problem.into()),
        }
    }
    Ok((found, skipped))
}

/// Reads the article at `path`, with errors that say what to do.
pub fn read_article(path: &Path) -> Result<Article> {
    Ok(corpus::read_article(path)?)
}

/// The file name of `path`, as a sidecar's `source.file` records it.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
