//! `sayso suggest`: the rules on one article in memory (4 KB and 10 MB),
//! and the command as a user runs it, reading each article, writing its
//! sidecar atomically: over 1,000 generated articles of about 4 KB (goal:
//! under 1 s on 2 cores) and over the 10 MB article (goal: under 2 s).
//!
//! Run with `cargo bench --bench suggest` (add `-- --quick` for a faster,
//! rougher run).

mod corpus;

use std::hint::black_box;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sayso::cli::suggest::{SuggestArgs, run_with};
use sayso_core::annotation::AnnotationSet;
use sayso_core::article::Article;
use sayso_core::corpus::Progress;
use sayso_core::suggest;
use tempfile::TempDir;

use corpus::Corpus;

const ARTICLES: usize = 1_000;
const SMALL: usize = 4 << 10;
const LARGE: usize = 10 << 20;

/// `sayso suggest`'s arguments, as the command line gives them.
#[derive(Parser)]
struct Command {
    #[command(flatten)]
    args: SuggestArgs,
}

/// No progress bar in a benchmark.
struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn step(&self) {}
    fn aside(&self, write: &mut dyn FnMut()) {
        write();
    }
    fn finish(&self) {}
}

fn command(paths: &[&Path]) -> SuggestArgs {
    let mut argv = vec![PathBuf::from("suggest")];
    argv.extend(paths.iter().map(|p| p.to_path_buf()));
    Command::parse_from(argv).args
}

/// Writes `ARTICLES` copies of a 4 KB article in folders of 100.
fn write_small_corpus(root: &Path) {
    let text = Corpus::new(SMALL, 0).text;
    for i in 0..ARTICLES {
        let dir = root.join(format!("{:02}", i / 100));
        std::fs::create_dir_all(&dir).expect("a corpus folder");
        std::fs::write(dir.join(format!("story-{i:04}.txt")), &text).expect("an article");
    }
}

/// Deletes every sidecar below `root`, so that each run suggests afresh.
fn remove_sidecars(root: &Path) {
    for entry in walk(root) {
        if entry.to_string_lossy().ends_with(".ann.ron") {
            std::fs::remove_file(entry).expect("a sidecar removed");
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn rules(c: &mut Criterion) {
    let mut group = c.benchmark_group("suggest rules");
    // With 20 annotations an editor made, which the rules leave alone.
    let small = Corpus::new(SMALL, 20);
    let article = Article::from_text(small.text);
    let existing = AnnotationSet::new(small.annotations);
    group.bench_function("4 KB article", |b| {
        b.iter(|| black_box(suggest::suggest(&article, &existing)))
    });
    let large = Article::from_text(Corpus::new(LARGE, 0).text);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("10 MB article", |b| {
        let none = AnnotationSet::default();
        b.iter(|| black_box(suggest::suggest(&large, &none)))
    });
    group.finish();
}

fn command_line(c: &mut Criterion) {
    let mut group = c.benchmark_group("sayso suggest");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let dir = TempDir::new().expect("a temporary folder");
    let corpus = dir.path().join("corpus");
    write_small_corpus(&corpus);
    let args = command(&[&corpus]);
    group.bench_function("1000 articles of 4 KB", |b| {
        b.iter_batched(
            || remove_sidecars(&corpus),
            |()| run_with(&args, &Quiet, &mut io::sink(), &mut io::sink()).expect("suggested"),
            BatchSize::PerIteration,
        )
    });
    let large = dir.path().join("large");
    std::fs::create_dir_all(&large).expect("a folder");
    let article = large.join("large.txt");
    std::fs::write(&article, Corpus::new(LARGE, 0).text).expect("the 10 MB article");
    let args = command(&[&article]);
    group.bench_function("the 10 MB article", |b| {
        b.iter_batched(
            || remove_sidecars(&large),
            |()| run_with(&args, &Quiet, &mut io::sink(), &mut io::sink()).expect("suggested"),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, rules, command_line);
criterion_main!(benches);
