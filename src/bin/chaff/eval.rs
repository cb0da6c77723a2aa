//! `chaff eval` (being written).
use std::process::ExitCode;

pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("chaff eval: not built yet");
    ExitCode::from(2)
}
