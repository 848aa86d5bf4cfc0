//! Reading the layout that `format::render` writes, line by line.
//!
//! A sidecar of tens of thousands of annotations is tens of megabytes of RON.
//! Read through `ron`, it is held three times at once (the file as a string,
//! every record with all its strings, then the annotations), and `ron` is slow
//! at it. Almost every sidecar is exactly as sayso rendered it, though, so this
//! reader takes that layout one line at a time, turns each record into an
//! [`Annotation`] as soon as it closes, and compares span texts with the
//! article without allocating them. Prefix, suffix and span texts are kept
//! only for records that end up detached, which must be written back unchanged.
//!
//! It is a shortcut, not a second parser: at the first line that is not
//! exactly what `render` writes (a hand edit with other spacing, a comment,
//! fields on one line, CRLF line endings, a BOM, a field it does not know),
//! at a duplicate id or one past the limit, or at anything `ron` might read
//! differently or refuse, it gives up with `None`.
//! The caller then reads the file with `ron`, which decides what it means and
//! reports errors with their line and column.

use std::collections::HashSet;
use std::io::BufRead;
use std::ops::Range;
use std::str::FromStr;

use super::format::{FORMAT, FileRecord, Record, SourceRecord, SpanRecord};
use super::{Sidecar, anchor, literal};
use crate::annotation::{Annotation, Finished, MAX_ID, Origin, Status};
use crate::article::Article;

/// The start of a field line of a record, before the field's name.
const FIELD: &str = "            ";

/// The sidecar in `input` read against `article`, or `None` when `input` is
/// not exactly in the rendered layout (and `ron` must read it). When the
/// article changed since the sidecar was written, no record is attached here:
/// each is kept whole, context included, for the store to place again.
pub(super) fn read(article: &Article, input: impl BufRead) -> Option<Sidecar> {
    let mut annotations = Vec::new();
    let sidecar = read_each(article, input, |a| annotations.push(a))?;
    Some(Sidecar {
        annotations,
        ..sidecar
    })
}

/// [`read`], handing each annotation that fits the article to `live` as
/// soon as its record closes, in the order of the file; the sidecar
/// returned holds the rest (no annotations). When the input turns out not
/// to be in the rendered layout, what `live` was given is void: `None`
/// means the whole file must be read by `ron`.
pub(super) fn read_each(
    article: &Article,
    input: impl BufRead,
    mut live: impl FnMut(Annotation),
) -> Option<Sidecar> {
    let mut lines = Lines::new(input);
    let Header {
        source,
        finished,
        has_records,
    } = header(&mut lines)?;
    let article_changed = source.blake3 != article.blake3_hex();
    let mut sidecar = Sidecar {
        article_changed,
        finished,
        ..Sidecar::default()
    };
    if has_records {
        let attach_to = (!article_changed).then_some(article);
        read_records(attach_to, &mut lines, |read| match read {
            Read::Live(a) => live(a),
            Read::Detached(r) => sidecar.detached.push(r),
        })?;
    }
    lines.expect(")")?;
    lines.at_end().then_some(sidecar)
}

/// The sidecar in `input` as stored, without its article, or `None` when
/// `input` is not exactly in the rendered layout.
pub(super) fn read_file(input: impl BufRead) -> Option<FileRecord> {
    let mut lines = Lines::new(input);
    let Header {
        source,
        finished,
        has_records,
    } = header(&mut lines)?;
    let mut annotations = Vec::new();
    if has_records {
        read_records(None, &mut lines, |read| {
            if let Read::Detached(r) = read {
                annotations.push(r);
            }
        })?;
    }
    lines.expect(")")?;
    lines.at_end().then_some(FileRecord {
        format: FORMAT,
        source,
        finished,
        annotations,
    })
}

/// The source and the finished mark of the sidecar in `input`, read from
/// its first lines only; `None` when they are not exactly in the rendered
/// layout.
pub(super) fn read_head(input: impl BufRead) -> Option<(SourceRecord, Option<Finished>)> {
    let Header {
        source, finished, ..
    } = header(&mut Lines::new(input))?;
    Some((source, finished))
}

/// What comes before the first record.
struct Header {
    source: SourceRecord,
    finished: Option<Finished>,
    /// Whether records follow.
    has_records: bool,
}

/// The lines before the first record.
fn header(lines: &mut Lines<impl BufRead>) -> Option<Header> {
    lines.expect("(")?;
    let format: u32 = number(lines.field("    format: ")?)?;
    if format != FORMAT {
        // `ron` tells a newer format from a broken file.
        return None;
    }
    lines.expect("    source: (")?;
    let file = owned(lines.field("        file: ")?)?;
    let chars = number(lines.field("        chars: ")?)?;
    let blake3 = owned(lines.field("        blake3: ")?)?;
    lines.expect("    ),")?;
    let mut line = lines.next()?;
    let mut finished = None;
    if let Some(mark) = line.strip_prefix("    finished: ") {
        finished = Some(finished_mark(mark)?);
        line = lines.next()?;
    }
    let has_records = match line {
        "    annotations: []," => false,
        "    annotations: [" => true,
        _ => return None,
    };
    Some(Header {
        source: SourceRecord {
            file,
            chars,
            blake3,
        },
        finished,
        has_records,
    })
}

/// `Some((by: "…", at: "…")),` as `render` writes the finished mark.
fn finished_mark(value: &str) -> Option<Finished> {
    let rest = value.strip_prefix("Some((by: ")?;
    let (by, rest) = literal::split(rest)?;
    let (at, rest) = literal::split(rest.strip_prefix(", at: ")?)?;
    if rest != "))," {
        return None;
    }
    Some(Finished {
        by: literal::unescape(by)?,
        at: literal::unescape(at)?,
    })
}

/// The lines of the input, each read into the same buffer.
struct Lines<R> {
    input: R,
    line: String,
}

impl<R: BufRead> Lines<R> {
    fn new(input: R) -> Lines<R> {
        Lines {
            input,
            line: String::new(),
        }
    }

    /// The next line without its `\n`; `None` at the end of the input, for a
    /// last line without `\n`, and when the input cannot be read as UTF-8
    /// (`ron`'s reading then reports it).
    fn next(&mut self) -> Option<&str> {
        self.line.clear();
        self.input.read_line(&mut self.line).ok()?;
        self.line.strip_suffix('\n')
    }

    /// Reads a line that must be `expected`.
    fn expect(&mut self, expected: &str) -> Option<()> {
        (self.next()? == expected).then_some(())
    }

    /// The value of a field line: what is between `start` and the final `,`.
    fn field(&mut self, start: &str) -> Option<&str> {
        self.next()?.strip_prefix(start)?.strip_suffix(',')
    }

    /// The value of the record field `name`.
    fn record_field(&mut self, name: &str) -> Option<&str> {
        self.next()?
            .strip_prefix(FIELD)?
            .strip_prefix(name)?
            .strip_prefix(": ")?
            .strip_suffix(',')
    }

    /// Whether nothing is left.
    fn at_end(&mut self) -> bool {
        self.line.clear();
        matches!(self.input.read_line(&mut self.line), Ok(0))
    }
}

/// Reads the records of `annotations: [` through its closing `],`, handing
/// each to `take` in the order of the file. With `attach_to`, records whose
/// spans fit that article come as live annotations; without, every record
/// comes whole.
fn read_records(
    attach_to: Option<&Article>,
    lines: &mut Lines<impl BufRead>,
    mut take: impl FnMut(Read),
) -> Option<()> {
    let mut ids = HashSet::new();
    let mut spans = Vec::new();
    loop {
        match lines.next()? {
            "        (" => {}
            "    ]," => return Some(()),
            _ => return None,
        }
        let read = read_record(attach_to, lines, &mut spans)?;
        let id = match &read {
            Read::Live(a) => a.id,
            Read::Detached(r) => r.id,
        };
        // A repeated id is an error that `ron`'s reading reports with its
        // place in the file.
        if !ids.insert(id) {
            return None;
        }
        take(read);
    }
}

/// One record as read.
enum Read {
    Live(Annotation),
    Detached(Record),
}

/// A span as read, before its record is known to attach.
struct SpanRead {
    start: usize,
    end: usize,
    text: SpanText,
}

enum SpanText {
    /// The recorded text is the article's at these bytes.
    Article(Range<usize>),
    /// The recorded text does not fit the article.
    Own(String),
}

/// Reads the fields of a record, after its opening `(`, through its `),`.
/// `spans` is scratch space, reused from record to record.
fn read_record(
    article: Option<&Article>,
    lines: &mut Lines<impl BufRead>,
    spans: &mut Vec<SpanRead>,
) -> Option<Read> {
    // An id past the limit is an error that `ron`'s reading reports.
    let id = number(lines.record_field("id")?).filter(|&id| id <= MAX_ID)?;
    let label = owned(lines.record_field("label")?)?;
    lines.expect("            spans: [")?;
    spans.clear();
    loop {
        let line = lines.next()?;
        if line == "            ]," {
            break;
        }
        spans.push(read_span(article, line)?);
    }
    let ranges = attached_ranges(spans);
    // The context only matters to a detached record: a live one gets it anew
    // from the article when it is written.
    let keep = ranges.is_none();
    let prefix = context(lines.record_field("prefix")?, keep)?;
    let suffix = context(lines.record_field("suffix")?, keep)?;
    let speaker = optional(lines.record_field("speaker")?)?;
    let note = optional(lines.record_field("note")?)?;
    let status = status(lines.record_field("status")?)?;
    let origin = origin(lines.record_field("origin")?)?;
    let author = owned(lines.record_field("author")?)?;
    let created = owned(lines.record_field("created")?)?;
    let modified = owned(lines.record_field("modified")?)?;
    lines.expect("        ),")?;
    Some(match ranges {
        Some(spans) => Read::Live(Annotation {
            id,
            label,
            spans,
            speaker,
            note,
            status,
            origin,
            author,
            created,
            modified,
        }),
        None => Read::Detached(Record {
            id,
            label,
            spans: span_records(article.map_or("", Article::text), spans),
            prefix,
            suffix,
            speaker,
            note,
            status,
            origin,
            author,
            created,
            modified,
        }),
    })
}

/// Reads `(start: S, end: E, text: "…"),`, checking the span against the
/// article when there is one; its text is allocated only when it does not fit.
fn read_span(article: Option<&Article>, line: &str) -> Option<SpanRead> {
    let rest = line.strip_prefix("                (start: ")?;
    let (start, rest) = rest.split_once(", end: ")?;
    let (end, rest) = rest.split_once(", text: ")?;
    let raw = string(rest.strip_suffix("),")?)?;
    let (start, end) = (number(start)?, number(end)?);
    let fits = article.and_then(|article| {
        anchor::byte_span(article, start, end, |text| {
            literal::equals(raw, text) == Some(true)
        })
    });
    let text = match fits {
        Some(bytes) => SpanText::Article(bytes),
        None => SpanText::Own(literal::unescape(raw)?),
    };
    Some(SpanRead { start, end, text })
}

/// The byte ranges of `spans` when the record attaches to the article.
fn attached_ranges(spans: &[SpanRead]) -> Option<Vec<Range<usize>>> {
    // Sized exactly: with tens of thousands of annotations, the room that
    // collecting through `Option` reserves for four spans adds up.
    let mut ranges = Vec::with_capacity(spans.len());
    for span in spans {
        match &span.text {
            SpanText::Article(bytes) => ranges.push(bytes.clone()),
            SpanText::Own(_) => return None,
        }
    }
    anchor::well_formed(&ranges).then_some(ranges)
}

/// The spans of a detached record, with their texts as recorded (which, for
/// the spans that fit, is the article's).
fn span_records(article_text: &str, spans: &mut Vec<SpanRead>) -> Vec<SpanRecord> {
    spans
        .drain(..)
        .map(|span| SpanRecord {
            start: span.start,
            end: span.end,
            text: match span.text {
                SpanText::Article(bytes) => article_text[bytes].to_owned(),
                SpanText::Own(text) => text,
            },
        })
        .collect()
}

/// A prefix or suffix: its text when `keep`, else checked and dropped.
fn context(value: &str, keep: bool) -> Option<String> {
    let raw = string(value)?;
    if keep {
        literal::unescape(raw)
    } else {
        literal::is_valid(raw).then(String::new)
    }
}

/// The string that `value`, a whole literal, stands for.
fn owned(value: &str) -> Option<String> {
    literal::unescape(string(value)?)
}

/// `Some("…")` or `None`.
fn optional(value: &str) -> Option<Option<String>> {
    if value == "None" {
        return Some(None);
    }
    owned(value.strip_prefix("Some(")?.strip_suffix(')')?).map(Some)
}

/// The raw contents of `value` when it is exactly one string literal.
fn string(value: &str) -> Option<&str> {
    match literal::split(value)? {
        (raw, "") => Some(raw),
        _ => None,
    }
}

/// A number as `render` writes it: decimal digits, no sign, no leading zero,
/// no `_`; other spellings are left to `ron`.
fn number<T: FromStr>(value: &str) -> Option<T> {
    let plain = value.bytes().all(|b| b.is_ascii_digit())
        && !value.is_empty()
        && (value == "0" || !value.starts_with('0'));
    if plain { value.parse().ok() } else { None }
}

/// The variants as `ron` writes them; a variant added later is read by `ron`
/// until it is added here.
fn status(value: &str) -> Option<Status> {
    match value {
        "Pending" => Some(Status::Pending),
        "Accepted" => Some(Status::Accepted),
        "Rejected" => Some(Status::Rejected),
        _ => None,
    }
}

fn origin(value: &str) -> Option<Origin> {
    match value {
        "Manual" => Some(Origin::Manual),
        "Suggested" => Some(Origin::Suggested),
        "Imported" => Some(Origin::Imported),
        _ => None,
    }
}
