//! `sayso agree A B`: how far editor B agrees with editor A, from two
//! sidecars or two directories of them (paired by relative path). See
//! [`sayso_core::agreement`] for what is compared and how.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::table::{Align, Table};

use sayso_core::agreement::{CharTable, Comparison, Counts, Figures, Item, compare};
use sayso_core::article::Article;
use sayso_core::store::{self, FileRecord};

/// How the figures are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for people.
    Text,
    /// One JSON object for scripts; undefined figures are null.
    Json,
}

/// The sidecars to compare: pairs of A's and B's, and those on one side only.
struct Pairing {
    pairs: Vec<(PathBuf, PathBuf)>,
    only_in_a: Vec<PathBuf>,
    only_in_b: Vec<PathBuf>,
}

/// One pair of sidecars as compared.
struct Compared {
    a: PathBuf,
    b: PathBuf,
    file: String,
    chars: usize,
}

/// Compares `b` against `a` and prints the figures to `out`.
pub fn run(a: &Path, b: &Path, format: Format, out: &mut impl Write) -> Result<()> {
    let pairing = pair(a, b)?;
    let mut total = Comparison::default();
    let mut compared = Vec::with_capacity(pairing.pairs.len());
    for (path_a, path_b) in &pairing.pairs {
        let (file_a, file_b) = (read(path_a)?, read(path_b)?);
        if file_a.source.blake3 != file_b.source.blake3 {
            bail!(
                "{} and {} were made on different article texts (their source.blake3 differ); compare two sidecars of the same article",
                path_a.display(),
                path_b.display()
            );
        }
        let chars = file_a.source.chars;
        total += &compare(&items(&file_a), &items(&file_b), chars);
        compared.push(Compared {
            a: path_a.clone(),
            b: path_b.clone(),
            file: file_a.source.file,
            chars,
        });
    }
    match format {
        Format::Text => write_text(a, b, &pairing, &total, out),
        Format::Json => write_json(a, b, &pairing, &compared, &total, out),
    }
}

/// Two sidecars, or the sidecars of two directories paired by relative path.
fn pair(a: &Path, b: &Path) -> Result<Pairing> {
    let (meta_a, meta_b) = (metadata(a)?, metadata(b)?);
    match (meta_a.is_dir(), meta_b.is_dir()) {
        (false, false) => {
            let (a, b) = (sidecar_of(a)?, sidecar_of(b)?);
            Ok(Pairing {
                pairs: vec![(a, b)],
                only_in_a: Vec::new(),
                only_in_b: Vec::new(),
            })
        }
        (true, true) => pair_directories(a, b),
        _ => bail!(
            "{} and {} are not both sidecars or both directories; give two of the same kind",
            a.display(),
            b.display()
        ),
    }
}

/// `path` when it is a sidecar, else the sidecar of the article at `path`
/// (as `list` and `export` take articles).
fn sidecar_of(path: &Path) -> Result<PathBuf> {
    if is_sidecar(path) {
        return Ok(path.to_path_buf());
    }
    let sidecar = store::sidecar_path(path);
    if !sidecar.is_file() {
        bail!(
            "{} is not a sidecar, and the article has none ({} does not exist); give two annotated articles, their .ann.ron files, or two directories of them",
            path.display(),
            sidecar.display()
        );
    }
    Ok(sidecar)
}

fn metadata(path: &Path) -> Result<fs::Metadata> {
    fs::metadata(path).with_context(|| format!("cannot open {}", path.display()))
}

fn pair_directories(a: &Path, b: &Path) -> Result<Pairing> {
    let (in_a, in_b) = (sidecars_below(a)?, sidecars_below(b)?);
    let mut pairing = Pairing {
        pairs: Vec::new(),
        only_in_a: Vec::new(),
        only_in_b: Vec::new(),
    };
    for relative in &in_a {
        if in_b.binary_search(relative).is_ok() {
            pairing.pairs.push((a.join(relative), b.join(relative)));
        } else {
            pairing.only_in_a.push(a.join(relative));
        }
    }
    for relative in &in_b {
        if in_a.binary_search(relative).is_err() {
            pairing.only_in_b.push(b.join(relative));
        }
    }
    if pairing.pairs.is_empty() {
        bail!(
            "no sidecar (.ann.ron) is at the same place under {} and {}; give two directories that annotate the same articles",
            a.display(),
            b.display()
        );
    }
    Ok(pairing)
}

/// The sidecars below `dir`, as paths relative to it, sorted.
fn sidecars_below(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            fs::read_dir(&current).with_context(|| format!("cannot read {}", current.display()))?;
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot read {}", current.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if is_sidecar(&path) {
                if let Ok(relative) = path.strip_prefix(dir) {
                    found.push(relative.to_path_buf());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

fn is_sidecar(path: &Path) -> bool {
    path.to_string_lossy().ends_with(".ann.ron")
}

/// A sidecar's records, refused when a span lies outside its article.
/// When its article is beside it and changed since, the annotations are
/// placed again on the article as it is (those left detached are not
/// compared).
fn read(path: &Path) -> Result<FileRecord> {
    let file = placed_again(path, store::read_records(path)?)?;
    let chars = file.source.chars;
    for record in &file.annotations {
        if let Some(span) = record
            .spans
            .iter()
            .find(|s| s.start >= s.end || s.end > chars)
        {
            bail!(
                "{}: annotation {} has the span {}..{}, which is not inside the article's {chars} chars; fix or remove it",
                path.display(),
                record.id,
                span.start,
                span.end
            );
        }
    }
    Ok(file)
}

/// `file` placed again on its article, when the article is beside `path`
/// and is not the text `file` was written on; `file` itself otherwise.
fn placed_again(path: &Path, file: FileRecord) -> Result<FileRecord> {
    let article_path = path.with_file_name(&file.source.file);
    let Ok(bytes) = fs::read(&article_path) else {
        return Ok(file);
    };
    let Ok(article) = Article::from_bytes(bytes) else {
        return Ok(file);
    };
    if article.blake3_hex() == file.source.blake3 {
        return Ok(file);
    }
    let Some(sidecar) = store::load(&article, path)? else {
        return Ok(file);
    };
    let annotations: Vec<_> = sidecar.annotations.into_iter().map(Arc::new).collect();
    let text = store::render(
        &article,
        &file.source.file,
        &annotations,
        &[],
        file.finished.as_ref(),
    );
    Ok(store::parse_records(&text, path)?)
}

/// The annotations that count: all but the rejected ones.
fn items(file: &FileRecord) -> Vec<Item> {
    file.annotations
        .iter()
        .filter_map(Item::from_record)
        .collect()
}

/// What the columns of the table mean, printed below it.
const LEGEND: [(&str, &str); 5] = [
    (
        "A, B",
        "annotations of each editor (rejected ones left out)",
    ),
    ("exact", "pairs matched one to one: same label, same spans"),
    (
        "overlap",
        "pairs matched one to one: same label, some char in common",
    ),
    ("P R F1", "precision, recall and F1 of B against A"),
    (
        "kappa",
        "Cohen's kappa over chars (overall: over every char and label); - where undefined",
    ),
];

/// A figure with three decimals, or `-` when undefined.
fn decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "-".into(), |v| format!("{v:.3}"))
}

fn write_text(
    a: &Path,
    b: &Path,
    pairing: &Pairing,
    total: &Comparison,
    out: &mut impl Write,
) -> Result<()> {
    writeln!(out, "A (reference): {}", a.display())?;
    writeln!(out, "B (compared):  {}", b.display())?;
    let articles = match pairing.pairs.len() {
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
    };
    writeln!(out, "{articles}, {} chars", total.chars)?;
    for path in &pairing.only_in_a {
        writeln!(out, "only in A, not compared: {}", path.display())?;
    }
    for path in &pairing.only_in_b {
        writeln!(out, "only in B, not compared: {}", path.display())?;
    }
    writeln!(out)?;
    let mut align = [Align::Right; 12];
    align[0] = Align::Left;
    let mut table = Table::new(&align);
    table.row([
        "label", "A", "B", "exact", "P", "R", "F1", "overlap", "P", "R", "F1", "kappa",
    ]);
    for (name, figures) in &total.labels {
        table.row(row(name, figures));
    }
    table.row(row("overall", &total.overall()));
    table.write(out)?;
    writeln!(out)?;
    for (term, meaning) in LEGEND {
        writeln!(out, "{term:<9}{meaning}")?;
    }
    Ok(())
}

fn row(name: &str, f: &Figures) -> [String; 12] {
    [
        name.to_string(),
        f.exact.a.to_string(),
        f.exact.b.to_string(),
        f.exact.matched.to_string(),
        decimal(f.exact.precision()),
        decimal(f.exact.recall()),
        decimal(f.exact.f1()),
        f.overlap.matched.to_string(),
        decimal(f.overlap.precision()),
        decimal(f.overlap.recall()),
        decimal(f.overlap.f1()),
        decimal(f.chars.kappa()),
    ]
}

/// The JSON report.
#[derive(Serialize)]
struct Report {
    a: String,
    b: String,
    articles: Vec<ArticleJson>,
    only_in_a: Vec<String>,
    only_in_b: Vec<String>,
    chars: u64,
    labels: Vec<FiguresJson>,
    overall: FiguresJson,
}

#[derive(Serialize)]
struct ArticleJson {
    a: String,
    b: String,
    file: String,
    chars: usize,
}

#[derive(Serialize)]
struct FiguresJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    a: u64,
    b: u64,
    exact: MatchJson,
    overlap: MatchJson,
    kappa: Option<f64>,
    chars: CharsJson,
}

#[derive(Serialize)]
struct MatchJson {
    matched: u64,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
}

#[derive(Serialize)]
struct CharsJson {
    both: u64,
    only_a: u64,
    only_b: u64,
    neither: u64,
}

impl FiguresJson {
    fn new(label: Option<&str>, f: &Figures) -> FiguresJson {
        let matched = |c: &Counts| MatchJson {
            matched: c.matched,
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
        };
        let CharTable {
            both,
            only_a,
            only_b,
            neither,
        } = f.chars;
        FiguresJson {
            label: label.map(String::from),
            a: f.exact.a,
            b: f.exact.b,
            exact: matched(&f.exact),
            overlap: matched(&f.overlap),
            kappa: f.chars.kappa(),
            chars: CharsJson {
                both,
                only_a,
                only_b,
                neither,
            },
        }
    }
}

fn write_json(
    a: &Path,
    b: &Path,
    pairing: &Pairing,
    compared: &[Compared],
    total: &Comparison,
    out: &mut impl Write,
) -> Result<()> {
    let shown = |paths: &[PathBuf]| paths.iter().map(|p| p.display().to_string()).collect();
    let report = Report {
        a: a.display().to_string(),
        b: b.display().to_string(),
        articles: compared
            .iter()
            .map(|c| ArticleJson {
                a: c.a.display().to_string(),
                b: c.b.display().to_string(),
                file: c.file.clone(),
                chars: c.chars,
            })
            .collect(),
        only_in_a: shown(&pairing.only_in_a),
        only_in_b: shown(&pairing.only_in_b),
        chars: total.chars,
        labels: total
            .labels
            .iter()
            .map(|(name, f)| FiguresJson::new(Some(name), f))
            .collect(),
        overall: FiguresJson::new(None, &total.overall()),
    };
    // An I/O error stays one, so that `| head` ends quietly.
    serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
