//! A site's mark of a new account as `chaff` states it: Hacker News writes a new account's name
//! in green (`<a class="hnuser"><font color="#3c963c">name</font></a>`). On the real saved item
//! page (tests/pages/real, no green name in the capture) a campaign is planted, some of it by
//! green names, beside an ordinary comment by a green name: the flagged copies by new accounts
//! say "account marked new by Hacker News" after their evidence, the other copies do not, and
//! the ordinary comment stays ok with nothing to say. `chaff score` reads the same fact as the
//! JSON Lines flag `new_account`.

mod common;

use common::{chaff, chaff_with_input, page, temp_file, verdicts_by_id};
use serde_json::Value;

const HN_PAGE: &str = "real/news.ycombinator.com-item-36817231-2023-07-23.html";
const PITCH: &str = "Everyone here should try the Lumen Ledger app, it fixed my budgeting in a week. \
                     Get it at lumenledger-app.com";
const FACT: &str = "account marked new by Hacker News";

/// One top-level comment row in HN's 2023 markup, the author's name green when `new_account`.
fn hn_row(id: u64, author: &str, new_account: bool, age: &str, text: &str) -> String {
    let name = if new_account { format!("<font color=\"#3c963c\">{author}</font>") } else { author.to_string() };
    format!(
        "<tr class=\"athing comtr\" id=\"{id}\"><td><table border=\"0\">  <tr>    <td class=\"ind\" indent=\"0\">\
         <img src=\"https://news.ycombinator.com/s.gif\" height=\"1\" width=\"0\"></td><td class=\"default\">\
         <div style=\"margin-top:2px; margin-bottom:-10px;\"><span class=\"comhead\">\n          \
         <a href=\"https://news.ycombinator.com/user?id={author}\" class=\"hnuser\">{name}</a> \
         <span class=\"age\" title=\"{age}\"><a href=\"https://news.ycombinator.com/item?id={id}\">1 day ago</a></span>\
         </span></div><br><div class=\"comment\">\n                  <span class=\"commtext c00\">{text}</span>\n\
         </div></td></tr>\n        </table></td></tr>\n"
    )
}

/// The real page with four campaign copies (authors 1 and 3 new accounts) and an ordinary
/// comment by a new account, planted before an existing row.
fn planted_page() -> String {
    let html = page(HN_PAGE);
    let mut rows = String::new();
    for n in 0..4u64 {
        let (author, age) = (format!("ledger_fan{n}"), format!("2023-07-22T11:0{n}:00"));
        rows.push_str(&hn_row(36850001 + n, &author, n % 2 == 1, &age, PITCH));
    }
    rows.push_str(&hn_row(
        36850009,
        "curious_newcomer",
        true,
        "2023-07-22T11:30:00",
        "I only signed up to say that the chapter on channel capacity finally made entropy click for me.",
    ));
    let at = html.find("<tr class=\"athing comtr\" id=\"36819113\"").expect("the row to plant before");
    format!("{}{rows}{}", &html[..at], &html[at..])
}

fn kinds(verdict: &Value) -> Vec<&str> {
    verdict["reasons"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect()
}

#[test]
fn scan_states_the_new_account_fact_on_flagged_posts_only() {
    let path = temp_file("hn-new-accounts.html");
    std::fs::write(&path, planted_page()).unwrap();
    let verdicts = verdicts_by_id(chaff(&["scan", path.to_str().unwrap(), "--json"]));
    let report = chaff(&["scan", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();

    for n in 0..4 {
        let verdict = &verdicts[&(36850001 + n).to_string()];
        assert_ne!(verdict["level"], "ok", "campaign copy {n}: {verdict}");
        let kinds = kinds(verdict);
        assert_eq!(kinds[0], "duplicate", "the evidence leads: {verdict}");
        if n % 2 == 1 {
            assert_eq!(kinds.last(), Some(&"new-account"), "{verdict}");
            assert_eq!(verdict["reasons"].as_array().unwrap().last().unwrap()["text"], FACT);
        } else {
            assert!(!kinds.contains(&"new-account"), "an older account's copy: {verdict}");
        }
    }
    let ordinary = &verdicts["36850009"];
    assert_eq!(ordinary["level"], "ok", "a new account alone flags nothing: {ordinary}");
    assert!(kinds(ordinary).is_empty(), "{ordinary}");
    let flagged_elsewhere = verdicts.values().filter(|v| kinds(v).contains(&"new-account")).count();
    assert_eq!(flagged_elsewhere, 2, "only the two copies by new accounts");

    assert!(report.status.success());
    let report = String::from_utf8(report.stdout).unwrap();
    assert_eq!(report.matches(FACT).count(), 2, "the report lists the fact with each such copy:\n{report}");
}

/// `chaff score` with `input` on stdin: (stdout, stderr, success).
fn score(input: &str) -> (String, String, bool) {
    let out = chaff_with_input(&["score"], input);
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.success())
}

#[test]
fn score_reads_new_account_as_a_json_lines_flag() {
    let lines: Vec<String> = (0..3)
        .map(|n| {
            serde_json::json!({
                "id": format!("p{n}"), "text": PITCH, "author": format!("a{n}"), "site": "hacker-news",
                "created": format!("2023-07-22T11:0{n}:00Z"), "new_account": n == 0,
            })
            .to_string()
        })
        .collect();
    let (out, err, ok) = score(&lines.join("\n"));
    assert!(ok, "{err}");
    let verdicts: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(verdicts[0]["reasons"].as_array().unwrap().last().unwrap()["text"], FACT);
    assert!(!kinds(&verdicts[1]).contains(&"new-account"));

    let (_, err, ok) = score("{\"id\":\"a\",\"text\":\"t\",\"new_account\":\"yes\"}\n{\"id\":\"b\",\"text\":\"u\"}");
    assert!(!ok, "a bad line makes the exit code 1");
    assert!(err.contains("line 1: \"new_account\" must be true, false or null"), "{err}");
}
