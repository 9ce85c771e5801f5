// Unit tests of what copying an APA citation puts on the clipboard
// (crates/query/web/copy-format.js): the HTML with the booklet title in
// italics and every text escaped, beside the plain text; no browser, no
// server.
//
//   node --test tests/browser/copy-format.test.mjs
//
// Loaded from its source as a data: URL, as highlight.test.mjs loads
// highlight.js (the module imports nothing).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, '..', '..', 'crates', 'query', 'web', 'copy-format.js'), 'utf8');
const { apaClip, escapeHtml, referenceHtml, titleSpan } =
  await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`);

const TANGO = { title: 'Den politiske tango', subtitle: 'Udfordringer i samspillet mellem politisk og administrativ topleder' };
const TRINET = { title: 'Pas på trinet!', subtitle: 'Nye opgaver og faldgruber, når du skifter ledelsesniveau' };

// As /api/quotes/{id}/cite?style=apa gives it.
const apaText = (quote, inText, reference) => `„${quote}“ ${inText}.\n\n${reference}\n`;

test('the plain text is the APA text unchanged', () => {
  const apa = apaText('Vi passer hver vores butik', '(Væksthus for Ledelse, 2012, s. 6-9)',
    'Væksthus for Ledelse. (2012). Den politiske tango. Udfordringer i samspillet mellem politisk og administrativ topleder.');
  assert.equal(apaClip(apa, [TANGO]).plain, apa);
});

test('the quote paragraph, then the reference with title and subtitle in italics', () => {
  const apa = apaText('Vi passer hver vores butik', '(Væksthus for Ledelse, 2012, s. 6-9)',
    'Væksthus for Ledelse. (2012). Den politiske tango. Udfordringer i samspillet mellem politisk og administrativ topleder.');
  assert.equal(apaClip(apa, [TANGO]).html,
    '<p>„Vi passer hver vores butik“ (Væksthus for Ledelse, 2012, s. 6-9).</p>\n'
    + '<p>Væksthus for Ledelse. (2012). <i>Den politiske tango. Udfordringer i samspillet mellem politisk og administrativ topleder</i>.</p>');
});

test('the title is found whatever joins it to the subtitle', () => {
  const colon = 'Væksthus for Ledelse. (2012). Den politiske tango: Udfordringer i samspillet mellem politisk og administrativ topleder.';
  assert.equal(referenceHtml(colon, [TANGO]),
    'Væksthus for Ledelse. (2012). <i>Den politiske tango: Udfordringer i samspillet mellem politisk og administrativ topleder</i>.');
  // A title ending in "!" keeps it, inside the italics, and the subtitle follows after a space.
  const bang = 'Væksthus for Ledelse. (u.å.-b). Pas på trinet! Nye opgaver og faldgruber, når du skifter ledelsesniveau.';
  assert.equal(referenceHtml(bang, [TRINET]),
    'Væksthus for Ledelse. (u.å.-b). <i>Pas på trinet! Nye opgaver og faldgruber, når du skifter ledelsesniveau</i>.');
});

test('a section locator in the in-text citation does not matter', () => {
  const apa = apaText('Vi passer hver vores butik', '(Væksthus for Ledelse, 2012, afs. „Samspillet“)',
    'Væksthus for Ledelse. (2012). Den politiske tango: Udfordringer i samspillet mellem politisk og administrativ topleder.');
  const { html } = apaClip(apa, [TANGO]);
  assert.match(html, /^<p>„Vi passer hver vores butik“ \(Væksthus for Ledelse, 2012, afs\. „Samspillet“\)\.<\/p>\n/);
  assert.match(html, /<i>Den politiske tango: Udfordringer i samspillet mellem politisk og administrativ topleder<\/i>\.<\/p>$/);
});

test('without a subtitle found after it the title alone is in italics', () => {
  assert.equal(referenceHtml('Væksthus for Ledelse. (2012). Den politiske tango.', [TANGO]),
    'Væksthus for Ledelse. (2012). <i>Den politiske tango</i>.');
  // The subtitle somewhere else in the line is not joined to the title.
  assert.deepEqual(titleSpan('Den politiske tango (2012). Om Udfordringer i samspillet mellem politisk og administrativ topleder', TANGO), [0, 19]);
});

test('a full title alone (the quote\'s own publication.title) is found as it is', () => {
  const line = 'Væksthus for Ledelse. (u.å.-a). Mellem chef og direktør. Fem fokusområder for et godt samarbejde.';
  assert.equal(referenceHtml(line, [{ title: 'Ikke her', subtitle: 'heller ikke' }, { title: 'Mellem chef og direktør. Fem fokusområder for et godt samarbejde' }]),
    'Væksthus for Ledelse. (u.å.-a). <i>Mellem chef og direktør. Fem fokusområder for et godt samarbejde</i>.');
});

test('no known title: the reference is escaped text without italics', () => {
  const apa = apaText('Tekst', '(Væksthus for Ledelse, 2012)', 'Væksthus for Ledelse. (2012). En anden titel.');
  assert.equal(apaClip(apa, [TANGO]).html,
    '<p>„Tekst“ (Væksthus for Ledelse, 2012).</p>\n<p>Væksthus for Ledelse. (2012). En anden titel.</p>');
  assert.equal(apaClip(apa, []).html, apaClip(apa, undefined).html);
});

test('the title is italicised in the reference list only, not in the quote', () => {
  const apa = apaText('Læs Den politiske tango', '(Væksthus for Ledelse, 2012)', 'Væksthus for Ledelse. (2012). Den politiske tango.');
  assert.equal(apaClip(apa, [TANGO]).html,
    '<p>„Læs Den politiske tango“ (Væksthus for Ledelse, 2012).</p>\n<p>Væksthus for Ledelse. (2012). <i>Den politiske tango</i>.</p>');
});

test('every text is escaped: <, &, > and both quotes', () => {
  assert.equal(escapeHtml(`<b>"R&D"</b> 'x'`), '&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt; &#39;x&#39;');
  const apa = apaText('<script>alert("x")</script> & <i>mere</i> \'citat\'', '(Væksthus for Ledelse, 2012)',
    'Væksthus for Ledelse. (2012). Tango & <b>"samspil"</b>: Om <img src=x onerror=alert(1)>.');
  const work = { title: 'Tango & <b>"samspil"</b>', subtitle: 'Om <img src=x onerror=alert(1)>' };
  const { html, plain } = apaClip(apa, [work]);
  assert.equal(html,
    '<p>„&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;i&gt;mere&lt;/i&gt; &#39;citat&#39;“ (Væksthus for Ledelse, 2012).</p>\n'
    + '<p>Væksthus for Ledelse. (2012). <i>Tango &amp; &lt;b&gt;&quot;samspil&quot;&lt;/b&gt;: Om &lt;img src=x onerror=alert(1)&gt;</i>.</p>');
  // The only tags are the ones made here.
  assert.deepEqual([...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[0]), ['<p', '</p', '<p', '<i', '</i', '</p']);
  assert.equal(plain, apa);
});

test('several quotes and references: each line its own paragraph, each reference its title', () => {
  const apa = '„Et“ (Væksthus for Ledelse, 2012).\n\n„To“ (Væksthus for Ledelse, u.å.-b).\n\n'
    + 'Væksthus for Ledelse. (u.å.-b). Pas på trinet! Nye opgaver og faldgruber, når du skifter ledelsesniveau.\n'
    + 'Væksthus for Ledelse. (2012). Den politiske tango: Udfordringer i samspillet mellem politisk og administrativ topleder.\n';
  const lines = apaClip(apa, [TANGO, TRINET]).html.split('\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[0], '<p>„Et“ (Væksthus for Ledelse, 2012).</p>');
  assert.equal(lines[1], '<p>„To“ (Væksthus for Ledelse, u.å.-b).</p>');
  assert.match(lines[2], /<i>Pas på trinet! Nye opgaver og faldgruber, når du skifter ledelsesniveau<\/i>\.<\/p>$/);
  assert.match(lines[3], /<i>Den politiske tango: Udfordringer i samspillet mellem politisk og administrativ topleder<\/i>\.<\/p>$/);
});

test('Windows line ends and text that is not a string', () => {
  const apa = '„Et“ (X, 2012).\r\n\r\nX. (2012). Den politiske tango.\r\n';
  assert.equal(apaClip(apa, [TANGO]).html, '<p>„Et“ (X, 2012).</p>\n<p>X. (2012). <i>Den politiske tango</i>.</p>');
  assert.deepEqual(apaClip(null, [TANGO]), { html: '', plain: '' });
  assert.equal(titleSpan('Den politiske tango', { title: '' }), null);
  assert.equal(titleSpan('Den politiske tango', null), null);
});
