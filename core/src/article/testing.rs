//! Texts for property tests: this crate's own and, with the `testing`
//! feature, those of crates that use it.

use std::ops::Range;

use proptest::prelude::*;

/// Pieces that make text hard to cut right: combining marks (alone too),
/// ZWJ sequences and a lone joiner, flags and lone regional indicators,
/// CJK, kana, right-to-left scripts, every kind of line break and white
/// space, sentence and word punctuation of several scripts, controls and an
/// escape sequence, a soft hyphen, a zero-width space, a titlecase digraph.
const PIECES: &[&str] = &[
    "a",
    "A",
    "b",
    "B",
    "Z",
    "1",
    "é",
    "word",
    "longerword",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{85}",
    "\u{2029}",
    "\u{a0}",
    "\u{202f}",
    "\u{3000}",
    "\u{200b}",
    "\u{ad}",
    "\u{301}",
    "\u{345}",
    "\u{93e}",
    "e\u{301}",
    "\u{200d}",
    "👩‍👩‍👧",
    "🇫",
    "🇷",
    "🇫🇷",
    "漢",
    "字",
    "東京",
    "か",
    "カ",
    "ש",
    "שלום",
    "م",
    "١",
    ".",
    ",",
    ":",
    ";",
    "!",
    "?",
    "。",
    "'",
    "’",
    "\"",
    "”",
    "»",
    "(",
    ")",
    "_",
    "-",
    "ǅ",
    "ª",
    "\u{7}",
    "\u{7f}",
    "\u{1b}",
    "\u{1b}[31m",
];

/// Texts of `pieces` pieces (see [`PIECES`] above) in any order.
pub fn unicode_text(pieces: Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), pieces).prop_map(|v| v.concat())
}
