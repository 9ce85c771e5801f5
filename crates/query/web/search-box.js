// The search box: results follow the typing (a run of keystrokes makes one
// history entry), Enter searches at once, and "/" jumps back to the box.

import { $ } from './dom.js';
import { saveUrl, state } from './url-state.js';

const DEBOUNCE_MS = 200;

let typing = false; // within a run of keystrokes: one history entry for all of them
let timer = 0;
let onSearch = () => {};

function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const q = $('#q').value;
    if (q === state.q) return;
    state.q = q;
    state.offset = 0;
    saveUrl(typing ? 'replace' : 'push');
    typing = true;
    onSearch();
  }, DEBOUNCE_MS);
}

// The next keystroke starts a new history entry.
export function endTyping() {
  typing = false;
}

// Forget keystrokes not yet searched for (the address changed under them).
export function dropPendingSearch() {
  clearTimeout(timer);
}

// search runs after the query changed.
export function initSearchBox(search) {
  onSearch = search;
  const input = $('#q');
  input.addEventListener('input', searchSoon);
  $('#search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    dropPendingSearch();
    const changed = input.value !== state.q;
    state.q = input.value;
    if (changed) state.offset = 0;
    saveUrl(typing ? 'replace' : 'push');
    typing = false;
    onSearch();
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
