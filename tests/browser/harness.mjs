// Shared helpers for chaff's real-browser tests and measurements (extension.test.mjs,
// longtasks.mjs, scripts/show.mjs, firefox.test.mjs; the www test may import it too). Nothing
// here downloads: the browsers are Debian's Chromium, driven by playwright-core, and Debian's
// Firefox ESR, driven over WebDriver BiDi by puppeteer-core.
//
// API:
//   ROOT                                  the repository root
//   CHROMIUM                              browser binary ($CHROMIUM or /usr/bin/chromium)
//   EXTENSION_DIR                         dist/chrome (the built extension, loaded unchanged)
//   SITE_HOSTS                            hostnames mapped to the local server
//   requireBuild()                        throws a clear error when dist/chrome is missing
//   makeCertificate()                     -> { key, cert }: a throwaway self-signed pair (openssl)
//   startHttpsServer(handler)             -> { port, close() }; handler(request, url) returns
//                                            { status?, headers?, body } (or null for 404)
//   staticPages(dir)                      handler serving dir's files by path ("/" → 404)
//   launchBrowser({ port, extension?, headless? })
//                                         -> { context, userDataDir, close() }: a persistent
//                                            context (extensions need one) that resolves
//                                            SITE_HOSTS to 127.0.0.1:port, accepts the
//                                            self-signed certificate, and loads `extension`
//                                            (a directory) when given
//   extensionWorker(context)              -> the extension's service worker (waits for it)
//   FIREFOX, FIREFOX_EXTENSION_DIR        $FIREFOX or /usr/bin/firefox-esr; dist/firefox
//   FIREFOX_EXTENSION_ORIGIN              moz-extension://… of the add-on launchFirefox installs
//   launchFirefox({ downloadDir, prefs }) -> a puppeteer Browser with dist/firefox installed as a
//                                            temporary add-on, SITE_HOSTS resolving to 127.0.0.1
//                                            (Firefox has no port mapping: put the server's
//                                            port in the URL), the certificate accepted and
//                                            downloads saved to downloadDir without a prompt
//                                            (prefs: more Firefox preferences)
//   openFirefoxExtensionPage(browser, path) -> a puppeteer Page on one of the add-on's pages,
//                                            where the WebExtension API (browser.*) is at hand
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const EXTENSION_DIR = path.join(ROOT, 'dist', 'chrome');
export const SITE_HOSTS = ['www.reddit.com', 'old.reddit.com', 'x.com', 'twitter.com', 'mobile.x.com', 'news.ycombinator.com', 'github.com',
  'bsky.app', 'www.youtube.com', 'm.youtube.com'];

export function requireBuild() {
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${EXTENSION_DIR} is missing: build the extension first (make extension, or bash scripts/build-extension.sh)`);
  }
}

export function makeCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-cert-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  const names = SITE_HOSTS.map((host) => `DNS:${host}`).join(',');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath,
    '-days', '1', '-subj', '/CN=chaff-test', '-addext', `subjectAltName=${names},IP:127.0.0.1`], { stdio: 'ignore' });
  const pair = { key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath) };
  fs.rmSync(dir, { recursive: true, force: true });
  return pair;
}

export async function startHttpsServer(handler) {
  const server = https.createServer(makeCertificate(), async (request, response) => {
    const url = new URL(request.url, `https://${request.headers.host}`);
    try {
      const answer = await handler(request, url);
      if (!answer) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(answer.status ?? 200, answer.headers ?? {}).end(answer.body);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.wasm': 'application/wasm' };

export function staticPages(dir) {
  return (request, url) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
    return { headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }, body: fs.readFileSync(file) };
  };
}

export async function launchBrowser({ port, extension, headless = true }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-profile-'));
  const rules = SITE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');
  const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', `--host-resolver-rules=${rules}`];
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args,
  });
  return {
    context,
    userDataDir,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function extensionWorker(context) {
  return context.serviceWorkers().find((worker) => worker.url().startsWith('chrome-extension://')) ??
    context.waitForEvent('serviceworker', { predicate: (worker) => worker.url().startsWith('chrome-extension://') });
}

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = path.join(ROOT, 'dist', 'firefox');
// A fixed internal UUID for the add-on (Firefox picks a random one per profile otherwise), so a
// test can open the extension's own pages.
const FIREFOX_EXTENSION_UUID = '5c1e0f2a-c4af-4f00-8000-0000000c4aff';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export async function launchFirefox({ downloadDir, prefs = {} }) {
  if (!fs.existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${FIREFOX_EXTENSION_DIR} is missing: build the extension first (make extension)`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const addonId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    // Lets a test open the add-on's own pages (openFirefoxExtensionPage); nothing else uses it.
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': SITE_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: FIREFOX_EXTENSION_UUID }),
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      ...prefs,
    },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return browser;
}

export async function openFirefoxExtensionPage(browser, pagePath) {
  const page = await browser.newPage();
  // The navigation happens, but puppeteer never sees it finish for a moz-extension: page; wait
  // on the page itself instead.
  page.goto(`${FIREFOX_EXTENSION_ORIGIN}/${pagePath}`, { timeout: 10_000 }).catch(() => {});
  // The wait is evaluated in the page, and the navigation from about:blank can destroy its
  // context mid-wait ("Waiting failed" at once, seen on a busy machine): wait again until the
  // deadline.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await page.waitForFunction(
        (origin) => location.href.startsWith(origin) && document.readyState === 'complete',
        { timeout: Math.max(1, deadline - Date.now()) },
        FIREFOX_EXTENSION_ORIGIN,
      );
      return page;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
