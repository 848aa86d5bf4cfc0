//! Going to a paragraph by the number the gutter shows: `:12` `Enter`, or
//! `12g` as in vi. The state is the number being typed (`Mode::GoTo`).

use super::app::{App, Mode};
use super::normal::follow_cursor;

/// What the keys ask for while the number is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoToAction {
    /// A character typed: digits make the number, anything else is refused.
    Input(char),
    Backspace,
    /// `Enter` (or `g`, `G`): go to the start of that paragraph.
    Submit,
    /// `Esc`: go nowhere.
    Cancel,
}

/// `:`, or a digit typed in the article: starts typing a paragraph number
/// (with that digit).
pub(super) fn start(app: &mut App, first: Option<char>) {
    app.mode = Mode::GoTo(first.map(String::from).unwrap_or_default());
}

/// Applies `action` to the number being typed (none: nothing happens).
pub(super) fn update(app: &mut App, action: GoToAction) {
    let Mode::GoTo(typed) = &mut app.mode else {
        return;
    };
    match action {
        GoToAction::Input(c) if c.is_ascii_digit() => typed.push(c),
        GoToAction::Input(_) => {
            app.message = Some("Type the paragraph's number (digits), then Enter.".into());
        }
        GoToAction::Backspace => {
            typed.pop();
        }
        GoToAction::Submit => {
            let typed = std::mem::take(typed);
            app.mode = Mode::Normal;
            go(app, &typed);
        }
        GoToAction::Cancel => app.mode = Mode::Normal,
    }
}

/// Puts the cursor at the start of paragraph `typed` (1-based); a selection
/// grows to it, as with any motion.
fn go(app: &mut App, typed: &str) {
    let count = app.article.paragraphs().len();
    match typed.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => {
            app.cursor = app.article.paragraphs()[n - 1].start;
            if app.anchor.is_none() {
                follow_cursor(app);
            }
        }
        _ if count == 0 => app.message = Some("The article is empty.".into()),
        _ => {
            app.message = Some(format!(
                "No paragraph “{typed}”: the article has paragraphs 1 to {count}."
            ));
        }
    }
}
