//! `brat`: brat standoff files in a folder, for each article a copy of its
//! text (`name.txt`) and its annotations (`name.ann`), at the article's path
//! below the directory it was found in; and an `annotation.conf` that
//! declares the labels and the `Status` attribute, so that brat shows them.
//!
//! brat's loader checks every `T` line against the text: offsets in chars of
//! the `.txt` as read (no BOM, so the copy has none; line endings kept), the
//! text after the second tab equal to the fragments joined by one space. It
//! reads the `.ann` line by line, splitting lines as Python does, so a line
//! break inside a span (`\n`, `\r`, and the other breaks Python splits at,
//! such as U+2028) would end the line: a span is cut into fragments there,
//! with the white space around the break left out. Lines written:
//!
//! - `T<id>\t<label> <start> <end>[;<start> <end>...]\t<text>`, `<id>` the
//!   sayso id, white space in a label made `_`;
//! - `A<n>\tStatus T<id> <Pending|Accepted|Rejected>`;
//! - `#<n>\tAnnotatorNotes T<id>\tspeaker: <name>` and `... note: <note>`,
//!   with line breaks in them made spaces.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{CharSpan, Writer, char_spans, one_word, replaced_link, temp_beside};
use crate::annotation::{Annotation, Status};
use crate::corpus::{self, Document, Problem, Skips, is_link};

pub struct Brat {
    folder: PathBuf,
    /// Each `.txt` written, with the article it came from: two articles
    /// must not be written to the same files.
    written: HashMap<PathBuf, PathBuf>,
    labels: BTreeSet<String>,
    /// Symbolic links that stood where a file was written, replaced by it.
    replaced: Vec<PathBuf>,
}

impl Brat {
    pub fn new(folder: &Path) -> Brat {
        Brat {
            folder: folder.to_path_buf(),
            written: HashMap::new(),
            labels: BTreeSet::new(),
            replaced: Vec::new(),
        }
    }

    /// Writes `contents` to `path` through a temporary file and a rename, so
    /// that a symbolic link there is replaced, never written through (it
    /// could lead anywhere), and a file is never left half written.
    fn write(&mut self, path: &Path, contents: &str) -> io::Result<()> {
        if is_link(path) {
            self.replaced.push(path.to_path_buf());
        }
        let mut temp = temp_beside(path)?;
        temp.write_all(contents.as_bytes())?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }

    /// The first folder between the output folder and `file` that is a
    /// symbolic link: what is written below it would land where it leads.
    fn linked_folder(&self, file: &Path) -> Option<PathBuf> {
        let below = file.parent()?.strip_prefix(&self.folder).ok()?;
        let mut at = self.folder.clone();
        below.components().find_map(|part| {
            at.push(part);
            is_link(&at).then(|| at.clone())
        })
    }

    /// Where the text of `document` goes, or the problem with writing it there.
    fn destination(&self, document: &Document) -> Result<PathBuf, Problem> {
        let text = self.folder.join(&document.relative).with_extension("txt");
        if let Some(other) = self.written.get(&text) {
            return Err(Problem::SameDestination {
                path: document.path.clone(),
                dest: text,
                other: other.clone(),
            });
        }
        let is_the_article = fs::canonicalize(&text)
            .ok()
            .is_some_and(|t| fs::canonicalize(&document.path).is_ok_and(|a| a == t));
        if is_the_article {
            return Err(Problem::WouldOverwrite {
                path: document.path.clone(),
                dest: text,
            });
        }
        if let Some(link) = self.linked_folder(&text) {
            return Err(Problem::LinkedOutput {
                path: document.path.clone(),
                link,
            });
        }
        Ok(text)
    }
}

impl Writer for Brat {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        skips: &mut Skips,
    ) -> Result<(), corpus::Error> {
        let text_path = match self.destination(document) {
            Ok(path) => path,
            Err(problem) => return skips.skip(problem),
        };
        if let Some(parent) = text_path.parent() {
            fs::create_dir_all(parent)?;
        }
        let ann = standoff(document, annotations);
        self.write(&text_path, document.article.text())?;
        self.write(&text_path.with_extension("ann"), &ann)?;
        self.labels
            .extend(annotations.iter().map(|a| one_word(&a.label)));
        self.written.insert(text_path, document.path.clone());
        Ok(())
    }

    fn finish(&mut self, report: &mut dyn Write) -> io::Result<()> {
        fs::create_dir_all(&self.folder)?;
        self.write(&self.folder.join("annotation.conf"), &config(&self.labels))?;
        for link in &self.replaced {
            // A note, not an error: stderr that is gone does not matter.
            let _ = writeln!(report, "sayso: {}", replaced_link(link));
        }
        Ok(())
    }
}

/// The `.ann` text for `annotations` of `document`.
fn standoff(document: &Document, annotations: &[&Annotation]) -> String {
    let mut out = String::new();
    let mut attributes = 0;
    let mut notes = 0;
    for annotation in annotations {
        let fragments: Vec<CharSpan> = char_spans(&document.article, annotation)
            .iter()
            .flat_map(fragments)
            .collect();
        if fragments.is_empty() {
            continue;
        }
        let offsets: Vec<String> = fragments
            .iter()
            .map(|f| format!("{} {}", f.start, f.end))
            .collect();
        let texts: Vec<&str> = fragments.iter().map(|f| f.text).collect();
        let id = annotation.id;
        // Writing into a String cannot fail.
        let _ = writeln!(
            out,
            "T{id}\t{} {}\t{}",
            one_word(&annotation.label),
            offsets.join(";"),
            texts.join(" ")
        );
        attributes += 1;
        let _ = writeln!(
            out,
            "A{attributes}\tStatus T{id} {}",
            status(annotation.status)
        );
        for (kind, value) in [("speaker", &annotation.speaker), ("note", &annotation.note)] {
            if let Some(value) = value {
                notes += 1;
                let _ = writeln!(
                    out,
                    "#{notes}\tAnnotatorNotes T{id}\t{kind}: {}",
                    one_line(value)
                );
            }
        }
    }
    out
}

/// Whether Python's `str.splitlines` (which brat's reader uses) ends a line at `c`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `span` cut at line breaks, each piece without the white space next to a
/// break; pieces of only white space are left out.
fn fragments<'a>(span: &CharSpan<'a>) -> Vec<CharSpan<'a>> {
    let text = span.text;
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices().filter(|&(_, c)| is_line_break(c)) {
        let piece = &text[start..i];
        pieces.push((start, piece.trim_end()));
        start = i + c.len_utf8();
    }
    pieces.push((start, &text[start..]));
    pieces
        .into_iter()
        .enumerate()
        .filter_map(|(n, (at, piece))| {
            // The first piece follows no break: its start stays.
            let kept = if n == 0 { piece } else { piece.trim_start() };
            if kept.trim().is_empty() {
                return None;
            }
            let from = at + (piece.len() - kept.len());
            let start = span.start + text[..from].chars().count();
            Some(CharSpan {
                start,
                end: start + kept.chars().count(),
                text: kept,
                bytes: span.bytes.start + from..span.bytes.start + from + kept.len(),
            })
        })
        .collect()
}

/// `text` on one line: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if is_line_break(c) { ' ' } else { c })
        .collect()
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Pending => "Pending",
        Status::Accepted => "Accepted",
        Status::Rejected => "Rejected",
    }
}

/// brat's `annotation.conf` for `labels`.
fn config(labels: &BTreeSet<String>) -> String {
    let mut out = String::from("[entities]\n");
    for label in labels {
        out.push_str(label);
        out.push('\n');
    }
    out.push_str("\n[relations]\n\n[events]\n\n[attributes]\n");
    out.push_str("Status\tArg:<ENTITY>, Value:Pending|Accepted|Rejected\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, start: usize) -> CharSpan<'_> {
        CharSpan {
            start,
            end: start + text.chars().count(),
            text,
            bytes: 100..100 + text.len(),
        }
    }

    fn pieces(text: &str, start: usize) -> Vec<(usize, usize, String)> {
        fragments(&span(text, start))
            .into_iter()
            .map(|f| (f.start, f.end, f.text.to_string()))
            .collect()
    }

    #[test]
    fn a_span_without_a_break_is_one_fragment() {
        assert_eq!(pieces("é 👩‍👩‍👧 漢", 5), vec![(5, 14, "é 👩‍👩‍👧 漢".into())]);
    }

    #[test]
    fn a_span_is_cut_at_every_kind_of_line_break_without_the_space_around() {
        assert_eq!(
            pieces("ab\r\n\r\n  cd\u{2028}e\u{85}f", 10),
            vec![
                (10, 12, "ab".into()),
                (18, 20, "cd".into()),
                (21, 22, "e".into()),
                (23, 24, "f".into()),
            ]
        );
        assert_eq!(
            pieces("a\n \t\nb", 0),
            vec![(0, 1, "a".into()), (5, 6, "b".into())]
        );
    }

    #[test]
    fn fragments_keep_their_bytes_in_step_with_their_chars() {
        for f in fragments(&span("é\n  漢字\r\nb", 3)) {
            assert_eq!(f.bytes.len(), f.text.len());
        }
        let f = fragments(&span("é\n  漢字", 3));
        assert_eq!(f[1].bytes, 100 + 5..100 + 11);
    }

    #[test]
    fn notes_stay_on_one_line() {
        assert_eq!(one_line("a\nb\r\nc\u{2029}d\te"), "a b  c d\te");
    }
}
