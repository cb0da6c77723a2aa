//! The engine: the posts of one thread (a conversation) in, verdicts out, incrementally.
//!
//! Design:
//! - Each post is fingerprinted once (`normalize` → `similarity`) and assessed once by the AI
//!   model. Near-copies are joined in a union-find (union by size, path compression); the root
//!   of a cluster keeps the cluster's earliest member, so a cluster's id (derived from that
//!   member's post id) is the same however the posts were batched.
//! - Candidate pairs come from the LSH index; a candidate already in our cluster is skipped, and
//!   the near-copy test (exact Jaccard) stops as soon as its answer is certain. The clusters are
//!   the connected components of the "near copies" graph over LSH candidates. That graph does
//!   not depend on batch boundaries, but it does depend on arrival order in one case: an LSH
//!   bucket keeps only its first `BUCKET_CAPACITY` posts (see `similarity`), so under a flood
//!   of near-copies (or among long texts, whose common English shingles meet in many bands) a
//!   later post is compared only with the earliest posts of each full bucket. A near-copy pair
//!   that meets only in full buckets is then joined only if some earlier post ties them; the
//!   same posts in another order can cluster differently. Batching never matters: the order
//!   within and across batches is the order of arrival.
//! - Exact copies of a text join their first occurrence directly and stay out of the LSH
//!   buckets: a flood of identical spam then costs one lookup each, not a bucket scan.
//! - A cluster's facts (members, distinct authors, earliest and latest time, the busiest
//!   one-hour burst, links shared by several authors) live at its root and are updated as a
//!   post joins, or merged smaller-into-larger when two clusters meet: never recomputed from the
//!   members. A batch costs its own posts plus one verdict per member of each cluster it grew
//!   (every such member's verdict changes, its copy count at least), never a walk over the
//!   thread. Those members share one `VerdictPart` (level, cluster, counts, reasons), made once
//!   per cluster and batch (`add_shared`): a member's verdict costs a few words, not its own
//!   copies of the strings (a flood's batches were mostly that copying).
//! - A verdict is a pure function of the post, its cluster's facts and the settings. Every fact
//!   it uses can only grow as the thread grows, so a level never falls as more posts arrive;
//!   only `set_settings` (and an edit, below) can lower one: a hint that comes and goes as a
//!   thread loads is flicker, and readers stop trusting it.
//! - A site's mark of a new account (`Post.new_account`, Hacker News's green name) is a fact, not
//!   evidence: new accounts are mostly new people, and a campaign can use old ones. It never
//!   raises a level; a post already flagged lists it last among its reasons ("account marked new
//!   by Hacker News"), where the reader weighs it. It depends on the post and its level alone, so
//!   it keeps verdicts monotone and the same however the thread was batched.
//! - An edited post (same id, new text) is re-scored, and the cluster it leaves is rebuilt from
//!   its own remaining members (union-find cannot split a cluster): their near-copy links are
//!   found again among themselves, through a fresh LSH index of that cluster alone; then the
//!   post joins whatever its new text is a near-copy of. Nothing else is touched.
//! - Memory: the engine keeps what verdicts and later posts need (id, author, time, links,
//!   fingerprint, AI assessment, the author's own text to assess again under a new sensitivity,
//!   the start of the text for a cluster's snippet).
//!   `forget` drops those records for posts that have left the page; a forgotten post keeps a
//!   union-find node of a few dozen bytes, so its cluster keeps its counts and an exact copy of
//!   it still joins its cluster, but it is no longer an LSH candidate nor listed as a member.
//!   Forgotten members are re-linked only by exact copy when an edit rebuilds their cluster.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::ai::{self, AiAssessment};
use crate::hash::fnv1a;
use crate::normalize::fingerprint_form;
use crate::post::{site_display_name, Post};
use crate::markers::Markers;
use crate::reaction::{is_short_reaction, links_to_own_video};
use crate::similarity::{fingerprint, near_copies, Fingerprint, KeyHasher, LshIndex};
use crate::verdict::{Level, Reason, ReasonKind, Sensitivity, Settings, SharedVerdict, Verdict, VerdictPart};

/// Copies posted within this window of each other count as one burst (Pacheco et al., ICWSM
/// 2021: coordination shows as the same text from different accounts within a short interval).
const BURST_WINDOW_SECS: i64 = 3600;

/// Moderator bots repeat their boilerplate by design (AutoModerator posts the same notice in
/// every thread it acts on): never a campaign.
const CAMPAIGN_EXEMPT_AUTHORS: &[&str] = &["automoderator"];

/// Non-whitespace characters of a post's text kept for a cluster's snippet (the snippet shows
/// 160 characters with whitespace collapsed, so this prefix yields the same snippet).
const SNIPPET_SOURCE_CHARS: usize = 170;
const SNIPPET_CHARS: usize = 160;

/// A near-duplicate group, for the moderator panel and `chaff scan`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    pub id: String,
    /// Post ids, in order of arrival (forgotten posts are not listed, though they count).
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

/// One post ever added: a union-find node and the post's share of its cluster's facts. Kept,
/// small, after the post is forgotten.
struct Node {
    parent: u32,
    /// The next member of its cluster: members form a ring, walked to list or rebuild a cluster.
    next: u32,
    author: Option<u32>,
    created: Option<i64>,
    /// Interned full links of its text.
    links: Box<[u32]>,
    /// Hash of the post's text: a re-sent post with the same text changes nothing.
    text_hash: u64,
    /// Hash of the post id, from which the id of a cluster it is the earliest member of derives.
    id_hash: u64,
    /// The exact-form hash of its fingerprint, if it has one.
    exact: Option<u64>,
    /// Its text is a short reaction (`reaction::is_short_reaction`), what people repeat without
    /// a campaign.
    reaction: bool,
}

/// What the engine keeps of a post still on the page.
struct Entry {
    /// Shared by its reported verdicts.
    id: Arc<str>,
    site: Option<String>,
    /// The author's own text (`own_text`), to assess it again when the sensitivity changes.
    own_text: Box<str>,
    fingerprint: Option<Fingerprint>,
    /// Whether its fingerprint sits in the LSH buckets (exact copies do not).
    indexed: bool,
    ai: AiAssessment,
    /// The reader's marker its text holds, as the reader wrote it.
    marked: Option<Box<str>>,
    /// The site marks its author as a new account.
    new_account: bool,
    /// The start of its text, for the snippet of a cluster it is the earliest member of.
    snippet_source: Box<str>,
}

/// Who shared a link in a cluster: the first author, and whether another one did too.
#[derive(Clone, Copy)]
struct LinkAuthors {
    first: u32,
    shared: bool,
}

/// The facts of a cluster of 2+ members, at its root. Every fact only grows as members join.
struct Cluster {
    /// The earliest member (node index), whose post id names the cluster.
    earliest: u32,
    earliest_id_hash: u64,
    /// The earliest member's snippet, saved when that post is forgotten.
    saved_snippet: Option<String>,
    size: u32,
    authors: HashSet<u32>,
    /// `created` of the members that have one, sorted.
    times: Vec<i64>,
    /// The most members posted within any one `BURST_WINDOW_SECS`.
    busiest: u32,
    links: HashMap<u32, LinkAuthors>,
    /// Links shared by 2+ authors, in the order they became shared.
    shared: Vec<u32>,
    /// Every member is a short reaction. Only falls, as members join.
    all_reactions: bool,
}

impl Cluster {
    fn of(index: u32, node: &Node) -> Cluster {
        let mut cluster = Cluster {
            earliest: index,
            earliest_id_hash: node.id_hash,
            saved_snippet: None,
            size: 0,
            authors: HashSet::new(),
            times: Vec::new(),
            busiest: 0,
            links: HashMap::new(),
            shared: Vec::new(),
            all_reactions: true,
        };
        cluster.absorb(index, node);
        cluster
    }

    /// Adds one member's share of the facts.
    fn absorb(&mut self, index: u32, node: &Node) {
        self.size += 1;
        self.all_reactions &= node.reaction;
        if index < self.earliest {
            self.earliest = index;
            self.earliest_id_hash = node.id_hash;
            self.saved_snippet = None;
        }
        if let Some(author) = node.author {
            self.authors.insert(author);
            for &link in node.links.iter() {
                self.add_link(link, LinkAuthors { first: author, shared: false });
            }
        }
        if let Some(t) = node.created {
            self.add_time(t);
        }
    }

    /// Adds the facts of another cluster, the smaller of the two.
    fn merge(&mut self, other: Cluster) {
        self.size += other.size;
        self.all_reactions &= other.all_reactions;
        if other.earliest < self.earliest {
            self.earliest = other.earliest;
            self.earliest_id_hash = other.earliest_id_hash;
            self.saved_snippet = other.saved_snippet;
        }
        self.authors.extend(other.authors);
        for (link, seen) in other.links {
            self.add_link(link, seen);
        }
        for t in other.times {
            self.add_time(t);
        }
    }

    fn add_link(&mut self, link: u32, seen: LinkAuthors) {
        match self.links.get_mut(&link) {
            None => {
                self.links.insert(link, seen);
                if seen.shared {
                    self.shared.push(link);
                }
            }
            Some(known) if !known.shared && (seen.shared || seen.first != known.first) => {
                known.shared = true;
                self.shared.push(link);
            }
            Some(_) => {}
        }
    }

    /// Inserts a time and updates the busiest burst. One more time raises the busiest count by
    /// at most one, and only through a window that holds it: the busiest grows iff some run of
    /// `busiest + 1` consecutive times through the new one spans at most the window. Checking
    /// those runs costs at most the busiest count, and one step in a dense burst.
    fn add_time(&mut self, t: i64) {
        let at = self.times.partition_point(|&x| x <= t);
        self.times.insert(at, t);
        let run = self.busiest as usize; // a run of run + 1 times: indices j ..= j + run
        let len = self.times.len();
        if run >= len {
            return;
        }
        let lowest = at.saturating_sub(run);
        let highest = at.min(len - 1 - run);
        if (lowest..=highest).any(|j| self.times[j + run] - self.times[j] <= BURST_WINDOW_SECS) {
            self.busiest += 1;
        }
    }
}

/// The cluster part of a verdict, shared by all its members: judged once per cluster and report.
struct Judged {
    id: String,
    copies: u32,
    authors: u32,
    judgement: ClusterJudgement,
    /// The verdict part of its members with no reasons of their own, and of its trusted members:
    /// made on first use, then shared by every such member of the report.
    plain: Option<Arc<VerdictPart>>,
    trusted: Option<Arc<VerdictPart>>,
}

impl Judged {
    fn part(&self, level: Level, reasons: Vec<Reason>) -> VerdictPart {
        VerdictPart { level, cluster: Some(self.id.clone()), copies: self.copies, authors: self.authors, reasons }
    }

    /// The part shared by its trusted members, or by those with no reasons of their own.
    fn shared_part(&mut self, trusted: bool) -> Arc<VerdictPart> {
        if let Some(made) = if trusted { &self.trusted } else { &self.plain } {
            return made.clone();
        }
        let part = Arc::new(match trusted {
            true => self.part(Level::Ok, Vec::new()),
            false => self.part(self.judgement.level, self.judgement.reasons.clone()),
        });
        *(if trusted { &mut self.trusted } else { &mut self.plain }) = Some(part.clone());
        part
    }
}

/// The clusters judged so far in one report (each once, by root), and the part of a post outside
/// any cluster with nothing to say, shared too.
#[derive(Default)]
struct Parts {
    judged: HashMap<u32, Judged>,
    quiet: Option<Arc<VerdictPart>>,
}

/// The scoring state of one thread being read. See the module note.
pub struct Engine {
    settings: Settings,
    /// The reader's markers of `settings`, compiled.
    markers: Markers,
    nodes: Vec<Node>,
    /// `None` once forgotten.
    entries: Vec<Option<Entry>>,
    /// Facts of each cluster of 2+ members, at its root.
    clusters: Vec<Option<Box<Cluster>>>,
    /// (String keys, as the author and link maps: one more key type would be another copy of the
    /// map's code in the content script's WASM.)
    by_id: HashMap<String, u32>,
    first_exact: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    lsh: LshIndex,
    author_ids: HashMap<String, u32>,
    author_names: Vec<String>,
    /// Per author: whether the settings trust them, decided once per author and settings rather
    /// than per verdict (folding the name for every verdict was a tenth of a flood's time).
    author_trusted: Vec<bool>,
    link_ids: HashMap<String, u32>,
    link_names: Vec<String>,
    /// Per node: the last post whose candidates listed it (dedups candidates without sorting).
    seen_by: Vec<u32>,
    candidates: Vec<usize>,
}

impl Engine {
    pub fn new(settings: Settings) -> Engine {
        Engine {
            markers: Markers::new(&settings.markers),
            settings,
            nodes: Vec::new(),
            entries: Vec::new(),
            clusters: Vec::new(),
            by_id: HashMap::new(),
            first_exact: HashMap::default(),
            lsh: LshIndex::default(),
            author_ids: HashMap::new(),
            author_names: Vec::new(),
            author_trusted: Vec::new(),
            link_ids: HashMap::new(),
            link_names: Vec::new(),
            seen_by: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// Posts ever added, forgotten ones included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Adds a batch of posts. Returns the verdicts of the posts that are new (or edited, or seen
    /// again after `forget`) and of earlier posts whose verdict changed because their cluster
    /// grew (or lost an edited post), in arrival order. A post whose id is already known with
    /// the same text is otherwise ignored (re-rendered nodes).
    pub fn add(&mut self, posts: Vec<Post>) -> Vec<Verdict> {
        self.add_shared(posts).iter().map(SharedVerdict::to_verdict).collect()
    }

    /// `add`, with the verdicts in their shared form: the members of a cluster share one
    /// `VerdictPart` (per cluster, and per kind of member: with no reasons of their own, or
    /// trusted), so a batch that grows a cluster of thousands costs a few words per member rather
    /// than five strings (the flood bench, docs/performance.md). What the extension calls.
    pub fn add_shared(&mut self, posts: Vec<Post>) -> Vec<SharedVerdict> {
        let mut fresh: Vec<u32> = Vec::new();
        let mut report: Vec<u32> = Vec::new();
        let mut revived: Vec<u32> = Vec::new();
        for post in posts {
            match self.by_id.get(&post.id).copied() {
                Some(i) if self.nodes[i as usize].text_hash == text_hash(&post.text) => {
                    if self.entries[i as usize].is_none() {
                        // Back on the page after `forget`: scored again, counted once.
                        self.entries[i as usize] = Some(self.new_entry(&post));
                        revived.push(i);
                    }
                }
                Some(i) => report.extend(self.edit(i, post)),
                None => {
                    let i = self.nodes.len() as u32;
                    self.by_id.insert(post.id.clone(), i);
                    let node = self.new_node(i, &post);
                    let entry = self.new_entry(&post);
                    self.nodes.push(node);
                    self.entries.push(Some(entry));
                    self.clusters.push(None);
                    self.seen_by.push(u32::MAX);
                    fresh.push(i);
                }
            }
        }
        for &i in &fresh {
            self.link(i);
        }
        // Every member of a cluster that grew has a new verdict (its copy count changed at least).
        let mut roots: Vec<u32> = fresh.iter().chain(&report).map(|&i| self.find(i)).collect();
        roots.sort_unstable();
        roots.dedup();
        report.extend(fresh);
        report.extend(revived);
        for root in roots {
            if self.clusters[root as usize].is_some() {
                report.extend(self.ring(root)); // `verdicts_of` sorts them, once
            }
        }
        self.verdicts_of(report)
    }

    /// Drops what the engine keeps of posts that have left the page (their text-derived records:
    /// fingerprint, AI assessment, snippet). Their clusters keep counting them; they are no
    /// longer LSH candidates, listed members or in `verdicts`. Unknown ids are ignored. A
    /// forgotten post added again is scored again but counted once.
    pub fn forget<S: AsRef<str>>(&mut self, ids: &[S]) {
        for id in ids {
            let Some(&i) = self.by_id.get(id.as_ref()) else { continue };
            let Some(entry) = self.entries[i as usize].take() else { continue };
            if let (true, Some(fp)) = (entry.indexed, entry.fingerprint.as_ref()) {
                self.lsh.remove(i as usize, fp);
            }
            let root = self.find(i);
            if let Some(cluster) = self.clusters[root as usize].as_mut() {
                if cluster.earliest == i {
                    cluster.saved_snippet = Some(snippet(&entry.snippet_source, SNIPPET_CHARS));
                }
            }
        }
    }

    /// Every verdict of the posts on the page (not forgotten), in order of first arrival.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let mut parts = Parts::default();
        (0..self.entries.len() as u32)
            .filter(|&i| self.entries[i as usize].is_some())
            .map(|i| self.shared_verdict(i, &mut parts).to_verdict())
            .collect()
    }

    /// The current verdict of one post on the page.
    pub fn verdict(&self, id: &str) -> Option<Verdict> {
        let &i = self.by_id.get(id)?;
        self.entries[i as usize].as_ref()?;
        Some(self.shared_verdict(i, &mut Parts::default()).to_verdict())
    }

    /// Changes the settings and returns the verdicts that changed. The only way a level drops
    /// as a thread loads. Walks the whole thread: settings change rarely.
    pub fn set_settings(&mut self, settings: Settings) -> Vec<Verdict> {
        let before = self.verdicts();
        if settings.sensitivity != self.settings.sensitivity {
            for entry in self.entries.iter_mut().flatten() {
                entry.ai = ai::assess(&entry.own_text, entry.site.as_deref(), settings.sensitivity);
            }
        }
        if settings.markers != self.settings.markers {
            self.markers = Markers::new(&settings.markers);
            for entry in self.entries.iter_mut().flatten() {
                entry.marked = self.markers.find(&entry.own_text).map(Into::into);
            }
        }
        if settings.trusted_authors != self.settings.trusted_authors {
            self.author_trusted = self.author_names.iter().map(|name| is_trusted(&settings, name)).collect();
        }
        self.settings = settings;
        self.verdicts().into_iter().zip(before).filter(|(now, then)| now != then).map(|(now, _)| now).collect()
    }

    /// The near-duplicate clusters (2+ posts), ordered by their earliest member.
    pub fn clusters(&self) -> Vec<ClusterSummary> {
        let mut order: Vec<u32> = Vec::new();
        let mut gathered: HashMap<u32, (Vec<String>, Vec<String>)> = HashMap::new();
        for i in 0..self.nodes.len() as u32 {
            let root = self.find_root(i);
            if self.clusters[root as usize].is_none() {
                continue;
            }
            let (members, authors) = gathered.entry(root).or_insert_with(|| {
                order.push(root);
                Default::default()
            });
            if let Some(entry) = &self.entries[i as usize] {
                members.push(entry.id.to_string());
            }
            if let Some(author) = self.nodes[i as usize].author {
                let name = &self.author_names[author as usize];
                if !authors.contains(name) {
                    authors.push(name.clone());
                }
            }
        }
        order
            .into_iter()
            .map(|root| {
                let cluster = self.clusters[root as usize].as_ref().expect("a cluster root");
                let (members, authors) = gathered.remove(&root).expect("gathered above");
                let (first, last) = (cluster.times.first().copied(), cluster.times.last().copied());
                let snippet = match (&self.entries[cluster.earliest as usize], &cluster.saved_snippet) {
                    (Some(entry), _) => snippet(&entry.snippet_source, SNIPPET_CHARS),
                    (None, saved) => saved.clone().unwrap_or_default(),
                };
                ClusterSummary {
                    id: cluster_id(cluster.earliest_id_hash),
                    members,
                    authors,
                    first,
                    last,
                    span: span_words(first, last),
                    snippet,
                    shared_links: self.shared_links(cluster),
                }
            })
            .collect()
    }

    fn new_node(&mut self, index: u32, post: &Post) -> Node {
        let author = post.author.as_ref().map(|a| intern(&mut self.author_ids, &mut self.author_names, a));
        if let Some(author) = author.filter(|&a| a as usize == self.author_trusted.len()) {
            self.author_trusted.push(is_trusted(&self.settings, &self.author_names[author as usize]));
        }
        let mut links: Vec<u32> = Vec::new();
        // A link to the post's own video (YouTube's share text) is no link shared by accounts.
        for link in full_links(&post.text).into_iter().filter(|l| !links_to_own_video(l, post.url.as_deref())) {
            links.push(intern(&mut self.link_ids, &mut self.link_names, &link));
        }
        Node {
            parent: index,
            next: index,
            author,
            created: post.created,
            links: links.into_boxed_slice(),
            text_hash: text_hash(&post.text),
            id_hash: fnv1a(&[post.id.as_bytes()]),
            exact: None,
            reaction: is_short_reaction(own_text(post), post.url.as_deref()),
        }
    }

    /// Scores a post's text: fingerprint and AI assessment. Sets the node's exact hash.
    fn new_entry(&mut self, post: &Post) -> Entry {
        let exempt = post.moderator
            || post.author.as_deref().is_some_and(|a| CAMPAIGN_EXEMPT_AUTHORS.contains(&a.to_lowercase().as_str()));
        let fingerprint = if exempt { None } else { fingerprint(&fingerprint_form(own_text(post))) };
        let snippet_source = match &fingerprint {
            Some(_) => snippet_source(&post.text).into(),
            None => "".into(),
        };
        Entry {
            id: post.id.as_str().into(),
            site: post.site.clone(),
            own_text: own_text(post).into(),
            ai: assess_post(post, self.settings.sensitivity),
            marked: self.markers.find(own_text(post)).map(Into::into),
            new_account: post.new_account,
            fingerprint,
            indexed: false,
            snippet_source,
        }
    }

    /// Joins post `i` to every earlier near-copy the index proposes.
    fn link(&mut self, i: u32) {
        let Some(entry) = self.entries[i as usize].as_mut() else { return };
        let Some(fp) = entry.fingerprint.take() else { return };
        self.nodes[i as usize].exact = Some(fp.exact);
        if let Some(&first) = self.first_exact.get(&fp.exact) {
            self.entries[i as usize].as_mut().expect("live").fingerprint = Some(fp);
            self.union(first, i);
            return;
        }
        self.first_exact.insert(fp.exact, i);
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        self.lsh.insert_into(i as usize, &fp, &mut candidates);
        self.verify_and_join(i, &fp, &candidates);
        self.candidates = candidates;
        let entry = self.entries[i as usize].as_mut().expect("live");
        entry.fingerprint = Some(fp);
        entry.indexed = true;
    }

    /// Joins `i` to each candidate that is a near-copy of it and not yet in its cluster.
    fn verify_and_join(&mut self, i: u32, fp: &Fingerprint, candidates: &[usize]) {
        for &c in candidates {
            if self.seen_by[c] == i {
                continue;
            }
            self.seen_by[c] = i;
            let c = c as u32;
            if self.find(c) == self.find(i) {
                continue;
            }
            let Some(other) = self.entries[c as usize].as_ref().and_then(|e| e.fingerprint.as_ref()) else { continue };
            if near_copies(fp, other) {
                self.union(c, i);
            }
        }
    }

    /// Re-scores an edited post (or a forgotten one back with new text): rebuilds the cluster it
    /// leaves from its remaining members, then links it anew. Returns the posts to report.
    fn edit(&mut self, i: u32, post: Post) -> Vec<u32> {
        let iu = i as usize;
        if let Some(entry) = self.entries[iu].as_mut() {
            if let (true, Some(fp)) = (entry.indexed, entry.fingerprint.as_ref()) {
                self.lsh.remove(iu, fp);
                entry.indexed = false;
            }
        }
        let members = self.members(i);
        let root = self.find(i);
        self.clusters[root as usize] = None;
        for &m in &members {
            self.nodes[m as usize].parent = m;
            self.nodes[m as usize].next = m;
        }
        // The first of its exact form stood for exact copies kept out of the buckets: the next
        // copy takes its place, in the buckets too.
        if let Some(exact) = self.nodes[iu].exact {
            if self.first_exact.get(&exact) == Some(&i) {
                self.first_exact.remove(&exact);
                if let Some(&heir) = members.iter().find(|&&m| m != i && self.nodes[m as usize].exact == Some(exact)) {
                    self.first_exact.insert(exact, heir);
                    if let Some(entry) = self.entries[heir as usize].as_mut() {
                        if let (false, Some(fp)) = (entry.indexed, entry.fingerprint.as_ref()) {
                            let mut ignored = Vec::new();
                            self.lsh.insert_into(heir as usize, fp, &mut ignored);
                            entry.indexed = true;
                        }
                    }
                }
            }
        }
        let node = self.new_node(i, &post);
        self.nodes[iu] = node;
        self.entries[iu] = Some(self.new_entry(&post));

        // The remaining members, linked again among themselves only. Their "already compared"
        // marks date from their first linking, when the pair may have been skipped for sharing a
        // cluster through the post that left: cleared, or that pair would never be compared again.
        for &m in &members {
            self.seen_by[m as usize] = u32::MAX;
        }
        let mut exact_first: HashMap<u64, u32> = HashMap::new();
        let mut local = LshIndex::default();
        let mut candidates = Vec::new();
        for &m in &members {
            let Some(exact) = self.nodes[m as usize].exact.filter(|_| m != i) else { continue };
            if let Some(&first) = exact_first.get(&exact) {
                self.union(first, m);
                continue;
            }
            exact_first.insert(exact, m);
            let Some(fp) = self.entries[m as usize].as_mut().and_then(|e| e.fingerprint.take()) else { continue };
            candidates.clear();
            local.insert_into(m as usize, &fp, &mut candidates);
            self.verify_and_join(m, &fp, &candidates);
            self.entries[m as usize].as_mut().expect("live").fingerprint = Some(fp);
        }
        self.link(i);
        let mut report = members;
        report.push(i);
        report
    }

    /// The members of `i`'s cluster (itself alone outside one), in arrival order.
    fn members(&self, i: u32) -> Vec<u32> {
        let mut members: Vec<u32> = self.ring(i).collect();
        members.sort_unstable();
        members
    }

    /// The members of `i`'s cluster (itself alone outside one), in the order of their ring.
    fn ring(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(i), move |&m| Some(self.nodes[m as usize].next).filter(|&next| next != i))
    }

    /// The root of `i`, halving the path on the way.
    fn find(&mut self, mut i: u32) -> u32 {
        loop {
            let parent = self.nodes[i as usize].parent;
            if parent == i {
                return i;
            }
            let grandparent = self.nodes[parent as usize].parent;
            self.nodes[i as usize].parent = grandparent;
            i = grandparent;
        }
    }

    /// The root of `i`, without shortening paths (union by size keeps them logarithmic).
    fn find_root(&self, mut i: u32) -> u32 {
        while self.nodes[i as usize].parent != i {
            i = self.nodes[i as usize].parent;
        }
        i
    }

    fn size(&self, root: u32) -> u32 {
        self.clusters[root as usize].as_ref().map_or(1, |c| c.size)
    }

    /// Union by size; the facts of the smaller side merge into the larger's.
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (root, child) = if self.size(ra) >= self.size(rb) { (ra, rb) } else { (rb, ra) };
        let (r, c) = (root as usize, child as usize);
        self.nodes[c].parent = root;
        let next = self.nodes[r].next;
        self.nodes[r].next = self.nodes[c].next;
        self.nodes[c].next = next;
        let mut cluster = self.clusters[r].take().unwrap_or_else(|| Box::new(Cluster::of(root, &self.nodes[r])));
        match self.clusters[c].take() {
            Some(other) => cluster.merge(*other),
            None => cluster.absorb(child, &self.nodes[c]),
        }
        self.clusters[r] = Some(cluster);
    }

    /// Verdicts of the live posts among `indices`, in arrival order, each cluster judged once.
    fn verdicts_of(&self, mut indices: Vec<u32>) -> Vec<SharedVerdict> {
        indices.sort_unstable();
        indices.dedup();
        let mut parts = Parts::default();
        indices
            .into_iter()
            .filter(|&i| self.entries[i as usize].is_some())
            .map(|i| self.shared_verdict(i, &mut parts))
            .collect()
    }

    fn shared_links(&self, cluster: &Cluster) -> Vec<String> {
        let mut links: Vec<String> = cluster.shared.iter().map(|&l| self.link_names[l as usize].clone()).collect();
        links.sort();
        links
    }

    /// The cluster part of the verdicts of `root`'s members (`None` outside a cluster).
    fn judge(&self, root: u32) -> Option<Judged> {
        let cluster = self.clusters[root as usize].as_ref()?;
        let facts = ClusterFacts {
            members: Count(cluster.size as usize),
            authors: Count(cluster.authors.len()),
            first: cluster.times.first().copied(),
            last: cluster.times.last().copied(),
            busiest_burst: cluster.busiest as usize,
            shared_links: self.shared_links(cluster),
            short_reaction: cluster.all_reactions,
        };
        Some(Judged {
            id: cluster_id(cluster.earliest_id_hash),
            copies: cluster.size - 1,
            authors: cluster.authors.len() as u32,
            judgement: judge_cluster(&facts, self.settings.sensitivity),
            plain: None,
            trusted: None,
        })
    }

    /// The verdict of live post `i`. A member with no reasons of its own (no AI-text or marker
    /// reason, nothing to add beside the evidence) or trusted gets its cluster's shared part;
    /// only the others get a part of their own.
    fn shared_verdict(&self, i: u32, parts: &mut Parts) -> SharedVerdict {
        let entry = self.entries[i as usize].as_ref().expect("a live post");
        let trusted = self.nodes[i as usize].author.is_some_and(|a| self.author_trusted[a as usize]);
        let root = self.find_root(i);
        let cluster = match self.clusters[root as usize] {
            Some(_) => Some(parts.judged.entry(root).or_insert_with(|| self.judge(root).expect("a cluster root"))),
            None => None,
        };
        let verdict = |part: Arc<VerdictPart>, score: f32| SharedVerdict {
            index: i,
            id: entry.id.clone(),
            score,
            ai: entry.ai.likelihood,
            ai_judged: entry.ai.judged,
            part,
        };
        let quiet = || VerdictPart { level: Level::Ok, cluster: None, copies: 0, authors: 0, reasons: Vec::new() };
        if trusted {
            let part = match cluster {
                Some(c) => c.shared_part(true),
                None => parts.quiet.get_or_insert_with(|| Arc::new(quiet())).clone(),
            };
            return verdict(part, 0.0);
        }
        let mut level = Level::Ok;
        let mut score: f32 = 0.0;
        if let Some(c) = &cluster {
            level = level.max(c.judgement.level);
            score = score.max(c.judgement.score);
        }
        let mut own: Vec<Reason> = Vec::new();
        if entry.ai.judged {
            score = score.max(entry.ai.likelihood);
            if entry.ai.level > Level::Ok {
                level = level.max(entry.ai.level);
                own.push(Reason { kind: ReasonKind::AiText, text: ai_reason(&entry.ai) });
            }
        }
        if let Some(phrase) = &entry.marked {
            level = level.max(Level::Notice);
            own.push(Reason { kind: ReasonKind::ReaderMarker, text: format!("contains \"{phrase}\", which you asked chaff to mark") });
        }
        // A fact beside the evidence, never evidence itself (module note): only a flagged post
        // lists it, last, so the strongest reason still leads the hint.
        if entry.new_account && level > Level::Ok {
            let site = entry.site.as_deref().and_then(site_display_name).unwrap_or("the site");
            let text = format!("account marked new by {site}");
            own.push(Reason { kind: ReasonKind::NewAccount, text });
        }
        let part = match (cluster, own.is_empty()) {
            (Some(c), true) => c.shared_part(false),
            (Some(c), false) => {
                let mut reasons = Vec::with_capacity(c.judgement.reasons.len() + own.len());
                reasons.extend(c.judgement.reasons.iter().cloned());
                reasons.extend(own);
                Arc::new(c.part(level, reasons))
            }
            (None, true) => parts.quiet.get_or_insert_with(|| Arc::new(quiet())).clone(),
            (None, false) => Arc::new(VerdictPart { level, reasons: own, ..quiet() }),
        };
        verdict(part, round3(score))
    }
}

/// A count read through `len()`, as the reason wording reads its facts.
struct Count(usize);

impl Count {
    fn len(&self) -> usize {
        self.0
    }
}

/// What a cluster's members say together, as the judgement and the reason wording read it.
struct ClusterFacts {
    members: Count,
    authors: Count,
    first: Option<i64>,
    last: Option<i64>,
    /// The most members posted within any one `BURST_WINDOW_SECS`.
    busiest_burst: usize,
    shared_links: Vec<String>,
    /// Every member is a short reaction.
    short_reaction: bool,
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
    // A short reaction several people wrote ("Waka waka") is no campaign: at most a notice,
    // unless several accounts posted it in a burst or with a link (`coordinated`), which is how
    // a campaign repeats even a slogan.
    if c.short_reaction && !coordinated {
        level = level.min(Level::Notice);
    }
    // 1 copy → 0.5, 2 → 0.67, 4 → 0.8, … approaching 1; coordination adds a fixed step.
    let mut score = copies as f32 / (copies as f32 + 1.0);
    if coordinated {
        score = (score + 0.15).min(1.0);
    }

    let reaction = c.short_reaction && !coordinated;
    let mut reasons = vec![Reason {
        kind: ReasonKind::Duplicate,
        text: if reaction { reaction_reason(c) } else { duplicate_reason(c) },
    }];
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

/// A common reaction: what it is, without the campaign wording.
fn reaction_reason(c: &ClusterFacts) -> String {
    let others = c.members.len() - 1;
    if c.authors.len() >= 2 {
        format!(
            "a common reaction: {others} other {} in this thread say the same",
            if others == 1 { "post" } else { "posts" }
        )
    } else {
        format!("a common reaction, posted {} times by the same account", c.members.len())
    }
}

fn duplicate_reason(c: &ClusterFacts) -> String {
    let copies = c.members.len() - 1;
    // One account repeating itself is a repost, not a campaign of several.
    if c.authors.len() == 1 && copies >= 1 {
        let mut text = format!("the same account posted this text {} times in this thread", c.members.len());
        if let (Some(first), Some(last)) = (c.first, c.last) {
            if last > first {
                text.push_str(&format!(" within {}", human_span(last - first)));
            }
        }
        return text;
    }
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

/// The AI-text reason: how strongly, then what a reader can check for themselves (marker words
/// from published lists of language-model vocabulary, style habits). No probability: a
/// likelihood calibrated on a corpus is not the chance that this one post was machine-written.
fn ai_reason(ai: &AiAssessment) -> String {
    let how = if ai.level == Level::Suspect {
        "reads like machine-written text"
    } else {
        "has some marks of machine-written text"
    };
    let mut evidence = Vec::new();
    if !ai.markers.is_empty() {
        let quoted: Vec<String> = ai.markers.iter().take(4).map(|m| format!("'{m}'")).collect();
        evidence.push(format!("wording language models overuse ({})", quoted.join(", ")));
    }
    if !ai.style.is_empty() {
        evidence.push(ai.style.join(" and "));
    }
    if evidence.is_empty() {
        format!("{how}: its overall wording and style")
    } else {
        format!("{how}: {}", evidence.join("; "))
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
    if !text.contains("://") {
        return links;
    }
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

/// Opaque, stable id of a cluster: from the hash (`fnv1a`) of its earliest member's post id.
fn cluster_id(earliest_id_hash: u64) -> String {
    format!("c{:012x}", earliest_id_hash >> 16)
}

fn text_hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// The start of `text` from which `snippet(text, SNIPPET_CHARS)` can still be made.
fn snippet_source(text: &str) -> &str {
    let mut kept = 0;
    for (at, c) in text.char_indices() {
        if !c.is_whitespace() {
            kept += 1;
            if kept > SNIPPET_SOURCE_CHARS {
                return &text[..at];
            }
        }
    }
    text
}

fn intern(ids: &mut HashMap<String, u32>, names: &mut Vec<String>, name: &str) -> u32 {
    if let Some(&id) = ids.get(name) {
        return id;
    }
    let id = names.len() as u32;
    ids.insert(name.to_string(), id);
    names.push(name.to_string());
    id
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
    use std::collections::HashSet;

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
    fn a_reaction_several_people_wrote_is_a_notice_worded_as_a_reaction() {
        let hour = 3600;
        let posts: Vec<Post> = ["ann", "bob", "cat", "dan"]
            .iter()
            .enumerate()
            .map(|(i, who)| post(&format!("r{i}"), who, i as i64 * 5 * hour, "Who is still watching in 2015?"))
            .collect();
        for v in score_thread(posts, Settings::default()) {
            assert_eq!(v.level, Level::Notice, "{v:?}");
            assert_eq!(v.reasons[0].text, "a common reaction: 3 other posts in this thread say the same");
            assert!(v.reasons.iter().all(|r| r.kind != ReasonKind::Coordination));
        }
    }

    #[test]
    fn a_reaction_posted_in_a_burst_by_several_accounts_stays_a_campaign() {
        let posts: Vec<Post> = ["ann", "bob", "cat"]
            .iter()
            .enumerate()
            .map(|(i, who)| post(&format!("r{i}"), who, 1000 + i as i64 * 60, "Who is still watching in 2015?"))
            .collect();
        for v in score_thread(posts, Settings::default()) {
            assert_eq!(v.level, Level::Suspect, "{v:?}");
            assert!(v.reasons.iter().any(|r| r.kind == ReasonKind::Coordination));
        }
    }

    #[test]
    fn one_account_reposting_is_worded_as_a_repost() {
        let posts: Vec<Post> = (0..3).map(|i| post(&format!("p{i}"), "spam1", 1000 + i * 600, PROMO)).collect();
        let verdicts = score_thread(posts, Settings::default());
        assert_eq!(verdicts[0].reasons[0].text, "the same account posted this text 3 times in this thread within 20 minutes");
    }

    #[test]
    fn common_short_replies_are_never_a_campaign() {
        let verdicts = score_thread(campaign(), Settings::default());
        let thanks: Vec<_> = verdicts.iter().filter(|v| v.id == "c" || v.id == "d").collect();
        assert!(thanks.iter().all(|v| v.cluster.is_none() && v.level == Level::Ok));
    }

    #[test]
    fn a_post_holding_a_readers_marker_gets_a_notice_naming_it() {
        let settings = Settings { markers: vec!["delve".into()], ..Settings::default() };
        let posts = vec![post("a", "ann", 1000, "Let us d\u{200B}еlve into the details"), post("b", "bob", 1010, "nothing here")];
        let verdicts = score_thread(posts.clone(), settings.clone());
        assert_eq!(verdicts[0].level, Level::Notice);
        assert_eq!(verdicts[0].reasons[0].kind, ReasonKind::ReaderMarker);
        assert_eq!(verdicts[0].reasons[0].text, "contains \"delve\", which you asked chaff to mark");
        assert_eq!(verdicts[1].level, Level::Ok);
        // Clearing the list clears the notice.
        let mut engine = Engine::new(settings);
        engine.add(posts);
        let changed = engine.set_settings(Settings::default());
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].level, Level::Ok);
    }

    #[test]
    fn a_new_account_is_stated_beside_the_evidence_and_never_flags_a_post_by_itself() {
        let new = |p: Post| Post { new_account: true, site: Some("hacker-news".into()), ..p };
        let mut posts = campaign();
        posts[1] = new(posts[1].clone()); // s1, a copy of the campaign
        posts[0] = new(posts[0].clone()); // a, a post of its own
        let verdicts = score_thread(posts, Settings::default());
        let (a, s1) = (&verdicts[0], &verdicts[1]);
        assert_eq!(a.level, Level::Ok, "a new account alone flags nothing: {a:?}");
        assert!(a.reasons.is_empty(), "{a:?}");
        assert_eq!(s1.level, Level::Suspect);
        assert_eq!(s1.reasons[0].kind, ReasonKind::Duplicate, "the evidence still leads");
        let last = s1.reasons.last().unwrap();
        assert_eq!((last.kind, last.text.as_str()), (ReasonKind::NewAccount, "account marked new by Hacker News"));
        // Its copies by older accounts do not say it, and the level is the one they share.
        assert!(verdicts[3].reasons.iter().all(|r| r.kind != ReasonKind::NewAccount));
        assert_eq!(verdicts[3].level, s1.level);
        // A site without a name of its own still gets the fact.
        let posts = vec![Post { site: None, ..new(post("x1", "ann", 1, PROMO)) }, post("x2", "bob", 2, PROMO)];
        let unnamed = score_thread(posts, Settings::default());
        assert_eq!(unnamed[0].reasons.last().unwrap().text, "account marked new by the site");
    }

    #[test]
    fn moderator_posts_never_form_a_campaign() {
        let notice = "Your post was removed because it breaks rule 3: no self-promotion. Please read the sidebar.";
        let posts: Vec<Post> = ["mod_a", "mod_b", "mod_a"]
            .iter()
            .enumerate()
            .map(|(i, who)| Post { moderator: true, ..post(&format!("m{i}"), who, 1000 + i as i64 * 60, notice) })
            .collect();
        for v in score_thread(posts, Settings::default()) {
            assert_eq!((v.level, v.cluster.as_deref()), (Level::Ok, None), "{v:?}");
        }
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
    fn members_of_a_grown_cluster_share_one_verdict_part_unless_they_have_reasons_of_their_own() {
        let settings = Settings { trusted_authors: vec!["spam2".into()], markers: vec!["zebra".into()], ..Settings::default() };
        let mut engine = Engine::new(settings);
        let mut posts = campaign();
        posts[4] = post("s3", "spam3", 1200, &format!("{PROMO}!! zebra")); // a marker of its own
        engine.add(posts);
        let copies: Vec<Post> = (4..7).map(|k| post(&format!("s{k}"), &format!("spam{k}"), 1200 + k, &format!("{PROMO} {k}"))).collect();
        let changed = engine.add_shared(copies);
        let by_id = |id: &str| changed.iter().find(|v| &*v.id == id).unwrap_or_else(|| panic!("{id} reported"));
        let plain = &by_id("s1").part;
        for id in ["s4", "s5", "s6"] {
            assert!(Arc::ptr_eq(plain, &by_id(id).part), "{id} shares s1's part");
        }
        assert_eq!((plain.level, plain.copies, plain.reasons.len()), (Level::Suspect, 5, 2));
        let (trusted, marked) = (&by_id("s2").part, &by_id("s3").part);
        assert_eq!((trusted.level, trusted.copies, trusted.reasons.len()), (Level::Ok, 5, 0));
        assert_eq!(&marked.reasons[..2], &plain.reasons[..], "the cluster's reasons first");
        assert_eq!(marked.reasons[2].kind, ReasonKind::ReaderMarker);
        // The same verdicts as `add` gives and `verdicts` reads back.
        let verdicts: Vec<Verdict> = changed.iter().map(SharedVerdict::to_verdict).collect();
        let now: HashMap<String, Verdict> = engine.verdicts().into_iter().map(|v| (v.id.clone(), v)).collect();
        assert!(verdicts.iter().all(|v| now[&v.id] == *v), "{verdicts:?}");
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
    fn trusting_an_author_later_clears_their_flag_and_distrusting_restores_it() {
        let mut engine = Engine::new(Settings::default());
        engine.add(campaign());
        assert_eq!(engine.verdict("s2").unwrap().level, Level::Suspect);
        let trusting = Settings { trusted_authors: vec!["@spam2".into()], ..Settings::default() };
        let changed = engine.set_settings(trusting);
        assert!(changed.iter().any(|v| v.id == "s2" && v.level == Level::Ok), "{changed:?}");
        // An author first seen while trusted (another spelling of the same name) is trusted too.
        let again = engine.add(vec![post("s2-again", "Spam2", 1_300, &format!("{PROMO} again"))]);
        assert!(again.iter().any(|v| v.id == "s2-again" && v.level == Level::Ok), "{again:?}");
        let changed = engine.set_settings(Settings::default());
        for id in ["s2", "s2-again"] {
            assert!(changed.iter().any(|v| v.id == id && v.level == Level::Suspect), "{id}: {changed:?}");
        }
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
    fn the_busiest_burst_kept_as_times_arrive_is_the_one_counted_from_scratch() {
        let mut rng = crate::hash::SplitMix64::new(11);
        for _ in 0..300 {
            let node = |t| Node { parent: 0, next: 0, author: None, created: Some(t), links: Box::new([]), text_hash: 0, id_hash: 0, exact: None, reaction: false };
            let mut cluster = Cluster::of(0, &node(rng.below(20_000) as i64));
            let mut times = cluster.times.clone();
            for k in 1..40 {
                let t = rng.below(20_000) as i64;
                times.push(t);
                if rng.chance(0.5) {
                    cluster.absorb(k, &node(t));
                } else {
                    let mut other = Cluster::of(k, &node(t));
                    std::mem::swap(&mut other, &mut cluster);
                    cluster.merge(other);
                }
                times.sort_unstable();
                let (mut busiest, mut start) = (0, 0);
                for end in 0..times.len() {
                    while times[end] - times[start] > BURST_WINDOW_SECS {
                        start += 1;
                    }
                    busiest = busiest.max(end - start + 1);
                }
                assert_eq!(cluster.busiest as usize, busiest, "{times:?}");
            }
        }
    }

    #[test]
    fn cluster_ids_name_the_earliest_member_whatever_the_union_order() {
        // A big cluster formed late absorbs an earlier pair: the id still names the earliest post.
        let mut engine = Engine::new(Settings::default());
        engine.add(vec![post("early1", "a", 0, PROMO), post("early2", "b", 5, &format!("{PROMO} zz9"))]);
        let late: Vec<Post> =
            (0..6).map(|k| post(&format!("late{k}"), &format!("u{k}"), 100 + k, &format!("{PROMO} tag{k}x"))).collect();
        engine.add(late);
        let ids: HashSet<_> = engine.verdicts().into_iter().map(|v| v.cluster).collect();
        assert_eq!(ids.len(), 1);
        assert_eq!(ids.into_iter().next().unwrap(), Some(cluster_id(fnv1a(&[b"early1"]))));
    }

    #[test]
    fn an_edit_splits_the_cluster_it_leaves_and_touches_nothing_else() {
        let mut engine = Engine::new(Settings::default());
        let bridge_a = "Honestly the second half of this season was so much better than the first one";
        engine.add(vec![
            post("a", "ann", 0, bridge_a),
            post("b", "bob", 10, "Honestly the second half of this season was so much better than the first one, no doubt"),
            post("x", "xi", 20, "My cat knocked the plant off the shelf again this morning, soil everywhere"),
            post("y", "yu", 30, "My cat knocked the plant off the shelf again this morning, soil everywhere lol"),
        ]);
        assert_eq!(engine.clusters().len(), 2);
        let changed = engine.add(vec![post("b", "bob", 10, "Completely unrelated: where can I buy a good raincoat in Oslo?")]);
        let ids: Vec<&str> = changed.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"], "only the edited post and the cluster it left");
        assert_eq!(engine.verdict("a").unwrap().cluster, None);
        assert_eq!(engine.verdict("x").unwrap().copies, 1);
        // Editing it back joins it again.
        let changed = engine.add(vec![post("b", "bob", 10, bridge_a)]);
        assert_eq!(changed.len(), 2);
        assert_eq!(engine.verdict("a").unwrap().copies, 1);
    }

    #[test]
    fn forgotten_posts_keep_their_cluster_counts() {
        let mut engine = Engine::new(Settings::default());
        engine.add(campaign());
        engine.forget(&["s1", "s2", "a"]);
        let s3 = engine.verdict("s3").unwrap();
        assert_eq!((s3.copies, s3.authors, s3.level), (2, 3, Level::Suspect));
        assert!(engine.verdict("s1").is_none());
        assert_eq!(engine.verdicts().len(), campaign().len() - 3);
        let clusters = engine.clusters();
        assert_eq!(clusters[0].members, ["s3"]);
        assert!(clusters[0].snippet.starts_with("Hey everyone"));
        // An exact copy of a forgotten post still joins its cluster.
        let changed = engine.add(vec![post("s4", "spam4", 1300, PROMO)]);
        assert!(changed.iter().all(|v| v.copies == 3), "{changed:?}");
        // A forgotten post seen again is scored again but counted once.
        let changed = engine.add(vec![campaign()[1].clone()]);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].copies, 3);
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
