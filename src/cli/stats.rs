//! `sayso stats PATH...`: counts per label, status, speaker and author.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use super::export::corpus_error;
use crate::corpus;
use crate::stats::Stats;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Articles, or directories to search for annotated articles.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How to print the counts.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    format: StatsFormat,

    /// Stop at the first broken file instead of reporting and skipping it.
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    Text,
    Json,
}

/// Counts the corpus and prints the counts on stdout.
pub fn run(args: &StatsArgs) -> Result<()> {
    let options = corpus::Options {
        strict: args.strict,
        progress: true,
    };
    let stats = Stats::of(&args.paths, options, &mut io::stderr()).map_err(corpus_error)?;
    if stats.articles == 0 && stats.skipped == 0 {
        bail!("no annotated articles found under the given paths");
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        StatsFormat::Text => stats.write_text(&mut out)?,
        StatsFormat::Json => stats.write_json(&mut out)?,
    }
    out.flush()?;
    if stats.skipped > 0 {
        bail!(
            "left out what the {} message(s) above name; the counts are of everything else",
            stats.skipped
        );
    }
    Ok(())
}
