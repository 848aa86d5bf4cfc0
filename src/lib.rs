//! sayso: a keyboard-first terminal annotator for quotes, claims and denials in
//! news articles.
//!
//! The library is organised by concern:
//! - [`article`]: the text, its paragraphs, offsets and boundaries, quotations;
//! - [`annotation`]: labels, annotations, the ordered set and its undo history;
//! - [`agreement`]: how far two editors' annotations of one article agree;
//! - [`store`]: the RON sidecar next to each article and its atomic save;
//! - [`tui`]: the terminal annotator (state, actions, keymap, layout, view);
//! - [`corpus`]: the articles under some paths, visited one at a time;
//! - [`export`]: tagged spans in the formats other tools read;
//! - [`import`]: reading annotations other tools wrote, checked against the article;
//! - [`stats`]: counts over a corpus;
//! - [`cli`]: the command line.

pub mod agreement;
pub mod annotation;
pub mod article;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod import;
pub mod stats;
pub mod store;
pub mod tui;
