// What the copy button puts on the clipboard for an APA citation: the plain
// text as the page shows it, and the same text as HTML for a word processor,
// with the booklet's title (and subtitle) in italics as APA 7 sets it.
//
// Pure functions, no DOM, and no imports, so Node can test this module on its
// own (tests/browser/copy-format.test.mjs).
//
// The quote paragraph and the reference come from the server's APA text, so
// the HTML says exactly what the plain text says; what the page knows in
// structured form is only the booklet's title and subtitle (from
// /api/publications), and those are found in the reference, whatever joins
// them ("Titel. Undertitel", "Titel: Undertitel", "Titel! Undertitel").

const text = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Text made safe to put into HTML, as element content or an attribute value.
export const escapeHtml = (s) => text(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

// What may stand between a title and its subtitle in a reference: the
// punctuation of the join and spaces, nothing else.
const JOIN = /^[\s.:;!?,–—-]{0,4}$/u;

// Where a work's title, with its subtitle when that follows it, stands in a
// reference line: [start, end) in UTF-16 units, or null when it is not there.
// work: { title, subtitle } as /api/publications gives it; a title alone
// (the quote's own publication.title) is looked for as it is.
export function titleSpan(line, work) {
  const title = text(work && work.title).trim();
  if (!title) return null;
  const start = line.indexOf(title);
  if (start === -1) return null;
  let end = start + title.length;
  const subtitle = text(work && work.subtitle).trim();
  if (subtitle) {
    const at = line.indexOf(subtitle, end);
    if (at !== -1 && JOIN.test(line.slice(end, at))) end = at + subtitle.length;
  }
  return [start, end];
}

// One reference line as HTML: escaped, the first of works found in it in <i>.
export function referenceHtml(line, works) {
  for (const work of works || []) {
    const span = titleSpan(line, work);
    if (!span) continue;
    const [start, end] = span;
    return `${escapeHtml(line.slice(0, start))}<i>${escapeHtml(line.slice(start, end))}</i>${escapeHtml(line.slice(end))}`;
  }
  return escapeHtml(line);
}

// The APA text as /api/quotes/{id}/cite?style=apa gives it (quote paragraphs
// with their in-text citations, a blank line, then the reference list, one
// reference a line) as { html, plain }. plain is the text unchanged; in html
// every line is a paragraph and, in the reference list (the last block, when
// there is more than one), the title of any of works is set in italics.
// works: the booklets the text may cite, each { title, subtitle }; put the
// likeliest first.
export function apaClip(apa, works) {
  const plain = text(apa);
  const blocks = [];
  let block = [];
  for (const line of plain.split(/\r?\n/)) {
    if (line.trim()) {
      block.push(line.trim());
    } else if (block.length) {
      blocks.push(block);
      block = [];
    }
  }
  if (block.length) blocks.push(block);
  const html = blocks
    .map((lines, i) => lines
      .map((line) => (blocks.length > 1 && i === blocks.length - 1
        ? `<p>${referenceHtml(line, works)}</p>`
        : `<p>${escapeHtml(line)}</p>`))
      .join('\n'))
    .join('\n');
  return { html, plain };
}
