//! `sayso list PATH...`: annotations as a table.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::paths::{articles, read_article};
use super::table::{Align, Table};
use sayso_core::article::display::one_line;
use sayso_core::store::{self, sidecar_path};

/// The widest a text cell gets, in chars.
const TEXT_CHARS: usize = 60;

/// Prints the annotations of the articles under `paths` to `out`; what is
/// skipped is named on `report`.
pub fn run(paths: &[PathBuf], out: &mut impl Write, report: &mut impl Write) -> Result<()> {
    let (articles, skipped) = articles(paths, report)?;
    if articles.is_empty() && skipped == 0 {
        bail!("no annotated articles found under the given paths");
    }
    for (i, path) in articles.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        print_article(path, out)?;
    }
    if skipped > 0 {
        bail!(
            "left out {}; everything else is listed",
            super::export::named_above(skipped)
        );
    }
    Ok(())
}

fn print_article(path: &Path, out: &mut impl Write) -> Result<()> {
    let article = read_article(path)?;
    let loaded = store::load(&article, &sidecar_path(path))?;
    writeln!(out, "{}", one_line(&path.display().to_string()))?;
    let Some(loaded) = loaded else {
        writeln!(out, "  (no annotations)")?;
        return Ok(());
    };
    let mut table = Table::new(&[Align::Left; 6]).indented(" ");
    table.row(["id", "label", "status", "speaker", "¶", "text"]);
    for a in &loaded.annotations {
        let paragraph = article.paragraph_at(a.start()).map_or(0, |p| p + 1);
        let text: Vec<&str> = a.spans.iter().map(|s| &article.text()[s.clone()]).collect();
        table.row([
            a.id.to_string(),
            cut(&a.label),
            format!("{:?}", a.status),
            cut(a.speaker.as_deref().unwrap_or_default()),
            paragraph.to_string(),
            cut(&text.join(" … ")),
        ]);
    }
    for r in &loaded.detached {
        let text: Vec<&str> = r.spans.iter().map(|s| s.text.as_str()).collect();
        table.row([
            r.id.to_string(),
            cut(&r.label),
            "detached".into(),
            cut(r.speaker.as_deref().unwrap_or_default()),
            "-".into(),
            cut(&text.join(" … ")),
        ]);
    }
    Ok(table.write(out)?)
}

/// Long text cut with an ellipsis.
fn cut(text: &str) -> String {
    let mut shown: String = text.chars().take(TEXT_CHARS).collect();
    if text.chars().nth(TEXT_CHARS).is_some() {
        shown.push('…');
    }
    shown
}
