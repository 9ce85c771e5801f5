// Unit tests of the page's highlighting (crates/query/web/highlight.js) on
// hand-made texts and spans; no browser, no server.
//
//   node --test tests/browser/highlight.test.mjs
//
// The page's modules are plain ES modules in a folder without a package.json,
// so this loads highlight.js (which imports nothing) from its source as a
// data: URL rather than teaching Node that folder's module type.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, '..', '..', 'crates', 'query', 'web', 'highlight.js'), 'utf8');
const { highlight, markedRuns, mergedSpans, snippet, snippetWindow, WINDOW, WHOLE_UP_TO } =
  await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`);

// A document that records what is made, to check nodes are built from text.
const doc = {
  createTextNode: (data) => ({ type: 'text', data }),
  createElement: (tag) => ({ type: 'element', tag, textContent: '' }),
};

// The nodes as a string, marks in [brackets].
const show = (nodes) => nodes.map((n) => (n.type === 'text' ? n.data : `[${n.textContent}]`)).join('');

// matched for one word at the given spans.
const word = (spans, w = 'tillid') => ({ word: w, form: w, how: 'ord', spans });

// The code-point span of the nth occurrence of needle in text.
function spanOf(text, needle, nth = 0) {
  const chars = Array.from(text);
  const want = Array.from(needle);
  let seen = 0;
  for (let i = 0; i + want.length <= chars.length; i++) {
    if (want.every((c, j) => chars[i + j] === c) && seen++ === nth) return [i, i + want.length];
  }
  throw new Error(`no ${needle} #${nth} in ${text}`);
}

// n words "ord0 ord1 …" with some replaced: { index: word }.
function words(n, replace = {}) {
  return Array.from({ length: n }, (_, i) => replace[i] ?? `ord${i}`).join(' ');
}

test('no matched words: the text as one text node', () => {
  const text = 'Tillid er godt.';
  for (const matched of [[], undefined, null, [{ word: 'x', spans: [] }]]) {
    const nodes = highlight(text, matched, doc);
    assert.deepEqual(nodes, [{ type: 'text', data: text }]);
    assert.equal(show(snippet(text, matched, doc)), text);
  }
  assert.deepEqual(highlight('', [], doc), []);
});

test('a word is marked, with text on either side', () => {
  const text = 'Det handler om tillid, ikke kontrol.';
  const nodes = highlight(text, [word([spanOf(text, 'tillid')])], doc);
  assert.equal(show(nodes), 'Det handler om [tillid], ikke kontrol.');
  assert.deepEqual(nodes[1], { type: 'element', tag: 'mark', textContent: 'tillid' });
});

test('overlapping and touching spans of different words merge into one mark', () => {
  const text = 'personaleledelse og ledelse';
  const matched = [
    word([[0, 9]], 'personale'),
    word([[9, 16], spanOf(text, 'ledelse', 1)], 'ledelse'),
    word([[5, 12], [20, 24]], 'nale'),
  ];
  assert.deepEqual(mergedSpans(matched, Array.from(text).length), [[0, 16], [20, 27]]);
  assert.equal(show(highlight(text, matched, doc)), '[personaleledelse] og [ledelse]');
  // Spans listed out of order and one inside another.
  assert.deepEqual(mergedSpans([word([[4, 6], [0, 10], [12, 14], [13, 20]])], 30), [[0, 10], [12, 20]]);
});

test('spans at the very start and end of the text', () => {
  const text = 'tillid skaber tillid';
  const nodes = highlight(text, [word([spanOf(text, 'tillid', 0), spanOf(text, 'tillid', 1)])], doc);
  assert.equal(show(nodes), '[tillid] skaber [tillid]');
  assert.equal(nodes.length, 3);
  assert.equal(nodes[0].type, 'element');
  assert.equal(nodes[2].type, 'element');
});

test('offsets count code points, not UTF-16 units', () => {
  const text = '𝔄 ærlig 😀 tillid 𝔅 tillid';
  const first = spanOf(text, 'tillid', 0);
  assert.deepEqual(first, [10, 16]); // UTF-16 indices would be [11, 17]
  const matched = [word([first, spanOf(text, 'tillid', 1)]), word([spanOf(text, 'ærlig')], 'ærlig')];
  assert.equal(show(highlight(text, matched, doc)), '𝔄 [ærlig] 😀 [tillid] 𝔅 [tillid]');
  // A mark that starts or ends on an astral character keeps it whole.
  assert.equal(show(highlight('a😀b', [word([[1, 2]])], doc)), 'a[😀]b');
});

test('malformed spans are dropped and spans past the text are clipped', () => {
  const text = 'kort tekst';
  const matched = [
    word([[5, 100], [-3, 2], [4, 4], [7, 6], ['a', 3], [1.5, 3], [2], null]),
    { word: 'x' },
    null,
  ];
  assert.equal(show(highlight(text, matched, doc)), '[ko]rt [tekst]');
});

test('server text stays text: markup in the quote is not parsed', () => {
  const text = 'A <b>fed</b> & <script>tillid</script>';
  const nodes = highlight(text, [word([spanOf(text, 'tillid')])], doc);
  assert.equal(show(nodes), 'A <b>fed</b> & <script>[tillid]</script>');
  assert.ok(nodes.every((n) => n.type === 'text' || n.tag === 'mark'));
});

test(`quotes up to ${WHOLE_UP_TO} words are shown whole`, () => {
  const text = `${words(WHOLE_UP_TO, { 54: 'tillid' })}.`;
  const w = snippetWindow(text, [word([spanOf(text, 'tillid')])]);
  assert.deepEqual(w, { start: 0, end: Array.from(text).length, before: false, after: false });
  assert.equal(show(snippet(text, [], doc)), text);
});

test(`a long quote is cut to ${WINDOW} words, starting ${WINDOW / 4} before the match`, () => {
  const text = words(100, { 50: 'tillid' });
  const nodes = snippet(text, [word([spanOf(text, 'tillid')])], doc);
  const expected = `…${words(90, { 50: '[tillid]' }).split(' ').slice(40, 80).join(' ')}…`;
  assert.equal(show(nodes), expected);
  assert.equal(show(nodes).split(' ').length, WINDOW);
  assert.equal(nodes[0].data, '…');
  assert.equal(nodes[nodes.length - 1].data, '…');
});

test('the window holds the most of the query\'s words before the most marks, as the server cuts it', () => {
  // Many lone matches of one word early, two query words together later
  // (the case of render/snippet.rs's own test): the window opens on the pair.
  const replace = { 100: 'derfor', 101: 'skal', 110: 'ledelse' };
  for (let i = 0; i < 30; i += 3) replace[i] = 'ledelse';
  const text = words(150, replace);
  const spans = (w) => Array.from({ length: text.split(w).length - 1 }, (_, n) => spanOf(text, w, n));
  const matched = [word(spans('ledelse'), 'ledelse'), word(spans('derfor'), 'derfor'), word(spans('skal'), 'skal')];
  const w = snippetWindow(text, matched);
  const shown = Array.from(text).slice(w.start, w.end).join('');
  assert.ok(shown.startsWith('ord90 '), shown);
  assert.ok(shown.includes('derfor skal') && shown.includes('ledelse'), shown);
});

test('the window holds the most matched words, the earliest of equals', () => {
  const text = words(200, { 5: 'tillid', 120: 'tillid', 125: 'tillid', 170: 'tillid', 175: 'tillid' });
  const spans = [0, 1, 2, 3, 4].map((n) => spanOf(text, 'tillid', n));
  const w = snippetWindow(text, [word(spans)]);
  const shown = Array.from(text).slice(w.start, w.end).join('');
  // Words 110–149: the first window holding two matches starts at 86, its first match is 120.
  assert.ok(shown.startsWith('ord110 '), shown);
  assert.ok(shown.endsWith(' ord149'), shown);
  assert.equal(w.before && w.after, true);
});

test('a window near the end ends with the text, without "…"', () => {
  const text = `${words(100, { 97: 'tillid' })}!`;
  const nodes = snippet(text, [word([spanOf(text, 'tillid')])], doc);
  const shown = show(nodes);
  assert.ok(shown.startsWith('…ord60 '), shown);
  assert.ok(shown.endsWith('ord96 [tillid] ord98 ord99!'), shown);
});

test('a long quote without matches shows its first words', () => {
  const text = `«${words(80)}»`;
  const shown = show(snippet(text, [], doc));
  assert.equal(shown, `«${words(40)}…`);
});

test('a mark cut by the window keeps its part inside', () => {
  const text = words(100);
  const w = snippetWindow(text, []);
  const runs = markedRuns(text, [word([[w.end - 2, w.end + 5]])], w.start, w.end);
  assert.deepEqual(runs.at(-1), { text: '39', mark: true });
});
