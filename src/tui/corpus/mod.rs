//! A corpus in the annotator: several articles in one sitting.
//!
//! The annotator works on one article at a time (an [`App`]). The corpus
//! is what it knows of all of them, carried over from one article's `App` to
//! the next: their paths and sidecars, what has been found out about each
//! (finished or not, its counts, a problem that keeps it from opening), the
//! overview's state ([`overview`]), and where the editor asked to go next.
//! `update` only records that wish (`go`); the [`session`] makes it, since it
//! means disk work: the article left behind is saved, the next one read.
//! Counts come in from a reader in the background (`counter`) and are
//! taken in by the event loop between keys; the reader starts at the first
//! of these, once the first frame is drawn, so that it never competes with
//! that frame for the processor or the disk.
//!
//! Only the article on screen is held. Another article is read again when
//! the editor comes back to it; its cursor, and its undo history while it
//! still fits the sidecar, are kept for the session.

mod counter;
pub mod overview;
mod resume;
pub mod session;

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

pub use counter::Counted;
use counter::{Counter, Job};
pub use overview::{Overview, OverviewAction};
pub use resume::state_file;
pub use session::{CurrentSaver, Session, Settings};

use super::action::Direction;
use super::app::{App, Mode};
use super::apply::{Step, apply};
use sayso_core::annotation::{Status, change};
use sayso_core::corpus::{Counts, Found};

/// One article of the corpus.
#[derive(Debug, Clone)]
pub struct Entry {
    /// As found: the directory given joined with the path below it, or as
    /// given.
    pub path: PathBuf,
    /// As the title bar and the overview show it: below the directory
    /// given, or as given.
    pub shown: String,
    /// Where its sidecar is, or will be.
    pub sidecar: PathBuf,
    pub known: Known,
}

impl From<Found> for Entry {
    /// An article found below a folder given, shown by its path below it.
    fn from(found: Found) -> Entry {
        Entry {
            shown: found.relative.display().to_string(),
            path: found.path,
            sidecar: found.sidecar,
            known: Known::default(),
        }
    }
}

/// What has been found out about an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Marked finished or not; `None` until its sidecar has been looked at.
    pub finished: Option<bool>,
    /// Its counts, once read.
    pub counts: Option<Counts>,
    /// Counted from the annotator itself (the editor was there): counts
    /// read from disk in the background are older.
    pub live: bool,
    /// Why it cannot be opened.
    pub problem: Option<String>,
}

/// Where the editor asked to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// The next (`Forward`) or previous article that opens.
    Step(Direction),
    /// The article at this index (from the overview).
    To(usize),
}

/// What the corpus's keys in the article ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusAction {
    /// `Ctrl-n` / `Ctrl-p`: the next / previous article.
    Go(Direction),
    /// `F`: mark the article finished (again: not finished).
    ToggleFinished,
    /// `O`: the overview of the corpus's articles.
    OpenOverview,
}

/// What the annotator knows of the corpus.
#[derive(Debug, Default)]
pub struct Corpus {
    pub entries: Vec<Entry>,
    /// The index of the article on screen.
    pub current: usize,
    /// Where to go once the loop hands over to the session.
    pub go: Option<Go>,
    pub overview: Overview,
    /// What below the folders given is not an article (a sidecar without
    /// its article, a folder that cannot be read), each said once.
    pub problems: Vec<String>,
    /// Every sidecar has been looked at: the count of finished articles is
    /// whole.
    pub heads_read: bool,
    /// The background reader of the articles' counts.
    reader: Reader,
}

/// The background reader of a corpus's counts, through its life.
#[derive(Debug, Default)]
enum Reader {
    /// Not started yet: what it is to read.
    Waiting(Vec<Job>),
    /// Reading: what it finds comes through `counted`; `_counter` is held
    /// for its drop, which stops the reading.
    Reading {
        _counter: Counter,
        counted: Receiver<Counted>,
    },
    /// Done, stopped, or never needed.
    #[default]
    Idle,
}

impl Corpus {
    /// How many articles there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many articles are finished, the one on screen as it is now.
    pub fn finished(&self, app: &App) -> usize {
        let others = self
            .entries
            .iter()
            .enumerate()
            .filter(|&(i, e)| i != self.current && e.known.finished == Some(true))
            .count();
        others + usize::from(app.annotations.finished().is_some() && !self.is_empty())
    }

    /// The background reader is to read `jobs` once [`Corpus::take_in`]
    /// is first called.
    fn read_later(&mut self, jobs: Vec<Job>) {
        self.reader = Reader::Waiting(jobs);
    }

    /// Stops the background reader.
    pub fn stop_reading(&mut self) {
        self.reader = Reader::Idle;
    }

    /// Takes in what the background reader found since the last call
    /// (starting it at the first call); whether anything came.
    pub fn take_in(&mut self) -> bool {
        if let Reader::Waiting(jobs) = &mut self.reader {
            let jobs = std::mem::take(jobs);
            let (counter, counted) = Counter::start(jobs);
            self.reader = Reader::Reading {
                _counter: counter,
                counted,
            };
        }
        let Reader::Reading { counted, .. } = &self.reader else {
            return false;
        };
        let found: Vec<Counted> = counted.try_iter().collect();
        let mut any = false;
        let mut done = false;
        for found in found {
            any = true;
            match found {
                Counted::Head { index, finished } => {
                    if let Some(known) = self.known_mut(index) {
                        match finished {
                            Ok(finished) => known.finished = Some(finished),
                            Err(problem) => known.problem = Some(problem),
                        }
                    }
                }
                Counted::HeadsRead => self.heads_read = true,
                Counted::Counts { index, counts } => {
                    if let Some(known) = self.known_mut(index).filter(|k| !k.live) {
                        match counts {
                            Ok(counts) => {
                                known.finished = Some(counts.finished.is_some());
                                known.counts = Some(counts);
                            }
                            Err(problem) => known.problem = Some(problem),
                        }
                    }
                }
                Counted::AllRead => done = true,
            }
        }
        if done {
            self.reader = Reader::Idle;
        }
        if any {
            self.overview.counts_came(&self.entries);
        }
        any
    }

    /// What is known of the article at `index`, unless it is the one on
    /// screen: what the annotator holds of it is newer than any file.
    fn known_mut(&mut self, index: usize) -> Option<&mut Known> {
        (index != self.current)
            .then(|| self.entries.get_mut(index).map(|e| &mut e.known))
            .flatten()
    }
}

/// Applies `action`.
pub(super) fn update(app: &mut App, action: CorpusAction) {
    match action {
        CorpusAction::Go(direction) => {
            if app.corpus.len() > 1 {
                app.corpus.go = Some(Go::Step(direction));
            } else {
                app.message = Some(
                    "This is the only article: open a folder (sayso DIR) or several articles to go from one to the next.".into(),
                );
            }
        }
        CorpusAction::ToggleFinished => {
            let change = change::toggle_finished(&app.annotations, &app.stamp());
            apply(app, Step::Asked(Ok(change)));
        }
        CorpusAction::OpenOverview => {
            if app.corpus.len() > 1 {
                refresh_current(app);
                let corpus = &mut app.corpus;
                corpus.overview.show(&corpus.entries, corpus.current);
                app.mode = Mode::Overview;
            } else {
                app.message = Some(
                    "One article is open: open a folder (sayso DIR) or several articles to see them listed.".into(),
                );
            }
        }
    }
}

/// The counts of the article on screen, as the annotator holds it.
pub fn live_counts(app: &App) -> Counts {
    Counts {
        paragraphs: app.article.paragraphs().len(),
        labels: app.annotations.counts().clone(),
        pending: app.annotations.with_status(Status::Pending),
        detached: app.detached.len(),
        finished: app.annotations.finished().cloned(),
    }
}

/// Brings what the corpus knows of the article on screen up to date.
pub fn refresh_current(app: &mut App) {
    let counts = live_counts(app);
    let corpus = &mut app.corpus;
    if let Some(entry) = corpus.entries.get_mut(corpus.current) {
        entry.known = Known {
            finished: Some(counts.finished.is_some()),
            counts: Some(counts),
            live: true,
            problem: None,
        };
    }
}

/// The title of the article pane: its name, whether it is finished, and in
/// a corpus where it is (`story.txt · article 12/300 · 45 finished`).
pub fn title(app: &App) -> String {
    let corpus = &app.corpus;
    let name = match corpus.entries.get(corpus.current) {
        Some(entry) if corpus.len() > 1 => entry.shown.as_str(),
        _ => app.file_name.as_str(),
    };
    let mut title = name.to_string();
    if app.annotations.finished().is_some() {
        title.push_str(" ✓ finished");
    }
    if corpus.len() > 1 {
        title.push_str(&format!(
            " · article {}/{}",
            corpus.current + 1,
            corpus.len()
        ));
        if corpus.heads_read {
            title.push_str(&format!(" · {} finished", corpus.finished(app)));
        }
    }
    title
}

#[cfg(test)]
mod tests;
