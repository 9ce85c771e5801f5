// What a report writer relies on, tried in headless Chromium on a laptop
// (1366×800) and a phone (390×844), with axe-core run over every state:
//
//   1. a phrase's snippet shows the phrase;
//   2. the page says what it searched for when it read the query otherwise
//      (a typo, nothing but operators, a stray bracket);
//   3. a long query is refused in Danish, and the field takes no more;
//   4. with the server gone, the page says which search failed, shows no
//      stale counts, and an export says it failed;
//   5. "/" from a checkbox, the skip link, few Tabs to the first hit;
//   6. on a phone, the filter column's "Vis N citater" and a matrix whose
//      heads, corner and caption hold while it scrolls;
//   7. the matrix's theme rows under their booklet;
//   8. the quote view's source as a reader looks it up, and its context as
//      repaired paragraphs with the quote marked;
//   9. one name per booklet on the page, and a favicon;
//  10. filter values typed the way the query takes them;
// and the bar chart (each bar a filter), the shortlist's order and the link
// that opens it in another browser, and the page's weight on the wire.
//
//   CITATER_URL=http://127.0.0.1:7878/ node tests/browser/report-writer.test.mjs
//
// The queries are the corpus's own words: "politisk tæft" and "derfor skal"
// are said as phrases in several quotes, "tillid" is said at every level.

import { assertAccessible } from './axe.mjs';
import {
  BASE, DESKTOP, PHONE, TIMEOUT, check, countOf, launch, openAt, report, resultCount, searchDone, shooter, stepper,
} from './harness.mjs';

const PHRASES = ['politisk tæft', 'derfor skal'];
const WORD = 'tillid';
const TYPO = 'tilid';
const LEVEL = 'direktør';
const LEVEL_TYPED = 'direktor';
const MAX_QUERY = 500;
// The page's own files on the wire (compressed), at most.
const MAX_PAGE_BYTES = 60_000;

const shots = shooter('report');
const { shot } = shots;
const steps = stepper();
const { step } = steps;

const squash = (t) => String(t).replace(/\s+/g, ' ').trim();
const lower = (t) => squash(t).toLocaleLowerCase('da');

// A fresh context (another browser, as far as the page can tell) at one screen.
async function newPage(browser, screen, problems) {
  const context = await browser.newContext({ ...screen, locale: 'da-DK', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => problems.push(`uncaught error (${screen.name}): ${e.message}`));
  page.on('console', (m) => {
    // A request the test itself cut off (the server "down") is expected.
    if (m.type() === 'error' && !/ERR_FAILED|Failed to load resource/.test(m.text())) problems.push(`console error (${screen.name}): ${m.text()}`);
  });
  return page;
}

async function done(page, name) {
  await shot(page, name);
  await assertAccessible(page, name);
}

const search = (q) => `?q=${encodeURIComponent(q)}`;
const isQ = (q) => (p) => p.get('q') === q;

async function headingNumbers(page) {
  const text = await page.locator('#results-heading').textContent();
  return { count: await resultCount(page), related: countOf(text.split('·')[1] || '') };
}

async function pointsOn(browser, base, screen, problems) {
  const phone = screen === PHONE;
  const page = await newPage(browser, screen, problems);
  const tag = (name) => `${screen.name}-${name}`;

  // ----------------------------------------------------------------- 9
  await step(`${screen.name}: 9. one name per booklet, and a favicon`, async () => {
    const missing = [];
    page.on('response', (r) => { if (r.status() === 404) missing.push(r.url()); });
    // The booklets' names may arrive after the first hits: draw them the same either way.
    await page.route('**/api/publications', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    const names = page.waitForResponse((r) => r.url().endsWith('/api/publications'));
    await openAt(page, base, search(WORD), isQ(WORD));
    await names;
    await page.waitForTimeout(200);
    const facetNames = new Set(await page.$$eval('fieldset.facet-publication .facet-name', (n) => n.map((x) => x.textContent.trim())));
    const shown = await page.$$eval('[data-testid=hit] .meta .pub', (n) => n.map((x) => x.textContent.trim()));
    check(shown.length > 0, 'no hit names its booklet');
    const odd = shown.filter((t) => !facetNames.has(t));
    check(!odd.length, `a hit names its booklet "${odd[0]}", the filter column ${[...facetNames].join(' | ')}`);
    const icon = await page.$eval('link[rel~=icon]', (l) => l.href).catch(() => null);
    check(icon, 'the page names no favicon');
    const r = await page.request.get(icon);
    check(r.ok(), `the favicon ${icon} answers ${r.status()}`);
    check(!missing.length, `the page asked for what is not there: ${missing.join(', ')}`);
    await page.unroute('**/api/publications');
    await done(page, tag('names'));
  });

  // ----------------------------------------------------------------- 1
  await step(`${screen.name}: 1. a phrase's snippet shows the phrase`, async () => {
    for (const phrase of PHRASES) {
      const q = `"${phrase}"`;
      await openAt(page, base, search(q), isQ(q));
      const snippets = await page.$$eval('[data-testid=hit] .hit-text', (n) => n.map((x) => x.textContent));
      check(snippets.length > 1, `"${phrase}" gives ${snippets.length} hits; the test needs a phrase said in several quotes`);
      const without = snippets.filter((t) => !lower(t).includes(phrase));
      check(!without.length, `a snippet for ${q} does not show the phrase: "${squash(without[0]).slice(0, 160)}"`);
      const marks = await page.$$eval('[data-testid=hit] .hit-text mark', (n) => n.map((x) => x.textContent.toLocaleLowerCase('da')));
      check(marks.every((m) => phrase.split(' ').includes(m) || phrase.includes(m)), `a snippet marks a word outside the phrase: ${marks.join(', ')}`);
    }
    await done(page, tag('phrase'));
  });

  // ----------------------------------------------------------------- 2
  await step(`${screen.name}: 2. the page says what it searched for`, async () => {
    await openAt(page, base, search(WORD), isQ(WORD));
    const plain = await headingNumbers(page);
    check(await page.getByTestId('search-read').isHidden(), `"${WORD}" is read as typed, yet the page says "${await page.getByTestId('search-read').textContent()}"`);

    await openAt(page, base, search(TYPO), isQ(TYPO));
    const read = page.getByTestId('search-read');
    check(await read.isVisible(), `"${TYPO}" finds "${WORD}" but the page does not say so`);
    const said = squash(await read.textContent());
    check(said.startsWith('Søgte efter') && said.includes(`»${WORD}`), `for "${TYPO}" the page says "${said}", not "Søgte efter »${WORD}«"`);
    await done(page, tag('read-typo'));

    await openAt(page, base, search('AND AND'), isQ('AND AND'));
    const none = squash(await read.textContent());
    check(await read.isVisible() && /ingen søgeord/.test(none), `"AND AND" lists every quote without saying why: "${none}"`);

    for (const q of [`(${WORD}`, `${WORD})`]) {
      await openAt(page, base, search(q), isQ(q));
      const got = await headingNumbers(page);
      check(got.count === plain.count && got.related === plain.related,
        `"${q}" gives ${got.count} (+${got.related} related), "${WORD}" ${plain.count} (+${plain.related}): a stray bracket is not a word boundary`);
    }
    await done(page, tag('read-bracket'));
  });

  // ----------------------------------------------------------------- 3
  await step(`${screen.name}: 3. a long query is refused in Danish`, async () => {
    const long = 'ledelse '.repeat(250);
    await page.locator('#q').fill(long);
    const length = await page.locator('#q').evaluate((n) => n.value.length);
    check(length <= MAX_QUERY, `the field holds ${length} characters; the server reads at most ${MAX_QUERY}`);
    await openAt(page, base, search(long.slice(0, 700)), (p) => (p.get('q') || '').length > MAX_QUERY, { ok: false });
    const message = squash(await page.locator('#results-message').textContent());
    check(message.length > 0, 'a query the server refuses shows no message');
    check(!/\b(the|is|query|characters|longer|than)\b/i.test(message), `the message is not Danish: "${message}"`);
    check(/tegn/.test(message), `the message does not say how long a query may be: "${message}"`);
    const heading = squash(await page.locator('#results-heading').textContent());
    check(!/viser \d/.test(heading), `the failed search's heading still says what it shows: "${heading}"`);
    await done(page, tag('too-long'));
  });

  // ----------------------------------------------------------------- 10
  await step(`${screen.name}: 10. a filter value typed as the query takes it`, async () => {
    await openAt(page, base, `${search(WORD)}&level=${encodeURIComponent(LEVEL)}`, isQ(WORD));
    const proper = await resultCount(page);
    await openAt(page, base, `${search(WORD)}&level=${LEVEL_TYPED}`, isQ(WORD), { ok: false });
    const typed = await resultCount(page);
    check(typed === proper, `level=${LEVEL_TYPED} gives ${typed}, level=${LEVEL} ${proper}`);
    if (!phone) check(await page.getByTestId(`facet-level-${LEVEL}`).isChecked(), `the ${LEVEL} checkbox is not ticked for level=${LEVEL_TYPED}`);
    check(new URL(page.url()).searchParams.get('level') === LEVEL, `the address says level=${new URL(page.url()).searchParams.get('level')}, not ${LEVEL}`);
    await done(page, tag('level-folded'));
  });

  // ----------------------------------------------------------------- chart
  await step(`${screen.name}: the bar chart shows the counts, and a bar is a filter`, async () => {
    await openAt(page, base, search(WORD), isQ(WORD));
    const total = await resultCount(page);
    const chart = page.getByTestId('chart');
    await chart.waitFor();
    // Open over the hits on a laptop, folded on a phone so the hits come first.
    const open = await chart.evaluate((d) => d.open);
    check(open === !phone, `the bars are ${open ? 'open' : 'folded'} on the ${screen.name}`);
    if (!open) await chart.locator('summary').click();
    const bar = page.getByTestId(`chart-level-${LEVEL}`);
    await bar.waitFor();
    const promised = countOf(await bar.locator('.chart-count').textContent());
    const facet = countOf(await page.locator('label', { has: page.getByTestId(`facet-level-${LEVEL}`) }).locator('.count').textContent());
    check(promised === facet && promised > 0 && promised < total, `the ${LEVEL} bar says ${promised}, the filter ${facet}, of ${total}`);
    const levels = await page.$$eval('[data-chart=level] .chart-count', (n) => n.map((x) => Number(x.textContent.replace(/\D/g, ''))));
    check(levels.reduce((a, b) => a + b, 0) === total, `the level bars add up to ${levels.join('+')}, not ${total}`);
    await done(page, tag('chart'));
    // A group of bars is one Tab stop; the arrow keys go from bar to bar.
    await page.locator('[data-chart=level] .chart-row').first().focus();
    await page.keyboard.press('ArrowDown');
    const second = await page.locator('[data-chart=level] .chart-row').nth(1).getAttribute('data-testid');
    check(await page.evaluate(() => document.activeElement.dataset.testid) === second, 'ArrowDown does not go to the next bar');
    const narrowed = searchDone(page, (p) => p.getAll('level').includes(LEVEL));
    await bar.click();
    await narrowed;
    check(await resultCount(page) === promised, `the bar promised ${promised} quotes, the list counts ${await resultCount(page)}`);
    check(await page.getByTestId(`chart-level-${LEVEL}`).getAttribute('aria-pressed') === 'true', 'the bar is not shown as chosen');
    await done(page, tag('chart-filtered'));
    const back = searchDone(page, (p) => !p.getAll('level').length);
    await page.getByTestId(`chart-level-${LEVEL}`).click();
    await back;
    check(await resultCount(page) === total, 'clicking the chosen bar again does not remove its filter');
  });

  // ----------------------------------------------------------------- 5
  await step(`${screen.name}: 5. "/" from a checkbox, the skip link, few Tabs to the first hit`, async () => {
    await openAt(page, base, search(WORD), isQ(WORD));
    if (phone) await page.locator('#filters-toggle').click();
    const box = page.getByTestId('facet-level-chef');
    await box.focus();
    await page.keyboard.press('/');
    check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'q'), '"/" on a filter checkbox does not go back to the search field');

    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ cls: document.activeElement.className, href: document.activeElement.getAttribute('href') }));
    check(/skip-link/.test(first.cls), `the first Tab from the search field goes to "${first.cls}", not to the skip link`);
    const target = first.href.slice(1);
    for (const view of ['matrix', 'results']) {
      await page.getByRole('tab', { name: view === 'matrix' ? 'Matrix' : 'Citater' }).click();
      check(await page.locator(`#${target}`).isVisible(), `the skip link points at #${target}, hidden in the ${view} view`);
    }
    await page.locator('#q').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    let tabs = 0;
    for (; tabs < 40; tabs++) {
      const on = await page.evaluate(() => document.activeElement && document.activeElement.dataset.testid);
      if (on === 'open-quote') break;
      await page.keyboard.press('Tab');
    }
    check(tabs <= 8, `${tabs} Tabs from the skip link to the first hit's "Vis"`);
    console.log(`      ${tabs} Tabs from the skip link to the first hit`);
    await done(page, tag('keyboard'));
  });

  // ----------------------------------------------------------------- 6 (phone)
  if (phone) {
    await step('phone: 6. the filter column ends in "Vis N citater", and the hits are right there', async () => {
      await openAt(page, base, search(WORD), isQ(WORD));
      await page.locator('#filters-toggle').click();
      const ticked = searchDone(page, (p) => p.getAll('level').includes('chef'));
      await page.getByTestId('facet-level-chef').check();
      await ticked;
      const n = await resultCount(page);
      const button = page.getByTestId('filters-done');
      check(await button.isVisible(), 'the open filter column has no "Vis N citater" button');
      const box = await button.boundingBox();
      check(box && box.y >= 0 && box.y + box.height <= PHONE.viewport.height, 'the "Vis N citater" button is not on the screen');
      check(countOf(await button.textContent()) === n, `the button says "${await button.textContent()}", the search counts ${n}`);
      await done(page, tag('filters-open'));
      await button.click();
      await page.getByTestId('hit').first().waitFor();
      const hit = await page.getByTestId('hit').first().boundingBox();
      check(hit.y < PHONE.viewport.height, `after "Vis ${n} citater" the first hit starts ${Math.round(hit.y)} px down`);
      await done(page, tag('filters-closed'));
    });

    await step('phone: 6. the matrix scrolls sideways under a fixed corner, caption and row heads', async () => {
      await openAt(page, base, `${search(WORD)}&view=matrix`, isQ(WORD));
      await page.getByTestId('matrix-cell').first().waitFor();
      const split = await page.$$eval('#matrix thead th', (ths) => ths.flatMap((th) => {
        const text = th.textContent;
        const out = [];
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of node.textContent.matchAll(/\p{L}+/gu)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (lines.size > 1) out.push(`${m[0]} (in "${text}")`);
          }
        }
        return out;
      }));
      check(!split.length, `a column head is broken inside a word: ${split.join(', ')}`);
      const scroller = page.getByTestId('matrix-scroll');
      const wide = await scroller.evaluate((n) => n.scrollWidth > n.clientWidth);
      check(wide, 'the matrix fits the phone: the test needs one that scrolls sideways');
      await scroller.evaluate((n) => { n.scrollLeft = n.scrollWidth; });
      await page.waitForTimeout(100);
      const held = await page.evaluate(() => {
        const box = document.querySelector('[data-testid=matrix-scroll]').getBoundingClientRect();
        const corner = document.querySelector('#matrix th.corner').getBoundingClientRect();
        const caption = document.querySelector('#matrix-caption').getBoundingClientRect();
        const head = document.querySelector('#matrix tbody tr:not(.group-head) th');
        const h = head.getBoundingClientRect();
        const atHead = document.elementFromPoint(h.left + h.width - 3, h.top + h.height / 2);
        return {
          corner: Math.abs(corner.left - box.left) <= 1,
          caption: caption.left >= 0 && caption.right <= window.innerWidth + 1 && caption.height > 0,
          head: Math.abs(h.left - box.left) <= 1 && Boolean(atHead && head.contains(atHead)),
        };
      });
      check(held.corner, 'the matrix corner scrolls away');
      check(held.caption, 'the matrix caption scrolls away');
      check(held.head, 'a row head scrolls away, or cells show through it');
      await done(page, tag('matrix-scrolled'));
    });
  }

  // ----------------------------------------------------------------- 7
  await step(`${screen.name}: 7. the matrix's theme rows stand under their booklet`, async () => {
    await openAt(page, base, '?view=matrix&rows=theme&cols=level', (p) => (p.get('q') || '') === '');
    await page.getByTestId('matrix-cell').first().waitFor();
    const pubs = await (await page.request.get(new URL('api/publications', base).href)).json();
    const groups = await page.$$eval('[data-testid=matrix-group]', (n) => n.map((x) => x.textContent.trim()));
    for (const pub of pubs) {
      const name = pub.short_title || pub.title;
      check(groups.includes(name), `no group of theme rows under "${name}" (groups: ${groups.join(' | ')})`);
    }
    const labels = await page.$$eval('#matrix tbody tr:not(.group-head) th', (n) => n.map((x) => x.textContent.trim()));
    const small = labels.filter((l) => l && l[0] !== l[0].toLocaleUpperCase('da'));
    check(!small.length, `theme rows start in lower case: ${small.join(', ')}`);
    await done(page, tag('matrix-themes'));
  });

  // ----------------------------------------------------------------- 8
  await step(`${screen.name}: 8. the quote view's source and context read as the booklet`, async () => {
    await openAt(page, base, search(WORD), isQ(WORD));
    const id = await page.getByTestId('hit').first().getAttribute('data-id');
    const quote = await (await page.request.get(new URL(`api/quotes/${encodeURIComponent(id)}`, base).href)).json();
    await page.getByTestId('hit').first().getByTestId('open-quote').click();
    const dialog = page.getByTestId('quote-dialog');
    await dialog.locator('#context-body .in-quote').first().waitFor();
    const source = squash(await dialog.locator('dl.tags').textContent());
    check(!/corpus\/|\.txt|linje/.test(source), `the quote view shows an internal source: "${source}"`);
    check(source.includes(quote.subtheme || quote.theme), `the source does not name the section "${quote.subtheme || quote.theme}": "${source}"`);
    const marked = squash(await dialog.locator('#context-body .in-quote').allTextContents().then((t) => t.join(' ')));
    check(marked.includes(squash(quote.text)), `the context's marked quote reads "${marked.slice(0, 120)}…", not the quote ("${squash(quote.text).slice(0, 120)}…")`);
    const context = await dialog.locator('#context-body').textContent();
    check(!/\p{Ll}-\s*\n\s*\p{Ll}/u.test(context), 'the context keeps a word hyphenated across a line');
    await done(page, tag('quote'));
    await dialog.locator('[data-close]').click();
    await dialog.waitFor({ state: 'hidden' });
  });

  // ----------------------------------------------------------------- shortlist
  let shared;
  let order;
  await step(`${screen.name}: the shortlist can be reordered and handed over as a link`, async () => {
    await openAt(page, base, search(WORD), isQ(WORD));
    await page.evaluate(() => localStorage.clear());
    await openAt(page, base, search(WORD), isQ(WORD));
    const ids = (await page.$$eval('[data-testid=hit]', (n) => n.map((x) => x.dataset.id))).slice(0, 3);
    for (const id of ids) {
      const button = page.locator(`[data-testid=hit][data-id="${id}"]`).getByTestId('shortlist-add');
      await button.click();
      await page.waitForFunction((b) => b.classList.contains('in-list'), await button.elementHandle());
    }
    await page.locator('#shortlist-open').click();
    const drawer = page.locator('#shortlist-dialog');
    await drawer.waitFor({ state: 'visible' });
    await drawer.getByTestId('short-up').nth(2).click();
    order = [ids[0], ids[2], ids[1]];
    const listed = await drawer.locator('.short-item').evaluateAll((n) => n.map((x) => x.dataset.id));
    check(listed.join() === order.join(), `after moving the third quote up the list is ${listed.join(', ')}`);
    const href = await drawer.getByTestId('export-md').getAttribute('href');
    check(href.includes(`ids=${order.map(encodeURIComponent).join(',')}`), `the export does not follow the list's order: ${href}`);
    shared = await drawer.getByTestId('share-link').getAttribute('href');
    check(shared && new URL(shared, base).searchParams.get('mine') === order.join(','), `the share link is ${shared}`);
    await done(page, tag('shortlist'));
    await drawer.locator('[data-close]').click();
  });

  await step(`${screen.name}: the link opens the same list in another browser`, async () => {
    const other = await newPage(browser, screen, problems);
    await other.goto(new URL(shared, base).href);
    const drawer = other.locator('#shortlist-dialog');
    await drawer.waitFor({ state: 'visible' });
    await other.waitForFunction((n) => document.querySelector('[data-testid=shortlist-count]').textContent === String(n), order.length);
    const listed = await drawer.locator('.short-item').evaluateAll((n) => n.map((x) => x.dataset.id));
    check(listed.join() === order.join(), `the other browser's list is ${listed.join(', ')}, not ${order.join(', ')}`);
    check(!new URL(other.url()).searchParams.has('mine'), 'the address keeps the list after adopting it (a reload would add it again)');
    await done(other, tag('shared'));
    await other.context().close();
  });

  // ----------------------------------------------------------------- 4
  await step(`${screen.name}: 4. with the server gone, the page says which search failed`, async () => {
    await openAt(page, base, search(WORD), isQ(WORD));
    if (await page.getByTestId('shortlist-count').textContent() === '0') {
      await page.getByTestId('shortlist-add').first().click();
    }
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    const failed = page.waitForFunction(() => /mislykkedes/.test(document.querySelector('#result-count').textContent));
    await page.locator('#q').fill('ledelsesrum');
    await failed;
    const heading = squash(await page.locator('#results-heading').textContent());
    check(heading.includes('»ledelsesrum«') && !heading.includes(`»${WORD}«`), `the failed search's heading says "${heading}"`);
    const counts = await page.$$eval('#facets .count', (n) => n.map((x) => x.textContent));
    check(counts.length && counts.every((c) => !/\d/.test(c)), `the filter column keeps counts of the last search: ${counts.slice(0, 6).join(', ')}`);
    check(await page.getByTestId('chart').isHidden(), 'the bar chart keeps the last search\'s counts');
    await done(page, tag('server-gone'));
    await page.locator('#shortlist-open').click();
    const drawer = page.locator('#shortlist-dialog');
    await drawer.waitFor({ state: 'visible' });
    await drawer.getByTestId('export-csv').click();
    const status = drawer.getByTestId('export-status');
    await page.waitForFunction(() => /kunne ikke/.test(document.querySelector('[data-testid=export-status]').textContent));
    check(/kunne ikke/.test(await status.textContent()), 'an export with the server gone says nothing');
    await done(page, tag('export-failed'));
    await page.unroute('**/api/**');
  });

  await page.context().close();
}

async function main() {
  const browser = await launch();
  const base = new URL(BASE).href;
  console.log(`citater browser test (a report writer's points): ${base}`);
  const problems = [];
  try {
    await step('the page weighs at most 60 kB on the wire', async () => {
      const page = await newPage(browser, DESKTOP, problems);
      const sizes = [];
      page.on('requestfinished', async (req) => {
        if (new URL(req.url()).pathname.includes('/api/')) return;
        const s = await req.sizes();
        sizes.push([req.url(), s.responseBodySize + s.responseHeadersSize]);
      });
      await openAt(page, base, './', (p) => (p.get('q') || '') === '');
      await page.waitForLoadState('networkidle');
      const total = sizes.reduce((a, [, n]) => a + n, 0);
      check(total <= MAX_PAGE_BYTES, `the page's files are ${total} bytes on the wire: ${sizes.map(([u, n]) => `${new URL(u).pathname} ${n}`).join(', ')}`);
      console.log(`      ${sizes.length} files, ${total} bytes`);
      await page.context().close();
    });
    for (const screen of [DESKTOP, PHONE]) await pointsOn(browser, base, screen, problems);
    check(problems.length === 0, `the page reported errors:\n  ${problems.join('\n  ')}`);
  } finally {
    await browser.close();
  }
}

report(main, { ...steps, ...shots });
