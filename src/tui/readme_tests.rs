//! README's key tables against the keymap: the `## Keys` table against the
//! article's bindings, the form's table against the form's, the panel's
//! against the panel's. A key the README names that the mode does not bind,
//! a binding the README does not name, or a row whose keys do something
//! else than it says fails.
//!
//! A row's keys are its backquoted names in the first column, in groups
//! split by ` / `; its description, split by ` / ` the same way, says what
//! each group does in turn. Every key of a group must ask for the same
//! action, and the first word of the group's part of the description must
//! be in that action's help: `a` / `r` | accept / reject … holds `a` to
//! "accept …" and `r` to "reject …".

use super::action::Action;
use super::keymap::{Binding, Keymap};
use sayso_core::annotation::Label;

const README: &str = include_str!("../../README.md");

/// One row of a README key table.
#[derive(Debug)]
struct Row {
    /// The backquoted key names, in groups.
    groups: Vec<Vec<String>>,
    description: String,
}

/// The rows of the first table after the line that holds `marker`.
fn table_after(marker: &str) -> Vec<Row> {
    let start = README
        .find(marker)
        .unwrap_or_else(|| panic!("README has no {marker:?}"));
    README[start..]
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
            let [keys, description] = cells.as_slice() else {
                panic!("a key table row has two columns: {line}");
            };
            Row {
                groups: keys.split(" / ").map(backquoted).collect(),
                description: description.trim().to_string(),
            }
        })
        .collect()
}

/// The backquoted words of `text`.
fn backquoted(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// The binding of the key named `name` in `table`.
fn bound<'a>(table: &'a [Binding], name: &str) -> Option<&'a Binding> {
    table
        .iter()
        .find(|b| b.keys.iter().any(|k| k.name() == name))
}

/// What `rows` say against what `table` binds; every disagreement, worded.
fn disagreements(rows: &[Row], table: &[Binding]) -> Vec<String> {
    let mut found = Vec::new();
    for row in rows
        .iter()
        .filter(|r| r.groups.iter().any(|g| !g.is_empty()))
    {
        let parts: Vec<&str> = row.description.split(" / ").collect();
        if parts.len() < row.groups.len() {
            found.push(format!(
                "{:?}: {} groups of keys but {} parts of the description",
                row.groups,
                row.groups.len(),
                parts.len()
            ));
            continue;
        }
        for (group, part) in row.groups.iter().zip(&parts) {
            let actions: Vec<Option<&Action>> = group
                .iter()
                .map(|name| bound(table, name).map(|b| &b.action))
                .collect();
            for (name, action) in group.iter().zip(&actions) {
                if action.is_none() {
                    found.push(format!(
                        "README names `{name}`, which the keymap does not bind"
                    ));
                }
            }
            if actions.windows(2).any(|pair| pair[0] != pair[1]) {
                found.push(format!(
                    "{group:?} do different things, on one line of the README"
                ));
            }
            let word = first_word(part);
            if let Some(b) = group.first().and_then(|name| bound(table, name)) {
                if !b.help.to_lowercase().contains(&word) {
                    found.push(format!(
                        "README says `{}` does “{part}”, the keymap “{}”",
                        group.join(" "),
                        b.help
                    ));
                }
            }
        }
    }
    let named: Vec<&String> = rows
        .iter()
        .flat_map(|r| r.groups.iter().flatten())
        .collect();
    for b in table {
        for key in &b.keys {
            if !named.contains(&&key.name()) {
                found.push(format!("README misses `{}`: {}", key.name(), b.help));
            }
        }
    }
    found
}

/// The first word of `text`, in lower case, without punctuation.
fn first_word(text: &str) -> String {
    text.split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn keymap() -> Keymap {
    Keymap::new(&Label::defaults())
}

#[test]
fn the_readme_keys_table_says_what_the_article_keys_do() {
    let found = disagreements(&table_after("## Keys"), &keymap().normal);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_readme_form_table_says_what_the_form_keys_do() {
    let found = disagreements(&table_after("Keys in the form:"), &keymap().form);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_readme_panel_table_says_what_the_panel_keys_do() {
    let found = disagreements(&table_after("In the panel:"), &keymap().list);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_readme_overview_table_says_what_the_overview_keys_do() {
    let found = disagreements(&table_after("Keys in the overview:"), &keymap().overview);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_readme_that_says_something_else_is_caught() {
    let map = keymap();
    let row = |keys: &str, description: &str| Row {
        groups: keys.split(" / ").map(backquoted).collect(),
        description: description.into(),
    };
    // The keymap's own article table, then one wrong row each time.
    let mut rows: Vec<Row> = map
        .normal
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.name())).collect();
            row(&keys.join(" "), &b.help)
        })
        .collect();
    assert_eq!(disagreements(&rows, &map.normal), Vec::<String>::new());
    for (wrong, why) in [
        (
            row("`a` / `r`", "reject / accept the current annotation"),
            "says",
        ),
        (
            row("`x` `J`", "delete the current annotation"),
            "different things",
        ),
        (row("`Ctrl-x`", "cut"), "does not bind"),
        (row("`u` / `Ctrl-r`", "undo and redo"), "parts"),
    ] {
        rows.push(wrong);
        let found = disagreements(&rows, &map.normal);
        assert!(found.iter().any(|f| f.contains(why)), "{why}: {found:#?}");
        rows.pop();
    }
    rows.retain(|r| r.groups != [vec!["J".to_string()]]);
    let found = disagreements(&rows, &map.normal);
    assert!(
        found.iter().any(|f| f.starts_with("README misses `J`")),
        "{found:#?}"
    );
}
