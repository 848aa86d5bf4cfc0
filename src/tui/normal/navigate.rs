//! Going through the annotations: `Tab`, `p` and `Space` make another one
//! current, and put the cursor on it.

use crate::tui::action::Direction;
use crate::tui::app::App;
use crate::tui::quoting::quoted;
use sayso_core::annotation::Status;

/// Goes to the next (or previous) annotation in order, wrapping around;
/// with none current, to the first that starts at or after the cursor (or
/// the one before it).
pub(super) fn step_annotation(app: &mut App, direction: Direction) {
    let count = app.annotations.len();
    if count == 0 {
        app.message = Some("No annotations yet: q c d tag.".into());
        return;
    }
    let index = match app.current.and_then(|id| app.annotations.index_of(id)) {
        Some(i) => direction.step(i, count),
        None => {
            let after = app.annotations.first_starting_from(app.cursor) % count;
            match direction {
                Direction::Forward => after,
                Direction::Backward => direction.step(after, count),
            }
        }
    };
    go_to(app, index);
}

/// Goes to the next (or previous) pending annotation, wrapping around.
pub(super) fn step_pending(app: &mut App, direction: Direction) {
    let count = app.annotations.len();
    let here = app.current.and_then(|id| app.annotations.index_of(id));
    // Every index once, starting after the current one.
    let found = std::iter::successors(direction.step_from(here, count), |&i| {
        Some(direction.step(i, count))
    })
    .take(count)
    .find(|&i| {
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
pub(crate) fn go_to(app: &mut App, index: usize) {
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
            quoted(app, a)
        ));
    }
}

/// Cycles the current annotation among those that overlap the cursor.
pub(super) fn cycle(app: &mut App) {
    let here: Vec<u64> = app
        .annotations
        .at(app.cursor)
        .iter()
        .map(|a| a.id)
        .collect();
    let now = here.iter().position(|&id| Some(id) == app.current);
    let next = Direction::Forward
        .step_from(now, here.len())
        .and_then(|i| app.annotations.get(here[i]));
    match next {
        Some(a) => {
            app.current = Some(a.id);
            app.message = Some(format!(
                "{} #{} ({} here) {}",
                a.label,
                a.id,
                here.len(),
                quoted(app, a)
            ));
        }
        None => app.message = Some("No annotation at the cursor.".into()),
    }
}
