//! Near-duplicate fingerprints. (Interface pinned by the engine; helper A owns the body.)

/// The fingerprint of one post's normalized text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// Hash of the whole normalized form (exact copies share it).
    pub exact: u64,
    minhash: Vec<u32>,
}

impl Fingerprint {
    /// Locality-sensitive keys: near-copies share at least one with high probability. The
    /// extension's cross-thread memory stores salted hashes of these, never text.
    pub fn band_keys(&self) -> Vec<u64> {
        vec![self.exact]
    }
}

/// `None` when the text can never be part of a campaign (empty, `[deleted]`, a common short
/// reply such as "thanks!" or "+1"): decided from the text, not from how often it appears.
pub fn fingerprint(normalized: &str) -> Option<Fingerprint> {
    if normalized.split(' ').count() < 3 {
        return None;
    }
    let exact = normalized.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    Some(Fingerprint { exact, minhash: Vec::new() })
}

/// Whether two fingerprints are near-copies.
pub fn near_copies(a: &Fingerprint, b: &Fingerprint) -> bool {
    a.exact == b.exact || (!a.minhash.is_empty() && a.minhash == b.minhash)
}

/// LSH index over fingerprints: `insert` returns the earlier items that may be near-copies.
#[derive(Debug, Default)]
pub struct LshIndex {
    buckets: std::collections::HashMap<u64, Vec<usize>>,
}

impl LshIndex {
    pub fn insert(&mut self, item: usize, fp: &Fingerprint) -> Vec<usize> {
        let mut candidates = Vec::new();
        for key in fp.band_keys() {
            let bucket = self.buckets.entry(key).or_default();
            candidates.extend(bucket.iter().copied());
            bucket.push(item);
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }
}

/// The LSH keys of `text` (normalized and fingerprinted here), for the extension's cross-thread
/// memory; empty when the text can never be part of a campaign.
pub fn fingerprint_keys(text: &str) -> Vec<u64> {
    fingerprint(&crate::normalize::fingerprint_form(text)).map(|fp| fp.band_keys()).unwrap_or_default()
}
