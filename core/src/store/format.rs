//! The RON shape of a sidecar (format 1).
//!
//! Rendering writes the layout the README documents by hand, one field per
//! line, so that hand edits and git merges stay readable; every string is escaped
//! for `ron`'s parser (see `ron_str`), so whatever the text holds parses
//! back exactly.
//! Loading first tries the `canonical` reader, which takes exactly that
//! layout line by line, fast and without holding the file; anything else (a
//! hand edit, a merge, a broken file) is read by `serde` through `ron`, which
//! decides what the file means and where it is wrong. Either way every record
//! is checked against the article (see the `anchor` module).

use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{BufReader, Read as _, Seek as _};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Sidecar, StoreError, anchor, canonical, merge, reanchor};
use crate::annotation::{Annotation, MAX_ID, Origin, Status};
use crate::article::Article;

/// The format version this sayso writes and reads.
pub const FORMAT: u32 = 1;

/// The indent of a field of `source`.
const SOURCE_FIELD: &str = "        ";

/// The indent of a field of a record.
const RECORD_FIELD: &str = "            ";

/// How many chars of context `prefix` and `suffix` hold at most.
pub const CONTEXT_CHARS: usize = 32;

/// One span as stored: char offsets and the exact text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One annotation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: u64,
    pub label: String,
    pub spans: Vec<SpanRecord>,
    pub prefix: String,
    pub suffix: String,
    pub speaker: Option<String>,
    pub note: Option<String>,
    pub status: Status,
    pub origin: Origin,
    pub author: String,
    pub created: String,
    pub modified: String,
}

/// The article a sidecar was written against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    pub file: String,
    pub chars: usize,
    pub blake3: String,
}

/// A whole sidecar file as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRecord {
    pub format: u32,
    pub source: SourceRecord,
    pub annotations: Vec<Record>,
}

/// Only the version of a sidecar: read when the whole file does not parse, to
/// tell "written by a newer sayso" from "broken".
#[derive(Deserialize)]
struct Header {
    format: u32,
}

/// Reads the sidecar at `path` against `article`.
///
/// Two records with the same id are refused with a [`StoreError::Parse`] that
/// points at the second one: ids are how edits, undo and exports refer to
/// annotations, and guessing which one the editor meant (after a git merge,
/// say) would silently change the data. So is an id above
/// [`MAX_ID`](crate::annotation::MAX_ID), which no reader of an export holds
/// exactly and past which new ids could not be given.
///
/// A field sayso does not know is refused with its line and column, not
/// dropped: it is most often a field misspelt by hand (`speker:`), whose
/// value would otherwise vanish at the next save while the real field stays
/// empty; a field of a newer sayso comes with a newer `format`, refused as
/// such.
pub(super) fn load(article: &Article, path: &Path) -> Result<Option<Sidecar>, StoreError> {
    let read_error = |source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_error(e)),
    };
    if let Some(sidecar) = canonical::read(article, BufReader::new(&file)) {
        return Ok(Some(reanchor::settle(article, sidecar)));
    }
    // Not the rendered layout, or not valid: `ron` reads the same file from
    // its start and says what it means or where it is wrong.
    let mut source = String::new();
    file.rewind()
        .and_then(|()| file.read_to_string(&mut source))
        .map_err(read_error)?;
    from_ron(article, &source, path).map(|sidecar| Some(reanchor::settle(article, sidecar)))
}

/// Reads sidecar text with `ron`, as the `canonical` reader would: records
/// not attached are left for [`reanchor::settle`]; `path` names the file in
/// errors.
pub(super) fn from_ron(
    article: &Article,
    source: &str,
    path: &Path,
) -> Result<Sidecar, StoreError> {
    let file = parse_records(source, path)?;
    let article_changed = file.source.blake3 != article.blake3_hex();
    // On another text, offsets that hold the text prove nothing alone: every
    // record is placed again, its context checked too.
    let (annotations, detached) = if article_changed {
        (Vec::new(), file.annotations)
    } else {
        anchor::attach(article, file.annotations)
    };
    Ok(Sidecar {
        annotations,
        detached,
        article_changed,
        ..Sidecar::default()
    })
}

/// Reads the sidecar at `path` as stored, without its article: the source
/// it was written against and its records, offsets as recorded.
pub(super) fn read_records(path: &Path) -> Result<FileRecord, StoreError> {
    let read_error = |source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    // As `load` does: the rendered layout straight from the file, and only
    // another one is read whole for `ron`.
    let mut file = File::open(path).map_err(read_error)?;
    if let Some(records) = canonical::read_file(BufReader::new(&file)) {
        return Ok(records);
    }
    let mut source = String::new();
    file.rewind()
        .and_then(|()| file.read_to_string(&mut source))
        .map_err(read_error)?;
    parse_records(&source, path)
}

/// The records of sidecar text, as [`read_records`] reads them from a file;
/// `path` names the file in errors.
pub(super) fn records_of(source: &str, path: &Path) -> Result<FileRecord, StoreError> {
    match canonical::read_file(source.as_bytes()) {
        Some(file) => Ok(file),
        None => parse_records(source, path),
    }
}

/// Parses sidecar text into its records, two with one id allowed: one side
/// of a text merge can hold both sides' new records of that id.
pub(super) fn parse_side(source: &str, path: &Path) -> Result<FileRecord, StoreError> {
    parse(source.strip_prefix('\u{feff}').unwrap_or(source), path)
}

/// Parses sidecar text into its records, refusing two records with one id.
fn parse_records(source: &str, path: &Path) -> Result<FileRecord, StoreError> {
    // An editor may have added a BOM; like the article's, it is not content.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let file = parse(source, path)?;
    let refusal = |id, nth, message| {
        let (line, column) = anchor::locate_id(source, id, nth);
        Err(StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        })
    };
    if let Some(id) = anchor::first_duplicate_id(&file.annotations) {
        let message = format!("annotation id {id} is used twice; give one of them an unused id");
        return refusal(id, 2, message);
    }
    if let Some(id) = file
        .annotations
        .iter()
        .map(|r| r.id)
        .find(|&id| id > MAX_ID)
    {
        let message = format!(
            "annotation id {id} is above {MAX_ID}, the greatest id sayso gives; give it an unused id below that"
        );
        return refusal(id, 1, message);
    }
    Ok(file)
}

/// Parses sidecar text; a file of another format is a version error even when
/// the rest of it does not fit format 1.
fn parse(source: &str, path: &Path) -> Result<FileRecord, StoreError> {
    let version_error = |found| StoreError::Version {
        path: path.to_path_buf(),
        found,
    };
    match ron::from_str::<FileRecord>(source) {
        Ok(file) if file.format == FORMAT => Ok(file),
        Ok(file) => Err(version_error(file.format)),
        Err(error) => match ron::from_str::<Header>(source) {
            Ok(header) if header.format != FORMAT => Err(version_error(header.format)),
            _ if merge::has_conflict_markers(source) => Err(StoreError::Conflict {
                path: path.to_path_buf(),
                line: merge::first_marker_line(source),
            }),
            _ => Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: error.span.start.line,
                column: error.span.start.col,
                message: error.code.to_string(),
            }),
        },
    }
}

/// One entry of the sidecar: a live annotation or a detached record.
enum Entry<'a> {
    Live(&'a Annotation),
    Detached(&'a Record),
}

/// The sidecar text for `annotations` and `detached`, together sorted by first
/// start offset (in chars) then id.
pub(super) fn render(
    article: &Article,
    file_name: &str,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
) -> String {
    let mut entries: Vec<((usize, u64), Entry)> = annotations
        .iter()
        .map(|a| ((article.char_offset(a.start()), a.id), Entry::Live(a)))
        .chain(detached.iter().map(|r| {
            let start = r.spans.first().map_or(0, |s| s.start);
            ((start, r.id), Entry::Detached(r))
        }))
        .collect();
    // Stable: should a detached record share a live annotation's place and
    // id, the output still does not depend on the sort's whims.
    entries.sort_by_key(|(key, _)| *key);

    let source = SourceRecord {
        file: file_name.to_string(),
        chars: article.char_len(),
        blake3: article.blake3_hex(),
    };
    rendered(&source, &entries, |out, entry| match entry {
        Entry::Live(a) => write_live(out, article, a),
        Entry::Detached(r) => write_detached(out, r),
    })
}

/// The sidecar text of `file` as stored: every record as it is, sorted by
/// first start offset then id.
pub(super) fn render_file(file: &FileRecord) -> String {
    let mut entries: Vec<((usize, u64), &Record)> = file
        .annotations
        .iter()
        .map(|r| ((r.spans.first().map_or(0, |s| s.start), r.id), r))
        .collect();
    entries.sort_by_key(|(key, _)| *key);
    rendered(&file.source, &entries, |out, r| write_detached(out, r))
}

/// The whole file around `entries`, each written by `write`.
fn rendered<E>(
    source: &SourceRecord,
    entries: &[((usize, u64), E)],
    write: impl Fn(&mut String, &E) -> fmt::Result,
) -> String {
    let mut out = String::with_capacity(256 + entries.len() * 512);
    // Writing into a `String` cannot fail, and `ron` serializes any unit
    // variant; an error here is a bug in this file, not in the data.
    write_file(&mut out, source, entries, write).expect("rendering into a String");
    out
}

fn write_file<E>(
    out: &mut String,
    source: &SourceRecord,
    entries: &[((usize, u64), E)],
    write: impl Fn(&mut String, &E) -> fmt::Result,
) -> fmt::Result {
    out.push_str("(\n");
    writeln!(out, "    format: {FORMAT},")?;
    out.push_str("    source: (\n");
    field_str(out, SOURCE_FIELD, "file", &source.file)?;
    writeln!(out, "        chars: {},", source.chars)?;
    field_str(out, SOURCE_FIELD, "blake3", &source.blake3)?;
    out.push_str("    ),\n");
    if entries.is_empty() {
        out.push_str("    annotations: [],\n");
    } else {
        out.push_str("    annotations: [\n");
        for (_, entry) in entries {
            write(out, entry)?;
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    Ok(())
}

/// The fields of a record that read the same for live and detached ones.
struct Fields<'a> {
    speaker: Option<&'a str>,
    note: Option<&'a str>,
    status: Status,
    origin: Origin,
    author: &'a str,
    created: &'a str,
    modified: &'a str,
}

fn write_live(out: &mut String, article: &Article, a: &Annotation) -> fmt::Result {
    let text = article.text();
    out.push_str("        (\n");
    writeln!(out, "            id: {},", a.id)?;
    field_str(out, RECORD_FIELD, "label", &a.label)?;
    out.push_str("            spans: [\n");
    for span in &a.spans {
        // Counting the span's own chars is cheaper than a second lookup.
        let span_text = &text[span.clone()];
        let start = article.char_offset(span.start);
        write_span(out, start, start + span_text.chars().count(), span_text)?;
    }
    out.push_str("            ],\n");
    field_str(out, RECORD_FIELD, "prefix", context_before(text, a.start()))?;
    field_str(out, RECORD_FIELD, "suffix", context_after(text, a.end()))?;
    write_fields(
        out,
        &Fields {
            speaker: a.speaker.as_deref(),
            note: a.note.as_deref(),
            status: a.status,
            origin: a.origin,
            author: &a.author,
            created: &a.created,
            modified: &a.modified,
        },
    )
}

fn write_detached(out: &mut String, r: &Record) -> fmt::Result {
    out.push_str("        (\n");
    writeln!(out, "            id: {},", r.id)?;
    field_str(out, RECORD_FIELD, "label", &r.label)?;
    out.push_str("            spans: [\n");
    for span in &r.spans {
        write_span(out, span.start, span.end, &span.text)?;
    }
    out.push_str("            ],\n");
    field_str(out, RECORD_FIELD, "prefix", &r.prefix)?;
    field_str(out, RECORD_FIELD, "suffix", &r.suffix)?;
    write_fields(
        out,
        &Fields {
            speaker: r.speaker.as_deref(),
            note: r.note.as_deref(),
            status: r.status,
            origin: r.origin,
            author: &r.author,
            created: &r.created,
            modified: &r.modified,
        },
    )
}

/// Everything after `suffix`, and the closing parenthesis of the record.
fn write_fields(out: &mut String, f: &Fields) -> fmt::Result {
    field_opt(out, "speaker", f.speaker)?;
    field_opt(out, "note", f.note)?;
    out.push_str("            status: ");
    ron_value(out, &f.status)?;
    out.push_str(",\n            origin: ");
    ron_value(out, &f.origin)?;
    out.push_str(",\n");
    field_str(out, RECORD_FIELD, "author", f.author)?;
    field_str(out, RECORD_FIELD, "created", f.created)?;
    field_str(out, RECORD_FIELD, "modified", f.modified)?;
    out.push_str("        ),\n");
    Ok(())
}

fn write_span(out: &mut String, start: usize, end: usize, text: &str) -> fmt::Result {
    write!(out, "                (start: {start}, end: {end}, text: ")?;
    ron_str(out, text)?;
    out.push_str("),\n");
    Ok(())
}

/// `key: "value",` on its own line, after `indent`.
fn field_str(out: &mut String, indent: &str, key: &str, value: &str) -> fmt::Result {
    out.push_str(indent);
    out.push_str(key);
    out.push_str(": ");
    ron_str(out, value)?;
    out.push_str(",\n");
    Ok(())
}

/// `key: Some("value"),` or `key: None,` inside a record.
fn field_opt(out: &mut String, key: &str, value: Option<&str>) -> fmt::Result {
    out.push_str(RECORD_FIELD);
    out.push_str(key);
    out.push_str(": ");
    match value {
        Some(value) => {
            out.push_str("Some(");
            ron_str(out, value)?;
            out.push(')');
        }
        None => out.push_str("None"),
    }
    out.push_str(",\n");
    Ok(())
}

/// Appends `value` as a RON string literal that `ron` reads back exactly.
///
/// Between quotes RON takes every char as itself except `"` and `\\`, so
/// those are escaped; so are control chars (a tab, a newline or an escape
/// sequence would break the one-line layout or reach the terminal of whoever
/// reads the file) and the invisible chars that reorder or hide text (bidi
/// controls, line separators, a BOM), so that a review or a diff shows them.
/// Everything else (combining marks, emoji sequences, CJK, right-to-left
/// letters) is written as it is, so the file reads like the article. `ron`'s
/// own writer escapes each combining mark and joiner, which makes such text
/// unreadable and costs a Unicode table lookup per char.
fn ron_str(out: &mut String, value: &str) -> fmt::Result {
    out.push('"');
    let mut verbatim_from = 0;
    for (i, c) in value.char_indices() {
        if !needs_escape(c) {
            continue;
        }
        out.push_str(&value[verbatim_from..i]);
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => write!(out, "\\u{{{:x}}}", u32::from(c))?,
        }
        verbatim_from = i + c.len_utf8();
    }
    out.push_str(&value[verbatim_from..]);
    out.push('"');
    Ok(())
}

/// Whether [`ron_str`] escapes `c`.
fn needs_escape(c: char) -> bool {
    matches!(c, '"' | '\\')
        || c.is_control()
        || matches!(
            c,
            '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Appends `value` as `ron` writes it: strings quoted and escaped.
fn ron_value<T: Serialize + ?Sized>(out: &mut String, value: &T) -> fmt::Result {
    ron::ser::to_writer(&mut *out, value).map_err(|_| fmt::Error)
}

/// Up to [`CONTEXT_CHARS`] chars of `text` before `byte`.
pub(crate) fn context_before(text: &str, byte: usize) -> &str {
    let before = &text[..byte];
    let from = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    &before[from..]
}

/// Up to [`CONTEXT_CHARS`] chars of `text` after `byte`.
pub(crate) fn context_after(text: &str, byte: usize) -> &str {
    let after = &text[byte..];
    let to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    &after[..to]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::ron_str;

    fn written(value: &str) -> String {
        let mut out = String::new();
        ron_str(&mut out, value).expect("writing into a String");
        out
    }

    fn read_back(value: &str) -> String {
        ron::from_str(&written(value)).expect("ron reads what ron_str writes")
    }

    #[test]
    fn escapes_what_ron_or_a_reader_needs() {
        assert_eq!(written("say \"hi\" \\ o"), r#""say \"hi\" \\ o""#);
        assert_eq!(written("a\tb\r\nc"), r#""a\tb\r\nc""#);
        assert_eq!(
            written("\u{0}\u{7}\u{1b}[2J\u{7f}\u{85}"),
            r#""\u{0}\u{7}\u{1b}[2J\u{7f}\u{85}""#
        );
        assert_eq!(
            written("a\u{202e}b\u{2066}\u{2028}\u{feff}\u{200f}"),
            r#""a\u{202e}b\u{2066}\u{2028}\u{feff}\u{200f}""#
        );
    }

    #[test]
    fn writes_text_as_it_reads() {
        for value in [
            "e\u{301}té",
            "\u{301}",
            "👩\u{200d}👩\u{200d}👧",
            "🇫🇷",
            "❤\u{fe0f}",
            "中文的报道",
            "שלום עולם",
            "«non» “curly” ‘quotes’ — dash",
            "it's",
            "r#\"raw\"#",
        ] {
            let out = written(value);
            assert_eq!(
                out.trim_matches('"'),
                value.replace('"', "\\\""),
                "{value:?}"
            );
            assert_eq!(read_back(value), value);
        }
    }

    proptest! {
        #[test]
        fn ron_reads_back_any_string(value in ".*") {
            let out = written(&value);
            prop_assert!(!out.contains(['\n', '\r']));
            prop_assert_eq!(read_back(&value), value);
        }

        #[test]
        fn ron_reads_back_strings_of_tricky_chars(
            value in "[\"\\\\'#\n\r\t\u{0}\u{1b}\u{7f}\u{85}\u{200d}\u{202e}\u{2028}\u{feff}\u{301}é👧🇫]{0,16}",
        ) {
            prop_assert_eq!(read_back(&value), value);
        }
    }
}
