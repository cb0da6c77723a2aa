// chaff badge: the small pill beside a post's author and the popover it opens. Design: a
// <chaff-badge> host (styled `all: initial`) with a shadow root; a real <button> so it is keyboard
// reachable and Enter/Space open it; the popover is a dialog listing the reasons in plain words,
// marked as a hint and not a verdict. The popover goes in the top layer (popover API) where the
// browser has it, because X's timeline cells are transformed and clip anything positioned inside
// them; a browser without it (Chromium before 114; Firefox has it in every version chaff allows,
// 128 on) gets it positioned below the pill instead.
// All text goes in with textContent. This file only draws: hints.js decides what happens.
import { makeShadowHost, BADGE_CSS } from './style.js';
import { CAVEAT, pillText, badgeLabel, firstReasonText, popoverTitle } from './words.js';

const GAP_PX = 6;
const MARGIN_PX = 8;
const hasPopoverApi = typeof HTMLElement.prototype.showPopover === 'function';
// The host is positioned only where the popover hangs below the pill (no popover API): a
// positioned host is a paint layer of its own, and thousands of them (a flood's badges) made
// every frame of the page walk thousands of layers (measured with tests/browser/flood.mjs).
const HOST_STYLE = `display: inline-block; vertical-align: middle; margin: 0 6px; line-height: normal;${hasPopoverApi ? '' : ' position: relative;'}`;
let nextPopoverNumber = 1;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

// handlers: { onToggleHighlight(), onNextCopy(), onToggleCollapse() }
export function createBadge(handlers) {
  const { host, root } = makeShadowHost('chaff-badge', HOST_STYLE, BADGE_CSS);
  const popoverId = `chaff-popover-${nextPopoverNumber++}`;

  const pill = element('button', 'pill');
  pill.type = 'button';
  pill.setAttribute('aria-haspopup', 'dialog');
  pill.setAttribute('aria-expanded', 'false');
  pill.setAttribute('aria-controls', popoverId);

  // Collapse mode's "Show post" / "Hide post": beside the pill, outside the popover, one click.
  const collapseToggle = element('button', 'toggle');
  collapseToggle.type = 'button';
  collapseToggle.hidden = true;

  const popover = element('div', 'popover');
  popover.id = popoverId;
  popover.setAttribute('role', 'dialog');
  popover.setAttribute('aria-labelledby', `${popoverId}-title`);
  popover.tabIndex = -1;
  if (hasPopoverApi) {
    // manual: chaff handles Escape and outside clicks itself, the same way in every browser.
    popover.setAttribute('popover', 'manual');
    popover.dataset.anchored = 'fixed';
  } else {
    popover.hidden = true;
    popover.dataset.anchored = 'below';
  }
  const title = element('h2');
  title.id = `${popoverId}-title`;
  const reasons = element('ul');
  const caveat = element('p', 'caveat', CAVEAT);
  const actions = element('div', 'actions');
  const highlightButton = element('button', '', 'Highlight copies');
  const nextButton = element('button', '', 'Next copy');
  const closeButton = element('button', '', 'Close');
  for (const button of [highlightButton, nextButton, closeButton]) button.type = 'button';
  const status = element('p', 'status');
  status.setAttribute('role', 'status');
  actions.append(highlightButton, nextButton, closeButton);
  popover.append(title, reasons, caveat, actions, status);
  root.append(pill, collapseToggle, popover);

  let open = false;

  function position() {
    if (!hasPopoverApi) return;
    const anchor = pill.getBoundingClientRect();
    const width = popover.offsetWidth;
    const height = popover.offsetHeight;
    const left = Math.min(Math.max(MARGIN_PX, anchor.left), innerWidth - width - MARGIN_PX);
    const below = anchor.bottom + GAP_PX;
    const top = below + height <= innerHeight - MARGIN_PX ? below : Math.max(MARGIN_PX, anchor.top - GAP_PX - height);
    popover.style.left = `${Math.max(MARGIN_PX, left)}px`;
    popover.style.top = `${top}px`;
  }

  function onKeydown(event) {
    if (event.key !== 'Escape') return;
    // Consumed here, so the moderator panel's own Escape does not close it at the same time.
    event.preventDefault();
    event.stopPropagation();
    close({ restoreFocus: true });
  }

  function onPointerdown(event) {
    if (!event.composedPath().includes(host)) close({ restoreFocus: false });
  }

  function setOpen(value) {
    open = value;
    pill.setAttribute('aria-expanded', String(value));
    const method = value ? 'addEventListener' : 'removeEventListener';
    document[method]('keydown', onKeydown, true);
    document[method]('pointerdown', onPointerdown, true);
    // The pill moves with the page; the top-layer popover must follow it.
    globalThis[method]('scroll', position, { capture: true, passive: true });
    globalThis[method]('resize', position, { passive: true });
  }

  function show() {
    if (open) return;
    if (hasPopoverApi) popover.showPopover();
    else popover.hidden = false;
    setOpen(true);
    position();
    popover.focus({ preventScroll: true });
  }

  function close({ restoreFocus }) {
    if (!open) return;
    if (hasPopoverApi) popover.hidePopover();
    else popover.hidden = true;
    setOpen(false);
    if (restoreFocus) pill.focus({ preventScroll: true });
  }

  pill.addEventListener('click', () => (open ? close({ restoreFocus: false }) : show()));
  closeButton.addEventListener('click', () => close({ restoreFocus: true }));
  highlightButton.addEventListener('click', () => handlers.onToggleHighlight());
  nextButton.addEventListener('click', () => handlers.onNextCopy());
  collapseToggle.addEventListener('click', () => handlers.onToggleCollapse());

  // What the badge shows now, as one string: an update that would draw the same touches nothing.
  // Under a flood the content script redraws a badge on every verdict change the engine reports,
  // and a write of the same text still costs the page a style and layout pass.
  let drawn = null;

  // view: { verdict, canJump, highlighted, collapse: null | { revealed } }
  function update({ verdict, canJump, highlighted, collapse }) {
    const view = [verdict.level, pillText(verdict), badgeLabel(verdict), ...verdict.reasons.map((reason) => reason.text),
      canJump, highlighted, collapse === null ? 'none' : collapse.revealed].join('\u0000');
    if (view === drawn) return;
    drawn = view;
    pill.className = `pill ${verdict.level}`;
    pill.textContent = pillText(verdict);
    pill.setAttribute('aria-label', badgeLabel(verdict));
    title.textContent = popoverTitle(verdict);
    reasons.replaceChildren(...verdict.reasons.map((reason) => element('li', '', reason.text)));
    highlightButton.hidden = !canJump;
    nextButton.hidden = !canJump;
    highlightButton.textContent = highlighted ? 'Remove highlight' : 'Highlight copies';
    highlightButton.setAttribute('aria-pressed', String(highlighted));
    collapseToggle.hidden = collapse === null;
    if (collapse !== null) {
      collapseToggle.textContent = collapse.revealed ? 'Hide post' : 'Show post';
      collapseToggle.setAttribute('aria-expanded', String(collapse.revealed));
      collapseToggle.setAttribute('aria-label', collapse.revealed
        ? 'Hide the post again'
        : `Show post hidden by chaff: ${firstReasonText(verdict)}`);
    }
    if (open) position();
  }

  function say(text) {
    status.textContent = text;
  }

  function destroy() {
    close({ restoreFocus: false });
    host.remove();
  }

  return {
    host,
    update,
    say,
    destroy,
    close,
    focus: () => pill.focus({ preventScroll: true }),
  };
}
