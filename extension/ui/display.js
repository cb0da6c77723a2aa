// chaff display modes for a suspect post: badge (the body untouched), dim (the body faded, back to
// full strength on hover or focus), collapse (the body hidden; the badge gains a one-click "Show
// post" button). Design: only the post's own body element is touched, never the post element, so
// a comment's nested replies keep their look (new Reddit's shreddit-comment and old Reddit's
// .thing contain their replies). The "Show post" toggle lives in the badge beside the author rather than
// next to the body, because new Reddit's slotted bodies leave no renderable place beside them (see
// place.js); where the badge itself had to go inside the body, hiding the body would hide the
// toggle too, so such a post is dimmed instead. A notice keeps its badge only: dimming or hiding
// is for the stronger level, so a mere notice never hides what someone wrote.
import * as inline from './inline.js';

const DIM_OPACITY = '0.35';
const BODY_PROPERTIES = ['opacity', 'transition', 'display'];

// state: { body, mode, dimListeners, revealed }, owned by the post's record in hints.js;
// `revealed` survives verdict updates so a post the reader chose to see stays shown.
export function createState() {
  return { body: null, mode: 'badge', dimListeners: null, revealed: false };
}

function effectiveMode(verdict, requested, canCollapse) {
  if (verdict.level !== 'suspect') return 'badge';
  if (requested === 'collapse') return canCollapse ? 'collapse' : 'dim';
  return requested === 'dim' ? 'dim' : 'badge';
}

function startDim(state) {
  const body = state.body;
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const fade = () => inline.set(body, { opacity: DIM_OPACITY, transition: reducedMotion ? 'none' : 'opacity 120ms ease-out' });
  const unfade = () => inline.set(body, { opacity: '1' });
  const maybeFade = () => {
    if (!body.matches(':hover') && !body.contains(document.activeElement)) fade();
  };
  state.dimListeners = [
    ['mouseenter', unfade],
    ['focusin', unfade],
    ['mouseleave', maybeFade],
    // After focusout the new focus is not settled yet; look once it is.
    ['focusout', () => setTimeout(maybeFade)],
  ];
  for (const [type, listener] of state.dimListeners) body.addEventListener(type, listener);
  fade();
}

function showCollapsed(state) {
  if (state.revealed) inline.restore(state.body, ['display']);
  else inline.set(state.body, { display: 'none' });
}

export function toggleRevealed(state) {
  state.revealed = !state.revealed;
  if (state.mode === 'collapse') showCollapsed(state);
}

export function clear(state) {
  if (state.body === null) return;
  for (const [type, listener] of state.dimListeners ?? []) state.body.removeEventListener(type, listener);
  state.dimListeners = null;
  inline.restore(state.body, BODY_PROPERTIES);
  state.body = null;
  state.mode = 'badge';
}

// Returns the mode in force: 'badge', 'dim' or 'collapse'.
export function apply(state, body, verdict, requestedMode, canCollapse) {
  const mode = body ? effectiveMode(verdict, requestedMode, canCollapse) : 'badge';
  if (state.body === body && state.mode === mode) return mode;
  clear(state);
  if (mode === 'badge') return mode;
  state.body = body;
  state.mode = mode;
  if (mode === 'dim') startDim(state);
  else showCollapsed(state);
  return mode;
}
