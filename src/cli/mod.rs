//! The command line: `sayso ARTICLE` (or several, or folders of them) opens
//! the annotator, `sayso list PATH...` prints articles and their annotations, `sayso export` and `sayso stats` work on a corpus,
//! `sayso agree A B` compares two editors, `sayso import FILE` brings in
//! another tool's annotations, `sayso suggest PATH...` proposes some,
//! `sayso reanchor PATH...` places annotations again on changed articles,
//! `sayso merge` is git's merge driver for sidecars.

mod agree;
mod choice;
mod export;
mod import;
mod list;
mod merge;
mod open;
mod paths;
mod progress;
mod reanchor;
mod roots;
mod stats;
pub mod suggest;
mod table;
mod visible;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use paths::SidecarsArg;
use sayso_core::article::display::one_line;
use visible::{Visible, machine_stdout};

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
    /// The articles to annotate: UTF-8 text files, or folders whose text files (*.txt) are gone
    /// through in one sitting (Ctrl-n, Ctrl-p).
    #[arg(required = true, value_name = "ARTICLE|DIR")]
    pub articles: Vec<PathBuf>,

    /// The name recorded as author of new annotations [default: $SAYSO_ANNOTATOR, then $USER].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,

    /// Look without changing or saving anything.
    #[arg(long)]
    pub read_only: bool,

    /// The labels to tag with: a RON file of names, keys, colours and units [default: quote, claim, denial].
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,

    /// Show another editor's sidecar of the same article beside yours: D goes to the next disagreement, T takes theirs.
    #[arg(long, value_name = "OTHER.ann.ron")]
    pub compare: Option<PathBuf>,

    #[command(flatten)]
    pub sidecars: SidecarsArg,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every article (of the directories given too) with its counts, finished mark and annotations.
    List {
        /// Articles, or directories to search for articles (text files, *.txt).
        #[arg(required = true)]
        paths: Vec<PathBuf>,

        #[command(flatten)]
        sidecars: SidecarsArg,
    },
    /// How far editor B agrees with editor A: precision, recall, F1 and Cohen's kappa.
    Agree {
        /// A's annotated article or its sidecar (.ann.ron), or a directory of sidecars: the reference.
        a: PathBuf,
        /// B's article or sidecar, or a directory of sidecars paired with A's by relative path.
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
    /// Propose quotes with their speakers, denials and claims, added to each article's sidecar as
    /// pending for an editor to accept or reject (p a r in the annotator).
    Suggest(suggest::SuggestArgs),
    /// Place the annotations again on articles that changed since they were
    /// annotated, and write their sidecars with the new text's hash.
    Reanchor(reanchor::ReanchorArgs),
    /// Three-way merge of sidecars, for git (`sayso merge %O %A %B`); the
    /// result goes to OURS. --resolve FILE merges the two sides of a sidecar
    /// git left with conflict markers.
    Merge(merge::MergeArgs),
}

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::List { paths, sidecars }) => list::run(
            &paths,
            &sidecars,
            &mut Visible::new(std::io::stdout().lock()),
            &mut Visible::new(std::io::stderr().lock()),
        ),
        Some(Command::Agree { a, b, format }) => match format {
            agree::Format::Text => {
                agree::run(&a, &b, format, &mut Visible::new(std::io::stdout().lock()))
            }
            agree::Format::Json => agree::run(&a, &b, format, &mut machine_stdout()),
        },
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Stats(args)) => stats::run(&args),
        Some(Command::Suggest(args)) => suggest::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Some(Command::Import(args)) => import::run(
            &args,
            &mut Visible::new(std::io::stdout().lock()),
            &mut Visible::new(std::io::stderr().lock()),
        ),
        Some(Command::Reanchor(args)) => reanchor::run(
            &args,
            &mut Visible::new(std::io::stdout().lock()),
            &mut Visible::new(std::io::stderr().lock()),
        ),
        Some(Command::Merge(args)) => {
            merge::run(&args, &mut Visible::new(std::io::stderr().lock()))
        }
        None if cli.articles.is_empty() => Err(anyhow::anyhow!(
            "no article given; try `sayso ARTICLE`, `sayso FOLDER` or `sayso --help`"
        )),
        None => open::run(
            &cli.articles,
            open::Opening {
                annotator: cli.annotator.as_deref(),
                read_only: cli.read_only,
                schema: cli.schema.as_deref(),
                compare: cli.compare.as_deref(),
                sidecars: &cli.sidecars,
            },
        ),
    }
}

/// The one sentence an error is told as: the error and each cause it wraps,
/// leaving out a cause whose words the message already has (an error type
/// that names its source in its text also hands it on as its source, and
/// "Is a directory: Is a directory" says nothing twice as well); on one
/// line, with the control characters of a file name or a value it quotes
/// shown as symbols.
pub fn error_message(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    one_line(&message).into_owned()
}

#[cfg(test)]
mod tests {
    use super::error_message;

    fn not_found() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::NotFound, "no such file «東京.txt»")
    }

    #[test]
    fn a_cause_the_message_already_names_is_not_repeated() {
        #[derive(Debug, thiserror::Error)]
        #[error("cannot read x: {source}")]
        struct Named {
            #[source]
            source: std::io::Error,
        }
        let error = anyhow::Error::from(Named {
            source: not_found(),
        });
        assert_eq!(
            error_message(&error),
            "cannot read x: no such file «東京.txt»"
        );
    }

    #[test]
    fn the_message_is_one_line_that_cannot_drive_a_terminal() {
        let error = anyhow::anyhow!("cannot open x\u{1b}]52;c;aGk=\u{7}\n\u{202e}.txt");
        assert_eq!(error_message(&error), "cannot open x␛]52;c;aGk=␇ �.txt");
    }

    #[test]
    fn a_cause_the_message_leaves_out_is_added() {
        let error = anyhow::Error::from(not_found()).context("cannot open the article");
        assert_eq!(
            error_message(&error),
            "cannot open the article: no such file «東京.txt»"
        );
    }
}
