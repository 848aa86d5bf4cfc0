//! `w3c`: W3C Web Annotation JSON-LD, a JSON array of `Annotation`s, one per
//! sayso annotation.
//!
//! - `id` is the sidecar's IRI with `#` and the annotation's id, `target`
//!   one `SpecificResource` per span whose `source` is the article's IRI,
//!   each with two selectors of the same text: a `TextQuoteSelector`
//!   (`exact`, and up to 32 chars of `prefix` and `suffix`) and a
//!   `TextPositionSelector` (`start`, `end`, in code points as the model
//!   requires).
//! - The model requires absolute IRIs. They are the `file://` URLs of the
//!   files' real paths (absolute, links resolved), or, with a base such as
//!   `https://example.org/news/`, the base followed by each path as given;
//!   either way percent-encoded, so spaces and `#` in file names stay in
//!   the path.
//! - `body` holds `TextualBody`s: the label (purpose `classifying`), the
//!   speaker (`describing`), the note (`commenting`) and the status
//!   (`assessing`: `pending`, `accepted`, `rejected`).
//! - `creator` is the author, `created` and `modified` as in the sidecar.

use std::io::{self, Write};
use std::path::{Component, Path};

use serde::Serialize;

use super::{JsonArray, Writer, char_spans};
use crate::annotation::Annotation;
use crate::corpus::{self, Document, Skips};
use crate::store::format::{context_after, context_before};

pub struct W3c<'a> {
    out: JsonArray<'a>,
    /// What the IRIs start with; `None` for `file://` URLs.
    base: Option<String>,
}

impl<'a> W3c<'a> {
    pub fn new(out: &'a mut dyn Write, base: Option<&str>) -> W3c<'a> {
        W3c {
            out: JsonArray::new(out),
            base: base.map(|b| {
                if b.ends_with('/') {
                    b.to_string()
                } else {
                    format!("{b}/")
                }
            }),
        }
    }

    /// The absolute IRI of the file at `path` (see the module documentation).
    fn iri(&self, path: &Path) -> String {
        match &self.base {
            Some(base) => format!("{base}{}", encoded(&relative(path))),
            None => {
                let real = std::fs::canonicalize(path)
                    .or_else(|_| std::path::absolute(path))
                    .unwrap_or_else(|_| path.to_path_buf());
                format!("file://{}", encoded(&real.to_string_lossy()))
            }
        }
    }
}

/// `path` as it follows a base: its names joined by `/`, without the root,
/// `.` or a Windows drive, so `/srv/a.txt` and `./a.txt` do not make `//`
/// or `/./` in the IRI.
fn relative(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy()),
            Component::ParentDir => Some("..".into()),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct WebAnnotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    creator: Creator<'a>,
    created: &'a str,
    modified: &'a str,
    body: Vec<Body<'a>>,
    target: Vec<Target<'a>>,
}

#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

impl Writer for W3c<'_> {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        _: &mut Skips,
    ) -> Result<(), corpus::Error> {
        let source = self.iri(&document.path);
        let sidecar = self.iri(&document.sidecar_path);
        for annotation in annotations {
            self.out
                .push(&web_annotation(document, annotation, &source, &sidecar))?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        self.out.finish()
    }
}

fn web_annotation<'a>(
    document: &'a Document,
    annotation: &'a Annotation,
    source: &'a str,
    sidecar: &str,
) -> WebAnnotation<'a> {
    let text = document.article.text();
    let body = |purpose, value| Body {
        kind: "TextualBody",
        purpose,
        value,
    };
    let mut bodies = vec![body("classifying", annotation.label.as_str())];
    bodies.extend(annotation.speaker.as_deref().map(|s| body("describing", s)));
    bodies.extend(annotation.note.as_deref().map(|n| body("commenting", n)));
    bodies.push(body("assessing", annotation.status.name()));
    let target = char_spans(&document.article, annotation)
        .into_iter()
        .map(|span| Target {
            kind: "SpecificResource",
            source,
            selector: [
                Selector::TextQuoteSelector {
                    exact: span.text,
                    prefix: context_before(text, span.bytes.start),
                    suffix: context_after(text, span.bytes.end),
                },
                Selector::TextPositionSelector {
                    start: span.start,
                    end: span.end,
                },
            ],
        })
        .collect();
    WebAnnotation {
        context: CONTEXT,
        id: format!("{sidecar}#{}", annotation.id),
        kind: "Annotation",
        motivation: "classifying",
        creator: Creator {
            kind: "Person",
            name: &annotation.author,
        },
        created: &annotation.created,
        modified: &annotation.modified,
        body: bodies,
        target,
    }
}

/// A path as it goes into an IRI: everything but unreserved characters and
/// `/` percent-encoded, so spaces and `#` in file names stay in the path.
fn encoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{W3c, encoded};

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(encoded("corpus/a b#1.txt"), "corpus/a%20b%231.txt");
        assert_eq!(encoded("été/x.txt"), "%C3%A9t%C3%A9/x.txt");
        assert_eq!(encoded("a-b_c.~/d"), "a-b_c.~/d");
    }

    #[test]
    fn iris_are_absolute_file_urls_or_start_with_the_base() {
        let mut out = Vec::new();
        let w3c = W3c::new(&mut out, None);
        let iri = w3c.iri(Path::new("no such dir/a b.txt"));
        assert!(iri.starts_with("file:///"), "{iri}");
        assert!(iri.ends_with("/no%20such%20dir/a%20b.txt"), "{iri}");
        let w3c = W3c::new(&mut out, Some("https://example.org/news"));
        assert_eq!(
            w3c.iri(Path::new("corpus/a b.txt")),
            "https://example.org/news/corpus/a%20b.txt"
        );
        assert_eq!(
            w3c.iri(Path::new("/srv/./news/a.txt")),
            "https://example.org/news/srv/news/a.txt"
        );
    }
}
