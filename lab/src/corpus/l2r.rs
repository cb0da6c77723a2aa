//! L2R, "Learning to Rewrite" (../shared/data/l2r, see its README.md): human texts from 21
//! domains (abstracts, news, legal, code, reviews, personal messages …) and rewrites of each by
//! GPT-3.5-turbo, GPT-4o, Gemini-1.5-Pro and Llama-3-70B, one JSON list of strings per file.
//!
//! Design:
//! - Grouping: a rewrite carries the topic and much of the wording of its source, so a human
//!   text and all its rewrites form one group, keyed by a hash of the prepared human text
//!   itself (duplicate human texts therefore share a group, whatever their domain). Row i of
//!   GPT-3-Turbo, GPT-4o and Llama-3-70B is the rewrite of row i of `human.json` in the same
//!   folder. Gemini-1.5-Pro lacks some rows, so its indices drift: its rows are paired with the
//!   human rows of the same domain by word-set overlap (Jaccard), keeping their order — the
//!   file is the human file in order with rows missing. The order matters: Gemini's rewrites
//!   are loose (median best Jaccard 0.25), and pairing each row with its single most similar
//!   human row picked an out-of-order row for 412 of 3,592 (11%), by margins of a few
//!   hundredths, e.g. a rewrite about surrealism paired with another art-history text rather
//!   than the surrealism text at its own position.
//! - Text as a page shows it: every row, human and AI alike, is rendered from markdown by
//!   `render::page_text` (Gemini and Llama rows carry `**` and `#` far more often than human
//!   rows: formatting must be no signal) and has its whitespace collapsed.
//! - Chat artefacts are stripped from AI rows before rendering: an opening that announces the
//!   rewrite ("Here is the revised text:", "Sure! Here's a more engaging version:", "Revised
//!   passage:"), the quotation marks that then wrap the whole rewrite, and a closing paragraph
//!   that signs off ("Let me know if …", "I hope this helps!"). They are not the model's prose
//!   but the chat around it, and a page showing a pasted reply would rarely keep them.
//! - Traps handled: the TravelTourism folder is a copy of TechnicalWriting (same human, GPT-4o,
//!   Gemini and Llama files) and is dropped; texts are deduplicated by exact prepared text (the
//!   first kept: 34 human texts repeat within domains); a "rewrite" identical to its source is
//!   human text, not a machine one, and is dropped.

use std::collections::HashSet;
use std::path::Path;

use chaff::hash::fnv1a;

use super::render::page_text;
use crate::train::LabelledText;

pub const DIR: &str = "l2r";

/// A copy of TechnicalWriting under another name (README.md).
const DROPPED_DOMAINS: [&str; 1] = ["TravelTourism"];

/// How the rows of a generator's file find their source row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pairing {
    /// Row i rewrites human row i.
    Index,
    /// Rows are missing: pair by word overlap.
    Similarity,
}

/// File stem, generator name, pairing.
const GENERATORS: [(&str, &str, Pairing); 4] = [
    ("GPT-3-Turbo", "l2r-gpt-3.5", Pairing::Index),
    ("GPT-4o", "l2r-gpt-4o", Pairing::Index),
    ("Gemini-1.5-Pro", "l2r-gemini-1.5-pro", Pairing::Similarity),
    ("Llama-3-70B", "l2r-llama-3-70b", Pairing::Index),
];

/// Loads every domain but the dropped copy: human rows, then each generator's rewrites.
pub fn load(data_dir: &Path) -> Result<Vec<LabelledText>, String> {
    let root = data_dir.join(DIR);
    let entries = std::fs::read_dir(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut domains = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", root.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !DROPPED_DOMAINS.contains(&name.as_str()) {
            domains.push(name);
        }
    }
    domains.sort();
    if domains.is_empty() {
        return Err(format!("{}: no domain folders", root.display()));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for domain in &domains {
        let dir = root.join(domain);
        let human: Vec<String> = read_list(&dir.join("human.json"))?.iter().map(|t| page_text(t)).collect();
        let groups: Vec<String> = human.iter().map(|t| group_key(t)).collect();
        for (text, group) in human.iter().zip(&groups) {
            if !text.is_empty() && seen.insert(text.clone()) {
                out.push(LabelledText { text: text.clone(), machine: false, group: group.clone(), generator: None });
            }
        }
        let human_words: Vec<HashSet<String>> = human.iter().map(|t| word_set(t)).collect();
        for (stem, generator, pairing) in GENERATORS {
            let path = dir.join(format!("{stem}.json"));
            let rows = read_list(&path)?;
            if pairing == Pairing::Index && rows.len() != human.len() {
                return Err(format!("{}: {} rows for {} human rows", path.display(), rows.len(), human.len()));
            }
            let texts: Vec<String> = rows.iter().map(|row| page_text(&strip_chat_artefacts(row))).collect();
            let paired = match pairing {
                Pairing::Index => None,
                Pairing::Similarity => {
                    let words: Vec<HashSet<String>> = texts.iter().map(|t| word_set(t)).collect();
                    let paired = align(&words, &human_words).ok_or_else(|| {
                        format!("{}: {} rows for {} human rows", path.display(), rows.len(), human.len())
                    })?;
                    Some(paired)
                }
            };
            for (i, text) in texts.into_iter().enumerate() {
                let source = match &paired {
                    Some(paired) => paired[i],
                    None => i,
                };
                if text.is_empty() || text == human[source] || !seen.insert(text.clone()) {
                    continue;
                }
                out.push(LabelledText {
                    text,
                    machine: true,
                    group: groups[source].clone(),
                    generator: Some(generator.to_string()),
                });
            }
        }
    }
    Ok(out)
}

fn read_list(path: &Path) -> Result<Vec<String>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))
}

/// The group of a source text and its rewrites: a hash of the prepared human text.
fn group_key(human_text: &str) -> String {
    format!("{:016x}", fnv1a(&[human_text.as_bytes()]))
}

/// Lower-cased alphanumeric words.
fn word_set(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Pairs each row with a source, in order (row j+1's source comes after row j's), so that the
/// summed word-set Jaccard overlap is largest: the rows are the sources in order with some
/// missing. `None` when there are more rows than sources.
fn align(rows: &[HashSet<String>], sources: &[HashSet<String>]) -> Option<Vec<usize>> {
    let (m, n) = (rows.len(), sources.len());
    if m > n {
        return None;
    }
    // best[j][i]: the largest sum pairing the first j rows with sources among the first i.
    let mut best = vec![vec![f64::NEG_INFINITY; n + 1]; m + 1];
    best[0].fill(0.0);
    for j in 1..=m {
        for i in 1..=n {
            let paired = best[j - 1][i - 1] + jaccard(&rows[j - 1], &sources[i - 1]);
            best[j][i] = best[j][i - 1].max(paired);
        }
    }
    let mut out = vec![0; m];
    let mut i = n;
    for j in (1..=m).rev() {
        // Skip sources the best pairing leaves out (the latest one on a tie goes to row j).
        while best[j][i] == best[j][i - 1] {
            i -= 1;
        }
        out[j - 1] = i - 1;
        i -= 1;
    }
    Some(out)
}

/// Interjections that open a chat reply ("Sure! Here's …", "Certainly:").
const INTERJECTIONS: [&str; 8] = ["sure thing", "sure", "certainly", "absolutely", "of course", "okay", "ok", "great"];

/// Openings that present what follows.
const PRESENTERS: [&str; 4] = ["here is", "here's", "here’s", "here are"];

/// Openings that present nothing but the rewrite.
const BARE_PRESENTERS: [&str; 2] = ["here you go", "here it is"];

/// Words that make a presented thing the rewrite itself (whole words).
const REWRITE_NOUNS: [&str; 14] = [
    "version",
    "versions",
    "passage",
    "text",
    "wording",
    "take",
    "points",
    "takeaways",
    "rendition",
    "phrasing",
    "bullet",
    "format",
    "adjustment",
    "alternative",
];

/// Word beginnings that name rewriting.
const REWRITE_STEMS: [&str; 11] = [
    "revis",
    "rewr",
    "reword",
    "rephras",
    "restyl",
    "restat",
    "reformulat",
    "refin",
    "transform",
    "improv",
    "paraphras",
];

/// An announcement is short: longer openings ending in ':' introduce content ("This study
/// explores …. We aim to answer several key questions:").
const MAX_ANNOUNCEMENT_WORDS: usize = 30;

/// Without "Here is …", a bare label ("Revised passage:", "Key points emphasized:") is at most
/// this long.
const MAX_LABEL_WORDS: usize = 8;

/// Whether an opening (the text before its first colon) announces a rewrite.
fn is_announcement(opening: &str) -> bool {
    let mut s = opening.trim_matches(|c: char| c == '*' || c == '#' || c == '_' || c.is_whitespace()).to_lowercase();
    for interjection in INTERJECTIONS {
        if s == interjection {
            return true;
        }
        if let Some(rest) = s.strip_prefix(interjection) {
            if rest.starts_with(['!', ',', '.']) {
                s = rest[1..].trim().to_string();
                break;
            }
        }
    }
    if s.is_empty() {
        return true;
    }
    let words: Vec<&str> = s.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let names_rewrite =
        words.iter().any(|w| REWRITE_NOUNS.contains(w) || REWRITE_STEMS.iter().any(|p| w.starts_with(p)));
    if BARE_PRESENTERS.iter().any(|p| s.starts_with(p)) {
        return true;
    }
    if PRESENTERS.iter().any(|p| s.starts_with(p)) {
        return names_rewrite;
    }
    words.len() <= MAX_LABEL_WORDS && names_rewrite
}

/// Closing paragraphs that are the chat around a rewrite, not the rewrite.
const SIGN_OFFS: [&str; 6] = [
    "let me know",
    "i hope this helps",
    "hope this helps",
    "feel free to ask",
    "if you need any further",
    "if you have any questions",
];

/// An AI row without the chat around the rewrite: an opening that announces it (up to its
/// colon, on the first line), quotation marks then wrapping the whole rewrite, and a closing
/// paragraph that signs off.
fn strip_chat_artefacts(raw: &str) -> String {
    let mut text = raw.trim();
    if let Some(colon) = text.find(':') {
        let opening = &text[..colon];
        // A bold announcement closes its emphasis after the colon ("**Revised text:**").
        let after = text[colon + 1..].trim_start_matches(['*', '_']);
        let ends_there = after.is_empty() || after.starts_with(char::is_whitespace);
        let words = opening.split_whitespace().count();
        if ends_there && !opening.contains('\n') && words <= MAX_ANNOUNCEMENT_WORDS && is_announcement(opening) {
            text = unquote(after.trim());
        }
    }
    if let Some(cut) = text.rfind("\n\n") {
        let last = text[cut..].trim().to_lowercase();
        if SIGN_OFFS.iter().any(|s| last.starts_with(s)) {
            text = text[..cut].trim_end();
        }
    }
    text.to_string()
}

/// A text wrapped whole in one pair of quotation marks, without them.
fn unquote(text: &str) -> &str {
    for (open, close) in [('"', '"'), ('“', '”')] {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            if !inner.contains([open, close]) {
                return inner.trim();
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_announcements_are_stripped() {
        let cases = [
            ("Here is the revised text:\n\nThe study shows X.", "The study shows X."),
            ("Sure! Here's a more engaging version of the text:\nWow, the study shows X!", "Wow, the study shows X!"),
            ("Absolutely! Here’s a more enthusiastic version: Great news!", "Great news!"),
            ("Certainly:\n\nThe study shows X.", "The study shows X."),
            ("**Revised passage:**\n\nThe study shows X.", "The study shows X."),
            ("Key points emphasized:\n- one\n- two", "- one\n- two"),
            ("Here is a revised version: \"It is our duty to help.\"", "It is our duty to help."),
            ("Here are the main points of the text, restructured for clarity:\n* one", "* one"),
            ("Sure thing. Here it is: Absolutely. I have to retreat.", "Absolutely. I have to retreat."),
            ("Here is the information in bullet list format: Chris, 25, of Derby.", "Chris, 25, of Derby."),
        ];
        for (raw, want) in cases {
            assert_eq!(strip_chat_artefacts(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn content_that_ends_in_a_colon_is_kept() {
        let kept = [
            "Here are the SEC requirements regarding accredited investors: a bank, an insurer.",
            "Here's the thing: the founders probably owe taxes.",
            "This study explores view manifolds in CNNs. We aim to answer several key questions:\n1. a",
            "def below_threshold(l: list, t: int):\n    return all(x < t for x in l)",
            "Companies can be grouped in different ways, such as by:\n- size",
            "Sure thing! Different art forms had movements: verismo, realism.",
        ];
        for raw in kept {
            assert_eq!(strip_chat_artefacts(raw), raw);
        }
    }

    #[test]
    fn a_closing_sign_off_is_stripped() {
        assert_eq!(
            strip_chat_artefacts("def f(x):\n    return x\n\nLet me know if you need anything else!"),
            "def f(x):\n    return x"
        );
        assert_eq!(strip_chat_artefacts("One.\n\nTwo, let me know."), "One.\n\nTwo, let me know.");
    }

    #[test]
    fn gemini_rows_pair_with_the_human_rows_they_overlap_most_in_order() {
        let sets = |texts: &[&str]| texts.iter().map(|t| word_set(t)).collect::<Vec<_>>();
        let human = sets(&[
            "The cat sat on the mat all afternoon.",
            "Interest rates rose sharply as the central bank fought inflation.",
            "Our team won the final match in extra time.",
            "Surrealist painters loved surprise and melting clocks.",
            "Art movements after the war: the painters of New York.",
        ]);
        // Rows 0 and 2 of the human file have no rewrite, so rewrite k is not human row k.
        let rewrites = sets(&[
            "The central bank raised interest rates sharply to fight inflation.",
            // Overlaps human row 4 a little more than its own source, row 3 ...
            "Surrealist painters of New York art loved clocks.",
            "After the war, art moved to New York and its painters.",
        ]);
        let single_best = |r: &HashSet<String>| {
            (0..human.len()).max_by(|&a, &b| jaccard(r, &human[a]).total_cmp(&jaccard(r, &human[b])))
        };
        assert_eq!(single_best(&rewrites[1]), Some(4));
        // ... but the order of the file pairs it with row 3, leaving row 4 to the next rewrite.
        assert_eq!(align(&rewrites, &human), Some(vec![1, 3, 4]));
        assert_eq!(align(&human, &rewrites), None);
    }

    #[test]
    fn a_corpus_folder_loads_with_groups_by_source_text() {
        let dir = std::env::temp_dir().join(format!("chaff-l2r-test-{}", std::process::id()));
        let domain = dir.join(DIR).join("News");
        std::fs::create_dir_all(&domain).unwrap();
        std::fs::create_dir_all(dir.join(DIR).join("TravelTourism")).unwrap();
        let write = |name: &str, rows: &[&str]| {
            std::fs::write(domain.join(format!("{name}.json")), serde_json::to_string(rows).unwrap()).unwrap()
        };
        write(
            "human",
            &["The **cat** sat on the mat.", "Rates rose as the bank fought inflation.", "The **cat** sat on the mat."],
        );
        write(
            "GPT-3-Turbo",
            &[
                "Here is the revised text:\n\nA cat sat upon the mat.",
                "Rates rose as the bank fought inflation.",
                "The cat was on a mat.",
            ],
        );
        write(
            "GPT-4o",
            &["# A cat\n\nThe cat rested on the mat.", "The bank raised rates to fight inflation.", "Cat, mat."],
        );
        write("Gemini-1.5-Pro", &["Inflation made the bank push rates up."]);
        write("Llama-3-70B", &["Get ready: the cat sat!", "Rates went up.", "A mat had a cat."]);
        let texts = load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let cat = group_key("The cat sat on the mat.");
        let rates = group_key("Rates rose as the bank fought inflation.");
        let got: Vec<(&str, Option<&str>, &str)> =
            texts.iter().map(|t| (t.text.as_str(), t.generator.as_deref(), t.group.as_str())).collect();
        assert_eq!(
            got,
            [
                ("The cat sat on the mat.", None, cat.as_str()),
                ("Rates rose as the bank fought inflation.", None, rates.as_str()),
                ("A cat sat upon the mat.", Some("l2r-gpt-3.5"), cat.as_str()),
                // GPT-3-Turbo's unchanged "rewrite" of row 1 is human text: dropped.
                ("The cat was on a mat.", Some("l2r-gpt-3.5"), cat.as_str()),
                ("A cat The cat rested on the mat.", Some("l2r-gpt-4o"), cat.as_str()),
                ("The bank raised rates to fight inflation.", Some("l2r-gpt-4o"), rates.as_str()),
                ("Cat, mat.", Some("l2r-gpt-4o"), cat.as_str()),
                ("Inflation made the bank push rates up.", Some("l2r-gemini-1.5-pro"), rates.as_str()),
                ("Get ready: the cat sat!", Some("l2r-llama-3-70b"), cat.as_str()),
                ("Rates went up.", Some("l2r-llama-3-70b"), rates.as_str()),
                ("A mat had a cat.", Some("l2r-llama-3-70b"), cat.as_str()),
            ]
        );
        assert!(texts.iter().all(|t| t.machine == t.generator.is_some()));
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    #[test]
    fn the_shared_corpus_loads_with_every_rewrite_beside_its_source() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");
        if !data.join(DIR).exists() {
            eprintln!("skipped: {} not found", data.join(DIR).display());
            return;
        }
        let texts = load(&data).unwrap();
        let human: HashSet<&str> = texts.iter().filter(|t| !t.machine).map(|t| t.group.as_str()).collect();
        assert!((3_800..=3_964).contains(&human.len()), "{} human groups", human.len());
        assert!(texts.iter().filter(|t| t.machine).all(|t| human.contains(t.group.as_str())));
        assert!(texts.iter().all(|t| !t.text.contains('\n')));
        // Headings and emphasis are rendered: what stays is code (`n**2`) and the odd stray mark.
        let marked = texts.iter().filter(|t| t.machine && t.text.contains("**")).count();
        assert!(marked < 100, "{marked} machine texts keep **");
        let preambles = texts.iter().filter(|t| t.machine && t.text.starts_with("Here is the revised text:")).count();
        assert_eq!(preambles, 0);
    }
}
