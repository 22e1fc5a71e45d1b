/**
 * The reader's view in Chromium (issue 10): the side panel's order, counts, score and keys; the
 * card on the page; the popup's primary action; the options page's dates and search snippets;
 * and axe-core on the panel, popup and options pages, light and dark. Screenshots of each view go
 * to .output/reader/ (never docs/: `npm run screenshots` copies the README's pictures).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  cardShown,
  hoverHighlight,
  highlightTexts,
  settledState,
  waitFor,
  type Browser,
  type PageServer,
  startChromium,
  stopChromium,
} from './harness';
import { alteredNyt, newsPage, plant, readReference } from './pages';

const READER_SHOTS = '.output/reader';
const SLOW = 180_000;

let browser: Browser;
let server: PageServer;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  ({ browser, server } = await startChromium('.output/e2e-reader'));
  mkdirSync(READER_SHOTS, { recursive: true });
}, 300_000);

afterAll(() => stopChromium(browser, server));

async function open(path: string, html: string): Promise<{ page: Page; url: string; tabId: number }> {
  server.set(path, html);
  const page = await browser.context.newPage();
  const url = server.origin + path;
  await page.goto(url);
  const state = await settledState(browser.worker, url);
  return { page, url, tabId: state.tabId };
}

async function extensionPage(path: string, size = { width: 420, height: 900 }): Promise<Page> {
  const p = await browser.context.newPage();
  await p.setViewportSize(size);
  await p.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return p;
}

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document): Promise<AxeResult> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }>;
}

/** axe in light and dark, with a screenshot of each. */
async function checkBothSchemes(page: Page, name: string, fullPage = false): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${READER_SHOTS}/${name}-${scheme}.png`, fullPage });
    expect(await axeViolations(page), `${name} in ${scheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

type CdpNode = {
  nodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
};

const attr = (n: CdpNode, name: string): string | undefined => {
  const a = n.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
};

/**
 * The card as the reader sees it. Its content is in a closed shadow root, out of the page's
 * reach; the DevTools protocol's DOM, which pierces shadow roots, reads it.
 */
async function readCard(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const kids = (n: CdpNode) => [...(n.children ?? []), ...(n.shadowRoots ?? [])];
  const find = (n: CdpNode, ok: (n: CdpNode) => boolean): CdpNode[] => [
    ...(ok(n) ? [n] : []),
    ...kids(n).flatMap((c) => find(c, ok)),
  ];
  const text = (n: CdpNode): string => (n.nodeType === 3 ? (n.nodeValue ?? '') : kids(n).map(text).join(''));
  const host = find(root, (n) => attr(n, 'data-parallax-ui') === 'card')[0];
  if (!host) return null;
  const hasClass = (c: string) => (n: CdpNode) => (attr(n, 'class') ?? '').split(' ').includes(c);
  const card = find(host, hasClass('card'))[0];
  const style = card
    ? ((await cdp.send('CSS.getComputedStyleForNode', { nodeId: card.nodeId })) as {
        computedStyle: Array<{ name: string; value: string }>;
      })
    : null;
  const more = find(host, hasClass('more'))[0];
  const box = more
    ? ((await cdp.send('DOM.getBoxModel', { nodeId: more.nodeId })) as { model: { content: number[] } }).model
        .content
    : null;
  const result = {
    tone: attr(host, 'data-parallax-tone'),
    background: style?.computedStyle.find((s) => s.name === 'background-color')?.value,
    sentences: find(host, hasClass('sentence')).map(text),
    more: box ? { x: ((box[0] ?? 0) + (box[4] ?? 0)) / 2, y: ((box[1] ?? 0) + (box[5] ?? 0)) / 2 } : null,
  };
  await cdp.detach();
  return result;
}

/** The report the background holds for a URL, from its storage.session mirror. */
async function reportFor(url: string) {
  return browser.worker.evaluate(async (u) => {
    const c = (
      globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<object> } } } }
    ).chrome;
    const all = (await c.storage.session.get(null)) as Record<string, { url?: string; report?: unknown }>;
    return Object.values(all).find((v) => v?.url === u)?.report as
      | {
          passages: Array<{ verdict: string; matches: Array<{ text: string }> }>;
          sources: Array<{ id: string }>;
          discrepancies: unknown[];
        }
      | undefined;
  }, url);
}

/**
 * The altered NYT article with paragraphs of this page's own (written for this test): a page that
 * shares some passages with an outlet, differs in some and has some no other outlet has.
 */
function withOwnParagraphs() {
  const a = alteredNyt();
  const own = [
    'Our correspondent in Culiacán spent a week with farmers who say the flights are audible at night.',
    'Local officials declined to comment on the record, citing the sensitivity of the programme.',
    'This newspaper asked the embassy for details on three occasions and received no reply.',
    'Readers can follow our continuing coverage of the border on the world desk page.',
  ];
  const paragraphs = a.paragraphs.flatMap((p, i) => (i % 4 === 3 && own.length ? [p, own.shift()!] : [p]));
  return { ...a, paragraphs: [...paragraphs, ...own] };
}

describe('the side panel on a related page', () => {
  it(
    'leads with discrepancies and shared passages, folds the unique ones, one score per source, j/k from the start',
    async () => {
      const { page, url, tabId } = await open('/reader/altered.html', newsPage(withOwnParagraphs()));
      const report = await waitFor('the report', () => reportFor(url));
      const unique = report.passages.filter((p) => p.verdict === 'unique').length;
      const shared = report.passages.length - unique;
      expect(unique).toBeGreaterThan(0);
      expect(shared).toBeGreaterThan(0);

      const panel = await extensionPage(`sidepanel.html?tab=${tabId}`);
      await panel.locator('.discrepancy').first().waitFor({ timeout: 30_000 });
      // The panel does not take focus when it opens.
      expect(await panel.evaluate(() => document.activeElement === document.body)).toBe(true);

      // Order: discrepancies, shared passages, then the unique ones as one collapsed group.
      const sections = await panel
        .locator('.report > section')
        .evaluateAll((s) => s.map((e) => e.getAttribute('aria-labelledby')));
      expect(sections).toEqual(['h-disc', 'h-shared', 'h-unique']);
      const toggle = panel.locator('[data-unique-toggle]');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await toggle.innerText()).toContain(`(${unique})`);
      expect(await panel.locator('.passage.verdict-unique').count()).toBe(0);
      expect(await panel.locator('.passage').count()).toBe(shared);

      // Counts agree: the summary, the chips and each source's shared passages.
      expect(await panel.locator('[data-filter="all"] .chip-count').innerText()).toBe(
        String(report.passages.length),
      );
      expect(await panel.locator('[data-filter="shared"] .chip-count').innerText()).toBe(String(shared));
      expect(await panel.locator('[data-filter="unique"] .chip-count').innerText()).toBe(String(unique));
      expect(await panel.locator('.summary').innerText()).toContain(
        `${shared} of ${report.passages.length} passages shared`,
      );
      for (const li of await panel.locator('[data-source]').all()) {
        expect(await li.locator('[data-score]').count()).toBe(1);
        expect((await li.innerText()).match(/%/g)?.length).toBe(1);
        const n = Number(/(\d+) shared passage/.exec(await li.locator('.source-shared').innerText())?.[1]);
        expect(n).toBeGreaterThan(0);
        expect(n).toBeLessThanOrEqual(shared);
        expect(await li.locator('.match').getAttribute('title')).toMatch(/^Story match: /);
      }
      expect(await panel.locator('[data-source]').count()).toBe(report.sources.length);
      // No second percentage on the passages.
      for (const t of await panel.locator('.match-row').allInnerTexts()) expect(t).not.toMatch(/%/);
      await checkBothSchemes(panel, 'panel');
      for (const w of ['paraphrase', 'close', 'same']) {
        const row = panel.locator(`[data-wording="${w}"]`).first();
        if (!(await row.count())) continue;
        await row.scrollIntoViewIfNeeded();
        await panel.screenshot({ path: `${READER_SHOTS}/panel-${w}.png` });
      }

      // j and k work at once, from the panel's document, then move through the list.
      await panel.keyboard.press('j');
      const focused = () =>
        panel.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          const all = [...document.querySelectorAll('[data-item]')];
          return a ? all.indexOf(a) : -1;
        });
      expect(await focused()).toBe(0);
      await panel.keyboard.press('j');
      expect(await focused()).toBe(1);
      await panel.keyboard.press('k');
      expect(await focused()).toBe(0);
      // The folded group is reachable by keyboard: End, then Enter opens it.
      await panel.keyboard.press('End');
      expect(await panel.evaluate(() => document.activeElement?.hasAttribute('data-unique-toggle'))).toBe(
        true,
      );
      await panel.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await panel.locator('.passage.verdict-unique').count()).toBe(unique);
      await panel.keyboard.press('j');
      expect(await panel.evaluate(() => document.activeElement?.classList.contains('verdict-unique'))).toBe(
        true,
      );
      await panel.screenshot({ path: `${READER_SHOTS}/panel-unique-open.png` });

      // The filter row does not reflow when a chip is selected.
      const boxes = () =>
        panel.locator('.filters button').evaluateAll((bs) => {
          const top = bs[0]?.getBoundingClientRect().top ?? 0;
          // Left, width and the row each chip is on (relative to the first: scrolling moves them all).
          return bs.map((b) => {
            const r = b.getBoundingClientRect();
            return [Math.round(r.left), Math.round(r.top - top), Math.round(r.width)];
          });
        });
      const before = await boxes();
      for (const f of ['shared', 'unique', 'discrepancies', 'all']) {
        await panel.locator(`[data-filter="${f}"]`).click();
        expect(await boxes(), `after selecting ${f}`).toEqual(before);
      }
      // The unique passages by filter too.
      await panel.locator('[data-filter="unique"]').click();
      expect(await panel.locator('.passage').count()).toBe(unique);
      await panel.close();
      await page.close();
    },
    SLOW,
  );
});

describe('claim and value flags in the side panel', () => {
  it(
    "shows a claim flag's two phrases side by side, and the word diff marks the words the engine flagged",
    async () => {
      // The NYT article with two edits: a value (10,000 → 15,000 troops) and a claim's status
      // ("plans to designate" stated as done).
      const a = plant(readReference('nyt-cia-drone-flights-mexico'), [
        { kind: 'number', from: '10,000 troops', to: '15,000 troops' },
        { kind: 'claim', from: 'his administration plans to designate', to: 'his administration designated' },
      ]);
      const { page, url, tabId } = await open('/reader/claims.html', newsPage(a));
      await waitFor('the report', () => reportFor(url));
      const panel = await extensionPage(`sidepanel.html?tab=${tabId}`, { width: 420, height: 1100 });
      await panel.locator('.discrepancy.kind-claim').first().waitFor({ timeout: 30_000 });
      // Other outlets flag other claims of this article (seed 002's "prohibits"): this one is the NYT's.
      const claim = panel.locator('.discrepancy.kind-claim', { hasText: 'plans to designate' }).first();
      const phrases = await claim.locator('.readings .val.phrase').allInnerTexts();
      expect(phrases[0]).toMatch(/^designated\b/);
      expect(phrases[1]).toMatch(/^plans to designate\b/);
      const value = panel.locator('.discrepancy.kind-number', { hasText: '15,000' }).first();
      expect(await value.locator('.readings .val').allInnerTexts()).toEqual(['15,000', '10,000']);
      // The passage's word diff: "plans to" only in the NYT and flagged, "15,000 → 10,000" flagged.
      const claimRow = panel
        .locator('.passage', { hasText: 'his administration designated' })
        .locator('.diff');
      expect(await claimRow.locator('ins.flagged').first().innerText()).toContain('plans to');
      const valueRow = panel.locator('.passage', { hasText: '15,000 troops' }).locator('.diff');
      expect(await valueRow.locator('del.flagged').first().innerText()).toContain('15,000');
      expect(await valueRow.locator('ins.flagged').first().innerText()).toContain('10,000');
      await panel.locator('#h-disc').scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `${READER_SHOTS}/panel-claim-flags.png` });
      await claim.screenshot({ path: `${READER_SHOTS}/panel-claim-flag.png` });
      // The sentence copied word for word in that merged passage is "same words", not a paraphrase.
      const copied = panel
        .locator('.passage', { hasText: 'his administration designated' })
        .locator('.match-row', { hasText: 'The New York Times' })
        .first();
      expect(await copied.locator('[data-wording]').getAttribute('data-wording')).toBe('same');
      await claimRow.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `${READER_SHOTS}/panel-claim-diff.png` });
      await panel.close();
      await page.close();
    },
    SLOW,
  );

  it(
    "shows seed 002's claim against The New York Times with both phrases and what was compared",
    async () => {
      // Seed 002 (TTOA) as the page: the corpus copy is the page itself and is left out, the NYT stays.
      const { page, url, tabId } = await open(
        '/reader/ttoa.html',
        newsPage(readReference('ttoa-cia-drone-missions-mexico')),
      );
      await waitFor('the report', () => reportFor(url));
      const panel = await extensionPage(`sidepanel.html?tab=${tabId}`);
      const claim = panel
        .locator('.discrepancy.kind-claim', { hasText: 'plans to designate' })
        .filter({ hasText: 'The New York Times' })
        .first();
      await claim.waitFor({ timeout: 30_000 });
      const phrases = await claim.locator('.readings .val.phrase').allInnerTexts();
      expect(phrases[0]).toMatch(/designating/);
      expect(phrases[1]).toMatch(/^plans to designate\b/);
      expect(await claim.locator('[data-check="status"]').innerText()).toBe('done or only planned');
      await claim.screenshot({ path: `${READER_SHOTS}/panel-seed-002-claim.png` });
      await panel.close();
      await page.close();
    },
    SLOW,
  );
});

describe('the card on the page', () => {
  it(
    'stays light on a light page when the system is dark, cuts at a word and offers the whole sentence',
    async () => {
      const { page, url } = await open('/reader/card.html', newsPage(alteredNyt()));
      await page.emulateMedia({ colorScheme: 'dark' });
      const report = await waitFor('the report', () => reportFor(url));
      await waitFor('highlights', async () => (await highlightTexts(page))['parallax-value']?.length);
      // The differing passage is one range across the link and the italics inside it: no gaps.
      const differ = (await highlightTexts(page))['parallax-differ'] ?? [];
      expect(
        differ.some((t) => /Northern Command has conducted more than two dozen surveillance/.test(t)),
      ).toBe(true);
      // Agreement is quiet: no mark in the text, a bar in the margin.
      expect(await page.evaluate(() => !!document.querySelector('[data-parallax-ui="margin"]'))).toBe(true);
      await page.screenshot({ path: `${READER_SHOTS}/page.png` });
      // RC-145: the outlet's sentence is longer than the card shows at first.
      expect(await hoverHighlight(page, 'parallax-value', 'RC-145')).toBe(true);
      await waitFor('the card', () => cardShown(page));
      const card = await waitFor('the card content', async () => {
        const c = await readCard(page);
        return c?.sentences.length ? c : null;
      });
      expect(card.tone).toBe('light');
      expect(card.background).toBe('rgb(255, 255, 255)');
      await page.screenshot({ path: `${READER_SHOTS}/card.png` });

      // The long sentence is cut after a whole word of the outlet's text.
      const full = report.passages.flatMap((p) => p.matches.map((m) => m.text));
      const cut = card.sentences.filter((s) => s.endsWith('…'));
      expect(cut.length, card.sentences.join('\n')).toBeGreaterThan(0);
      expect(card.more).not.toBeNull();
      for (const s of cut) {
        const kept = s.slice(0, -1);
        const source = full.find((f) => f.startsWith(kept));
        expect(source, `"${s}" is the start of a matched sentence`).toBeDefined();
        expect(source?.[kept.length] ?? ' ', `"${s}" ends at a word`).toMatch(/[\s,;:–—-]/);
      }
      // "more" shows the whole sentence.
      const more = card.more!;
      await page.mouse.move(more.x, more.y, { steps: 2 });
      await page.mouse.click(more.x, more.y);
      const after = await waitFor('the whole sentence', async () => {
        const c = await readCard(page);
        return c && c.sentences.some((s) => full.includes(s) && s.length > 180) ? c : null;
      });
      expect(after.sentences.filter((s) => s.endsWith('…')).length).toBeLessThan(cut.length);
      await page.screenshot({ path: `${READER_SHOTS}/card-more.png` });
      await page.close();
    },
    SLOW,
  );

  it(
    'is dark on a dark page',
    async () => {
      const dark = newsPage(alteredNyt(), {
        head: '<style>html,body{background:#121212;color:#ddd}</style>',
      });
      const { page } = await open('/reader/dark.html', dark);
      await page.emulateMedia({ colorScheme: 'light' });
      await waitFor('highlights', async () => (await highlightTexts(page))['parallax-value']?.length);
      expect(await hoverHighlight(page)).toBe(true);
      await waitFor('the card', () => cardShown(page));
      const card = await waitFor('the card content', () => readCard(page));
      expect(card.tone).toBe('dark');
      await page.screenshot({ path: `${READER_SHOTS}/card-dark-page.png` });
      await page.close();
    },
    SLOW,
  );
});

describe('highlights around an embedded post', () => {
  it(
    'never cover the embed: only the passage is marked',
    async () => {
      const a = alteredNyt();
      const tweet = `<blockquote class="twitter-tweet"><p lang="en">Drone flights over the border, as seen from a rooftop in the north. <a href="https://twitter.com/example/status/1">pic.twitter.com/abc123</a></p>&mdash; Example Reporter (@example) <a href="https://twitter.com/example/status/1">March 3, 2025</a></blockquote>`;
      // The post's link glued to the end of the paragraph with the differing value, as embeds
      // often leave it, and the post itself right after that paragraph.
      const link = ' <a href="https://twitter.com/example/status/2">pic.twitter.com/xyz789</a>';
      const parts = newsPage(a).split('</p>\n');
      const at = parts.findIndex((p) => p.includes('15,000'));
      expect(at).toBeGreaterThan(0);
      parts[at] = `${parts[at]}${link}</p>\n      ${tweet}`;
      const html = parts.join('</p>\n');
      expect(html).toContain('twitter-tweet');
      const { page } = await open('/reader/embed.html', html);
      const marks = await waitFor('highlights', async () => {
        const h = await highlightTexts(page);
        return h['parallax-differ']?.length ? h : null;
      });
      const all = Object.values(marks).flat().join(' ');
      expect(all).toContain('15,000');
      expect(all).not.toMatch(/pic\.twitter|xyz789|rooftop|@example/);
      await page.close();
    },
    SLOW,
  );
});

describe('the popup', () => {
  it(
    'offers "Add this page" first on an unrelated page, and the comparison on a related one',
    async () => {
      const lines = readFileSync('tests/fixtures/e2e/meantime-boeing-787.txt', 'utf8').trim().split('\n');
      const { page, tabId } = await open(
        '/reader/unrelated.html',
        newsPage({ title: lines[0] ?? 'News', paragraphs: lines.slice(2) }, { site: 'Wikinews' }),
      );
      const popup = await extensionPage(`popup.html?tab=${tabId}`, { width: 320, height: 420 });
      await popup.getByText('Not related to the corpus').waitFor({ timeout: 30_000 });
      const first = popup.locator('button').first();
      expect(await first.innerText()).toMatch(/^Add this page/);
      const accent = await popup.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
      );
      const bg = await first.evaluate((b) => getComputedStyle(b).backgroundColor);
      const hex = (rgb: string) =>
        '#' +
        (rgb.match(/\d+/g) ?? [])
          .slice(0, 3)
          .map((n) => Number(n).toString(16).padStart(2, '0'))
          .join('');
      expect(hex(bg)).toBe(accent.toLowerCase());
      expect(await popup.locator('[data-open-panel]').getAttribute('class')).toBeNull();
      await checkBothSchemes(popup, 'popup-unrelated');

      // The side panel's empty state says what to do next.
      const panel = await extensionPage(`sidepanel.html?tab=${tabId}`);
      await panel.locator('[data-empty="unrelated"]').waitFor({ timeout: 30_000 });
      expect(await panel.locator('[data-empty="unrelated"] svg').count()).toBe(1);
      expect(await panel.locator('[data-empty="unrelated"] button').innerText()).toMatch(/Add this page/);
      await checkBothSchemes(panel, 'panel-unrelated');
      await panel.close();
      await popup.close();
      await page.close();

      const related = await open('/reader/popup.html', newsPage(alteredNyt()));
      const popup2 = await extensionPage(`popup.html?tab=${related.tabId}`, { width: 320, height: 420 });
      await popup2
        .getByText(/discrepanc/)
        .first()
        .waitFor({ timeout: 30_000 });
      expect(await popup2.locator('button.primary').innerText()).toBe('Show the comparison');
      expect(await popup2.locator('.popup-summary').innerText()).toContain('Same story:');
      await checkBothSchemes(popup2, 'popup-related');
      await popup2.close();
      await related.page.close();
    },
    SLOW,
  );
});

describe('the options page', () => {
  it(
    'says which date it shows and why a search result matched',
    async () => {
      const options = await extensionPage('options.html', { width: 1100, height: 800 });
      await options.locator('tbody tr').first().waitFor({ timeout: 30_000 });
      const dated = {
        title: 'Harbour bridge reopens after repairs',
        outlet: 'The Coast Courier',
        url: 'http://127.0.0.1/courier/bridge',
        published: '2024-05-02',
        text: 'The harbour bridge reopened on Thursday after eight months of repairs to its cables.\n\nEngineers said the suspension cables had corroded faster than expected in the salt air.',
      };
      const undated = {
        title: 'Ferry timetable changes for summer',
        outlet: 'Island Post',
        url: 'http://127.0.0.1/post/ferry',
        text: 'The ferry will run every forty minutes from June, the operator said, while the bridge stays closed to lorries.',
      };
      // Added the way a reader adds articles here: a corpus file through the file picker.
      await options.locator('#import-file').setInputFiles({
        name: 'two-articles.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({ format: 'parallax-corpus', version: 1, articles: [dated, undated] }),
        ),
      });
      const row = (t: string) => options.locator('tbody tr', { hasText: t });
      await row(dated.title).waitFor({ timeout: 30_000 });
      await row(undated.title).waitFor({ timeout: 30_000 });
      expect(await row(dated.title).locator('td.date').innerText()).toMatch(/published\s+2024-05-02/i);
      expect(await row(undated.title).locator('td.date').innerText()).toMatch(/added\s+\d{4}-\d{2}-\d{2}/i);
      // Every row says which date it is, or that there is none.
      for (const t of await options.locator('td.date').allInnerTexts())
        expect(t).toMatch(/published|added|no date/i);

      // The file picker is a labelled button, and the input behind it is reachable.
      const picker = options.locator('label.file-button');
      expect(await picker.isVisible()).toBe(true);
      expect(await options.getByLabel(/Import a corpus file/).count()).toBe(1);

      await options.getByLabel('Search').fill('corroded cables');
      await waitFor(
        'the search result',
        async () => ((await options.locator('tbody tr').count()) === 1 ? true : null),
        10_000,
      );
      const snippet = row(dated.title).locator('[data-snippet]');
      expect(await snippet.innerText()).toContain('suspension cables had corroded');
      expect(await snippet.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining(['corroded']));
      await options.screenshot({ path: `${READER_SHOTS}/options-search.png`, fullPage: true });
      await options.getByLabel('Search').fill('');
      await waitFor(
        'all rows',
        async () => ((await options.locator('tbody tr').count()) > 2 ? true : null),
        10_000,
      );
      await checkBothSchemes(options, 'options', true);
      await options.close();
    },
    SLOW,
  );
});

describe('the empty states', () => {
  it(
    'say what they are with their own icon and the next step: not an article, paused',
    async () => {
      const home = readFileSync('tests/fixtures/pages/homepage.html', 'utf8');
      const { page, tabId } = await open('/reader/home.html', home);
      const panel = await extensionPage(`sidepanel.html?tab=${tabId}`);
      await panel.locator('[data-empty="not-article"]').waitFor({ timeout: 30_000 });
      expect(await panel.locator('[data-empty="not-article"] svg').count()).toBe(1);
      expect(await panel.locator('[data-empty]').innerText()).toContain('Open an article page');
      await checkBothSchemes(panel, 'panel-not-article');
      await panel.close();
      await page.close();

      // Paused on this site (the test server's host), then resumed for the tests after this one.
      const article = await open('/reader/paused.html', newsPage(alteredNyt()));
      const popup = await extensionPage(`popup.html?tab=${article.tabId}`, { width: 320, height: 420 });
      const toggle = popup.getByLabel(/Pause on 127\.0\.0\.1/);
      await toggle.check();
      await waitFor(
        'the paused state',
        async () => (await settledState(browser.worker, article.url)).reason === 'paused',
      );
      const paused = await extensionPage(`sidepanel.html?tab=${article.tabId}`);
      await paused.locator('[data-empty="paused"]').waitFor({ timeout: 30_000 });
      expect(await paused.getByRole('button', { name: 'Resume on this site' }).count()).toBe(1);
      await checkBothSchemes(paused, 'panel-paused');
      await toggle.uncheck();
      await paused.close();
      await popup.close();
      await article.page.close();
    },
    SLOW,
  );
});
