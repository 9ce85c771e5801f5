// The results list: asking /api/search for the state's page, the count and
// heading, the intro and no-hits notices, each hit with its marked words and
// why it matched, the related hits after the counted ones, the pager, and the
// chips of the filters in use.
//
// The API pages one list: the `total` counted hits, then the `related_total`
// related ones (found through the text around them, not counted). A page may
// hold both; the related ones go in a list of their own under a heading.

import { errorBox, api } from './api.js';
import { $, $$, el } from './dom.js';
import { renderChart } from './chart.js';
import { paintFiltersDone, renderFacets, renderFacetsUnknown } from './facets.js';
import { FACETS, FACET_LABELS, adoptFilters, valueLabel } from './filters.js';
import { num, plural, quoted, str } from './format.js';
import { isTopic, topicName } from './publications.js';
import { snippet } from './highlight.js';
import { metaLine } from './quote-meta.js';
import { shortlistButton } from './shortlist.js';
import { filterParams, hasFilters, saveUrl, state } from './url-state.js';

const PAGE_SIZE = 20;
const EXAMPLES = ['tillid', 'politisk tæft', 'personaleledelse', 'sparring', 'forventninger'];

let searchKey = null; // the request last made; an unchanged one is skipped
let searchSeq = 0;
let searchAbort = null;
let lastAnswer = null; // {total, related, hits, read, facets} of the last search drawn

// The state's query, filters and page as /api/search takes them.
function searchParams() {
  const p = filterParams(state);
  p.set('limit', String(PAGE_SIZE));
  p.set('offset', String(state.offset));
  return p;
}

// Search for the state's query, filters and page, unless that was the last search.
export async function runSearch() {
  const key = searchParams().toString();
  if (key === searchKey) return;
  searchKey = key;
  if (searchAbort) searchAbort.abort();
  searchAbort = new AbortController();
  const seq = ++searchSeq;
  setBusy(true);
  try {
    const data = await api(`api/search?${key}`, { signal: searchAbort.signal });
    if (seq !== searchSeq) return;
    const total = Number(data && data.total) || 0;
    const related = Number(data && data.related_total) || 0;
    const hits = Array.isArray(data && data.hits) ? data.hits.filter(Boolean) : [];
    // A bookmarked page beyond the end: go to the last page instead.
    if (!hits.length && total + related > 0 && state.offset > 0) {
      state.offset = Math.max(0, Math.floor((total + related - 1) / PAGE_SIZE) * PAGE_SIZE);
      saveUrl('replace');
      searchKey = null;
      setBusy(false);
      runSearch();
      return;
    }
    const facets = (data && data.facets) || {};
    // A filter typed another way (direktor) is the value the server applied.
    if (adoptFilters(state, data && data.filters)) {
      saveUrl('replace');
      searchKey = searchParams().toString();
    }
    lastAnswer = { total, related, hits, read: typeof data.read === 'string' ? data.read : null, facets };
    renderResults(lastAnswer);
    renderFacets(facets);
  } catch (e) {
    if (e && e.name === 'AbortError') return;
    if (seq !== searchSeq) return;
    searchKey = null;
    // Say which search failed, and show no count or bar that belongs to an earlier one.
    $('#result-count').textContent = state.q ? `Søgningen efter ${quoted(state.q)} mislykkedes` : 'Søgningen mislykkedes';
    lastAnswer = null;
    $$('.count-extra', $('#results-heading')).forEach((n) => n.remove());
    $('#search-read').hidden = true;
    renderChart(null, 0);
    renderFacetsUnknown();
    paintFiltersDone(null);
    $('#hits').replaceChildren();
    $('#related-hits').replaceChildren();
    $('#related').hidden = true;
    $('#pager').replaceChildren();
    $('#results-message').replaceChildren(errorBox(e, () => runSearch()));
  } finally {
    if (seq === searchSeq) setBusy(false);
  }
}

function setBusy(busy) {
  $('#panel-results').setAttribute('aria-busy', busy ? 'true' : 'false');
  document.body.classList.toggle('busy', busy);
}

// Draw the last answer again (once the topic names have arrived), without
// asking the server.
export function repaintResults() {
  if (lastAnswer) renderResults(lastAnswer);
}

// "Søgte efter »tillid«" when the engine read the query otherwise than typed
// (a spelling, a stray bracket or operator); nothing when it read it as typed.
function renderRead(read) {
  const box = $('#search-read');
  const squash = (t) => t.replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
  const typed = squash(state.q);
  if (read === null || !typed || squash(read) === typed) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.replaceChildren(...(read.trim()
    ? ['Søgte efter ', el('strong', { text: `»${read.trim()}«` })]
    : [el('strong', { text: quoted(state.q) }), ' indeholder ingen søgeord, så alle citater vises.']));
  box.hidden = false;
}

function renderResults({ total, related, hits, read, facets }) {
  const countEl = $('#result-count');
  countEl.textContent = plural(total, 'citat', 'citater');
  const heading = $('#results-heading');
  $$('.count-extra', heading).forEach((n) => n.remove());
  if (state.q) heading.append(el('span', { class: 'count-extra', text: ` for ${quoted(state.q)}` }));
  if (related > 0) heading.append(el('span', { class: 'count-extra related-count', text: ` · ${plural(related, 'beslægtet', 'beslægtede')}` }));
  if (total + related > PAGE_SIZE && hits.length) {
    heading.append(el('span', { class: 'count-extra range', text: ` · viser ${num(state.offset + 1)}–${num(state.offset + hits.length)}` }));
  }

  renderRead(read);
  renderActiveFilters();
  renderChart(facets, total);
  paintFiltersDone(total);

  const message = $('#results-message');
  message.replaceChildren();
  if (!state.q && !hasFilters(state) && state.offset === 0) {
    message.append(el('div', { class: 'notice notice-intro' },
      el('p', {}, 'Skriv et ord i søgefeltet, eller vælg filtre for at afgrænse. Her ser du alle citaterne.'),
      el('p', {}, 'Prøv fx: ', EXAMPLES.map((x, i) => [i ? ' ' : '',
        el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-example': x, text: x })]))));
  } else if (total === 0) {
    message.append(el('div', { class: 'notice notice-empty' },
      el('p', { class: 'notice-title', text: state.q ? `Ingen citater matcher ${quoted(state.q)}${hasFilters(state) ? ' med de valgte filtre' : ''}.` : 'Ingen citater passer til de valgte filtre.' }),
      el('ul', {},
        state.q ? el('li', { text: 'Prøv et andet eller et kortere ord. Sammensatte ord findes ikke altid ud fra en del af ordet, så søg fx på både »ledelse« og »personaleledelse«.' }) : null,
        hasFilters(state) ? el('li', {}, 'Fjern et eller flere filtre. ',
          el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-clear-filters': '', text: 'Fjern alle filtre' })) : null,
        state.q ? el('li', { text: 'Tjek stavningen – æ, ø og å tæller med.' }) : null)));
  }

  // Counted hits come first in the answer; a page may end with related ones.
  const counted = hits.filter((h) => !h.related);
  const relatedHits = hits.filter((h) => h.related);
  const list = $('#hits');
  list.start = state.offset + 1;
  list.replaceChildren(...counted.map((hit, i) => hitItem(hit, i)));
  const relatedList = $('#related-hits');
  relatedList.start = Math.max(0, state.offset - total) + 1;
  relatedList.replaceChildren(...relatedHits.map((hit, i) => hitItem(hit, counted.length + i)));
  $('#related').hidden = relatedHits.length === 0;
  renderPager(total + related);
}

// A hit: the window of its text around what matched (marked), how it matched,
// its meta line and its buttons. A related hit is drawn a little quieter.
function hitItem(hit, i) {
  const metaId = `hit-meta-${i}`;
  const related = Boolean(hit.related);
  return el('li', { class: related ? 'hit related' : 'hit', 'data-testid': related ? 'related-hit' : 'hit', 'data-id': hit.id },
    el('blockquote', { class: 'hit-text' }, snippet(str(hit.text), hit.matched)),
    whyLine(hit.matched),
    el('p', { class: 'meta', id: metaId }, metaLine(hit)),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'open-quote', 'data-open-quote': hit.id, 'aria-describedby': metaId },
        'Vis', el('span', { class: 'visually-hidden', text: ' citat med sammenhæng og kildehenvisning' })),
      shortlistButton(hit, { 'data-testid': 'shortlist-add', 'aria-describedby': metaId })));
}

// One entry of `matched` in words: what was found in the text (in italics)
// and how it relates to the word searched for.
function matchPart({ word, form, how }) {
  const found = () => el('i', { text: form || word });
  switch (how) {
    case 'bøjning': return [found(), ` (bøjning af ${word})`];
    case 'sammensætning': return [found(), ` (sammensat med ${word})`];
    case 'stavning': return [found(), ` (stavning af ${word})`];
    case 'synonym': return [found(), ` ≈ ${word}`];
    case 'emne':
      return isTopic(form)
        ? `${word} (emnet ${topicName(form)})`
        : [found(), ` (emne: ${word})`]; // a word of its heading or of the topic
    default: return found(); // 'ord': as typed
  }
}

// "fundet via tillid · tilliden (bøjning af tillid)": how the hit matched the
// query, once per distinct entry; nothing when it matched no word.
function whyLine(matched) {
  const seen = new Set();
  const parts = [];
  for (const m of Array.isArray(matched) ? matched : []) {
    if (!m) continue;
    const entry = { word: str(m.word), form: str(m.form), how: str(m.how) };
    if (!entry.word && !entry.form) continue;
    const key = `${entry.how}\u0000${entry.word}\u0000${entry.form}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(el('span', { class: 'why-part' }, matchPart(entry)));
  }
  if (!parts.length) return null;
  return el('p', { class: 'why', 'data-testid': 'why' }, 'fundet via ', parts.map((p, i) => [i ? ' · ' : '', p]));
}

// all: the hits of every page, counted and related.
function renderPager(all) {
  const pager = $('#pager');
  pager.replaceChildren();
  const pages = Math.ceil(all / PAGE_SIZE);
  if (pages <= 1) return;
  const current = Math.floor(state.offset / PAGE_SIZE);
  const button = (page, label, attrs = {}) => el('button', {
    type: 'button', class: 'btn btn-small', 'data-offset': page * PAGE_SIZE, ...attrs,
  }, label);

  // First, last and two either side of the current page.
  const shown = [...new Set([0, current - 2, current - 1, current, current + 1, current + 2, pages - 1])]
    .filter((p) => p >= 0 && p < pages).sort((a, b) => a - b);
  const items = [];
  items.push(current > 0 ? button(current - 1, 'Forrige', { 'aria-label': 'Forrige side' }) : null);
  let prev = -1;
  for (const p of shown) {
    if (p - prev > 1) items.push(el('span', { class: 'gap', 'aria-hidden': 'true', text: '…' }));
    items.push(p === current
      ? el('span', { class: 'current', 'aria-current': 'page' }, el('span', { class: 'visually-hidden', text: 'Side ' }), String(p + 1))
      : button(p, String(p + 1), { 'aria-label': `Side ${p + 1}` }));
    prev = p;
  }
  items.push(current < pages - 1 ? button(current + 1, 'Næste', { 'aria-label': 'Næste side' }) : null);
  pager.append(...items.filter(Boolean));
}

// A chip for every filter in use, each removing its filter, and "Fjern alle filtre".
export function renderActiveFilters() {
  const box = $('#active-filters');
  box.replaceChildren();
  if (!hasFilters(state)) return;
  const chips = [];
  for (const f of FACETS) {
    for (const v of state.filters[f]) {
      const label = valueLabel(f, v);
      chips.push(el('button', {
        type: 'button', class: 'chip', 'data-remove-filter': f, 'data-value': v,
        'aria-label': `Fjern filteret ${FACET_LABELS[f]}: ${label}`,
      }, el('span', { class: 'chip-facet', text: `${FACET_LABELS[f]}: ` }), label, el('span', { 'aria-hidden': 'true', text: ' ✕' })));
    }
  }
  box.append(el('span', { class: 'active-label', text: 'Filtre:' }), ...chips,
    el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-clear-filters': '', text: 'Fjern alle filtre' }));
}
