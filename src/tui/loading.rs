//! Opening before the sidecar is read.
//!
//! A sidecar of 50,000 annotations takes longer to read than the 10 MB
//! article it annotates, so the article is drawn first and the annotations
//! attach as they arrive from a thread of their own (see [`super::Loader`]),
//! in the order of the file: by position, so the first batch holds the
//! highlights of the first screen.
//!
//! Keys that only look at the text act at once: moving, scrolling, going to
//! a paragraph, selecting, searching, the help. A key that needs the annotations
//! (tagging, deleting, the form, the review panel, going from annotation to
//! annotation, undo, saving) waits, and so does every key typed after it, so
//! that they all act in the order typed: once the sidecar is read, the loop
//! handles them as if it had been read at once. Nothing changes the
//! annotations before then, so nothing is saved from part of the file, and
//! a new annotation never takes an id that the rest of the file holds. A
//! quit with nothing waiting quits at once: nothing has changed.

use std::sync::Arc;

use ratatui::crossterm::event::{Event, KeyEventKind};

use super::action::Action;
use super::app::{App, opening_message};
use super::normal::NormalAction;
use sayso_core::annotation::{Annotation, AnnotationSet};
use sayso_core::store::{Loaded, Sidecar};

/// How far the reading of the sidecar is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loading {
    /// Annotations read so far.
    pub read: usize,
}

/// What the thread reading the sidecar hands over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// Annotations at their offsets, in the order of the file.
    Annotations(Vec<Arc<Annotation>>),
    /// Everything is read.
    Done(Box<Rest>),
}

/// What is left once the sidecar is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rest {
    /// What is left of this editor's sidecar; `None` when there is none.
    pub mine: Option<Loaded>,
    /// With `--compare`, the other editor's sidecar (as the title bar
    /// names it) and its annotations.
    pub theirs: Option<(String, Vec<Annotation>)>,
}

impl Rest {
    /// Whether this editor's annotations were placed again on a changed
    /// text of the article.
    pub fn placed(&self) -> bool {
        match &self.mine {
            Some(Loaded::Rest(sidecar) | Loaded::Whole(sidecar)) => sidecar.article_changed,
            None => false,
        }
    }
}

/// Takes in what arrived (from [`super::update()`]).
pub(super) fn arrive(app: &mut App, arrival: Arrival) {
    match arrival {
        Arrival::Annotations(batch) => {
            if let Some(loading) = &mut app.loading {
                loading.read += batch.len();
            }
            app.annotations.extend(batch);
        }
        Arrival::Done(rest) => {
            let Rest { mine, theirs } = *rest;
            finish(app, mine, theirs);
        }
    }
}

/// Ends the loading: adds what is left of this editor's sidecar, says what
/// placing again did, and shows the other editor's annotations beside.
pub(super) fn finish(
    app: &mut App,
    mine: Option<Loaded>,
    theirs: Option<(String, Vec<Annotation>)>,
) {
    let mut sidecar = match mine {
        Some(Loaded::Rest(rest)) => rest,
        Some(Loaded::Whole(whole)) => {
            // The batches were void: the file was read again whole.
            app.annotations = AnnotationSet::default();
            whole
        }
        None => Sidecar::default(),
    };
    let annotations = std::mem::take(&mut sidecar.annotations);
    app.annotations.extend(annotations);
    app.annotations.set_finished(sidecar.finished.take());
    // A new annotation must not take the id of a detached one.
    app.annotations
        .reserve_ids(sidecar.detached.iter().map(|r| r.id));
    let message = opening_message(
        &app.article,
        &sidecar.reanchored,
        sidecar.detached.len(),
        sidecar.article_changed,
        app.read_only,
    );
    app.detached = Arc::new(sidecar.detached);
    if message.is_some() {
        app.message = message;
    }
    app.loading = None;
    if let Some((file_name, theirs)) = theirs {
        app.compare_with(file_name, theirs);
    }
}

/// Whether the terminal `event`, which is `action` as the keys are now,
/// waits for the annotations; if so it is kept in `app.typed_ahead`, and
/// the status line says how many wait. A resize never waits, and a key
/// that means nothing now waits behind one that does (it may mean
/// something in the mode the first one opens: the letters of a speaker
/// filter after `L` `/`).
pub fn hold(app: &mut App, event: &Event, action: Option<&Action>) -> bool {
    if app.loading.is_none() || matches!(action, Some(Action::Resize { .. })) {
        return false;
    }
    let waits = match action {
        Some(action) => !app.typed_ahead.is_empty() || needs_annotations(action),
        // Mouse moves and key releases mean nothing in any mode.
        None => {
            !app.typed_ahead.is_empty()
                && matches!(event, Event::Key(key) if key.kind != KeyEventKind::Release)
        }
    };
    if waits {
        app.typed_ahead.push(event.clone());
        app.message = None;
    }
    waits
}

/// Whether `action` reads or changes the annotations: all but moving,
/// scrolling, going to a paragraph, selecting, searching, the help and
/// quitting.
fn needs_annotations(action: &Action) -> bool {
    use NormalAction as N;
    !matches!(
        action,
        Action::Normal(
            N::Move(_)
                | N::Page(_)
                | N::ToggleSelection
                | N::SelectSentence
                | N::SelectQuotation
                | N::Nudge(_)
                | N::Search
                | N::Match(_)
                | N::DropSelection
                | N::Click { .. }
                | N::Drag { .. }
                | N::Wheel(..)
                | N::GoToParagraph(_)
        ) | Action::Search(_)
            | Action::GoTo(_)
            | Action::Help(_)
            | Action::Resize { .. }
            | Action::Quit
    )
}

/// The status line while the sidecar is read: "Reading the annotations:
/// 12,288 so far… 2 keys wait for them."
pub fn status(loading: &Loading, waiting: usize) -> String {
    let read = format!("Reading the annotations: {} so far…", grouped(loading.read));
    match waiting {
        0 => read,
        1 => format!("{read} 1 key waits for them."),
        n => format!("{read} {n} keys wait for them."),
    }
}

/// `n` with its thousands set apart by commas.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
