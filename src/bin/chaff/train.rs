//! `chaff train` (being written).
use std::process::ExitCode;

pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("chaff train: not built yet");
    ExitCode::from(2)
}
