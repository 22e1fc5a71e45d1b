import { browser, type Browser } from 'wxt/browser';
import type { Article, PageArticle, Report } from '../lib/types';
import type { CorpusIndex } from '../lib/corpus-index';
import type { AnalyzeOptions } from '../lib/report';
import {
  isMessage,
  type AnalyzeResponse,
  type FocusPassageResponse,
  type Message,
  type TabState,
} from '../lib/protocol';
import { setBadge } from './badge';
import { openSidePanel, openSidePanelInTab } from './side-panel-open';

export interface AnalysisDeps {
  getArticles(): Promise<Article[]>;
  buildIndex(articles: Article[]): CorpusIndex;
  analyzePage(page: PageArticle, index: CorpusIndex, opts: AnalyzeOptions): Report;
  /**
   * The semantic pass (lib/semantic.ts), run after the lexical report is shown; its report
   * replaces the lexical one in place. Optional: without it the analysis stays lexical.
   */
  analyzeSemantic?(page: PageArticle, index: CorpusIndex, opts: AnalyzeOptions): Promise<Report>;
  /** Registers a callback for corpus changes; returns an unsubscribe function. */
  subscribeCorpusChanges(onChange: () => void): () => void;
}

type Sender = Browser.runtime.MessageSender;

const SESSION_PREFIX = 'parallax:tab:';

/**
 * The background half of the extension: runs the engine on pages the content script sends, keeps
 * one state per tab (memory, mirrored to storage.session so a restarted service worker still
 * knows), sets the badge and tells the side panel when something changed.
 */
export class AnalysisService {
  private readonly states = new Map<number, TabState>();
  /** The last article of each tab, so that a corpus change can re-run the analysis. */
  private readonly pages = new Map<number, PageArticle>();
  private readonly generation = new Map<number, number>();
  private readonly focus = new Map<number, string>();
  private index: Promise<{ index: CorpusIndex; ms: number }> | null = null;
  private corpusVersion = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: AnalysisDeps) {}

  start(): void {
    browser.runtime.onMessage.addListener(this.onMessage);
    browser.tabs.onRemoved.addListener(this.onTabRemoved);
    browser.tabs.onUpdated.addListener(this.onTabUpdated);
    this.unsubscribe = this.deps.subscribeCorpusChanges(() => void this.onCorpusChanged());
  }

  stop(): void {
    browser.runtime.onMessage.removeListener(this.onMessage);
    browser.tabs.onRemoved.removeListener(this.onTabRemoved);
    browser.tabs.onUpdated.removeListener(this.onTabUpdated);
    this.unsubscribe?.();
  }

  /**
   * Only answers the messages it owns, so that other listeners (corpus management) answer theirs:
   * returning undefined leaves the message to them.
   */
  readonly onMessage = (msg: unknown, sender: Sender): Promise<unknown> | undefined => {
    if (!isMessage(msg)) return undefined;
    const tabId = sender.tab?.id;
    switch (msg.type) {
      case 'analyze-page':
        if (tabId === undefined) return Promise.resolve(fail('no tab'));
        return this.analyze(tabId, msg.page);
      case 'page-cleared':
        if (tabId === undefined) return undefined;
        return this.clear(tabId, msg.reason, msg.url ?? sender.tab?.url).then(() => true);
      case 'get-report':
        return this.getState(msg.tabId);
      case 'reveal-passage':
        return sendToTab(msg.tabId, msg).then(
          () => true,
          () => false,
        );
      case 'open-side-panel':
        return this.openPanel(msg.tabId ?? tabId, msg.passageId, sender.tab?.windowId);
      case 'take-focus-passage': {
        const passageId = this.focus.get(msg.tabId) ?? null;
        this.focus.delete(msg.tabId);
        return Promise.resolve<FocusPassageResponse>({ passageId });
      }
      default:
        return undefined;
    }
  };

  /**
   * A tab loading another document drops its comparison (and badge) at once: the new page's
   * content script reports afresh, and browser pages, which have none, must not show the old one.
   */
  private readonly onTabUpdated = (tabId: number, change: { status?: string; url?: string }): void => {
    if (change.status !== 'loading') return;
    const known = this.states.get(tabId);
    if (!known || known.state === 'none') return;
    if (change.url && 'url' in known && known.url && sameDocument(change.url, known.url)) return;
    this.generation.set(tabId, (this.generation.get(tabId) ?? 0) + 1);
    this.pages.delete(tabId);
    void this.setState(tabId, { state: 'none' });
  };

  private readonly onTabRemoved = (tabId: number): void => {
    this.states.delete(tabId);
    this.pages.delete(tabId);
    this.focus.delete(tabId);
    void removeSession(tabId);
  };

  /** The index is built once per corpus version and shared by every analysis until it changes. */
  private getIndex(): Promise<{ index: CorpusIndex; ms: number }> {
    if (!this.index) {
      const version = this.corpusVersion;
      const p = this.deps.getArticles().then((articles) => {
        const t0 = performance.now();
        const index = this.deps.buildIndex(articles);
        return { index, ms: performance.now() - t0 };
      });
      this.index = p;
      p.catch(() => {
        if (this.corpusVersion === version && this.index === p) this.index = null;
      });
    }
    return this.index;
  }

  async analyze(tabId: number, page: PageArticle): Promise<AnalyzeResponse> {
    const gen = (this.generation.get(tabId) ?? 0) + 1;
    this.generation.set(tabId, gen);
    this.pages.set(tabId, page);
    await this.setState(tabId, { state: 'analyzing', url: page.url });
    try {
      const { index, ms } = await this.getIndex();
      const report = this.deps.analyzePage(page, index, { indexMs: ms });
      if (this.generation.get(tabId) === gen) {
        await this.setState(tabId, { state: 'done', url: page.url, report });
        if (this.deps.analyzeSemantic) void this.refine(tabId, gen, page, index, ms);
      }
      return { ok: true, report };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (this.generation.get(tabId) === gen)
        await this.setState(tabId, { state: 'error', url: page.url, message });
      return fail(message);
    }
  }

  /**
   * The semantic pass after the lexical report: the same page, its report replaced in place (state,
   * badge, panel) and sent to the tab so the highlights follow. A failure keeps the lexical report.
   */
  private async refine(tabId: number, gen: number, page: PageArticle, index: CorpusIndex, ms: number) {
    try {
      const report = await this.deps.analyzeSemantic!(page, index, { indexMs: ms });
      if (this.generation.get(tabId) !== gen) return;
      await this.setState(tabId, { state: 'done', url: page.url, report });
      sendToTab(tabId, { type: 'report', report }).catch(() => {});
    } catch {
      // The lexical report stands.
    }
  }

  async clear(tabId: number, reason: string, url?: string): Promise<void> {
    this.generation.set(tabId, (this.generation.get(tabId) ?? 0) + 1);
    this.pages.delete(tabId);
    await this.setState(tabId, { state: 'cleared', url, reason });
  }

  async getState(tabId: number): Promise<TabState> {
    const known = this.states.get(tabId) ?? (await readSession(tabId));
    if (known) {
      this.states.set(tabId, known);
      return known;
    }
    // A restarted background forgets; the content script (if any) sends its page again.
    sendToTab(tabId, { type: 'request-analysis' }).catch(() => {});
    return { state: 'none' };
  }

  private async setState(tabId: number, state: TabState): Promise<void> {
    this.states.set(tabId, state);
    await Promise.all([
      writeSession(tabId, state),
      setBadge(tabId, state.state === 'done' ? state.report : null),
    ]);
    broadcast({ type: 'tab-state-changed', tabId });
  }

  private async onCorpusChanged(): Promise<void> {
    this.corpusVersion++;
    this.index = null;
    for (const [tabId, page] of [...this.pages]) {
      const res = await this.analyze(tabId, page);
      if (res.ok) {
        sendToTab(tabId, { type: 'report', report: res.report }).catch(() => {});
      }
    }
  }

  private openPanel(
    tabId: number | undefined,
    passageId: string | undefined,
    windowId?: number,
  ): Promise<boolean> {
    if (tabId === undefined) return Promise.resolve(false);
    if (passageId) this.focus.set(tabId, passageId);
    // Called before any await: the browser only opens the panel inside the user's gesture.
    const opened = openSidePanel(tabId, windowId);
    return opened.then(async (ok) => {
      if (ok) {
        broadcast({ type: 'tab-state-changed', tabId });
        return true;
      }
      this.focus.delete(tabId);
      await openSidePanelInTab(tabId, passageId);
      return true;
    });
  }
}

/** Same page apart from the fragment (an in-page link does not load anything). */
function sameDocument(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0] && a !== b;
}

function fail(error: string): AnalyzeResponse {
  return { ok: false, error };
}

function broadcast(msg: Message): void {
  // No receiver (no panel or popup open) is the normal case.
  try {
    browser.runtime.sendMessage(msg).catch(() => {});
  } catch {
    // Thrown synchronously where messaging is unavailable.
  }
}

/** Rejects (never throws) when the tab has no content script, e.g. a browser page. */
function sendToTab(tabId: number, msg: Message): Promise<unknown> {
  try {
    return browser.tabs.sendMessage(tabId, msg);
  } catch (err) {
    return Promise.reject(err);
  }
}

type SessionArea = Browser.storage.StorageArea | undefined;

function sessionArea(): SessionArea {
  return (browser.storage as unknown as { session?: Browser.storage.StorageArea }).session;
}

async function writeSession(tabId: number, state: TabState): Promise<void> {
  try {
    await sessionArea()?.set({ [SESSION_PREFIX + tabId]: state });
  } catch {
    // storage.session is a cache; memory still holds the state.
  }
}

async function readSession(tabId: number): Promise<TabState | undefined> {
  try {
    const key = SESSION_PREFIX + tabId;
    const got = await sessionArea()?.get(key);
    return got?.[key] as TabState | undefined;
  } catch {
    return undefined;
  }
}

async function removeSession(tabId: number): Promise<void> {
  try {
    await sessionArea()?.remove(SESSION_PREFIX + tabId);
  } catch {
    // Nothing to clean.
  }
}
