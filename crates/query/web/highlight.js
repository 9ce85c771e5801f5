// Highlighting: a quote's text with what matched the query in <mark>, drawn
// from the `matched` list a hit carries, and the window of a long quote the
// results list shows, cut the way the server cuts its snippet.
//
// `matched` is [{word, form, how, spans: [[start, end), …]}, …] with offsets
// into the text counted in Unicode code points, so the text is handled as
// Array.from(text), never by UTF-16 index. Nothing here reads the page: the
// functions that make nodes take the document to make them in, and build
// them with textContent only.

// Quotes up to this many words are shown whole.
export const WHOLE_UP_TO = 55;
// Otherwise a window of this many words around the matches.
export const WINDOW = 40;

// A word is a run of letters and digits, as the server's tokenizer has it
// (Rust's char::is_alphanumeric).
const WORD_CHAR = /^[\p{Alphabetic}\p{N}]$/u;

// Every span of every matched word, clipped to [0, length), sorted, with
// overlapping or touching spans merged into one. Malformed spans are dropped.
export function mergedSpans(matched, length) {
  const spans = [];
  for (const word of Array.isArray(matched) ? matched : []) {
    for (const span of Array.isArray(word && word.spans) ? word.spans : []) {
      if (!Array.isArray(span) || !Number.isInteger(span[0]) || !Number.isInteger(span[1])) continue;
      const start = Math.max(0, span[0]);
      const end = Math.min(length, span[1]);
      if (start < end) spans.push([start, end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

// [start, end) of each word in a list of code points.
function words(chars) {
  const out = [];
  let start = -1;
  chars.forEach((c, i) => {
    if (WORD_CHAR.test(c)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, chars.length]);
  return out;
}

// The words to show, [first, last], as the server's snippet chooses them
// (render/snippet.rs): all of a short quote, else the WINDOW words holding
// the most of the query's words, then the most marked words (the earliest of
// equals), starting a quarter window before its first match but not so far
// that its last match falls out. `answers` holds, for each word, the
// indexes of the query words it answers.
function wordWindow(answers, queryWords) {
  const n = answers.length;
  if (n <= WHOLE_UP_TO) return [0, Math.max(0, n - 1)];
  const times = new Array(queryWords).fill(0);
  let distinct = 0;
  let marked = 0;
  const add = (word, by) => {
    if (word.length) marked += by;
    for (const q of word) {
      if (by > 0 && times[q] === 0) distinct += 1;
      times[q] += by;
      if (by < 0 && times[q] === 0) distinct -= 1;
    }
  };
  const better = (a, b) => a.distinct > b.distinct || (a.distinct === b.distinct && a.marked > b.marked);
  answers.slice(0, WINDOW).forEach((w) => add(w, 1));
  let best = { start: 0, distinct, marked };
  for (let start = 1; start <= n - WINDOW; start++) {
    add(answers[start - 1], -1);
    add(answers[start + WINDOW - 1], 1);
    const here = { start, distinct, marked };
    if (better(here, best)) best = here;
  }
  const held = answers.slice(best.start, best.start + WINDOW);
  const first = held.findIndex((w) => w.length);
  if (first === -1) return [0, WINDOW - 1];
  const last = held.length - 1 - [...held].reverse().findIndex((w) => w.length);
  const start = Math.min(Math.max(best.start + first - WINDOW / 4, best.start + last + 1 - WINDOW, 0), n - WINDOW);
  return [start, start + WINDOW - 1];
}

// The part of the text the results list shows, in code points: [start, end),
// and whether text was cut away before and after it (shown as "…").
export function snippetWindow(text, matched) {
  const chars = Array.from(String(text ?? ''));
  const entries = Array.isArray(matched) ? matched : [];
  // For each query word, its spans; for each text word, the query words it answers.
  const perWord = entries.map((m) => mergedSpans([m], chars.length));
  const ws = words(chars);
  const answers = ws.map(([s, e]) => perWord.flatMap((spans, q) => (spans.some(([a, b]) => a < e && s < b) ? [q] : [])));
  const [first, last] = wordWindow(answers, entries.length);
  const start = first === 0 ? 0 : ws[first][0];
  const end = last + 1 >= ws.length ? chars.length : ws[last][1];
  return { start, end, before: first > 0, after: end < chars.length };
}

// The text from start to end (code points) as runs [{text, mark}], marked
// where a span covers it.
export function markedRuns(text, matched, start = 0, end = Infinity) {
  const chars = Array.from(String(text ?? ''));
  const to = Math.min(end, chars.length);
  const runs = [];
  let at = Math.max(0, start);
  const push = (from, until, mark) => {
    if (from < until) runs.push({ text: chars.slice(from, until).join(''), mark });
  };
  for (const [a, b] of mergedSpans(matched, chars.length)) {
    if (b <= at || a >= to) continue;
    push(at, Math.max(at, a), false);
    push(Math.max(at, a), Math.min(b, to), true);
    at = Math.min(b, to);
  }
  push(at, to, false);
  return runs;
}

function nodes(runs, doc) {
  return runs.map(({ text, mark }) => {
    if (!mark) return doc.createTextNode(text);
    const node = doc.createElement('mark');
    node.textContent = text;
    return node;
  });
}

// The whole text as text nodes and <mark> elements.
export function highlight(text, matched, doc = globalThis.document) {
  return nodes(markedRuns(text, matched), doc);
}

// The window of the text the results list shows, marked, with "…" where cut.
export function snippet(text, matched, doc = globalThis.document) {
  const { start, end, before, after } = snippetWindow(text, matched);
  const out = nodes(markedRuns(text, matched, start, end), doc);
  if (before) out.unshift(doc.createTextNode('…'));
  if (after) out.push(doc.createTextNode('…'));
  return out;
}
