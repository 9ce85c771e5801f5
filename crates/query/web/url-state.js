// The view state and the address that holds it. The URL carries everything
// (query, filters, page, view, matrix axes, open quote), so a search can be
// bookmarked and shared, and back/forward restores it.

import { AXES, FACETS } from './filters.js';

const BASE_TITLE = document.title;

// q, filters {level, role, publication, topic, theme: string[]}, offset,
// view ('results' | 'matrix'), rows/cols (matrix axes), quote (open quote id).
function emptyState() {
  return {
    q: '',
    filters: { level: [], role: [], publication: [], topic: [], theme: [] },
    offset: 0,
    view: 'results',
    rows: 'theme',
    cols: 'level',
    quote: null,
  };
}

// The state the page shows; changed in place, so every module sees the same one.
export const state = emptyState();

function readUrl() {
  const p = new URLSearchParams(location.search);
  const s = emptyState();
  s.q = p.get('q') || '';
  for (const f of FACETS) {
    // As typed: the server reads `direktoer` as `direktør`, and the page
    // takes the spelling it answers with (results.js).
    s.filters[f] = [...new Set(p.getAll(f).map((v) => v.trim()).filter(Boolean))];
  }
  const offset = parseInt(p.get('offset') || '0', 10);
  s.offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
  s.view = p.get('view') === 'matrix' ? 'matrix' : 'results';
  if (AXES.includes(p.get('rows'))) s.rows = p.get('rows');
  if (AXES.includes(p.get('cols'))) s.cols = p.get('cols');
  if (s.rows === s.cols) s.cols = AXES.find((a) => a !== s.rows);
  s.quote = p.get('quote') || null;
  return s;
}

// Make the state what the address says.
export function loadUrl() {
  Object.assign(state, readUrl());
}

// The query and filters, named as the API names them.
export function filterParams(s) {
  const p = new URLSearchParams();
  p.set('q', s.q);
  for (const f of FACETS) for (const v of s.filters[f]) p.append(f, v);
  return p;
}

export function buildUrl(s) {
  const p = filterParams(s);
  if (!s.q) p.delete('q');
  if (s.offset) p.set('offset', String(s.offset));
  if (s.view === 'matrix') {
    p.set('view', 'matrix');
    if (s.rows !== 'theme' || s.cols !== 'level') {
      p.set('rows', s.rows);
      p.set('cols', s.cols);
    }
  }
  if (s.quote) p.set('quote', s.quote);
  const query = p.toString();
  return location.pathname + (query ? `?${query}` : '');
}

// mode: 'push' | 'replace'. extra goes into history.state.
export function saveUrl(mode, extra) {
  const url = buildUrl(state);
  const same = url === location.pathname + location.search;
  if (mode === 'push' && !same) history.pushState({ citater: true, ...extra }, '', url);
  else history.replaceState({ ...(history.state || {}), citater: true, ...extra }, '', url);
  paintTitle();
}

export function paintTitle() {
  document.title = state.q ? `»${state.q}« – ${BASE_TITLE}` : BASE_TITLE;
}

export const hasFilters = (s) => FACETS.some((f) => s.filters[f].length > 0);

export function setFilter(facet, value, on) {
  const values = state.filters[facet].filter((v) => v !== value);
  if (on) values.push(value);
  state.filters[facet] = values;
}
