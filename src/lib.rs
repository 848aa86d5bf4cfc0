//! sayso: a keyboard-first terminal annotator for quotes, claims and denials in
//! news articles.
//!
//! The articles, annotations and files are [`sayso_core`]'s; this crate is
//! what a person uses:
//! - [`tui`]: the terminal annotator (state, actions, keymap, layout, view);
//! - [`cli`]: the command line.

pub mod cli;
pub mod tui;
