//! The keymap: for each mode, one table of bindings, one binding per line,
//! in the order the help lists them. The help screen is generated from these
//! tables, and a test holds README's key tables to them, so neither says
//! what the keys do not do.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::action::Direction::{Backward, Forward};
use super::app::Mode;
use super::corpus::{CorpusAction as C, OverviewAction as O};
use super::form::FormAction as F;
use super::goto::GoToAction as Go;
use super::help::HelpAction as H;
use super::key::Key;
use super::list::ListAction as L;
use super::normal::{Motion as M, NormalAction as N, Nudge};
use super::search::SearchAction as S;
use sayso_core::annotation::{Label, Unit};

/// One line of a table: the keys, what they ask for, what the help says.
type Line = (&'static [Key], Action, &'static str);

const fn ch(c: char) -> Key {
    Key::char(c)
}

const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}

const DOWN: Key = Key::plain(KeyCode::Down);
const UP: Key = Key::plain(KeyCode::Up);
const LEFT: Key = Key::plain(KeyCode::Left);
const RIGHT: Key = Key::plain(KeyCode::Right);
const PG_DN: Key = Key::plain(KeyCode::PageDown);
const PG_UP: Key = Key::plain(KeyCode::PageUp);
const HOME: Key = Key::plain(KeyCode::Home);
const END: Key = Key::plain(KeyCode::End);
const ENTER: Key = Key::plain(KeyCode::Enter);
const ESC: Key = Key::plain(KeyCode::Esc);
const TAB: Key = Key::plain(KeyCode::Tab);
const BACK_TAB: Key = Key::plain(KeyCode::BackTab);
const DELETE: Key = Key::plain(KeyCode::Delete);
const BACKSPACE: Key = Key::plain(KeyCode::Backspace);

const fn n(action: N) -> Action {
    Action::Normal(action)
}

const fn l(action: L) -> Action {
    Action::List(action)
}

const fn f(action: F) -> Action {
    Action::Form(action)
}

const fn s(action: S) -> Action {
    Action::Search(action)
}

const fn go(action: Go) -> Action {
    Action::GoTo(action)
}

const fn h(action: H) -> Action {
    Action::Help(action)
}

const fn c(action: C) -> Action {
    Action::Corpus(action)
}

const fn o(action: O) -> Action {
    Action::Overview(action)
}

/// The article, before the labels' keys: moving, selecting, searching.
#[rustfmt::skip]
const READING: &[Line] = &[
    (&[ch('j'), DOWN],  n(N::Move(M::NextParagraph)),   "next paragraph"),
    (&[ch('k'), UP],    n(N::Move(M::PrevParagraph)),   "previous paragraph"),
    (&[ch('g')],        n(N::Move(M::FirstParagraph)),  "first paragraph"),
    (&[ch('G')],        n(N::Move(M::LastParagraph)),   "last paragraph"),
    (&[ch(':')],        n(N::GoToParagraph(None)),      "go to paragraph N: type N, Enter (or as in vi: 12g)"),
    (&[PG_DN],          n(N::Page(Forward)),            "scroll a screen down"),
    (&[PG_UP],          n(N::Page(Backward)),           "scroll a screen up"),
    (&[ch('l'), RIGHT], n(N::Move(M::NextGrapheme)),    "next character"),
    (&[ch('h'), LEFT],  n(N::Move(M::PrevGrapheme)),    "previous character"),
    (&[ch('w')],        n(N::Move(M::NextWord)),        "next word start"),
    (&[ch('b')],        n(N::Move(M::PrevWord)),        "previous word start"),
    (&[ch(')')],        n(N::Move(M::NextSentence)),    "next sentence start"),
    (&[ch('(')],        n(N::Move(M::PrevSentence)),    "previous sentence start"),
    (&[ch('0'), HOME],  n(N::Move(M::ParagraphStart)),  "start of the paragraph"),
    (&[ch('$'), END],   n(N::Move(M::ParagraphEnd)),    "end of the paragraph"),
    (&[ch('v')],        n(N::ToggleSelection),          "start or drop a selection at the cursor"),
    (&[ch('s')],        n(N::SelectSentence),           "select the sentence at the cursor"),
    (&[ch('"')],        n(N::SelectQuotation),          "select the quotation at the cursor"),
    (&[ch('{')],        n(N::Nudge(Nudge::StartLeft)),  "move the selection's start a word left"),
    (&[ch('}')],        n(N::Nudge(Nudge::StartRight)), "move the selection's start a word right"),
    (&[ch('[')],        n(N::Nudge(Nudge::EndLeft)),    "move the selection's end a word left"),
    (&[ch(']')],        n(N::Nudge(Nudge::EndRight)),   "move the selection's end a word right"),
    (&[ch('/')],        n(N::Search),                   "search forward, any case and accents (Enter selects)"),
    (&[ch('n')],        n(N::Match(Forward)),           "select the next match"),
    (&[ch('N')],        n(N::Match(Backward)),          "select the previous match"),
    (&[ESC],            n(N::DropSelection),            "drop the selection"),
];

/// The article, after the labels' keys: the annotations, the review, the rest.
#[rustfmt::skip]
const ANNOTATING: &[Line] = &[
    (&[TAB],                  n(N::GoAnnotation(Forward)),  "go to the next annotation"),
    (&[BACK_TAB],             n(N::GoAnnotation(Backward)), "go to the previous annotation"),
    (&[ch(' ')],              n(N::CycleOverlap),           "cycle among annotations at the cursor"),
    (&[ch('x'), DELETE],      n(N::Delete),                 "delete the current annotation"),
    (&[ENTER],                n(N::OpenForm),               "edit the current annotation: label, speaker, note, spans"),
    (&[ch('S')],              n(N::SetSpeaker),             "make the selected text the current annotation's speaker"),
    (&[ch('a')],              n(N::Accept),                 "accept the current annotation"),
    (&[ch('r')],              n(N::Reject),                 "reject the current annotation (it stays, dimmed)"),
    (&[ch('p')],              n(N::GoPending(Forward)),     "go to the next pending annotation"),
    (&[ch('P')],              n(N::GoPending(Backward)),    "go to the previous pending annotation"),
    (&[ch('J')],              n(N::Join),                   "join the current annotation with the next of its label"),
    (&[ch('!')],              n(N::Suggest),                "suggest quotes, speakers, denials, claims (pending)"),
    (&[ch('D')],              n(N::NextDisagreement),       "with --compare: go to the next disagreement"),
    (&[ch('T')],              n(N::TakeTheirs),             "with --compare: take the other editor's version of it"),
    (&[ch('L')],              n(N::OpenList),               "show the annotation list (L or Esc hides it)"),
    (&[ch('F')],              c(C::ToggleFinished),         "mark the article finished (again: not finished)"),
    (&[ctrl('n')],            c(C::Go(Forward)),            "next article of the corpus (this one is saved first)"),
    (&[ctrl('p')],            c(C::Go(Backward)),           "previous article of the corpus"),
    (&[ch('O')],              c(C::OpenOverview),           "list the articles of the corpus; Enter opens one"),
    (&[ch('u')],              Action::Undo,                 "undo"),
    (&[ctrl('r')],            Action::Redo,                 "redo"),
    (&[ctrl('s')],            Action::Save,                 "save now"),
    (&[ch('?')],              h(H::Open),                   "this help"),
    (&[ctrl('q'), ctrl('c')], Action::Quit,                 "quit (after saving)"),
];

/// The review panel (`L`).
#[rustfmt::skip]
const LIST: &[Line] = &[
    (&[ch('j'), DOWN],        l(L::Row(Forward)),   "next row"),
    (&[ch('k'), UP],          l(L::Row(Backward)),  "previous row"),
    (&[ch('g'), HOME],        l(L::End(Backward)),  "first row"),
    (&[ch('G'), END],         l(L::End(Forward)),   "last row"),
    (&[PG_DN],                l(L::Page(Forward)),  "a screen of rows down"),
    (&[PG_UP],                l(L::Page(Backward)), "a screen of rows up"),
    (&[ENTER],                l(L::Jump),           "go to the annotation in the article"),
    (&[ch('e')],              l(L::Edit),           "edit the row's annotation in the form"),
    (&[ch('a')],              l(L::Accept),         "accept the row's annotation"),
    (&[ch('r')],              l(L::Reject),         "reject the row's annotation"),
    (&[ch('x'), DELETE],      l(L::Delete),         "delete the row's annotation"),
    (&[ch('l')],              l(L::FilterLabel),    "filter by label (cycles through the labels, then all)"),
    (&[ch('s')],              l(L::FilterStatus),   "filter by status (pending, accepted, rejected, all)"),
    (&[ch('/')],              l(L::FilterSpeaker),  "filter by speaker: type part of the name"),
    (&[ch('n')],              l(L::FilterNoSpeaker), "filter: no speaker named (again: any)"),
    (&[BACKSPACE],            l(L::FilterClear),    "drop every filter"),
    (&[ch('u')],              Action::Undo,         "undo"),
    (&[ctrl('r')],            Action::Redo,         "redo"),
    (&[ch('?')],              h(H::Open),           "help"),
    (&[ch('L'), ESC],         l(L::Close),          "close the list"),
    (&[ctrl('q'), ctrl('c')], Action::Quit,         "quit (after saving)"),
];

/// The overview of the corpus's articles (`O`).
#[rustfmt::skip]
const OVERVIEW: &[Line] = &[
    (&[ch('j'), DOWN],        o(O::Row(Forward)),   "next row"),
    (&[ch('k'), UP],          o(O::Row(Backward)),  "previous row"),
    (&[ch('g'), HOME],        o(O::End(Backward)),  "first row"),
    (&[ch('G'), END],         o(O::End(Forward)),   "last row"),
    (&[PG_DN],                o(O::Page(Forward)),  "a screen of rows down"),
    (&[PG_UP],                o(O::Page(Backward)), "a screen of rows up"),
    (&[ENTER],                o(O::Open),           "open the row's article"),
    (&[ch('u')],              o(O::Unfinished),     "only the unfinished articles (again: all)"),
    (&[ch('p')],              o(O::Pending),        "only the articles with pending annotations (again: all)"),
    (&[ch('/')],              o(O::Name),           "filter by name: type part of the path"),
    (&[BACKSPACE],            o(O::Clear),          "drop every filter"),
    (&[ch('?')],              h(H::Open),           "help"),
    (&[ch('O'), ESC],         o(O::Close),          "back to the article"),
    (&[ctrl('q'), ctrl('c')], Action::Quit,         "quit (after saving)"),
];

/// Typing the name filter (`/` in the overview); other characters are typed.
#[rustfmt::skip]
const OVERVIEW_NAME: &[Line] = &[
    (&[ENTER],     o(O::NameKeep),      "keep the name filter, back to the rows"),
    (&[BACKSPACE], o(O::NameBackspace), "delete a character"),
    (&[ESC],       o(O::NameDrop),      "drop the name filter"),
];

/// Typing the speaker filter (`/` in the panel); other characters are typed.
#[rustfmt::skip]
const FILTER: &[Line] = &[
    (&[ENTER],     l(L::FilterKeep),      "keep the speaker filter, back to the rows"),
    (&[BACKSPACE], l(L::FilterBackspace), "delete a character"),
    (&[ESC],       l(L::FilterDrop),      "drop the speaker filter"),
];

/// The edit form (`Enter`); other keys are typed into its fields.
#[rustfmt::skip]
const FORM: &[Line] = &[
    (&[ENTER],                f(F::Save),               "save the changes (u undoes them)"),
    (&[ESC],                  f(F::Cancel),             "cancel: change nothing"),
    (&[DOWN],                 f(F::Field(Forward)),     "next field or span row"),
    (&[UP],                   f(F::Field(Backward)),    "previous field or span row"),
    (&[TAB],                  f(F::Complete(Forward)),  "speaker: complete from the article (again: next)"),
    (&[BACK_TAB],             f(F::Complete(Backward)), "speaker: previous completion"),
    (&[LEFT],                 f(F::Side(Backward)),     "label: previous (its key chooses it too)"),
    (&[RIGHT],                f(F::Side(Forward)),      "label: next"),
    (&[ctrl('x')],            f(F::Split),              "span row: split it off on save (again: keep it)"),
    (&[ctrl('u')],            f(F::DeleteToStart),      "delete back to the start of the speaker or note"),
    (&[ctrl('q'), ctrl('c')], Action::Quit,             "save the form and quit"),
];

/// Typing a search (`/`); other characters are typed.
#[rustfmt::skip]
const SEARCH: &[Line] = &[
    (&[ENTER],     s(S::Submit),    "find and select (nothing typed: the last search again)"),
    (&[UP],        s(S::Recall(Backward)), "the query searched before"),
    (&[DOWN],      s(S::Recall(Forward)),  "the query searched after"),
    (&[BACKSPACE], s(S::Backspace), "delete a character"),
    (&[ESC],       s(S::Cancel),    "cancel the search"),
];

/// Typing a paragraph number (`:`); digits are typed.
#[rustfmt::skip]
const GOTO: &[Line] = &[
    (&[ENTER, ch('g'), ch('G')], go(Go::Submit), "go to the paragraph"),
    (&[BACKSPACE], go(Go::Backspace), "delete a digit"),
    (&[ESC],       go(Go::Cancel),    "go nowhere"),
];

/// The help popup; any other key closes it and does what it does under it.
#[rustfmt::skip]
const HELP: &[Line] = &[
    (&[ch('j'), DOWN], h(H::Scroll(Forward)),  "scroll down"),
    (&[ch('k'), UP],   h(H::Scroll(Backward)), "scroll up"),
    (&[ESC, ch('?')],  h(H::Close(None)),      "close the help"),
];

/// One row of the keymap: the keys, what they ask for, and the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: String,
}

/// The bindings of a table.
fn bindings(table: &[Line]) -> Vec<Binding> {
    table
        .iter()
        .map(|(keys, action, help)| Binding {
            keys: keys.to_vec(),
            action: action.clone(),
            help: help.to_string(),
        })
        .collect()
}

/// The keymaps of every mode, built for a label schema.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub normal: Vec<Binding>,
    pub list: Vec<Binding>,
    pub filter: Vec<Binding>,
    pub form: Vec<Binding>,
    pub search: Vec<Binding>,
    pub goto: Vec<Binding>,
    pub help: Vec<Binding>,
    pub overview: Vec<Binding>,
    pub overview_name: Vec<Binding>,
}

impl Keymap {
    /// The tables, with one tagging key per label between the article's
    /// reading and annotating keys.
    pub fn new(labels: &[Label]) -> Keymap {
        let mut normal = bindings(READING);
        normal.extend(labels.iter().enumerate().map(|(i, label)| {
            let unit = match label.unit {
                Unit::Quotation => "quotation, else sentence",
                Unit::Sentence => "sentence",
                Unit::Word => "word",
                Unit::Paragraph => "paragraph",
            };
            Binding {
                keys: vec![Key::char(label.key)],
                action: n(N::Tag(i)),
                help: format!("tag selection (or {unit}) as {}", label.name),
            }
        }));
        normal.extend(bindings(ANNOTATING));
        Keymap {
            normal,
            list: bindings(LIST),
            filter: bindings(FILTER),
            form: bindings(FORM),
            search: bindings(SEARCH),
            goto: bindings(GOTO),
            help: bindings(HELP),
            overview: bindings(OVERVIEW),
            overview_name: bindings(OVERVIEW_NAME),
        }
    }

    /// The action for `event` in `mode` (with the list shown or not). Over
    /// the help, a key it does not bind closes it and does what it does
    /// under it (`G` closes it and goes to the last paragraph).
    pub fn action(&self, mode: &Mode, list_open: bool, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let table = match mode {
            Mode::Search(_) => &self.search,
            Mode::GoTo(_) => &self.goto,
            Mode::Help(_) => &self.help,
            Mode::Form(_) => &self.form,
            Mode::ListFilter => &self.filter,
            Mode::Overview => &self.overview,
            Mode::OverviewName => &self.overview_name,
            Mode::Normal if list_open => &self.list,
            Mode::Normal => &self.normal,
        };
        let found = table
            .iter()
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action.clone());
        match (found, mode, key.code) {
            (Some(action), _, _) => Some(action),
            (None, Mode::Search(_), KeyCode::Char(c)) if !key.ctrl => Some(s(S::Input(c))),
            (None, Mode::GoTo(_), KeyCode::Char(c)) if !key.ctrl => Some(go(Go::Input(c))),
            (None, Mode::ListFilter, KeyCode::Char(c)) if !key.ctrl => Some(l(L::FilterInput(c))),
            (None, Mode::OverviewName, KeyCode::Char(c)) if !key.ctrl => Some(o(O::NameInput(c))),
            // A count, as in vi's 12g: the digits start typing the number.
            (None, Mode::Normal, KeyCode::Char(c @ '1'..='9')) if !key.ctrl && !list_open => {
                Some(n(N::GoToParagraph(Some(c))))
            }
            (None, Mode::Form(_), _) => Some(f(F::Key(key))),
            (None, Mode::Help(_), _) => {
                let under = self.action(&Mode::Normal, list_open, event);
                Some(h(H::Close(under.map(Box::new))))
            }
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
            ("Articles of the corpus (O)", rows(&self.overview)),
            ("Name filter (/ in the articles)", rows(&self.overview_name)),
            ("Search (/)", rows(&self.search)),
            ("Go to paragraph (:)", rows(&self.goto)),
            ("Help (?)", rows(&self.help)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

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
            &map.goto,
            &map.help,
            &map.overview,
            &map.overview_name,
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
            Some(n(N::Move(M::NextParagraph)))
        );
        assert_eq!(normal(key(KeyCode::Char('c'), none)), Some(n(N::Tag(1))));
        assert_eq!(
            normal(key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(normal(key(KeyCode::Char('r'), none)), Some(n(N::Reject)));
        assert_eq!(normal(key(KeyCode::Char('R'), none)), None);
        assert_eq!(
            normal(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(n(N::GoAnnotation(Backward)))
        );
        assert_eq!(
            normal(key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(n(N::Move(M::LastParagraph)))
        );
        let search = Mode::Search(String::new());
        assert_eq!(
            map.action(&search, false, key(KeyCode::Char('q'), none)),
            Some(s(S::Input('q'))),
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
            Some(l(L::Row(Forward)))
        );
        assert_eq!(
            map.action(&Mode::Help(0), false, key(KeyCode::Char('R'), none)),
            Some(h(H::Close(None))),
            "a key bound nowhere just closes the help"
        );
        assert_eq!(
            map.action(
                &Mode::Help(0),
                false,
                key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(h(H::Close(Some(Box::new(n(N::Move(M::LastParagraph))))))),
            "G closes the help and goes to the last paragraph"
        );
        assert_eq!(
            map.action(&Mode::Help(0), true, key(KeyCode::Char('G'), none)),
            Some(h(H::Close(Some(Box::new(l(L::End(Forward))))))),
            "over the panel, G goes to its last row"
        );
    }
}
