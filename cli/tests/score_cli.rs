//! `chaff score`: the JSON Lines contract of the README, run through the real binary.

mod common;

use std::process::{Command, Output};

use common::chaff_with_input;

fn score(input: &str) -> Output {
    chaff_with_input(&["score"], input)
}

fn verdicts(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

const PROMO: &str = "Hey guys check out my new channel and our first vid, please leave a like and subscribe";

#[test]
fn every_accepted_post_gets_one_verdict_in_input_order_with_the_contract_fields() {
    let input = format!(
        "{}\n\n{}\n{}\n",
        serde_json::json!({"id": "p1", "text": PROMO, "author": "a", "created": "2013-11-07T06:20:48"}),
        serde_json::json!({"id": "p2", "text": "I love how the drummer keeps time in the bridge, it is so tight", "author": "b"}),
        serde_json::json!({"id": "p3", "text": format!("{PROMO} kq8zv1"), "author": "c", "created": "2013-11-07T06:24:00Z", "url": null}),
    );
    let out = score(&input);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v = verdicts(&out);
    let ids: Vec<&str> = v.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    for verdict in &v {
        for field in ["level", "score", "ai", "cluster", "copies", "authors", "reasons"] {
            assert!(verdict.get(field).is_some(), "missing {field} in {verdict}");
        }
        let score = verdict["score"].as_f64().unwrap();
        let ai = verdict["ai"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score) && (0.0..=1.0).contains(&ai));
    }
    assert_eq!(v[0]["cluster"], v[2]["cluster"]);
    assert!(v[0]["cluster"].is_string());
    assert_eq!(v[0]["copies"], 1);
    assert_eq!(v[0]["authors"], 2);
    assert_eq!(v[1]["cluster"], serde_json::Value::Null);
    assert_eq!(v[1]["copies"], 0);
    assert_eq!(v[0]["reasons"][0]["kind"], "duplicate");
    assert_ne!(v[0]["level"], "ok");
}

#[test]
fn malformed_lines_are_reported_with_their_number_and_the_rest_is_scored() {
    let input = [
        r#"{"id":"a","text":"first post of the thread"}"#,
        r#"{"id":"b","text":"#,
        r#"{"text":"no id here"}"#,
        r#"{"id":"c","text":42}"#,
        r#"{"id":"a","text":"the same id again"}"#,
        r#"{"id":"d","text":"fourth post","created":"not a date"}"#,
        r#"["an","array"]"#,
        r#"{"id":"e","text":"last post","author":null}"#,
    ]
    .join("\n");
    let out = score(&input);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "line 2: not valid JSON",
        "line 3: missing \"id\"",
        "line 4: \"text\" must be a string",
        "line 5: repeated id \"a\"",
        "line 6: warning: unreadable \"created\" date \"not a date\" ignored",
        "line 7: expected a JSON object",
    ] {
        assert!(stderr.contains(expected), "stderr lacks {expected:?}:\n{stderr}");
    }
    let ids: Vec<String> = verdicts(&out).iter().map(|v| v["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["a", "d", "e"]);
}

#[test]
fn an_unreadable_file_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_chaff")).args(["score", "/nonexistent/thread.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/thread.jsonl"));
}

#[test]
fn a_real_comment_sample_scores_whole() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/samples/youtube-comments.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_chaff")).args(["score", path]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = std::fs::read_to_string(path).unwrap().lines().count();
    assert_eq!(verdicts(&out).len(), lines);
}
