//! sayso-core: articles, their annotations and the sidecar files that hold
//! them, for the `sayso` annotator and for any Rust program that reads or
//! writes sayso's files. No terminal, no command line.
//!
//! - [`article`]: the text, its paragraphs, offsets and boundaries, quotations;
//! - [`annotation`]: labels, annotations, the ordered set, the changes made to
//!   it (built as values, then applied) and their undo history;
//! - [`store`]: the RON sidecar next to each article and its atomic save;
//! - [`agreement`]: how far two editors' annotations of one article agree;
//! - [`corpus`]: the articles under some paths, visited one at a time;
//! - [`export`]: tagged spans in the formats other tools read;
//! - [`import`]: reading annotations other tools wrote, checked against the article;
//! - [`stats`]: counts over a corpus.
//!
//! Offsets in a sidecar count Unicode scalar values (Python's `str` index);
//! in memory, spans are byte ranges into [`article::Article::text`] on
//! grapheme boundaries, and [`article::Article::char_offset`] converts.
//!
//! # Example
//!
//! Open the sample article's sidecar and print its quotes:
//!
//! ```
//! use sayso_core::{article::Article, store};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../annotations");
//! let path = dir.join("huawei-leak.txt");
//! let article = Article::from_bytes(std::fs::read(&path)?)?;
//! let sidecar = store::load(&article, &store::sidecar_path(&path))?;
//! for quote in sidecar.iter().flat_map(|s| &s.annotations).filter(|a| a.label == "quote") {
//!     let speaker = quote.speaker.as_deref().unwrap_or("?");
//!     let text = &article.text()[quote.start()..quote.end()];
//!     println!("{speaker}: {text}");
//! }
//! # Ok(())
//! # }
//! ```

pub mod agreement;
pub mod annotation;
pub mod article;
pub mod corpus;
pub mod export;
#[cfg(test)]
mod fuzzing;
pub mod import;
pub mod stats;
pub mod store;
pub mod suggest;
