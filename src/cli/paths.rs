//! Turning command-line paths into articles.

use std::path::{Path, PathBuf};

use anyhow::Result;

use sayso_core::article::Article;
use sayso_core::corpus::{self, Item, Problem};

/// The articles named by `paths`: each file as given, and for each directory
/// every file below it that has a sidecar, sorted by path so output is stable.
/// The first path that cannot be read is an error; a sidecar without its
/// article is passed over (see [`corpus::find`]).
pub fn articles(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for item in corpus::find(paths) {
        match item {
            Item::Article(article) => found.push(article.path),
            Item::Problem(Problem::Orphan { .. }) => {}
            Item::Problem(problem) => return Err(problem.into()),
        }
    }
    Ok(found)
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
