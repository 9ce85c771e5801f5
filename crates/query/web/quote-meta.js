// The line under a quote wherever it is listed (results, similar quotes,
// the shortlist): speaker · level · publication (year) · theme › subtheme.

import { el } from './dom.js';
import { cap, str } from './format.js';
import { pubTitle, pubYear } from './publications.js';

export function metaLine(q) {
  const parts = [
    el('span', { class: 'speaker', text: str(q.speaker) || 'Taler ikke angivet' }),
    q.level ? el('span', { class: 'level', text: cap(str(q.level)) }) : null,
    el('span', { class: 'pub', text: `${pubTitle(q.publication)} (${pubYear(q.publication)})` }),
    q.theme ? el('span', { class: 'theme', text: q.subtheme ? `${q.theme} › ${q.subtheme}` : str(q.theme) }) : null,
  ].filter(Boolean);
  const out = [];
  parts.forEach((p, i) => {
    if (i) out.push(el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }));
    out.push(p);
  });
  return out;
}
