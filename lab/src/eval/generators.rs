//! Generators the model never saw: the leave-one-generator-out matrix.
//!
//! Design: a detector that is excellent on its training generators can be close to blind on the
//! next one. For each generator family (GriD's GPT-3.5, TweepFake's 2019 bots, janitr's 2026 X
//! replies, each rewriter of l2r, each storyteller of Glimpse), the site model that would read
//! its text is fitted as `chaff-lab train` fits it, on the training split, without any text of
//! that family. Such a model has never seen any of the family's texts, whatever their split, so
//! it scores them all (not only the test split's) against the human texts of the chosen split
//! (the test split: humans of every other split are in training; for janitr also the clean 2026
//! X posts, its human side being small). The AUROC, with its bootstrap interval, stands in for
//! text of generators nobody has labelled yet.
//!
//! Where a family's text shares its group with texts the model would train on — an l2r rewrite
//! with its human source and the other generators' rewrites of it, a Glimpse continuation with
//! its story's opening, a janitr reply with the posts of its thread — those would tell the model
//! the text's topic and wording. Such families are cross-fitted: their groups are dealt into the
//! training folds (`train::fold_of`), and the texts of fold k are scored by a model fitted without
//! the family and without every training group of fold k that holds a text of the family. Each
//! text is then scored by a model that never saw it, its source or its siblings, and the AUROC
//! compares each text with the human texts under the model that scored it
//! (`stats::cross_fitted_auroc`). Families whose groups hold nothing else (GriD's texts, TweepFake's bot
//! accounts) need one model.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use chaff::hash::fnv1a;

use super::stats::{self, Figure, Interval, ModelPart};
use crate::train::{self, fold_of, leave_out_scores, split_of, Corpus, LabelledText, SiteConfig, Split, Unseen, FIT};

/// One generator family: the corpus its texts are in, the `generator` name its loader gives
/// them, and the corpora whose human texts it is scored against.
pub struct Family {
    pub name: &'static str,
    pub corpus: Corpus,
    pub generator: &'static str,
    pub humans: &'static [Corpus],
}

pub const FAMILIES: &[Family] = &[
    Family { name: "grid-gpt-3.5", corpus: Corpus::Grid, generator: "gpt-3.5", humans: &[Corpus::Grid] },
    Family { name: "tweepfake-2019-bots", corpus: Corpus::TweepFake, generator: "*", humans: &[Corpus::TweepFake] },
    Family {
        name: "janitr-2026-replies",
        corpus: Corpus::Janitr,
        generator: "janitr-2026",
        humans: &[Corpus::Janitr, Corpus::JanitrClean],
    },
    Family { name: "l2r-gpt-3.5", corpus: Corpus::L2r, generator: "l2r-gpt-3.5", humans: &[Corpus::L2r] },
    Family { name: "l2r-gpt-4o", corpus: Corpus::L2r, generator: "l2r-gpt-4o", humans: &[Corpus::L2r] },
    Family {
        name: "l2r-gemini-1.5-pro",
        corpus: Corpus::L2r,
        generator: "l2r-gemini-1.5-pro",
        humans: &[Corpus::L2r],
    },
    Family { name: "l2r-llama-3-70b", corpus: Corpus::L2r, generator: "l2r-llama-3-70b", humans: &[Corpus::L2r] },
    Family {
        name: "glimpse-gpt-3.5-turbo",
        corpus: Corpus::Glimpse,
        generator: "glimpse-gpt-3.5-turbo",
        humans: &[Corpus::Glimpse],
    },
    Family { name: "glimpse-gpt-4", corpus: Corpus::Glimpse, generator: "glimpse-gpt-4", humans: &[Corpus::Glimpse] },
    Family {
        name: "glimpse-claude-3-sonnet",
        corpus: Corpus::Glimpse,
        generator: "glimpse-claude-3-sonnet",
        humans: &[Corpus::Glimpse],
    },
    Family {
        name: "glimpse-claude-3-opus",
        corpus: Corpus::Glimpse,
        generator: "glimpse-claude-3-opus",
        humans: &[Corpus::Glimpse],
    },
    Family {
        name: "glimpse-gemini-1.5-pro",
        corpus: Corpus::Glimpse,
        generator: "glimpse-gemini-1.5-pro",
        humans: &[Corpus::Glimpse],
    },
];

impl Family {
    fn wrote(&self, text: &LabelledText) -> bool {
        text.machine && (self.generator == "*" || text.generator.as_deref() == Some(self.generator))
    }

    /// The training-split groups of the family's corpus that hold one of its texts and any other
    /// text: what a left-out model scoring that text must not see either.
    fn shared_training_groups<'a>(&self, texts: &'a [LabelledText]) -> HashSet<&'a str> {
        let mut family_groups: HashSet<&str> = HashSet::new();
        let mut other_groups: HashSet<&str> = HashSet::new();
        for t in texts.iter().filter(|t| split_of(self.corpus, &t.group) == Split::Train) {
            if self.wrote(t) {
                family_groups.insert(&t.group);
            } else {
                other_groups.insert(&t.group);
            }
        }
        family_groups.intersection(&other_groups).copied().collect()
    }
}

/// The left-out figures of one family.
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub family: String,
    pub site: String,
    pub human_posts: usize,
    pub machine_posts: usize,
    /// How many left-out models scored the family's texts (more than one: cross-fitted).
    pub models: usize,
    pub auroc: Interval,
}

#[derive(Debug, Clone, Serialize)]
pub struct GeneratorReport {
    pub split: String,
    pub families: Vec<LeftOut>,
}

impl GeneratorReport {
    pub fn table(&self) -> String {
        let mut out = format!(
            "Each family's texts, of every split, scored by the site model fitted without that family (which \
             never saw any of them), against the human texts of its corpus ({} split). A family whose texts \
             share a group with others (a rewrite and its human source, a reply and its thread) is \
             cross-fitted: each fold's texts are scored by a model fitted without the family and without \
             the training groups of that fold that hold its texts, so no text, source or sibling of a \
             scored text was fitted. Settings common to every model (corpus weights, features kept) were \
             chosen earlier by cross-validation on the training split, the families' texts included.\n\n\
             | left-out family | model | models | human / machine posts | AUROC (95% interval) |\n\
             |---|---|---|---|---|\n",
            self.split
        );
        for f in &self.families {
            out.push_str(&format!(
                "| {} | {} | {} | {} / {} | {:.3} ({:.3}–{:.3}) |\n",
                f.family, f.site, f.models, f.human_posts, f.machine_posts, f.auroc.value, f.auroc.low, f.auroc.high
            ));
        }
        out
    }

    pub fn figures(&self) -> Vec<Figure> {
        self.families
            .iter()
            .map(|f| {
                Figure::new(format!("ai.left-out.{}.auroc", f.family), f.auroc, f.human_posts.min(f.machine_posts), true)
            })
            .collect()
    }
}

/// The site configuration that reads a corpus's texts.
fn config_for(corpus: Corpus) -> SiteConfig {
    train::shipped_configs().into_iter().find(|c| c.site == corpus.site()).expect("every site has a configuration")
}

/// Measures every family: all its texts against the human texts of `split`.
pub fn evaluate(data_dir: &Path, split: Split) -> Result<GeneratorReport, String> {
    let mut data: HashMap<Corpus, Vec<LabelledText>> = HashMap::new();
    for corpus in Corpus::ALL {
        data.insert(corpus, corpus.load(data_dir).map_err(|e| format!("{}: {e}", corpus.name()))?);
    }
    let mut families = Vec::new();
    for family in FAMILIES {
        let config = config_for(family.corpus);
        let texts = &data[&family.corpus];
        let machine: Vec<&LabelledText> = texts.iter().filter(|t| family.wrote(t)).collect();
        let human: Vec<&LabelledText> = family
            .humans
            .iter()
            .flat_map(|c| data[c].iter().filter(move |t| !t.machine && split_of(*c, &t.group) == split))
            .collect();
        let shared = family.shared_training_groups(texts);
        // One model when no group is shared; otherwise one per fold, each scoring its fold's texts.
        let folds = if shared.is_empty() { 1 } else { FIT.folds };
        let mut parts = Vec::new();
        for fold in 0..folds {
            let in_fold = |group: &str| folds == 1 || fold_of(family.corpus, group, folds) == fold;
            let hidden: HashSet<&str> = shared.iter().copied().filter(|g| in_fold(g)).collect();
            let unseen = Unseen { corpus: family.corpus, generator: family.generator, groups: &hidden };
            let scored: Vec<&LabelledText> =
                machine.iter().copied().filter(|t| in_fold(&t.group)).chain(human.iter().copied()).collect();
            // Without TweepFake's bots the X model is the shipped one: they are never fitted.
            let mut scores = leave_out_scores(&config, &data, &unseen, FIT, &scored);
            let human_scores = scores.split_off(scores.len() - human.len());
            parts.push(ModelPart { machine: scores, human: human_scores });
        }
        families.push(LeftOut {
            family: family.name.to_string(),
            site: config.site.to_string(),
            human_posts: human.len(),
            machine_posts: machine.len(),
            models: folds as usize,
            auroc: stats::cross_fitted_auroc(&parts, fnv1a(&[b"left-out:", family.name.as_bytes()])),
        });
    }
    let split = match split {
        Split::Test => "test",
        Split::Validation => "validation",
        Split::Train => "train",
    };
    Ok(GeneratorReport { split: split.to_string(), families })
}
