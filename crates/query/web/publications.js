// The publications (booklets) from /api/publications: their order, titles,
// years and theme trees, with the names used when a quote's own are missing.

import { api } from './api.js';
import { str } from './format.js';

// list: in the order the server gives; error: why loading failed, if it did.
export const catalogue = { list: [], byId: new Map(), error: null };

export function pubTitle(pub) {
  const id = pub && pub.id;
  const known = id && catalogue.byId.get(id);
  return str((known && known.title) || (pub && pub.title) || id || 'Ukendt publikation');
}

export function pubYear(pub) {
  const known = pub && pub.id && catalogue.byId.get(pub.id);
  const year = (pub && pub.year) || (known && known.year);
  return year ? String(year) : 'u.å.';
}

// Never throws: without publications the theme filter falls back to a flat list.
export async function loadPublications() {
  try {
    const list = await api('api/publications');
    catalogue.list = Array.isArray(list) ? list.filter((p) => p && p.id) : [];
    for (const p of catalogue.list) catalogue.byId.set(p.id, p);
  } catch (e) {
    catalogue.list = [];
    catalogue.error = e;
  }
}
