//! AI-text detection, measured on the validation split of GriD, TweepFake and janitr.
//!
//! Design: the posts are scored the way a reader meets them. Each corpus's validation texts
//! (`train::in_validation`, the very split `chaff-lab train` held out; text prepared by the same
//! loaders, as a page shows it) are shuffled once with a fixed seed, cut into threads of
//! `POSTS_PER_THREAD`, and run through the real engine (`Engine::new(Settings::default())`)
//! with the site a reader would be on ("reddit" for GriD, "x" for TweepFake and janitr).
//! Figures per corpus: AUROC of the verdicts' `ai`, the true-positive rate at 1% false-positive
//! rate, and the share of human posts whose verdict level is not ok at default settings
//! (whatever raised it: that is what the reader sees), plus how many posts the model judged.

use std::path::Path;

use serde::Serialize;

use chaff::engine::Engine;
use chaff::hash::SplitMix64;
use chaff::post::Post;
use chaff::verdict::{Level, Settings};

use crate::train::{auroc, in_validation, Corpus};

/// Posts per evaluation thread: a long thread as a reader sees it.
pub const POSTS_PER_THREAD: usize = 100;

/// Seed of the fixed shuffle that forms the threads.
const SHUFFLE_SEED: u64 = 0x00C0_FFEE_2026;

/// The figures of one corpus.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusFigures {
    pub corpus: String,
    pub site: String,
    pub split: String,
    pub human_posts: usize,
    pub machine_posts: usize,
    pub groups: usize,
    pub auroc: f64,
    pub tpr_at_1pct_fpr: f64,
    /// Share of human posts with level != ok at default settings.
    pub human_flagged: f64,
    /// Share of machine posts with level != ok at default settings.
    pub machine_flagged: f64,
    /// Share of all posts the model could judge (long enough, English).
    pub judged: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AiReport {
    pub corpora: Vec<CorpusFigures>,
}

impl AiReport {
    /// A markdown table for `chaff-lab eval`.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| corpus (split) | site | human / machine posts | AUROC | TPR at 1% FPR | human flagged | machine flagged | judged |\n\
             |---|---|---|---|---|---|---|---|\n",
        );
        for c in &self.corpora {
            out.push_str(&format!(
                "| {} ({}) | {} | {} / {} | {:.3} | {:.3} | {:.2}% | {:.1}% | {:.0}% |\n",
                c.corpus,
                c.split,
                c.site,
                c.human_posts,
                c.machine_posts,
                c.auroc,
                c.tpr_at_1pct_fpr,
                c.human_flagged * 100.0,
                c.machine_flagged * 100.0,
                c.judged * 100.0
            ));
        }
        out
    }

    /// (name, value, higher_is_better) for the regression guard.
    pub fn figures(&self) -> Vec<(String, f64, bool)> {
        let mut out = Vec::new();
        for c in &self.corpora {
            out.push((format!("ai.{}.auroc", c.corpus), c.auroc, true));
            out.push((
                format!("ai.{}.tpr_at_1pct_fpr", c.corpus),
                c.tpr_at_1pct_fpr,
                true,
            ));
            out.push((
                format!("ai.{}.human_flagged", c.corpus),
                c.human_flagged,
                false,
            ));
        }
        out
    }
}

/// The true-positive rate at the strictest threshold that lets through at most 1% of the
/// human posts (a post is positive when its score is strictly above the threshold).
pub fn tpr_at_fpr(scored: &[(f32, bool)], fpr: f64) -> f64 {
    let mut human: Vec<f32> = scored.iter().filter(|s| !s.1).map(|s| s.0).collect();
    human.sort_by(|a, b| b.total_cmp(a));
    let machine: Vec<f32> = scored.iter().filter(|s| s.1).map(|s| s.0).collect();
    if human.is_empty() || machine.is_empty() {
        return f64::NAN;
    }
    let allowed = (fpr * human.len() as f64).floor() as usize;
    let threshold = human[allowed.min(human.len() - 1)];
    machine.iter().filter(|&&s| s > threshold).count() as f64 / machine.len() as f64
}

fn split_description(corpus: Corpus) -> &'static str {
    match corpus {
        Corpus::Grid => "validation, by text",
        Corpus::TweepFake => "validation, by account",
        Corpus::Janitr => "validation, by thread",
    }
}

/// Scores one corpus's validation split through the engine.
pub fn evaluate_corpus(corpus: Corpus, data_dir: &Path) -> Result<CorpusFigures, String> {
    let texts = corpus
        .load(data_dir)
        .map_err(|e| format!("{}: {e}", corpus.name()))?;
    let mut validation: Vec<_> = texts
        .into_iter()
        .filter(|t| in_validation(corpus, &t.group))
        .collect();
    let mut groups: Vec<&str> = validation.iter().map(|t| t.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let group_count = groups.len();
    SplitMix64::new(SHUFFLE_SEED).shuffle(&mut validation);
    let site = corpus.site();
    let mut scored: Vec<(f32, bool)> = Vec::with_capacity(validation.len());
    let (mut human_flagged, mut machine_flagged, mut judged) = (0usize, 0usize, 0usize);
    for (t, chunk) in validation.chunks(POSTS_PER_THREAD).enumerate() {
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
            scored.push((verdict.ai, text.machine));
            let flagged = verdict.level != Level::Ok;
            if text.machine {
                machine_flagged += usize::from(flagged);
            } else {
                human_flagged += usize::from(flagged);
            }
            judged += usize::from(verdict.ai_judged);
        }
    }
    let machine_posts = scored.iter().filter(|s| s.1).count();
    let human_posts = scored.len() - machine_posts;
    Ok(CorpusFigures {
        corpus: corpus.name().to_string(),
        site: site.to_string(),
        split: split_description(corpus).to_string(),
        human_posts,
        machine_posts,
        groups: group_count,
        auroc: auroc(&scored),
        tpr_at_1pct_fpr: tpr_at_fpr(&scored, 0.01),
        human_flagged: human_flagged as f64 / human_posts.max(1) as f64,
        machine_flagged: machine_flagged as f64 / machine_posts.max(1) as f64,
        judged: judged as f64 / scored.len().max(1) as f64,
    })
}

/// Measures every corpus (the AI-text figures).
pub fn evaluate(data_dir: &Path) -> Result<AiReport, String> {
    let corpora = Corpus::ALL
        .iter()
        .map(|&c| evaluate_corpus(c, data_dir))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AiReport { corpora })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tpr_at_one_percent_fpr_counts_machines_above_the_99th_human() {
        let mut scored: Vec<(f32, bool)> = (0..100).map(|i| (i as f32 / 100.0, false)).collect();
        scored.extend([(0.995, true), (0.985, true), (0.5, true), (0.2, true)]);
        // 100 humans: one may pass, so the threshold is the second-highest human score, 0.98.
        assert_eq!(tpr_at_fpr(&scored, 0.01), 0.5);
    }
}
