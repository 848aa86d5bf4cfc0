//! `jsonl`: one span per line, as a JSON object with the keys of
//! [`super::row::COLUMNS`].

use std::io::{self, Write};

use super::Writer;
use super::row::rows;
use crate::annotation::Annotation;
use crate::corpus::{self, Document, Skips};

pub struct Jsonl<'a> {
    out: &'a mut dyn Write,
}

impl<'a> Jsonl<'a> {
    pub fn new(out: &'a mut dyn Write) -> Jsonl<'a> {
        Jsonl { out }
    }
}

impl Writer for Jsonl<'_> {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        _: &mut Skips,
    ) -> Result<(), corpus::Error> {
        let name = document.name();
        for annotation in annotations {
            for row in rows(document, &name, annotation) {
                serde_json::to_writer(&mut *self.out, &row).map_err(io::Error::from)?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        self.out.flush()
    }
}
