//! What the `chaff` command's integration tests share: the saved pages of tests/pages and a way
//! to run the built binary. Each test binary uses a part of it, hence the allow.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::io::Write;
use std::process::{Command, Output, Stdio};

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

/// Runs the `chaff` binary with `input` on its standard input.
pub fn chaff_with_input(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chaff");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// The page `chaff scan --out` writes for `html` (a successful run), by way of scratch files
/// named after `name`.
pub fn annotated_by_scan(name: &str, html: &str) -> String {
    let input = temp_file(&format!("{name}-in.html"));
    let output = temp_file(&format!("{name}-out.html"));
    std::fs::write(&input, html).unwrap();
    let out = chaff(&["scan", input.to_str().unwrap(), "--out", output.to_str().unwrap()]);
    let annotated = std::fs::read_to_string(&output).unwrap();
    std::fs::remove_file(&input).ok();
    std::fs::remove_file(&output).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    annotated
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
