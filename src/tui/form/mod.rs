//! The edit form of one annotation (`Enter`): label, speaker, note and its
//! spans. It is a draft: nothing changes in the annotations until `Enter`
//! saves it, as one step that `u` undoes; `Esc` drops it.
//!
//! Plain data like the rest of the state: its keys ask for a [`FormAction`]
//! (handled in `update.rs`), the view draws it. The text fields are
//! `ratatui-textarea` editors of one line.

use std::collections::BTreeMap;
use std::ops::Range;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

mod update;

pub use update::FormAction;
pub(super) use update::{open, save, update};

use super::action::Direction;
use super::key::Key;
use sayso_core::annotation::change::Draft;
use sayso_core::annotation::{Annotation, Label};

/// The part of the form that keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Label,
    Speaker,
    Note,
    /// The row of the span at this index.
    Span(usize),
}

/// Tab completion in progress: what the editor typed, and which of its
/// matches the field shows now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub typed: String,
    pub index: usize,
}

/// The draft of one annotation's edit.
#[derive(Debug, Clone)]
pub struct Form {
    /// The annotation being edited.
    pub id: u64,
    pub label: String,
    pub speaker: TextArea<'static>,
    pub note: TextArea<'static>,
    /// The annotation's spans when the form opened.
    pub spans: Vec<Range<usize>>,
    /// Which spans become annotations of their own on save.
    pub split: Vec<bool>,
    pub focus: Focus,
    /// The speakers already named in the article, most used first.
    pub speakers: Vec<String>,
    pub cycle: Option<Cycle>,
    /// Opened with `--read-only`: to read the annotation, not to change it.
    pub read_only: bool,
}

/// Two forms are the same draft when they hold the same values; the text
/// editors compare by their text and cursor (they have no `PartialEq`).
impl PartialEq for Form {
    fn eq(&self, other: &Form) -> bool {
        self.id == other.id
            && self.label == other.label
            && self.speaker.lines() == other.speaker.lines()
            && self.speaker.cursor() == other.speaker.cursor()
            && self.note.lines() == other.note.lines()
            && self.note.cursor() == other.note.cursor()
            && self.spans == other.spans
            && self.split == other.split
            && self.focus == other.focus
            && self.speakers == other.speakers
            && self.cycle == other.cycle
            && self.read_only == other.read_only
    }
}

impl Eq for Form {}

impl Form {
    /// A draft of `annotation`, completing speakers from `speakers` (each
    /// with the number of annotations that name it). The speaker field has
    /// the focus: it is what a review fills in most.
    pub fn new(annotation: &Annotation, speakers: &BTreeMap<String, usize>) -> Form {
        let mut known: Vec<(&String, &usize)> = speakers.iter().collect();
        known.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        Form {
            id: annotation.id,
            label: annotation.label.clone(),
            speaker: field(annotation.speaker.as_deref().unwrap_or_default()),
            note: field(annotation.note.as_deref().unwrap_or_default()),
            spans: annotation.spans.clone(),
            split: vec![false; annotation.spans.len()],
            focus: Focus::Speaker,
            speakers: known.into_iter().map(|(name, _)| name.clone()).collect(),
            cycle: None,
            read_only: false,
        }
    }

    /// The speaker as saved: `None` when the field is blank.
    pub fn speaker_value(&self) -> Option<String> {
        value(&self.speaker)
    }

    /// The note as saved: `None` when the field is blank.
    pub fn note_value(&self) -> Option<String> {
        value(&self.note)
    }

    /// The draft as [`sayso_core::annotation::change::edit`] takes it: what the fields
    /// hold, the spans kept and those split off.
    pub fn draft(&self) -> Draft {
        let (split_off, kept): (Vec<_>, Vec<_>) = self
            .spans
            .iter()
            .zip(&self.split)
            .partition(|(_, split)| **split);
        let spans = |pairs: Vec<(&Range<usize>, &bool)>| {
            pairs.into_iter().map(|(s, _)| s.clone()).collect()
        };
        Draft {
            id: self.id,
            label: self.label.clone(),
            speaker: self.speaker_value(),
            note: self.note_value(),
            spans: spans(kept),
            split_off: spans(split_off),
        }
    }

    /// Moves the focus to the next (or previous) part, wrapping around.
    pub fn step_focus(&mut self, direction: Direction) {
        let mut order = vec![Focus::Label, Focus::Speaker, Focus::Note];
        order.extend((0..self.spans.len()).map(Focus::Span));
        let here = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = order[direction.step(here, order.len())];
        self.cycle = None;
    }

    /// The known speakers that match what is typed in the speaker field (or
    /// what was typed before Tab started cycling): those that start with it
    /// first, then those with a word that starts with it; case does not
    /// matter.
    pub fn matches(&self) -> Vec<&str> {
        let typed = match &self.cycle {
            Some(cycle) => cycle.typed.clone(),
            None => self.speaker.lines().join(" "),
        };
        speaker_matches(&self.speakers, typed.trim())
    }

    /// Tab in the speaker field: fills in the next (or previous) match.
    /// `false` when nothing matches.
    pub fn complete(&mut self, direction: Direction) -> bool {
        let cycle = self.cycle.take();
        let typed = match &cycle {
            Some(c) => c.typed.clone(),
            None => self.speaker.lines().join(" "),
        };
        let matches: Vec<String> = speaker_matches(&self.speakers, typed.trim())
            .into_iter()
            .map(String::from)
            .collect();
        let Some(index) = direction.step_from(cycle.map(|c| c.index), matches.len()) else {
            return false;
        };
        self.speaker = field(&matches[index]);
        self.cycle = Some(Cycle { typed, index });
        true
    }

    /// A key typed into the focused text field; `false` when the focus is
    /// not on one.
    pub fn type_key(&mut self, key: Key) -> bool {
        // One line per field: a key that would break the line is not typed.
        let breaks_line = matches!(key.code, KeyCode::Enter | KeyCode::Char('\n' | '\r'))
            || (key.ctrl && key.code == KeyCode::Char('m'));
        let Some(editor) = self.text_field() else {
            return false;
        };
        if !breaks_line {
            let modifiers = if key.ctrl {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            editor.input(KeyEvent::new(key.code, modifiers));
        }
        if self.focus == Focus::Speaker {
            self.cycle = None;
        }
        true
    }

    /// The label after (or before) the current one in `labels`. A label the
    /// schema lacks steps to the first (or last) one the schema has.
    pub fn step_label(&mut self, labels: &[Label], direction: Direction) {
        let here = labels.iter().position(|l| l.name == self.label);
        if let Some(next) = direction.step_from(here, labels.len()) {
            self.label = labels[next].name.clone();
        }
    }

    /// Chooses the label whose key is `key`; `false` when none has it.
    pub fn choose_label(&mut self, labels: &[Label], key: char) -> bool {
        match labels.iter().find(|l| l.key == key) {
            Some(label) => {
                self.label = label.name.clone();
                true
            }
            None => false,
        }
    }

    /// Marks the focused span to split off into an annotation of its own on
    /// save, or unmarks it. `Err` says why it cannot.
    pub fn toggle_split(&mut self) -> Result<bool, &'static str> {
        let Focus::Span(i) = self.focus else {
            return Err("Go down to a span row (↓) to split it off.");
        };
        let marked = self.split.get(i).copied().unwrap_or(false);
        if !marked && self.split.iter().filter(|s| !**s).count() <= 1 {
            return Err("An annotation keeps at least one span: this is its last.");
        }
        if let Some(s) = self.split.get_mut(i) {
            *s = !marked;
        }
        Ok(!marked)
    }

    /// The cursor moves in a text field (`←` `→` there).
    pub fn move_in_field(&mut self, direction: Direction) {
        if let Some(editor) = self.text_field() {
            editor.move_cursor(match direction {
                Direction::Forward => CursorMove::Forward,
                Direction::Backward => CursorMove::Back,
            });
        }
    }

    /// `Ctrl-u` in a text field: deletes back to the start of the field,
    /// as in a shell (the text editor's own `Ctrl-u` would undo).
    pub fn delete_to_start(&mut self) {
        if let Some(editor) = self.text_field() {
            editor.delete_line_by_head();
        }
        if self.focus == Focus::Speaker {
            self.cycle = None;
        }
    }

    /// The text field that has the focus, if one has.
    fn text_field(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            Focus::Speaker => Some(&mut self.speaker),
            Focus::Note => Some(&mut self.note),
            Focus::Label | Focus::Span(_) => None,
        }
    }
}

/// A one-line editor holding `text`, the cursor at its end.
fn field(text: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(vec![text.to_string()]);
    editor.move_cursor(CursorMove::End);
    editor
}

/// A field's text, white space at the ends dropped; `None` when blank.
fn value(editor: &TextArea<'_>) -> Option<String> {
    let text = editor.lines().join(" ");
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The speakers of `known` (in their order) that start with `typed`, then
/// those with a later word that starts with it, ignoring case. Everyone
/// matches an empty `typed`.
pub fn speaker_matches<'a>(known: &'a [String], typed: &str) -> Vec<&'a str> {
    let typed = typed.to_lowercase();
    let mut starts = Vec::new();
    let mut words = Vec::new();
    for name in known {
        let lower = name.to_lowercase();
        if lower.starts_with(&typed) {
            starts.push(name.as_str());
        } else if lower
            .split_whitespace()
            .skip(1)
            .any(|w| w.starts_with(&typed))
        {
            words.push(name.as_str());
        }
    }
    starts.extend(words);
    starts
}
