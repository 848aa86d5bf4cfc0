//! What the annotator pays for other programs writing its sidecar, on a
//! 10 MB article with 50,000 annotations: the idle check, one `stat` of the
//! sidecar against the version last read or written, and the merge of a
//! version that changed (31 annotations added outside, as `sayso import`
//! adds them).
//!
//! Run with `cargo bench --bench watch` (add `-- --quick` for a rougher run).

mod corpus;

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sayso_core::annotation::{Origin, Status};
use sayso_core::article::Article;
use sayso_core::store::merge::incoming;
use sayso_core::store::watch::{Look, Watched, fingerprint};
use sayso_core::store::{self, Snapshot};

use corpus::Corpus;

const BYTES: usize = 10 << 20;
const ANNOTATIONS: usize = 50_000;
const ADDED: usize = 31;

fn outside(c: &mut Criterion) {
    let corpus = Corpus::new(BYTES, ANNOTATIONS + ADDED);
    let article = Arc::new(Article::from_text(corpus.text));
    let mut annotations: Vec<_> = corpus.annotations.into_iter().map(Arc::new).collect();
    // Every 1,600th one is the import's: pending, from outside.
    let mut theirs_only = Vec::new();
    let mut i = 0;
    annotations.retain(|a| {
        i += 1;
        if i % 1_600 != 0 || theirs_only.len() == ADDED {
            return true;
        }
        let mut imported = sayso_core::annotation::Annotation::clone(a);
        imported.status = Status::Pending;
        imported.origin = Origin::Imported;
        theirs_only.push(Arc::new(imported));
        false
    });
    let ours = Snapshot {
        annotations: annotations.clone(),
        detached: Arc::new(Vec::new()),
        finished: None,
    };
    let mut with_import = annotations;
    with_import.extend(theirs_only);
    let theirs = Snapshot {
        annotations: with_import,
        detached: Arc::new(Vec::new()),
        finished: None,
    };

    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let path = dir.path().join("bench.ann.ron");
    store::save_with(&path, |out| {
        store::write(out, &article, "bench.txt", &ours.annotations, &[], None)
    })
    .expect("saving");
    let seen = fingerprint(&path).expect("stat");
    let watched = Watched::new(path, seen, ours.clone());

    let mut group = c.benchmark_group("outside changes, 50000 annotations, 10 MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("idle check of an unchanged sidecar", |b| {
        b.iter(|| assert_eq!(watched.look().expect("a look"), Look::Same))
    });
    group.bench_function("merge 31 annotations added outside", |b| {
        b.iter(|| {
            let came = incoming(&ours, &ours, &theirs);
            assert_eq!(came.added, ADDED);
        })
    });
    group.finish();
}

criterion_group!(benches, outside);
criterion_main!(benches);
