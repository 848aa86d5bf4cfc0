//! RON string literals on one line, read without `ron`.
//!
//! The canonical reader (see the `canonical` module) meets each string as the
//! text between its quotes on one line. This module finds where a literal ends
//! and decodes its escapes exactly as `ron` 0.12 does (`Parser::parse_escape`):
//! `\"` `\\` `\'` `\n` `\r` `\t` `\0`, `\u{…}` with one to six hex digits, and
//! `\xNN`, where a run of `\x` escapes spells the UTF-8 bytes of one char.
//! Whatever else follows a backslash is refused, as `ron` refuses it; the
//! caller then leaves the file to `ron`, which reports where it goes wrong.
//! Every other char, a raw tab included, stands for itself.

/// An escape that `ron` would refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BadEscape;

/// Splits `s`, which must start with `"`, into the raw contents of that
/// literal (escapes still in) and what follows its closing quote; `None` when
/// it does not start with a quote or does not close.
pub(super) fn split(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_prefix('"')?;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Some((&body[..i], &body[i + 1..])),
            // The escaped char cannot end the literal, even when it is a quote.
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// The chars that the raw contents `raw` of a literal stand for.
fn chars(raw: &str) -> Chars<'_> {
    Chars { rest: raw }
}

/// Whether `raw` stands for exactly `expected`; `None` when `raw` holds an
/// escape that `ron` would refuse.
pub(super) fn equals(raw: &str, expected: &str) -> Option<bool> {
    // What is left of `expected` to match; `None` after a difference, when
    // reading on only checks the escapes: a bad escape anywhere makes the
    // file one for `ron` to judge.
    let mut rest = Some(expected);
    let mut raw = raw;
    loop {
        // Text between escapes is compared as a whole, not char by char.
        let verbatim = raw.find('\\').unwrap_or(raw.len());
        rest = rest.and_then(|r| r.strip_prefix(&raw[..verbatim]));
        let Some(escaped) = raw[verbatim..].strip_prefix('\\') else {
            return Some(rest == Some(""));
        };
        let (c, after) = escape(escaped)?;
        rest = rest.and_then(|r| r.strip_prefix(c));
        raw = after;
    }
}

/// Whether `raw` is a literal that `ron` reads.
pub(super) fn is_valid(raw: &str) -> bool {
    !raw.contains('\\') || chars(raw).all(|c| c.is_ok())
}

/// The string that `raw` stands for; `None` when it holds an escape that
/// `ron` would refuse.
pub(super) fn unescape(raw: &str) -> Option<String> {
    // Every escape is longer than the char it stands for.
    let mut out = String::with_capacity(raw.len());
    unescape_into(raw, &mut out)?;
    Some(out)
}

/// Appends the string that `raw` stands for to `out`; `None` when it holds
/// an escape that `ron` would refuse (`out` then holds part of it).
pub(super) fn unescape_into(raw: &str, out: &mut String) -> Option<()> {
    if !raw.contains('\\') {
        out.push_str(raw);
        return Some(());
    }
    for c in chars(raw) {
        out.push(c.ok()?);
    }
    Some(())
}

/// The chars of a literal's raw contents, see [`chars`].
struct Chars<'a> {
    rest: &'a str,
}

impl Iterator for Chars<'_> {
    type Item = Result<char, BadEscape>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut rest = self.rest.chars();
        let c = rest.next()?;
        if c != '\\' {
            self.rest = rest.as_str();
            return Some(Ok(c));
        }
        match escape(rest.as_str()) {
            Some((c, after)) => {
                self.rest = after;
                Some(Ok(c))
            }
            None => {
                // Nothing after a bad escape is read.
                self.rest = "";
                Some(Err(BadEscape))
            }
        }
    }
}

/// The char that the escape at the start of `s` (just after its backslash)
/// stands for, and the text after the escape.
fn escape(s: &str) -> Option<(char, &str)> {
    let mut rest = s.chars();
    let c = match rest.next()? {
        '"' => '"',
        '\\' => '\\',
        '\'' => '\'',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '0' => '\0',
        'u' => return unicode_escape(rest.as_str()),
        'x' => return byte_escapes(rest.as_str()),
        _ => return None,
    };
    Some((c, rest.as_str()))
}

/// `{1F600}`: one to six hex digits naming a Unicode scalar value.
fn unicode_escape(s: &str) -> Option<(char, &str)> {
    let body = s.strip_prefix('{')?;
    let digits = body.bytes().take_while(u8::is_ascii_hexdigit).count();
    if !(1..=6).contains(&digits) {
        return None;
    }
    let rest = body[digits..].strip_prefix('}')?;
    let value = u32::from_str_radix(&body[..digits], 16).ok()?;
    Some((char::from_u32(value)?, rest))
}

/// `NN` after a `\x`, then as many `\xNN` as the UTF-8 encoding of one char
/// needs: `\x41` is `A`, `\xC3\xA9` is `é`.
fn byte_escapes(s: &str) -> Option<(char, &str)> {
    let mut bytes = [0u8; 4];
    let mut rest = s;
    for i in 0..bytes.len() {
        if i > 0 {
            rest = rest.strip_prefix("\\x")?;
        }
        let digits = rest.get(..2)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        bytes[i] = u8::from_str_radix(digits, 16).ok()?;
        rest = &rest[2..];
        if let Ok(decoded) = std::str::from_utf8(&bytes[..=i]) {
            return decoded.chars().next().map(|c| (c, rest));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What `ron` makes of `raw` between quotes, when it reads it.
    fn ron_reads(raw: &str) -> Option<String> {
        ron::from_str::<String>(&format!("\"{raw}\"")).ok()
    }

    #[test]
    fn splits_at_the_first_unescaped_quote() {
        assert_eq!(split(r#""a\"b", x"#), Some((r#"a\"b"#, ", x")));
        assert_eq!(split(r#""a\\", "b""#), Some((r"a\\", r#", "b""#)));
        assert_eq!(split(r#""é👩‍👩‍👧""#), Some(("é👩‍👩‍👧", "")));
        assert_eq!(split(r#""open"#), None);
        assert_eq!(split(r#""ends in \""#), None);
        assert_eq!(split("x\"\""), None);
    }

    #[test]
    fn decodes_every_escape_ron_knows() {
        let cases = [
            (r#"\"\\\'"#, "\"\\'"),
            (r"\n\r\t\0", "\n\r\t\0"),
            (
                r"\u{41}\u{0}\u{1F600}\u{10FFFF}\u{00e9}",
                "A\0😀\u{10ffff}é",
            ),
            (r"\x41\x7f\x00", "A\u{7f}\0"),
            (r"\xC3\xA9\xe4\xb8\xad\xF0\x9F\x98\x80", "é中😀"),
            ("tab\there\u{1b}", "tab\there\u{1b}"),
            (
                "e\u{301} 👩\u{200d}👩\u{200d}👧 🇫🇷 שלום",
                "e\u{301} 👩\u{200d}👩\u{200d}👧 🇫🇷 שלום",
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(unescape(raw).as_deref(), Some(expected), "{raw}");
            assert_eq!(ron_reads(raw).as_deref(), Some(expected), "ron on {raw}");
            assert_eq!(equals(raw, expected), Some(true));
            assert!(is_valid(raw));
        }
    }

    #[test]
    fn refuses_what_ron_refuses() {
        for raw in [
            r"\q",
            r"\",
            r"\u41",
            r"\u{}",
            r"\u{1234567}",
            r"\u{D800}",
            r"\u{110000}",
            r"\u{4g}",
            r"\xC3",
            r"\xC3\x41",
            r"\x80",
            r"\x4",
            r"\xg1",
            r"\xé",
            "\\\r",
        ] {
            assert_eq!(unescape(raw), None, "{raw}");
            assert_eq!(ron_reads(raw), None, "ron on {raw}");
            assert!(!is_valid(raw), "{raw}");
            assert_eq!(equals(raw, ""), None, "{raw}");
        }
    }

    #[test]
    fn a_bad_escape_after_a_difference_is_still_refused() {
        assert_eq!(equals(r"ab\n", "xb\n"), Some(false));
        assert_eq!(equals(r"ab\q", "xb"), None);
        assert_eq!(equals(r"a\n", "a\nb"), Some(false));
        assert_eq!(equals(r"a\nb", "a\n"), Some(false));
        assert_eq!(equals("abc", "ab"), Some(false));
    }

    /// Spells `c` with one of the escapes `ron` reads, chosen by `style`.
    fn spelled(c: char, style: u8) -> String {
        match (style % 5, c) {
            (0, '"' | '\\') => format!("\\{c}"),
            (0, _) => c.to_string(),
            (1, _) => format!("\\u{{{:x}}}", u32::from(c)),
            (2, _) => format!("\\u{{{:06X}}}", u32::from(c)),
            (3, _) => c
                .to_string()
                .bytes()
                .map(|b| format!("\\x{b:02x}"))
                .collect(),
            (_, '\n') => "\\n".into(),
            (_, '\r') => "\\r".into(),
            (_, '\t') => "\\t".into(),
            (_, '\0') => "\\0".into(),
            (_, '\'') => "\\'".into(),
            (_, _) => format!("\\u{{{:X}}}", u32::from(c)),
        }
    }

    proptest! {
        #[test]
        fn any_spelling_reads_back_as_ron_reads_it(
            chars in prop::collection::vec((any::<char>(), any::<u8>()), 0..24),
        ) {
            let text: String = chars.iter().map(|&(c, _)| c).collect();
            let raw: String = chars.iter().map(|&(c, style)| spelled(c, style)).collect();
            prop_assert_eq!(ron_reads(&raw), Some(text.clone()));
            prop_assert_eq!(unescape(&raw), Some(text.clone()));
            prop_assert_eq!(equals(&raw, &text), Some(true));
        }

        #[test]
        fn agrees_with_ron_on_any_backslash_soup(
            raw in "[\\\\\"'nrt0xuU{}0-9a-fA-Gé\u{301}\t]{0,16}",
        ) {
            let quoted = format!("\"{raw}\"");
            if let Some((inside, "")) = split(&quoted) {
                prop_assert_eq!(unescape(inside), ron_reads(inside));
                prop_assert_eq!(is_valid(inside), ron_reads(inside).is_some());
            }
        }
    }
}
