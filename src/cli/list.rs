//! `sayso list PATH...`: annotations as a table.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use ratatui::buffer::CellWidth;

use super::paths::{articles, read_article};
use sayso_core::store::{self, sidecar_path};

/// The widest a text cell gets, in chars.
const TEXT_CHARS: usize = 60;

/// Prints the annotations of the articles under `paths` to `out`.
pub fn run(paths: &[PathBuf], out: &mut impl Write) -> Result<()> {
    let articles = articles(paths)?;
    if articles.is_empty() {
        bail!("no annotated articles found under the given paths");
    }
    for (i, path) in articles.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        print_article(path, out)?;
    }
    Ok(())
}

fn print_article(path: &Path, out: &mut impl Write) -> Result<()> {
    let article = read_article(path)?;
    let loaded = store::load(&article, &sidecar_path(path))?;
    writeln!(out, "{}", path.display())?;
    let Some(loaded) = loaded else {
        writeln!(out, "  (no annotations)")?;
        return Ok(());
    };
    let mut rows = vec![[
        "id".to_string(),
        "label".into(),
        "status".into(),
        "speaker".into(),
        "¶".into(),
        "text".into(),
    ]];
    for a in &loaded.annotations {
        let paragraph = article.paragraph_at(a.start()).map_or(0, |p| p + 1);
        let text: Vec<&str> = a.spans.iter().map(|s| &article.text()[s.clone()]).collect();
        rows.push([
            a.id.to_string(),
            cell(&a.label),
            format!("{:?}", a.status),
            cell(a.speaker.as_deref().unwrap_or_default()),
            paragraph.to_string(),
            cell(&text.join(" … ")),
        ]);
    }
    for r in &loaded.detached {
        let text: Vec<&str> = r.spans.iter().map(|s| s.text.as_str()).collect();
        rows.push([
            r.id.to_string(),
            cell(&r.label),
            "detached".into(),
            cell(r.speaker.as_deref().unwrap_or_default()),
            "-".into(),
            cell(&text.join(" … ")),
        ]);
    }
    write_table(&rows, out)
}

/// Text on one line: control characters (line breaks too) become spaces, and
/// long text is cut with an ellipsis.
fn cell(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(TEXT_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > TEXT_CHARS {
        shown.push('…');
    }
    shown
}

/// Writes `rows` as columns padded by their width on a terminal, so that
/// double-width (CJK) and zero-width (combining) characters still line up.
fn write_table(rows: &[[String; 6]], out: &mut impl Write) -> Result<()> {
    let mut widths = [0; 6];
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    for row in rows {
        let mut line = String::from(" ");
        for (i, (c, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&" ".repeat(w - width(c) + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn width(cell: &str) -> usize {
    usize::from(cell.cell_width())
}
