import { browser, type Browser } from 'wxt/browser';
import type { Article, PageArticle, Report } from '../lib/types';
import type { CorpusIndex } from '../lib/corpus-index';
import type { AnalyzeOptions } from '../lib/report';
import type { AnalysisCache } from '../lib/analysis-cache';
import * as v from 'valibot';
import { tabStateSchema, type AnalyzeResponse, type ClearReason, type TabState } from './protocol';
import { broadcast, samePage, sendToTab, type Handlers } from './messaging';
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
  /**
   * What earlier analyses made (lib/analysis-cache.ts), kept for the life of the background: the
   * same page again (a tab switch, a reload, the panel reopened) only assembles its report, and
   * after a corpus change only the changed articles are aligned again. Its keys follow the
   * corpus and the options: it is never cleared by hand.
   */
  cache?: AnalysisCache;
}

/** The messages the analysis answers (ext/background-main.ts adds the corpus's). */
export type AnalysisHandlers = Omit<Handlers<'background'>, 'corpus-add-tab'>;

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
    browser.tabs.onRemoved.addListener(this.onTabRemoved);
    browser.tabs.onUpdated.addListener(this.onTabUpdated);
    this.unsubscribe = this.deps.subscribeCorpusChanges(() => void this.onCorpusChanged());
  }

  stop(): void {
    browser.tabs.onRemoved.removeListener(this.onTabRemoved);
    browser.tabs.onUpdated.removeListener(this.onTabUpdated);
    this.unsubscribe?.();
  }

  /**
   * The messages it answers, already checked (ext/messaging.ts): a content script's messages are
   * about its own tab (`from.tabId`); the others come from extension pages.
   */
  readonly handlers: AnalysisHandlers = {
    'analyze-page': (msg, from) => this.analyze(from.tabId, msg.page),
    'page-cleared': (msg, from) => this.clear(from.tabId, msg.reason, msg.url ?? from.url),
    'get-report': (msg) => this.getState(msg.tabId),
    'reveal-passage': (msg) =>
      sendToTab(msg.tabId, { type: 'reveal-in-page', passageId: msg.passageId }).then(
        () => true,
        () => false,
      ),
    'open-side-panel': (msg, from) => this.openPanel(from.tabId, msg.passageId, from.windowId),
    'take-focus-passage': (msg) => {
      const passageId = this.focus.get(msg.tabId) ?? null;
      this.focus.delete(msg.tabId);
      return { passageId };
    },
  };

  /**
   * A tab loading another document drops its comparison (and badge) at once: the new page's
   * content script reports afresh, and browser pages, which have none, must not show the old one.
   */
  private readonly onTabUpdated = (tabId: number, change: { status?: string; url?: string }): void => {
    if (change.status !== 'loading') return;
    const known = this.states.get(tabId);
    if (!known || known.state === 'none') return;
    if (
      change.url &&
      'url' in known &&
      known.url &&
      samePage(change.url, known.url) &&
      change.url !== known.url
    )
      return; // only the fragment changed: the same document
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
      const report = this.deps.analyzePage(page, index, this.options(ms));
      if (this.generation.get(tabId) === gen) {
        const semantic = this.deps.analyzeSemantic;
        await this.setState(tabId, {
          state: 'done',
          url: page.url,
          report,
          ...(semantic && { comparing: true as const }),
        });
        if (semantic) void this.refine(semantic, tabId, gen, page, index, ms, report);
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
  private async refine(
    analyzeSemantic: NonNullable<AnalysisDeps['analyzeSemantic']>,
    tabId: number,
    gen: number,
    page: PageArticle,
    index: CorpusIndex,
    ms: number,
    lexical: Report,
  ) {
    let report = lexical;
    try {
      report = await analyzeSemantic(page, index, this.options(ms));
    } catch (err) {
      // The lexical report stands; it is no longer "comparing". Said once in the background's
      // console (no page text in it), so that a failing model can be diagnosed in the field.
      console.warn('Parallax: comparing by meaning failed; the word-level report stands.', err);
    }
    if (this.generation.get(tabId) !== gen) return;
    await this.setState(tabId, { state: 'done', url: page.url, report });
    if (report !== lexical) sendToTab(tabId, { type: 'show-report', report }).catch(() => {});
  }

  private options(indexMs: number): AnalyzeOptions {
    const { cache } = this.deps;
    return cache ? { indexMs, cache } : { indexMs };
  }

  async clear(tabId: number, reason: ClearReason, url?: string): Promise<void> {
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
        sendToTab(tabId, { type: 'show-report', report: res.report }).catch(() => {});
      }
    }
  }

  private openPanel(tabId: number, passageId: string | undefined, windowId?: number): Promise<boolean> {
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
function fail(error: string): AnalyzeResponse {
  return { ok: false, error };
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
    if (got?.[key] === undefined) return undefined;
    // Storage is not typed: a corrupted entry is treated as absent (and removed), never trusted.
    const parsed = v.safeParse(tabStateSchema, got[key]);
    if (!parsed.success) void removeSession(tabId);
    return parsed.success ? parsed.output : undefined;
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
