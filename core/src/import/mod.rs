//! Reading annotations that other tools (or sayso's own export) wrote.
//!
//! Each format has its reader (`brat`, `doccano`, `label_studio`, `jsonl`);
//! every reader turns a file into [`Document`]s: the annotations it holds for
//! one article, with offsets as the file counts them and the line each came
//! from. [`merge()`] then checks every span against the article and turns what
//! fits into pending, imported annotations; nothing here touches a sidecar.

mod brat;
mod doccano;
mod jsonl;
mod label_studio;
pub mod merge;
mod units;

pub use merge::{LabelMap, Merged, Refusal, merge};

use std::path::{Path, PathBuf};

use crate::article::display;

/// The formats `sayso import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// brat standoff: a `.ann` file beside its `.txt`.
    Brat,
    /// doccano JSONL: `{"text": ..., "label": [[start, end, "LABEL"], ...]}` per line.
    Doccano,
    /// Label Studio tasks JSON: `data.text` and `annotations[].result[]`.
    LabelStudio,
    /// sayso's own JSONL export: one span per line.
    Jsonl,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 4] = [
        Format::Brat,
        Format::Doccano,
        Format::LabelStudio,
        Format::Jsonl,
    ];

    /// What the format is, in a few words.
    pub fn about(self) -> &'static str {
        match self {
            Format::Brat => "brat standoff: a `.ann` file beside its `.txt`",
            Format::Doccano => {
                "doccano JSONL: `{\"text\": ..., \"label\": [[start, end, \"LABEL\"], ...]}` per line"
            }
            Format::LabelStudio => {
                "Label Studio tasks JSON: `data.text` and `annotations[].result[]`"
            }
            Format::Jsonl => "sayso's own JSONL export: one span per line",
        }
    }

    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Brat => "brat",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Jsonl => "jsonl",
        }
    }
}

/// What a file's offsets count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offsets {
    /// Unicode scalar values, as Python indexes a `str` (sayso, brat, Label Studio).
    Chars,
    /// UTF-16 code units, as JavaScript indexes a string (doccano).
    Utf16,
    /// Extended grapheme clusters: what shows as one character counts one
    /// (a doccano project set to count grapheme clusters).
    Graphemes,
    /// Chars, except for a span whose recorded text is found only when its
    /// offsets are read as UTF-16 code units (Label Studio before it counted
    /// code points). Not offered on the command line: it needs span texts.
    CharsOrUtf16,
    /// doccano's own files: UTF-16 code units, or grapheme clusters when the
    /// project counted them, decided from where the spans fall. Not offered
    /// on the command line.
    Doccano,
    /// A file sayso wrote and doccano exported again: chars where sayso
    /// wrote a span, UTF-16 code units or grapheme clusters where doccano's
    /// editor drew one, decided span by span. Not offered on the command line.
    SaysoThroughDoccano,
}

impl Offsets {
    /// What `--offsets` offers: the units a person can name.
    pub const CHOICES: [Offsets; 3] = [Offsets::Chars, Offsets::Utf16, Offsets::Graphemes];

    /// The name `--offsets` takes.
    pub fn name(self) -> &'static str {
        match self {
            Offsets::Chars => "chars",
            Offsets::Utf16 => "utf16",
            Offsets::Graphemes => "graphemes",
            Offsets::CharsOrUtf16 => "chars-or-utf16",
            Offsets::Doccano => "doccano",
            Offsets::SaysoThroughDoccano => "sayso-through-doccano",
        }
    }

    /// What the offsets count, in a few words.
    pub fn about(self) -> &'static str {
        match self {
            Offsets::Chars => {
                "Unicode scalar values, as Python indexes a `str` (sayso, brat, Label Studio)"
            }
            Offsets::Utf16 => "UTF-16 code units, as JavaScript indexes a string (doccano)",
            Offsets::Graphemes => {
                "grapheme clusters, what shows as one character (a doccano project set to count them)"
            }
            Offsets::CharsOrUtf16 => {
                "chars, or UTF-16 code units where only they give a span its recorded text"
            }
            Offsets::Doccano => {
                "UTF-16 code units, or grapheme clusters where the spans show the project counted them"
            }
            Offsets::SaysoThroughDoccano => {
                "chars where sayso wrote a span, UTF-16 code units or grapheme clusters where doccano drew it"
            }
        }
    }
}

/// The annotations a file holds for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The line the document starts on (for messages about the whole of it).
    pub line: usize,
    /// The article as the file names it, if it does (relative paths as written).
    pub article: Option<PathBuf>,
    /// The article text as the file holds it (doccano, Label Studio), which
    /// offsets index and span texts are taken from when a span has none.
    pub text: Option<String>,
    /// What the offsets count.
    pub offsets: Offsets,
    /// The offsets count a byte-order mark before the text as one char (Python
    /// reads a BOM as U+FEFF), which sayso does not.
    pub counts_bom: bool,
    pub annotations: Vec<Incoming>,
}

/// One annotation as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The line it was read from.
    pub line: usize,
    pub label: String,
    pub spans: Vec<IncomingSpan>,
    /// brat's text of a discontinuous annotation: the fragments joined by a space.
    pub joined_text: Option<String>,
    pub speaker: Option<String>,
    pub note: Option<String>,
    pub author: Option<String>,
    /// Why the reader could not take it as it stands (a brat text span
    /// whose line was broken): merged as a refusal, with this reason.
    pub refused: Option<String>,
}

/// One span as read: offsets in the document's unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingSpan {
    /// The line it was read from.
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// The text the file says is there, if it says.
    pub text: Option<String>,
}

/// A line or item the reader understood but sayso has no place for
/// (a brat relation, a Label Studio choice): reported, not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub what: String,
}

/// Everything a file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not UTF-8 text (invalid byte at offset {byte}); save it as UTF-8 and import again", path.display())]
    NotUtf8 { path: PathBuf, byte: usize },
    #[error("{}:{line}: {message}; check that it is a {format} file and import again (nothing was imported)", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
        format: &'static str,
    },
}

/// Reads the file at `path` as `format`.
pub fn read(format: Format, path: &Path) -> Result<Parsed, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let source = String::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        path: path.to_path_buf(),
        byte: e.utf8_error().valid_up_to(),
    })?;
    parse(format, &source, path)
}

/// Reads `source`, the contents of the file at `path`, as `format`.
pub fn parse(format: Format, source: &str, path: &Path) -> Result<Parsed, ImportError> {
    // An editor may have put a BOM before the data; it is not part of it.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let syntax = |e: SyntaxError| ImportError::Syntax {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
        format: format.name(),
    };
    read_as(format, source, path).map_err(syntax)
}

/// Reads `source`, the text of the file at `path`, as `format`.
fn read_as(format: Format, source: &str, path: &Path) -> Result<Parsed, SyntaxError> {
    match format {
        Format::Brat => brat::read(source, path),
        Format::Doccano => doccano::read(source),
        Format::LabelStudio => label_studio::read(source),
        Format::Jsonl => jsonl::read(source),
    }
}

/// A reader's complaint: where and what, without the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SyntaxError {
    line: usize,
    message: String,
}

impl SyntaxError {
    /// `message` on one line: it may quote the file, control chars and all.
    fn new(line: usize, message: impl Into<String>) -> SyntaxError {
        let message = message.into();
        SyntaxError {
            line,
            message: display::one_line(&message).into_owned(),
        }
    }

    /// A `serde_json` error on `line` of a file read line by line; the error's
    /// own line is within that one line, so only its column is kept.
    fn json_line(line: usize, error: &serde_json::Error) -> SyntaxError {
        let message = json_message(error);
        SyntaxError::new(line, format!("column {}: {message}", error.column()))
    }
}

/// What a `serde_json` error says, without its " at line L column C".
fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The lines of `source` with their numbers (from 1), without line endings
/// (`\n` or `\r\n`).
fn numbered_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source.lines().enumerate().map(|(i, line)| (i + 1, line))
}

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod tests;
