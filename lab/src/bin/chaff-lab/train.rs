//! `chaff-lab train --data DIR [--lexicons DIR] [--out DIR] [--site NAME]`: learns the AI-text
//! models from the training split of the labelled corpora in DIR (../shared/data), marks the
//! features the published lexicons name (default: `lexicons` beside the data directory), and
//! writes `model-<site>.txt` into the output directory (default `src/ai`, where the crate embeds
//! them); `--site` trains that site's model only (a quicker cross-validation check of one model).
//! Prints the out-of-fold AUROC of each corpus on the training split and where each length
//! bucket's thresholds come from: a cross-validation check, not the evaluation (that is
//! `chaff-lab eval`, on the frozen test split).

use std::path::PathBuf;
use std::process::ExitCode;

use chaff::ai::LENGTH_BUCKETS;
use chaff_lab::lexicon::Lexicon;
use chaff_lab::train::{self, FIT};

const USAGE: &str = "usage: chaff-lab train --data DIR [--lexicons DIR] [--out DIR] [--site NAME]";

pub fn run(args: &[String]) -> ExitCode {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("src/ai");
    let mut lexicons: Option<PathBuf> = None;
    let mut only_site: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let target = match arg.as_str() {
            "--data" => &mut data,
            "--out" => &mut out,
            "--lexicons" => lexicons.insert(PathBuf::new()),
            "--site" => only_site.insert(PathBuf::new()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("chaff-lab train: unknown option {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        match it.next() {
            Some(value) => *target = PathBuf::from(value),
            None => {
                eprintln!("chaff-lab train: {arg} needs a value\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if !data.is_dir() {
        eprintln!(
            "chaff-lab train: no data directory at {} (see ../shared/data/SOURCES.md)",
            data.display()
        );
        return ExitCode::from(3);
    }
    let lexicons = lexicons.unwrap_or_else(|| data.join("..").join("lexicons"));
    let lexicon = match Lexicon::load(&lexicons) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("chaff-lab train: lexicons at {}: {e}", lexicons.display());
            return ExitCode::from(2);
        }
    };
    let mut configs = train::shipped_configs();
    if let Some(site) = only_site {
        configs.retain(|c| site.as_os_str() == c.site);
        if configs.is_empty() {
            eprintln!("chaff-lab train: no model for site {}\n{USAGE}", site.display());
            return ExitCode::from(2);
        }
    }
    let corpora = match train::load_corpora(&data, &configs) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("chaff-lab train: {e}");
            return ExitCode::from(2);
        }
    };
    for config in &configs {
        let sources: Vec<String> = config
            .corpora
            .iter()
            .map(|(c, w)| {
                let human_style = config.human_style.iter().find(|(h, _)| h == c);
                match (*w, human_style) {
                    (w, _) if w > 0.0 => format!("{} (weight {w})", c.name()),
                    (_, Some((_, hw))) => {
                        format!("{} (its human texts' style only, weight {hw})", c.name())
                    }
                    _ => format!("{} (weight 0: measured, not learned from)", c.name()),
                }
            })
            .collect();
        let provenance = format!(
            "chaff AI-text model for site {site}: logistic regression, learned by `chaff-lab train --data DIR`\n\
             from the training split (64% of groups, train::split_of) of: {}.\n\
             Fit: {FIT:?}; {keep} features kept. Provenance and figures: src/ai/MODEL.md.",
            sources.join(", "),
            site = config.site,
            keep = config.keep,
        );
        let trained = train::train_site(config, &corpora, &lexicon, FIT, &provenance);
        let path = out.join(format!("model-{}.txt", trained.site));
        if let Err(e) = std::fs::write(&path, &trained.file) {
            eprintln!("chaff-lab train: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        println!(
            "{}: {} features, {} bytes → {}",
            trained.site,
            trained.features,
            trained.file.len(),
            path.display()
        );
        for (corpus, auroc, n) in &trained.cross_validation {
            println!(
                "  out-of-fold AUROC on the training split, {}: {auroc:.4} ({n} texts)",
                corpus.name()
            );
        }
        for source in &trained.threshold_sources {
            let shown: Vec<String> = source
                .per_sensitivity
                .iter()
                .map(|(a, b)| format!("{a:.4}/{b:.4}"))
                .collect();
            println!(
                "  {} words, human out-of-fold quantiles (low, medium, high) from {} ({} judged{}): {}",
                LENGTH_BUCKETS[source.bucket].name,
                source.corpus.name(),
                source.human_texts,
                if source.used { "" } else { ", too few to count" },
                shown.join(", ")
            );
        }
        for line in trained.file.lines().filter(|l| l.starts_with("threshold")) {
            println!("  {line}");
        }
    }
    ExitCode::SUCCESS
}
