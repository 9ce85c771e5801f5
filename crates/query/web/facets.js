// The filter column: a checkbox per facet value with the count it would give,
// levels in their fixed order, the most frequent roles, the publications, and
// the themes as a tree under their publication.

import { $, $$, el } from './dom.js';
import { cap, collator, num, str } from './format.js';
import { FACETS, FACET_LABELS, LEVELS, levelRank } from './filters.js';
import { catalogue, pubTitle, pubYear } from './publications.js';
import { setFilter, state } from './url-state.js';

const ROLES_SHOWN = 8;

const ui = {
  openGroups: new Set(), // publication ids whose theme list is unfolded
  allRoles: false,
};
let lastFacets = null; // the facet counts of the last search answered

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
      el('span', { class: 'count', text: num(count) }, el('span', { class: 'visually-hidden', text: count === 1 ? ' citat' : ' citater' }))));
}

function facetGroup(facet, entries, after) {
  return el('fieldset', { class: `facet facet-${facet}` },
    el('legend', { text: FACET_LABELS[facet] }),
    el('ul', {}, entries.map(([value, label, count]) => facetCheckbox(facet, value, label, count))),
    after || null);
}

// Draw the column from a search's facet counts, keeping the focus where it was.
export function renderFacets(facets) {
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
  const roles = ui.allRoles ? allRoles
    : allRoles.filter((r, i) => i < ROLES_SHOWN || state.filters.role.includes(r[0]));
  const moreRoles = allRoles.length > ROLES_SHOWN
    ? el('button', {
      type: 'button', class: 'btn btn-small btn-link', 'data-key': 'more-roles', 'data-more-roles': '',
      'aria-expanded': ui.allRoles ? 'true' : 'false',
      text: ui.allRoles ? 'Vis færre roller' : `Vis alle ${allRoles.length} roller`,
    })
    : null;

  // Publication: in the order /api/publications gives, then any others.
  const pubIds = [...new Set([...catalogue.list.map((p) => p.id), ...Object.keys(facets.publication || {}), ...state.filters.publication])];
  const pubs = pubIds.map((id) => {
    const label = `${pubTitle({ id })} (${pubYear({ id })})`;
    return [id, label, facetCount(facets, 'publication', id)];
  });

  box.replaceChildren(
    facetGroup('level', levels),
    facetGroup('role', roles, moreRoles),
    facetGroup('publication', pubs),
    themeTree(facets));

  if (focused) {
    const again = $$('[data-key]', box).find((n) => n.dataset.key === focused);
    if (again) again.focus();
  }
  updateFilterToggle();
}

// Draw the column again (after a filter or the publications changed), if a
// search has answered yet.
export function repaintFacets() {
  if (lastFacets) renderFacets(lastFacets);
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
      return facetCheckbox('theme', name, name, facetCount(facets, 'theme', name), first ? '' : pub.id);
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
    const items = rest.map((t) => facetCheckbox('theme', t, t, facetCount(facets, 'theme', t)));
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
    if (e.target.closest('[data-more-roles]')) {
      ui.allRoles = !ui.allRoles;
      repaintFacets();
    }
  });

  const toggle = $('#filters-toggle');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    $('#filters').classList.toggle('open', open);
  });
}
