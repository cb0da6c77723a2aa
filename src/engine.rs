//! The engine: the posts of one thread (a conversation) in, verdicts out, incrementally.
//!
//! Design:
//! - Each post is fingerprinted once (`normalize` → `similarity`) and assessed once by the AI
//!   model. Near-copies are joined in a union-find whose root is always the earliest member, so
//!   a cluster's id (derived from its root's post id) is the same however the posts were batched.
//! - Candidate pairs come from the LSH index; a candidate already in our cluster is skipped. The
//!   clusters are the connected components of the "near copies" graph over LSH candidates, which
//!   does not depend on arrival order or batch boundaries.
//! - Exact copies of a text join their first occurrence directly and stay out of the LSH
//!   buckets: a flood of identical spam then costs one lookup each, not a bucket scan.
//! - A verdict is a pure function of the post, its cluster's facts and the settings. Every fact
//!   it uses (copies, distinct authors, the busiest one-hour burst, links shared by several
//!   authors) can only grow as the thread grows, so a level never falls as more posts arrive;
//!   only `set_settings` can lower one: a hint that comes and goes as a thread loads is flicker,
//!   and readers stop trusting it.
//! - An edited post (same id, new text) rebuilds the thread from its posts: edits are rare, and
//!   union-find cannot split a cluster.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::ai::{self, AiAssessment};
use crate::hash::fnv1a;
use crate::normalize::fingerprint_form;
use crate::post::Post;
use crate::similarity::{fingerprint, near_copies, Fingerprint, LshIndex};
use crate::verdict::{Level, Reason, ReasonKind, Sensitivity, Settings, Verdict};

/// Copies posted within this window of each other count as one burst (Pacheco et al., ICWSM
/// 2021: coordination shows as the same text from different accounts within a short interval).
const BURST_WINDOW_SECS: i64 = 3600;

/// Moderator bots repeat their boilerplate by design (AutoModerator posts the same notice in
/// every thread it acts on): never a campaign.
const CAMPAIGN_EXEMPT_AUTHORS: &[&str] = &["automoderator"];

/// A near-duplicate group, for the moderator panel and `chaff scan`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    pub id: String,
    /// Post ids, in order of arrival.
    pub members: Vec<String>,
    /// Distinct authors, in order of first appearance.
    pub authors: Vec<String>,
    /// Earliest and latest `created` among members (Unix seconds), when known.
    pub first: Option<i64>,
    pub last: Option<i64>,
    /// How long the cluster took to be posted, in the words of the reasons ("within 3 minutes"),
    /// when the times are known: the one wording of a time span, which the panel, the
    /// playground and `chaff scan` show as it is.
    pub span: Option<String>,
    /// The start of the earliest member's text.
    pub snippet: String,
    /// Full links that several authors in this cluster shared.
    pub shared_links: Vec<String>,
}

struct Entry {
    post: Post,
    fingerprint: Option<Fingerprint>,
    ai: AiAssessment,
    /// Full links (scheme, host and path) found in the text, for the shared-link fact.
    links: Vec<String>,
    /// The verdict last handed out, to report only changes.
    emitted: Option<Verdict>,
}

/// The scoring state of one thread being read. See the module note.
pub struct Engine {
    settings: Settings,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    first_exact: HashMap<u64, usize>,
    lsh: LshIndex,
    parent: Vec<usize>,
}

impl Engine {
    pub fn new(settings: Settings) -> Engine {
        Engine {
            settings,
            entries: Vec::new(),
            by_id: HashMap::new(),
            first_exact: HashMap::new(),
            lsh: LshIndex::default(),
            parent: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Adds a batch of posts. Returns the verdicts of the posts that are new (or edited) and of
    /// earlier posts whose verdict changed because their cluster grew, in arrival order.
    /// A post whose id is already known with the same text is ignored (re-rendered nodes).
    pub fn add(&mut self, posts: Vec<Post>) -> Vec<Verdict> {
        let mut edited = false;
        let mut fresh = Vec::new();
        for post in posts {
            match self.by_id.get(&post.id) {
                Some(&i) if self.entries[i].post.text == post.text => {}
                Some(&i) => {
                    self.entries[i] = self.new_entry(post);
                    edited = true;
                }
                None => {
                    let i = self.entries.len();
                    self.by_id.insert(post.id.clone(), i);
                    let entry = self.new_entry(post);
                    self.entries.push(entry);
                    self.parent.push(i);
                    fresh.push(i);
                }
            }
        }
        if edited {
            self.rebuild_clusters();
            return self.refresh((0..self.entries.len()).collect());
        }
        for &i in &fresh {
            self.link(i);
        }
        let touched: BTreeSet<usize> = fresh.iter().map(|&i| self.find(i)).collect();
        let mut affected = fresh;
        for i in 0..self.entries.len() {
            if self.entries[i].emitted.is_some() && touched.contains(&self.find(i)) {
                affected.push(i);
            }
        }
        self.refresh(affected)
    }

    /// Every verdict, in order of first arrival.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let facts = self.cluster_facts();
        (0..self.entries.len()).map(|i| self.verdict_for(i, &facts)).collect()
    }

    /// The current verdict of one post.
    pub fn verdict(&self, id: &str) -> Option<Verdict> {
        let &i = self.by_id.get(id)?;
        Some(self.verdict_for(i, &self.cluster_facts()))
    }

    /// Changes the settings and returns the verdicts that changed. The only way a level drops.
    pub fn set_settings(&mut self, settings: Settings) -> Vec<Verdict> {
        if settings.sensitivity != self.settings.sensitivity {
            for entry in &mut self.entries {
                entry.ai = assess_post(&entry.post, settings.sensitivity);
            }
        }
        self.settings = settings;
        self.refresh((0..self.entries.len()).collect())
    }

    /// The near-duplicate clusters (2+ posts), ordered by their earliest member.
    pub fn clusters(&self) -> Vec<ClusterSummary> {
        let facts = self.cluster_facts();
        let mut roots: Vec<&usize> = facts.keys().collect();
        roots.sort();
        roots
            .into_iter()
            .map(|root| {
                let fact = &facts[root];
                let first_post = &self.entries[*root].post;
                ClusterSummary {
                    id: cluster_id(&first_post.id),
                    members: fact.members.iter().map(|&m| self.entries[m].post.id.clone()).collect(),
                    authors: fact.authors.clone(),
                    first: fact.first,
                    last: fact.last,
                    span: span_words(fact.first, fact.last),
                    snippet: snippet(&first_post.text, 160),
                    shared_links: fact.shared_links.clone(),
                }
            })
            .collect()
    }

    fn new_entry(&self, post: Post) -> Entry {
        let exempt = post
            .author
            .as_deref()
            .is_some_and(|a| CAMPAIGN_EXEMPT_AUTHORS.contains(&a.to_lowercase().as_str()));
        let fingerprint = if exempt { None } else { fingerprint(&fingerprint_form(own_text(&post))) };
        Entry {
            ai: assess_post(&post, self.settings.sensitivity),
            links: full_links(&post.text),
            fingerprint,
            post,
            emitted: None,
        }
    }

    /// Joins post `i` to every earlier near-copy the index proposes.
    fn link(&mut self, i: usize) {
        let Some(fp) = self.entries[i].fingerprint.clone() else { return };
        if let Some(&first) = self.first_exact.get(&fp.exact) {
            self.union(first, i);
            return;
        }
        self.first_exact.insert(fp.exact, i);
        for candidate in self.lsh.insert(i, &fp) {
            if self.find(candidate) == self.find(i) {
                continue;
            }
            let other = self.entries[candidate].fingerprint.as_ref().expect("indexed posts have fingerprints");
            if near_copies(&fp, other) {
                self.union(candidate, i);
            }
        }
    }

    fn rebuild_clusters(&mut self) {
        self.first_exact.clear();
        self.lsh = LshIndex::default();
        self.parent = (0..self.entries.len()).collect();
        for i in 0..self.entries.len() {
            self.link(i);
        }
    }

    fn find(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        // The earliest member stays the root: cluster ids do not depend on batching.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child] = root;
        // Path halving keeps later finds short without changing which node is the root.
        for start in [a, b] {
            let mut node = start;
            while self.parent[node] != node {
                let next = self.parent[node];
                self.parent[node] = root;
                node = next;
            }
        }
    }

    /// Recomputes the verdicts of `indices`, stores them, and returns those that changed.
    fn refresh(&mut self, mut indices: Vec<usize>) -> Vec<Verdict> {
        indices.sort_unstable();
        indices.dedup();
        let facts = self.cluster_facts_for(&indices);
        let mut changed = Vec::new();
        for i in indices {
            let verdict = self.verdict_for(i, &facts);
            if self.entries[i].emitted.as_ref() != Some(&verdict) {
                self.entries[i].emitted = Some(verdict.clone());
                changed.push(verdict);
            }
        }
        changed
    }

    fn cluster_facts(&self) -> HashMap<usize, ClusterFacts> {
        self.cluster_facts_for(&(0..self.entries.len()).collect::<Vec<_>>())
    }

    /// Facts of the clusters (2+ members) that contain any of `indices`, keyed by root.
    fn cluster_facts_for(&self, indices: &[usize]) -> HashMap<usize, ClusterFacts> {
        let wanted: BTreeSet<usize> = indices.iter().map(|&i| self.find(i)).collect();
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..self.entries.len() {
            let root = self.find(i);
            if wanted.contains(&root) {
                members.entry(root).or_default().push(i);
            }
        }
        members
            .into_iter()
            .filter(|(_, m)| m.len() >= 2)
            .map(|(root, m)| (root, ClusterFacts::gather(&self.entries, m)))
            .collect()
    }

    fn verdict_for(&self, i: usize, facts: &HashMap<usize, ClusterFacts>) -> Verdict {
        let entry = &self.entries[i];
        let root = self.find(i);
        let cluster = facts.get(&root);
        let trusted = entry.post.author.as_deref().is_some_and(|a| is_trusted(&self.settings, a));
        let mut verdict = Verdict {
            id: entry.post.id.clone(),
            level: Level::Ok,
            score: 0.0,
            ai: entry.ai.likelihood,
            ai_judged: entry.ai.judged,
            cluster: cluster.map(|_| cluster_id(&self.entries[root].post.id)),
            copies: cluster.map_or(0, |c| c.members.len() as u32 - 1),
            authors: cluster.map_or(0, |c| c.authors.len() as u32),
            reasons: Vec::new(),
        };
        if trusted {
            return verdict;
        }
        let mut level = Level::Ok;
        let mut score: f32 = 0.0;
        if let Some(c) = cluster {
            let judged = judge_cluster(c, self.settings.sensitivity);
            level = level.max(judged.level);
            score = score.max(judged.score);
            verdict.reasons.extend(judged.reasons);
        }
        if entry.ai.judged {
            score = score.max(entry.ai.likelihood);
            if entry.ai.level > Level::Ok {
                level = level.max(entry.ai.level);
                verdict.reasons.push(Reason { kind: ReasonKind::AiText, text: ai_reason(&entry.ai) });
            }
        }
        verdict.level = level;
        verdict.score = round3(score);
        verdict
    }
}

/// What a cluster's members say together. Every field only grows as members join.
struct ClusterFacts {
    members: Vec<usize>,
    authors: Vec<String>,
    first: Option<i64>,
    last: Option<i64>,
    /// The most members posted within any one `BURST_WINDOW_SECS`.
    busiest_burst: usize,
    shared_links: Vec<String>,
}

impl ClusterFacts {
    fn gather(entries: &[Entry], members: Vec<usize>) -> ClusterFacts {
        let mut authors: Vec<String> = Vec::new();
        for &m in &members {
            if let Some(a) = &entries[m].post.author {
                if !authors.contains(a) {
                    authors.push(a.clone());
                }
            }
        }
        let mut times: Vec<i64> = members.iter().filter_map(|&m| entries[m].post.created).collect();
        times.sort_unstable();
        let mut busiest_burst = 0;
        let mut start = 0;
        for end in 0..times.len() {
            while times[end] - times[start] > BURST_WINDOW_SECS {
                start += 1;
            }
            busiest_burst = busiest_burst.max(end - start + 1);
        }
        let mut link_authors: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for &m in &members {
            let Some(author) = entries[m].post.author.as_deref() else { continue };
            for link in &entries[m].links {
                link_authors.entry(link).or_default().insert(author);
            }
        }
        let mut shared_links: Vec<String> =
            link_authors.into_iter().filter(|(_, a)| a.len() >= 2).map(|(l, _)| l.to_string()).collect();
        shared_links.sort();
        ClusterFacts {
            first: times.first().copied(),
            last: times.last().copied(),
            members,
            authors,
            busiest_burst,
            shared_links,
        }
    }
}

struct ClusterJudgement {
    level: Level,
    score: f32,
    reasons: Vec<Reason>,
}

/// The duplicate and coordination part of a verdict. Monotone in every fact it reads.
fn judge_cluster(c: &ClusterFacts, sensitivity: Sensitivity) -> ClusterJudgement {
    let copies = c.members.len() - 1;
    let authors = c.authors.len();
    let coordinated = authors >= 2 && (c.busiest_burst >= 3 || !c.shared_links.is_empty());
    // Copies needed before a cluster is a notice, and before it is suspect. Two people can
    // post the same sentence by chance (a quote, a lyric): one copy is worth a notice at most,
    // unless the copies come from several accounts in a burst or share a link.
    let (notice_at, suspect_at) = match sensitivity {
        Sensitivity::Low => (2, 4),
        Sensitivity::Medium => (1, 2),
        Sensitivity::High => (1, 1),
    };
    let mut level = Level::Ok;
    if copies >= notice_at {
        level = Level::Notice;
    }
    if copies >= suspect_at || (coordinated && copies >= notice_at) {
        level = Level::Suspect;
    }
    // 1 copy → 0.5, 2 → 0.67, 4 → 0.8, … approaching 1; coordination adds a fixed step.
    let mut score = copies as f32 / (copies as f32 + 1.0);
    if coordinated {
        score = (score + 0.15).min(1.0);
    }

    let mut reasons = vec![Reason { kind: ReasonKind::Duplicate, text: duplicate_reason(c) }];
    if coordinated {
        let mut parts = Vec::new();
        if c.busiest_burst >= 3 {
            parts.push(format!("{} copies within one hour", c.busiest_burst));
        }
        match c.shared_links.as_slice() {
            [] => {}
            [one] => parts.push(format!("the same link shared by different accounts: {one}")),
            many => parts.push(format!("{} links shared by different accounts, such as {}", many.len(), many[0])),
        }
        reasons.push(Reason {
            kind: ReasonKind::Coordination,
            text: format!("{} accounts posted this text: {}", authors, parts.join("; ")),
        });
    }
    ClusterJudgement { level, score, reasons }
}

fn duplicate_reason(c: &ClusterFacts) -> String {
    let copies = c.members.len() - 1;
    let mut text = if copies == 1 {
        "1 near-copy of this text in this thread".to_string()
    } else {
        format!("{copies} near-copies of this text in this thread")
    };
    if c.authors.len() >= 2 {
        text.push_str(&format!(" by {} authors", c.authors.len()));
    }
    if let (Some(first), Some(last)) = (c.first, c.last) {
        if c.members.len() >= 2 && last > first {
            text.push_str(&format!(" within {}", human_span(last - first)));
        }
    }
    text
}

fn ai_reason(ai: &AiAssessment) -> String {
    let pct = (ai.likelihood * 100.0).round() as u32;
    if ai.markers.is_empty() {
        format!("its wording and style resemble machine-written text ({pct}% likely)")
    } else {
        let quoted: Vec<String> = ai.markers.iter().take(4).map(|m| format!("'{m}'")).collect();
        format!(
            "phrases often overused by language models: {} ({pct}% likely machine-written)",
            quoted.join(", ")
        )
    }
}

/// "within 3 minutes" for posts made between `first` and `last` (Unix seconds), when both are known.
pub fn span_words(first: Option<i64>, last: Option<i64>) -> Option<String> {
    let (first, last) = (first?, last?);
    Some(format!("within {}", human_span((last - first).abs())))
}

fn human_span(secs: i64) -> String {
    let plural = |n: i64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    match secs {
        s if s < 60 => plural(s.max(1), "second"),
        s if s < 3600 => plural((s + 30) / 60, "minute"),
        s if s < 2 * 86400 => plural((s + 1800) / 3600, "hour"),
        s => plural((s + 43200) / 86400, "day"),
    }
}

/// The text a post's author wrote, for fingerprints: the body, or the title of a link post.
fn own_text(post: &Post) -> &str {
    if post.text.trim().is_empty() {
        post.title.as_deref().unwrap_or("")
    } else {
        &post.text
    }
}

fn assess_post(post: &Post, sensitivity: Sensitivity) -> AiAssessment {
    ai::assess(own_text(post), post.site.as_deref(), sensitivity)
}

fn is_trusted(settings: &Settings, author: &str) -> bool {
    let bare = |name: &str| name.trim().trim_start_matches("u/").trim_start_matches('@').to_lowercase();
    let author = bare(author);
    settings.trusted_authors.iter().any(|t| bare(t) == author)
}

/// Full links in a text: `http(s)://host/path`, trailing punctuation trimmed, case of the
/// host folded. Query strings are kept: a tracking code shared by several accounts is a signal.
fn full_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    for word in text.split_whitespace() {
        let Some(start) = word.find("http://").or_else(|| word.find("https://")) else { continue };
        let link = word[start..].trim_end_matches(|c: char| ".,;:!?)]}>\"'".contains(c));
        let Some((scheme, rest)) = link.split_once("://") else { continue };
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() {
            continue;
        }
        let link = format!("{}://{}{}", scheme.to_lowercase(), host.to_lowercase(), path);
        if !links.contains(&link) {
            links.push(link);
        }
    }
    links
}

/// Opaque, stable id of a cluster: a hash of its earliest member's post id.
fn cluster_id(root_post_id: &str) -> String {
    let hash = fnv1a(&[root_post_id.as_bytes()]);
    format!("c{:012x}", hash >> 16)
}

fn snippet(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        collapsed
    } else {
        let cut: String = collapsed.chars().take(max_chars - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn round3(x: f32) -> f32 {
    (x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// Scores a whole thread at once.
pub fn score_thread(posts: Vec<Post>, settings: Settings) -> Vec<Verdict> {
    let mut engine = Engine::new(settings);
    engine.add(posts);
    engine.verdicts()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(id: &str, author: &str, created: i64, text: &str) -> Post {
        Post { author: Some(author.into()), created: Some(created), ..Post::new(id, text) }
    }

    const PROMO: &str = "Hey everyone check out my new channel, I post cover songs every week and would love your support";

    fn campaign() -> Vec<Post> {
        vec![
            post("a", "ann", 1000, "I think the second verse is the best part of this song, the bass line is great"),
            post("s1", "spam1", 1010, PROMO),
            post("b", "bob", 1020, "Does anyone know where the music video was filmed? The beach looks familiar"),
            post("s2", "spam2", 1100, &format!("{PROMO} xq7r2k")),
            post("s3", "spam3", 1200, &format!("{PROMO}!!")),
            post("c", "cat", 1300, "thanks!"),
            post("d", "dan", 1310, "thanks!"),
        ]
    }

    #[test]
    fn copies_by_several_authors_in_a_burst_are_suspect() {
        let verdicts = score_thread(campaign(), Settings::default());
        let by_id: HashMap<_, _> = verdicts.iter().map(|v| (v.id.as_str(), v)).collect();
        for id in ["s1", "s2", "s3"] {
            let v = by_id[id];
            assert_eq!(v.level, Level::Suspect, "{id}: {v:?}");
            assert_eq!(v.copies, 2);
            assert_eq!(v.authors, 3);
            assert_eq!(v.cluster, by_id["s1"].cluster);
            assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::Duplicate));
            assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::Coordination));
        }
        assert_eq!(by_id["a"].cluster, None);
        assert_eq!(by_id["a"].copies, 0);
    }

    #[test]
    fn duplicate_reason_counts_copies_authors_and_time() {
        let verdicts = score_thread(campaign(), Settings::default());
        let reason = &verdicts[1].reasons[0].text;
        assert_eq!(reason, "2 near-copies of this text in this thread by 3 authors within 3 minutes");
    }

    #[test]
    fn common_short_replies_are_never_a_campaign() {
        let verdicts = score_thread(campaign(), Settings::default());
        let thanks: Vec<_> = verdicts.iter().filter(|v| v.id == "c" || v.id == "d").collect();
        assert!(thanks.iter().all(|v| v.cluster.is_none() && v.level == Level::Ok));
    }

    #[test]
    fn automoderator_and_deleted_bodies_never_cluster() {
        let mut posts = Vec::new();
        for i in 0..5 {
            posts.push(post(&format!("m{i}"), "AutoModerator", 100, "Please remember the rules of this subreddit: be civil and cite your sources."));
            posts.push(post(&format!("d{i}"), "[deleted]", 100, "[deleted]"));
            posts.push(post(&format!("r{i}"), &format!("user{i}"), 100, "[removed]"));
        }
        assert!(score_thread(posts, Settings::default()).iter().all(|v| v.cluster.is_none()));
    }

    #[test]
    fn verdicts_do_not_depend_on_batch_boundaries() {
        let posts = campaign();
        let all_at_once = score_thread(posts.clone(), Settings::default());
        let mut one_by_one = Engine::new(Settings::default());
        for p in posts.clone() {
            one_by_one.add(vec![p]);
        }
        assert_eq!(one_by_one.verdicts(), all_at_once);
        let mut in_pairs = Engine::new(Settings::default());
        for pair in posts.chunks(2) {
            in_pairs.add(pair.to_vec());
        }
        assert_eq!(in_pairs.verdicts(), all_at_once);
    }

    #[test]
    fn levels_rise_but_never_fall_as_the_thread_grows() {
        let mut engine = Engine::new(Settings::default());
        let mut seen: HashMap<String, Level> = HashMap::new();
        for p in campaign() {
            for v in engine.add(vec![p]) {
                let before = seen.get(&v.id).copied().unwrap_or(Level::Ok);
                assert!(v.level >= before, "{} fell from {before:?} to {:?}", v.id, v.level);
                seen.insert(v.id.clone(), v.level);
            }
        }
        assert_eq!(seen["s1"], Level::Suspect);
    }

    #[test]
    fn adding_a_copy_reports_the_earlier_members_that_changed() {
        let mut engine = Engine::new(Settings::default());
        engine.add(campaign()[..4].to_vec());
        let changed = engine.add(vec![campaign()[4].clone()]);
        let ids: Vec<&str> = changed.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2", "s3"]);
    }

    #[test]
    fn re_adding_a_known_post_changes_nothing() {
        let mut engine = Engine::new(Settings::default());
        engine.add(campaign());
        assert!(engine.add(campaign()).is_empty());
        assert_eq!(engine.len(), campaign().len());
    }

    #[test]
    fn an_edited_post_is_rescored() {
        let mut engine = Engine::new(Settings::default());
        engine.add(campaign());
        let edit = post("s3", "spam3", 1200, "Actually I changed my mind, the chorus is where this song really shines");
        let changed = engine.add(vec![edit]);
        let s3 = changed.iter().find(|v| v.id == "s3").expect("the edited post is reported");
        assert_eq!(s3.cluster, None);
        assert_eq!(engine.verdict("s1").unwrap().copies, 1);
    }

    #[test]
    fn trusted_authors_are_never_flagged() {
        let settings = Settings { trusted_authors: vec!["u/Spam2".into()], ..Settings::default() };
        let verdicts = score_thread(campaign(), settings);
        let s2 = verdicts.iter().find(|v| v.id == "s2").unwrap();
        assert_eq!(s2.level, Level::Ok);
        assert!(s2.reasons.is_empty());
        assert_eq!(verdicts.iter().find(|v| v.id == "s1").unwrap().level, Level::Suspect);
    }

    #[test]
    fn only_a_settings_change_lowers_a_level() {
        let mut engine = Engine::new(Settings::default());
        engine.add(campaign()[..4].to_vec());
        assert_eq!(engine.verdict("s1").unwrap().level, Level::Notice);
        let low = Settings { sensitivity: Sensitivity::Low, ..Settings::default() };
        let changed = engine.set_settings(low);
        assert!(changed.iter().any(|v| v.id == "s1" && v.level == Level::Ok));
    }

    #[test]
    fn a_link_shared_by_different_authors_is_coordination() {
        let text = "Free gift cards for the first hundred people who sign up today at https://promo.example.com/claim?ref=77";
        let posts = vec![post("x", "one", 0, text), post("y", "two", 90_000, text)];
        let verdicts = score_thread(posts, Settings::default());
        assert_eq!(verdicts[0].level, Level::Suspect);
        let coordination = verdicts[0].reasons.iter().find(|r| r.kind == ReasonKind::Coordination).unwrap();
        assert!(coordination.text.contains("https://promo.example.com/claim?ref=77"), "{}", coordination.text);
    }

    #[test]
    fn clusters_list_members_authors_and_span() {
        let mut engine = Engine::new(Settings::default());
        engine.add(campaign());
        let clusters = engine.clusters();
        assert_eq!(clusters.len(), 1);
        let c = &clusters[0];
        assert_eq!(c.members, ["s1", "s2", "s3"]);
        assert_eq!(c.authors, ["spam1", "spam2", "spam3"]);
        assert_eq!((c.first, c.last), (Some(1010), Some(1200)));
        assert_eq!(Some(&c.id), engine.verdict("s2").unwrap().cluster.as_ref());
    }

    #[test]
    fn full_links_keep_path_and_query_and_drop_trailing_punctuation() {
        assert_eq!(
            full_links("see (https://Example.COM/a/b?x=1), and http://t.co!"),
            ["https://example.com/a/b?x=1", "http://t.co"]
        );
    }

    #[test]
    fn spans_read_as_people_say_them() {
        assert_eq!(human_span(30), "30 seconds");
        assert_eq!(human_span(360), "6 minutes");
        assert_eq!(human_span(3 * 3600), "3 hours");
        assert_eq!(human_span(5 * 86400), "5 days");
    }
}
