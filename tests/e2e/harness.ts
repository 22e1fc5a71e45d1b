/** Builds the extension, serves pages on 127.0.0.1 and drives Debian's Chromium with it. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { cardOnPage, highlightPoint, readHighlights, readTabState, type TabStateSummary } from './in-page';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the extension into its own folder; returns the unpacked extension's path. */
export function buildExtension(outBase = '.output/e2e', target: 'chrome' | 'firefox' = 'chrome'): string {
  execFileSync('npx', ['wxt', 'build', '-b', target], {
    stdio: 'pipe',
    env: { ...process.env, PARALLAX_OUT_DIR: outBase },
    timeout: 240_000,
  });
  const dir = resolve(outBase, target === 'chrome' ? 'chrome-mv3' : 'firefox-mv2');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no build in ${dir}`);
  return dir;
}

export interface PageServer {
  origin: string;
  set(path: string, html: string): void;
  close(): Promise<void>;
}

export async function servePages(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const html = pages.get(path);
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    set: (path, html) => void pages.set(path, html),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/**
 * What a Chromium test file runs against: the extension built into `outBase`, a page server and
 * Chromium with the extension loaded. Close both with `stopChromium`.
 */
export async function startChromium(outBase?: string): Promise<{ browser: Browser; server: PageServer }> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium`);
  const ext = buildExtension(outBase);
  const server = await servePages();
  try {
    return { browser: await launchWithExtension(ext), server };
  } catch (err) {
    await server.close();
    throw err;
  }
}

/** Closes what startChromium started (nothing, where it failed). */
export async function stopChromium(
  browser: Browser | undefined,
  server: PageServer | undefined,
): Promise<void> {
  await browser?.close();
  await server?.close();
}

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(
  extPath: string,
  opts: { headless?: boolean } = {},
): Promise<Browser> {
  const userDir = mkdtempSync(join(tmpdir(), 'parallax-e2e-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${extPath}`,
      `--load-extension=${extPath}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 60_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `fn` returns a truthy value; fails with `what` after the timeout. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export type { TabStateSummary };

/** The background's state for the tab showing `url` (see readTabState). */
export function tabStateFor(worker: Worker, url: string): Promise<TabStateSummary | null> {
  return worker.evaluate(readTabState, url);
}

/** Waits until the background has finished with the page at `url` (analysed or cleared). */
export function settledState(worker: Worker, url: string, timeoutMs = 90_000): Promise<TabStateSummary> {
  return settled(url, () => tabStateFor(worker, url), timeoutMs);
}

/** Waits until `read` (the state of the page at `url`, read somehow) says it is settled. */
export function settled(
  url: string,
  read: () => Promise<TabStateSummary | null>,
  timeoutMs = 90_000,
): Promise<TabStateSummary> {
  return waitFor(
    `the analysis of ${url}`,
    async () => {
      const s = await read();
      // A done state still `comparing` is the lexical report the semantic pass will replace.
      return s && ((s.state === 'done' && !s.comparing) || s.state === 'cleared' || s.state === 'error')
        ? s
        : null;
    },
    timeoutMs,
  );
}

export function badgeText(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The texts of each parallax- highlight in the page, read from the page's own world. */
export function highlightTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(readHighlights);
}

declare const chrome: {
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

/**
 * Moves the mouse onto the first highlighted range of `name`, or the one whose text is `text`
 * (the card shows on a rest).
 */
export async function hoverHighlight(page: Page, name = 'parallax-value', text?: string): Promise<boolean> {
  const box = await page.evaluate(highlightPoint, { name, text });
  if (!box) return false;
  await page.mouse.move(box.x - 30, box.y + 40);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  return true;
}

/** Whether the extension's card is on the page (its content is in a closed shadow root). */
export function cardShown(page: Page): Promise<boolean> {
  return page.evaluate(cardOnPage);
}

/**
 * The card's box on screen. Its content is in a closed shadow root, so the box is found the way a
 * user finds it: the points where the page reports the card's host element.
 */
export function cardBox(
  page: Page,
): Promise<{ left: number; top: number; right: number; bottom: number } | null> {
  return page.evaluate(() => {
    const host = document.querySelector('[data-parallax-ui="card"]');
    if (!host) return null;
    let box: { left: number; top: number; right: number; bottom: number } | null = null;
    for (let y = 0; y < innerHeight; y += 4) {
      for (let x = 0; x < innerWidth; x += 8) {
        if (document.elementFromPoint(x, y) !== host) continue;
        box = box
          ? {
              left: Math.min(box.left, x),
              top: Math.min(box.top, y),
              right: Math.max(box.right, x),
              bottom: Math.max(box.bottom, y),
            }
          : { left: x, top: y, right: x, bottom: y };
      }
    }
    return box;
  });
}

/**
 * The extension's open contexts (side panels, extension pages in tabs, the worker), from the
 * service worker. `url` is missing while a new context has no document yet.
 */
export function extensionContexts(worker: Worker): Promise<Array<{ type: string; url?: string }>> {
  return worker.evaluate(async () => {
    const g = globalThis as unknown as {
      chrome: {
        runtime: { getContexts(f: object): Promise<Array<{ contextType: string; documentUrl?: string }>> };
      };
    };
    const contexts = await g.chrome.runtime.getContexts({});
    return contexts.map((c) => ({ type: c.contextType, url: c.documentUrl }));
  });
}
