//! `chaff eval --data DIR [--json FILE] [--report MD] [--check REPORT.json]`: measures detection
//! quality on the labelled corpora (issue 3) and prints a readable table and, with `--json`,
//! the machine-readable figures.
//!
//! `--report` writes the committed report (`make quality-report`: docs/quality.md + the JSON
//! beside it). `--check` is the quality regression guard run by `make test`: it fails when a
//! figure is worse than the committed report by more than `REGRESSION_MARGIN`. It never
//! rewrites tracked files.

use std::path::PathBuf;
use std::process::ExitCode;

use chaff::eval::{ai, duplicates};
use serde::{Deserialize, Serialize};

/// How much worse than the committed report a figure may be before the guard fails: an
/// absolute 0.01 on every figure (all are shares or AUROCs in 0..1). Larger than the run-to-run
/// noise of a deterministic evaluation (zero), small enough to catch a real regression.
const REGRESSION_MARGIN: f64 = 0.01;

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
            eprintln!("chaff eval: {e}\nusage: chaff eval --data DIR [--json FILE] [--report MD] [--check REPORT.json]");
            return ExitCode::from(2);
        }
    };
    if !options.data.is_dir() {
        eprintln!("chaff eval: no data directory at {} (see ../shared/data/SOURCES.md)", options.data.display());
        return ExitCode::from(3);
    }
    let dup = match duplicates::evaluate(&options.data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chaff eval: duplicates: {e}");
            return ExitCode::from(2);
        }
    };
    let ai_report = match ai::evaluate(&options.data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("chaff eval: ai: {e}");
            return ExitCode::from(2);
        }
    };
    let tables = format!("## Near-duplicates\n\n{}\n\n## AI text\n\n{}\n", dup.table(), ai_report.table());
    println!("{tables}");

    let figures: Vec<Figure> = dup
        .figures()
        .into_iter()
        .chain(ai_report.figures())
        .map(|(name, value, higher_is_better)| Figure { name, value, higher_is_better })
        .collect();
    let report = Report {
        command: format!("chaff eval --data {}", options.data.display()),
        date: today(),
        figures,
        duplicates: serde_json::to_value(&dup).expect("report serializes"),
        ai: serde_json::to_value(&ai_report).expect("report serializes"),
    };
    let json = serde_json::to_string_pretty(&report).expect("report serializes");
    if let Some(path) = &options.json {
        if let Err(e) = std::fs::write(path, &json) {
            eprintln!("chaff eval: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &options.report {
        let markdown = format!(
            "# chaff detection quality\n\nMeasured by `make quality-report` (`{}`) on {}.\n\
             Machine-readable figures: `{}`. Targets and what they mean: issue 3 and the README.\n\n{}",
            report.command,
            report.date,
            path.with_extension("json").file_name().unwrap_or_default().to_string_lossy(),
            tables
        );
        let written = std::fs::write(path, markdown).and_then(|_| std::fs::write(path.with_extension("json"), &json));
        if let Err(e) = written {
            eprintln!("chaff eval: cannot write the report: {e}");
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
            eprintln!("chaff eval: cannot read the committed report {}: {e}", committed_path.display());
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
        if worse_by > REGRESSION_MARGIN {
            eprintln!(
                "quality guard: {} fell from {:.4} to {:.4} (margin {REGRESSION_MARGIN})",
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
            "quality guard: all {} figures within {REGRESSION_MARGIN} of {}",
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
