//! Review: accept or reject the current annotation, name its speaker from
//! the selection, and edit it in the form. Like every change, each goes
//! through [`apply`] as one step that `u` undoes.

use super::app::{App, Mode};
use super::apply::{Refused, Step, apply, refuse_when_read_only};
use super::edit::current;
use super::form::Form;
use sayso_core::annotation::{Status, change};

/// Gives the current annotation `status`. The current annotation stays
/// current (`p` goes on to the next pending one), so the editor sees what
/// changed and `u` is at hand.
pub fn set_status(app: &mut App, status: Status) {
    let asked = current(app, verb(status), "Tab or p goes to one").and_then(|id| {
        Ok(change::set_status(
            &app.annotations,
            id,
            status,
            &app.stamp(),
        )?)
    });
    apply(app, Step::Asked(asked));
}

fn verb(status: Status) -> &'static str {
    match status {
        Status::Accepted => "accept",
        Status::Rejected => "reject",
        Status::Pending => "reopen",
    }
}

/// `S`: the selected text becomes the speaker of the current annotation.
pub fn speaker_from_selection(app: &mut App) {
    let asked = match app.selection() {
        None => Err(Refused::Here(
            "No selection: select the speaker's name (v and a motion, or / to find it), then S."
                .into(),
        )),
        Some(selection) => current(app, "give a speaker", "Tab goes to one").and_then(|id| {
            let text = &app.article.text()[selection];
            Ok(change::set_speaker(
                &app.annotations,
                id,
                text,
                &app.stamp(),
            )?)
        }),
    };
    apply(app, Step::Asked(asked));
}

/// `Enter`: opens the form on the current annotation.
pub fn open_form(app: &mut App) {
    if refuse_when_read_only(app) {
        return;
    }
    let Some(a) = app.current_annotation() else {
        app.message = Some("No current annotation to edit (Tab goes to one).".into());
        return;
    };
    let form = Form::new(a, app.annotations.speakers());
    app.message = Some(format!(
        "Editing {} #{}: Enter saves, Esc cancels.",
        a.label, a.id
    ));
    app.mode = Mode::Form(Box::new(form));
}

/// `Enter` in the form: writes the draft as one step. Spans marked to split
/// off become annotations of their own, like the one they leave (label,
/// speaker, note, status, origin, author, created) with a new id.
pub fn save_form(app: &mut App) {
    let Mode::Form(form) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return;
    };
    let asked = change::edit(&app.annotations, form.draft(), &app.stamp());
    apply(app, Step::Asked(asked.map_err(Refused::from)));
}

/// `Esc` in the form: drops the draft.
pub fn cancel_form(app: &mut App) {
    if let Mode::Form(form) = std::mem::replace(&mut app.mode, Mode::Normal) {
        let what = app
            .annotations
            .get(form.id)
            .map(|a| format!("{} #{}", a.label, a.id))
            .unwrap_or_else(|| format!("#{}", form.id));
        app.message = Some(format!("Edit of {what} cancelled: nothing changed."));
    }
}
