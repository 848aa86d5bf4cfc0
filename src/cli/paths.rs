//! Turning command-line paths into articles.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::article::Article;
use crate::store::sidecar_path;

/// The articles named by `paths`: each file as given, and for each directory
/// every file below it that has a sidecar, sorted by path so output is stable.
pub fn articles(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).with_context(|| format!("cannot open {}", path.display()))?;
        if meta.is_dir() {
            let mut below = Vec::new();
            annotated_below(path, &mut below)?;
            below.sort();
            found.extend(below);
        } else if is_sidecar(path) {
            bail!(
                "{} is a sidecar; give the article it belongs to",
                path.display()
            );
        } else {
            found.push(path.clone());
        }
    }
    Ok(found)
}

fn annotated_below(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        if path.is_dir() {
            annotated_below(&path, found)?;
        } else if !is_sidecar(&path) && sidecar_path(&path).is_file() {
            found.push(path);
        }
    }
    Ok(())
}

fn is_sidecar(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".ann.ron")
}

/// Reads the article at `path`, with errors that say what to do.
pub fn read_article(path: &Path) -> Result<Article> {
    if path.is_dir() {
        bail!(
            "{} is a directory; give the path of an article (a UTF-8 text file)",
            path.display()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot open {}", path.display()))?;
    Article::from_bytes(bytes).map_err(|e| anyhow::anyhow!("{} {e}", path.display()))
}
