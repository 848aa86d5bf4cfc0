//! Fuzzing the import readers: another tool's file, broken or made up.
//!
//! Each reader gets sayso's own export of the sample broken in small ways,
//! and text from nothing; what it reads is merged into the sample article.
//! Nothing may panic or hang, and every error, refusal and skip is one line.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::merge::Stamp;
use super::{Format, ImportError, LabelMap, merge, read_as};
use crate::annotation::{AnnotationSet, Origin};
use crate::article::Article;
use crate::fuzzing::{arbitrary, cases, mutated, one_line, within_deadline};

const ARTICLE: &str = include_str!("../../../annotations/huawei-leak.txt");

/// The sample exported in each format, as `tests/golden` keeps it.
fn seed(format: Format) -> &'static str {
    match format {
        Format::Brat => include_str!("../../../tests/golden/brat/huawei-leak.ann"),
        Format::Doccano => include_str!("../../../tests/golden/huawei-leak.doccano.jsonl"),
        Format::LabelStudio => include_str!("../../../tests/golden/huawei-leak.label-studio.json"),
        Format::Jsonl => include_str!("../../../tests/golden/huawei-leak.jsonl"),
    }
}

/// Every message reading and merging `source` as `format` gives: the error
/// that stops it, or the skips and each document's refusals.
fn messages(format: Format, source: String) -> Vec<String> {
    let path = Path::new("huawei-leak.ann");
    let parsed = match read_as(format, &source, path) {
        Ok(parsed) => parsed,
        Err(e) => {
            let error = ImportError::Syntax {
                path: PathBuf::from(path),
                line: e.line,
                message: e.message,
                format: format.name(),
            };
            return vec![error.to_string()];
        }
    };
    let article = Article::from_text(ARTICLE.to_string());
    let labels = LabelMap::default();
    let stamp = Stamp {
        labels: &labels,
        author: "fuzz",
        now: "2026-11-24T05:40:00Z",
        origin: Origin::Imported,
    };
    let mut set = AnnotationSet::default();
    let mut said: Vec<String> = parsed.skipped.into_iter().map(|s| s.what).collect();
    for document in &parsed.documents {
        let merged = merge(&article, &mut set, document, &stamp);
        said.extend(merged.refusals.into_iter().map(|r| r.message));
    }
    said
}

fn check(format: Format, input: &str) -> Result<(), TestCaseError> {
    for message in within_deadline(input, move |source| messages(format, source))? {
        one_line(&message)?;
    }
    Ok(())
}

/// A format, and an input for it: its seed broken, or text from nothing.
fn any_input() -> impl Strategy<Value = (Format, String)> {
    prop::sample::select(Format::ALL.to_vec()).prop_flat_map(|format| {
        let input = prop_oneof![mutated(seed(format)), arbitrary()];
        (Just(format), input)
    })
}

proptest! {
    // As many inputs for each of the four readers as other fuzz tests run.
    #![proptest_config(ProptestConfig::with_cases(4 * cases()))]

    #[test]
    fn fuzz_import_readers((format, input) in any_input()) {
        check(format, &input)?;
    }
}

#[test]
fn every_seed_imports_without_a_word() {
    for format in Format::ALL {
        assert_eq!(
            messages(format, seed(format).to_string()),
            Vec::<String>::new(),
            "{format:?}"
        );
    }
}
