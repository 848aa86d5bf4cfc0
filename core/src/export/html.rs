//! `html`: one self-contained page (no scripts, no outside files) with a
//! section per article: its path, a legend of its labels with their counts,
//! and its text with every exported span highlighted.
//!
//! Each label has a colour and also a cue that reads without colour, as in
//! the annotator: quotes are underlined, claims bold, denials italic, other
//! labels dotted. Overlapping spans nest, so an overlap shows both. Hovering
//! a span shows its label, id, speaker, note and status. The article text is
//! escaped; control characters are shown as visible symbols (`␛`), and so are
//! the bidirectional overrides and isolates, which a browser would otherwise
//! obey: an unclosed U+202E reverses the rest of its line, highlights and all.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Writer;
use crate::annotation::Annotation;
use crate::article::display::{is_hidden_control, visible};
use crate::corpus::{self, Document, Skips};

pub struct Html<'a> {
    out: &'a mut dyn Write,
    started: bool,
}

impl<'a> Html<'a> {
    pub fn new(out: &'a mut dyn Write) -> Html<'a> {
        Html {
            out,
            started: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.out.write_all(HEAD.as_bytes())?;
            self.started = true;
        }
        Ok(())
    }
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sayso">
<title>sayso export</title>
<style>
body { font: 17px/1.6 Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; background: #fff; }
h2 { font: bold 1em system-ui, sans-serif; border-bottom: 1px solid #ccc; margin-top: 3em; overflow-wrap: anywhere; }
.legend { font: 0.85em system-ui, sans-serif; }
.legend span { margin-right: 1.2em; }
.text { white-space: pre-wrap; overflow-wrap: break-word; unicode-bidi: plaintext; tab-size: 4; }
mark { color: inherit; background: var(--bg); border-bottom: 2px solid var(--fg); }
mark.quote { text-decoration: underline; }
mark.claim { font-weight: bold; }
mark.denial { font-style: italic; }
mark.other { text-decoration: underline dotted; }
mark.pending { border-bottom-style: dashed; }
mark.rejected { text-decoration: line-through; }
.control { color: #888; }
</style>
</head>
<body>
"#;

const TAIL: &str = "</body>\n</html>\n";

impl Writer for Html<'_> {
    fn article(
        &mut self,
        document: &Document,
        annotations: &[&Annotation],
        _: &mut Skips,
    ) -> Result<(), corpus::Error> {
        self.start()?;
        let mut page = String::with_capacity(document.article.text().len() * 2);
        page.push_str("<section>\n<h2>");
        escape_into(&mut page, &document.name());
        page.push_str("</h2>\n");
        legend(&mut page, annotations);
        page.push_str("<div class=\"text\">");
        text(&mut page, document.article.text(), annotations);
        page.push_str("</div>\n</section>\n");
        self.out.write_all(page.as_bytes())?;
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        self.start()?;
        self.out.write_all(TAIL.as_bytes())?;
        self.out.flush()
    }
}

/// The legend: each label of `annotations` in its style, with its count.
fn legend(page: &mut String, annotations: &[&Annotation]) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in annotations {
        *counts.entry(&a.label).or_default() += 1;
    }
    page.push_str("<p class=\"legend\">");
    if counts.is_empty() {
        page.push_str("no annotations");
    }
    for (label, count) in counts {
        page.push_str("<span>");
        open_mark(page, label, None);
        escape_into(page, label);
        page.push_str("</mark> ");
        page.push_str(&count.to_string());
        page.push_str("</span>");
    }
    page.push_str("</p>\n");
}

/// The text with the spans of `annotations` as nested `<mark>`s: the text is
/// cut wherever a span starts or ends, and each piece is wrapped in a mark
/// for every span over it, outermost first.
fn text(page: &mut String, text: &str, annotations: &[&Annotation]) {
    let mut spans: Vec<(usize, usize, &Annotation)> = annotations
        .iter()
        .flat_map(|a| a.spans.iter().map(move |s| (s.start, s.end, *a)))
        .collect();
    spans.sort_by_key(|&(start, end, a)| (start, std::cmp::Reverse(end), a.id));
    let mut cuts: Vec<usize> = spans.iter().flat_map(|&(s, e, _)| [s, e]).collect();
    cuts.push(0);
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut next = 0;
    let mut open: Vec<(usize, usize, &Annotation)> = Vec::new();
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        open.retain(|&(_, end, _)| end > from);
        while let Some(&span) = spans.get(next).filter(|s| s.0 <= from) {
            open.push(span);
            next += 1;
        }
        for &(_, _, a) in &open {
            open_mark(page, &a.label, Some(a));
        }
        escape_into(page, &text[from..to]);
        for _ in &open {
            page.push_str("</mark>");
        }
    }
}

/// Opens a `<mark>` in the style of `label`; with the annotation, the hover
/// text and its id.
fn open_mark(page: &mut String, label: &str, annotation: Option<&Annotation>) {
    let (fg, bg) = colours(label);
    let cue = match label {
        "quote" | "claim" | "denial" => label,
        _ => "other",
    };
    page.push_str("<mark class=\"");
    page.push_str(cue);
    if let Some(a) = annotation {
        page.push(' ');
        page.push_str(a.status.name());
    }
    page.push_str("\" style=\"--fg:");
    page.push_str(fg);
    page.push_str(";--bg:");
    page.push_str(bg);
    page.push('"');
    if let Some(a) = annotation {
        page.push_str(" data-id=\"");
        page.push_str(&a.id.to_string());
        page.push_str("\" title=\"");
        escape_attribute(page, &hover(a));
        page.push('"');
    }
    page.push('>');
}

/// What hovering a span shows: `quote 3 · Gavin Williamson · note · accepted`.
fn hover(a: &Annotation) -> String {
    let mut parts = vec![format!("{} {}", a.label, a.id)];
    parts.extend(a.speaker.clone());
    parts.extend(a.note.clone());
    parts.push(a.status.name().to_string());
    parts.join(" · ")
}

/// Text and background colours: the annotator's colours for the default
/// labels, and one of a few others, picked by the label's name, for the rest.
fn colours(label: &str) -> (&'static str, &'static str) {
    const OTHERS: [(&str, &str); 5] = [
        ("#2e7d32", "#2e7d3233"),
        ("#ef6c00", "#ef6c0033"),
        ("#1565c0", "#1565c033"),
        ("#6d4c41", "#6d4c4133"),
        ("#00838f", "#00838f33"),
    ];
    match label {
        "quote" => ("#00838f", "#00bcd433"),
        "claim" => ("#b28900", "#ffd60040"),
        "denial" => ("#ad1457", "#e040fb33"),
        _ => {
            let hash = label.bytes().fold(0usize, |h, b| {
                h.wrapping_mul(31).wrapping_add(usize::from(b))
            });
            OTHERS[hash % OTHERS.len()]
        }
    }
}

/// Appends `text` escaped as HTML text, control characters (other than tab
/// and line breaks) as visible symbols.
fn escape_into(page: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => page.push(c),
            c if is_hidden_control(c) => {
                page.push_str("<span class=\"control\">");
                page.push(visible(c));
                page.push_str("</span>");
            }
            c => escape_char(page, c),
        }
    }
}

/// Appends `text` escaped as an HTML attribute value, control characters
/// as visible symbols.
fn escape_attribute(page: &mut String, text: &str) {
    for c in text.chars() {
        if is_hidden_control(c) {
            page.push(visible(c));
        } else {
            escape_char(page, c);
        }
    }
}

fn escape_char(page: &mut String, c: char) {
    match c {
        '&' => page.push_str("&amp;"),
        '<' => page.push_str("&lt;"),
        '>' => page.push_str("&gt;"),
        '"' => page.push_str("&quot;"),
        '\'' => page.push_str("&#39;"),
        c => page.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::annotation;

    const BIDI: [char; 6] = [
        '\u{202e}', '\u{202d}', '\u{202c}', '\u{2067}', '\u{2069}', '\u{200f}',
    ];

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        for c in BIDI {
            let text = format!("exe{c}.png");
            let mut page = String::new();
            escape_into(&mut page, &text);
            assert!(!page.contains(c), "{c:?} reached the page: {page}");
            assert_eq!(page, "exe<span class=\"control\">\u{fffd}</span>.png");
            let mut attribute = String::new();
            escape_attribute(&mut attribute, &text);
            assert_eq!(attribute, "exe\u{fffd}.png");
        }
    }

    #[test]
    fn letters_and_joiners_that_only_look_alike_are_kept() {
        // Right-to-left letters, the emoji joiner and combining marks are
        // text, not controls.
        let text = "שלום علي 👩\u{200d}👩\u{200d}👧 e\u{301} 中文 🇫🇷";
        let mut page = String::new();
        escape_into(&mut page, text);
        assert_eq!(page, text);
    }

    /// The bytes of `needle` in `text`.
    fn byte_range(text: &str, needle: &str) -> std::ops::Range<usize> {
        let start = text.find(needle).unwrap_or(text.len());
        start..start + needle.len()
    }

    #[test]
    fn an_override_inside_a_span_leaves_the_span_where_it_was() {
        let text = "He wrote \u{202e}the deal is off, said the minister.";
        let quote = annotation(1, "quote", vec![byte_range(text, "the deal is off")]);
        let mut page = String::new();
        super::text(&mut page, text, &[&quote]);
        assert!(!page.contains('\u{202e}'), "{page}");
        assert!(
            page.starts_with("He wrote <span class=\"control\">\u{fffd}</span><mark "),
            "{page}"
        );
        assert!(
            page.contains(">the deal is off</mark>, said the minister."),
            "{page}"
        );
    }
}
