//! Changes to the sidecar from outside this annotator: merged, never
//! written over.
//!
//! Another annotator on the same article, `sayso import`, a `git pull`: any
//! of them may write the sidecar while the editor tags. At an idle moment
//! of the loop, once a second (and at once when the saver found the file
//! changed), [`Outside::idle`] looks at it: one `stat`, compared with the
//! version last read or written (see [`sayso_core::store::watch`]). It is
//! never done between a key and its redraw. When the file changed, it is
//! read and merged three ways (base: the version last read or written;
//! ours: the editor's annotations; theirs: the file's) and the edits are
//! made as one [`Step::Outside`]: what was added outside appears as the
//! file has it, what was changed takes the outside version unless the
//! editor changed it too (then both are kept, theirs pending, for `p`), an
//! id both sides gave to new annotations stays the file's and the
//! editor's takes another, and the status line says what came in. The saver writes only over the version last read or written, so
//! an outside change is merged before anything is written over it; a merge
//! that leaves ours as the file has it writes nothing, so two annotators
//! never answer each other's saves for ever.
//!
//! - A sidecar **deleted** outside: the editor's annotations are kept and
//!   written back at the next change, `Ctrl-s` or quit.
//! - One that **does not parse**: never written over; the status line says
//!   so until it parses again (it is read again whenever it changes), and
//!   quitting writes what the editor has to a recovery file.
//! - One written for **another text** of the article (another sayso placed
//!   the annotations on an edited article): its annotations are placed on
//!   the text as opened here and merged, and the editor is told whether the
//!   article itself changed on disk; the text on screen is never swapped
//!   under the cursor, reopening shows the new one.
//!
//! It also holds the advisory lock of the article (see
//! [`sayso_core::store::lock`]), says at opening who else has it open, and
//! takes the lock over when its holder quits.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::app::{App, SaveState};
use super::apply::{Step, apply};
use super::saving::Saving;
use sayso_core::corpus;
use sayso_core::store::lock::{self, Holder, Lock, Taken};
use sayso_core::store::merge::{Incoming, incoming};
use sayso_core::store::watch::{self, Fingerprint, Look, Watched};
use sayso_core::store::{self, Sidecar, Snapshot, StoreError};

/// How often an idle annotator looks at its sidecar.
pub const EVERY: Duration = Duration::from_secs(1);

/// How many times a save the editor waits for is tried again when the
/// file keeps changing under it.
const TRIES: usize = 5;

/// What the annotator knows of its sidecar on disk.
pub struct Outside {
    watched: Arc<Watched>,
    article: PathBuf,
    lock: Option<Lock>,
    looked: Instant,
    /// A version on disk not to read again: it did not parse.
    broken: Option<Fingerprint>,
    /// Why the sidecar cannot be merged, while it cannot.
    trouble: Option<String>,
    /// The sidecar was deleted outside: what the editor has is written
    /// back at the next save.
    deleted: bool,
    /// The sidecar was written for another text of the article, and its
    /// annotations placed on this one: `Ctrl-s` writes them with the new
    /// hash even without a change.
    placed: bool,
}

/// What a look found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Nothing new.
    Nothing,
    /// Something was said, nothing merged.
    Told,
    /// A version of the file was merged in; `write` when the editor's
    /// annotations now hold what the file lacks.
    Merged { write: bool },
}

impl Outside {
    /// Watches the sidecar `sidecar` of the article at `article`, which
    /// `app` opened from the version `read`. Takes the lock unless
    /// read-only, and tells the editor who else has the article open.
    pub fn new(
        app: &mut App,
        article: PathBuf,
        sidecar: PathBuf,
        read: Option<Fingerprint>,
    ) -> Outside {
        let (lock, holder) = if app.read_only {
            (None, lock::holder(&sidecar))
        } else {
            match lock::take(&sidecar) {
                Ok(Taken::Ours(lock)) => (Some(lock), None),
                Ok(Taken::Held(holder)) => (None, Some(holder)),
                Err(e) => {
                    tell(app, format!("No lock taken ({e})."));
                    (None, None)
                }
            }
        };
        if let Some(holder) = holder {
            tell(app, also_open(&holder));
        }
        Outside {
            watched: Arc::new(Watched::new(sidecar, read, app.snapshot())),
            article,
            lock,
            looked: Instant::now(),
            broken: None,
            trouble: None,
            deleted: false,
            placed: false,
        }
    }

    /// The annotations were opened from a sidecar written for another text
    /// of the article: the first save writes them, `Ctrl-s` included.
    pub fn placed_on_new_text(&mut self) {
        self.placed = true;
    }

    /// The sidecar as the saver shares it.
    pub fn watched(&self) -> &Arc<Watched> {
        &self.watched
    }

    /// At an idle moment of the loop: looks at the sidecar when a second
    /// has passed since the last look, or at once when the saver found it
    /// changed, merges what changed, and hands `saving` what the merge
    /// leaves unsaved. Gives whether the screen changed.
    pub fn idle(&mut self, app: &mut App, saving: Option<&mut Saving>) -> bool {
        let now = Instant::now();
        if !self.watched.take_refusal() && now.duration_since(self.looked) < EVERY {
            return false;
        }
        self.looked = now;
        self.take_lock_left(app);
        let shown = app.save.clone();
        let seen = self.look(app);
        if let Some(saving) = saving {
            self.hand_over(app, seen, saving);
        }
        seen != Seen::Nothing || app.save != shown
    }

    /// Before a save the editor waits for (`Ctrl-s`, quitting): merges what
    /// changed on disk and writes the rest, again while the file changes
    /// under the write, so that the save goes over the newest version.
    /// What is left failing, `saving` reports.
    pub fn before_save(&mut self, app: &mut App, saving: &mut Saving) {
        for _ in 0..TRIES {
            let seen = self.look(app);
            if let Some(why) = &self.trouble {
                // Nothing is written over it: `Ctrl-s` says why at once.
                if std::mem::take(&mut app.save_requested) {
                    app.save = SaveState::Failed(kept_here(why));
                }
                return;
            }
            match seen {
                Seen::Merged { write } => saving.merged(app, write),
                _ if self.deleted || (self.placed && app.save_requested) => {
                    saving.merged(app, true);
                }
                _ => {}
            }
            match saving.flush(app) {
                Err(StoreError::Changed { .. }) => {}
                result => {
                    self.deleted &= result.is_err();
                    self.placed &= result.is_err();
                    return;
                }
            }
        }
    }

    /// The way out: says why the sidecar could not take the annotations
    /// (it does not parse) beside where they went instead.
    pub fn explain(&self, finished: anyhow::Result<()>) -> anyhow::Result<()> {
        match (finished, &self.trouble) {
            (Err(e), Some(why)) => Err(anyhow::anyhow!("{why}; {e}")),
            (finished, _) => finished,
        }
    }

    /// Looks at the sidecar now and merges what changed into `app`.
    pub fn look(&mut self, app: &mut App) -> Seen {
        let now = match self.watched.look() {
            Ok(Look::Same) if self.trouble.is_some() && self.broken.is_none() => {
                // The sidecar could not be looked at, and now can again.
                self.clear_trouble(app);
                return Seen::Told;
            }
            Ok(Look::Same) => return Seen::Nothing,
            Ok(Look::Changed(now)) => now,
            Err(e) => return self.trouble(app, e.to_string()),
        };
        if now.is_some() && now == self.broken {
            return Seen::Nothing;
        }
        if now.is_none() {
            return self.deleted(app);
        }
        let version = watch::read(&app.article, self.watched.path());
        match version.sidecar {
            Ok(Some(theirs)) => self.merge(app, version.fingerprint, theirs),
            Ok(None) => self.deleted(app),
            Err(e @ StoreError::Io { .. }) => self.trouble(app, e.to_string()),
            Err(e) => {
                self.broken = version.fingerprint;
                self.trouble(app, e.to_string())
            }
        }
    }

    /// Merges `theirs`, the version `fingerprint` of the file.
    fn merge(&mut self, app: &mut App, fingerprint: Option<Fingerprint>, theirs: Sidecar) -> Seen {
        let other_text = theirs.article_changed;
        let theirs = Snapshot {
            annotations: theirs.annotations.into_iter().map(Arc::new).collect(),
            detached: Arc::new(theirs.detached),
            finished: theirs.finished,
        };
        let came = incoming(&self.watched.base(), &app.snapshot(), &theirs);
        self.watched.adopt(fingerprint, theirs);
        let fixed = self.trouble.is_some();
        self.clear_trouble(app);
        self.deleted = false;
        let mut said = came_in(&came);
        if other_text {
            said.insert(0, self.other_text(app));
        }
        if fixed {
            said.insert(0, format!("{} reads again.", self.file_name()));
        }
        let said = said.join(" ");
        let write = came.unsaved;
        if !came.is_empty() {
            apply(
                app,
                Step::Outside {
                    edits: came.edits,
                    detached: came.detached.map(Arc::new),
                    said,
                },
            );
            // The current annotation stays current under its new id.
            let moved = |current| came.made_way.iter().find(|(old, _)| *old == current);
            if let Some(&(_, new)) = app.current.and_then(moved) {
                app.current = Some(new);
            }
        } else if said.is_empty() {
            return if write {
                Seen::Merged { write }
            } else {
                Seen::Nothing
            };
        } else {
            app.message = Some(said);
        }
        Seen::Merged { write }
    }

    /// The sidecar was deleted outside: ours is kept, to be written back.
    fn deleted(&mut self, app: &mut App) -> Seen {
        self.watched.adopt(None, self.watched.base());
        self.clear_trouble(app);
        self.deleted = true;
        let n = app.annotations.len() + app.detached.len();
        app.message = Some(format!(
            "The sidecar was deleted: {n} annotation{} kept, written back at the next save.",
            plural(n)
        ));
        Seen::Told
    }

    /// The sidecar cannot be merged (`why`): said on the status line until
    /// it can, and nothing is written over it meanwhile.
    fn trouble(&mut self, app: &mut App, why: String) -> Seen {
        let shown = SaveState::Failed(kept_here(&why));
        if self.trouble.as_ref() == Some(&why) && app.save == shown {
            return Seen::Nothing;
        }
        app.save = shown;
        self.trouble = Some(why);
        Seen::Told
    }

    /// The sidecar can be merged again.
    fn clear_trouble(&mut self, app: &mut App) {
        self.broken = None;
        if let Some(why) = self.trouble.take()
            && app.save == SaveState::Failed(kept_here(&why))
        {
            app.save = SaveState::Pending;
        }
    }

    /// What the loop does after a look: hands the saver what the merge left
    /// unsaved; what it left as the file has it needs no writing.
    fn hand_over(&self, app: &mut App, seen: Seen, saving: &mut Saving) {
        if let Some(why) = &self.trouble {
            // A refused save said "saving…" meanwhile.
            app.save = SaveState::Failed(kept_here(why));
            return;
        }
        match seen {
            Seen::Merged { write } => saving.merged(app, write),
            Seen::Told | Seen::Nothing => {}
        }
    }

    /// The sidecar was written for another text of the article: says
    /// whether the article itself changed on disk.
    fn other_text(&self, app: &App) -> String {
        let changed_on_disk = corpus::read_article(&self.article)
            .is_ok_and(|now| now.blake3_hex() != app.article.blake3_hex());
        if changed_on_disk {
            format!(
                "{} changed on disk: reopen it to tag the new text (its annotations were placed on this one).",
                app.file_name
            )
        } else {
            format!(
                "{} was written for another text: its annotations were placed on this one.",
                self.file_name()
            )
        }
    }

    /// When no other sayso holds the lock any more, this one takes it.
    fn take_lock_left(&mut self, app: &App) {
        let sidecar = self.watched.path();
        if self.lock.is_none() && !app.read_only && !store::lock_path(sidecar).exists() {
            if let Ok(Taken::Ours(lock)) = lock::take(sidecar) {
                self.lock = Some(lock);
            }
        }
    }

    fn file_name(&self) -> String {
        file_name(self.watched.path())
    }
}

/// What the status line says while the sidecar cannot be merged.
fn kept_here(why: &str) -> String {
    format!("{why}; your changes are kept here")
}

/// "3 annotations added, 1 changed from outside; 1 conflict: both kept,
/// theirs pending (p); your #24 is now #25."; nothing when nothing came.
fn came_in(came: &Incoming) -> Vec<String> {
    let mut parts = Vec::new();
    let counts = [
        (came.added, "added"),
        (came.changed, "changed"),
        (came.deleted, "deleted"),
    ];
    for (n, what) in counts.into_iter().filter(|(n, _)| *n > 0) {
        if parts.is_empty() {
            parts.push(format!("{n} annotation{} {what}", plural(n)));
        } else {
            parts.push(format!("{n} {what}"));
        }
    }
    let mut said = match parts.is_empty() {
        true => String::new(),
        false => format!("{} from outside", parts.join(", ")),
    };
    if came.conflicts > 0 {
        let n = came.conflicts;
        let lead = if said.is_empty() {
            "From outside: "
        } else {
            "; "
        };
        said.push_str(&format!(
            "{lead}{n} conflict{}: both kept, theirs pending (p)",
            plural(n)
        ));
    }
    if came.renumbered > 0 {
        said.push_str(&format!("; {} renumbered", came.renumbered));
    }
    match came.made_way.as_slice() {
        [] => {}
        [(old, new)] => said.push_str(&format!("; your #{old} is now #{new}")),
        made_way => said.push_str(&format!("; {} of yours renumbered", made_way.len())),
    }
    if said.is_empty() {
        Vec::new()
    } else {
        vec![format!("{said}.")]
    }
}

/// What the editor is told of another sayso that has the article open.
fn also_open(holder: &Holder) -> String {
    if holder.is_here() {
        format!(
            "Also open in another sayso (pid {}, {}): both can tag, saves are merged.",
            holder.pid, holder.user
        )
    } else {
        format!(
            "Also open in sayso on {} (pid {}, {}): both can tag, saves are merged.",
            holder.host, holder.pid, holder.user
        )
    }
}

/// Adds `said` to the status line's message.
fn tell(app: &mut App, said: String) {
    app.message = Some(match app.message.take() {
        Some(first) => format!("{first} {said}"),
        None => said,
    });
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
