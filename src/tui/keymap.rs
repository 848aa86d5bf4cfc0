//! The keymap: one table from keys to actions, per mode. The help screen is
//! generated from these tables, so it always tells the truth.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Motion, Nudge};
use super::app::Mode;
use sayso_core::annotation::Label;

/// A key with its modifiers (Shift is folded into the character for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub(crate) const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    pub(crate) const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub(crate) const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// The key of a terminal key event.
    pub fn from_event(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// How the help screen writes this key.
    pub fn name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Backspace => "Backspace".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// One row of the keymap: the keys, what they do, and the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: String,
}

fn bind(keys: &[Key], action: Action, help: &str) -> Binding {
    Binding {
        keys: keys.to_vec(),
        action,
        help: help.to_string(),
    }
}

/// The keymaps of every mode, built for a label schema.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub normal: Vec<Binding>,
    pub list: Vec<Binding>,
    pub filter: Vec<Binding>,
    pub form: Vec<Binding>,
    pub search: Vec<Binding>,
    pub help: Vec<Binding>,
}

impl Keymap {
    /// The default keys, with one tagging key per label.
    pub fn new(labels: &[Label]) -> Keymap {
        use KeyCode as K;
        let mut normal = vec![
            bind(
                &[Key::char('j'), Key::plain(K::Down)],
                Action::Move(Motion::NextParagraph),
                "next paragraph",
            ),
            bind(
                &[Key::char('k'), Key::plain(K::Up)],
                Action::Move(Motion::PrevParagraph),
                "previous paragraph",
            ),
            bind(
                &[Key::char('g')],
                Action::Move(Motion::FirstParagraph),
                "first paragraph",
            ),
            bind(
                &[Key::char('G')],
                Action::Move(Motion::LastParagraph),
                "last paragraph",
            ),
            bind(
                &[Key::plain(K::PageDown)],
                Action::Page { down: true },
                "scroll a screen down",
            ),
            bind(
                &[Key::plain(K::PageUp)],
                Action::Page { down: false },
                "scroll a screen up",
            ),
            bind(
                &[Key::char('l'), Key::plain(K::Right)],
                Action::Move(Motion::NextGrapheme),
                "next character",
            ),
            bind(
                &[Key::char('h'), Key::plain(K::Left)],
                Action::Move(Motion::PrevGrapheme),
                "previous character",
            ),
            bind(
                &[Key::char('w')],
                Action::Move(Motion::NextWord),
                "next word start",
            ),
            bind(
                &[Key::char('b')],
                Action::Move(Motion::PrevWord),
                "previous word start",
            ),
            bind(
                &[Key::char(')')],
                Action::Move(Motion::NextSentence),
                "next sentence start",
            ),
            bind(
                &[Key::char('(')],
                Action::Move(Motion::PrevSentence),
                "previous sentence start",
            ),
            bind(
                &[Key::char('0'), Key::plain(K::Home)],
                Action::Move(Motion::ParagraphStart),
                "start of the paragraph",
            ),
            bind(
                &[Key::char('$'), Key::plain(K::End)],
                Action::Move(Motion::ParagraphEnd),
                "end of the paragraph",
            ),
            bind(
                &[Key::char('v')],
                Action::ToggleSelection,
                "start or drop a selection at the cursor",
            ),
            bind(
                &[Key::char('s')],
                Action::SelectSentence,
                "select the sentence at the cursor",
            ),
            bind(
                &[Key::char('"')],
                Action::SelectQuotation,
                "select the quotation at the cursor",
            ),
            bind(
                &[Key::char('{')],
                Action::Nudge(Nudge::StartLeft),
                "move the selection's start a word left",
            ),
            bind(
                &[Key::char('}')],
                Action::Nudge(Nudge::StartRight),
                "move the selection's start a word right",
            ),
            bind(
                &[Key::char('[')],
                Action::Nudge(Nudge::EndLeft),
                "move the selection's end a word left",
            ),
            bind(
                &[Key::char(']')],
                Action::Nudge(Nudge::EndRight),
                "move the selection's end a word right",
            ),
            bind(
                &[Key::char('/')],
                Action::SearchStart,
                "search forward (Enter selects the match)",
            ),
            bind(
                &[Key::char('n')],
                Action::SearchNext,
                "select the next match",
            ),
            bind(
                &[Key::char('N')],
                Action::SearchPrev,
                "select the previous match",
            ),
            bind(&[Key::plain(K::Esc)], Action::Escape, "drop the selection"),
        ];
        for (i, label) in labels.iter().enumerate() {
            let unit = match label.unit {
                sayso_core::annotation::Unit::Quotation => "quotation, else sentence",
                sayso_core::annotation::Unit::Sentence => "sentence",
                sayso_core::annotation::Unit::Word => "word",
                sayso_core::annotation::Unit::Paragraph => "paragraph",
            };
            normal.push(Binding {
                keys: vec![Key::char(label.key)],
                action: Action::Tag(i),
                help: format!("tag selection (or {unit}) as {}", label.name),
            });
        }
        normal.extend([
            bind(
                &[Key::plain(K::Tab)],
                Action::NextAnnotation,
                "go to the next annotation",
            ),
            bind(
                &[Key::plain(K::BackTab)],
                Action::PrevAnnotation,
                "go to the previous annotation",
            ),
            bind(
                &[Key::char(' ')],
                Action::CycleOverlap,
                "cycle among annotations at the cursor",
            ),
            bind(
                &[Key::char('x'), Key::plain(K::Delete)],
                Action::Delete,
                "delete the current annotation",
            ),
            bind(
                &[Key::plain(K::Enter)],
                Action::OpenForm,
                "edit the current annotation: label, speaker, note, spans",
            ),
            bind(
                &[Key::char('S')],
                Action::SetSpeaker,
                "make the selected text the current annotation's speaker",
            ),
            bind(
                &[Key::char('a')],
                Action::Accept,
                "accept the current annotation",
            ),
            bind(
                &[Key::char('r')],
                Action::Reject,
                "reject the current annotation (it stays, dimmed)",
            ),
            bind(
                &[Key::char('p')],
                Action::NextPending,
                "go to the next pending annotation",
            ),
            bind(
                &[Key::char('P')],
                Action::PrevPending,
                "go to the previous pending annotation",
            ),
            bind(
                &[Key::char('J')],
                Action::Join,
                "join the current annotation with the next of its label",
            ),
            bind(
                &[Key::char('D')],
                Action::NextDisagreement,
                "with --compare: go to the next disagreement",
            ),
            bind(
                &[Key::char('T')],
                Action::TakeTheirs,
                "with --compare: take the other editor's version of it",
            ),
            bind(
                &[Key::char('L')],
                Action::ToggleList,
                "show / hide the annotation list",
            ),
            bind(&[Key::char('u')], Action::Undo, "undo"),
            bind(&[Key::ctrl('r')], Action::Redo, "redo"),
            bind(&[Key::ctrl('s')], Action::Save, "save now"),
            bind(&[Key::char('?')], Action::Help, "this help"),
            bind(
                &[Key::ctrl('q'), Key::ctrl('c')],
                Action::Quit,
                "quit (after saving)",
            ),
        ]);
        let list = vec![
            bind(
                &[Key::char('j'), Key::plain(K::Down)],
                Action::ListDown,
                "next row",
            ),
            bind(
                &[Key::char('k'), Key::plain(K::Up)],
                Action::ListUp,
                "previous row",
            ),
            bind(
                &[Key::char('g'), Key::plain(K::Home)],
                Action::ListFirst,
                "first row",
            ),
            bind(
                &[Key::char('G'), Key::plain(K::End)],
                Action::ListLast,
                "last row",
            ),
            bind(
                &[Key::plain(K::PageDown)],
                Action::ListPageDown,
                "a screen of rows down",
            ),
            bind(
                &[Key::plain(K::PageUp)],
                Action::ListPageUp,
                "a screen of rows up",
            ),
            bind(
                &[Key::plain(K::Enter)],
                Action::ListJump,
                "go to the annotation in the article",
            ),
            bind(
                &[Key::char('e')],
                Action::ListEdit,
                "edit the row's annotation in the form",
            ),
            bind(
                &[Key::char('a')],
                Action::ListAccept,
                "accept the row's annotation",
            ),
            bind(
                &[Key::char('r')],
                Action::ListReject,
                "reject the row's annotation",
            ),
            bind(
                &[Key::char('x'), Key::plain(K::Delete)],
                Action::ListDelete,
                "delete the row's annotation",
            ),
            bind(
                &[Key::char('l')],
                Action::FilterLabel,
                "filter by label (cycles through the labels, then all)",
            ),
            bind(
                &[Key::char('s')],
                Action::FilterStatus,
                "filter by status (pending, accepted, rejected, all)",
            ),
            bind(
                &[Key::char('/')],
                Action::FilterSpeaker,
                "filter by speaker: type part of the name",
            ),
            bind(
                &[Key::plain(K::Backspace)],
                Action::FilterClear,
                "drop every filter",
            ),
            bind(&[Key::char('u')], Action::Undo, "undo"),
            bind(&[Key::ctrl('r')], Action::Redo, "redo"),
            bind(&[Key::char('?')], Action::Help, "help"),
            bind(
                &[Key::char('L'), Key::plain(K::Esc)],
                Action::ToggleList,
                "close the list",
            ),
            bind(
                &[Key::ctrl('q'), Key::ctrl('c')],
                Action::Quit,
                "quit (after saving)",
            ),
        ];
        let filter = vec![
            bind(
                &[Key::plain(K::Enter)],
                Action::FilterDone,
                "keep the speaker filter, back to the rows",
            ),
            bind(
                &[Key::plain(K::Backspace)],
                Action::FilterBackspace,
                "delete a character",
            ),
            bind(
                &[Key::plain(K::Esc)],
                Action::Escape,
                "drop the speaker filter",
            ),
        ];
        let form = vec![
            bind(
                &[Key::plain(K::Enter)],
                Action::FormSave,
                "save the changes (u undoes them)",
            ),
            bind(
                &[Key::plain(K::Esc)],
                Action::Escape,
                "cancel: change nothing",
            ),
            bind(
                &[Key::plain(K::Down)],
                Action::FormNext,
                "next field or span row",
            ),
            bind(
                &[Key::plain(K::Up)],
                Action::FormPrev,
                "previous field or span row",
            ),
            bind(
                &[Key::plain(K::Tab)],
                Action::FormComplete,
                "speaker: complete from the article (again: next)",
            ),
            bind(
                &[Key::plain(K::BackTab)],
                Action::FormCompleteBack,
                "speaker: previous completion",
            ),
            bind(
                &[Key::plain(K::Left)],
                Action::FormLeft,
                "label: previous (its key chooses it too)",
            ),
            bind(&[Key::plain(K::Right)], Action::FormRight, "label: next"),
            bind(
                &[Key::ctrl('x')],
                Action::FormSplit,
                "span row: split it off on save (again: keep it)",
            ),
            bind(
                &[Key::ctrl('q'), Key::ctrl('c')],
                Action::Quit,
                "save the form and quit",
            ),
        ];
        let search = vec![
            bind(
                &[Key::plain(K::Enter)],
                Action::SearchSubmit,
                "find and select the text",
            ),
            bind(
                &[Key::plain(K::Backspace)],
                Action::SearchBackspace,
                "delete a character",
            ),
            bind(&[Key::plain(K::Esc)], Action::Escape, "cancel the search"),
        ];
        let help = vec![
            bind(
                &[Key::char('j'), Key::plain(K::Down)],
                Action::HelpDown,
                "scroll down",
            ),
            bind(
                &[Key::char('k'), Key::plain(K::Up)],
                Action::HelpUp,
                "scroll up",
            ),
            bind(
                &[Key::plain(K::Esc), Key::char('?')],
                Action::Escape,
                "close the help",
            ),
        ];
        Keymap {
            normal,
            list,
            filter,
            form,
            search,
            help,
        }
    }

    /// The action for `event` in `mode` (with the list shown or not).
    pub fn action(&self, mode: &Mode, list_open: bool, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let table = match mode {
            Mode::Search(_) => &self.search,
            Mode::Help(_) => &self.help,
            Mode::Form(_) => &self.form,
            Mode::ListFilter => &self.filter,
            Mode::Normal if list_open => &self.list,
            Mode::Normal => &self.normal,
        };
        let found = table
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action.clone());
        match (found, mode, key.code) {
            (Some(action), _, _) => Some(action),
            (None, Mode::Search(_), KeyCode::Char(c)) if !key.ctrl => Some(Action::SearchInput(c)),
            (None, Mode::ListFilter, KeyCode::Char(c)) if !key.ctrl => Some(Action::FilterInput(c)),
            (None, Mode::Form(_), _) => Some(Action::FormKey(key)),
            (None, Mode::Help(_), _) => Some(Action::Escape),
            _ => None,
        }
    }

    /// The plain characters the article binds, with what each does: a label
    /// of a schema cannot take one as its key (ask a keymap built without labels).
    pub fn taken_chars(&self) -> Vec<(char, &str)> {
        let mut taken = Vec::new();
        for b in &self.normal {
            for k in b.keys.iter().filter(|k| !k.ctrl) {
                if let KeyCode::Char(c) = k.code {
                    taken.push((c, b.help.as_str()));
                }
            }
        }
        taken
    }

    /// The help screen's sections: a title and `(keys, help)` rows each.
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &str)>)> {
        fn rows(table: &[Binding]) -> Vec<(String, &str)> {
            table
                .iter()
                .map(|b| {
                    let keys: Vec<String> = b.keys.iter().map(Key::name).collect();
                    (keys.join(" "), b.help.as_str())
                })
                .collect()
        }
        vec![
            ("Article", rows(&self.normal)),
            ("Annotation list (L)", rows(&self.list)),
            ("Speaker filter (/ in the list)", rows(&self.filter)),
            ("Edit form (Enter)", rows(&self.form)),
            ("Search (/)", rows(&self.search)),
            ("Help (?)", rows(&self.help)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keymap() -> Keymap {
        Keymap::new(&Label::defaults())
    }

    #[test]
    fn every_normal_binding_is_in_the_help() {
        let map = keymap();
        let sections = map.help_sections();
        let (_, article) = &sections[0];
        assert_eq!(article.len(), map.normal.len());
        for b in &map.normal {
            let names: Vec<String> = b.keys.iter().map(Key::name).collect();
            assert!(
                article
                    .iter()
                    .any(|(keys, help)| *keys == names.join(" ") && *help == b.help),
                "{names:?} missing from the help"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let map = keymap();
        for table in [
            &map.normal,
            &map.list,
            &map.filter,
            &map.form,
            &map.search,
            &map.help,
        ] {
            let keys: Vec<Key> = table.iter().flat_map(|b| b.keys.clone()).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{} is bound twice", k.name());
            }
        }
    }

    #[test]
    fn the_help_names_the_label_keys() {
        let map = keymap();
        let sections = map.help_sections();
        for label in Label::defaults() {
            assert!(
                sections[0].1.iter().any(
                    |(keys, help)| *keys == label.key.to_string() && help.contains(&label.name)
                ),
                "{} missing",
                label.name
            );
        }
    }

    #[test]
    fn taken_chars_are_the_plain_keys_of_the_article_but_not_the_labels() {
        let map = Keymap::new(&[]);
        let taken = map.taken_chars();
        assert!(taken.contains(&('j', "next paragraph")));
        assert!(taken.contains(&('x', "delete the current annotation")));
        assert!(taken.iter().any(|&(c, _)| c == ' '));
        assert!(!taken.iter().any(|&(c, _)| c == 'q'), "{taken:?}");
        assert!(keymap().taken_chars().iter().any(|&(c, _)| c == 'q'));
    }

    #[test]
    fn every_help_row_fits_the_popup() {
        // The popup is 76 columns: a border each side, then two spaces and
        // 16 columns of keys before the help text.
        for (_, rows) in keymap().help_sections() {
            for (keys, help) in rows {
                assert!(keys.chars().count() <= 16, "{keys}");
                assert!(2 + 16 + help.chars().count() <= 74, "{help}");
            }
        }
    }

    #[test]
    fn keys_map_to_actions_per_mode() {
        let map = keymap();
        let key = |code, modifiers| KeyEvent::new(code, modifiers);
        let none = KeyModifiers::NONE;
        let normal = |e| map.action(&Mode::Normal, false, e);
        assert_eq!(
            normal(key(KeyCode::Char('j'), none)),
            Some(Action::Move(Motion::NextParagraph))
        );
        assert_eq!(normal(key(KeyCode::Char('c'), none)), Some(Action::Tag(1)));
        assert_eq!(
            normal(key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(normal(key(KeyCode::Char('r'), none)), Some(Action::Reject));
        assert_eq!(normal(key(KeyCode::Char('R'), none)), None);
        assert_eq!(
            normal(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevAnnotation)
        );
        assert_eq!(
            normal(key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Move(Motion::LastParagraph))
        );
        let search = Mode::Search(String::new());
        assert_eq!(
            map.action(&search, false, key(KeyCode::Char('q'), none)),
            Some(Action::SearchInput('q')),
            "in a search, letters are typed, not tags"
        );
        assert_eq!(
            map.action(
                &search,
                false,
                key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            None
        );
        assert_eq!(
            map.action(&Mode::Normal, true, key(KeyCode::Char('j'), none)),
            Some(Action::ListDown)
        );
        assert_eq!(
            map.action(&Mode::Help(0), false, key(KeyCode::Char('x'), none)),
            Some(Action::Escape)
        );
    }
}
