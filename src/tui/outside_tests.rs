//! Outside changes to the sidecar while the annotator runs, without a
//! terminal: the file is changed between steps, and each test checks what
//! the annotator decides and what ends on disk.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tempfile::TempDir;

use super::app::{App, Options, SaveState};
use super::normal::NormalAction as N;
use super::outside::{Outside, Seen};
use super::saving::Saving;
use super::update;
use sayso_core::annotation::testing::{annotation, span_of};
use sayso_core::annotation::{Annotation, Label, Origin, Status};
use sayso_core::article::Article;
use sayso_core::store::{self, FileSystem, RecoveryPlaces, Saver, Sidecar, lock, watch};

const TEXT: &str = "Zoë said: \"東京 is near 👩\u{200d}👩\u{200d}👧\".\r\n\r\nKim denied it: \"שלום\tno, e\u{301}nough.\"\r\n\r\nA third paragraph 🇫🇷 ends here.\r\n";

/// An article and its sidecar in a temporary directory, open in an
/// annotator that watches the sidecar.
struct Open {
    _dir: TempDir,
    article: Arc<Article>,
    article_path: PathBuf,
    sidecar: PathBuf,
    app: App,
    outside: Outside,
}

impl Open {
    /// Opens `TEXT` with `on_disk` in its sidecar (none when empty).
    fn new(on_disk: &[Annotation], read_only: bool) -> Open {
        Open::with_sidecar_of(TEXT, on_disk, read_only)
    }

    /// Opens `TEXT` with `on_disk` in its sidecar, written for the text
    /// `written_for`, as `sayso FILE` opens it.
    fn with_sidecar_of(written_for: &str, on_disk: &[Annotation], read_only: bool) -> Open {
        let dir = tempfile::tempdir().expect("temporary directory");
        let article_path = dir.path().join("test.txt");
        fs::write(&article_path, TEXT).expect("write the article");
        let sidecar = store::sidecar_path(&article_path);
        let article = Arc::new(Article::from_text(TEXT.into()));
        if !on_disk.is_empty() {
            write(&Article::from_text(written_for.into()), &sidecar, on_disk);
        }
        let read = watch::read(&article, &sidecar);
        let options = Options {
            file_name: "test.txt".into(),
            author: "ed".into(),
            read_only,
            color: false,
            labels: Label::defaults(),
        };
        let loaded: Option<Sidecar> = read.sidecar.expect("the sidecar reads");
        let placed = loaded.as_ref().is_some_and(|s| s.article_changed);
        let mut app = App::new(Arc::clone(&article), loaded, options);
        let mut outside = Outside::new(
            &mut app,
            article_path.clone(),
            sidecar.clone(),
            read.fingerprint,
        );
        if placed {
            outside.placed_on_new_text();
        }
        Open {
            _dir: dir,
            article,
            article_path,
            sidecar,
            app,
            outside,
        }
    }

    /// The saving of the annotator, with recovery places in the temporary
    /// directory.
    fn saving(&self) -> Saving {
        let places = RecoveryPlaces {
            state_dir: Some(self._dir.path().join("state")),
            temp_dir: self._dir.path().to_path_buf(),
        };
        let saver = Saver::spawn_with(
            Arc::clone(&self.article),
            Arc::clone(self.outside.watched()),
            "test.txt".into(),
            Arc::new(FileSystem),
            places,
        );
        Saving::new(Arc::new(saver), &self.app)
    }

    /// `Ctrl-s`, as the loop makes it; what the title bar then says.
    fn ctrl_s(&mut self, saving: &mut Saving) -> SaveState {
        self.app.save_requested = true;
        self.outside.before_save(&mut self.app, saving);
        saving.sync(&mut self.app);
        self.app.save.clone()
    }

    /// Another program writes `annotations` to the sidecar.
    fn outside_writes(&self, annotations: &[Annotation]) {
        write(&self.article, &self.sidecar, annotations);
    }

    fn on_disk(&self) -> Vec<Annotation> {
        store::load(&self.article, &self.sidecar)
            .expect("the sidecar parses")
            .expect("there is a sidecar")
            .annotations
    }

    fn look(&mut self) -> Seen {
        self.outside.look(&mut self.app)
    }

    fn message(&self) -> &str {
        self.app.message.as_deref().unwrap_or_default()
    }

    /// Tags the sentence at the start of paragraph `paragraph` as a claim.
    fn tag_claim(&mut self, paragraph: usize) {
        self.app.cursor = self.article.paragraphs()[paragraph].start;
        update(&mut self.app, N::Tag(1));
        assert!(
            self.message().starts_with("Tagged claim"),
            "{}",
            self.message()
        );
    }
}

fn write(article: &Article, sidecar: &Path, annotations: &[Annotation]) {
    let live: Vec<_> = annotations.iter().cloned().map(Arc::new).collect();
    store::save(
        sidecar,
        &store::render(article, "test.txt", &live, &[], None),
    )
    .expect("save");
}

fn quote(id: u64, needle: &str) -> Annotation {
    annotation(id, "quote", vec![span_of(TEXT, needle)])
}

fn imported(id: u64, needle: &str) -> Annotation {
    Annotation {
        status: Status::Pending,
        origin: Origin::Imported,
        author: "import".into(),
        ..quote(id, needle)
    }
}

fn ids(annotations: &[Annotation]) -> Vec<u64> {
    let mut ids: Vec<u64> = annotations.iter().map(|a| a.id).collect();
    ids.sort_unstable();
    ids
}

fn ids_of(app: &App) -> Vec<u64> {
    ids(&app.annotations.iter().cloned().collect::<Vec<_>>())
}

#[test]
fn annotations_added_outside_appear_pending_as_in_the_file_and_undo_leaves_them() {
    let first = quote(1, "東京 is near");
    let mut o = Open::new(std::slice::from_ref(&first), false);
    assert_eq!(o.look(), Seen::Nothing, "nothing changed yet");
    o.outside_writes(&[first.clone(), imported(2, "שלום"), imported(3, "🇫🇷")]);

    assert_eq!(o.look(), Seen::Merged { write: false });
    assert_eq!(o.message(), "2 annotations added from outside.");
    assert_eq!(ids_of(&o.app), vec![1, 2, 3]);
    let two = o.app.annotations.get(2).expect("#2 came in");
    assert_eq!(
        (two.status, two.origin),
        (Status::Pending, Origin::Imported)
    );
    assert_eq!(o.look(), Seen::Nothing, "merged once");

    update(&mut o.app, super::action::Action::Undo);
    assert_eq!(o.message(), "Nothing to undo.");
    assert_eq!(ids_of(&o.app), vec![1, 2, 3]);
}

#[test]
fn the_next_tag_is_saved_with_what_came_in() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    o.outside_writes(&[quote(1, "東京 is near"), imported(2, "שלום")]);
    o.look();
    o.tag_claim(2);
    saving.sync(&mut o.app);
    saving
        .flush(&o.app)
        .expect("written over the version merged in");
    assert_eq!(ids(&o.on_disk()), vec![1, 2, 3]);
    assert_eq!(o.look(), Seen::Nothing, "our own write is not from outside");
}

#[test]
fn a_tag_saved_after_an_outside_write_is_merged_into_it_not_over_it() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    o.tag_claim(2);
    // The import lands before the saver writes the tag.
    o.outside_writes(&[quote(1, "東京 is near"), imported(2, "שלום")]);
    saving.sync(&mut o.app);
    assert!(matches!(
        saving.flush(&o.app),
        Err(store::StoreError::Changed { .. })
    ));
    saving.sync(&mut o.app);
    assert_eq!(o.app.save, SaveState::Pending, "a refusal is no failure");
    assert_eq!(
        ids(&o.on_disk()),
        vec![1, 2],
        "the import is not written over"
    );

    assert_eq!(o.ctrl_s(&mut saving), SaveState::Saved);
    let on_disk = o.on_disk();
    assert_eq!(ids(&on_disk), vec![1, 2, 3], "{on_disk:?}");
    let claim = on_disk
        .iter()
        .find(|a| a.label == "claim")
        .expect("our tag");
    let import = on_disk
        .iter()
        .find(|a| a.status == Status::Pending)
        .expect("the import");
    assert_eq!(&TEXT[import.spans[0].clone()], "שלום");
    assert!(TEXT[claim.spans[0].clone()].starts_with("A third paragraph"));
    assert_eq!(
        o.message(),
        "1 annotation added from outside; your #2 is now #3."
    );
    assert_eq!(o.app.current, Some(3), "our tag stays current");
}

#[test]
fn what_both_changed_is_kept_twice_and_p_visits_theirs() {
    let first = quote(1, "東京 is near");
    let mut o = Open::new(std::slice::from_ref(&first), false);
    o.app.current = Some(1);
    update(&mut o.app, N::Reject);
    o.outside_writes(&[Annotation {
        speaker: Some("Kim 習近平".into()),
        status: Status::Pending,
        ..first.clone()
    }]);
    assert_eq!(o.look(), Seen::Merged { write: true });
    assert!(
        o.message()
            .starts_with("From outside: 1 conflict: both kept, theirs pending (p)"),
        "{}",
        o.message()
    );
    let ours = o.app.annotations.get(1).expect("ours is kept");
    assert_eq!(
        (ours.status, ours.speaker.clone()),
        (Status::Rejected, None)
    );
    update(&mut o.app, N::GoPending(super::action::Direction::Forward));
    let theirs = o.app.current_annotation().expect("p goes to theirs");
    assert_eq!(theirs.speaker.as_deref(), Some("Kim 習近平"));
    assert_eq!(theirs.spans, first.spans);
    assert!(theirs.note.as_deref().is_some_and(|n| n.contains("#1")));
}

#[test]
fn a_change_outside_to_what_the_editor_left_alone_is_taken() {
    let first = quote(1, "東京 is near");
    let mut o = Open::new(&[first.clone(), quote(2, "שלום")], false);
    o.outside_writes(&[Annotation {
        speaker: Some("Zoë".into()),
        ..first
    }]);
    assert_eq!(o.look(), Seen::Merged { write: false });
    assert_eq!(o.message(), "1 annotation changed, 1 deleted from outside.");
    assert_eq!(ids_of(&o.app), vec![1]);
    assert_eq!(
        o.app.annotations.get(1).and_then(|a| a.speaker.clone()),
        Some("Zoë".into())
    );
}

#[test]
fn a_deleted_sidecar_keeps_the_annotations_and_the_next_save_writes_it_back() {
    let mut o = Open::new(&[quote(1, "東京 is near"), quote(2, "שלום")], false);
    let mut saving = o.saving();
    fs::remove_file(&o.sidecar).expect("deleted outside");
    assert_eq!(o.look(), Seen::Told);
    assert_eq!(
        o.message(),
        "The sidecar was deleted: 2 annotations kept, written back at the next save."
    );
    assert_eq!(ids_of(&o.app), vec![1, 2]);
    assert!(!o.sidecar.exists(), "not written back at once");
    assert_eq!(o.look(), Seen::Nothing, "said once");

    assert_eq!(o.ctrl_s(&mut saving), SaveState::Saved);
    assert_eq!(ids(&o.on_disk()), vec![1, 2]);
}

#[test]
fn an_unparsable_sidecar_is_never_written_over_and_merged_once_fixed() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    let broken = "(\n    format: 1,\n    source: (\n        file: \"test.txt\",\n";
    fs::write(&o.sidecar, broken).expect("broken outside");
    assert_eq!(o.look(), Seen::Told);
    let SaveState::Failed(why) = &o.app.save else {
        panic!("the status line must say so: {:?}", o.app.save);
    };
    assert!(
        why.contains("test.ann.ron:4:26: Unexpected end of RON"),
        "{why}"
    );
    assert!(why.ends_with("your changes are kept here"), "{why}");
    assert_eq!(o.look(), Seen::Nothing, "not read again while unchanged");

    o.tag_claim(2);
    saving.sync(&mut o.app);
    assert!(saving.flush(&o.app).is_err());
    assert!(matches!(o.ctrl_s(&mut saving), SaveState::Failed(why) if why.contains(":4:26:")));
    assert_eq!(fs::read_to_string(&o.sidecar).expect("read"), broken);

    // Fixed by hand, with an annotation of its own.
    o.outside_writes(&[quote(1, "東京 is near"), imported(5, "שלום")]);
    assert_eq!(o.look(), Seen::Merged { write: true });
    assert!(
        o.message()
            .starts_with("test.ann.ron reads again. 1 annotation added from outside"),
        "{}",
        o.message()
    );
    assert_eq!(o.ctrl_s(&mut saving), SaveState::Saved);
    assert_eq!(ids(&o.on_disk()), vec![1, 2, 5]);
}

#[test]
fn quitting_with_an_unparsable_sidecar_writes_the_recovery_file() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    o.tag_claim(2);
    fs::write(&o.sidecar, "not a sidecar at all").expect("broken outside");
    // Ctrl-q, as the loop makes it.
    update(&mut o.app, super::action::Action::Quit);
    o.outside.before_save(&mut o.app, &mut saving);
    saving.sync(&mut o.app);
    saving.quit(&mut o.app);
    assert!(o.app.quit, "{:?}", o.app.quit_refused);
    let error = o
        .outside
        .explain(saving.finish(&o.app))
        .expect_err("the sidecar cannot take it");
    let recovery = store::recovery_path(&o.sidecar);
    let said = format!("{error:#}");
    assert!(said.contains(&recovery.display().to_string()), "{said}");
    assert!(said.contains("test.ann.ron:1:"), "{said}");
    assert_eq!(
        fs::read_to_string(&o.sidecar).expect("read"),
        "not a sidecar at all"
    );
    let recovered = store::load(&o.article, &recovery)
        .expect("the recovery file parses")
        .expect("there is one");
    assert_eq!(ids(&recovered.annotations), vec![1, 2]);
}

#[test]
fn a_sidecar_placed_on_a_changed_article_is_merged_on_the_text_as_opened() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    // Another sayso opened the corrected article and saved its sidecar.
    let corrected = TEXT.replace("Kim denied", "Kim Jones denied");
    let new_article = Article::from_text(corrected.clone());
    fs::write(&o.article_path, &corrected).expect("the article changed");
    let theirs = annotation(
        7,
        "denial",
        vec![span_of(&corrected, "שלום\tno, e\u{301}nough.")],
    );
    write(
        &new_article,
        &o.sidecar,
        &[quote(1, "東京 is near"), theirs],
    );

    assert_eq!(o.look(), Seen::Merged { write: false });
    assert!(
        o.message()
            .starts_with("test.txt changed on disk: reopen it to tag the new text"),
        "{}",
        o.message()
    );
    assert!(o.message().contains("1 annotation added from outside"));
    let placed = o
        .app
        .annotations
        .get(7)
        .expect("placed on the text as opened");
    assert_eq!(&TEXT[placed.spans[0].clone()], "שלום\tno, e\u{301}nough.");
}

#[test]
fn a_sidecar_of_another_text_beside_an_unchanged_article_says_so() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let other = Article::from_text(TEXT.replace("third", "3rd"));
    write(&other, &o.sidecar, &[quote(1, "東京 is near")]);
    o.look();
    assert!(
        o.message()
            .starts_with("test.ann.ron was written for another text"),
        "{}",
        o.message()
    );
    assert_eq!(ids_of(&o.app), vec![1]);
}

#[test]
fn a_read_only_annotator_follows_the_file_too() {
    let mut o = Open::new(&[quote(1, "東京 is near")], true);
    o.outside_writes(&[quote(1, "東京 is near"), imported(2, "🇫🇷")]);
    assert_eq!(o.look(), Seen::Merged { write: false });
    assert_eq!(ids_of(&o.app), vec![1, 2]);
    assert_eq!(o.app.save, SaveState::ReadOnly);
}

#[test]
fn the_second_annotator_is_told_who_has_the_article_open() {
    let o = Open::new(&[quote(1, "東京 is near")], false);
    let lock_file = store::lock_path(&o.sidecar);
    assert!(lock_file.exists(), "the first one holds the lock");
    let holder = lock::holder(&o.sidecar).expect("a holder");

    let options = Options {
        file_name: "test.txt".into(),
        author: "kim".into(),
        read_only: false,
        color: false,
        labels: Label::defaults(),
    };
    for read_only in [false, true] {
        let mut second = App::new(
            Arc::clone(&o.article),
            None,
            Options {
                read_only,
                ..options.clone()
            },
        );
        let watching = Outside::new(&mut second, o.article_path.clone(), o.sidecar.clone(), None);
        let said = second.message.clone().unwrap_or_default();
        assert!(
            said.contains(&format!(
                "Also open in another sayso (pid {}, {})",
                holder.pid, holder.user
            )),
            "{said}"
        );
        drop(watching);
        assert!(lock_file.exists(), "the second one took no lock");
    }
    drop(o.outside);
    assert!(!lock_file.exists(), "released when the first one ends");
}

#[test]
fn ctrl_s_right_after_an_edit_writes_it_with_what_came_in() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    // The edit of the key turn that also asks for the save (the form's
    // Ctrl-s), not yet handed to the saver.
    o.tag_claim(2);
    assert_eq!(o.ctrl_s(&mut saving), SaveState::Saved);
    assert_eq!(ids(&o.on_disk()), vec![1, 2]);

    o.tag_claim(0);
    o.outside_writes(&[
        quote(1, "東京 is near"),
        quote(2, "A third paragraph"),
        imported(3, "שלום"),
    ]);
    assert_eq!(o.ctrl_s(&mut saving), SaveState::Saved);
    let on_disk = o.on_disk();
    assert_eq!(ids(&on_disk), vec![1, 2, 3, 4], "{on_disk:?}");
}

#[test]
fn a_save_an_unparsable_sidecar_refused_is_shown_at_the_next_idle_moment() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    fs::write(&o.sidecar, "(format: 1, source: (").expect("broken outside");
    assert_eq!(o.look(), Seen::Told);
    o.tag_claim(2);
    saving.sync(&mut o.app);
    assert_eq!(o.app.save, SaveState::Pending, "saving…");
    assert!(saving.flush(&o.app).is_err(), "refused");
    saving.sync(&mut o.app);
    assert!(
        o.outside.idle(&mut o.app, Some(&mut saving)),
        "drawn again at once"
    );
    assert!(
        matches!(&o.app.save, SaveState::Failed(why) if why.ends_with("your changes are kept here")),
        "{:?}",
        o.app.save
    );
    assert_eq!(
        fs::read_to_string(&o.sidecar).expect("read"),
        "(format: 1, source: ("
    );
}

#[test]
fn ctrl_s_writes_annotations_placed_on_a_changed_article_with_its_new_hash() {
    let before = TEXT.replace("Kim denied", "Kim has denied");
    let denial = annotation(
        1,
        "denial",
        vec![span_of(&before, "שלום\tno, e\u{301}nough.")],
    );
    let mut o = Open::with_sidecar_of(&before, &[denial], false);
    let mut saving = o.saving();
    let hash = |o: &Open| {
        store::read_records(&o.sidecar)
            .expect("the sidecar reads")
            .source
            .blake3
    };
    assert_ne!(hash(&o), o.article.blake3_hex());
    assert_eq!(ids_of(&o.app), vec![1], "placed on the text as it is");

    assert_eq!(o.ctrl_s(&mut saving), SaveState::Saved);
    assert_eq!(hash(&o), o.article.blake3_hex());
    assert_eq!(ids(&o.on_disk()), vec![1]);
}

#[test]
fn an_outside_version_is_read_on_a_thread_and_taken_in_at_an_idle_moment() {
    let first = quote(1, "東京 is near");
    let mut o = Open::new(std::slice::from_ref(&first), false);
    o.outside_writes(&[first.clone(), imported(2, "שלום"), imported(3, "🇫🇷")]);

    assert_eq!(o.outside.notice(&mut o.app), Seen::Nothing, "started");
    o.outside.wait_for_merge();
    assert_eq!(
        ids_of(&o.app),
        vec![1],
        "nothing changes before an idle moment"
    );
    assert_eq!(o.app.revision, 0);

    assert!(o.outside.idle(&mut o.app, None), "drawn again");
    assert_eq!(o.message(), "2 annotations added from outside.");
    assert_eq!(ids_of(&o.app), vec![1, 2, 3]);
    assert_eq!(o.look(), Seen::Nothing, "merged once");
    update(&mut o.app, super::action::Action::Undo);
    assert_eq!(ids_of(&o.app), vec![1, 2, 3], "not a step undo takes back");
}

#[test]
fn a_tag_made_while_an_outside_version_is_read_is_kept_and_merged_with_it() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    o.outside_writes(&[quote(1, "東京 is near"), imported(2, "שלום")]);
    assert_eq!(o.outside.notice(&mut o.app), Seen::Nothing);
    // The editor tags while the thread reads: the tag takes #2 too.
    o.tag_claim(2);
    saving.sync(&mut o.app);
    assert!(
        matches!(saving.flush(&o.app), Err(store::StoreError::Changed { .. })),
        "nothing is written over a version not merged yet"
    );
    assert_eq!(ids(&o.on_disk()), vec![1, 2]);

    // Merged against the annotations without the tag: made again.
    o.outside.wait_for_merge();
    o.outside.idle(&mut o.app, Some(&mut saving));
    assert_eq!(ids_of(&o.app), vec![1, 2], "not taken in as it was");
    o.outside.wait_for_merge();
    assert!(o.outside.idle(&mut o.app, Some(&mut saving)));

    assert_eq!(
        o.message(),
        "1 annotation added from outside; your #2 is now #3."
    );
    assert_eq!(o.app.current, Some(3), "our tag stays current");
    saving
        .flush(&o.app)
        .expect("written over the version merged in");
    let on_disk = o.on_disk();
    assert_eq!(ids(&on_disk), vec![1, 2, 3]);
    let tag = on_disk.iter().find(|a| a.id == 3).expect("our tag");
    assert!(TEXT[tag.spans[0].clone()].starts_with("A third paragraph"));
    assert_eq!(
        on_disk.iter().find(|a| a.id == 2),
        Some(&imported(2, "שלום"))
    );
}

#[test]
fn ctrl_s_while_an_outside_version_is_read_waits_for_it_and_saves_both() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    o.outside_writes(&[quote(1, "東京 is near"), imported(2, "שלום")]);
    o.outside.notice(&mut o.app);
    o.tag_claim(2);

    assert_eq!(o.ctrl_s(&mut saving), SaveState::Saved);
    assert_eq!(ids(&o.on_disk()), vec![1, 2, 3]);
    assert_eq!(ids_of(&o.app), vec![1, 2, 3]);
    assert!(
        !o.outside.idle(&mut o.app, Some(&mut saving)),
        "nothing left to take in"
    );
}

#[test]
fn an_unparsable_version_read_on_a_thread_is_said_once_and_loses_nothing() {
    let mut o = Open::new(&[quote(1, "東京 is near")], false);
    let mut saving = o.saving();
    o.tag_claim(2);
    saving.sync(&mut o.app);
    saving.flush(&o.app).expect("saved");
    let saved = o.on_disk();
    let broken = "(\n    format: 1,\n    annotations: [(id: 1,";
    fs::write(&o.sidecar, broken).expect("broken outside");

    o.outside.notice(&mut o.app);
    o.outside.wait_for_merge();
    assert!(o.outside.idle(&mut o.app, Some(&mut saving)));
    let SaveState::Failed(why) = &o.app.save else {
        panic!("the status line must say so: {:?}", o.app.save);
    };
    assert!(why.contains("test.ann.ron:3:"), "{why}");
    assert!(why.ends_with("your changes are kept here"), "{why}");
    assert_eq!(ids_of(&o.app), vec![1, 2]);
    assert_eq!(
        o.outside.notice(&mut o.app),
        Seen::Nothing,
        "not read again"
    );
    assert_eq!(fs::read_to_string(&o.sidecar).expect("read"), broken);

    // Fixed by hand, with an annotation of its own.
    o.outside_writes(&[saved, vec![imported(5, "🇫🇷")]].concat());
    o.outside.notice(&mut o.app);
    o.outside.wait_for_merge();
    assert!(o.outside.idle(&mut o.app, Some(&mut saving)));
    assert_eq!(
        o.message(),
        "test.ann.ron reads again. 1 annotation added from outside."
    );
    saving.flush(&o.app).expect("saved");
    assert_eq!(ids(&o.on_disk()), vec![1, 2, 5]);
}
