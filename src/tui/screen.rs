//! Where each part of the screen goes, as a pure function of the terminal size.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest terminal the annotator draws in; below it a short message asks
/// for a bigger one instead of a broken screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 6;

/// The parts of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The bordered article pane.
    pub article: Rect,
    /// Inside the border: gutter and text.
    pub gutter: Rect,
    pub text: Rect,
    /// The annotation list, when shown: half the width, for its six columns.
    pub list: Option<Rect>,
    /// The status line under everything.
    pub status: Rect,
}

/// Lays out a terminal of `size`; `None` when it is too small.
/// `gutter_width` is the columns the gutter needs (marker, number, label cues).
pub fn areas(size: Rect, gutter_width: u16, list_open: bool) -> Option<Areas> {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(size);
    let (article, list) = if list_open {
        let [article, list] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(main);
        (article, Some(list))
    } else {
        (main, None)
    };
    let inner = Rect {
        x: article.x + 1,
        y: article.y + 1,
        width: article.width.saturating_sub(2),
        height: article.height.saturating_sub(2),
    };
    let gutter_width = gutter_width.min(inner.width.saturating_sub(10));
    let [gutter, text] =
        Layout::horizontal([Constraint::Length(gutter_width), Constraint::Min(1)]).areas(inner);
    Some(Areas {
        article,
        gutter,
        text,
        list,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_small_terminals_get_no_layout() {
        assert_eq!(areas(Rect::new(0, 0, MIN_WIDTH - 1, 24), 7, false), None);
        assert_eq!(areas(Rect::new(0, 0, 80, MIN_HEIGHT - 1), 7, false), None);
        assert!(areas(Rect::new(0, 0, MIN_WIDTH, MIN_HEIGHT), 7, true).is_some());
    }

    #[test]
    fn the_parts_fit_inside_the_screen_without_overlap() {
        for (width, height, list) in [(80, 24, false), (120, 40, true), (40, 6, true)] {
            let size = Rect::new(0, 0, width, height);
            let a = areas(size, 7, list).expect("big enough");
            assert_eq!(a.status.y, height - 1);
            assert_eq!(a.status.width, width);
            assert!(a.article.bottom() <= a.status.y);
            assert_eq!(a.gutter.right(), a.text.x);
            assert!(a.text.width >= 1 && a.text.height >= 1);
            assert!(a.text.right() < a.article.right(), "text under the border");
            assert_eq!(a.list.is_some(), list);
            if let Some(l) = a.list {
                assert!(a.article.right() <= l.x);
                assert!(l.right() <= width);
            }
        }
    }
}
