//! What the `chaff` command's integration tests share: the saved pages of tests/pages and a way
//! to run the built binary.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A saved page under the repository's tests/pages.
pub fn page_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/pages").join(name)
}

pub fn page(name: &str) -> String {
    std::fs::read_to_string(page_path(name)).expect("saved page")
}

/// Runs the `chaff` binary built for these tests.
pub fn chaff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chaff")).args(args).output().expect("run chaff")
}
