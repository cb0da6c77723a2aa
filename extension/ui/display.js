// chaff display modes for a suspect post: badge (the body untouched), dim (the body faded, back to
// full strength on hover or focus), collapse (the body hidden behind a one-click "Show"). Design:
// only the post's own body element is touched, never the post element, so a comment's nested
// replies keep their look (GUIDE §1: shreddit-comment and old Reddit's .thing contain their
// replies). A notice keeps its badge only: dimming or hiding is for the stronger level (issue 4).
'use strict';
{
  const chaff = (globalThis.chaff ??= {});
  const ui = (chaff.ui ??= {});

  const DIM_OPACITY = '0.35';
  const DIM_PROPERTIES = ['opacity', 'transition'];

  // state: { body, mode, dimListeners, reveal: {host, text, button}, revealed }, owned by the
  // post's record in hints.js; `revealed` survives verdict updates so a shown post stays shown.
  function createState() {
    return { body: null, mode: 'badge', dimListeners: null, reveal: null, revealed: false };
  }

  function effectiveMode(verdict, requested) {
    return verdict.level === 'suspect' && (requested === 'dim' || requested === 'collapse') ? requested : 'badge';
  }

  function startDim(state) {
    const body = state.body;
    const fade = () => ui.inline.set(body, { opacity: DIM_OPACITY, transition: 'opacity 120ms ease-out' });
    const unfade = () => ui.inline.set(body, { opacity: '1' });
    const maybeFade = () => {
      if (!body.matches(':hover') && !body.contains(document.activeElement)) fade();
    };
    state.dimListeners = [
      ['mouseenter', unfade],
      ['focusin', unfade],
      ['mouseleave', maybeFade],
      ['focusout', () => setTimeout(maybeFade)],
    ];
    for (const [type, listener] of state.dimListeners) body.addEventListener(type, listener);
    fade();
  }

  function setCollapsed(state, collapsed) {
    if (collapsed) ui.inline.set(state.body, { display: 'none' });
    else ui.inline.restore(state.body, ['display']);
    state.reveal.button.textContent = collapsed ? 'Show' : 'Hide again';
    state.reveal.button.setAttribute('aria-expanded', String(!collapsed));
  }

  function startCollapse(state, verdict) {
    const { host, root } = ui.makeShadowHost('chaff-reveal', 'display: block; margin: 4px 0;', ui.css.reveal);
    const row = document.createElement('div');
    row.className = 'row';
    const text = document.createElement('span');
    text.id = 'reason';
    const button = document.createElement('button');
    button.type = 'button';
    // The visible "Show" / "Hide again" is the name; the row's sentence says what is hidden.
    button.setAttribute('aria-describedby', 'reason');
    button.addEventListener('click', () => {
      state.revealed = !state.revealed;
      setCollapsed(state, !state.revealed);
    });
    row.append(text, button);
    root.append(row);
    state.body.before(host);
    state.reveal = { host, text, button };
    updateCollapse(state, verdict);
    setCollapsed(state, !state.revealed);
  }

  function updateCollapse(state, verdict) {
    state.reveal.text.textContent = `Hidden by chaff (${ui.words.LEVEL_WORDS[verdict.level]}): ${ui.words.firstReasonText(verdict)}`;
  }

  function clear(state) {
    if (state.body === null) return;
    for (const [type, listener] of state.dimListeners ?? []) state.body.removeEventListener(type, listener);
    state.dimListeners = null;
    state.reveal?.host.remove();
    state.reveal = null;
    ui.inline.restore(state.body, [...DIM_PROPERTIES, 'display']);
    state.body = null;
    state.mode = 'badge';
  }

  function apply(state, body, verdict, requestedMode) {
    const mode = body ? effectiveMode(verdict, requestedMode) : 'badge';
    if (state.body === body && state.mode === mode) {
      if (mode === 'collapse') updateCollapse(state, verdict);
      return;
    }
    clear(state);
    if (mode === 'badge') return;
    state.body = body;
    state.mode = mode;
    if (mode === 'dim') startDim(state);
    else startCollapse(state, verdict);
  }

  ui.display = { createState, apply, clear };
}
