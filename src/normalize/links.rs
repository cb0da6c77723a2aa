//! Links (stage 4): a whitespace-separated chunk that is a URL becomes its host as one word
//! (`https://www.x.com/a?b` → `xcom`, the word a bare `x.com` gives too), because shortener
//! paths and tracking parameters are what differ between copies.
//!
//! Design: links whose `://` noise has damaged (`https/t.co`, `НTTрs:t.cO`, `hxxps[:]//`) are
//! still links; a host that noise has glued to its random path is masked like a random token.

use std::sync::OnceLock;

use super::random_token::{read_word_form, RANDOM_TOKEN};
use super::skeleton::skeleton_word;

/// If `chunk` holds a URL, the text before it and the URL's host as one word: normalized, `www.`
/// and the dots dropped, so it is the same word as the host written bare (`bit.ly` reads
/// `bitly` by stage 5).
pub(super) fn split_url(chunk: &str) -> Option<(&str, String)> {
    // Every link form below holds a `/`, a `:` or `www.`; most chunks are plain words and stop here.
    let has_www = chunk.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"www."));
    if !has_www && !chunk.contains(['/', ':']) {
        return None;
    }
    let trimmed = chunk.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let (before, rest) = if let Some(at) = trimmed.find("://") {
        // The scheme is the run of letters just before "://" (look-alikes included); text glued
        // before it ("link:https://…") stays text.
        let scheme_start =
            trimmed[..at].char_indices().rev().find(|(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
        (&trimmed[..scheme_start], &trimmed[at + 3..])
    } else if let Some((scheme_start, rest_start)) = damaged_web_scheme(trimmed) {
        (&trimmed[..scheme_start], &trimmed[rest_start..])
    } else if trimmed.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("www.")) || looks_like_bare_link(trimmed)
    {
        ("", trimmed)
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let host = host.get(..4).filter(|start| start.eq_ignore_ascii_case("www.")).map_or(host, |_| &host[4..]);
    // A host ends in a top-level domain of a few letters. When noise has removed the dot and
    // slash that separate host from path (`https:tCOrUiF26GLb2`), the host cannot be told
    // apart from the random path: the link is then masked like a random token.
    // A `/` after the host still separates it from the path, even when its dot is gone
    // (`https:/tCo/RHeRi`).
    let top_level = host.rsplit('.').next().unwrap_or("");
    let ends_in_domain = host.contains('.')
        && (2..=MAX_TOP_LEVEL_DOMAIN_CHARS).contains(&top_level.chars().count())
        && top_level.chars().all(char::is_alphabetic);
    let readable = ends_in_domain || rest.contains('/');
    if !readable {
        return Some((before, RANDOM_TOKEN.to_string()));
    }
    let letters: String = host.chars().filter(|c| c.is_alphanumeric()).collect();
    // Its skeleton, judged as a second pass would judge the word (so that pass reads it the same).
    Some((before, read_word_form(&letters)))
}

/// Longest top-level domain taken for one: the common ones (`com`, `ly`, `co`, `museum` aside)
/// are two to six letters; a longer "domain" is a host glued to its path.
const MAX_TOP_LEVEL_DOMAIN_CHARS: usize = 6;

/// A web scheme whose `://` noise has damaged (`https/t.co/x`, `НTTрs:t.co/x`, `hxxps[:]//`):
/// a word that reads `http`, `https`, `hxxp` or `hxxps` through the skeleton, followed by
/// punctuation. Returns where the scheme starts and where the host starts.
fn damaged_web_scheme(chunk: &str) -> Option<(usize, usize)> {
    static SCHEMES: OnceLock<[String; 4]> = OnceLock::new();
    let schemes = SCHEMES.get_or_init(|| ["http", "https", "hxxp", "hxxps"].map(skeleton_word));
    let mut search_from = 0;
    while let Some(offset) = chunk[search_from..].find(|c: char| c.is_alphabetic()) {
        let start = search_from + offset;
        let word_end = chunk[start..].find(|c: char| !c.is_alphabetic()).map_or(chunk.len(), |end| start + end);
        let punctuation_end = chunk[word_end..]
            .find(|c: char| c.is_alphanumeric() || c.is_whitespace())
            .map_or(chunk.len(), |end| word_end + end);
        if punctuation_end > word_end && schemes.contains(&skeleton_word(&chunk[start..word_end].to_lowercase())) {
            return Some((start, punctuation_end));
        }
        search_from = word_end;
    }
    None
}

/// A link written without a scheme but with a path: `bit.ly/3xYz`, `youtube.com/watch?v=…`.
/// Without a path a dotted word is a word like any other (`bit.ly` → `bitly`), the same word
/// as the host of a full link.
fn looks_like_bare_link(chunk: &str) -> bool {
    let Some((domain, _path)) = chunk.split_once('/') else { return false };
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}
