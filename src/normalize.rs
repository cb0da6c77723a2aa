//! Normalization for fingerprinting. (Interface pinned by the engine; helper A owns the body.)

/// The form of `text` that near-duplicate fingerprints are computed from: evasions undone,
/// words separated by single spaces.
pub fn fingerprint_form(text: &str) -> String {
    text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}
