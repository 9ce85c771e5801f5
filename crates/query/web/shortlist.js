// Mine citater: the user's shortlist, kept in localStorage, its drawer with the
// export links, and the "Tilføj til Mine citater" button beside every quote.

import { announce } from './announce.js';
import { openDialog } from './dialogs.js';
import { $, $$, el } from './dom.js';
import { plural, str } from './format.js';
import { metaLine } from './quote-meta.js';

const STORAGE_KEY = 'citater.mine-citater.v1';

// Items keep the id plus what the list needs to show without a request.
const shortlist = {
  items: [],
  load() {
    try {
      const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
      this.items = Array.isArray(raw) ? raw.filter((x) => x && typeof x.id === 'string') : [];
    } catch (_) {
      this.items = [];
    }
  },
  save() {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.items));
    } catch (_) {
      announce('Listen kunne ikke gemmes i browseren. Den forsvinder, når du lukker siden.');
    }
  },
  has(id) {
    return this.items.some((x) => x.id === id);
  },
  add(quote) {
    if (!quote || this.has(quote.id)) return;
    this.items.push(minimalQuote(quote));
    this.save();
  },
  remove(id) {
    this.items = this.items.filter((x) => x.id !== id);
    this.save();
  },
  clear() {
    this.items = [];
    this.save();
  },
};

function minimalQuote(q) {
  return {
    id: q.id,
    text: str(q.text),
    speaker: str(q.speaker),
    level: str(q.level),
    theme: str(q.theme),
    publication: q.publication ? { id: str(q.publication.id), title: str(q.publication.title), year: q.publication.year ?? null } : null,
  };
}

// Quotes seen on the page, so any shortlist button can add its quote.
const known = new Map();

// The add/remove button for a quote; attrs are added to the button.
export function shortlistButton(quote, attrs) {
  if (quote && quote.id) known.set(quote.id, quote);
  const button = el('button', { type: 'button', class: 'btn btn-small shortlist-toggle', 'data-shortlist-id': quote.id, ...attrs });
  paintShortlistButton(button);
  return button;
}

function paintShortlistButton(button) {
  const inList = shortlist.has(button.dataset.shortlistId);
  button.textContent = inList ? 'Fjern fra Mine citater' : 'Tilføj til Mine citater';
  button.classList.toggle('in-list', inList);
}

export function toggleShortlist(id) {
  if (shortlist.has(id)) {
    shortlist.remove(id);
    announce(`Fjernet fra Mine citater. Der er ${plural(shortlist.items.length, 'citat', 'citater')} på listen.`);
  } else {
    const quote = known.get(id) || shortlist.items.find((x) => x.id === id);
    if (!quote) return;
    shortlist.add(quote);
    announce(`Tilføjet til Mine citater. Der er ${plural(shortlist.items.length, 'citat', 'citater')} på listen.`);
  }
  renderShortlist();
}

function exportUrl(format) {
  const ids = shortlist.items.map((x) => encodeURIComponent(x.id)).join(',');
  const url = `api/export?ids=${ids}&format=${encodeURIComponent(format)}`;
  // The Word file's headings: booklet, topic or theme, as chosen beside it.
  if (format === 'docx') return `${url}&group=${encodeURIComponent($('#export-group').value)}`;
  return url;
}

function renderShortlist() {
  const n = shortlist.items.length;
  $('#shortlist-count').textContent = String(n);
  $('#shortlist-title').textContent = `Mine citater (${n})`;
  $('#shortlist-open').setAttribute('aria-label', `Mine citater, ${plural(n, 'citat', 'citater')}`);
  for (const button of $$('.shortlist-toggle')) paintShortlistButton(button);

  for (const link of $$('#shortlist-dialog [data-format]')) {
    if (n) {
      link.href = exportUrl(link.dataset.format);
      link.removeAttribute('aria-disabled');
    } else {
      link.removeAttribute('href');
      link.setAttribute('aria-disabled', 'true');
    }
  }
  $('#shortlist-empty').hidden = n > 0;
  $('#shortlist-clear').hidden = n === 0;

  const list = $('#shortlist-items');
  list.replaceChildren(...shortlist.items.map((item, i) => {
    const metaId = `short-meta-${i}`;
    return el('li', { class: 'short-item', 'data-id': item.id },
      el('p', { class: 'short-text', text: item.text }),
      el('p', { class: 'meta', id: metaId }, metaLine(item)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn btn-small', 'data-open-quote': item.id, 'aria-describedby': metaId, text: 'Vis' }),
        el('button', { type: 'button', class: 'btn btn-small', 'data-remove': item.id, 'aria-describedby': metaId, text: 'Fjern' })));
  }));
}

function openShortlist() {
  renderShortlist();
  openDialog($('#shortlist-dialog'), $('#shortlist-title'));
}

export function initShortlist() {
  shortlist.load();
  renderShortlist();
  $('#shortlist-open').addEventListener('click', openShortlist);
  $('#export-group').addEventListener('change', renderShortlist);
  $('#shortlist-items').addEventListener('click', (e) => {
    const remove = e.target.closest('[data-remove]');
    if (remove) {
      const items = $$('#shortlist-items [data-remove]');
      const i = items.indexOf(remove);
      shortlist.remove(remove.dataset.remove);
      renderShortlist();
      announce(`Fjernet. Der er ${plural(shortlist.items.length, 'citat', 'citater')} på listen.`);
      const next = $$('#shortlist-items [data-remove]')[Math.min(i, shortlist.items.length - 1)];
      (next || $('#shortlist-title')).focus();
    }
  });
  $('#shortlist-clear').addEventListener('click', () => {
    const n = shortlist.items.length;
    if (!n) return;
    if (!window.confirm(`Vil du fjerne alle ${plural(n, 'citat', 'citater')} fra Mine citater?`)) return;
    shortlist.clear();
    renderShortlist();
    announce('Listen er tømt.');
    $('#shortlist-title').focus();
  });
  // Keep several open tabs in step.
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY) return;
    shortlist.load();
    renderShortlist();
  });
}
