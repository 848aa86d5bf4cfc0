//! A 50 MB article on one line, and a 45 MB speaker: what a hostile or
//! badly converted file costs. Opening lays the one paragraph out once; after
//! that a key must cost what it costs in a short paragraph (2 ms at most,
//! with its redraw), since sentences, words and quotations are looked for in
//! a window around the cursor only; and the review panel and the form draw
//! only what fits of a speaker.
//!
//! Run with `cargo bench --bench long_line` (add `-- --quick` for a faster,
//! rougher run).

mod corpus;
mod screen;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sayso::tui::form::FormAction as F;
use sayso::tui::list::ListAction as L;
use sayso::tui::{Action, App, Direction, Keymap, Motion, NormalAction as N};
use sayso_core::annotation::Label;
use sayso_core::article::{Article, graphemes};
use sayso_core::store::Sidecar;

use corpus::Corpus;
use screen::{draw, laid_out, options, press, terminal};

const BYTES: usize = 50 << 20;

/// An app on `text` with `sidecar`, laid out and drawn.
fn open(
    text: String,
    sidecar: Option<Sidecar>,
    terminal: &mut Terminal<TestBackend>,
    keymap: &Keymap,
) -> App {
    let article = Arc::new(Article::from_text(text));
    let app = laid_out(App::new(article, sidecar, options()));
    draw(terminal, &app, keymap);
    app
}

/// The texts: news sentences on one line, and the same with every sentence
/// start in lower case, so that no sentence boundary is a safe place to
/// start segmenting and every sentence key reads its whole window.
fn texts() -> [(&'static str, String); 2] {
    let prose = Corpus::new(BYTES, 0).text.replace('\n', " ");
    let lower = prose.replace(". ", ". and ").replace("\" ", "\" and ");
    [("50 MB news", prose), ("50 MB with no safe start", lower)]
}

fn opening(c: &mut Criterion) {
    let keymap = Keymap::new(&Label::defaults());
    let mut group = c.benchmark_group("open to first frame, 50 MB on one line");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for (name, text) in texts() {
        group.bench_function(name, |b| {
            b.iter_batched(
                || text.clone(),
                |text| open(text, None, &mut terminal(), &keymap),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn keystrokes(c: &mut Criterion) {
    let keymap = Keymap::new(&Label::defaults());
    // Each pair leaves the app as it found it, so every sample is alike.
    let pairs: [(&str, Action, Action); 6] = [
        (
            "s Esc (select the sentence)",
            N::SelectSentence.into(),
            N::DropSelection.into(),
        ),
        (
            "c u (tag the sentence, undo)",
            N::Tag(1).into(),
            Action::Undo,
        ),
        (
            "q u (tag the quotation, undo)",
            N::Tag(0).into(),
            Action::Undo,
        ),
        (
            "\" Esc (select the quotation)",
            N::SelectQuotation.into(),
            N::DropSelection.into(),
        ),
        (
            "w b",
            N::Move(Motion::NextWord).into(),
            N::Move(Motion::PrevWord).into(),
        ),
        (
            ") (",
            N::Move(Motion::NextSentence).into(),
            N::Move(Motion::PrevSentence).into(),
        ),
    ];
    // The same keys on 16 KB of news on one line, to read the factor by:
    // enough to fill the screen, as the long line does.
    let short = (
        "16 KB news",
        Corpus::new(16 << 10, 0).text.replace('\n', " "),
    );
    for (name, text) in texts().into_iter().chain([short]) {
        let mut terminal = terminal();
        let mut app = open(text, None, &mut terminal, &keymap);
        // The middle of the line, on a grapheme boundary.
        app.cursor = graphemes::floor_boundary(app.article.text(), app.article.text().len() / 2);
        press(
            &mut terminal,
            &mut app,
            &keymap,
            &[N::Move(Motion::NextGrapheme).into()],
        );
        let mut group = c.benchmark_group(format!("keystroke pair + draws, one line of {name}"));
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(3));
        for (key, first, second) in &pairs {
            group.bench_function(*key, |b| {
                b.iter(|| {
                    press(
                        &mut terminal,
                        &mut app,
                        &keymap,
                        &[first.clone(), second.clone()],
                    )
                })
            });
        }
        group.finish();
        black_box(&app);
    }
}

/// The review panel and the form on an annotation whose speaker is 45 MB.
fn long_speaker(c: &mut Criterion) {
    let keymap = Keymap::new(&Label::defaults());
    let Corpus {
        text,
        mut annotations,
    } = Corpus::new(4 << 10, 10);
    annotations[0].speaker = Some("Zoë Ångström ".repeat((45 << 20) / 16));
    annotations[0].note = Some("n".repeat(45 << 20));
    let sidecar = Sidecar {
        annotations,
        detached: vec![],
        article_changed: false,
        reanchored: Default::default(),
        finished: None,
    };
    let mut terminal = terminal();
    let mut app = open(text, Some(sidecar), &mut terminal, &keymap);
    let mut group = c.benchmark_group("a 45 MB speaker and note");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    let keys = [
        (
            "review panel: j k",
            vec![N::OpenList.into()],
            [
                L::Row(Direction::Forward).into(),
                L::Row(Direction::Backward).into(),
            ],
        ),
        (
            "Tab Shift-Tab (its status line)",
            vec![
                N::OpenList.into(),
                N::GoAnnotation(Direction::Forward).into(),
            ],
            [
                N::GoAnnotation(Direction::Forward).into(),
                N::GoAnnotation(Direction::Backward).into(),
            ],
        ),
        (
            "form: ↓ ↑ (speaker and note drawn)",
            vec![N::OpenForm.into()],
            [
                F::Field(Direction::Forward).into(),
                F::Field(Direction::Backward).into(),
            ],
        ),
    ];
    for (name, before, pair) in keys {
        press(&mut terminal, &mut app, &keymap, &before);
        group.bench_function(name, |b| {
            b.iter(|| press(&mut terminal, &mut app, &keymap, &pair))
        });
    }
    group.finish();
    black_box(&app);
}

criterion_group!(benches, keystrokes, long_speaker, opening);
criterion_main!(benches);
