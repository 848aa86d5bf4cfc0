//! Going through the annotations: `Tab`, `p` and `Space` make another one
//! current, and put the cursor on it.

use crate::tui::action::Direction;
use crate::tui::app::App;
use crate::tui::quoting::quoted;
use sayso_core::annotation::Status;

/// Goes to the first annotation that starts after the cursor (or the last
/// one that starts before it), wrapping around at the ends: where the
/// editor is, not where the current annotation was. One that starts at the
/// cursor comes after it unless it is the current one; from inside the
/// current annotation, the previous one is the one before it.
pub(super) fn step_annotation(app: &mut App, direction: Direction) {
    let count = app.annotations.len();
    if count == 0 {
        app.message = Some("No annotations yet: q c d tag.".into());
        return;
    }
    let current = app
        .current_annotation()
        .filter(|a| a.contains(app.cursor))
        .map(|a| a.order_key());
    let here = match (current, direction) {
        (Some(key), _) if key.0 == app.cursor => key,
        (Some(key), Direction::Backward) => key,
        _ => (app.cursor, 0),
    };
    let after = first_after(app, here);
    let (index, wrapped) = match direction {
        Direction::Forward if after < count => (after, false),
        Direction::Forward => (0, true),
        Direction::Backward => {
            let before = first_from(app, here);
            match before.checked_sub(1) {
                Some(i) => (i, false),
                None => (count - 1, true),
            }
        }
    };
    go_to(app, index);
    if wrapped {
        let end = match direction {
            Direction::Forward => "end of the article: back to the first",
            Direction::Backward => "start of the article: on to the last",
        };
        if let Some(said) = &mut app.message {
            said.push_str(&format!(" · past the {end}"));
        }
    }
}

/// The index of the first annotation whose order key is at least `key`.
fn first_from(app: &App, key: (usize, u64)) -> usize {
    let mut i = app.annotations.first_starting_from(key.0);
    while app.annotations.nth(i).is_some_and(|a| a.order_key() < key) {
        i += 1;
    }
    i
}

/// The index of the first annotation whose order key is greater than `key`.
fn first_after(app: &App, key: (usize, u64)) -> usize {
    let mut i = first_from(app, key);
    while app.annotations.nth(i).is_some_and(|a| a.order_key() == key) {
        i += 1;
    }
    i
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
