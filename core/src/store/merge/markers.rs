//! The two sides of a file git merged as text and left with conflict
//! markers (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>`).

/// The versions a file with conflict markers holds: the lines outside the
/// conflicts belong to each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    pub ours: String,
    pub theirs: String,
    /// The base, when git wrote it (`merge.conflictStyle` `diff3` or
    /// `zdiff3`).
    pub base: Option<String>,
}

/// Why a file's sides cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkerError {
    #[error("holds no git conflict markers")]
    None,
    #[error("has a conflict that starts at line {line} but does not end (no `>>>>>>>` line)")]
    Unclosed { line: usize },
    #[error("has a git conflict marker out of place at line {line}")]
    OutOfPlace { line: usize },
}

/// Where a line is, as the file is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Outside,
    Ours,
    Base,
    Theirs,
}

/// The sides of `source`.
pub fn conflict_sides(source: &str) -> Result<Sides, MarkerError> {
    let mut sides = Sides {
        ours: String::with_capacity(source.len()),
        theirs: String::with_capacity(source.len()),
        base: None,
    };
    let mut base = String::new();
    let mut part = Part::Outside;
    let mut opened = 0;
    let mut seen = false;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        let marker = |m: &str| is_marker(line, m);
        part = match part {
            Part::Outside if marker("<<<<<<<") => {
                (opened, seen) = (i + 1, true);
                Part::Ours
            }
            Part::Ours if marker("|||||||") => {
                sides.base.get_or_insert_with(String::new);
                Part::Base
            }
            Part::Ours | Part::Base if marker("=======") => Part::Theirs,
            Part::Theirs if marker(">>>>>>>") => Part::Outside,
            _ if ["<<<<<<<", "|||||||", "=======", ">>>>>>>"]
                .iter()
                .any(|m| marker(m)) =>
            {
                return Err(MarkerError::OutOfPlace { line: i + 1 });
            }
            _ => {
                let (to_ours, to_base, to_theirs) = match part {
                    Part::Outside => (true, true, true),
                    Part::Ours => (true, false, false),
                    Part::Base => (false, true, false),
                    Part::Theirs => (false, false, true),
                };
                if to_ours {
                    sides.ours.push_str(line);
                }
                if to_base {
                    base.push_str(line);
                }
                if to_theirs {
                    sides.theirs.push_str(line);
                }
                part
            }
        };
    }
    if part != Part::Outside {
        return Err(MarkerError::Unclosed { line: opened });
    }
    if !seen {
        return Err(MarkerError::None);
    }
    if sides.base.is_some() {
        sides.base = Some(base);
    }
    Ok(sides)
}

/// Whether `line` is the conflict marker `marker`: the seven chars, then
/// the end of the line or a space and a label.
fn is_marker(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker).is_some_and(|rest| {
        let rest = rest.trim_end_matches(['\n', '\r']);
        rest.is_empty() || rest.starts_with(' ')
    })
}

/// Whether `source` holds a line that opens a git conflict.
pub(crate) fn has_conflict_markers(source: &str) -> bool {
    first_marker_line(source) > 0
}

/// The 1-based line that opens the first conflict, 0 when there is none.
pub(crate) fn first_marker_line(source: &str) -> usize {
    source
        .lines()
        .position(|l| is_marker(l, "<<<<<<<"))
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_two_sides_and_keeps_what_is_common() {
        let text = "a\n<<<<<<< HEAD\nours 中文\n=======\ntheirs 🇫🇷\n>>>>>>> branch\nz\r\n";
        let sides = conflict_sides(text);
        assert_eq!(
            sides,
            Ok(Sides {
                ours: "a\nours 中文\nz\r\n".into(),
                theirs: "a\ntheirs 🇫🇷\nz\r\n".into(),
                base: None,
            })
        );
        assert_eq!(first_marker_line(text), 2);
    }

    #[test]
    fn reads_the_base_of_diff3_markers() {
        let text = "<<<<<<< ours\no\n||||||| base\nb\n=======\nt\n>>>>>>> theirs\n";
        let sides = conflict_sides(text).expect("well formed");
        assert_eq!(sides.base.as_deref(), Some("b\n"));
        assert_eq!((sides.ours.as_str(), sides.theirs.as_str()), ("o\n", "t\n"));
    }

    #[test]
    fn broken_markers_are_told_apart() {
        assert_eq!(conflict_sides("a\nb\n"), Err(MarkerError::None));
        assert_eq!(
            conflict_sides("x\n<<<<<<< a\no\n=======\n"),
            Err(MarkerError::Unclosed { line: 2 })
        );
        assert_eq!(
            conflict_sides("=======\n"),
            Err(MarkerError::OutOfPlace { line: 1 })
        );
        // Text that only starts like a marker is text.
        assert!(!has_conflict_markers("<<<<<<<<< not one\n"));
        assert!(has_conflict_markers("(\n<<<<<<<\n"));
    }
}
