//! The terminal annotator.
//!
//! Data flows one way: terminal event → [`keymap`] → [`Action`] →
//! [`update()`] → the mode's own handler → [`apply::apply`] for any change
//! to the annotations → effects (save, quit) → [`view()`]. Each mode keeps
//! its actions and their handling next to its state: [`normal`] (the
//! article), [`list`] (the review panel), [`form`], [`search`], [`help`],
//! and [`corpus`] (the articles of a corpus, their overview, and the
//! session that goes from one to another).
//! `update`, `apply` and the layout are plain functions that tests drive
//! without a terminal.

pub mod action;
pub mod app;
pub mod apply;
mod cells;
pub mod compare;
pub mod corpus;
pub mod form;
pub mod goto;
pub mod help;
pub mod key;
pub mod keymap;
pub mod list;
mod loader;
pub mod loading;
mod merging;
pub mod normal;
pub mod outside;
mod quoting;
mod rows;
mod run;
mod saving;
pub mod screen;
pub mod scroll;
pub mod search;
mod signals;
pub mod update;
pub mod view;
pub mod wrap;

#[cfg(test)]
mod apply_tests;
#[cfg(test)]
mod compare_tests;
#[cfg(test)]
mod loading_tests;
#[cfg(test)]
mod outside_tests;
#[cfg(test)]
mod readme_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod schema_file_tests;
#[cfg(test)]
mod schema_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod ux_tests;

pub use action::{Action, Direction};
pub use app::{App, Mode, Options, SaveState};
pub use keymap::Keymap;
pub use loader::{Loader, Theirs};
pub use loading::{Arrival, Rest};
pub use normal::{Motion, NormalAction, Nudge};
pub use outside::Outside;
pub use run::run;
pub use update::update;
pub use view::view;
