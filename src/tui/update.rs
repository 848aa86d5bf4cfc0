//! The state machine: `update(&mut App, Action)`. No terminal here: tests drive
//! it directly.

use ratatui::crossterm::event::KeyCode;

use super::action::{Action, Motion, Nudge};
use super::app::{App, Mode};
use super::form::{Focus, Form};
use super::keymap::Keymap;
use super::layout::byte_at_column;
use super::list::{Filter, Row as ListRow};
use super::motion::{self, next_word_end, prev_word_end};
use super::scroll::{self, Row};
use super::view::help;
use super::{edit, reconcile, review, search};
use sayso_core::annotation::{Label, Status};
use sayso_core::article::{graphemes, quotes, words};

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    let keeps_view = matches!(
        action,
        Action::ScrollDown(_) | Action::ScrollUp(_) | Action::Page { .. }
    );
    let moves = matches!(
        action,
        Action::Move(_) | Action::Click { .. } | Action::Drag { .. }
    );
    // Typing a search or resizing the terminal is not a step of its own: the
    // message it would wipe (the opening one above all) is still news.
    if !matches!(
        action,
        Action::SearchInput(_) | Action::SearchBackspace | Action::Resize { .. }
    ) {
        app.message = None;
    }
    let undoes = matches!(action, Action::Undo | Action::Redo);
    apply(app, action);
    if moves {
        follow_cursor(app);
    }
    if app.list.open {
        // The row of what an undo brought back, and the selection on screen.
        if let (true, Some(id)) = (undoes, app.current) {
            app.list.select_id(&app.annotations, id);
        }
        let rows = list_rows(app);
        app.list.keep_in_view(rows);
    }
    if !keeps_view {
        scroll::keep_cursor_in_view(app);
    }
}

fn apply(app: &mut App, action: Action) {
    // The form is modal: the mouse does not move the cursor under it.
    if matches!(app.mode, Mode::Form(_))
        && matches!(
            action,
            Action::Click { .. }
                | Action::Drag { .. }
                | Action::ScrollDown(_)
                | Action::ScrollUp(_)
        )
    {
        return;
    }
    match action {
        Action::Move(m) => move_cursor(app, m),
        Action::Page { down } => page(app, down),
        Action::ToggleSelection => {
            app.anchor = match app.anchor {
                Some(_) => None,
                None => Some(app.cursor),
            }
        }
        Action::SelectSentence => match edit::sentence_at_cursor(app) {
            Some(s) => select(app, s.start, s.end),
            None => app.message = Some("No sentence at the cursor.".into()),
        },
        Action::SelectQuotation => match quotes::quotation_at(&app.article, app.cursor) {
            Some(spans) => {
                let (start, end) = (spans[0].start, spans[spans.len() - 1].end);
                select(app, start, end);
                if spans.len() > 1 {
                    app.message = Some(format!(
                        "Selected a quotation over {} paragraphs.",
                        spans.len()
                    ));
                }
            }
            None => app.message = Some("The cursor is not inside quotation marks.".into()),
        },
        Action::Nudge(n) => nudge(app, n),
        Action::SearchStart => app.mode = Mode::Search(String::new()),
        Action::SearchInput(c) => {
            if let Mode::Search(query) = &mut app.mode {
                query.push(c);
            }
        }
        Action::SearchBackspace => {
            if let Mode::Search(query) = &mut app.mode {
                query.pop();
            }
        }
        Action::SearchSubmit => {
            if let Mode::Search(query) = std::mem::replace(&mut app.mode, Mode::Normal) {
                if !query.is_empty() {
                    app.last_search = Some(query);
                }
                find(app, true, app.cursor);
            }
        }
        Action::SearchNext => {
            let from = app.selection().map_or(app.cursor, |s| s.start);
            find(
                app,
                true,
                graphemes::next_boundary(app.article.text(), from),
            );
        }
        Action::SearchPrev => {
            let before = app.selection().map_or(app.cursor, |s| s.start);
            find(app, false, before);
        }
        Action::Escape => escape(app),
        Action::Tag(i) => edit::tag(app, i),
        Action::NextAnnotation => step_annotation(app, true),
        Action::PrevAnnotation => step_annotation(app, false),
        Action::CycleOverlap => cycle(app),
        Action::Delete => edit::delete(app),
        Action::NextPending => step_pending(app, true),
        Action::PrevPending => step_pending(app, false),
        Action::Join => edit::join(app),
        Action::NextDisagreement => reconcile::next(app),
        Action::TakeTheirs => reconcile::take(app),
        Action::OpenForm => review::open_form(app),
        Action::SetSpeaker => review::speaker_from_selection(app),
        Action::Accept => review::set_status(app, Status::Accepted),
        Action::Reject => review::set_status(app, Status::Rejected),
        Action::ToggleList => {
            if app.list.open {
                app.list.hide();
            } else {
                app.list.show(&app.annotations, &app.detached, app.current);
            }
        }
        Action::ListDown => app.list.move_by(1),
        Action::ListUp => app.list.move_by(-1),
        Action::ListFirst => app.list.to_end(false),
        Action::ListLast => app.list.to_end(true),
        Action::ListPageDown => app.list.move_by(page_of(list_rows(app))),
        Action::ListPageUp => app.list.move_by(-page_of(list_rows(app))),
        Action::ListJump => list_jump(app),
        Action::ListEdit => {
            if on_row(app) {
                review::open_form(app);
            }
        }
        Action::ListAccept => {
            if on_row(app) {
                review::set_status(app, Status::Accepted);
            }
        }
        Action::ListReject => {
            if on_row(app) {
                review::set_status(app, Status::Rejected);
            }
        }
        Action::ListDelete => {
            if on_row(app) {
                edit::delete(app);
            }
        }
        Action::FilterLabel => {
            let mut filter = app.list.filter().clone();
            filter.next_label(&app.labels, &app.annotations);
            set_filter(app, filter);
        }
        Action::FilterStatus => {
            let mut filter = app.list.filter().clone();
            filter.next_status();
            set_filter(app, filter);
        }
        Action::FilterSpeaker => {
            if app.list.open {
                app.mode = Mode::ListFilter;
            }
        }
        Action::FilterInput(c) => {
            let mut filter = app.list.filter().clone();
            filter.speaker.push(c);
            set_filter(app, filter);
        }
        Action::FilterBackspace => {
            let mut filter = app.list.filter().clone();
            filter.speaker.pop();
            set_filter(app, filter);
        }
        Action::FilterDone => {
            if app.mode == Mode::ListFilter {
                app.mode = Mode::Normal;
            }
        }
        Action::FilterClear => set_filter(app, Filter::default()),
        Action::FormSave => review::save_form(app),
        Action::FormNext => with_form(app, |form, _| form.step_focus(true)),
        Action::FormPrev => with_form(app, |form, _| form.step_focus(false)),
        Action::FormComplete => complete(app, true),
        Action::FormCompleteBack => complete(app, false),
        Action::FormLeft => form_side(app, false),
        Action::FormRight => form_side(app, true),
        Action::FormSplit => split(app),
        Action::FormKey(key) => {
            let labels = app.labels.clone();
            let mut unknown = None;
            with_form(app, |form, _| {
                if form.focus == Focus::Label {
                    if let KeyCode::Char(c) = key.code {
                        if !key.ctrl && !form.choose_label(&labels, c) {
                            unknown = Some(c);
                        }
                    }
                } else {
                    form.type_key(key);
                }
            });
            if let Some(c) = unknown {
                app.message = Some(format!("No label has the key {c}: ← → choose one."));
            }
        }
        Action::HelpDown => {
            let last = help::max_scroll(&Keymap::new(&app.labels), app.size);
            if let Mode::Help(s) = &mut app.mode {
                *s = s.saturating_add(1).min(last);
            }
        }
        Action::HelpUp => {
            if let Mode::Help(s) = &mut app.mode {
                *s = s.saturating_sub(1);
            }
        }
        Action::Undo => edit::undo(app),
        Action::Redo => edit::redo(app),
        Action::Save => app.save_requested = true,
        Action::Help => app.mode = Mode::Help(0),
        Action::Quit => {
            // Nothing typed is lost: a form still open is saved first.
            if matches!(app.mode, Mode::Form(_)) {
                review::save_form(app);
            }
            app.quit = true;
        }
        Action::Click { column, row } => {
            if let Some(at) = hit(app, column, row) {
                app.cursor = at;
                app.anchor = None;
            }
        }
        Action::Drag { column, row } => {
            if let Some(at) = hit(app, column, row) {
                if app.anchor.is_none() {
                    app.anchor = Some(app.cursor);
                }
                app.cursor = at;
            }
        }
        Action::ScrollDown(n) => {
            app.top = scroll::forward(app, app.top, usize::from(n));
            cursor_into_view(app);
        }
        Action::ScrollUp(n) => {
            app.top = scroll::back(app, app.top, usize::from(n));
            cursor_into_view(app);
        }
        Action::Resize { width, height } => {
            app.size = ratatui::layout::Rect::new(0, 0, width, height);
        }
    }
}

fn move_cursor(app: &mut App, motion: Motion) {
    if let Some(to) = motion::target(app, motion) {
        app.cursor = to;
    }
}

/// Scrolls a screen and puts the cursor on the new top line.
fn page(app: &mut App, down: bool) {
    let height = app.text_height();
    app.top = if down {
        scroll::forward(app, app.top, height)
    } else {
        scroll::back(app, app.top, height)
    };
    if let Some(at) = scroll::top_line_start(app) {
        app.cursor = at;
    }
}

/// After a scroll, moves the cursor to the top line if it left the screen.
fn cursor_into_view(app: &mut App) {
    if !scroll::cursor_visible(app) {
        if let Some(at) = scroll::top_line_start(app) {
            app.cursor = at;
        }
    }
}

/// Selects `start..end`, the cursor at the end.
fn select(app: &mut App, start: usize, end: usize) {
    app.anchor = Some(start);
    app.cursor = end;
}

/// Moving into another annotation makes it current; untagged text keeps the
/// current one.
fn follow_cursor(app: &mut App) {
    let here = app.annotations.at(app.cursor);
    if !here.is_empty() && !here.iter().any(|a| Some(a.id) == app.current) {
        app.current = here.last().map(|a| a.id);
    }
}

/// Moves one end of the selection a word left or right, within its paragraph.
fn nudge(app: &mut App, which: Nudge) {
    let Some(selection) = app.selection() else {
        app.message = Some("No selection to adjust (v starts one, s or \" select).".into());
        return;
    };
    let moving_start = matches!(which, Nudge::StartLeft | Nudge::StartRight);
    let at = if moving_start {
        selection.start
    } else {
        selection.end
    };
    let Some(p) = app.article.paragraph_at(at) else {
        return;
    };
    let base = app.article.paragraphs()[p].start;
    let text = app.article.paragraph_text(p);
    let rel = at - base;
    let moved = match which {
        Nudge::StartLeft => words::prev_word_start(text, rel),
        Nudge::StartRight => words::next_word_start(text, rel),
        Nudge::EndLeft => prev_word_end(text, rel),
        Nudge::EndRight => next_word_end(text, rel),
    };
    let Some(moved) = moved.map(|r| base + r) else {
        return;
    };
    let (start, end) = if moving_start {
        (moved, selection.end)
    } else {
        (selection.start, moved)
    };
    if start < end {
        select(app, start, end);
    }
}

/// Selects the next (or previous) match of the last search.
fn find(app: &mut App, forward: bool, from: usize) {
    let Some(query) = app.last_search.clone() else {
        app.message = Some("No search yet (/ starts one).".into());
        return;
    };
    let text = app.article.text();
    let found = if forward {
        search::find_forward(text, &query, from).or_else(|| search::find_forward(text, &query, 0))
    } else {
        search::find_backward(text, &query, from)
            .or_else(|| search::find_backward(text, &query, text.len()))
    };
    match found {
        Some(m) => {
            // A match may start or end inside a grapheme ("e" in "e\u{301}"):
            // the selection takes the whole graphemes, as every position must.
            let start = graphemes::floor_boundary(text, m.start);
            let end = if graphemes::is_boundary(text, m.end) {
                m.end
            } else {
                graphemes::next_boundary(text, graphemes::floor_boundary(text, m.end))
            };
            select(app, start, end);
            follow_cursor(app);
            app.message = Some(format!("Found “{query}”: q c d tag it, n finds the next."));
        }
        None => app.message = Some(format!("“{query}” is not in the article.")),
    }
}

fn escape(app: &mut App) {
    match app.mode {
        Mode::Normal if app.list.open => app.list.hide(),
        Mode::Normal => app.anchor = None,
        Mode::Search(_) | Mode::Help(_) => app.mode = Mode::Normal,
        Mode::Form(_) => review::cancel_form(app),
        Mode::ListFilter => {
            app.mode = Mode::Normal;
            let filter = Filter {
                speaker: String::new(),
                ..app.list.filter().clone()
            };
            set_filter(app, filter);
        }
    }
}

/// Filters the list (when it is open: a closed list has nothing to show).
fn set_filter(app: &mut App, filter: Filter) {
    if app.list.open {
        app.list.set_filter(filter, &app.annotations, &app.detached);
    }
}

/// Makes the annotation of the list's selected row current, for an action
/// on the row; `false` (and a message) when there is none.
fn on_row(app: &mut App) -> bool {
    if !app.list.open {
        return false;
    }
    match app.list.selected_row() {
        Some(ListRow::Attached(id)) => {
            app.current = Some(id);
            true
        }
        Some(ListRow::Detached(i)) => {
            let what = app
                .detached
                .get(i)
                .map(|r| format!("{} #{}", r.label, r.id))
                .unwrap_or_default();
            app.message = Some(format!(
                "{what} is detached: its text is no longer in the article, so it cannot be changed here."
            ));
            false
        }
        None => {
            app.message =
                Some("No row: the filter lets nothing through (Backspace drops it).".into());
            false
        }
    }
}

/// The rows of annotations the list shows: its height less the borders,
/// the filter line and the header.
fn list_rows(app: &App) -> usize {
    app.areas()
        .and_then(|a| a.list)
        .map_or(1, |l| usize::from(l.height.saturating_sub(4)).max(1))
}

fn page_of(rows: usize) -> isize {
    isize::try_from(rows).unwrap_or(1)
}

/// Runs `f` on the open form (with the labels of the schema).
fn with_form(app: &mut App, f: impl FnOnce(&mut Form, &[Label])) {
    if let Mode::Form(form) = &mut app.mode {
        f(form, &app.labels);
    }
}

/// Tab / Shift-Tab in the form: completes the speaker; elsewhere, says how.
fn complete(app: &mut App, forward: bool) {
    let mut said = None;
    with_form(app, |form, _| {
        if form.focus != Focus::Speaker {
            form.focus = Focus::Speaker;
        }
        if !form.complete(forward) {
            let typed = form.speaker.lines().join(" ");
            said = Some(if form.speakers.is_empty() {
                "No speaker is named in the article yet: type one.".to_string()
            } else {
                format!("No speaker named so far matches “{}”.", typed.trim())
            });
        }
    });
    if said.is_some() {
        app.message = said;
    }
}

/// `←` `→` in the form: the label on the label row, the cursor in a field.
fn form_side(app: &mut App, forward: bool) {
    with_form(app, |form, labels| {
        if form.focus == Focus::Label {
            form.step_label(labels, forward);
        } else {
            form.move_in_field(forward);
        }
    });
}

/// `Ctrl-x` in the form: marks the span row to split off, or unmarks it.
fn split(app: &mut App) {
    let mut said = None;
    with_form(app, |form, _| {
        said = Some(match form.toggle_split() {
            Ok(true) => "✂ The span splits off on save (Enter).".into(),
            Ok(false) => "The span stays.".into(),
            Err(why) => why.to_string(),
        });
    });
    if said.is_some() {
        app.message = said;
    }
}

/// Goes to the next (or previous) annotation in order, wrapping around.
fn step_annotation(app: &mut App, forward: bool) {
    let count = app.annotations.len();
    if count == 0 {
        app.message = Some("No annotations yet: q c d tag.".into());
        return;
    }
    let index = match app.current.and_then(|id| app.annotations.index_of(id)) {
        Some(i) if forward => (i + 1) % count,
        Some(i) => (i + count - 1) % count,
        None => {
            let after = app.annotations.first_starting_from(app.cursor);
            if forward {
                after % count
            } else {
                (after + count - 1) % count
            }
        }
    };
    go_to(app, index);
}

/// Goes to the next (or previous) pending annotation.
fn step_pending(app: &mut App, forward: bool) {
    let count = app.annotations.len();
    let here = app.current.and_then(|id| app.annotations.index_of(id));
    let order: Box<dyn Iterator<Item = usize>> = match (here, forward) {
        (Some(i), true) => Box::new((i + 1..count).chain(0..=i)),
        (Some(i), false) => Box::new((0..i).rev().chain((i..count).rev())),
        (None, true) => Box::new(0..count),
        (None, false) => Box::new((0..count).rev()),
    };
    let found = order.into_iter().find(|&i| {
        app.annotations
            .nth(i)
            .is_some_and(|a| a.status == Status::Pending)
    });
    match found {
        Some(i) => go_to(app, i),
        None => app.message = Some("No pending annotations.".into()),
    }
}

/// Makes the `index`-th annotation current and puts the cursor on it.
fn go_to(app: &mut App, index: usize) {
    if let Some(a) = app.annotations.nth(index) {
        app.current = Some(a.id);
        app.cursor = a.start();
        app.anchor = None;
        app.message = Some(format!(
            "{} #{} · {} ({}/{}) {}",
            a.label,
            a.id,
            a.status.name(),
            index + 1,
            app.annotations.len(),
            edit::quoted(app, a)
        ));
    }
}

/// Cycles the current annotation among those that overlap the cursor.
fn cycle(app: &mut App) {
    let here: Vec<u64> = app
        .annotations
        .at(app.cursor)
        .iter()
        .map(|a| a.id)
        .collect();
    let next = match here.iter().position(|&id| Some(id) == app.current) {
        Some(i) => here.get((i + 1) % here.len()),
        None => here.first(),
    };
    match next.and_then(|&id| app.annotations.get(id)) {
        Some(a) => {
            app.current = Some(a.id);
            app.message = Some(format!(
                "{} #{} ({} here) {}",
                a.label,
                a.id,
                here.len(),
                edit::quoted(app, a)
            ));
        }
        None => app.message = Some("No annotation at the cursor.".into()),
    }
}

/// Jumps to the annotation of the list's selected row.
fn list_jump(app: &mut App) {
    match app.list.selected_row() {
        Some(ListRow::Attached(id)) => {
            if let Some(index) = app.annotations.index_of(id) {
                go_to(app, index);
            }
        }
        Some(ListRow::Detached(i)) => {
            if let Some(record) = app.detached.get(i) {
                app.message = Some(format!(
                    "{} #{} is detached: its text is no longer at its offsets in the article.",
                    record.label, record.id
                ));
            }
        }
        None => {}
    }
}

/// The text byte under a terminal cell of the article pane.
fn hit(app: &App, column: u16, row: u16) -> Option<usize> {
    let areas = app.areas()?;
    let text = areas.text;
    if row < text.y || row >= text.bottom() || column < areas.gutter.x || column >= text.right() {
        return None;
    }
    let rows = scroll::visible_rows(app);
    let (paragraph, line) = match rows.get(usize::from(row - text.y))? {
        Row::Line { paragraph, line } => (*paragraph, *line),
        Row::Gap | Row::End => return None,
    };
    let lines = app.lines(paragraph);
    let range = lines.get(line)?;
    let base = app.article.paragraphs()[paragraph].start;
    let x = usize::from(column.saturating_sub(text.x));
    let text = app.article.paragraph_text(paragraph);
    let mut rel = byte_at_column(text, range, x);
    // Past the end of a wrapped line, the line's last grapheme: its end is
    // the next line's start, where the cursor would show on the row below.
    if rel == range.end && line + 1 < lines.len() {
        rel = graphemes::prev_boundary(text, rel);
    }
    Some(base + rel)
}
