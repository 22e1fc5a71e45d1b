/**
 * Corpus management in Chromium: add a page to the reader's corpus, see it on the options page,
 * and see a new page compared against it. The added article is the MEANTIME Wikinews fixture
 * (tests/fixtures/e2e/README.md for attribution), which is unrelated to the bundled corpus.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { settledState, waitFor, type Browser, type PageServer, startChromium, stopChromium } from './harness';
import { newsPage } from './pages';

// The README's pictures are refreshed by `npm run screenshots`; `npm test` leaves docs/ alone.
const SHOTS = '.output/screenshots';

let browser: Browser;
let server: PageServer;

const lines = readFileSync('tests/fixtures/e2e/meantime-boeing-787.txt', 'utf8').trim().split('\n');
const boeing = { title: lines[0]!, paragraphs: lines.slice(2) };
// Another outlet's copy of the same story with two facts changed.
const altered = {
  title: 'Boeing shows off its 787 Dreamliner in Everett',
  paragraphs: boeing.paragraphs.map((p) =>
    p.replace('15,000 people', '12,000 people').replace('35 new orders', '53 new orders'),
  ),
};

beforeAll(async () => {
  // Stands in for the activeTab grant of the reader's click (see wxt.config.ts).
  process.env.PARALLAX_E2E_HOST_ACCESS = '1';
  ({ browser, server } = await startChromium('.output/e2e-corpus'));
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(() => stopChromium(browser, server));

/** Sends a corpus message from an extension page, as the popup does. */
async function sendFromExtension(ext: Page, msg: unknown): Promise<unknown> {
  return ext.evaluate(
    (m) => (globalThis as unknown as { chrome: ChromeLike }).chrome.runtime.sendMessage(m),
    msg,
  );
}

interface ChromeLike {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
  storage: { session: { get(k: null): Promise<Record<string, unknown>> } };
}

async function sourcesOf(worker: Worker, url: string): Promise<string[]> {
  return worker.evaluate(async (u) => {
    const all = (await (globalThis as unknown as { chrome: ChromeLike }).chrome.storage.session.get(
      null,
    )) as Record<string, { url?: string; report?: { sources: Array<{ id: string }> } }>;
    const state = Object.values(all).find((v) => v && v.url === u);
    return state?.report?.sources.map((s) => s.id) ?? [];
  }, url);
}

describe('the reader’s own corpus', () => {
  it('adds a page, lists it on the options page, then compares a new page against it', async () => {
    server.set('/wikinews/boeing.html', newsPage(boeing, { site: 'Wikinews' }));
    server.set('/daily/boeing.html', newsPage(altered, { site: 'The Daily Example' }));

    // Before: the other outlet's copy has nothing to be compared with.
    const before = await browser.context.newPage();
    const alteredUrl = server.origin + '/daily/boeing.html';
    await before.goto(alteredUrl);
    expect((await settledState(browser.worker, alteredUrl)).related).toBeFalsy();
    await before.close();

    const article = await browser.context.newPage();
    const articleUrl = server.origin + '/wikinews/boeing.html';
    await article.goto(articleUrl);
    const { tabId } = await settledState(browser.worker, articleUrl);

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('tbody tr').first().waitFor();
    const bundledRows = await options.locator('tbody tr').count();

    const added = (await sendFromExtension(options, { type: 'corpus-add-tab', tabId })) as Record<
      string,
      unknown
    >;
    expect(added).toMatchObject({ status: 'added', title: boeing.title, outlet: 'Wikinews' });
    const again = await sendFromExtension(options, { type: 'corpus-add-tab', tabId });
    expect(again).toMatchObject({ status: 'duplicate' });

    // The open options page follows the change.
    await options.getByRole('button', { name: boeing.title, exact: true }).waitFor();
    expect(await options.locator('tbody tr').count()).toBe(bundledRows + 1);
    const row = options.locator('tbody tr', { hasText: boeing.title });
    expect(await row.innerText()).toContain('Wikinews');
    expect(await row.innerText()).toContain('yours');

    await options.setViewportSize({ width: 1100, height: 760 });
    await options.screenshot({ path: `${SHOTS}/options.png`, fullPage: true });
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.screenshot({ path: `${SHOTS}/options-dark.png`, fullPage: true });
    await options.emulateMedia({ colorScheme: 'light' });

    // Search finds it by a word of its text, with a typo.
    await options.getByLabel('Search').fill('dreamlnier');
    await waitFor(
      'search results',
      async () => ((await options.locator('tbody tr').count()) === 1 ? true : null),
      10_000,
    );

    // The reading view shows the text.
    await options.getByRole('button', { name: boeing.title, exact: true }).click();
    await expect(options.locator('article.reader').innerText()).resolves.toContain('Everett Factory');

    // A new page from another outlet is now compared against the added article.
    const page = await browser.context.newPage();
    const url = alteredUrl + '?after';
    await page.goto(url);
    const state = await settledState(browser.worker, url);
    expect(state.related).toBe(true);
    expect(await sourcesOf(browser.worker, url)).toContain(added.id);

    // The index of the grown corpus is saved for the next service-worker start.
    const saved = await waitFor('the saved index', () =>
      browser.worker.evaluate(async () => {
        const c = (
          globalThis as unknown as {
            chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
          }
        ).chrome;
        return ((await c.storage.local.get('corpus.index'))['corpus.index'] as { key?: string } | undefined)
          ?.key;
      }),
    );
    expect(saved).toMatch(/@/);
  }, 300_000);
});
