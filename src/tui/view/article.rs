//! The article pane: wrapped paragraphs, the gutter, highlights and the cursor.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Block;
use unicode_segmentation::UnicodeSegmentation;

use super::style;
use crate::tui::app::{App, Mode, SaveState};
use crate::tui::cells::display_grapheme;
use crate::tui::corpus;
use crate::tui::normal::settle;
use crate::tui::screen::Areas;
use crate::tui::scroll::{self, ScreenRow};
use crate::tui::wrap::line_of;
use sayso_core::annotation::{Annotation, Status};
use sayso_core::article::display::one_line;

/// Draws the bordered article pane.
pub fn draw(app: &App, areas: Areas, frame: &mut Frame) {
    let block = Block::bordered()
        .border_style(style::dim(app))
        .title(format!(" {} ", one_line(&corpus::title(app))))
        .title_top(Line::from(format!(" {} ", summary(app, areas.article.width))).right_aligned());
    frame.render_widget(block, areas.article);
    let focused = app.paragraph();
    let cursor_line = focused.map(|p| {
        let rel = app.cursor - app.article.paragraphs()[p].start;
        (p, line_of(&app.lines(p), rel))
    });
    for (i, row) in scroll::visible_rows(app).into_iter().enumerate() {
        let y = areas.text.y + i as u16;
        if let ScreenRow::Line { paragraph, line } = row {
            let shown = draw_line(app, areas.text, y, paragraph, line, frame);
            draw_gutter(
                app,
                areas.gutter,
                y,
                paragraph,
                line,
                focused,
                &shown,
                frame,
            );
            // Under the form, the cursor is the one in its text field.
            let form = matches!(app.mode, Mode::Form(_));
            if cursor_line == Some((paragraph, line)) && !form {
                place_cursor(app, areas.text, y, paragraph, line, frame);
            }
        }
    }
}

/// "12 annotations · 3 pending · saved" for the title bar, and with
/// `--compare` "· 4 disagreements with kim.ann.ron". What would hide the
/// file name in a pane of `width` is left out: the pending count first,
/// then the other file's name.
fn summary(app: &App, width: u16) -> String {
    let count = app.annotations.len();
    let noun = if count == 1 {
        "annotation"
    } else {
        "annotations"
    };
    let state = match &app.save {
        SaveState::Unchanged => "no changes",
        SaveState::Pending => "saving…",
        SaveState::Saved => "saved",
        SaveState::Failed(_) => "NOT SAVED",
        SaveState::ReadOnly => "read-only",
    };
    let detached = match app.detached.len() {
        0 => String::new(),
        n => format!(" · {n} detached"),
    };
    let pending = match app.annotations.with_status(Status::Pending) {
        0 => String::new(),
        n => format!(" · {n} pending"),
    };
    let (long, short) = match &app.compare {
        Some(c) => {
            let noun = if c.len() == 1 {
                "disagreement"
            } else {
                "disagreements"
            };
            (
                format!(" · {} {noun} with {}", c.len(), one_line(&c.file_name)),
                format!(" · ≠ {}", c.len()),
            )
        }
        None => (String::new(), String::new()),
    };
    let room = usize::from(width).saturating_sub(corpus::title(app).chars().count() + 6);
    [
        format!("{count} {noun}{pending}{detached} · {state}{long}"),
        format!("{count} {noun}{detached} · {state}{long}"),
        format!("{count} {noun}{detached} · {state}{short}"),
    ]
    .into_iter()
    .find(|candidate| candidate.chars().count() <= room)
    .unwrap_or_else(|| format!("{count} {noun}{detached} · {state}{short}"))
}

/// What a line shows, for its gutter.
struct Shown {
    /// The label names of the annotations with text on the line.
    labels: Vec<String>,
    /// Pending when an annotation on the line waits for review, else
    /// rejected when one was rejected.
    review: Option<Status>,
    /// With `--compare`: the label names of theirs with text on the line.
    theirs: Vec<String>,
    /// With `--compare`: whether a disagreement has text on the line, and
    /// whether it is the current one.
    disagreement: Option<Disputed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Disputed {
    Some,
    Current,
}

/// Draws one wrapped line of a paragraph; gives back what it shows.
fn draw_line(
    app: &App,
    area: Rect,
    y: u16,
    paragraph: usize,
    line: usize,
    frame: &mut Frame,
) -> Shown {
    let lines = app.lines(paragraph);
    let range = lines[line].clone();
    let base = app.article.paragraphs()[paragraph].start;
    let absolute = base + range.start..base + range.end;
    let annotations = app.annotations.overlapping(absolute.clone());
    let theirs = app
        .compare
        .as_ref()
        .map(|c| c.theirs.overlapping(absolute.clone()))
        .unwrap_or_default();
    let their_current = settle::active(app).and_then(|d| d.theirs);
    let text = &app.article.paragraph_text(paragraph)[range.clone()];
    let buffer = frame.buffer_mut();
    let mut x = area.x;
    for (i, g) in text.grapheme_indices(true) {
        if g == "\n" || g == "\r\n" {
            break;
        }
        let (shown, width) = display_grapheme(g);
        if width == 0 {
            continue;
        }
        if x + width > area.right() {
            break;
        }
        let at = absolute.start + i;
        let mut cell_style = Style::new();
        for a in annotations.iter().filter(|a| a.contains(at)) {
            cell_style = cell_style.patch(style::annotation(app, a));
            if Some(a.id) == app.current {
                cell_style = cell_style.patch(style::current(app));
            }
        }
        let mut marked = false;
        for t in theirs.iter().filter(|t| t.contains(at)) {
            // Where both editors agree, their version is the same text as
            // mine and the gutter letters say so: only what differs is marked.
            marked |= app
                .compare
                .as_ref()
                .is_some_and(|c| c.disputes_theirs(t.id));
            if Some(t.id) == their_current {
                cell_style = cell_style.patch(style::current(app));
            }
        }
        let selected = app.is_selected(at);
        if selected {
            cell_style = cell_style.patch(style::selection(app));
        }
        if shown.as_ref() != g {
            cell_style = cell_style.patch(style::dim(app));
        }
        let mark = marked.then_some(style::THEIRS);
        let select = (selected && !app.color).then_some(style::SELECTED);
        if let Some(cell) = buffer.cell_mut(Position::new(x, y)) {
            // Written straight into the cell: the grapheme and its width are
            // known, and most cells need no copy of it.
            match (mark, select) {
                (None, None) => cell.set_symbol(&shown),
                _ => cell.set_symbol(&[&shown, mark.unwrap_or(""), select.unwrap_or("")].concat()),
            };
            cell.set_style(cell_style);
        }
        // A tab, or a wide character, is one symbol followed by blank cells.
        for blank in 1..width {
            if let Some(cell) = buffer.cell_mut(Position::new(x + blank, y)) {
                cell.set_symbol(" ").set_style(cell_style);
            }
        }
        x += width;
    }
    shown(app, &annotations, &theirs, &absolute)
}

/// The labels and the review mark of the annotations that have text on a
/// line; with `--compare`, their labels and whether a disagreement does.
fn shown(
    app: &App,
    annotations: &[&Annotation],
    theirs: &[&Annotation],
    line: &std::ops::Range<usize>,
) -> Shown {
    let on_line: Vec<&Annotation> = annotations
        .iter()
        .copied()
        .filter(|a| a.overlaps(line))
        .collect();
    let theirs: Vec<&Annotation> = theirs
        .iter()
        .copied()
        .filter(|a| a.overlaps(line))
        .collect();
    let review = [Status::Pending, Status::Rejected]
        .into_iter()
        .find(|s| on_line.iter().any(|a| a.status == *s));
    let disagreement = app.compare.as_ref().and_then(|c| {
        let current = settle::active(app);
        let mine_in = |a: &&Annotation| c.disputes_mine(a.id);
        let theirs_in = |a: &&Annotation| c.disputes_theirs(a.id);
        let is_current = |a: &&Annotation, side: Option<u64>| Some(a.id) == side;
        if current.is_some_and(|d| {
            on_line.iter().any(|a| is_current(a, d.mine))
                || theirs.iter().any(|a| is_current(a, d.theirs))
        }) {
            Some(Disputed::Current)
        } else if on_line.iter().any(mine_in) || theirs.iter().any(theirs_in) {
            Some(Disputed::Some)
        } else {
            None
        }
    });
    Shown {
        labels: label_names(&on_line),
        review,
        theirs: label_names(&theirs),
        disagreement,
    }
}

/// The distinct label names of `annotations`.
fn label_names(annotations: &[&Annotation]) -> Vec<String> {
    let mut labels: Vec<String> = annotations.iter().map(|a| a.label.clone()).collect();
    labels.sort();
    labels.dedup();
    labels
}

/// Draws the gutter of one line: focus marker and number on a paragraph's
/// first line, one letter per label tagged on the line (the cue that does
/// not need colour), and the review mark; with `--compare`, one letter per
/// label they tagged on the line and `≠` where a disagreement is.
#[allow(clippy::too_many_arguments)]
fn draw_gutter(
    app: &App,
    area: Rect,
    y: u16,
    paragraph: usize,
    line: usize,
    focused: Option<usize>,
    shown: &Shown,
    frame: &mut Frame,
) {
    let buffer = frame.buffer_mut();
    let digits = usize::from(app.gutter_width() - app.cues_width()) - 3;
    if line == 0 {
        let marker = if focused == Some(paragraph) {
            "▶"
        } else {
            " "
        };
        let number = format!("{marker}{:>digits$} ", paragraph + 1);
        let number_style = if focused == Some(paragraph) {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            style::dim(app)
        };
        buffer.set_stringn(area.x, y, number, usize::from(area.width), number_style);
    } else if focused == Some(paragraph) {
        buffer.set_stringn(area.x, y, "▏", 1, Style::new());
    }
    let cues_x = area.x + digits as u16 + 2;
    for (i, label) in app.labels.iter().enumerate() {
        if shown.labels.contains(&label.name) && cues_x + (i as u16) < area.right() {
            let cue = label.key.to_string();
            buffer.set_stringn(cues_x + i as u16, y, cue, 1, style::label(app, &label.name));
        }
    }
    let mark_x = cues_x + app.labels.len() as u16;
    if let Some((mark, mark_style)) = shown.review.and_then(|s| style::review_mark(app, s)) {
        if mark_x < area.right() {
            buffer.set_stringn(mark_x, y, mark, 1, mark_style);
        }
    }
    if app.compare.is_none() {
        return;
    }
    let theirs_x = mark_x + 1;
    for (i, label) in app.labels.iter().enumerate() {
        let x = theirs_x + i as u16;
        if shown.theirs.contains(&label.name) && x < area.right() {
            let cue = label.key.to_string();
            buffer.set_stringn(x, y, cue, 1, style::label(app, &label.name));
        }
    }
    let disputed_x = theirs_x + app.labels.len() as u16;
    if let Some(disputed) = shown.disagreement {
        if disputed_x < area.right() {
            let mark_style = style::disagreement(disputed == Disputed::Current);
            buffer.set_stringn(disputed_x, y, "≠", 1, mark_style);
        }
    }
}

/// Puts the terminal cursor on the grapheme at the app's cursor.
fn place_cursor(app: &App, area: Rect, y: u16, paragraph: usize, line: usize, frame: &mut Frame) {
    let lines = app.lines(paragraph);
    let rel = app.cursor - app.article.paragraphs()[paragraph].start;
    let text = app.article.paragraph_text(paragraph);
    let column = crate::tui::wrap::column_of(text, &lines[line], rel);
    let x = area.x + (column.min(usize::from(area.width.saturating_sub(1)))) as u16;
    frame.set_cursor_position(Position::new(x, y));
}
