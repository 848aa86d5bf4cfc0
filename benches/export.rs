//! Exporting a corpus: 1,000 generated articles of about 4 KB with 20
//! annotations each, read from disk (article and sidecar) and written as
//! `jsonl`, the way `sayso export corpus/` runs. Goal: under 1 s.
//!
//! Run with `cargo bench --bench export` (add `-- --quick` for a faster,
//! rougher run). `sayso stats` walks the same corpus and is measured too.

mod corpus;

use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sayso_core::article::Article;
use sayso_core::corpus::Options;
use sayso_core::export::{self, Filter, Format, Target};
use sayso_core::stats::Stats;
use sayso_core::store;
use tempfile::TempDir;

use corpus::Corpus;

const ARTICLES: usize = 1_000;
const BYTES: usize = 4 << 10;
const ANNOTATIONS: usize = 20;

/// Writes the corpus: `ARTICLES` articles, each with its sidecar, spread
/// over folders of 100 as a newsroom archive would be.
fn write_corpus(root: &Path) {
    let generated = Corpus::new(BYTES, ANNOTATIONS);
    let article = Article::from_text(generated.text.clone());
    let annotations: Vec<_> = generated.annotations.into_iter().map(Arc::new).collect();
    for i in 0..ARTICLES {
        let dir = root.join(format!("{:02}", i / 100));
        std::fs::create_dir_all(&dir).expect("a corpus folder");
        let name = format!("story-{i:04}.txt");
        std::fs::write(dir.join(&name), &generated.text).expect("an article");
        let sidecar = store::render(&article, &name, &annotations, &[], None);
        std::fs::write(store::sidecar_path(&dir.join(&name)), sidecar).expect("a sidecar");
    }
}

fn exporting(c: &mut Criterion) {
    let dir = TempDir::new().expect("a temporary folder");
    write_corpus(dir.path());
    let paths = [PathBuf::from(dir.path())];
    let options = Options {
        strict: true,
        ..Options::default()
    };
    let mut group = c.benchmark_group("corpus of 1000 articles × 20 annotations");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("export to jsonl", |b| {
        b.iter(|| {
            let mut out = BufWriter::new(io::sink());
            let summary = export::run(
                &paths,
                Format::Jsonl,
                &Filter::default(),
                None,
                options,
                Target::Stream(&mut out),
                &mut io::sink(),
            )
            .expect("the corpus exports")
            .summary;
            assert_eq!(summary.articles, ARTICLES);
        })
    });
    group.bench_function("stats", |b| {
        b.iter(|| {
            let stats = Stats::of(&paths, options, &mut io::sink()).expect("the corpus counts");
            assert_eq!(stats.annotations, ARTICLES * ANNOTATIONS);
        })
    });
    group.finish();
}

criterion_group!(benches, exporting);
criterion_main!(benches);
