//! The review panel's keys: what they ask for ([`ListAction`]) and how the
//! panel answers. An action on a row makes its annotation current and asks
//! what the same key asks in the article (accept, reject, delete, edit), so
//! it goes the one way every change goes.

use super::{Filter, ListRow};
use crate::tui::action::Direction;
use crate::tui::app::{App, Mode};
use crate::tui::form;
use crate::tui::normal::{self, NormalAction};
use crate::tui::rows::signed;

/// What the keys of the review panel (and of its speaker filter) ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListAction {
    /// `j` / `k`: the next / previous row.
    Row(Direction),
    /// `G` / `g`: the last / first row.
    End(Direction),
    /// `PgDn` / `PgUp`: a screen of rows down / up.
    Page(Direction),
    /// `Enter`: go to the row's annotation in the article.
    Jump,
    /// `e`: open the form on the row's annotation.
    Edit,
    Accept,
    Reject,
    Delete,
    /// Filter by the next label (cycles, back to none).
    FilterLabel,
    /// Filter by the next status (cycles, back to none).
    FilterStatus,
    /// `/`: start typing a speaker filter.
    FilterSpeaker,
    /// `n`: only the annotations that name no speaker (again: any).
    FilterNoSpeaker,
    /// Drop every filter.
    FilterClear,
    /// `L` `Esc`: close the panel.
    Close,
    /// A character typed into the speaker filter.
    FilterInput(char),
    FilterBackspace,
    /// `Enter`: stop typing the speaker filter, keeping it.
    FilterKeep,
    /// `Esc`: stop typing the speaker filter, dropping it.
    FilterDrop,
}

/// Applies `action` to the panel (a closed panel ignores what needs rows).
pub(in crate::tui) fn update(app: &mut App, action: ListAction) {
    match action {
        ListAction::Row(direction) => app.list.move_by(signed(1, direction)),
        ListAction::End(direction) => app.list.to_end(direction),
        ListAction::Page(direction) => app.list.move_by(signed(rows_shown(app), direction)),
        ListAction::Jump => jump(app),
        ListAction::Edit => on_row(app, form::open),
        ListAction::Accept => on_row(app, |app| normal::update(app, NormalAction::Accept)),
        ListAction::Reject => on_row(app, |app| normal::update(app, NormalAction::Reject)),
        ListAction::Delete => on_row(app, |app| normal::update(app, NormalAction::Delete)),
        ListAction::FilterLabel => {
            let mut filter = app.list.filter().clone();
            filter.next_label(&app.labels, &app.annotations);
            set_filter(app, filter);
        }
        ListAction::FilterStatus => {
            let mut filter = app.list.filter().clone();
            filter.next_status();
            set_filter(app, filter);
        }
        ListAction::FilterSpeaker => {
            if app.list.open {
                app.mode = Mode::ListFilter;
            }
        }
        ListAction::FilterNoSpeaker => {
            let mut filter = app.list.filter().clone();
            filter.unnamed = !filter.unnamed;
            filter.speaker.clear();
            set_filter(app, filter);
        }
        ListAction::FilterClear => set_filter(app, Filter::default()),
        ListAction::Close => app.list.hide(),
        ListAction::FilterInput(c) => {
            let mut filter = app.list.filter().clone();
            filter.speaker.push(c);
            filter.unnamed = false;
            set_filter(app, filter);
        }
        ListAction::FilterBackspace => {
            let mut filter = app.list.filter().clone();
            filter.speaker.pop();
            set_filter(app, filter);
        }
        ListAction::FilterKeep => {
            if app.mode == Mode::ListFilter {
                app.mode = Mode::Normal;
            }
        }
        ListAction::FilterDrop => {
            if app.mode == Mode::ListFilter {
                app.mode = Mode::Normal;
                let filter = Filter {
                    speaker: String::new(),
                    ..app.list.filter().clone()
                };
                set_filter(app, filter);
            }
        }
    }
}

/// The rows of annotations the panel shows: its height less the borders,
/// the filter line and the header.
pub(in crate::tui) fn rows_shown(app: &App) -> usize {
    app.areas()
        .and_then(|a| a.list)
        .map_or(1, |l| usize::from(l.height.saturating_sub(4)).max(1))
}

/// Filters the panel (when it is open: a closed panel has nothing to show).
fn set_filter(app: &mut App, filter: Filter) {
    if app.list.open {
        app.list.set_filter(filter, &app.annotations, &app.detached);
    }
}

/// Makes the annotation of the selected row current and does `act`; says
/// why not when there is no such annotation.
fn on_row(app: &mut App, act: impl FnOnce(&mut App)) {
    if !app.list.open {
        return;
    }
    match app.list.selected_row() {
        Some(ListRow::Attached(id)) => {
            app.current = Some(id);
            act(app);
        }
        Some(ListRow::Detached(i)) => {
            let what = app
                .detached
                .get(i)
                .map(|r| format!("{} #{}", r.label, r.id))
                .unwrap_or_default();
            app.message = Some(format!(
                "{what} is detached: no fitting place for it was found in the article as it is now, so it cannot be changed here (sayso reanchor --dry-run says why)."
            ));
        }
        None => {
            app.message =
                Some("No row: the filter lets nothing through (Backspace drops it).".into());
        }
    }
}

/// Jumps to the annotation of the selected row.
fn jump(app: &mut App) {
    match app.list.selected_row() {
        Some(ListRow::Attached(id)) => {
            if let Some(index) = app.annotations.index_of(id) {
                normal::go_to(app, index);
            }
        }
        Some(ListRow::Detached(i)) => {
            if let Some(record) = app.detached.get(i) {
                app.message = Some(format!(
                    "{} #{} is detached: no fitting place for it was found in the article as it is now (sayso reanchor --dry-run says why).",
                    record.label, record.id
                ));
            }
        }
        None => {}
    }
}
