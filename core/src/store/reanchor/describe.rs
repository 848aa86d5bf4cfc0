//! Saying in a few words what changed in a span's text.

/// Chars of each side a description quotes at most.
const QUOTED: usize = 60;

/// What changed from `old` to `new`: the part that differs with a word of
/// what did not on each side, `the text was “do an criminal”, now “do a
/// criminal”`; line breaks show as `↵`.
pub(super) fn text_change(old: &str, new: &str) -> String {
    if old == new {
        return "its text is the same, but what is around it changed".into();
    }
    let old: Vec<char> = old.chars().collect();
    let new: Vec<char> = new.chars().collect();
    let same_start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let most_end = old.len().min(new.len()) - same_start;
    let same_end = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(most_end)
        .take_while(|(a, b)| a == b)
        .count();
    // The common parts are alike in both, so one widening serves both.
    let from = word_before(&old, same_start);
    let back = word_after(&old, old.len() - same_end);
    let to_old = back;
    let to_new = new.len() - (old.len() - back);
    format!(
        "the text was “{}”, now “{}”",
        quoted(&old, from, to_old),
        quoted(&new, from, to_new)
    )
}

/// The start of the word before the one `at` is in (or at the start of).
fn word_before(chars: &[char], at: usize) -> usize {
    let mut i = at;
    while i > 0 && !chars[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > 0 && chars[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > 0 && !chars[i - 1].is_whitespace() {
        i -= 1;
    }
    i
}

/// The end of the word after the one `at` is in (or at the end of).
fn word_after(chars: &[char], at: usize) -> usize {
    let mut i = at;
    while i < chars.len() && !chars[i].is_whitespace() {
        i += 1;
    }
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    while i < chars.len() && !chars[i].is_whitespace() {
        i += 1;
    }
    i
}

/// `chars[from..to]` with `…` where it was cut, shortened in the middle
/// when long.
fn quoted(chars: &[char], from: usize, to: usize) -> String {
    let to = to.max(from);
    let part = &chars[from..to];
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    if part.len() > QUOTED {
        let half = QUOTED / 2;
        out.extend(part[..half].iter().map(shown));
        out.push('…');
        out.extend(part[part.len() - half..].iter().map(shown));
    } else {
        out.extend(part.iter().map(shown));
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

fn shown(c: &char) -> char {
    match c {
        '\n' | '\r' => '↵',
        c => *c,
    }
}

#[cfg(test)]
mod tests {
    use super::text_change;

    #[test]
    fn one_word_changed_is_shown_with_its_neighbours() {
        assert_eq!(
            text_change(
                "not willing to do an criminal investigation it is clear",
                "not willing to do a criminal investigation it is clear"
            ),
            "the text was “…do an criminal…”, now “…do a criminal…”"
        );
    }

    #[test]
    fn a_paragraph_break_shows_as_a_mark() {
        assert_eq!(
            text_change("one. Two", "one.\n\nTwo"),
            "the text was “one. Two”, now “one.↵↵Two”"
        );
    }

    #[test]
    fn unicode_is_kept_whole() {
        assert_eq!(
            text_change("Zoë said «e\u{301}lan»", "Zoë said «élan»"),
            "the text was “…said «e\u{301}lan»”, now “…said «élan»”"
        );
        assert_eq!(
            text_change("a", "a"),
            "its text is the same, but what is around it changed"
        );
    }

    #[test]
    fn a_long_change_is_shortened_in_the_middle() {
        let old = "a ".repeat(80);
        let new = "b ".repeat(80);
        let said = text_change(&old, &new);
        assert!(said.chars().count() < 160, "{said}");
        assert!(said.contains('…'), "{said}");
    }
}
