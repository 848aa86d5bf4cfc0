//! `D` and `T` with `--compare`: going through the disagreements with the
//! other editor, and taking their version of one.
//!
//! `T` on the current disagreement (the one `D` went to, still shown)
//! makes mine what theirs is, as one step that `u` undoes, by the rules of
//! [`change::take_theirs`]: mine becomes theirs and is accepted, theirs
//! alone is added (or a rejected copy of mine accepted again), mine alone
//! is deleted.

use crate::tui::app::App;
use crate::tui::apply::{Refused, Step, apply};
use crate::tui::compare::{Disagreement, speakers_differ};
use crate::tui::quoting::quoted_ends;
use sayso_core::annotation::{Annotation, change};
use sayso_core::article::spans;

/// How many chars of each version's text the status line quotes.
const QUOTED_CHARS: usize = 24;

const NOT_COMPARING: &str = "Not comparing: open the article with --compare OTHER.ann.ron to see another editor's annotations.";

/// The current disagreement while it is on screen: `D` went to it, it is
/// not settled, and the current annotation is still my side of it (or none,
/// when only they have one).
pub fn active(app: &App) -> Option<Disagreement> {
    let compare = app.compare.as_ref()?;
    let d = compare.current?;
    (compare.contains(&d) && app.current == d.mine).then_some(d)
}

/// `D`: goes to the next disagreement, makes it current and says what
/// differs.
pub(super) fn next(app: &mut App) {
    let Some(compare) = &mut app.compare else {
        app.message = Some(NOT_COMPARING.into());
        return;
    };
    let Some(d) = compare.next(app.cursor) else {
        app.message = Some(format!(
            "No disagreement with {}: you agree on every annotation.",
            compare.file_name
        ));
        return;
    };
    compare.current = Some(d);
    app.cursor = d.start;
    app.anchor = None;
    app.current = d.mine;
    app.message = Some(describe(app, d));
}

/// What differs, first, for the status line, and then theirs, what `T`
/// would make mine (a narrow status line cuts off the end): "≠ span:
/// theirs “…”, yours “…” · quote", "≠ only theirs (T adds it): claim “…”".
fn describe(app: &App, d: Disagreement) -> String {
    match sides(app, d) {
        (Some(m), Some(t)) => {
            let text = |a: &Annotation| quoted_ends(app, a, QUOTED_CHARS);
            let speaker = |a: &Annotation| a.speaker.clone().unwrap_or_default();
            let (mut what, mut yours, mut theirs, mut same) = (vec![], vec![], vec![], vec![]);
            if m.label == t.label {
                same.push(m.label.clone());
            } else {
                what.push("label");
                yours.push(m.label.clone());
                theirs.push(t.label.clone());
            }
            if coverage(m) == coverage(t) {
                same.push(text(m));
            } else {
                what.push("span");
                yours.push(text(m));
                theirs.push(text(t));
            }
            if speakers_differ(m, t) {
                what.push("speaker");
                yours.push(format!("({})", speaker(m)));
                theirs.push(format!("({})", speaker(t)));
            }
            let same = if same.is_empty() {
                String::new()
            } else {
                format!(" · {}", same.join(" "))
            };
            format!(
                "≠ {}: theirs {}, yours {}{same}",
                listed(&what),
                theirs.join(" "),
                yours.join(" ")
            )
        }
        (Some(m), None) => format!("≠ only yours (T deletes it): {}", side(app, m)),
        (None, Some(t)) => format!("≠ only theirs (T adds it): {}", side(app, t)),
        (None, None) => String::new(),
    }
}

/// My annotation and theirs in a disagreement.
fn sides(app: &App, d: Disagreement) -> (Option<&Annotation>, Option<&Annotation>) {
    let mine = d.mine.and_then(|id| app.annotations.get(id));
    let theirs = d
        .theirs
        .and_then(|id| app.compare.as_ref().and_then(|c| c.theirs.get(id)));
    (mine, theirs)
}

/// The characters an annotation covers, as agreement compares them.
fn coverage(a: &Annotation) -> Vec<std::ops::Range<usize>> {
    spans::merge(a.spans.iter().cloned())
}

/// "label", "label and span", "label, span and speaker".
fn listed(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `quote “…” (Gavin Williamson)`, the speaker when there is one.
fn side(app: &App, a: &Annotation) -> String {
    let who = a
        .speaker
        .as_ref()
        .map(|name| format!(" ({name})"))
        .unwrap_or_default();
    format!("{} {}{who}", a.label, quoted_ends(app, a, QUOTED_CHARS))
}

/// `T`: takes their version of the current disagreement (see the module
/// documentation).
pub(super) fn take(app: &mut App) {
    let asked = match (&app.compare, active(app)) {
        (None, _) => Err(Refused::Here(NOT_COMPARING.into())),
        (Some(compare), None) if compare.is_empty() => Err(Refused::Here(format!(
            "No disagreement left with {}.",
            compare.file_name
        ))),
        (Some(_), None) => Err(Refused::Here(
            "No disagreement is current: D goes to the next one, then T takes theirs.".into(),
        )),
        (Some(_), Some(d)) => {
            let (_, theirs) = sides(app, d);
            change::take_theirs(&app.annotations, d.mine, theirs, &app.stamp())
                .map_err(Refused::from)
        }
    };
    apply(app, Step::Asked(asked));
}
