//! What an editor waits for: opening a long annotated article to its first
//! frame (with its sidecar read before it, or behind it as the annotator
//! does), and one keystroke (update and redraw); with `--compare`, the
//! disagreements found when it opens and the keys that go through them and
//! take the other editor's version. Saving is measured in `benches/save.rs`.
//!
//! Run with `cargo bench --bench annotator` (add `-- --quick` for a faster,
//! rougher run). Keystrokes are measured on a 10 MB and a 4 KB article so the
//! factor between them can be read: it should be near 1.

mod corpus;
mod screen;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sayso::tui::list::ListAction as L;
use sayso::tui::{Action, App, Direction, Keymap, Loader, Motion, NormalAction as N, update};
use sayso_core::annotation::{Annotation, Label};
use sayso_core::article::Article;
use sayso_core::store::{self, Sidecar};

use corpus::Corpus;
use screen::{draw, laid_out, options, press, terminal};

const LARGE: usize = 10 << 20;
const SMALL: usize = 4 << 10;
const ANNOTATIONS: usize = 50_000;

/// An app on `corpus`, laid out for a 160×50 terminal.
fn open(article: Arc<Article>, corpus_annotations: Vec<sayso_core::annotation::Annotation>) -> App {
    let sidecar = Sidecar {
        annotations: corpus_annotations,
        detached: vec![],
        article_changed: false,
        reanchored: Default::default(),
        finished: None,
    };
    laid_out(App::new(article, Some(sidecar), options()))
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
        &store::render(&article, "bench.txt", &records, &[], None),
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
            let app = laid_out(App::new(Arc::new(article), Some(sidecar), options()));
            let mut terminal = terminal();
            draw(&mut terminal, &app, &keymap);
            app
        })
    });

    // As the annotator opens: the article drawn while the sidecar is read
    // on a thread of its own; the reading goes on after the clock stops,
    // and is waited for, so that it does not slow the next iteration.
    let first_frame = || {
        let bytes = std::fs::read(&article_path).expect("reading the article");
        let article = Arc::new(Article::from_bytes(bytes).expect("UTF-8"));
        let loader = Loader::spawn(Arc::clone(&article), sidecar_path.clone(), None)
            .expect("the loader starts");
        let app = laid_out(App::opening(article, options()));
        let mut terminal = terminal();
        draw(&mut terminal, &app, &keymap);
        (app, loader, terminal)
    };
    group.bench_function(
        "from files, 50000 annotations, first frame as they are read",
        |b| {
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                for _ in 0..iters {
                    let started = Instant::now();
                    let (app, loader, _) = first_frame();
                    timed += started.elapsed();
                    black_box((app, loader.wait().expect("the sidecar loads")));
                }
                timed
            })
        },
    );
    group.bench_function(
        "from files, 50000 annotations, until the last is in (a redraw a batch)",
        |b| {
            b.iter(|| {
                let (mut app, loader, mut terminal) = first_frame();
                while app.loading.is_some() {
                    let arrival = loader.next().expect("the sidecar loads");
                    update(&mut app, Action::Arrived(arrival));
                    draw(&mut terminal, &app, &keymap);
                }
                assert_eq!(app.annotations.len(), ANNOTATIONS);
                app
            })
        },
    );
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
            update(&mut app, N::Move(Motion::NextParagraph));
        }
        draw(&mut terminal, &app, &keymap);

        let mut group = c.benchmark_group(format!("keystroke pair + draws, {size}"));
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(3));
        for (name, forward, back) in pairs {
            group.bench_function(name, |b| {
                b.iter(|| {
                    press(
                        &mut terminal,
                        &mut app,
                        &keymap,
                        &[
                            Action::Normal(N::Move(forward)),
                            Action::Normal(N::Move(back)),
                        ],
                    );
                })
            });
        }
        group.bench_function("q u (tag, undo)", |b| {
            b.iter(|| {
                press(
                    &mut terminal,
                    &mut app,
                    &keymap,
                    &[Action::Normal(N::Tag(0)), Action::Undo],
                );
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
    update(app, N::OpenList);
    for _ in 0..app.annotations.len() / 2 {
        update(app, L::Row(Direction::Forward));
    }
    draw(terminal, app, keymap);
    let mut group = c.benchmark_group(format!("list keystroke pair + draws, {size}"));
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(3));
    let pairs = [
        (
            "j k",
            Action::List(L::Row(Direction::Forward)),
            Action::List(L::Row(Direction::Backward)),
        ),
        (
            "PgDn PgUp",
            Action::List(L::Page(Direction::Forward)),
            Action::List(L::Page(Direction::Backward)),
        ),
        (
            "r u (reject the row, undo)",
            Action::List(L::Reject),
            Action::Undo,
        ),
        (
            "s s (status filter: pending, accepted)",
            Action::List(L::FilterStatus),
            Action::List(L::FilterStatus),
        ),
        (
            "l Backspace (label filter, none)",
            Action::List(L::FilterLabel),
            Action::List(L::FilterClear),
        ),
    ];
    for (name, first, second) in pairs {
        group.bench_function(name, |b| {
            b.iter(|| {
                press(terminal, app, keymap, &[first.clone(), second.clone()]);
            })
        });
        update(app, L::FilterClear);
    }
    // Typing a speaker filter: the first letter looks at every annotation,
    // the next ones only among the rows the first let through.
    update(app, L::FilterSpeaker);
    group.bench_function("typing z then o (speaker filter), two Backspaces", |b| {
        b.iter(|| {
            press(
                terminal,
                app,
                keymap,
                &[
                    Action::List(L::FilterInput('z')),
                    Action::List(L::FilterInput('o')),
                ],
            );
            update(app, L::FilterBackspace);
            update(app, L::FilterBackspace);
        })
    });
    update(app, L::FilterDrop);
    group.finish();
    update(app, L::Close);
}

/// The other editor's version of `mine`: every fifth relabelled, every
/// seventh gone, every eleventh with another speaker, every thirteenth a
/// character shorter (sentences end in an ASCII `.` or `"`).
fn theirs(mine: &[Annotation]) -> Vec<Annotation> {
    mine.iter()
        .enumerate()
        .filter(|(i, _)| i % 7 != 0)
        .map(|(i, a)| {
            let mut t = a.clone();
            t.author = "kim".into();
            if i % 5 == 0 {
                t.label = if a.label == "claim" { "quote" } else { "claim" }.into();
            }
            if i % 11 == 0 {
                t.speaker = Some("José Martí".into());
            }
            if i % 13 == 0 {
                t.spans[0].end -= 1;
            }
            t
        })
        .collect()
}

/// `--compare` on the 10 MB article with 50,000 annotations a side (about
/// 20,000 disagreements) and on the 4 KB one: finding them all when the
/// annotator opens, then keys with a redraw each. `T` and `u` recompute only
/// around the annotation they change.
fn comparing(c: &mut Criterion) {
    let keymap = Keymap::new(&Label::defaults());
    for (size, bytes, annotations) in [("10 MB", LARGE, ANNOTATIONS), ("4 KB", SMALL, 20)] {
        let corpus = Corpus::new(bytes, annotations);
        let other = theirs(&corpus.annotations);
        let mut app = open(
            Arc::new(Article::from_text(corpus.text)),
            corpus.annotations,
        );
        let mut group = c.benchmark_group(format!("--compare, {size}"));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(5));
        group.bench_function("find every disagreement (opening)", |b| {
            b.iter_batched(
                || other.clone(),
                |theirs| {
                    app.message = None;
                    app.compare_with("kim.ann.ron".into(), theirs)
                },
                BatchSize::PerIteration,
            )
        });
        group.finish();
        // Not left to the benchmark above, which a filter may skip.
        app.compare_with("kim.ann.ron".into(), other);

        let mut terminal = terminal();
        let middle = app.article.paragraphs().len() / 2;
        for _ in 0..middle {
            update(&mut app, N::Move(Motion::NextParagraph));
        }
        draw(&mut terminal, &app, &keymap);
        let mut group = c.benchmark_group(format!("--compare keystrokes + draws, {size}"));
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(3));
        // The state changes alone: what keeping the disagreements up to date
        // around an edit costs, beside the 50 ms of finding them all; first,
        // while the cursor is in the middle of the article.
        group.bench_function("T u, no drawing", |b| {
            update(&mut app, N::NextDisagreement);
            b.iter(|| {
                update(&mut app, N::TakeTheirs);
                update(&mut app, Action::Undo);
            })
        });
        group.bench_function("D (next disagreement)", |b| {
            b.iter(|| {
                press(
                    &mut terminal,
                    &mut app,
                    &keymap,
                    &[Action::Normal(N::NextDisagreement)],
                );
            })
        });
        group.bench_function("D T u (take theirs, undo)", |b| {
            b.iter(|| {
                press(
                    &mut terminal,
                    &mut app,
                    &keymap,
                    &[
                        Action::Normal(N::NextDisagreement),
                        Action::Normal(N::TakeTheirs),
                        Action::Undo,
                    ],
                );
            })
        });
        group.bench_function("q u (tag, undo) while comparing", |b| {
            b.iter(|| {
                press(
                    &mut terminal,
                    &mut app,
                    &keymap,
                    &[Action::Normal(N::Tag(0)), Action::Undo],
                );
            })
        });
        group.finish();
        black_box(&app);
    }
}

criterion_group!(benches, open_first_frame, keystrokes, comparing);
criterion_main!(benches);
