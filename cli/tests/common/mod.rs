//! What the `chaff` command's integration tests share: the saved pages of tests/pages and a way
//! to run the built binary.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

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

/// The verdicts a successful `chaff scan --json` printed, by post id.
pub fn verdicts_by_id(out: Output) -> HashMap<String, Value> {
    assert!(out.status.success(), "scan failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("one verdict per line");
            (v["id"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

/// A scratch file of this test process.
pub fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("chaff-cli-test-{}-{name}", std::process::id()))
}
