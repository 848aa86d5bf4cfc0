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
    /// The annotation list, when shown.
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
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
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
