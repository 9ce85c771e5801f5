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

// Level values as the contract spells them; URLs may carry the ASCII forms.
export function normalizeLevel(v) {
  const s = str(v).trim().toLocaleLowerCase('da').replace(/-/g, ' ');
  return s === 'direktoer' ? 'direktør' : s;
}

export function levelRank(v) {
  const i = LEVELS.indexOf(v);
  return i === -1 ? LEVELS.length : i;
}

export function facetLabel(facet) {
  return FACET_LABELS[facet] || facet;
}

// A value as shown: a publication by its title, a topic by its name, levels
// and roles capitalised.
export function valueLabel(facet, value) {
  if (facet === 'publication') return pubTitle({ id: value });
  if (facet === 'topic') return topicName(value);
  if (facet === 'level' || facet === 'role') return cap(value);
  return value;
}
