//! `sayso list PATH...`: every article with its counts and finished mark,
//! and a table of its annotations.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use super::export::named_above;
use super::paths::SidecarsArg;
use super::table::{Align, Table};
use sayso_core::article::display::one_line;
use sayso_core::corpus::{self, Document, Item, Problem};

/// The widest a text cell gets, in chars.
const TEXT_CHARS: usize = 60;

/// Prints every article under `paths` (with or without a sidecar, beside it
/// or in the tree `sidecars` gives) to `out`: a line of counts, then its
/// annotations. What cannot be listed is named on `err` and skipped.
pub fn run(
    paths: &[PathBuf],
    sidecars: &SidecarsArg,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let tree = sidecars.tree()?;
    let items = corpus::find(paths, tree.as_ref());
    if items.is_empty() {
        bail!(
            "no articles (text files, *.txt) found under the given paths; give folders of articles or the articles themselves"
        );
    }
    let mut listed = 0;
    let mut skipped = 0;
    // Problems met before anything is listed wait: when nothing else is,
    // the only one is the error itself.
    let mut waiting: Vec<Problem> = Vec::new();
    for item in items {
        let loaded = match item {
            Item::Article(found) => Document::load(found),
            Item::Problem(problem) => Err(problem),
        };
        match loaded {
            Ok(document) => {
                for problem in waiting.drain(..) {
                    writeln!(err, "sayso: skipped: {problem}")?;
                    skipped += 1;
                }
                if listed > 0 {
                    writeln!(out)?;
                }
                print_article(&document, out)?;
                listed += 1;
            }
            Err(problem) if listed == 0 => waiting.push(problem),
            Err(problem) => {
                writeln!(err, "sayso: skipped: {problem}")?;
                skipped += 1;
            }
        }
    }
    if let [only] = waiting.as_slice() {
        bail!("{only}");
    }
    for problem in &waiting {
        writeln!(err, "sayso: skipped: {problem}")?;
        skipped += 1;
    }
    match (skipped, listed) {
        (0, _) => Ok(()),
        (n, 0) => bail!("nothing was listed: {}", named_above(n)),
        (n, _) => bail!("left out {}; everything else is listed", named_above(n)),
    }
}

/// The article's line of counts, then its annotations.
fn print_article(document: &Document, out: &mut impl Write) -> Result<()> {
    writeln!(out, "{}", headline(document))?;
    let Some(loaded) = &document.sidecar else {
        return Ok(());
    };
    if loaded.annotations.is_empty() && loaded.detached.is_empty() {
        return Ok(());
    }
    let article = &document.article;
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

/// `news/a.txt · 23 paragraphs · quote 10, claim 2 · 3 pending · finished
/// by ed at 2026-11-24T05:40:00Z`.
fn headline(document: &Document) -> String {
    let counts = document.counts();
    let mut parts = vec![
        one_line(&document.path.display().to_string()).into_owned(),
        plural(counts.paragraphs, "paragraph"),
    ];
    if counts.labels.is_empty() {
        parts.push("no annotations".into());
    } else {
        let labels: Vec<String> = counts
            .labels
            .iter()
            .map(|(label, n)| format!("{} {n}", one_line(&cut(label))))
            .collect();
        parts.push(labels.join(", "));
    }
    if counts.pending > 0 {
        parts.push(format!("{} pending", counts.pending));
    }
    if counts.detached > 0 {
        parts.push(format!("{} detached", counts.detached));
    }
    if let Some(finished) = &counts.finished {
        parts.push(format!(
            "finished by {} at {}",
            one_line(&finished.by),
            one_line(&finished.at)
        ));
    }
    parts.join(" · ")
}

/// "1 paragraph", "23 paragraphs".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Long text cut with an ellipsis.
fn cut(text: &str) -> String {
    let mut shown: String = text.chars().take(TEXT_CHARS).collect();
    if text.chars().nth(TEXT_CHARS).is_some() {
        shown.push('…');
    }
    shown
}
