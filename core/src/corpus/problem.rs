//! What can be wrong with one input of a corpus.

use std::path::{Path, PathBuf};

use crate::article::ArticleError;
use crate::store::{StoreError, TreeError};

/// One input that cannot be used as it is. Each message names the file and
/// says what to do; the run reports it and goes on with the rest (or stops,
/// with `--strict`). Messages hold their cause, so that one line says it all.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error("cannot open {}: {error}", path.display())]
    Open {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("cannot read the folder {}: {error}", path.display())]
    Folder {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{} is a directory; give the path of an article (a UTF-8 text file)", path.display())]
    Directory { path: PathBuf },
    #[error("{} is a sidecar; give the article it belongs to", path.display())]
    GivenSidecar { path: PathBuf },
    #[error("{}", orphan(path, article.as_deref()))]
    Orphan {
        path: PathBuf,
        /// Where its `source.file` says the article is, when it says.
        article: Option<PathBuf>,
    },
    #[error("{} {error}", path.display())]
    NotText { path: PathBuf, error: ArticleError },
    #[error("{} is a link to {}, which is not in {}; nothing outside the folder given is read (give the file itself to read it)", path.display(), target.display(), root.display())]
    LinkOut {
        path: PathBuf,
        target: PathBuf,
        root: PathBuf,
    },
    #[error(transparent)]
    Sidecar(#[from] StoreError),
    #[error(transparent)]
    Tree(#[from] TreeError),
    #[error("{count} annotation(s) in {} no longer match {} and were left out; open the article in sayso to see them", sidecar.display(), article.display())]
    Detached {
        article: PathBuf,
        sidecar: PathBuf,
        count: usize,
    },
    #[error("{} would be written to {} as {} was; export them in separate runs or to separate folders", path.display(), dest.display(), other.display())]
    SameDestination {
        path: PathBuf,
        dest: PathBuf,
        other: PathBuf,
    },
    #[error("exporting {} would overwrite the article {}; choose an -o folder outside the articles", path.display(), dest.display())]
    WouldOverwrite { path: PathBuf, dest: PathBuf },
    #[error("{} would be written below {}, a symbolic link that could lead anywhere; remove the link or choose another -o folder", path.display(), link.display())]
    LinkedOutput { path: PathBuf, link: PathBuf },
}

/// What is said of a sidecar whose article is not there.
fn orphan(path: &Path, article: Option<&Path>) -> String {
    match article {
        Some(article) => format!(
            "{} is the sidecar of {}, which is not there; put the article back, or move the sidecar out of the folder",
            path.display(),
            article.display()
        ),
        None => format!(
            "{} has no article beside it; put the article it was made for (its `source: (file: ...)`) back next to it",
            path.display()
        ),
    }
}
