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
//! ours: the editor's annotations; theirs: the file's) on a thread of its
//! own, so that keys never wait for it (see the `merging` module), and at
//! the next idle moment the edits are made as one [`Step::Outside`]: what was
//! added outside appears as the file has it, what was changed takes the
//! outside version unless the editor changed it too (then both are kept,
//! theirs pending, for `p`), an id both sides gave to new annotations stays
//! the file's and the editor's takes another, and the status line says
//! what came in. The saver writes only over the version last read or
//! written, so an outside change is merged before anything is written over
//! it, and a save the editor waits for (`Ctrl-s`, quitting) waits for the
//! merge under way and makes it first; a merge that leaves ours as the file
//! has it writes nothing, so two annotators never answer each other's saves
//! for ever.
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
use super::merging::{
    Against, Files, Found, Merged, Merging, Version, merge_again, read_and_merge,
};
use super::saving::Saving;
use sayso_core::store::lock::{self, Holder, Lock, Taken};
use sayso_core::store::merge::Incoming;
use sayso_core::store::watch::{Fingerprint, Look, Watched};
use sayso_core::store::{self, StoreError};

/// How often an idle annotator looks at its sidecar.
pub const EVERY: Duration = Duration::from_secs(1);

/// How many times a save the editor waits for is tried again when the
/// file keeps changing under it.
const TRIES: usize = 5;

/// What the annotator knows of its sidecar on disk.
pub struct Outside {
    /// The sidecar, as the saver shares it, and the article.
    files: Files,
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
    /// A changed version read and merged on a thread of its own.
    merging: Option<Merging>,
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

impl Seen {
    /// What two looks in a row found.
    fn and(self, then: Seen) -> Seen {
        match (self, then) {
            (Seen::Merged { write: a }, Seen::Merged { write: b }) => {
                Seen::Merged { write: a || b }
            }
            (merged @ Seen::Merged { .. }, _) | (_, merged @ Seen::Merged { .. }) => merged,
            (Seen::Told, _) | (_, Seen::Told) => Seen::Told,
            (Seen::Nothing, Seen::Nothing) => Seen::Nothing,
        }
    }
}

/// What one look at the file found.
enum Noticed {
    /// It changed: this version is to be read.
    Changed(Fingerprint),
    /// Nothing to read; what was said.
    Said(Seen),
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
            files: Files {
                article: Arc::clone(&app.article),
                article_path: article,
                watched: Arc::new(Watched::new(sidecar, read, app.snapshot())),
            },
            lock,
            looked: Instant::now(),
            broken: None,
            trouble: None,
            deleted: false,
            placed: false,
            merging: None,
        }
    }

    /// The annotations were opened from a sidecar written for another text
    /// of the article: the first save writes them, `Ctrl-s` included.
    pub fn placed_on_new_text(&mut self) {
        self.placed = true;
    }

    /// The sidecar as the saver shares it.
    pub fn watched(&self) -> &Arc<Watched> {
        &self.files.watched
    }

    /// At an idle moment of the loop: takes in what a merge on its thread
    /// found, or else looks at the sidecar when a second has passed since
    /// the last look, or at once when the saver found it changed, and
    /// starts reading and merging a changed version on a thread. Hands
    /// `saving` what a merge leaves unsaved. Gives whether the screen
    /// changed.
    pub fn idle(&mut self, app: &mut App, saving: Option<&mut Saving>) -> bool {
        let shown = app.save.clone();
        let seen = if self.merging.is_some() {
            self.take_merged(app, false)
        } else {
            let now = Instant::now();
            if !self.files.watched.take_refusal() && now.duration_since(self.looked) < EVERY {
                return false;
            }
            self.looked = now;
            self.take_lock_left(app);
            self.notice(app)
        };
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

    /// Looks at the sidecar now (one `stat`) and, when it changed, starts
    /// reading and merging it on a thread of its own; [`Outside::idle`]
    /// takes in what it finds. Nothing is looked at while a merge is under
    /// way.
    pub fn notice(&mut self, app: &mut App) -> Seen {
        if self.merging.is_some() {
            return Seen::Nothing;
        }
        match self.changed(app) {
            Noticed::Changed(now) => self.start(app, Some(now), read_and_merge),
            Noticed::Said(seen) => seen,
        }
    }

    /// Waits until the merge under way on its thread, if any, is done;
    /// the next [`Outside::idle`] takes it in.
    pub fn wait_for_merge(&mut self) {
        if let Some(merging) = &mut self.merging {
            merging.wait();
        }
    }

    /// Looks at the sidecar now and merges what changed into `app`, on
    /// this thread: what a save the editor waits for needs first. A merge
    /// under way on its thread is waited for and taken in first.
    pub fn look(&mut self, app: &mut App) -> Seen {
        self.wait_for_merge();
        let merged = self.take_merged(app, true);
        let seen = match self.changed(app) {
            Noticed::Changed(_) => {
                let found = read_and_merge(&self.files, self.against(app));
                self.arrive(app, found, true)
            }
            Noticed::Said(seen) => seen,
        };
        merged.and(seen)
    }

    /// One `stat` of the sidecar: whether there is a new version to read.
    fn changed(&mut self, app: &mut App) -> Noticed {
        let now = match self.files.watched.look() {
            Ok(Look::Same) if self.trouble.is_some() && self.broken.is_none() => {
                // The sidecar could not be looked at, and now can again.
                self.clear_trouble(app);
                return Noticed::Said(Seen::Told);
            }
            Ok(Look::Same) => return Noticed::Said(Seen::Nothing),
            Ok(Look::Changed(now)) => now,
            Err(e) => return Noticed::Said(self.trouble(app, e.to_string())),
        };
        match now {
            Some(now) if Some(now) == self.broken => Noticed::Said(Seen::Nothing),
            Some(now) => Noticed::Changed(now),
            None => Noticed::Said(self.deleted(app)),
        }
    }

    /// What a merge started now is made against.
    fn against(&self, app: &App) -> Against {
        Against {
            ours: app.snapshot(),
            revision: app.revision,
            epoch: self.files.watched.epoch(),
        }
    }

    /// Starts `work` on a thread, against the annotations as they are now,
    /// on the version `noticed` of the file.
    fn start(
        &mut self,
        app: &mut App,
        noticed: Option<Fingerprint>,
        work: impl FnOnce(&Files, Against) -> Merged + Send + 'static,
    ) -> Seen {
        let (files, against) = (self.files.clone(), self.against(app));
        match Merging::start(noticed, move || work(&files, against)) {
            Ok(merging) => {
                self.merging = Some(merging);
                Seen::Nothing
            }
            Err(e) => {
                let why = format!("cannot start reading {} ({e})", self.file_name());
                self.trouble(app, why)
            }
        }
    }

    /// Takes in what the merge under way found, once it is done; with
    /// `wait`, a merge to make again is made on this thread.
    fn take_merged(&mut self, app: &mut App, wait: bool) -> Seen {
        let Some(merging) = &mut self.merging else {
            return Seen::Nothing;
        };
        let noticed = merging.noticed;
        match merging.take() {
            Ok(None) => Seen::Nothing,
            Ok(Some(merged)) => {
                self.merging = None;
                self.arrive(app, merged, wait)
            }
            Err(stopped) => {
                self.merging = None;
                // Not read again until it changes.
                self.broken = noticed;
                self.trouble(app, stopped.to_string())
            }
        }
    }

    /// Takes in what a merge found. One made against annotations the
    /// editor changed since is made again against them: on a thread, or
    /// with `wait` on this one.
    fn arrive(&mut self, app: &mut App, merged: Merged, wait: bool) -> Seen {
        let stale = merged.revision != app.revision || merged.epoch != self.files.watched.epoch();
        match merged.found {
            Found::Version(version) if stale && wait => {
                let again = merge_again(&self.files, version, self.against(app));
                self.arrive(app, again, wait)
            }
            Found::Version(version) if stale => {
                let noticed = version.fingerprint;
                self.start(app, noticed, move |files, against| {
                    merge_again(files, version, against)
                })
            }
            Found::Version(version) => self.merge(app, *version),
            Found::Deleted => self.deleted(app),
            Found::Failed { fingerprint, error } => {
                if !matches!(error, StoreError::Io { .. }) {
                    // It does not parse: not read again until it changes.
                    self.broken = fingerprint;
                }
                self.trouble(app, error.to_string())
            }
        }
    }

    /// Makes the edits of a merge: the version it read becomes the one
    /// later writes go over.
    fn merge(&mut self, app: &mut App, version: Version) -> Seen {
        let Version {
            fingerprint,
            theirs,
            came,
            other_text,
        } = version;
        store::free_apart(self.files.watched.adopt(fingerprint, theirs));
        let fixed = self.trouble.is_some();
        self.clear_trouble(app);
        self.deleted = false;
        let mut said = came_in(&came);
        if let Some(changed_on_disk) = other_text {
            said.insert(0, self.other_text(app, changed_on_disk));
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
        store::free_apart(self.files.watched.adopt(None, self.files.watched.base()));
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

    /// The sidecar was written for another text of the article: says so,
    /// and whether the article itself changed on disk.
    fn other_text(&self, app: &App, changed_on_disk: bool) -> String {
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
        let sidecar = self.files.watched.path();
        if self.lock.is_none() && !app.read_only && !store::lock_path(sidecar).exists() {
            if let Ok(Taken::Ours(lock)) = lock::take(sidecar) {
                self.lock = Some(lock);
            }
        }
    }

    fn file_name(&self) -> String {
        file_name(self.files.watched.path())
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
