//! `conll`: the article as tokens with BIO tags, one token per line, a blank
//! line between sentences, for one label layer (the labels `--labels` picks).
//!
//! Each article starts with a `# article = PATH` line. A token line is
//! `TOKEN<TAB>START<TAB>END<TAB>TAG`, offsets in chars of the article text,
//! the tag `B-label`, `I-label` or `O` (white space in a label made `_`).
//! Tokens are UAX #29 words and punctuation, cut where a span starts or ends
//! inside one, so every span is whole tokens; sentences are UAX #29
//! sentences, kept in one block where a span runs over their end.
//!
//! A token carries one tag, so a layer cannot hold overlapping spans: where
//! spans overlap, the longest is kept (then the one that starts first, then
//! the lower id) and the others are left out of the layer; their number is
//! reported on stderr. Each span of a joined annotation is its own chunk.

use std::io::{self, Write};
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{Writer, one_word};
use crate::annotation::Annotation;
use crate::article::display::one_line;
use crate::corpus::{self, Document, Skips};

pub struct Conll<'a> {
    out: &'a mut dyn Write,
    /// Spans left out because they overlap a longer one.
    left_out: usize,
}

impl<'a> Conll<'a> {
    pub fn new(out: &'a mut dyn Write) -> Conll<'a> {
        Conll { out, left_out: 0 }
    }
}

/// A span kept in the layer: its bytes and its tag's label.
struct Chunk {
    bytes: Range<usize>,
    label: String,
}

impl Writer for Conll<'_> {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        _: &mut Skips,
    ) -> Result<(), corpus::Error> {
        let (chunks, left_out) = layer(annotations);
        self.left_out += left_out;
        // A comment line: a line break in the name would end it.
        writeln!(self.out, "# article = {}", one_line(&document.name()))?;
        writeln!(self.out)?;
        write_blocks(self.out, document.article.text(), &chunks)?;
        Ok(())
    }

    fn finish(&mut self, report: &mut dyn Write) -> io::Result<()> {
        if self.left_out > 0 {
            // A note, not an error: stderr that is gone does not matter.
            let _ = writeln!(
                report,
                "sayso: {} span(s) overlapping a longer one were left out of the CoNLL layer",
                self.left_out
            );
        }
        self.out.flush()
    }
}

/// The spans of `annotations` that make the layer, sorted and apart, and how
/// many were left out for overlapping.
fn layer(annotations: &[&Annotation]) -> (Vec<Chunk>, usize) {
    let mut candidates: Vec<(Range<usize>, u64, &str)> = annotations
        .iter()
        .flat_map(|a| a.spans.iter().map(|s| (s.clone(), a.id, a.label.as_str())))
        .collect();
    candidates.sort_by_key(|(span, id, _)| (std::cmp::Reverse(span.len()), span.start, *id));
    let mut kept: Vec<Chunk> = Vec::with_capacity(candidates.len());
    let mut left_out = 0;
    for (span, _, label) in candidates {
        let at = kept.partition_point(|c| c.bytes.start < span.start);
        let clashes = (at > 0 && kept[at - 1].bytes.end > span.start)
            || kept.get(at).is_some_and(|c| c.bytes.start < span.end);
        if clashes {
            left_out += 1;
        } else {
            kept.insert(
                at,
                Chunk {
                    bytes: span,
                    label: one_word(label),
                },
            );
        }
    }
    (kept, left_out)
}

/// Writes the tokens of `text` tagged by `chunks`, sentence blocks apart.
fn write_blocks(out: &mut dyn Write, text: &str, chunks: &[Chunk]) -> io::Result<()> {
    let inside_chunk = |byte: usize| {
        let at = chunks.partition_point(|c| c.bytes.end <= byte);
        chunks
            .get(at)
            .is_some_and(|c| c.bytes.start < byte && byte < c.bytes.end)
    };
    let mut chars = CharCursor::default();
    let mut next_chunk = 0;
    let mut chunk_started = false;
    let mut block_open = false;
    for (at, sentence) in text.split_sentence_bound_indices() {
        if block_open && !inside_chunk(at) {
            writeln!(out)?;
            block_open = false;
        }
        for token in tokens(sentence, at, chunks) {
            while chunks
                .get(next_chunk)
                .is_some_and(|c| c.bytes.end <= token.start)
            {
                next_chunk += 1;
                chunk_started = false;
            }
            let tag = match chunks.get(next_chunk) {
                Some(chunk) if chunk.bytes.start <= token.start => {
                    let prefix = if chunk_started { "I" } else { "B" };
                    chunk_started = true;
                    format!("{prefix}-{}", chunk.label)
                }
                _ => "O".to_string(),
            };
            let start = chars.to(text, token.start);
            let end = chars.to(text, token.end);
            writeln!(out, "{}\t{start}\t{end}\t{tag}", &text[token])?;
            block_open = true;
        }
    }
    if block_open {
        writeln!(out)?;
    }
    Ok(())
}

/// The tokens of `sentence` (which starts at byte `at` of the text), as byte
/// ranges of the text: word segments that are not white space, cut at the
/// starts and ends of `chunks`.
fn tokens(sentence: &str, at: usize, chunks: &[Chunk]) -> Vec<Range<usize>> {
    let mut tokens = Vec::new();
    for (i, word) in sentence.split_word_bound_indices() {
        if word.chars().all(char::is_whitespace) {
            continue;
        }
        let mut start = at + i;
        let end = start + word.len();
        let first = chunks.partition_point(|c| c.bytes.end <= start);
        for chunk in chunks[first..].iter().take_while(|c| c.bytes.start < end) {
            for cut in [chunk.bytes.start, chunk.bytes.end] {
                if start < cut && cut < end {
                    tokens.push(start..cut);
                    start = cut;
                }
            }
        }
        tokens.push(start..end);
    }
    tokens
}

/// Converts increasing byte offsets to char offsets by counting on from the
/// last one.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    char: usize,
}

impl CharCursor {
    fn to(&mut self, text: &str, byte: usize) -> usize {
        self.char += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::annotation;

    fn conll(text: &str, annotations: &[Annotation]) -> (String, usize) {
        let refs: Vec<&Annotation> = annotations.iter().collect();
        let (chunks, left_out) = layer(&refs);
        let mut out = Vec::new();
        write_blocks(&mut out, text, &chunks).expect("writing to a Vec");
        (String::from_utf8(out).expect("UTF-8"), left_out)
    }

    fn byte_range(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).expect("the needle is in the text");
        start..start + needle.len()
    }

    #[test]
    fn tokens_are_tagged_bio_with_char_offsets() {
        let text = "Zoë said “no 👎🏽”. Then left.";
        let a = annotation(1, "quote", vec![byte_range(text, "no 👎🏽")]);
        let (out, left_out) = conll(text, &[a]);
        assert_eq!(left_out, 0);
        assert_eq!(
            out,
            "Zoë\t0\t3\tO\nsaid\t4\t8\tO\n“\t9\t10\tO\nno\t10\t12\tB-quote\n👎🏽\t13\t15\tI-quote\n”\t15\t16\tO\n.\t16\t17\tO\n\nThen\t18\t22\tO\nleft\t23\t27\tO\n.\t27\t28\tO\n\n"
        );
    }

    #[test]
    fn a_span_inside_a_word_cuts_the_word() {
        let text = "unbelievable";
        let a = annotation(1, "claim", vec![byte_range(text, "believ")]);
        let (out, _) = conll(text, &[a]);
        assert_eq!(
            out,
            "un\t0\t2\tO\nbeliev\t2\t8\tB-claim\nable\t8\t12\tO\n\n"
        );
    }

    #[test]
    fn a_span_over_two_sentences_keeps_them_in_one_block() {
        let text = "He said: Yes. No. Fine.";
        let a = annotation(1, "quote", vec![byte_range(text, "Yes. No.")]);
        let (out, _) = conll(text, &[a]);
        let blocks: Vec<&str> = out.trim_end().split("\n\n").collect();
        assert_eq!(blocks.len(), 2, "{out}");
        assert!(
            blocks[0].ends_with("No\t14\t16\tI-quote\n.\t16\t17\tI-quote"),
            "{out}"
        );
    }

    #[test]
    fn overlaps_keep_the_longest_span_and_count_the_others() {
        let text = "a b c d e f";
        let long = annotation(3, "quote", vec![byte_range(text, "b c d")]);
        let inside = annotation(1, "denial", vec![byte_range(text, "c")]);
        let across = annotation(2, "claim", vec![byte_range(text, "d e")]);
        let apart = annotation(4, "claim", vec![byte_range(text, "f")]);
        let (out, left_out) = conll(text, &[inside, across, long, apart]);
        assert_eq!(left_out, 2);
        let tags: Vec<&str> = out.lines().filter_map(|l| l.split('\t').nth(3)).collect();
        assert_eq!(tags, ["O", "B-quote", "I-quote", "I-quote", "O", "B-claim"]);
    }

    #[test]
    fn crlf_and_joined_spans() {
        let text = "“One\r\ntwo” and\r\n\r\n“three”";
        let a = annotation(
            1,
            "quote",
            vec![byte_range(text, "One\r\ntwo"), byte_range(text, "three")],
        );
        let (out, _) = conll(text, &[a]);
        assert!(
            out.contains("One\t1\t4\tB-quote\ntwo\t6\t9\tI-quote\n"),
            "{out}"
        );
        assert!(out.contains("three\t19\t24\tB-quote\n"), "{out}");
    }
}
