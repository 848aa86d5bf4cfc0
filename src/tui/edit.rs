//! Tag, delete, join, undo, redo: what the editor asks of the annotations,
//! made through [`apply`], the one way every change goes.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::app::App;
use super::apply::{Refused, Step, apply};
use sayso_core::annotation::{Annotation, Unit, change};
use sayso_core::article::{graphemes, quotes, sentences, spans, words};

/// How much of a span's text the status line quotes.
const QUOTED_CHARS: usize = 40;

/// Tags the selection, or the label's default unit at the cursor.
pub fn tag(app: &mut App, label_index: usize) {
    let Some(label) = app.labels.get(label_index) else {
        return;
    };
    let spans = match app.selection() {
        Some(selection) => selected_spans(app, selection),
        None => default_unit(app, label.unit),
    };
    let asked = change::tag(&app.annotations, &label.name, spans, &app.stamp());
    apply(app, Step::Asked(asked.map_err(Refused::from)));
}

/// The selection cut at paragraph breaks, one cleaned span per paragraph, so
/// that a selection over paragraphs tags their text and not the blank lines
/// between them (as a quote continuing into later paragraphs is stored).
fn selected_spans(app: &App, selection: Range<usize>) -> Vec<Range<usize>> {
    let first = app.article.paragraph_at(selection.start).unwrap_or(0);
    app.article.paragraphs()[first..]
        .iter()
        .take_while(|p| p.start < selection.end)
        .filter_map(|p| {
            let piece = selection.start.max(p.start)..selection.end.min(p.end);
            spans::clean(app.article.text(), piece)
        })
        .collect()
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

/// Deletes the current annotation.
pub fn delete(app: &mut App) {
    let asked = current(app, "delete", "Tab goes to one")
        .and_then(|id| Ok(change::delete(&app.annotations, id, &app.stamp())?));
    apply(app, Step::Asked(asked));
}

/// Joins the current annotation with the next one of the same label: one
/// annotation with the spans of both.
pub fn join(app: &mut App) {
    let asked = current(app, "join", "Tab goes to one")
        .and_then(|id| Ok(change::join(&app.annotations, id, &app.stamp())?));
    apply(app, Step::Asked(asked));
}

/// Undoes the last change.
pub fn undo(app: &mut App) {
    apply(app, Step::Undo);
}

/// Redoes the last undone change.
pub fn redo(app: &mut App) {
    apply(app, Step::Redo);
}

/// The id of the current annotation, or why there is none to `what` (and
/// which keys go to one).
pub(super) fn current(app: &App, what: &str, keys: &str) -> Result<u64, Refused> {
    app.current_annotation()
        .map(|a| a.id)
        .ok_or_else(|| Refused::Here(format!("No current annotation to {what} ({keys}).")))
}

/// An annotation's text from the start of its first span to the end of its
/// last, quoted, for the status line: whole when it has at most `graphemes`
/// graphemes, else its start and end with `…` between (where two versions
/// of a span usually differ). Never cut inside a grapheme.
pub fn quoted_ends(app: &App, annotation: &Annotation, graphemes: usize) -> String {
    let text = &app.article.text()[annotation.start()..annotation.end()];
    // Never more than `graphemes` of it are read: a joined annotation may
    // reach over much of the article.
    let shown: String = if text.graphemes(true).nth(graphemes).is_none() {
        visible(text)
    } else {
        let half = graphemes.saturating_sub(1) / 2;
        let head: String = text.graphemes(true).take(half).collect();
        let mut tail: Vec<&str> = text.graphemes(true).rev().take(half).collect();
        tail.reverse();
        format!(
            "{}…{}",
            visible(head.trim_end()),
            visible(tail.concat().trim_start())
        )
    };
    format!("“{shown}”")
}

/// `text` with control characters (line breaks too) as spaces.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The start of an annotation's text, quoted, for the status line.
pub fn quoted(app: &App, annotation: &Annotation) -> String {
    let first = annotation.spans.first().cloned().unwrap_or(0..0);
    let text = &app.article.text()[first];
    let mut shown: String = text
        .chars()
        .take(QUOTED_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(QUOTED_CHARS).is_some() || annotation.spans.len() > 1 {
        shown.push('…');
    }
    format!("“{shown}”")
}
