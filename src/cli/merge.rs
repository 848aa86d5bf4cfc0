//! `sayso merge BASE OURS THEIRS`: git's merge driver for sidecars, and
//! `sayso merge --resolve FILE` for a sidecar git already merged as text.
//!
//! Set up in a repository with
//! `git config merge.sayso.driver "sayso merge %O %A %B"` and the line
//! `*.ann.ron merge=sayso` in `.gitattributes`. The result goes to OURS,
//! written atomically; exit 0 when the merge is clean, 1 when some
//! annotation was changed on both sides (both versions are then in the
//! file, theirs pending) or an input cannot be read (OURS is untouched).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;

use sayso_core::store;
use sayso_core::store::merge::{self, Report};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor's sidecar (git's %O; empty when the sidecar is new on both sides).
    #[arg(value_name = "BASE", required_unless_present = "resolve", requires_all = ["ours", "theirs"])]
    base: Option<PathBuf>,
    /// Our sidecar (git's %A): the merge is written here.
    #[arg(value_name = "OURS")]
    ours: Option<PathBuf>,
    /// Their sidecar (git's %B).
    #[arg(value_name = "THEIRS")]
    theirs: Option<PathBuf>,
    /// Repair FILE, a sidecar git merged as text: merge the two sides its conflict markers hold.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["base", "ours", "theirs"])]
    resolve: Option<PathBuf>,
}

/// Merges what `args` names; says what came in on `err`.
pub fn run(args: &MergeArgs, err: &mut impl Write) -> Result<()> {
    // Git names its temporary files for %O %A %B, and the sidecar itself
    // above the driver's output: only --resolve's file is worth naming.
    let (what, report) = match (&args.resolve, &args.base, &args.ours, &args.theirs) {
        (Some(file), _, _, _) => (file.display().to_string(), resolve(file)?),
        (None, Some(base), Some(ours), Some(theirs)) => (
            "the sidecar".to_string(),
            merge::merge_paths(base, ours, theirs)?,
        ),
        _ => bail!("give BASE OURS THEIRS (git's %O %A %B) or --resolve FILE"),
    };
    writeln!(err, "sayso: merged {what}: {}", summary(&report))?;
    if !report.conflicts.is_empty() {
        let each: Vec<String> = report
            .conflicts
            .iter()
            .map(|c| format!("#{} ({}; theirs is #{})", c.id, c.what, c.theirs))
            .collect();
        bail!(
            "{} annotation(s) in {what} were changed on both sides: {}; both versions are in the file, theirs pending: open the article and press p to settle each",
            report.conflicts.len(),
            each.join(", ")
        );
    }
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Merges the two sides of the conflict markers in `file` and writes it.
fn resolve(file: &Path) -> Result<Report> {
    let (merged, report) = merge::resolve(&read(file)?, file)?;
    store::save(file, &store::render_file(&merged))?;
    Ok(report)
}

/// `3 from theirs, 1 renumbered, 1 conflict`.
fn summary(report: &Report) -> String {
    let mut parts = vec![format!("{} from theirs", report.from_theirs)];
    if !report.renumbered.is_empty() {
        let moves: Vec<String> = report
            .renumbered
            .iter()
            .map(|(old, new)| format!("#{old} → #{new}"))
            .collect();
        parts.push(format!("renumbered theirs {}", moves.join(", ")));
    }
    parts.push(format!("{} conflict(s)", report.conflicts.len()));
    parts.join(", ")
}
