// chaff.adapters: where the posts are, read from src/sites.json (shipped as sites.json), the same
// description the Rust extractor reads, so the CLI and the extension see the same posts.
// Design: sites are tried in the file's order and detected from the page (its detect selectors),
// never from the host alone: old Reddit renders on www.reddit.com too (GUIDE §1). Every field is
// a list of fallbacks, best first. Ownership rule (sites.json _doc): an element belongs to the
// nearest enclosing post element of any kind and must not sit in one of that post's quoted regions,
// so a comment never reads its replies and a quoting tweet never reads the quoted one. Text is
// read as a page shows it without layout (innerText would force a reflow per post and change when
// chaff collapses a body): block elements and <br> break lines, an <img>'s alt counts (X emoji),
// whitespace collapses. chaff's own elements are skipped.
'use strict';
{
  const chaff = (globalThis.chaff ??= {});

  const BLOCK_TAGS = new Set([
    'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
    'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
    'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul',
  ]);
  const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg']);

  let description = null;

  async function load() {
    if (!description) {
      const response = await fetch(chrome.runtime.getURL('sites.json'));
      description = await response.json();
    }
    return description;
  }

  function isOwnNode(node) {
    return node.nodeType === Node.ELEMENT_NODE && node.localName.startsWith('chaff-');
  }

  // Text as shown: lines joined by \n, whitespace inside a line collapsed, blank lines dropped.
  function shownText(root, skip) {
    const lines = [''];
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          lines[lines.length - 1] += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const tag = child.localName;
          if (SKIPPED_TAGS.has(tag) || isOwnNode(child) || skip(child)) continue;
          if (tag === 'br') {
            lines.push('');
          } else if (tag === 'img') {
            lines[lines.length - 1] += child.getAttribute('alt') ?? '';
          } else if (BLOCK_TAGS.has(tag)) {
            lines.push('');
            walk(child);
            lines.push('');
          } else {
            walk(child);
          }
        }
      }
    };
    walk(root);
    return lines
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter((line) => line !== '')
      .join('\n');
  }

  function compileSite(site, patterns) {
    const kinds = Object.values(site.post_types).map((kind) => ({
      elementSelector: kind.element.join(', '),
      quotedSelector: kind.quoted.join(', '),
      fields: kind.fields,
      badge: kind.badge,
    }));
    const postSelector = kinds.map((kind) => kind.elementSelector).join(', ');
    const regexes = Object.fromEntries(Object.entries(patterns).map(([name, p]) => [name, new RegExp(p.regex)]));

    function kindOf(element) {
      return kinds.find((kind) => element.matches(kind.elementSelector));
    }

    function isOwned(element, post, kind) {
      if (element !== post && element.closest(postSelector) !== post) return false;
      if (!kind.quotedSelector) return true;
      const quoted = element.closest(kind.quotedSelector);
      return !(quoted && quoted !== post && post.contains(quoted));
    }

    // Inside a post's own subtree, nested posts and quoted regions are someone else's text.
    function foreignTo(post, kind) {
      return (element) =>
        element !== post && (element.matches(postSelector) || Boolean(kind.quotedSelector && element.matches(kind.quotedSelector)));
    }

    function valueOf(element, fallback, post, kind) {
      let value;
      if (fallback.attr) {
        value = element.getAttribute(fallback.attr);
        if (value === null) return null;
      } else {
        value = shownText(element, foreignTo(post, kind));
      }
      value = value.trim();
      if (fallback.pattern) {
        const match = regexes[fallback.pattern].exec(value);
        if (!match) return null;
        value = match.length > 1 ? (match[1] ?? '') : value;
      }
      return value;
    }

    // The first fallback that yields a value; `allowEmpty` for boolean attributes (deleted).
    function readField(post, kind, name, allowEmpty = false) {
      for (const fallback of kind.fields[name] ?? []) {
        if (fallback.enclosing) {
          const enclosing = post.parentElement?.closest(postSelector);
          const id = enclosing && readField(enclosing, kindOf(enclosing), 'id');
          if (id) return id;
          continue;
        }
        const candidates = fallback.sel ? post.querySelectorAll(fallback.sel) : [post];
        for (const element of candidates) {
          if (!isOwned(element, post, kind)) continue;
          const value = valueOf(element, fallback, post, kind);
          if (value !== null && (value !== '' || allowEmpty)) return { value, element };
        }
      }
      return null;
    }

    function readValue(post, kind, name) {
      return readField(post, kind, name)?.value ?? null;
    }

    function badgeAnchor(post, kind) {
      for (const anchor of kind.badge) {
        if (!anchor.sel) return { anchor: post, place: anchor.place };
        for (const element of post.querySelectorAll(anchor.sel)) {
          if (isOwned(element, post, kind)) return { anchor: element, place: anchor.place };
        }
      }
      return { anchor: null, place: 'after' };
    }

    // created: RFC 3339 text or Unix seconds/milliseconds -> Unix seconds, or null.
    function unixSeconds(text) {
      if (text === null) return null;
      if (/^\d+(\.\d+)?$/.test(text)) {
        const number = Number(text);
        return Math.floor(number > 1e11 ? number / 1000 : number);
      }
      const millis = Date.parse(text);
      return Number.isNaN(millis) ? null : Math.floor(millis / 1000);
    }

    // Reads one post element: everything the engine, the hints and the panel need, or null when
    // the element has no id yet (a node still being rendered).
    function read(element) {
      const kind = kindOf(element);
      if (!kind) return null;
      const id = readValue(element, kind, 'id');
      if (!id) return null;
      const bodyField = readField(element, kind, 'body');
      const deleted = readField(element, kind, 'deleted', true) !== null;
      let text = bodyField?.value ?? '';
      if (!text && deleted) text = '[deleted]';
      const { anchor, place } = badgeAnchor(element, kind);
      return {
        id,
        element,
        body: bodyField?.element ?? null,
        anchor,
        place,
        text,
        author: readValue(element, kind, 'author'),
        title: readValue(element, kind, 'title'),
        created: unixSeconds(readValue(element, kind, 'created')),
        url: readValue(element, kind, 'url'),
        parent: readValue(element, kind, 'parent'),
      };
    }

    function observeRoot(doc) {
      for (const selector of site.observe) {
        const root = doc.querySelector(selector);
        if (root) return root;
      }
      return doc.body;
    }

    return {
      name: site.name,
      postSelector,
      read,
      observeRoot,
      // The post element containing `node` (for an edit inside it), or null.
      postOf(node) {
        const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
        return element?.closest(postSelector) ?? null;
      },
    };
  }

  // The adapter of the site this page is, or null; detection by the page's own elements.
  function detect(doc, sites = description) {
    for (const site of sites.sites) {
      if (site.detect.some((selector) => doc.querySelector(selector))) return compileSite(site, sites.patterns);
    }
    return null;
  }

  chaff.adapters = { load, detect };
}
