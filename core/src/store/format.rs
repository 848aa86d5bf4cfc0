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
use std::io::{self, BufReader, Read as _, Seek as _};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::reanchor::{self, Placer};
use super::{Loaded, Sidecar, StoreError, anchor, canonical, merge};
use crate::annotation::{Annotation, Finished, MAX_ID, Origin, Status};
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
    /// Who marked the article finished, and when; a file without the field
    /// is of an article not finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<Finished>,
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
    let Some(mut file) = open(path)? else {
        return Ok(None);
    };
    let expected = file
        .metadata()
        .map_or(0, |meta| canonical::records_in(meta.len()));
    if let Some((sidecar, placer)) = canonical::read(article, BufReader::new(&file), expected) {
        return Ok(Some(reanchor::settle(sidecar, placer)));
    }
    read_again_with_ron(article, &mut file, path).map(Some)
}

/// The sidecar file at `path`; `None` when there is none.
fn open(path: &Path) -> Result<Option<File>, StoreError> {
    match File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(read_error(path, e)),
    }
}

fn read_error(path: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    }
}

/// The sidecar `file` at `path`, which is not in the rendered layout or
/// not valid, read whole from its start by `ron` (which says what it means
/// or where it is wrong), and settled.
fn read_again_with_ron(
    article: &Article,
    file: &mut File,
    path: &Path,
) -> Result<Sidecar, StoreError> {
    let mut source = String::new();
    file.rewind()
        .and_then(|()| file.read_to_string(&mut source))
        .map_err(|e| read_error(path, e))?;
    from_ron(article, &source, path).map(|sidecar| reanchor::settle(sidecar, Placer::new(article)))
}

/// How many annotations the first batch of [`load_in_batches`] holds: about
/// what a screen shows, so that its highlights come at once; each batch
/// after is twice the one before, up to [`LAST_BATCH`].
const FIRST_BATCH: usize = 128;

/// The most annotations one batch holds: big enough that handing batches
/// over costs nothing beside reading them, small enough that the
/// highlights fill in as the file is read.
const LAST_BATCH: usize = 4096;

/// [`load`], handing the annotations that fit the article to `take` in
/// batches as they are read, in the order of the file (by position, for a
/// file sayso wrote).
pub(super) fn load_in_batches(
    article: &Article,
    path: &Path,
    mut take: impl FnMut(Vec<Arc<Annotation>>),
) -> Result<Option<Loaded>, StoreError> {
    let Some(mut file) = open(path)? else {
        return Ok(None);
    };
    // Kept to place the records that are not at their offsets beside them.
    let mut handed = Vec::new();
    let mut batch = Vec::with_capacity(FIRST_BATCH);
    let rest = canonical::read_each(article, BufReader::new(&file), |a| {
        let a = Arc::new(a);
        handed.push(Arc::clone(&a));
        batch.push(a);
        if batch.len() == batch.capacity() {
            let next = Vec::with_capacity((batch.len() * 2).min(LAST_BATCH));
            take(std::mem::replace(&mut batch, next));
        }
    });
    if let Some((rest, placer)) = rest {
        if !batch.is_empty() {
            take(batch);
        }
        return Ok(Some(Loaded::Rest(reanchor::settle_beside(
            rest, placer, &handed,
        ))));
    }
    drop((handed, batch));
    read_again_with_ron(article, &mut file, path).map(|whole| Some(Loaded::Whole(whole)))
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
        finished: file.finished,
        ..Sidecar::default()
    })
}

/// Reads the sidecar at `path` as stored, without its article: the source
/// it was written against and its records, offsets as recorded.
pub(super) fn read_records(path: &Path) -> Result<FileRecord, StoreError> {
    let read_error = |source| read_error(path, source);
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

/// The source and the finished mark of the sidecar at `path`: from its first
/// lines when it is in the rendered layout, else from the whole file as
/// `ron` reads it (with its errors).
pub(super) fn read_head(path: &Path) -> Result<(SourceRecord, Option<Finished>), StoreError> {
    let file = File::open(path).map_err(|source| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    match canonical::read_head(BufReader::new(&file)) {
        Some(head) => Ok(head),
        None => read_records(path).map(|file| (file.source, file.finished)),
    }
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

/// The sidecar text for `annotations` and `detached`, together sorted by first
/// start offset (in chars) then id, and the finished mark.
pub(super) fn render(
    article: &Article,
    file_name: &str,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
    finished: Option<&Finished>,
) -> String {
    let mut out = Out::whole(256 + (annotations.len() + detached.len()) * 512);
    // `ron` serializes any unit variant; an error here is a bug in this
    // file, not in the data.
    write_live_file(
        &mut out,
        article,
        file_name,
        annotations,
        detached,
        finished,
    )
    .expect("rendering a sidecar");
    out.text
}

/// The sidecar text of `file` as stored: every record as it is, sorted by
/// first start offset then id.
pub(super) fn render_file(file: &FileRecord) -> String {
    let records: Vec<&Record> = file.annotations.iter().collect();
    let mut out = Out::whole(256 + records.len() * 512);
    // `ron` serializes any unit variant; an error here is a bug in this
    // file, not in the data.
    write_records(&mut out, &file.source, file.finished.as_ref(), records)
        .expect("rendering a sidecar");
    out.text
}

/// Writes the sidecar text of `records` (in any order) with the `source`
/// and `finished` mark to `sink` as it is rendered, a chunk at a time, as
/// [`render_file`] renders it: a merge writes its records, borrowed from
/// the files it read, without gathering them into a file first.
pub(super) fn write_records_to(
    sink: &mut dyn io::Write,
    source: &SourceRecord,
    finished: Option<&Finished>,
    records: Vec<&Record>,
) -> io::Result<()> {
    let mut out = Out::to(sink);
    write_records(&mut out, source, finished, records)
        .map_err(|_| io::Error::other("a sidecar field cannot be written as RON"))?;
    out.finish()
}

/// The whole file of `records`, sorted by first start offset then id.
fn write_records(
    out: &mut Out,
    source: &SourceRecord,
    finished: Option<&Finished>,
    mut records: Vec<&Record>,
) -> fmt::Result {
    records.sort_by_key(|r| record_key(r));
    let head = Head { source, finished };
    write_file(out, head, records.is_empty(), |out| {
        records.iter().try_for_each(|r| write_detached(out, r))
    })
}

/// Writes the sidecar text of [`render`] to `sink` as it is rendered, a few
/// kilobytes at a time, so that saving a sidecar of any size never holds it
/// whole in memory. The first error of `sink` is returned.
pub(super) fn write_to(
    sink: &mut dyn io::Write,
    article: &Article,
    file_name: &str,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
    finished: Option<&Finished>,
) -> io::Result<()> {
    let mut out = Out::to(sink);
    write_live_file(
        &mut out,
        article,
        file_name,
        annotations,
        detached,
        finished,
    )
    .map_err(|_| io::Error::other("a sidecar field cannot be written as RON"))?;
    out.finish()
}

/// How much rendered text is gathered before it goes to the sink.
const CHUNK: usize = 64 << 10;

/// Where rendered text goes: a string, handed on to a sink whenever it
/// holds a [`CHUNK`], or kept whole. A failed write is kept and ends the
/// writing; rendering goes on to the end, where [`Out::finish`] returns the
/// error.
struct Out<'a> {
    text: String,
    sink: Option<&'a mut dyn io::Write>,
    /// How long `text` grows before it goes to the sink.
    chunk: usize,
    error: Option<io::Error>,
}

impl<'a> Out<'a> {
    /// The whole text in one string, of about `capacity` bytes.
    fn whole(capacity: usize) -> Out<'a> {
        Out {
            text: String::with_capacity(capacity),
            sink: None,
            chunk: usize::MAX,
            error: None,
        }
    }

    /// The text handed on to `sink` a chunk at a time.
    fn to(sink: &'a mut dyn io::Write) -> Out<'a> {
        Out {
            text: String::with_capacity(CHUNK + CHUNK / 4),
            sink: Some(sink),
            chunk: CHUNK,
            error: None,
        }
    }

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        if self.text.len() >= self.chunk {
            self.hand_on();
        }
    }

    fn push(&mut self, c: char) {
        self.text.push(c);
    }

    /// Writes what was gathered to the sink, if there is one.
    fn hand_on(&mut self) {
        let Some(sink) = &mut self.sink else {
            return;
        };
        if self.error.is_none()
            && let Err(e) = sink.write_all(self.text.as_bytes())
        {
            self.error = Some(e);
        }
        self.text.clear();
    }

    /// Writes the rest; the first error of the sink.
    fn finish(mut self) -> io::Result<()> {
        self.hand_on();
        self.error.map_or(Ok(()), Err)
    }
}

impl fmt::Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// The file of `article` (named `file_name`) with `annotations`,
/// `detached` and the `finished` mark.
fn write_live_file(
    out: &mut Out,
    article: &Article,
    file_name: &str,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
    finished: Option<&Finished>,
) -> fmt::Result {
    let source = SourceRecord {
        file: file_name.to_string(),
        chars: article.char_len(),
        blake3: article.blake3_hex().to_string(),
    };
    let head = Head {
        source: &source,
        finished,
    };
    let empty = annotations.is_empty() && detached.is_empty();
    write_file(out, head, empty, |out| {
        write_entries(out, article, annotations, detached)
    })
}

/// What a sidecar says before its annotations.
#[derive(Clone, Copy)]
struct Head<'a> {
    source: &'a SourceRecord,
    finished: Option<&'a Finished>,
}

/// The whole file: the `head`, then the annotations `entries` writes
/// (`empty`: there are none).
fn write_file(
    out: &mut Out,
    head: Head,
    empty: bool,
    entries: impl FnOnce(&mut Out) -> fmt::Result,
) -> fmt::Result {
    out.push_str("(\n");
    writeln!(out, "    format: {FORMAT},")?;
    out.push_str("    source: (\n");
    let source = head.source;
    field_str(out, SOURCE_FIELD, "file", &source.file)?;
    writeln!(out, "        chars: {},", source.chars)?;
    field_str(out, SOURCE_FIELD, "blake3", &source.blake3)?;
    out.push_str("    ),\n");
    if let Some(finished) = head.finished {
        write_finished(out, finished)?;
    }
    if empty {
        out.push_str("    annotations: [],\n");
    } else {
        out.push_str("    annotations: [\n");
        entries(out)?;
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    Ok(())
}

/// `    finished: Some((by: "ed", at: "…")),` on one line, after the source:
/// a reader that wants only the header finds it within the first lines.
fn write_finished(out: &mut Out, finished: &Finished) -> fmt::Result {
    out.push_str("    finished: Some((by: ");
    ron_str(out, &finished.by)?;
    out.push_str(", at: ");
    ron_str(out, &finished.at)?;
    out.push_str(")),\n");
    Ok(())
}

/// Writes the live annotations and the detached records, merged in the
/// order of their first start offset (in chars), then id; at the same place
/// and id, the live one first.
///
/// Live annotations usually come in order (an annotation set keeps them so),
/// and are then written as they come, with no list of them made: byte order
/// is char order.
fn write_entries(
    out: &mut Out,
    article: &Article,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
) -> fmt::Result {
    let sorted: Vec<Arc<Annotation>>;
    let live = if annotations.is_sorted_by_key(|a| a.order_key()) {
        annotations
    } else {
        let mut copy = annotations.to_vec();
        copy.sort_by_key(|a| a.order_key());
        sorted = copy;
        &sorted
    };
    let mut records: Vec<&Record> = detached.iter().collect();
    records.sort_by_key(|r| record_key(r));
    let mut records = records.into_iter().peekable();
    for a in live {
        while let Some(r) =
            records.next_if(|r| record_key(r) < (article.char_offset(a.start()), a.id))
        {
            write_detached(out, r)?;
        }
        write_live(out, article, a)?;
    }
    records.try_for_each(|r| write_detached(out, r))
}

/// Where a detached record goes in the file: its first start, then its id.
fn record_key(r: &Record) -> (usize, u64) {
    (r.spans.first().map_or(0, |s| s.start), r.id)
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

fn write_live(out: &mut Out, article: &Article, a: &Annotation) -> fmt::Result {
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

fn write_detached(out: &mut Out, r: &Record) -> fmt::Result {
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
fn write_fields(out: &mut Out, f: &Fields) -> fmt::Result {
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

fn write_span(out: &mut Out, start: usize, end: usize, text: &str) -> fmt::Result {
    write!(out, "                (start: {start}, end: {end}, text: ")?;
    ron_str(out, text)?;
    out.push_str("),\n");
    Ok(())
}

/// `key: "value",` on its own line, after `indent`.
fn field_str(out: &mut Out, indent: &str, key: &str, value: &str) -> fmt::Result {
    out.push_str(indent);
    out.push_str(key);
    out.push_str(": ");
    ron_str(out, value)?;
    out.push_str(",\n");
    Ok(())
}

/// `key: Some("value"),` or `key: None,` inside a record.
fn field_opt(out: &mut Out, key: &str, value: Option<&str>) -> fmt::Result {
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
fn ron_str(out: &mut Out, value: &str) -> fmt::Result {
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
fn ron_value<T: Serialize + ?Sized>(out: &mut Out, value: &T) -> fmt::Result {
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
    use std::io::{self, Write};
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::{CHUNK, Out, render, ron_str, write_to};
    use crate::annotation::testing::annotation;
    use crate::article::Article;
    use crate::store::format_tests::{UNICODE_TEXT, byte_range, detached_record};

    /// A sink that keeps what it is given, and how, and fails once it holds
    /// `room` bytes.
    struct Sink {
        bytes: Vec<u8>,
        writes: Vec<usize>,
        room: usize,
    }

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.bytes.len() >= self.room {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "full"));
            }
            let n = buf.len().min(self.room - self.bytes.len());
            self.bytes.extend_from_slice(&buf[..n]);
            self.writes.push(n);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Hundreds of annotations out of order, one with a speaker longer than
    /// a chunk, and detached records between them.
    fn large() -> (
        Article,
        Vec<Arc<crate::annotation::Annotation>>,
        Vec<super::Record>,
    ) {
        let article = Article::from_text(UNICODE_TEXT.repeat(40));
        let spans = [
            "said",
            "«non»",
            "👩\u{200d}👩\u{200d}👧",
            "中文的报道",
            "\\back\\slash",
        ];
        let text = UNICODE_TEXT;
        let mut annotations: Vec<_> = (0..400u64)
            .map(|id| {
                let copy = id as usize % 40 * text.len();
                let range = byte_range(text, spans[id as usize % spans.len()]);
                let span = copy + range.start..copy + range.end;
                let mut a = annotation(1000 - id, "quote", std::iter::once(span).collect());
                a.note = Some(format!("note {id} \"quoted\" \u{202e}"));
                Arc::new(a)
            })
            .collect();
        let long = annotations.len() / 2;
        let mut a = (*annotations[long]).clone();
        a.speaker = Some("Zoë 👩\u{200d}👩\u{200d}👧 ".repeat(CHUNK / 8));
        annotations[long] = Arc::new(a);
        let detached = vec![
            detached_record(5000, 0, "x"),
            detached_record(5001, 200, "y"),
            detached_record(5002, 1_000_000, "z"),
        ];
        (article, annotations, detached)
    }

    #[test]
    fn written_in_chunks_the_text_is_the_rendered_text() {
        let (article, annotations, detached) = large();
        let whole = render(&article, "a.txt", &annotations, &detached, None);
        assert!(whole.len() > 4 * CHUNK, "{}", whole.len());
        let mut sink = Sink {
            bytes: Vec::new(),
            writes: Vec::new(),
            room: usize::MAX,
        };
        write_to(&mut sink, &article, "a.txt", &annotations, &detached, None).expect("write");
        assert_eq!(String::from_utf8(sink.bytes).expect("UTF-8"), whole);
        assert!(sink.writes.len() > 4, "{:?}", sink.writes);
        // Pieces of about a chunk; only the one with the long speaker is more.
        let over: Vec<_> = sink.writes.iter().filter(|&&n| n > 2 * CHUNK).collect();
        assert_eq!(over.len(), 1, "{:?}", sink.writes);
    }

    #[test]
    fn a_sink_that_fails_makes_the_writing_fail_with_its_error() {
        let (article, annotations, detached) = large();
        let mut sink = Sink {
            bytes: Vec::new(),
            writes: Vec::new(),
            room: CHUNK + 10,
        };
        let err = write_to(&mut sink, &article, "a.txt", &annotations, &detached, None)
            .expect_err("the sink is full");
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(sink.bytes.len(), CHUNK + 10);
    }

    fn written(value: &str) -> String {
        let mut out = Out::whole(value.len() + 2);
        ron_str(&mut out, value).expect("writing into a String");
        out.text
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
