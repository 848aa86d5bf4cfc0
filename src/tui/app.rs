//! The annotator's state: plain data, changed only by [`super::update()`].

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use super::compare::Compare;
use super::corpus::Corpus;
use super::form::Form;
use super::list::ListPanel;
use super::loading::{self, Loading};
use super::screen::{self, Areas};
use super::search::SearchState;
use super::wrap::{Lines, WrapCache};
use sayso_core::annotation::{Annotation, AnnotationSet, History, Label, Stamp};
use sayso_core::article::{Article, spans};
use sayso_core::store::{Loaded, Reanchored, Record, Sidecar, Snapshot};

/// What the keys currently do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Moving, selecting, tagging.
    Normal,
    /// Typing a search after `/`.
    Search(String),
    /// Typing the number of a paragraph to go to, after `:`.
    GoTo(String),
    /// The help popup, scrolled down by this many lines.
    Help(u16),
    /// The edit form of an annotation (`Enter`).
    Form(Box<Form>),
    /// Typing the speaker filter of the list (`/` in the list).
    ListFilter,
    /// The overview of the corpus's articles (`O`).
    Overview,
    /// Typing the name filter of the overview (`/` in it).
    OverviewName,
}

/// How the sidecar stands, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed since the sidecar was read (or there is none yet).
    Unchanged,
    /// Changes are waiting to be written.
    Pending,
    Saved,
    Failed(String),
    ReadOnly,
}

/// The first screen line of the article pane: paragraph and wrapped line in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Top {
    pub paragraph: usize,
    pub line: usize,
}

/// How an annotator session starts.
#[derive(Debug, Clone)]
pub struct Options {
    pub file_name: String,
    pub author: String,
    pub read_only: bool,
    /// Colours on; `NO_COLOR` turns them off (the other cues stay).
    pub color: bool,
    pub labels: Vec<Label>,
}

/// Everything the annotator shows and edits.
#[derive(Debug)]
pub struct App {
    pub article: Arc<Article>,
    pub file_name: String,
    pub labels: Vec<Label>,
    pub annotations: AnnotationSet,
    pub detached: Arc<Vec<Record>>,
    /// The other editor's annotations and the disagreements with them
    /// (`--compare`).
    pub compare: Option<Compare>,
    pub history: History,
    pub author: String,
    pub read_only: bool,
    pub color: bool,
    /// Byte offset into the article text, on a grapheme boundary.
    pub cursor: usize,
    /// The other end of the selection, when there is one.
    pub anchor: Option<usize>,
    /// The spans of the quotation `"` selected, while the selection is still
    /// the one it made: tagging it tags these, and not what lies between
    /// them (a photo caption, the marks that open each paragraph).
    pub pieces: Option<Vec<Range<usize>>>,
    /// The annotation that `x`, `J` and friends act on.
    pub current: Option<u64>,
    pub mode: Mode,
    /// The annotation list (`L`), shown or not.
    pub list: ListPanel,
    /// The other articles of the corpus, when there are several.
    pub corpus: Corpus,
    /// The searches made, and the matches of the last one.
    pub search: SearchState,
    pub message: Option<String>,
    pub save: SaveState,
    pub top: Top,
    /// The terminal's size.
    pub size: Rect,
    /// Bumped by every change to the annotations, so the loop knows to save.
    pub revision: u64,
    /// `Ctrl-s`: the loop writes now instead of within the second.
    pub save_requested: bool,
    pub quit: bool,
    /// A quit was refused because nothing could be written anywhere: what
    /// quitting loses, on the status line until the next key. A second quit
    /// goes anyway.
    pub quit_refused: Option<String>,
    /// The sidecar is still being read (see [`super::loading`]).
    pub loading: Option<Loading>,
    /// Terminal events that wait for the annotations, in the order typed:
    /// the loop handles them once the sidecar is read.
    pub typed_ahead: Vec<Event>,
    wrapped: RefCell<WrapCache>,
}

impl App {
    /// A session on `article` with what its sidecar held.
    pub fn new(article: Arc<Article>, sidecar: Option<Sidecar>, options: Options) -> App {
        let mut app = App::opening(article, options);
        loading::finish(&mut app, sidecar.map(Loaded::Whole), None);
        app
    }

    /// A session on `article` whose sidecar is still being read: its
    /// annotations come with [`Action::Arrived`](super::Action::Arrived).
    pub fn opening(article: Arc<Article>, options: Options) -> App {
        let cursor = article.paragraphs().first().map_or(0, |p| p.start);
        App {
            file_name: options.file_name,
            labels: options.labels,
            annotations: AnnotationSet::default(),
            detached: Arc::new(Vec::new()),
            compare: None,
            history: History::default(),
            author: options.author,
            read_only: options.read_only,
            color: options.color,
            cursor,
            anchor: None,
            pieces: None,
            current: None,
            mode: Mode::Normal,
            list: ListPanel::new(),
            corpus: Corpus::default(),
            search: SearchState::default(),
            message: None,
            save: if options.read_only {
                SaveState::ReadOnly
            } else {
                SaveState::Unchanged
            },
            top: Top::default(),
            size: Rect::new(0, 0, 80, 24),
            revision: 0,
            save_requested: false,
            quit: false,
            quit_refused: None,
            loading: Some(Loading::default()),
            typed_ahead: Vec::new(),
            wrapped: RefCell::new(WrapCache::default()),
            article,
        }
    }

    /// Shows the annotations of another editor's sidecar (`file_name`, as the
    /// title bar and messages name it) on the same article beside these,
    /// with the disagreements marked.
    pub fn compare_with(&mut self, file_name: String, theirs: Vec<Annotation>) {
        let compare = Compare::new(file_name, theirs, &self.annotations);
        let said = match compare.len() {
            0 => format!(
                "Comparing with {}: you agree on every annotation.",
                compare.file_name
            ),
            n => format!(
                "Comparing with {}: {n} disagreement{}, D goes to the next.",
                compare.file_name,
                if n == 1 { "" } else { "s" }
            ),
        };
        self.tell(said);
        self.compare = Some(compare);
    }

    /// Adds `said` to what the status line says when the annotator opens.
    pub fn tell(&mut self, said: String) {
        self.message = Some(match self.message.take() {
            Some(first) => format!("{first} {said}"),
            None => said,
        });
    }

    /// The paragraph the cursor is in (`None` for an empty article).
    pub fn paragraph(&self) -> Option<usize> {
        self.article.paragraph_at(self.cursor)
    }

    /// The selected byte range, when there is a selection.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.anchor.map(|a| a.min(self.cursor)..a.max(self.cursor))
    }

    /// What tagging the selection tags: the quotation's spans when `"`
    /// made the selection, else the selection cut at paragraph breaks, one
    /// span per paragraph without the white space at its ends (so a
    /// selection over paragraphs tags their text, not the blank lines
    /// between them). Empty without a selection.
    pub fn selected_spans(&self) -> Vec<Range<usize>> {
        let Some(selection) = self.selection() else {
            return Vec::new();
        };
        if let Some(pieces) = self.quotation_pieces() {
            return pieces.to_vec();
        }
        let first = self.article.paragraph_at(selection.start).unwrap_or(0);
        self.article.paragraphs()[first..]
            .iter()
            .take_while(|p| p.start < selection.end)
            .filter_map(|p| {
                let piece = selection.start.max(p.start)..selection.end.min(p.end);
                spans::clean(self.article.text(), piece)
            })
            .collect()
    }

    /// Whether the byte at `at` is drawn as selected: inside the selection,
    /// and inside one of the quotation's spans when `"` made it.
    pub fn is_selected(&self, at: usize) -> bool {
        let Some(selection) = self.selection() else {
            return false;
        };
        match self.quotation_pieces() {
            Some(pieces) => pieces.iter().any(|p| p.contains(&at)),
            None => selection.contains(&at),
        }
    }

    /// The quotation's spans, while the selection is the one `"` made.
    pub fn quotation_pieces(&self) -> Option<&[Range<usize>]> {
        let pieces = self.pieces.as_deref()?;
        let (first, last) = (pieces.first()?, pieces.last()?);
        (self.anchor == Some(first.start) && self.cursor == last.end).then_some(pieces)
    }

    /// The current annotation, if it still exists.
    pub fn current_annotation(&self) -> Option<&Annotation> {
        self.current.and_then(|id| self.annotations.get(id))
    }

    /// Who changes the annotations here, and now: for the core's change
    /// builders.
    pub fn stamp(&self) -> Stamp {
        Stamp::now(&self.author)
    }

    /// The label named `name`, if the schema has it.
    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// Columns of the gutter: focus marker, paragraph number, one cue per
    /// label, a review mark (pending or rejected on the line); when
    /// comparing, one cue per label of theirs and the disagreement mark.
    pub fn gutter_width(&self) -> u16 {
        let digits = self.article.paragraphs().len().max(1).ilog10() as u16 + 1;
        1 + digits + 1 + self.cues_width() + 1
    }

    /// Columns of the gutter after the paragraph number: the label cues and
    /// review mark, and the compare columns.
    pub fn cues_width(&self) -> u16 {
        let labels = self.labels.len() as u16;
        let theirs = if self.compare.is_some() {
            labels + 1
        } else {
            0
        };
        labels + 1 + theirs
    }

    /// The screen areas, `None` when the terminal is too small.
    pub fn areas(&self) -> Option<Areas> {
        screen::areas(self.size, self.gutter_width(), self.list.open)
    }

    /// The wrapping width of the article text.
    pub fn text_width(&self) -> u16 {
        self.areas().map_or(1, |a| a.text.width.max(1))
    }

    /// The rows the article text has on screen.
    pub fn text_height(&self) -> usize {
        self.areas()
            .map_or(1, |a| usize::from(a.text.height.max(1)))
    }

    /// The wrapped lines of paragraph `index` at the current width.
    pub fn lines(&self, index: usize) -> Lines {
        let width = self.text_width();
        self.wrapped
            .borrow_mut()
            .lines(index, self.article.paragraph_text(index), width)
    }

    /// What the saver should write now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            annotations: self.annotations.snapshot(),
            detached: Arc::clone(&self.detached),
            finished: self.annotations.finished().cloned(),
        }
    }
}

/// What the status line says when the article opens.
pub(super) fn opening_message(
    article: &Article,
    placed: &Reanchored,
    detached: usize,
    changed: bool,
    read_only: bool,
) -> Option<String> {
    let counts = || {
        let pending = placed.changed.len();
        let visit = if pending > 0 { " (pending: p)" } else { "" };
        let list = if detached > 0 { " (L lists)" } else { "" };
        format!(
            "{} kept, {} moved, {pending} changed{visit}, {detached} detached{list}",
            placed.kept, placed.moved
        )
    };
    if article.paragraphs().is_empty() {
        Some("The article is empty: there is nothing to annotate.".into())
    } else if changed {
        Some(format!("The article changed: {}.", counts()))
    } else if placed.anything_placed() || detached > 0 {
        Some(format!("Annotations placed again: {}.", counts()))
    } else if read_only {
        Some("Read-only: nothing will be saved.".into())
    } else {
        None
    }
}
