//! Benchmark of scoring a thread, whole and per stage, on real posts (tests/samples: YouTube
//! comments and SMS messages, CC BY 4.0; see benches/common for how 10k and 100k threads are
//! built from them with evaded copies). Run: `make bench` (or `cargo bench --bench score`).
//!
//! - `stages/*`: per-post cost of each stage over the first 1,000 posts of the thread: the
//!   fingerprint form (`normalize`), the MinHash fingerprint from that form (`fingerprint`),
//!   the AI model (`ai_assess`), and the whole engine (`engine`: all of them plus clustering and
//!   verdicts); clustering is what `engine` costs beyond the three stages.
//! - `score/*`: the whole engine over 1k, 10k and 100k posts, all at once and in the batches of
//!   25 the extension sends as a page scrolls.

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use chaff::normalize::fingerprint_form;
use chaff::similarity::fingerprint;
use chaff::{ai, Engine, Post, Sensitivity, Settings};
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn own_text(post: &Post) -> &str {
    if post.text.trim().is_empty() {
        post.title.as_deref().unwrap_or("")
    } else {
        &post.text
    }
}

fn bench_stages(c: &mut Criterion) {
    let posts = common::thread(1000);
    let forms: Vec<String> = posts.iter().map(|p| fingerprint_form(own_text(p))).collect();
    let mut group = c.benchmark_group("stages");
    group.sample_size(20).measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.bench_function("normalize", |b| {
        b.iter(|| posts.iter().map(|p| fingerprint_form(black_box(own_text(p))).len()).sum::<usize>())
    });
    group.bench_function("fingerprint", |b| {
        b.iter(|| forms.iter().filter(|f| fingerprint(black_box(f)).is_some()).count())
    });
    group.bench_function("ai_assess", |b| {
        b.iter(|| {
            posts.iter().filter(|p| ai::assess(black_box(own_text(p)), p.site.as_deref(), Sensitivity::Medium).judged).count()
        })
    });
    group.bench_function("engine", |b| {
        b.iter_batched(|| posts.clone(), |posts| Engine::new(Settings::default()).add(posts), BatchSize::LargeInput)
    });
    group.finish();
}

fn bench_score(c: &mut Criterion) {
    for n in [1_000, 10_000, 100_000] {
        let posts = common::thread(n);
        let mut group = c.benchmark_group("score");
        group.sample_size(10).measurement_time(Duration::from_secs(if n >= 100_000 { 30 } else { 5 }));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}_posts_at_once"), |b| {
            b.iter_batched(|| posts.clone(), |posts| Engine::new(Settings::default()).add(posts), BatchSize::LargeInput)
        });
        if n <= 10_000 {
            group.bench_function(format!("{n}_posts_in_batches_of_25"), |b| {
                b.iter_batched(
                    || posts.clone(),
                    |posts| {
                        let mut engine = Engine::new(Settings::default());
                        let mut changed = 0;
                        for batch in posts.chunks(25) {
                            changed += engine.add(batch.to_vec()).len();
                        }
                        changed
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_stages, bench_score);
criterion_main!(benches);
