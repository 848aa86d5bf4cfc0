//! Finding the quotation around the cursor.
//!
//! Rules, as news copy uses quotation marks:
//!
//! - Marks: straight `"`, curly `“ ”`, guillemets `« »`, and single marks
//!   `'`, `‘ ’`. Two single marks in a row (`''`, `‘‘`, `’’`) are one double
//!   mark. A `'` or `’` between two letters (`Met's`, `don't`) is an
//!   apostrophe, not a mark.
//! - Curly marks and guillemets say themselves whether they open or close. A
//!   straight mark opens when it follows the start of the paragraph, white
//!   space, an opening bracket, a dash or another opening mark, and is
//!   followed by something other than white space; it closes when it follows
//!   something other than white space and is followed by the end, white space
//!   or punctuation. A mark that fits both closes an open quotation of its kind
//!   and opens one otherwise; a mark that fits neither (`5'10`, a Hebrew
//!   gershayim in `צה"ל`) is not a quotation mark.
//! - A closing mark closes the nearest open quotation of its kind (double,
//!   single, guillemet), dropping any quotation opened inside it and never
//!   closed (`'90s`). A closing mark with no open quotation of its kind is
//!   ignored: after a plural (`the students' books`) it is an apostrophe.
//! - A single mark left open at the end of its paragraph and not continued
//!   in the next ones is an elision (`'90s`, `'em`), not a quotation.
//! - Quotations nest; the innermost one around the cursor wins. The cursor on
//!   a mark is inside the quotation that mark opens or closes.
//! - A quotation still open at the end of its paragraph goes on in the next
//!   paragraph that opens with a mark of its kind, as newspapers print a long
//!   quote: one span per paragraph, until a paragraph closes it. Up to
//!   [`MAX_INTERRUPTION`] paragraphs in between that neither open with a mark
//!   nor leave a quotation open (a photo caption) are skipped.
//!
//! Only the paragraph at the cursor and those the quotation runs through (plus
//! the few skipped between them) are read, and of a very long paragraph only
//! a window around the cursor (see [`quotation_at`]).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{Article, local, spans};

/// How many paragraphs (a photo caption, an interjection) may interrupt a
/// quotation that goes on over paragraphs.
pub const MAX_INTERRUPTION: usize = 2;

/// Marks pair with marks of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Double,
    Single,
    Guillemet,
}

/// What a mark can do, judged from the mark and what is around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// A quotation mark in a paragraph; `range` in bytes of the paragraph.
#[derive(Debug, Clone)]
struct Mark {
    range: Range<usize>,
    kind: Kind,
    role: Role,
}

/// A quotation inside one paragraph: its opening mark and its closing mark,
/// `None` when it is still open at the end of the paragraph.
#[derive(Debug, Clone)]
struct Quote {
    kind: Kind,
    open: Range<usize>,
    close: Option<Range<usize>>,
}

impl Quote {
    /// Whether the cursor at `byte` is inside, marks included. A quotation
    /// still open takes in the end of the paragraph.
    fn holds(&self, byte: usize, len: usize) -> bool {
        let end = self.close.as_ref().map_or(len + 1, |c| c.end);
        self.open.start <= byte && byte < end
    }

    /// The text between the marks (to the paragraph's end when still open).
    fn inside(&self, len: usize) -> Range<usize> {
        self.open.end..self.close.as_ref().map_or(len, |c| c.start)
    }
}

/// What one paragraph says about quotations.
#[derive(Debug)]
struct Paragraph {
    len: usize,
    quotes: Vec<Quote>,
    /// The quotation opened by a mark at the very start of the paragraph.
    leading: Option<usize>,
    /// The outermost quotation still open at the end of the paragraph.
    open_at_end: Option<usize>,
}

impl Paragraph {
    fn read(text: &str) -> Paragraph {
        let (quotes, open_at_end) = pair(marks(text));
        let first = text.len() - text.trim_start().len();
        let leading = quotes.iter().position(|q| q.open.start == first);
        Paragraph {
            len: text.len(),
            quotes,
            leading,
            open_at_end,
        }
    }

    /// A paragraph read whole for a quotation that may go on into it;
    /// `None` when it is longer than a quotation is looked for in (see
    /// [`quotation_at`]): the quotation does not go on into it.
    fn read_whole(text: &str) -> Option<Paragraph> {
        (text.len() <= 2 * local::WINDOW).then(|| Paragraph::read(text))
    }

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
}

/// The quotation that encloses `byte`: the text inside the nearest enclosing
/// quotation marks, one span per paragraph when the quote goes on over several.
///
/// Of a paragraph longer than 8 KB, only the 4 KB either side of `byte`
/// are read, as if the paragraph began and ended there, so that a key costs
/// the same at any length: a quotation that runs past an edge ends there,
/// and goes on into no other paragraph across it.
pub fn quotation_at(article: &Article, byte: usize) -> Option<Vec<Range<usize>>> {
    let index = article.paragraph_at(byte)?;
    let range = article.paragraphs()[index].clone();
    if byte < range.start || byte > range.end {
        return None;
    }
    let text = article.paragraph_text(index);
    let read = local::window(text, byte - range.start);
    let here = Paragraph::read(&text[read.clone()]);
    let quote = here.innermost_at(byte - range.start - read.start)?;

    let kind = here.quotes[quote].kind;
    let mut before = Vec::new();
    if here.leading == Some(quote) && read.start == 0 {
        before = links_before(article, index, kind);
    }
    let mut after = Vec::new();
    if here.open_at_end == Some(quote) {
        if read.end == text.len() {
            after = links_after(article, index, kind);
        }
        if kind == Kind::Single && before.is_empty() && after.is_empty() {
            // A lone single mark never closed nor continued elides letters
            // ('90s, 'em); it quotes nothing.
            return None;
        }
    }
    let inside = here.quotes[quote].inside(here.len);
    let links = before
        .into_iter()
        .rev()
        .chain([(index, read.start + inside.start..read.start + inside.end)])
        .chain(after);
    let spans: Vec<Range<usize>> = links
        .into_iter()
        .filter_map(|(i, inside)| {
            let start = article.paragraphs()[i].start;
            let span = spans::clean(article.paragraph_text(i), inside)?;
            Some(start + span.start..start + span.end)
        })
        .collect();
    (!spans.is_empty()).then_some(spans)
}

/// The earlier paragraphs of a quotation that paragraph `index` continues
/// (it opens with a mark of `kind`), nearest first, each with the range
/// inside its marks.
fn links_before(article: &Article, mut index: usize, kind: Kind) -> Vec<(usize, Range<usize>)> {
    let mut links = Vec::new();
    while let Some((i, p)) = link_before(article, index, kind) {
        if let Some(quote) = p.open_at_end {
            links.push((i, p.quotes[quote].inside(p.len)));
        }
        if !p.carries_leading_on() {
            break;
        }
        index = i;
    }
    links
}

/// The later paragraphs of a quotation still open at the end of paragraph
/// `index`, in order, each with the range inside its marks.
fn links_after(article: &Article, mut index: usize, kind: Kind) -> Vec<(usize, Range<usize>)> {
    let mut links = Vec::new();
    while let Some((i, p)) = link_after(article, index, kind) {
        if let Some(quote) = p.leading {
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
fn link_before(article: &Article, index: usize, kind: Kind) -> Option<(usize, Paragraph)> {
    let first = index.saturating_sub(MAX_INTERRUPTION + 1);
    for i in (first..index).rev() {
        let p = Paragraph::read_whole(article.paragraph_text(i))?;
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
fn link_after(article: &Article, index: usize, kind: Kind) -> Option<(usize, Paragraph)> {
    let last = (index + 1 + MAX_INTERRUPTION).min(article.paragraphs().len().saturating_sub(1));
    for i in index + 1..=last {
        let p = Paragraph::read_whole(article.paragraph_text(i))?;
        if p.leading.is_some() {
            return (p.kind_of(p.leading) == Some(kind)).then_some((i, p));
        }
        if p.open_at_end.is_some() {
            return None;
        }
    }
    None
}

/// Pairs the marks of a paragraph into quotations. Gives the quotations
/// (closed ones, then the outermost one still open, if any) and the index of
/// that open one.
fn pair(marks: Vec<Mark>) -> (Vec<Quote>, Option<usize>) {
    let mut quotes = Vec::new();
    let mut open: Vec<Mark> = Vec::new();
    for mark in marks {
        let opened = open.iter().rposition(|o| o.kind == mark.kind);
        match (mark.role, opened) {
            (Role::Close | Role::Either, Some(at)) => {
                // Quotations opened inside this one and never closed were not
                // quotations ('90s).
                open.truncate(at + 1);
                if let Some(opening) = open.pop() {
                    quotes.push(Quote {
                        kind: mark.kind,
                        open: opening.range,
                        close: Some(mark.range),
                    });
                }
            }
            (Role::Open | Role::Either, _) => open.push(mark),
            (Role::Close, None) => {}
        }
    }
    let open_at_end = open.into_iter().next().map(|outer| {
        quotes.push(Quote {
            kind: outer.kind,
            open: outer.range,
            close: None,
        });
        quotes.len() - 1
    });
    (quotes, open_at_end)
}

/// The quotation marks of a paragraph, in order.
fn marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut before: Option<char> = None;
    let mut graphemes = text.grapheme_indices(true).peekable();
    while let Some((start, g)) = graphemes.next() {
        let mut end = start + g.len();
        let doubled =
            matches!(g, "'" | "‘" | "’") && graphemes.peek().is_some_and(|&(_, n)| n == g);
        if doubled {
            end += g.len();
            graphemes.next();
        }
        let after = graphemes.peek().and_then(|(_, n)| n.chars().next());
        if let Some((kind, role)) = classify(g, doubled, before, after) {
            marks.push(Mark {
                range: start..end,
                kind,
                role,
            });
        }
        before = g.chars().next();
    }
    marks
}

/// Whether grapheme `g` (twice over when `doubled`) is a quotation mark
/// between `before` and `after` (the first chars of the graphemes around it,
/// `None` at the ends of the paragraph), and what it can do.
fn classify(
    g: &str,
    doubled: bool,
    before: Option<char>,
    after: Option<char>,
) -> Option<(Kind, Role)> {
    let between_letters =
        before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic);
    match (g, doubled) {
        ("“", _) | ("‘", true) => Some((Kind::Double, Role::Open)),
        ("”", _) | ("’", true) => Some((Kind::Double, Role::Close)),
        ("«", _) => Some((Kind::Guillemet, Role::Open)),
        ("»", _) => Some((Kind::Guillemet, Role::Close)),
        ("‘", false) => Some((Kind::Single, Role::Open)),
        ("’", false) if !between_letters => Some((Kind::Single, Role::Close)),
        ("\"", _) | ("'", true) => straight_role(before, after).map(|r| (Kind::Double, r)),
        ("'", false) if !between_letters => straight_role(before, after).map(|r| (Kind::Single, r)),
        _ => None,
    }
}

/// What a straight mark can do, from what is around it.
fn straight_role(before: Option<char>, after: Option<char>) -> Option<Role> {
    let opens = before.is_none_or(opens_after) && after.is_some_and(|c| !c.is_whitespace());
    let closes = before.is_some_and(|c| !c.is_whitespace()) && after.is_none_or(closes_before);
    match (opens, closes) {
        (true, false) => Some(Role::Open),
        (false, true) => Some(Role::Close),
        (true, true) => Some(Role::Either),
        (false, false) => None,
    }
}

/// What an opening mark may follow.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | '-' | '–' | '—' | '"' | '\'' | '“' | '‘' | '«'
        )
}

/// What a closing mark may come before.
fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '…' | '–' | '—' | '”' | '’' | '»' | '。' | '，' | '、' | '！' | '？' | '：' | '；'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::graphemes::is_boundary;
    use proptest::prelude::*;

    const SAMPLE: &str = include_str!("../../../annotations/huawei-leak.txt");

    fn sample() -> Article {
        Article::from_text(SAMPLE.to_string())
    }

    /// The spans' texts for a cursor on the first `needle` of paragraph
    /// `index`, `offset` bytes into it.
    fn quoted_at<'a>(
        article: &'a Article,
        index: usize,
        needle: &str,
        offset: usize,
    ) -> Option<Vec<&'a str>> {
        let para = article.paragraph_text(index);
        let at = para.find(needle).map(|i| i + offset);
        assert!(at.is_some(), "{needle:?} is not in paragraph {index}");
        let byte = article.paragraphs()[index].start + at.unwrap_or(0);
        quotation_at(article, byte)
            .map(|spans| spans.into_iter().map(|r| &article.text()[r]).collect())
    }

    fn quoted<'a>(article: &'a Article, index: usize, needle: &str) -> Option<Vec<&'a str>> {
        quoted_at(article, index, needle, 0)
    }

    /// The quotation in a one-paragraph text, cursor on the first `needle`.
    fn quoted_in(text: &str, needle: &str) -> Option<Vec<String>> {
        let article = Article::from_text(text.to_string());
        let at = text.find(needle);
        assert!(at.is_some(), "{needle:?} is not in {text:?}");
        quotation_at(&article, at.unwrap_or(0))
            .map(|spans| spans.into_iter().map(|r| text[r].to_string()).collect())
    }

    #[test]
    fn the_sample_has_the_paragraphs_the_tests_expect() {
        let article = sample();
        assert_eq!(article.paragraphs().len(), 23);
        assert!(article.paragraph_text(12).starts_with("Asst Comm Basu"));
        assert!(article.paragraph_text(15).starts_with("Sir Mark Sedwill"));
        assert!(article.paragraph_text(19).starts_with("\"It would be"));
    }

    #[test]
    fn single_quotes_in_the_headline() {
        let article = sample();
        let expected = Some(vec!["shabby and discredited witch hunt"]);
        assert_eq!(quoted(&article, 0, "discredited"), expected);
        // On the opening and on the closing mark.
        assert_eq!(quoted(&article, 0, "'"), expected);
        assert_eq!(quoted_at(&article, 0, "hunt'", 4), expected);
        assert_eq!(quoted(&article, 0, "Huawei"), None);
    }

    #[test]
    fn two_quotations_in_one_paragraph() {
        let article = sample();
        assert_eq!(
            quoted(&article, 2, "witch"),
            Some(vec!["shabby and discredited witch hunt"])
        );
        assert_eq!(
            quoted(&article, 2, "impartial"),
            Some(vec!["proper, full and impartial"])
        );
        // Between the two quotations: outside both.
        assert_eq!(quoted(&article, 2, "called"), None);
        assert_eq!(quoted(&article, 2, "investigation into it"), None);
    }

    #[test]
    fn a_long_quotation_after_a_colon() {
        let article = sample();
        let found = quoted(&article, 3, "Metropolitan");
        let text = found
            .as_ref()
            .and_then(|spans| spans.first().copied())
            .unwrap_or_default();
        assert_eq!(found.as_ref().map(Vec::len), Some(1));
        assert!(text.starts_with("With the Metropolitan Police"), "{text:?}");
        assert!(text.ends_with("Mark Sedwill."), "{text:?}");
        assert_eq!(quoted(&article, 3, "Scotland Yard"), None);
    }

    #[test]
    fn doubled_single_quotes_are_one_mark() {
        let article = sample();
        assert_eq!(quoted(&article, 22, "right"), Some(vec!["right decision"]));
        assert_eq!(
            quoted(&article, 22, "''right"),
            Some(vec!["right decision"])
        );
        assert_eq!(
            quoted_at(&article, 22, "decision''", 9),
            Some(vec!["right decision"])
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        let article = sample();
        assert_eq!(quoted(&article, 22, "she'd"), None);
        assert_eq!(quoted(&article, 20, "UK's"), None);
        assert_eq!(quoted(&article, 21, "government's"), None);
        // Met's sits before the quotation of paragraph 13 opens.
        assert_eq!(quoted(&article, 12, "Met's"), None);
        assert_eq!(quoted_at(&article, 12, "Met's", 3), None);
    }

    fn the_long_quote(article: &Article) -> Vec<&str> {
        [12, 13, 14, 16, 17, 18, 19]
            .iter()
            .map(|&i| {
                let para = article.paragraph_text(i);
                let inner = para.split_once('"').map_or(para, |(_, rest)| rest);
                inner.strip_suffix('"').unwrap_or(inner)
            })
            .collect()
    }

    #[test]
    fn a_quotation_over_paragraphs_with_a_caption_inside() {
        let article = sample();
        let expected = the_long_quote(&article);
        assert!(expected[0].starts_with("I have spoken to the Cabinet Office"));
        assert!(expected[6].ends_with("in these circumstances."));
        for (index, needle) in [
            (12, "I have spoken"),
            (12, "\"I have"),
            (13, "outcome"),
            (14, "No crime"),
            (16, "Any organisation"),
            (17, "Gateway"),
            (18, "\"No crime"),
            (19, "circumstances"),
        ] {
            assert_eq!(
                quoted(&article, index, needle),
                Some(expected.clone()),
                "from {needle:?} in {index}"
            );
        }
        assert_eq!(
            quoted_at(&article, 19, "circumstances.\"", 14),
            Some(expected.clone())
        );
        // Just after the closing mark: outside.
        assert_eq!(quoted_at(&article, 19, "circumstances.\"", 15), None);
        // The caption and the attribution are not quoted.
        assert_eq!(quoted(&article, 15, "Sedwill"), None);
        assert_eq!(quoted(&article, 12, "Asst"), None);
    }

    #[test]
    fn unquoted_text_and_gaps_give_none() {
        let article = sample();
        assert_eq!(quoted(&article, 9, "prosecuted"), None);
        assert_eq!(quoted(&article, 1, "Credit"), None);
        let gap = article.paragraphs()[0].end + 1;
        assert_eq!(quotation_at(&article, gap), None);
        assert_eq!(quotation_at(&article, article.text().len() + 10), None);
        assert_eq!(quotation_at(&Article::from_text(String::new()), 0), None);
    }

    #[test]
    fn a_single_quote_inside_a_double_one() {
        let text = "He said: \"They called it 'a witch hunt' today.\"";
        assert_eq!(
            quoted_in(text, "witch"),
            Some(vec!["a witch hunt".to_string()])
        );
        assert_eq!(
            quoted_in(text, "'a"),
            Some(vec!["a witch hunt".to_string()])
        );
        assert_eq!(
            quoted_in(text, "called"),
            Some(vec!["They called it 'a witch hunt' today.".to_string()])
        );
        assert_eq!(quoted_in(text, "He said"), None);
    }

    #[test]
    fn curly_quotes_and_guillemets() {
        let text = "Il a dit « c’est fini » et “don’t stop” puis ‘alors’.";
        assert_eq!(
            quoted_in(text, "fini"),
            Some(vec!["c’est fini".to_string()])
        );
        assert_eq!(
            quoted_in(text, "stop"),
            Some(vec!["don’t stop".to_string()])
        );
        assert_eq!(quoted_in(text, "alors"), Some(vec!["alors".to_string()]));
        assert_eq!(quoted_in(text, "puis"), None);
    }

    #[test]
    fn plural_possessives_and_inch_marks_are_not_marks() {
        assert_eq!(
            quoted_in("the students' books and 'more' here", "books"),
            None
        );
        assert_eq!(
            quoted_in("the students' books and 'more' here", "more"),
            Some(vec!["more".to_string()])
        );
        assert_eq!(quoted_in("he is 5'10\" tall", "tall"), None);
        assert_eq!(
            quoted_in("\"The '90s were good,\" she said", "good"),
            Some(vec!["The '90s were good,".to_string()])
        );
    }

    #[test]
    fn a_lone_single_mark_open_at_the_end_is_an_elision() {
        assert_eq!(quoted_in("Back in the '90s it was fine.", "fine"), None);
        assert_eq!(quoted_in("Let 'em go.", "go"), None);
        // An unclosed double mark still quotes to the end of the paragraph.
        assert_eq!(
            quoted_in("He said: \"it was fine.", "fine"),
            Some(vec!["it was fine.".to_string()])
        );
        // A single-quoted quotation over paragraphs is not an elision.
        let text = "He said: 'One.\n\n'Two.'";
        let article = Article::from_text(text.to_string());
        assert_eq!(quotation_at(&article, 10).map(|s| s.len()), Some(2));
    }

    #[test]
    fn unicode_inside_the_marks() {
        for inner in [
            "漢字のテキスト",
            "👩‍👩‍👧 and 🇫🇷",
            "cafe\u{301} noir",
            "שלום עולם",
            "مرحبا بالعالم",
            "tab\there",
            "bell\u{7} and esc\u{1b}",
        ] {
            for (open, close) in [("“", "”"), ("\"", "\""), ("«", "»"), ("‘", "’")] {
                let text = format!("Before {open}{inner}{close} after.");
                assert_eq!(
                    quoted_in(&text, inner),
                    Some(vec![inner.to_string()]),
                    "{text:?}"
                );
            }
        }
        // Hebrew gershayim between letters is not a mark.
        assert_eq!(quoted_in("צה\"ל אמר", "אמר"), None);
        // Double-width CJK marks inside and a combining mark at the end.
        assert_eq!(
            quoted_in("说：“你好 e\u{301}”。", "你"),
            Some(vec!["你好 e\u{301}".to_string()])
        );
    }

    #[test]
    fn continuation_over_crlf_paragraphs() {
        let text = "He said: \"One.\r\n\r\n\"Two.\r\n\r\n\"Three.\"\r\n\r\nAfter.";
        let article = Article::from_text(text.to_string());
        let at = text.find("Two").unwrap_or(0);
        let spans =
            quotation_at(&article, at).map(|s| s.into_iter().map(|r| &text[r]).collect::<Vec<_>>());
        assert_eq!(spans, Some(vec!["One.", "Two.", "Three."]));
        let after = text.find("After").unwrap_or(0);
        assert_eq!(quotation_at(&article, after), None);
    }

    #[test]
    fn more_than_two_interruptions_end_the_quotation() {
        let text = "\"One.\n\nA.\n\nB.\n\nC.\n\n\"Two.\"";
        let article = Article::from_text(text.to_string());
        let one = quotation_at(&article, 2).map(|s| s.len());
        assert_eq!(one, Some(1));
        let two = text.find("Two").unwrap_or(0);
        assert_eq!(quotation_at(&article, two).map(|s| s.len()), Some(1));
        let near = "\"One.\n\nA.\n\nB.\n\n\"Two.\"";
        let article = Article::from_text(near.to_string());
        assert_eq!(quotation_at(&article, 2).map(|s| s.len()), Some(2));
    }

    #[test]
    fn a_paragraph_that_opens_and_closes_its_own_quote_is_not_a_continuation() {
        let text = "\"Open.\n\nCaption.\n\n\"Closed.\" he said.\n\n\"Later.";
        let article = Article::from_text(text.to_string());
        let at = text.find("Later").unwrap_or(0);
        assert_eq!(quotation_at(&article, at).map(|s| s.len()), Some(1));
        let first =
            quotation_at(&article, 2).map(|s| s.into_iter().map(|r| &text[r]).collect::<Vec<_>>());
        assert_eq!(first, Some(vec!["Open.", "Closed."]));
    }

    #[test]
    fn an_empty_quotation_gives_none() {
        assert_eq!(quoted_in("say \"\" now", "\""), None);
        assert_eq!(quoted_in("say \" \" now", "\""), None);
    }

    /// Random articles of a few paragraphs, rich in marks and in Unicode.
    fn quoted_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Met's",
            "students'",
            " ",
            " ",
            "\t",
            "\"",
            "\"",
            "'",
            "''",
            "“",
            "”",
            "‘",
            "’",
            "«",
            "»",
            ".",
            ",",
            ":",
            "(",
            ")",
            "—",
            "\n\n",
            "\r\n\r\n",
            "\n",
            "e\u{301}",
            " \u{301}",
            "👩‍👩‍👧",
            "🇫🇷",
            "漢字",
            "שלום",
            "مرحبا",
            "\u{1b}",
            "5",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn spans_are_clean_ordered_and_inside(text in quoted_text()) {
            let article = Article::from_text(text.clone());
            for byte in 0..=text.len() + 1 {
                let Some(spans) = quotation_at(&article, byte) else { continue };
                prop_assert!(!spans.is_empty());
                let mut last_paragraph = None;
                for span in &spans {
                    prop_assert!(span.start < span.end && span.end <= text.len());
                    prop_assert!(is_boundary(&text, span.start) && is_boundary(&text, span.end));
                    let piece = &text[span.clone()];
                    prop_assert_eq!(piece.trim(), piece);
                    let paragraph = article.paragraph_at(span.start);
                    prop_assert!(paragraph.is_some_and(|p| span.end <= article.paragraphs()[p].end));
                    prop_assert!(paragraph > last_paragraph, "spans out of order: {:?}", spans);
                    last_paragraph = paragraph;
                }
            }
        }
    }

    #[test]
    fn a_long_paragraph_is_read_around_the_cursor_only() {
        let filler = "word ".repeat(3 * local::WINDOW / 5);
        let text = format!("{filler}He said \"no crime\" then. {filler}\n\n\"Next.\"");
        let article = Article::from_text(text.clone());
        let at = text.find("crime").unwrap_or_default();
        let found =
            quotation_at(&article, at).map(|s| s.into_iter().map(|r| &text[r]).collect::<Vec<_>>());
        assert_eq!(found, Some(vec!["no crime"]));
        // A mark one window away is not read: here it opens nothing.
        let far = format!("\"{filler}{filler}no crime\"");
        let article = Article::from_text(far.clone());
        assert_eq!(
            quotation_at(&article, far.find("crime").unwrap_or_default()),
            None
        );
        // A quotation left open at the end of a long paragraph stops at the window.
        let open = format!("{filler}\"no crime {filler}\n\n\"goes on.\"");
        let article = Article::from_text(open.clone());
        let spans = quotation_at(&article, open.find("crime").unwrap_or_default());
        assert_eq!(spans.as_ref().map(Vec::len), Some(1), "{spans:?}");
    }
}
