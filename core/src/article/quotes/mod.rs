//! Finding quotations: the one around the cursor, or every one in an article.
//!
//! Rules, as news copy uses quotation marks:
//!
//! - Which marks there are, which way they face in the article and how they
//!   pair inside a paragraph: see `marks` and [`Convention`].
//! - A single mark left open at the end of its paragraph and not continued
//!   in the next ones is an elision (`'90s`, `'em`), not a quotation.
//! - Quotations nest; the innermost one around the cursor wins. The cursor on
//!   a mark is inside the quotation that mark opens or closes.
//! - A quotation still open at the end of its paragraph goes on in the next
//!   paragraph that opens with a mark of its kind, as newspapers print a long
//!   quote (`“` in English, `„` in German, `«` or `»` in French): one span per
//!   paragraph, until a paragraph closes it. Up to [`MAX_INTERRUPTION`]
//!   paragraphs in between that neither open with a mark nor leave a
//!   quotation open (a photo caption) are skipped. Unbalanced marks never
//!   carry a quotation further.
//!
//! [`quotation_at`] reads only the paragraph at the cursor and those the
//! quotation runs through (plus the few skipped between them), and of a very
//! long paragraph only a window around the cursor; the convention is the
//! article's, inferred once.

mod convention;
mod marks;

pub use convention::Convention;
pub use marks::without_stray_marks;

use std::borrow::Cow;
use std::ops::Range;

use super::{Article, local, spans};
use marks::{Kind, Quote};

/// How many paragraphs (a photo caption, an interjection) may interrupt a
/// quotation that goes on over paragraphs.
pub const MAX_INTERRUPTION: usize = 2;

/// A quotation of the article, as [`quotations`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The text inside the marks, one span per paragraph, in article bytes,
    /// as [`quotation_at`] gives them.
    pub spans: Vec<Range<usize>>,
    /// The mark that opens it, in article bytes.
    pub opening: Range<usize>,
    /// The mark that closes it, `None` when its last paragraph ends with it
    /// still open.
    pub closing: Option<Range<usize>>,
    /// How many quotations it is inside of (0 for one in the running text).
    pub depth: usize,
    /// It is in single marks (`'…'`, `‘…’`, `‚…‘`, `‹…›`, `『…』`).
    pub single: bool,
}

/// What one paragraph says about quotations.
#[derive(Debug, Clone)]
struct Paragraph {
    len: usize,
    quotes: Vec<Quote>,
    /// The quotation opened by a mark at the very start of the paragraph.
    leading: Option<usize>,
    /// The outermost quotation still open at the end of the paragraph.
    open_at_end: Option<usize>,
    /// What was read ends where the paragraph does (only a window around
    /// the cursor is read of a very long one): a quotation open at its end
    /// may go on in the next paragraphs.
    reaches_end: bool,
}

impl Paragraph {
    fn read(text: &str, convention: Convention) -> Paragraph {
        let (quotes, open_at_end) = marks::quotes(text, convention);
        let first = text.len() - text.trim_start().len();
        let leading = quotes.iter().position(|q| q.open.start == first);
        Paragraph {
            len: text.len(),
            quotes,
            leading,
            open_at_end,
            reaches_end: true,
        }
    }

    /// The window of paragraph `text` around `byte` that a cursor reads
    /// (see [`quotation_at`]), as if the paragraph began and ended there,
    /// with its marks at their places in the whole paragraph.
    fn read_around(text: &str, byte: usize, convention: Convention) -> Paragraph {
        let window = local::window(text, byte);
        let mut p = Paragraph::read(&text[window.clone()], convention);
        for q in &mut p.quotes {
            q.open = shifted(&q.open, window.start);
            q.close = q.close.as_ref().map(|c| shifted(c, window.start));
        }
        p.len = window.end;
        if window.start > 0 {
            p.leading = None;
        }
        p.reaches_end = window.end == text.len();
        p
    }

    fn of(article: &Article, index: usize) -> Paragraph {
        Paragraph::read(article.paragraph_text(index), article.quote_convention())
    }
}

/// The paragraphs of an article as the finder reads them: one at a time
/// for a cursor, or all of them once for [`quotations`].
enum Paragraphs<'a> {
    OnDemand(&'a Article),
    Read(&'a Article, Vec<Paragraph>),
}

impl<'a> Paragraphs<'a> {
    fn article(&self) -> &'a Article {
        match self {
            Paragraphs::OnDemand(article) | Paragraphs::Read(article, _) => article,
        }
    }

    fn get(&self, index: usize) -> Cow<'_, Paragraph> {
        match self {
            Paragraphs::OnDemand(article) => Cow::Owned(Paragraph::of(article, index)),
            Paragraphs::Read(_, read) => Cow::Borrowed(&read[index]),
        }
    }
}

impl Paragraph {
    fn kind_of(&self, quote: Option<usize>) -> Option<Kind> {
        quote.map(|i| self.quotes[i].kind)
    }

    /// Whether the quotation open at the end is the one the paragraph opens
    /// with: the paragraph is a link in the middle of a longer quotation.
    fn carries_leading_on(&self) -> bool {
        self.leading.is_some() && self.leading == self.open_at_end
    }

    /// The innermost quotation around `byte`.
    fn innermost_at(&self, byte: usize) -> Option<usize> {
        (0..self.quotes.len())
            .filter(|&i| self.quotes[i].holds(byte, self.len))
            .max_by_key(|&i| self.quotes[i].open.start)
    }

    /// How many other quotations of the paragraph hold quotation `i`.
    fn depth_of(&self, i: usize) -> usize {
        let q = &self.quotes[i];
        self.quotes
            .iter()
            .filter(|o| o.open.start < q.open.start && o.holds(q.open.start, self.len))
            .count()
    }
}

/// The quotation that encloses `byte`: the text inside the nearest enclosing
/// quotation marks, one span per paragraph when the quote goes on over several.
///
/// Of a paragraph longer than 8 KB, only the 4 KB either side of `byte`
/// are read, as if the paragraph began and ended there, so that a key costs
/// the same at any length: a quotation that runs past an edge ends there,
/// and one in so long a paragraph goes on into no other paragraph.
pub fn quotation_at(article: &Article, byte: usize) -> Option<Vec<Range<usize>>> {
    let index = article.paragraph_at(byte)?;
    let range = article.paragraphs()[index].clone();
    if byte < range.start || byte > range.end {
        return None;
    }
    let paragraphs = Paragraphs::OnDemand(article);
    let here = Paragraph::read_around(
        article.paragraph_text(index),
        byte - range.start,
        article.quote_convention(),
    );
    let quote = here.innermost_at(byte - range.start)?;
    let before = if here.leading == Some(quote) {
        links(&paragraphs, index, here.quotes[quote].kind, Way::Back)
    } else {
        Vec::new()
    };
    let first = before.last().map_or(index, |(i, _)| *i);
    let chain = chain_from(&paragraphs, first, &before, index, &here, quote)?;
    Some(chain.spans)
}

/// Every quotation of the article, in the order they open, nested ones
/// after the one around them. Each is what [`quotation_at`] gives for a
/// cursor inside it.
pub fn quotations(article: &Article) -> Vec<Quotation> {
    let read = (0..article.paragraphs().len())
        .map(|i| Paragraph::of(article, i))
        .collect();
    let paragraphs = Paragraphs::Read(article, read);
    let mut found = Vec::new();
    for index in 0..article.paragraphs().len() {
        let here = paragraphs.get(index);
        let mut order: Vec<usize> = (0..here.quotes.len()).collect();
        order.sort_by_key(|&i| here.quotes[i].open.start);
        for quote in order {
            // A quotation that goes on from an earlier paragraph was found there.
            let continues = here.leading == Some(quote)
                && link_before(&paragraphs, index, here.quotes[quote].kind).is_some();
            if continues {
                continue;
            }
            if let Some(q) = chain_from(&paragraphs, index, &[], index, &here, quote) {
                found.push(q);
            }
        }
    }
    found
}

/// The quotation made of `quote` in paragraph `index` (read as `here`), the
/// paragraphs `before` it (nearest first) and those it goes on into.
fn chain_from(
    paragraphs: &Paragraphs,
    first: usize,
    before: &[(usize, Range<usize>)],
    index: usize,
    here: &Paragraph,
    quote: usize,
) -> Option<Quotation> {
    let article = paragraphs.article();
    let q = &here.quotes[quote];
    let mut after = Vec::new();
    if here.open_at_end == Some(quote) {
        if here.reaches_end {
            after = links(paragraphs, index, q.kind, Way::On);
        }
        if q.kind == Kind::Single && before.is_empty() && after.is_empty() {
            // A lone single mark never closed nor continued elides letters
            // ('90s, 'em); it quotes nothing.
            return None;
        }
    }
    let start_of = |i: usize| article.paragraphs()[i].start;
    let opening = match before.last() {
        Some((i, _)) => opening_of(paragraphs, *i),
        None => Some(shifted(&q.open, start_of(index))),
    }?;
    let closing = match after.last() {
        Some((i, _)) => closing_of(paragraphs, *i),
        None => q.close.as_ref().map(|c| shifted(c, start_of(index))),
    };
    let links = before
        .iter()
        .rev()
        .cloned()
        .chain([(index, q.inside(here.len))])
        .chain(after);
    let spans: Vec<Range<usize>> = links
        .filter_map(|(i, inside)| {
            let span = spans::clean(article.paragraph_text(i), inside)?;
            Some(shifted(&span, start_of(i)))
        })
        .collect();
    let depth = if first == index {
        here.depth_of(quote)
    } else {
        0
    };
    (!spans.is_empty()).then_some(Quotation {
        spans,
        opening,
        closing,
        depth,
        single: matches!(
            q.kind,
            Kind::Single | Kind::SingleGuillemet | Kind::WhiteCorner
        ),
    })
}

fn shifted(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

/// The opening mark of the quotation left open at the end of paragraph `i`.
fn opening_of(paragraphs: &Paragraphs, i: usize) -> Option<Range<usize>> {
    let p = paragraphs.get(i);
    let open = &p.quotes[p.open_at_end?].open;
    Some(shifted(open, paragraphs.article().paragraphs()[i].start))
}

/// The closing mark of the quotation paragraph `i` opens with.
fn closing_of(paragraphs: &Paragraphs, i: usize) -> Option<Range<usize>> {
    let p = paragraphs.get(i);
    let close = p.quotes[p.leading?].close.as_ref()?;
    Some(shifted(close, paragraphs.article().paragraphs()[i].start))
}

/// Which way a quotation is followed from a paragraph.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    /// To the earlier paragraphs of a quotation the paragraph continues (it
    /// opens with a mark of its kind).
    Back,
    /// To the later paragraphs of a quotation still open at its end.
    On,
}

/// The paragraphs a quotation of `kind` runs through from paragraph
/// `index` the `way` given: nearest first, each with the range inside its
/// marks.
fn links(
    paragraphs: &Paragraphs,
    mut index: usize,
    kind: Kind,
    way: Way,
) -> Vec<(usize, Range<usize>)> {
    let mut links = Vec::new();
    loop {
        let next = match way {
            Way::Back => link_before(paragraphs, index, kind),
            Way::On => link_after(paragraphs, index, kind),
        };
        let Some((i, p)) = next else { break };
        let quote = match way {
            Way::Back => p.open_at_end,
            Way::On => p.leading,
        };
        if let Some(quote) = quote {
            links.push((i, p.quotes[quote].inside(p.len)));
        }
        if !p.carries_leading_on() {
            break;
        }
        index = i;
    }
    links
}

/// The paragraph before `index` whose open quotation paragraph `index`
/// continues. The first paragraph back that opens with a mark or leaves a
/// quotation open decides; the ones before it are interruptions.
fn link_before<'p>(
    paragraphs: &'p Paragraphs,
    index: usize,
    kind: Kind,
) -> Option<(usize, Cow<'p, Paragraph>)> {
    if too_long_to_link(paragraphs.article(), index) {
        return None;
    }
    let first = index.saturating_sub(MAX_INTERRUPTION + 1);
    for i in (first..index).rev() {
        if too_long_to_link(paragraphs.article(), i) {
            return None;
        }
        let p = paragraphs.get(i);
        if p.open_at_end.is_some() {
            return (p.kind_of(p.open_at_end) == Some(kind)).then_some((i, p));
        }
        if p.leading.is_some() {
            return None;
        }
    }
    None
}

/// The paragraph after `index` that continues the quotation left open at the
/// end of paragraph `index`: the mirror of [`link_before`], so that the same
/// quotation is found from any of its paragraphs.
fn link_after<'p>(
    paragraphs: &'p Paragraphs,
    index: usize,
    kind: Kind,
) -> Option<(usize, Cow<'p, Paragraph>)> {
    if too_long_to_link(paragraphs.article(), index) {
        return None;
    }
    let count = paragraphs.article().paragraphs().len();
    let last = (index + 1 + MAX_INTERRUPTION).min(count.saturating_sub(1));
    for i in index + 1..=last {
        if too_long_to_link(paragraphs.article(), i) {
            return None;
        }
        let p = paragraphs.get(i);
        if p.leading.is_some() {
            return (p.kind_of(p.leading) == Some(kind)).then_some((i, p));
        }
        if p.open_at_end.is_some() {
            return None;
        }
    }
    None
}

/// Whether paragraph `i` is longer than a quotation is looked for in (see
/// [`quotation_at`]): no quotation goes on into it or out of it, so that
/// [`quotations`] finds what a cursor does.
fn too_long_to_link(article: &Article, i: usize) -> bool {
    article.paragraph_text(i).len() > 2 * local::WINDOW
}

#[cfg(test)]
mod tests;
