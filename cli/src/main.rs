//! `chaff`: the command-line face of the core, for what a user runs. One file per subcommand;
//! this one dispatches. Training and evaluation are the lab's (`chaff-lab`), not a user's.

mod scan;
mod score;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  chaff score [FILE|-]                 score a thread given as JSON Lines (one post per line)
  chaff scan PAGE.html [--site auto|reddit|old-reddit|x] [--out ANNOTATED.html] [--json]
                                       extract, score and report a saved Reddit or X thread page";

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
