//! `chaff-lab`: trains the AI-text models and measures detection quality on ../shared/data.
//! One file per subcommand; this one dispatches.

mod eval;
mod train;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  chaff-lab train --data DIR [--out DIR]   learn the AI-text model weights from ../shared/data
  chaff-lab eval --data DIR [--json FILE|-] [--report MD] [--check REPORT.json]
                                           measure detection quality on the labelled corpora";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "train" => train::run(&rest),
        "eval" => eval::run(&rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("chaff-lab: unknown command {other:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
