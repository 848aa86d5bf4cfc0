//! The command line: `sayso ARTICLE` opens the annotator, `sayso list PATH...`
//! prints annotations, `sayso import FILE` brings in another tool's.

mod import;
mod list;
mod open;
mod paths;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::import::{Format, LabelMap, Offsets};

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
    /// Add annotations from brat, doccano, Label Studio or a sayso JSONL export to the
    /// articles' sidecars, as pending: each span is checked against the article first.
    Import {
        /// The file to import: a brat .ann, a doccano or sayso JSONL file, Label Studio tasks JSON.
        file: PathBuf,

        /// The format of the file.
        #[arg(long, value_enum)]
        from: Format,

        /// The article the annotations belong to [default: the one the file names].
        #[arg(long, value_name = "ARTICLE")]
        article: Option<PathBuf>,

        /// Rename a label on the way in (repeat, or separate with commas); other labels are kept.
        #[arg(long = "map", value_name = "FROM=TO", value_delimiter = ',', value_parser = label_pair)]
        map: Vec<(String, String)>,

        /// What the file's offsets count [default: utf16 for doccano's own files, else chars].
        #[arg(long, value_enum)]
        offsets: Option<Offsets>,

        /// The author of annotations whose file names none [default: $SAYSO_ANNOTATOR, then $USER].
        #[arg(long, value_name = "NAME")]
        annotator: Option<String>,
    },
}

/// `--map FROM=TO`.
fn label_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
            Ok((from.trim().to_string(), to.trim().to_string()))
        }
        _ => Err("write it as FROM=TO, e.g. --map PER=quote".into()),
    }
}

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::List { paths }) => list::run(&paths, &mut std::io::stdout().lock()),
        Some(Command::Import {
            file,
            from,
            article,
            map,
            offsets,
            annotator,
        }) => {
            let request = import::Request {
                file,
                from,
                article,
                labels: LabelMap::new(map),
                offsets,
                author: open::author(annotator),
            };
            import::run(
                &request,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            )
        }
        None => match cli.article {
            Some(article) => open::run(&article, cli.annotator, cli.read_only),
            None => Err(anyhow::anyhow!(
                "no article given; try `sayso ARTICLE` or `sayso --help`"
            )),
        },
    }
}
