// Talking to the server: every request goes through `api`, and every failure
// becomes an ApiError carrying the sentence to show (the server's `error`
// when it sent one).

import { el } from './dom.js';

// status: the HTTP status, or 0 when the server could not be reached.
class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// text: ask for text/plain and return the body as a string, not parsed JSON;
// blob: return the body as it came (a file to save).
export async function api(path, { signal, text = false, blob = false } = {}) {
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
  if (blob) return res.blob();
  try {
    return await res.json();
  } catch (_) {
    throw new ApiError('Serveren sendte et svar, der ikke kunne læses.', res.status);
  }
}

export const errorText = (e) => (e instanceof ApiError ? e.message : 'Der skete en uventet fejl. Prøv igen.');

// retry is offered only where trying again can help: no answer or a server fault,
// not a 400 about the query or a 404.
export function errorBox(e, retry) {
  const transient = !(e instanceof ApiError) || e.status === 0 || e.status >= 500;
  return el('div', { class: 'notice notice-error', role: 'alert' },
    el('p', { text: errorText(e) }),
    retry && transient ? el('button', { type: 'button', class: 'btn btn-small', text: 'Prøv igen', onclick: retry }) : null);
}
