//! What the annotator pays for other programs writing its sidecar, on a
//! 10 MB article with 50,000 annotations: the idle check, one `stat` of the
//! sidecar against the version last read or written; the merge of a
//! version that changed (31 annotations added outside, as `sayso import`
//! adds them), on a thread of its own; and what the annotator's own thread
//! does of it: the look that starts the thread, and taking in the merge
//! once it is done, between two keys.
//!
//! Run with `cargo bench --bench watch` (add `-- --quick` for a rougher run).

mod corpus;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use sayso::tui::{App, Options, Outside};
use sayso_core::annotation::{Annotation, Label, Origin, Status};
use sayso_core::article::Article;
use sayso_core::store::merge::incoming;
use sayso_core::store::watch::{Look, Watched, fingerprint};
use sayso_core::store::{self, Sidecar, Snapshot};

use corpus::Corpus;

const BYTES: usize = 10 << 20;
const ANNOTATIONS: usize = 50_000;
const ADDED: usize = 31;

/// The editor's 50,000 annotations, and the same with the 31 an import
/// added: every 1,600th, pending, from outside.
fn sides(corpus: Corpus) -> (Vec<Annotation>, Vec<Annotation>) {
    let mut ours = corpus.annotations;
    let mut imported = Vec::new();
    let mut i = 0;
    ours.retain(|a| {
        i += 1;
        if i % 1_600 != 0 || imported.len() == ADDED {
            return true;
        }
        imported.push(Annotation {
            status: Status::Pending,
            origin: Origin::Imported,
            ..a.clone()
        });
        false
    });
    let mut theirs = ours.clone();
    theirs.extend(imported);
    theirs.sort_by_key(Annotation::order_key);
    (ours, theirs)
}

fn snapshot(annotations: &[Annotation]) -> Snapshot {
    Snapshot {
        annotations: annotations.iter().cloned().map(Arc::new).collect(),
        detached: Arc::new(Vec::new()),
        finished: None,
    }
}

fn save(article: &Article, path: &Path, annotations: &[Annotation]) {
    let live: Vec<_> = annotations.iter().cloned().map(Arc::new).collect();
    store::save_with(path, |out| {
        store::write(out, article, "bench.txt", &live, &[], None)
    })
    .expect("saving");
}

/// The annotator with the editor's annotations open, watching their
/// sidecar, and the sidecar's two versions: before and after the import.
struct Open {
    app: App,
    outside: Outside,
    sidecar: PathBuf,
    before: PathBuf,
    after: PathBuf,
}

impl Open {
    /// Another program writes `version` of the sidecar; the annotator
    /// notices, the thread reads and merges it, and the annotator takes the
    /// merge in. Gives the time on the annotator's thread (the look that
    /// starts the merge and the taking in) and the time until the merge
    /// was done.
    fn written(&mut self, version: &Path) -> (Duration, Duration) {
        std::fs::copy(version, &self.sidecar).expect("another program writes");
        let started = Instant::now();
        self.outside.notice(&mut self.app);
        let noticed = started.elapsed();
        self.outside.wait_for_merge();
        let merged = started.elapsed();
        let taking = Instant::now();
        assert!(self.outside.idle(&mut self.app, None), "taken in");
        (noticed + taking.elapsed(), merged)
    }
}

fn outside(c: &mut Criterion) {
    let corpus = Corpus::new(BYTES, ANNOTATIONS + ADDED);
    let article = Arc::new(Article::from_text(corpus.text.clone()));
    let (ours, theirs) = sides(corpus);

    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let article_path = dir.path().join("bench.txt");
    let sidecar = store::sidecar_path(&article_path);
    let (before, after) = (dir.path().join("before.ron"), dir.path().join("after.ron"));
    save(&article, &before, &ours);
    save(&article, &after, &theirs);
    std::fs::copy(&before, &sidecar).expect("the sidecar");

    let mut group = c.benchmark_group("outside changes, 50000 annotations, 10 MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    let seen = fingerprint(&sidecar).expect("stat");
    let watched = Watched::new(sidecar.clone(), seen, snapshot(&ours));
    group.bench_function("idle check of an unchanged sidecar", |b| {
        b.iter(|| assert_eq!(watched.look().expect("a look"), Look::Same))
    });
    // As the thread merges: their annotations read from the file, sharing
    // nothing with ours.
    let (base, theirs) = (snapshot(&ours), snapshot(&theirs));
    group.bench_function("merge 31 annotations added outside", |b| {
        b.iter(|| {
            let came = incoming(&base, &base, &theirs);
            assert_eq!(came.added, ADDED);
        })
    });

    let options = Options {
        file_name: "bench.txt".into(),
        author: "bench".into(),
        read_only: false,
        color: true,
        labels: Label::defaults(),
    };
    let sidecar_read = Sidecar {
        annotations: ours,
        ..Sidecar::default()
    };
    let mut app = App::new(Arc::clone(&article), Some(sidecar_read), options);
    let outside = Outside::new(&mut app, article_path, sidecar.clone(), seen);
    let mut open = Open {
        app,
        outside,
        sidecar,
        before,
        after,
    };
    // Each iteration reads the 25 MB sidecar twice (the import, then the
    // file as it was): a few samples of one iteration each.
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(1));
    let mut both = |b: &mut criterion::Bencher<'_>, on_its_thread: bool| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let (here, merged) = open.written(&open.after.clone());
                assert_eq!(open.app.annotations.len(), ANNOTATIONS + ADDED);
                timed += if on_its_thread { merged } else { here };
                open.written(&open.before.clone());
                assert_eq!(open.app.annotations.len(), ANNOTATIONS);
            }
            timed
        })
    };
    group.measurement_time(Duration::from_millis(20));
    group.bench_function(
        "take in 31 annotations added outside, on the annotator's thread",
        |b| both(b, false),
    );
    group.measurement_time(Duration::from_secs(1));
    group.bench_function(
        "read and merge 31 annotations added outside, on a thread of its own",
        |b| both(b, true),
    );
    group.finish();
}

criterion_group!(benches, outside);
criterion_main!(benches);
