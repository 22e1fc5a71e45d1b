import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  badgeText,
  buildExtension,
  cardBox,
  cardShown,
  extensionContexts,
  CHROMIUM,
  hoverHighlight,
  highlightTexts,
  launchWithExtension,
  servePages,
  settledState,
  waitFor,
  type Browser,
  type PageServer,
} from './harness';
import { alteredNyt, articleBody, newsPage, plant, PLANTED_VALUES, readReference } from './pages';

const SHOTS = '.output/screenshots';

let browser: Browser;
let server: PageServer;

// Generous: a 2-core machine shared with other work builds and renders slowly.
const SLOW = 180_000;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`);
  const ext = buildExtension();
  server = await servePages();
  browser = await launchWithExtension(ext);
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<{ page: Page; url: string }> {
  const page = await browser.context.newPage();
  const url = server.origin + path;
  await page.goto(url);
  return { page, url };
}

async function openPanel(tabId: number): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}`);
  return panel;
}

describe('an altered copy of a reference article', () => {
  it(
    'gets both kinds of highlight, the discrepancy count on the badge, and the side panel lists each change',
    async () => {
      server.set('/altered.html', newsPage(alteredNyt()));
      const { page, url } = await open('/altered.html');
      const state = await settledState(browser.worker, url);
      expect(state.state).toBe('done');
      expect(state.related).toBe(true);

      const marks = await waitFor('highlights', async () => {
        const h = await highlightTexts(page);
        return h['parallax-agree']?.length && h['parallax-differ']?.length ? h : null;
      });
      expect(marks['parallax-value']?.join(' ')).toContain('15,000');
      // Highlights, not wrappers: the article's DOM holds no marks.
      expect(await page.locator('mark[data-parallax]').count()).toBe(0);

      const badge = await badgeText(browser.worker, state.tabId);
      expect(badge).toBe(String(state.discrepancies));
      expect(Number(badge)).toBeGreaterThanOrEqual(PLANTED_VALUES.length);

      // Hovering the differing value shows the card with the other outlet's reading.
      expect(await hoverHighlight(page)).toBe(true);
      await waitFor('the card', () => cardShown(page));
      await page.screenshot({ path: `${SHOTS}/highlighted-page.png` });

      const panel = await openPanel(state.tabId);
      await panel.locator('.discrepancy').first().waitFor({ timeout: 30_000 });
      const items = await panel.locator('.discrepancy').allInnerTexts();
      for (const [mine, theirs] of PLANTED_VALUES) {
        expect(
          items.some((t) => t.includes(mine) && t.includes(theirs)),
          `a discrepancy with "${mine}" and "${theirs}" in:\n${items.join('\n---\n')}`,
        ).toBe(true);
      }
      await panel.setViewportSize({ width: 420, height: 900 });
      await panel.screenshot({ path: `${SHOTS}/side-panel.png` });

      // The popup's summary for that tab.
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${state.tabId}`);
      await popup.getByText(`${state.discrepancies} discrepancies`).waitFor({ timeout: 30_000 });
      await popup.close();

      // Clicking an item reveals the passage in the page (the flash highlight appears).
      await panel.locator('.discrepancy').first().click();
      await waitFor(
        'the flash highlight',
        async () => (await highlightTexts(page))['parallax-flash']?.length,
      );
      await panel.close();
      await page.close();
    },
    SLOW,
  );
});

describe('the card on a highlight', () => {
  it(
    'opens the side panel from its button',
    async () => {
      server.set('/card.html', newsPage(alteredNyt()));
      const { page, url } = await open('/card.html');
      const state = await settledState(browser.worker, url);
      expect(state.related).toBe(true);
      await waitFor('highlights', async () => (await highlightTexts(page))['parallax-value']?.length);
      expect(await hoverHighlight(page)).toBe(true);
      await waitFor('the card', () => cardShown(page));
      const box = await waitFor('the card on screen', () => cardBox(page));
      // The button is the card's last line, at its left.
      await page.mouse.move(box.left + 40, box.bottom - 22, { steps: 2 });
      await page.mouse.click(box.left + 40, box.bottom - 22);
      // The real side panel where the browser allows it, else the panel page in a tab.
      const opened = await waitFor('the side panel', async () => {
        const contexts = await extensionContexts(browser.worker);
        return contexts.find(
          // A side panel context is listed before its URL is set: wait for the URL.
          (c) =>
            (c.startsWith('SIDE_PANEL') && c.includes('sidepanel.html')) ||
            c.includes(`sidepanel.html?tab=${state.tabId}`),
        );
      });
      expect(opened).toContain('sidepanel.html');
      await page.close();
    },
    SLOW,
  );
});

describe('an unrelated news page', () => {
  it(
    'gets no highlight, no badge and an unchanged DOM',
    async () => {
      const text = readFileSync('tests/fixtures/e2e/meantime-boeing-787.txt', 'utf8').trim().split('\n');
      const [title, ...rest] = text;
      // The DOM as the parser left it, before any content script could run.
      const head = `<script>document.addEventListener('DOMContentLoaded', () => { window.__before = document.documentElement.outerHTML; });</script>`;
      server.set(
        '/unrelated.html',
        newsPage({ title: title ?? 'News', paragraphs: rest }, { head, site: 'Wikinews' }),
      );
      const { page, url } = await open('/unrelated.html');
      const state = await settledState(browser.worker, url);
      expect(state.state === 'cleared' || (state.state === 'done' && state.related === false)).toBe(true);
      expect(await highlightTexts(page)).toEqual({});
      expect(await badgeText(browser.worker, state.tabId)).toBe('');
      const same = await page.evaluate(
        () => (window as unknown as { __before: string }).__before === document.documentElement.outerHTML,
      );
      expect(same).toBe(true);

      const panel = await openPanel(state.tabId);
      await panel.getByText(/Not related to the corpus|Not an article/).waitFor({ timeout: 30_000 });
      await panel.close();
      await page.close();
    },
    SLOW,
  );
});

describe('a single-page site', () => {
  it(
    'replaces the highlights when the page pushes another article',
    async () => {
      const second = plant(readReference('ttoa-cia-drone-missions-mexico'), [
        { kind: 'number', from: '140 analysts', to: '180 analysts' },
      ]);
      // The page's own script swaps the article and pushes a new URL, as single-page sites do.
      const script = `window.__next = ${JSON.stringify(articleBody(second))};
      window.goNext = () => { document.getElementById('main').innerHTML = window.__next; history.pushState({}, '', '/spa/two'); };`;
      server.set('/spa/one', newsPage(alteredNyt(), { script }));
      const { page, url } = await open('/spa/one');
      await settledState(browser.worker, url);
      const before = await waitFor('first highlights', async () => {
        const h = await highlightTexts(page);
        return h['parallax-agree']?.length ? h : null;
      });
      const firstText = before['parallax-agree']?.join(' ') ?? '';
      expect(firstText.length).toBeGreaterThan(0);

      await page.evaluate(() => (window as unknown as { goNext(): void }).goNext());
      const secondUrl = `${server.origin}/spa/two`;
      const state = await settledState(browser.worker, secondUrl);
      expect(state, JSON.stringify(state)).toMatchObject({ state: 'done', related: true });
      const after = await waitFor('new highlights', async () => {
        const h = await highlightTexts(page);
        const texts = Object.entries(h)
          .filter(([k]) => k !== 'parallax-flash')
          .flatMap(([, v]) => v);
        return texts.length && texts.every((t) => t.length > 0) ? texts : null;
      });
      const secondText = second.paragraphs.join(' ').replace(/\s+/g, ' ');
      for (const t of after) expect(secondText).toContain(t.replace(/\s+/g, ' ').slice(0, 40));
      await page.close();
    },
    SLOW,
  );
});

describe('page text with markup in it', () => {
  it(
    'is shown as text in the side panel, never as HTML',
    async () => {
      const base = plant(readReference('nyt-cia-drone-flights-mexico'), [
        { kind: 'number', from: '10,000 troops', to: '15,000 troops <b>bold</b>' },
      ]);
      const article = {
        ...base,
        paragraphs: [
          ...base.paragraphs.slice(0, 3),
          'A reader wrote in to say that <img src=x onerror=alert(1)> appeared in the comments.',
          ...base.paragraphs.slice(3),
        ],
      };
      let dialogs = 0;
      browser.context.on('page', (p) => p.on('dialog', (d) => void (dialogs++, d.dismiss())));
      server.set('/markup.html', newsPage(article));
      const { page, url } = await open('/markup.html');
      const state = await settledState(browser.worker, url);
      expect(state.related).toBe(true);
      const panel = await openPanel(state.tabId);
      panel.on('dialog', (d) => void (dialogs++, d.dismiss()));
      await panel.locator('.passage').first().waitFor({ timeout: 30_000 });
      const text = await panel.locator('main').innerText();
      expect(text).toContain('<b>bold</b>');
      expect(text).toContain('<img src=x onerror=alert(1)>');
      expect(await panel.locator('main b, main img').count()).toBe(0);
      expect(dialogs).toBe(0);
      await panel.close();
      await page.close();
    },
    SLOW,
  );
});

describe('pausing a site from the popup', () => {
  it(
    'removes the highlights and the badge, and resuming brings them back',
    async () => {
      server.set('/pause.html', newsPage(alteredNyt()));
      const { page, url } = await open('/pause.html');
      const state = await settledState(browser.worker, url);
      expect(state.related).toBe(true);
      await waitFor('highlights', async () => (await highlightTexts(page))['parallax-differ']?.length);

      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${state.tabId}`);
      const toggle = popup.getByLabel(/Pause on 127\.0\.0\.1/);
      await toggle.check();
      await waitFor('highlights removed', async () => Object.keys(await highlightTexts(page)).length === 0);
      await waitFor(
        'the paused state',
        async () => (await settledState(browser.worker, url)).reason === 'paused',
      );
      expect(await badgeText(browser.worker, state.tabId)).toBe('');
      await popup.getByText('Paused on this site').waitFor({ timeout: 30_000 });

      await toggle.uncheck();
      await waitFor('highlights back', async () => (await highlightTexts(page))['parallax-differ']?.length);
      expect(await badgeText(browser.worker, state.tabId)).toBe(String(state.discrepancies));
      await popup.close();
      await page.close();
    },
    SLOW,
  );
});
