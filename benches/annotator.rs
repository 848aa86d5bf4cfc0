//! What an editor waits for: opening a long annotated article to its first
//! frame, one keystroke (update and redraw), and saving many annotations.
//!
//! Run with `cargo bench --bench annotator` (add `-- --quick` for a faster,
//! rougher run). Keystrokes are measured on a 10 MB and a 4 KB article so the
//! factor between them can be read: it should be near 1.

mod corpus;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sayso::annotation::Label;
use sayso::article::Article;
use sayso::store::{self, Sidecar};
use sayso::tui::{Action, App, Keymap, Motion, Options, update, view};

use corpus::Corpus;

const LARGE: usize = 10 << 20;
const SMALL: usize = 4 << 10;
const ANNOTATIONS: usize = 50_000;
const WIDTH: u16 = 160;
const HEIGHT: u16 = 50;

fn options() -> Options {
    Options {
        file_name: "bench.txt".into(),
        author: "bench".into(),
        read_only: false,
        color: true,
        labels: Label::defaults(),
    }
}

/// An app on `corpus`, laid out for a 160×50 terminal.
fn open(article: Arc<Article>, corpus_annotations: Vec<sayso::annotation::Annotation>) -> App {
    let sidecar = Sidecar {
        annotations: corpus_annotations,
        detached: vec![],
        article_changed: false,
    };
    let mut app = App::new(article, Some(sidecar), options());
    update(
        &mut app,
        Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        },
    );
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App, keymap: &Keymap) {
    terminal
        .draw(|frame| view(app, keymap, frame))
        .expect("drawing on a test terminal");
}

fn open_first_frame(c: &mut Criterion) {
    let large = Corpus::new(LARGE, ANNOTATIONS);
    let keymap = Keymap::new(&Label::defaults());
    let mut group = c.benchmark_group("open to first frame, 10 MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for (name, annotations) in [
        ("no annotations", Vec::new()),
        ("50000 annotations", large.annotations.clone()),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || (large.text.clone(), annotations.clone()),
                |(text, annotations)| {
                    let app = open(Arc::new(Article::from_text(text)), annotations);
                    let mut terminal = terminal();
                    draw(&mut terminal, &app, &keymap);
                    app
                },
                BatchSize::PerIteration,
            )
        });
    }

    // The whole way from the files: read the article, parse and anchor the
    // sidecar, lay out and draw.
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let article_path = dir.path().join("bench.txt");
    let sidecar_path = store::sidecar_path(&article_path);
    std::fs::write(&article_path, &large.text).expect("writing the article");
    let article = Article::from_text(large.text.clone());
    let records: Vec<_> = large.annotations.iter().cloned().map(Arc::new).collect();
    store::save(
        &sidecar_path,
        &store::render(&article, "bench.txt", &records, &[]),
    )
    .expect("writing the sidecar");
    group.bench_function("from files, 50000 annotations", |b| {
        b.iter(|| {
            let bytes = std::fs::read(&article_path).expect("reading the article");
            let article = Article::from_bytes(bytes).expect("UTF-8");
            let sidecar = store::load(&article, &sidecar_path)
                .expect("the sidecar loads")
                .expect("the sidecar exists");
            assert_eq!(sidecar.annotations.len(), ANNOTATIONS);
            let mut app = App::new(Arc::new(article), Some(sidecar), options());
            update(
                &mut app,
                Action::Resize {
                    width: WIDTH,
                    height: HEIGHT,
                },
            );
            let mut terminal = terminal();
            draw(&mut terminal, &app, &keymap);
            app
        })
    });
    group.finish();
}

fn keystrokes(c: &mut Criterion) {
    let keymap = Keymap::new(&Label::defaults());
    // Forward then back, so the cursor stays in the middle of the text.
    let pairs = [
        ("l h", Motion::NextGrapheme, Motion::PrevGrapheme),
        ("w b", Motion::NextWord, Motion::PrevWord),
        ("j k", Motion::NextParagraph, Motion::PrevParagraph),
        (") (", Motion::NextSentence, Motion::PrevSentence),
    ];
    for (size, bytes, annotations) in [("10 MB", LARGE, ANNOTATIONS), ("4 KB", SMALL, 20)] {
        let corpus = Corpus::new(bytes, annotations);
        let mut app = open(
            Arc::new(Article::from_text(corpus.text)),
            corpus.annotations,
        );
        let mut terminal = terminal();
        // The middle of the article, where annotations are all around.
        let middle = app.article.paragraphs().len() / 2;
        for _ in 0..middle {
            update(&mut app, Action::Move(Motion::NextParagraph));
        }
        draw(&mut terminal, &app, &keymap);

        let mut group = c.benchmark_group(format!("keystroke pair + draws, {size}"));
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(3));
        for (name, forward, back) in pairs {
            group.bench_function(name, |b| {
                b.iter(|| {
                    update(&mut app, Action::Move(forward));
                    draw(&mut terminal, &app, &keymap);
                    update(&mut app, Action::Move(back));
                    draw(&mut terminal, &app, &keymap);
                })
            });
        }
        group.bench_function("q u (tag, undo)", |b| {
            b.iter(|| {
                update(&mut app, Action::Tag(0));
                draw(&mut terminal, &app, &keymap);
                update(&mut app, Action::Undo);
                draw(&mut terminal, &app, &keymap);
            })
        });
        group.finish();
        list_keystrokes(c, size, &mut app, &mut terminal, &keymap);
        black_box(&app);
    }
}

/// Keys in the review panel, each with a redraw of the whole screen: moving
/// and acting on a row must not walk the annotations; changing the filter
/// does, once.
fn list_keystrokes(
    c: &mut Criterion,
    size: &str,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    keymap: &Keymap,
) {
    update(app, Action::ToggleList);
    for _ in 0..app.annotations.len() / 2 {
        update(app, Action::ListDown);
    }
    draw(terminal, app, keymap);
    let mut group = c.benchmark_group(format!("list keystroke pair + draws, {size}"));
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(3));
    let pairs = [
        ("j k", Action::ListDown, Action::ListUp),
        ("PgDn PgUp", Action::ListPageDown, Action::ListPageUp),
        (
            "r u (reject the row, undo)",
            Action::ListReject,
            Action::Undo,
        ),
        (
            "s s (status filter: pending, accepted)",
            Action::FilterStatus,
            Action::FilterStatus,
        ),
        (
            "l Backspace (label filter, none)",
            Action::FilterLabel,
            Action::FilterClear,
        ),
    ];
    for (name, first, second) in pairs {
        group.bench_function(name, |b| {
            b.iter(|| {
                update(app, first.clone());
                draw(terminal, app, keymap);
                update(app, second.clone());
                draw(terminal, app, keymap);
            })
        });
        update(app, Action::FilterClear);
    }
    // Typing a speaker filter: the first letter looks at every annotation,
    // the next ones only among the rows the first let through.
    update(app, Action::FilterSpeaker);
    group.bench_function("typing z then o (speaker filter), two Backspaces", |b| {
        b.iter(|| {
            update(app, Action::FilterInput('z'));
            draw(terminal, app, keymap);
            update(app, Action::FilterInput('o'));
            draw(terminal, app, keymap);
            update(app, Action::FilterBackspace);
            update(app, Action::FilterBackspace);
        })
    });
    update(app, Action::Escape);
    group.finish();
    update(app, Action::ToggleList);
}

fn saving(c: &mut Criterion) {
    let large = Corpus::new(LARGE, ANNOTATIONS);
    let article = Article::from_text(large.text);
    let annotations: Vec<_> = large.annotations.into_iter().map(Arc::new).collect();
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let path = dir.path().join("bench.ann.ron");
    let mut group = c.benchmark_group("save 50000 annotations, 10 MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("render", |b| {
        b.iter(|| store::render(&article, "bench.txt", &annotations, &[]))
    });
    group.bench_function("render + atomic save", |b| {
        b.iter(|| {
            let text = store::render(&article, "bench.txt", &annotations, &[]);
            store::save(&path, &text).expect("saving")
        })
    });
    group.finish();
}

criterion_group!(benches, open_first_frame, keystrokes, saving);
criterion_main!(benches);
