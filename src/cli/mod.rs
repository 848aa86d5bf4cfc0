//! The command line: `sayso ARTICLE` opens the annotator, `sayso list PATH...`
//! prints annotations, `sayso export` and `sayso stats` work on a corpus,
//! `sayso agree A B` compares two editors, `sayso import FILE` brings in
//! another tool's annotations.

mod agree;
mod export;
mod import;
mod list;
mod open;
mod paths;
mod stats;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A keyboard-first terminal annotator for quotes, claims and denials.
#[derive(Debug, Parser)]
#[command(
    name = "sayso",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Annotations are saved next to the article: notes.txt keeps them in notes.ann.ron."
)]
pub struct Cli {
    /// The article to annotate (a UTF-8 text file).
    #[arg(required = true)]
    pub article: Option<PathBuf>,

    /// The name recorded as author of new annotations [default: $SAYSO_ANNOTATOR, then $USER].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,

    /// Look without changing or saving anything.
    #[arg(long)]
    pub read_only: bool,

    /// The labels to tag with: a RON file of names, keys, colours and units [default: quote, claim, denial].
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the annotations of articles (or of every annotated article under a directory).
    List {
        /// Articles, or directories to search for annotated articles.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// How far editor B agrees with editor A: precision, recall, F1 and Cohen's kappa.
    Agree {
        /// A's sidecar (.ann.ron), or a directory of them: the reference.
        a: PathBuf,
        /// B's sidecar, or a directory of them paired with A's by relative path.
        b: PathBuf,
        /// Print a table, or JSON for scripts.
        #[arg(long, value_enum, default_value = "text")]
        format: agree::Format,
    },
    /// Write the tagged spans of articles (or of every annotated article under a directory) for other tools.
    Export(export::ExportArgs),
    /// Count articles and annotations per label, status, speaker and author.
    Stats(stats::StatsArgs),
    /// Add annotations from brat, doccano, Label Studio or a sayso JSONL export to the
    /// articles' sidecars, as pending: each span is checked against the article first.
    Import(import::ImportArgs),
}

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::List { paths }) => list::run(&paths, &mut std::io::stdout().lock()),
        Some(Command::Agree { a, b, format }) => {
            agree::run(&a, &b, format, &mut std::io::stdout().lock())
        }
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Stats(args)) => stats::run(&args),
        Some(Command::Import(args)) => import::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        None => match cli.article {
            Some(article) => open::run(
                &article,
                cli.annotator,
                cli.read_only,
                cli.schema.as_deref(),
            ),
            None => Err(anyhow::anyhow!(
                "no article given; try `sayso ARTICLE` or `sayso --help`"
            )),
        },
    }
}
