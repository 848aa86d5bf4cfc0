//! `label-studio`: a JSON array of tasks, one per article, as Label Studio
//! imports them: `data.text` (and `data.article`, the path) with the spans as
//! the results of one annotation, for a labelling config whose `<Labels
//! name="label" toName="text">` tags a `<Text name="text" value="$text">`
//! (README, "Export").
//!
//! Offsets are Unicode code points, which is what Label Studio's `Text` tag
//! counts (its tests check an emoji counts one); a joined annotation gives
//! one region per span, with ids `ID-1`, `ID-2`, ... A speaker and a note
//! become the region's meta text.

use std::io::{self, Write};

use serde::Serialize;

use super::{JsonArray, Writer, char_spans};
use crate::annotation::Annotation;
use crate::corpus::{self, Document, Skips};

pub struct LabelStudio<'a> {
    out: JsonArray<'a>,
}

impl<'a> LabelStudio<'a> {
    pub fn new(out: &'a mut dyn Write) -> LabelStudio<'a> {
        LabelStudio {
            out: JsonArray::new(out),
        }
    }
}

#[derive(Serialize)]
struct Task<'a> {
    data: Data<'a>,
    annotations: Vec<Completion<'a>>,
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    article: &'a str,
}

#[derive(Serialize)]
struct Completion<'a> {
    result: Vec<Region<'a>>,
}

#[derive(Serialize)]
struct Region<'a> {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Value<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<Meta>,
}

#[derive(Serialize)]
struct Value<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'a str; 1],
}

#[derive(Serialize)]
struct Meta {
    text: Vec<String>,
}

impl Writer for LabelStudio<'_> {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        _: &mut Skips,
    ) -> Result<(), corpus::Error> {
        let name = document.name();
        let result: Vec<Region> = annotations
            .iter()
            .flat_map(|a| regions(document, a))
            .collect();
        let task = Task {
            data: Data {
                text: document.article.text(),
                article: &name,
            },
            annotations: if result.is_empty() {
                Vec::new()
            } else {
                vec![Completion { result }]
            },
        };
        self.out.push(&task)?;
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        self.out.finish()
    }
}

fn regions<'a>(document: &'a Document, annotation: &'a Annotation) -> Vec<Region<'a>> {
    let meta: Vec<String> = [
        annotation.speaker.as_ref().map(|s| format!("speaker: {s}")),
        annotation.note.as_ref().map(|n| format!("note: {n}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    char_spans(&document.article, annotation)
        .into_iter()
        .enumerate()
        .map(|(i, span)| Region {
            id: format!("{}-{}", annotation.id, i + 1),
            from_name: "label",
            to_name: "text",
            kind: "labels",
            value: Value {
                start: span.start,
                end: span.end,
                text: span.text,
                labels: [&annotation.label],
            },
            meta: (!meta.is_empty()).then(|| Meta { text: meta.clone() }),
        })
        .collect()
}
