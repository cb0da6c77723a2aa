//! Generators the model never saw: the leave-one-generator-out matrix.
//!
//! Design: a detector that is excellent on its training generators can be close to blind on the
//! next one. For each generator family (GriD's GPT-3.5, TweepFake's 2019 bots, janitr's 2026 X
//! replies, each rewriter of l2r, each storyteller of Glimpse), the site model that would read
//! its text is fitted as `chaff-lab train` fits it, on the training split, without any text of
//! that family; it then scores the family's texts of the chosen split against the human texts
//! of the same split and corpus (for janitr, also the clean 2026 X posts, its human side being
//! small). The AUROC, with its bootstrap interval, stands in for text of generators nobody has
//! labelled yet.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use chaff::hash::fnv1a;

use super::stats::{self, Figure, Interval};
use crate::train::{self, leave_out_scores, split_of, Corpus, LabelledText, SiteConfig, Split, FIT};

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
}

/// The left-out figures of one family.
#[derive(Debug, Clone, Serialize)]
pub struct LeftOut {
    pub family: String,
    pub site: String,
    pub human_posts: usize,
    pub machine_posts: usize,
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
            "Each family's texts ({} split) scored by the site model fitted without that family, against the \
             human texts of its corpus:\n\n| left-out family | model | human / machine posts | AUROC (95% interval) |\n\
             |---|---|---|---|\n",
            self.split
        );
        for f in &self.families {
            out.push_str(&format!(
                "| {} | {} | {} / {} | {:.3} ({:.3}–{:.3}) |\n",
                f.family, f.site, f.human_posts, f.machine_posts, f.auroc.value, f.auroc.low, f.auroc.high
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

/// Measures every family on `split`.
pub fn evaluate(data_dir: &Path, split: Split) -> Result<GeneratorReport, String> {
    let mut data: HashMap<Corpus, Vec<LabelledText>> = HashMap::new();
    for corpus in Corpus::ALL {
        data.insert(corpus, corpus.load(data_dir).map_err(|e| format!("{}: {e}", corpus.name()))?);
    }
    let mut families = Vec::new();
    for family in FAMILIES {
        let config = config_for(family.corpus);
        let machine: Vec<&LabelledText> = data[&family.corpus]
            .iter()
            .filter(|t| family.wrote(t) && split_of(family.corpus, &t.group) == split)
            .collect();
        let human: Vec<&LabelledText> = family
            .humans
            .iter()
            .flat_map(|c| data[c].iter().filter(move |t| !t.machine && split_of(*c, &t.group) == split))
            .collect();
        let texts: Vec<&LabelledText> = machine.iter().chain(&human).copied().collect();
        // Without TweepFake's bots the X model is the shipped one: they are never fitted.
        let scores = leave_out_scores(&config, &data, family.generator, FIT, &texts);
        let scored: Vec<(f32, bool)> = scores.into_iter().zip(&texts).map(|(s, t)| (s, t.machine)).collect();
        families.push(LeftOut {
            family: family.name.to_string(),
            site: config.site.to_string(),
            human_posts: human.len(),
            machine_posts: machine.len(),
            auroc: stats::auroc(&scored, fnv1a(&[b"left-out:", family.name.as_bytes()])),
        });
    }
    let split = match split {
        Split::Test => "test",
        Split::Validation => "validation",
        Split::Train => "train",
    };
    Ok(GeneratorReport { split: split.to_string(), families })
}
