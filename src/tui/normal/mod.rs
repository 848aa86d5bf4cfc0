//! The article's mode (`Mode::Normal` with the review panel closed): moving,
//! selecting, searching, tagging, going through the annotations and the
//! disagreements with another editor. Its keys ask for a [`NormalAction`],
//! handled here against its state: the app's cursor, selection, current
//! annotation and scroll position. Changes to the annotations go through
//! [`apply`](super::apply::apply) like every other.

mod annotate;
mod motion;
mod mouse;
mod navigate;
mod select;
pub(super) mod settle;

pub use motion::Motion;
pub use select::Nudge;

pub(super) use annotate::ON_SCREEN_KEYS;
pub(super) use navigate::go_to;

use super::action::Direction;
use super::app::{App, Mode};
use super::list::ListRow;
use super::{form, goto, scroll, search};
use sayso_core::annotation::Status;

/// What the article's keys (and the mouse over the article) ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NormalAction {
    Move(Motion),
    /// Scroll a screen down (`Forward`) or up, the cursor to the new top line.
    Page(Direction),
    ToggleSelection,
    SelectSentence,
    SelectQuotation,
    Nudge(Nudge),
    /// `/`: start typing a search.
    Search,
    /// `n` / `N`: select the next / previous match of the last search.
    Match(Direction),
    /// `Esc`: drop the selection.
    DropSelection,
    /// Tag with the label at this index of the schema.
    Tag(usize),
    /// `Tab` / `Shift-Tab`: the next / previous annotation becomes current.
    GoAnnotation(Direction),
    /// `Space`: the next of the annotations at the cursor becomes current.
    CycleOverlap,
    Delete,
    /// `p` / `P`: the next / previous pending annotation becomes current.
    GoPending(Direction),
    Join,
    /// `D` with `--compare`: go to the next disagreement with the other editor.
    NextDisagreement,
    /// `T` with `--compare`: take the other editor's version of the current
    /// disagreement.
    TakeTheirs,
    /// `Enter`: open the edit form on the current annotation.
    OpenForm,
    /// `S`: the selection becomes the current annotation's speaker.
    SetSpeaker,
    Accept,
    Reject,
    /// `L`: open the review panel.
    OpenList,
    /// `!`: add the rules' suggestions for the article, pending.
    Suggest,
    /// `:`: start typing the number of a paragraph to go to; a digit
    /// typed in the article (`12g`) starts it with that digit.
    GoToParagraph(Option<char>),
    /// A mouse click at a terminal cell.
    Click {
        column: u16,
        row: u16,
    },
    /// A mouse drag to a terminal cell.
    Drag {
        column: u16,
        row: u16,
    },
    /// The mouse wheel: this many rows down (`Forward`) or up.
    Wheel(Direction, u16),
}

/// Applies `action` in the article.
pub(super) fn update(app: &mut App, action: NormalAction) {
    use NormalAction as N;
    let pointer = matches!(action, N::Click { .. } | N::Drag { .. } | N::Wheel(..));
    // The form is modal: the mouse does not move the cursor under it.
    if pointer && matches!(app.mode, Mode::Form(_)) {
        return;
    }
    let before = (app.cursor, app.selection());
    let motion = matches!(
        action,
        N::Move(_) | N::Page(_) | N::Wheel(..) | N::Click { .. }
    );
    let selects = matches!(
        action,
        N::ToggleSelection | N::SelectSentence | N::SelectQuotation | N::Nudge(_) | N::Drag { .. }
    );
    match action {
        N::Move(m) => {
            if let Some(to) = motion::target(app, m) {
                app.cursor = to;
            }
        }
        N::Page(direction) => mouse::page(app, direction),
        N::ToggleSelection => {
            app.pieces = None;
            app.anchor = match app.anchor {
                Some(_) => None,
                None => Some(app.cursor),
            }
        }
        N::SelectSentence => select::sentence(app),
        N::SelectQuotation => select::quotation(app),
        N::Nudge(n) => select::nudge(app, n),
        N::Search => search::start(app),
        N::Match(direction) => search::next_match(app, direction),
        N::DropSelection => app.anchor = None,
        N::Tag(i) => annotate::tag(app, i),
        N::GoAnnotation(direction) => navigate::step_annotation(app, direction),
        N::CycleOverlap => navigate::cycle(app),
        N::Delete => annotate::delete(app),
        N::GoPending(direction) => navigate::step_pending(app, direction),
        N::Join => annotate::join(app),
        N::NextDisagreement => settle::next(app),
        N::TakeTheirs => settle::take(app),
        N::OpenForm => form::open(app),
        N::SetSpeaker => annotate::speaker_from_selection(app),
        N::Accept => annotate::set_status(app, Status::Accepted),
        N::Reject => annotate::set_status(app, Status::Rejected),
        N::OpenList => app.list.show(&app.annotations, &app.detached, app.current),
        N::Suggest => annotate::suggest(app),
        N::Click { column, row } => mouse::click(app, column, row),
        N::Drag { column, row } => mouse::drag(app, column, row),
        N::Wheel(direction, rows) => mouse::wheel(app, direction, rows),
        N::GoToParagraph(first) => goto::start(app, first),
    }
    let moved = app.cursor != before.0;
    if motion && moved && app.anchor.is_none() {
        follow_cursor(app);
    }
    let grown = app.anchor.is_some() && (moved || app.selection() != before.1);
    if app.message.is_none() && (selects || grown) {
        app.message = select::describe(app);
    }
}

/// Selects `start..end`, the cursor at the end.
pub(super) fn select(app: &mut App, start: usize, end: usize) {
    app.anchor = Some(start);
    app.cursor = end;
    app.pieces = None;
}

/// Without a selection, the current annotation is the one at the cursor:
/// moving into another annotation makes it current, moving out of every
/// annotation leaves none current. (While selecting, the current annotation
/// stays, so that `S` can give it the speaker selected beside it.)
pub(super) fn follow_cursor(app: &mut App) {
    let here = app.annotations.at(app.cursor);
    if !here.iter().any(|a| Some(a.id) == app.current) {
        app.current = here.last().map(|a| a.id);
    }
}

/// The current annotation must be where the editor is looking: once it is
/// scrolled off screen (by a search, a selection, `PgDn`, a resize), it is
/// current no longer, so that `x`, `S`, `a`, `r`, `J` and `Enter` never act
/// on what the editor cannot see. In the review panel, the annotation of
/// the selected row is on screen too.
pub(super) fn keep_current_in_view(app: &mut App) {
    let Some(a) = app.current_annotation() else {
        return;
    };
    let in_panel = app.list.open && app.list.selected_row() == Some(ListRow::Attached(a.id));
    let shown = scroll::shown_range(app).is_some_and(|shown| a.overlaps(&shown));
    if !in_panel && !shown {
        app.current = None;
    }
}
