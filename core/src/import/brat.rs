//! brat standoff: a `.ann` file beside the `.txt` it annotates.
//!
//! ```text
//! T1→quote 297 330→shabby and discredited witch hunt
//! T2→quote 10 20;25 30→first fragment second
//! #1→AnnotatorNotes T1→speaker: Gavin Williamson
//! A1→Status T1 Accepted
//! ```
//!
//! (→ is a tab.)
//!
//! Offsets are chars, as brat's Python counts them (CRLF is two, and a BOM
//! at the head of the `.txt` is one, which the command line accounts for).
//! The text of a discontinuous annotation is its fragments joined by a
//! space. An `AnnotatorNotes` note that starts with `speaker: ` gives the
//! speaker; one that starts with `note: ` (as sayso's exporter writes them),
//! or any other, gives the note. Attributes (`A`, `M`: an import starts
//! pending), relations, events, normalisations and equivalences have no
//! place in sayso and are named as skipped.
//!
//! A line cannot hold a line break, but some tools write a `T` line whose
//! text runs over one: the lines after it that are no annotation are its
//! text going on. That annotation alone is refused, with its line; the rest
//! of the file is read.

use std::collections::HashMap;
use std::path::Path;

use super::{
    Document, Incoming, IncomingSpan, Offsets, Parsed, Skipped, SyntaxError, numbered_lines,
};
use crate::article::display::one_line;

/// How sayso's exporter writes the speaker and the note as AnnotatorNotes.
const SPEAKER: &str = "speaker: ";
const NOTE: &str = "note: ";

pub(super) fn read(source: &str, path: &Path) -> Result<Parsed, SyntaxError> {
    let mut annotations: Vec<Incoming> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut notes: Vec<(usize, &str, &str)> = Vec::new();
    let mut skipped = Vec::new();
    // The `T` annotation whose text a line that is no annotation goes on.
    let mut open_text: Option<usize> = None;
    for (number, line) in numbered_lines(source) {
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let data = fields.next().unwrap_or_default();
        let tail = fields.next();
        if let Some(a) = open_text.filter(|_| !is_annotation(id, data)) {
            let incoming = &mut annotations[a];
            incoming.refused = Some(format!(
                "its text runs over a line break (on to line {number}), which a brat line cannot hold; write the span as fragments cut at the break (`start end;start end`)"
            ));
            continue;
        }
        open_text = None;
        match id.chars().next() {
            Some('T') => {
                let incoming = textbound(number, id, data, tail)?;
                by_id.insert(id, annotations.len());
                open_text = Some(annotations.len());
                annotations.push(incoming);
            }
            Some('#') => {
                let (kind, target) = data.split_once(' ').unwrap_or((data, ""));
                if kind == "AnnotatorNotes" {
                    notes.push((number, target.trim(), tail.unwrap_or_default()));
                } else {
                    skipped.push(skip(number, format!("note {id} of type {kind}")));
                }
            }
            // sayso's own export writes the review status so; an import is
            // pending whatever it says, and nothing of it is lost.
            Some('A' | 'M') if is_own_status(data) => {}
            Some('A' | 'M') => skipped.push(skip(number, format!("attribute {id} ({data})"))),
            Some('R') => skipped.push(skip(number, format!("relation {id}"))),
            Some('E') => skipped.push(skip(number, format!("event {id}"))),
            Some('N') => skipped.push(skip(number, format!("normalisation {id}"))),
            Some('*') => skipped.push(skip(number, "equivalence".into())),
            _ => {
                return Err(SyntaxError::new(
                    number,
                    format!(
                        "{:?} is not a brat annotation (T1, #1, A1, R1, E1, N1 or *)",
                        short(line)
                    ),
                ));
            }
        }
    }
    for (number, target, note) in notes {
        let Some(&a) = by_id.get(target) else {
            skipped.push(skip(
                number,
                format!("note on {target}, which is no text span"),
            ));
            continue;
        };
        let annotation = &mut annotations[a];
        match note.strip_prefix(SPEAKER) {
            Some(speaker) => annotation.speaker = Some(speaker.to_string()),
            None => {
                let note = note.strip_prefix(NOTE).unwrap_or(note);
                annotation.note = Some(match annotation.note.take() {
                    Some(earlier) => format!("{earlier}\n{note}"),
                    None => note.to_string(),
                })
            }
        }
    }
    Ok(Parsed {
        documents: vec![Document {
            line: 1,
            article: Some(path.with_extension("txt")),
            text: None,
            offsets: Offsets::Chars,
            counts_bom: false,
            annotations,
        }],
        skipped,
    })
}

/// Whether a line's first two fields make a brat annotation: an id of a
/// kind letter and a number (`T12`, `#3`, `*`), and data after it.
fn is_annotation(id: &str, data: &str) -> bool {
    let mut chars = id.chars();
    let kind = chars.next();
    let number = chars.as_str();
    match kind {
        Some('*') => number.is_empty() && !data.is_empty(),
        Some('T' | '#' | 'A' | 'M' | 'R' | 'E' | 'N') => {
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) && !data.is_empty()
        }
        _ => false,
    }
}

/// A `T` line: `Label START END[;START END]...` and the text.
fn textbound(
    number: usize,
    id: &str,
    data: &str,
    tail: Option<&str>,
) -> Result<Incoming, SyntaxError> {
    let bad = |what: &str| {
        SyntaxError::new(
            number,
            format!("{id} {what}; a text span reads `T1<tab>Label START END<tab>text`"),
        )
    };
    let (label, offsets) = data.split_once(' ').ok_or_else(|| bad("has no offsets"))?;
    let mut spans = Vec::new();
    for fragment in offsets.split(';') {
        let mut numbers = fragment.split_whitespace().map(str::parse::<usize>);
        let (Some(Ok(start)), Some(Ok(end)), None) =
            (numbers.next(), numbers.next(), numbers.next())
        else {
            return Err(bad(&format!("has offsets {fragment:?}, not two numbers")));
        };
        spans.push(IncomingSpan {
            line: number,
            start,
            end,
            text: None,
        });
    }
    Ok(Incoming {
        line: number,
        label: label.to_string(),
        spans,
        joined_text: tail.map(str::to_string),
        speaker: None,
        note: None,
        author: None,
        refused: None,
    })
}

/// What is skipped on `line`, on one line: an `.ann` line ends at `\n`
/// alone, so a CR or another control char of the file may be in `what`.
fn skip(line: usize, what: String) -> Skipped {
    let what = one_line(&what).into_owned();
    Skipped { line, what }
}

/// The first few chars of a line, for a message.
fn short(line: &str) -> String {
    let head: String = line.chars().take(20).collect();
    if head.len() < line.len() {
        head + "…"
    } else {
        head
    }
}

/// Whether an attribute line's data is the `Status T<id> Accepted` that
/// sayso's brat export writes.
fn is_own_status(data: &str) -> bool {
    let mut words = data.split(' ');
    words.next() == Some("Status")
        && words.next().is_some_and(|t| t.starts_with('T'))
        && words
            .next()
            .is_some_and(|s| ["Pending", "Accepted", "Rejected"].contains(&s))
        && words.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(source: &str) -> Parsed {
        match read(source, Path::new("dir/story.ann")) {
            Ok(parsed) => parsed,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn text_spans_notes_and_fragments() {
        let source = "T1\tquote 2 5\t👩‍👩‍👧 x\r\n#1\tAnnotatorNotes T1\tspeaker: Zoë\r\n#2\tAnnotatorNotes T1\tnote: checked\r\n#3\tAnnotatorNotes T1\ttwice\r\nT2\tclaim 0 1;3 4\ta b\r\nA1\tStatus T1 Accepted\r\n";
        let p = parsed(source);
        let skipped: Vec<(usize, &str)> = p
            .skipped
            .iter()
            .map(|s| (s.line, s.what.as_str()))
            .collect();
        assert_eq!(skipped, [], "sayso's own status attribute is no loss");
        let d = &p.documents[0];
        assert_eq!(d.article.as_deref(), Some(Path::new("dir/story.txt")));
        assert_eq!(d.offsets, Offsets::Chars);
        let t1 = &d.annotations[0];
        assert_eq!((t1.line, t1.label.as_str()), (1, "quote"));
        assert_eq!((t1.spans[0].start, t1.spans[0].end), (2, 5));
        assert_eq!(t1.joined_text.as_deref(), Some("👩‍👩‍👧 x"));
        assert_eq!(t1.speaker.as_deref(), Some("Zoë"));
        assert_eq!(t1.note.as_deref(), Some("checked\ntwice"));
        let t2 = &d.annotations[1];
        let fragments: Vec<(usize, usize)> = t2.spans.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(fragments, [(0, 1), (3, 4)]);
        assert_eq!(t2.joined_text.as_deref(), Some("a b"));
    }

    #[test]
    fn relations_events_and_normalisations_are_skipped_with_their_line() {
        let source = "T1\tPER 0 3\tAnn\nR1\tknows Arg1:T1 Arg2:T1\nE1\tMove:T1\nN1\tReference T1 Wiki:1\n*\tAlias T1 T1\n#3\tAnnotatorNotes R1\tx\n";
        let p = parsed(source);
        let lines: Vec<usize> = p.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6]);
        assert!(p.skipped[0].what.contains("relation R1"));
        assert_eq!(p.documents[0].annotations.len(), 1);
    }

    #[test]
    fn a_text_span_whose_line_was_broken_is_refused_alone() {
        // As PolNeAR's files have it: the text of T2 goes on over two lines.
        let source = "T1\tsource 0 3\tAnn\nT2\tquote 10 40\tthe first line\nand the second\n  and a third\nT3\tquote 50 55\tfine.\nA1\tNegated T3\nA2\tStatus T3 Maybe\n";
        let p = parsed(source);
        let d = &p.documents[0];
        let refused: Vec<(usize, Option<&str>)> = d
            .annotations
            .iter()
            .map(|a| (a.line, a.refused.as_deref()))
            .collect();
        assert_eq!(refused.len(), 3);
        assert_eq!(refused[0], (1, None));
        assert_eq!(refused[1].0, 2);
        assert!(
            refused[1]
                .1
                .is_some_and(|why| why.contains("line break (on to line 4)")),
            "{refused:?}"
        );
        assert_eq!(refused[2], (5, None));
        let skipped: Vec<(usize, &str)> = p
            .skipped
            .iter()
            .map(|s| (s.line, s.what.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (6, "attribute A1 (Negated T3)"),
                (7, "attribute A2 (Status T3 Maybe)")
            ]
        );
    }

    #[test]
    fn a_lone_cr_or_an_escape_in_a_line_stays_in_one_line_messages() {
        let p = parsed("E1\r\nE\u{1b}]0;x\u{7}\rR2\tx\n");
        let said: Vec<&str> = p.skipped.iter().map(|s| s.what.as_str()).collect();
        assert_eq!(said, ["event E1", "event E␛]0;x␇ R2"]);
        let error = read("T1\tq 0 x\r1\tt\n", Path::new("a.ann")).err();
        let message = error.map(|e| e.message).unwrap_or_default();
        assert!(
            message.contains("\"0 x\\r1\"") && !message.contains('\r'),
            "{message}"
        );
    }

    #[test]
    fn bad_offsets_are_a_syntax_error_on_their_line() {
        for bad in [
            "T1\tquote 2 x\ttext",
            "T1\tquote\ttext",
            "T1\tquote 1 2 3\tt",
        ] {
            let error = read(&format!("T0\tq 0 1\ta\n{bad}\n"), Path::new("a.ann")).err();
            assert_eq!(error.map(|e| e.line), Some(2), "{bad}");
        }
    }
}
