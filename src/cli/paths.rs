//! Turning command-line paths into articles, and where their sidecars are.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use sayso_core::article::Article;
use sayso_core::corpus::{self, Found, Item, Problem};
use sayso_core::store::watch::{self, Fingerprint};
use sayso_core::store::{SidecarTree, StoreError};

/// `--sidecars DIR`: one editor's sidecars apart from the articles.
#[derive(Debug, Clone, Default, Args)]
pub struct SidecarsArg {
    /// Keep the sidecars in a tree under DIR, at each article's path from the
    /// folder that holds DIR (ed/ beside shared/: shared/a.txt → ed/shared/a.ann.ron)
    /// [default: beside each article].
    #[arg(long = "sidecars", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl SidecarsArg {
    /// The tree of sidecars, when one is given; refused when its folder is
    /// not there.
    pub fn tree(&self) -> Result<Option<SidecarTree>> {
        Ok(self.dir.as_deref().map(SidecarTree::new).transpose()?)
    }
}

/// The articles named by `paths` with their sidecars (beside them or in
/// `tree`): each file as given (its lack of a sidecar is for the caller to
/// say), and for each directory every article below it that has a sidecar,
/// sorted by path so output is stable; and how many were skipped. The first
/// path that cannot be read is an error; a sidecar without its article is
/// passed over, and a link that leads out of a directory given is named on
/// `report` and skipped (see [`corpus::find`]).
pub fn articles(
    paths: &[PathBuf],
    tree: Option<&SidecarTree>,
    report: &mut impl Write,
) -> Result<(Vec<Found>, usize)> {
    let mut found = Vec::new();
    let mut skipped = 0;
    for item in corpus::find(paths, tree) {
        match item {
            Item::Article(article) if article.annotated || paths.contains(&article.path) => {
                found.push(article);
            }
            Item::Article(_) | Item::Problem(Problem::Orphan { .. }) => {}
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

/// Writes `contents` to `sidecar` only over the version `read` (see
/// [`watch::replace`]); with the sidecars in a tree of their own
/// (`in_tree`), the article's folder there is made first.
pub fn replace_sidecar(
    sidecar: &Path,
    contents: &str,
    read: Option<Fingerprint>,
    in_tree: bool,
) -> Result<(), StoreError> {
    make_tree_folder(sidecar, in_tree)?;
    watch::replace(sidecar, contents, read).map(|_| ())
}

/// With the sidecars in a tree of their own (`in_tree`), makes the folder
/// `sidecar` goes in there.
pub fn make_tree_folder(sidecar: &Path, in_tree: bool) -> Result<(), StoreError> {
    match sidecar.parent().filter(|_| in_tree) {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            action: "create",
            path: dir.to_path_buf(),
            source,
        }),
        None => Ok(()),
    }
}
