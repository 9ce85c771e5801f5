// axe-core (npm), injected into the page under test: every state a browser
// test visits is checked for WCAG 2.1 A/AA violations.
//
//   import { assertAccessible } from './axe.mjs';
//   await assertAccessible(page, 'the results at phone size');
//
// The source is evaluated through the DevTools protocol, which the page's
// Content-Security-Policy (script-src 'self') does not govern.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Runs axe over the whole document and throws, naming every violation and
// its first nodes, when there is one. Returns the number of rules checked.
export async function assertAccessible(page, state) {
  const present = await page.evaluate(() => typeof window.axe === 'object');
  if (!present) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      checked: r.passes.length + r.violations.length + r.incomplete.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
      })),
    };
  }, TAGS);
  if (result.violations.length) {
    const lines = result.violations.map((v) => `${v.id} (${v.help}):\n      ${v.nodes.join('\n      ')}`);
    const error = new Error(`axe-core finds ${result.violations.length} violation(s) in "${state}":\n    ${lines.join('\n    ')}`);
    error.name = 'AccessibilityFailure';
    throw error;
  }
  return result.checked;
}
