//! A flood: 10,000 near-copies of one text (none an exact copy of another), added in batches of
//! 32 as a page that keeps loading sends them. Prints the total, the mean and the worst batch,
//! and the median of the last tenth of the batches (the cluster at 9,000+ posts: the steady cost
//! of a batch there, which a single preempted or page-faulting batch does not move): each batch
//! reports a new verdict for every member of the grown cluster, so the output grows with the
//! flood, but the work per post joining it must not. Three rounds of `Engine::add_shared` (what
//! the extension calls: members share their cluster's verdict part), then one of `Engine::add`
//! (a `Verdict` of its own strings per member, what `chaff score` prints), for comparison.
//! On Linux it also prints the worst batch in time on a CPU (the thread's own CPU time,
//! `CLOCK_THREAD_CPUTIME_ID`) and how long that batch waited besides: on a shared machine a
//! batch's wall time includes the slices the scheduler gave other processes (steps of ~4 ms
//! under load), which say nothing about the engine.
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
        // The batch that ran longest on a CPU: (its run time, its wall time, its index).
        let mut worst_on_cpu: Option<(Duration, Duration, usize)> = None;
        let mut batches = Vec::new();
        for (k, batch) in posts.chunks(BATCH).enumerate() {
            let batch = batch.to_vec();
            let (start, start_on_cpu) = (Instant::now(), on_cpu());
            reported += if method == "add" { engine.add(batch).len() } else { engine.add_shared(batch).len() };
            let took = start.elapsed();
            if let (Some(before), Some(after)) = (start_on_cpu, on_cpu()) {
                let ran = after.saturating_sub(before);
                if worst_on_cpu.is_none_or(|(most, _, _)| ran > most) {
                    worst_on_cpu = Some((ran, took, k));
                }
            }
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
        if let Some((ran, took, k)) = worst_on_cpu {
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            println!(
                "  worst batch on a CPU: {:.2} ms (batch {k}, {:.2} ms of wall time, {:.2} ms of it waiting for a CPU)",
                ms(ran),
                ms(took),
                ms(took.saturating_sub(ran))
            );
        }
    }
}

/// How long this thread has run on a CPU, where the C library says (Linux).
#[cfg(target_os = "linux")]
fn on_cpu() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        seconds: i64,
        nanoseconds: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, time: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut time = Timespec { seconds: 0, nanoseconds: 0 };
    // SAFETY: clock_gettime writes one timespec (two 64-bit fields on x86_64 and aarch64 Linux)
    // through a valid pointer, and returns 0 when it did.
    let written = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut time) } == 0;
    written.then(|| Duration::new(time.seconds as u64, time.nanoseconds as u32))
}

#[cfg(not(target_os = "linux"))]
fn on_cpu() -> Option<Duration> {
    None
}
