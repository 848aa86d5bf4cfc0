//! Exports: the tagged spans of a corpus in the formats other tools read.
//!
//! One file per format. Every offset written counts Unicode scalar values of
//! the article text as sayso reads it (without a BOM, line endings as in the
//! file), so that Python's `text[start:end]` gives the span's text. Articles
//! are read, exported and dropped one at a time (see [`crate::corpus`]):
//! formats that are one JSON document (`w3c`, `label-studio`) are written
//! as arrays, element by element.

mod brat;
mod conll;
mod csv;
mod doccano;
mod html;
mod jsonl;
mod label_studio;
mod row;
mod w3c;

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::annotation::{Annotation, Status};
use crate::article::Article;
use crate::corpus::{self, Document, Problem, Skips, Summary};

/// The formats `sayso export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One span per line, as JSON.
    Jsonl,
    /// One span per row, RFC 4180.
    Csv,
    /// brat standoff: `.ann` files beside copies of the texts, in a folder.
    Brat,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// Label Studio tasks with their annotations.
    LabelStudio,
    /// doccano sequence-labelling JSONL.
    Doccano,
    /// Tokens with BIO tags, a sentence per block, for one label layer.
    Conll,
    /// One self-contained HTML page with the spans highlighted.
    Html,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 8] = [
        Format::Jsonl,
        Format::Csv,
        Format::Brat,
        Format::W3c,
        Format::LabelStudio,
        Format::Doccano,
        Format::Conll,
        Format::Html,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Brat => "brat",
            Format::W3c => "w3c",
            Format::LabelStudio => "label-studio",
            Format::Doccano => "doccano",
            Format::Conll => "conll",
            Format::Html => "html",
        }
    }

    /// What the format is, in a few words.
    pub fn about(self) -> &'static str {
        match self {
            Format::Jsonl => "One span per line, as JSON",
            Format::Csv => "One span per row, RFC 4180",
            Format::Brat => "brat standoff: `.ann` files beside copies of the texts, in a folder",
            Format::W3c => "W3C Web Annotation JSON-LD",
            Format::LabelStudio => "Label Studio tasks with their annotations",
            Format::Doccano => "doccano sequence-labelling JSONL",
            Format::Conll => "Tokens with BIO tags, a sentence per block, for one label layer",
            Format::Html => "One self-contained HTML page with the spans highlighted",
        }
    }

    /// Whether the format writes a folder of files rather than one stream.
    pub fn writes_folder(self) -> bool {
        self == Format::Brat
    }
}

/// Which annotations are exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Only these labels; `None` for every label.
    pub labels: Option<BTreeSet<String>>,
    /// Only these statuses.
    pub statuses: Vec<Status>,
}

impl Default for Filter {
    /// Every label, rejected annotations left out.
    fn default() -> Filter {
        Filter {
            labels: None,
            statuses: vec![Status::Pending, Status::Accepted],
        }
    }
}

impl Filter {
    /// Whether an annotation with `label` and `status` is exported.
    pub fn accepts(&self, label: &str, status: Status) -> bool {
        self.statuses.contains(&status) && self.labels.as_ref().is_none_or(|l| l.contains(label))
    }

    /// The annotations of `document` that are exported, ordered by first
    /// start then id.
    fn select<'a>(&self, document: &'a Document) -> Vec<&'a Annotation> {
        let mut selected: Vec<&Annotation> = document
            .annotations()
            .iter()
            .filter(|a| self.accepts(&a.label, a.status))
            .collect();
        selected.sort_by_key(|a| a.order_key());
        selected
    }
}

/// Where an export goes.
pub enum Target<'a> {
    /// One stream (stdout or a file) for every format but brat.
    Stream(&'a mut dyn Write),
    /// A folder, for brat.
    Folder(&'a Path),
}

/// One span of an annotation in exported terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSpan<'a> {
    /// Char offsets into the article text.
    pub start: usize,
    pub end: usize,
    /// The article text there.
    pub text: &'a str,
    /// Byte offsets into the article text.
    pub bytes: Range<usize>,
}

/// The spans of `annotation` with their char offsets.
pub fn char_spans<'a>(article: &'a Article, annotation: &Annotation) -> Vec<CharSpan<'a>> {
    annotation
        .spans
        .iter()
        .map(|span| {
            let text = &article.text()[span.clone()];
            let start = article.char_offset(span.start);
            CharSpan {
                start,
                // Counting the span's own chars is cheaper than a second lookup.
                end: start + text.chars().count(),
                text,
                bytes: span.clone(),
            }
        })
        .collect()
}

/// What every format does with one article at a time.
trait Writer {
    /// Writes `annotations` (already filtered and ordered) of `document`.
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        skips: &mut Skips,
    ) -> Result<(), corpus::Error>;

    /// Ends the output; a note for the user goes to `report`.
    fn finish(&mut self, report: &mut dyn Write) -> io::Result<()>;
}

/// What an export did: the run, and every label the articles carry (of
/// any status), so that a `--labels` no article has can be told apart from
/// one that just matched nothing this time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    pub summary: Summary,
    pub labels: BTreeSet<String>,
}

/// Exports the corpus under `paths` as `format` to `target`. Problems (and
/// the annotations left out because they no longer match their article) are
/// reported to `report` and skipped, see [`corpus::each`]. `base` is what
/// the `w3c` format's IRIs start with: the annotation's `id` and each
/// target's `source` are `base` and the path as given; without it, the
/// `file://` URLs of the files' real paths.
pub fn run(
    paths: &[PathBuf],
    format: Format,
    filter: &Filter,
    base: Option<&str>,
    options: corpus::Options,
    target: Target,
    report: &mut dyn Write,
) -> Result<Exported, corpus::Error> {
    let mut writer = writer(format, target, base)?;
    let mut labels = BTreeSet::new();
    let summary = corpus::each(paths, options, report, |document, skips| {
        for label in document.annotations().iter().map(|a| &a.label) {
            if !labels.contains(label) {
                labels.insert(label.clone());
            }
        }
        for r in document.detached() {
            labels.insert(r.label.clone());
        }
        writer.article(document, &filter.select(document), skips)?;
        let detached = document
            .detached()
            .iter()
            .filter(|r| filter.accepts(&r.label, r.status))
            .count();
        if detached > 0 {
            skips.skip(Problem::Detached {
                article: document.path.clone(),
                sidecar: document.sidecar_path.clone(),
                count: detached,
            })?;
        }
        Ok(())
    })?;
    writer.finish(report)?;
    Ok(Exported { summary, labels })
}

fn writer<'a>(
    format: Format,
    target: Target<'a>,
    base: Option<&str>,
) -> io::Result<Box<dyn Writer + 'a>> {
    Ok(match (format, target) {
        (Format::Brat, Target::Folder(folder)) => Box::new(brat::Brat::new(folder)),
        (Format::Brat, Target::Stream(_)) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "brat writes a folder of files; give it with -o FOLDER",
            ));
        }
        (_, Target::Folder(folder)) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is a folder; this format writes one file",
                    folder.display()
                ),
            ));
        }
        (Format::Jsonl, Target::Stream(out)) => Box::new(jsonl::Jsonl::new(out)),
        (Format::Csv, Target::Stream(out)) => Box::new(csv::Csv::new(out)),
        (Format::W3c, Target::Stream(out)) => Box::new(w3c::W3c::new(out, base)),
        (Format::LabelStudio, Target::Stream(out)) => Box::new(label_studio::LabelStudio::new(out)),
        (Format::Doccano, Target::Stream(out)) => Box::new(doccano::Doccano::new(out)),
        (Format::Conll, Target::Stream(out)) => Box::new(conll::Conll::new(out)),
        (Format::Html, Target::Stream(out)) => Box::new(html::Html::new(out)),
    })
}

/// Writes a JSON array element by element: `[`, the elements one per line,
/// `]`, so that a corpus never has to be held whole.
struct JsonArray<'a> {
    out: &'a mut dyn Write,
    written: usize,
}

impl<'a> JsonArray<'a> {
    fn new(out: &'a mut dyn Write) -> JsonArray<'a> {
        JsonArray { out, written: 0 }
    }

    fn push(&mut self, element: &impl serde::Serialize) -> io::Result<()> {
        self.out
            .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *self.out, element)?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out
            .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}

/// A temporary file in the folder of `path`, to be renamed to `path` once
/// written: readable by others as a new file would be (the umask applies).
pub fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sayso-export-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// The note that the export replaced a symbolic link at `path` with a file.
pub fn replaced_link(path: &Path) -> String {
    format!(
        "{} was a symbolic link; the export replaced it with a file and left what it led to as it was",
        path.display()
    )
}

/// `label` with white space made `_`, for formats whose label is one word
/// (brat types, CoNLL tags).
fn one_word(label: &str) -> String {
    label
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

#[cfg(test)]
mod tests;
