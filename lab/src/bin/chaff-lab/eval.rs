//! `chaff-lab eval --data DIR [--json FILE|-] [--report MD] [--check REPORT.json]`: measures
//! detection quality on the labelled corpora and prints a readable table (each target, met or
//! missed by how much, then the detail) and, with `--json`, the
//! machine-readable figures (`-`: after the table, on standard output).
//!
//! `--report` writes the committed report (`make quality-report`: docs/quality.md + the JSON
//! beside it). `--check` is the quality regression guard run by `make test`: it fails when a
//! figure is worse than the committed report by more than `REGRESSION_MARGIN`. It never
//! rewrites tracked files.

use std::path::PathBuf;
use std::process::ExitCode;

use chaff_lab::eval::{ai, duplicates};
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

/// The detection targets, by figure name prefix and suffix: (figure, target, higher_is_better).
/// These are goals, not measured values.
const TARGETS: &[(&str, f64, bool)] = &[
    ("ai.grid.auroc", 0.99, true),
    ("ai.grid.tpr_at_1pct_fpr", 0.90, true),
    ("ai.tweepfake.auroc", 0.90, true),
    ("ai.janitr.auroc", 0.95, true),
    ("ai.grid.human_flagged", 0.01, false),
    ("ai.tweepfake.human_flagged", 0.01, false),
    ("ai.janitr.human_flagged", 0.01, false),
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
];

/// A markdown table of each target against what was measured.
fn targets_table(figures: &[Figure]) -> String {
    let mut table = String::from("| figure | target | measured | |\n|---|---|---|---|\n");
    for &(name, target, higher_is_better) in TARGETS {
        let Some(f) = figures.iter().find(|f| f.name == name) else { continue };
        let (sign, shortfall) =
            if higher_is_better { ("≥", target - f.value) } else { ("≤", f.value - target) };
        let verdict = if shortfall <= 0.0 { "met".to_string() } else { format!("**missed by {shortfall:.4}**") };
        table.push_str(&format!("| {name} | {sign} {target} | {:.4} | {verdict} |\n", f.value));
    }
    table.push_str(
        "\nWhat was tried for the AI-text targets, and why TweepFake by account stays far from its \
         target: `src/ai/MODEL.md`, section *What was tried*.\n",
    );
    table
}

#[derive(Serialize, Deserialize)]
struct Figure {
    name: String,
    value: f64,
    higher_is_better: bool,
}

#[derive(Serialize, Deserialize)]
struct Report {
    command: String,
    date: String,
    figures: Vec<Figure>,
    duplicates: serde_json::Value,
    ai: serde_json::Value,
}

struct Options {
    data: PathBuf,
    json: Option<PathBuf>,
    report: Option<PathBuf>,
    check: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options { data: PathBuf::from("../shared/data"), json: None, report: None, check: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => options.data = value()?.into(),
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
            eprintln!("chaff-lab eval: {e}\nusage: chaff-lab eval --data DIR [--json FILE] [--report MD] [--check REPORT.json]");
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
    let ai_report = match ai::evaluate(&options.data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chaff-lab eval: ai: {e}");
            return ExitCode::from(2);
        }
    };
    let figures: Vec<Figure> = dup
        .figures()
        .into_iter()
        .chain(ai_report.figures())
        .map(|(name, value, higher_is_better)| Figure { name, value, higher_is_better })
        .collect();
    let tables = format!(
        "## Targets\n\n{}\n## Near-duplicates\n\n{}\n\n## AI text\n\n{}\n",
        targets_table(&figures),
        dup.table(),
        ai_report.table()
    );
    println!("{tables}");
    let report = Report {
        command: format!("chaff-lab eval --data {}", options.data.display()),
        date: today(),
        figures,
        duplicates: serde_json::to_value(&dup).expect("report serializes"),
        ai: serde_json::to_value(&ai_report).expect("report serializes"),
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
