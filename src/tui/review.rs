//! Review: accept or reject the current annotation, name its speaker from
//! the selection, and edit it in the form. Like every change, each goes
//! through [`edit::commit`] as one step that `u` undoes.

use super::app::{App, Mode};
use super::edit::{commit, refuse_when_read_only};
use super::form::Form;
use sayso_core::annotation::{Annotation, Edit, Status, now_rfc3339};

/// Gives the current annotation `status`. The current annotation stays
/// current (`p` goes on to the next pending one), so the editor sees what
/// changed and `u` is at hand.
pub fn set_status(app: &mut App, status: Status) {
    if refuse_when_read_only(app) {
        return;
    }
    let Some(before) = app.current_annotation().cloned() else {
        app.message = Some(format!(
            "No current annotation to {} (Tab or p goes to one).",
            verb(status)
        ));
        return;
    };
    if before.status == status {
        app.message = Some(format!(
            "{} #{} is already {}.",
            before.label,
            before.id,
            status.name()
        ));
        return;
    }
    let mut after = before.clone();
    after.status = status;
    after.modified = now_rfc3339();
    let said = format!(
        "{} {} #{} (u undoes) · {}",
        capitalised(past(status)),
        after.label,
        after.id,
        pending_left(app, &before, status)
    );
    commit(app, vec![Edit::Replace { before, after }]);
    app.message = Some(said);
}

/// "3 pending left, p goes to the next" once this change is made.
fn pending_left(app: &App, changed: &Annotation, status: Status) -> String {
    let mut left = app.annotations.with_status(Status::Pending);
    if changed.status == Status::Pending {
        left -= 1;
    }
    if status == Status::Pending {
        left += 1;
    }
    match (left, app.list.open) {
        (0, _) => "no pending annotation left".into(),
        (n, true) => format!("{n} pending left"),
        (n, false) => format!("{n} pending left, p goes to the next"),
    }
}

fn verb(status: Status) -> &'static str {
    match status {
        Status::Accepted => "accept",
        Status::Rejected => "reject",
        Status::Pending => "reopen",
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

/// `S`: the selected text becomes the speaker of the current annotation.
pub fn speaker_from_selection(app: &mut App) {
    if refuse_when_read_only(app) {
        return;
    }
    let Some(selection) = app.selection() else {
        app.message = Some(
            "No selection: select the speaker's name (v and a motion, or / to find it), then S."
                .into(),
        );
        return;
    };
    let Some(before) = app.current_annotation().cloned() else {
        app.message = Some("No current annotation to give a speaker (Tab goes to one).".into());
        return;
    };
    let name = speaker_name(&app.article.text()[selection]);
    if name.is_empty() {
        app.message = Some("The selection holds no name, only white space.".into());
        return;
    }
    app.anchor = None;
    if before.speaker.as_deref() == Some(name.as_str()) {
        app.message = Some(format!(
            "“{name}” is already the speaker of {} #{}.",
            before.label, before.id
        ));
        return;
    }
    let mut after = before.clone();
    after.speaker = Some(name.clone());
    after.modified = now_rfc3339();
    let said = format!(
        "Speaker of {} #{} is now “{name}” (u undoes).",
        after.label, after.id
    );
    commit(app, vec![Edit::Replace { before, after }]);
    app.message = Some(said);
}

/// A name as stored: runs of white space (line breaks too, a selection may
/// cross lines) and control characters become one space, none at the ends.
fn speaker_name(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
    if refuse_when_read_only(app) {
        return;
    }
    let Some(before) = app.annotations.get(form.id).cloned() else {
        app.message = Some(format!(
            "#{} is gone (deleted meanwhile): nothing saved.",
            form.id
        ));
        return;
    };
    let mut after = before.clone();
    after.label = form.label.clone();
    after.speaker = form.speaker_value();
    after.note = form.note_value();
    let mut split_off = Vec::new();
    after.spans.clear();
    for (span, split) in form.spans.iter().zip(&form.split) {
        if *split {
            split_off.push(span.clone());
        } else {
            after.spans.push(span.clone());
        }
    }
    if after == before {
        app.message = Some(format!("No change to {} #{}.", before.label, before.id));
        return;
    }
    after.modified = now_rfc3339();
    let first_id = app.annotations.next_id();
    let parts: Vec<Annotation> = split_off
        .into_iter()
        .zip(first_id..)
        .map(|(span, id)| Annotation {
            id,
            spans: vec![span],
            ..after.clone()
        })
        .collect();
    let said = match parts.as_slice() {
        [] => format!("Saved {} #{} (u undoes).", after.label, after.id),
        parts => {
            let ids: Vec<String> = parts.iter().map(|p| format!("#{}", p.id)).collect();
            format!(
                "Saved {} #{}; split off {} (u undoes).",
                after.label,
                after.id,
                ids.join(", ")
            )
        }
    };
    app.current = Some(after.id);
    let mut edits = vec![Edit::Replace { before, after }];
    edits.extend(parts.into_iter().map(Edit::Insert));
    commit(app, edits);
    app.message = Some(said);
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
