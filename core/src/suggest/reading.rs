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
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
    pub tokens: Vec<Token>,
}

/// What the rules know of an article.
#[derive(Debug)]
pub struct Reading<'a> {
    pub text: &'a str,
    pub language: Language,
    pub lexicon: &'static Lexicon,
    /// Every sentence, in order.
    pub sentences: Vec<Sentence>,
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
        let mut sentences = Vec::new();
        let mut paragraphs = Vec::with_capacity(article.paragraphs().len());
        for (p, range) in article.paragraphs().iter().enumerate() {
            let first = sentences.len();
            for s in tokens::sentences(text, range.clone()) {
                sentences.push(Sentence {
                    tokens: tokens::tokens(text, s.clone()),
                    range: s,
                    paragraph: p,
                });
            }
            paragraphs.push(first..sentences.len());
        }
        let token_lists: Vec<Vec<Token>> = sentences.iter().map(|s| s.tokens.clone()).collect();
        let names = Names::new(language, text, &token_lists);
        let quotations = quotes::quotations(article)
            .into_iter()
            .filter(|q| q.depth == 0)
            .collect();
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
