//! Segmenting near the cursor instead of from the start of the paragraph.
//!
//! UAX #29 word and sentence segmentation is defined from the start of a text,
//! but some positions are boundaries that nothing before them can move, and
//! that nothing after them can move either: segmenting from such a *safe
//! start* gives exactly the segments that a scan from the start of the text
//! gives from there on, and a scan that stops at one loses nothing before it.
//! Each segmentation says which positions are safe (see `words` and
//! `sentences`); these helpers only walk to the nearest one, so a motion in a
//! 1 MB paragraph costs the distance to the nearest safe start plus the
//! distance to the answer, not the length of the paragraph.

/// The greatest safe start strictly before `byte`, or 0 when there is none.
pub(super) fn safe_start_before(
    text: &str,
    byte: usize,
    is_safe: impl Fn(&str, usize) -> bool,
) -> usize {
    let mut end = byte.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // When `byte` is inside a char or past the end, its floor is before it too.
    let floor = (end < byte).then_some(end);
    let earlier = text[..end].char_indices().rev().map(|(i, _)| i);
    floor
        .into_iter()
        .chain(earlier)
        .find(|&i| i == 0 || is_safe(text, i))
        .unwrap_or(0)
}

/// The last answer before `byte`. `last_in(from, end)` looks at the segments
/// of `text[from..]` (`from` a safe start) that start before `end` and gives
/// the last answer among them; it is asked first from the nearest safe start,
/// then, when that finds nothing, from safe starts further and further back.
pub(super) fn search_back<T>(
    text: &str,
    byte: usize,
    is_safe: impl Fn(&str, usize) -> bool,
    mut last_in: impl FnMut(usize, usize) -> Option<T>,
) -> Option<T> {
    let mut end = byte;
    loop {
        let from = safe_start_before(text, end, &is_safe);
        if let Some(found) = last_in(from, end) {
            return Some(found);
        }
        if from == 0 {
            return None;
        }
        end = from;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after_space(text: &str, at: usize) -> bool {
        text[..at].ends_with(' ')
    }

    #[test]
    fn finds_the_nearest_safe_start_before() {
        let text = "ab cd ef";
        assert_eq!(safe_start_before(text, 8, after_space), 6);
        assert_eq!(safe_start_before(text, 6, after_space), 3);
        assert_eq!(safe_start_before(text, 3, after_space), 0);
        assert_eq!(safe_start_before(text, 0, after_space), 0);
        assert_eq!(safe_start_before(text, 99, after_space), 6);
    }

    #[test]
    fn an_offset_inside_a_char_is_floored() {
        let text = "a é";
        assert_eq!(safe_start_before(text, 3, after_space), 2);
    }

    #[test]
    fn searches_back_chunk_by_chunk_until_found() {
        let text = "ab cd ef";
        let mut asked = Vec::new();
        let found = search_back(text, 8, after_space, |from, end| {
            asked.push((from, end));
            (from == 0).then_some(from)
        });
        assert_eq!(found, Some(0));
        assert_eq!(asked, vec![(6, 8), (3, 6), (0, 3)]);
        assert_eq!(
            search_back(text, 8, after_space, |_, _| None::<usize>),
            None
        );
    }
}
