//! Label schemas: the labels an editor tags with, read from a RON file
//! (`sayso ARTICLE --schema FILE`).
//!
//! ```ron
//! (
//!     labels: [
//!         (name: "quote", key: 'q', color: "cyan", unit: quotation),
//!         (name: "source", key: 'o', color: "#d08770", unit: word),
//!     ],
//! )
//! ```
//!
//! Every field is required. `unit` is what the key tags when nothing is
//! selected: `quotation` (else the sentence), `sentence`, `word` or
//! `paragraph`. `color` is a named colour (see [`COLOR_NAMES`], any case, with
//! or without `-`, `_` or a space) or `#rrggbb`.
//!
//! A schema is refused, with one sentence that says what to change, when it
//! does not parse, has no labels, gives two labels one name or one key, gives a
//! label an empty name or a key the annotator already uses for something else,
//! or names a colour that does not exist. Annotations in a sidecar keep their
//! label's name, so an annotation whose label the schema lacks is still drawn
//! and saved; a schema only decides what the keys tag and how labels look.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Color, Label, Unit};

pub use super::color::COLOR_NAMES;

/// Why a schema was refused.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot read the schema {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}; see \"Label schemas\" in the README for the format", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the schema {} has no labels; give it at least one, like (name: \"quote\", key: 'q', color: \"cyan\", unit: quotation)", path.display())]
    NoLabels { path: PathBuf },
    #[error("the schema {} gives label {number} an empty name; give every label a name", path.display())]
    EmptyName { path: PathBuf, number: usize },
    #[error("the schema {} names a label {name:?}, with a control character; use printable text", path.display())]
    ControlInName { path: PathBuf, name: String },
    #[error("the schema {} has two labels named \"{name}\"; give each label its own name", path.display())]
    DuplicateName { path: PathBuf, name: String },
    #[error("the schema {} gives labels \"{first}\" and \"{second}\" the same key '{key}'; give each label its own key", path.display())]
    SharedKey {
        path: PathBuf,
        key: char,
        first: String,
        second: String,
    },
    #[error("the schema {} gives label \"{name}\" the key '{key}', which the annotator already uses for \"{meaning}\"; choose a free key, e.g. one of {free}", path.display())]
    TakenKey {
        path: PathBuf,
        name: String,
        key: char,
        meaning: String,
        free: String,
    },
    #[error("the schema {} gives label \"{name}\" the key {key:?}, which cannot be typed as a plain key; use a letter, digit or punctuation mark", path.display())]
    UntypableKey {
        path: PathBuf,
        name: String,
        key: char,
    },
    #[error("the schema {} gives label \"{name}\" the unknown colour \"{color}\"; use one of {}, or #rrggbb", path.display(), COLOR_NAMES.join(", "))]
    UnknownColor {
        path: PathBuf,
        name: String,
        color: String,
    },
}

/// A schema file as written (named as `ron`'s errors should say it).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Schema")]
struct SchemaFile {
    labels: Vec<LabelEntry>,
}

/// One label as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Label")]
struct LabelEntry {
    name: String,
    key: char,
    color: String,
    unit: Unit,
}

/// Reads the schema at `path`. `taken` are the keys the annotator already
/// binds, with what each does (see `Keymap::taken_chars`).
pub fn load(path: &Path, taken: &[(char, &str)]) -> Result<Vec<Label>, SchemaError> {
    let source = std::fs::read_to_string(path).map_err(|source| SchemaError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&source, path, taken)
}

/// Reads schema text; `path` names the file in errors.
pub fn parse(source: &str, path: &Path, taken: &[(char, &str)]) -> Result<Vec<Label>, SchemaError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let file: SchemaFile = ron::from_str(source).map_err(|e| SchemaError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: match e.code {
            // The one field that is not a string: say how to write it.
            ron::Error::ExpectedChar => "expected a key in single quotes, like 'q'".into(),
            other => other.to_string(),
        },
    })?;
    if file.labels.is_empty() {
        return Err(SchemaError::NoLabels {
            path: path.to_path_buf(),
        });
    }
    let mut labels: Vec<Label> = Vec::with_capacity(file.labels.len());
    for (i, entry) in file.labels.into_iter().enumerate() {
        let label = check(entry, i + 1, &labels, path, taken)?;
        labels.push(label);
    }
    Ok(labels)
}

/// `entry` as a label, when it fits with the labels before it.
fn check(
    entry: LabelEntry,
    number: usize,
    before: &[Label],
    path: &Path,
    taken: &[(char, &str)],
) -> Result<Label, SchemaError> {
    let path = path.to_path_buf();
    let LabelEntry {
        name,
        key,
        color,
        unit,
    } = entry;
    if name.trim().is_empty() {
        return Err(SchemaError::EmptyName { path, number });
    }
    if name.chars().any(char::is_control) {
        return Err(SchemaError::ControlInName { path, name });
    }
    if before.iter().any(|l| l.name == name) {
        return Err(SchemaError::DuplicateName { path, name });
    }
    if key.is_control() || key.is_whitespace() && key != ' ' {
        return Err(SchemaError::UntypableKey { path, name, key });
    }
    if let Some(&(_, meaning)) = taken.iter().find(|&&(c, _)| c == key) {
        let free = free_letters(taken, before);
        return Err(SchemaError::TakenKey {
            path,
            name,
            key,
            meaning: meaning.to_string(),
            free,
        });
    }
    if let Some(first) = before.iter().find(|l| l.key == key) {
        return Err(SchemaError::SharedKey {
            path,
            key,
            first: first.name.clone(),
            second: name,
        });
    }
    // Not palette numbers or the terminal's default colour, which would not
    // tell labels apart on every terminal.
    let Ok(color) = color.parse::<Color>() else {
        return Err(SchemaError::UnknownColor { path, name, color });
    };
    Ok(Label {
        name,
        key,
        color,
        unit,
    })
}

/// The lowercase letters neither the annotator nor an earlier label uses, as
/// a suggestion in an error.
fn free_letters(taken: &[(char, &str)], labels: &[Label]) -> String {
    let free: Vec<String> = ('a'..='z')
        .filter(|c| !taken.iter().any(|(t, _)| t == c) && !labels.iter().any(|l| l.key == *c))
        .map(String::from)
        .collect();
    if free.is_empty() {
        "an upper-case letter or a digit".into()
    } else {
        free.join(" ")
    }
}
