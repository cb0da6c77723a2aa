//! Near-duplicate fingerprints: character shingles, MinHash, LSH banding, and the near-copy test.
//!
//! Design.
//! - Shingles are runs of [`SHINGLE_CHARS`] characters of the fingerprint form (random-token
//!   mask tokens removed, stretched letters squeezed), taken twice: over the words joined by
//!   one space, and over the words run together with no space. Characters, not words, because
//!   short promotional copies ("check my profile 🔥") have too few words to shingle. The two
//!   sets fail on opposite evasions: with spaces, a swapped, dropped or inserted word disturbs
//!   only the shingles crossing its edges, while without spaces every shingle around the edit
//!   changes; without spaces, letters split apart (`c h e c k`, `che.ck`, `w.e`) or glued
//!   together cost nothing, while with spaces each split costs several shingles. So posts are
//!   compared on both and the better match counts. Four characters rather than five because
//!   fewer shingles then span an edit. A text shorter than one shingle is one shingle.
//! - Whether two posts are near-copies is decided on the exact Jaccard similarity of their
//!   shingle sets (kept sorted in the fingerprint; the larger of the spaced and the joined
//!   one), with a stricter bar for short texts (see [`SHORT_NEAR_COPY_JACCARD`]), not on the
//!   MinHash estimate: from 120 hashes the estimate has a standard error of √(J(1−J)/120) ≈ 0.046
//!   at J = 0.5, which would blur the threshold. MinHash serves only to find candidates through
//!   LSH, so the work stays linear in the number of posts. The signature covers both sets at
//!   once (their union), whose similarity lies between the two.
//! - LSH: [`BANDS`] bands of [`ROWS`] MinHash rows. A pair at Jaccard s becomes a candidate with
//!   probability 1 − (1 − s³)⁴⁰: 0.995 at s = 0.5, 0.93 at s = 0.4, 0.005 at s = 0.05 (an unrelated
//!   pair), so candidates are near-copies almost always and unrelated pairs rarely. text-dedup's
//!   published setting (its README: 200 permutations, 50 bands × 4 rows) catches s = 0.5 only with
//!   probability 0.96; 3 rows trade a few more verified candidates for recall.
//! - Everything is deterministic: hash seeds are constants, so fingerprints, band keys and the
//!   near-copy relation are the same on every run and platform (the engine's clustering and the
//!   extension's cross-thread memory rely on it). `near_copies` is symmetric.
//! - Triviality is decided from the text, never from how often it appears: see [`fingerprint`].

use crate::hash::mix64;
use crate::normalize::{fingerprint_form, RANDOM_TOKEN};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// Characters per shingle.
pub const SHINGLE_CHARS: usize = 4;
/// LSH bands.
pub const BANDS: usize = 40;
/// MinHash rows per LSH band.
pub const ROWS: usize = 3;
const HASHES: usize = BANDS * ROWS;
/// Jaccard similarity of shingle sets from which two posts are near-copies. One replaced word of
/// five letters in an 8-word post (about 40 characters, 37 shingles) changes about 9 shingles,
/// leaving J ≈ 0.6; distinct posts on one topic share a few percent of their shingles.
pub const NEAR_COPY_JACCARD: f64 = 0.5;
/// The stricter threshold between short texts (under [`SHORT_TEXT_SHINGLES`] shingles in the
/// smaller of the two, about four words). With a dozen shingles, one shared phrase decides J:
/// "memories" and "many memories", or "my favorite song" and "this is my favorite song", share
/// most of the shorter text though different people wrote them; short spam copies, once
/// normalized, are the same text (J near 1).
pub const SHORT_NEAR_COPY_JACCARD: f64 = 0.7;
/// Shingle count below which [`SHORT_NEAR_COPY_JACCARD`] applies (about 27 characters).
pub const SHORT_TEXT_SHINGLES: usize = 24;
/// A short text needs at least this many letters or digits outside [`NON_CAMPAIGN_WORDS`] to be
/// able to form a campaign: fewer cannot carry a message of its own ("ok", "+1", "lol same").
pub const MIN_CONTENT_CHARS: usize = 6;
/// Texts of this many words or more are sentences, not reactions, and always fingerprint: "Am I
/// that bad to avoid like this" is made of common words, yet two accounts posting it word for
/// word is a copy. (Eight words is also the bar for a post worth tracking.)
pub const SENTENCE_WORDS: usize = 8;

/// Words that carry no message on their own: function words, the short reactions people post
/// under everything (agreement, thanks, laughter, greetings, praise), the things those reactions
/// point at ("great video", "love this song"), and the stand-in bodies of deleted posts. A text made
/// only of these (plus under [`MIN_CONTENT_CHARS`] other letters) is a common reply, never a
/// campaign, however often it appears: "thanks!", "this", "lol", "+1", "same", "[deleted]". Promotional copies need verbs and nouns outside this list ("check", "profile",
/// "subscribe", "channel"), so they still fingerprint.
pub const NON_CAMPAIGN_WORDS: &[&str] = &[
    // Function words.
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "it's", "i", "i'm", "me", "my", "mine", "you",
    "your", "yours", "u", "ur", "we", "us", "our", "he", "him", "his", "she", "her", "they", "them", "their", "is",
    "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had", "will", "would",
    "can", "could", "should", "so", "very", "too", "much", "many", "really", "just", "all", "and", "or", "but",
    "of", "to", "in", "on", "at", "for", "with", "from", "by", "as", "about", "here", "there", "what", "how",
    "not", "no", "yes", "ever", "still", "again", "now", "one", "some", "more", "most", "than", "then", "if",
    // Agreement and disagreement.
    "same", "agreed", "agree", "true", "exactly", "indeed", "yeah", "yea", "yep", "yup", "nope", "ok", "okay",
    "right", "correct", "facts", "based", "real", "fr", "absolutely", "definitely", "totally", "sure",
    // Thanks, greetings, apologies.
    "thanks", "thank", "thx", "ty", "tysm", "cheers", "please", "pls", "plz", "hello", "hi", "hey", "welcome",
    "sorry", "congrats", "congratulations", "bye", "gracias", "merci", "danke", "obrigado", "grazie",
    // Laughter and exclamations.
    "lol", "lmao", "lmfao", "rofl", "haha", "hahaha", "hehe", "xd", "omg", "wow", "damn", "yay", "oh", "ah",
    "wtf", "bruh", "bro", "dude", "man", "first", "bump", "edit", "update",
    // Praise.
    "nice", "cool", "great", "good", "best", "awesome", "amazing", "love", "like", "loved", "likes", "beautiful",
    "perfect", "wonderful", "lovely", "excellent", "brilliant", "fantastic", "epic", "fire", "legend",
    "masterpiece", "well", "said", "done", "funny", "hilarious", "cute", "sad", "bad", "worst",
    // What reactions point at ("work" is left out on purpose: "work from home" is a spam staple).
    "video", "vid", "song", "music", "post", "comment", "answer", "point", "thread", "take", "idea", "job",
    "stuff", "clip", "guys", "everyone", "people",
    // Stand-in bodies of deleted posts.
    "deleted", "removed",
];

/// The bodies the sites show in place of a deleted, removed or hidden post. They repeat across a
/// thread by design and are never a campaign, however many words they have.
pub const REMOVED_POST_BODIES: &[&str] = &[
    "[deleted]",
    "[removed]",
    "[deleted by user]",
    "[removed by reddit]",
    "[removed by moderator]",
    "comment removed by moderator",
    "[ removed by reddit on account of violating the content policy. ]",
    "[ removed by reddit in response to a copyright notice. ]",
    "[unavailable]",
    "this post is unavailable.",
    "this post was deleted by the post author.",
    "this post is from a suspended account.",
    "this post is from an account that no longer exists.",
    "this tweet is unavailable.",
    "this tweet was deleted by the tweet author.",
];

/// The fingerprint of one post's normalized text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// Hash of the whole shingled form (mask tokens and spaces removed): exact copies, and
    /// copies differing only in what normalization removes, share it.
    pub exact: u64,
    /// Hashes of the distinct shingles of the space-joined form, sorted.
    shingles: Vec<u32>,
    /// Hashes of the distinct shingles of the form with its spaces removed, sorted.
    joined_shingles: Vec<u32>,
    /// MinHash signature of both shingle sets together, `HASHES` rows.
    minhash: Vec<u32>,
    /// The bit summaries ([`summary_into`]) of `shingles`, then of `joined_shingles`, in one
    /// allocation; each one's length follows from its set's ([`summary_words`]).
    summaries: Vec<u64>,
}

impl Fingerprint {
    /// Locality-sensitive keys: near-copies share at least one with high probability (see the
    /// module note). The extension's cross-thread memory stores salted hashes of these, never
    /// text.
    pub fn band_keys(&self) -> Vec<u64> {
        self.minhash
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut key = mix64(band as u64 ^ 0x6c73_685f_6261_6e64);
                for &row in rows {
                    key = mix64(key ^ u64::from(row));
                }
                key
            })
            .collect()
    }

    /// Number of distinct shingles.
    pub fn shingle_count(&self) -> usize {
        self.shingles.len()
    }
}

/// `None` when the text can never be part of a campaign: empty, the stand-in body of a deleted post
/// ([`REMOVED_POST_BODIES`]), or a common short reply ("thanks!", "+1", "great video").
/// Decided from the text alone: under
/// [`SENTENCE_WORDS`] words with fewer than [`MIN_CONTENT_CHARS`] letters or digits outside
/// [`NON_CAMPAIGN_WORDS`], random-token masks not counted. `normalized` is the output of
/// [`fingerprint_form`]; stretched letters are collapsed here ("sooo good" = "so good").
pub fn fingerprint(normalized: &str) -> Option<Fingerprint> {
    let words: Vec<&str> = normalized.split(' ').filter(|t| !t.is_empty() && *t != RANDOM_TOKEN).collect();
    let mut squeezed = String::with_capacity(normalized.len());
    let mut content_chars = 0usize;
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            squeezed.push(' ');
        }
        let start = squeezed.len();
        squeeze_into(word, &mut squeezed);
        // Sentences always fingerprint, so only short texts need the word-list lookups.
        if words.len() < SENTENCE_WORDS && !non_campaign_forms().contains(&squeezed[start..]) {
            content_chars += word.chars().count();
        }
    }
    if words.len() < SENTENCE_WORDS && content_chars < MIN_CONTENT_CHARS {
        return None;
    }
    let spaced: Vec<char> = squeezed.chars().collect();
    let joined: Vec<char> = spaced.iter().copied().filter(|&c| c != ' ').collect();
    // Only a text as short as the longest stand-in body can be one (saves building a string).
    if joined.len() <= removed_post_forms_max_chars()
        && removed_post_forms().contains(&joined.iter().collect::<String>())
    {
        return None;
    }

    let exact = joined.iter().fold(0x243f_6a88_85a3_08d3u64, |h, &c| mix64(h ^ u64::from(c)));
    let spaced_hashes = shingle_hashes(&spaced);
    let joined_hashes = shingle_hashes(&joined);
    // Shingle sets keep 32 bits per shingle: a collision needs two of a post's few hundred
    // shingles to meet in 2³² values, which leaves the Jaccard similarity unchanged in practice.
    // The 64-bit hashes are sorted, so their top halves already are.
    let top_bits = |hashes: &[u64]| -> Vec<u32> {
        let mut top: Vec<u32> = hashes.iter().map(|&h| (h >> 32) as u32).collect();
        top.dedup();
        top
    };
    let (shingles, joined_shingles) = (top_bits(&spaced_hashes), top_bits(&joined_hashes));

    // Shingles inside words are in both sets; the union adds the spaced and joined shingles
    // that cross word edges. Both are sorted and distinct: merged, not sorted again.
    let union = merge_distinct(&spaced_hashes, &joined_hashes);
    let mut minhash = [u32::MAX; HASHES];
    minhash_into(&union, &mut minhash);
    let mut summaries = Vec::with_capacity(summary_words(shingles.len()) + summary_words(joined_shingles.len()));
    summary_into(&shingles, &mut summaries);
    summary_into(&joined_shingles, &mut summaries);
    Some(Fingerprint { exact, shingles, joined_shingles, minhash: minhash.to_vec(), summaries })
}

/// The sorted union of two sorted sets of distinct values.
fn merge_distinct(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Folds the shingle hashes into the MinHash signature: per hash and row, one multiply-add-shift
/// (a universal family of hash functions over 64-bit keys; the top 32 bits are the well-mixed
/// ones) and a minimum. This loop is the largest single cost of a fingerprint, and the same
/// code vectorizes several-fold when the compiler may use AVX2, so on x86-64 it runs in an AVX2
/// copy when the processor has it (checked once at run time); elsewhere, WebAssembly included,
/// as it is. With AVX-512 (DQ and VL: a 64-bit multiply in one instruction, where AVX2 builds it
/// from three 32-bit ones) a third copy is about twice as fast again (measured on 60-hash posts,
/// docs/performance.md). Integer arithmetic: the signature is the same bit for bit either way.
fn minhash_into(hashes: &[u64], minhash: &mut [u32; HASHES]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512dq") && std::arch::is_x86_feature_detected!("avx512vl") {
            // SAFETY: the processor supports AVX-512 DQ and VL (and so F), checked just above.
            unsafe { minhash_avx512(hashes, minhash) };
            return;
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor supports AVX2, checked just above.
            unsafe { minhash_avx2(hashes, minhash) };
            return;
        }
    }
    minhash_rows(hashes, minhash);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn minhash_avx2(hashes: &[u64], minhash: &mut [u32; HASHES]) {
    minhash_rows(hashes, minhash);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl")]
unsafe fn minhash_avx512(hashes: &[u64], minhash: &mut [u32; HASHES]) {
    minhash_rows(hashes, minhash);
}

#[inline(always)]
fn minhash_rows(hashes: &[u64], minhash: &mut [u32; HASHES]) {
    let (multipliers, offsets) = minhash_seeds();
    for &h in hashes {
        for i in 0..HASHES {
            let value = (h.wrapping_mul(multipliers[i]).wrapping_add(offsets[i]) >> 32) as u32;
            minhash[i] = minhash[i].min(value);
        }
    }
}

/// Distinct shingle hashes of `chars` (one shingle when shorter than a shingle).
fn shingle_hashes(chars: &[char]) -> Vec<u64> {
    let mut hashes: Vec<u64> = if chars.len() <= SHINGLE_CHARS {
        vec![hash_chars(chars)]
    } else {
        chars.windows(SHINGLE_CHARS).map(hash_chars).collect()
    };
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The similarity of two posts: the larger of the exact Jaccard similarities of their spaced
/// and of their joined shingle sets (see the module note for why both).
pub fn jaccard(a: &Fingerprint, b: &Fingerprint) -> f64 {
    set_jaccard(&a.shingles, &b.shingles).max(set_jaccard(&a.joined_shingles, &b.joined_shingles))
}

/// Exact Jaccard similarity of two sorted, deduplicated sets.
fn set_jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// The MinHash estimate of the Jaccard similarity: the share of equal signature rows.
pub fn estimated_similarity(a: &Fingerprint, b: &Fingerprint) -> f64 {
    let equal = a.minhash.iter().zip(&b.minhash).filter(|(x, y)| x == y).count();
    equal as f64 / HASHES as f64
}

/// Whether two fingerprints are near-copies: the same shingled form, or shingle sets with a
/// Jaccard similarity of at least [`NEAR_COPY_JACCARD`] ([`SHORT_NEAR_COPY_JACCARD`] when the
/// smaller has under [`SHORT_TEXT_SHINGLES`] shingles). Symmetric and deterministic.
///
/// Decided exactly as `jaccard(a, b) >= threshold`, but without always walking both sets: most
/// pairs the LSH proposes are unrelated texts (long English texts share enough common shingles
/// to meet in a band), and a merge can stop as soon as the shingles already missed leave too few
/// to reach the threshold, or as soon as enough are shared (see [`jaccard_reaches`]).
pub fn near_copies(a: &Fingerprint, b: &Fingerprint) -> bool {
    if a.exact == b.exact {
        return true;
    }
    let threshold = if a.shingles.len().min(b.shingles.len()) < SHORT_TEXT_SHINGLES {
        SHORT_NEAR_COPY_JACCARD
    } else {
        NEAR_COPY_JACCARD
    };
    let (a_spaced, a_joined) = a.summaries.split_at(summary_words(a.shingles.len()));
    let (b_spaced, b_joined) = b.summaries.split_at(summary_words(b.shingles.len()));
    summarized_jaccard_reaches((&a.shingles, a_spaced), (&b.shingles, b_spaced), threshold)
        || summarized_jaccard_reaches((&a.joined_shingles, a_joined), (&b.joined_shingles, b_joined), threshold)
}

/// `jaccard_reaches` of two sets given with their summaries ([`summary_into`]), which first
/// rule out, exactly, most pairs that cannot reach the threshold without walking the sets.
fn summarized_jaccard_reaches(a: (&[u32], &[u64]), b: (&[u32], &[u64]), threshold: f64) -> bool {
    let Some(needed) = least_common(a.0.len(), b.0.len(), threshold) else { return false };
    common_bound(a, b) >= needed && shares_at_least(a.0, b.0, needed)
}

/// The least number of shared elements with which two sets of `len_a` and `len_b` elements reach
/// a Jaccard similarity of `threshold`, `None` when even the smaller one inside the larger does
/// not. `common / (|a| + |b| - common)` rises with `common` (and f64 division of integers rounds
/// monotonically), so the test is `common >= needed` for the least `needed` that passes it as
/// f64: the same answer as computing the similarity, bit for bit.
fn least_common(len_a: usize, len_b: usize, threshold: f64) -> Option<usize> {
    let total = len_a + len_b;
    let passes = |common: usize| common as f64 / (total - common) as f64 >= threshold;
    if total == 0 || !passes(len_a.min(len_b)) {
        return None;
    }
    // Start from the real-number bound, then settle it on the f64 test itself.
    let mut needed = ((threshold * total as f64) / (1.0 + threshold)).floor() as usize;
    while needed > 0 && passes(needed - 1) {
        needed -= 1;
    }
    while !passes(needed) {
        needed += 1;
    }
    Some(needed)
}

/// Whether two sorted, deduplicated sets share at least `needed` elements (at most the smaller
/// one's length). A merge that stops as soon as enough are shared, or as soon as the elements
/// already missed leave too few to get there: each element of `a` missing from `b` lowers the
/// most the count can still reach by one.
fn shares_at_least(a: &[u32], b: &[u32], needed: usize) -> bool {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    let (mut room_a, mut room_b) = (a.len() - needed, b.len() - needed);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x == y {
            common += 1;
            if common >= needed {
                return true;
            }
            i += 1;
            j += 1;
        } else if x < y {
            if room_a == 0 {
                return false;
            }
            room_a -= 1;
            i += 1;
        } else {
            if room_b == 0 {
                return false;
            }
            room_b -= 1;
            j += 1;
        }
    }
    common >= needed
}

/// Summary bits per set element, at least (two to four, the size being a power of two): most bits
/// of a summary are then clear, so the bits of one set that are clear in another's count most of
/// the elements it lacks. On the compare corpus the summaries leave 1.6% of the set pairs the
/// LSH proposes to the merge (docs/performance.md).
const SUMMARY_BITS_PER_SHINGLE: usize = 2;
/// The largest summary, in 64-bit words (4,096 bits; sets of over 2,048 shingles share it).
const MAX_SUMMARY_WORDS: usize = 64;

/// Length in 64-bit words of the summary of a set of `len` elements: a power of two, so that a
/// larger summary folds onto a smaller one ([`common_bound`]).
fn summary_words(len: usize) -> usize {
    (len * SUMMARY_BITS_PER_SHINGLE).div_ceil(64).next_power_of_two().min(MAX_SUMMARY_WORDS)
}

/// Appends the summary of a set of shingle hashes: one bit per element, at the element's value
/// modulo the summary's size in bits (the values are uniform hashes, so their low bits are too).
fn summary_into(set: &[u32], out: &mut Vec<u64>) {
    let start = out.len();
    let words = summary_words(set.len());
    out.resize(start + words, 0);
    let mask = words * 64 - 1;
    for &value in set {
        let bit = value as usize & mask;
        out[start + bit / 64] |= 1 << (bit % 64);
    }
}

/// An upper bound, exact in its reasoning, on the elements two sets share, from their
/// summaries: an element of `a` whose bit is clear in the summary of `b` is not in `b`, and
/// distinct clear bits are distinct elements, so `|a ∩ b| ≤ |a| − popcount(bits(a) ∧ ¬bits(b))`,
/// and the same from `b`'s side. Unrelated long texts share a few dozen common shingles out of
/// hundreds; this rejects most of them in a few dozen word operations where the merge walks
/// hundreds of elements with a mispredicted branch each. A summary of more words is folded onto
/// the smaller one (a bit at `v mod 2^k` of the larger lands at `v mod 2^j` of the smaller).
fn common_bound(a: (&[u32], &[u64]), b: (&[u32], &[u64])) -> usize {
    let (large, small, large_is_a) = if a.1.len() >= b.1.len() { (a.1, b.1, true) } else { (b.1, a.1, false) };
    let (mut only_large, mut only_small) = (0usize, 0usize);
    for (k, &small_word) in small.iter().enumerate() {
        let folded = large[k..].iter().step_by(small.len()).fold(0, |word, &w| word | w);
        only_large += (folded & !small_word).count_ones() as usize;
        only_small += (small_word & !folded).count_ones() as usize;
    }
    let (only_a, only_b) = if large_is_a { (only_large, only_small) } else { (only_small, only_large) };
    (a.0.len() - only_a).min(b.0.len() - only_b)
}

/// The LSH keys of `text` (normalized and fingerprinted here), for the extension's cross-thread
/// memory; empty when the text can never be part of a campaign.
pub fn fingerprint_keys(text: &str) -> Vec<u64> {
    fingerprint(&fingerprint_form(text)).map(|fp| fp.band_keys()).unwrap_or_default()
}

/// Items kept per LSH bucket. A bucket only fills up under a flood of near-copies that are not
/// exact copies (each with its own unmasked filler); its first items then stand for the flood,
/// which they already tie into one cluster, so each further copy costs at most
/// `BANDS × BUCKET_CAPACITY` candidates instead of every earlier copy (quadratic: 4,000 such
/// copies took seconds). Which items a bucket keeps depends on arrival order only, never on how
/// posts were batched.
pub const BUCKET_CAPACITY: usize = 32;

/// LSH index over fingerprints: `insert` returns the earlier items that may be near-copies.
/// Exact copies are the caller's to handle (the engine joins them to their first occurrence
/// and keeps them out of the buckets).
///
/// Band keys are already well-mixed 64-bit hashes, so the table uses them as they are
/// ([`KeyHasher`]) instead of hashing them again with SipHash, and a bucket holding one item
/// (most buckets of a thread) is that item in the table itself, 16 bytes a slot; larger buckets
/// live in `overflow`. (Both measured: bucket upkeep took about a fifth of the time of a typical
/// post, and a table of `Vec` buckets most of the engine's memory.)
#[derive(Debug, Default)]
pub struct LshIndex {
    /// A band key's item, or `OVERFLOW | i` for the bucket `overflow[i]`.
    buckets: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    overflow: Vec<Vec<u32>>,
    /// Slots of `overflow` free for reuse.
    free: Vec<u32>,
}

const OVERFLOW: u32 = 1 << 31;

/// A hasher for keys that are already uniform 64-bit hashes (LSH band keys, exact-form
/// hashes): the key itself.
#[derive(Debug, Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

impl LshIndex {
    /// Adds `item` and returns the earlier items sharing a band key with it (sorted, deduped).
    pub fn insert(&mut self, item: usize, fp: &Fingerprint) -> Vec<usize> {
        let mut candidates = Vec::new();
        self.insert_into(item, fp, &mut candidates);
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// Adds `item` and appends to `candidates` the earlier items sharing a band key with it, in
    /// bucket order, an item once per band it shares (the engine dedups with a mark per item
    /// instead of sorting).
    pub fn insert_into(&mut self, item: usize, fp: &Fingerprint, candidates: &mut Vec<usize>) {
        let item = u32::try_from(item).ok().filter(|&i| i < OVERFLOW).expect("fewer than 2^31 items");
        for key in fp.band_keys() {
            match self.buckets.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(item);
                }
                Entry::Occupied(mut slot) => {
                    let value = *slot.get();
                    if value & OVERFLOW == 0 {
                        candidates.push(value as usize);
                        let bucket = vec![value, item];
                        let at = match self.free.pop() {
                            Some(at) => {
                                self.overflow[at as usize] = bucket;
                                at
                            }
                            None => {
                                self.overflow.push(bucket);
                                (self.overflow.len() - 1) as u32
                            }
                        };
                        *slot.get_mut() = OVERFLOW | at;
                    } else {
                        let bucket = &mut self.overflow[(value & !OVERFLOW) as usize];
                        candidates.extend(bucket.iter().map(|&c| c as usize));
                        if bucket.len() < BUCKET_CAPACITY {
                            bucket.push(item);
                        }
                    }
                }
            }
        }
    }

    /// Takes `item` out of the buckets of `fp` (an edited or forgotten post): its place is free
    /// for a later item.
    pub fn remove(&mut self, item: usize, fp: &Fingerprint) {
        let item = item as u32;
        for key in fp.band_keys() {
            let Entry::Occupied(mut slot) = self.buckets.entry(key) else { continue };
            let value = *slot.get();
            if value & OVERFLOW == 0 {
                if value == item {
                    slot.remove();
                }
                continue;
            }
            let at = value & !OVERFLOW;
            let bucket = &mut self.overflow[at as usize];
            bucket.retain(|&c| c != item);
            if bucket.len() == 1 {
                *slot.get_mut() = bucket[0];
                self.overflow[at as usize] = Vec::new();
                self.free.push(at);
            }
        }
    }
}

/// [`REMOVED_POST_BODIES`] as posts are shingled: normalized, squeezed, spaces removed.
fn removed_post_forms() -> &'static HashSet<String> {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| {
        REMOVED_POST_BODIES
            .iter()
            .map(|body| {
                let mut squeezed = String::new();
                for word in fingerprint_form(body).split(' ').filter(|w| !w.is_empty() && *w != RANDOM_TOKEN) {
                    squeeze_into(word, &mut squeezed);
                }
                squeezed
            })
            .collect()
    })
}

/// The length in characters of the longest of [`removed_post_forms`].
fn removed_post_forms_max_chars() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| removed_post_forms().iter().map(|form| form.chars().count()).max().unwrap_or(0))
}

/// The forms of [`NON_CAMPAIGN_WORDS`] after the same normalization as posts (the skeleton turns
/// "this" into "thls" and "same" into "sarne", so raw words would never match).
fn non_campaign_forms() -> &'static HashSet<String> {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| {
        NON_CAMPAIGN_WORDS
            .iter()
            .flat_map(|word| fingerprint_form(word).split(' ').map(str::to_string).collect::<Vec<_>>())
            .filter(|form| !form.is_empty() && form != RANDOM_TOKEN)
            .map(|form| {
                let mut squeezed = String::new();
                squeeze_into(&form, &mut squeezed);
                squeezed
            })
            .collect()
    })
}

/// Appends `token` with each run of one repeated letter collapsed to one letter: stretched words
/// ("soooo", "likeeeee") are the same word. Digits are kept as they are ("1000" is not "10").
fn squeeze_into(token: &str, out: &mut String) {
    let mut previous = None;
    for c in token.chars() {
        if !(c.is_alphabetic() && previous == Some(c)) {
            out.push(c);
        }
        previous = Some(c);
    }
}

/// The hash of one shingle. Four characters of the Basic Multilingual Plane (nearly every
/// shingle) pack losslessly into 64 bits and need one mixing step; others are folded in.
fn hash_chars(chars: &[char]) -> u64 {
    if chars.len() == 4 && chars.iter().all(|&c| (c as u32) < 0x1_0000) {
        let packed = chars.iter().fold(0u64, |packed, &c| packed << 16 | u64::from(c as u32));
        return mix64(packed);
    }
    chars.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &c| mix64(h ^ u64::from(c)))
}

/// The MinHash functions' constants, from a fixed SplitMix64 sequence: multipliers odd.
fn minhash_seeds() -> &'static ([u64; HASHES], [u64; HASHES]) {
    static SEEDS: OnceLock<([u64; HASHES], [u64; HASHES])> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut multipliers = [0u64; HASHES];
        let mut offsets = [0u64; HASHES];
        for i in 0..HASHES {
            multipliers[i] = mix64(0xc4a7_7f00 + 2 * i as u64) | 1;
            offsets[i] = mix64(0xc4a7_7f00 + 2 * i as u64 + 1);
        }
        (multipliers, offsets)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(text: &str) -> Option<Fingerprint> {
        fingerprint(&fingerprint_form(text))
    }

    fn near(a: &str, b: &str) -> bool {
        let (fa, fb) = (fp(a).expect("a fingerprints"), fp(b).expect("b fingerprints"));
        assert_eq!(near_copies(&fa, &fb), near_copies(&fb, &fa), "near_copies must be symmetric");
        near_copies(&fa, &fb)
    }

    fn shares_band(a: &str, b: &str) -> bool {
        let kb: HashSet<u64> = fp(b).unwrap().band_keys().into_iter().collect();
        fp(a).unwrap().band_keys().iter().any(|k| kb.contains(k))
    }

    const ORIGINAL: &str = "Honestly the second half of this season was so much better than the first one";

    fn assert_evasion_caught(evaded: &str) {
        assert!(near(ORIGINAL, evaded), "not a near copy: {evaded:?} (J = {})", jaccard(&fp(ORIGINAL).unwrap(), &fp(evaded).unwrap()));
        assert!(shares_band(ORIGINAL, evaded), "no shared LSH band: {evaded:?}");
    }

    #[test]
    fn random_suffix_copy_is_near() {
        assert_evasion_caught("Honestly the second half of this season was so much better than the first one xk7qz2");
    }

    #[test]
    fn random_prefix_copy_is_near() {
        assert_evasion_caught("[9f3a2c] Honestly the second half of this season was so much better than the first one");
    }

    #[test]
    fn look_alike_copy_is_near() {
        assert_evasion_caught("Ноnеstlу thе sесоnd hаlf оf thіs sеаsоn wаs sо muсh bеttеr thаn thе fіrst оnе");
    }

    #[test]
    fn zero_width_copy_is_near() {
        assert_evasion_caught("Hon\u{200B}estly the sec\u{200D}ond half of th\u{2060}is sea\u{FEFF}son was so mu\u{AD}ch better than the fi\u{200C}rst one");
    }

    #[test]
    fn fullwidth_copy_is_near() {
        assert_evasion_caught("Ｈｏｎｅｓｔｌｙ ｔｈｅ ｓｅｃｏｎｄ ｈａｌｆ ｏｆ ｔｈｉｓ ｓｅａｓｏｎ ｗａｓ ｓｏ ｍｕｃｈ ｂｅｔｔｅｒ ｔｈａｎ ｔｈｅ ｆｉｒｓｔ ｏｎｅ");
    }

    #[test]
    fn mathematical_copy_is_near() {
        assert_evasion_caught("𝐇𝐨𝐧𝐞𝐬𝐭𝐥𝐲 𝐭𝐡𝐞 𝐬𝐞𝐜𝐨𝐧𝐝 𝘩𝘢𝘭𝘧 𝘰𝘧 𝘵𝘩𝘪𝘴 𝓼𝓮𝓪𝓼𝓸𝓷 was so much better than the first one");
    }

    #[test]
    fn case_and_punctuation_copy_is_near() {
        assert_evasion_caught("HONESTLY... the SeCoNd half of this season -- was so much better than the first one!!!");
    }

    #[test]
    fn emoji_copy_is_near() {
        assert_evasion_caught("Honestly 😂 the second half of this season 🔥 was so much better than the first one 💯💯");
    }

    #[test]
    fn one_word_edit_copies_are_near() {
        // Swap, drop and insert.
        assert_evasion_caught("Honestly the second half of this season was so much nicer than the first one");
        assert_evasion_caught("Honestly the second half of this season was so much better than the first");
        assert_evasion_caught("Honestly the second half of this whole season was so much better than the first one");
    }

    #[test]
    fn combined_evasions_copy_is_near() {
        assert_evasion_caught("qz8x1 НОNЕSТLУ 🔥 the s\u{200B}econd ｈａｌｆ of 𝐭𝐡𝐢𝐬 season!!! was so much better than the first xk7qz2");
    }

    #[test]
    fn common_short_replies_never_fingerprint() {
        for reply in [
            "thanks!", "This", "lol", "+1", "same", "agreed", "great video", "[deleted]", "[removed]", "Thank you so much!!",
            "lol same 😂", "This is so true", "love this song", "", "🔥🔥🔥", "ok xk7qz2",
            "[ Removed by Reddit on account of violating the content policy. ]", "[Removed by Reddit]",
            "This Post was deleted by the Post author.",
        ] {
            assert!(fp(reply).is_none(), "{reply:?} must not be able to form a campaign");
        }
    }

    #[test]
    fn sentences_of_common_words_still_fingerprint() {
        assert!(fp("Am I bad to avoid like this?").is_none(), "7 common words are a reaction");
        assert!(fp("Am i that much bad to avoid like this?").is_some(), "8 words are a sentence");
    }

    #[test]
    fn stretched_letters_are_the_same_word() {
        assert!(fp("likeeeeeee").is_none(), "a stretched common word is still a common word");
        assert!(near("subscribeeee to my channelll", "subscribe to my channel"));
    }

    #[test]
    fn short_texts_sharing_a_phrase_are_not_copies() {
        assert!(!near("Memories", "MANY MEMORIES..........."));
        assert!(!near("my favorite song", "This is my favorite song"));
        assert!(!near("just checking the views", "I'm only checking the views"));
    }

    #[test]
    fn short_promotional_copies_fingerprint_and_match() {
        for promo in ["check my profile 🔥", "subscribe to my channel", "follow me", "free v-bucks", "work from home!!"] {
            assert!(fp(promo).is_some(), "{promo:?} must be able to form a campaign");
        }
        assert!(near("check my profile 🔥", "Check my profile!! 🔥🔥"));
        assert!(near("check my profile 🔥", "chеck my prоfile xk7qz2"));
        assert!(near("subscribe to my channel", "SUBSCRIBE to my channel pls"));
    }

    #[test]
    fn different_texts_are_not_near_copies() {
        assert!(!near("check my profile", "check my channel"));
        assert!(!near(ORIGINAL, "Honestly the first half of the season was boring and the finale made no sense to me"));
        assert!(!near(
            "I bought this phone last year and the battery still lasts two full days",
            "I bought this laptop last month and the screen already has dead pixels"
        ));
    }

    #[test]
    fn lsh_index_returns_earlier_candidates_sorted() {
        let mut index = LshIndex::default();
        let a = fp(ORIGINAL).unwrap();
        let b = fp("Honestly the second half of this season was so much nicer than the first one").unwrap();
        let unrelated = fp("My cat knocked the plant off the shelf again this morning, soil everywhere").unwrap();
        assert!(index.insert(0, &a).is_empty());
        assert!(index.insert(1, &unrelated).is_empty());
        assert_eq!(index.insert(2, &b), vec![0]);
        let c = fp("Honestly the second half of this season was so much better than the first ones").unwrap();
        assert_eq!(index.insert(3, &c), vec![0, 2]);
        index.remove(2, &b);
        let d = fp("Honestly the second half of this season was so much better than the first one!").unwrap();
        assert_eq!(index.insert(4, &d), vec![0, 3]);
    }

    #[test]
    fn a_flood_of_varied_copies_costs_bounded_candidates_and_stays_connected() {
        let mut index = LshIndex::default();
        let mut seen_any_candidate = 0;
        for i in 0..500 {
            // A different 4-letter word in every copy, so none is an exact copy of another.
            let tag: String = (0..4).map(|k| (b'a' + ((i / 26usize.pow(k)) % 26) as u8) as char).collect();
            let text = format!("Earn money fast from home, visit my profile for the details {tag}");
            let candidates = index.insert(i, &fp(&text).unwrap());
            assert!(candidates.len() <= BANDS * BUCKET_CAPACITY);
            seen_any_candidate += usize::from(!candidates.is_empty());
        }
        assert_eq!(seen_any_candidate, 499, "every copy after the first finds an earlier one");
    }

    #[test]
    fn early_exit_verification_agrees_with_the_full_jaccard() {
        let mut rng = crate::hash::SplitMix64::new(7);
        for round in 0..20_000 {
            // Small universes make every overlap likely, from disjoint to equal; sizes up to
            // several hundred give summaries of several words, folded onto each other.
            let (universe_size, most) = if round % 4 == 0 { (1 + rng.below(1_500), 1_000) } else { (1 + rng.below(60), 50) };
            let universe: Vec<u32> = (0..universe_size).map(|_| rng.next_u64() as u32).collect();
            let set = |rng: &mut crate::hash::SplitMix64| -> (Vec<u32>, Vec<u64>) {
                let mut s: Vec<u32> = (0..rng.below(most)).map(|_| *rng.pick(&universe)).collect();
                s.sort_unstable();
                s.dedup();
                let mut summary = Vec::new();
                summary_into(&s, &mut summary);
                (s, summary)
            };
            let (a, b) = (set(&mut rng), set(&mut rng));
            for threshold in [NEAR_COPY_JACCARD, SHORT_NEAR_COPY_JACCARD, 0.3, 1.0] {
                let reaches = summarized_jaccard_reaches((&a.0, &a.1), (&b.0, &b.1), threshold);
                assert_eq!(reaches, set_jaccard(&a.0, &b.0) >= threshold, "{a:?} {b:?} {threshold}");
            }
        }
    }

    #[test]
    fn summaries_bound_the_shared_elements_and_reject_unrelated_sets() {
        let mut rng = crate::hash::SplitMix64::new(11);
        let (mut rejected, mut unrelated) = (0, 0);
        for _ in 0..2_000 {
            let set = |rng: &mut crate::hash::SplitMix64, len: usize| -> (Vec<u32>, Vec<u64>) {
                let mut s: Vec<u32> = (0..len).map(|_| rng.next_u64() as u32).collect();
                s.sort_unstable();
                s.dedup();
                let mut summary = Vec::new();
                summary_into(&s, &mut summary);
                (s, summary)
            };
            let (len_a, len_b) = (1 + rng.below(800), 1 + rng.below(800));
            let (a, b) = (set(&mut rng, len_a), set(&mut rng, len_b));
            let common = a.0.iter().filter(|x| b.0.binary_search(x).is_ok()).count();
            let bound = common_bound((&a.0, &a.1), (&b.0, &b.1));
            assert!(bound >= common, "the bound {bound} is below the {common} shared elements");
            if let Some(needed) = least_common(a.0.len(), b.0.len(), NEAR_COPY_JACCARD) {
                unrelated += 1;
                rejected += usize::from(bound < needed);
            }
        }
        // Disjoint sets of similar sizes: the summaries alone tell most of them apart.
        assert!(rejected * 10 >= unrelated * 9, "only {rejected} of {unrelated} unrelated pairs rejected");
    }

    #[test]
    fn the_vectorized_minhash_is_the_portable_one() {
        let mut rng = crate::hash::SplitMix64::new(3);
        let hashes: Vec<u64> = (0..500).map(|_| rng.next_u64()).collect();
        let (mut fast, mut portable) = ([u32::MAX; HASHES], [u32::MAX; HASHES]);
        minhash_into(&hashes, &mut fast);
        minhash_rows(&hashes, &mut portable);
        assert_eq!(fast, portable);
        // Each vectorized copy the processor running the tests can run, not only the one chosen.
        #[cfg(target_arch = "x86_64")]
        for (supported, copy) in [
            (std::arch::is_x86_feature_detected!("avx2"), minhash_avx2 as unsafe fn(&[u64], &mut [u32; HASHES])),
            (std::arch::is_x86_feature_detected!("avx512dq") && std::arch::is_x86_feature_detected!("avx512vl"), minhash_avx512),
        ] {
            if supported {
                let mut vectorized = [u32::MAX; HASHES];
                // SAFETY: the processor supports the copy's features, checked in the list above.
                unsafe { copy(&hashes, &mut vectorized) };
                assert_eq!(vectorized, portable);
            }
        }
    }

    #[test]
    fn fingerprints_are_deterministic() {
        assert_eq!(fingerprint_keys(ORIGINAL), fingerprint_keys(ORIGINAL));
        assert_eq!(fingerprint_keys(ORIGINAL).len(), BANDS);
        assert!(fingerprint_keys("thanks!").is_empty());
    }

    #[test]
    fn minhash_estimate_tracks_jaccard() {
        let a = fp(ORIGINAL).unwrap();
        let b = fp("Honestly the second half of this season was so much nicer than the first one").unwrap();
        assert!((estimated_similarity(&a, &b) - jaccard(&a, &b)).abs() < 0.2);
        assert_eq!(estimated_similarity(&a, &a), 1.0);
    }
}
