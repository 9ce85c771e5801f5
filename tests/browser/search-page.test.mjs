// End-to-end test of the citater search page in headless Chromium: the main
// flow, from a search to an export, with axe-core (axe.mjs) run over every
// state it visits. report-writer.test.mjs tries what a report writer relies on.
//
// It starts nothing itself: scripts/browser-test.sh starts `citater serve` and
// passes its address in CITATER_URL. Each step saves a screenshot under
// target/browser/ (or CITATER_SHOTS) so a person can see what the test saw.
//
//   CITATER_URL=http://127.0.0.1:7878/ node tests/browser/search-page.test.mjs
//
// The two exported files (mine-citater.csv, mine-citater.md) are kept there too.
//
// Settings (environment):
//   CITATER_URL      base URL of a running server (required)
//   CITATER_SHOTS    where screenshots go (default <repo>/target/browser)
//   CHROMIUM_PATH    the browser (default /usr/bin/chromium)
//   CITATER_QUERY    the query typed (default tillid)
//   CITATER_LEVEL    the level facet ticked (default direktør)
//   CITATER_TIMEOUT  ms for each wait (default 20000)
//
// The topic, "why it matched" and related-hits steps use the corpus's own
// words: the topic tillid ("Tillid"), "ensom" (found through its synonym
// "alene") and "bosseri" (said in one quote, with related quotes after it).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { assertAccessible } from './axe.mjs';
import {
  BASE, DESKTOP, PHONE, SHOTS, TIMEOUT, check, countOf, hitIds, launch, openAt, report, resultCount, searchDone, shooter, stepper,
} from './harness.mjs';

const QUERY = process.env.CITATER_QUERY || 'tillid';
const LEVEL = process.env.CITATER_LEVEL || 'direktør';
const PUBLISHER = 'Væksthus for Ledelse';
const TOPIC = { id: 'tillid', name: 'Tillid' };
const SYNONYM_QUERY = 'ensom';
const RARE_QUERY = 'bosseri'; // one counted quote, many related ones

const shots = shooter('flow');
const { shot } = shots;
const steps = stepper();
const { step } = steps;

async function main() {
  const browser = await launch();
  const base = new URL(BASE).href;
  const origin = new URL(base).origin;
  console.log(`citater browser test (the flow): ${base}`);
  const problems = []; // uncaught errors and console errors on the page
  let page;
  try {
    const context = await browser.newContext({
      viewport: DESKTOP.viewport,
      locale: 'da-DK',
      acceptDownloads: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => problems.push(`uncaught error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });

    // ------------------------------------------------------------------ load
    let allCount;
    await step('the page loads and lists every quote', async () => {
      const first = searchDone(page, (p) => (p.get('q') || '') === '');
      const res = await page.goto(base);
      check(res && res.ok(), `GET ${base} answered ${res && res.status()}`);
      await first;
      allCount = await resultCount(page);
      check(allCount > 0, `with no query the page should list every quote, but result-count says "${await page.getByTestId('result-count').textContent()}"`);
      await page.getByTestId(`facet-level-${LEVEL}`).waitFor();
      await shot(page, 'start');
      await assertAccessible(page, 'start');
    });

    // ------------------------------------------------------------------ search
    let queryCount;
    let queryIds;
    let facetCountShown;
    await step(`typing "${QUERY}" into #q shows its hits`, async () => {
      const done = searchDone(page, (p) => p.get('q') === QUERY && !p.has('level'));
      await page.locator('#q').click();
      await page.locator('#q').pressSequentially(QUERY, { delay: 40 });
      await done;
      queryCount = await resultCount(page);
      check(queryCount > 0, `no hits for "${QUERY}": result-count says "${await page.getByTestId('result-count').textContent()}"`);
      await page.getByTestId('hit').first().waitFor();
      queryIds = await hitIds(page);
      check(queryCount < allCount, `"${QUERY}" should narrow the ${allCount} quotes, but gives ${queryCount}`);
      check(queryIds.length === Math.min(queryCount, 20), `result-count says ${queryCount} but ${queryIds.length} hits are listed`);
      check(await page.locator('#results-heading').textContent().then((t) => t.includes(`»${QUERY}«`)),
        'the results heading does not name the query');
      check(new URL(page.url()).searchParams.get('q') === QUERY, `the address should hold the query, it is ${page.url()}`);
      const marks = await page.locator('[data-testid=hit] mark').count();
      check(marks > 0, 'no hit marks the matched word');
      const facetLabel = page.locator('label', { has: page.getByTestId(`facet-level-${LEVEL}`) });
      facetCountShown = countOf(await facetLabel.locator('.count').textContent());
      check(facetCountShown > 0 && facetCountShown < queryCount,
        `the level facet "${LEVEL}" shows ${facetCountShown} of ${queryCount} hits; pick a query where it narrows the list (CITATER_QUERY/CITATER_LEVEL)`);
      console.log(`      ${queryCount} quotes for "${QUERY}", facet ${LEVEL} shows ${facetCountShown}`);
      await shot(page, 'search');
      await assertAccessible(page, 'search');
    });

    // ------------------------------------------------------------------ facet
    let filteredIds;
    await step(`ticking facet-level-${LEVEL} narrows count and hits to the facet's count`, async () => {
      const done = searchDone(page, (p) => p.get('q') === QUERY && p.getAll('level').includes(LEVEL));
      await page.getByTestId(`facet-level-${LEVEL}`).check();
      await done;
      const count = await resultCount(page);
      filteredIds = await hitIds(page);
      check(count !== queryCount, `the count stayed ${count} after ticking ${LEVEL}`);
      check(count === facetCountShown, `the facet promised ${facetCountShown} quotes but result-count says ${count}`);
      check(filteredIds.length === Math.min(count, 20), `result-count says ${count} but ${filteredIds.length} hits are listed`);
      check(filteredIds.join() !== queryIds.join(), 'the hits did not change after ticking the facet');
      const levels = await page.$$eval('[data-testid=hit] .meta .level', (n) => n.map((x) => x.textContent.trim().toLocaleLowerCase('da')));
      check(levels.length === filteredIds.length && levels.every((l) => l === LEVEL),
        `every hit should be at level ${LEVEL}, got: ${levels.join(', ')}`);
      check(await page.getByTestId(`facet-level-${LEVEL}`).isChecked(), 'the facet checkbox is not ticked after the search');
      check(new URL(page.url()).searchParams.getAll('level').includes(LEVEL), `the address should hold level=${LEVEL}: ${page.url()}`);
      await page.locator('#active-filters .chip').first().waitFor();
      console.log(`      ${count} quotes at level ${LEVEL}`);
      await shot(page, 'filtered');
      await assertAccessible(page, 'filtered');
    });

    // ------------------------------------------------------------------ quote
    const openedId = filteredIds[0];
    let apiQuote;
    await step('opening a quote shows it with its context', async () => {
      const hit = page.locator(`[data-testid=hit][data-id="${openedId}"]`);
      await hit.getByTestId('open-quote').click();
      const dialog = page.getByTestId('quote-dialog');
      await dialog.waitFor({ state: 'visible' });
      await dialog.locator('blockquote.quote-text').waitFor();
      await dialog.locator('#context-body .in-quote').first().waitFor();
      await page.waitForFunction(() => {
        const pre = document.querySelector('#cite-text-apa');
        return pre && pre.textContent.trim() && !pre.textContent.startsWith('Henter');
      });
      const r = await page.request.get(new URL(`api/quotes/${encodeURIComponent(openedId)}`, base).href);
      check(r.ok(), `GET /api/quotes/${openedId} answered ${r.status()}`);
      apiQuote = await r.json();
      const shown = (await dialog.locator('blockquote.quote-text').textContent()).trim();
      check(shown === apiQuote.text.trim(), `the dialog shows "${shown.slice(0, 80)}…" but the quote is "${apiQuote.text.slice(0, 80)}…"`);
      const paragraphs = await dialog.locator('#context-body .para').count();
      const quoteParagraphs = await dialog.locator('#context-body .para.has-quote').count();
      check(quoteParagraphs > 0 && paragraphs > quoteParagraphs, `the context should show the quote's paragraph and some around it (${quoteParagraphs} of ${paragraphs})`);
      const tags = await dialog.locator('dl.tags').textContent();
      check(tags.toLocaleLowerCase('da').includes(LEVEL), `the quote's tags do not name the level ${LEVEL}: ${tags}`);
      check(new URL(page.url()).searchParams.get('quote') === openedId, `the address should name the open quote: ${page.url()}`);
      await shot(page, 'quote');
      await assertAccessible(page, 'quote');
    });

    // ------------------------------------------------------------------ cite
    await step('copying the APA citation puts it on the clipboard', async () => {
      const dialog = page.getByTestId('quote-dialog');
      await dialog.getByTestId('cite-tab-apa').click();
      const apa = (await dialog.locator('#cite-text-apa').textContent()).trim();
      check(apa.includes(PUBLISHER), `the APA citation does not name ${PUBLISHER}: ${apa}`);
      await dialog.locator('#cite-text-apa').scrollIntoViewIfNeeded();
      await dialog.getByTestId('copy-apa').click();
      await dialog.locator('[data-live]', { hasText: 'Kopieret' }).waitFor({ state: 'attached' });
      check((await dialog.getByTestId('copy-apa').textContent()).includes('Kopieret'), 'the copy button does not say Kopieret');
      const clip = await page.evaluate(() => navigator.clipboard.readText());
      check(clip.includes(PUBLISHER), `the clipboard should hold the APA citation naming ${PUBLISHER}, it holds: ${JSON.stringify(clip)}`);
      check(clip.trim() === apa, `the clipboard holds ${JSON.stringify(clip)}, not the APA text shown (${JSON.stringify(apa)})`);
      console.log(`      clipboard: ${clip.trim()}`);
      // Beside the plain text, HTML for a word processor: the booklet's title in italics.
      const html = await page.evaluate(async () => {
        for (const item of await navigator.clipboard.read()) {
          if (item.types.includes('text/html')) return (await item.getType('text/html')).text();
        }
        return null;
      });
      check(html !== null, 'the clipboard holds no text/html beside the plain text');
      check(/<i>[^<]+<\/i>/.test(html), `the clipboard's HTML sets no title in italics: ${JSON.stringify(html)}`);
      check(html.includes(PUBLISHER), `the clipboard's HTML does not name ${PUBLISHER}: ${JSON.stringify(html)}`);
      console.log(`      clipboard HTML: ${html.match(/<i>[^<]+<\/i>/)[0]}`);
      await shot(page, 'copied');
      await assertAccessible(page, 'copied');

      // The other formats sit in their own tabs.
      await dialog.getByTestId('cite-tab-bibtex').click();
      await dialog.getByTestId('copy-bibtex').waitFor({ state: 'visible' });
      check(!(await dialog.getByTestId('copy-apa').isVisible()), 'the APA panel stays visible after choosing BibTeX');
      const bib = (await dialog.locator('#cite-text-bibtex').textContent()).trim();
      check(bib.startsWith('@') && bib.includes(PUBLISHER), `the BibTeX panel does not hold a BibTeX entry: ${bib.slice(0, 120)}`);
      await dialog.getByTestId('cite-tab-ris').click();
      await dialog.getByTestId('copy-ris').waitFor({ state: 'visible' });
      const ris = (await dialog.locator('#cite-text-ris').textContent()).trim();
      check(/^TY {2}- /m.test(ris) && /^ER {2}-/m.test(ris), `the RIS panel does not hold a RIS record: ${ris.slice(0, 120)}`);
    });

    // ------------------------------------------------------------------ shortlist
    let listed;
    await step('closing the dialog and adding two quotes makes shortlist-count 2', async () => {
      const dialog = page.getByTestId('quote-dialog');
      await dialog.locator('[data-close]').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => !new URLSearchParams(location.search).has('quote'));
      check(await page.getByTestId('shortlist-count').textContent() === '0', 'the shortlist is not empty at the start');
      const adds = page.getByTestId('shortlist-add');
      check(await adds.count() >= 2, 'fewer than two hits to add to the shortlist');
      listed = filteredIds.slice(0, 2);
      for (const id of listed) {
        const button = page.locator(`[data-testid=hit][data-id="${id}"]`).getByTestId('shortlist-add');
        await button.click();
        await page.waitForFunction((b) => b.classList.contains('in-list'), await button.elementHandle());
      }
      await page.waitForFunction(() => document.querySelector('[data-testid=shortlist-count]').textContent === '2');
      check(await page.getByTestId('shortlist-count').textContent() === '2', 'shortlist-count is not 2');
      const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('citater.mine-citater.v1') || '[]').map((x) => x.id));
      check(stored.join() === listed.join(), `the shortlist saved in the browser holds ${stored.join(', ')}`);
      await shot(page, 'shortlisted');
      await assertAccessible(page, 'shortlisted');
    });

    // ------------------------------------------------------------------ export
    await step('exporting the shortlist as CSV, Markdown and Word gives both quotes', async () => {
      await page.locator('#shortlist-open').click();
      const drawer = page.locator('#shortlist-dialog');
      await drawer.waitFor({ state: 'visible' });
      check(await drawer.locator('.short-item').count() === 2, 'the shortlist drawer does not list two quotes');
      await shot(page, 'shortlist');
      await assertAccessible(page, 'shortlist');

      const texts = await Promise.all(listed.map(async (id) => {
        const r = await page.request.get(new URL(`api/quotes/${encodeURIComponent(id)}`, base).href);
        return (await r.json()).text;
      }));

      const download = async (format) => {
        const link = drawer.getByTestId(`export-${format}`);
        const href = await link.getAttribute('href');
        check(href && listed.every((id) => href.includes(encodeURIComponent(id))), `export-${format} links to ${href}, not to both quotes`);
        const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
        const failure = await file.failure();
        check(!failure, `the ${format} download failed: ${failure}`);
        const bytes = readFileSync(await file.path());
        await file.saveAs(join(SHOTS, file.suggestedFilename())); // kept beside the screenshots
        return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
      };

      const csv = await download('csv');
      check(csv.name === 'mine-citater.csv', `the CSV download is named ${csv.name}`);
      check(csv.bytes[0] === 0xef && csv.bytes[1] === 0xbb && csv.bytes[2] === 0xbf, 'the CSV has no UTF-8 byte order mark (Excel needs it)');
      const header = csv.text.slice(1).split(/\r?\n/, 1)[0];
      check(header.includes(';'), `the CSV is not separated by ";": ${header}`);
      for (const id of listed) check(csv.text.includes(id), `the CSV lacks quote ${id}`);
      const csvRows = csv.text.slice(1).split(/\r?\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((l) => l.trim());
      check(csvRows.length === 3, `the CSV should be a header and two rows, it has ${csvRows.length} lines`);
      check(csv.text.includes(PUBLISHER), `the CSV has no citations naming ${PUBLISHER}`);

      const md = await download('md');
      check(md.name === 'mine-citater.md', `the Markdown download is named ${md.name}`);
      const squash = (s) => s.replace(/\s+/g, ' ');
      for (const t of texts) check(squash(md.text).includes(squash(t).slice(0, 60)), `the Markdown lacks the quote "${t.slice(0, 60)}…"`);
      check(md.text.split(PUBLISHER).length - 1 >= 2, `the Markdown should cite ${PUBLISHER} for both quotes`);
      await drawer.getByTestId('export-group').selectOption('topic');
      const docxHref = await drawer.getByTestId('export-docx').getAttribute('href');
      check(docxHref && docxHref.includes('format=docx') && docxHref.includes('group=topic'), `export-docx links to ${docxHref}, not to a docx grouped by topic`);
      const docx = await download('docx');
      check(docx.name === 'mine-citater.docx', `the Word download is named ${docx.name}`);
      check(docx.bytes[0] === 0x50 && docx.bytes[1] === 0x4b, 'the Word download is not a ZIP package');
      console.log(`      CSV ${csv.bytes.length} bytes, Markdown ${md.bytes.length} bytes, Word ${docx.bytes.length} bytes`);

      await drawer.locator('[data-close]').click();
      await drawer.waitFor({ state: 'hidden' });
    });

    // ------------------------------------------------------------------ matrix
    await step('the matrix tab counts the hits, and a cell leads to its quotes', async () => {
      await page.getByTestId('tab-matrix').click();
      const cells = page.getByTestId('matrix-cell');
      await cells.first().waitFor();
      const grand = countOf(await page.locator('#matrix td.grand').textContent());
      check(grand === facetCountShown, `the matrix counts ${grand} quotes, the search ${facetCountShown}`);
      await shot(page, 'matrix');
      await assertAccessible(page, 'matrix');
      const cell = cells.first();
      const n = countOf(await cell.textContent());
      const done = searchDone(page, (p) => p.getAll('level').length > 0 && p.getAll('theme').length > 0);
      await cell.click();
      await done;
      await page.locator('#panel-results').waitFor({ state: 'visible' });
      check(await resultCount(page) === n, `the cell said ${n} but the results count ${await resultCount(page)}`);
    });

    await context.close();

    // ------------------------------------------------------------------ phone
    await step('the page works at phone size (390×844)', async () => {
      const phone = await browser.newContext({ ...PHONE, locale: 'da-DK' });
      const p = await phone.newPage();
      p.setDefaultTimeout(TIMEOUT);
      p.on('pageerror', (e) => problems.push(`uncaught error (phone): ${e.message}`));
      const done = searchDone(p, (q) => q.get('q') === QUERY);
      await p.goto(new URL(`?q=${encodeURIComponent(QUERY)}`, base).href);
      await done;
      await p.getByTestId('hit').first().waitFor();
      check(await resultCount(p) === queryCount, `at phone size "${QUERY}" gives ${await resultCount(p)}, not ${queryCount}`);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `the page is ${overflow}px wider than the phone screen`);
      await shot(p, 'phone');
      await assertAccessible(p, 'phone');
      page = p;
      await phone.close();
    });

    // ------------------------------------------------------------------ topics
    const wide = await browser.newContext({ viewport: DESKTOP.viewport, locale: 'da-DK' });
    page = await wide.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => problems.push(`uncaught error (topics): ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error (topics): ${m.text()}`);
    });

    await step(`the Emne facet lists topic ${TOPIC.id} as "${TOPIC.name}", and ticking it filters by topic=`, async () => {
      await openAt(page, base, './', (p) => (p.get('q') || '') === '');
      const group = page.locator('fieldset.facet-topic');
      await group.waitFor();
      check((await group.locator('legend').textContent()).trim() === 'Emne', `the topic group's legend is "${await group.locator('legend').textContent()}", not "Emne"`);
      // The order of the filter column: Publikation, Emne, Tema.
      const legends = await page.$$eval('#facets > fieldset > legend', (n) => n.map((x) => x.textContent.trim()));
      check(legends.indexOf('Emne') === legends.indexOf('Publikation') + 1 && legends.indexOf('Tema') === legends.indexOf('Emne') + 1,
        `the filter groups are in the order ${legends.join(', ')}`);
      const box = page.getByTestId(`facet-topic-${TOPIC.id}`);
      if (!(await box.count())) await group.locator('[data-more=topic]').click();
      await box.waitFor();
      const label = page.locator('label', { has: box });
      // The names come from /api/topics, which may answer after the first search.
      await page.waitForFunction(([id, name]) => {
        const input = document.querySelector(`[data-testid="facet-topic-${id}"]`);
        return input && input.closest('label').querySelector('.facet-name').textContent === name;
      }, [TOPIC.id, TOPIC.name]).catch(() => {});
      const shown = (await label.locator('.facet-name').textContent()).trim();
      check(shown === TOPIC.name, `the checkbox for topic ${TOPIC.id} is labelled "${shown}", not "${TOPIC.name}"`);
      const promised = countOf(await label.locator('.count').textContent());
      check(promised > 0, `the topic ${TOPIC.id} promises ${promised} quotes`);

      const done = searchDone(page, (p) => p.getAll('topic').includes(TOPIC.id));
      await box.check();
      await done;
      const count = await resultCount(page);
      check(count === promised, `the topic facet promised ${promised} quotes but result-count says ${count}`);
      check(new URL(page.url()).searchParams.getAll('topic').includes(TOPIC.id), `the address should hold topic=${TOPIC.id}: ${page.url()}`);
      const chip = (await page.locator('#active-filters .chip').first().textContent()).replace(/\s+/g, ' ');
      check(chip.includes(`Emne: ${TOPIC.name}`), `the filter chip says "${chip}", not "Emne: ${TOPIC.name}"`);
      console.log(`      ${count} quotes on the topic ${TOPIC.name}`);
      await shot(page, 'topic');
      await assertAccessible(page, 'topic');
    });

    await step(`searching "${SYNONYM_QUERY}" says why a hit matched ("… ≈ ${SYNONYM_QUERY}")`, async () => {
      await openAt(page, base, `?q=${encodeURIComponent(SYNONYM_QUERY)}`, (p) => p.get('q') === SYNONYM_QUERY);
      await page.getByTestId('hit').first().waitFor();
      const whys = await page.$$eval('[data-testid=why]', (n) => n.map((x) => x.textContent.replace(/\s+/g, ' ').trim()));
      check(whys.length > 0, `no hit for "${SYNONYM_QUERY}" says why it matched`);
      check(whys.every((w) => w.startsWith('fundet via ')), `a why line does not start with "fundet via": ${whys.find((w) => !w.startsWith('fundet via '))}`);
      const synonym = whys.find((w) => w.includes(`≈ ${SYNONYM_QUERY}`));
      check(synonym, `no hit says it was found through a synonym of "${SYNONYM_QUERY}": ${whys.slice(0, 5).join(' | ')}`);
      check(await page.locator('[data-testid=why] i').count() > 0, 'the why lines do not set the found words in italics');
      console.log(`      ${synonym}`);
      await shot(page, 'why');
      await assertAccessible(page, 'why');
    });

    await step(`searching "${RARE_QUERY}" counts 1 citat and lists related quotes after it under "Beslægtede citater"`, async () => {
      await openAt(page, base, `?q=${encodeURIComponent(RARE_QUERY)}`, (p) => p.get('q') === RARE_QUERY);
      const r = await page.request.get(new URL(`api/search?q=${encodeURIComponent(RARE_QUERY)}&limit=1`, base).href);
      const api = await r.json();
      const countText = (await page.getByTestId('result-count').textContent()).trim();
      check(countText === '1 citat', `result-count says "${countText}", not "1 citat"`);
      check(await page.getByTestId('hit').count() === 1, `${await page.getByTestId('hit').count()} counted hits are listed, not 1`);
      const heading = page.locator('#related-heading');
      await heading.waitFor({ state: 'visible' });
      check((await heading.textContent()).trim() === 'Beslægtede citater', `the related heading says "${await heading.textContent()}"`);
      const related = await page.getByTestId('related-hit').count();
      check(related === Math.min(api.related_total, 19), `${related} related hits are listed; the API has ${api.related_total}`);
      const after = await page.evaluate(() => {
        const hit = document.querySelector('[data-testid=hit]');
        const h = document.querySelector('#related-heading');
        const rel = document.querySelector('[data-testid=related-hit]');
        return Boolean(hit.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)
          && Boolean(h.compareDocumentPosition(rel) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      check(after, 'the related heading and hits do not come after the counted hit');
      const line = (await page.locator('#results-heading').textContent()).replace(/\s+/g, ' ');
      check(line.includes('beslægtede'), `the results heading does not say how many related quotes follow: "${line}"`);
      await shot(page, 'related');
      await assertAccessible(page, 'related');

      // The pages run over counted and related hits together.
      if (api.total + api.related_total > 20) {
        const next = page.locator('#pager [aria-label="Næste side"]');
        check(await next.count() === 1, `no next page, though ${api.total} + ${api.related_total} hits are more than a page`);
        const done = searchDone(page, (p) => p.get('q') === RARE_QUERY && p.get('offset') === '20');
        await next.click();
        await done;
        check((await page.getByTestId('result-count').textContent()).trim() === '1 citat', 'the count changed on page 2');
        check(await page.getByTestId('hit').count() === 0, 'page 2 lists a counted hit again');
        check(await page.getByTestId('related-hit').count() === Math.min(api.related_total - 19, 20), 'page 2 does not go on with the related hits');
        check(await heading.isVisible(), 'page 2 of related hits has no "Beslægtede citater" heading');
      }
    });
    await wide.close();

    check(problems.length === 0, `the page reported errors:\n  ${problems.join('\n  ')}`);
  } catch (e) {
    if (page && !page.isClosed()) {
      try {
        const file = join(SHOTS, 'failure.png');
        await page.screenshot({ path: file });
        e.notes = [`screenshot at the failure: ${file}`];
      } catch (_) { /* the page is gone */ }
    }
    if (problems.length) (e.notes ||= []).push(`the page also reported:\n    ${problems.join('\n    ')}`);
    throw e;
  } finally {
    await browser.close();
  }
}

report(main, { ...steps, ...shots });
