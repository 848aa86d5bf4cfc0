//! How the status line quotes an annotation's text: short, on one line,
//! never cut inside a grapheme.

use unicode_segmentation::UnicodeSegmentation;

use super::app::App;
use sayso_core::annotation::Annotation;
use sayso_core::article::display::{self, one_line};

/// How much of a span's text the status line quotes.
const QUOTED_CHARS: usize = 40;

/// An annotation's text from the start of its first span to the end of its
/// last, quoted, for the status line: whole when it has at most `graphemes`
/// graphemes, else its start and end with `…` between (where two versions
/// of a span usually differ). Never cut inside a grapheme.
pub fn quoted_ends(app: &App, annotation: &Annotation, graphemes: usize) -> String {
    quoted_range(app, annotation.start()..annotation.end(), graphemes)
}

/// The text of `range`, quoted as [`quoted_ends`] quotes an annotation's.
pub fn quoted_range(app: &App, range: std::ops::Range<usize>, graphemes: usize) -> String {
    let text = &app.article.text()[range];
    // Never more than `graphemes` of it are read: a joined annotation may
    // reach over much of the article.
    let shown: String = if text.graphemes(true).nth(graphemes).is_none() {
        one_line(text).into_owned()
    } else {
        let half = graphemes.saturating_sub(1) / 2;
        let head: String = text.graphemes(true).take(half).collect();
        let mut tail: Vec<&str> = text.graphemes(true).rev().take(half).collect();
        tail.reverse();
        format!(
            "{}…{}",
            one_line(head.trim_end()),
            one_line(tail.concat().trim_start())
        )
    };
    format!("“{shown}”")
}

/// The start of an annotation's text, quoted, for the status line.
pub fn quoted(app: &App, annotation: &Annotation) -> String {
    let first = annotation.spans.first().cloned().unwrap_or(0..0);
    let text = &app.article.text()[first];
    let start = display::head(text, QUOTED_CHARS);
    let mut shown = one_line(start).into_owned();
    if start.len() < text.len() || annotation.spans.len() > 1 {
        shown.push('…');
    }
    format!("“{shown}”")
}
