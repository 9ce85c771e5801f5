// The catalogues fetched once at the start: the publications (booklets) from
// /api/publications, their order, titles, years and theme trees, with the
// names used when a quote's own are missing; and the topics the booklets
// share from /api/topics, their order and Danish names (a filter value and a
// quote's `topics` hold the id, "tillid"; the page shows the name, "Tillid").

import { api } from './api.js';
import { str } from './format.js';

// list: in the order the server gives; error: why loading failed, if it did.
export const catalogue = { list: [], byId: new Map(), error: null };

// A booklet's name wherever the page lists it: its title without the
// subtitle (the citation gives both).
export function pubTitle(pub) {
  const id = pub && pub.id;
  const known = id && catalogue.byId.get(id);
  return str((known && (known.short_title || known.title)) || (pub && (pub.short_title || pub.title)) || id || 'Ukendt publikation');
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

// list: in the order the server gives; error: why loading failed, if it did.
export const topicCatalogue = { list: [], byId: new Map(), error: null };

// The Danish name of a topic id; the id itself while the names are unknown.
export function topicName(id) {
  const known = topicCatalogue.byId.get(str(id));
  return str((known && known.name) || id);
}

export const isTopic = (id) => topicCatalogue.byId.has(str(id));

// Never throws: without the names the topic filter shows the ids.
export async function loadTopics() {
  try {
    const data = await api('api/topics');
    const list = data && Array.isArray(data.topics) ? data.topics : [];
    topicCatalogue.list = list.filter((t) => t && typeof t.id === 'string' && t.id);
    topicCatalogue.byId = new Map(topicCatalogue.list.map((t) => [t.id, t]));
    topicCatalogue.error = null;
  } catch (e) {
    topicCatalogue.list = [];
    topicCatalogue.byId = new Map();
    topicCatalogue.error = e;
  }
}
