//! `chaff scan PAGE.html [--site auto|NAME] [--out ANNOTATED.html] [--json]`:
//! a saved thread page of a site in src/sites.json (Reddit, old Reddit, X, Hacker News, GitHub,
//! Bluesky, YouTube) → its posts (lol_html, rules from src/sites.json) → one
//! `Engine` → a report a person reads, or (`--json`) the verdicts in the `chaff score` format,
//! and (`--out`) the page written back with a badge beside each notice or suspect post.
//!
//! Design: the report leads with what needs a look (suspects, then notices, each with its
//! reasons) and then the clusters with their members, so a moderator can check the copies side
//! by side; everything `ok` is only counted. Errors name the file and what to do, and exit 2
//! like the other subcommands' usage errors.

use std::collections::HashMap;
use std::process::ExitCode;

use chaff_page::{annotate, detect_site, extract_posts, Site};
use chaff::{ClusterSummary, Engine, Level, Post, Settings, Verdict};

const USAGE: &str = "usage: chaff scan PAGE.html [--site auto|reddit|old-reddit|x|hacker-news|github|bluesky|youtube] \
                     [--out ANNOTATED.html] [--json]";

struct Options {
    page: String,
    site: Option<Site>,
    out: Option<String>,
    json: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut page = None;
    let mut site = None;
    let mut out = None;
    let mut json = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--site" => {
                let value = rest.next().ok_or_else(|| format!("--site needs a value: auto, {}", Site::NAMES))?;
                site = match value.as_str() {
                    "auto" => None,
                    name => Some(name.parse::<Site>().map_err(|e| e.to_string())?),
                };
            }
            "--out" => out = Some(rest.next().ok_or("--out needs a file name")?.clone()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path if page.is_none() => page = Some(path.to_string()),
            extra => return Err(format!("one page at a time ({extra:?} is a second one)")),
        }
    }
    let page = page.ok_or("which page? give the path of a saved .html page")?;
    Ok(Options { page, site, out, json })
}

pub fn run(args: &[String]) -> ExitCode {
    let options = match parse_args(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("chaff scan: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match scan(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("chaff scan: {e}");
            ExitCode::from(2)
        }
    }
}

fn scan(options: &Options) -> Result<(), String> {
    let bytes = std::fs::read(&options.page).map_err(|e| format!("cannot read {}: {e}", options.page))?;
    // Saved pages are UTF-8 in practice; a stray invalid byte should not make the page unreadable.
    let html = String::from_utf8_lossy(&bytes);
    let (site, detected) = match options.site {
        Some(site) => (site, false),
        None => (
            detect_site(&html).ok_or_else(|| {
                format!(
                    "{} does not look like a thread page of a site chaff reads; \
                     pass --site NAME ({}) if it is one",
                    options.page,
                    Site::NAMES
                )
            })?,
            true,
        ),
    };
    let posts = extract_posts(&html, site).map_err(|e| e.to_string())?;
    if posts.is_empty() {
        return Err(format!("no {site} posts found in {} (is it a thread page of that site?)", options.page));
    }

    let mut engine = Engine::new(Settings::default());
    engine.add(posts.clone());
    let verdicts = engine.verdicts();

    if let Some(out) = &options.out {
        let annotated = annotate(&html, site, &verdicts).map_err(|e| e.to_string())?;
        std::fs::write(out, annotated).map_err(|e| format!("cannot write {out}: {e}"))?;
    }
    let mut output = String::new();
    if options.json {
        for verdict in &verdicts {
            output.push_str(&serde_json::to_string(verdict).map_err(|e| e.to_string())?);
            output.push('\n');
        }
    } else {
        output = report(&options.page, site, detected, &posts, &verdicts, &engine.clusters());
        if let Some(out) = &options.out {
            output.push_str(&format!("annotated page: {out}\n"));
        }
    }
    write_stdout(&output)
}

/// Writes to stdout; a reader that stops early (`chaff scan … | head`) is not an error.
fn write_stdout(text: &str) -> Result<(), String> {
    use std::io::{ErrorKind, Write};
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(format!("cannot write the report: {e}")),
        _ => Ok(()),
    }
}

/// The readable report.
fn report(page: &str, site: Site, detected: bool, posts: &[Post], verdicts: &[Verdict], clusters: &[ClusterSummary]) -> String {
    let by_id: HashMap<&str, &Post> = posts.iter().map(|p| (p.id.as_str(), p)).collect();
    let count = |level| verdicts.iter().filter(|v| v.level == level).count();
    let mut out = String::new();
    out.push_str(&format!("chaff scan {page}\n"));
    out.push_str(&format!(
        "site: {site}{}   posts: {}   suspect: {}   notice: {}   ok: {}\n",
        if detected { " (detected)" } else { "" },
        posts.len(),
        count(Level::Suspect),
        count(Level::Notice),
        count(Level::Ok),
    ));
    for level in [Level::Suspect, Level::Notice] {
        let flagged: Vec<&Verdict> = verdicts.iter().filter(|v| v.level == level).collect();
        if flagged.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} ({}):\n", level.as_str(), flagged.len()));
        for verdict in flagged {
            let post = by_id.get(verdict.id.as_str());
            let author = post.and_then(|p| p.author.as_deref()).unwrap_or("?");
            let text = post.map(|p| p.text.as_str()).unwrap_or("");
            out.push_str(&format!("  {}  by {}  \"{}\"\n", verdict.id, author, snippet(text, 70)));
            for reason in &verdict.reasons {
                out.push_str(&format!("      {}: {}\n", kind_word(reason), reason.text));
            }
        }
    }
    if !clusters.is_empty() {
        out.push_str(&format!("\nclusters ({}):\n", clusters.len()));
        for cluster in clusters {
            let authors = cluster.authors.len();
            out.push_str(&format!(
                "  {}  {} posts by {} {}{}  \"{}\"\n",
                cluster.id,
                cluster.members.len(),
                authors,
                if authors == 1 { "author" } else { "authors" },
                span(cluster),
                snippet(&cluster.snippet, 60),
            ));
            for member in &cluster.members {
                let author = by_id.get(member.as_str()).and_then(|p| p.author.as_deref()).unwrap_or("?");
                out.push_str(&format!("      {member}  by {author}\n"));
            }
        }
    }
    if count(Level::Suspect) + count(Level::Notice) == 0 {
        out.push_str("\nnothing to flag: no near-copy campaigns or machine-styled posts found.\n");
    }
    out.push_str("\nchaff gives hints, not verdicts: read the posts before acting on them.\n");
    out
}

fn kind_word(reason: &chaff::Reason) -> String {
    serde_json::to_value(reason.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{:?}", reason.kind))
}

/// The first `max` characters of a text on one line.
fn snippet(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// ", within 6 minutes (2024-11-07 10:02 – 10:07 UTC)" when the cluster's times are known; the
/// wording is the engine's own (`ClusterSummary::span`).
fn span(cluster: &ClusterSummary) -> String {
    let (Some(words), Some(first), Some(last)) = (&cluster.span, cluster.first, cluster.last) else {
        return String::new();
    };
    format!(", {words} ({} – {} UTC)", utc(first), utc(last))
}

fn utc(secs: i64) -> String {
    use time::OffsetDateTime;
    match OffsetDateTime::from_unix_timestamp(secs) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => secs.to_string(),
    }
}
