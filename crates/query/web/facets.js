// The filter column: a checkbox per facet value with the count it would give,
// levels in their fixed order, the most frequent roles, the publications, the
// most frequent topics (by their Danish names), and the themes as a tree under
// their publication.

import { $, $$, el } from './dom.js';
import { cap, collator, num, plural, str } from './format.js';
import { FACETS, FACET_LABELS, LEVELS, levelRank } from './filters.js';
import { catalogue, pubTitle, pubYear, topicCatalogue, topicName } from './publications.js';
import { setFilter, state } from './url-state.js';

// Roles and topics: this many shown until the user asks for all.
const SHOWN = { role: 8, topic: 8 };
const MORE_TEXT = {
  role: (n, all) => (all ? 'Vis færre roller' : `Vis alle ${n} roller`),
  topic: (n, all) => (all ? 'Vis færre emner' : `Vis alle ${n} emner`),
};

const ui = {
  openGroups: new Set(), // publication ids whose theme list is unfolded
  showAll: new Set(), // the facets ('role', 'topic') shown in full
};
let lastFacets = null; // the facet counts of the last search answered
let countsUnknown = false; // the last search failed: no count is shown

function facetCount(facets, facet, value) {
  const counts = (facets && facets[facet]) || {};
  const n = Number(counts[value]);
  return Number.isFinite(n) ? n : 0;
}

function facetCheckbox(facet, value, label, count, extraTestId) {
  const checked = state.filters[facet].includes(value);
  const key = `${facet}\u0000${value}\u0000${extraTestId || ''}`;
  const testid = extraTestId ? `facet-${facet}-${value}--${extraTestId}` : `facet-${facet}-${value}`;
  return el('li', { class: count === 0 && !checked ? 'facet-item zero' : 'facet-item' },
    el('label', {},
      el('input', { type: 'checkbox', 'data-facet': facet, value, checked, 'data-key': key, 'data-testid': testid }),
      el('span', { class: 'facet-name', text: label }),
      countsUnknown
        ? el('span', { class: 'count', text: '–' }, el('span', { class: 'visually-hidden', text: ' antal ukendt' }))
        : el('span', { class: 'count', text: num(count) }, el('span', { class: 'visually-hidden', text: count === 1 ? ' citat' : ' citater' }))));
}

function facetGroup(facet, entries, after) {
  return el('fieldset', { class: `facet facet-${facet}` },
    el('legend', { text: FACET_LABELS[facet] }),
    el('ul', {}, entries.map(([value, label, count]) => facetCheckbox(facet, value, label, count))),
    after || null);
}

// Draw the column from a search's facet counts, keeping the focus where it was.
export function renderFacets(facets) {
  countsUnknown = false;
  draw(facets);
}

// The search failed: the same choices, without counts that belong to an
// earlier search.
export function renderFacetsUnknown() {
  countsUnknown = true;
  draw(lastFacets || {});
}

function draw(facets) {
  lastFacets = facets;
  const box = $('#facets');
  const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.dataset.key : null;

  // Level: all six, in their fixed order, plus any unexpected value the server sends.
  const levels = [...new Set([...LEVELS, ...Object.keys(facets.level || {}), ...state.filters.level])]
    .sort((a, b) => levelRank(a) - levelRank(b) || collator.compare(a, b))
    .map((v) => [v, cap(v), facetCount(facets, 'level', v)]);

  // Role: most frequent first; selected ones always shown.
  const allRoles = [...new Set([...Object.keys(facets.role || {}), ...state.filters.role])]
    .map((v) => [v, cap(v), facetCount(facets, 'role', v)])
    .sort((a, b) => b[2] - a[2] || collator.compare(a[0], b[0]));
  const [roles, moreRoles] = shortened('role', allRoles);

  // Topic: every topic /api/topics knows and any other the counts name, the
  // most frequent first (ties in the server's order); selected ones always shown.
  const topicIds = [...new Set([...topicCatalogue.list.map((t) => t.id), ...Object.keys(facets.topic || {}), ...state.filters.topic])];
  const allTopics = topicIds
    .map((id, i) => [id, topicName(id), facetCount(facets, 'topic', id), i])
    .sort((a, b) => b[2] - a[2] || a[3] - b[3])
    .map(([id, label, count]) => [id, label, count]);
  const [topicsShown, moreTopics] = shortened('topic', allTopics);

  // Publication: in the order /api/publications gives, then any others.
  const pubIds = [...new Set([...catalogue.list.map((p) => p.id), ...Object.keys(facets.publication || {}), ...state.filters.publication])];
  const pubs = pubIds.map((id) => {
    const label = `${pubTitle({ id })} (${pubYear({ id })})`;
    return [id, label, facetCount(facets, 'publication', id)];
  });

  box.replaceChildren(
    ...(countsUnknown ? [el('p', { class: 'notice notice-error', 'data-testid': 'facets-unknown', text: 'Tallene kunne ikke hentes, fordi søgningen mislykkedes.' })] : []),
    facetGroup('level', levels),
    facetGroup('role', roles, moreRoles),
    facetGroup('publication', pubs),
    // No topics at all (an index without them): no empty group.
    ...(allTopics.length ? [facetGroup('topic', topicsShown, moreTopics)] : []),
    themeTree(facets));

  if (focused) {
    const again = $$('[data-key]', box).find((n) => n.dataset.key === focused);
    if (again) again.focus();
  }
  updateFilterToggle();
}

// The first SHOWN[facet] entries and the selected ones, unless the user asked
// for all; and the button that shows all or fewer, when there are more.
function shortened(facet, entries) {
  const all = ui.showAll.has(facet);
  const shown = all ? entries
    : entries.filter((e, i) => i < SHOWN[facet] || state.filters[facet].includes(e[0]));
  const more = entries.length > SHOWN[facet]
    ? el('button', {
      type: 'button', class: 'btn btn-small btn-link', 'data-key': `more-${facet}`, 'data-more': facet,
      'aria-expanded': all ? 'true' : 'false',
      text: MORE_TEXT[facet](entries.length, all),
    })
    : null;
  return [shown, more];
}

// Draw the column again (after a filter, the publications or the topics
// changed), if a search has answered yet.
export function repaintFacets() {
  if (lastFacets) draw(lastFacets);
}

// Themes as a tree under their publication. The filter value is the theme name,
// so a name shared by two publications ("Forord") is one filter shown twice.
function themeTree(facets) {
  const placed = new Set();
  const groups = catalogue.list.map((pub) => {
    const themes = (Array.isArray(pub.themes) ? pub.themes : []).map((t) => str(t && t.name)).filter(Boolean);
    const items = themes.map((name) => {
      const first = !placed.has(name);
      placed.add(name);
      return facetCheckbox('theme', name, cap(name), facetCount(facets, 'theme', name), first ? '' : pub.id);
    });
    const selectedHere = themes.some((t) => state.filters.theme.includes(t));
    const details = el('details', { class: 'theme-group', 'data-pub': pub.id, open: ui.openGroups.has(pub.id) || selectedHere },
      el('summary', { 'data-key': `group\u0000${pub.id}` }, `${pubTitle(pub)} (${pubYear(pub)})`),
      el('ul', {}, items));
    details.addEventListener('toggle', () => {
      if (details.open) ui.openGroups.add(pub.id);
      else ui.openGroups.delete(pub.id);
    });
    return details;
  });

  // Themes the tree does not know (or no tree at all): a flat list.
  const rest = [...new Set([...Object.keys(facets.theme || {}), ...state.filters.theme])]
    .filter((t) => !placed.has(t))
    .sort(collator.compare);
  let restList = null;
  if (rest.length) {
    const items = rest.map((t) => facetCheckbox('theme', t, cap(t), facetCount(facets, 'theme', t)));
    restList = catalogue.list.length
      ? el('details', { class: 'theme-group', open: rest.some((t) => state.filters.theme.includes(t)) },
        el('summary', { 'data-key': 'group\u0000-' }, 'Øvrige temaer'), el('ul', {}, items))
      : el('ul', {}, items);
  }
  return el('fieldset', { class: 'facet facet-theme' },
    el('legend', { text: FACET_LABELS.theme }),
    catalogue.list.length ? el('p', { class: 'hint', text: 'Ordnet efter publikation.' }) : null,
    catalogue.error ? el('p', { class: 'hint', text: 'Publikationerne kunne ikke hentes, så temaerne vises uden træ.' }) : null,
    groups, restList);
}

// The count of chosen filters on the button that opens the column on a phone.
export function updateFilterToggle() {
  const n = FACETS.reduce((sum, f) => sum + state.filters[f].length, 0);
  $('#filters-toggle-count').textContent = n ? `(${n} valgt)` : '';
}

// onChange runs after the user ticks or unticks a filter.
export function initFacets(onChange) {
  const box = $('#facets');
  box.addEventListener('change', (e) => {
    const input = e.target.closest('input[type=checkbox][data-facet]');
    if (!input) return;
    setFilter(input.dataset.facet, input.value, input.checked);
    // A theme shown under two publications is one filter: keep its twins in step.
    for (const twin of $$('input[type=checkbox][data-facet]', box)) {
      if (twin.dataset.facet === input.dataset.facet && twin.value === input.value) twin.checked = input.checked;
    }
    state.offset = 0;
    onChange();
  });
  box.addEventListener('click', (e) => {
    const more = e.target.closest('[data-more]');
    if (more) {
      const facet = more.dataset.more;
      if (ui.showAll.has(facet)) ui.showAll.delete(facet);
      else ui.showAll.add(facet);
      repaintFacets();
    }
  });

  const toggle = $('#filters-toggle');
  toggle.addEventListener('click', () => setPanelOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  // At the foot of the open panel on a narrow screen: close it and go to the hits.
  $('#filters-done').addEventListener('click', () => {
    setPanelOpen(false);
    $('#results-heading').focus({ preventScroll: true });
    $('#results-heading').scrollIntoView({ block: 'start' });
  });
}

// Open or close the filter column on a narrow screen (it is always shown on a wide one).
function setPanelOpen(open) {
  $('#filters-toggle').setAttribute('aria-expanded', String(open));
  $('#filters').classList.toggle('open', open);
}

// The foot button of the filter column names what it will show.
export function paintFiltersDone(total) {
  $('#filters-done').textContent = total === null ? 'Vis citaterne' : `Vis ${plural(total, 'citat', 'citater')}`;
}
