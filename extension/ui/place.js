// chaff placement: puts one of chaff's hosts beside a page element. Design: new Reddit's post and
// comment elements have shadow roots that render only light children assigned to named slots
// (`[slot="comment"]`, `[slot="text-body"]`). A chaff host inserted as a sibling of such a child
// would need the same slot name to be rendered, and would then be found by every `[slot="comment"]`
// query (the extension's own adapter, Reddit's scripts). So beside a slotted child of a custom
// element, the host goes inside that child instead (at its start for "before", at its end for
// "after"). Nothing is ever written into a page's shadow root.

// A closed shadow root hides itself (shadowRoot is null), so the test is on what can be seen:
// a slot name on a child of a custom element (whose name always contains a hyphen).
function isSlottedInCustomElement(element) {
  return Boolean(element.slot) && Boolean(element.parentElement?.localName.includes('-'));
}

// place: 'after' | 'before' | 'append'. Moves the host only when it is not already there, so
// repeated calls cause no DOM mutation (and no MutationObserver churn).
export function placeBeside(host, reference, place) {
  if (place === 'append' || (place === 'after' && isSlottedInCustomElement(reference))) {
    if (host.parentNode !== reference || reference.lastChild !== host) reference.append(host);
  } else if (place === 'before' && isSlottedInCustomElement(reference)) {
    if (reference.firstChild !== host) reference.prepend(host);
  } else if (place === 'before') {
    if (reference.previousSibling !== host) reference.before(host);
  } else if (reference.nextSibling !== host) {
    reference.after(host);
  }
}
