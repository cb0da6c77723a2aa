//! `chaff`: the command-line face of the core. One file per subcommand; this one dispatches.

mod eval;
mod scan;
mod score;
mod train;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  chaff score [FILE|-]                 score a thread given as JSON Lines (one post per line)
  chaff scan PAGE.html [--site auto|reddit|old-reddit|x] [--out ANNOTATED.html] [--json]
                                       extract, score and report a saved Reddit or X thread page
  chaff train --data DIR [--out DIR]   learn the AI-text model weights from ../shared/data
  chaff eval --data DIR [--json FILE|-] [--report MD] [--check REPORT.json]
                                       measure detection quality on the labelled corpora";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "score" => score::run(&rest),
        "scan" => scan::run(&rest),
        "train" => train::run(&rest),
        "eval" => eval::run(&rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("chaff: unknown command {other:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
