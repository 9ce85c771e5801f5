// Mine citater: the user's shortlist, kept in localStorage, its drawer with the
// export links, its order (moved up and down before an export), the link that
// opens the same list in another browser (?mine=id,id,…), and the "Tilføj til
// Mine citater" button beside every quote.

import { announce } from './announce.js';
import { api, errorText } from './api.js';
import { copyText, flash } from './clipboard.js';
import { openDialog } from './dialogs.js';
import { $, $$, el } from './dom.js';
import { plural, str } from './format.js';
import { metaLine } from './quote-meta.js';

const STORAGE_KEY = 'citater.mine-citater.v1';
// The parameter of the address that carries a shared list.
export const SHARE_PARAM = 'mine';
// The most quotes a shared list carries (the export's own limit is larger).
const SHARE_MAX = 200;

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
  // Moves an item by `by` places (-1 up, 1 down); false at either end.
  move(id, by) {
    const i = this.items.findIndex((x) => x.id === id);
    const j = i + by;
    if (i === -1 || j < 0 || j >= this.items.length) return false;
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
    this.save();
    return true;
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

// The ids in the list's order, as the export and the share link carry them.
const idList = () => shortlist.items.map((x) => encodeURIComponent(x.id)).join(',');

// The page's address with the list in it: opened in another browser, it puts
// the same quotes, in the same order, on that browser's Mine citater.
function shareUrl() {
  return new URL(`${location.pathname}?${SHARE_PARAM}=${idList()}`, location.href).href;
}

function exportUrl(format) {
  const ids = idList();
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
  $('#shortlist-share').hidden = n === 0;
  if (n) $('#share-link').href = shareUrl();

  const list = $('#shortlist-items');
  list.replaceChildren(...shortlist.items.map((item, i) => {
    const metaId = `short-meta-${i}`;
    return el('li', { class: 'short-item', 'data-id': item.id },
      el('p', { class: 'short-text', text: item.text }),
      el('p', { class: 'meta', id: metaId }, metaLine(item)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn btn-small', 'data-open-quote': item.id, 'aria-describedby': metaId, text: 'Vis' }),
        el('button', { type: 'button', class: 'btn btn-small', 'data-remove': item.id, 'aria-describedby': metaId, text: 'Fjern' }),
        el('button', {
          type: 'button', class: 'btn btn-small short-move', 'data-move': '-1', 'data-id': item.id, 'data-testid': 'short-up',
          'aria-label': `Flyt op (nu nr. ${i + 1} af ${n})`, 'aria-describedby': metaId, disabled: i === 0,
        }, el('span', { 'aria-hidden': 'true', text: '↑' })),
        el('button', {
          type: 'button', class: 'btn btn-small short-move', 'data-move': '1', 'data-id': item.id, 'data-testid': 'short-down',
          'aria-label': `Flyt ned (nu nr. ${i + 1} af ${n})`, 'aria-describedby': metaId, disabled: i === n - 1,
        }, el('span', { 'aria-hidden': 'true', text: '↓' }))));
  }));
}

// An export link fetched by the page, so a failure is said in the drawer
// instead of a download that silently does not come.
async function download(link) {
  const status = $('#export-status');
  status.textContent = 'Henter filen …';
  try {
    const blob = await api(link.getAttribute('href'), { blob: true });
    const url = URL.createObjectURL(blob);
    // Beside the link: outside the open dialog, the page is inert to clicks.
    const a = el('a', { href: url, download: link.dataset.file, hidden: true });
    link.after(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = '';
    announce(`Filen ${link.dataset.file} er hentet.`);
  } catch (e) {
    status.textContent = `Filen kunne ikke hentes: ${errorText(e)}`;
  }
}

// A shared list in the address (?mine=…): its quotes are fetched and put on
// this browser's list after what is there, in their order; the address then
// loses the list, so a reload does not add it again.
async function adoptShared() {
  const params = new URLSearchParams(location.search);
  if (!params.has(SHARE_PARAM)) return;
  const ids = [...new Set(params.get(SHARE_PARAM).split(',').map((x) => x.trim()).filter(Boolean))].slice(0, SHARE_MAX);
  params.delete(SHARE_PARAM);
  const rest = params.toString();
  history.replaceState(history.state, '', location.pathname + (rest ? `?${rest}` : ''));
  const found = await Promise.all(ids.map((id) => api(`api/quotes/${encodeURIComponent(id)}`).catch(() => null)));
  const before = shortlist.items.length;
  for (const quote of found) if (quote) shortlist.add(quote);
  const added = shortlist.items.length - before;
  const missing = found.filter((q) => !q).length;
  openShortlist();
  announce(`${plural(added, 'citat', 'citater')} fra linket er lagt på Mine citater${missing ? `; ${plural(missing, 'citat', 'citater')} findes ikke` : ''}.`);
}

function openShortlist() {
  renderShortlist();
  openDialog($('#shortlist-dialog'), $('#shortlist-title'));
}

export function initShortlist() {
  shortlist.load();
  renderShortlist();
  $('#shortlist-open').addEventListener('click', openShortlist);
  for (const link of $$('#shortlist-dialog [data-format]')) {
    link.addEventListener('click', (e) => {
      if (!link.getAttribute('href')) return;
      e.preventDefault();
      download(link);
    });
  }
  $('#share-copy').addEventListener('click', async (e) => {
    if (await copyText(shareUrl(), e.currentTarget)) {
      flash(e.currentTarget, 'Link kopieret ✓');
      announce('Kopieret: link til listen.');
    } else {
      announce(`Kunne ikke kopiere. Linket er ${shareUrl()}`);
    }
  });
  $('#export-group').addEventListener('change', renderShortlist);
  $('#shortlist-items').addEventListener('click', (e) => {
    const move = e.target.closest('[data-move]');
    if (move) {
      const id = move.dataset.id;
      const by = Number(move.dataset.move);
      if (!shortlist.move(id, by)) return;
      renderShortlist();
      const at = shortlist.items.findIndex((x) => x.id === id);
      announce(`Flyttet til nr. ${at + 1} af ${shortlist.items.length}.`);
      // Keep the focus on the moved quote's button, or its other one at an end.
      const buttons = (dir) => $$(`#shortlist-items [data-move="${dir}"]`).find((b) => b.dataset.id === id);
      const same = buttons(String(by));
      (same && !same.disabled ? same : buttons(String(-by))).focus();
      return;
    }
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
  adoptShared();
  // Keep several open tabs in step.
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY) return;
    shortlist.load();
    renderShortlist();
  });
}
