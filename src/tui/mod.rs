//! The terminal annotator.
