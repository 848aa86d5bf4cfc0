//! Turning command-line paths into the articles of a corpus.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::Problem;
use crate::store::sidecar_path;

/// An article to visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// As given, or the directory given joined with the path below it.
    pub path: PathBuf,
    /// Below the directory given; the file name for an article given itself.
    pub relative: PathBuf,
}

/// What a path turned into: an article, or an input that cannot be one.
#[derive(Debug)]
pub enum Item {
    Article(Found),
    Problem(Problem),
}

impl Item {
    /// The path the item is about, which orders the items of a directory.
    fn path(&self) -> &Path {
        match self {
            Item::Article(found) => &found.path,
            Item::Problem(
                Problem::Orphan { path }
                | Problem::Folder { path, .. }
                | Problem::LinkOut { path, .. },
            ) => path,
            Item::Problem(_) => Path::new(""),
        }
    }
}

/// The articles named by `paths`, in order: each file as given, and for each
/// directory every file below it that has a sidecar, sorted by path so that
/// output is stable. What cannot be read, a sidecar given instead of its
/// article, and a sidecar below a directory with no article beside it come
/// back as problems, in their place.
///
/// Hidden directories (`.git`) and symbolic links to directories are not
/// entered: a corpus in git would otherwise be searched object by object, and
/// a link loop would never end. A link to a file is followed only when the
/// file lies in the directory given: a link to a private file elsewhere
/// would put its text in an export, so it is a problem, named and skipped.
pub fn find(paths: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(error) => items.push(Item::Problem(Problem::Open {
                path: path.clone(),
                error,
            })),
            Ok(meta) if meta.is_dir() => {
                let mut below = Vec::new();
                let root = Root {
                    given: path,
                    resolved: fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
                };
                annotated_below(&root, path, &mut below);
                below.sort_by(|a, b| a.path().cmp(b.path()));
                items.extend(below);
            }
            Ok(_) if is_sidecar(path) => {
                items.push(Item::Problem(Problem::GivenSidecar { path: path.clone() }));
            }
            Ok(_) => items.push(Item::Article(Found {
                path: path.clone(),
                relative: path.file_name().map_or_else(|| path.clone(), PathBuf::from),
            })),
        }
    }
    items
}

/// A directory given, as given and with its links resolved.
struct Root<'a> {
    given: &'a Path,
    resolved: PathBuf,
}

impl Root<'_> {
    /// Whether `path`, found below the root, is a link that leads out of it
    /// (or nowhere).
    fn leads_out(&self, path: &Path) -> bool {
        is_link(path)
            && !fs::canonicalize(path).is_ok_and(|target| target.starts_with(&self.resolved))
    }

    fn link_out(&self, path: PathBuf) -> Item {
        Item::Problem(Problem::LinkOut {
            target: fs::read_link(&path).unwrap_or_default(),
            path,
            root: self.given.to_path_buf(),
        })
    }
}

fn annotated_below(root: &Root, dir: &Path, found: &mut Vec<Item>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            found.push(Item::Problem(Problem::Folder {
                path: dir.to_path_buf(),
                error,
            }));
            return;
        }
    };
    let mut sidecars = Vec::new();
    let mut claimed = HashSet::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                found.push(Item::Problem(Problem::Folder {
                    path: dir.to_path_buf(),
                    error,
                }));
                continue;
            }
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                annotated_below(root, &path, found);
            }
        } else if is_sidecar(&path) {
            sidecars.push(path);
        } else {
            let sidecar = sidecar_path(&path);
            if sidecar.is_file() {
                claimed.insert(sidecar.clone());
                if root.leads_out(&path) {
                    found.push(root.link_out(path));
                } else if root.leads_out(&sidecar) {
                    found.push(root.link_out(sidecar));
                } else {
                    let relative = path.strip_prefix(root.given).unwrap_or(&path);
                    let relative = relative.to_path_buf();
                    found.push(Item::Article(Found { path, relative }));
                }
            }
        }
    }
    for sidecar in sidecars {
        if !claimed.contains(&sidecar) {
            found.push(Item::Problem(Problem::Orphan { path: sidecar }));
        }
    }
}

/// Whether `path` is a symbolic link (not what it leads to).
pub fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether `path` names a sidecar (`name.ann.ron`).
pub fn is_sidecar(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".ann.ron")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("a folder");
        }
        fs::write(path, "x").expect("a file");
    }

    fn describe(items: &[Item], root: &Path) -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                Item::Article(f) => format!(
                    "article {} ({})",
                    f.path.strip_prefix(root).unwrap_or(&f.path).display(),
                    f.relative.display()
                ),
                Item::Problem(p) => format!(
                    "problem {}",
                    p.to_string().replace(&*root.to_string_lossy(), "")
                ),
            })
            .collect()
    }

    #[test]
    fn directories_give_their_annotated_articles_in_order_and_orphans_as_problems() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        for name in [
            "desk/b.txt",
            "desk/b.ann.ron",
            "desk/a.txt",
            "desk/a.ann.ron",
            "desk/unannotated.txt",
            "desk/lost.ann.ron",
            "desk/sub/c.md",
            "desk/sub/c.ann.ron",
            "desk/.git/d.txt",
            "desk/.git/d.ann.ron",
        ] {
            touch(&root.join(name));
        }
        let items = find(&[root.join("desk")]);
        assert_eq!(
            describe(&items, root),
            vec![
                "article desk/a.txt (a.txt)",
                "article desk/b.txt (b.txt)",
                "problem /desk/lost.ann.ron has no article beside it; put the article it was made for (its `source: (file: ...)`) back next to it",
                "article desk/sub/c.md (sub/c.md)",
            ]
        );
    }

    #[test]
    fn files_are_taken_as_given_and_bad_paths_are_problems_in_place() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        touch(&root.join("x.txt"));
        touch(&root.join("x.ann.ron"));
        let items = find(&[
            root.join("missing.txt"),
            root.join("x.txt"),
            root.join("x.ann.ron"),
        ]);
        let described = describe(&items, root);
        assert_eq!(described.len(), 3);
        assert!(described[0].starts_with("problem cannot open /missing.txt"));
        assert_eq!(described[1], "article x.txt (x.txt)");
        assert!(described[2].contains("is a sidecar; give the article"));
    }
}
