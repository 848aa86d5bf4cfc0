//! Placing annotations again, and merging sidecars: on the generated 10 MB
//! article with 50,000 annotations, reading the sidecar from disk when the
//! article is unchanged, and after one char was inserted near its start
//! (every annotation after it is then placed again); and `sayso merge` of
//! two sidecars of 50,000 annotations each against their base.
//!
//! Records are placed again as the sidecar is read, each when its record
//! closes, so the re-anchoring cannot be timed apart from the reading: the
//! second row is the whole of what an editor waits for after an edit, and
//! placing alone costs at most its difference from the first. What was read
//! is freed outside the clock, as the annotator keeps it; the article's
//! hash, which it computes once (3 to 4 ms on 10 MB), is taken before the
//! clock starts, as each article is built once and read many times. The merge
//! is timed as `sayso merge` runs it: the three files read, merged, and the
//! result written atomically over ours (the copy of ours it is given, made
//! before the clock starts).
//!
//! Run with `cargo bench --bench anchor` (add `-- --quick` for a faster,
//! rougher run).

mod corpus;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sayso_core::annotation::{Annotation, Status};
use sayso_core::article::Article;
use sayso_core::store::{self, merge};

use corpus::Corpus;

const LARGE: usize = 10 << 20;
const ANNOTATIONS: usize = 50_000;

/// Writes the sidecar of `annotations` on `article` to `path`.
fn write_sidecar(path: &Path, article: &Article, annotations: Vec<Annotation>) {
    let live: Vec<Arc<Annotation>> = annotations.into_iter().map(Arc::new).collect();
    std::fs::write(path, store::render(article, "bench.txt", &live, &[], None)).expect("write");
}

fn reanchor(c: &mut Criterion) {
    let corpus = Corpus::new(LARGE, ANNOTATIONS);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.ann.ron");
    let article = Article::from_text(corpus.text.clone());
    write_sidecar(&path, &article, corpus.annotations);
    // One char typed in the first paragraph, a few sentences in.
    let at = corpus.text.char_indices().nth(200).map_or(0, |(i, _)| i);
    let mut edited = corpus.text.clone();
    edited.insert(at, 'x');
    let edited = Article::from_text(edited);

    let check = store::load(&edited, &path)
        .expect("loads")
        .expect("a sidecar");
    assert!(check.article_changed);
    assert_eq!(
        check.detached.len(),
        0,
        "{:?}",
        check.reanchored.detached.first()
    );
    assert!(
        check.reanchored.moved > ANNOTATIONS - 10,
        "{}",
        check.reanchored.counts()
    );

    for hashed in [&article, &edited] {
        assert_eq!(hashed.blake3_hex().len(), 64);
    }
    let mut group = c.benchmark_group("reanchor");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("load the sidecar, article unchanged", |b| {
        b.iter_with_large_drop(|| store::load(&article, &path))
    });
    group.bench_function("load it after one char inserted near the start", |b| {
        b.iter_with_large_drop(|| store::load(&edited, &path))
    });
    group.finish();
}

fn merge_sidecars(c: &mut Criterion) {
    let corpus = Corpus::new(LARGE, ANNOTATIONS);
    let article = Article::from_text(corpus.text.clone());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (base, ours, theirs) = (
        dir.path().join("base.ann.ron"),
        dir.path().join("ours.ann.ron"),
        dir.path().join("theirs.ann.ron"),
    );
    write_sidecar(&base, &article, corpus.annotations.clone());
    // Each side reviews every tenth annotation, on different ones, and one
    // speaker is changed on both sides: a conflict.
    let side = |offset: usize, status: Status, speaker: &str| {
        let mut annotations = corpus.annotations.clone();
        for a in annotations.iter_mut().skip(offset).step_by(10) {
            a.status = status;
        }
        annotations[0].speaker = Some(speaker.into());
        annotations
    };
    write_sidecar(&ours, &article, side(1, Status::Rejected, "Zoë"));
    write_sidecar(&theirs, &article, side(2, Status::Pending, "José"));
    let written = dir.path().join("merged.ann.ron");

    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("sayso merge of two 50,000-annotation sidecars", |b| {
        b.iter_batched(
            // What the driver is given: OURS is overwritten by the merge.
            || std::fs::copy(&ours, &written).expect("copy"),
            |_| {
                let report = merge::merge_paths(&base, &written, &theirs).expect("merges");
                assert_eq!(report.conflicts.len(), 1);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, reanchor, merge_sidecars);
criterion_main!(benches);
