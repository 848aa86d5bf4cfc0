//! `sayso reanchor PATH...`: place every annotation again on its article as
//! it is now, and write the sidecars with the article's new hash.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Result, bail};
use clap::Args;

use super::export::named_above;
use super::paths::{SidecarsArg, articles, file_name, read_article};
use sayso_core::corpus::Found;
use sayso_core::store::{self, Change, Reanchored, watch};

#[derive(Debug, Args)]
pub struct ReanchorArgs {
    /// Articles, or directories to search for annotated articles.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    sidecars: SidecarsArg,

    /// Say what would change, and write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Places the annotations of the articles under `args.paths` again and
/// reports, per article and in total, on `out`; a file that cannot be read
/// or written is named on `err` and the rest go on.
pub fn run(args: &ReanchorArgs, out: &mut impl Write, err: &mut impl Write) -> Result<()> {
    let tree = args.sidecars.tree()?;
    let (articles, mut skipped) = articles(&args.paths, tree.as_ref(), err)?;
    if articles.is_empty() && skipped == 0 {
        bail!("no annotated articles found under the given paths");
    }
    let mut total = Reanchored::default();
    let mut done = 0;
    for found in &articles {
        match reanchor(found, args.dry_run, out) {
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

/// Places the annotations of the article `found` again, writes its
/// sidecar unless `dry_run` or nothing changed, and says what happened.
fn reanchor(found: &Found, dry_run: bool, out: &mut impl Write) -> Result<Reanchored> {
    let (path, sidecar) = (found.path.as_path(), &found.sidecar);
    let article = read_article(path)?;
    let read = watch::read(&article, sidecar);
    let Some(loaded) = read.sidecar? else {
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
        let contents = store::render(
            &article,
            &file_name(path),
            &annotations,
            &loaded.detached,
            loaded.finished.as_ref(),
        );
        // Only over the version placed: an annotator open on the article
        // may have saved since, and run again this places that.
        watch::replace(sidecar, &contents, read.fingerprint)?;
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
