// The filters a search takes: the five facets, their Danish names, the order
// of the levels, and how a filter value is named on the page.

import { cap, str } from './format.js';
import { pubTitle, topicName } from './publications.js';

export const LEVELS = ['leder', 'chef', 'strategisk chef', 'direktør', 'politiker', 'ukendt'];
// In the order of the filter column.
export const FACETS = ['level', 'role', 'publication', 'topic', 'theme'];
export const FACET_LABELS = { level: 'Niveau', role: 'Rolle', publication: 'Publikation', topic: 'Emne', theme: 'Tema' };
// The facets the matrix can put on its rows and columns.
export const AXES = ['theme', 'topic', 'level', 'role', 'publication'];

export function levelRank(v) {
  const i = LEVELS.indexOf(v);
  return i === -1 ? LEVELS.length : i;
}

export function facetLabel(facet) {
  return FACET_LABELS[facet] || facet;
}

// A value as shown: a publication by its title, a topic by its name, levels,
// roles and themes capitalised.
export function valueLabel(facet, value) {
  if (facet === 'publication') return pubTitle({ id: value });
  if (facet === 'topic') return topicName(value);
  // Some booklets set a heading in lower case; it is a heading all the same.
  if (facet === 'level' || facet === 'role' || facet === 'theme') return cap(value);
  return value;
}

// Makes the filters of `s` those the server applied (`applied`: facet →
// values, each as the corpus spells it, so `direktor` becomes `direktør`):
// the server folds a typed value, the page takes its word for it. True when
// one changed.
export function adoptFilters(s, applied) {
  if (!applied || typeof applied !== 'object') return false;
  let changed = false;
  for (const f of FACETS) {
    const values = Array.isArray(applied[f]) ? applied[f].map(str) : [];
    if (values.join('\u0000') !== s.filters[f].join('\u0000')) {
      s.filters[f] = values;
      changed = true;
    }
  }
  return changed;
}
