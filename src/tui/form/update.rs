//! The form's keys: what they ask for ([`FormAction`]) and how the form and
//! the annotations answer. Saving hands the draft to the core's
//! [`change::edit`] and the change to [`apply`], like every change.

use ratatui::crossterm::event::KeyCode;

use super::{Focus, Form};
use crate::tui::action::Direction;
use crate::tui::app::{App, Mode};
use crate::tui::apply::{Refused, Step, apply};
use crate::tui::key::Key;
use sayso_core::annotation::{Label, change};

/// What the keys of the form ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormAction {
    /// `Enter`: save the form as one undoable step.
    Save,
    /// `Esc`: drop the draft.
    Cancel,
    /// `↓` / `↑`: the next / previous part of the form.
    Field(Direction),
    /// `Tab` / `Shift-Tab`: complete the speaker with the next / previous match.
    Complete(Direction),
    /// `→` / `←`: the next / previous label on the label row; in a text
    /// field, the cursor moves.
    Side(Direction),
    /// `Ctrl-x`: mark the focused span row to split off on save (or unmark it).
    Split,
    /// `Ctrl-u`: delete back to the start of the focused text field.
    DeleteToStart,
    /// Any other key: typed into the focused field (on the label row, a
    /// label's key chooses it).
    Key(Key),
}

/// Applies `action` to the open form (none open: nothing happens).
pub(in crate::tui) fn update(app: &mut App, action: FormAction) {
    if !matches!(app.mode, Mode::Form(_)) {
        return;
    }
    let reading = matches!(&app.mode, Mode::Form(form) if form.read_only);
    let said = match action {
        FormAction::Save | FormAction::Cancel if reading => {
            app.mode = Mode::Normal;
            app.message = Some("Read-only: closed, nothing changed.".into());
            return;
        }
        FormAction::Save => {
            save(app);
            return;
        }
        FormAction::Field(direction) => with_form(app, |form, _| {
            form.step_focus(direction);
            None
        }),
        _ if reading => Some(READING.to_string()),
        FormAction::Cancel => {
            cancel(app);
            return;
        }
        FormAction::Complete(direction) => with_form(app, |form, _| complete(form, direction)),
        FormAction::Side(direction) => with_form(app, |form, labels| {
            if form.focus == Focus::Label {
                form.step_label(labels, direction);
            } else {
                form.move_in_field(direction);
            }
            None
        }),
        FormAction::Split => with_form(app, |form, _| {
            Some(match form.toggle_split() {
                Ok(true) => "✂ The span splits off on save (Enter).".into(),
                Ok(false) => "The span stays.".into(),
                Err(why) => why.to_string(),
            })
        }),
        FormAction::DeleteToStart => with_form(app, |form, _| {
            form.delete_to_start();
            None
        }),
        FormAction::Key(key) => with_form(app, |form, labels| typed(form, labels, key)),
    };
    if said.is_some() {
        app.message = said;
    }
}

/// Runs `f` on the open form with the labels of the schema; gives back
/// what `f` has the status line say.
fn with_form(
    app: &mut App,
    f: impl FnOnce(&mut Form, &[Label]) -> Option<String>,
) -> Option<String> {
    match &mut app.mode {
        Mode::Form(form) => f(form, &app.labels),
        _ => None,
    }
}

/// Tab / Shift-Tab: completes the speaker (the focus goes to it); says why
/// when nothing matches.
fn complete(form: &mut Form, direction: Direction) -> Option<String> {
    form.focus = Focus::Speaker;
    if form.complete(direction) {
        return None;
    }
    let typed = form.speaker.lines().join(" ");
    Some(if form.speakers.is_empty() {
        "No speaker is named in the article yet: type one.".to_string()
    } else {
        format!("No speaker named so far matches “{}”.", typed.trim())
    })
}

/// A key typed in the form: on the label row, a label's key chooses it.
fn typed(form: &mut Form, labels: &[Label], key: Key) -> Option<String> {
    if form.focus != Focus::Label {
        form.type_key(key);
        return None;
    }
    match key.code {
        KeyCode::Char(c) if !key.ctrl && !form.choose_label(labels, c) => {
            Some(format!("No label has the key {c}: ← → choose one."))
        }
        _ => None,
    }
}

/// What the form says to a key that would change a read-only annotation.
const READING: &str = "Read-only: the form shows the annotation, Esc closes it.";

/// `Enter` in the article: opens the form on the current annotation; with
/// `--read-only`, to read its note and spans, not to change them.
pub(in crate::tui) fn open(app: &mut App) {
    let Some(a) = app.current_annotation() else {
        app.message = Some(format!(
            "No annotation on screen is current to edit ({}).",
            crate::tui::normal::ON_SCREEN_KEYS
        ));
        return;
    };
    let mut form = Form::new(a, app.annotations.speakers());
    form.read_only = app.read_only;
    app.message = Some(if app.read_only {
        format!("Reading {} #{} (read-only): Esc closes.", a.label, a.id)
    } else {
        format!("Editing {} #{}: Enter saves, Esc cancels.", a.label, a.id)
    });
    app.mode = Mode::Form(Box::new(form));
}

/// `Enter` in the form: writes the draft as one step, through
/// [`change::edit`] (spans marked to split off become annotations of their
/// own).
pub(in crate::tui) fn save(app: &mut App) {
    let Mode::Form(form) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return;
    };
    if form.read_only {
        return;
    }
    let asked = change::edit(&app.annotations, form.draft(), &app.stamp());
    apply(app, Step::Asked(asked.map_err(Refused::from)));
}

/// `Esc` in the form: drops the draft.
fn cancel(app: &mut App) {
    if let Mode::Form(form) = std::mem::replace(&mut app.mode, Mode::Normal) {
        let what = app
            .annotations
            .get(form.id)
            .map(|a| format!("{} #{}", a.label, a.id))
            .unwrap_or_else(|| format!("#{}", form.id));
        app.message = Some(format!("Edit of {what} cancelled: nothing changed."));
    }
}
