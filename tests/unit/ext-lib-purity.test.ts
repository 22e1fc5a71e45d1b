/**
 * lib/ stays plain data in, plain data out: the lint rules that keep the extension's, the page's
 * and Node's globals out of it (eslint.config.js) are in force, and a Document parameter is fine.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lib/ purity', () => {
  it('forbids browser, chrome, DOM and Node globals in lib/', async () => {
    const found = await problems(
      [
        'export const a = document.title;',
        'export const b = window.location.href;',
        'export const c = browser.runtime.id;',
        'export const d = chrome.runtime.id;',
        'export const e = globalThis.document;',
        'export const f = process.env.HOME;',
        "export { h } from '../ext/messaging';",
        "export { browser as i } from 'wxt/browser';",
        '',
      ].join('\n'),
      'lib/probe.ts',
    );
    for (const name of ['document', 'window', 'browser', 'chrome', 'globalThis.document', 'process'])
      expect(
        found.some((p) => p.includes(`'${name}'`)),
        `${name} in:\n${found.join('\n')}`,
      ).toBe(true);
    expect(found.filter((p) => p.startsWith('no-restricted-imports'))).toHaveLength(2);
  }, 60_000);

  it('lets lib/ read a Document it is given, and the extension use the globals', async () => {
    const code = 'export const title = (doc: Document): string => doc.title + String(performance.now());\n';
    expect(await problems(code, 'lib/probe.ts')).toEqual([]);
    expect(await problems('export const t = (): string => document.title;\n', 'ext/probe.ts')).toEqual([]);
  }, 60_000);
});
