//! The overview of a corpus (`O`): one row per article with its
//! paragraphs, annotations per label, pending annotations and finished
//! mark, filtered by what is left to do or by name; `Enter` opens one.
//!
//! It opens at once however large the corpus: the rows are indices into the
//! corpus's articles, found again only when the filter changes (or, for a
//! filter on counts, when counts come in), and drawing looks only at the
//! rows on screen. Counts not read yet are shown as such.

use super::{Corpus, Entry, Go};
use crate::tui::action::Direction;
use crate::tui::app::{App, Mode};
use crate::tui::rows::{self, signed};

/// Which articles the overview shows: every part that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only articles not marked finished.
    pub unfinished: bool,
    /// Only articles with annotations waiting for review.
    pub pending: bool,
    /// Part of the article's path, any case; empty lets every one through.
    pub name: String,
}

impl Filter {
    /// Whether anything is filtered out.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether what is known of an article can change what passes.
    fn on_counts(&self) -> bool {
        self.unfinished || self.pending
    }
}

/// The overview's state.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// Shown, under the help too.
    pub open: bool,
    /// The selected row.
    pub selected: usize,
    /// The first row on screen.
    pub top: usize,
    filter: Filter,
    /// The indices of the articles that pass the filter, in order.
    rows: Vec<usize>,
}

impl Overview {
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Rows that pass the filter.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The article of row `row`.
    pub fn entry_at(&self, row: usize) -> Option<usize> {
        self.rows.get(row).copied()
    }

    /// Opens the overview on the row of article `current`.
    pub fn show(&mut self, entries: &[Entry], current: usize) {
        self.open = true;
        self.refilter(entries);
        self.select_entry(current);
    }

    /// Filters by `filter`, keeping the selection on the same article, or
    /// the next one that passes.
    fn set_filter(&mut self, filter: Filter, entries: &[Entry]) {
        let selected = self.entry_at(self.selected);
        self.filter = filter;
        self.refilter(entries);
        if let Some(index) = selected {
            self.select_entry(index);
        }
    }

    /// Counts or finished marks came in: the rows follow when the filter
    /// depends on them.
    pub fn counts_came(&mut self, entries: &[Entry]) {
        if self.open && self.filter.on_counts() {
            self.set_filter(self.filter.clone(), entries);
        }
    }

    /// Walks the articles once for the rows the filter lets through.
    fn refilter(&mut self, entries: &[Entry]) {
        let name = self.filter.name.to_lowercase();
        self.rows = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let known = &e.known;
                (!self.filter.unfinished || known.finished != Some(true))
                    && (!self.filter.pending
                        || known.counts.as_ref().is_some_and(|c| c.pending > 0))
                    && (name.is_empty() || e.shown.to_lowercase().contains(&name))
            })
            .map(|(i, _)| i)
            .collect();
        self.clamp();
    }

    /// Selects the row of article `index`, or the next one that passes.
    fn select_entry(&mut self, index: usize) {
        self.selected = self.rows.partition_point(|&i| i < index);
        self.clamp();
    }

    /// Moves the selection by `delta` rows, staying within the rows.
    fn move_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta);
        self.clamp();
    }

    /// Scrolls so that the selected row is among the `height` rows shown.
    pub fn keep_in_view(&mut self, height: usize) {
        self.top = rows::shown_from(self.top, self.selected, height);
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }
}

/// What the keys of the overview (and of its name filter) ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverviewAction {
    /// `j` / `k`: the next / previous row.
    Row(Direction),
    /// `PgDn` / `PgUp`: a screen of rows down / up.
    Page(Direction),
    /// `G` / `g`: the last / first row.
    End(Direction),
    /// `Enter`: open the row's article.
    Open,
    /// `u`: only the unfinished articles (again: all).
    Unfinished,
    /// `p`: only the articles with pending annotations (again: all).
    Pending,
    /// `/`: start typing a part of the name.
    Name,
    /// `Backspace`: drop every filter.
    Clear,
    /// `O` `Esc`: back to the article.
    Close,
    /// A character typed into the name filter.
    NameInput(char),
    NameBackspace,
    /// `Enter`: stop typing the name, keeping it.
    NameKeep,
    /// `Esc`: stop typing the name, dropping it.
    NameDrop,
}

/// Applies `action` to the overview.
pub(in crate::tui) fn update(app: &mut App, action: OverviewAction) {
    let shown = rows_shown(app);
    let corpus = &mut app.corpus;
    let overview = &mut corpus.overview;
    let mut filter = overview.filter.clone();
    match action {
        OverviewAction::Row(direction) => overview.move_by(signed(1, direction)),
        OverviewAction::Page(direction) => overview.move_by(signed(shown, direction)),
        OverviewAction::End(Direction::Forward) => overview.move_by(isize::MAX),
        OverviewAction::End(Direction::Backward) => overview.selected = 0,
        OverviewAction::Open => open(app),
        OverviewAction::Unfinished => {
            filter.unfinished = !filter.unfinished;
            overview.set_filter(filter, &corpus.entries);
        }
        OverviewAction::Pending => {
            filter.pending = !filter.pending;
            overview.set_filter(filter, &corpus.entries);
        }
        OverviewAction::Name => app.mode = Mode::OverviewName,
        OverviewAction::Clear => overview.set_filter(Filter::default(), &corpus.entries),
        OverviewAction::Close => close(app),
        OverviewAction::NameInput(c) => {
            filter.name.push(c);
            overview.set_filter(filter, &corpus.entries);
        }
        OverviewAction::NameBackspace => {
            filter.name.pop();
            overview.set_filter(filter, &corpus.entries);
        }
        OverviewAction::NameKeep => app.mode = Mode::Overview,
        OverviewAction::NameDrop => {
            filter.name.clear();
            overview.set_filter(filter, &corpus.entries);
            app.mode = Mode::Overview;
        }
    }
}

/// Back to the article.
fn close(app: &mut App) {
    app.corpus.overview.open = false;
    app.mode = Mode::Normal;
}

/// Opens the selected row's article: asks the session to go there, or says
/// why it cannot.
fn open(app: &mut App) {
    let corpus: &mut Corpus = &mut app.corpus;
    let Some(index) = corpus.overview.entry_at(corpus.overview.selected) else {
        app.message = Some("No row: the filter lets nothing through (Backspace drops it).".into());
        return;
    };
    if let Some(problem) = &corpus.entries[index].known.problem {
        app.message = Some(format!("Cannot open it: {problem}"));
        return;
    }
    if index != corpus.current {
        corpus.go = Some(Go::To(index));
    }
    close(app);
}

/// The rows of articles the overview shows: the screen less the status
/// line, the borders, the filter line, the header, and a line under the
/// rows when something below the folders is not an article.
pub(in crate::tui) fn rows_shown(app: &App) -> usize {
    let footer = usize::from(!app.corpus.problems.is_empty());
    usize::from(app.size.height)
        .saturating_sub(5 + footer)
        .max(1)
}
