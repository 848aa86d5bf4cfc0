//! `sayso export PATH... --format FORMAT`: tagged spans for other tools.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;

use super::choice;
use super::paths::SidecarsArg;
use super::progress::Bar;
use super::visible::{Visible, machine_stdout};
use sayso_core::annotation::Status;
use sayso_core::corpus::{self, Select, is_link};
use sayso_core::export::{self, Exported, Filter, Format, Target, temp_beside};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Articles, or directories to search for annotated articles.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The format to write.
    #[arg(short, long, value_parser = choice::parser::<Format>(), default_value = "jsonl")]
    format: Format,

    /// The file to write [default: stdout]; for brat, the folder (required).
    #[arg(short, long, value_name = "OUT", required_if_eq("format", "brat"))]
    output: Option<PathBuf>,

    /// Only these labels, comma-separated; conll needs them (its label layer).
    #[arg(
        long,
        value_name = "LABEL,..",
        value_delimiter = ',',
        required_if_eq("format", "conll")
    )]
    labels: Vec<String>,

    /// Only these statuses, comma-separated [default: pending,accepted].
    #[arg(long, value_name = "STATUS,..", value_parser = choice::parser::<Status>(), value_delimiter = ',')]
    status: Vec<Status>,

    /// Only the articles marked finished (F in the annotator).
    #[arg(long)]
    finished: bool,

    /// For w3c: the absolute IRI the ids and sources start with, followed
    /// by each path as given [default: file:// URLs of the real paths].
    #[arg(long, value_name = "URL", value_parser = absolute_iri)]
    base: Option<String>,

    /// Stop at the first broken file instead of reporting and skipping it.
    #[arg(long)]
    strict: bool,

    #[command(flatten)]
    sidecars: SidecarsArg,
}

/// `--base`: an absolute IRI, that is a scheme and a colon (`https:`,
/// `file:`, `urn:`) before the rest.
fn absolute_iri(value: &str) -> Result<String, String> {
    let scheme = value.split_once(':').map(|(s, _)| s).unwrap_or_default();
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !value.chars().any(char::is_whitespace);
    if valid {
        Ok(value.to_string())
    } else {
        Err("give an absolute IRI with its scheme, e.g. https://example.org/news/".into())
    }
}

/// Exports what `args` asks for.
pub fn run(args: &ExportArgs) -> Result<()> {
    if args.base.is_some() && args.format != Format::W3c {
        bail!("--base gives the IRIs of the w3c format; use it with --format w3c");
    }
    let filter = filter(args);
    let bar = Bar::on_stderr();
    let tree = args.sidecars.tree()?;
    let options = corpus::Options {
        strict: args.strict,
        progress: Some(&bar),
        sidecars: tree.as_ref(),
        select: if args.finished {
            Select::Finished
        } else {
            Select::Annotated
        },
    };
    let export = |target: Target| {
        export::run(
            &args.paths,
            args.format,
            &filter,
            args.base.as_deref(),
            options,
            target,
            &mut Visible::new(io::stderr()),
        )
        .map_err(corpus_error)
        .and_then(|exported| {
            if exported.summary.articles == 0 && exported.summary.skipped == 0 {
                if args.finished {
                    bail!(
                        "no finished articles found under the given paths; F in the annotator marks the article on screen finished"
                    );
                }
                bail!("no annotated articles found under the given paths");
            }
            // Before -o puts its file in place: a misspelt label writes none.
            labels_known(&args.labels, &exported)?;
            Ok(exported)
        })
    };
    let exported = match &args.output {
        Some(folder) if args.format.writes_folder() => {
            if folder.exists() && !folder.is_dir() {
                bail!(
                    "{} is a file, but {:?} writes a folder; give a folder with -o",
                    folder.display(),
                    args.format
                );
            }
            export(Target::Folder(folder))?
        }
        Some(file) => to_file(file, &mut Visible::new(io::stderr()), |out| {
            export(Target::Stream(out))
        })?,
        None => {
            let mut out = BufWriter::new(machine_stdout());
            let exported = export(Target::Stream(&mut out))?;
            out.flush()?;
            exported
        }
    };
    let summary = exported.summary;
    match (summary.skipped, summary.articles) {
        (0, _) => Ok(()),
        (skipped, 0) => bail!("nothing was exported: {}", named_above(skipped)),
        (skipped, _) => bail!(
            "left out {}; everything else was exported",
            named_above(skipped)
        ),
    }
}

/// An error naming each of `asked` (`--labels`) that no exported article
/// has, with the labels they have.
fn labels_known(asked: &[String], exported: &Exported) -> Result<()> {
    let unknown: Vec<&str> = asked
        .iter()
        .filter(|l| !exported.labels.contains(*l))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let have: Vec<&str> = exported.labels.iter().map(String::as_str).collect();
    bail!(
        "no article has the label{} {} (their labels: {}); check the spelling of --labels",
        if unknown.len() == 1 { "" } else { "s" },
        unknown.join(", "),
        if have.is_empty() {
            "none".into()
        } else {
            have.join(", ")
        }
    );
}

/// "what the message above names", or "what the 3 messages above name".
pub(super) fn named_above(count: usize) -> String {
    if count == 1 {
        "what the message above names".to_string()
    } else {
        format!("what the {count} messages above name")
    }
}

fn filter(args: &ExportArgs) -> Filter {
    let mut filter = Filter::default();
    if !args.labels.is_empty() {
        filter.labels = Some(args.labels.iter().cloned().collect::<BTreeSet<_>>());
    }
    if !args.status.is_empty() {
        filter.statuses = args.status.clone();
    }
    filter
}

/// Runs `export` into a temporary file beside `path`, and puts it in place
/// only when the export ran to its end: a run stopped by `--strict` or an
/// error leaves an earlier file at `path` as it was. The rename replaces a
/// symbolic link at `path` rather than writing where it leads (said on
/// `report`).
fn to_file(
    path: &Path,
    report: &mut impl Write,
    export: impl FnOnce(&mut dyn Write) -> Result<Exported>,
) -> Result<Exported> {
    if path.is_dir() {
        bail!(
            "{} is a folder; give a file name with -o, or leave -o out to write to stdout",
            path.display()
        );
    }
    let temp = temp_beside(path).with_context(|| {
        let dir = path.parent().unwrap_or(Path::new("."));
        format!("cannot write in {}", dir.display())
    })?;
    let mut out = BufWriter::new(temp);
    let exported = export(&mut out)?;
    let temp = out.into_inner().map_err(|e| e.into_error())?;
    let was_link = is_link(path);
    temp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    if was_link {
        writeln!(report, "sayso: {}", export::replaced_link(path))?;
    }
    Ok(exported)
}

/// A corpus error for `main`: an I/O error stays one, so that a closed pipe
/// (`sayso export ... | head`) still ends quietly.
pub(super) fn corpus_error(error: corpus::Error) -> anyhow::Error {
    match error {
        corpus::Error::Io(e) => e.into(),
        stopped => stopped.into(),
    }
}
