//! Benchmark of scoring a thread: thousands of real posts (tests/samples: YouTube comments and
//! SMS messages, CC BY 4.0) through the engine, all at once and in the small batches the
//! extension sends as a page scrolls. Run: `cargo bench --bench score`.

use chaff::post::parse_post_line;
use chaff::{Engine, Post, Settings};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn real_posts() -> Vec<Post> {
    let mut posts = Vec::new();
    for sample in ["youtube-comments.jsonl", "sms-messages.jsonl"] {
        let path = format!("{}/tests/samples/{sample}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        posts.extend(text.lines().map(|l| parse_post_line(l).expect("samples are well-formed").post));
    }
    posts
}

fn bench_score(c: &mut Criterion) {
    let posts = real_posts();
    let mut group = c.benchmark_group("score");
    group.sample_size(10);
    group.throughput(Throughput::Elements(posts.len() as u64));
    group.bench_function(format!("{}_posts_at_once", posts.len()), |b| {
        b.iter_batched(
            || posts.clone(),
            |posts| {
                let mut engine = Engine::new(Settings::default());
                engine.add(posts)
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function(format!("{}_posts_in_batches_of_25", posts.len()), |b| {
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
    group.finish();
}

criterion_group!(benches, bench_score);
criterion_main!(benches);
