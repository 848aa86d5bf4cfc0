//! What the editor asks of the annotations from the article: tag, delete,
//! join, name the speaker, accept or reject, suggest. Each asks the core's
//! [`change`] builders with what the article and the cursor give, and hands
//! the change (or why there is none) to [`apply`], the one way every change
//! goes.

use std::ops::Range;

use crate::tui::app::App;
use crate::tui::apply::{Refused, Step, apply};
use sayso_core::annotation::{Status, Unit, change};
use sayso_core::article::{graphemes, quotes, sentences, spans, words};
use sayso_core::suggest;

/// Tags the selection, or the label's default unit at the cursor.
pub fn tag(app: &mut App, label_index: usize) {
    let Some(label) = app.labels.get(label_index) else {
        return;
    };
    let spans = match app.selection() {
        Some(_) => app.selected_spans(),
        None => default_unit(app, label.unit),
    };
    let asked = change::tag(&app.annotations, &label.name, spans, &app.stamp());
    apply(app, Step::Asked(asked.map_err(Refused::from)));
}

/// Adds what the rules suggest for the article, of the schema's labels,
/// as one step: pending, for `p`, `a` and `r`. It reads the whole article,
/// as `sayso suggest` does, only when asked.
pub fn suggest(app: &mut App) {
    let labels = &app.labels;
    let asked = suggest::change(&app.article, &app.annotations, &app.stamp(), |label| {
        labels.iter().any(|l| l.name == label)
    });
    apply(app, Step::Asked(asked.map_err(Refused::from)));
}

/// The spans of `unit` at the cursor.
fn default_unit(app: &App, unit: Unit) -> Vec<Range<usize>> {
    if unit == Unit::Quotation {
        if let Some(found) = quotes::quotation_at(&app.article, app.cursor) {
            return found;
        }
    }
    let found = match unit {
        Unit::Quotation | Unit::Sentence => sentence_at_cursor(app),
        Unit::Word => word_at_cursor(app),
        Unit::Paragraph => paragraph_at_cursor(app),
    };
    found.into_iter().collect()
}

/// The word at the cursor, else the word that ends right there (the cursor
/// after `$`), in article bytes.
fn word_at_cursor(app: &App) -> Option<Range<usize>> {
    let p = app.paragraph()?;
    let start = app.article.paragraphs()[p].start;
    let text = app.article.paragraph_text(p);
    let at = app.cursor - start;
    let found = words::word_at(text, at).or_else(|| {
        words::word_at(text, graphemes::prev_boundary(text, at)).filter(|w| w.end == at)
    })?;
    Some(start + found.start..start + found.end)
}

/// The paragraph the cursor is in, cleaned of white space at its ends.
fn paragraph_at_cursor(app: &App) -> Option<Range<usize>> {
    let p = app.paragraph()?;
    spans::clean(app.article.text(), app.article.paragraphs()[p].clone())
}

/// The sentence around the cursor, in article bytes.
pub fn sentence_at_cursor(app: &App) -> Option<Range<usize>> {
    let p = app.paragraph()?;
    let start = app.article.paragraphs()[p].start;
    let text = app.article.paragraph_text(p);
    let found = sentences::sentence_at(text, app.cursor - start)?;
    Some(start + found.start..start + found.end)
}

/// The keys that make an annotation current, for the refusals.
pub(in crate::tui) const ON_SCREEN_KEYS: &str =
    "Tab goes to the next one, Space to one at the cursor";

/// Deletes the current annotation.
pub fn delete(app: &mut App) {
    let asked = current(app, "delete", ON_SCREEN_KEYS)
        .and_then(|id| Ok(change::delete(&app.annotations, id, &app.stamp())?));
    apply(app, Step::Asked(asked));
}

/// Joins the current annotation with the next one of the same label: one
/// annotation with the spans of both.
pub fn join(app: &mut App) {
    let asked = current(app, "join", ON_SCREEN_KEYS)
        .and_then(|id| Ok(change::join(&app.annotations, id, &app.stamp())?));
    apply(app, Step::Asked(asked));
}

/// The id of the current annotation, or why there is none to `what` (and
/// which keys go to one). The current annotation is always one on screen
/// (see [`super::keep_current_in_view`]): an annotation scrolled away is
/// current no longer, so no key acts on what the editor cannot see.
fn current(app: &App, what: &str, keys: &str) -> Result<u64, Refused> {
    app.current_annotation().map(|a| a.id).ok_or_else(|| {
        Refused::Here(format!(
            "No annotation on screen is current to {what} ({keys})."
        ))
    })
}

/// Gives the current annotation `status`. The current annotation stays
/// current (`p` goes on to the next pending one), so the editor sees what
/// changed and `u` is at hand.
pub fn set_status(app: &mut App, status: Status) {
    let asked = current(
        app,
        verb(status),
        "Tab or p goes to one, Space to one at the cursor",
    )
    .and_then(|id| {
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
        Some(selection) => current(app, "give a speaker", ON_SCREEN_KEYS).and_then(|id| {
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
