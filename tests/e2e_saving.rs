//! Saving with the real binary in a pseudo-terminal: the temporary files a
//! killed save leaves.

mod common;

use std::fs::{self, File};
use std::time::{Duration, Instant, SystemTime};

use common::pty::*;

#[test]
fn opening_removes_the_temporary_files_of_a_killed_save() {
    let (dir, _) = huawei();
    let stale = dir.path().join(".sayso-99999999-killed.tmp");
    let fresh = dir.path().join(".sayso-99999999-writing.tmp");
    for path in [&stale, &fresh] {
        fs::write(path, "(\n    format: 1,\n").unwrap();
    }
    File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(600)))
        .unwrap();
    let s = Session::start(dir.path(), &["huawei-leak.txt"]);
    let deadline = Instant::now() + DEADLINE;
    while stale.exists() {
        assert!(Instant::now() < deadline, "the stale file is still there");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        fresh.exists(),
        "a file another save may be writing was removed"
    );
    s.quit();
}
