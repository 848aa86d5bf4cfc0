//! The annotator's side of saving: changes go to the background saver as
//! they happen, and nothing typed is dropped on the way out.
//!
//! When the editor quits, or a signal or a lost terminal ends sayso, the
//! saver secures the work ([`Saver::secure`]): it tries the sidecar once more,
//! and when that still fails (a full disk, a file system remounted
//! read-only), writes a recovery file where it can and sayso names it on
//! stderr once the terminal is restored. Only when nothing can be written
//! anywhere does a quit stop: the status line says what quitting would lose,
//! and a second quit goes anyway. A signal has no one to ask: sayso ends and
//! says what was lost.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, anyhow};

use super::app::{App, SaveState};
use sayso_core::store::{SaveEvent, Saver, Secured, StoreError};

/// Hands changes to the saver and keeps track of what is on disk.
pub struct Saving {
    saver: Arc<Saver>,
    /// The revision last handed to the saver.
    submitted: u64,
    /// The revision the sidecar is known to hold, and how many annotations
    /// there were then.
    on_disk: (u64, usize),
    /// Set once a quit has secured the work: the way out then only reports.
    secured: Option<Secured>,
}

impl Saving {
    pub fn new(saver: Arc<Saver>, app: &App) -> Saving {
        Saving {
            saver,
            submitted: app.revision,
            on_disk: (app.revision, app.annotations.len()),
            secured: None,
        }
    }

    /// After each turn of the loop: hands a change to the saver, saves now
    /// when asked (`Ctrl-s`), and takes in what the saver reports. Whether the
    /// screen needs drawing again.
    pub fn sync(&mut self, app: &mut App) -> bool {
        let mut changed = false;
        if app.revision != self.submitted {
            self.saver.submit(app.snapshot());
            self.submitted = app.revision;
            app.save = SaveState::Pending;
            changed = true;
        }
        if std::mem::take(&mut app.save_requested) {
            app.save = saved_state(
                self.saver
                    .flush()
                    .map(|()| SaveEvent::Saved)
                    .unwrap_or_else(SaveEvent::Failed),
            );
            changed = true;
        }
        while let Some(event) = self.saver.poll() {
            // A write refused because another program wrote the sidecar
            // changes nothing here: the merge that follows says what next.
            if !matches!(event, SaveEvent::Failed(StoreError::Changed { .. })) {
                app.save = saved_state(event);
                changed = true;
            }
        }
        if self.saver.is_saved() {
            self.on_disk = (self.submitted, app.annotations.len());
        }
        changed
    }

    /// After a merge from outside (see [`super::outside`]): when the
    /// annotations hold what the sidecar lacks (`write`), they are handed to
    /// the saver; otherwise the sidecar already holds them as they are.
    pub fn merged(&mut self, app: &mut App, write: bool) {
        if write {
            self.saver.submit(app.snapshot());
            app.save = SaveState::Pending;
        } else if app.revision != self.submitted {
            app.save = SaveState::Saved;
        }
        self.submitted = app.revision;
    }

    /// Hands the saver what it has not been given, and waits for the write.
    pub fn flush(&mut self, app: &App) -> Result<(), StoreError> {
        if app.revision != self.submitted {
            self.saver.submit(app.snapshot());
            self.submitted = app.revision;
        }
        self.saver.flush()
    }

    /// What a quit does (`app.quit` is set): secures the work and lets sayso
    /// end, unless nothing could be written anywhere and this is not the
    /// second quit in a row; then `app.quit` is cleared and the status line
    /// says what a second quit loses.
    pub fn quit(&mut self, app: &mut App) {
        let confirmed = app.quit_refused.take().is_some();
        match self.saver.secure(Some(app.snapshot())) {
            Secured::Unwritten { .. } if !confirmed && self.changes(app) > 0 => {
                app.quit = false;
                app.quit_refused = Some(format!(
                    "Nothing can be saved anywhere: Ctrl-q again quits and loses {}.",
                    self.loss(app)
                ));
            }
            secured => self.secured = Some(secured),
        }
    }

    /// The way out: secures the work unless a quit did, and says where it
    /// went (an error for `main` to print) when that is not the sidecar.
    pub fn finish(mut self, app: &App) -> Result<()> {
        let secured = self
            .secured
            .take()
            .unwrap_or_else(|| self.saver.secure(Some(app.snapshot())));
        farewell(secured, self.saver.path(), Some(&self.loss(app)))
    }

    /// How many changes were made since the sidecar was last known to hold
    /// the annotations.
    fn changes(&self, app: &App) -> u64 {
        app.revision.saturating_sub(self.on_disk.0)
    }

    /// What quitting now would lose: "2 changes (24 annotations here, 22
    /// in the sidecar)".
    fn loss(&self, app: &App) -> String {
        let changes = self.changes(app);
        let saved = self.on_disk.1;
        format!(
            "{changes} change{} ({} here, {saved} in the sidecar)",
            if changes == 1 { "" } else { "s" },
            annotations(app.annotations.len()),
        )
    }
}

fn annotations(n: usize) -> String {
    format!("{n} annotation{}", if n == 1 { "" } else { "s" })
}

fn saved_state(event: SaveEvent) -> SaveState {
    match event {
        SaveEvent::Saved => SaveState::Saved,
        // Another program wrote the sidecar: it is merged at once, then
        // saved (see `super::outside`).
        SaveEvent::Failed(StoreError::Changed { .. }) => SaveState::Pending,
        SaveEvent::Failed(e) => SaveState::Failed(e.to_string()),
    }
}

/// How sayso ends for `secured` work of the sidecar at `sidecar`: `Ok` when
/// it is all in the sidecar, else an error that says where it is, or what
/// was lost (`loss`, when known).
pub fn farewell(secured: Secured, sidecar: &Path, loss: Option<&str>) -> Result<()> {
    match secured {
        Secured::Saved => Ok(()),
        Secured::Recovered { error, path } => Err(anyhow!(
            "{error}; the annotations are saved in {} instead: copy it over {} once that can be written",
            path.display(),
            sidecar.display()
        )),
        Secured::Unwritten { error, tried } => {
            let tried: Vec<String> = tried.iter().map(ToString::to_string).collect();
            let lost = loss.unwrap_or("the changes since the last save");
            Err(anyhow!(
                "{error}; no recovery file could be written either{}; sayso quit and lost {lost}",
                match tried.is_empty() {
                    true => String::new(),
                    false => format!(" ({})", tried.join("; ")),
                }
            ))
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::tui::app::Options;
    use crate::tui::update::update;
    use crate::tui::{Action, NormalAction};
    use sayso_core::annotation::Label;
    use sayso_core::article::Article;
    use sayso_core::store::testing::FullDisk;
    use sayso_core::store::watch::Watched;
    use sayso_core::store::{self, Disk, RecoveryPlaces};

    const TEXT: &str =
        "Zoë said: \"東京 is near 👩‍👩‍👧\".\n\nשלום said no.\tThen 🇫🇷 e\u{301}.\n\nThird.";

    /// How the test apps open: `a.txt` by `ed`, writable, no colour.
    pub fn options() -> Options {
        Options {
            file_name: "a.txt".into(),
            author: "ed".into(),
            read_only: false,
            color: false,
            labels: Label::defaults(),
        }
    }

    /// An app with `tags` sentences tagged as claims, one a paragraph.
    pub fn tagged_app(tags: usize) -> App {
        let article = Arc::new(Article::from_text(TEXT.into()));
        let mut app = App::new(article, None, options());
        for _ in 0..tags {
            update(&mut app, NormalAction::Tag(1));
            update(
                &mut app,
                NormalAction::Move(crate::tui::Motion::NextParagraph),
            );
        }
        app
    }

    /// A saver of `app`'s article writing `dir/doc/a.ann.ron` through
    /// `disk`, with recovery places `dir/state/sayso` and `dir/tmp`.
    pub fn saver_on(disk: &Arc<FullDisk>, dir: &Path, app: &App) -> Saver {
        for sub in ["doc", "tmp"] {
            std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
        }
        let places = RecoveryPlaces {
            state_dir: Some(dir.join("state").join("sayso")),
            temp_dir: dir.join("tmp"),
        };
        Saver::spawn_with(
            Arc::clone(&app.article),
            Arc::new(Watched::as_it_is(dir.join("doc").join("a.ann.ron"))),
            app.file_name.clone(),
            Arc::clone(disk) as Arc<dyn Disk>,
            places,
        )
    }

    /// The ids in the sidecar-format file at `path`.
    fn ids_in(app: &App, path: &Path) -> Vec<u64> {
        let sidecar = store::load(&app.article, path)
            .expect("it parses")
            .expect("it exists");
        sidecar.annotations.iter().map(|a| a.id).collect()
    }

    /// Tags one sentence of `app` with its first label and hands it on.
    fn tag(app: &mut App, saving: &mut Saving) {
        update(app, NormalAction::Tag(0));
        update(app, NormalAction::Move(crate::tui::Motion::NextParagraph));
        saving.sync(app);
    }

    /// Presses `Ctrl-q` and lets `saving` act on it; whether sayso goes.
    fn quit(app: &mut App, saving: &mut Saving) -> bool {
        update(app, Action::Quit);
        saving.quit(app);
        app.quit
    }

    /// `saving` of `app` with its first tag saved, then the document folder
    /// full and two more tags.
    fn two_tags_unsaved(dir: &Path) -> (Arc<FullDisk>, App, Saving) {
        let disk = Arc::new(FullDisk::default());
        let mut app = tagged_app(0);
        let saver = Arc::new(saver_on(&disk, dir, &app));
        let mut saving = Saving::new(saver, &app);
        tag(&mut app, &mut saving);
        app.save_requested = true;
        saving.sync(&mut app);
        assert_eq!(app.save, SaveState::Saved);
        disk.fill(&dir.join("doc"));
        tag(&mut app, &mut saving);
        tag(&mut app, &mut saving);
        app.save_requested = true;
        saving.sync(&mut app);
        assert!(matches!(app.save, SaveState::Failed(_)), "{:?}", app.save);
        assert_eq!(app.annotations.len(), 3);
        (disk, app, saving)
    }

    #[test]
    fn quitting_with_everything_saved_just_quits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let disk = Arc::new(FullDisk::default());
        let mut app = tagged_app(0);
        let mut saving = Saving::new(Arc::new(saver_on(&disk, dir.path(), &app)), &app);
        tag(&mut app, &mut saving);
        assert!(quit(&mut app, &mut saving));
        saving.finish(&app).expect("saved");
        assert_eq!(
            ids_in(&app, &dir.path().join("doc").join("a.ann.ron")),
            vec![1]
        );
    }

    #[test]
    fn quitting_when_the_sidecar_cannot_be_written_puts_every_tag_in_a_recovery_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_disk, mut app, mut saving) = two_tags_unsaved(dir.path());

        assert!(quit(&mut app, &mut saving), "{:?}", app.quit_refused);
        let message = saving
            .finish(&app)
            .expect_err("not in the sidecar")
            .to_string();

        let sidecar = dir.path().join("doc").join("a.ann.ron");
        assert_eq!(ids_in(&app, &sidecar), vec![1], "the sidecar is as it was");
        let state = dir.path().join("state").join("sayso");
        let recovery: Vec<PathBuf> = std::fs::read_dir(&state)
            .expect("the state folder")
            .map(|e| e.expect("an entry").path())
            .collect();
        assert_eq!(recovery.len(), 1, "{recovery:?}");
        assert_eq!(ids_in(&app, &recovery[0]), vec![1, 2, 3]);
        assert!(message.contains("No space left on device"), "{message}");
        assert!(
            message.contains(&recovery[0].display().to_string()),
            "{message}"
        );
        assert!(
            message.contains(&sidecar.display().to_string()),
            "{message}"
        );
    }

    #[test]
    fn with_nothing_writable_quit_asks_again_and_says_what_is_lost() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (disk, mut app, mut saving) = two_tags_unsaved(dir.path());
        disk.fill(dir.path());

        assert!(!quit(&mut app, &mut saving), "the first quit is refused");
        let warning = app.quit_refused.clone().expect("a warning");
        assert!(
            warning.contains("loses 2 changes (3 annotations here, 1 in the sidecar)"),
            "{warning}"
        );

        assert!(quit(&mut app, &mut saving), "the second quit goes");
        let message = saving.finish(&app).expect_err("lost").to_string();
        assert!(
            message.contains("lost 2 changes (3 annotations here, 1 in the sidecar)"),
            "{message}"
        );
        for place in ["doc", "state", "tmp"] {
            assert!(
                message.contains(&dir.path().join(place).display().to_string()),
                "{message}"
            );
        }
    }

    #[test]
    fn room_made_after_a_refused_quit_saves_on_the_next() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (disk, mut app, mut saving) = two_tags_unsaved(dir.path());
        disk.fill(dir.path());
        assert!(!quit(&mut app, &mut saving));

        disk.free(dir.path());
        disk.free(&dir.path().join("doc"));
        assert!(quit(&mut app, &mut saving));
        saving.finish(&app).expect("saved");
        assert_eq!(
            ids_in(&app, &dir.path().join("doc").join("a.ann.ron")),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn a_signal_with_nothing_writable_ends_and_says_what_is_lost() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (disk, app, saving) = two_tags_unsaved(dir.path());
        disk.fill(dir.path());
        // No quit: the loop ended on a signal, and no one can be asked.
        let message = saving.finish(&app).expect_err("lost").to_string();
        assert!(message.contains("lost 2 changes"), "{message}");
    }

    #[test]
    fn one_change_is_one_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let disk = Arc::new(FullDisk::default());
        let mut app = tagged_app(0);
        let mut saving = Saving::new(Arc::new(saver_on(&disk, dir.path(), &app)), &app);
        disk.fill(dir.path());
        tag(&mut app, &mut saving);
        assert_eq!(
            saving.loss(&app),
            "1 change (1 annotation here, 0 in the sidecar)"
        );
    }

    #[test]
    fn a_refused_quit_takes_the_whole_status_line() {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let mut app = tagged_app(1);
        app.save = SaveState::Failed("cannot write a.ann.ron: No space left on device".into());
        app.quit_refused = Some(
            "Nothing can be saved anywhere: Ctrl-q again quits and loses 1 change (1 annotation here, 0 in the sidecar).".into(),
        );
        update(
            &mut app,
            Action::Resize {
                width: 120,
                height: 8,
            },
        );
        let keymap = crate::tui::Keymap::new(&app.labels);
        let mut terminal = Terminal::new(TestBackend::new(120, 8)).expect("a terminal");
        terminal
            .draw(|frame| crate::tui::view(&app, &keymap, frame))
            .expect("drawn");
        let buffer = terminal.backend().buffer();
        let last: String = (0..120).map(|x| buffer[(x, 7)].symbol()).collect();
        assert_eq!(
            last.trim_end(),
            " Nothing can be saved anywhere: Ctrl-q again quits and loses 1 change (1 annotation here, 0 in the sidecar)."
        );
    }
}
