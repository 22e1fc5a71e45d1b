/**
 * The semantic pass in real Chromium: the sentence encoder runs in the service worker from the
 * extension's own files, aligns a paraphrased copy of a reference article (our own paraphrase of
 * the bundled NYT seed, tests/fixtures/e2e/paraphrased-nyt.txt) beyond what the lexical pass
 * finds, and flags the figure changed in a paraphrased sentence, with no network request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildExtension,
  CHROMIUM,
  launchWithExtension,
  servePages,
  settledState,
  waitFor,
  type Browser,
  type PageServer,
} from './harness';
import { readSourceSummary } from './in-page';
import { newsPage, NYT_ID, paraphrasedNyt } from './pages';

let browser: Browser;
let server: PageServer;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`);
  // Host access to the test server, so that a tab's article can be added to the corpus (as a
  // reader's click grants it with activeTab).
  process.env.PARALLAX_E2E_HOST_ACCESS = '1';
  const ext = buildExtension('.output/e2e-semantic');
  server = await servePages();
  browser = await launchWithExtension(ext);
  browser.context.on('request', (r) => requests.push(r.url()));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a paraphrased copy of a reference article', () => {
  it('gets its paraphrased passages aligned and the changed figure flagged, all offline', async () => {
    server.set('/paraphrased.html', newsPage(paraphrasedNyt()));
    const page = await browser.context.newPage();
    const url = `${server.origin}/paraphrased.html`;
    await page.goto(url);
    // The lexical pass pairs 3 of these passages with the NYT; the semantic pass 5 (ADR 010).
    const seen = await waitFor(
      'the semantic report',
      async () => {
        const s = await browser.worker.evaluate(readSourceSummary, { url, id: NYT_ID });
        return s && s.passages >= 5 ? s : null;
      },
      150_000,
    );
    expect(seen.values).toContainEqual(['15,000', '10,000']);
    const outside = requests.filter(
      (r) => !r.startsWith(server.origin) && !r.startsWith('chrome-extension://') && !r.startsWith('data:'),
    );
    expect(outside).toEqual([]);
    await page.close();
  }, 200_000);

  it('gives an article the reader adds its sentence vectors in the background, stored once', async () => {
    const lines = readFileSync('tests/fixtures/e2e/meantime-boeing-787.txt', 'utf8').trim().split('\n');
    const [title, paragraphs] = [lines[0]!, lines.slice(2)];
    server.set('/boeing.html', newsPage({ title, paragraphs }));
    const page = await browser.context.newPage();
    const url = `${server.origin}/boeing.html`;
    await page.goto(url);
    const { tabId } = await settledState(browser.worker, url);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const added = (await options.evaluate(
      (m) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage(m),
      { type: 'corpus-add-tab', tabId },
    )) as { status: string; id?: string };
    expect(added.status, JSON.stringify(added)).toBe('added');
    // ext/corpus-vectors.ts: one IndexedDB entry per article for its sentence vectors, keyed by id
    // and sentences key, and one for its document vector (the same key after \u0001).
    const keys = await waitFor(
      'the added article’s vectors',
      async () => {
        const ks = await browser.worker.evaluate(
          () =>
            new Promise<string[]>((resolve) => {
              const req = indexedDB.open('parallax-vectors', 1);
              req.onupgradeneeded = () => req.result.createObjectStore('vectors');
              req.onsuccess = () => {
                const all = req.result.transaction('vectors').objectStore('vectors').getAllKeys();
                all.onsuccess = () => resolve(all.result.map(String));
                all.onerror = () => resolve([]);
              };
              req.onerror = () => resolve([]);
            }),
        );
        return ks.some((k) => k.startsWith(`\u0001${added.id}\u0000`)) ? ks : null;
      },
      120_000,
    );
    expect(keys.filter((k) => k.startsWith(`${added.id}\u0000`))).toHaveLength(1);
    expect(keys).toHaveLength(2);
    await options.close();
    await page.close();
  }, 200_000);
});
