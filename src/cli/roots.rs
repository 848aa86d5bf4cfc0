//! Where `sayso import` may write: the articles an import file names (a
//! JSONL `article`, a doccano line's or a Label Studio task's) must lie under
//! the import file's folder or the current directory, or under `--root DIR`
//! when it is given. A file from elsewhere could otherwise name
//! `../../victim/story.txt` or an absolute path and have a sidecar written
//! there. Paths are compared once resolved, so `..` and symbolic links that
//! lead out count as out.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The folders, resolved, that articles named by an import file must lie under.
#[derive(Debug)]
pub struct Roots(Vec<PathBuf>);

impl Roots {
    /// `root` when given, else the folder of `file` and the current directory.
    pub fn new(root: Option<&Path>, file: &Path) -> Result<Roots> {
        if let Some(root) = root {
            let resolved = root
                .canonicalize()
                .with_context(|| format!("cannot open the --root folder {}", root.display()))?;
            return Ok(Roots(vec![resolved]));
        }
        let folder = file
            .parent()
            .filter(|f| !f.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut found: Vec<PathBuf> = [folder, Path::new(".")]
            .into_iter()
            .filter_map(|dir| dir.canonicalize().ok())
            .collect();
        found.dedup();
        Ok(Roots(found))
    }

    /// Why `article` may not be written to, or `None` when it lies under a root.
    pub fn refusal(&self, article: &Path) -> Option<String> {
        let resolved = match article.canonicalize() {
            Ok(resolved) => resolved,
            Err(e) => return Some(format!("cannot open {}: {e}", article.display())),
        };
        if self.0.iter().any(|root| resolved.starts_with(root)) {
            return None;
        }
        let places: Vec<String> = self.0.iter().map(|r| r.display().to_string()).collect();
        let leads_to = if resolved == article {
            String::new()
        } else {
            format!(" ({})", resolved.display())
        };
        Some(format!(
            "the article {}{leads_to} lies outside {}; nothing was written there (pass --root DIR to import into articles under DIR)",
            article.display(),
            places.join(" and ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_lead_out_are_refused_and_named() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let inside = dir.path().join("desk");
        let outside = dir.path().join("victim");
        for folder in [&inside, &outside] {
            std::fs::create_dir_all(folder).expect("a folder");
            std::fs::write(folder.join("story.txt"), "text").expect("an article");
        }
        let roots = Roots::new(Some(&inside), &inside.join("in.jsonl"));
        let Ok(roots) = roots else {
            panic!("{roots:?}")
        };
        assert_eq!(roots.refusal(&inside.join("story.txt")), None);
        assert_eq!(roots.refusal(&inside.join("../desk/story.txt")), None);
        let refused = roots.refusal(&inside.join("../victim/story.txt"));
        assert!(
            refused
                .as_deref()
                .is_some_and(|r| r.contains("outside") && r.contains("--root")),
            "{refused:?}"
        );
        assert!(roots.refusal(&outside.join("story.txt")).is_some());
        assert!(roots.refusal(&inside.join("missing.txt")).is_some());
    }
}
