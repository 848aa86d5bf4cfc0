//! Turning command-line paths into the articles of a corpus.
//!
//! An article is a file given by name, or a text file (`*.txt`) below a
//! directory given. A sidecar belongs to the article its `source.file`
//! names: a sidecar found below a directory without its `*.txt` (an
//! annotated `story.md`, say) brings its article along, and one whose
//! article is not there is reported once, by name. Nothing else beside the
//! articles (brat's `.ann`, an export's `.json` or `.jsonl`, notes) is ever
//! taken for an article.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

use super::Problem;
use crate::store::{self, SidecarTree, sidecar_path};

/// An article to visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// As given, or the directory given joined with the path below it.
    pub path: PathBuf,
    /// Below the directory given; the file name for an article given itself.
    pub relative: PathBuf,
    /// Where its sidecar is (or will be): beside it, or in the tree of
    /// sidecars given.
    pub sidecar: PathBuf,
    /// Whether the sidecar was there when the article was found.
    pub annotated: bool,
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
                Problem::Orphan { path, .. }
                | Problem::Folder { path, .. }
                | Problem::LinkOut { path, .. },
            ) => path,
            Item::Problem(_) => Path::new(""),
        }
    }
}

/// The articles named by `paths`, in order: each file as given, and for each
/// directory every article below it (see the module documentation), sorted
/// by path so that output is stable. Their sidecars are beside them, or in
/// `tree`. What cannot be read, a sidecar given instead of its article, and
/// a sidecar whose article is not there come back as problems, in their
/// place.
///
/// Hidden directories (`.git`) and files, and symbolic links to
/// directories, are not entered: a corpus in git would otherwise be searched
/// object by object, and a link loop would never end. A link to a file is
/// followed only when the file lies in the directory given: a link to a
/// private file elsewhere would put its text in an export, so it is a
/// problem, named and skipped.
pub fn find(paths: &[PathBuf], tree: Option<&SidecarTree>) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(error) => items.push(Item::Problem(Problem::Open {
                path: path.clone(),
                error,
            })),
            Ok(meta) if meta.is_dir() => {
                let mut below = Vec::new();
                match sidecar_folder(path, tree) {
                    Ok(sidecars) => {
                        let walk = Walk {
                            root: path,
                            resolved: fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
                            tree: tree.is_some(),
                        };
                        walk.below(path, &sidecars, &mut below);
                    }
                    Err(problem) => below.push(Item::Problem(problem)),
                }
                items.extend(in_path_order(below));
            }
            Ok(_) if is_sidecar(path) => {
                items.push(Item::Problem(Problem::GivenSidecar { path: path.clone() }));
            }
            Ok(_) => items.push(given(path, tree)),
        }
    }
    items
}

/// The articles named by `paths` to add annotations to, as [`find`] gives
/// them, but a sidecar whose article is not there is no input here and is
/// passed over: nothing could be added to it.
pub fn find_texts(paths: &[PathBuf], tree: Option<&SidecarTree>) -> Vec<Item> {
    find(paths, tree)
        .into_iter()
        .filter(|item| !matches!(item, Item::Problem(Problem::Orphan { .. })))
        .collect()
}

/// An article given by name, with its sidecar.
fn given(path: &Path, tree: Option<&SidecarTree>) -> Item {
    let sidecar = match tree {
        None => sidecar_path(path),
        Some(tree) => match tree.sidecar_of(path) {
            Ok(sidecar) => sidecar,
            Err(error) => return Item::Problem(error.into()),
        },
    };
    Item::Article(Found {
        path: path.to_path_buf(),
        relative: path.file_name().map_or_else(|| path.into(), PathBuf::from),
        annotated: sidecar.is_file(),
        sidecar,
    })
}

/// Where the sidecars of the articles in `dir` are.
fn sidecar_folder(dir: &Path, tree: Option<&SidecarTree>) -> Result<PathBuf, Problem> {
    let Some(tree) = tree else {
        return Ok(dir.to_path_buf());
    };
    let resolved = fs::canonicalize(dir).map_err(|error| Problem::Folder {
        path: dir.to_path_buf(),
        error,
    })?;
    Ok(tree.folder_for(&resolved, dir)?)
}

/// One directory given, walked.
struct Walk<'a> {
    root: &'a Path,
    /// The directory given, its links resolved.
    resolved: PathBuf,
    /// The sidecars are in a tree of their own, not beside the articles.
    tree: bool,
}

impl Walk<'_> {
    /// The articles in `dir` and below, their sidecars in `sidecars` and
    /// below.
    fn below(&self, dir: &Path, sidecars: &Path, found: &mut Vec<Item>) {
        let Some(Listing {
            files,
            folders,
            links,
        }) = listing(dir, found)
        else {
            return;
        };
        let sidecar_names: HashSet<OsString> = if self.tree {
            let tree = listing(sidecars, found).unwrap_or_default();
            for lone in tree.folders.iter().filter(|f| !folders.contains(f)) {
                orphans_below(&sidecars.join(lone), &dir.join(lone), found);
            }
            tree.files
                .into_iter()
                .filter(|n| is_sidecar(Path::new(n)))
                .collect()
        } else {
            files
                .iter()
                .filter(|n| is_sidecar(Path::new(n)))
                .cloned()
                .collect()
        };
        let mut claimed = HashSet::new();
        for name in files.iter().filter(|n| is_article_name(n)) {
            let sidecar = sidecar_name(name);
            let annotated = sidecar_names.contains(&sidecar);
            let article = dir.join(name);
            found.push(self.article(article, sidecars.join(&sidecar), annotated, &links));
            claimed.insert(sidecar);
        }
        let mut unclaimed: Vec<&OsString> = sidecar_names.difference(&claimed).collect();
        unclaimed.sort();
        for name in unclaimed {
            let sidecar = sidecars.join(name);
            match named_article(&sidecar, dir) {
                Ok(article) => found.push(self.article(article, sidecar, true, &links)),
                Err(article) => found.push(Item::Problem(Problem::Orphan {
                    path: sidecar,
                    article,
                })),
            }
        }
        for folder in folders {
            self.below(&dir.join(&folder), &sidecars.join(&folder), found);
        }
    }

    /// The article at `path` with its sidecar; a problem when either is a
    /// link that leads out of the directory given (a sidecar in a tree of
    /// its own is the editor's, wherever it leads). `links` are the names of
    /// the links in the article's folder: only those are looked into.
    fn article(
        &self,
        path: PathBuf,
        sidecar: PathBuf,
        annotated: bool,
        links: &HashSet<OsString>,
    ) -> Item {
        let linked = |p: &Path| p.file_name().is_some_and(|n| links.contains(n));
        if linked(&path) && self.leads_out(&path) {
            return self.link_out(path);
        }
        if annotated && !self.tree && linked(&sidecar) && self.leads_out(&sidecar) {
            return self.link_out(sidecar);
        }
        let relative = path.strip_prefix(self.root).unwrap_or(&path).to_path_buf();
        Item::Article(Found {
            path,
            relative,
            sidecar,
            annotated,
        })
    }
}

impl Walk<'_> {
    /// Whether `path`, found below the directory given, is a link that
    /// leads out of it (or nowhere).
    fn leads_out(&self, path: &Path) -> bool {
        is_link(path)
            && !fs::canonicalize(path).is_ok_and(|target| target.starts_with(&self.resolved))
    }

    fn link_out(&self, path: PathBuf) -> Item {
        Item::Problem(Problem::LinkOut {
            target: fs::read_link(&path).unwrap_or_default(),
            path,
            root: self.root.to_path_buf(),
        })
    }
}

/// `items` sorted by path as [`Path::cmp`] sorts, component by component,
/// each path split into its components once: comparing the paths themselves
/// parses them again at every comparison, which made sorting 10,000 the
/// slowest part of opening a corpus.
fn in_path_order(items: Vec<Item>) -> Vec<Item> {
    let order: Vec<usize> = {
        let keys: Vec<Vec<&[u8]>> = items
            .iter()
            .map(|item| {
                item.path()
                    .components()
                    .map(|c| c.as_os_str().as_encoded_bytes())
                    .collect()
            })
            .collect();
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        order
    };
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// What a folder holds, by name, hidden ones left out.
#[derive(Default)]
struct Listing {
    /// Files, and links to anything but folders.
    files: HashSet<OsString>,
    /// Folders to enter (links to folders are not).
    folders: Vec<OsString>,
    /// Which of the files are links: the folder's listing says so, so no
    /// file needs looking at on its own.
    links: HashSet<OsString>,
}

/// What `dir` holds; `None` when it cannot be read (a problem is added) or
/// is not there.
fn listing(dir: &Path, found: &mut Vec<Item>) -> Option<Listing> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => {
            found.push(Item::Problem(Problem::Folder {
                path: dir.to_path_buf(),
                error,
            }));
            return None;
        }
    };
    let mut listing = Listing::default();
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
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => listing.folders.push(name),
            kind => {
                if kind.is_ok_and(|k| k.is_symlink()) {
                    listing.links.insert(name.clone());
                }
                listing.files.insert(name);
            }
        }
    }
    Some(listing)
}

/// Every sidecar below `sidecars`, a folder of the tree whose articles'
/// folder (`dir`) is not there: each is reported as without its article.
fn orphans_below(sidecars: &Path, dir: &Path, found: &mut Vec<Item>) {
    let Some(Listing { files, folders, .. }) = listing(sidecars, found) else {
        return;
    };
    for name in files.iter().filter(|n| is_sidecar(Path::new(n))) {
        let path = sidecars.join(name);
        let article = store::read_head(&path)
            .ok()
            .and_then(|(source, _)| plain_name(&source.file).map(|n| dir.join(n)));
        found.push(Item::Problem(Problem::Orphan { path, article }));
    }
    for folder in folders {
        orphans_below(&sidecars.join(&folder), &dir.join(&folder), found);
    }
}

/// The article in `dir` that the sidecar at `sidecar` names in its
/// `source.file`, when it is there and this is its sidecar; otherwise
/// where that article would be, when the sidecar says and nothing is there
/// (a sidecar renamed away from its article says nothing true of it).
fn named_article(sidecar: &Path, dir: &Path) -> Result<PathBuf, Option<PathBuf>> {
    let (source, _) = store::read_head(sidecar).map_err(|_| None)?;
    let name = plain_name(&source.file).ok_or(None)?;
    let article = dir.join(name);
    let its_own = sidecar_name(name.as_os_str()) == sidecar.file_name().unwrap_or_default();
    match (its_own, article.is_file() && !is_sidecar(&article)) {
        (true, true) => Ok(article),
        (true, false) => Err(Some(article)),
        (false, _) => Err(None),
    }
}

/// `file` when it is a file name alone (no folder, no `..`).
fn plain_name(file: &str) -> Option<&Path> {
    let path = Path::new(file);
    (path.file_name() == Some(OsStr::new(file))).then_some(path)
}

/// Whether a file named `name` below a directory is an article: a text
/// file, `*.txt` in any case, that is not a sidecar.
fn is_article_name(name: &OsStr) -> bool {
    let path = Path::new(name);
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        && !is_sidecar(path)
}

/// The file name of the sidecar of the article named `name`.
fn sidecar_name(name: &OsStr) -> OsString {
    sidecar_path(Path::new(name))
        .file_name()
        .map(OsStr::to_os_string)
        .unwrap_or_default()
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

    /// A sidecar at `path` that names `file` as its article.
    fn sidecar_naming(path: &Path, file: &str) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("a folder");
        }
        let text = format!(
            "(\n    format: 1,\n    source: (\n        file: \"{file}\",\n        chars: 1,\n        blake3: \"00\",\n    ),\n    annotations: [],\n)\n"
        );
        fs::write(path, text).expect("a sidecar");
    }

    fn describe(items: &[Item], root: &Path) -> Vec<String> {
        let strip = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
        items
            .iter()
            .map(|item| match item {
                Item::Article(f) => format!(
                    "article {} ({}) {} {}",
                    strip(&f.path),
                    f.relative.display(),
                    strip(&f.sidecar),
                    if f.annotated { "annotated" } else { "new" }
                ),
                Item::Problem(p) => format!(
                    "problem {}",
                    p.to_string().replace(&*root.to_string_lossy(), "")
                ),
            })
            .collect()
    }

    #[test]
    fn texts_to_suggest_for_pass_over_a_sidecar_without_its_article() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        touch(&root.join("desk/b.txt"));
        touch(&root.join("desk/東京.txt"));
        sidecar_naming(&root.join("desk/lost.ann.ron"), "lost.txt");
        let found = describe(&find(&[root.join("desk")], None), root);
        assert_eq!(found.len(), 3, "{found:?}");
        let texts = describe(&find_texts(&[root.join("desk")], None), root);
        assert_eq!(
            texts,
            vec![
                "article desk/b.txt (b.txt) desk/b.ann.ron new",
                "article desk/東京.txt (東京.txt) desk/東京.ann.ron new",
            ]
        );
    }

    #[test]
    fn directories_give_their_text_files_in_order_with_or_without_a_sidecar() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        for name in [
            "desk/b.txt",
            "desk/b.ann.ron",
            "desk/a.TXT",
            "desk/a.ann.ron",
            "desk/unannotated.txt",
            "desk/notes.md",
            "desk/.hidden.txt",
            "desk/.git/d.txt",
            "desk/.git/d.ann.ron",
        ] {
            touch(&root.join(name));
        }
        sidecar_naming(&root.join("desk/sub/c.ann.ron"), "c.md");
        touch(&root.join("desk/sub/c.md"));
        let items = find(&[root.join("desk")], None);
        assert_eq!(
            describe(&items, root),
            vec![
                "article desk/a.TXT (a.TXT) desk/a.ann.ron annotated",
                "article desk/b.txt (b.txt) desk/b.ann.ron annotated",
                "article desk/sub/c.md (sub/c.md) desk/sub/c.ann.ron annotated",
                "article desk/unannotated.txt (unannotated.txt) desk/unannotated.ann.ron new",
            ]
        );
    }

    #[test]
    fn a_brat_layout_is_one_article_and_a_sidecar_without_its_article_is_named_once() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        for name in [
            "brat/story.txt",
            "brat/story.ann",
            "brat/story.ann.ron",
            "brat/story.json",
            "brat/export.jsonl",
            "brat/annotation.conf",
        ] {
            touch(&root.join(name));
        }
        sidecar_naming(&root.join("brat/lost.ann.ron"), "lost.txt");
        sidecar_naming(&root.join("brat/renamed.ann.ron"), "story.txt");
        touch(&root.join("brat/broken.ann.ron"));
        let described = describe(&find(&[root.join("brat")], None), root);
        assert_eq!(
            described,
            vec![
                "problem /brat/broken.ann.ron has no article beside it; put the article it was made for (its `source: (file: ...)`) back next to it",
                "problem /brat/lost.ann.ron is the sidecar of /brat/lost.txt, which is not there; put the article back, or move the sidecar out of the folder",
                "problem /brat/renamed.ann.ron has no article beside it; put the article it was made for (its `source: (file: ...)`) back next to it",
                "article brat/story.txt (story.txt) brat/story.ann.ron annotated",
            ],
        );
    }

    #[test]
    fn a_folder_comes_before_a_longer_name_that_starts_like_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        for name in [
            "desk/a-b.txt",
            "desk/a/z.txt",
            "desk/a.txt",
            "desk/é/東京.txt",
        ] {
            touch(&root.join(name));
        }
        let described = describe(&find(&[root.join("desk")], None), root);
        let order: Vec<&str> = described
            .iter()
            .map(|d| d.split(' ').nth(1).unwrap_or_default())
            .collect();
        // As `Path` orders them: by component, so `a/` before `a-b.txt`.
        assert_eq!(
            order,
            [
                "desk/a/z.txt",
                "desk/a-b.txt",
                "desk/a.txt",
                "desk/é/東京.txt"
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_text_file_that_links_out_of_the_folder_is_named_not_read() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        touch(&root.join("private/secret 東京.txt"));
        touch(&root.join("desk/a.txt"));
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(root.join(target), root.join("desk").join(name))
                .expect("a link");
        };
        link("private/secret 東京.txt", "leak.txt");
        link("desk/a.txt", "alias.txt");
        let described = describe(&find(&[root.join("desk")], None), root);
        assert_eq!(described.len(), 3, "{described:?}");
        assert_eq!(
            described[0],
            "article desk/a.txt (a.txt) desk/a.ann.ron new"
        );
        assert_eq!(
            described[1], "article desk/alias.txt (alias.txt) desk/alias.ann.ron new",
            "a link within the folder is an article"
        );
        assert!(
            described[2]
                .starts_with("problem /desk/leak.txt is a link to /private/secret 東京.txt"),
            "{}",
            described[2]
        );
    }

    #[test]
    fn files_are_taken_as_given_and_bad_paths_are_problems_in_place() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        touch(&root.join("x.txt"));
        touch(&root.join("x.ann.ron"));
        touch(&root.join("notes.md"));
        let items = find(
            &[
                root.join("missing.txt"),
                root.join("x.txt"),
                root.join("x.ann.ron"),
                root.join("notes.md"),
            ],
            None,
        );
        let described = describe(&items, root);
        assert_eq!(described.len(), 4);
        assert!(described[0].starts_with("problem cannot open /missing.txt"));
        assert_eq!(described[1], "article x.txt (x.txt) x.ann.ron annotated");
        assert!(described[2].contains("is a sidecar; give the article"));
        assert_eq!(
            described[3],
            "article notes.md (notes.md) notes.ann.ron new"
        );
    }

    #[test]
    fn a_tree_of_sidecars_mirrors_the_articles_and_names_its_own_orphans() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        for name in [
            "shared/a.txt",
            "shared/a.ann.ron",
            "shared/2024/b.txt",
            "ed/shared/2024/b.ann.ron",
            "kim/shared/a.ann.ron",
        ] {
            touch(&root.join(name));
        }
        sidecar_naming(&root.join("ed/shared/gone/c.ann.ron"), "c.txt");
        sidecar_naming(&root.join("ed/shared/2024/d.ann.ron"), "d.md");
        touch(&root.join("shared/2024/d.md"));
        let tree = SidecarTree::new(&root.join("ed")).expect("a tree");
        let described = describe(&find(&[root.join("shared")], Some(&tree)), root);
        assert_eq!(
            described,
            vec![
                "problem /ed/shared/gone/c.ann.ron is the sidecar of /shared/gone/c.txt, which is not there; put the article back, or move the sidecar out of the folder",
                "article shared/2024/b.txt (2024/b.txt) ed/shared/2024/b.ann.ron annotated",
                "article shared/2024/d.md (2024/d.md) ed/shared/2024/d.ann.ron annotated",
                "article shared/a.txt (a.txt) ed/shared/a.ann.ron new",
            ],
            "a sidecar beside the article is not ed's"
        );
        // Given by name, from elsewhere, an article finds the same sidecar.
        let items = find(&[root.join("shared/../shared/2024/b.txt")], Some(&tree));
        assert_eq!(
            describe(&items, root),
            vec!["article shared/../shared/2024/b.txt (b.txt) ed/shared/2024/b.ann.ron annotated"]
        );
    }
}
