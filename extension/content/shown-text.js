// A post's text as a page shows it, read without layout: innerText would force a reflow per post
// and would change when chaff collapses a body. Block elements and <br> break lines, an <img>'s
// alt counts (X writes emoji as images), whitespace collapses, blank lines drop. chaff's own
// elements (named chaff-*) are skipped, and so is whatever `skip` names: someone else's text
// inside the post (nested replies, quoted regions).

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'template', 'noscript', 'svg']);

function isOwnNode(node) {
  return node.nodeType === Node.ELEMENT_NODE && node.localName.startsWith('chaff-');
}

// Text as shown: lines joined by \n, whitespace inside a line collapsed, blank lines dropped.
export function shownText(root, skip) {
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
