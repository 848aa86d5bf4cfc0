//! What `sayso agree` costs on a large pair of sidecars: matching and the
//! figures for 50,000 annotations a side over a 10-million-char article.
//!
//! Run with `cargo bench --bench agreement` (add `-- --quick` for a faster,
//! rougher run).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sayso_core::agreement::{Item, Rule, compare, matching};

const CHARS: usize = 10_000_000;
const ANNOTATIONS: usize = 50_000;
const LABELS: [&str; 3] = ["quote", "claim", "denial"];

/// Editor A: annotations of 20 to 200 chars every 200 chars, every tenth
/// with a second span, some nested in the one before.
fn editor_a() -> Vec<Item> {
    (0..ANNOTATIONS)
        .map(|i| {
            let start = i * (CHARS / ANNOTATIONS);
            let length = 20 + (i * 37) % 180;
            let spans = if i % 7 == 0 {
                [start + 2..start + 10, 0..0]
            } else if i % 10 == 0 {
                [
                    start..start + length,
                    start + length + 5..start + length + 15,
                ]
            } else {
                [start..start + length, 0..0]
            };
            // `Item::new` drops the empty spans.
            Item::new(i as u64, LABELS[i % 3], spans)
        })
        .collect()
}

/// Editor B: A's with every third end moved, every eleventh dropped, every
/// thirteenth relabelled.
fn editor_b(a: &[Item]) -> Vec<Item> {
    a.iter()
        .enumerate()
        .filter(|(i, _)| i % 11 != 0)
        .map(|(i, item)| {
            let label = if i % 13 == 0 { "claim" } else { &item.label };
            let spans = item.spans.iter().map(|s| {
                let end = if i % 3 == 0 { s.end - 3 } else { s.end };
                s.start..end
            });
            Item::new(item.id, label, spans)
        })
        .collect()
}

fn agreement(c: &mut Criterion) {
    let a = editor_a();
    let b = editor_b(&a);
    let mut group = c.benchmark_group("agreement, 50000 annotations a side");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("overlap matching", |bench| {
        bench.iter(|| matching(black_box(&a), black_box(&b), Rule::Overlap))
    });
    group.bench_function("all figures", |bench| {
        bench.iter(|| compare(black_box(&a), black_box(&b), CHARS))
    });
    group.finish();
}

criterion_group!(benches, agreement);
criterion_main!(benches);
