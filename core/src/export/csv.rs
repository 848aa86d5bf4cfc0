//! `csv`: one span per row, the columns of [`super::row::COLUMNS`] with a
//! header, RFC 4180 quoting (fields with a comma, quote or line break are
//! quoted, quotes doubled; rows end with CRLF).
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some
//! with a tab or carriage return) as a formula, so a quote such as
//! `=HYPERLINK(...)` in an article could run in an editor's spreadsheet. Such
//! a cell gets a leading `'`, which spreadsheets read as "this is text" and do
//! not show; a program comparing the `text` column with the article drops it
//! first. `other_spans` is JSON, as in `jsonl`; an absent speaker or note is
//! an empty cell.

use std::borrow::Cow;
use std::io::{self, Write};

use super::Writer;
use super::row::{COLUMNS, Row, rows};
use crate::annotation::Annotation;
use crate::corpus::{self, Document, Skips};

pub struct Csv<'a> {
    out: ::csv::Writer<&'a mut dyn Write>,
    header: bool,
}

impl<'a> Csv<'a> {
    pub fn new(out: &'a mut dyn Write) -> Csv<'a> {
        let out = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        Csv { out, header: false }
    }

    fn header(&mut self) -> io::Result<()> {
        if !self.header {
            self.out.write_record(COLUMNS)?;
            self.header = true;
        }
        Ok(())
    }

    fn row(&mut self, row: &Row) -> io::Result<()> {
        let other_spans = serde_json::to_string(&row.other_spans)?;
        let record = [
            cell(row.article),
            row.id.to_string().into(),
            cell(row.label),
            row.start.to_string().into(),
            row.end.to_string().into(),
            cell(row.text),
            cell(row.speaker.unwrap_or_default()),
            cell(row.note.unwrap_or_default()),
            row.status.into(),
            cell(row.author),
            row.paragraph.to_string().into(),
            other_spans.into(),
            row.origin.into(),
        ];
        self.out.write_record(record.iter().map(|c| c.as_bytes()))?;
        Ok(())
    }
}

impl Writer for Csv<'_> {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        _: &mut Skips,
    ) -> Result<(), corpus::Error> {
        self.header()?;
        let name = document.name();
        for annotation in annotations {
            for row in rows(document, &name, annotation) {
                self.row(&row)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        self.header()?;
        self.out.flush()
    }
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a cell that a spreadsheet shows and never runs.
fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_other_text_is_left_alone() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(cell(formula), format!("'{formula}"));
        }
        for text in ["", "a=1", "'=1", "é=", " =1", "“=1”"] {
            assert_eq!(cell(text), text);
        }
    }
}
