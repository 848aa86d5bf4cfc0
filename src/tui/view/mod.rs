//! Drawing: a function of the state, nothing else.

mod article;
mod form;
pub mod help;
mod list;
mod overview;
mod status;
pub(crate) mod style;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Mode};
use super::keymap::Keymap;
use super::screen::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen for `app`.
pub fn view(app: &App, keymap: &Keymap, frame: &mut Frame) {
    // The layout is computed for `app.size`; drawing it on a frame of another
    // size would write outside the buffer. The loop sends a resize first, so
    // this only guards against a frame that changed size in between.
    if frame.area() != app.size {
        return;
    }
    let Some(areas) = app.areas() else {
        too_small(frame);
        return;
    };
    if app.corpus.overview.open {
        let above_status = Rect {
            height: areas.status.y,
            ..frame.area()
        };
        overview::draw(app, above_status, frame);
    } else {
        article::draw(app, areas, frame);
        if let Some(list) = areas.list {
            list::draw(app, list, frame);
        }
    }
    status::draw(app, areas.status, frame);
    match &app.mode {
        Mode::Help(scroll) => help::draw(keymap, *scroll, frame),
        Mode::Form(f) => form::draw(app, f, frame),
        Mode::Normal
        | Mode::Search(_)
        | Mode::GoTo(_)
        | Mode::ListFilter
        | Mode::Overview
        | Mode::OverviewName => {}
    }
}

/// The message shown instead of a screen that cannot fit.
fn too_small(frame: &mut Frame) {
    let area: Rect = frame.area();
    let text = format!(
        "Terminal too small ({}×{}); sayso needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}
