// Copying for the user: the Clipboard API where the page may use it, else a
// selected textarea and execCommand; and the button's brief "Kopieret".
// copyRich puts HTML beside the plain text, so a word processor keeps the
// italics (copy-format.js makes the pair).

import { el } from './dom.js';

// Copy text; near is the button pressed (focus returns to it). True if copied.
export async function copyText(text, near) {
  return copyRich({ plain: text }, near);
}

// Copy { plain, html } (html may be missing): both as text/plain and
// text/html where the browser lets the page write both, else the plain text
// alone through the Clipboard API, else through the fallback. near is the
// button pressed. True if copied.
export async function copyRich({ plain, html }, near) {
  const clipboard = window.isSecureContext ? navigator.clipboard : null;
  // Called before any await: Safari lets a page write only while it handles the click.
  if (html && clipboard && typeof clipboard.write === 'function' && typeof ClipboardItem === 'function') {
    try {
      await clipboard.write([new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([plain], { type: 'text/plain' }),
      })]);
      return true;
    } catch (_) { /* try the plain text, then the fallback */ }
  }
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(plain);
      return true;
    } catch (_) { /* fall through to the fallback */ }
  }
  return copyByCommand(plain, html, near);
}

// A hidden selected textarea and execCommand('copy'), for pages without the
// Clipboard API (plain http on another host than localhost); a copy handler
// sets the HTML beside the plain text when there is HTML.
function copyByCommand(plain, html, near) {
  const area = el('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  area.value = plain;
  const host = (near && near.closest('dialog')) || document.body;
  host.append(area);
  area.select();
  area.setSelectionRange(0, plain.length);
  const onCopy = (e) => {
    if (!html || !e.clipboardData) return;
    e.clipboardData.setData('text/html', html);
    e.clipboardData.setData('text/plain', plain);
    e.preventDefault();
  };
  document.addEventListener('copy', onCopy, true);
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch (_) {
    ok = false;
  }
  document.removeEventListener('copy', onCopy, true);
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
