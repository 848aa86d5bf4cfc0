//! The quotation marks of a paragraph and how they pair.
//!
//! - Marks: straight `"` `'`, curly `“ ” ‘ ’`, low `„ ‚`, guillemets `« » ‹ ›`,
//!   corner brackets `「 」 『 』`, and two marks in a row for a double one
//!   (`''`, `‘‘`, `’’`, and `` `` `` opening as in typeset English). A `'`
//!   or a curly single mark between two letters (`Met's`, `don’t`) is an
//!   apostrophe, not a mark.
//! - Curly marks and guillemets open or close as the article's
//!   [`Convention`] says (`“` closes in a German article). A double mark or a
//!   guillemet that sits where only the other end could (`“` glued to the word
//!   before it and followed by a space, `”` after a space and glued to the word
//!   after it) may act as the other end: it closes an open quotation of its
//!   kind, and opens one otherwise. Such marks are typing slips or the
//!   Swedish `”…”` and `»…»`. A guillemet that starts a paragraph opens, as the
//!   French `»` that carries a quotation on into a new paragraph does.
//! - A straight mark opens when it follows the start of the paragraph, white
//!   space, an opening bracket, a dash or another opening mark, and is
//!   followed by something other than white space; it closes when it follows
//!   something other than white space and is followed by the end, white space
//!   or punctuation. A mark that fits both closes an open quotation of its kind
//!   and opens one otherwise; a mark that fits neither (`5'10`, a Hebrew
//!   gershayim in `צה"ל`) is not a quotation mark.
//! - A closing mark closes the nearest open quotation of its kind (double,
//!   single, guillemet, corner bracket), dropping any quotation opened inside
//!   it and never closed (`'90s`). A closing mark with no open quotation of its
//!   kind is ignored: after a plural (`the students' books`) it is an
//!   apostrophe.

use std::ops::Range;

use super::Convention;
use crate::article::graphemes;

/// Marks pair with marks of the same kind: `„` with `“`, `"` with `”`, but
/// never a double mark with a single one or a guillemet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
    Corner,
    WhiteCorner,
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
pub(super) struct Quote {
    pub kind: Kind,
    pub open: Range<usize>,
    pub close: Option<Range<usize>>,
}

impl Quote {
    /// Whether the cursor at `byte` is inside, marks included. A quotation
    /// still open takes in the end of the paragraph.
    pub fn holds(&self, byte: usize, len: usize) -> bool {
        let end = self.close.as_ref().map_or(len + 1, |c| c.end);
        self.open.start <= byte && byte < end
    }

    /// The text between the marks (to the paragraph's end when still open).
    pub fn inside(&self, len: usize) -> Range<usize> {
        self.open.end..self.close.as_ref().map_or(len, |c| c.start)
    }
}

/// The quotations of a paragraph: closed ones in the order they close, then
/// the outermost one still open at its end, if any, whose index comes second.
pub(super) fn quotes(text: &str, convention: Convention) -> (Vec<Quote>, Option<usize>) {
    pair(marks(text, convention))
}

/// `range` of `text` without a quotation mark at either edge that belongs
/// to a quotation the range does not wholly hold: an opening mark whose
/// quotation goes on past the range, a closing mark of one that began before
/// it. When the range is exactly one quotation, mark to mark, its marks go
/// too, so that the range is what a quote span would be. A single mark right
/// after a letter at the end (`the students'`) is kept: it may be an
/// apostrophe. Marks pair as in an article that follows the convention the
/// range itself shows.
pub fn without_stray_marks(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let marks = marks(piece, Convention::infer(piece));
    let leading = marks.first().filter(|m| m.range.start == 0).cloned();
    let trailing = marks
        .last()
        .filter(|m| m.range.end == piece.len() && !is_apostrophe_at_end(piece, m))
        .cloned();
    let (quotes, _) = pair(marks);
    let closed = |open: &Range<usize>| {
        quotes
            .iter()
            .find(|q| q.open == *open)
            .and_then(|q| q.close.clone())
    };
    let opened = |close: &Range<usize>| quotes.iter().any(|q| q.close.as_ref() == Some(close));
    let mut start = 0;
    let mut end = piece.len();
    if let Some(lead) = &leading {
        let close = closed(&lead.range);
        let whole = close.is_some() && close == trailing.as_ref().map(|t| t.range.clone());
        if close.is_none() || whole {
            start = lead.range.end;
        }
        if whole {
            end = trailing.as_ref().map_or(end, |t| t.range.start);
        }
    }
    if let Some(trail) = &trailing
        && !opened(&trail.range)
        && trail.range.start >= start
    {
        end = trail.range.start;
    }
    let trimmed = range.start + start..range.start + end.max(start);
    super::spans::clean(text, trimmed).unwrap_or(range)
}

/// Whether `mark`, at the end of `piece`, is a single mark right after a
/// letter: a plural possessive as much as a closing mark.
fn is_apostrophe_at_end(piece: &str, mark: &Mark) -> bool {
    mark.kind == Kind::Single
        && piece[..mark.range.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
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

/// The chars that can be quotation marks, alone or doubled.
const MARK_CHARS: &[char] = &[
    '"', '\'', '`', '“', '”', '‘', '’', '„', '‚', '‛', '‟', '«', '»', '‹', '›', '「', '」', '『',
    '』', '｢', '｣', '＂', '〝', '〞', '〟',
];

/// The quotation marks of a paragraph, in order. Only the graphemes that
/// start with a mark char are looked at, with the graphemes on either side
/// of them, so a paragraph costs a scan for those chars.
fn marks(text: &str, convention: Convention) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(MARK_CHARS) {
        let start = from + found;
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        if !graphemes::is_boundary(text, start) {
            continue;
        }
        let mut end = graphemes::next_boundary(text, start);
        let g = &text[start..end];
        let doubled = matches!(g, "'" | "‘" | "’" | "`")
            && text[end..].starts_with(g)
            && graphemes::next_boundary(text, end) == end + g.len();
        if doubled {
            end += g.len();
        }
        let before = (start > 0)
            .then(|| text[graphemes::prev_boundary(text, start)..].chars().next())
            .flatten();
        let after = text[end..].chars().next();
        let around = Around { before, after };
        if let Some((kind, role)) = classify(g, doubled, around, convention) {
            marks.push(Mark {
                range: start..end,
                kind,
                role,
            });
        }
        from = from.max(end);
    }
    marks
}

/// The first chars of the graphemes on either side of a mark, `None` at the
/// ends of the paragraph.
#[derive(Debug, Clone, Copy)]
struct Around {
    before: Option<char>,
    after: Option<char>,
}

impl Around {
    fn between_letters(self) -> bool {
        self.before.is_some_and(char::is_alphabetic) && self.after.is_some_and(char::is_alphabetic)
    }
}

/// Whether grapheme `g` (twice over when `doubled`) is a quotation mark
/// where it stands, and what it can do.
fn classify(
    g: &str,
    doubled: bool,
    around: Around,
    convention: Convention,
) -> Option<(Kind, Role)> {
    use Kind::*;
    use Role::*;
    let low = convention.low_opening;
    let inward = convention.inward_guillemets;
    let flipping = |kind: Kind, role: Role| Some((kind, flipped(role, around)));
    let guillemet = |kind: Kind, opens: bool| match around.before {
        None => Some((kind, Open)),
        Some(_) => flipping(kind, if opens { Open } else { Close }),
    };
    let single = |role: Role| (!around.between_letters()).then_some((Single, role));
    match (g, doubled) {
        ("\"" | "＂", _) | ("'", true) => straight_role(around).map(|r| (Double, r)),
        ("'", false) if !around.between_letters() => straight_role(around).map(|r| (Single, r)),
        ("`", true) | ("„" | "‟" | "〝", _) | ("‘", true) => flipping(Double, Open),
        ("’", true) | ("”" | "〞" | "〟", _) => flipping(Double, Close),
        ("“", _) => flipping(Double, if low { Close } else { Open }),
        ("`", false) => opening_backtick(around).then_some((Single, Open)),
        ("‚" | "‛", _) => Some((Single, Open)),
        ("‘", false) => single(if low { Close } else { Open }),
        ("’", false) => single(Close),
        ("«", _) => guillemet(Guillemet, !inward),
        ("»", _) => guillemet(Guillemet, inward),
        ("‹", _) => guillemet(SingleGuillemet, !inward),
        ("›", _) => guillemet(SingleGuillemet, inward),
        ("「" | "｢", _) => Some((Corner, Open)),
        ("」" | "｣", _) => Some((Corner, Close)),
        ("『", _) => Some((WhiteCorner, Open)),
        ("』", _) => Some((WhiteCorner, Close)),
        _ => None,
    }
}

/// A mark's role, or `Either` when it stands where only the other end of a
/// quotation could.
fn flipped(role: Role, around: Around) -> Role {
    match (role, straight_role(around)) {
        (Role::Open, Some(Role::Close)) | (Role::Close, Some(Role::Open)) => Role::Either,
        _ => role,
    }
}

/// A lone backtick opens a single quotation (`` `like this' ``) where a
/// straight mark would open and could not close.
fn opening_backtick(around: Around) -> bool {
    straight_role(around) == Some(Role::Open)
}

/// What a straight mark can do, from what is around it.
fn straight_role(around: Around) -> Option<Role> {
    let Around { before, after } = around;
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
            '(' | '['
                | '{'
                | '-'
                | '–'
                | '—'
                | '/'
                | '"'
                | '\''
                | '`'
                | '“'
                | '‘'
                | '„'
                | '‚'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '¿'
                | '¡'
        )
}

/// What a closing mark may come before.
fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '…' | '–'
                | '—'
                | '”'
                | '“'
                | '’'
                | '‘'
                | '»'
                | '«'
                | '›'
                | '‹'
                | '。'
                | '，'
                | '、'
                | '！'
                | '？'
                | '：'
                | '；'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The plain walk over every grapheme that [`marks`] must agree with.
    fn every_grapheme(text: &str, convention: Convention) -> Vec<(Range<usize>, Kind, Role)> {
        let mut found = Vec::new();
        let mut before: Option<char> = None;
        let mut graphemes = text.grapheme_indices(true).peekable();
        while let Some((start, g)) = graphemes.next() {
            let mut end = start + g.len();
            let doubled = matches!(g, "'" | "‘" | "’" | "`")
                && graphemes.peek().is_some_and(|&(_, n)| n == g);
            if doubled {
                end += g.len();
                graphemes.next();
            }
            let after = graphemes.peek().and_then(|(_, n)| n.chars().next());
            if let Some((kind, role)) = classify(g, doubled, Around { before, after }, convention) {
                found.push((start..end, kind, role));
            }
            before = g.chars().next();
        }
        found
    }

    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            " ",
            "\t",
            "\n",
            ".",
            ",",
            "(",
            "—",
            "\"",
            "'",
            "''",
            "'''",
            "`",
            "``",
            "“",
            "”",
            "‘",
            "’",
            "’’",
            "„",
            "‚",
            "«",
            "»",
            "‹",
            "›",
            "「",
            "」",
            "『",
            "』",
            "\u{301}",
            "e\u{301}",
            "\u{200d}",
            "👩‍👩‍👧",
            "🇫🇷",
            "漢",
            "ש",
            "\u{a0}",
            "\r\n",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn marks_are_those_of_a_walk_over_every_grapheme(text in text(), low in any::<bool>(), inward in any::<bool>()) {
            let convention = Convention { low_opening: low, inward_guillemets: inward };
            let fast: Vec<_> = marks(&text, convention).into_iter().map(|m| (m.range, m.kind, m.role)).collect();
            prop_assert_eq!(fast, every_grapheme(&text, convention));
        }
    }
}
