// citater: the search page. Plain ES2020 modules, no dependencies, no build
// step; the server sends each file as it is. This module wires the others:
//
//   url-state    the view state and the address that holds it
//   api          requests, and the sentence to show when one fails
//   results      the hits (counted, then related) with why each matched,
//                the pager and the chips of the filters in use
//   highlight    a hit's text with its matched words marked, cut to a window
//   facets       the filter column
//   chart        the search's quotes by level and topic as bars, each a filter
//   matrix       counts by two facets
//   quote-view   one quote: context, citations, similar quotes
//   shortlist    Mine citater, kept in the browser, and its export
//   copy-format  an APA citation as HTML (title in italics) and plain text,
//                for the clipboard
//   search-box, tabs, dialogs, announce, clipboard, publications (and the
//   topics), filters, quote-meta, format, dom   the smaller parts they share
//
// Rules kept throughout:
// - Server text is inserted with textContent only, never as HTML. Marks come
//   from a hit's `matched` spans (highlight.js), not from its snippet HTML.
//   The one HTML the page makes, for the clipboard, escapes every text it
//   holds (copy-format.js).
// - The URL holds the whole view state (url-state.js), so a search can be
//   bookmarked and shared, and back/forward restores it.
// - Every request reports failure to the user with the server's `error`
//   sentence (api.js).
// - Everything the user reads is Danish.

import { initChart } from './chart.js';
import { initDialogs } from './dialogs.js';
import { $ } from './dom.js';
import { initFacets, repaintFacets, updateFilterToggle } from './facets.js';
import { FACETS } from './filters.js';
import { initMatrix, paintMatrixControls, repaintMatrix, runMatrix } from './matrix.js';
import { loadPublications, loadTopics } from './publications.js';
import { followUrl, initQuoteView, onQuoteClosed, openQuote } from './quote-view.js';
import { renderActiveFilters, repaintResults, runSearch } from './results.js';
import { dropPendingSearch, endTyping, initSearchBox } from './search-box.js';
import { initShortlist, toggleShortlist } from './shortlist.js';
import { initTabs, paintView } from './tabs.js';
import { loadUrl, paintTitle, saveUrl, setFilter, state } from './url-state.js';

// Fetch whatever the current state needs; unchanged requests are skipped.
function refresh() {
  renderActiveFilters();
  updateFilterToggle();
  repaintFacets();
  runSearch();
  if (state.view === 'matrix') runMatrix();
}

// A filter, page or view change: a new history entry, then fetch.
function commit({ focusResults = false } = {}) {
  endTyping();
  saveUrl('push');
  refresh();
  if (focusResults) {
    $('#results-heading').focus({ preventScroll: true });
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    $('#results-heading').scrollIntoView({ block: 'start', behavior: calm ? 'auto' : 'smooth' });
  }
}

// Apply the URL (on load and on back/forward).
function applyUrl() {
  const previousQuote = state.quote;
  loadUrl();
  endTyping();
  dropPendingSearch();
  const input = $('#q');
  if (input.value !== state.q) input.value = state.q;
  paintTitle();
  paintView();
  paintMatrixControls();
  refresh();
  followUrl(previousQuote);
}

// Clicks on things drawn anew with every answer, handled once for the page.
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

function init() {
  initDialogs({ 'quote-dialog': onQuoteClosed });
  initShortlist();
  initFacets(commit);
  initChart(commit);
  initMatrix(commit);
  initTabs(commit);
  initQuoteView();
  initSearchBox(refresh);
  initClicks();
  // The theme tree and the booklets' names arrive after the first search may
  // have: draw everything that names a booklet again, so it has one name.
  loadPublications().then(() => {
    repaintFacets();
    repaintResults();
    repaintMatrix();
  });
  // So may the topic names, shown in the filter column, the chips, the
  // matrix and the line saying why a hit matched.
  loadTopics().then(() => {
    repaintFacets();
    repaintResults();
    repaintMatrix();
  });
  window.addEventListener('popstate', applyUrl);
  applyUrl();
  if (!state.quote) $('#q').focus();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
