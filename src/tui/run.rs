//! The event loop: terminal events become actions, actions update the app,
//! changes go to the background saver, and the screen is drawn from the state.
//!
//! Nothing typed is lost: every change is handed to the saver at once (it
//! writes within moments), `Ctrl-s` and quitting wait for the write, and
//! what the sidecar cannot take goes to a recovery file (see [`Saving`]).
//! SIGTERM and SIGHUP (a dropped SSH connection) end the loop through a flag,
//! and so does a terminal that is gone; either way an open form is saved on
//! the way out. A panic writes a recovery file too. What other programs
//! write to the sidecar meanwhile is merged, never written over (see
//! [`Outside`]).
//!
//! Terminal events are read on a thread of their own: when the terminal hangs
//! up, crossterm's reader can spin on it forever, and it must not keep the
//! loop from noticing and saving.
//!
//! The sidecar of an article given by itself is read on a thread of its
//! own too (see [`Loader`]): the loop draws the article at once and takes
//! the annotations in as they arrive; keys that need them wait until all
//! are read (see [`super::loading`]), and only then does the [`Session`]
//! watch and save the sidecar.
//!
//! In a corpus, the loop runs on one article at a time: when the editor
//! asks for another, it hands over to the [`Session`], which saves the one
//! left behind and opens the next.

use std::io::stdout;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use super::action::{Action, Direction};
use super::app::{App, Mode};
use super::corpus::Session;
use super::form::FormAction;
use super::keymap::Keymap;
use super::loader::Loader;
use super::loading::{self, Arrival};
use super::normal::NormalAction;
use super::outside::Outside;
use super::saving::Saving;
use super::signals::Watcher;
use super::update::update;
use super::view::view;
use sayso_core::store::Saver;

/// How long the loop waits for a key before it looks at signals and the saver.
const TICK: Duration = Duration::from_millis(100);

/// The same while the sidecar is read: annotations that arrive are drawn
/// within it.
const LOADING_TICK: Duration = Duration::from_millis(10);

/// Rows the mouse wheel scrolls.
const WHEEL_ROWS: u16 = 3;

/// Runs the annotator until the editor quits or a signal arrives.
pub fn run(mut session: Session) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = Watcher::start(Arc::clone(&stop), session.shared_saver())?;
    let events = read_events()?;
    let terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let mut screen = Screen { terminal, events };
    // Mouse capture is a nicety: a terminal without it still works by keys.
    let _ = execute!(stdout(), EnableMouseCapture);
    let keymap = Keymap::new(&session.app.labels);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let result = load(&mut session, &keymap, &mut screen, &stop).and_then(|()| {
            loop {
                let (app, saving, outside) = session.parts();
                let result = event_loop(app, &keymap, &mut screen, None, saving, outside, &stop);
                if result.is_err() || !session.switch() {
                    return result;
                }
            }
        });
        let (app, saving, _) = session.parts();
        keep_form(app, saving);
        result
    }));
    watcher.finish();
    let _ = execute!(stdout(), DisableMouseCapture);
    // A terminal that hung up cannot be restored, and there is no one to
    // tell: dropping `terminal` would say so with `eprintln!`, which panics
    // when stderr is gone with the terminal, so it is not dropped.
    if ratatui::try_restore().is_err() {
        std::mem::forget(screen.terminal);
    }
    match outcome {
        Ok(result) => session.finish().and(result),
        Err(_) => Err(recover(&session.app, session.saver())),
    }
}

/// The terminal the loop draws on, and its events.
struct Screen {
    terminal: DefaultTerminal,
    events: Receiver<std::io::Result<Event>>,
}

/// Reads terminal events on a thread of their own, until the loop stops
/// listening or the terminal fails.
fn read_events() -> Result<Receiver<std::io::Result<Event>>> {
    let (send, events) = mpsc::channel();
    std::thread::Builder::new()
        .name("sayso-keys".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if send.send(event).is_err() || failed {
                    break;
                }
            }
        })
        .context("cannot start reading the keyboard")?;
    Ok(events)
}

/// Saves an open form as one change and hands it to the saver: on the way
/// out, whatever ended the loop (a quit, a signal, a terminal that is gone).
fn keep_form(app: &mut App, saving: Option<&mut Saving>) {
    if matches!(app.mode, Mode::Form(_)) {
        update(app, FormAction::Save);
        if let Some(saving) = saving {
            saving.sync(app);
        }
    }
}

/// Reads the sidecar of the article on screen while the loop runs without
/// it, when it is still to be read. Once every annotation is in, the
/// session watches and saves the sidecar from them, and the keys that
/// waited act. A quit with nothing waiting ends it first, having changed
/// nothing; when a signal ends it with keys waiting, the rest is read, and
/// they act and are saved all the same.
fn load(
    session: &mut Session,
    keymap: &Keymap,
    screen: &mut Screen,
    stop: &AtomicBool,
) -> Result<()> {
    let Some(loader) = session.take_loader() else {
        return Ok(());
    };
    let app = &mut session.app;
    event_loop(app, keymap, screen, Some(&loader), None, None, stop)?;
    if app.loading.is_some() {
        if app.typed_ahead.is_empty() {
            return Ok(());
        }
        take_arrivals(app, loader.wait()?);
    }
    let (read, placed) = loader.read();
    session.loaded(read, placed);
    let (app, saving, _) = session.parts();
    typed_ahead(app, keymap, saving);
    Ok(())
}

/// The loop itself, until the editor quits, asks for another article or
/// `stop` is set; with a `loader`, until every annotation is in.
fn event_loop(
    app: &mut App,
    keymap: &Keymap,
    screen: &mut Screen,
    loader: Option<&Loader>,
    mut saving: Option<&mut Saving>,
    mut outside: Option<&mut Outside>,
    stop: &AtomicBool,
) -> Result<()> {
    let mut dirty = true;
    while !app.quit && app.corpus.go.is_none() && !stop.load(Ordering::Relaxed) {
        // The size is read before every draw rather than trusted to resize
        // events: one that arrives before the event reader starts listening
        // is never reported, and the layout must match the real screen. A
        // terminal that hung up fails here, within a tick.
        let size = screen
            .terminal
            .size()
            .context("cannot read the terminal size")?;
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
            screen
                .terminal
                .draw(|frame| view(app, keymap, frame))
                .context("cannot draw on the terminal")?;
            dirty = false;
        }
        let tick = if app.loading.is_some() {
            LOADING_TICK
        } else {
            TICK
        };
        match screen.events.recv_timeout(tick) {
            Ok(read) => {
                let read = read.context("cannot read from the terminal")?;
                dirty |= press(app, keymap, read);
            }
            // Idle: never between a key and its redraw.
            Err(RecvTimeoutError::Timeout) => {
                if let Some(outside) = outside.as_deref_mut() {
                    dirty |= outside.idle(app, saving.as_deref_mut());
                }
            }
            Err(RecvTimeoutError::Disconnected) => bail!("cannot read from the terminal"),
        }
        match saving.as_deref_mut() {
            Some(saving) => {
                if let Some(outside) = outside
                    .as_deref_mut()
                    .filter(|_| app.save_requested || app.quit)
                {
                    // What another program wrote is merged first.
                    outside.before_save(app, saving);
                }
                dirty |= saving.sync(app);
                if app.quit {
                    saving.quit(app);
                    dirty = true;
                }
            }
            None if std::mem::take(&mut app.save_requested) => {
                app.message = Some("Read-only: nothing is saved.".into());
            }
            None => {}
        }
        dirty |= app.corpus.take_in();
        // After the first frame, which never waits for the sidecar.
        if let Some(loader) = loader {
            dirty |= take_arrivals(app, loader.arrived()?);
            if app.loading.is_none() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Handles a terminal event, or keeps it until the annotations are read.
/// Whether the screen changed.
fn press(app: &mut App, keymap: &Keymap, event: Event) -> bool {
    let action = action_for(app, keymap, event.clone());
    if loading::hold(app, &event, action.as_ref()) {
        return true;
    }
    let Some(action) = action else {
        return false;
    };
    if !matches!(action, Action::Quit | Action::Resize { .. }) {
        // Any other key takes back a refused quit.
        app.quit_refused = None;
    }
    update(app, action);
    true
}

/// Takes in annotations read since the last turn. Whether anything
/// arrived.
fn take_arrivals(app: &mut App, arrivals: Vec<Arrival>) -> bool {
    let arrived = !arrivals.is_empty();
    for arrival in arrivals {
        update(app, Action::Arrived(arrival));
    }
    arrived
}

/// Once every annotation is in: the keys that waited for them, handled in
/// the order typed, and what they changed handed to `saving`.
fn typed_ahead(app: &mut App, keymap: &Keymap, saving: Option<&mut Saving>) {
    for event in std::mem::take(&mut app.typed_ahead) {
        press(app, keymap, event);
    }
    if let Some(saving) = saving {
        saving.sync(app);
        if app.quit {
            saving.quit(app);
        }
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

/// After a panic: writes what the editor had to a recovery file (never over
/// the sidecar: the state may be what caused the panic) and says where it is.
fn recover(app: &App, saver: Option<&Saver>) -> anyhow::Error {
    let Some(saver) = saver else {
        return anyhow!("sayso stopped on an internal error; nothing was changed (read-only)");
    };
    let snapshot = app.snapshot();
    let written = catch_unwind(AssertUnwindSafe(|| saver.recover(&snapshot)));
    match written {
        Ok(Ok(path)) => anyhow!(
            "sayso stopped on an internal error; your annotations were written to {} (compare it with {} and copy it over if it has more)",
            path.display(),
            saver.path().display()
        ),
        _ => anyhow!(
            "sayso stopped on an internal error and could not write a recovery file; {} holds what was saved last",
            saver.path().display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::saving::tests::{saver_on, tagged_app};
    use sayso_core::store::{self, testing::FullDisk};

    #[test]
    fn a_panic_leaves_the_annotations_in_a_recovery_file_not_the_sidecar() {
        let dir = tempfile::tempdir().expect("temp dir");
        let app = tagged_app(1);
        let saver = saver_on(&Arc::new(FullDisk::default()), dir.path(), &app);
        assert_eq!(app.annotations.len(), 1);

        let message = recover(&app, Some(&saver)).to_string();

        let recovery = store::recovery_path(saver.path());
        assert!(
            message.contains(&recovery.display().to_string()),
            "{message}"
        );
        assert!(
            !saver.path().exists(),
            "the sidecar must not be overwritten"
        );
        let loaded = store::load(&app.article, &recovery)
            .expect("recovery parses")
            .expect("recovery exists");
        assert_eq!(
            loaded.annotations,
            vec![app.annotations.iter().next().cloned().expect("one")]
        );
    }

    #[test]
    fn a_panic_with_the_folder_full_writes_the_recovery_file_elsewhere() {
        let dir = tempfile::tempdir().expect("temp dir");
        let app = tagged_app(2);
        let disk = Arc::new(FullDisk::default());
        let saver = saver_on(&disk, dir.path(), &app);
        disk.fill(&dir.path().join("doc"));

        let message = recover(&app, Some(&saver)).to_string();

        let state = dir.path().join("state");
        assert!(message.contains(&state.display().to_string()), "{message}");
        assert!(!dir.path().join("doc").join("a.ann.recovered.ron").exists());
    }

    #[test]
    fn keys_typed_while_the_annotations_are_read_act_once_they_are_in_the_order_typed() {
        use crate::tui::loading::Rest;
        use crate::tui::saving::tests::options;
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use sayso_core::annotation::testing::{annotation, span_of};
        use sayso_core::article::Article;
        use sayso_core::store::{Loaded, Sidecar};

        let text =
            "Zoë «東京» 👩\u{200d}👩\u{200d}👧.\n\nשלום said no.\tThen 🇫🇷 e\u{301}.\n\nThird.\n";
        let mut app = App::opening(Arc::new(Article::from_text(text.into())), options());
        update(
            &mut app,
            Action::Resize {
                width: 100,
                height: 12,
            },
        );
        let keymap = Keymap::new(&app.labels);
        let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        // `j` moves at once; `c` tags the sentence there, and waits; so do
        // the next `j`, `L` (the list) and `j`, which in the list is the
        // next row.
        for c in ['j', 'c', 'j', 'L', 'j'] {
            press(&mut app, &keymap, key(c));
        }
        assert_eq!(app.typed_ahead.len(), 4);
        assert!(app.annotations.is_empty() && !app.list.open);

        let third = text.find("Third").expect("in the text");
        let rest = Sidecar {
            annotations: vec![annotation(5, "quote", vec![span_of(text, "Third.")])],
            ..Sidecar::default()
        };
        let done = Arrival::Done(Box::new(Rest {
            mine: Some(Loaded::Rest(rest)),
            theirs: None,
        }));
        assert!(take_arrivals(&mut app, vec![done]));
        typed_ahead(&mut app, &keymap, None);

        assert!(app.typed_ahead.is_empty() && app.loading.is_none());
        let tagged: Vec<(u64, &str, usize)> = app
            .annotations
            .iter()
            .map(|a| (a.id, a.label.as_str(), a.start()))
            .collect();
        let second = text.find("שלום").expect("in the text");
        assert_eq!(tagged, vec![(6, "claim", second), (5, "quote", third)]);
        assert_eq!(app.paragraph(), Some(2), "moved after tagging");
        assert!(app.list.open);
        assert_eq!(app.list.selected, 1, "the list's next row");
        assert_eq!(app.revision, 1);
    }

    #[test]
    fn a_panic_when_read_only_writes_nothing() {
        let app = tagged_app(1);
        let message = recover(&app, None).to_string();
        assert!(message.contains("nothing was changed"), "{message}");
    }
}
