/**
 * The Firefox build in Firefox ESR: the browser suite's core cases (highlights, badge, the
 * sidebar page, an unrelated page left alone). Skipped, saying why, only where no Firefox is
 * installed; CI installs it (.ci/run) and sets PARALLAX_E2E_REQUIRE_FIREFOX so it cannot skip there.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { buildExtension, servePages, waitFor, type PageServer } from './harness';
import { firefoxMissing, launchFirefox, setViewport, type Firefox } from './firefox-harness';
import { cardOnPage, domUnchanged, highlightPoint, readHighlights } from './in-page';
import { alteredNyt, newsPage, NYT_ID, paraphrasedNyt, PLANTED_VALUES, unrelatedNewsPage } from './pages';

const SHOTS = '.output/screenshots';
const SLOW = 180_000;

const missing = firefoxMissing();
if (missing && process.env.PARALLAX_E2E_REQUIRE_FIREFOX)
  throw new Error(`Firefox tests required: ${missing}`);
if (missing) console.warn(`Skipping the Firefox tests: ${missing}`);
const title = missing ? `the Firefox build in Firefox (skipped: ${missing})` : 'the Firefox build in Firefox';

describe.skipIf(missing !== null)(title, () => {
  let ff: Firefox;
  let server: PageServer;

  beforeAll(async () => {
    const ext = buildExtension('.output/e2e-firefox', 'firefox');
    server = await servePages();
    ff = await launchFirefox(ext);
    mkdirSync(SHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  const highlights = (page: Page) => page.evaluate(readHighlights);

  it(
    'highlights an altered reference article, counts its discrepancies on the badge, and the sidebar page lists each change',
    async () => {
      server.set('/altered.html', newsPage(alteredNyt()));
      const url = `${server.origin}/altered.html`;
      const page = await ff.newPage(url);
      const state = await ff.settledState(url);
      expect(state.state).toBe('done');
      expect(state.related).toBe(true);

      const marks = await waitFor('highlights', async () => {
        const h = await highlights(page);
        return h['parallax-agree']?.length && h['parallax-differ']?.length ? h : null;
      });
      expect(marks['parallax-value']?.join(' ')).toContain('15,000');
      // CSS Custom Highlights in Firefox too: no <mark> wrappers in the article.
      expect(await page.$$eval('mark[data-parallax]', (m) => m.length)).toBe(0);

      // Hovering the differing value shows the card with the other outlet's reading.
      const point = await page.evaluate(highlightPoint, { name: 'parallax-value' });
      expect(point).not.toBeNull();
      // In steps from off the value: BiDi delivers a move's steps within one frame, and the card
      // must follow the last of them (the content script reads the pointer once a frame).
      await page.mouse.move((point?.x ?? 0) - 30, (point?.y ?? 0) + 40);
      await page.mouse.move(point?.x ?? 0, point?.y ?? 0, { steps: 4 });
      await waitFor('the card', () => page.evaluate(cardOnPage));
      await page.screenshot({ path: `${SHOTS}/firefox-highlighted-page.png` });

      const badge = await ff.badgeText(state.tabId);
      expect(badge).toBe(String(state.discrepancies));
      expect(Number(badge)).toBeGreaterThanOrEqual(PLANTED_VALUES.length);

      // The sidebar_action page, opened in a tab for that tab's comparison.
      const panel = await ff.extensionPage(`sidepanel.html?tab=${state.tabId}`);
      const items = await waitFor('the discrepancies in the sidebar page', async () => {
        const texts = await panel.$$eval('.discrepancy', (els) =>
          els.map((e) => (e as HTMLElement).innerText),
        );
        return texts.length ? texts : null;
      });
      for (const [mine, theirs] of PLANTED_VALUES) {
        expect(
          items.some((t) => t.includes(mine) && t.includes(theirs)),
          `a discrepancy with "${mine}" and "${theirs}" in:\n${items.join('\n---\n')}`,
        ).toBe(true);
      }
      await setViewport(panel, { width: 420, height: 900 });
      await panel.screenshot({ path: `${SHOTS}/firefox-sidebar-page.png` });
      await panel.close();
      await page.close();
    },
    SLOW,
  );

  it(
    'leaves an unrelated news page unchanged: same DOM, no highlight, no badge',
    async () => {
      server.set('/unrelated.html', unrelatedNewsPage());
      const url = `${server.origin}/unrelated.html`;
      const page = await ff.newPage(url);
      const state = await ff.settledState(url);
      expect(state.state === 'cleared' || (state.state === 'done' && state.related === false)).toBe(true);
      expect(await highlights(page)).toEqual({});
      expect(await ff.badgeText(state.tabId)).toBe('');
      expect(await page.evaluate(domUnchanged)).toBe(true);

      const panel = await ff.extensionPage(`sidepanel.html?tab=${state.tabId}`);
      await waitFor('the sidebar page says why', () =>
        panel.evaluate(() => /Not related to the corpus|Not an article/.test(document.body.innerText)),
      );
      await panel.close();
      await page.close();
    },
    SLOW,
  );

  it('runs the semantic pass from the extension’s own files: a paraphrased copy of a reference article gets its passages aligned and its changed figure flagged', async () => {
    server.set('/paraphrased.html', newsPage(paraphrasedNyt()));
    const url = `${server.origin}/paraphrased.html`;
    const page = await ff.newPage(url);
    // The lexical pass pairs 3 of these passages with the NYT, the semantic pass 5 (ADR 010): the
    // lexical report comes first, the semantic one replaces it.
    const seen = await waitFor(
      'the semantic report',
      async () => {
        const s = await ff.sourceSummary(url, NYT_ID);
        return s && s.passages >= 5 ? s : null;
      },
      150_000,
    );
    expect(seen.values).toContainEqual(['15,000', '10,000']);
    const state = await ff.settledState(url);
    expect(state.comparing).toBe(false);
    expect(await ff.badgeText(state.tabId)).toBe(String(state.discrepancies));

    // The encoder's files came from the extension (moz-extension://UUID/…), and nothing else:
    // the background page fetched the model, its weights and vocabulary, and one wasm binary.
    const fetched = await ff.backgroundFetches();
    for (const f of ['model/use-lite/model.json', 'model/use-lite/weights.bin', 'model/use-lite/vocab.json'])
      expect(fetched).toContain(`${ff.origin}/${f}`);
    expect(fetched.filter((f) => /\/wasm\/tfjs-backend-wasm(-simd)?\.wasm$/.test(f))).toHaveLength(1);
    expect(fetched.filter((f) => !f.startsWith(`${ff.origin}/`))).toEqual([]);
    // And no request left 127.0.0.1 (the proxy canary; its own check is the last case).
    expect(ff.proxyHits).toEqual([]);
    await page.close();
  }, 200_000);

  it('reaches no host but 127.0.0.1', async () => {
    expect(ff.proxyHits).toEqual([]);
    // The check can fail: a request for another host does reach the dead proxy.
    const page = await ff.browser.newPage();
    await page.goto('http://parallax.invalid/', { timeout: 10_000 }).catch(() => {});
    await waitFor('the proxy to see the request', async () => ff.proxyHits.length > 0, 10_000);
    expect(ff.proxyHits[0]).toContain('parallax.invalid');
    await page.close();
  });
});
