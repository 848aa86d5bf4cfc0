//! `sayso stats`: how many articles and annotations a corpus has, per label,
//! status, speaker and author.
//!
//! Every annotation in the sidecars counts, rejected and detached ones too
//! (detached ones are also counted on their own): the numbers describe what
//! the files hold, not what an export would write.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use ratatui::buffer::CellWidth;
use serde::Serialize;

use crate::annotation::Status;
use crate::corpus::{self, Document};

/// The counts of a corpus.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub articles: usize,
    pub annotations: usize,
    /// Annotations whose text no longer matches their article.
    pub detached: usize,
    pub labels: BTreeMap<String, usize>,
    /// Every status, with 0 for those no annotation has.
    pub status: BTreeMap<&'static str, usize>,
    pub speakers: BTreeMap<String, usize>,
    /// Annotations without a speaker.
    pub no_speaker: usize,
    pub authors: BTreeMap<String, usize>,
    /// Inputs reported and skipped.
    pub skipped: usize,
}

impl Stats {
    /// Counts the corpus under `paths`; problems go to `report` (see
    /// [`corpus::each`]).
    pub fn of(
        paths: &[PathBuf],
        options: corpus::Options,
        report: &mut dyn Write,
    ) -> Result<Stats, corpus::Error> {
        let mut stats = Stats::default();
        for status in [Status::Pending, Status::Accepted, Status::Rejected] {
            stats.status.insert(status.name(), 0);
        }
        let summary = corpus::each(paths, options, report, |document, _| {
            stats.add(document);
            Ok(())
        })?;
        stats.skipped = summary.skipped;
        Ok(stats)
    }

    /// Adds the annotations of `document`.
    fn add(&mut self, document: &Document) {
        self.articles += 1;
        let live = document
            .annotations()
            .iter()
            .map(|a| (&a.label, a.status, &a.speaker, &a.author));
        let detached = document
            .detached()
            .iter()
            .map(|r| (&r.label, r.status, &r.speaker, &r.author));
        self.detached += document.detached().len();
        for (label, status, speaker, author) in live.chain(detached) {
            self.annotations += 1;
            *self.labels.entry(label.clone()).or_default() += 1;
            *self.status.entry(status.name()).or_default() += 1;
            match speaker {
                Some(speaker) => *self.speakers.entry(speaker.clone()).or_default() += 1,
                None => self.no_speaker += 1,
            }
            *self.authors.entry(author.clone()).or_default() += 1;
        }
    }

    /// Writes the counts as text: the totals, then a table per field, most
    /// frequent first.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        let totals = [
            ("articles", self.articles),
            ("annotations", self.annotations),
            ("detached", self.detached),
        ];
        table(out, None, totals.iter().map(|&(k, v)| (k.to_string(), v)))?;
        table(out, Some("label"), counted(&self.labels))?;
        table(
            out,
            Some("status"),
            self.status.iter().map(|(k, &v)| (k.to_string(), v)),
        )?;
        let speakers = counted(&self.speakers)
            .chain((self.no_speaker > 0).then(|| ("(none)".to_string(), self.no_speaker)));
        table(out, Some("speaker"), speakers)?;
        table(out, Some("author"), counted(&self.authors))
    }

    /// Writes the counts as one JSON object.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }
}

/// `counts` most frequent first, then by name.
fn counted(counts: &BTreeMap<String, usize>) -> impl Iterator<Item = (String, usize)> + '_ {
    let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    sorted.into_iter().map(|(k, &v)| (k.clone(), v))
}

/// Writes `rows` as two aligned columns under `title` (if any), followed by a
/// blank line between tables. Names are shown on one line without control
/// characters, padded by their width on a terminal.
fn table(
    out: &mut impl Write,
    title: Option<&str>,
    rows: impl Iterator<Item = (String, usize)>,
) -> io::Result<()> {
    let mut rows: Vec<(String, String)> = rows
        .map(|(name, count)| (clean(&name), count.to_string()))
        .collect();
    if let Some(title) = title {
        writeln!(out)?;
        rows.insert(0, (title.to_string(), "count".to_string()));
    }
    let name_width = rows.iter().map(|(n, _)| width(n)).max().unwrap_or(0);
    let count_width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    for (name, count) in rows {
        let pad = name_width - width(&name) + 2 + count_width - count.len();
        writeln!(out, "{name}{}{count}", " ".repeat(pad))?;
    }
    Ok(())
}

fn clean(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn width(text: &str) -> usize {
    usize::from(text.cell_width())
}
