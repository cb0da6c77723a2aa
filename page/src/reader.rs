//! One streaming walk over a page with lol_html, driven by a site's description.
//!
//! Design: lol_html never builds a DOM, so "the nearest enclosing post" is kept as a stack of
//! open post elements (pushed by the post selectors' handlers, popped by their end tags). Every
//! field, badge anchor and text chunk is owned by the innermost open post, and only while it is
//! not inside one of that post's quoted regions; this is the sites.json ownership rule, and it
//! is what keeps a reply's text out of its parent's body and a quoted tweet's text out of the
//! quoting tweet. Each fallback keeps the first value it yields in document order; the choice
//! among fallbacks (best first) is made when the walk is over, so document order never beats
//! the preference order. The same walk serves extraction and annotation: both register their
//! post handlers identically, so post number N (the ordinal) is the same element in both passes.
//!
//! Two fallbacks look outside the post element, and the walk keeps what they need as it goes: a
//! `first_in` container (a GitHub review thread) remembers the first post that started inside it,
//! which the later posts in it answer; a `next` fallback reads inside the element that starts right
//! after a post ends (Hacker News's subtext row after a story row), a scope that belongs to that
//! post only while no post is open around it, exactly as the content script reads the same page.

use super::sites::{apply_pattern, Fallback, Field, PostTypeDescription, Place, SiteDescription};
use super::text::{decode_entities, ShownText};
use super::ExtractError;
use lol_html::html_content::{ContentType, Element, EndTag, TextChunk, TextType};
use lol_html::{ElementContentHandlers, HandlerResult, RewriteStrSettings, Selector};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Elements whose boundaries a page renders as line breaks inside a post's text.
const BLOCK_ELEMENTS: &str =
    "p, div, br, li, ul, ol, blockquote, pre, h1, h2, h3, h4, h5, h6, hr, tr, table, section, figure, figcaption";

/// What the walk learned about one post element.
#[derive(Debug, Clone)]
pub struct PostRecord {
    /// Its own place among the page's post elements (document order of their start tags).
    pub ordinal: usize,
    /// Index into the site's post types, in `SiteDescription::post_types` order.
    pub post_type: usize,
    /// Ordinal of the nearest enclosing post element.
    pub enclosing: Option<usize>,
    /// Per field, per fallback: the first value that fallback yielded.
    pub values: Vec<Vec<Option<String>>>,
    /// The best (lowest-index) badge anchor present and owned by this post.
    pub best_anchor: Option<usize>,
    /// Per field, per fallback: for a `first_in` fallback, the ordinal of the first post that
    /// started inside the nearest enclosing container of that selector (this post, when it is that
    /// first one).
    pub first_in_container: Vec<Vec<Option<usize>>>,
}

impl PostRecord {
    /// The field's value by the description's preference order; an `enclosing` fallback reads
    /// the id of the enclosing post (by that post's own post type), a `shallower` one the id of
    /// the nearest earlier post of smaller depth. `post_types` is the site's post types in
    /// `SiteDescription::post_types` order.
    pub fn value(&self, post_types: &[&PostTypeDescription], field: Field, records: &[PostRecord]) -> Option<String> {
        let fallbacks = post_types[self.post_type].fields.get(field);
        for (index, fallback) in fallbacks.iter().enumerate() {
            // Only where a depth cannot itself depend on one (no loop through Depth).
            if fallback.shallower && field != Field::Depth {
                let own = self.depth(post_types, records);
                let earlier = records.get(..self.ordinal).unwrap_or_default();
                let parent = own.and_then(|own| {
                    earlier.iter().rev().find(|r| r.depth(post_types, records).is_none_or(|d| d < own))
                });
                if let Some(id) = parent.and_then(|p| p.value(post_types, Field::Id, records)) {
                    return Some(id);
                }
                continue;
            }
            if fallback.first_in.is_some() {
                let first = self.first_in_container[field.index()][index].filter(|first| *first != self.ordinal);
                // The first post of a container started earlier, and its id reads no first_in of
                // its own (its first is itself), so this ends.
                let first_post = first.and_then(|f| records.get(f));
                if let Some(id) = first_post.and_then(|p| p.value(post_types, Field::Id, records)) {
                    return Some(id);
                }
                continue;
            }
            if fallback.enclosing {
                let parent_id = self.enclosing.and_then(|e| records.get(e)).and_then(|parent| {
                    // Enclosing posts come earlier in the walk, so this chain ends.
                    parent.value(post_types, Field::Id, records)
                });
                if parent_id.is_some() {
                    return parent_id;
                }
                continue;
            }
            if let Some(value) = &self.values[field.index()][index] {
                return Some(value.clone());
            }
        }
        None
    }

    /// The post's `depth` field as a number, if it has one.
    fn depth(&self, post_types: &[&PostTypeDescription], records: &[PostRecord]) -> Option<i64> {
        self.value(post_types, Field::Depth, records)?.parse().ok()
    }
}

/// A badge to place for one post: which anchor, and the markup.
#[derive(Debug, Clone)]
pub struct PlannedBadge {
    pub anchor: usize,
    pub html: String,
    pub placed: bool,
}

struct OpenPost {
    ordinal: usize,
    quoted_depth: usize,
}

struct Capture {
    serial: u64,
    ordinal: usize,
    field: Field,
    fallback: usize,
    pattern: Option<String>,
    text: ShownText,
}

#[derive(Default)]
pub struct WalkState {
    pub records: Vec<PostRecord>,
    open: Vec<OpenPost>,
    captures: Vec<Capture>,
    next_serial: u64,
    /// Per `first_in` selector, the open containers it matches, innermost last, each with the
    /// first post that started inside it.
    containers: HashMap<String, Vec<Option<usize>>>,
    /// The post whose element has just ended: the next element to start is the one its `next`
    /// fallbacks read in.
    just_ended: Option<usize>,
    /// The post whose `next` element is open now (it lies in no post element).
    following: Option<usize>,
    /// Annotation pass only: per ordinal, the badge to place.
    pub plan: Vec<Option<PlannedBadge>>,
}

impl WalkState {
    /// A walk that places the planned badges (annotation pass).
    pub fn with_plan(plan: Vec<Option<PlannedBadge>>) -> Self {
        WalkState { plan, ..WalkState::default() }
    }

    /// The post that owns content at the current point of the walk.
    fn owner(&self) -> Option<usize> {
        let innermost = self.open.last()?;
        (innermost.quoted_depth == 0).then_some(innermost.ordinal)
    }

    /// The post whose captures take the text at this point: the owner, or, outside every post,
    /// the post whose `next` element this is.
    fn text_owner(&self) -> Option<usize> {
        if self.open.is_empty() {
            self.following
        } else {
            self.owner()
        }
    }

    /// Finishes what is still being captured for post `ordinal`.
    fn finish_captures_of(&mut self, ordinal: usize) {
        let open: Vec<u64> =
            self.captures.iter().filter(|c| c.ordinal == ordinal).map(|c| c.serial).collect();
        for serial in open {
            self.finish_capture(serial);
        }
    }

    fn finish_capture(&mut self, serial: u64) {
        let Some(pos) = self.captures.iter().position(|c| c.serial == serial) else { return };
        let capture = self.captures.remove(pos);
        let text = capture.text.finish();
        let value = match &capture.pattern {
            Some(p) => apply_pattern(p, &text),
            None => Some(text),
        };
        let Some(value) = value.filter(|v| !v.is_empty()) else { return };
        let slot = &mut self.records[capture.ordinal].values[capture.field.index()][capture.fallback];
        if slot.is_none() {
            *slot = Some(value);
        }
    }

    fn close_post(&mut self, ordinal: usize) {
        self.finish_captures_of(ordinal);
        // Posts left open inside this one were closed implicitly (lol_html runs no end-tag
        // handler for those): they end here too.
        if let Some(pos) = self.open.iter().rposition(|p| p.ordinal == ordinal) {
            self.open.truncate(pos);
        }
        self.just_ended = Some(ordinal);
    }
}

pub type Shared = Rc<RefCell<WalkState>>;
type Handler<'h> = (Cow<'static, Selector>, ElementContentHandlers<'h>);

/// `selector` parsed, once per thread: every walk registers the same few dozen selectors (those
/// of sites.json and the fixed ones of this crate), and parsing them anew took about a third of
/// the time of reading a page of a few kilobytes (perf on the fuzz target `extract`). A parsed
/// `Selector` is reference-counted inside, so the copy handed out is cheap.
pub(crate) fn parse_selector(selector: &str) -> Result<Selector, ExtractError> {
    thread_local! {
        static PARSED: RefCell<HashMap<String, Selector>> = RefCell::new(HashMap::new());
    }
    if let Some(parsed) = PARSED.with_borrow(|parsed| parsed.get(selector).cloned()) {
        return Ok(parsed);
    }
    let parsed = selector
        .parse::<Selector>()
        .map_err(|e| ExtractError::Description(format!("selector {selector:?}: {e}")))?;
    PARSED.with_borrow_mut(|cache| cache.insert(selector.to_string(), parsed.clone()));
    Ok(parsed)
}

/// `E1 S, E2 S, …`: the sub-selector inside any of the post type's post elements.
fn within(elements: &[String], sub: &str) -> String {
    elements.iter().map(|e| format!("{e} {sub}")).collect::<Vec<_>>().join(", ")
}

fn element_handler<'h>(
    selector: &str,
    handler: impl FnMut(&mut Element<'_, '_>) -> HandlerResult + 'h,
) -> Result<Handler<'h>, ExtractError> {
    Ok((Cow::Owned(parse_selector(selector)?), ElementContentHandlers::default().element(handler)))
}

fn on_end(el: &mut Element<'_, '_>, handler: impl FnOnce(&mut EndTag<'_>) -> HandlerResult + 'static) {
    // Void elements have no end tag; callers only rely on end tags of elements with content.
    let _ = el.on_end_tag(Box::new(handler));
}

/// Reads one fallback from an element owned by post `ordinal`.
fn begin_field(state: &Shared, el: &mut Element<'_, '_>, ordinal: usize, field: Field, index: usize, fallback: &Fallback) {
    let mut st = state.borrow_mut();
    if st.records[ordinal].values[field.index()][index].is_some() {
        return;
    }
    match &fallback.attr {
        Some(attr) => {
            let Some(raw) = el.get_attribute(attr) else { return };
            let value = decode_entities(&raw).trim().to_string();
            // An empty boolean attribute (is-comment-deleted) is a value for `deleted` only.
            if value.is_empty() && field != Field::Deleted {
                return;
            }
            let value = match &fallback.pattern {
                Some(p) => apply_pattern(p, &value),
                None => Some(value),
            };
            if let Some(value) = value {
                st.records[ordinal].values[field.index()][index] = Some(value);
            }
        }
        None => {
            if !el.can_have_content() {
                return;
            }
            let serial = st.next_serial;
            st.next_serial += 1;
            st.captures.push(Capture {
                serial,
                ordinal,
                field,
                fallback: index,
                pattern: fallback.pattern.clone(),
                text: ShownText::default(),
            });
            drop(st);
            let state = Rc::clone(state);
            on_end(el, move |_| {
                state.borrow_mut().finish_capture(serial);
                Ok(())
            });
        }
    }
}

fn place_badge(el: &mut Element<'_, '_>, place: Place, html: &str) {
    match place {
        Place::After => el.after(html, ContentType::Html),
        Place::Before => el.before(html, ContentType::Html),
        // A void element has no inside: the badge goes right after it.
        Place::Append if !el.can_have_content() => el.after(html, ContentType::Html),
        Place::Append => el.append(html, ContentType::Html),
    }
}

/// Notes (extraction) or places (annotation) a badge at anchor `index` of post `ordinal`.
fn visit_anchor(state: &Shared, el: &mut Element<'_, '_>, ordinal: usize, index: usize, place: Place) {
    let mut st = state.borrow_mut();
    let best = &mut st.records[ordinal].best_anchor;
    if best.is_none_or(|b| index < b) {
        *best = Some(index);
    }
    if let Some(Some(plan)) = st.plan.get_mut(ordinal) {
        if plan.anchor == index && !plan.placed {
            plan.placed = true;
            place_badge(el, place, &plan.html);
        }
    }
}

/// Registers the handlers that walk `site`'s posts into `settings`.
pub fn register<'h>(
    site: &'h SiteDescription,
    state: &Shared,
    mut settings: RewriteStrSettings<'h, 'static>,
) -> Result<RewriteStrSettings<'h, 'static>, ExtractError> {
    let post_types: Vec<&'h PostTypeDescription> = site.post_types.values().collect();

    for (type_index, post_type) in post_types.iter().copied().enumerate() {
        // The post elements themselves.
        let state_for_posts = Rc::clone(state);
        let posts = post_type.element.join(", ");
        settings = settings.append_element_content_handler(element_handler(&posts, move |el| {
            let ordinal = {
                let mut st = state_for_posts.borrow_mut();
                if post_type.top_level && !st.open.is_empty() {
                    // Part of the post around it (sites.json top_level): that post owns its content.
                    return Ok(());
                }
                let ordinal = st.records.len();
                let enclosing = st.open.last().map(|p| p.ordinal);
                let values: Vec<Vec<Option<String>>> =
                    Field::ALL.iter().map(|f| vec![None; post_type.fields.get(*f).len()]).collect();
                // Every post counts for the containers it starts in, whatever its type, as the
                // content script takes a container's first post element of any type.
                for first in st.containers.values_mut().flatten() {
                    first.get_or_insert(ordinal);
                }
                let mut first_in_container: Vec<Vec<Option<usize>>> =
                    Field::ALL.iter().map(|f| vec![None; post_type.fields.get(*f).len()]).collect();
                for field in Field::ALL {
                    for (index, fallback) in post_type.fields.get(field).iter().enumerate() {
                        let Some(container) = &fallback.first_in else { continue };
                        first_in_container[field.index()][index] =
                            st.containers.get(container).and_then(|open| open.last().copied().flatten());
                    }
                }
                st.records.push(PostRecord {
                    ordinal,
                    post_type: type_index,
                    enclosing,
                    values,
                    best_anchor: None,
                    first_in_container,
                });
                st.open.push(OpenPost { ordinal, quoted_depth: 0 });
                ordinal
            };
            for field in Field::ALL {
                for (index, fallback) in post_type.fields.get(field).iter().enumerate() {
                    let reads_elsewhere =
                        fallback.enclosing || fallback.shallower || fallback.next || fallback.first_in.is_some();
                    if fallback.sel.is_none() && !reads_elsewhere {
                        begin_field(&state_for_posts, el, ordinal, field, index, fallback);
                    }
                }
            }
            for (index, anchor) in post_type.badge.iter().enumerate() {
                if anchor.sel.is_none() {
                    visit_anchor(&state_for_posts, el, ordinal, index, anchor.place);
                }
            }
            let state = Rc::clone(&state_for_posts);
            on_end(el, move |_| {
                state.borrow_mut().close_post(ordinal);
                Ok(())
            });
            Ok(())
        })?);

        // Quoted regions: content inside belongs to someone else.
        if !post_type.quoted.is_empty() {
            let quoted = post_type.quoted.iter().map(|q| within(&post_type.element, q)).collect::<Vec<_>>().join(", ");
            let state_for_quotes = Rc::clone(state);
            settings = settings.append_element_content_handler(element_handler(&quoted, move |el| {
                let ordinal = {
                    let mut st = state_for_quotes.borrow_mut();
                    let Some(innermost) = st.open.last_mut() else { return Ok(()) };
                    innermost.quoted_depth += 1;
                    innermost.ordinal
                };
                let state = Rc::clone(&state_for_quotes);
                on_end(el, move |_| {
                    let mut st = state.borrow_mut();
                    if let Some(post) = st.open.iter_mut().rfind(|p| p.ordinal == ordinal) {
                        post.quoted_depth = post.quoted_depth.saturating_sub(1);
                    }
                    Ok(())
                });
                Ok(())
            })?);
        }

        // Fields read from elements inside the post.
        for field in Field::ALL {
            for (index, fallback) in post_type.fields.get(field).iter().enumerate() {
                let Some(sub) = &fallback.sel else { continue };
                if fallback.next {
                    // Read inside the element after the post, which no selector can name: the
                    // walk knows it is open (`following`) and that no post is open around it.
                    let state_for_field = Rc::clone(state);
                    settings = settings.append_element_content_handler(element_handler(sub, move |el| {
                        let following = {
                            let st = state_for_field.borrow();
                            st.following.filter(|f| st.open.is_empty() && st.records[*f].post_type == type_index)
                        };
                        if let Some(ordinal) = following {
                            begin_field(&state_for_field, el, ordinal, field, index, fallback);
                        }
                        Ok(())
                    })?);
                    continue;
                }
                let state_for_field = Rc::clone(state);
                settings = settings.append_element_content_handler(element_handler(
                    &within(&post_type.element, sub),
                    move |el| {
                        let owner = owner_of_kind(&state_for_field, type_index);
                        if let Some(ordinal) = owner {
                            begin_field(&state_for_field, el, ordinal, field, index, fallback);
                        }
                        Ok(())
                    },
                )?);
            }
        }

        // Badge anchors inside the post.
        for (index, anchor) in post_type.badge.iter().enumerate() {
            let Some(sub) = &anchor.sel else { continue };
            let state_for_anchor = Rc::clone(state);
            let place = anchor.place;
            settings = settings.append_element_content_handler(element_handler(
                &within(&post_type.element, sub),
                move |el| {
                    if let Some(ordinal) = owner_of_kind(&state_for_anchor, type_index) {
                        visit_anchor(&state_for_anchor, el, ordinal, index, place);
                    }
                    Ok(())
                },
            )?);
        }
    }

    // The containers of `first_in` fallbacks: each remembers the first post that starts inside it.
    let mut containers: Vec<&'h str> = post_types
        .iter()
        .flat_map(|t| Field::ALL.into_iter().flat_map(move |f| t.fields.get(f).iter()))
        .filter_map(|fallback| fallback.first_in.as_deref())
        .collect();
    containers.sort_unstable();
    containers.dedup();
    for container in containers {
        state.borrow_mut().containers.insert(container.to_string(), Vec::new());
        let state_for_containers = Rc::clone(state);
        settings = settings.append_element_content_handler(element_handler(container, move |el| {
            if !el.can_have_content() {
                return Ok(());
            }
            state_for_containers.borrow_mut().containers.entry(container.to_string()).or_default().push(None);
            let state = Rc::clone(&state_for_containers);
            let container = container.to_string();
            on_end(el, move |_| {
                if let Some(open) = state.borrow_mut().containers.get_mut(&container) {
                    open.pop();
                }
                Ok(())
            });
            Ok(())
        })?);
    }

    // The element after a post, for its `next` fallbacks: the first element to start once the
    // post has ended, when no post is open around it. Registered after the post handlers, so a
    // post element that follows another has already opened (and is no one's next element).
    let reads_next = post_types.iter().any(|t| Field::ALL.iter().any(|f| t.fields.get(*f).iter().any(|b| b.next)));
    if reads_next {
        let state_for_next = Rc::clone(state);
        settings = settings.append_element_content_handler(element_handler("*", move |el| {
            let mut st = state_for_next.borrow_mut();
            let Some(ordinal) = st.just_ended.take() else { return Ok(()) };
            if !st.open.is_empty() || !el.can_have_content() {
                return Ok(());
            }
            st.following = Some(ordinal);
            drop(st);
            let state = Rc::clone(&state_for_next);
            on_end(el, move |_| {
                let mut st = state.borrow_mut();
                if st.following == Some(ordinal) {
                    st.following = None;
                    st.finish_captures_of(ordinal);
                }
                Ok(())
            });
            Ok(())
        })?);
    }

    // Line breaks at block boundaries, and the alt text of images (X's emoji are <img alt="🔥">).
    let state_for_blocks = Rc::clone(state);
    settings = settings.append_element_content_handler(element_handler(BLOCK_ELEMENTS, move |el| {
        push_to_owner_captures(&state_for_blocks, |t| t.push_break());
        let state = Rc::clone(&state_for_blocks);
        on_end(el, move |_| {
            push_to_owner_captures(&state, |t| t.push_break());
            Ok(())
        });
        Ok(())
    })?);
    let state_for_images = Rc::clone(state);
    settings = settings.append_element_content_handler(element_handler("img[alt]", move |el| {
        if let Some(alt) = el.get_attribute("alt") {
            let alt = decode_entities(&alt);
            push_to_owner_captures(&state_for_images, |t| t.push_literal(&alt));
        }
        Ok(())
    })?);
    let state_for_text = Rc::clone(state);
    settings = settings.append_document_content_handler(lol_html::doc_text!(move |chunk: &mut TextChunk<'_>| {
        // Script and style contents are not text a reader sees.
        if matches!(chunk.text_type(), TextType::Data | TextType::RCData) {
            let raw = chunk.as_str();
            if !raw.is_empty() {
                push_to_owner_captures(&state_for_text, |t| t.push_raw(raw));
            }
        }
        Ok(())
    }));
    Ok(settings)
}

fn owner_of_kind(state: &Shared, type_index: usize) -> Option<usize> {
    let st = state.borrow();
    let owner = st.owner()?;
    (st.records[owner].post_type == type_index).then_some(owner)
}

fn push_to_owner_captures(state: &Shared, mut push: impl FnMut(&mut ShownText)) {
    let mut st = state.borrow_mut();
    let Some(owner) = st.text_owner() else { return };
    for capture in st.captures.iter_mut().filter(|c| c.ordinal == owner) {
        push(&mut capture.text);
    }
}

/// Runs the walk over `html`, returning the rewritten page (unchanged unless `state.plan` or
/// `extra` handlers change it) and the state.
pub fn walk<'h>(
    html: &str,
    site: &'h SiteDescription,
    state: &Shared,
    extra: impl FnOnce(RewriteStrSettings<'h, 'static>) -> RewriteStrSettings<'h, 'static>,
) -> Result<String, ExtractError> {
    // Not strict: a page lol_html finds ambiguous (e.g. markup inside <select>) is still read.
    let settings = register(site, state, RewriteStrSettings::new().with_strict(false))?;
    let settings = extra(settings);
    lol_html::rewrite_str(html, settings).map_err(|e| ExtractError::Html(e.to_string()))
}
