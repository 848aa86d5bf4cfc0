//! Labels and the unit each tags when there is no selection.

use serde::Deserialize;

use super::Color;

/// What a label tags when the editor presses its key with no selection.
/// A schema names it in lower case: `unit: word`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// The quotation around the cursor, else the sentence.
    Quotation,
    /// The sentence around the cursor.
    Sentence,
    /// The word at the cursor (a UAX #29 word: a Han ideograph is one word).
    Word,
    /// The paragraph the cursor is in, without its leading and trailing space.
    Paragraph,
}

/// A label of the schema: its name, key, colour and default unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    pub key: char,
    pub color: Color,
    pub unit: Unit,
}

impl Label {
    /// The default labels: quote, claim, denial.
    pub fn defaults() -> Vec<Label> {
        vec![
            Label {
                name: "quote".into(),
                key: 'q',
                color: Color::Cyan,
                unit: Unit::Quotation,
            },
            Label {
                name: "claim".into(),
                key: 'c',
                color: Color::Yellow,
                unit: Unit::Sentence,
            },
            Label {
                name: "denial".into(),
                key: 'd',
                color: Color::Magenta,
                unit: Unit::Sentence,
            },
        ]
    }
}
