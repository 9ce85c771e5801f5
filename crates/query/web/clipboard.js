// Copying text for the user: the Clipboard API where the page may use it,
// else a selected textarea and execCommand; and the button's brief "Kopieret".

import { el } from './dom.js';

// Copy text; near is the button pressed (focus returns to it). True if copied.
export async function copyText(text, near) {
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

// Show label on the button for two seconds.
export function flash(button, label) {
  const original = button.dataset.label || button.textContent;
  button.dataset.label = original;
  button.textContent = label;
  clearTimeout(button._flash);
  button._flash = setTimeout(() => { button.textContent = original; }, 2000);
}

// Select a node's text, so the user can copy it by hand.
export function selectText(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}
