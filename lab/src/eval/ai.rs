//! AI-text detection, measured on the frozen test split (or, on request, the validation split)
//! of every labelled corpus.
//!
//! Design: the posts are scored the way a reader meets them. A corpus's texts of the chosen
//! split (`train::split_of`, the very function `chaff-lab train` uses; text prepared by the same
//! loaders, as a page shows it) are shuffled once with a fixed seed, cut into threads of
//! `POSTS_PER_THREAD`, and run through the real engine (`Engine::new(Settings::default())`)
//! with the site a reader would be on. L2R's texts of one group are a human text and its
//! rewrites, near-copies of one another that no real thread holds side by side: they go to
//! different threads, or the duplicate detector would flag the human text for its rewrites'
//! company (10 of the 12 l2r human posts flagged on the validation split were such copies).
//! Figures per corpus, each with a 95% bootstrap interval
//! (`stats`): AUROC of the verdicts' `ai`, the true-positive rate at 1% false-positive rate, the
//! share of human posts whose verdict level is not ok at default settings (whatever raised it:
//! that is what the reader sees), the share of machine posts flagged among those the model
//! judged, and the same per length bucket of the author's own words.

use std::path::Path;

use serde::Serialize;

use chaff::ai::{self, author_text, LENGTH_BUCKETS};
use chaff::engine::Engine;
use chaff::hash::{fnv1a, SplitMix64};
use chaff::post::Post;
use chaff::verdict::{Level, Settings};

use super::stats::{self, Figure, Interval};
use crate::train::{split_of, Corpus, LabelledText, Split};

/// Posts per evaluation thread: a long thread as a reader sees it.
pub const POSTS_PER_THREAD: usize = 100;

/// Seed of the fixed shuffle that forms the threads.
const SHUFFLE_SEED: u64 = 0x00C0_FFEE_2026;

/// The name of the length bucket of a text (the model's own buckets, `chaff::ai::LENGTH_BUCKETS`).
pub fn length_bucket(text: &str) -> &'static str {
    LENGTH_BUCKETS[ai::length_bucket(author_text(text).split_whitespace().count())].name
}

/// Figures of posts of one length bucket.
#[derive(Debug, Clone, Serialize)]
pub struct BucketFigures {
    pub bucket: String,
    pub human_posts: usize,
    pub machine_posts: usize,
    pub auroc: Interval,
    pub human_flagged: Interval,
    pub machine_flagged: Interval,
}

/// The figures of one corpus.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusFigures {
    pub corpus: String,
    pub site: String,
    pub split: String,
    pub human_posts: usize,
    pub machine_posts: usize,
    pub groups: usize,
    pub auroc: Interval,
    pub tpr_at_1pct_fpr: Interval,
    /// Share of human posts with level != ok at default settings.
    pub human_flagged: Interval,
    /// Share of machine posts with level != ok at default settings.
    pub machine_flagged: Interval,
    /// Share of machine posts flagged among those the model judged, and how many it judged.
    pub judged_machine_flagged: Interval,
    pub judged_machine_posts: usize,
    /// Share of all posts the model could judge (long enough, English).
    pub judged: f64,
    pub buckets: Vec<BucketFigures>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AiReport {
    pub corpora: Vec<CorpusFigures>,
}

fn cell(i: &Interval, percent: bool) -> String {
    if !i.value.is_finite() {
        return "–".to_string();
    }
    if percent {
        format!("{:.2}% ({:.2}–{:.2})", i.value * 100.0, i.low * 100.0, i.high * 100.0)
    } else {
        format!("{:.3} ({:.3}–{:.3})", i.value, i.low, i.high)
    }
}

impl AiReport {
    /// Markdown tables for `chaff-lab eval`: per corpus, then per length bucket.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "Each figure with its 95% bootstrap interval.\n\n\
             | corpus (split) | site | human / machine posts | AUROC | TPR at 1% FPR | human flagged | machine flagged | flagged of judged machine | judged |\n\
             |---|---|---|---|---|---|---|---|---|\n",
        );
        for c in &self.corpora {
            out.push_str(&format!(
                "| {} ({}) | {} | {} / {} | {} | {} | {} | {} | {} | {:.0}% |\n",
                c.corpus,
                c.split,
                c.site,
                c.human_posts,
                c.machine_posts,
                cell(&c.auroc, false),
                cell(&c.tpr_at_1pct_fpr, false),
                cell(&c.human_flagged, true),
                cell(&c.machine_flagged, true),
                cell(&c.judged_machine_flagged, true),
                c.judged * 100.0
            ));
        }
        out.push_str(
            "\nBy length of the author's own words:\n\n\
             | corpus | words | human / machine posts | AUROC | human flagged | machine flagged |\n\
             |---|---|---|---|---|---|\n",
        );
        for c in &self.corpora {
            for b in &c.buckets {
                out.push_str(&format!(
                    "| {} | {} | {} / {} | {} | {} | {} |\n",
                    c.corpus,
                    b.bucket,
                    b.human_posts,
                    b.machine_posts,
                    cell(&b.auroc, false),
                    cell(&b.human_flagged, true),
                    cell(&b.machine_flagged, true)
                ));
            }
        }
        out
    }

    /// The figures for the report's targets and the regression guard. A figure about a class
    /// with no post in the measurement is left out rather than reported as not a number.
    pub fn figures(&self) -> Vec<Figure> {
        let mut out = Vec::new();
        for c in &self.corpora {
            let name = |what: &str| format!("ai.{}.{what}", c.corpus);
            if c.human_posts > 0 && c.machine_posts > 0 {
                out.push(Figure::new(name("auroc"), c.auroc, c.human_posts.min(c.machine_posts), true));
                out.push(Figure::new(name("tpr_at_1pct_fpr"), c.tpr_at_1pct_fpr, c.machine_posts, true));
            }
            if c.human_posts > 0 {
                out.push(Figure::new(name("human_flagged"), c.human_flagged, c.human_posts, false));
            }
            if c.judged_machine_posts > 0 {
                out.push(Figure::new(
                    name("judged_machine_flagged"),
                    c.judged_machine_flagged,
                    c.judged_machine_posts,
                    true,
                ));
            }
            for b in c.buckets.iter().filter(|b| b.human_posts > 0) {
                out.push(Figure::new(name(&format!("words-{}.human_flagged", b.bucket)), b.human_flagged, b.human_posts, false));
            }
        }
        out
    }
}

fn split_description(corpus: Corpus, split: Split) -> String {
    let side = match split {
        Split::Test => "test",
        Split::Validation => "validation",
        Split::Train => "train",
    };
    format!("{side}, by {}", corpus.group_name())
}

/// One scored post of an evaluation.
struct Scored {
    ai: f32,
    machine: bool,
    flagged: bool,
    judged: bool,
    bucket: &'static str,
}

/// Scores the texts of one corpus's `split` through the engine, as threads of posts.
fn score_split(corpus: Corpus, texts: Vec<LabelledText>, split: Split) -> Result<(Vec<Scored>, usize), String> {
    let mut chosen: Vec<LabelledText> = texts.into_iter().filter(|t| split_of(corpus, &t.group) == split).collect();
    let mut groups: Vec<&str> = chosen.iter().map(|t| t.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let group_count = groups.len();
    SplitMix64::new(SHUFFLE_SEED).shuffle(&mut chosen);
    let threads = if corpus == Corpus::L2r {
        threads_apart(chosen, |t| t.group.as_str())
    } else {
        chosen.chunks(POSTS_PER_THREAD).map(<[LabelledText]>::to_vec).collect()
    };
    let site = corpus.site();
    let mut scored = Vec::with_capacity(threads.iter().map(Vec::len).sum());
    for (t, chunk) in threads.iter().enumerate() {
        let posts: Vec<Post> = chunk
            .iter()
            .enumerate()
            .map(|(i, text)| Post {
                site: Some(site.to_string()),
                ..Post::new(format!("{}-{t}-{i}", corpus.name()), text.text.clone())
            })
            .collect();
        let mut engine = Engine::new(Settings::default());
        engine.add(posts);
        let verdicts = engine.verdicts();
        if verdicts.len() != chunk.len() {
            return Err(format!(
                "{}: the engine returned {} verdicts for {} posts",
                corpus.name(),
                verdicts.len(),
                chunk.len()
            ));
        }
        for (verdict, text) in verdicts.iter().zip(chunk) {
            scored.push(Scored {
                ai: verdict.ai,
                machine: text.machine,
                flagged: verdict.level != Level::Ok,
                judged: verdict.ai_judged,
                bucket: length_bucket(&text.text),
            });
        }
    }
    Ok((scored, group_count))
}

/// Threads of at most `POSTS_PER_THREAD` texts in which no two texts share a group: each text, in
/// order, joins the first thread with room and none of its group, or opens a new one.
fn threads_apart<T>(texts: Vec<T>, group: impl Fn(&T) -> &str) -> Vec<Vec<T>> {
    let mut threads: Vec<Vec<T>> = Vec::new();
    for text in texts {
        let fits = |thread: &Vec<T>| {
            thread.len() < POSTS_PER_THREAD && thread.iter().all(|other| group(other) != group(&text))
        };
        let free = threads.iter().position(fits);
        match free {
            Some(i) => threads[i].push(text),
            None => threads.push(vec![text]),
        }
    }
    threads
}

/// The figures of a set of scored posts; `seed` makes the intervals reproducible.
fn figures_of(scored: &[&Scored], seed: u64) -> (Interval, Interval, Interval, Interval) {
    let pairs: Vec<(f32, bool)> = scored.iter().map(|s| (s.ai, s.machine)).collect();
    let flagged = |machine: bool| scored.iter().filter(|s| s.machine == machine).map(|s| s.flagged).collect::<Vec<_>>();
    (
        stats::auroc(&pairs, seed),
        stats::tpr_at_fpr(&pairs, 0.01, seed ^ 1),
        stats::share(&flagged(false), seed ^ 2),
        stats::share(&flagged(true), seed ^ 3),
    )
}

/// Scores one corpus's `split` through the engine.
pub fn evaluate_corpus(corpus: Corpus, data_dir: &Path, split: Split) -> Result<CorpusFigures, String> {
    let texts = corpus.load(data_dir).map_err(|e| format!("{}: {e}", corpus.name()))?;
    let (scored, groups) = score_split(corpus, texts, split)?;
    let seed = fnv1a(&[b"eval:", corpus.name().as_bytes()]);
    let all: Vec<&Scored> = scored.iter().collect();
    let (auroc, tpr_at_1pct_fpr, human_flagged, machine_flagged) = figures_of(&all, seed);
    let judged_machine: Vec<bool> = scored.iter().filter(|s| s.machine && s.judged).map(|s| s.flagged).collect();
    let buckets = LENGTH_BUCKETS
        .iter()
        .map(|b| b.name)
        .map(|bucket| {
            let inside: Vec<&Scored> = scored.iter().filter(|s| s.bucket == bucket).collect();
            let (auroc, _, human_flagged, machine_flagged) = figures_of(&inside, seed ^ fnv1a(&[bucket.as_bytes()]));
            BucketFigures {
                bucket: bucket.to_string(),
                human_posts: inside.iter().filter(|s| !s.machine).count(),
                machine_posts: inside.iter().filter(|s| s.machine).count(),
                auroc,
                human_flagged,
                machine_flagged,
            }
        })
        .collect();
    let machine_posts = scored.iter().filter(|s| s.machine).count();
    Ok(CorpusFigures {
        corpus: corpus.name().to_string(),
        site: corpus.site().to_string(),
        split: split_description(corpus, split),
        human_posts: scored.len() - machine_posts,
        machine_posts,
        groups,
        auroc,
        tpr_at_1pct_fpr,
        human_flagged,
        machine_flagged,
        judged_machine_flagged: stats::share(&judged_machine, seed ^ 4),
        judged_machine_posts: judged_machine.len(),
        judged: scored.iter().filter(|s| s.judged).count() as f64 / scored.len().max(1) as f64,
        buckets,
    })
}

/// Measures every corpus on `split` (the AI-text figures).
pub fn evaluate(data_dir: &Path, split: Split) -> Result<AiReport, String> {
    let corpora = Corpus::ALL.iter().map(|&c| evaluate_corpus(c, data_dir, split)).collect::<Result<Vec<_>, _>>()?;
    Ok(AiReport { corpora })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_buckets_count_the_authors_own_words() {
        assert_eq!(length_bucket("one two three"), "under-20");
        assert_eq!(length_bucket(&"word ".repeat(20)), "20-60");
        assert_eq!(length_bucket(&"word ".repeat(149)), "60-150");
        assert_eq!(length_bucket(&"word ".repeat(150)), "over-150");
        // A quoted line is someone else's text.
        let quoting = format!("> {}\nshort answer here", "quoted ".repeat(40));
        assert_eq!(length_bucket(&quoting), "under-20");
    }

    #[test]
    fn texts_of_one_group_never_share_a_thread() {
        // 150 groups of five (a source text and its four rewrites), in file order.
        let texts: Vec<(usize, String)> = (0..750).map(|i| (i, format!("source {}", i / 5))).collect();
        let threads = threads_apart(texts, |t| t.1.as_str());
        assert!(threads.iter().all(|t| t.len() <= POSTS_PER_THREAD));
        assert_eq!(threads.iter().map(Vec::len).sum::<usize>(), 750, "every text is scored once");
        for thread in &threads {
            let mut groups: Vec<&str> = thread.iter().map(|t| t.1.as_str()).collect();
            groups.sort_unstable();
            let before = groups.len();
            groups.dedup();
            assert_eq!(groups.len(), before, "a group appears twice in one thread");
        }
    }
}
