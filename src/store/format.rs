//! The RON shape of a sidecar (format 1).

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Sidecar, StoreError};
use crate::annotation::{Annotation, Origin, Status};
use crate::article::Article;

/// The format version this sayso writes and reads.
pub const FORMAT: u32 = 1;

/// One span as stored: char offsets and the exact text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One annotation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub id: u64,
    pub label: String,
    pub spans: Vec<SpanRecord>,
    pub prefix: String,
    pub suffix: String,
    pub speaker: Option<String>,
    pub note: Option<String>,
    pub status: Status,
    pub origin: Origin,
    pub author: String,
    pub created: String,
    pub modified: String,
}

pub(super) fn load(article: &Article, path: &Path) -> Result<Option<Sidecar>, StoreError> {
    let _ = (article, path);
    todo!("store helper")
}

pub(super) fn render(
    article: &Article,
    file_name: &str,
    annotations: &[Arc<Annotation>],
    detached: &[Record],
) -> String {
    let _ = (article, file_name, annotations, detached);
    todo!("store helper")
}
