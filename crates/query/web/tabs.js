// Tab lists: the Citater/Matrix view tabs, and the arrow keys every tab list
// on the page (the citation formats too) answers to.

import { $, $$ } from './dom.js';
import { state } from './url-state.js';

// Left/Right moves between the tabs of a tab list; Tab reaches the selected one.
export function arrowToTab(e, tabs, select) {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const i = tabs.indexOf(e.target.closest('[role=tab]'));
  if (i === -1) return;
  const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
  next.focus();
  select(next);
}

// Show the panel of state.view and mark its tab.
export function paintView() {
  for (const tab of $$('[role=tab][data-view]')) {
    const on = tab.dataset.view === state.view;
    tab.setAttribute('aria-selected', String(on));
    // One tab stop for the tab list: the arrow keys reach the other tab.
    tab.tabIndex = on ? 0 : -1;
    $(`#${tab.getAttribute('aria-controls')}`).hidden = !on;
  }
}

// onChange runs after the user picks the other view.
export function initTabs(onChange) {
  const tabs = $$('[role=tab][data-view]');
  const select = (tab) => {
    if (state.view === tab.dataset.view) return;
    state.view = tab.dataset.view;
    paintView();
    onChange();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (e) => arrowToTab(e, tabs, select));
  }
}
