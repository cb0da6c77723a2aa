//! AI-text likelihood: a learned logistic regression over lexical and stylistic features,
//! one model per site family, with its own explanation.
//!
//! Design: the weights are learned by `chaff-lab train` from the training split of
//! ../shared/data (text as a page shows it) and shipped as readable text files beside this
//! module (`model-reddit.txt`, `model-x.txt`; provenance in `MODEL.md`). Two models because
//! what a machine-written Reddit answer looks like (GriD: long, even, explanatory) and what a
//! machine reply on X looks like (janitr: short, upbeat, generic) pull one model's weights
//! apart — one shared model cost each corpus several AUROC points in the measurements.
//! The thresholds that turn the likelihood into a level come from the model file: they were
//! set at training time from out-of-fold scores of human training posts, never from
//! evaluation figures.
//!
//! The model only judges English posts of a length whose false alarms training could bound: its
//! thresholds are per length bucket of the author's words (`LENGTH_BUCKETS`), and a bucket
//! without them (too few human texts of that length to calibrate on) is not judged. Elsewhere it
//! says so (`judged = false`, level ok) and the likelihood stays a number. Quote lines (`>`) and
//! the leading @-mentions of a reply are not the author's writing and are dropped first.
//! The explanation names the words and phrases of this post that published lists of
//! language-model vocabulary name and whose learned weights pushed hardest toward
//! "machine-like" (never a topic word the model happened to learn), and the style habits that
//! weighed most; it states no probability, which no detector can honestly give for one post.

pub mod binary;
pub mod features;
pub mod model;
mod stopwords;

use std::sync::OnceLock;

use crate::verdict::{Level, Sensitivity};
use features::{Parsed, BIGRAM, WORD};
use model::Model;
pub use stopwords::is_stop_word;

#[derive(Debug, Clone, PartialEq)]
pub struct AiAssessment {
    /// 0..1, higher = more machine-like. Always a number.
    pub likelihood: f32,
    /// False when the model cannot judge (too short, not English): then `level` is Ok.
    pub judged: bool,
    /// The AI-text level at the given sensitivity (thresholds learned at training time).
    pub level: Level,
    /// Marker words and phrases that weighed most toward "machine-like", strongest first.
    pub markers: Vec<String>,
    /// Style habits that weighed most toward "machine-like", in a reader's words.
    pub style: Vec<&'static str>,
}

/// A length bucket of the author's own words: thresholds, and the evaluation's false-alarm
/// figures, are per bucket, because a detector's behaviour changes most with length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LengthBucket {
    pub name: &'static str,
    /// At least this many words...
    pub min_words: usize,
    /// ...and fewer than this many.
    pub max_words: usize,
}

pub const LENGTH_BUCKETS: [LengthBucket; 4] = [
    LengthBucket { name: "under-20", min_words: 0, max_words: 20 },
    LengthBucket { name: "20-60", min_words: 20, max_words: 60 },
    LengthBucket { name: "60-150", min_words: 60, max_words: 150 },
    LengthBucket { name: "over-150", min_words: 150, max_words: usize::MAX },
];

/// The index in `LENGTH_BUCKETS` of a text of `words` whitespace-separated words.
pub fn length_bucket(words: usize) -> usize {
    LENGTH_BUCKETS.iter().position(|b| words < b.max_words).unwrap_or(LENGTH_BUCKETS.len() - 1)
}

/// Style features a reader can check for themselves, in their words: named when they pushed a
/// post toward "machine-like".
const STYLE_WORDS: [(&str, &str); 6] = [
    ("em_dash", "em dashes"),
    ("colon_or_semicolon", "colons and semicolons"),
    ("mean_word_letters", "long words"),
    ("mean_sentence_words", "long sentences"),
    ("comma_rate", "many commas"),
    ("ends_with_sentence_mark", "every sentence closed with punctuation"),
];

/// A style habit is named only when it moved the log-odds by at least this much.
const STYLE_MIN_CONTRIBUTION: f32 = 0.5;

/// At most this many style habits are named.
const MAX_STYLE: usize = 2;

/// Fewer words than this and the model does not judge: a one-line reply carries too little
/// evidence either way, and a flag on a one-liner is the false alarm readers forgive least.
/// Eight words keeps most of janitr's AI replies (median ~170 characters) in reach.
pub const MIN_WORDS: usize = 8;

/// A word or phrase is named only when its learned weight is at least this (log-odds per unit
/// of feature value: alone it would multiply the odds by e). Below it sit everyday words whose
/// evidence exists only in aggregate; naming them ("like") would mislead the reader.
const MARKER_MIN_WEIGHT: f32 = 1.0;

/// At most this many markers are named: a reader takes in a handful, not a list.
const MAX_MARKERS: usize = 5;

/// The two site models, once installed, and a hash of the files they came from.
struct Models {
    reddit: Model,
    x: Model,
    source: u64,
}

static MODELS: OnceLock<Models> = OnceLock::new();

/// The shipped model files, as `chaff-lab train` wrote them, compiled in by the feature
/// `bundled-models` (the CLI, the lab, benches and tests). The extension and the playground
/// ship them as files of their own and install them at start-up: inside the content script's
/// WASM they would weigh on every page it loads into.
#[cfg(feature = "bundled-models")]
pub const REDDIT_MODEL_FILE: &str = include_str!("model-reddit.txt");
#[cfg(feature = "bundled-models")]
pub const X_MODEL_FILE: &str = include_str!("model-x.txt");

/// Installs the site models from their files' text (as `chaff-lab train` wrote them). Once per
/// process: installing the same files again is harmless, different ones are refused.
pub fn install_models(reddit: &str, x: &str) -> Result<(), String> {
    let source = crate::hash::fnv1a(&[reddit.as_bytes(), b"\0", x.as_bytes()]);
    if let Some(installed) = MODELS.get() {
        return if installed.source == source { Ok(()) } else { Err("other models are installed already".to_string()) };
    }
    let reddit = model::parse(reddit).map_err(|e| format!("model-reddit.txt: {e}"))?;
    let x = model::parse(x).map_err(|e| format!("model-x.txt: {e}"))?;
    install(reddit, x, source)
}

/// Installs the site models from their binary form (`binary::encode` of the text files: what
/// the extension and the playground ship, read without parsing numbers). Once per process, as
/// `install_models`.
pub fn install_binary_models(reddit: &[u8], x: &[u8]) -> Result<(), String> {
    let source = crate::hash::fnv1a(&[reddit, b"\0", x]);
    if let Some(installed) = MODELS.get() {
        return if installed.source == source { Ok(()) } else { Err("other models are installed already".to_string()) };
    }
    let reddit = binary::decode(reddit).map_err(|e| format!("model-reddit.bin: {e}"))?;
    let x = binary::decode(x).map_err(|e| format!("model-x.bin: {e}"))?;
    install(reddit, x, source)
}

fn install(reddit: Model, x: Model, source: u64) -> Result<(), String> {
    if (reddit.site.as_str(), x.site.as_str()) != ("reddit", "x") {
        return Err(format!("expected the reddit and x models, got {} and {}", reddit.site, x.site));
    }
    let installed = MODELS.get_or_init(|| Models { reddit, x, source });
    if installed.source == source {
        Ok(())
    } else {
        Err("other models are installed already".to_string())
    }
}

/// The installed models; with `bundled-models`, the shipped ones when none were installed.
fn models() -> Option<&'static Models> {
    #[cfg(feature = "bundled-models")]
    if MODELS.get().is_none() {
        install_models(REDDIT_MODEL_FILE, X_MODEL_FILE).expect("the shipped models parse");
    }
    MODELS.get()
}

/// The model for a site: X has its own; Reddit (new and old) and other sites use the Reddit
/// model, trained on longer discussion comments. None until models are installed.
pub fn model_for(site: Option<&str>) -> Option<&'static Model> {
    let models = models()?;
    Some(match site {
        Some("x") => &models.x,
        _ => &models.reddit,
    })
}

/// The author's own words as the model reads them: quote lines (`>` and the `&gt;` that
/// escaped markdown leaves) dropped, the @-mentions that open a reply dropped (X shows them
/// as "Replying to", not as the author's text), whitespace collapsed.
pub fn author_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('>') || trimmed.starts_with("&gt;") {
            continue;
        }
        for word in line.split_whitespace() {
            if out.is_empty() && word.starts_with('@') && word.len() > 1 {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Whether the model can judge this parsed text: long enough and English. English is read
/// from the share of English function words (every English sentence has them, other
/// languages in Latin script mostly do not) and from the script of the letters.
pub fn can_judge(text: &str, parsed: &Parsed) -> bool {
    let n = parsed.words.len();
    if n < MIN_WORDS {
        return false;
    }
    let (mut letters, mut latin) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    // Accented letters occur in English too (café, naïve), but a text where more than one
    // letter in five is outside ASCII is written in another language or script.
    if letters == 0 || latin * 5 < letters * 4 {
        return false;
    }
    let function_words = parsed
        .words
        .iter()
        .filter(|w| w.marks_english)
        .count();
    // Function words are ~40–50% of running English text and still ~20% of terse tweets; a
    // Spanish or German text matches only the few spellings the languages share.
    function_words >= 2 && function_words * 100 >= n * 12
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The model's raw score (log-odds) of an author's text, and the explanation candidates:
/// (word or phrase, its summed contribution) for marker items with a positive weight.
pub fn score_parsed(model: &Model, parsed: &Parsed) -> (f32, Vec<(String, f32)>) {
    let mut total = model.bias;
    let mut contributions: Vec<(String, f32)> = Vec::new();
    features::for_each_feature(
        parsed,
        |_, key, value| total += model.weight(key) * value,
        |family, a, b, key, value| {
            let weight = model.weight(key);
            // Checked in this order because most items have no positive weight: the string
            // work below then runs for a handful of items per post (the ~50 µs budget).
            if weight < MARKER_MIN_WEIGHT || !model.is_marker(key) || !is_content_item(family, a, b) {
                return;
            }
            let matches = |n: &str| {
                if family == BIGRAM {
                    n.len() == a.len() + 1 + b.len() && n.starts_with(a) && n.ends_with(b)
                } else {
                    n == a
                }
            };
            match contributions.iter_mut().find(|(n, _)| matches(n)) {
                Some((_, c)) => *c += weight * value,
                None => {
                    let name = if family == BIGRAM {
                        format!("{a} {b}")
                    } else {
                        a.to_string()
                    };
                    contributions.push((name, weight * value));
                }
            }
        },
    );
    (total, contributions)
}

/// A word worth naming: letters only (an apostrophe or hyphen inside allowed), not a stop word. A
/// bigram qualifies when at least one of its words does and neither is a number.
fn is_content_item(family: u8, a: &str, b: &str) -> bool {
    let wordlike = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
            && w.chars().any(|c| c.is_alphabetic())
    };
    let content = |w: &str| wordlike(w) && w.chars().count() >= 3 && !is_stop_word(w);
    match family {
        WORD => content(a),
        BIGRAM => wordlike(a) && wordlike(b) && (content(a) || content(b)),
        _ => false,
    }
}

/// The strongest contributions, without a word repeated inside a phrase already named.
fn pick_markers(mut contributions: Vec<(String, f32)>) -> Vec<String> {
    contributions.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let mut markers: Vec<String> = Vec::new();
    for (name, _) in contributions {
        if markers.len() == MAX_MARKERS {
            break;
        }
        let overlaps = markers.iter().any(|m| {
            let (mw, nw): (Vec<&str>, Vec<&str>) =
                (m.split(' ').collect(), name.split(' ').collect());
            nw.iter().any(|w| !is_stop_word(w) && mw.contains(w))
        });
        if !overlaps {
            markers.push(name);
        }
    }
    markers
}

/// Style habits of this post that pushed hardest toward "machine-like", in a reader's words.
fn style_habits(model: &Model, parsed: &Parsed) -> Vec<&'static str> {
    let mut habits: Vec<(&'static str, f32)> = STYLE_WORDS
        .iter()
        .filter_map(|&(name, words)| {
            let index = features::STYLE_NAMES.iter().position(|n| *n == name)?;
            let contribution = model.weight(features::feature_key(features::STYLE, name)) * parsed.style[index];
            (contribution >= STYLE_MIN_CONTRIBUTION).then_some((words, contribution))
        })
        .collect();
    habits.sort_by(|a, b| b.1.total_cmp(&a.1));
    habits.into_iter().take(MAX_STYLE).map(|(words, _)| words).collect()
}

/// Scores the author's own text of one post (`site`: "reddit", "old-reddit", "x" or None).
pub fn assess(text: &str, site: Option<&str>, sensitivity: Sensitivity) -> AiAssessment {
    let Some(model) = model_for(site) else {
        // No model installed (the extension could not read its model file): nothing is judged.
        return AiAssessment { likelihood: 0.0, judged: false, level: Level::Ok, markers: Vec::new(), style: Vec::new() };
    };
    let own = author_text(text);
    let parsed = features::parse(&own);
    let (score, contributions) = score_parsed(model, &parsed);
    let likelihood = sigmoid(score);
    let bucket = length_bucket(own.split_whitespace().count());
    let thresholds = model.thresholds(bucket, sensitivity).filter(|_| can_judge(&own, &parsed));
    let Some(t) = thresholds else {
        return AiAssessment { likelihood, judged: false, level: Level::Ok, markers: Vec::new(), style: Vec::new() };
    };
    let level = if likelihood >= t.suspect {
        Level::Suspect
    } else if likelihood >= t.notice {
        Level::Notice
    } else {
        Level::Ok
    };
    AiAssessment { likelihood, judged: true, level, markers: pick_markers(contributions), style: style_habits(model, &parsed) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LLM_STYLED: &str = "Great question! It's important to note that the history of the printing press is a \
        rich and multifaceted tapestry. Ultimately, its impact on literacy, religion, and politics \
        underscores the crucial role that technology plays in shaping society. Overall, it serves as a \
        testament to human ingenuity and the transformative power of ideas.";
    const CASUAL_HUMAN: &str =
        "lol no way, my uncle had one of those old presses in his garage for years and it \
        never worked right. we just used it to hold paint cans tbh";

    #[test]
    fn short_posts_are_not_judged_but_still_get_a_number() {
        let a = assess("thanks, that helped", Some("reddit"), Sensitivity::High);
        assert!(!a.judged);
        assert_eq!(a.level, Level::Ok);
        assert!((0.0..=1.0).contains(&a.likelihood));
        assert!(a.markers.is_empty());
    }

    #[test]
    fn non_english_posts_are_not_judged() {
        let spanish = "Creo que la situación del mercado es muy complicada y que los precios van a seguir subiendo durante todo el año que viene.";
        let german = "Ich glaube nicht, dass die Regierung das Problem mit den Mieten in diesem Jahr noch lösen kann, leider.";
        let russian = "Я думаю, что это очень интересный вопрос, и мне кажется, что ответ не так прост, как кажется.";
        for (text, site) in [
            (spanish, Some("x")),
            (german, Some("reddit")),
            (russian, None),
        ] {
            let a = assess(text, site, Sensitivity::High);
            assert!(!a.judged, "{text}");
            assert_eq!(a.level, Level::Ok);
        }
        assert!(assess(CASUAL_HUMAN, Some("reddit"), Sensitivity::Medium).judged);
    }

    #[test]
    fn an_llm_styled_paragraph_scores_above_a_casual_comment_on_every_site() {
        for site in [Some("reddit"), Some("old-reddit"), Some("x"), None] {
            let llm = assess(LLM_STYLED, site, Sensitivity::Medium);
            let human = assess(CASUAL_HUMAN, site, Sensitivity::Medium);
            assert!(
                llm.likelihood > human.likelihood,
                "{site:?}: {} vs {}",
                llm.likelihood,
                human.likelihood
            );
            assert_eq!(human.level, Level::Ok, "{site:?}");
        }
    }

    #[test]
    fn markers_are_published_marker_words_never_stop_words_or_formatting() {
        for site in [Some("reddit"), Some("x")] {
            let a = assess(LLM_STYLED, site, Sensitivity::Medium);
            assert!(!a.markers.is_empty(), "{site:?}");
            for marker in &a.markers {
                let words: Vec<&str> = marker.split(' ').collect();
                assert!(
                    words.iter().all(|w| w
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '\'' || c == '-')),
                    "{marker}"
                );
                assert!(words.iter().any(|w| !is_stop_word(w)), "{marker}");
                let key = if words.len() == 1 {
                    features::feature_key(WORD, marker)
                } else {
                    features::feature_key(BIGRAM, marker)
                };
                assert!(model_for(site).unwrap().is_marker(key), "{marker} is not a published marker");
                if words.len() == 1 {
                    assert!(!is_stop_word(marker), "{marker}");
                }
                assert!(
                    LLM_STYLED
                        .to_lowercase()
                        .replace('’', "'")
                        .contains(marker.as_str()),
                    "{marker}"
                );
            }
        }
    }

    #[test]
    fn quote_lines_and_leading_mentions_are_not_the_authors_text() {
        assert_eq!(
            author_text("> you said this\nand I say that"),
            "and I say that"
        );
        assert_eq!(author_text("&gt; quoted\nmine"), "mine");
        assert_eq!(
            author_text("@alice @bob thanks  for\n\nthis @carol"),
            "thanks for this @carol"
        );
        let quoted = format!("> {LLM_STYLED}\nlol no");
        assert!(!assess(&quoted, Some("reddit"), Sensitivity::High).judged);
    }

    #[test]
    fn a_phone_keyboards_typographic_quotes_do_not_change_the_score() {
        let typed = "I don't think that's what he meant, it's just how \"the market\" works here";
        let phone = "I don’t think that’s what he meant, it’s just how “the market” works here";
        for site in [Some("reddit"), Some("x")] {
            let (a, b) = (
                assess(typed, site, Sensitivity::Medium),
                assess(phone, site, Sensitivity::Medium),
            );
            assert_eq!(a.likelihood, b.likelihood, "{site:?}");
            assert_eq!(a.markers, b.markers, "{site:?}");
        }
    }

    #[test]
    fn the_shipped_models_parse_with_ordered_thresholds() {
        for (file, site) in [(REDDIT_MODEL_FILE, "reddit"), (X_MODEL_FILE, "x")] {
            let m = model::parse(file).unwrap();
            assert_eq!(m.site, site);
            assert!(m.weights.len() > 100, "a learned model has many features");
            assert!(m.thresholds.iter().any(Option::is_some), "{site}: the model judges some lengths");
            for [low, medium, high] in m.thresholds.iter().flatten() {
                assert!(high.notice <= medium.notice && medium.notice <= low.notice);
                assert!(high.suspect <= medium.suspect && medium.suspect <= low.suspect);
            }
            assert!(!m.markers.is_empty(), "{site}: some learned words are published markers");
        }
        assert!(
            REDDIT_MODEL_FILE.len() + X_MODEL_FILE.len() <= 1024 * 1024,
            "the models' size budget: 1 MB together"
        );
    }

    #[test]
    fn higher_sensitivity_never_lowers_a_level() {
        for text in [LLM_STYLED, CASUAL_HUMAN] {
            for site in [Some("reddit"), Some("x")] {
                let levels: Vec<Level> = [Sensitivity::Low, Sensitivity::Medium, Sensitivity::High]
                    .into_iter()
                    .map(|s| assess(text, site, s).level)
                    .collect();
                assert!(
                    levels[0] <= levels[1] && levels[1] <= levels[2],
                    "{levels:?}"
                );
            }
        }
    }
}
