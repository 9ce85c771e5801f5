// Values as a Danish reader sees them: text from the server, counts, plurals.

// Any value as a string; null and undefined as ''.
export const str = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
export const cap = (s) => (s ? s.charAt(0).toLocaleUpperCase('da') + s.slice(1) : s);
export const num = (n) => (Number.isFinite(n) ? n : 0).toLocaleString('da-DK');
export const plural = (n, one, many) => `${num(n)} ${n === 1 ? one : many}`;
export const collator = new Intl.Collator('da');
// A query in Danish quotation marks, shortened in the middle of a sentence.
export const quoted = (q, max = 60) => {
  const chars = Array.from(str(q).trim());
  return `»${chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : chars.join('')}«`;
};
