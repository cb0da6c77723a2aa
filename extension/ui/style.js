// chaff UI styles: the CSS of every shadow root chaff puts in a page (the badge with its popover
// and collapse toggle, the moderator panel), and the one helper that makes such a host. Design:
// hosts are styled `all: initial` so the page's CSS cannot reach in, and everything visible is in
// a shadow root so chaff's CSS cannot leak out and change how the site looks. Colours are solid
// pills with their own background, so they read on light and dark pages alike; a word always
// accompanies the colour, for readers who cannot tell the colours apart.

const FONT = 'font: 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;';
// A two-tone ring (white inside, blue outside) stays visible on any page background.
const FOCUS_RING = 'outline: none; box-shadow: 0 0 0 2px #fff, 0 0 0 4px #1864ab;';

const BUTTON = `
  button { ${FONT} cursor: pointer; border-radius: 6px; border: 1px solid #868e96;
    background: #f1f3f5; color: #212529; padding: 3px 9px; }
  button:hover { background: #e9ecef; }
  button:focus-visible { ${FOCUS_RING} }
  @media (prefers-color-scheme: dark) {
    button { background: #343a40; color: #f1f3f5; border-color: #868e96; }
    button:hover { background: #495057; }
  }`;

// Amber for notice, red-orange for suspect: warm and calm, not alarm-red; text colours give
// >= 4.5:1 contrast (WCAG AA).
export const BADGE_CSS = `
    .pill { ${FONT} font-weight: 600; display: inline-flex; align-items: center; gap: 4px;
    border-radius: 999px; padding: 1px 8px; cursor: pointer; white-space: nowrap; border: 1px solid; }
  .pill:focus-visible { ${FOCUS_RING} }
  .pill.notice { background: #ffd43b; color: #3b2a00; border-color: #b08900; }
  .pill.suspect { background: #c2410c; color: #fff; border-color: #7c2d12; }
  .toggle { margin-inline-start: 6px; padding: 1px 8px; border-radius: 999px; }
  .popover { ${FONT} box-sizing: border-box; width: 320px; max-width: calc(100vw - 16px); margin: 0;
    padding: 12px 14px; border-radius: 10px; border: 1px solid #adb5bd; background: #fff; color: #212529;
    box-shadow: 0 6px 24px rgba(0, 0, 0, 0.25); text-align: start; white-space: normal; z-index: 2147483647; }
  .popover[data-anchored="fixed"] { position: fixed; inset: auto; }
  .popover[data-anchored="below"] { position: absolute; top: calc(100% + 6px); left: 0; }
  .popover:focus-visible { ${FOCUS_RING} }
  .popover h2 { font-size: 13px; font-weight: 700; margin: 0 0 6px; }
  .popover ul { margin: 0 0 8px; padding-inline-start: 18px; }
  .popover li { margin: 2px 0; }
  .popover .caveat { margin: 0 0 10px; color: #495057; font-size: 11.5px; }
  .popover .status:empty { margin: 0; }
  .popover .actions { display: flex; flex-wrap: wrap; gap: 6px; }
  .popover .status { margin: 6px 0 0; font-size: 11.5px; color: #495057; }
  @media (prefers-color-scheme: dark) {
    .popover { background: #212529; color: #f1f3f5; border-color: #495057; }
    .popover .caveat, .popover .status { color: #ced4da; }
  }
  ${BUTTON}`;

export const PANEL_CSS = `
  .sheet { ${FONT} font-size: 13px; position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483647;
    width: 380px; max-width: 100vw; box-sizing: border-box; display: flex; flex-direction: column;
    background: #fff; color: #212529; border-left: 1px solid #adb5bd; box-shadow: -6px 0 24px rgba(0, 0, 0, 0.2); }
  header { display: flex; align-items: center; justify-content: space-between; gap: 8px;
    padding: 12px 16px; border-bottom: 1px solid #dee2e6; }
  h2 { font-size: 15px; margin: 0; }
  h2:focus-visible { ${FOCUS_RING} }
  h3 { font-size: 13px; margin: 16px 0 6px; }
  .body { overflow: auto; padding: 4px 16px 16px; flex: 1; }
  .summary { margin: 10px 0 0; }
  .note, .empty, .meta, .status { color: #495057; font-size: 12px; }
  ol, ul { list-style: none; margin: 0; padding: 0; }
  .cluster, .ai-post { border: 1px solid #dee2e6; border-radius: 8px; padding: 8px 10px; margin: 0 0 8px; }
  .snippet { margin: 0 0 4px; font-style: italic; overflow-wrap: anywhere; }
  .jumps { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin-top: 6px; }
  .jumps button { padding: 1px 7px; font-size: 11.5px; }
  .ai-post { display: grid; grid-template-columns: 3.2em 1fr auto; gap: 8px; align-items: start; }
  .percent { font-weight: 700; }
  .exports { display: flex; gap: 8px; }
  @media (prefers-color-scheme: dark) {
    .sheet { background: #212529; color: #f1f3f5; border-color: #495057; }
    header, .cluster, .ai-post { border-color: #495057; }
    .note, .empty, .meta, .status { color: #ced4da; }
  }
  ${BUTTON}`;

// A host element the page cannot style, with an open shadow root holding `css`. Open, not
// closed: tests and users' tools can inspect what chaff shows; the page learns nothing secret.
// The host is reset by `:host { all: initial !important }` rather than an inline style: an
// important declaration of the shadow tree beats every rule of the page, even its important
// ones (CSS Cascade 4, context), and an inline `all` would write out ~300 longhands on each host.
// `hostDeclarations` (the host's own layout) come after the reset, each made important too.
export function makeShadowHost(tagName, hostDeclarations, css) {
  const host = document.createElement(tagName);
  const root = host.attachShadow({ mode: 'open' });
  const important = hostDeclarations.split(';').filter((d) => d.trim()).map((d) => `${d.trim()} !important;`).join(' ');
  adoptCss(root, `:host { all: initial !important; ${important} }\n${css}`);
  return { host, root };
}

// Constructed style sheets are not subject to the page's CSP `style-src`, whereas a <style>
// element is in Firefox and Safari (w3c/webextensions#337; uBlacklist #919 moved to adopted
// sheets for this reason). One sheet per distinct CSS is shared by every host: a 1,000-comment
// thread then parses the badge CSS once, not a thousand times. The <style> element remains for
// a browser that refuses to adopt a sheet made in the content script's world.
const sheets = new Map();

function adoptCss(root, css) {
  try {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}
