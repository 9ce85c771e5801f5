// The page's dialogs (the quote view and the shortlist drawer): opening,
// closing, the backdrop, keeping Tab inside, and focus back where it was.

import { $, $$ } from './dom.js';

const openers = new WeakMap(); // dialog -> element to refocus on close

export function openDialog(dialog, focusTarget) {
  if (!dialog.open) {
    openers.set(dialog, document.activeElement);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }
  if (focusTarget) focusTarget.focus();
}

export function closeDialog(dialog) {
  if (!dialog.open) return;
  if (typeof dialog.close === 'function') dialog.close();
  else {
    dialog.removeAttribute('open');
    dialog.dispatchEvent(new Event('close'));
  }
}

// onClose: dialog id -> function(opener) run instead of refocusing the opener.
export function initDialogs(onClose = {}) {
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
      if (onClose[dialog.id]) onClose[dialog.id](opener);
      else restoreFocus(opener);
    });
  }
}

// Focus the opener if it is still on the page and visible, else the fallback,
// else the search box.
export function restoreFocus(opener, fallback) {
  const visible = (n) => n && n.isConnected && n !== document.body && n.getClientRects().length > 0;
  const target = visible(opener) ? opener : visible(fallback) ? fallback : $('#q');
  if (target) target.focus();
}
