//! The tables of `sayso list`, `sayso stats` and `sayso agree`: columns
//! two spaces apart, padded by the cells a terminal gives each character, so
//! that double-width (CJK) and zero-width (combining) characters still line
//! up; every cell on one line, its control characters shown as symbols.

use std::io::{self, Write};

use ratatui::buffer::CellWidth;
use sayso_core::article::display::one_line;

/// Where a column's cells sit: text on the left, figures on the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table built row by row and written at once (its widths need every row).
#[derive(Debug)]
pub struct Table {
    align: Vec<Align>,
    indent: &'static str,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table whose columns are aligned as `align` says.
    pub fn new(align: &[Align]) -> Table {
        Table {
            align: align.to_vec(),
            indent: "",
            rows: Vec::new(),
        }
    }

    /// Each line starts with `indent`.
    pub fn indented(mut self, indent: &'static str) -> Table {
        self.indent = indent;
        self
    }

    /// Adds a row; its cells are shown on one line (see [`one_line`]).
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| one_line(c.as_ref()).into_owned())
                .collect(),
        );
    }

    /// Writes the rows, without white space at the ends of lines.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut widths = vec![0; self.align.len()];
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        for row in &self.rows {
            let mut line = String::from(self.indent);
            for (i, ((cell, w), align)) in row.iter().zip(&widths).zip(&self.align).enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                let pad = " ".repeat(w - width(cell));
                match align {
                    Align::Left => {
                        line.push_str(cell);
                        line.push_str(&pad);
                    }
                    Align::Right => {
                        line.push_str(&pad);
                        line.push_str(cell);
                    }
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

fn width(cell: &str) -> usize {
    usize::from(cell.cell_width())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(table: &Table) -> String {
        let mut out = Vec::new();
        assert!(table.write(&mut out).is_ok());
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn columns_line_up_by_terminal_cells() {
        let mut table = Table::new(&[Align::Left, Align::Right, Align::Left]).indented(" ");
        table.row(["name", "n", "text"]);
        table.row(["北京", "12", "e\u{301}"]);
        table.row(["Zoë 👩‍👩‍👧", "3", ""]);
        assert_eq!(
            written(&table),
            concat!(
                " name     n  text\n",
                " 北京    12  e\u{301}\n",
                " Zoë 👩‍👩‍👧   3\n"
            )
        );
    }

    #[test]
    fn cells_are_one_line_and_show_controls() {
        let mut table = Table::new(&[Align::Left, Align::Left]);
        table.row(["a\u{1b}]0;x\u{7}", "line\r\nbreak\tand \u{202e}bidi"]);
        assert_eq!(written(&table), "a␛]0;x␇  line break and �bidi\n");
    }
}
