// The numbers as pictures: over the hits, the search's counted quotes by
// level and by topic as bars, drawn from the facet counts of the same answer
// (so a bar says what ticking its filter gives), each bar a button that
// ticks or unticks that filter. CSS bars, no chart library.

import { $, el } from './dom.js';
import { cap, num, plural } from './format.js';
import { LEVELS } from './filters.js';
import { topicCatalogue, topicName } from './publications.js';
import { setFilter, state } from './url-state.js';

// The topics drawn: the most frequent ones.
const TOPICS_SHOWN = 6;

let onChange = () => {};

function countsOf(facets, facet) {
  const counts = (facets && facets[facet]) || {};
  return Object.entries(counts).map(([value, n]) => [value, Number(n) || 0]);
}

// One group of bars: [value, label, count], widths relative to the largest.
// A group is one Tab stop (a toolbar: the arrow keys go from bar to bar), so
// the bars do not stand between the search field and the hits.
function bars(facet, caption, entries) {
  const max = Math.max(1, ...entries.map(([, , n]) => n));
  const captionId = `chart-caption-${facet}`;
  const stop = Math.max(0, entries.findIndex(([value]) => state.filters[facet].includes(value)));
  return el('figure', { class: 'chart-group', 'data-chart': facet },
    el('figcaption', { class: 'chart-caption', id: captionId, text: caption }),
    el('div', { class: 'chart-bars', role: 'toolbar', 'aria-orientation': 'vertical', 'aria-labelledby': captionId },
      entries.map(([value, label, n], i) => {
        const pressed = state.filters[facet].includes(value);
        const bar = el('span', { class: 'chart-bar', 'aria-hidden': 'true' });
        bar.style.setProperty('--share', (n / max).toFixed(3));
        return el('button', {
          type: 'button', class: 'chart-row', 'data-testid': `chart-${facet}-${value}`, title: `${label}: ${plural(n, 'citat', 'citater')}`,
          'data-chart-facet': facet, 'data-value': value, 'aria-pressed': String(pressed), tabindex: i === stop ? '0' : '-1',
          'aria-label': `${label}: ${plural(n, 'citat', 'citater')}`,
        },
        el('span', { class: 'chart-label', text: label }),
        el('span', { class: 'chart-track', 'aria-hidden': 'true' }, bar),
        el('span', { class: 'chart-count', 'aria-hidden': 'true', text: num(n) }));
      })));
}

// Up/Down (and Left/Right, Home/End) move between the bars of a group.
function arrowToBar(e) {
  const keys = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
  if (!(e.key in keys)) return;
  const row = e.target.closest('.chart-row');
  if (!row) return;
  const rows = [...row.parentElement.querySelectorAll('.chart-row')];
  const by = keys[e.key];
  const at = rows.indexOf(row);
  const next = rows[Number.isFinite(by) ? Math.min(rows.length - 1, Math.max(0, at + by)) : (by < 0 ? 0 : rows.length - 1)];
  e.preventDefault();
  for (const r of rows) r.tabIndex = r === next ? 0 : -1;
  next.focus();
}

// Draw the bars of a search's facet counts; none when it found nothing.
export function renderChart(facets, total) {
  const box = $('#chart');
  // The bars are drawn anew with every answer: keep the focus on the same one.
  const focused = box.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
  if (!facets || !total) {
    box.hidden = true;
    $('#chart-body').replaceChildren();
    return;
  }
  const levelCounts = new Map(countsOf(facets, 'level'));
  const levels = LEVELS
    .filter((v) => levelCounts.get(v) > 0 || state.filters.level.includes(v))
    .map((v) => [v, cap(v), levelCounts.get(v) || 0]);
  const order = new Map(topicCatalogue.list.map((t, i) => [t.id, i]));
  const topics = countsOf(facets, 'topic')
    .filter(([id, n]) => n > 0 || state.filters.topic.includes(id))
    .sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 1e9) - (order.get(b[0]) ?? 1e9))
    .filter(([id], i) => i < TOPICS_SHOWN || state.filters.topic.includes(id))
    .map(([id, n]) => [id, topicName(id), n]);
  $('#chart-body').replaceChildren(
    bars('level', 'Niveau', levels),
    ...(topics.length ? [bars('topic', `De ${Math.min(TOPICS_SHOWN, topics.length)} største emner`, topics)] : []));
  box.hidden = false;
  const again = focused && [...box.querySelectorAll('[data-testid]')].find((n) => n.dataset.testid === focused);
  if (again) again.focus();
}

// change runs after a bar ticked or unticked its filter.
export function initChart(change) {
  onChange = change;
  // Open over the hits on a wide screen; on a phone one tap away, so the
  // hits come first.
  $('#chart').open = window.matchMedia('(min-width: 60rem)').matches;
  $('#chart').addEventListener('keydown', arrowToBar);
  $('#chart').addEventListener('click', (e) => {
    const row = e.target.closest('[data-chart-facet]');
    if (!row) return;
    const on = row.getAttribute('aria-pressed') !== 'true';
    setFilter(row.dataset.chartFacet, row.dataset.value, on);
    state.offset = 0;
    onChange();
  });
}
