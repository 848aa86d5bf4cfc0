//! What the fuzz tests of the readers share: inputs made from nothing and
//! from a valid file broken in small ways, and a deadline for each input.
//!
//! A reader of a file sayso did not write (a sidecar edited by hand, a
//! merge, another tool's export) must never panic, never hang, and say what
//! is wrong in one line. Each fuzz test runs [`cases`] inputs, a few seconds'
//! worth; `SAYSO_FUZZ_CASES=100000 cargo test -p sayso-core fuzz` runs
//! longer. A failing input is shrunk and saved by proptest as any other.

use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;

/// How long one input may take before the reader counts as hung: far more
/// than any reader needs for the few kilobytes given.
const DEADLINE: Duration = Duration::from_secs(10);

/// Pieces that matter to some reader's syntax, or that are hostile text.
const TOKENS: &[&str] = &[
    "\"",
    "\\",
    "'",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ";",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "Some(",
    "None",
    "id: ",
    "//",
    "/*",
    "*/",
    "r#\"",
    "\"#",
    "\\u{",
    "\\u{110000}",
    "\\u{d800}",
    "\\n",
    "\\x1b",
    "0",
    "-1",
    "1e999",
    "18446744073709551615",
    "18446744073709551616",
    "9007199254740992",
    "null",
    "true",
    "[]",
    "{}",
    "\"label\":",
    "\"start\":",
    "\"end\":",
    "\"article\":",
    "\"text\":",
    "\"value\":",
    "\"result\":",
    "T1\t",
    "#1\tAnnotatorNotes T1\t",
    "R1\t",
    "A1\tStatus T1 Accepted",
    "quote 0 5",
    ";",
    "\u{1b}]0;x\u{7}",
    "\u{202e}",
    "\u{feff}",
    "\u{0}",
    "é",
    "e\u{301}",
    "👩\u{200d}👧",
    "🇫🇷",
    "漢",
    "ש",
    "\u{85}",
    "\u{2028}",
];

/// One small change to a text, at a place given as a fraction of its length.
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: f64, len: usize },
    Insert { at: f64, token: &'static str },
    Repeat { at: f64, len: usize, times: usize },
    SwapLines { a: f64, b: f64 },
    Truncate { at: f64 },
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), 1usize..64).prop_map(|(at, len)| Edit::Delete { at, len }),
        (at.clone(), prop::sample::select(TOKENS))
            .prop_map(|(at, token)| Edit::Insert { at, token }),
        (at.clone(), 1usize..64, 2usize..5).prop_map(|(at, len, times)| Edit::Repeat {
            at,
            len,
            times
        }),
        (at.clone(), at.clone()).prop_map(|(a, b)| Edit::SwapLines { a, b }),
        at.prop_map(|at| Edit::Truncate { at }),
    ]
}

/// The char boundary nearest below `at` (a fraction) of `text`.
fn place(text: &str, at: f64) -> usize {
    let mut byte = (text.len() as f64 * at) as usize;
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// The char boundary at or above `byte + len`, within `text`.
fn end_of(text: &str, byte: usize, len: usize) -> usize {
    let mut end = (byte + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

fn apply(mut text: String, edit: &Edit) -> String {
    match *edit {
        Edit::Delete { at, len } => {
            let from = place(&text, at);
            let to = end_of(&text, from, len);
            text.replace_range(from..to, "");
        }
        Edit::Insert { at, token } => text.insert_str(place(&text, at), token),
        Edit::Repeat { at, len, times } => {
            let from = place(&text, at);
            let to = end_of(&text, from, len);
            let piece = text[from..to].repeat(times);
            text.replace_range(from..to, &piece);
        }
        Edit::SwapLines { a, b } => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let (a, b) = (a * lines.len() as f64, b * lines.len() as f64);
                let last = lines.len() - 1;
                lines.swap((a as usize).min(last), (b as usize).min(last));
            }
            text = lines.concat();
        }
        Edit::Truncate { at } => text.truncate(place(&text, at)),
    }
    text
}

/// `seed` with one to eight small edits.
pub fn mutated(seed: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec(edit(), 1..8)
        .prop_map(move |edits| edits.iter().fold(seed.to_string(), apply))
}

/// Text from nothing: runs of the tokens above and of any chars.
pub fn arbitrary() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(TOKENS).prop_map(String::from),
        ".{0,8}"
    ];
    prop::collection::vec(piece, 0..64).prop_map(|pieces| pieces.concat())
}

/// How many inputs each fuzz test runs: `SAYSO_FUZZ_CASES`, else a few
/// seconds' worth.
pub fn cases() -> u32 {
    std::env::var("SAYSO_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512)
}

/// Runs `read` on `input` in a thread of its own and gives what it gives;
/// fails when it panics or takes longer than [`DEADLINE`].
pub fn within_deadline<T: Send + 'static>(
    input: &str,
    read: impl FnOnce(String) -> T + Send + 'static,
) -> Result<T, TestCaseError> {
    let (sender, receiver) = mpsc::channel();
    let owned = input.to_string();
    let worker = std::thread::spawn(move || {
        // The receiver is gone only after the deadline, which fails the test anyway.
        let _ = sender.send(read(owned));
    });
    match receiver.recv_timeout(DEADLINE) {
        Ok(found) => {
            // It has sent, so it ends.
            let _ = worker.join();
            Ok(found)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail(format!(
            "still reading after {DEADLINE:?}: {input:?}"
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(TestCaseError::fail(format!("panicked on {input:?}")))
        }
    }
}

/// Fails unless `message` is one line.
pub fn one_line(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(!message.contains(['\n', '\r']), "not one line: {message:?}");
    prop_assert!(!message.trim().is_empty(), "empty");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_text_valid_and_change_it() {
        let seed = "ab\nçd\n👩\u{200d}👧\n";
        for edit in [
            Edit::Delete { at: 0.5, len: 3 },
            Edit::Insert {
                at: 0.99,
                token: "\u{202e}",
            },
            Edit::Repeat {
                at: 0.0,
                len: 2,
                times: 3,
            },
            Edit::SwapLines { a: 0.0, b: 0.9 },
            Edit::Truncate { at: 0.4 },
        ] {
            let changed = apply(seed.to_string(), &edit);
            assert_ne!(changed, seed, "{edit:?}");
        }
        assert_eq!(
            apply("ab\ncd\n".into(), &Edit::SwapLines { a: 0.0, b: 0.9 }),
            "cd\nab\n"
        );
    }

    #[test]
    fn a_panic_is_a_failure() {
        assert!(within_deadline("x", |_| 1).is_ok());
        let panicked = within_deadline("boom", |_| -> u8 { panic!("on purpose") });
        assert!(panicked.is_err());
    }
}
