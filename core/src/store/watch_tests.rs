//! Tests of noticing a sidecar changed on disk and of the guarded write.

use std::fs::{self, File};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::format_tests::annotation;
use super::watch::{
    Look, Renamed, Watched, fingerprint, read, replace, replace_in, replace_in_with,
};
use super::{FileSystem, Snapshot, StoreError, save};
use crate::article::Article;

const FIRST: &str = "(\n    note: \"e\u{301} 👩\u{200d}👩\u{200d}👧 🇫🇷 中文 שלום\t\r\n\",\n)\n";

fn temp_files_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".sayso-"))
        .collect()
}

fn snapshot(ids: &[u64]) -> Snapshot {
    Snapshot {
        annotations: ids
            .iter()
            .map(|&id| Arc::new(annotation(id, "quote", std::iter::once(0..2).collect())))
            .collect(),
        detached: Arc::new(Vec::new()),
        finished: None,
    }
}

/// Writes `contents` as the saver does, through the file system.
fn write(
    watched: &Watched,
    contents: &str,
    snapshot: Snapshot,
    epoch: u64,
) -> Result<(), StoreError> {
    let contents = &mut |out: &mut dyn std::io::Write| out.write_all(contents.as_bytes());
    watched.write(&FileSystem, contents, snapshot, epoch)
}

/// A sidecar holding `FIRST` (as annotation #1) in a temporary directory,
/// watched from the version on disk.
fn watched_sidecar() -> (tempfile::TempDir, std::path::PathBuf, Watched) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    fs::write(&path, FIRST).expect("write");
    let seen = fingerprint(&path).expect("stat");
    let watched = Watched::new(path.clone(), seen, snapshot(&[1]));
    (dir, path, watched)
}

fn is_changed<T: std::fmt::Debug>(result: Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::Changed { .. }))
}

#[test]
fn a_fingerprint_tells_every_kind_of_rewrite_from_the_same_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    assert_eq!(fingerprint(&path).expect("no file is no error"), None);
    fs::write(&path, FIRST).expect("write");
    let first = fingerprint(&path).expect("stat");
    assert!(first.is_some());
    assert_eq!(fingerprint(&path).expect("stat"), first, "nothing changed");

    // Replaced by a rename, as sayso and most programs write: a new inode.
    save(&path, FIRST).expect("save");
    let renamed = fingerprint(&path).expect("stat");
    assert_ne!(renamed, first);

    // Written in place with other contents of the same size, at another time.
    fs::write(&path, FIRST.replace('e', "x")).expect("write in place");
    let file = File::options().write(true).open(&path).expect("open");
    file.set_modified(SystemTime::now() + Duration::from_secs(60))
        .expect("set the time");
    assert_ne!(fingerprint(&path).expect("stat"), renamed);

    // Grown in place.
    let before = fingerprint(&path).expect("stat");
    fs::write(&path, format!("{FIRST} ")).expect("write in place");
    assert_ne!(fingerprint(&path).expect("stat"), before);
}

#[test]
fn a_guarded_write_goes_over_the_expected_version_only() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    fs::write(&path, FIRST).expect("write");
    let first = fingerprint(&path).expect("stat");

    let written = replace(&path, "second", first).expect("over the first");
    assert_eq!(fs::read_to_string(&path).expect("read"), "second");
    assert_eq!(fingerprint(&path).expect("stat"), Some(written));

    assert!(is_changed(replace(&path, "third", first)));
    assert_eq!(fs::read_to_string(&path).expect("read"), "second");
    assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
}

#[test]
fn a_guarded_write_where_no_file_was_refuses_one_made_since() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    replace(&path, FIRST, None).expect("nothing there");
    assert_eq!(fs::read_to_string(&path).expect("read"), FIRST);
    assert!(is_changed(replace(&path, "second", None)));
    assert_eq!(fs::read_to_string(&path).expect("read"), FIRST);

    // Deleted since it was seen: not written either.
    let seen = fingerprint(&path).expect("stat");
    fs::remove_file(&path).expect("remove");
    assert!(is_changed(replace(&path, "second", seen)));
    assert!(!path.exists());
    assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_guarded_write_through_a_link_replaces_its_target_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temporary directory");
    let target = dir.path().join("real.ann.ron");
    let link = dir.path().join("a.ann.ron");
    fs::write(&target, FIRST).expect("write");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).expect("chmod");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let seen = fingerprint(&link).expect("stat");
    let written = replace(&link, "second", seen).expect("over the target");
    assert!(fs::symlink_metadata(&link).expect("link").is_symlink());
    assert_eq!(fs::read_to_string(&target).expect("read"), "second");
    assert_eq!(fingerprint(&link).expect("stat"), Some(written));
    let mode = fs::metadata(&target)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn a_watched_sidecar_notices_outside_writes_and_not_its_own() {
    let (dir, path, watched) = watched_sidecar();
    assert_eq!(watched.look().expect("look"), Look::Same);

    write(&watched, "ours", snapshot(&[1, 2]), watched.epoch()).expect("over what was read");
    assert_eq!(watched.look().expect("look"), Look::Same, "our own write");
    assert_eq!(
        watched.base().annotations.len(),
        2,
        "what we wrote is the base"
    );

    save(&path, "theirs").expect("another program writes");
    let now = fingerprint(&path).expect("stat");
    assert_eq!(watched.look().expect("look"), Look::Changed(now));
    assert!(is_changed(write(
        &watched,
        "ours again",
        snapshot(&[1, 2, 3]),
        watched.epoch()
    )));
    assert_eq!(fs::read_to_string(&path).expect("read"), "theirs");
    assert!(watched.take_refusal(), "the refusal is told");
    assert!(!watched.take_refusal(), "once");

    // Merged in: what was made before is not written, what is made now is.
    let before = watched.epoch();
    let replaced = watched.adopt(now, snapshot(&[1, 2, 4]));
    assert_eq!(replaced.annotations.len(), 2, "the base written last");
    assert_eq!(watched.base().annotations.len(), 3);
    assert_eq!(watched.look().expect("look"), Look::Same);
    write(&watched, "stale", snapshot(&[1, 2, 3]), before).expect("a stale snapshot is skipped");
    assert_eq!(fs::read_to_string(&path).expect("read"), "theirs");
    write(&watched, "merged", snapshot(&[1, 2, 3, 4]), watched.epoch())
        .expect("over what was merged");
    assert_eq!(fs::read_to_string(&path).expect("read"), "merged");
    assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
}

#[test]
fn a_deleted_sidecar_is_seen_and_written_back_once_adopted() {
    let (_dir, path, watched) = watched_sidecar();
    fs::remove_file(&path).expect("remove");
    assert_eq!(watched.look().expect("look"), Look::Changed(None));
    assert!(is_changed(write(
        &watched,
        "ours",
        snapshot(&[1]),
        watched.epoch()
    )));
    assert!(!path.exists(), "not written back before it was seen");
    let _kept = watched.adopt(None, watched.base());
    write(&watched, "ours", snapshot(&[1]), watched.epoch()).expect("written back");
    assert_eq!(fs::read_to_string(&path).expect("read"), "ours");
}

#[test]
fn a_version_is_read_with_the_fingerprint_it_had() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    let article = Article::from_text("Zoë said: \"東京 is near 👩\u{200d}👩\u{200d}👧\".".into());
    let none = read(&article, &path);
    assert_eq!(none.fingerprint, None);
    assert!(matches!(none.sidecar, Ok(None)));

    fs::write(&path, "(format: 1, source: (").expect("write");
    let broken = read(&article, &path);
    assert_eq!(broken.fingerprint, fingerprint(&path).expect("stat"));
    assert!(matches!(broken.sidecar, Err(StoreError::Parse { .. })));
}

/// The moment between the look and the swap, made long: another program
/// writes in it, and the swap puts its version back.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
#[test]
fn a_write_between_the_look_and_the_swap_is_put_back() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("a.ann.ron");
    fs::write(&path, FIRST).expect("write");
    let seen = fingerprint(&path).expect("stat").expect("there is a file");
    let staged = super::save::stage_with(&path, |out| out.write_all(b"ours")).expect("staged");
    if !can_swap(staged.temp.path(), &path) {
        // A file system without the swap: the write falls back to a rename,
        // and this moment cannot be closed there.
        return;
    }
    save(&path, "theirs, written in the moment").expect("another program writes");
    let swapped = super::watch::swap(staged.temp, &path, seen);
    assert!(
        matches!(swapped, Err(StoreError::Changed { .. })),
        "{swapped:?}"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "theirs, written in the moment"
    );
    assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
}

/// Whether the file system of `a` and `b` swaps two files in one rename;
/// they are swapped back.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn can_swap(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    let swap = || renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE);
    swap().is_ok() && swap().is_ok()
}

#[test]
fn a_guarded_write_to_a_full_disk_leaves_the_file_and_no_temporary_file() {
    let (dir, path, watched) = watched_sidecar();
    let disk = super::testing::FullDisk::default();
    disk.fill(dir.path());
    let big = FIRST.repeat(100);
    let contents = &mut |out: &mut dyn std::io::Write| out.write_all(big.as_bytes());
    let failed = watched.write(&disk, contents, snapshot(&[1, 2]), watched.epoch());
    assert!(
        matches!(&failed, Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::StorageFull),
        "{failed:?}"
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), FIRST);
    assert_eq!(temp_files_in(dir.path()), Vec::<String>::new());
    assert_eq!(watched.look().expect("look"), Look::Same, "still ours");
    assert!(!watched.take_refusal(), "a full disk is no outside write");

    disk.free(dir.path());
    watched
        .write(&disk, contents, snapshot(&[1, 2]), watched.epoch())
        .expect("room again");
    assert_eq!(fs::read_to_string(&path).expect("read"), big);
}

#[test]
fn writes_in_a_batch_are_guarded_and_their_folders_synced_at_the_end() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (left, right) = (dir.path().join("left"), dir.path().join("right"));
    fs::create_dir(&left).expect("folder");
    fs::create_dir(&right).expect("folder");
    let (a, b) = (left.join("a.ann.ron"), right.join("b.ann.ron"));
    fs::write(&a, FIRST).expect("write");
    let seen = fingerprint(&a).expect("stat");
    // Another program writes `a` after it was read: the batch leaves it.
    fs::write(&a, "(outside)\n").expect("write");
    let renamed = Renamed::default();
    assert!(is_changed(replace_in(&renamed, &a, "(ours)\n", seen)));
    assert_eq!(fs::read_to_string(&a).expect("read"), "(outside)\n");
    // A new sidecar is in place at once, whole, before the folders are synced.
    replace_in(&renamed, &b, FIRST, None).expect("written");
    assert_eq!(fs::read_to_string(&b).expect("read"), FIRST);
    assert!(temp_files_in(&right).is_empty());
    renamed.sync().expect("synced");
}

#[test]
fn a_folder_that_cannot_be_synced_fails_the_batch_and_says_which() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let folder = dir.path().join("gone");
    fs::create_dir(&folder).expect("folder");
    let renamed = Renamed::default();
    replace_in(&renamed, &folder.join("a.ann.ron"), FIRST, None).expect("written");
    fs::remove_dir_all(&folder).expect("removed");
    match renamed.sync() {
        Err(StoreError::Io { path, .. }) => assert_eq!(path, folder),
        other => panic!("expected the folder's sync to fail, got {other:?}"),
    }
}

#[test]
fn a_streamed_write_that_fails_leaves_the_sidecar_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("Zoë «ñ» שלום.ann.ron");
    fs::write(&path, FIRST).expect("write");
    let seen = fingerprint(&path).expect("stat");
    let renamed = Renamed::default();
    let failing = |out: &mut dyn std::io::Write| {
        out.write_all(b"(\n    note: \"half")?;
        Err(std::io::Error::other("no space left on device"))
    };
    assert!(replace_in_with(&renamed, &path, failing, seen).is_err());
    assert_eq!(fs::read_to_string(&path).expect("read"), FIRST);
    assert!(temp_files_in(dir.path()).is_empty());
    let whole = |out: &mut dyn std::io::Write| out.write_all("(ours 中文)\n".as_bytes());
    replace_in_with(&renamed, &path, whole, seen).expect("written");
    assert_eq!(fs::read_to_string(&path).expect("read"), "(ours 中文)\n");
    renamed.sync().expect("synced");
}
