//! Saving a long annotated article: rendering the sidecar into a string (as
//! `sayso import` does), rendering it straight into an atomic save (as the
//! annotator does), and the same through the background saver, submitted and
//! waited for.
//!
//! Run with `cargo bench --bench save` (add `-- --quick` for a rougher run).
//! Peak memory during a save is measured by `examples/open_large.rs`.

mod corpus;

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sayso_core::article::Article;
use sayso_core::store::{self, Saver, Snapshot};

use corpus::Corpus;

const BYTES: usize = 10 << 20;
const ANNOTATIONS: usize = 50_000;

fn saving(c: &mut Criterion) {
    let corpus = Corpus::new(BYTES, ANNOTATIONS);
    let article = Arc::new(Article::from_text(corpus.text));
    let annotations: Vec<_> = corpus.annotations.into_iter().map(Arc::new).collect();
    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let path = dir.path().join("bench.ann.ron");
    let mut group = c.benchmark_group("save 50000 annotations, 10 MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("render", |b| {
        b.iter(|| store::render(&article, "bench.txt", &annotations, &[], None))
    });
    group.bench_function("render streamed into an atomic save", |b| {
        b.iter(|| {
            store::save_with(&path, |out| {
                store::write(out, &article, "bench.txt", &annotations, &[], None)
            })
            .expect("saving")
        })
    });
    let saver = Saver::spawn(Arc::clone(&article), path.clone(), "bench.txt".into());
    let snapshot = Snapshot {
        annotations: annotations.clone(),
        detached: Arc::new(Vec::new()),
        finished: None,
    };
    group.bench_function("through the saver (submit, flush)", |b| {
        b.iter(|| {
            saver.submit(snapshot.clone());
            saver.flush().expect("saving")
        })
    });
    group.finish();
}

criterion_group!(benches, saving);
criterion_main!(benches);
