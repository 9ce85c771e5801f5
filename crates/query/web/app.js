// citater: the search page. Plain ES2020, no dependencies, no build step.
//
// Rules kept throughout:
// - Server text is inserted with textContent only. The one exception is a hit's
//   `snippet`, which is parsed inertly and rebuilt keeping nothing but <b> (as <mark>).
// - The URL holds the whole view state (see readUrl/buildUrl), so a search can be
//   bookmarked and shared, and back/forward restores it.
// - Every request reports failure to the user with the server's `error` sentence.
'use strict';

(() => {
  // ---------------------------------------------------------------- constants

  const LEVELS = ['leder', 'chef', 'strategisk chef', 'direktør', 'politiker', 'ukendt'];
  const FACETS = ['level', 'role', 'publication', 'theme'];
  const FACET_LABELS = { level: 'Niveau', role: 'Rolle', publication: 'Publikation', theme: 'Tema' };
  const AXES = ['theme', 'level', 'role', 'publication'];
  const PAGE_SIZE = 20;
  const DEBOUNCE_MS = 200;
  const ROLES_SHOWN = 8;
  const CONTEXT_FIRST = 6;
  const CONTEXT_STEP = 10;
  const CONTEXT_MAX = 60;
  const SIMILAR_LIMIT = 5;
  const CITE_STYLES = [
    { style: 'apa', label: 'APA' },
    { style: 'ris', label: 'RIS' },
    { style: 'bibtex', label: 'BibTeX' },
  ];
  const EXAMPLES = ['tillid', 'politisk tæft', 'personaleledelse', 'sparring', 'forventninger'];
  const STORAGE_KEY = 'citater.mine-citater.v1';
  const BASE_TITLE = document.title;

  // ---------------------------------------------------------------- helpers

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // Build an element. attrs: class, text, on<event> functions, other attributes
  // (true -> present, false/null/undefined -> absent).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const str = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  const cap = (s) => (s ? s.charAt(0).toLocaleUpperCase('da') + s.slice(1) : s);
  const num = (n) => (Number.isFinite(n) ? n : 0).toLocaleString('da-DK');
  const plural = (n, one, many) => `${num(n)} ${n === 1 ? one : many}`;
  const collator = new Intl.Collator('da');
  const unique = (xs) => Array.from(new Set(xs));

  function debounce(fn, ms) {
    let timer = 0;
    const wrapped = (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
    wrapped.cancel = () => clearTimeout(timer);
    return wrapped;
  }

  // Level values as the contract spells them; URLs may carry the ASCII forms.
  function normalizeLevel(v) {
    const s = str(v).trim().toLocaleLowerCase('da').replace(/-/g, ' ');
    return s === 'direktoer' ? 'direktør' : s;
  }

  function levelRank(v) {
    const i = LEVELS.indexOf(v);
    return i === -1 ? LEVELS.length : i;
  }

  // ---------------------------------------------------------------- API

  // status: the HTTP status, or 0 when the server could not be reached.
  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, { signal, text = false } = {}) {
    let res;
    try {
      res = await fetch(path, { signal, headers: { Accept: text ? 'text/plain' : 'application/json' } });
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      throw new ApiError('Kunne ikke kontakte serveren. Tjek forbindelsen, og prøv igen.', 0);
    }
    if (!res.ok) {
      let message = '';
      try {
        const body = await res.json();
        if (body && typeof body.error === 'string') message = body.error;
      } catch (_) { /* not JSON: fall back to the status */ }
      if (!message) {
        message = res.status === 404 ? 'Det findes ikke (fejl 404).' : `Serveren svarede med en fejl (${res.status}).`;
      }
      throw new ApiError(message, res.status);
    }
    if (text) return res.text();
    try {
      return await res.json();
    } catch (_) {
      throw new ApiError('Serveren sendte et svar, der ikke kunne læses.', res.status);
    }
  }

  const errorText = (e) => (e instanceof ApiError ? e.message : 'Der skete en uventet fejl. Prøv igen.');

  // retry is offered only where trying again can help: no answer or a server fault,
  // not a 400 about the query or a 404.
  function errorBox(e, retry) {
    const transient = !(e instanceof ApiError) || e.status === 0 || e.status >= 500;
    return el('div', { class: 'notice notice-error', role: 'alert' },
      el('p', { text: errorText(e) }),
      retry && transient ? el('button', { type: 'button', class: 'btn btn-small', text: 'Prøv igen', onclick: retry }) : null);
  }

  // ---------------------------------------------------------------- state and URL

  // state: q, filters {level, role, publication, theme: string[]}, offset,
  // view ('results' | 'matrix'), rows/cols (matrix axes), quote (open quote id).
  function emptyState() {
    return {
      q: '',
      filters: { level: [], role: [], publication: [], theme: [] },
      offset: 0,
      view: 'results',
      rows: 'theme',
      cols: 'level',
      quote: null,
    };
  }

  let state = emptyState();

  function readUrl() {
    const p = new URLSearchParams(location.search);
    const s = emptyState();
    s.q = p.get('q') || '';
    for (const f of FACETS) {
      let values = p.getAll(f).map((v) => v.trim()).filter(Boolean);
      if (f === 'level') values = values.map(normalizeLevel);
      s.filters[f] = unique(values);
    }
    const offset = parseInt(p.get('offset') || '0', 10);
    s.offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
    s.view = p.get('view') === 'matrix' ? 'matrix' : 'results';
    if (AXES.includes(p.get('rows'))) s.rows = p.get('rows');
    if (AXES.includes(p.get('cols'))) s.cols = p.get('cols');
    if (s.rows === s.cols) s.cols = AXES.find((a) => a !== s.rows);
    s.quote = p.get('quote') || null;
    return s;
  }

  // The query and filters, named as the API names them.
  function filterParams(s) {
    const p = new URLSearchParams();
    p.set('q', s.q);
    for (const f of FACETS) for (const v of s.filters[f]) p.append(f, v);
    return p;
  }

  function buildUrl(s) {
    const p = filterParams(s);
    if (!s.q) p.delete('q');
    if (s.offset) p.set('offset', String(s.offset));
    if (s.view === 'matrix') {
      p.set('view', 'matrix');
      if (s.rows !== 'theme' || s.cols !== 'level') {
        p.set('rows', s.rows);
        p.set('cols', s.cols);
      }
    }
    if (s.quote) p.set('quote', s.quote);
    const query = p.toString();
    return location.pathname + (query ? `?${query}` : '');
  }

  // mode: 'push' | 'replace'. extra goes into history.state.
  function saveUrl(mode, extra) {
    const url = buildUrl(state);
    const same = url === location.pathname + location.search;
    if (mode === 'push' && !same) history.pushState({ citater: true, ...extra }, '', url);
    else history.replaceState({ ...(history.state || {}), citater: true, ...extra }, '', url);
    paintTitle();
  }

  function paintTitle() {
    document.title = state.q ? `»${state.q}« – ${BASE_TITLE}` : BASE_TITLE;
  }

  const hasFilters = (s) => FACETS.some((f) => s.filters[f].length > 0);

  // ---------------------------------------------------------------- publications

  let publications = [];
  let pubLoadError = null;
  const pubById = new Map();

  function pubTitle(pub) {
    const id = pub && pub.id;
    const known = id && pubById.get(id);
    return str((known && known.title) || (pub && pub.title) || id || 'Ukendt publikation');
  }

  function pubYear(pub) {
    const known = pub && pub.id && pubById.get(pub.id);
    const year = (pub && pub.year) || (known && known.year);
    return year ? String(year) : 'u.å.';
  }

  async function loadPublications() {
    try {
      const list = await api('api/publications');
      publications = Array.isArray(list) ? list.filter((p) => p && p.id) : [];
      for (const p of publications) pubById.set(p.id, p);
    } catch (e) {
      // The tree falls back to a flat theme list; say so quietly in the filter column.
      publications = [];
      pubLoadError = e;
    }
    if (lastFacets) renderFacets(lastFacets);
  }

  // ---------------------------------------------------------------- shortlist

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
  const remember = (q) => {
    if (q && q.id) known.set(q.id, q);
    return q;
  };

  function shortlistButton(quote, attrs) {
    remember(quote);
    const button = el('button', { type: 'button', class: 'btn btn-small shortlist-toggle', 'data-shortlist-id': quote.id, ...attrs });
    paintShortlistButton(button);
    return button;
  }

  function paintShortlistButton(button) {
    const inList = shortlist.has(button.dataset.shortlistId);
    button.textContent = inList ? 'Fjern fra Mine citater' : 'Tilføj til Mine citater';
    button.classList.toggle('in-list', inList);
  }

  function toggleShortlist(id) {
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
    return `api/export?ids=${ids}&format=${encodeURIComponent(format)}`;
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

  function initShortlist() {
    shortlist.load();
    renderShortlist();
    $('#shortlist-open').addEventListener('click', openShortlist);
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

  // ---------------------------------------------------------------- shared bits of a quote

  // speaker · level · publication (year) · theme › subtheme
  function metaLine(q) {
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

  // A snippet is escaped text whose only markup is <b>…</b>. Parse it in an inert
  // document and rebuild it from text nodes and <mark>, dropping anything else.
  function snippetNodes(html) {
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    const copy = (from, into) => {
      for (const node of from.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) into.append(node.data);
        else if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.tagName === 'B') copy(node, into.appendChild(document.createElement('mark')));
          else copy(node, into);
        }
      }
      return into;
    };
    return copy(doc.body, document.createDocumentFragment());
  }

  function pagesText(pages) {
    if (!pages || !Number.isFinite(pages.first)) return '';
    return Number.isFinite(pages.last) && pages.last !== pages.first ? `s. ${pages.first}–${pages.last}` : `s. ${pages.first}`;
  }

  // ---------------------------------------------------------------- search

  const ui = {
    openGroups: new Set(), // publication ids whose theme list is unfolded
    allRoles: false,
  };
  let lastFacets = null;
  let lastResult = null;
  let searchKey = null;
  let searchSeq = 0;
  let searchAbort = null;

  async function runSearch() {
    const p = filterParams(state);
    p.set('limit', String(PAGE_SIZE));
    p.set('offset', String(state.offset));
    const key = p.toString();
    if (key === searchKey) return;
    searchKey = key;
    if (searchAbort) searchAbort.abort();
    searchAbort = new AbortController();
    const seq = ++searchSeq;
    setBusy(true);
    try {
      const data = await api(`api/search?${key}`, { signal: searchAbort.signal });
      if (seq !== searchSeq) return;
      const total = Number(data && data.total) || 0;
      const hits = Array.isArray(data && data.hits) ? data.hits : [];
      // A bookmarked page beyond the end: go to the last page instead.
      if (!hits.length && total > 0 && state.offset > 0) {
        state.offset = Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
        saveUrl('replace');
        searchKey = null;
        setBusy(false);
        runSearch();
        return;
      }
      lastResult = { ...data, total, hits };
      lastFacets = (data && data.facets) || {};
      renderResults(lastResult);
      renderFacets(lastFacets);
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (seq !== searchSeq) return;
      searchKey = null;
      $('#result-count').textContent = 'Søgningen mislykkedes';
      $('#hits').replaceChildren();
      $('#pager').replaceChildren();
      $('#results-message').replaceChildren(errorBox(e, () => runSearch()));
    } finally {
      if (seq === searchSeq) setBusy(false);
    }
  }

  function setBusy(busy) {
    $('#panel-results').setAttribute('aria-busy', busy ? 'true' : 'false');
    document.body.classList.toggle('busy', busy);
  }

  function renderResults(data) {
    const { total, hits } = data;
    const countEl = $('#result-count');
    countEl.textContent = plural(total, 'citat', 'citater');
    const heading = $('#results-heading');
    $$('.count-extra', heading).forEach((n) => n.remove());
    if (state.q) heading.append(el('span', { class: 'count-extra', text: ` for »${state.q}«` }));
    if (total > PAGE_SIZE && hits.length) {
      heading.append(el('span', { class: 'count-extra range', text: ` · viser ${num(state.offset + 1)}–${num(state.offset + hits.length)}` }));
    }

    renderActiveFilters();

    const message = $('#results-message');
    message.replaceChildren();
    if (!state.q && !hasFilters(state) && state.offset === 0) {
      message.append(el('div', { class: 'notice notice-intro' },
        el('p', {}, 'Skriv et ord i søgefeltet, eller vælg filtre for at afgrænse. Her ser du alle citaterne.'),
        el('p', {}, 'Prøv fx: ', EXAMPLES.map((x, i) => [i ? ' ' : '',
          el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-example': x, text: x })]))));
    } else if (total === 0) {
      message.append(el('div', { class: 'notice notice-empty' },
        el('p', { class: 'notice-title', text: state.q ? `Ingen citater matcher »${state.q}«${hasFilters(state) ? ' med de valgte filtre' : ''}.` : 'Ingen citater passer til de valgte filtre.' }),
        el('ul', {},
          state.q ? el('li', { text: 'Prøv et andet eller et kortere ord. Sammensatte ord findes ikke altid ud fra en del af ordet, så søg fx på både »ledelse« og »personaleledelse«.' }) : null,
          hasFilters(state) ? el('li', {}, 'Fjern et eller flere filtre. ',
            el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-clear-filters': '', text: 'Fjern alle filtre' })) : null,
          state.q ? el('li', { text: 'Tjek stavningen – æ, ø og å tæller med.' }) : null)));
    }

    const list = $('#hits');
    list.start = state.offset + 1;
    list.replaceChildren(...hits.map((hit, i) => hitItem(hit, i)));
    renderPager(total);
  }

  function hitItem(hit, i) {
    remember(hit);
    const metaId = `hit-meta-${i}`;
    const snippet = str(hit.snippet);
    const text = el('blockquote', { class: 'hit-text' });
    if (snippet.trim()) text.append(snippetNodes(snippet));
    else text.textContent = str(hit.text);
    return el('li', { class: 'hit', 'data-testid': 'hit', 'data-id': hit.id },
      text,
      el('p', { class: 'meta', id: metaId }, metaLine(hit)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'open-quote', 'data-open-quote': hit.id, 'aria-describedby': metaId },
          'Vis', el('span', { class: 'visually-hidden', text: ' citat med sammenhæng og kildehenvisning' })),
        shortlistButton(hit, { 'data-testid': 'shortlist-add', 'aria-describedby': metaId })));
  }

  function renderPager(total) {
    const pager = $('#pager');
    pager.replaceChildren();
    const pages = Math.ceil(total / PAGE_SIZE);
    if (pages <= 1) return;
    const current = Math.floor(state.offset / PAGE_SIZE);
    const button = (page, label, attrs = {}) => el('button', {
      type: 'button', class: 'btn btn-small', 'data-offset': page * PAGE_SIZE, ...attrs,
    }, label);

    // First, last and two either side of the current page.
    const shown = unique([0, current - 2, current - 1, current, current + 1, current + 2, pages - 1])
      .filter((p) => p >= 0 && p < pages).sort((a, b) => a - b);
    const items = [];
    items.push(current > 0 ? button(current - 1, 'Forrige', { 'aria-label': 'Forrige side' }) : null);
    let prev = -1;
    for (const p of shown) {
      if (p - prev > 1) items.push(el('span', { class: 'gap', 'aria-hidden': 'true', text: '…' }));
      items.push(p === current
        ? el('span', { class: 'current', 'aria-current': 'page' }, el('span', { class: 'visually-hidden', text: 'Side ' }), String(p + 1))
        : button(p, String(p + 1), { 'aria-label': `Side ${p + 1}` }));
      prev = p;
    }
    items.push(current < pages - 1 ? button(current + 1, 'Næste', { 'aria-label': 'Næste side' }) : null);
    pager.append(...items.filter(Boolean));
  }

  function renderActiveFilters() {
    const box = $('#active-filters');
    box.replaceChildren();
    if (!hasFilters(state)) return;
    const chips = [];
    for (const f of FACETS) {
      for (const v of state.filters[f]) {
        const label = f === 'publication' ? pubTitle({ id: v }) : f === 'level' || f === 'role' ? cap(v) : v;
        chips.push(el('button', {
          type: 'button', class: 'chip', 'data-remove-filter': f, 'data-value': v,
          'aria-label': `Fjern filteret ${FACET_LABELS[f]}: ${label}`,
        }, el('span', { class: 'chip-facet', text: `${FACET_LABELS[f]}: ` }), label, el('span', { 'aria-hidden': 'true', text: ' ✕' })));
      }
    }
    box.append(el('span', { class: 'active-label', text: 'Filtre:' }), ...chips,
      el('button', { type: 'button', class: 'btn btn-small btn-link', 'data-clear-filters': '', text: 'Fjern alle filtre' }));
  }

  // ---------------------------------------------------------------- facets

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

  function renderFacets(facets) {
    const box = $('#facets');
    const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.dataset.key : null;

    // Level: all six, in their fixed order, plus any unexpected value the server sends.
    const levels = unique([...LEVELS, ...Object.keys(facets.level || {}), ...state.filters.level])
      .sort((a, b) => levelRank(a) - levelRank(b) || collator.compare(a, b))
      .map((v) => [v, cap(v), facetCount(facets, 'level', v)]);

    // Role: most frequent first; selected ones always shown.
    const allRoles = unique([...Object.keys(facets.role || {}), ...state.filters.role])
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
    const pubIds = unique([...publications.map((p) => p.id), ...Object.keys(facets.publication || {}), ...state.filters.publication]);
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

  // Themes as a tree under their publication. The filter value is the theme name,
  // so a name shared by two publications ("Forord") is one filter shown twice.
  function themeTree(facets) {
    const placed = new Set();
    const groups = publications.map((pub) => {
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
    const rest = unique([...Object.keys(facets.theme || {}), ...state.filters.theme])
      .filter((t) => !placed.has(t))
      .sort(collator.compare);
    let restList = null;
    if (rest.length) {
      const items = rest.map((t) => facetCheckbox('theme', t, t, facetCount(facets, 'theme', t)));
      restList = publications.length
        ? el('details', { class: 'theme-group', open: rest.some((t) => state.filters.theme.includes(t)) },
          el('summary', { 'data-key': 'group\u0000-' }, 'Øvrige temaer'), el('ul', {}, items))
        : el('ul', {}, items);
    }
    return el('fieldset', { class: 'facet facet-theme' },
      el('legend', { text: FACET_LABELS.theme }),
      publications.length ? el('p', { class: 'hint', text: 'Ordnet efter publikation.' }) : null,
      pubLoadError ? el('p', { class: 'hint', text: 'Publikationerne kunne ikke hentes, så temaerne vises uden træ.' }) : null,
      groups, restList);
  }

  function updateFilterToggle() {
    const n = FACETS.reduce((sum, f) => sum + state.filters[f].length, 0);
    $('#filters-toggle-count').textContent = n ? `(${n} valgt)` : '';
  }

  function setFilter(facet, value, on) {
    const values = state.filters[facet].filter((v) => v !== value);
    if (on) values.push(value);
    state.filters[facet] = values;
  }

  // A filter, page or view change: a new history entry, then fetch.
  function commit({ focusResults = false } = {}) {
    typing = false;
    saveUrl('push');
    refresh();
    if (focusResults) {
      $('#results-heading').focus({ preventScroll: true });
      const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      $('#results-heading').scrollIntoView({ block: 'start', behavior: calm ? 'auto' : 'smooth' });
    }
  }

  function initFacets() {
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
      commit();
    });
    box.addEventListener('click', (e) => {
      if (e.target.closest('[data-more-roles]')) {
        ui.allRoles = !ui.allRoles;
        if (lastFacets) renderFacets(lastFacets);
      }
    });

    const toggle = $('#filters-toggle');
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      $('#filters').classList.toggle('open', open);
    });
  }

  // ---------------------------------------------------------------- matrix

  let matrixKey = null;
  let matrixSeq = 0;

  function axisLabel(axis) {
    return FACET_LABELS[axis] || axis;
  }

  function axisValueLabel(axis, value) {
    if (axis === 'publication') return pubTitle({ id: value });
    if (axis === 'level' || axis === 'role') return cap(value);
    return value;
  }

  // Indexes of keys in display order: levels by rank, publications as listed.
  function displayOrder(axis, keys) {
    const idx = keys.map((_, i) => i);
    if (axis === 'level') idx.sort((a, b) => levelRank(keys[a]) - levelRank(keys[b]));
    if (axis === 'publication' && publications.length) {
      const rank = (id) => {
        const i = publications.findIndex((p) => p.id === id);
        return i === -1 ? publications.length : i;
      };
      idx.sort((a, b) => rank(keys[a]) - rank(keys[b]));
    }
    return idx;
  }

  async function runMatrix() {
    const p = filterParams(state);
    p.set('rows', state.rows);
    p.set('cols', state.cols);
    const key = p.toString();
    if (key === matrixKey) return;
    matrixKey = key;
    const seq = ++matrixSeq;
    const box = $('#matrix');
    const message = $('#matrix-message');
    box.setAttribute('aria-busy', 'true');
    try {
      const data = await api(`api/matrix?${key}`);
      if (seq !== matrixSeq) return;
      message.replaceChildren();
      renderMatrix(data);
    } catch (e) {
      if (seq !== matrixSeq) return;
      matrixKey = null;
      box.replaceChildren();
      message.replaceChildren(errorBox(e, () => runMatrix()));
    } finally {
      if (seq === matrixSeq) box.setAttribute('aria-busy', 'false');
    }
  }

  function renderMatrix(data) {
    const box = $('#matrix');
    const rows = data.rows || state.rows;
    const cols = data.cols || state.cols;
    const rowKeys = Array.isArray(data.row_keys) ? data.row_keys.map(str) : [];
    const colKeys = Array.isArray(data.col_keys) ? data.col_keys.map(str) : [];
    const counts = Array.isArray(data.counts) ? data.counts : [];
    const cell = (r, c) => Number((counts[r] || [])[c]) || 0;
    const rowTotals = rowKeys.map((_, r) => Number((data.row_totals || [])[r]) || colKeys.reduce((s, _c, c) => s + cell(r, c), 0));
    const colTotals = colKeys.map((_, c) => Number((data.col_totals || [])[c]) || rowKeys.reduce((s, _r, r) => s + cell(r, c), 0));
    const total = Number(data.total) || 0;

    if (!rowKeys.length || !colKeys.length) {
      box.replaceChildren(el('div', { class: 'notice notice-empty' },
        el('p', { text: 'Ingen citater at vise i matrixen. Prøv en anden søgning, eller fjern nogle filtre.' })));
      return;
    }

    let max = 0;
    rowKeys.forEach((_, r) => colKeys.forEach((_c, c) => { max = Math.max(max, cell(r, c)); }));
    const rowOrder = displayOrder(rows, rowKeys);
    const colOrder = displayOrder(cols, colKeys);

    const caption = `${axisLabel(rows)} × ${axisLabel(cols).toLocaleLowerCase('da')}: antal citater` +
      (state.q ? ` for »${state.q}«` : '') + (hasFilters(state) ? ' med de valgte filtre' : '') + ` (i alt ${num(total)})`;

    const table = el('table', { class: 'matrix' },
      el('caption', { text: caption }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', class: 'corner', text: axisLabel(rows) }),
        colOrder.map((c) => el('th', { scope: 'col', text: axisValueLabel(cols, colKeys[c]) })),
        el('th', { scope: 'col', class: 'total', text: 'I alt' }))),
      el('tbody', {}, rowOrder.map((r) => el('tr', {},
        el('th', { scope: 'row', text: axisValueLabel(rows, rowKeys[r]) }),
        colOrder.map((c) => {
          const n = cell(r, c);
          const td = el('td', { class: n ? 'cell' : 'cell zero' });
          if (n) {
            const b = el('button', {
              type: 'button', class: 'cell-button', 'data-testid': 'matrix-cell',
              'data-row': rowKeys[r], 'data-col': colKeys[c],
              'aria-label': `${plural(n, 'citat', 'citater')}: ${axisLabel(rows).toLocaleLowerCase('da')} »${axisValueLabel(rows, rowKeys[r])}«, ${axisLabel(cols).toLocaleLowerCase('da')} »${axisValueLabel(cols, colKeys[c])}«`,
              text: num(n),
            });
            // Shade by count; CSS picks the colours (dark text stays readable on all of them).
            b.style.setProperty('--heat', max ? (n / max).toFixed(3) : '0');
            td.append(b);
          } else {
            td.append(el('span', { 'aria-label': '0 citater', text: '–' }));
          }
          return td;
        }),
        el('td', { class: 'total', text: num(rowTotals[r]) })))),
      el('tfoot', {}, el('tr', {},
        el('th', { scope: 'row', text: 'I alt' }),
        colOrder.map((c) => el('td', { class: 'total', text: num(colTotals[c]) })),
        el('td', { class: 'total grand', text: num(total) }))));
    box.replaceChildren(table);
  }

  function initMatrix() {
    for (const id of ['matrix-rows', 'matrix-cols']) {
      const select = $(`#${id}`);
      select.replaceChildren(...AXES.map((a) => el('option', { value: a, text: axisLabel(a) })));
    }
    const onAxis = (which) => (e) => {
      const other = which === 'rows' ? 'cols' : 'rows';
      const value = e.target.value;
      if (value === state[other]) state[other] = state[which]; // picking the other axis swaps them
      state[which] = value;
      paintMatrixControls();
      commit();
    };
    $('#matrix-rows').addEventListener('change', onAxis('rows'));
    $('#matrix-cols').addEventListener('change', onAxis('cols'));
    $('#matrix').addEventListener('click', (e) => {
      const b = e.target.closest('[data-testid=matrix-cell]');
      if (!b) return;
      // The cell's own two values replace those filters, so the hits match the count.
      const rows = state.rows;
      const cols = state.cols;
      state.filters[rows] = [b.dataset.row];
      state.filters[cols] = [b.dataset.col];
      state.offset = 0;
      state.view = 'results';
      paintView();
      commit({ focusResults: true });
    });
  }

  function paintMatrixControls() {
    $('#matrix-rows').value = state.rows;
    $('#matrix-cols').value = state.cols;
  }

  // ---------------------------------------------------------------- view tabs

  // Left/Right moves between the tabs of a tab list (Tab alone reaches them too).
  function arrowToTab(e, tabs, select) {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = tabs.indexOf(e.target.closest('[role=tab]'));
    if (i === -1) return;
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    select(next);
  }

  function paintView() {
    for (const tab of $$('[role=tab][data-view]')) {
      const on = tab.dataset.view === state.view;
      tab.setAttribute('aria-selected', String(on));
      $(`#${tab.getAttribute('aria-controls')}`).hidden = !on;
    }
  }

  function initTabs() {
    const tabs = $$('[role=tab][data-view]');
    const select = (tab) => {
      if (state.view === tab.dataset.view) return;
      state.view = tab.dataset.view;
      paintView();
      commit();
    };
    for (const tab of tabs) {
      tab.addEventListener('click', () => select(tab));
      tab.addEventListener('keydown', (e) => arrowToTab(e, tabs, select));
    }
  }

  // ---------------------------------------------------------------- dialogs

  const openers = new WeakMap(); // dialog -> element to refocus on close

  function openDialog(dialog, focusTarget) {
    if (!dialog.open) {
      openers.set(dialog, document.activeElement);
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    if (focusTarget) focusTarget.focus();
  }

  function closeDialog(dialog) {
    if (!dialog.open) return;
    if (typeof dialog.close === 'function') dialog.close();
    else {
      dialog.removeAttribute('open');
      dialog.dispatchEvent(new Event('close'));
    }
  }

  function initDialogs() {
    for (const dialog of $$('dialog')) {
      dialog.addEventListener('click', (e) => {
        if (e.target.closest('[data-close]')) closeDialog(dialog);
        // A click on the backdrop lands on the dialog element itself.
        else if (e.target === dialog) {
          const r = dialog.getBoundingClientRect();
          const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
          if (!inside) closeDialog(dialog);
        }
      });
      // Keep Tab inside the dialog (the browser's modal dialog does most of this).
      dialog.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && typeof dialog.showModal !== 'function') closeDialog(dialog);
        if (e.key !== 'Tab') return;
        const focusables = $$('a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])', dialog)
          .filter((n) => n.getClientRects().length > 0);
        if (!focusables.length) return;
        const first = focusables[0];
        const last = focusables[focusables.length - 1];
        if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      });
      dialog.addEventListener('close', () => {
        const opener = openers.get(dialog);
        openers.delete(dialog);
        if (dialog.id === 'quote-dialog') onQuoteClosed(opener);
        else restoreFocus(opener);
      });
    }
  }

  function restoreFocus(opener, fallback) {
    const visible = (n) => n && n.isConnected && n !== document.body && n.getClientRects().length > 0;
    const target = visible(opener) ? opener : visible(fallback) ? fallback : $('#q');
    if (target) target.focus();
  }

  // The live region of the topmost open dialog, else the page's.
  function announce(message) {
    const open = $$('dialog[open]');
    const region = open.length ? $('[data-live]', open[open.length - 1]) : $('#live');
    if (!region) return;
    region.textContent = '';
    // A fresh text node after a tick is announced even when the words repeat.
    setTimeout(() => { region.textContent = message; }, 30);
    clearTimeout(region._clear);
    region._clear = setTimeout(() => { region.textContent = ''; }, 6000);
  }

  // ---------------------------------------------------------------- quote view

  let quoteSeq = 0;
  let quoteContext = CONTEXT_FIRST;
  let closingFromHistory = false;

  // how: 'push' (a new history entry), 'replace' (swap the quote in place), 'none' (URL already says so)
  function openQuote(id, how) {
    const dialog = $('#quote-dialog');
    state.quote = id;
    if (how === 'push') saveUrl('push', { quotePushed: true });
    else if (how === 'replace') saveUrl('replace');
    quoteContext = CONTEXT_FIRST;
    const seq = ++quoteSeq;
    const body = $('#quote-body');
    $('#quote-title').textContent = 'Citat';
    body.replaceChildren(el('p', { class: 'loading', text: 'Henter citatet …' }));
    openDialog(dialog, $('#quote-title'));
    loadQuote(id, seq);
  }

  const fetchQuote = (id) => api(`api/quotes/${encodeURIComponent(id)}?context=${quoteContext}`);

  async function loadQuote(id, seq) {
    const body = $('#quote-body');
    try {
      const quote = await fetchQuote(id);
      if (seq !== quoteSeq) return;
      remember(quote);
      renderQuote(quote);
      loadCitations(id, seq);
      loadSimilar(id, seq);
    } catch (e) {
      if (seq !== quoteSeq) return;
      $('#quote-title').textContent = 'Citatet kunne ikke vises';
      body.replaceChildren(errorBox(e, () => loadQuote(id, seq)));
    }
  }

  function renderQuote(q) {
    const speaker = str(q.speaker);
    $('#quote-title').textContent = speaker ? `${cap(speaker)} siger` : 'Citat';
    const tags = [
      ['Taler', speaker || 'Ikke angivet'],
      ['Rolle', cap(str(q.role))],
      ['Niveau', cap(str(q.level))],
      ['Publikation', `${pubTitle(q.publication)} (${pubYear(q.publication)})`],
      ['Tema', str(q.theme)],
      ['Undertema', str(q.subtheme)],
      ['Sider', pagesText(q.pages)],
      ['Kilde', q.source && q.source.file
        ? `${q.source.file}, linje ${q.source.line_start}${q.source.line_end && q.source.line_end !== q.source.line_start ? `–${q.source.line_end}` : ''}`
        : ''],
    ].filter(([, v]) => v);

    const body = $('#quote-body');
    body.replaceChildren(
      el('blockquote', { class: 'quote-text', text: str(q.text) }),
      q.citation ? el('p', { class: 'quote-citation', text: str(q.citation) }) : null,
      el('div', { class: 'actions' },
        shortlistButton(q, { 'data-testid': 'dialog-shortlist-toggle' }),
        el('button', { type: 'button', class: 'btn btn-small', 'data-copy-link': '', text: 'Kopiér link til citatet' })),
      el('dl', { class: 'tags' }, tags.map(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
      el('section', { class: 'context', 'aria-labelledby': 'context-heading' },
        el('h3', { id: 'context-heading', tabindex: '-1', text: 'Sammenhæng i hæftet' }),
        el('div', { id: 'context-body' }, contextNodes(q.context))),
      el('section', { class: 'cite', 'aria-labelledby': 'cite-heading' },
        el('h3', { id: 'cite-heading', text: 'Kildehenvisning' }),
        citationTabs()),
      el('section', { class: 'similar', 'aria-labelledby': 'similar-heading' },
        el('h3', { id: 'similar-heading', text: 'Lignende citater' }),
        el('div', { id: 'similar-body' }, el('p', { class: 'loading', text: 'Henter lignende citater …' }))));
  }

  // The lines around the quote, set like a page of the booklet with the quote marked.
  function contextNodes(context) {
    const lines = context && Array.isArray(context.lines) ? context.lines : [];
    const headings = context && Array.isArray(context.headings) ? context.headings.map(str).filter(Boolean) : [];
    if (!lines.length) return [el('p', { class: 'hint', text: 'Der er ingen sammenhæng at vise for dette citat.' })];
    const page = el('div', { class: 'page' });
    if (headings.length) page.append(el('p', { class: 'page-headings', text: headings.join(' › ') }));
    let inRun = false;
    for (const line of lines) {
      const inQuote = !!(line && line.in_quote);
      const row = el('div', { class: inQuote ? 'line in-quote' : 'line' },
        el('span', { class: 'line-no', 'aria-hidden': 'true', text: line && Number.isFinite(line.no) ? String(line.no) : '' }),
        el('span', { class: 'line-text' },
          inQuote && !inRun ? el('span', { class: 'visually-hidden', text: 'Citatet begynder: ' }) : null,
          str(line && line.text) || '\u00a0'));
      inRun = inQuote;
      page.append(row);
    }
    const more = quoteContext < CONTEXT_MAX
      ? el('button', { type: 'button', class: 'btn btn-small', id: 'context-more', text: 'Vis mere sammenhæng' })
      : null;
    return [page, more];
  }

  async function moreContext() {
    const id = state.quote;
    const seq = quoteSeq;
    quoteContext = Math.min(CONTEXT_MAX, quoteContext + CONTEXT_STEP);
    const box = $('#context-body');
    try {
      const quote = await fetchQuote(id);
      if (seq !== quoteSeq) return;
      box.replaceChildren(...contextNodes(quote.context).filter(Boolean));
      ($('#context-more') || $('#context-heading')).focus();
      announce('Mere sammenhæng vises.');
    } catch (e) {
      if (seq !== quoteSeq) return;
      box.append(errorBox(e));
    }
  }

  function citationTabs() {
    const tablist = el('div', { class: 'tabs tabs-small', role: 'tablist', 'aria-label': 'Format' },
      CITE_STYLES.map(({ style, label }, i) => el('button', {
        type: 'button', role: 'tab', id: `cite-tab-${style}`, 'data-testid': `cite-tab-${style}`,
        'aria-controls': `cite-panel-${style}`, 'aria-selected': i === 0 ? 'true' : 'false', 'data-cite-tab': style, text: label,
      })));
    const panels = CITE_STYLES.map(({ style, label }, i) => el('div', {
      role: 'tabpanel', id: `cite-panel-${style}`, 'aria-labelledby': `cite-tab-${style}`, class: 'cite-panel', hidden: i !== 0,
    },
    el('pre', { class: 'cite-text', id: `cite-text-${style}`, tabindex: '0', 'aria-label': `Henvisning i ${label}` }, 'Henter …'),
    el('button', { type: 'button', class: 'btn btn-small', 'data-testid': `copy-${style}`, 'data-copy': style, text: 'Kopiér', 'aria-label': `Kopiér henvisningen i ${label}` })));
    return [tablist, panels];
  }

  function selectCiteTab(style) {
    for (const tab of $$('[data-cite-tab]')) {
      const on = tab.dataset.citeTab === style;
      tab.setAttribute('aria-selected', String(on));
      $(`#${tab.getAttribute('aria-controls')}`).hidden = !on;
    }
  }

  async function loadCitations(id, seq) {
    await Promise.all(CITE_STYLES.map(async ({ style }) => {
      let text;
      let failed = false;
      try {
        text = await api(`api/quotes/${encodeURIComponent(id)}/cite?style=${style}`, { text: true });
      } catch (e) {
        text = errorText(e);
        failed = true;
      }
      if (seq !== quoteSeq) return;
      const pre = $(`#cite-text-${style}`);
      if (!pre) return;
      pre.textContent = text.replace(/\s+$/, '');
      pre.classList.toggle('failed', failed);
      const button = $(`[data-copy="${style}"]`);
      if (button) button.disabled = failed;
    }));
  }

  async function loadSimilar(id, seq) {
    const box = () => $('#similar-body');
    try {
      const data = await api(`api/quotes/${encodeURIComponent(id)}/similar?limit=${SIMILAR_LIMIT}`);
      if (seq !== quoteSeq || !box()) return;
      const hits = (Array.isArray(data && data.hits) ? data.hits : []).filter((h) => h && h.id && h.id !== id);
      if (!hits.length) {
        box().replaceChildren(el('p', { class: 'hint', text: 'Der blev ikke fundet lignende citater.' }));
        return;
      }
      box().replaceChildren(el('ol', { class: 'similar-list' }, hits.map((h, i) => {
        remember(h);
        const metaId = `similar-meta-${i}`;
        const text = str(h.text);
        return el('li', {},
          el('p', { class: 'similar-text', text: text.length > 260 ? `${text.slice(0, 250).replace(/\s+\S*$/, '')} …` : text }),
          el('p', { class: 'meta', id: metaId }, metaLine(h)),
          el('div', { class: 'actions' },
            el('button', { type: 'button', class: 'btn btn-small', 'data-open-similar': h.id, 'aria-describedby': metaId, text: 'Vis' }),
            shortlistButton(h, { 'aria-describedby': metaId })));
      })));
    } catch (e) {
      if (seq !== quoteSeq || !box()) return;
      box().replaceChildren(errorBox(e));
    }
  }

  function onQuoteClosed(opener) {
    quoteSeq++;
    const id = state.quote;
    const fallback = id ? $$('[data-open-quote]').find((b) => b.dataset.openQuote === id && b.getClientRects().length > 0) : null;
    restoreFocus(opener, fallback);
    if (closingFromHistory) {
      closingFromHistory = false;
      return;
    }
    if (!state.quote) return;
    state.quote = null;
    // If opening the quote added a history entry, step back over it; else rewrite the URL.
    if (history.state && history.state.quotePushed) history.back();
    else saveUrl('replace');
  }

  // Copy with the Clipboard API, falling back to a selected textarea and execCommand.
  async function copyText(text, near) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (_) { /* fall through to the fallback */ }
    const area = el('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    area.value = text;
    const host = (near && near.closest('dialog')) || document.body;
    host.append(area);
    area.select();
    area.setSelectionRange(0, text.length);
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (_) {
      ok = false;
    }
    area.remove();
    if (near) near.focus();
    return ok;
  }

  function flash(button, label) {
    const original = button.dataset.label || button.textContent;
    button.dataset.label = original;
    button.textContent = label;
    clearTimeout(button._flash);
    button._flash = setTimeout(() => { button.textContent = original; }, 2000);
  }

  function selectText(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function initQuoteView() {
    const dialog = $('#quote-dialog');
    dialog.addEventListener('click', async (e) => {
      const tab = e.target.closest('[data-cite-tab]');
      if (tab) selectCiteTab(tab.dataset.citeTab);

      const copy = e.target.closest('[data-copy]');
      if (copy) {
        const style = copy.dataset.copy;
        const pre = $(`#cite-text-${style}`);
        const label = CITE_STYLES.find((s) => s.style === style).label;
        if (await copyText(pre.textContent, copy)) {
          flash(copy, 'Kopieret ✓');
          announce(`Kopieret: henvisningen i ${label}.`);
        } else {
          selectText(pre);
          announce('Kunne ikke kopiere automatisk. Teksten er markeret: tryk Ctrl+C (Cmd+C på Mac).');
        }
      }

      const link = e.target.closest('[data-copy-link]');
      if (link) {
        const url = new URL(buildUrl(state), location.href).href;
        if (await copyText(url, link)) {
          flash(link, 'Link kopieret ✓');
          announce('Kopieret: link til citatet.');
        } else {
          announce(`Kunne ikke kopiere. Linket er ${url}`);
        }
      }

      if (e.target.closest('#context-more')) moreContext();

      const similar = e.target.closest('[data-open-similar]');
      if (similar) openQuote(similar.dataset.openSimilar, 'replace');
    });
    dialog.addEventListener('keydown', (e) => {
      if (e.target.closest('[data-cite-tab]')) arrowToTab(e, $$('[data-cite-tab]', dialog), (t) => selectCiteTab(t.dataset.citeTab));
    });
  }

  // ---------------------------------------------------------------- search box

  let typing = false; // within a run of keystrokes: one history entry for all of them

  const searchSoon = debounce(() => {
    const q = $('#q').value;
    if (q === state.q) return;
    state.q = q;
    state.offset = 0;
    saveUrl(typing ? 'replace' : 'push');
    typing = true;
    refresh();
  }, DEBOUNCE_MS);

  function initSearchBox() {
    const input = $('#q');
    input.addEventListener('input', searchSoon);
    $('#search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      searchSoon.cancel();
      const changed = input.value !== state.q;
      state.q = input.value;
      if (changed) state.offset = 0;
      saveUrl(typing ? 'replace' : 'push');
      typing = false;
      refresh();
    });
    // "/" jumps to the search box from anywhere outside a text field or dialog.
    document.addEventListener('keydown', (e) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if ($('dialog[open]')) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  // ---------------------------------------------------------------- page-wide clicks

  function initClicks() {
    document.addEventListener('click', (e) => {
      const toggle = e.target.closest('.shortlist-toggle');
      if (toggle) {
        toggleShortlist(toggle.dataset.shortlistId);
        return;
      }
      const open = e.target.closest('[data-open-quote]');
      if (open) {
        openQuote(open.dataset.openQuote, 'push');
        return;
      }
      const page = e.target.closest('#pager [data-offset]');
      if (page) {
        state.offset = Number(page.dataset.offset) || 0;
        commit({ focusResults: true });
        return;
      }
      const example = e.target.closest('[data-example]');
      if (example) {
        $('#q').value = example.dataset.example;
        state.q = example.dataset.example;
        state.offset = 0;
        commit({ focusResults: true });
        return;
      }
      const remove = e.target.closest('[data-remove-filter]');
      if (remove) {
        setFilter(remove.dataset.removeFilter, remove.dataset.value, false);
        state.offset = 0;
        commit();
        // The chip is gone: keep focus near where it was.
        const next = $('#active-filters [data-remove-filter]') || $('#results-heading');
        next.focus();
        return;
      }
      if (e.target.closest('[data-clear-filters]')) {
        for (const f of FACETS) state.filters[f] = [];
        state.offset = 0;
        commit();
        $('#results-heading').focus();
      }
    });
  }

  // ---------------------------------------------------------------- render from state

  // Fetch whatever the current state needs; unchanged requests are skipped.
  function refresh() {
    renderActiveFilters();
    updateFilterToggle();
    if (lastFacets) renderFacets(lastFacets);
    runSearch();
    if (state.view === 'matrix') runMatrix();
  }

  // Apply the URL (on load and on back/forward).
  function applyUrl() {
    const previousQuote = state.quote;
    state = readUrl();
    typing = false;
    searchSoon.cancel();
    const input = $('#q');
    if (input.value !== state.q) input.value = state.q;
    paintTitle();
    paintView();
    paintMatrixControls();
    refresh();

    const dialog = $('#quote-dialog');
    if (state.quote && (state.quote !== previousQuote || !dialog.open)) openQuote(state.quote, 'none');
    else if (!state.quote && dialog.open) {
      closingFromHistory = true;
      closeDialog(dialog);
    }
  }

  function init() {
    initDialogs();
    initShortlist();
    initFacets();
    initMatrix();
    initTabs();
    initQuoteView();
    initSearchBox();
    initClicks();
    loadPublications();
    window.addEventListener('popstate', applyUrl);
    applyUrl();
    if (!state.quote) $('#q').focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
