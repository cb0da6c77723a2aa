//! A post as chaff sees it, and the JSON Lines form the CLI and the extension exchange.
//!
//! Design: one plain struct for every site. Optional fields stay `None` when a site or an
//! input line does not give them; `created` is parsed once, here, into Unix seconds (UTC),
//! so nothing downstream handles date strings. Parsing reports what is wrong in words a
//! person can act on; the caller adds the line number.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One post of a thread. All posts given together form one thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Post {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Unix seconds, UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Posted as the site's moderator (a distinguished comment, or the moderators' bot): a
    /// notice repeated by design, never part of a campaign.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub moderator: bool,
    /// The site marks the author as a new account (Hacker News's green name): a fact a verdict
    /// states beside its evidence, never evidence by itself (see `Engine`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_account: bool,
}

impl Post {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Post { id: id.into(), text: text.into(), ..Post::default() }
    }
}

/// The name readers know a site by, from its `Post.site` value (`reddit`, `hacker-news`, …), for
/// reasons that state what the site itself says ("account marked new by Hacker News"). sites.json
/// holds the selectors, not these words: its labels name layouts ("old Reddit", "X (Twitter)").
pub fn site_display_name(site: &str) -> Option<&'static str> {
    Some(match site {
        "reddit" | "old-reddit" => "Reddit",
        "x" => "X",
        "hacker-news" => "Hacker News",
        "github" => "GitHub",
        "bluesky" => "Bluesky",
        "youtube" => "YouTube",
        _ => return None,
    })
}

/// A post read from one JSON object, with what was tolerated on the way.
#[derive(Debug)]
pub struct ParsedPost {
    pub post: Post,
    /// Non-fatal problems (an unreadable date is ignored, not fatal).
    pub warnings: Vec<String>,
}

/// Reads one JSON Lines record in the `chaff score` input format.
/// `id` and `text` are required strings; the other fields are optional strings, and `null`
/// means absent. Unknown fields are ignored, so richer exports can be piped in as they are.
pub fn parse_post_line(line: &str) -> Result<ParsedPost, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(fields) = value else {
        return Err("expected a JSON object with \"id\" and \"text\"".to_string());
    };
    post_from_fields(&fields)
}

/// The posts of a JSON Lines stream (the `chaff score` input), and how many lines were bad.
#[derive(Debug, Default)]
pub struct PostLines {
    /// The accepted posts, in input order; the first use of an id is kept.
    pub posts: Vec<Post>,
    /// Lines skipped as unreadable, malformed or repeating an id.
    pub bad_lines: usize,
}

/// Reads a JSON Lines stream of posts: blank lines are skipped, and every problem is handed to
/// `report` as `line N: what is wrong` (warnings as `line N: warning: …`) while every other
/// line is still read. A line that is not UTF-8 is unreadable, not the end of the stream.
pub fn read_post_lines(reader: impl std::io::BufRead, mut report: impl FnMut(String)) -> PostLines {
    let mut read = PostLines::default();
    let mut seen_ids = std::collections::HashSet::new();
    for (n, line) in reader.lines().enumerate() {
        let line_no = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                report(format!("line {line_no}: unreadable ({e})"));
                read.bad_lines += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match parse_post_line(&line) {
            Ok(parsed) => {
                for warning in &parsed.warnings {
                    report(format!("line {line_no}: warning: {warning}"));
                }
                if !seen_ids.insert(parsed.post.id.clone()) {
                    report(format!("line {line_no}: repeated id {:?} (first use kept)", parsed.post.id));
                    read.bad_lines += 1;
                    continue;
                }
                read.posts.push(parsed.post);
            }
            Err(what) => {
                report(format!("line {line_no}: {what}"));
                read.bad_lines += 1;
            }
        }
    }
    read
}

fn post_from_fields(fields: &Map<String, Value>) -> Result<ParsedPost, String> {
    let required = |name: &str| match fields.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        None | Some(Value::Null) => Err(format!("missing \"{name}\"")),
        Some(other) => Err(format!("\"{name}\" must be a string, not {}", json_type(other))),
    };
    let optional = |name: &str| match fields.get(name) {
        Some(Value::String(s)) => Ok(Some(s.clone())),
        None | Some(Value::Null) => Ok(None),
        Some(other) => Err(format!("\"{name}\" must be a string or null, not {}", json_type(other))),
    };
    let flag = |name: &str| match fields.get(name) {
        Some(Value::Bool(b)) => Ok(*b),
        None | Some(Value::Null) => Ok(false),
        Some(other) => Err(format!("\"{name}\" must be true, false or null, not {}", json_type(other))),
    };
    let id = required("id")?;
    if id.is_empty() {
        return Err("\"id\" is empty".to_string());
    }
    let text = required("text")?;
    let mut warnings = Vec::new();
    let created = match optional("created")? {
        None => None,
        Some(raw) => match parse_timestamp(&raw) {
            Some(secs) => Some(secs),
            None => {
                warnings.push(format!("unreadable \"created\" date {raw:?} ignored"));
                None
            }
        },
    };
    Ok(ParsedPost {
        post: Post {
            id,
            text,
            author: optional("author")?,
            title: optional("title")?,
            created,
            parent: optional("parent")?,
            url: optional("url")?,
            site: optional("site")?,
            moderator: flag("moderator")?,
            new_account: flag("new_account")?,
        },
        warnings,
    })
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses RFC 3339 (`2024-05-01T12:00:00Z`, `…+02:00`) or ISO 8601 without an offset
/// (`2024-05-01T12:00:00`, `2024-05-01 12:00:00`, fractional seconds allowed), which is taken as
/// UTC. Returns Unix seconds.
pub fn parse_timestamp(raw: &str) -> Option<i64> {
    use time::format_description::well_known::{Iso8601, Rfc3339};
    use time::{OffsetDateTime, PrimitiveDateTime};
    let raw = raw.trim();
    if let Ok(t) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    if let Ok(t) = OffsetDateTime::parse(raw, &Iso8601::DEFAULT) {
        return Some(t.unix_timestamp());
    }
    let with_t = raw.replacen(' ', "T", 1);
    PrimitiveDateTime::parse(&with_t, &Iso8601::DEFAULT)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_required_and_optional_fields() {
        let parsed = parse_post_line(
            r#"{"id":"a1","text":"hello","author":"ann","created":"2024-05-01T12:00:00Z","url":null}"#,
        )
        .unwrap();
        assert_eq!(parsed.post.id, "a1");
        assert_eq!(parsed.post.author.as_deref(), Some("ann"));
        assert_eq!(parsed.post.created, Some(1_714_564_800));
        assert_eq!(parsed.post.url, None);
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn a_json_lines_stream_reports_bad_lines_and_keeps_the_rest() {
        let input = b"{\"id\":\"a\",\"text\":\"x\"}\n\n  \n{\"id\":\"a\",\"text\":\"y\"}\nnope\n\xff\n{\"id\":\"b\",\"text\":\"z\"}";
        let mut messages = Vec::new();
        let read = read_post_lines(&input[..], |m| messages.push(m));
        let ids: Vec<&str> = read.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(read.bad_lines, 3);
        assert!(messages[0].starts_with("line 4: repeated id \"a\""), "{messages:?}");
        assert!(messages[1].starts_with("line 5: not valid JSON"), "{messages:?}");
        assert!(messages[2].starts_with("line 6: unreadable"), "{messages:?}");
    }

    #[test]
    fn new_account_is_a_flag_read_as_moderator_is() {
        let marked = parse_post_line(r#"{"id":"a","text":"t","site":"hacker-news","new_account":true}"#).unwrap();
        assert!(marked.post.new_account);
        assert!(!parse_post_line(r#"{"id":"a","text":"t","new_account":null}"#).unwrap().post.new_account);
        assert!(!parse_post_line(r#"{"id":"a","text":"t"}"#).unwrap().post.new_account);
        assert!(parse_post_line(r#"{"id":"a","text":"t","new_account":"yes"}"#)
            .unwrap_err()
            .contains("\"new_account\" must be true, false or null"));
        // Written only when set, so the JSON of an ordinary post is unchanged.
        assert_eq!(serde_json::to_string(&Post::new("a", "t")).unwrap(), r#"{"id":"a","text":"t"}"#);
        assert!(serde_json::to_string(&marked.post).unwrap().contains(r#""new_account":true"#));
    }

    #[test]
    fn timestamps_without_offset_are_utc() {
        assert_eq!(parse_timestamp("2024-05-01T12:00:00"), Some(1_714_564_800));
        assert_eq!(parse_timestamp("2024-05-01 12:00:00"), Some(1_714_564_800));
        assert_eq!(parse_timestamp("2024-05-01T14:00:00+02:00"), Some(1_714_564_800));
        assert_eq!(parse_timestamp("2013-11-07T06:20:48.123"), Some(1_383_805_248));
    }

    #[test]
    fn unreadable_date_is_a_warning_not_an_error() {
        let parsed = parse_post_line(r#"{"id":"a","text":"t","created":"yesterday"}"#).unwrap();
        assert_eq!(parsed.post.created, None);
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].contains("yesterday"));
    }

    #[test]
    fn malformed_records_say_what_is_wrong() {
        assert!(parse_post_line("{nope").unwrap_err().contains("not valid JSON"));
        assert!(parse_post_line("[1]").unwrap_err().contains("JSON object"));
        assert!(parse_post_line(r#"{"text":"x"}"#).unwrap_err().contains("missing \"id\""));
        assert!(parse_post_line(r#"{"id":"a"}"#).unwrap_err().contains("missing \"text\""));
        assert!(parse_post_line(r#"{"id":7,"text":"x"}"#).unwrap_err().contains("\"id\" must be a string"));
        assert!(parse_post_line(r#"{"id":"a","text":"x","author":3}"#)
            .unwrap_err()
            .contains("\"author\" must be a string or null"));
    }
}
