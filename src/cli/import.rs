//! `sayso import FILE --from FORMAT`: add another tool's annotations to the
//! sidecars of the articles they belong to, as pending.
//!
//! Which article: `--article` when given (for a file that holds several, the
//! documents that name it or hold its text, else the only one); otherwise
//! the one the file names (a JSONL `article`, a doccano line's or Label
//! Studio task's `article`, brat's `.txt` beside the `.ann`), looked for as
//! written and then beside the imported file, and taken only when it lies
//! under the file's folder or the current directory (or `--root`, see
//! [`Roots`]).
//!
//! Each article is merged and saved on its own: a span that does not fit is
//! reported with its file and line and left out, the rest are written, and
//! the exit code says something was left out.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;

use super::choice;
use super::paths::{SidecarsArg, file_name, read_article, replace_sidecar};
use super::roots::Roots;
use sayso_core::annotation::{AnnotationSet, Origin, now_rfc3339};
use sayso_core::article::Article;
use sayso_core::import::{self, Document, Format, LabelMap, Offsets, merge::Stamp};
use sayso_core::store::{self, SidecarTree, StoreError, sidecar_path, watch};

/// `sayso import`'s arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import: a brat .ann, a doccano or sayso JSONL file, Label Studio tasks JSON.
    file: PathBuf,

    /// The format of the file.
    #[arg(long, value_parser = choice::parser::<Format>())]
    from: Format,

    /// The article the annotations belong to [default: the one the file names].
    #[arg(long, value_name = "ARTICLE")]
    article: Option<PathBuf>,

    /// Rename a label on the way in (repeat, or separate with commas); other labels are kept.
    #[arg(long = "map", value_name = "FROM=TO", value_delimiter = ',', value_parser = label_pair)]
    map: Vec<(String, String)>,

    /// What the file's offsets count [default: chars; for doccano, decided from where its spans fall].
    #[arg(long, value_parser = choice::parser::<Offsets>())]
    offsets: Option<Offsets>,

    /// The author of annotations whose file names none [default: $SAYSO_ANNOTATOR, then $USER].
    #[arg(long, value_name = "NAME")]
    annotator: Option<String>,

    /// Articles the file names must lie under DIR [default: the file's folder or the current directory].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,

    #[command(flatten)]
    sidecars: SidecarsArg,
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

/// What `sayso import` was asked, with defaults filled in.
struct Request {
    file: PathBuf,
    from: Format,
    article: Option<PathBuf>,
    labels: LabelMap,
    offsets: Option<Offsets>,
    /// Recorded as author where the file names none.
    author: String,
    /// Where the articles the file names may lie.
    roots: Roots,
    /// The tree the sidecars are kept in (`--sidecars`); `None`: beside
    /// their articles.
    tree: Option<SidecarTree>,
}

impl Request {
    fn new(args: &ImportArgs) -> Result<Request> {
        Ok(Request {
            file: args.file.clone(),
            from: args.from,
            article: args.article.clone(),
            labels: LabelMap::new(args.map.iter().cloned()),
            offsets: args.offsets,
            author: super::open::author(args.annotator.clone()),
            roots: Roots::new(args.root.as_deref(), &args.file)?,
            tree: args.sidecars.tree()?,
        })
    }

    /// Where the sidecar of the article at `path` is.
    fn sidecar_of(&self, path: &Path) -> Result<PathBuf> {
        Ok(match &self.tree {
            Some(tree) => tree.sidecar_of(path)?,
            None => sidecar_path(path),
        })
    }
}

/// Articles and the documents of the file that go into each.
type Targets = Vec<(PathBuf, Vec<Document>)>;

/// What importing into one article did, for the summary.
#[derive(Debug, Default)]
struct Tally {
    added: usize,
    already_there: usize,
    refused: usize,
}

/// Imports the file `args` names; the summary goes to `out`, problems to `err`.
pub fn run(args: &ImportArgs, out: &mut impl Write, err: &mut impl Write) -> Result<()> {
    let request = &Request::new(args)?;
    let parsed = import::read(request.from, &request.file)?;
    if super::open::annotator(args.annotator.clone()).is_none() {
        writeln!(err, "sayso: {}", super::open::NO_NAME)?;
    }
    let file = request.file.display();
    for skipped in &parsed.skipped {
        writeln!(
            err,
            "{file}:{}: {} skipped: sayso keeps only labelled spans",
            skipped.line, skipped.what
        )?;
    }
    if parsed.documents.is_empty() {
        writeln!(out, "{file}: no annotations found")?;
        return Ok(());
    }
    let (targets, unplaced) = match &request.article {
        Some(article) => (chosen_for(request, article, parsed.documents)?, Vec::new()),
        None => named_articles(request, parsed.documents),
    };
    let mut total = Tally::default();
    let mut failed_articles = 0;
    for (line, message) in &unplaced {
        writeln!(err, "{file}:{line}: {message}")?;
    }
    for (article, documents) in targets {
        match import_into(request, &article, documents, out, err) {
            Ok(tally) => {
                total.added += tally.added;
                total.already_there += tally.already_there;
                total.refused += tally.refused;
            }
            Err(e) => {
                writeln!(err, "{e:#}")?;
                failed_articles += 1;
            }
        }
    }
    let imported = total.added + total.already_there > 0;
    if total.refused > 0 {
        let all = total.refused + total.added + total.already_there;
        let rest = if imported {
            "the rest are in the sidecar"
        } else {
            "nothing was imported"
        };
        bail!(
            "{} of {all} annotations in {file} were refused (listed above); {rest}. Correct those lines and import the file again: nothing is added twice",
            total.refused
        );
    }
    if failed_articles + unplaced.len() > 0 {
        let what = if imported {
            format!("some of {file} could not be imported")
        } else {
            format!("nothing of {file} could be imported")
        };
        bail!("{what} (see above); nothing is added twice, so import it again once that is fixed");
    }
    Ok(())
}

/// Merges `documents` into the sidecar of `path` and saves it.
///
/// An annotator open on the article may save the sidecar meanwhile: the
/// import is written only over the version it read, and made again on the
/// newer one otherwise, so neither side's annotations are lost (the
/// annotator merges the import in as it merges any outside change).
fn import_into(
    request: &Request,
    path: &Path,
    mut documents: Vec<Document>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Tally> {
    let article = read_article(path)?;
    let sidecar = request.sidecar_of(path)?;
    let brat_bom = request.from == Format::Brat && starts_with_bom(&brat_text(request, path));
    for document in &mut documents {
        if let Some(offsets) = request.offsets {
            document.offsets = offsets;
        }
        document.counts_bom |= brat_bom;
    }
    let now = now_rfc3339();
    let stamp = Stamp {
        labels: &request.labels,
        author: &request.author,
        now: &now,
        origin: Origin::Imported,
    };
    let mut attempts = 0;
    let (tally, refusals) = loop {
        attempts += 1;
        let read = watch::read(&article, &sidecar);
        let (annotations, detached, finished) = match read.sidecar? {
            Some(s) => (s.annotations, s.detached, s.finished),
            None => (Vec::new(), Vec::new(), None),
        };
        let mut set = AnnotationSet::new(annotations);
        set.reserve_ids(detached.iter().map(|r| r.id));
        let mut tally = Tally::default();
        let mut refusals = Vec::new();
        for document in &documents {
            let merged = import::merge(&article, &mut set, document, &stamp);
            tally.added += merged.added.len();
            tally.already_there += merged.already_there;
            tally.refused += merged.refused;
            refusals.extend(merged.refusals);
        }
        if tally.added == 0 {
            break (tally, refusals);
        }
        let contents = store::render(
            &article,
            &file_name(path),
            &set.snapshot(),
            &detached,
            finished.as_ref(),
        );
        let in_tree = request.tree.is_some();
        match replace_sidecar(&sidecar, &contents, read.fingerprint, in_tree) {
            Ok(()) => break (tally, refusals),
            Err(StoreError::Changed { .. }) if attempts < watch::TRIES => {}
            Err(e) => return Err(e.into()),
        }
    };
    for refusal in &refusals {
        writeln!(
            err,
            "{}:{}: {}; not imported",
            request.file.display(),
            refusal.line,
            refusal.message
        )?;
    }
    writeln!(out, "{}: {}", path.display(), summary(&tally))?;
    Ok(tally)
}

fn summary(tally: &Tally) -> String {
    let mut parts = vec![format!("{} imported as pending", tally.added)];
    if tally.already_there > 0 {
        parts.push(format!("{} already there", tally.already_there));
    }
    if tally.refused > 0 {
        parts.push(format!("{} refused", tally.refused));
    }
    parts.join(", ")
}

/// With `--article`: the documents meant for it. Those that name it or hold
/// its text; when none does, the only document of the file.
fn chosen_for(request: &Request, article_path: &Path, documents: Vec<Document>) -> Result<Targets> {
    let article = read_article(article_path)?;
    let count = documents.len();
    let (chosen, others): (Vec<Document>, Vec<Document>) = documents
        .into_iter()
        .partition(|d| is_for(request, d, article_path, &article));
    let chosen = match (chosen.is_empty(), others.len()) {
        (false, _) => chosen,
        (true, 1) => others,
        (true, 0) => Vec::new(),
        (true, _) => bail!(
            "{}: none of its {count} documents names {} or holds its text; pass the article they belong to as --article, or leave --article out to import each into the article it names",
            request.file.display(),
            article_path.display()
        ),
    };
    Ok(vec![(article_path.to_path_buf(), chosen)])
}

fn is_for(request: &Request, document: &Document, path: &Path, article: &Article) -> bool {
    let named = document
        .article
        .as_deref()
        .and_then(|named| locate(named, &request.file))
        .is_some_and(|found| same_file(&found, path));
    let same_text = document
        .text
        .as_deref()
        .is_some_and(|t| t.strip_prefix('\u{feff}').unwrap_or(t) == article.text());
    named || same_text
}

/// Without `--article`: the documents grouped by the article each names, and
/// a message for each that names none, one that is not there, or one outside
/// the roots.
fn named_articles(request: &Request, documents: Vec<Document>) -> (Targets, Vec<(usize, String)>) {
    let mut targets: BTreeMap<PathBuf, (PathBuf, Vec<Document>)> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for document in documents {
        let Some(named) = document.article.clone() else {
            unplaced.push((
                document.line,
                "the file does not say which article this is; pass --article ARTICLE".to_string(),
            ));
            continue;
        };
        let Some(found) = locate(&named, &request.file) else {
            unplaced.push((
                document.line,
                format!(
                    "the article {} was not found (as written, nor beside the file); pass --article ARTICLE",
                    named.display()
                ),
            ));
            continue;
        };
        if let Some(refusal) = request.roots.refusal(&found) {
            unplaced.push((document.line, refusal));
            continue;
        }
        let key = std::fs::canonicalize(&found).unwrap_or_else(|_| found.clone());
        targets
            .entry(key)
            .or_insert_with(|| (found, Vec::new()))
            .1
            .push(document);
    }
    (targets.into_values().collect(), unplaced)
}

/// The article a file names: as written (relative to the current
/// directory), else relative to the file's own directory.
fn locate(named: &Path, file: &Path) -> Option<PathBuf> {
    if named.is_file() {
        return Some(named.to_path_buf());
    }
    let beside = file.parent()?.join(named);
    beside.is_file().then_some(beside)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The text brat's offsets count in: the `.txt` beside the `.ann` (what
/// brat itself reads), else the article.
fn brat_text(request: &Request, article: &Path) -> PathBuf {
    let beside = request.file.with_extension("txt");
    if beside.is_file() {
        beside
    } else {
        article.to_path_buf()
    }
}

/// Whether the file at `path` starts with a UTF-8 byte-order mark, which
/// brat counts as a char and sayso does not.
fn starts_with_bom(path: &Path) -> bool {
    let mut head = [0u8; 3];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == *b"\xEF\xBB\xBF")
}
