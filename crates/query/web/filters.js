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

// A value as shown: a publication by its title, a topic by its name, levels,
// roles and themes capitalised.
export function valueLabel(facet, value) {
  if (facet === 'publication') return pubTitle({ id: value });
  if (facet === 'topic') return topicName(value);
  // Some booklets set a heading in lower case; it is a heading all the same.
  if (facet === 'level' || facet === 'role' || facet === 'theme') return cap(value);
  return value;
}

// A filter value with case, hyphens and æøå spelling folded away, as the
// server matches one: "Direktør", "direktoer" and "direktor" fold alike.
export function foldValue(v) {
  return str(v).trim().toLocaleLowerCase('da').replace(/[-\s]+/g, ' ')
    .replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa')
    .replace(/aa/g, 'a').replace(/oe/g, 'o').replace(/ae/g, 'a');
}

// Replaces each filter value of `s` that the answer's facet counts know by
// another spelling with the spelling they use. True when one changed.
export function canonicalFilters(s, facets) {
  let changed = false;
  for (const f of FACETS) {
    const known = Object.keys((facets && facets[f]) || {});
    s.filters[f] = [...new Set(s.filters[f].map((v) => {
      if (known.includes(v)) return v;
      const same = known.find((k) => foldValue(k) === foldValue(v));
      if (!same) return v;
      changed = true;
      return same;
    }))];
  }
  return changed;
}
