//! The `w3c` export checked with the W3C Web Annotation model's own JSON
//! schemas (from its test suite, in `tests/w3c-annotation-model/`, see the
//! licence note there): every annotation must have the `@context`, an `id`
//! that is an absolute IRI, the type `Annotation` and a target, and every
//! target's `source` must be an absolute IRI, as the model requires.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{one_line_error, sayso};
use jsonschema::{Draft, Retrieve, Uri, Validator};
use serde_json::{Value, json};
use tempfile::TempDir;

/// The schemas' home: their ids and `$ref`s are relative to it.
const BASE: &str = "https://w3c-annotation-model.test/";

/// The assertions of the model's "Annotation musts" that sayso's output
/// has to pass (the suite's `annotationMusts.test`, section 3.1).
const MUSTS: [&str; 4] = [
    "3.1-annotationContextValidated.json",
    "3.1-annotationIdValidated.json",
    "3.1-annotationTypeValidated.json",
    "3.1-targetKeyFound.json",
];

fn schemas() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/w3c-annotation-model")
}

/// Finds a schema the others name by its file name, on disk: nothing is
/// fetched over the network.
struct Local;

impl Retrieve for Local {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default();
        let name = name.split('#').next().unwrap_or_default();
        for dir in ["annotations", "definitions"] {
            let path = schemas().join(dir).join(name);
            if path.is_file() {
                return Ok(serde_json::from_str(&fs::read_to_string(path)?)?);
            }
        }
        Err(format!("no schema {name} in {}", schemas().display()).into())
    }
}

fn validator(schema: &Value) -> Validator {
    jsonschema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(true)
        .with_base_uri(BASE)
        .with_retriever(Local)
        .build(schema)
        .unwrap_or_else(|e| panic!("the schema builds: {e}"))
}

/// The model's assertions, and the model's definition of a target
/// `source` (`id.json#/definitions/stringUri`, a string of format uri).
fn musts() -> Vec<(String, Validator)> {
    let mut validators: Vec<(String, Validator)> = MUSTS
        .iter()
        .map(|name| {
            let path = schemas().join("annotations").join(name);
            let schema: Value =
                serde_json::from_str(&fs::read_to_string(&path).expect("the schema is there"))
                    .expect("the schema is JSON");
            (name.to_string(), validator(&schema))
        })
        .collect();
    let source = json!({
        "type": "object",
        "properties": {
            "target": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["source"],
                    "properties": { "source": { "$ref": "id.json#/definitions/stringUri" } }
                }
            }
        }
    });
    validators.push((
        "target source (id.json#/definitions/stringUri)".into(),
        validator(&source),
    ));
    validators
}

/// Every failure of `annotation` against the musts, worded.
fn failures(musts: &[(String, Validator)], annotation: &Value) -> Vec<String> {
    musts
        .iter()
        .flat_map(|(name, v)| {
            v.iter_errors(annotation)
                .map(move |e| format!("{name}: {e}"))
        })
        .collect()
}

/// The sample article and its sidecar in a temporary directory.
fn sample() -> TempDir {
    let dir = TempDir::new().expect("a temporary directory");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations");
    fs::create_dir(dir.path().join("news")).expect("mkdir");
    for name in ["huawei-leak.txt", "huawei-leak.ann.ron"] {
        fs::copy(root.join(name), dir.path().join("news").join(name)).expect("copies");
    }
    dir
}

fn exported(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["export", "news/huawei-leak.txt", "--format", "w3c"];
    all.extend_from_slice(args);
    let output = sayso(dir, &all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("the export is JSON");
    value.as_array().expect("an array").clone()
}

#[test]
fn every_annotation_passes_the_models_musts_with_file_urls_and_with_a_base() {
    let musts = musts();
    let dir = sample();
    for args in [&[][..], &["--base", "https://example.org/newsroom/"][..]] {
        let annotations = exported(dir.path(), args);
        assert_eq!(annotations.len(), 22);
        for annotation in &annotations {
            let failed = failures(&musts, annotation);
            assert!(failed.is_empty(), "{args:?}: {failed:#?}\n{annotation:#}");
        }
    }
}

#[test]
fn the_file_urls_are_the_real_paths_of_the_article_and_its_sidecar() {
    let dir = sample();
    // Through a link to the directory, the URLs name where the files are.
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("news"), &link).expect("a symlink");
    let output = sayso(
        dir.path(),
        &["export", "link/huawei-leak.txt", "--format", "w3c"],
    );
    assert!(output.status.success());
    let annotations: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let first = &annotations[0];
    let real = fs::canonicalize(dir.path().join("news")).expect("the real path");
    let url = |path: PathBuf| format!("file://{}", path.display());
    assert_eq!(
        first["target"][0]["source"],
        url(real.join("huawei-leak.txt"))
    );
    assert_eq!(
        first["id"],
        format!("{}#1", url(real.join("huawei-leak.ann.ron")))
    );
}

#[test]
fn relative_paths_fail_the_models_musts() {
    // What sayso wrote before: the test suite rejects it, so must this test.
    let musts = musts();
    let dir = sample();
    let mut annotation = exported(dir.path(), &[])[0].clone();
    annotation["id"] = json!("news/huawei-leak.ann.ron#1");
    annotation["target"][0]["source"] = json!("news/huawei-leak.txt");
    let failed = failures(&musts, &annotation);
    assert!(
        failed
            .iter()
            .any(|f| f.starts_with("3.1-annotationIdValidated")),
        "{failed:#?}"
    );
    assert!(
        failed.iter().any(|f| f.starts_with("target source")),
        "{failed:#?}"
    );
}

#[test]
fn a_base_that_is_no_absolute_iri_or_another_format_is_refused() {
    let dir = sample();
    let bad = sayso(
        dir.path(),
        &[
            "export",
            "news",
            "--format",
            "w3c",
            "--base",
            "example.org/news",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    let line = one_line_error(&sayso(
        dir.path(),
        &["export", "news", "--base", "https://example.org/"],
    ));
    assert!(line.contains("--format w3c"), "{line}");
}
