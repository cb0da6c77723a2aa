// Site adapters: where the posts are, read from src/sites.json (shipped as sites.json), the same
// description the Rust extractor reads, so the CLI and the extension see the same posts.
// Design: sites are tried in the file's order and detected from the page (its detect selectors),
// never from the host alone: old Reddit renders on www.reddit.com too. Every field is a list of
// fallbacks, best first. sites.json describes each site's post types under "post_types" (comment,
// post, tweet…). Ownership
// rule (sites.json _doc): an element belongs to the nearest enclosing post element of any type
// and must not sit in one of that post's quoted regions, so a comment never reads its replies and
// a quoting tweet never reads the quoted one. Text is read as shown (shown-text.js). Two kinds
// of fallback look outside the post element, as page/src/reader.rs does: `next` reads in the
// element after it (Hacker News's subtext row holds a listed story's author), `first_in` names the
// first post of the post's container (a GitHub review thread, whose replies answer its opener).
import { shownText } from './shown-text.js';

let description = null;

export async function load() {
  if (!description) {
    const response = await fetch(chrome.runtime.getURL('sites.json'));
    description = await response.json();
  }
  return description;
}

function compileSite(site, patterns) {
  const postTypes = Object.values(site.post_types).map((type) => ({
    elementSelector: type.element.join(', '),
    topLevel: Boolean(type.top_level),
    quotedSelector: type.quoted.join(', '),
    fields: type.fields,
    badge: type.badge,
  }));
  const postSelector = postTypes.map((type) => type.elementSelector).join(', ');
  const regexes = Object.fromEntries(Object.entries(patterns).map(([name, p]) => [name, new RegExp(p.regex)]));

  const hasTopLevel = postTypes.some((type) => type.topLevel);

  // The element's post type, or undefined when it is no post element. sites.json top_level: such
  // an element inside another post element is part of that post (Hacker News's listing rows: the
  // same tr.athing heads an item page's story).
  function postTypeOf(element) {
    const type = postTypes.find((candidate) => element.matches(candidate.elementSelector));
    return type?.topLevel && nearestPost(element.parentElement) ? undefined : type;
  }

  // The post element at or around `element` (the one that owns it), or null.
  function nearestPost(element) {
    let candidate = element?.closest(postSelector) ?? null;
    if (!hasTopLevel) return candidate;
    while (candidate && !postTypeOf(candidate)) candidate = candidate.parentElement?.closest(postSelector) ?? null;
    return candidate;
  }

  function isOwned(element, post, postType) {
    if (element !== post && nearestPost(element) !== post) return false;
    if (!postType.quotedSelector) return true;
    const quoted = element.closest(postType.quotedSelector);
    return !(quoted && quoted !== post && post.contains(quoted));
  }

  // Inside a post's own subtree, nested posts and quoted regions are someone else's text.
  function foreignTo(post, postType) {
    return (element) =>
      element !== post && (postTypeOf(element) !== undefined || Boolean(postType.quotedSelector && element.matches(postType.quotedSelector)));
  }

  function valueOf(element, fallback, post, postType) {
    let value;
    if (fallback.attr) {
      value = element.getAttribute(fallback.attr);
      if (value === null) return null;
    } else {
      value = shownText(element, foreignTo(post, postType));
    }
    value = value.trim();
    if (fallback.pattern) {
      const match = regexes[fallback.pattern].exec(value);
      if (!match) return null;
      value = match.length > 1 ? (match[1] ?? '') : value;
    }
    return value;
  }

  // A post's depth field as a number (Hacker News's indent), or null when it has none.
  function depthOf(post, postType) {
    const value = readField(post, postType, 'depth')?.value;
    if (value === undefined) return null;
    const depth = Number(value);
    return Number.isFinite(depth) ? depth : null;
  }

  // shallower: the nearest EARLIER post element of any type whose depth is smaller than this
  // post's; one without a depth (the page's own story) counts as shallower than every depth.
  // A post without a depth reads nothing here.
  function shallowerPost(post, postType) {
    const depth = depthOf(post, postType);
    if (depth === null) return null;
    const all = [...post.ownerDocument.querySelectorAll(postSelector)].filter((element) => postTypeOf(element));
    let i = all.length - 1;
    while (i >= 0 && all[i] !== post) i--;
    for (i--; i >= 0; i--) {
      const earlier = all[i];
      const earlierDepth = depthOf(earlier, postTypeOf(earlier));
      if (earlierDepth === null || earlierDepth < depth) return earlier;
    }
    return null;
  }

  // next: the element that starts first after the post ends (its next sibling, else its nearest
  // ancestor's), when it lies in no post element; null otherwise.
  function elementAfter(post) {
    let element = post;
    while (element && !element.nextElementSibling) element = element.parentElement;
    const after = element?.nextElementSibling ?? null;
    return after && !nearestPost(after) ? after : null;
  }

  // first_in: the first post element inside the nearest ancestor matching `container`, unless
  // that is the post itself.
  function firstInContainer(post, container) {
    const around = post.parentElement?.closest(container);
    const first = around && [...around.querySelectorAll(postSelector)].find((element) => postTypeOf(element));
    return first && first !== post ? first : null;
  }

  // The first fallback that yields a value; `allowEmpty` for boolean attributes (deleted).
  function readField(post, postType, name, allowEmpty = false) {
    for (const fallback of postType.fields[name] ?? []) {
      if (fallback.enclosing || fallback.shallower || fallback.first_in) {
        const other = fallback.enclosing
          ? nearestPost(post.parentElement)
          : fallback.shallower
            ? shallowerPost(post, postType)
            : firstInContainer(post, fallback.first_in);
        const id = other && readField(other, postTypeOf(other), 'id');
        if (id) return id;
        continue;
      }
      if (fallback.next) {
        const after = fallback.sel ? elementAfter(post) : null;
        for (const element of after ? after.querySelectorAll(fallback.sel) : []) {
          if (nearestPost(element)) continue;
          const value = valueOf(element, fallback, post, postType);
          if (value !== null && (value !== '' || allowEmpty)) return { value, element };
        }
        continue;
      }
      const candidates = fallback.sel ? post.querySelectorAll(fallback.sel) : [post];
      for (const element of candidates) {
        if (!isOwned(element, post, postType)) continue;
        const value = valueOf(element, fallback, post, postType);
        if (value !== null && (value !== '' || allowEmpty)) return { value, element };
      }
    }
    return null;
  }

  function readValue(post, postType, name) {
    return readField(post, postType, name)?.value ?? null;
  }

  function badgeAnchor(post, postType) {
    for (const anchor of postType.badge) {
      if (!anchor.sel) return { anchor: post, place: anchor.place };
      for (const element of post.querySelectorAll(anchor.sel)) {
        if (isOwned(element, post, postType)) return { anchor: element, place: anchor.place };
      }
    }
    return { anchor: null, place: 'after' };
  }

  // created: RFC 3339 text or Unix seconds/milliseconds -> Unix seconds, or null. A date and
  // time without an offset (Hacker News's span.age title) is UTC, as the Rust reader takes it:
  // Date.parse would read it as the reader's local time.
  function unixSeconds(text) {
    if (text === null) return null;
    if (/^\d+(\.\d+)?$/.test(text)) {
      const number = Number(text);
      return Math.floor(number > 1e11 ? number / 1000 : number);
    }
    const utc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
    const millis = Date.parse(utc);
    return Number.isNaN(millis) ? null : Math.floor(millis / 1000);
  }

  // Reads one post element: everything the engine, the hints and the panel need, or null when
  // the element has no id yet (a node still being rendered).
  function read(element) {
    const postType = postTypeOf(element);
    if (!postType) return null;
    const id = readValue(element, postType, 'id');
    if (!id) return null;
    const bodyField = readField(element, postType, 'body');
    const deleted = readField(element, postType, 'deleted', true) !== null;
    let text = bodyField?.value ?? '';
    if (!text && deleted) text = '[deleted]';
    const { anchor, place } = badgeAnchor(element, postType);
    return {
      id,
      element,
      body: bodyField?.element ?? null,
      anchor,
      place,
      text,
      author: readValue(element, postType, 'author'),
      title: readValue(element, postType, 'title'),
      created: unixSeconds(readValue(element, postType, 'created')),
      url: readValue(element, postType, 'url'),
      parent: readValue(element, postType, 'parent'),
      // The site's moderator speaking (old Reddit's distinguished author): never a campaign.
      moderator: readField(element, postType, 'moderator', true) !== null,
      // The site shows the author as a new account (Hacker News's green name): a fact the hint states.
      newAccount: readField(element, postType, 'new_account') !== null,
    };
  }

  function observeRoot(doc) {
    for (const selector of site.observe) {
      const root = doc.querySelector(selector);
      if (root) return root;
    }
    return doc.body;
  }

  // Every attribute an id is read from (of the post or an element in it): a node re-used for
  // another post may change only these (observer.js watches them).
  const idAttributes = [...new Set(postTypes.flatMap((type) => (type.fields.id ?? []).map((fallback) => fallback.attr).filter(Boolean)))];

  return {
    name: site.name,
    postSelector,
    idAttributes,
    read,
    observeRoot,
    // The post element containing `node` (for an edit inside it), or null.
    postOf(node) {
      const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
      return nearestPost(element);
    },
  };
}

// The adapter of the site this page is, or null; detection by the page's own elements.
export function detect(doc, sites = description) {
  for (const site of sites.sites) {
    if (site.detect.some((selector) => doc.querySelector(selector))) return compileSite(site, sites.patterns);
  }
  return null;
}
