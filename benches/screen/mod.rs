//! The annotator on a 160×50 test terminal, shared by the benchmarks that
//! press keys: each key an update and a redraw, as an editor presses it.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sayso::tui::{Action, App, Keymap, Options, update, view};
use sayso_core::annotation::Label;

pub const WIDTH: u16 = 160;
pub const HEIGHT: u16 = 50;

pub fn options() -> Options {
    Options {
        file_name: "bench.txt".into(),
        author: "bench".into(),
        read_only: false,
        color: true,
        labels: Label::defaults(),
    }
}

/// `app` laid out for the test terminal.
pub fn laid_out(mut app: App) -> App {
    update(
        &mut app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    app
}

pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App, keymap: &Keymap) {
    terminal
        .draw(|frame| view(app, keymap, frame))
        .expect("drawing on a test terminal");
}

/// Each action in turn, as keys the editor presses: an update and a redraw.
pub fn press(
    terminal: &mut Terminal<TestBackend>,
    app: &mut App,
    keymap: &Keymap,
    actions: &[Action],
) {
    for action in actions {
        update(app, action.clone());
        draw(terminal, app, keymap);
    }
}
