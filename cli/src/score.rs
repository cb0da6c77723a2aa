//! `chaff score [FILE|-]`: JSON Lines in, JSON Lines out — the contract other tools rely on
//! (README, "The CLI contract"). A bad line is reported as `line N: what is wrong` and skipped;
//! every other line is still scored, and the exit code says whether any line was bad.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use chaff::post::{read_post_lines, PostLines};
use chaff::{Engine, Settings};

pub fn run(args: &[String]) -> ExitCode {
    let source = match args {
        [] => "-",
        [one] if !one.starts_with("--") || one == "-" => one.as_str(),
        _ => {
            eprintln!("usage: chaff score [FILE|-]");
            return ExitCode::from(2);
        }
    };
    let reader: Box<dyn BufRead> = if source == "-" {
        Box::new(BufReader::new(io::stdin().lock()))
    } else {
        match File::open(source) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                eprintln!("chaff score: cannot read {source}: {e}");
                return ExitCode::from(2);
            }
        }
    };

    let PostLines { posts, bad_lines } = read_post_lines(reader, |message| eprintln!("{message}"));

    let mut engine = Engine::new(Settings::default());
    engine.add(posts);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for verdict in engine.verdicts() {
        let line = serde_json::to_string(&verdict).expect("verdicts serialize");
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    if bad_lines > 0 {
        eprintln!("chaff score: {bad_lines} bad line(s) skipped");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
