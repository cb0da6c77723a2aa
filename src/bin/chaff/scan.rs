//! `chaff scan` (being written).
use std::process::ExitCode;

pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("chaff scan: not built yet");
    ExitCode::from(2)
}
