//! Benchmark of the per-post cost of near-duplicate fingerprints: normalization
//! (`normalize::fingerprint_form`), MinHash (`similarity::fingerprint`) and the extension's
//! cross-thread keys (`similarity::fingerprint_keys`), over the real posts of tests/samples
//! (YouTube comments and SMS messages, CC BY 4.0). The extension fingerprints every post of a
//! page as it scrolls, so the figure that matters is microseconds per post; the target is well
//! under 100 µs for a typical post. Run: `cargo bench --bench fingerprint`.
//!
//! Long posts (Reddit essays) are measured apart, as runs of 12 consecutive samples joined into
//! one text of about a thousand characters: their cost grows with length, and a mean over short
//! comments would hide it.

use chaff::normalize::fingerprint_form;
use chaff::post::parse_post_line;
use chaff::similarity::{fingerprint, fingerprint_keys};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

/// Samples joined into one long post.
const SAMPLES_PER_LONG_POST: usize = 12;

fn sample_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for sample in ["youtube-comments.jsonl", "sms-messages.jsonl"] {
        let path = format!("{}/tests/samples/{sample}", env!("CARGO_MANIFEST_DIR"));
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        texts.extend(raw.lines().map(|line| parse_post_line(line).expect("samples are well-formed").post.text));
    }
    texts
}

fn bench_fingerprint(c: &mut Criterion) {
    let short = sample_texts();
    let long: Vec<String> = short.chunks(SAMPLES_PER_LONG_POST).map(|run| run.join(" ")).collect();
    for (name, texts) in [("typical_posts", &short), ("long_posts", &long)] {
        let mean_chars = texts.iter().map(|t| t.chars().count()).sum::<usize>() / texts.len().max(1);
        let forms: Vec<String> = texts.iter().map(|t| fingerprint_form(t)).collect();
        let mut group = c.benchmark_group(format!("{name}_mean_{mean_chars}_chars"));
        group.sample_size(20);
        group.throughput(Throughput::Elements(texts.len() as u64));
        group.bench_function("normalize", |b| {
            b.iter(|| texts.iter().map(|t| fingerprint_form(black_box(t)).len()).sum::<usize>())
        });
        group.bench_function("minhash", |b| {
            b.iter(|| forms.iter().filter(|f| fingerprint(black_box(f)).is_some()).count())
        });
        group.bench_function("keys_from_text", |b| {
            b.iter(|| texts.iter().map(|t| fingerprint_keys(black_box(t)).len()).sum::<usize>())
        });
        group.finish();
    }
}

criterion_group!(benches, bench_fingerprint);
criterion_main!(benches);
