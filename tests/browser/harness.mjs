// What the browser tests share: the browser, checks that fail with a
// sentence, numbered screenshots of every step, and waiting for the page's
// searches. scripts/browser-test.sh starts `citater serve` and passes its
// address in CITATER_URL.

import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const BASE = process.env.CITATER_URL;
export const SHOTS = resolve(process.env.CITATER_SHOTS || join(here, '..', '..', 'target', 'browser'));
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const TIMEOUT = Number(process.env.CITATER_TIMEOUT) || 20_000;

// The two screens every point is tried on.
export const DESKTOP = { name: 'laptop', viewport: { width: 1366, height: 800 } };
export const PHONE = { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

// Flags for Chromium as root, offline: no sandbox, no GPU, no calls home.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

export class Failure extends Error {}

export function check(condition, message) {
  if (!condition) throw new Failure(message);
}

// The number in "17 citater" / "1.234 citater" (Danish thousands separator).
export function countOf(text) {
  const m = String(text).replace(/\u00a0/g, ' ').match(/(\d[\d.]*)/);
  return m ? Number(m[1].replace(/\./g, '')) : NaN;
}

export function launch() {
  check(BASE, 'CITATER_URL is not set: give the address of a running `citater serve`, e.g. http://127.0.0.1:7878/');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

// Screenshots are numbered across a test file; `prefix` keeps two files' apart.
export function shooter(prefix) {
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) if (f.startsWith(`${prefix}-`) && f.endsWith('.png')) rmSync(join(SHOTS, f));
  let n = 0;
  const taken = [];
  const shot = async (page, name, options = {}) => {
    n += 1;
    const file = join(SHOTS, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, ...options });
    taken.push(file);
    return file;
  };
  return { shot, taken };
}

// Runs named steps, printing each; a failure carries the step's name.
// CITATER_STEPS (a regular expression) runs only the steps it matches, for
// working on one; CI runs them all.
export function stepper() {
  const done = [];
  const only = process.env.CITATER_STEPS ? new RegExp(process.env.CITATER_STEPS) : null;
  const step = async (name, fn) => {
    if (only && !only.test(name)) {
      console.log(`  --  ${name} (not run: CITATER_STEPS)`);
      return;
    }
    const started = Date.now();
    try {
      await fn();
    } catch (e) {
      e.step = name;
      throw e;
    }
    done.push(name);
    console.log(`  ok  ${name} (${Date.now() - started} ms)`);
  };
  return { step, done };
}

// Resolves once the page has asked /api/search with params matching `want`
// and drawn the answer (the results panel is no longer busy).
export function searchDone(page, want, { ok = true } = {}) {
  const response = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname.endsWith('/api/search') && want(url.searchParams);
  });
  const done = (async () => {
    const r = await response;
    if (ok) check(r.ok(), `/api/search answered ${r.status()} for ${r.url()}`);
    await page.waitForFunction(() => document.querySelector('#panel-results')?.getAttribute('aria-busy') === 'false');
    return r;
  })();
  // If the action it waits on fails first, this is never awaited: keep Node
  // from calling that an unhandled rejection (awaiting it still throws).
  done.catch(() => {});
  return done;
}

export async function hitIds(page) {
  return page.$$eval('[data-testid=hit]', (hits) => hits.map((h) => h.dataset.id));
}

export async function resultCount(page) {
  return countOf(await page.getByTestId('result-count').textContent());
}

// Open the page at `query` (a search string such as "?q=ensom") and wait for its search.
export async function openAt(page, base, query, want, options) {
  const done = searchDone(page, want, options);
  const res = await page.goto(new URL(query, base).href);
  check(res && res.ok(), `GET ${query} answered ${res && res.status()}`);
  await done;
}

// Prints PASS with the steps and screenshots, or FAIL with the step and why,
// and exits 1 on failure.
export function report(main, { done, taken }) {
  const started = Date.now();
  main().then(() => {
    console.log(`PASS: ${done.length} steps in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`screenshots in ${SHOTS}:`);
    for (const f of taken) console.log(`  ${f}`);
  }, (e) => {
    const where = e.step ? `step "${e.step}": ` : '';
    const message = e instanceof Failure || e.name === 'AccessibilityFailure' ? e.message : (e && e.stack) || String(e);
    console.error(`FAIL: ${where}${message}`);
    for (const note of (e && e.notes) || []) console.error(`  ${note}`);
    process.exit(1);
  });
}
