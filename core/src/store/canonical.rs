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
use std::io::{BufRead, Read as _};
use std::ops::Range;
use std::str::FromStr;

use super::format::{FORMAT, FileRecord, Record, SourceRecord, SpanRecord};
use super::reanchor::Placer;
use super::{Sidecar, anchor, literal};
use crate::annotation::{Annotation, Finished, MAX_ID, Origin, Status};
use crate::article::Article;

/// The start of a field line of a record, before the field's name.
const FIELD: &str = "            ";

/// The sidecar in `input` read against `article`, or `None` when `input` is
/// not exactly in the rendered layout (and `ron` must read it). When the
/// article changed since the sidecar was written, no record is attached
/// here: each is offered to the placer that comes back, which places it
/// by its neighbours' shift or keeps it whole for the search.
///
/// `expected` is about how many annotations the input holds (see
/// [`records_in`]): room for them is made once, where growing the list as
/// they come would copy it again and again.
pub(super) fn read<'a>(
    article: &'a Article,
    input: impl BufRead,
    expected: usize,
) -> Option<(Sidecar, Placer<'a>)> {
    let mut annotations = Vec::with_capacity(expected);
    let (sidecar, placer) = read_each(article, input, |a| annotations.push(a))?;
    let sidecar = Sidecar {
        annotations,
        ..sidecar
    };
    Some((sidecar, placer))
}

/// About how many records a sidecar of `bytes` holds: a record of news text
/// in the rendered layout takes 500 to 800 bytes. A guess that is off costs
/// little: a list that grows a time or two more, or some room left over.
pub(super) fn records_in(bytes: u64) -> usize {
    usize::try_from(bytes / 512).unwrap_or(0)
}

/// [`read`], handing each annotation that fits the article to `live` as
/// soon as its record closes, in the order of the file; the sidecar
/// returned holds the rest (no annotations). When the input turns out not
/// to be in the rendered layout, what `live` was given is void: `None`
/// means the whole file must be read by `ron`.
pub(super) fn read_each<'a>(
    article: &'a Article,
    input: impl BufRead,
    mut live: impl FnMut(Annotation),
) -> Option<(Sidecar, Placer<'a>)> {
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
    let mut placer = Placer::new(article);
    if has_records {
        // On another text, offsets that hold the text prove nothing alone:
        // every record is placed again, its context checked too.
        let against = if article_changed {
            Against::Changed(&mut placer)
        } else {
            Against::Offsets(article)
        };
        read_records(against, &mut lines, |read| match read {
            Read::Live(a) => live(a),
            Read::Detached(r) => sidecar.detached.push(r),
        })?;
    }
    lines.expect(")")?;
    lines.at_end().then_some((sidecar, placer))
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
        read_records(Against::Nothing, &mut lines, |read| {
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

/// The lines of the input, read a chunk of whole lines at a time: each
/// chunk is checked to be UTF-8 once, and its lines are handed out as they
/// are in it, never copied.
struct Lines<R> {
    input: R,
    /// Whole lines read and not handed out yet, from `at` on.
    chunk: String,
    at: usize,
    /// The start of a line that runs past the end of `chunk`.
    partial: Vec<u8>,
    /// How much the next read takes at most: a few kilobytes at first, for
    /// a reader of the first lines only, then [`CHUNK`].
    size: usize,
}

/// The most a chunk of lines reads at once.
const CHUNK: usize = 64 << 10;

impl<R: BufRead> Lines<R> {
    fn new(input: R) -> Lines<R> {
        Lines {
            input,
            chunk: String::new(),
            at: 0,
            partial: Vec::new(),
            size: 8 << 10,
        }
    }

    /// The next line without its `\n`; `None` at the end of the input, for a
    /// last line without `\n`, and when the input cannot be read as UTF-8
    /// (`ron`'s reading then reports it).
    fn next(&mut self) -> Option<&str> {
        loop {
            if let Some(end) = self.chunk[self.at..].find('\n') {
                let line = self.at..self.at + end;
                self.at += end + 1;
                return Some(&self.chunk[line]);
            }
            self.refill()?;
        }
    }

    /// Reads the next chunk of whole lines, after those handed out; `None`
    /// when no whole line is left or the lines are not UTF-8.
    fn refill(&mut self) -> Option<()> {
        let mut bytes = std::mem::take(&mut self.chunk).into_bytes();
        bytes.clear();
        bytes.append(&mut self.partial);
        loop {
            let from = bytes.len();
            let read = (&mut self.input)
                .take(self.size as u64)
                .read_to_end(&mut bytes)
                .ok()?;
            self.size = CHUNK;
            if read == 0 || bytes[from..].contains(&b'\n') {
                break;
            }
        }
        let end = bytes.iter().rposition(|&b| b == b'\n')? + 1;
        self.partial = bytes.split_off(end);
        self.chunk = String::from_utf8(bytes).ok()?;
        self.at = 0;
        Some(())
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
        self.at == self.chunk.len()
            && self.partial.is_empty()
            && self.input.fill_buf().is_ok_and(<[u8]>::is_empty)
    }
}

/// What records are read against.
enum Against<'p, 'a> {
    /// Nothing: every record comes whole.
    Nothing,
    /// The article they were written on: a record whose spans fit it comes
    /// as a live annotation.
    Offsets(&'a Article),
    /// An article that changed since: each record is offered to the placer
    /// as it is read, which keeps it.
    Changed(&'p mut Placer<'a>),
}

/// Reads the records of `annotations: [` through its closing `],`, handing
/// each to `take` in the order of the file, but for those the placer keeps.
/// On a changed article, records out of the order sayso writes them in (by
/// first start, then id) give up: placing them one by one in another order
/// could place them otherwise.
fn read_records(
    mut against: Against,
    lines: &mut Lines<impl BufRead>,
    mut take: impl FnMut(Read),
) -> Option<()> {
    let mut ids = HashSet::new();
    let mut raw = Raw::default();
    let mut last = (0, 0);
    for index in 0.. {
        match lines.next()? {
            "        (" => {}
            "    ]," => return Some(()),
            _ => return None,
        }
        let fields = read_record(lines, &mut raw)?;
        // A repeated id is an error that `ron`'s reading reports with its
        // place in the file.
        if !ids.insert(fields.id) {
            return None;
        }
        match &mut against {
            Against::Nothing => take(Read::Detached(raw.record(fields)?)),
            Against::Offsets(article) => take(raw.attach(article, fields)?),
            Against::Changed(placer) => {
                let key = (raw.spans.first().map_or(0, |s| s.start), fields.id);
                if key < last {
                    return None;
                }
                last = key;
                raw.place(placer, fields, index)?;
            }
        }
    }
    None
}

/// One record as read.
enum Read {
    Live(Annotation),
    Detached(Record),
}

/// The spans and context of the record being read, their texts raw (as
/// between the quotes, escapes and all) in one string reused from record
/// to record: a record that attaches, or is placed by its neighbours'
/// shift, never has them copied out.
#[derive(Default)]
struct Raw {
    text: String,
    spans: Vec<RawSpan>,
    prefix: Range<usize>,
    suffix: Range<usize>,
    /// The texts unescaped, for placing: span texts, then prefix and
    /// suffix, each where `plain_at` says.
    plain: String,
    plain_at: Vec<Range<usize>>,
}

/// A span as read: its char offsets and where its raw text is in
/// [`Raw::text`].
struct RawSpan {
    start: usize,
    end: usize,
    text: Range<usize>,
}

impl Raw {
    /// Appends a raw literal, and says where it is.
    fn push(&mut self, literal: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(literal);
        start..self.text.len()
    }

    /// The record read, as a live annotation when its spans fit `article`,
    /// else whole; `None` when a literal holds an escape `ron` refuses.
    fn attach(&self, article: &Article, fields: Annotation) -> Option<Read> {
        // Sized exactly: with tens of thousands of annotations, the room
        // that collecting through `Option` reserves for four spans adds up.
        let mut ranges = Vec::with_capacity(self.spans.len());
        for span in &self.spans {
            let raw = &self.text[span.text.clone()];
            let fits = anchor::byte_span(article, span.start, span.end, |text| {
                literal::equals(raw, text) == Some(true)
            });
            match fits {
                Some(bytes) => ranges.push(bytes),
                None => return self.record(fields).map(Read::Detached),
            }
        }
        if !anchor::well_formed(&ranges) {
            return self.record(fields).map(Read::Detached);
        }
        // The context only matters to a detached record: a live one gets
        // it anew from the article when it is written.
        let valid = |range: &Range<usize>| literal::is_valid(&self.text[range.clone()]);
        (valid(&self.prefix) && valid(&self.suffix)).then(|| Read::Live(live(fields, ranges)))
    }

    /// Offers the record read to `placer`, its texts unescaped: placed by
    /// its neighbours' shift, it becomes an annotation; otherwise the placer
    /// holds it whole, as the `index`th of the file.
    fn place(&mut self, placer: &mut Placer, fields: Annotation, index: usize) -> Option<()> {
        self.unescape_all()?;
        let plain = self.plain.as_str();
        let at = |i: usize| &plain[self.plain_at[i].clone()];
        let n = self.spans.len();
        let spans = self
            .spans
            .iter()
            .enumerate()
            .map(|(k, span)| (span.start, at(k)));
        match placer.offer(spans, at(n), at(n + 1)) {
            Some(ranges) => placer.add(live(fields, ranges)),
            None => {
                let spans = self.spans.iter().enumerate();
                let spans = spans
                    .map(|(k, span)| SpanRecord {
                        start: span.start,
                        end: span.end,
                        text: at(k).to_owned(),
                    })
                    .collect();
                let record = anchor::record(fields, spans, at(n).to_owned(), at(n + 1).to_owned());
                placer.hold(index, record);
            }
        }
        Some(())
    }

    /// Unescapes the span texts, then the prefix and suffix, into `plain`;
    /// `None` when a literal holds an escape `ron` refuses.
    fn unescape_all(&mut self) -> Option<()> {
        self.plain.clear();
        self.plain_at.clear();
        let raws = self.spans.iter().map(|s| &s.text);
        for raw in raws.chain([&self.prefix, &self.suffix]) {
            let start = self.plain.len();
            literal::unescape_into(&self.text[raw.clone()], &mut self.plain)?;
            self.plain_at.push(start..self.plain.len());
        }
        Some(())
    }

    /// The record read, whole; `None` when a literal holds an escape `ron`
    /// refuses.
    fn record(&self, fields: Annotation) -> Option<Record> {
        let owned = |range: &Range<usize>| literal::unescape(&self.text[range.clone()]);
        let spans = self
            .spans
            .iter()
            .map(|span| {
                Some(SpanRecord {
                    start: span.start,
                    end: span.end,
                    text: owned(&span.text)?,
                })
            })
            .collect::<Option<_>>()?;
        Some(anchor::record(
            fields,
            spans,
            owned(&self.prefix)?,
            owned(&self.suffix)?,
        ))
    }
}

/// The annotation `fields` (read without its spans) with its `spans`.
fn live(fields: Annotation, spans: Vec<Range<usize>>) -> Annotation {
    Annotation { spans, ..fields }
}

/// Reads the fields of a record, after its opening `(`, through its `),`:
/// its spans and context go to `raw`, the rest comes back as an annotation
/// without spans.
fn read_record(lines: &mut Lines<impl BufRead>, raw: &mut Raw) -> Option<Annotation> {
    // An id past the limit is an error that `ron`'s reading reports.
    let id = number(lines.record_field("id")?).filter(|&id| id <= MAX_ID)?;
    let label = owned(lines.record_field("label")?)?;
    lines.expect("            spans: [")?;
    raw.text.clear();
    raw.spans.clear();
    loop {
        let line = lines.next()?;
        if line == "            ]," {
            break;
        }
        let (start, end, text) = read_span(line)?;
        let text = raw.push(text);
        raw.spans.push(RawSpan { start, end, text });
    }
    raw.prefix = raw.push(string(lines.record_field("prefix")?)?);
    raw.suffix = raw.push(string(lines.record_field("suffix")?)?);
    let speaker = optional(lines.record_field("speaker")?)?;
    let note = optional(lines.record_field("note")?)?;
    let status = status(lines.record_field("status")?)?;
    let origin = origin(lines.record_field("origin")?)?;
    let author = owned(lines.record_field("author")?)?;
    let created = owned(lines.record_field("created")?)?;
    let modified = owned(lines.record_field("modified")?)?;
    lines.expect("        ),")?;
    Some(Annotation {
        id,
        label,
        spans: Vec::new(),
        speaker,
        note,
        status,
        origin,
        author,
        created,
        modified,
    })
}

/// Reads `(start: S, end: E, text: "…"),`: the offsets, and the raw text.
fn read_span(line: &str) -> Option<(usize, usize, &str)> {
    let rest = line.strip_prefix("                (start: ")?;
    let (start, rest) = rest.split_once(", end: ")?;
    let (end, rest) = rest.split_once(", text: ")?;
    let raw = string(rest.strip_suffix("),")?)?;
    Some((number(start)?, number(end)?, raw))
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
