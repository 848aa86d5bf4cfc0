//! `sayso ARTICLE`: open the annotator.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use super::paths::read_article;
use crate::tui::{self, App, Keymap, Loader, Options, Theirs};
use sayso_core::annotation::{Annotation, Label, schema};
use sayso_core::article::Article;
use sayso_core::store::{self, check_writable, sidecar_path};

/// How the annotator opens, from the command line.
#[derive(Debug, Clone, Copy)]
pub struct Opening<'a> {
    pub annotator: Option<&'a str>,
    pub read_only: bool,
    /// The labels to tag with (`--schema`); the defaults without.
    pub schema: Option<&'a Path>,
    /// Another editor's sidecar of the article to show beside this one.
    pub compare: Option<&'a Path>,
}

/// Opens `path` in the annotator. The article is read before the terminal
/// is touched, so a bad one is one sentence on stderr; the sidecars are
/// read while the article is shown (see [`Loader`]), and one that cannot
/// be read ends the session with its sentence, before anything is saved.
pub fn run(path: &Path, opening: Opening) -> Result<()> {
    let labels = match opening.schema {
        Some(file) => schema::load(file, &Keymap::new(&[]).taken_chars())?,
        None => Label::defaults(),
    };
    let article = Arc::new(read_article(path)?);
    let sidecar = sidecar_path(path);
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
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if !terminal {
        // Without a terminal there is no first frame to hurry: the files'
        // errors come first, as they would in one.
        loader.wait()?;
    }
    if !opening.read_only {
        let dir = sidecar
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Err(e) = check_writable(dir) {
            bail!(
                "{e}; annotations could not be saved there. Open it with --read-only to look without saving, or copy the article somewhere writable"
            );
        }
    }
    if !terminal {
        bail!(
            "the annotator needs a terminal; to print annotations use `sayso list {}`",
            path.display()
        );
    }
    let options = Options {
        file_name: file_name(path),
        author: author(opening.annotator.map(str::to_string)),
        read_only: opening.read_only,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        labels,
    };
    let app = App::opening(article, options);
    tui::run(app, (!opening.read_only).then_some(sidecar), loader)
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

/// The file name of `path`, as the title bar and messages show it.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `--annotator`, else `$SAYSO_ANNOTATOR`, else `$USER`, else "unknown".
pub(super) fn author(annotator: Option<String>) -> String {
    annotator
        .or_else(|| std::env::var("SAYSO_ANNOTATOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}
