//! `sayso stats PATH...`: counts per label, status, speaker and author.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use super::export::{corpus_error, named_above};
use super::paths::SidecarsArg;
use super::progress::Bar;
use super::table::{Align, Table};
use super::visible::{Visible, machine_stdout};
use sayso_core::corpus;
use sayso_core::stats::Stats;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Articles, or directories to search for articles (text files, *.txt).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How to print the counts.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    format: StatsFormat,

    /// Stop at the first broken file instead of reporting and skipping it.
    #[arg(long)]
    strict: bool,

    #[command(flatten)]
    sidecars: SidecarsArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    Text,
    Json,
}

/// Counts the corpus and prints the counts on stdout.
pub fn run(args: &StatsArgs) -> Result<()> {
    let bar = Bar::on_stderr();
    let tree = args.sidecars.tree()?;
    let options = corpus::Options {
        strict: args.strict,
        progress: Some(&bar),
        sidecars: tree.as_ref(),
        select: corpus::Select::All,
    };
    let stats =
        Stats::of(&args.paths, options, &mut Visible::new(io::stderr())).map_err(corpus_error)?;
    if stats.articles == 0 && stats.skipped == 0 {
        bail!("no articles (text files, *.txt) found under the given paths");
    }
    let mut out = BufWriter::new(match args.format {
        StatsFormat::Text => Box::new(Visible::new(io::stdout().lock())),
        StatsFormat::Json => machine_stdout(),
    });
    match args.format {
        StatsFormat::Text => write_text(&stats, &mut out)?,
        StatsFormat::Json => stats.write_json(&mut out)?,
    }
    out.flush()?;
    if stats.skipped > 0 {
        bail!(
            "left out {}; the counts are of everything else",
            named_above(stats.skipped)
        );
    }
    Ok(())
}

/// Writes the counts as text: the totals, then a table per field, most
/// frequent first.
fn write_text(stats: &Stats, out: &mut impl Write) -> io::Result<()> {
    let totals = [
        ("articles", stats.articles),
        ("annotated", stats.annotated),
        ("finished", stats.finished),
        ("annotations", stats.annotations),
        ("detached", stats.detached),
    ];
    table(out, None, totals.iter().map(|&(k, v)| (k.to_string(), v)))?;
    table(out, Some("label"), counted(&stats.labels))?;
    table(
        out,
        Some("status"),
        stats.status.iter().map(|(k, &v)| (k.to_string(), v)),
    )?;
    let speakers = counted(&stats.speakers)
        .chain((stats.no_speaker > 0).then(|| ("(none)".to_string(), stats.no_speaker)));
    table(out, Some("speaker"), speakers)?;
    table(out, Some("author"), counted(&stats.authors))
}

/// `counts` most frequent first, then by name.
fn counted(counts: &BTreeMap<String, usize>) -> impl Iterator<Item = (String, usize)> + '_ {
    let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    sorted.into_iter().map(|(k, &v)| (k.clone(), v))
}

/// Writes `rows` as two aligned columns, names and counts, under `title`
/// (if any), after a blank line that sets tables apart.
fn table(
    out: &mut impl Write,
    title: Option<&str>,
    rows: impl Iterator<Item = (String, usize)>,
) -> io::Result<()> {
    let mut table = Table::new(&[Align::Left, Align::Right]);
    if let Some(title) = title {
        writeln!(out)?;
        table.row([title, "count"]);
    }
    for (name, count) in rows {
        table.row([name, count.to_string()]);
    }
    table.write(out)
}
