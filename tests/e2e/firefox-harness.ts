/**
 * Drives Debian's Firefox ESR with the Firefox build over WebDriver BiDi (puppeteer-core), the
 * counterpart of harness.ts for Chromium. Pages come from harness.ts's 127.0.0.1 server; every
 * other connection goes to a local dead proxy that records what was asked for.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { settled, waitFor } from './harness';
import { readSourceSummary, readTabState, type SourceSummary, type TabStateSummary } from './in-page';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Why the Firefox tests cannot run here, or null when they can. */
export function firefoxMissing(): string | null {
  return existsSync(FIREFOX) ? null : `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`;
}

/** A proxy that answers nothing: it records the first line of each request and hangs up. */
async function deadProxy(): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((socket) => {
    socket.once('data', (d) => {
      hits.push(d.toString('latin1').split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/**
 * Keeps a fresh profile off the network. The remote agent already points update, telemetry,
 * remote-settings and safebrowsing URLs at dummies (RecommendedPreferences); these switch the
 * features off and send anything left to the dead proxy. 127.0.0.1 is never proxied.
 */
function offlinePrefs(proxyPort: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.socks': '127.0.0.1',
    'network.proxy.socks_port': proxyPort,
    'network.proxy.socks_remote_dns': true,
    'network.proxy.no_proxies_on': '127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.startup.homepage': 'about:blank',
    'browser.region.update.enabled': false,
    'browser.search.update': false,
    'geo.provider.network.url': '',
    'media.gmp-manager.updateEnabled': false,
    'privacy.sanitize.sanitizeOnShutdown': false,
  };
}

/**
 * page.setViewport for Firefox ESR 140 too: puppeteer sends browsingContext.setViewport (which
 * 140 has) with emulation.setScreenOrientationOverride (which it lacks: "unknown command"). The
 * size is set by the first; the missing orientation override is of no use to these tests.
 */
export async function setViewport(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewport(size).catch((err: unknown) => {
    if (!(
      err instanceof Error && /unknown command emulation\.setScreenOrientationOverride/.test(err.message)
    ))
      throw err;
  });
}

export interface Firefox {
  browser: Browser;
  /** moz-extension://UUID of the installed build. */
  origin: string;
  /** Requests that tried to leave 127.0.0.1 (each the first line the proxy received). */
  proxyHits: string[];
  newPage(url: string): Promise<Page>;
  /** Opens one of the extension's pages (e.g. `sidepanel.html?tab=3`) in a tab. */
  extensionPage(path: string): Promise<Page>;
  /** The shared passages of source `id` and the discrepancies in the report of the tab at `url`. */
  sourceSummary(url: string, id: string): Promise<SourceSummary | null>;
  tabState(url: string): Promise<TabStateSummary | null>;
  settledState(url: string): Promise<TabStateSummary>;
  badgeText(tabId: number): Promise<string>;
  /**
   * Every URL the background page has fetched since launch (recorded by a wrapper around its
   * fetch: the MV2 background is a page, reached from an extension page with getBackgroundPage()).
   */
  backgroundFetches(): Promise<string[]>;
  close(): Promise<void>;
}

export async function launchFirefox(extPath: string): Promise<Firefox> {
  const manifest = JSON.parse(readFileSync(join(extPath, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extPath}/manifest.json has no gecko id`);
  // A fixed UUID for the id, so the tests know the extension's origin before it is installed.
  const uuid = randomUUID();
  const proxy = await deadProxy();
  const profile = mkdtempSync(join(tmpdir(), 'parallax-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    defaultViewport: { width: 1200, height: 900 },
    // Lets BiDi navigate tabs to moz-extension:// pages (otherwise "not allowed in this context").
    args: ['--remote-allow-system-access'],
    // Firefox's own test switch: non-local connections fail, and release builds then honour the
    // remote-settings dummy server the remote agent sets (without it, hundreds of CONNECTs).
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
    extraPrefsFirefox: {
      ...offlinePrefs(proxy.port),
      'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }),
      // SpiderMonkey's AVX (VEX) code generation, on by default, made float code 40–160x slower
      // on this machine's virtual "Intel Xeon Processor", without automation too (ADR 009): the encoder's
      // embed() took 46 s for 16 sentences (Chromium 0.3 s) and 0.6 s with this off. The suite
      // checks behaviour, not speed, so it runs with the SSE code Firefox uses without AVX.
      'javascript.options.wasm_simd_avx': false,
    },
  });
  const installed = await browser.installExtension(extPath);
  if (installed !== id) throw new Error(`installed ${installed}, expected ${id}`);
  const origin = `moz-extension://${uuid}`;

  const extensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    const url = `${origin}/${path}`;
    // Puppeteer never sees this navigation finish (the tab moves to the extension process), so
    // it is not awaited: the page counts as open once its document is there and loaded.
    page.goto(url).catch(() => {});
    await waitFor(`${url} to load`, () =>
      // An evaluation caught by the document swap may never answer: each try gets 5 s.
      Promise.race([
        page.evaluate((u) => location.href === u && document.readyState === 'complete', url),
        new Promise<false>((ok) => setTimeout(() => ok(false), 5_000)),
      ]),
    );
    return page;
  };
  // Extension APIs are reached from one of the extension's own pages: MV2's background page is
  // not a BiDi browsing context.
  const control = await extensionPage('popup.html?tab=-1');
  // BiDi sees no request of the background page, and Firefox keeps no resource timing entries for
  // moz-extension: URLs: the page's fetch (which the engine and the wasm loader call through the
  // global) is wrapped, before any analysis, to record each URL it is asked for. The wrapper lives
  // in this control page, which stays open until the browser closes.
  await control.evaluate(async () => {
    type Bg = Window & { __parallaxFetches?: string[] };
    const api = (
      globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Bg | null> } } }
    ).browser;
    const bg = await api.runtime.getBackgroundPage();
    if (!bg) throw new Error('no background page');
    const seen: string[] = [];
    const real = bg.fetch.bind(bg);
    bg.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return real(input, init);
    };
    bg.__parallaxFetches = seen;
  });
  const tabState = (url: string) => control.evaluate(readTabState, url);

  return {
    browser,
    origin,
    proxyHits: proxy.hits,
    newPage: async (url) => {
      const page = await browser.newPage();
      await page.goto(url);
      return page;
    },
    extensionPage,
    sourceSummary: (url, id) => control.evaluate(readSourceSummary, { url, id }),
    tabState,
    settledState: (url) => settled(url, () => tabState(url)),
    badgeText: (tabId) =>
      control.evaluate(
        (t) =>
          (
            globalThis as unknown as {
              browser: { browserAction: { getBadgeText(d: { tabId: number }): Promise<string> } };
            }
          ).browser.browserAction.getBadgeText({ tabId: t }),
        tabId,
      ),
    backgroundFetches: () =>
      control.evaluate(async () => {
        const api = (
          globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }
        ).browser;
        const bg = (await api.runtime.getBackgroundPage()) as
          (Window & { __parallaxFetches?: string[] }) | null;
        if (!bg?.__parallaxFetches) throw new Error('no background page, or its fetch is not recorded');
        return [...bg.__parallaxFetches];
      }),
    close: async () => {
      await browser.close().catch(() => {});
      await proxy.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
