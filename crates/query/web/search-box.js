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

// Input types that take no typed text: "/" there still means the search box.
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

function takesText(t) {
  if (!t || !t.tagName) return false;
  if (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  return t.tagName === 'INPUT' && !NOT_TEXT.has(t.type);
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
  // "/" jumps to the search box from anywhere outside a text field or dialog
  // (a checkbox, button or link does not take the key).
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (takesText(e.target)) return;
    if ($('dialog[open]')) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
}
