//! The event loop: terminal events become actions, actions update the app,
//! changes go to the background saver, and the screen is drawn from the state.
//!
//! Nothing typed is lost: every change is handed to the saver at once (it
//! writes within moments), `Ctrl-s` and quitting wait for the write, SIGTERM
//! and SIGHUP (a dropped SSH connection) end the loop through a flag and save
//! on the way out, and a panic writes a recovery file beside the sidecar.
//! What other programs write to the sidecar meanwhile is merged, never
//! written over (see [`Outside`]).

use std::io::stdout;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use super::action::{Action, Direction};
use super::app::{App, Mode, SaveState};
use super::form::FormAction;
use super::keymap::Keymap;
use super::normal::NormalAction;
use super::outside::{Outside, write_recovery};
use super::signals::Watcher;
use super::update::update;
use super::view::view;
use sayso_core::store::{SaveEvent, Saver, StoreError};

/// How long the loop waits for a key before it looks at signals and the saver.
const TICK: Duration = Duration::from_millis(100);

/// Rows the mouse wheel scrolls.
const WHEEL_ROWS: u16 = 3;

/// Runs the annotator until the editor quits or a signal arrives; changes
/// are saved to the sidecar `outside` watches, unless read-only.
pub fn run(mut app: App, mut outside: Outside) -> Result<()> {
    let sidecar = (!app.read_only).then(|| outside.disk().path().to_path_buf());
    let saver = sidecar.as_ref().map(|_| {
        Arc::new(Saver::spawn_on(
            Arc::clone(&app.article),
            Arc::clone(outside.disk()),
            app.file_name.clone(),
        ))
    });
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = Watcher::start(Arc::clone(&stop), saver.clone())?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    // Mouse capture is a nicety: a terminal without it still works by keys.
    let _ = execute!(stdout(), EnableMouseCapture);
    let keymap = Keymap::new(&app.labels);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let saver = saver.as_deref();
        event_loop(&mut app, &keymap, &mut terminal, saver, &mut outside, &stop)
    }));
    watcher.finish();
    let _ = execute!(stdout(), DisableMouseCapture);
    // A terminal that hung up cannot be restored, and there is no one to tell.
    let _ = ratatui::try_restore();
    match outcome {
        Ok(result) => {
            let saved = match &saver {
                Some(saver) => outside.finish(&mut app, saver),
                None => Ok(()),
            };
            result.and(saved)
        }
        Err(_) => Err(recover(&app, sidecar.as_deref())),
    }
}

fn event_loop(
    app: &mut App,
    keymap: &Keymap,
    terminal: &mut DefaultTerminal,
    saver: Option<&Saver>,
    outside: &mut Outside,
    stop: &AtomicBool,
) -> Result<()> {
    let mut submitted = app.revision;
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        // The size is read before every draw rather than trusted to resize
        // events: one that arrives before the event reader starts listening
        // is never reported, and the layout must match the real screen.
        let size = terminal.size().context("cannot read the terminal size")?;
        if size != app.size.as_size() {
            update(
                app,
                Action::Resize {
                    width: size.width,
                    height: size.height,
                },
            );
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|frame| view(app, keymap, frame))
                .context("cannot draw on the terminal")?;
            dirty = false;
        }
        if event::poll(TICK).context("cannot read from the terminal")? {
            let read = event::read().context("cannot read from the terminal")?;
            if let Some(action) = action_for(app, keymap, read) {
                update(app, action);
                dirty = true;
            }
        } else {
            // Idle: never between a key and its redraw.
            dirty |= outside.idle(app, saver, &mut submitted);
        }
        if let Some(saver) = saver {
            if app.revision != submitted {
                saver.submit(app.snapshot());
                submitted = app.revision;
                app.save = SaveState::Pending;
                dirty = true;
            }
            if std::mem::take(&mut app.save_requested) {
                app.save = outside.save_now(app, saver, &mut submitted);
                dirty = true;
            }
            while let Some(event) = saver.poll() {
                app.save = saved_state(event);
                dirty = true;
            }
        } else if std::mem::take(&mut app.save_requested) {
            app.message = Some("Read-only: nothing is saved.".into());
        }
    }
    // A signal can end the loop with the form open: what was typed in it is
    // saved like everything else.
    if matches!(app.mode, Mode::Form(_)) {
        update(app, FormAction::Save);
        if let Some(saver) = saver.filter(|_| app.revision != submitted) {
            saver.submit(app.snapshot());
        }
    }
    Ok(())
}

fn saved_state(event: SaveEvent) -> SaveState {
    match event {
        SaveEvent::Saved => SaveState::Saved,
        // Another program wrote the sidecar: it is merged, then saved.
        SaveEvent::Failed(StoreError::Changed { .. }) => SaveState::Pending,
        SaveEvent::Failed(e) => SaveState::Failed(e.to_string()),
    }
}

/// The action for a terminal event, if any.
fn action_for(app: &App, keymap: &Keymap, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap.action(&app.mode, app.list.open, key)
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(NormalAction::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::Drag(MouseButton::Left) => Some(NormalAction::Drag {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(NormalAction::Wheel(Direction::Forward, WHEEL_ROWS)),
            MouseEventKind::ScrollUp => Some(NormalAction::Wheel(Direction::Backward, WHEEL_ROWS)),
            _ => None,
        }
        .map(Action::Normal),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// After a panic: writes what the editor had to a recovery file beside the
/// sidecar (never over it: the state may be what caused the panic) and says
/// where it is.
fn recover(app: &App, sidecar: Option<&Path>) -> anyhow::Error {
    let Some(sidecar) = sidecar else {
        return anyhow!("sayso stopped on an internal error; nothing was changed (read-only)");
    };
    let written = catch_unwind(AssertUnwindSafe(|| write_recovery(app, sidecar)));
    match written {
        Ok(Ok(path)) => anyhow!(
            "sayso stopped on an internal error; your annotations were written to {} (compare it with {} and copy it over if it has more)",
            path.display(),
            sidecar.display()
        ),
        _ => anyhow!(
            "sayso stopped on an internal error and could not write a recovery file; {} holds what was saved last",
            sidecar.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Options;
    use sayso_core::annotation::Label;
    use sayso_core::article::Article;
    use sayso_core::store;

    fn tagged_app() -> App {
        let article = Arc::new(Article::from_text(
            "Zoë said: \"東京 is near 👩‍👩‍👧\".\n\nSecond.".into(),
        ));
        let options = Options {
            file_name: "a.txt".into(),
            author: "ed".into(),
            read_only: false,
            color: false,
            labels: Label::defaults(),
        };
        let mut app = App::new(article, None, options);
        update(&mut app, NormalAction::Tag(1));
        app
    }

    #[test]
    fn a_panic_leaves_the_annotations_in_a_recovery_file_not_the_sidecar() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sidecar = dir.path().join("a.ann.ron");
        let app = tagged_app();
        assert_eq!(app.annotations.len(), 1);

        let message = recover(&app, Some(&sidecar)).to_string();

        let recovery = store::recovery_path(&sidecar);
        assert!(
            message.contains(&recovery.display().to_string()),
            "{message}"
        );
        assert!(!sidecar.exists(), "the sidecar must not be overwritten");
        let loaded = store::load(&app.article, &recovery)
            .expect("recovery parses")
            .expect("recovery exists");
        assert_eq!(
            loaded.annotations,
            vec![app.annotations.iter().next().cloned().expect("one")]
        );
    }

    #[test]
    fn a_panic_when_read_only_writes_nothing() {
        let app = tagged_app();
        let message = recover(&app, None).to_string();
        assert!(message.contains("nothing was changed"), "{message}");
    }
}
