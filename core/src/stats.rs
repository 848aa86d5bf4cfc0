//! `sayso stats`: how many articles and annotations a corpus has, per label,
//! status, speaker and author.
//!
//! Every article counts, with a sidecar or not (and how many have one, and
//! how many are finished), and every annotation in the sidecars, rejected
//! and detached ones too (detached ones are also counted on their own): the
//! numbers describe what the files hold, not what an export would write.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::annotation::Status;
use crate::corpus::{self, Document};

/// The counts of a corpus.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Every article, with a sidecar or not.
    pub articles: usize,
    /// Articles with a sidecar.
    pub annotated: usize,
    /// Articles marked finished.
    pub finished: usize,
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
    /// Counts the corpus under `paths`, every article of it whatever
    /// `options.select` says; problems go to `report` (see [`corpus::each`]).
    pub fn of(
        paths: &[PathBuf],
        options: corpus::Options,
        report: &mut dyn Write,
    ) -> Result<Stats, corpus::Error> {
        let options = corpus::Options {
            select: corpus::Select::All,
            ..options
        };
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
        self.annotated += usize::from(document.sidecar.is_some());
        self.finished += usize::from(document.finished().is_some());
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

    /// Writes the counts as one JSON object.
    pub fn write_json(&self, out: &mut impl Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }
}
