// The quote view: one quote in a dialog with its tags, the booklet lines
// around it, its citation in three formats to copy, and similar quotes. The
// open quote is part of the address (state.quote).

import { announce } from './announce.js';
import { api, errorBox, errorText } from './api.js';
import { copyRich, copyText, flash, selectText } from './clipboard.js';
import { apaClip } from './copy-format.js';
import { closeDialog, openDialog, restoreFocus } from './dialogs.js';
import { $, $$, el } from './dom.js';
import { cap, str } from './format.js';
import { catalogue, pubTitle, pubYear } from './publications.js';
import { metaLine } from './quote-meta.js';
import { shortlistButton } from './shortlist.js';
import { arrowToTab } from './tabs.js';
import { buildUrl, saveUrl, state } from './url-state.js';

const CONTEXT_FIRST = 2;
const CONTEXT_STEP = 3;
const CONTEXT_MAX = 20;
const SIMILAR_LIMIT = 5;
const CITE_STYLES = [
  { style: 'apa', label: 'APA' },
  { style: 'ris', label: 'RIS' },
  { style: 'bibtex', label: 'BibTeX' },
];

let quoteSeq = 0; // answers for an earlier quote are dropped
let quoteContext = CONTEXT_FIRST;
let closingFromHistory = false;
let shownQuote = null; // the quote on view, for what copying its citation needs

// how: 'push' (a new history entry), 'replace' (swap the quote in place), 'none' (URL already says so)
export function openQuote(id, how) {
  const dialog = $('#quote-dialog');
  state.quote = id;
  if (how === 'push') saveUrl('push', { quotePushed: true });
  else if (how === 'replace') saveUrl('replace');
  quoteContext = CONTEXT_FIRST;
  const seq = ++quoteSeq;
  const body = $('#quote-body');
  $('#quote-title').textContent = 'Citat';
  body.replaceChildren(el('p', { class: 'loading', text: 'Henter citatet …' }));
  openDialog(dialog, $('#quote-title'));
  loadQuote(id, seq);
}

// After the address changed (load, back/forward): open or close the view to match.
export function followUrl(previousQuote) {
  const dialog = $('#quote-dialog');
  if (state.quote && (state.quote !== previousQuote || !dialog.open)) openQuote(state.quote, 'none');
  else if (!state.quote && dialog.open) {
    closingFromHistory = true;
    closeDialog(dialog);
  }
}

const fetchQuote = (id) => api(`api/quotes/${encodeURIComponent(id)}?context=${quoteContext}`);

async function loadQuote(id, seq) {
  const body = $('#quote-body');
  try {
    const quote = await fetchQuote(id);
    if (seq !== quoteSeq) return;
    renderQuote(quote);
    loadCitations(id, seq);
    loadSimilar(id, seq);
  } catch (e) {
    if (seq !== quoteSeq) return;
    $('#quote-title').textContent = 'Citatet kunne ikke vises';
    body.replaceChildren(errorBox(e, () => loadQuote(id, seq)));
  }
}

// Where a reader finds the quote in the printed booklet, as the server
// gives it (`where`): the booklet, its chapter and section, and the pages
// when they are known ("s. 12–13").
function whereText(q) {
  const where = q.where || {};
  const chapter = str(where.chapter);
  const section = str(where.section);
  return [
    str(where.publication),
    chapter ? `kapitlet »${chapter}«` : '',
    section && section !== chapter ? `afsnittet »${section}«` : '',
    str(where.pages),
  ].filter(Boolean).join(', ');
}

function renderQuote(q) {
  shownQuote = q;
  const speaker = str(q.speaker);
  $('#quote-title').textContent = speaker ? `${cap(speaker)} siger` : 'Citat';
  const tags = [
    ['Taler', speaker || 'Ikke angivet'],
    ['Rolle', cap(str(q.role))],
    ['Niveau', cap(str(q.level))],
    ['Publikation', `${pubTitle(q.publication)} (${pubYear(q.publication)})`],
    ['Tema', str(q.theme)],
    ['Undertema', str(q.subtheme)],
    ['Findes i', whereText(q)],
  ].filter(([, v]) => v);

  const body = $('#quote-body');
  body.replaceChildren(
    el('blockquote', { class: 'quote-text', text: str(q.text) }),
    q.citation ? el('p', { class: 'quote-citation', text: str(q.citation) }) : null,
    el('div', { class: 'actions' },
      shortlistButton(q, { 'data-testid': 'dialog-shortlist-toggle' }),
      el('button', { type: 'button', class: 'btn btn-small', 'data-copy-link': '', text: 'Kopiér link til citatet' })),
    el('dl', { class: 'tags' }, tags.map(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
    el('section', { class: 'context', 'aria-labelledby': 'context-heading' },
      el('h3', { id: 'context-heading', tabindex: '-1', text: 'Sammenhæng i hæftet' }),
      el('div', { id: 'context-body' }, contextNodes(q.context))),
    el('section', { class: 'cite', 'aria-labelledby': 'cite-heading' },
      el('h3', { id: 'cite-heading', text: 'Kildehenvisning' }),
      citationTabs()),
    el('section', { class: 'similar', 'aria-labelledby': 'similar-heading' },
      el('h3', { id: 'similar-heading', text: 'Lignende citater' }),
      el('div', { id: 'similar-body' }, el('p', { class: 'loading', text: 'Henter lignende citater …' }))));
}

// A paragraph of the context, with the quote's words in it marked
// (`quote_span`, in code points).
function paragraphNode(para) {
  const text = str(para && para.text);
  const span = para && Array.isArray(para.quote_span) ? para.quote_span : null;
  if (!span) return el('p', { class: 'para', text });
  const chars = Array.from(text);
  return el('p', { class: 'para has-quote' },
    chars.slice(0, span[0]).join(''),
    el('mark', { class: 'in-quote' }, el('span', { class: 'visually-hidden', text: 'Citatet: ' }), chars.slice(span[0], span[1]).join('')),
    chars.slice(span[1]).join(''));
}

// The paragraphs around the quote as the booklet reads them (lines joined,
// hyphenation undone), under its headings, with the quote marked.
function contextNodes(context) {
  const paragraphs = context && Array.isArray(context.paragraphs) ? context.paragraphs : [];
  const headings = context && Array.isArray(context.headings) ? context.headings.map(str).filter(Boolean) : [];
  if (!paragraphs.length) return [el('p', { class: 'hint', text: 'Der er ingen sammenhæng at vise for dette citat.' })];
  const page = el('div', { class: 'page' });
  if (headings.length) page.append(el('p', { class: 'page-headings', text: headings.join(' › ') }));
  page.append(...paragraphs.map(paragraphNode));
  const more = quoteContext < CONTEXT_MAX
    ? el('button', { type: 'button', class: 'btn btn-small', id: 'context-more', text: 'Vis mere sammenhæng' })
    : null;
  return [page, more];
}

async function moreContext() {
  const id = state.quote;
  const seq = quoteSeq;
  quoteContext = Math.min(CONTEXT_MAX, quoteContext + CONTEXT_STEP);
  const box = $('#context-body');
  try {
    const quote = await fetchQuote(id);
    if (seq !== quoteSeq) return;
    box.replaceChildren(...contextNodes(quote.context).filter(Boolean));
    ($('#context-more') || $('#context-heading')).focus();
    announce('Mere sammenhæng vises.');
  } catch (e) {
    if (seq !== quoteSeq) return;
    box.append(errorBox(e));
  }
}

function citationTabs() {
  const tablist = el('div', { class: 'tabs tabs-small', role: 'tablist', 'aria-label': 'Format' },
    CITE_STYLES.map(({ style, label }, i) => el('button', {
      type: 'button', role: 'tab', id: `cite-tab-${style}`, 'data-testid': `cite-tab-${style}`,
      'aria-controls': `cite-panel-${style}`, 'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? '0' : '-1', 'data-cite-tab': style, text: label,
    })));
  const panels = CITE_STYLES.map(({ style, label }, i) => el('div', {
    role: 'tabpanel', id: `cite-panel-${style}`, 'aria-labelledby': `cite-tab-${style}`, class: 'cite-panel', hidden: i !== 0,
  },
  el('pre', { class: 'cite-text', id: `cite-text-${style}`, tabindex: '0', 'aria-label': `Henvisning i ${label}` }, 'Henter …'),
  el('button', { type: 'button', class: 'btn btn-small', 'data-testid': `copy-${style}`, 'data-copy': style, text: 'Kopiér', 'aria-label': `Kopiér henvisningen i ${label}` })));
  return [tablist, panels];
}

function selectCiteTab(style) {
  for (const tab of $$('[data-cite-tab]')) {
    const on = tab.dataset.citeTab === style;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`#${tab.getAttribute('aria-controls')}`).hidden = !on;
  }
}

async function loadCitations(id, seq) {
  await Promise.all(CITE_STYLES.map(async ({ style }) => {
    let text;
    let failed = false;
    try {
      text = await api(`api/quotes/${encodeURIComponent(id)}/cite?style=${style}`, { text: true });
    } catch (e) {
      text = errorText(e);
      failed = true;
    }
    if (seq !== quoteSeq) return;
    const pre = $(`#cite-text-${style}`);
    if (!pre) return;
    pre.textContent = text.replace(/\s+$/, '');
    pre.classList.toggle('failed', failed);
    const button = $(`[data-copy="${style}"]`);
    if (button) button.disabled = failed;
  }));
}

async function loadSimilar(id, seq) {
  const box = () => $('#similar-body');
  try {
    const data = await api(`api/quotes/${encodeURIComponent(id)}/similar?limit=${SIMILAR_LIMIT}`);
    if (seq !== quoteSeq || !box()) return;
    const hits = (Array.isArray(data && data.hits) ? data.hits : []).filter((h) => h && h.id && h.id !== id);
    if (!hits.length) {
      box().replaceChildren(el('p', { class: 'hint', text: 'Der blev ikke fundet lignende citater.' }));
      return;
    }
    box().replaceChildren(el('ol', { class: 'similar-list' }, hits.map((h, i) => {
      const metaId = `similar-meta-${i}`;
      const text = str(h.text);
      return el('li', {},
        el('p', { class: 'similar-text', text: text.length > 260 ? `${text.slice(0, 250).replace(/\s+\S*$/, '')} …` : text }),
        el('p', { class: 'meta', id: metaId }, metaLine(h)),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'btn btn-small', 'data-open-similar': h.id, 'aria-describedby': metaId, text: 'Vis' }),
          shortlistButton(h, { 'aria-describedby': metaId })));
    })));
  } catch (e) {
    if (seq !== quoteSeq || !box()) return;
    box().replaceChildren(errorBox(e));
  }
}

// The dialog closed (by the user or by followUrl): refocus, and unless the
// address already lost the quote, step back over it or rewrite it.
export function onQuoteClosed(opener) {
  quoteSeq++;
  const id = state.quote;
  const fallback = id ? $$('[data-open-quote]').find((b) => b.dataset.openQuote === id && b.getClientRects().length > 0) : null;
  restoreFocus(opener, fallback);
  if (closingFromHistory) {
    closingFromHistory = false;
    return;
  }
  if (!state.quote) return;
  state.quote = null;
  // If opening the quote added a history entry, step back over it; else rewrite the URL.
  if (history.state && history.state.quotePushed) history.back();
  else saveUrl('replace');
}

// The booklet a quote is from, as apaClip looks for its title in the
// reference: title and subtitle from /api/publications, then the quote's own
// publication title in case the catalogue did not load.
function booklets(q) {
  const pub = q && q.publication;
  if (!pub) return [];
  const known = pub.id && catalogue.byId.get(pub.id);
  return [
    known ? { title: str(known.title), subtitle: str(known.subtitle) } : null,
    pub.title ? { title: str(pub.title) } : null,
  ].filter(Boolean);
}

export function initQuoteView() {
  const dialog = $('#quote-dialog');
  dialog.addEventListener('click', async (e) => {
    const tab = e.target.closest('[data-cite-tab]');
    if (tab) selectCiteTab(tab.dataset.citeTab);

    const copy = e.target.closest('[data-copy]');
    if (copy) {
      const style = copy.dataset.copy;
      const pre = $(`#cite-text-${style}`);
      const label = CITE_STYLES.find((s) => s.style === style).label;
      const copied = style === 'apa'
        ? copyRich(apaClip(pre.textContent, booklets(shownQuote)), copy)
        : copyText(pre.textContent, copy);
      if (await copied) {
        flash(copy, 'Kopieret ✓');
        announce(`Kopieret: henvisningen i ${label}.`);
      } else {
        selectText(pre);
        announce('Kunne ikke kopiere automatisk. Teksten er markeret: tryk Ctrl+C (Cmd+C på Mac).');
      }
    }

    const link = e.target.closest('[data-copy-link]');
    if (link) {
      const url = new URL(buildUrl(state), location.href).href;
      if (await copyText(url, link)) {
        flash(link, 'Link kopieret ✓');
        announce('Kopieret: link til citatet.');
      } else {
        announce(`Kunne ikke kopiere. Linket er ${url}`);
      }
    }

    if (e.target.closest('#context-more')) moreContext();

    const similar = e.target.closest('[data-open-similar]');
    if (similar) openQuote(similar.dataset.openSimilar, 'replace');
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.target.closest('[data-cite-tab]')) arrowToTab(e, $$('[data-cite-tab]', dialog), (t) => selectCiteTab(t.dataset.citeTab));
  });
}
