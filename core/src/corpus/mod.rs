//! A corpus: the annotated articles under some paths, visited one at a time.
//!
//! `sayso export` and `sayso stats` go through here so that both treat a
//! corpus the same way:
//! - [`find`] turns command-line paths into articles, in a stable order
//!   (each directory's text files sorted by path), each with its sidecar
//!   beside it or in a tree of sidecars (`--sidecars`);
//! - [`each`] loads one article and its sidecar at a time and hands it to the
//!   caller, so memory holds one article however large the corpus grows;
//! - a broken input (a missing path, an article that is not UTF-8, a sidecar
//!   that does not parse, a sidecar without its article) is a [`Problem`]:
//!   reported in one line and skipped, or, with `strict`, the end of the run;
//! - a [`Progress`] of the caller's is told how far the run has got.

mod counts;
mod problem;
mod run;
mod walk;

pub use counts::Counts;
pub use problem::Problem;
pub use run::{Error, Options, Progress, Select, Skips, Summary, each};
pub use walk::{Found, Item, find, find_texts, is_link, is_sidecar};

use std::path::{Path, PathBuf};

use crate::annotation::{Annotation, Finished};
use crate::article::Article;
use crate::store::{self, Record, Sidecar};

/// One article of the corpus with what its sidecar holds.
#[derive(Debug)]
pub struct Document {
    /// The article's path as given on the command line or found below a
    /// directory given there.
    pub path: PathBuf,
    /// The path below the directory it was found in (its file name when it
    /// was given itself): where exports that write a folder put its files.
    pub relative: PathBuf,
    pub article: Article,
    /// Where its sidecar is: beside it, or in a tree of sidecars.
    pub sidecar_path: PathBuf,
    /// `None` when the article has no sidecar yet.
    pub sidecar: Option<Sidecar>,
}

impl Document {
    /// Reads the article `found` names and its sidecar.
    pub fn load(found: Found) -> Result<Document, Problem> {
        let article = read_article(&found.path)?;
        let sidecar = store::load(&article, &found.sidecar)?;
        Ok(Document {
            path: found.path,
            relative: found.relative,
            article,
            sidecar_path: found.sidecar,
            sidecar,
        })
    }

    /// The article's path as text, for exports that name it.
    pub fn name(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    /// The annotations that fit the article, in sidecar order.
    pub fn annotations(&self) -> &[Annotation] {
        self.sidecar.as_ref().map_or(&[], |s| &s.annotations)
    }

    /// The annotations whose text no longer matches the article.
    pub fn detached(&self) -> &[Record] {
        self.sidecar.as_ref().map_or(&[], |s| &s.detached)
    }

    /// Who marked the article finished, and when.
    pub fn finished(&self) -> Option<&Finished> {
        self.sidecar.as_ref().and_then(|s| s.finished.as_ref())
    }

    /// Its paragraphs, annotations per label, pending and detached ones,
    /// and finished mark.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.article, self.sidecar.as_ref())
    }
}

/// Reads the article at `path`, with errors that say what to do.
pub fn read_article(path: &Path) -> Result<Article, Problem> {
    if path.is_dir() {
        return Err(Problem::Directory {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(|error| Problem::Open {
        path: path.to_path_buf(),
        error,
    })?;
    Article::from_bytes(bytes).map_err(|error| Problem::NotText {
        path: path.to_path_buf(),
        error,
    })
}
