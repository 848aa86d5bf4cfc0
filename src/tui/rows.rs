//! Moving through the rows of a list drawn a screen at a time: the review
//! panel's and the overview's.

use super::action::Direction;

/// `rows` rows down (`Forward`) or up, as a step to move the selection by.
pub fn signed(rows: usize, direction: Direction) -> isize {
    let rows = isize::try_from(rows).unwrap_or(1);
    match direction {
        Direction::Forward => rows,
        Direction::Backward => -rows,
    }
}

/// The first row on screen, `height` rows high, once the view that starts
/// at `top` has moved just enough to show row `selected`.
pub fn shown_from(top: usize, selected: usize, height: usize) -> usize {
    if selected < top {
        selected
    } else if selected >= top + height {
        selected + 1 - height
    } else {
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_moves_only_as_far_as_the_selection_needs() {
        assert_eq!(shown_from(10, 12, 5), 10);
        assert_eq!(shown_from(10, 4, 5), 4);
        assert_eq!(shown_from(10, 15, 5), 11);
        assert_eq!(shown_from(0, 0, 1), 0);
        assert_eq!(signed(3, Direction::Backward), -3);
        assert_eq!(signed(usize::MAX, Direction::Forward), 1);
    }
}
