//! An article read once for the rules: its language, its sentences and
//! their tokens, its names and its quotations.

use std::ops::Range;

use super::language::{Language, Lexicon};
use super::names::Names;
use super::tokens::{self, Token};
use crate::article::Article;
use crate::article::quotes::{self, Quotation};

/// A sentence: where it is and its tokens.
#[derive(Debug)]
pub struct Sentence<'a> {
    pub range: Range<usize>,
    pub paragraph: usize,
    pub tokens: Vec<Token<'a>>,
}

/// What the rules know of an article.
#[derive(Debug)]
pub struct Reading<'a> {
    pub text: &'a str,
    pub language: Language,
    pub lexicon: &'static Lexicon,
    /// Every sentence, in order.
    pub sentences: Vec<Sentence<'a>>,
    /// For each paragraph, the range of its sentences in `sentences`.
    pub paragraphs: Vec<Range<usize>>,
    pub names: Names,
    /// The quotations in the running text (not those inside another), in order.
    pub quotations: Vec<Quotation>,
}

impl<'a> Reading<'a> {
    pub fn new(article: &'a Article) -> Reading<'a> {
        let text = article.text();
        let language = Language::of(text);
        let long = is_long(text);
        let threads = match long {
            false => 1,
            true => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let sentences = read_sentences(article, threads);
        let mut paragraphs = Vec::with_capacity(article.paragraphs().len());
        let mut next = 0;
        for p in 0..article.paragraphs().len() {
            let first = next;
            while sentences.get(next).is_some_and(|s| s.paragraph == p) {
                next += 1;
            }
            paragraphs.push(first..next);
        }
        let (names, quotations) = side_by_side(
            long,
            || {
                Names::new(
                    language,
                    text,
                    sentences.iter().map(|s| s.tokens.as_slice()),
                )
            },
            || {
                quotes::quotations(article)
                    .into_iter()
                    .filter(|q| q.depth == 0)
                    .collect()
            },
        );
        Reading {
            text,
            language,
            lexicon: language.lexicon(),
            sentences,
            paragraphs,
            names,
            quotations,
        }
    }

    /// The index of the sentence that holds `byte` (the one before it when
    /// `byte` falls between sentences).
    pub fn sentence_at(&self, byte: usize) -> usize {
        self.sentences
            .partition_point(|s| s.range.start <= byte)
            .saturating_sub(1)
    }

    /// The quoted stretches of a paragraph: each quotation's marks and text
    /// within it, in article bytes, with the index of the quotation.
    pub fn quoted_in(&self, paragraph: usize) -> Vec<(Range<usize>, usize)> {
        let Some(sentences) = self.paragraphs.get(paragraph) else {
            return Vec::new();
        };
        let Some(bounds) = self.bounds(sentences) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let first = self
            .quotations
            .partition_point(|q| q.spans.last().is_some_and(|s| s.end < bounds.start));
        for (i, q) in self.quotations.iter().enumerate().skip(first) {
            if q.opening.start > bounds.end {
                break;
            }
            let stretch = stretch_in(q, &bounds);
            if let Some(stretch) = stretch {
                found.push((stretch, i));
            }
        }
        found
    }

    fn bounds(&self, sentences: &Range<usize>) -> Option<Range<usize>> {
        let first = self.sentences.get(sentences.start)?;
        let last = self.sentences.get(sentences.end.checked_sub(1)?)?;
        Some(first.range.start..last.range.end)
    }
}

/// How many bytes of text make it worth reading an article on several
/// threads.
const PARALLEL_BYTES: usize = 256 << 10;

/// Whether `text` is long enough to be read on several threads.
pub fn is_long(text: &str) -> bool {
    text.len() >= PARALLEL_BYTES
}

/// Runs `a` and `b`, which do not depend on each other, and gives what
/// they give: at the same time on two threads when `apart`, one after the
/// other otherwise (a thread costs more than a short article's rules).
pub fn side_by_side<A: Send, B: Send>(
    apart: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !apart {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        // `b` panicking is a bug: it goes on as a panic here.
        (a, b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

/// The sentences of every paragraph, tokenised, on `threads` threads: each
/// reads a run of whole paragraphs, and the runs are put back in order.
fn read_sentences(article: &Article, threads: usize) -> Vec<Sentence<'_>> {
    let text = article.text();
    let read = |paragraphs: Range<usize>| -> Vec<Sentence<'_>> {
        let mut found = Vec::new();
        for p in paragraphs {
            for s in tokens::sentences(text, article.paragraphs()[p].clone()) {
                found.push(Sentence {
                    tokens: tokens::tokens(text, s.clone()),
                    range: s,
                    paragraph: p,
                });
            }
        }
        found
    };
    let count = article.paragraphs().len();
    if threads < 2 || count < threads {
        return read(0..count);
    }
    let per = count.div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..count)
            .step_by(per)
            .map(|from| scope.spawn(move || read(from..(from + per).min(count))))
            .collect();
        parts
            .into_iter()
            // A part that panicked is a bug: it goes on as a panic here.
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The part of quotation `q` (marks included) inside `bounds`.
fn stretch_in(q: &Quotation, bounds: &Range<usize>) -> Option<Range<usize>> {
    let span = q
        .spans
        .iter()
        .find(|s| s.start >= bounds.start && s.end <= bounds.end)?;
    let start = if bounds.contains(&q.opening.start) {
        q.opening.start
    } else {
        // A paragraph that carries the quotation on opens with a mark of its own.
        bounds.start
    };
    let end = match &q.closing {
        Some(c) if c.end <= bounds.end && c.start >= span.end => c.end,
        // Still open at the end of this paragraph.
        _ => bounds.end,
    };
    Some(start.min(span.start)..end.max(span.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_read_on_several_threads_reads_as_on_one() {
        let unit =
            "Zoë said: “We will not 👩\u{200d}👩\u{200d}👧 go.” Mr. Lee left. 漢字です。\n\n";
        let article = Article::from_text(unit.repeat(3000));
        let summary = |sentences: Vec<Sentence>| -> Vec<(Range<usize>, usize, usize)> {
            sentences
                .into_iter()
                .map(|s| (s.range, s.paragraph, s.tokens.len()))
                .collect()
        };
        let one = summary(read_sentences(&article, 1));
        assert_eq!(one.len(), 3000 * 3);
        for threads in [2, 3, 7] {
            assert_eq!(
                summary(read_sentences(&article, threads)),
                one,
                "{threads} threads"
            );
        }
    }
}
