// The matrix view: counts of the search's quotes by two facets from
// /api/matrix, shaded by count, where a cell leads to its quotes.

import { api, errorBox } from './api.js';
import { $, el } from './dom.js';
import { AXES, facetLabel, levelRank, valueLabel } from './filters.js';
import { num, plural, quoted, str } from './format.js';
import { catalogue, pubTitle, topicCatalogue } from './publications.js';
import { paintView } from './tabs.js';
import { filterParams, hasFilters, state } from './url-state.js';

let matrixKey = null; // the request last made; an unchanged one is skipped
let matrixSeq = 0;
let lastData = null; // the last answer drawn

// Indexes of keys in display order: levels by rank, publications and topics
// as their catalogues list them.
function displayOrder(axis, keys) {
  const idx = keys.map((_, i) => i);
  if (axis === 'level') idx.sort((a, b) => levelRank(keys[a]) - levelRank(keys[b]));
  const listed = axis === 'publication' ? catalogue.list : axis === 'topic' ? topicCatalogue.list : [];
  if (listed.length) {
    const rank = (id) => {
      const i = listed.findIndex((p) => p.id === id);
      return i === -1 ? listed.length : i;
    };
    idx.sort((a, b) => rank(keys[a]) - rank(keys[b]));
  }
  return idx;
}

// Count the state's search by its axes, unless that was the last count.
export async function runMatrix() {
  const p = filterParams(state);
  p.set('rows', state.rows);
  p.set('cols', state.cols);
  const key = p.toString();
  if (key === matrixKey) return;
  matrixKey = key;
  const seq = ++matrixSeq;
  const box = $('#matrix');
  const message = $('#matrix-message');
  box.setAttribute('aria-busy', 'true');
  try {
    const data = await api(`api/matrix?${key}`);
    if (seq !== matrixSeq) return;
    message.replaceChildren();
    lastData = data;
    renderMatrix(data);
  } catch (e) {
    if (seq !== matrixSeq) return;
    matrixKey = null;
    lastData = null;
    box.replaceChildren();
    message.replaceChildren(errorBox(e, () => runMatrix()));
  } finally {
    if (seq === matrixSeq) box.setAttribute('aria-busy', 'false');
  }
}

// Draw the last answer again (once the topic names have arrived), without
// asking the server.
export function repaintMatrix() {
  if (lastData) renderMatrix(lastData);
}

function renderMatrix(data) {
  const box = $('#matrix');
  const rows = data.rows || state.rows;
  const cols = data.cols || state.cols;
  const rowKeys = Array.isArray(data.row_keys) ? data.row_keys.map(str) : [];
  const colKeys = Array.isArray(data.col_keys) ? data.col_keys.map(str) : [];
  const counts = Array.isArray(data.counts) ? data.counts : [];
  const cell = (r, c) => Number((counts[r] || [])[c]) || 0;
  const rowTotals = rowKeys.map((_, r) => Number((data.row_totals || [])[r]) || colKeys.reduce((s, _c, c) => s + cell(r, c), 0));
  const colTotals = colKeys.map((_, c) => Number((data.col_totals || [])[c]) || rowKeys.reduce((s, _r, r) => s + cell(r, c), 0));
  const total = Number(data.total) || 0;

  if (!rowKeys.length || !colKeys.length) {
    box.replaceChildren(el('div', { class: 'notice notice-empty' },
      el('p', { text: 'Ingen citater at vise i matrixen. Prøv en anden søgning, eller fjern nogle filtre.' })));
    return;
  }

  let max = 0;
  rowKeys.forEach((_, r) => colKeys.forEach((_c, c) => { max = Math.max(max, cell(r, c)); }));
  const rowOrder = displayOrder(rows, rowKeys);
  const colOrder = displayOrder(cols, colKeys);

  const caption = `${facetLabel(rows)} × ${facetLabel(cols).toLocaleLowerCase('da')}: antal citater` +
    (state.q ? ` for ${quoted(state.q)}` : '') + (hasFilters(state) ? ' med de valgte filtre' : '') + ` (i alt ${num(total)})`;

  const row = (r) => el('tr', {},
      el('th', { scope: 'row', text: valueLabel(rows, rowKeys[r]) }),
      colOrder.map((c) => {
        const n = cell(r, c);
        const td = el('td', { class: n ? 'cell' : 'cell zero' });
        if (n) {
          const b = el('button', {
            type: 'button', class: 'cell-button', 'data-testid': 'matrix-cell',
            'data-row': rowKeys[r], 'data-col': colKeys[c],
            'aria-label': `${plural(n, 'citat', 'citater')}: ${facetLabel(rows).toLocaleLowerCase('da')} »${valueLabel(rows, rowKeys[r])}«, ${facetLabel(cols).toLocaleLowerCase('da')} »${valueLabel(cols, colKeys[c])}«`,
            text: num(n),
          });
          // Shade by count; CSS picks the colours (dark text stays readable on all of them).
          b.style.setProperty('--heat', max ? (n / max).toFixed(3) : '0');
          td.append(b);
        } else {
          td.append(el('span', { 'aria-label': '0 citater', text: '–' }));
        }
        return td;
      }),
      el('td', { class: 'total', text: num(rowTotals[r]) }));
  // Themes are a booklet's own headings: their rows stand under their booklet.
  const groups = rows === 'theme' ? themeGroups(rowKeys, rowOrder) : [{ title: null, order: rowOrder }];
  const width = colOrder.length + 2;
  const table = el('table', { class: 'matrix', 'aria-labelledby': 'matrix-caption' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'corner', text: facetLabel(rows) }),
      colOrder.map((c) => el('th', { scope: 'col', text: valueLabel(cols, colKeys[c]) })),
      el('th', { scope: 'col', class: 'total', text: 'I alt' }))),
    groups.map(({ title, order }) => el('tbody', { class: title ? 'matrix-group' : null },
      title ? el('tr', { class: 'group-head' },
        el('th', { scope: 'rowgroup', colspan: String(width), 'data-testid': 'matrix-group' }, el('span', { class: 'group-name', text: title }))) : null,
      order.map(row))),
    el('tfoot', {}, el('tr', {},
      el('th', { scope: 'row', text: 'I alt' }),
      colOrder.map((c) => el('td', { class: 'total', text: num(colTotals[c]) })),
      el('td', { class: 'total grand', text: num(total) }))));
  // On a topic axis a quote with two topics is in two cells; the totals count it once.
  const note = rows === 'topic' || cols === 'topic'
    ? el('p', { class: 'hint', text: 'Et citat kan høre til flere emner og tælle med i flere felter. »I alt« tæller hvert citat én gang.' })
    : null;
  // The caption stays in view above the table, which scrolls sideways on a phone.
  box.replaceChildren(el('p', { class: 'matrix-caption', id: 'matrix-caption', text: caption }),
    el('div', { class: 'matrix-scroll', 'data-testid': 'matrix-scroll' }, table), ...(note ? [note] : []));
}

// The theme rows by booklet, in the order of its table of contents: a theme
// two booklets share stands under the first; themes no booklet lists, last.
function themeGroups(keys, order) {
  const left = new Set(order);
  const groups = [];
  for (const pub of catalogue.list) {
    const names = (Array.isArray(pub.themes) ? pub.themes : []).map((t) => str(t && t.name));
    const here = names.map((n) => keys.indexOf(n)).filter((i) => i !== -1 && left.has(i));
    here.forEach((i) => left.delete(i));
    if (here.length) groups.push({ title: pubTitle(pub), order: here });
  }
  const rest = order.filter((i) => left.has(i));
  if (rest.length) groups.push({ title: groups.length ? 'Øvrige temaer' : null, order: rest });
  return groups;
}

// onChange({focusResults}) runs after the user changes an axis or picks a cell.
export function initMatrix(onChange) {
  for (const id of ['matrix-rows', 'matrix-cols']) {
    const select = $(`#${id}`);
    select.replaceChildren(...AXES.map((a) => el('option', { value: a, text: facetLabel(a) })));
  }
  const onAxis = (which) => (e) => {
    const other = which === 'rows' ? 'cols' : 'rows';
    const value = e.target.value;
    if (value === state[other]) state[other] = state[which]; // picking the other axis swaps them
    state[which] = value;
    paintMatrixControls();
    onChange();
  };
  $('#matrix-rows').addEventListener('change', onAxis('rows'));
  $('#matrix-cols').addEventListener('change', onAxis('cols'));
  $('#matrix').addEventListener('click', (e) => {
    const b = e.target.closest('[data-testid=matrix-cell]');
    if (!b) return;
    // The cell's own two values replace those filters, so the hits match the count.
    state.filters[state.rows] = [b.dataset.row];
    state.filters[state.cols] = [b.dataset.col];
    state.offset = 0;
    state.view = 'results';
    paintView();
    onChange({ focusResults: true });
  });
}

// Show the state's axes in the two selects.
export function paintMatrixControls() {
  $('#matrix-rows').value = state.rows;
  $('#matrix-cols').value = state.cols;
}
