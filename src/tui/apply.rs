//! The one way a change reaches the annotations: [`apply`].
//!
//! Tagging, deleting, joining, a speaker, a status, the form's save, taking
//! the other editor's version, undo, redo, and changes from outside the
//! editor's keys all go through it. What to change is decided beforehand,
//! as a value: the core's [`change`](sayso_core::annotation::change)
//! functions build a [`Change`] from the annotations and what was asked, or
//! refuse it with a reason; the annotator only adds what its own state
//! refuses (no current annotation, no selection). `apply` then does what
//! every change needs, once and in this order:
//!
//! 1. refuses everything but an outside change when the annotations are
//!    read-only, before any other reason;
//! 2. says why, when the change was refused;
//! 3. makes it through the [`History`](sayso_core::annotation::History):
//!    as a step that `u` undoes, as the undo or redo of one, or, from
//!    outside, as no step at all (undo then never takes it back);
//! 4. brings the disagreements of `--compare` up to date around what it
//!    touched, and the review panel's rows of those annotations;
//! 5. bumps the revision, so the loop hands the annotations to the saver;
//! 6. moves the focus: the current annotation, the selection, and after an
//!    undo or a redo the cursor and the panel's row, so the editor sees
//!    what changed;
//! 7. says on the status line what it did.
//!
//! What comes next is one more step, not another path: suggestions proposed
//! for the article (`!`, one step `u` undoes) are built in the core
//! (`suggest::change`) as a [`Change`] of [`Kind::Suggest`], and here is
//! only what the status line says of them; a sidecar changed on disk and
//! merged in, or annotations re-anchored, are a [`Step::Outside`] with the
//! edits the merge decided.
//!
//! # Cost
//!
//! What the change touched: the history step, the disagreements connected
//! to its annotations by overlaps, the panel rows of its annotations. Never
//! a walk over the whole set.

use std::sync::Arc;

use super::action::Direction;
use super::app::App;
use super::compare::Seeds;
use super::quoting::quoted;
use sayso_core::annotation::change::Took;
use sayso_core::annotation::{Annotation, Change, Edit, Kind, Refusal, Status};
use sayso_core::article::graphemes;
use sayso_core::store::Record;

/// What reaches the annotations.
#[derive(Debug)]
pub enum Step {
    /// A change the editor asked for, or why it cannot be made.
    Asked(Result<Change, Refused>),
    /// Take back the last step.
    Undo,
    /// Make the last undone step again.
    Redo,
    /// Edits from outside the editor's keys (the sidecar merged from disk,
    /// annotations re-anchored): made even when read-only, not a step undo
    /// takes back; `detached` replaces the detached records when given;
    /// `said` is what the status line says of them.
    Outside {
        edits: Vec<Edit>,
        detached: Option<Arc<Vec<Record>>>,
        said: String,
    },
}

/// Why a change the editor asked for is not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The annotations do not allow it.
    Annotations(Refusal),
    /// The annotator's state does not allow it (no current annotation, no
    /// selection): the sentence says what to do.
    Here(String),
}

impl From<Refusal> for Refused {
    fn from(refusal: Refusal) -> Refused {
        Refused::Annotations(refusal)
    }
}

/// What a step did, for the focus and the status line.
enum Done {
    Made(Kind),
    /// A step undone (`Backward`) or redone.
    Replayed(Direction),
    Outside(String),
}

/// Makes `step` (see the module documentation).
pub fn apply(app: &mut App, step: Step) {
    if !matches!(step, Step::Outside { .. }) && refuse_when_read_only(app) {
        return;
    }
    let (done, what) = match step {
        Step::Asked(Err(refused)) => {
            refuse(app, refused);
            return;
        }
        Step::Asked(Ok(change)) => match app.history.apply(&mut app.annotations, change.edits) {
            Some(done) => (done, Done::Made(change.kind)),
            None => {
                app.message = Some("Nothing changed.".into());
                return;
            }
        },
        Step::Undo => match app.history.undo(&mut app.annotations) {
            Some(done) => (done, Done::Replayed(Direction::Backward)),
            None => {
                app.message = Some("Nothing to undo.".into());
                return;
            }
        },
        Step::Redo => match app.history.redo(&mut app.annotations) {
            Some(done) => (done, Done::Replayed(Direction::Forward)),
            None => {
                app.message = Some("Nothing to redo.".into());
                return;
            }
        },
        Step::Outside {
            edits,
            detached,
            said,
        } => {
            if let Some(detached) = detached {
                replace_detached(app, detached);
            }
            (
                app.history.apply_outside(&mut app.annotations, edits),
                Done::Outside(said),
            )
        }
    };
    keep_up(app, &done);
    focus(app, &done, &what);
    app.message = Some(said(app, &done, what));
}

/// The detached records are now `detached`: no new annotation takes one of
/// their ids, and the panel lists them.
fn replace_detached(app: &mut App, detached: Arc<Vec<Record>>) {
    app.annotations.reserve_ids(detached.iter().map(|r| r.id));
    app.detached = detached;
    let filter = app.list.filter().clone();
    app.list.set_filter(filter, &app.annotations, &app.detached);
}

/// Says so and gives `true` when the annotations may not change.
pub(super) fn refuse_when_read_only(app: &mut App) -> bool {
    if app.read_only {
        app.message =
            Some("Read-only: annotations cannot be changed (open without --read-only).".into());
    }
    app.read_only
}

/// Says why, and keeps the editor where the refusal points: an annotation
/// already tagged becomes current; a selection whose name is the speaker
/// already is used up.
fn refuse(app: &mut App, refused: Refused) {
    match &refused {
        Refused::Annotations(Refusal::AlreadyTagged { id, .. }) => {
            app.current = Some(*id);
            app.anchor = None;
        }
        Refused::Annotations(Refusal::SameSpeaker { .. }) => app.anchor = None,
        _ => {}
    }
    app.message = Some(match refused {
        Refused::Annotations(refusal) => refusal.to_string(),
        Refused::Here(said) => said,
    });
}

/// The state that follows the annotations: the disagreements with the
/// other editor, the revision, the panel's rows.
fn keep_up(app: &mut App, done: &[Edit]) {
    if done.is_empty() {
        return;
    }
    if let Some(compare) = &mut app.compare {
        compare.refresh(&app.annotations, &Seeds::of(done, &app.annotations));
    }
    app.revision += 1;
    app.list.changed(&app.annotations, &touched(done));
}

/// The order keys of every annotation a step names, before or after: among
/// them are the keys the panel's rows hold for those ids.
fn touched(done: &[Edit]) -> Vec<(usize, u64)> {
    done.iter()
        .flat_map(|e| match e {
            Edit::Insert(a) | Edit::Remove(a) => vec![a.order_key()],
            Edit::Replace { before, after } => vec![before.order_key(), after.order_key()],
            Edit::Finish { .. } => Vec::new(),
        })
        .collect()
}

/// Where the editor's attention goes once `done` is made.
fn focus(app: &mut App, done: &[Edit], what: &Done) {
    // Finishing is about the whole article: the editor stays where they are.
    if done.iter().all(|e| matches!(e, Edit::Finish { .. })) {
        return;
    }
    match what {
        Done::Made(kind) => {
            app.current = kind.focus();
            // Tagging and naming the speaker used the selection up.
            if matches!(kind, Kind::Tag(_) | Kind::Speaker(_)) {
                app.anchor = None;
            }
            if let Kind::Tag(id) = kind {
                cursor_inside(app, *id);
            }
        }
        Done::Replayed(direction) => {
            app.anchor = None;
            follow(app, done, *direction);
            if let (true, Some(id)) = (app.list.open, app.current) {
                app.list.select_id(&app.annotations, id);
            }
        }
        Done::Outside(_) => {}
    }
}

/// Puts the cursor on the last grapheme of annotation `id` unless it is
/// inside it already (a selection leaves it just past the end), so that
/// `Space` and the motions start from the annotation just tagged.
fn cursor_inside(app: &mut App, id: u64) {
    let Some(last) = app
        .annotations
        .get(id)
        .and_then(|a| (!a.contains(app.cursor)).then(|| a.spans.last().cloned())?)
    else {
        return;
    };
    let text = &app.article.text()[last.clone()];
    app.cursor = last.start + graphemes::prev_boundary(text, text.len());
}

/// After an undo (`Backward`) or a redo, makes the annotation it touched
/// current and moves the cursor there, so the editor sees what changed.
fn follow(app: &mut App, edits: &[Edit], direction: Direction) {
    use Direction::{Backward, Forward};
    let touched = edits.iter().rev().find_map(|e| match (e, direction) {
        (Edit::Insert(a), Forward) | (Edit::Remove(a), Backward) => Some(a),
        (Edit::Replace { before, .. }, Backward) => Some(before),
        (Edit::Replace { after, .. }, Forward) => Some(after),
        _ => None,
    });
    match touched {
        Some(a) => {
            app.current = Some(a.id);
            app.cursor = a.start();
        }
        None => {
            if let Some(a) = edits.iter().find_map(|e| match e {
                Edit::Insert(a) | Edit::Remove(a) => Some(a),
                Edit::Replace { .. } | Edit::Finish { .. } => None,
            }) {
                app.cursor = a.start();
            }
            app.current = None;
        }
    }
}

/// What the status line says of a step.
fn said(app: &App, done: &[Edit], what: Done) -> String {
    match what {
        Done::Made(kind) => made(app, done, &kind),
        Done::Replayed(Direction::Backward) => {
            format!("Undid: {}. Ctrl-r redoes.", describe(done))
        }
        Done::Replayed(Direction::Forward) => format!("Redid: {}.", describe(done)),
        Done::Outside(said) => said,
    }
}

/// What the status line says of a change the editor made.
fn made(app: &App, done: &[Edit], kind: &Kind) -> String {
    let id = match *kind {
        Kind::Finish(finished) => return finishing(app, finished),
        Kind::Suggest => return suggested(done),
        Kind::Tag(id)
        | Kind::Delete(id)
        | Kind::Status(id, _)
        | Kind::Speaker(id)
        | Kind::Join { into: id, .. }
        | Kind::Edit { id, .. }
        | Kind::Take { id, .. } => id,
    };
    let Some(a) = subject(app, done, id) else {
        return format!("Changed #{id} (u undoes).");
    };
    match kind {
        Kind::Tag(_) => format!(
            "Tagged {} #{} (u undoes): {}",
            a.label,
            a.id,
            quoted(app, a)
        ),
        Kind::Delete(_) => format!(
            "Deleted {} #{} (u undoes): {}",
            a.label,
            a.id,
            quoted(app, a)
        ),
        Kind::Join { absorbed, .. } => format!(
            "Joined {} #{} and #{absorbed}: {} spans (u undoes).",
            a.label,
            a.id,
            a.spans.len()
        ),
        Kind::Status(_, status) => format!(
            "{} {} #{} (u undoes) · {}",
            capitalised(past(*status)),
            a.label,
            a.id,
            pending_left(app)
        ),
        Kind::Speaker(_) => format!(
            "Speaker of {} #{} is now “{}” (u undoes).",
            a.label,
            a.id,
            a.speaker.as_deref().unwrap_or_default()
        ),
        Kind::Edit { split_off, .. } if split_off.is_empty() => {
            format!("Saved {} #{} (u undoes).", a.label, a.id)
        }
        Kind::Edit { split_off, .. } => {
            let ids: Vec<String> = split_off.iter().map(|id| format!("#{id}")).collect();
            format!(
                "Saved {} #{}; split off {} (u undoes).",
                a.label,
                a.id,
                ids.join(", ")
            )
        }
        Kind::Take { took, .. } => {
            let took = match took {
                Took::Theirs => format!("Took theirs for {} #{}", a.label, a.id),
                Took::AcceptedAgain => {
                    format!("Took theirs: accepted {} #{} again", a.label, a.id)
                }
                Took::Added => format!("Took theirs: added {} #{}", a.label, a.id),
                Took::Deleted => format!("Took theirs: deleted {} #{}", a.label, a.id),
            };
            let left = match app.compare.as_ref().map_or(0, |c| c.len()) {
                0 => "no disagreement left".to_string(),
                n => format!("{n} left, D goes to the next"),
            };
            format!("{took} (u undoes) · {left}.")
        }
        Kind::Finish(finished) => finishing(app, *finished),
        Kind::Suggest => suggested(done),
    }
}

/// What the status line says when the article is marked finished, or no
/// longer.
fn finishing(app: &App, finished: bool) -> String {
    let next = if app.corpus.len() > 1 {
        " · Ctrl-n goes to the next article"
    } else {
        ""
    };
    if finished {
        format!("Marked {} finished (u undoes){next}.", app.file_name)
    } else {
        format!("{} is no longer marked finished (u undoes).", app.file_name)
    }
}

/// "Suggested 9: 6 quote, 2 denial, 1 claim · p goes to them, u undoes.",
/// short enough for the status line beside the counts at 120 columns.
fn suggested(done: &[Edit]) -> String {
    let mut by_label: Vec<(&str, usize)> = Vec::new();
    for edit in done {
        if let Edit::Insert(a) = edit {
            match by_label.iter_mut().find(|(l, _)| *l == a.label) {
                Some((_, n)) => *n += 1,
                None => by_label.push((&a.label, 1)),
            }
        }
    }
    let counts: Vec<String> = by_label.iter().map(|(l, n)| format!("{n} {l}")).collect();
    format!(
        "Suggested {}: {} · p goes to them, u undoes.",
        done.len(),
        counts.join(", ")
    )
}

/// Annotation `id` as the set holds it now, or as the step last saw it
/// (when the step deleted it).
fn subject<'a>(app: &'a App, done: &'a [Edit], id: u64) -> Option<&'a Annotation> {
    app.annotations.get(id).or_else(|| {
        done.iter().find_map(|e| match e {
            Edit::Remove(a) | Edit::Replace { before: a, .. } if a.id == id => Some(a),
            _ => None,
        })
    })
}

/// "3 pending left, p goes to the next".
fn pending_left(app: &App) -> String {
    match (app.annotations.with_status(Status::Pending), app.list.open) {
        (0, _) => "no pending annotation left".into(),
        (n, true) => format!("{n} pending left"),
        (n, false) => format!("{n} pending left, p goes to the next"),
    }
}

fn past(status: Status) -> &'static str {
    match status {
        Status::Accepted => "accepted",
        Status::Rejected => "rejected",
        Status::Pending => "reopened",
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A few words for the status line about a step undone or redone.
fn describe(edits: &[Edit]) -> String {
    match edits {
        [Edit::Insert(a)] => format!("tag {} #{}", a.label, a.id),
        [Edit::Remove(a)] => format!("delete {} #{}", a.label, a.id),
        [Edit::Replace { before, after }] => {
            let what = if before.status != after.status {
                match after.status {
                    Status::Accepted => "accept",
                    Status::Rejected => "reject",
                    Status::Pending => "reopen",
                }
            } else if before.speaker != after.speaker && before.label == after.label {
                "set the speaker of"
            } else {
                "edit"
            };
            format!("{what} {} #{}", after.label, after.id)
        }
        [Edit::Replace { after, .. }, Edit::Insert(_), ..] => {
            format!("split {} #{}", after.label, after.id)
        }
        [.., Edit::Replace { after, .. }] => format!("join into {} #{}", after.label, after.id),
        [Edit::Finish { after: Some(_), .. }] => "mark the article finished".into(),
        [Edit::Finish { after: None, .. }] => "take the article's finished mark off".into(),
        _ => format!("{} changes", edits.len()),
    }
}
