//! `chaff-lab eval --data DIR [--split test|validation] [--json FILE|-] [--report MD]
//! [--check REPORT.json]`: measures detection quality on the labelled corpora and prints a
//! readable table (each target, met or missed or too close to tell, then the detail) and, with
//! `--json`, the machine-readable figures (`-`: after the table, on standard output). The
//! default split is the frozen test split; `--split validation` is the one to make choices on.
//!
//! `--report` writes the committed report (`make quality-report`: docs/quality.md + the JSON
//! beside it). `--check` is the quality regression guard run by `make test`: it fails when a
//! figure is worse than the committed report by more than `REGRESSION_MARGIN`. It never
//! rewrites tracked files.

use std::path::PathBuf;
use std::process::ExitCode;

use chaff_lab::eval::stats::{Figure, MIN_POSTS_TO_TELL};
use chaff_lab::eval::{ai, duplicates, generators};
use chaff_lab::train::Split;
use serde::{Deserialize, Serialize};

/// How much worse than the committed report a figure may be before the guard fails, as an
/// absolute difference (every figure is a share or an AUROC in 0..1). The evaluation is
/// deterministic, so any change comes from the code or the model: 0.01 for figures where higher
/// is better (recalls, AUROCs); 0.002 for shares where lower is better (false alarms, wrong
/// merges), whose targets are themselves small (≤ 1%, ≤ 0.2%).
fn regression_margin(higher_is_better: bool) -> f64 {
    if higher_is_better {
        0.01
    } else {
        0.002
    }
}

/// The detection targets: (figure name pattern, target, higher_is_better). A pattern is a
/// figure name, or one with `*` standing for any run of characters. These are goals, not
/// measured values.
const TARGETS: &[(&str, f64, bool)] = &[
    ("ai.grid.auroc", 0.99, true),
    ("ai.grid.tpr_at_1pct_fpr", 0.90, true),
    ("ai.janitr.auroc", 0.95, true),
    // Every generator family, measured by a model that never saw it.
    ("ai.left-out.*.auroc", 0.90, true),
    // Human posts flagged at default settings: every human corpus and every length bucket.
    ("ai.*.human_flagged", 0.01, false),
    // On X-like short text, at least half of the AI posts the model judges are flagged.
    ("ai.janitr.judged_machine_flagged", 0.5, true),
    ("duplicates.random-suffix.recall", 0.98, true),
    ("duplicates.random-prefix.recall", 0.98, true),
    ("duplicates.look-alike-letters.recall", 0.98, true),
    ("duplicates.zero-width.recall", 0.98, true),
    ("duplicates.fullwidth.recall", 0.98, true),
    ("duplicates.mathematical.recall", 0.98, true),
    ("duplicates.case-punctuation.recall", 0.98, true),
    ("duplicates.emoji.recall", 0.98, true),
    ("duplicates.one-word-edit.recall", 0.95, true),
    ("duplicates.combined.recall", 0.98, true),
    ("duplicates.combined.originals_merged", 0.002, false),
    ("duplicates.youtube.repeated_recall", 0.99, true),
    // A reaction several people wrote ("Waka waka") is no campaign.
    ("duplicates.youtube.legitimate_suspect", 0.01, false),
];

/// Whether `name` matches a target pattern (`*`: any run of characters).
fn matches_pattern(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((prefix, suffix)) => {
            name.len() >= prefix.len() + suffix.len() && name.starts_with(prefix) && name.ends_with(suffix)
        }
    }
}

/// What a measurement says about a target: met or missed only when the whole interval is on
/// one side of it, and only with enough posts of the class the figure is about.
fn judge(f: &Figure, target: f64, higher_is_better: bool) -> String {
    if !f.value.is_finite() {
        return "**not measured**".to_string();
    }
    if f.posts < MIN_POSTS_TO_TELL {
        return format!("too few to tell ({} posts)", f.posts);
    }
    let (pessimistic, optimistic) = if higher_is_better { (f.low, f.high) } else { (f.high, f.low) };
    let meets = |v: f64| if higher_is_better { v >= target } else { v <= target };
    if meets(pessimistic) {
        "met".to_string()
    } else if !meets(optimistic) {
        format!("**missed by {:.4}**", (f.value - target).abs())
    } else {
        "**not shown**: the interval spans the target".to_string()
    }
}

/// A markdown table of each target against what was measured.
fn targets_table(figures: &[Figure]) -> String {
    let mut table = String::from(
        "A target is met when the pessimistic end of the figure's 95% interval meets it, and only \
         with at least 200 posts of the class it is about.\n\n\
         | figure | target | measured (95% interval) | posts | |\n|---|---|---|---|---|\n",
    );
    for &(pattern, target, higher_is_better) in TARGETS {
        for f in figures.iter().filter(|f| matches_pattern(pattern, &f.name)) {
            let sign = if higher_is_better { "≥" } else { "≤" };
            table.push_str(&format!(
                "| {} | {sign} {target} | {:.4} ({:.4}–{:.4}) | {} | {} |\n",
                f.name,
                f.value,
                f.low,
                f.high,
                f.posts,
                judge(f, target, higher_is_better)
            ));
        }
    }
    table.push_str(
        "\nWhat was tried for the AI-text targets, and why some stay far from them: `src/ai/MODEL.md`, \
         section *What was tried*.\n",
    );
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, low: f64, high: f64, posts: usize) -> Figure {
        Figure { name: "f".into(), value, low, high, posts, higher_is_better: false }
    }

    #[test]
    fn a_target_is_met_only_by_the_pessimistic_end_of_its_interval() {
        assert_eq!(judge(&figure(0.004, 0.002, 0.008, 1000), 0.01, false), "met");
        assert!(judge(&figure(0.006, 0.002, 0.014, 1000), 0.01, false).contains("spans"));
        assert!(judge(&figure(0.03, 0.02, 0.04, 1000), 0.01, false).contains("missed"));
        assert!(judge(&figure(0.0, 0.0, 0.0, 21), 0.01, false).starts_with("too few to tell"));
        assert!(judge(&figure(f64::NAN, f64::NAN, f64::NAN, 500), 0.01, false).contains("not measured"));
    }

    #[test]
    fn patterns_match_every_corpus_and_bucket() {
        assert!(matches_pattern("ai.*.human_flagged", "ai.grid.human_flagged"));
        assert!(matches_pattern("ai.*.human_flagged", "ai.janitr.words-under-20.human_flagged"));
        assert!(!matches_pattern("ai.*.human_flagged", "ai.grid.auroc"));
        assert!(matches_pattern("ai.grid.auroc", "ai.grid.auroc"));
    }
}

#[derive(Serialize, Deserialize)]
struct Report {
    command: String,
    date: String,
    figures: Vec<Figure>,
    duplicates: serde_json::Value,
    ai: serde_json::Value,
    #[serde(default)]
    generators: serde_json::Value,
}

struct Options {
    data: PathBuf,
    split: Split,
    json: Option<PathBuf>,
    report: Option<PathBuf>,
    check: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options =
        Options { data: PathBuf::from("../shared/data"), split: Split::Test, json: None, report: None, check: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => options.data = value()?.into(),
            "--split" => {
                options.split = match value()?.as_str() {
                    "test" => Split::Test,
                    "validation" => Split::Validation,
                    other => return Err(format!("--split is test or validation, not {other:?}")),
                }
            }
            "--json" => options.json = Some(value()?.into()),
            "--report" => options.report = Some(value()?.into()),
            "--check" => options.check = Some(value()?.into()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(options)
}

pub fn run(args: &[String]) -> ExitCode {
    let options = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("chaff-lab eval: {e}\nusage: chaff-lab eval --data DIR [--split test|validation] [--json FILE] [--report MD] [--check REPORT.json]");
            return ExitCode::from(2);
        }
    };
    if !options.data.is_dir() {
        eprintln!("chaff-lab eval: no data directory at {} (see ../shared/data/SOURCES.md)", options.data.display());
        return ExitCode::from(3);
    }
    let dup = match duplicates::evaluate(&options.data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chaff-lab eval: duplicates: {e}");
            return ExitCode::from(2);
        }
    };
    let ai_report = match ai::evaluate(&options.data, options.split) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chaff-lab eval: ai: {e}");
            return ExitCode::from(2);
        }
    };
    let generators = match generators::evaluate(&options.data, options.split) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chaff-lab eval: generators: {e}");
            return ExitCode::from(2);
        }
    };
    let figures: Vec<Figure> =
        dup.figures().into_iter().chain(ai_report.figures()).chain(generators.figures()).collect();
    let tables = format!(
        "## Targets\n\n{}\n## Near-duplicates\n\n{}\n\n## AI text\n\n{}\n### Generators never seen\n\n{}\n",
        targets_table(&figures),
        dup.table(),
        ai_report.table(),
        generators.table()
    );
    println!("{tables}");
    let report = Report {
        command: format!("chaff-lab eval --data {}", options.data.display()),
        date: today(),
        figures,
        duplicates: serde_json::to_value(&dup).expect("report serializes"),
        ai: serde_json::to_value(&ai_report).expect("report serializes"),
        generators: serde_json::to_value(&generators).expect("report serializes"),
    };
    let json = serde_json::to_string_pretty(&report).expect("report serializes");
    if options.json.as_deref() == Some(std::path::Path::new("-")) {
        println!("{json}");
    } else if let Some(path) = &options.json {
        if let Err(e) = std::fs::write(path, &json) {
            eprintln!("chaff-lab eval: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &options.report {
        let markdown = format!(
            "# chaff detection quality\n\nMeasured by `make quality-report` (`{}`) on {}.\n\
             Machine-readable figures: `{}`. Targets and what they mean: the README's *Detection quality*.\n\n{}",
            report.command,
            report.date,
            path.with_extension("json").file_name().unwrap_or_default().to_string_lossy(),
            tables
        );
        let written = std::fs::write(path, markdown).and_then(|_| std::fs::write(path.with_extension("json"), &json));
        if let Err(e) = written {
            eprintln!("chaff-lab eval: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &options.check {
        return check_against(path, &report.figures);
    }
    ExitCode::SUCCESS
}

/// The regression guard: every committed figure must still be met within the margin.
fn check_against(committed_path: &PathBuf, now: &[Figure]) -> ExitCode {
    let committed: Report = match std::fs::read_to_string(committed_path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chaff-lab eval: cannot read the committed report {}: {e}", committed_path.display());
            return ExitCode::from(2);
        }
    };
    let mut regressions = 0;
    for before in &committed.figures {
        let Some(after) = now.iter().find(|f| f.name == before.name) else {
            eprintln!("quality guard: figure {:?} is no longer measured", before.name);
            regressions += 1;
            continue;
        };
        if !after.value.is_finite() {
            eprintln!("quality guard: {} is not a number now ({})", before.name, after.value);
            regressions += 1;
            continue;
        }
        let worse_by = if before.higher_is_better { before.value - after.value } else { after.value - before.value };
        let margin = regression_margin(before.higher_is_better);
        if worse_by > margin {
            eprintln!(
                "quality guard: {} went from {:.4} to {:.4} (margin {margin})",
                before.name, before.value, after.value
            );
            regressions += 1;
        }
    }
    if regressions > 0 {
        eprintln!("quality guard: {regressions} figure(s) regressed against {}", committed_path.display());
        ExitCode::from(1)
    } else {
        println!(
            "quality guard: all {} figures within their margin (0.01 for recalls and AUROCs, 0.002 for false-alarm shares) of {}",
            committed.figures.len(),
            committed_path.display()
        );
        ExitCode::SUCCESS
    }
}

fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!("{:04}-{:02}-{:02}", now.year(), u8::from(now.month()), now.day())
}
