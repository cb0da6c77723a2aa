// chaff inline-style ledger: the only way chaff changes the look of the page's own elements (a
// suspect post's body for dim/collapse, a cluster's posts while their copies are highlighted).
// Design: inline styles set through CSSOM, which no page CSP blocks (a page <style> rule would be,
// in Firefox); the first time chaff touches a property it records the element's own value and
// priority, and restoring puts exactly those back — removing the style attribute again when the
// element had none — so switching chaff off leaves the page exactly as it was.

// element -> { hadStyleAttribute, saved: Map(property -> [value, priority]) }
const ledger = new Map();

export function set(element, properties) {
  let entry = ledger.get(element);
  if (!entry) {
    entry = { hadStyleAttribute: element.hasAttribute('style'), saved: new Map() };
    ledger.set(element, entry);
  }
  for (const [property, value] of Object.entries(properties)) {
    if (!entry.saved.has(property)) {
      entry.saved.set(property, [element.style.getPropertyValue(property), element.style.getPropertyPriority(property)]);
    }
    // !important: the sites' own rules are specific and sometimes important themselves.
    element.style.setProperty(property, value, 'important');
  }
}

export function restore(element, properties) {
  const entry = ledger.get(element);
  if (!entry) return;
  for (const property of properties ?? [...entry.saved.keys()]) {
    const saved = entry.saved.get(property);
    if (!saved) continue;
    const [value, priority] = saved;
    if (value === '') element.style.removeProperty(property);
    else element.style.setProperty(property, value, priority);
    entry.saved.delete(property);
  }
  if (entry.saved.size > 0) return;
  ledger.delete(element);
  if (!entry.hadStyleAttribute && element.getAttribute('style') === '') element.removeAttribute('style');
}

export function restoreAll() {
  for (const element of [...ledger.keys()]) restore(element);
}
