//! Fuzzing the sidecar readers: hand edits, merges and broken files.
//!
//! Both readers get every input: the canonical reader, which must either
//! read a file exactly as `ron` does or leave it to `ron`, and `ron`, which
//! must read it or refuse it in one line with its place. Neither may panic
//! or hang.

use std::path::Path;

use proptest::prelude::*;

use super::format::from_ron;
use super::reanchor::{Placer, settle};
use super::{Sidecar, StoreError, canonical};
use crate::article::Article;
use crate::fuzzing::{arbitrary, cases, mutated, one_line, within_deadline};

const ARTICLE: &str = include_str!("../../../annotations/huawei-leak.txt");
const SIDECAR: &str = include_str!("../../../annotations/huawei-leak.ann.ron");

/// What each reader makes of `input`: the canonical reader's sidecar, if it
/// takes the file, and `ron`'s sidecar or its error as one line.
fn both(input: String) -> (Option<Sidecar>, Result<Sidecar, String>) {
    let article = Article::from_text(ARTICLE.to_string());
    // On a changed article the canonical reader places records as it reads
    // them: the readers are compared once every record is placed.
    let fast = canonical::read(&article, input.as_bytes(), 0)
        .map(|(sidecar, placer)| settle(sidecar, placer));
    let slow = from_ron(&article, &input, Path::new("story.ann.ron"))
        .map(|sidecar| settle(sidecar, Placer::new(&article)))
        .map_err(|e| e.to_string());
    (fast, slow)
}

fn check(input: &str) -> Result<(), TestCaseError> {
    let (fast, slow) = within_deadline(input, both)?;
    match (&fast, &slow) {
        (Some(fast), Ok(slow)) => prop_assert_eq!(fast, slow, "the readers differ"),
        (Some(_), Err(e)) => prop_assert!(false, "only the canonical reader took it: {}", e),
        (None, Err(message)) => one_line(message)?,
        (None, Ok(_)) => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn fuzz_sidecar_readers_on_broken_sidecars(input in mutated(SIDECAR)) {
        check(&input)?;
    }

    #[test]
    fn fuzz_sidecar_readers_on_anything(input in arbitrary()) {
        check(&input)?;
    }
}

#[test]
fn the_seed_is_read_alike_by_both() {
    let (fast, slow) = both(SIDECAR.to_string());
    assert!(fast.is_some());
    assert_eq!(fast, slow.ok());
    assert!(matches!(
        from_ron(&Article::from_text(String::new()), "(", Path::new("x")),
        Err(StoreError::Parse { .. })
    ));
}
