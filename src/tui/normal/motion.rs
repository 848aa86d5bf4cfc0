//! Where each motion takes the cursor. Pure functions of the app state: they
//! return the new cursor and change nothing.
//!
//! Grapheme, word and sentence motions cross into the next or previous
//! paragraph at a paragraph's edge, so a selection can grow across paragraphs.

use crate::tui::app::App;
use sayso_core::article::{graphemes, sentences, words};

/// A cursor motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    NextParagraph,
    PrevParagraph,
    FirstParagraph,
    LastParagraph,
    NextGrapheme,
    PrevGrapheme,
    NextWord,
    PrevWord,
    NextSentence,
    PrevSentence,
    ParagraphStart,
    ParagraphEnd,
}

#[cfg(test)]
impl Motion {
    /// Every motion, for tests that try them all.
    pub const ALL: [Motion; 12] = [
        Motion::NextParagraph,
        Motion::PrevParagraph,
        Motion::FirstParagraph,
        Motion::LastParagraph,
        Motion::NextGrapheme,
        Motion::PrevGrapheme,
        Motion::NextWord,
        Motion::PrevWord,
        Motion::NextSentence,
        Motion::PrevSentence,
        Motion::ParagraphStart,
        Motion::ParagraphEnd,
    ];
}

/// The cursor after `motion`, or `None` when there is nowhere to go.
pub fn target(app: &App, motion: Motion) -> Option<usize> {
    let p = app.paragraph()?;
    let paragraphs = app.article.paragraphs();
    let range = paragraphs[p].clone();
    let text = app.article.paragraph_text(p);
    let rel = app.cursor - range.start;
    let start_of = |q: usize| paragraphs[q].start;
    let last = paragraphs.len() - 1;
    match motion {
        Motion::NextParagraph => Some(start_of((p + 1).min(last))),
        Motion::PrevParagraph => Some(start_of(p.saturating_sub(1))),
        Motion::FirstParagraph => Some(start_of(0)),
        Motion::LastParagraph => Some(start_of(last)),
        Motion::ParagraphStart => Some(range.start),
        Motion::ParagraphEnd => Some(range.end),
        Motion::NextGrapheme if rel < text.len() => {
            Some(range.start + graphemes::next_boundary(text, rel))
        }
        Motion::NextGrapheme => (p < last).then(|| start_of(p + 1)),
        Motion::PrevGrapheme if rel > 0 => Some(range.start + graphemes::prev_boundary(text, rel)),
        Motion::PrevGrapheme => (p > 0).then(|| paragraphs[p - 1].end),
        Motion::NextWord => {
            within_or_next(
                app,
                p,
                words::next_word_start(text, rel),
                |t| match words::word_at(t, 0) {
                    Some(_) => Some(0),
                    None => words::next_word_start(t, 0),
                },
            )
        }
        Motion::PrevWord => within_or_prev(app, p, words::prev_word_start(text, rel), |t| {
            words::prev_word_start(t, t.len())
        }),
        Motion::NextSentence => {
            within_or_next(app, p, sentences::next_sentence_start(text, rel), |t| {
                sentences::sentence_at(t, 0).map(|s| s.start)
            })
        }
        Motion::PrevSentence => {
            within_or_prev(app, p, sentences::prev_sentence_start(text, rel), |t| {
                sentences::prev_sentence_start(t, t.len())
            })
        }
    }
}

/// `found` in paragraph `p`, else the first place `first` finds in the next
/// paragraph.
fn within_or_next(
    app: &App,
    p: usize,
    found: Option<usize>,
    first: impl Fn(&str) -> Option<usize>,
) -> Option<usize> {
    let paragraphs = app.article.paragraphs();
    match found {
        Some(rel) => Some(paragraphs[p].start + rel),
        None if p + 1 < paragraphs.len() => {
            let next = app.article.paragraph_text(p + 1);
            Some(paragraphs[p + 1].start + first(next).unwrap_or(0))
        }
        None => None,
    }
}

/// `found` in paragraph `p`, else the place `last` finds in the previous
/// paragraph.
fn within_or_prev(
    app: &App,
    p: usize,
    found: Option<usize>,
    last: impl Fn(&str) -> Option<usize>,
) -> Option<usize> {
    let paragraphs = app.article.paragraphs();
    match found {
        Some(rel) => Some(paragraphs[p].start + rel),
        None if p > 0 => {
            let prev = app.article.paragraph_text(p - 1);
            Some(paragraphs[p - 1].start + last(prev).unwrap_or(0))
        }
        None => None,
    }
}

/// The end of the word that ends after `rel` in `text`, if any.
pub fn next_word_end(text: &str, rel: usize) -> Option<usize> {
    match words::word_at(text, rel) {
        Some(w) if w.end > rel => Some(w.end),
        _ => words::next_word_start(text, rel)
            .and_then(|s| words::word_at(text, s))
            .map(|w| w.end),
    }
}

/// The end of the last word that ends before `rel` in `text`, if any.
pub fn prev_word_end(text: &str, rel: usize) -> Option<usize> {
    let mut start = words::prev_word_start(text, rel)?;
    loop {
        let end = words::word_at(text, start)?.end;
        if end < rel {
            return Some(end);
        }
        start = words::prev_word_start(text, start)?;
    }
}
