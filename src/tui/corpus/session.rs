//! The annotator's session: the article on screen with its saver, and going
//! from one article of the corpus to another.
//!
//! Going elsewhere (`Ctrl-n`, `Ctrl-p`, `Enter` in the overview) happens
//! here, between two turns of the event loop, in this order:
//!
//! 1. the save of the article left behind completes: when it fails, the
//!    editor stays there, with the reason on the status line;
//! 2. the article to go to is read; one that cannot be opened (unreadable,
//!    not UTF-8, larger than [`LARGEST`], a sidecar that does not parse) is
//!    marked with its problem for the overview and passed over, and the
//!    status line says so;
//! 3. what the editor leaves of the article is parked: its cursor and
//!    scroll, and its undo history while there is something to undo, with
//!    the annotations it was made on. Coming back, the history is taken up
//!    again only if the sidecar still holds exactly those annotations
//!    (otherwise undo would put back what someone else changed);
//! 4. the new article's `App` takes over the corpus, the terminal's size and
//!    the review panel; its cursor is where it was left in this session,
//!    else where the editor last left it in any (see `Resume`); its saver
//!    starts.
//!
//! Only the article on screen is held (and the next one while it is read).
//!
//! An article given by itself opens before its sidecar is read (see
//! [`Session::loading`]): its sidecar is watched, and saved to, only once
//! every annotation is in. The articles of a corpus open with their
//! sidecars read, as `Ctrl-n` needs them (see `load`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Result, bail};

use super::counter::Job;
use super::resume::Resume;
use super::{Corpus, Entry, Go, refresh_current};
use crate::tui::action::Direction;
use crate::tui::app::{App, Options, SaveState, Top};
use crate::tui::loader::Loader;
use crate::tui::outside::Outside;
use crate::tui::saving::Saving;
use crate::tui::scroll;
use sayso_core::annotation::{AnnotationSet, History, Label};
use sayso_core::article::Article;
use sayso_core::corpus;
use sayso_core::store::watch::{self, Fingerprint};
use sayso_core::store::{self, FileSystem, RecoveryPlaces, Saver, Sidecar};

/// The most an article of a corpus may weigh: beyond it, a file is taken
/// for something else named `*.txt` (a data dump, a log) and passed over, so
/// that `Ctrl-n` never stalls on it. Given by itself, an article of any size
/// opens.
pub const LARGEST: u64 = 16 << 20;

/// The saver of the article on screen, shared with the signal watcher,
/// which flushes it if the loop does not end in time.
pub type CurrentSaver = Arc<Mutex<Option<Arc<Saver>>>>;

/// How every article of the session is opened.
#[derive(Debug, Clone)]
pub struct Settings {
    pub author: String,
    pub read_only: bool,
    pub color: bool,
    pub labels: Vec<Label>,
    /// The sidecars are in a tree of their own (`--sidecars`): an article's
    /// folder there is made when it opens.
    pub tree: bool,
    /// The file that keeps where the cursor was in each article between
    /// sessions (see `Resume`); `None`: not kept.
    pub places: Option<PathBuf>,
}

/// An article read to be put on screen.
pub struct Opened {
    pub article: Article,
    pub sidecar: Option<Sidecar>,
    /// The version of the sidecar read, which [`Outside`] watches.
    pub read: Option<Fingerprint>,
}

impl Opened {
    /// Whether the sidecar was written for another text of the article, so
    /// that its annotations were placed again on this one.
    fn placed(&self) -> bool {
        self.sidecar.as_ref().is_some_and(|s| s.article_changed)
    }
}

/// What the editor leaves of an article they may come back to.
#[derive(Debug)]
struct Parked {
    /// The hash of the article's text: a cursor in another text means nothing.
    text: String,
    cursor: usize,
    top: Top,
    current: Option<u64>,
    /// The undo history and the annotations it was made on, when there is
    /// something to undo or redo.
    history: Option<(History, AnnotationSet)>,
}

/// The annotator's session (see the module documentation).
pub struct Session {
    /// The article on screen.
    pub app: App,
    saver: Option<Arc<Saver>>,
    /// Hands the article's changes to its saver (`None` when read-only).
    saving: Option<Saving>,
    /// What other programs write to the article's sidecar, merged in.
    outside: Option<Outside>,
    shared_saver: CurrentSaver,
    settings: Settings,
    parked: HashMap<usize, Parked>,
    resume: Resume,
    /// Folders found writable, so each is tried once.
    writable: HashSet<PathBuf>,
    /// Reads the sidecar of the article on screen, while it is read.
    loader: Option<Loader>,
}

impl Session {
    /// A session on one article: `app` on it, `entry` its path and sidecar,
    /// `read` the version of the sidecar `app` opened, `placed` whether its
    /// annotations were placed again on a changed text. The cursor goes back
    /// to where the editor last left it.
    pub fn single(
        app: App,
        entry: Entry,
        settings: Settings,
        read: Option<Fingerprint>,
        placed: bool,
    ) -> Session {
        let mut session = Session::alone(app, entry, settings);
        session.start_saver(read, placed);
        session
    }

    /// A session on one article whose sidecar `loader` is still reading:
    /// `app` opened without its annotations (see [`App::opening`]). Nothing
    /// watches or saves the sidecar until [`loaded`](Self::loaded).
    pub fn loading(app: App, entry: Entry, settings: Settings, loader: Loader) -> Session {
        let mut session = Session::alone(app, entry, settings);
        session.loader = Some(loader);
        session
    }

    /// `app` on the one article of `entry`, its cursor where the editor
    /// last left it.
    fn alone(mut app: App, entry: Entry, settings: Settings) -> Session {
        app.corpus = Corpus {
            entries: vec![entry],
            ..Corpus::default()
        };
        let mut session = Session::around(app, settings);
        session.restore(0);
        session
    }

    /// What reads the sidecar of the article on screen, when it is still
    /// to be read: the event loop takes the annotations from it.
    pub fn take_loader(&mut self) -> Option<Loader> {
        self.loader.take()
    }

    /// Every annotation of the article on screen is in, from the version
    /// `read` of its sidecar (`placed`: placed again on a changed text):
    /// watching the sidecar and saving start from them.
    pub fn loaded(&mut self, read: Option<Fingerprint>, placed: bool) {
        self.start_saver(read, placed);
    }

    /// A session on the corpus of `entries`, opened on the first article
    /// that is not finished (the first that opens, when all are); `problems`
    /// are what the walk found that is not an article. Refused when no
    /// article opens.
    pub fn corpus(
        entries: Vec<Entry>,
        problems: Vec<String>,
        settings: Settings,
    ) -> Result<Session> {
        let mut corpus = Corpus {
            entries,
            problems,
            ..Corpus::default()
        };
        let (index, opened) = first_to_open(&mut corpus.entries)?;
        let placed = opened.placed();
        let all_finished = corpus.entries[index].known.finished == Some(true);
        let jobs = jobs(&corpus.entries);
        corpus.read_later(jobs);
        corpus.current = index;
        let mut app = App::new(
            Arc::new(opened.article),
            opened.sidecar,
            options(&settings, &corpus.entries[index]),
        );
        let said = opening_note(&corpus, all_finished);
        app.corpus = corpus;
        let mut session = Session::around(app, settings);
        session.restore(index);
        session.start_saver(opened.read, placed);
        session.app.message = join_messages(session.app.message.take(), said);
        Ok(session)
    }

    fn around(app: App, settings: Settings) -> Session {
        Session {
            app,
            saver: None,
            saving: None,
            outside: None,
            shared_saver: Arc::default(),
            resume: Resume::at(settings.places.clone()),
            settings,
            parked: HashMap::new(),
            writable: HashSet::new(),
            loader: None,
        }
    }

    /// The saver of the article on screen, for the signal watcher.
    pub fn shared_saver(&self) -> CurrentSaver {
        Arc::clone(&self.shared_saver)
    }

    /// The article on screen, what saves it (`None` when read-only) and
    /// what watches its sidecar, for the event loop.
    pub fn parts(&mut self) -> (&mut App, Option<&mut Saving>, Option<&mut Outside>) {
        (&mut self.app, self.saving.as_mut(), self.outside.as_mut())
    }

    /// The saver of the article on screen (`None` when read-only).
    pub fn saver(&self) -> Option<&Saver> {
        self.saver.as_deref()
    }

    /// Goes where the editor asked (`app.corpus.go`), see the module
    /// documentation; `false` when nothing was asked (the loop ended to
    /// quit).
    pub fn switch(&mut self) -> bool {
        let Some(go) = self.app.corpus.go.take() else {
            return false;
        };
        if let (Some(outside), Some(saving)) = (self.outside.as_mut(), self.saving.as_mut()) {
            // What another program wrote is merged before the last save.
            outside.before_save(&mut self.app, saving);
        }
        if let Some(saver) = &self.saver {
            if let Err(e) = saver.flush() {
                self.app.save = SaveState::Failed(e.to_string());
                self.app.message = Some(format!(
                    "Not saved, so still on this article: {e}. Ctrl-s tries again once that is fixed."
                ));
                return true;
            }
        }
        let mut skipped = Vec::new();
        match self.target(go, &mut skipped) {
            Some((index, opened)) => {
                self.leave();
                self.arrive(index, opened);
                let said = skipped_note(&self.app.corpus, &skipped);
                self.app.message = join_messages(self.app.message.take(), said);
            }
            None => {
                self.app.message = Some(nowhere(&self.app.corpus, go, &skipped));
            }
        }
        true
    }

    /// Secures what is left to save (see `Saving::finish`) and remembers
    /// where the cursor is, as the session ends (unless read-only: then
    /// nothing is written). Where the cursor was is a convenience: failing
    /// to write it is not an error.
    pub fn finish(&mut self) -> Result<()> {
        let saved = match (self.saving.take(), &self.outside) {
            (Some(saving), Some(outside)) => outside.explain(saving.finish(&self.app)),
            (Some(saving), None) => saving.finish(&self.app),
            (None, _) => Ok(()),
        };
        let corpus = &self.app.corpus;
        if let Some(entry) = corpus.entries.get(corpus.current) {
            self.resume
                .remember(&entry.path, &self.app.article, self.app.cursor);
        }
        if !self.settings.read_only {
            let _ = self.resume.save();
        }
        self.app.corpus.stop_reading();
        saved
    }

    /// The article `go` leads to that opens, read; articles passed over
    /// on the way are marked and listed in `skipped`.
    fn target(&mut self, go: Go, skipped: &mut Vec<usize>) -> Option<(usize, Opened)> {
        let corpus = &mut self.app.corpus;
        let candidates: Vec<usize> = match go {
            Go::To(index) => vec![index],
            Go::Step(Direction::Forward) => (corpus.current + 1..corpus.len()).collect(),
            Go::Step(Direction::Backward) => (0..corpus.current).rev().collect(),
        };
        for index in candidates {
            let Some(entry) = corpus.entries.get_mut(index) else {
                continue;
            };
            if entry.known.problem.is_some() && matches!(go, Go::Step(_)) {
                skipped.push(index);
                continue;
            }
            match load(&entry.path, &entry.sidecar) {
                Ok(opened) => return Some((index, opened)),
                Err(problem) => {
                    entry.known.problem = Some(problem);
                    skipped.push(index);
                }
            }
        }
        None
    }

    /// Parks what the editor leaves of the article on screen, and stops its
    /// saver (its save has completed).
    fn leave(&mut self) {
        refresh_current(&mut self.app);
        let app = &mut self.app;
        let index = app.corpus.current;
        if let Some(entry) = app.corpus.entries.get(index) {
            self.resume.remember(&entry.path, &app.article, app.cursor);
        }
        let history = std::mem::take(&mut app.history);
        let history = (history.can_undo() || history.can_redo())
            .then(|| (history, std::mem::take(&mut app.annotations)));
        let parked = Parked {
            text: app.article.blake3_hex().to_string(),
            cursor: app.cursor,
            top: app.top,
            current: app.current,
            history,
        };
        self.parked.insert(index, parked);
        *lock(&self.shared_saver) = None;
        self.saving = None;
        self.saver = None;
        // Its lock on the article goes with it.
        self.outside = None;
    }

    /// Puts article `index` on screen.
    fn arrive(&mut self, index: usize, opened: Opened) {
        let mut corpus = std::mem::take(&mut self.app.corpus);
        corpus.current = index;
        corpus.entries[index].known.problem = None;
        let options = options(&self.settings, &corpus.entries[index]);
        let placed = opened.placed();
        let mut app = App::new(Arc::new(opened.article), opened.sidecar, options);
        app.corpus = corpus;
        app.size = self.app.size;
        if self.app.list.open {
            app.list.show(&app.annotations, &app.detached, None);
        }
        self.app = app;
        self.restore(index);
        self.start_saver(opened.read, placed);
    }

    /// The cursor, scroll and undo history of article `index` as the editor
    /// left them: in this session, else (the cursor) in an earlier one.
    fn restore(&mut self, index: usize) {
        let app = &mut self.app;
        let parked = self
            .parked
            .remove(&index)
            .filter(|p| p.text == app.article.blake3_hex());
        match parked {
            Some(parked) => {
                app.cursor = parked.cursor;
                app.top = parked.top;
                app.current = parked
                    .current
                    .filter(|&id| app.annotations.get(id).is_some());
                if let Some((history, annotations)) = parked.history {
                    if same(&annotations, &app.annotations) {
                        app.history = history;
                        app.annotations = annotations;
                    } else {
                        let said =
                            "Its sidecar changed since you left it: undo starts afresh here.";
                        app.message = join_messages(app.message.take(), Some(said.into()));
                    }
                }
            }
            None => {
                let entry = &app.corpus.entries[index];
                if let Some(cursor) = self.resume.cursor(&entry.path, &app.article) {
                    app.cursor = cursor;
                    // A quarter of a screen of what comes before, for context.
                    let paragraph = Top {
                        paragraph: app.paragraph().unwrap_or(0),
                        line: 0,
                    };
                    app.top = scroll::back(app, paragraph, app.text_height() / 4);
                }
            }
        }
        scroll::keep_cursor_in_view(app);
    }

    /// Starts watching the sidecar of the article on screen (`read` the
    /// version opened, `placed` whether its annotations were placed again on
    /// a changed text) and, unless the session is read-only, its saver; an
    /// article whose folder cannot be written opens read-only, and the
    /// status line says why.
    fn start_saver(&mut self, read: Option<Fingerprint>, placed: bool) {
        let Some(entry) = self.app.corpus.entries.get(self.app.corpus.current) else {
            return;
        };
        let (path, sidecar) = (entry.path.clone(), entry.sidecar.clone());
        let writable = !self.settings.read_only && self.writable(&sidecar);
        let mut outside = Outside::new(&mut self.app, path, sidecar, read);
        if placed {
            outside.placed_on_new_text();
        }
        if writable {
            let app = &self.app;
            let saver = Arc::new(Saver::spawn_with(
                Arc::clone(&app.article),
                Arc::clone(outside.watched()),
                app.file_name.clone(),
                Arc::new(FileSystem),
                RecoveryPlaces::from_env(),
            ));
            *lock(&self.shared_saver) = Some(Arc::clone(&saver));
            self.saving = Some(Saving::new(Arc::clone(&saver), app));
            self.saver = Some(saver);
        }
        self.outside = Some(outside);
    }

    /// Whether the folder of `sidecar` can be written (made first with
    /// `--sidecars`); when not, the article on screen turns read-only and
    /// the status line says why.
    fn writable(&mut self, sidecar: &Path) -> bool {
        let dir = match sidecar.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if self.writable.contains(&dir) {
            return true;
        }
        let made = if self.settings.tree {
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())
        } else {
            Ok(())
        };
        let checked = made.and_then(|()| store::check_writable(&dir).map_err(|e| e.to_string()));
        if let Err(why) = checked {
            let app = &mut self.app;
            app.read_only = true;
            app.save = SaveState::ReadOnly;
            let said = format!("Read-only: annotations cannot be saved here ({why}).");
            app.message = join_messages(app.message.take(), Some(said));
            return false;
        }
        self.writable.insert(dir);
        true
    }
}

/// Reads the article at `path` and its sidecar at `sidecar` for a corpus;
/// what keeps it from opening, in one sentence that names the file.
pub fn load(path: &Path, sidecar: &Path) -> Result<Opened, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?
        .len();
    if size > LARGEST {
        return Err(format!(
            "{} is {} MB, more than the {} MB an article of a corpus may have; open it by itself (sayso FILE) if it is one",
            path.display(),
            size >> 20,
            LARGEST >> 20
        ));
    }
    let article = corpus::read_article(path).map_err(|p| p.to_string())?;
    let read = watch::read(&article, sidecar);
    let sidecar = read.sidecar.map_err(|e| e.to_string())?;
    Ok(Opened {
        article,
        sidecar,
        read: read.fingerprint,
    })
}

/// The first article of the corpus that is not finished and opens; the
/// first that opens when all are finished. What is found on the way (which
/// are finished, which cannot be opened) is kept.
fn first_to_open(entries: &mut [Entry]) -> Result<(usize, Opened)> {
    for (index, entry) in entries.iter_mut().enumerate() {
        let finished = if entry.sidecar.is_file() {
            match store::read_head(&entry.sidecar) {
                Ok((_, finished)) => finished.is_some(),
                Err(e) => {
                    entry.known.problem = Some(e.to_string());
                    continue;
                }
            }
        } else {
            false
        };
        entry.known.finished = Some(finished);
        if finished {
            continue;
        }
        match load(&entry.path, &entry.sidecar) {
            Ok(opened) => return Ok((index, opened)),
            Err(problem) => entry.known.problem = Some(problem),
        }
    }
    for (index, entry) in entries.iter_mut().enumerate() {
        if entry.known.problem.is_some() {
            continue;
        }
        match load(&entry.path, &entry.sidecar) {
            Ok(opened) => return Ok((index, opened)),
            Err(problem) => entry.known.problem = Some(problem),
        }
    }
    let first = entries
        .iter()
        .find_map(|e| e.known.problem.clone())
        .unwrap_or_default();
    bail!(
        "none of the {} articles can be opened; the first: {first}",
        entries.len()
    )
}

/// What the background reader reads: every article's counts, and whether
/// it is finished where that is not known yet.
fn jobs(entries: &[Entry]) -> Vec<Job> {
    entries
        .iter()
        .enumerate()
        .map(|(index, e)| Job {
            index,
            path: e.path.clone(),
            sidecar: e.sidecar.clone(),
            head_known: e.known.finished.is_some() || e.known.problem.is_some(),
        })
        .collect()
}

/// How the annotator opens `entry`.
fn options(settings: &Settings, entry: &Entry) -> Options {
    Options {
        file_name: entry.path.file_name().map_or_else(
            || entry.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        author: settings.author.clone(),
        read_only: settings.read_only,
        color: settings.color,
        labels: settings.labels.clone(),
    }
}

/// Whether two sets hold the same annotations and finished mark.
fn same(a: &AnnotationSet, b: &AnnotationSet) -> bool {
    a.len() == b.len() && a.iter().eq(b.iter()) && a.finished() == b.finished()
}

/// What the status line says first of a corpus.
fn opening_note(corpus: &Corpus, all_finished: bool) -> Option<String> {
    let mut parts = Vec::new();
    if all_finished {
        parts.push("Every article is finished.".to_string());
    }
    let broken: Vec<&Entry> = corpus
        .entries
        .iter()
        .filter(|e| e.known.problem.is_some())
        .collect();
    match broken.as_slice() {
        [] => {}
        [one] => parts.push(format!(
            "Passed over: {}.",
            one.known.problem.as_deref().unwrap_or_default()
        )),
        many => parts.push(format!(
            "{} articles cannot be opened (O lists them).",
            many.len()
        )),
    }
    match corpus.problems.as_slice() {
        [] => {}
        [one] => parts.push(format!("Not an article: {one}.")),
        many => parts.push(format!(
            "{} files are not articles (O lists them); the first: {}.",
            many.len(),
            many[0]
        )),
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// What the status line says of the articles passed over on the way.
fn skipped_note(corpus: &Corpus, skipped: &[usize]) -> Option<String> {
    match skipped {
        [] => None,
        [one] => Some(format!(
            "Passed over: {}",
            problem_of(corpus, *one).trim_end_matches('.')
        )),
        many => Some(format!(
            "Passed over {} articles that cannot be opened (O lists them).",
            many.len()
        )),
    }
}

/// What the status line says when no article opens where the editor asked.
fn nowhere(corpus: &Corpus, go: Go, skipped: &[usize]) -> String {
    match (go, skipped) {
        (Go::To(index), _) => format!("Cannot open it: {}", problem_of(corpus, index)),
        (Go::Step(Direction::Forward), []) => format!(
            "This is the last article ({}/{}); Ctrl-p goes back, O lists them all.",
            corpus.current + 1,
            corpus.len()
        ),
        (Go::Step(Direction::Backward), []) => {
            "This is the first article; Ctrl-n goes on, O lists them all.".into()
        }
        (Go::Step(_), [one]) => format!(
            "No other article opens that way: {}",
            problem_of(corpus, *one)
        ),
        (Go::Step(_), many) => format!(
            "No other article opens that way: {} cannot be opened (O lists them).",
            many.len()
        ),
    }
}

fn problem_of(corpus: &Corpus, index: usize) -> &str {
    corpus
        .entries
        .get(index)
        .and_then(|e| e.known.problem.as_deref())
        .unwrap_or_default()
}

/// Two messages for the status line, one after the other.
fn join_messages(first: Option<String>, then: Option<String>) -> Option<String> {
    match (first, then) {
        (Some(first), Some(then)) => Some(format!("{first} {then}")),
        (first, then) => first.or(then),
    }
}

fn lock(shared: &CurrentSaver) -> std::sync::MutexGuard<'_, Option<Arc<Saver>>> {
    // The slot holds a plain value: a holder that panicked left it whole.
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}
