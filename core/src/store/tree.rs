//! Sidecars kept apart from the articles, in a tree of their own
//! (`--sidecars DIR`).
//!
//! Two editors annotating one shared folder of articles each keep their
//! sidecars in a folder of their own (`ed/`, `kim/`), so that neither writes
//! over the other and `sayso agree ed/ kim/` can compare them. Each sidecar
//! sits below `DIR` at its article's path from the folder that holds `DIR`:
//! with `ed/` and `shared/` side by side, `shared/2024/story.txt` keeps its
//! annotations in `ed/shared/2024/story.ann.ron`. That place depends on
//! where the files are, not on how a command names them (`shared/`,
//! `./shared/2024/story.txt` or an absolute path, from any current folder),
//! so every command finds the same sidecar. The sidecar's `source.file`
//! still names the article, as beside it.

use std::io;
use std::path::{Path, PathBuf};

use super::sidecar_path;

/// What keeps a folder from holding sidecars, or an article from having
/// its sidecar there.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error("cannot keep sidecars in {}: {source}; create the folder first (mkdir {})", path.display(), path.display())]
    Missing {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot keep sidecars in {}: it is not a folder", path.display())]
    NotFolder { path: PathBuf },
    #[error("{} is not inside {}, the folder that holds {}, so it has no place in that tree of sidecars; put {} beside the articles' folder", article.display(), base.display(), root.display(), root.display())]
    Outside {
        article: PathBuf,
        root: PathBuf,
        base: PathBuf,
    },
    #[error("cannot find the folder of {}: {source}", article.display())]
    Unresolved {
        article: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// A folder of sidecars mirroring the articles' paths (see the module
/// documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarTree {
    /// The folder as given: the sidecars' paths start with it.
    root: PathBuf,
    /// The folder that holds it, links resolved: articles' paths are taken
    /// from here.
    base: PathBuf,
}

impl SidecarTree {
    /// The tree in the folder `root`, which must exist.
    pub fn new(root: &Path) -> Result<SidecarTree, TreeError> {
        let resolved = std::fs::canonicalize(root).map_err(|source| TreeError::Missing {
            path: root.to_path_buf(),
            source,
        })?;
        if !resolved.is_dir() {
            return Err(TreeError::NotFolder {
                path: root.to_path_buf(),
            });
        }
        let base = resolved
            .parent()
            .map_or(resolved.clone(), Path::to_path_buf);
        Ok(SidecarTree {
            root: root.to_path_buf(),
            base,
        })
    }

    /// The folder as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The sidecar of the article at `article`.
    pub fn sidecar_of(&self, article: &Path) -> Result<PathBuf, TreeError> {
        let folder = match article.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let resolved = std::fs::canonicalize(folder).map_err(|source| TreeError::Unresolved {
            article: article.to_path_buf(),
            source,
        })?;
        let name = article.file_name().unwrap_or(article.as_os_str());
        let folder = self.folder_for(&resolved, article)?;
        Ok(sidecar_path(&folder.join(name)))
    }

    /// The folder of the sidecars of the articles in `dir` (links resolved);
    /// `article` names the article asked about in the error.
    pub fn folder_for(&self, dir: &Path, article: &Path) -> Result<PathBuf, TreeError> {
        match dir.strip_prefix(&self.base) {
            Ok(relative) => Ok(self.root.join(relative)),
            Err(_) => Err(TreeError::Outside {
                article: article.to_path_buf(),
                root: self.root.clone(),
                base: self.base.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sidecar_mirrors_its_articles_path_from_the_folder_that_holds_the_tree() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        std::fs::create_dir_all(root.join("shared/2024 «été» 東京")).expect("folders");
        std::fs::create_dir(root.join("ed")).expect("the tree");
        let tree = SidecarTree::new(&root.join("ed")).expect("a tree");
        let article = root.join("shared/2024 «été» 東京/story.txt");
        let expected = root.join("ed/shared/2024 «été» 東京/story.ann.ron");
        assert_eq!(tree.sidecar_of(&article).expect("a place"), expected);
        // The same file named another way has the same sidecar.
        let roundabout = root.join("ed/../shared/./2024 «été» 東京/story.txt");
        assert_eq!(tree.sidecar_of(&roundabout).expect("a place"), expected);
    }

    #[test]
    fn a_missing_tree_or_an_article_outside_it_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let error = SidecarTree::new(&dir.path().join("nobody")).expect_err("no folder");
        assert!(error.to_string().contains("mkdir"), "{error}");
        std::fs::write(dir.path().join("file"), "x").expect("a file");
        let error = SidecarTree::new(&dir.path().join("file")).expect_err("not a folder");
        assert!(matches!(error, TreeError::NotFolder { .. }), "{error}");

        std::fs::create_dir_all(dir.path().join("deep/ed")).expect("folders");
        let tree = SidecarTree::new(&dir.path().join("deep/ed")).expect("a tree");
        let error = tree
            .sidecar_of(&dir.path().join("story.txt"))
            .expect_err("outside");
        assert!(matches!(error, TreeError::Outside { .. }), "{error}");
        assert!(error.to_string().contains("beside"), "{error}");
    }
}
