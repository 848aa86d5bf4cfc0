//! `sayso ARTICLE`, `sayso DIR...`: open the annotator on one article or on
//! a corpus.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use super::paths::{SidecarsArg, file_name, read_article};
use crate::tui::corpus::{Entry, Known, Session, Settings, state_file};
use crate::tui::{self, App, Keymap, Loader, Options, Theirs};
use sayso_core::annotation::{Annotation, Label, schema};
use sayso_core::article::Article;
use sayso_core::corpus::{self, Item, Problem};
use sayso_core::store::{self, SidecarTree, check_writable, sidecar_path};

/// How the annotator opens, from the command line.
#[derive(Debug, Clone, Copy)]
pub struct Opening<'a> {
    pub annotator: Option<&'a str>,
    pub read_only: bool,
    /// The labels to tag with (`--schema`); the defaults without.
    pub schema: Option<&'a Path>,
    /// Another editor's sidecar of the article to show beside this one.
    pub compare: Option<&'a Path>,
    /// Where the sidecars are (`--sidecars`).
    pub sidecars: &'a SidecarsArg,
}

/// Opens `paths` in the annotator: one article given by itself, or a
/// corpus (folders, or several articles). Every file the first screen needs
/// is read and checked before the terminal is touched, so a bad one is one
/// sentence on stderr; only the sidecar of an article given by itself is
/// read while the article is shown (see [`Loader`]), and one that cannot be
/// read ends the session with its sentence, before anything is saved.
pub fn run(paths: &[PathBuf], opening: Opening) -> Result<()> {
    let labels = match opening.schema {
        Some(file) => schema::load(file, &Keymap::new(&[]).taken_chars())?,
        None => Label::defaults(),
    };
    let tree = opening.sidecars.tree()?;
    let named = annotator(opening.annotator.map(str::to_string));
    // Said once, on the first article's status line.
    let unnamed = named.is_none() && !opening.read_only;
    let settings = Settings {
        author: named.unwrap_or_else(|| UNNAMED.into()),
        read_only: opening.read_only,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        labels,
        tree: tree.is_some(),
        places: state_file(),
    };
    match paths {
        [path] if !path.is_dir() => one_article(path, tree.as_ref(), opening, settings, unnamed),
        _ => a_corpus(paths, tree.as_ref(), opening, settings, unnamed),
    }
}

/// The annotator on the article at `path`.
fn one_article(
    path: &Path,
    tree: Option<&SidecarTree>,
    opening: Opening,
    settings: Settings,
    unnamed: bool,
) -> Result<()> {
    let article = Arc::new(read_article(path)?);
    let sidecar = match tree {
        Some(tree) => tree.sidecar_of(path)?,
        None => sidecar_path(path),
    };
    if let Some(other) = opening.compare {
        other_is_a_file(path, other)?;
    }
    let theirs = opening.compare.map(|other| {
        let (path, other) = (path.to_path_buf(), other.to_path_buf());
        Box::new(move |article: &Article| {
            // As given: the other editor's file often has the same name as
            // this one, in another directory.
            let name = other.display().to_string();
            other_editor(article, &path, &other).map(|theirs| (name, theirs))
        }) as Theirs
    });
    let loader = Loader::spawn(Arc::clone(&article), sidecar.clone(), theirs)?;
    if !terminal() {
        // Without a terminal there is no first frame to hurry: the files'
        // errors come first, as they would in one.
        loader.wait()?;
    }
    if !opening.read_only {
        let dir = sidecar
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if tree.is_some() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        if let Err(e) = check_writable(dir) {
            bail!(
                "{e}; annotations could not be saved there. Open it with --read-only to look without saving, or copy the article somewhere writable"
            );
        }
    }
    need_a_terminal(path)?;
    let options = Options {
        file_name: file_name(path),
        author: settings.author.clone(),
        read_only: settings.read_only,
        color: settings.color,
        labels: settings.labels.clone(),
    };
    let mut app = App::opening(article, options);
    if unnamed {
        app.tell(capitalised(NO_NAME) + ".");
    }
    let entry = Entry {
        path: path.to_path_buf(),
        shown: path.display().to_string(),
        sidecar,
        known: Known::default(),
    };
    tui::run(Session::loading(app, entry, settings, loader))
}

/// The annotator on the corpus of `paths`: the text files below the
/// folders, and the files given.
fn a_corpus(
    paths: &[PathBuf],
    tree: Option<&SidecarTree>,
    opening: Opening,
    settings: Settings,
    unnamed: bool,
) -> Result<()> {
    if opening.compare.is_some() {
        bail!("--compare works on one article; give its path alone");
    }
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for item in corpus::find(paths, tree) {
        match item {
            Item::Article(found) => entries.push(Entry::from(found)),
            // A path given that is not there (or not an article, or outside
            // the tree of sidecars) is a mistake to fix first.
            Item::Problem(
                problem @ (Problem::Open { .. } | Problem::GivenSidecar { .. } | Problem::Tree(_)),
            ) => {
                return Err(problem.into());
            }
            Item::Problem(problem) => problems.push(problem.to_string()),
        }
    }
    if let (true, Some(first)) = (entries.is_empty(), problems.first()) {
        bail!("no article to open: {first}");
    }
    if entries.is_empty() {
        let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "no articles (text files, *.txt) in {}; give a folder of articles or the path of one",
            named.join(", ")
        );
    }
    let shown_below_one_folder = paths.len() == 1;
    if !shown_below_one_folder {
        for entry in &mut entries {
            entry.shown = entry.path.display().to_string();
        }
    }
    need_a_terminal(&paths[0])?;
    let mut session = Session::corpus(entries, problems, settings)?;
    if unnamed {
        session.app.tell(capitalised(NO_NAME) + ".");
    }
    tui::run(session)
}

/// Refuses to go on without a terminal to draw on.
fn need_a_terminal(path: &Path) -> Result<()> {
    if !terminal() {
        bail!(
            "the annotator needs a terminal; to print annotations use `sayso list {}`",
            path.display()
        );
    }
    Ok(())
}

/// Whether sayso runs in a terminal it can draw on.
fn terminal() -> bool {
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// What to give `--compare` instead of `other`.
fn give(path: &Path) -> String {
    format!(
        "give --compare the other editor's sidecar of {} (a .ann.ron file)",
        file_name(path)
    )
}

/// Refuses an `other` for `--compare` that is no file, before the terminal
/// is touched.
fn other_is_a_file(path: &Path, other: &Path) -> Result<()> {
    let give = give(path);
    match std::fs::metadata(other) {
        Ok(meta) if meta.is_dir() => bail!("{} is a directory; {give}", other.display()),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{} does not exist; {give}", other.display())
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", other.display())),
    }
}

/// The annotations of the other editor's sidecar `other`, refused unless it
/// is a sidecar of this very article text: with another text most spans
/// would not line up, and a comparison of what is left would mislead.
fn other_editor(article: &Article, path: &Path, other: &Path) -> Result<Vec<Annotation>> {
    let give = give(path);
    let loaded = store::load(article, other)
        .with_context(|| format!("cannot compare with {}", other.display()))?;
    let Some(theirs) = loaded else {
        bail!("{} does not exist; {give}", other.display());
    };
    if theirs.article_changed {
        bail!(
            "{} was made on another text of {} (its source.blake3 differs), so its spans would not line up; compare with a sidecar of the article as it is now",
            other.display(),
            file_name(path)
        );
    }
    if let Some(first) = theirs.detached.first() {
        bail!(
            "{} has {} annotation(s) whose text is not at their offsets in {} (the first is #{}); fix the file or compare with another one",
            other.display(),
            theirs.detached.len(),
            file_name(path),
            first.id
        );
    }
    Ok(theirs.annotations)
}

fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Who signs new annotations: `--annotator`, else `$SAYSO_ANNOTATOR`, else
/// `$USER`; `None` when none of them names anyone.
pub(super) fn annotator(given: Option<String>) -> Option<String> {
    given
        .or_else(|| std::env::var("SAYSO_ANNOTATOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
}

/// The author of new annotations: [`annotator`], else "unknown" (and
/// [`NO_NAME`] says so).
pub(super) fn author(given: Option<String>) -> String {
    annotator(given).unwrap_or_else(|| UNNAMED.into())
}

/// The author of what no one is named for.
const UNNAMED: &str = "unknown";

/// What is said, once, when no one is named: tagging goes on (nothing is
/// lost, and an editor in a shell without `$USER` is not stopped), signed
/// "unknown", and the editor learns how to sign.
/// Short enough for the status line at 120 columns.
pub(super) const NO_NAME: &str = "no annotator name ($SAYSO_ANNOTATOR and $USER unset): tags are signed “unknown”; --annotator NAME signs them";
