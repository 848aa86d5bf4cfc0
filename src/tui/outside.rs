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
//! id both used is renumbered on their side, and the status line says what
//! came in. The saver writes only over the version last read or written, so
//! an outside change is merged before anything is written over it; a merge
//! that leaves ours as the file has it writes nothing, so two annotators
//! never answer each other's saves for ever.
//!
//! - A sidecar **deleted** outside: the editor's annotations are kept and
//!   written back at the next change, `Ctrl-s` or quit.
//! - One that **does not parse**: never written over; the status line says
//!   so until it parses again (it is read again whenever it changes), and
//!   quitting writes what the editor has to the recovery file.
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
use sayso_core::corpus;
use sayso_core::store::lock::{self, Holder, Lock, Taken};
use sayso_core::store::merge::{Incoming, incoming};
use sayso_core::store::watch::{self, Disk, Fingerprint, Look};
use sayso_core::store::{self, Saver, Sidecar, Snapshot, StoreError};

/// How often an idle annotator looks at its sidecar.
pub const EVERY: Duration = Duration::from_secs(1);

/// How many times a save is tried again when the file keeps changing
/// under it.
const TRIES: usize = 5;

/// What the annotator knows of its sidecar on disk.
pub struct Outside {
    disk: Arc<Disk>,
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
}

/// What a look found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Nothing new.
    Nothing,
    /// Something was merged or said; `write` when the editor's annotations
    /// hold what the file lacks.
    Told { write: bool },
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
            disk: Arc::new(Disk::new(sidecar, read, app.snapshot())),
            article,
            lock,
            looked: Instant::now(),
            broken: None,
            trouble: None,
            deleted: false,
        }
    }

    /// The sidecar as the saver shares it.
    pub fn disk(&self) -> &Arc<Disk> {
        &self.disk
    }

    /// At an idle moment of the loop: looks at the sidecar when a second
    /// has passed since the last look, or at once when the saver found it
    /// changed, and merges what changed. Hands the saver what the merge
    /// leaves unsaved, and notes in `submitted` (the revision the saver
    /// was last given) that the rest needs no writing. Gives whether the
    /// screen changed.
    pub fn idle(&mut self, app: &mut App, saver: Option<&Saver>, submitted: &mut u64) -> bool {
        let now = Instant::now();
        if !self.disk.take_refusal() && now.duration_since(self.looked) < EVERY {
            return false;
        }
        self.looked = now;
        self.take_lock_left(app);
        let seen = self.look(app);
        if let Some(saver) = saver {
            self.hand_over(app, seen, saver, submitted);
        }
        seen != Seen::Nothing
    }

    /// `Ctrl-s`: merges what changed on disk, then writes and waits for the
    /// write; gives what the title bar says of it.
    pub fn save_now(&mut self, app: &mut App, saver: &Saver, submitted: &mut u64) -> SaveState {
        match (self.save_merged(app, saver, submitted), &self.trouble) {
            (Ok(()), _) => SaveState::Saved,
            (Err(_), Some(why)) => SaveState::Failed(kept_here(why)),
            (Err(e), None) => SaveState::Failed(e.to_string()),
        }
    }

    /// Quitting: merges and writes what the editor has. When the sidecar
    /// cannot take it (it does not parse, or keeps changing), writes it to
    /// the recovery file beside it instead, and says so.
    pub fn finish(&mut self, app: &mut App, saver: &Saver) -> anyhow::Result<()> {
        let mut submitted = app.revision;
        match self.save_merged(app, saver, &mut submitted) {
            Err(StoreError::Changed { .. }) => Err(self.recover(app)),
            other => other.map_err(anyhow::Error::from),
        }
    }

    /// Looks at the sidecar now and merges what changed into `app`.
    pub fn look(&mut self, app: &mut App) -> Seen {
        let now = match self.disk.look() {
            Ok(Look::Same) if self.trouble.is_some() && self.broken.is_none() => {
                // The sidecar could not be looked at, and now can again.
                self.clear_trouble(app);
                return Seen::Told { write: false };
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
        let version = watch::read(&app.article, self.disk.path());
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
        };
        let came = incoming(&self.disk.base(), &app.snapshot(), &theirs);
        self.disk.adopt(fingerprint, theirs);
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
                Seen::Told { write }
            } else {
                Seen::Nothing
            };
        } else {
            app.message = Some(said);
        }
        Seen::Told { write }
    }

    /// The sidecar was deleted outside: ours is kept, to be written back.
    fn deleted(&mut self, app: &mut App) -> Seen {
        self.disk.adopt(None, self.disk.base());
        self.clear_trouble(app);
        self.deleted = true;
        let n = app.annotations.len() + app.detached.len();
        app.message = Some(format!(
            "The sidecar was deleted: {n} annotation{} kept, written back at the next save.",
            plural(n)
        ));
        Seen::Told { write: false }
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
        Seen::Told { write: false }
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

    /// What the loop does after a look: hand the saver what the merge left
    /// unsaved; what it left as the file has it needs no writing.
    fn hand_over(&mut self, app: &mut App, seen: Seen, saver: &Saver, submitted: &mut u64) {
        if let Some(why) = &self.trouble {
            // A refused save said "saving…" meanwhile.
            app.save = SaveState::Failed(kept_here(why));
        }
        match seen {
            Seen::Nothing => {}
            Seen::Told { write: true } => {
                saver.submit(app.snapshot());
                app.save = SaveState::Pending;
            }
            Seen::Told { write: false } if self.trouble.is_none() && !self.deleted => {
                if app.revision != *submitted {
                    app.save = SaveState::Saved;
                }
            }
            Seen::Told { write: false } => {}
        }
        *submitted = app.revision;
    }

    /// Merges what changed, writes what is left, and waits for the write;
    /// tries again while the file changes under it.
    fn save_merged(
        &mut self,
        app: &mut App,
        saver: &Saver,
        submitted: &mut u64,
    ) -> Result<(), StoreError> {
        let mut result = Ok(());
        for _ in 0..TRIES {
            let seen = self.look(app);
            if self.trouble.is_some() {
                return Err(StoreError::Changed {
                    path: self.disk.path().to_path_buf(),
                });
            }
            if seen == (Seen::Told { write: true }) || self.deleted || app.revision != *submitted {
                saver.submit(app.snapshot());
                *submitted = app.revision;
            }
            result = saver.flush();
            match &result {
                Err(StoreError::Changed { .. }) => continue,
                _ => {
                    self.deleted &= result.is_err();
                    return result;
                }
            }
        }
        result
    }

    /// Writes what the editor has to the recovery file beside the
    /// sidecar, which could not take it; the error says where it is.
    fn recover(&self, app: &App) -> anyhow::Error {
        let sidecar = self.disk.path();
        let why = self
            .trouble
            .clone()
            .unwrap_or_else(|| format!("{} kept changing", self.file_name()));
        match write_recovery(app, sidecar) {
            Ok(path) => anyhow::anyhow!(
                "{why}. It was not written over: your annotations are in {} (compare the two, and copy it over or merge it in with `sayso merge /dev/null {} {}`)",
                path.display(),
                sidecar.display(),
                path.display()
            ),
            Err(e) => anyhow::anyhow!(
                "{why}, and the recovery file could not be written ({e}): your latest annotations are lost"
            ),
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
        let sidecar = self.disk.path();
        if self.lock.is_none() && !app.read_only && !store::lock_path(sidecar).exists() {
            if let Ok(Taken::Ours(lock)) = lock::take(sidecar) {
                self.lock = Some(lock);
            }
        }
    }

    fn file_name(&self) -> String {
        file_name(self.disk.path())
    }
}

/// What the status line says while the sidecar cannot be merged.
fn kept_here(why: &str) -> String {
    format!("{why}; your changes are kept here")
}

/// Writes what `app` has to the recovery file of `sidecar`; gives its path.
pub(super) fn write_recovery(app: &App, sidecar: &Path) -> Result<PathBuf, StoreError> {
    let path = store::recovery_path(sidecar);
    let snapshot = app.snapshot();
    let text = store::render(
        &app.article,
        &app.file_name,
        &snapshot.annotations,
        &snapshot.detached,
    );
    store::save(&path, &text).map(|()| path)
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
