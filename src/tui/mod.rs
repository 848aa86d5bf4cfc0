//! The terminal annotator.
//!
//! Data flows one way: terminal event → [`keymap`] → [`action::Action`] →
//! [`update::update`] → effects (save, quit) → [`view::view`]. `update` and the
//! [`layout`] are plain functions that tests drive without a terminal.

pub mod action;
pub mod app;
mod cells;
pub mod compare;
mod edit;
pub mod form;
pub mod keymap;
pub mod layout;
pub mod list;
mod motion;
mod reconcile;
mod review;
mod run;
mod saving;
pub mod screen;
pub mod scroll;
mod search;
mod signals;
pub mod update;
pub mod view;

#[cfg(test)]
mod compare_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod schema_file_tests;
#[cfg(test)]
mod schema_tests;
#[cfg(test)]
mod tests;

pub use action::{Action, Motion, Nudge};
pub use app::{App, Mode, Options, SaveState};
pub use keymap::Keymap;
pub use run::run;
pub use update::update;
pub use view::view;
