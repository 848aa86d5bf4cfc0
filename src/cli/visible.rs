//! Output that a file cannot turn into terminal commands.
//!
//! A file name, a speaker or a label may hold escape sequences (`\e]0;…\a`
//! sets the terminal's title, `\e]52;…` writes its clipboard) and
//! bidirectional controls (U+202E turns the rest of the line around). What
//! sayso writes for people (tables, summaries, warnings, errors) goes through
//! [`Visible`], which shows them as symbols (`␛`, `␇`, `�`), as the annotator
//! does; so does a machine format written to a terminal. A machine format
//! written to a file or a pipe keeps its bytes exactly.

use std::io::{self, IsTerminal, Write};

use sayso_core::article::display::{is_hidden_control, visible};

/// A writer that passes text on with every control and bidirectional
/// character shown as a symbol, but for the line break, the tab, and a
/// carriage return before a line break (a CSV row ends so): a lone carriage
/// return would let the rest of a line overwrite what came before it. A char
/// split between two writes, and a carriage return at the end of one, are
/// held back until the next write says what they are; bytes that are not
/// UTF-8 pass as they are (they cannot form a control character).
pub struct Visible<W: Write> {
    out: W,
    /// Bytes held back: the start of a char whose other bytes are still to
    /// come, or a carriage return that may start a CR LF.
    held: Vec<u8>,
}

impl<W: Write> Visible<W> {
    pub fn new(out: W) -> Visible<W> {
        Visible {
            out,
            held: Vec::new(),
        }
    }

    /// Writes `text` with its hidden characters shown.
    fn write_text(&mut self, text: &str) -> io::Result<()> {
        let mut from = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let passes = match c {
                '\n' | '\t' => true,
                '\r' => chars.peek().is_some_and(|&(_, next)| next == '\n'),
                c => !is_hidden_control(c),
            };
            if !passes {
                self.out.write_all(&text.as_bytes()[from..i])?;
                let mut symbol = [0; 4];
                self.out
                    .write_all(visible(c).encode_utf8(&mut symbol).as_bytes())?;
                from = i + c.len_utf8();
            }
        }
        self.out.write_all(&text.as_bytes()[from..])
    }

    /// Writes `bytes`: its UTF-8 text shown, anything else as it is.
    fn write_bytes(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            match std::str::from_utf8(bytes) {
                Ok(text) => return self.write_text(text),
                Err(e) => {
                    let (good, bad) = bytes.split_at(e.valid_up_to());
                    // Checked by `from_utf8` up to here.
                    self.write_text(std::str::from_utf8(good).unwrap_or_default())?;
                    let n = e.error_len().unwrap_or(bad.len());
                    self.out.write_all(&bad[..n])?;
                    bytes = &bad[n..];
                }
            }
        }
        Ok(())
    }
}

/// How many bytes at the end of `bytes` wait for the next write: a char cut
/// short, or a carriage return.
fn to_hold(bytes: &[u8]) -> usize {
    let cut = (1..=bytes.len().min(3)).find(|&n| {
        // The lead byte of a char longer than the `n` bytes from it on.
        let length = match bytes[bytes.len() - n] {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => 0,
        };
        length > n
    });
    match cut {
        Some(n) => n,
        None => usize::from(bytes.last() == Some(&b'\r')),
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.held.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.held);
        let keep = bytes.len() - to_hold(&bytes);
        self.write_bytes(&bytes[..keep])?;
        self.held = bytes[keep..].to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.write_bytes(&held)?;
        self.out.flush()
    }
}

/// Stdout for a machine format: its bytes as they are, or shown as
/// [`Visible`] does when stdout is a terminal (a person reads it there).
pub fn machine_stdout() -> Box<dyn Write> {
    let stdout = io::stdout();
    if stdout.is_terminal() {
        Box::new(Visible::new(stdout.lock()))
    } else {
        Box::new(stdout.lock())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(writes: &[&[u8]]) -> Vec<u8> {
        let mut out = Visible::new(Vec::new());
        for bytes in writes {
            assert_eq!(out.write(bytes).ok(), Some(bytes.len()));
        }
        assert!(out.flush().is_ok());
        out.out
    }

    #[test]
    fn escapes_and_bidi_controls_become_symbols_and_lines_stay() {
        let out = shown(&[b"a\x1b]0;title\x07b\n", "\u{202e}c\t\r\n".as_bytes()]);
        assert_eq!(String::from_utf8_lossy(&out), "a␛]0;title␇b\n�c\t\r\n");
    }

    #[test]
    fn only_a_carriage_return_before_a_line_break_passes() {
        let cases: [(&[&[u8]], &str); 4] = [
            (&[b"row\r\nsecret\rover\n"], "row\r\nsecret␍over\n"),
            (&[b"row\r", b"\nnext"], "row\r\nnext"),
            (&[b"row\r", b"over"], "row␍over"),
            (&[b"end\r"], "end␍"),
        ];
        for (writes, expected) in cases {
            assert_eq!(
                String::from_utf8_lossy(&shown(writes)),
                expected,
                "{writes:?}"
            );
        }
    }

    #[test]
    fn a_char_split_between_writes_is_kept_whole() {
        let text = "Zoë 北京 👩‍👩‍👧 \u{202e}".as_bytes();
        for cut in 0..=text.len() {
            let out = shown(&[&text[..cut], &text[cut..]]);
            assert_eq!(
                String::from_utf8_lossy(&out),
                "Zoë 北京 👩‍👩‍👧 �",
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_c1_control_split_between_writes_is_still_shown() {
        // U+009B, the one-byte CSI of 8-bit terminals, is two bytes in UTF-8.
        let out = shown(&[b"x\xc2", b"\x9b2J"]);
        assert_eq!(String::from_utf8_lossy(&out), "x�2J");
    }

    #[test]
    fn bytes_that_are_not_utf8_pass_and_a_cut_char_is_flushed() {
        assert_eq!(shown(&[b"a\xffb"]), b"a\xffb");
        assert_eq!(shown(&[b"a\xe2\x80"]), b"a\xe2\x80");
    }
}
