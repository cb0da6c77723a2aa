//! Figures with their uncertainty: AUROC, true-positive rate at a false-positive budget and
//! shares, each with a 95% bootstrap interval.
//!
//! Design: a figure measured on a few hundred posts can sit several points away from what the
//! same model does on the next few hundred; a target counts as met only when the interval's
//! pessimistic end meets it. Intervals are percentile bootstraps (`RESAMPLES` resamples, a
//! fixed seed, so a report is reproducible). AUROC and TPR resample each class on its own
//! (stratified), so every resample has both classes and the class sizes of the measurement.

use serde::Serialize;

use chaff::hash::SplitMix64;

/// Resamples per interval: the 2.5th and 97.5th percentiles of 1,000 resamples move by well
/// under a point between seeds.
pub const RESAMPLES: usize = 1000;

/// Fewer posts of a class than this and a figure about that class is reported, but no target
/// is called met or missed on it: a 1% false-alarm share on 100 posts is one post.
pub const MIN_POSTS_TO_TELL: usize = 200;

/// A measured value and its 95% bootstrap interval. Not finite when the measurement is
/// impossible (no post of a class): the quality guard treats that as a failure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Interval {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

impl Interval {
    const NONE: Interval = Interval { value: f64::NAN, low: f64::NAN, high: f64::NAN };
}

/// A figure for the report and the regression guard: its value, interval, the number of posts
/// of the class it is about, and which direction is better.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub posts: usize,
    pub higher_is_better: bool,
}

impl Figure {
    pub fn new(name: String, interval: Interval, posts: usize, higher_is_better: bool) -> Figure {
        Figure { name, value: interval.value, low: interval.low, high: interval.high, posts, higher_is_better }
    }

    /// A share of `hits` in `posts`, with its interval (seeded by the figure's name).
    pub fn share(name: String, hits: usize, posts: usize, higher_is_better: bool) -> Figure {
        let outcomes: Vec<bool> = (0..posts).map(|i| i < hits).collect();
        let seed = chaff::hash::fnv1a(&[name.as_bytes()]);
        Figure::new(name, share(&outcomes, seed), posts, higher_is_better)
    }
}

/// The share of `true` among `hits`, with its interval.
pub fn share(hits: &[bool], seed: u64) -> Interval {
    if hits.is_empty() {
        return Interval::NONE;
    }
    let n = hits.len();
    let value = hits.iter().filter(|&&h| h).count() as f64 / n as f64;
    let mut rng = SplitMix64::new(seed);
    let estimates: Vec<f64> = (0..RESAMPLES)
        .map(|_| (0..n).filter(|_| hits[rng.below(n)]).count() as f64 / n as f64)
        .collect();
    with_percentiles(value, estimates)
}

/// AUROC of (score, is_machine) pairs, with its interval.
pub fn auroc(scored: &[(f32, bool)], seed: u64) -> Interval {
    stratified(scored, seed, area_under_roc)
}

/// One model's part of a cross-fitted measurement: the machine texts it alone scored, and its
/// scores of the human texts every part scores (the same texts in the same order).
pub struct ModelPart {
    pub machine: Vec<f32>,
    pub human: Vec<f32>,
}

/// AUROC when different models scored different machine texts (cross-fitting: each machine text
/// by a model that never saw it): the chance that a machine text outscores a human text under
/// the model that scored the machine text (ties count half). Pooling the scores of different
/// models into one ranking would compare numbers on different scales. With one part it is
/// `area_under_roc`. The interval resamples the human texts (the same draw for every part) and
/// each part's machine texts within it.
pub fn cross_fitted_auroc(parts: &[ModelPart], seed: u64) -> Interval {
    let humans = parts.first().map_or(0, |p| p.human.len());
    let machines: usize = parts.iter().map(|p| p.machine.len()).sum();
    if humans == 0 || machines == 0 {
        return Interval::NONE;
    }
    assert!(parts.iter().all(|p| p.human.len() == humans), "every part scores the same human texts");
    let statistic = |human_draw: &[usize], machine_draws: &[Vec<f32>]| {
        let mut wins = 0f64;
        for (part, machine) in parts.iter().zip(machine_draws) {
            let mut human: Vec<f32> = human_draw.iter().map(|&i| part.human[i]).collect();
            human.sort_by(f32::total_cmp);
            for m in machine {
                let below = human.partition_point(|h| h < m);
                let tied = human[below..].partition_point(|h| h <= m);
                wins += below as f64 + tied as f64 / 2.0;
            }
        }
        wins / (machines as f64 * humans as f64)
    };
    let all_humans: Vec<usize> = (0..humans).collect();
    let as_scored: Vec<Vec<f32>> = parts.iter().map(|p| p.machine.clone()).collect();
    let value = statistic(&all_humans, &as_scored);
    let mut rng = SplitMix64::new(seed);
    let estimates: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let human_draw: Vec<usize> = (0..humans).map(|_| rng.below(humans)).collect();
            let machine_draws: Vec<Vec<f32>> = parts
                .iter()
                .map(|p| (0..p.machine.len()).map(|_| p.machine[rng.below(p.machine.len())]).collect())
                .collect();
            statistic(&human_draw, &machine_draws)
        })
        .collect();
    with_percentiles(value, estimates)
}

/// The true-positive rate at the strictest threshold that lets through at most `fpr` of the
/// human posts (a post is positive when its score is strictly above the threshold).
pub fn tpr_at_fpr(scored: &[(f32, bool)], fpr: f64, seed: u64) -> Interval {
    stratified(scored, seed, |s| true_positive_rate(s, fpr))
}

fn stratified(scored: &[(f32, bool)], seed: u64, statistic: impl Fn(&[(f32, bool)]) -> f64) -> Interval {
    let machine: Vec<(f32, bool)> = scored.iter().copied().filter(|s| s.1).collect();
    let human: Vec<(f32, bool)> = scored.iter().copied().filter(|s| !s.1).collect();
    if machine.is_empty() || human.is_empty() {
        return Interval::NONE;
    }
    let value = statistic(scored);
    let mut rng = SplitMix64::new(seed);
    let mut resample: Vec<(f32, bool)> = Vec::with_capacity(scored.len());
    let estimates: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            resample.clear();
            resample.extend((0..machine.len()).map(|_| machine[rng.below(machine.len())]));
            resample.extend((0..human.len()).map(|_| human[rng.below(human.len())]));
            statistic(&resample)
        })
        .collect();
    with_percentiles(value, estimates)
}

fn with_percentiles(value: f64, mut estimates: Vec<f64>) -> Interval {
    estimates.sort_by(f64::total_cmp);
    let at = |q: f64| estimates[((q * (estimates.len() - 1) as f64).round() as usize).min(estimates.len() - 1)];
    Interval { value, low: at(0.025), high: at(0.975) }
}

/// Area under the ROC curve (ties count half); NaN without both classes.
pub fn area_under_roc(scored: &[(f32, bool)]) -> f64 {
    let mut sorted: Vec<(f32, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut positives) = (0f64, 0f64);
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let mid_rank = (i + j + 1) as f64 / 2.0;
        for item in &sorted[i..j] {
            if item.1 {
                rank_sum += mid_rank;
                positives += 1.0;
            }
        }
        i = j;
    }
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return f64::NAN;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

fn true_positive_rate(scored: &[(f32, bool)], fpr: f64) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auroc_of_perfect_random_and_reversed_rankings() {
        let perfect = [(0.1, false), (0.2, false), (0.8, true), (0.9, true)];
        assert_eq!(area_under_roc(&perfect), 1.0);
        let reversed = [(0.9, false), (0.8, false), (0.2, true), (0.1, true)];
        assert_eq!(area_under_roc(&reversed), 0.0);
        let tied = [(0.5, false), (0.5, true)];
        assert_eq!(area_under_roc(&tied), 0.5);
    }

    #[test]
    fn a_cross_fitted_auroc_compares_each_machine_text_with_humans_under_its_own_model() {
        let humans = vec![0.1, 0.3, 0.5, 0.7];
        let one = ModelPart { machine: vec![0.2, 0.6, 0.9], human: humans.clone() };
        let mut scored: Vec<(f32, bool)> = humans.iter().map(|&h| (h, false)).collect();
        scored.extend(one.machine.iter().map(|&m| (m, true)));
        assert_eq!(cross_fitted_auroc(&[one], 3).value, area_under_roc(&scored));
        // A second model that scores everything 10 higher: within each model every machine text
        // beats every human; pooling the two models' scores would say otherwise.
        let low = ModelPart { machine: vec![0.8, 0.9], human: humans.clone() };
        let high = ModelPart { machine: vec![10.8], human: humans.iter().map(|h| h + 10.0).collect() };
        let a = cross_fitted_auroc(&[low, high], 3);
        assert_eq!((a.value, a.low, a.high), (1.0, 1.0, 1.0));
        let tied = ModelPart { machine: vec![0.3], human: humans };
        assert_eq!(cross_fitted_auroc(&[tied], 3).value, 1.5 / 4.0);
        assert!(cross_fitted_auroc(&[ModelPart { machine: vec![], human: vec![0.1] }], 3).value.is_nan());
    }

    #[test]
    fn tpr_at_one_percent_fpr_counts_machines_above_the_99th_human() {
        let mut scored: Vec<(f32, bool)> = (0..100).map(|i| (i as f32 / 100.0, false)).collect();
        scored.extend([(0.995, true), (0.985, true), (0.5, true), (0.2, true)]);
        // 100 humans: one may pass, so the threshold is the second-highest human score, 0.98.
        assert_eq!(tpr_at_fpr(&scored, 0.01, 1).value, 0.5);
    }

    #[test]
    fn an_interval_brackets_its_value_and_narrows_with_more_posts() {
        let hits = |n: usize| (0..n).map(|i| i % 10 == 0).collect::<Vec<_>>();
        let small = share(&hits(100), 7);
        let large = share(&hits(10_000), 7);
        for i in [small, large] {
            assert!(i.low <= i.value && i.value <= i.high, "{i:?}");
            assert!((i.value - 0.1).abs() < 1e-9);
        }
        assert!(large.high - large.low < (small.high - small.low) / 5.0, "{small:?} vs {large:?}");
        // A share of 10% on 100 posts is roughly 4%..16% (binomial): the bootstrap agrees.
        assert!((0.03..0.06).contains(&small.low) && (0.14..0.18).contains(&small.high), "{small:?}");
    }

    #[test]
    fn a_measurement_without_both_classes_is_not_a_number() {
        assert!(auroc(&[(0.5, true), (0.7, true)], 1).value.is_nan());
        assert!(share(&[], 1).value.is_nan());
    }

    #[test]
    fn the_auroc_interval_is_reproducible_and_stratified() {
        let scored: Vec<(f32, bool)> = (0..300).map(|i| ((i % 97) as f32 / 97.0, i % 3 == 0)).collect();
        let a = auroc(&scored, 42);
        assert_eq!(a, auroc(&scored, 42));
        assert!(a.low <= a.value && a.value <= a.high && a.low < a.high, "{a:?}");
    }
}
