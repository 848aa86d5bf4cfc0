//! A corpus in the annotator: 10,000 generated articles of about 4 KB in
//! folders of 100, half of them with a sidecar of 20 annotations, read from
//! disk. What the editor waits for:
//!
//! - opening the corpus to the first article's first frame (finding the
//!   articles, reading the first one and its sidecar, laying out, drawing a
//!   160×50 screen); goal 100 ms;
//! - `Ctrl-n` to the next article's first frame (the save of the one left
//!   behind completing, the next one read, drawn); goal 10 ms;
//! - the overview's first frame (`O`); goal 50 ms.
//!
//! The reader that counts the articles runs in the background meanwhile,
//! as it does for the editor. Run with `cargo bench --bench corpus_session`
//! (add `-- --quick` for a faster, rougher run).

mod corpus;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sayso::tui::corpus::{CorpusAction, Entry, Session, Settings};
use sayso::tui::{Action, Direction, Keymap, update, view};
use sayso_core::annotation::Label;
use sayso_core::article::Article;
use sayso_core::corpus::{Item, find};
use sayso_core::store;
use tempfile::TempDir;

use corpus::Corpus;

const ARTICLES: usize = 10_000;
const BYTES: usize = 4 << 10;
const ANNOTATIONS: usize = 20;
const WIDTH: u16 = 160;
const HEIGHT: u16 = 50;

/// Writes the corpus below `root`: articles in folders of 100, every other
/// one with its sidecar.
fn write_corpus(root: &Path) {
    let generated = Corpus::new(BYTES, ANNOTATIONS);
    let article = Article::from_text(generated.text.clone());
    let annotations: Vec<_> = generated.annotations.into_iter().map(Arc::new).collect();
    for i in 0..ARTICLES {
        let dir = root.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&dir).expect("a corpus folder");
        let name = format!("story-{i:05}.txt");
        std::fs::write(dir.join(&name), &generated.text).expect("an article");
        if i % 2 == 0 {
            let sidecar = store::render(&article, &name, &annotations, &[], None);
            std::fs::write(store::sidecar_path(&dir.join(&name)), sidecar).expect("a sidecar");
        }
    }
}

fn settings() -> Settings {
    Settings {
        author: "bench".into(),
        read_only: false,
        color: true,
        labels: Label::defaults(),
        tree: false,
        places: None,
    }
}

/// The annotator on the corpus below `root`, as `sayso root` opens it.
fn open(root: &Path) -> Session {
    let entries = find(&[PathBuf::from(root)], None)
        .into_iter()
        .filter_map(|item| match item {
            Item::Article(found) => Some(Entry::from(found)),
            Item::Problem(_) => None,
        })
        .collect();
    let mut session = Session::corpus(entries, Vec::new(), settings()).expect("the corpus opens");
    update(
        &mut session.app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    session
}

fn draw(terminal: &mut Terminal<TestBackend>, session: &Session, keymap: &Keymap) {
    terminal
        .draw(|frame| view(&session.app, keymap, frame))
        .expect("drawing on a test terminal");
}

/// `action`, then the session doing what the loop hands it.
fn press(session: &mut Session, action: impl Into<Action>) {
    update(&mut session.app, action);
    session.switch();
}

fn corpus_session(c: &mut Criterion) {
    let dir = TempDir::new().expect("a temporary folder");
    write_corpus(dir.path());
    let keymap = Keymap::new(&Label::defaults());
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    let mut group = c.benchmark_group("corpus of 10000 articles of 4 KB, half annotated");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));

    group.bench_function("open to the first article's first frame", |b| {
        b.iter_with_large_drop(|| {
            let session = open(dir.path());
            draw(&mut terminal, &session, &keymap);
            session
        })
    });

    let mut session = open(dir.path());
    group.bench_function("Ctrl-n to the next article's first frame", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                press(&mut session, CorpusAction::Go(Direction::Forward));
                draw(&mut terminal, &session, &keymap);
                spent += start.elapsed();
                press(&mut session, CorpusAction::Go(Direction::Backward));
            }
            spent
        })
    });

    group.bench_function("the overview's first frame", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                press(&mut session, CorpusAction::OpenOverview);
                draw(&mut terminal, &session, &keymap);
                spent += start.elapsed();
                press(&mut session, sayso::tui::corpus::OverviewAction::Close);
            }
            spent
        })
    });
    group.finish();
    session.finish().expect("nothing to save");
}

criterion_group!(benches, corpus_session);
criterion_main!(benches);
