//! Changes to the annotations: tag, delete, join, undo, redo. Each change goes
//! through [`History`](sayso_core::annotation::History) so `u` undoes it, bumps the
//! revision so the loop saves it, keeps the list's rows in step, and says on
//! the status line what it did.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::app::App;
use super::compare::Seeds;
use sayso_core::annotation::{Annotation, Edit, Origin, Status, Unit, now_rfc3339};
use sayso_core::article::display::{self, one_line};
use sayso_core::article::{graphemes, quotes, sentences, spans, words};

/// How much of a span's text the status line quotes.
const QUOTED_CHARS: usize = 40;

/// Tags the selection, or the label's default unit at the cursor.
pub fn tag(app: &mut App, label_index: usize) {
    if refuse_when_read_only(app) {
        return;
    }
    let Some(label) = app.labels.get(label_index).cloned() else {
        return;
    };
    let found = match app.selection() {
        Some(selection) => selected_spans(app, selection),
        None => default_unit(app, label.unit),
    };
    if found.is_empty() {
        app.message = Some(format!("Nothing to tag as {} here.", label.name));
        return;
    }
    if let Some(same) = app
        .annotations
        .overlapping(found[0].clone())
        .into_iter()
        .find(|a| a.label == label.name && a.spans == found)
    {
        app.current = Some(same.id);
        app.anchor = None;
        app.message = Some(format!("Already tagged as {} #{}.", label.name, same.id));
        return;
    }
    let now = now_rfc3339();
    let annotation = Annotation {
        id: app.annotations.next_id(),
        label: label.name.clone(),
        spans: found,
        speaker: None,
        note: None,
        status: Status::Accepted,
        origin: Origin::Manual,
        author: app.author.clone(),
        created: now.clone(),
        modified: now,
    };
    let said = format!(
        "Tagged {} #{} (u undoes): {}",
        label.name,
        annotation.id,
        quoted(app, &annotation)
    );
    app.current = Some(annotation.id);
    app.anchor = None;
    commit(app, vec![Edit::Insert(annotation)]);
    app.message = Some(said);
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
    if refuse_when_read_only(app) {
        return;
    }
    let Some(annotation) = app.current_annotation().cloned() else {
        app.message = Some("No current annotation to delete (Tab goes to one).".into());
        return;
    };
    let said = format!(
        "Deleted {} #{} (u undoes): {}",
        annotation.label,
        annotation.id,
        quoted(app, &annotation)
    );
    app.current = None;
    commit(app, vec![Edit::Remove(annotation)]);
    app.message = Some(said);
}

/// Joins the current annotation with the next one of the same label: one
/// annotation with the spans of both.
pub fn join(app: &mut App) {
    if refuse_when_read_only(app) {
        return;
    }
    let Some(first) = app.current_annotation().cloned() else {
        app.message = Some("No current annotation to join (Tab goes to one).".into());
        return;
    };
    let next = app
        .annotations
        .index_of(first.id)
        .and_then(|i| {
            app.annotations
                .iter()
                .skip(i + 1)
                .find(|a| a.label == first.label)
        })
        .cloned();
    let Some(second) = next else {
        app.message = Some(format!(
            "No later {} to join #{} with.",
            first.label, first.id
        ));
        return;
    };
    let mut joined = first.clone();
    joined.spans = merged(&first.spans, &second.spans);
    joined.modified = now_rfc3339();
    app.message = Some(format!(
        "Joined {} #{} and #{}: {} spans (u undoes).",
        first.label,
        first.id,
        second.id,
        joined.spans.len()
    ));
    commit(
        app,
        vec![
            Edit::Remove(second),
            Edit::Replace {
                before: first,
                after: joined,
            },
        ],
    );
}

/// The spans of both, sorted, overlapping or touching ones merged.
fn merged(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = a.iter().chain(b).cloned().collect();
    all.sort_by_key(|s| s.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for span in all {
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Undoes the last change.
pub fn undo(app: &mut App) {
    if refuse_when_read_only(app) {
        return;
    }
    match app.history.undo(&mut app.annotations) {
        Some(edits) => {
            refresh_compare(app, &edits);
            app.revision += 1;
            app.list.changed(&app.annotations, &touched(&edits));
            app.anchor = None;
            app.message = Some(format!("Undid: {}. Ctrl-r redoes.", describe(&edits)));
            follow(app, &edits, true);
        }
        None => app.message = Some("Nothing to undo.".into()),
    }
}

/// Redoes the last undone change.
pub fn redo(app: &mut App) {
    if refuse_when_read_only(app) {
        return;
    }
    match app.history.redo(&mut app.annotations) {
        Some(edits) => {
            refresh_compare(app, &edits);
            app.revision += 1;
            app.list.changed(&app.annotations, &touched(&edits));
            app.anchor = None;
            app.message = Some(format!("Redid: {}.", describe(&edits)));
            follow(app, &edits, false);
        }
        None => app.message = Some("Nothing to redo.".into()),
    }
}

/// After an undo or redo, makes the annotation it touched current and moves
/// the cursor there, so the editor sees what changed.
fn follow(app: &mut App, edits: &[Edit], undone: bool) {
    let touched = edits.iter().rev().find_map(|e| match (e, undone) {
        (Edit::Insert(a), false) | (Edit::Remove(a), true) => Some(a),
        (Edit::Replace { before, .. }, true) => Some(before),
        (Edit::Replace { after, .. }, false) => Some(after),
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
                Edit::Replace { .. } => None,
            }) {
                app.cursor = a.start();
            }
            app.current = None;
        }
    }
}

/// A few words for the status line about a step of edits.
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
        _ => format!("{} changes", edits.len()),
    }
}

/// Applies `edits` as one undoable step.
pub(super) fn commit(app: &mut App, edits: Vec<Edit>) {
    let mut keys = touched(&edits);
    let now: Vec<(usize, u64)> = keys
        .iter()
        .filter_map(|&(_, id)| app.annotations.get(id))
        .map(Annotation::order_key)
        .collect();
    keys.extend(now);
    // Taken before the edit: the versions the set holds now are seeds too.
    let seeds = app
        .compare
        .as_ref()
        .map(|_| Seeds::of(&edits, &app.annotations));
    app.history.apply(&mut app.annotations, edits);
    if let (Some(compare), Some(seeds)) = (&mut app.compare, seeds) {
        compare.refresh(&app.annotations, &seeds);
    }
    app.revision += 1;
    app.list.changed(&app.annotations, &keys);
}

/// Brings the disagreements with the other editor up to date after an undo
/// or a redo of `edits`.
fn refresh_compare(app: &mut App, edits: &[Edit]) {
    if let Some(compare) = &mut app.compare {
        compare.refresh(&app.annotations, &Seeds::of(edits, &app.annotations));
    }
}

/// The order keys of every annotation a step of edits names, before or
/// after: among them are the keys the list's rows hold for those ids.
fn touched(edits: &[Edit]) -> Vec<(usize, u64)> {
    edits
        .iter()
        .flat_map(|e| match e {
            Edit::Insert(a) | Edit::Remove(a) => vec![a.order_key()],
            Edit::Replace { before, after } => vec![before.order_key(), after.order_key()],
        })
        .collect()
}

/// Says so and gives `true` when the annotations may not change.
pub(super) fn refuse_when_read_only(app: &mut App) -> bool {
    if app.read_only {
        app.message =
            Some("Read-only: annotations cannot be changed (open without --read-only).".into());
    }
    app.read_only
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
        one_line(text).into_owned()
    } else {
        let half = graphemes.saturating_sub(1) / 2;
        let head: String = text.graphemes(true).take(half).collect();
        let mut tail: Vec<&str> = text.graphemes(true).rev().take(half).collect();
        tail.reverse();
        format!(
            "{}…{}",
            one_line(head.trim_end()),
            one_line(tail.concat().trim_start())
        )
    };
    format!("“{shown}”")
}

/// The start of an annotation's text, quoted, for the status line.
pub fn quoted(app: &App, annotation: &Annotation) -> String {
    let first = annotation.spans.first().cloned().unwrap_or(0..0);
    let text = &app.article.text()[first];
    let start = display::head(text, QUOTED_CHARS);
    let mut shown = one_line(start).into_owned();
    if start.len() < text.len() || annotation.spans.len() > 1 {
        shown.push('…');
    }
    format!("“{shown}”")
}
