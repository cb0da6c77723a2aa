//! What the engine holds: a counting global allocator measures the bytes live after a thread of
//! 10,000 real posts (benches/common) is added in batches of 25, and the peak on the way; then
//! after `Engine::forget` of all but the last 500 posts (a page that keeps 500 on screen).
//! Prints figures, asserts nothing. Run: `make bench` (or `cargo bench --bench memory`).

#[path = "common/mod.rs"]
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use chaff::{Engine, Settings};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = LIVE.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    for n in [10_000, 100_000] {
        let posts = common::thread(n);
        let ids: Vec<String> = posts.iter().map(|p| p.id.clone()).collect();
        let text_bytes: usize = posts.iter().map(|p| p.text.len()).sum();
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let mut engine = Engine::new(Settings::default());
        for batch in posts.chunks(25) {
            engine.add(batch.to_vec());
        }
        drop(posts);
        let held = LIVE.load(Relaxed) - base;
        let peak = PEAK.load(Relaxed) - base;
        engine.forget(&ids[..n - 500]);
        let after_forget = LIVE.load(Relaxed) - base;
        println!(
            "engine memory, {n} posts ({:.1} MB of text): {:.1} MB held ({:.0} bytes/post), peak {:.1} MB while adding; \
             {:.1} MB after forgetting all but the last 500",
            mb(text_bytes),
            mb(held),
            held as f64 / n as f64,
            mb(peak),
            mb(after_forget)
        );
        drop(engine);
    }
}
