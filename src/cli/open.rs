//! `sayso ARTICLE`: open the annotator.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, bail};

use super::paths::read_article;
use crate::annotation::{Label, schema};
use crate::store::{self, check_writable, sidecar_path};
use crate::tui::{self, App, Keymap, Options};

/// Opens `path` in the annotator, with the labels of `schema` or the defaults.
pub fn run(
    path: &Path,
    annotator: Option<String>,
    read_only: bool,
    schema: Option<&Path>,
) -> Result<()> {
    let labels = match schema {
        Some(file) => schema::load(file, &Keymap::new(&[]).taken_chars())?,
        None => Label::defaults(),
    };
    let article = Arc::new(read_article(path)?);
    let sidecar = sidecar_path(path);
    let loaded = store::load(&article, &sidecar)?;
    if !read_only {
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
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the annotator needs a terminal; to print annotations use `sayso list {}`",
            path.display()
        );
    }
    let options = Options {
        file_name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        author: author(annotator),
        read_only,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        labels,
    };
    let app = App::new(article, loaded, options);
    tui::run(app, (!read_only).then_some(sidecar))
}

/// `--annotator`, else `$SAYSO_ANNOTATOR`, else `$USER`, else "unknown".
pub(super) fn author(annotator: Option<String>) -> String {
    annotator
        .or_else(|| std::env::var("SAYSO_ANNOTATOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}
