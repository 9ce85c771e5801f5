// The results list: asking /api/search for the state's page, the count and
// heading, the intro and no-hits notices, each hit with its marked words, the
// pager, and the chips of the filters in use.

import { errorBox, api } from './api.js';
import { $, $$, el } from './dom.js';
import { renderFacets } from './facets.js';
import { FACETS, FACET_LABELS, valueLabel } from './filters.js';
import { num, plural, str } from './format.js';
import { snippet } from './highlight.js';
import { metaLine } from './quote-meta.js';
import { shortlistButton } from './shortlist.js';
import { filterParams, hasFilters, saveUrl, state } from './url-state.js';

const PAGE_SIZE = 20;
const EXAMPLES = ['tillid', 'politisk tæft', 'personaleledelse', 'sparring', 'forventninger'];

let searchKey = null; // the request last made; an unchanged one is skipped
let searchSeq = 0;
let searchAbort = null;

// Search for the state's query, filters and page, unless that was the last search.
export async function runSearch() {
  const p = filterParams(state);
  p.set('limit', String(PAGE_SIZE));
  p.set('offset', String(state.offset));
  const key = p.toString();
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
    const hits = Array.isArray(data && data.hits) ? data.hits : [];
    // A bookmarked page beyond the end: go to the last page instead.
    if (!hits.length && total > 0 && state.offset > 0) {
      state.offset = Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
      saveUrl('replace');
      searchKey = null;
      setBusy(false);
      runSearch();
      return;
    }
    renderResults(total, hits);
    renderFacets((data && data.facets) || {});
  } catch (e) {
    if (e && e.name === 'AbortError') return;
    if (seq !== searchSeq) return;
    searchKey = null;
    $('#result-count').textContent = 'Søgningen mislykkedes';
    $('#hits').replaceChildren();
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

function renderResults(total, hits) {
  const countEl = $('#result-count');
  countEl.textContent = plural(total, 'citat', 'citater');
  const heading = $('#results-heading');
  $$('.count-extra', heading).forEach((n) => n.remove());
  if (state.q) heading.append(el('span', { class: 'count-extra', text: ` for »${state.q}«` }));
  if (total > PAGE_SIZE && hits.length) {
    heading.append(el('span', { class: 'count-extra range', text: ` · viser ${num(state.offset + 1)}–${num(state.offset + hits.length)}` }));
  }

  renderActiveFilters();

  const message = $('#results-message');
  message.replaceChildren();
  if (!state.q && !hasFilters(state) && state.offset === 0) {
    message.append(el('div', { class: 'notice notice-intro' },
      el('p', {}, 'Skriv et ord i søgefeltet, eller vælg filtre for at afgrænse. Her ser du alle citaterne.'),
      el('p', {}, 'Prøv fx: ', EXAMPLES.map((x, i) => [i ? ' ' : '',
        el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-example': x, text: x })]))));
  } else if (total === 0) {
    message.append(el('div', { class: 'notice notice-empty' },
      el('p', { class: 'notice-title', text: state.q ? `Ingen citater matcher »${state.q}«${hasFilters(state) ? ' med de valgte filtre' : ''}.` : 'Ingen citater passer til de valgte filtre.' }),
      el('ul', {},
        state.q ? el('li', { text: 'Prøv et andet eller et kortere ord. Sammensatte ord findes ikke altid ud fra en del af ordet, så søg fx på både »ledelse« og »personaleledelse«.' }) : null,
        hasFilters(state) ? el('li', {}, 'Fjern et eller flere filtre. ',
          el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-clear-filters': '', text: 'Fjern alle filtre' })) : null,
        state.q ? el('li', { text: 'Tjek stavningen – æ, ø og å tæller med.' }) : null)));
  }

  const list = $('#hits');
  list.start = state.offset + 1;
  list.replaceChildren(...hits.map((hit, i) => hitItem(hit, i)));
  renderPager(total);
}

// A hit: the window of its text around what matched (marked), its meta line
// and its buttons.
function hitItem(hit, i) {
  const metaId = `hit-meta-${i}`;
  return el('li', { class: 'hit', 'data-testid': 'hit', 'data-id': hit.id },
    el('blockquote', { class: 'hit-text' }, snippet(str(hit.text), hit.matched)),
    el('p', { class: 'meta', id: metaId }, metaLine(hit)),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'open-quote', 'data-open-quote': hit.id, 'aria-describedby': metaId },
        'Vis', el('span', { class: 'visually-hidden', text: ' citat med sammenhæng og kildehenvisning' })),
      shortlistButton(hit, { 'data-testid': 'shortlist-add', 'aria-describedby': metaId })));
}

function renderPager(total) {
  const pager = $('#pager');
  pager.replaceChildren();
  const pages = Math.ceil(total / PAGE_SIZE);
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
