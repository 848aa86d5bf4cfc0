//! `doccano`: one line per article, `{"text": ..., "label": [[start, end,
//! label], ...], "article": path}`, as doccano's sequence-labelling import
//! reads it. A joined annotation gives one entry per span.

use std::io::{self, Write};

use serde::Serialize;

use super::{Writer, char_spans};
use crate::annotation::Annotation;
use crate::corpus::{self, Document, Skips};

pub struct Doccano<'a> {
    out: &'a mut dyn Write,
}

impl<'a> Doccano<'a> {
    pub fn new(out: &'a mut dyn Write) -> Doccano<'a> {
        Doccano { out }
    }
}

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    article: &'a str,
}

impl Writer for Doccano<'_> {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        _: &mut Skips,
    ) -> Result<(), corpus::Error> {
        let name = document.name();
        let label = annotations
            .iter()
            .flat_map(|a| {
                char_spans(&document.article, a)
                    .into_iter()
                    .map(|s| (s.start, s.end, a.label.as_str()))
            })
            .collect();
        let line = Line {
            text: document.article.text(),
            label,
            article: &name,
        };
        serde_json::to_writer(&mut *self.out, &line).map_err(io::Error::from)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        self.out.flush()
    }
}
