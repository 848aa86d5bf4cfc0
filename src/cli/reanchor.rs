//! `sayso reanchor PATH...`: place every annotation again on its article as
//! it is now, and write the sidecars with the article's new hash.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Result, bail};
use clap::Args;

use super::export::named_above;
use super::paths::{articles, file_name, read_article};
use sayso_core::store::{self, Change, Reanchored, sidecar_path};

#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// Articles, or directories to search for annotated articles.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Say what would change, and write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Places the annotations of the articles under `args.paths` again and
/// reports, per article and in total, on `out`; a file that cannot be read
/// or written is named on `err` and the rest go on.
pub fn run(args: &ReanchorArgs, out: &mut impl Write, err: &mut impl Write) -> Result<()> {
    let (articles, mut skipped) = articles(&args.paths, err)?;
    if articles.is_empty() && skipped == 0 {
        bail!("no annotated articles found under the given paths");
    }
    let mut total = Reanchored::default();
    let mut done = 0;
    for path in &articles {
        match reanchor(path, args.dry_run, out) {
            Ok(report) => {
                total.add(&report);
                done += 1;
            }
            Err(e) => {
                writeln!(err, "sayso: skipped: {}", super::error_message(&e))?;
                skipped += 1;
            }
        }
    }
    if done > 1 {
        writeln!(out, "total: {done} articles: {}", total.counts())?;
    }
    if skipped > 0 {
        bail!(
            "left out {}; every other article was placed again",
            named_above(skipped)
        );
    }
    Ok(())
}

/// Places the annotations of the article at `path` again, writes its
/// sidecar unless `dry_run` or nothing changed, and says what happened.
fn reanchor(path: &Path, dry_run: bool, out: &mut impl Write) -> Result<Reanchored> {
    let article = read_article(path)?;
    let sidecar = sidecar_path(path);
    let Some(loaded) = store::load(&article, &sidecar)? else {
        bail!(
            "{} has no sidecar ({}), so there is nothing to place",
            path.display(),
            sidecar.display()
        );
    };
    let report = loaded.reanchored.clone();
    let unchanged = !loaded.article_changed && !report.anything_placed();
    let what = if unchanged {
        "the article is unchanged, nothing to write".to_string()
    } else if dry_run {
        "not written (--dry-run)".to_string()
    } else {
        let annotations: Vec<_> = loaded.annotations.into_iter().map(Arc::new).collect();
        let contents = store::render(&article, &file_name(path), &annotations, &loaded.detached);
        store::save(&sidecar, &contents)?;
        format!("written to {}", sidecar.display())
    };
    writeln!(out, "{}: {}; {what}", path.display(), report.counts())?;
    let lists = [
        ("changed (now pending)", &report.changed),
        ("detached", &report.detached),
    ];
    for (state, changes) in lists {
        for Change { id, label, why } in changes {
            writeln!(out, "  #{id} {label} {state}: {why}")?;
        }
    }
    Ok(report)
}
