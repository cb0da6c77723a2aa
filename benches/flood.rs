//! A flood: 10,000 near-copies of one text (none an exact copy of another), added in batches of
//! 32 as a page that keeps loading sends them. Prints the total, the mean and the worst batch,
//! and the median of the last tenth of the batches (the cluster at 9,000+ posts: the steady cost
//! of a batch there, which a single preempted or page-faulting batch does not move): each batch
//! reports a new verdict for every member of the grown cluster, so the output grows with the
//! flood, but the work per post joining it must not. Three rounds of `Engine::add_shared` (what
//! the extension calls: members share their cluster's verdict part), then one of `Engine::add`
//! (a `Verdict` of its own strings per member, what `chaff score` prints), for comparison.
//! Times are printed, never asserted. Run: `make bench` (or `cargo bench --bench flood`).

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use chaff::{Engine, Settings};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench` asks every bench target for its list; this one has no criterion
    }
    const COPIES: usize = 10_000;
    const BATCH: usize = 32;
    let posts = common::flood(COPIES);
    // The tables the engine builds on first use (normalization, the AI model) belong to the cold
    // start (scripts/cold-start.mjs), not to the flood's first batch: built here, as the
    // extension's warm-up builds them before its first batch.
    Engine::new(Settings::default()).add_shared(vec![posts[0].clone()]);
    for (round, method) in ["add_shared", "add_shared", "add_shared", "add"].into_iter().enumerate() {
        let mut engine = Engine::new(Settings::default());
        let (mut worst, mut worst_at, mut total, mut reported) = (Duration::ZERO, 0, Duration::ZERO, 0);
        let mut batches = Vec::new();
        for (k, batch) in posts.chunks(BATCH).enumerate() {
            let batch = batch.to_vec();
            let start = Instant::now();
            reported += if method == "add" { engine.add(batch).len() } else { engine.add_shared(batch).len() };
            let took = start.elapsed();
            total += took;
            batches.push(took);
            if took > worst {
                (worst, worst_at) = (took, k);
            }
        }
        let copies = engine.verdicts().iter().map(|v| v.copies).max().unwrap_or(0);
        let mut last_tenth = batches.split_off(batches.len() - batches.len() / 10);
        last_tenth.sort_unstable();
        let late_median = last_tenth[last_tenth.len() / 2];
        println!(
            "flood round {round}, {method}: {COPIES} near-copies in batches of {BATCH}: total {:.1} ms, mean batch {:.2} ms, \
             worst batch {:.2} ms (batch {worst_at}), median of the last tenth {:.2} ms; {reported} verdicts reported; \
             largest cluster {} posts",
            total.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3 / (COPIES / BATCH) as f64,
            worst.as_secs_f64() * 1e3,
            late_median.as_secs_f64() * 1e3,
            copies + 1
        );
    }
}
