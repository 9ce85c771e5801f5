// Announcements for screen readers: a sentence in the live region of the
// topmost open dialog, else the page's.

import { $, $$ } from './dom.js';

export function announce(message) {
  const open = $$('dialog[open]');
  const region = open.length ? $('[data-live]', open[open.length - 1]) : $('#live');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick is announced even when the words repeat.
  setTimeout(() => { region.textContent = message; }, 30);
  clearTimeout(region._clear);
  region._clear = setTimeout(() => { region.textContent = ''; }, 6000);
}
