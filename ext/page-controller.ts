import type { Report } from '../lib/types';
import type { AnalyzeResponse } from './protocol';
import { samePage, type Handlers, type SendToBackground } from './messaging';
import type { PageArticle } from '../lib/types';
import { anchorReport } from './anchor';
import { Card } from './card';
import { Highlighter } from './highlighter';
import { buildTextMap, UI_ATTR } from './text-map';

/** Re-analyses of one URL caused by the page changing, at most. */
const MAX_REREADS = 20;

export interface PageControllerDeps {
  doc: Document;
  win: Window;
  /** Sends to the background (it answers for this tab only). */
  send: SendToBackground;
  looksLikeArticle(doc: Document): boolean;
  extractArticle(doc: Document, opts: { url?: string }): PageArticle | null;
  /** Whether Parallax is paused on this site. */
  isPaused(): Promise<boolean>;
  /** Calls back when the reader pauses or resumes this site; returns an unsubscribe function. */
  watchPaused(onChange: (paused: boolean) => void): () => void;
  /** Registers the handlers of the background's messages; returns an unsubscribe function. */
  onMessage(handlers: Handlers<'content'>): () => void;
  /** Milliseconds to wait after a change before re-analysing (tests shorten it). */
  settleMs?: number;
}

/**
 * The content script's whole behaviour on one page: analyse when idle, highlight when related,
 * follow single-page navigations and a growing article, and touch nothing when unrelated.
 */
export class PageController {
  private readonly highlighter: Highlighter;
  private readonly card: Card;
  private report: Report | null = null;
  private generation = 0;
  private url: string;
  private paused = false;
  private lastTextLength = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private observer: MutationObserver | null = null;
  private pointerBound = false;
  private rafPending = false;
  private readonly cleanups: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly deps: PageControllerDeps) {
    this.highlighter = new Highlighter(deps.doc);
    this.card = new Card(deps.doc, (passageId) => {
      void deps.send({ type: 'open-side-panel', passageId }).catch(() => {});
    });
    this.url = deps.win.location.href;
  }

  get highlightMode(): Highlighter['mode'] {
    return this.highlighter.mode;
  }

  async start(): Promise<void> {
    const { win } = this.deps;
    this.cleanups.push(this.deps.onMessage(this.handlers));
    this.cleanups.push(
      this.deps.watchPaused((paused) => {
        this.paused = paused;
        if (paused) this.pause();
        else this.schedule(0);
      }),
    );
    const onNav = () => this.onLocationMaybeChanged();
    win.addEventListener('popstate', onNav);
    this.cleanups.push(() => win.removeEventListener('popstate', onNav));
    // Navigation API (Chromium): sees pushState/replaceState made by the page's own scripts,
    // which the content script's isolated world cannot patch.
    const nav = (win as unknown as { navigation?: EventTarget }).navigation;
    if (nav?.addEventListener) {
      nav.addEventListener('navigatesuccess', onNav);
      this.cleanups.push(() => nav.removeEventListener('navigatesuccess', onNav));
    }
    this.paused = await this.deps.isPaused();
    if (this.stopped) return;
    if (this.paused) {
      await this.deps.send({ type: 'page-cleared', reason: 'paused', url: this.url }).catch(() => {});
      return;
    }
    this.observe();
    this.schedule(0);
  }

  /** Another way to learn of a URL change (WXT's location watcher polls for it). */
  onLocationMaybeChanged(): void {
    const href = this.deps.win.location.href;
    // A fragment change (an in-page link) is the same article.
    if (samePage(href, this.url)) {
      this.url = href;
      return;
    }
    this.url = href;
    this.generation++;
    this.removeHighlights();
    this.lastTextLength = -1;
    this.rereads = 0;
    this.schedule(this.deps.settleMs ?? 500);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.dwellTimer);
    this.observer?.disconnect();
    for (const c of this.cleanups.splice(0)) c();
    this.removeHighlights();
  }

  private pause(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.removeHighlights();
    void this.deps.send({ type: 'page-cleared', reason: 'paused', url: this.url }).catch(() => {});
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const idle = (
        this.deps.win as unknown as { requestIdleCallback?: (cb: () => void, o: object) => number }
      ).requestIdleCallback;
      if (idle) idle.call(this.deps.win, () => void this.run(), { timeout: 2000 });
      else void this.run();
    }, delay);
  }

  async run(): Promise<void> {
    if (this.stopped || this.paused) return;
    const gen = ++this.generation;
    const { doc } = this.deps;
    const url = this.deps.win.location.href;
    this.url = url;
    this.lastTextLength = doc.body?.textContent?.length ?? 0;
    const page = this.deps.looksLikeArticle(doc) ? this.deps.extractArticle(doc, { url }) : null;
    if (!page) {
      this.showReport(null);
      await this.deps.send({ type: 'page-cleared', reason: 'not-article', url }).catch(() => {});
      return;
    }
    let res: AnalyzeResponse | undefined;
    try {
      res = await this.deps.send({ type: 'analyze-page', page });
    } catch {
      return;
    }
    if (gen !== this.generation || this.stopped || this.paused) return;
    if (res?.ok) this.showReport(res.report);
  }

  /** The background's messages, already checked to come from the extension (ext/messaging.ts). */
  private readonly handlers: Handlers<'content'> = {
    'show-report': ({ report }) => {
      if (!this.paused && (!report.page.url || samePage(report.page.url, this.deps.win.location.href))) {
        this.showReport(report);
      }
    },
    'reveal-in-page': ({ passageId }) => {
      this.card.hide();
      this.highlighter.reveal(passageId);
    },
    'request-analysis': () => {
      if (this.paused)
        void this.deps.send({ type: 'page-cleared', reason: 'paused', url: this.url }).catch(() => {});
      else this.schedule(0);
    },
  };

  private showReport(report: Report | null): void {
    this.report = report;
    if (!report || !report.related || !report.text) {
      this.removeHighlights();
      return;
    }
    const map = buildTextMap(this.deps.doc.body);
    const anchors = anchorReport(report, map);
    this.withoutObserving(() => this.highlighter.apply(map, anchors));
    this.bindPointer();
  }

  private removeHighlights(): void {
    this.card.hide();
    this.withoutObserving(() => this.highlighter.clear());
  }

  /** Our own marks must not look like the article growing. */
  private withoutObserving(fn: () => void): void {
    const o = this.observer;
    if (o) {
      o.takeRecords();
      o.disconnect();
    }
    try {
      fn();
    } finally {
      if (o) this.observe();
    }
  }

  private observe(): void {
    const body = this.deps.doc.body;
    const Ctor = (this.deps.win as unknown as { MutationObserver?: typeof MutationObserver })
      .MutationObserver;
    if (!body || !Ctor) return;
    this.observer ??= new Ctor((records) => {
      const relevant = records.some((r) => !isOurs(r.target));
      if (relevant) this.onMutation();
    });
    this.observer.observe(body, { childList: true, subtree: true, characterData: true });
  }

  private mutationTimer: ReturnType<typeof setTimeout> | undefined;
  private rereads = 0;

  private onMutation(): void {
    clearTimeout(this.mutationTimer);
    this.mutationTimer = setTimeout(() => {
      if (this.stopped || this.paused) return;
      if (this.deps.win.location.href !== this.url) {
        this.onLocationMaybeChanged();
        return;
      }
      const len = this.deps.doc.body?.textContent?.length ?? 0;
      const grown = Math.abs(len - this.lastTextLength) > Math.max(200, this.lastTextLength * 0.05);
      // A page that never stops changing (a live ticker) is not re-read forever.
      if ((grown || this.highlightsDetached()) && this.rereads < MAX_REREADS) {
        this.rereads++;
        this.schedule(0);
      }
    }, this.deps.settleMs ?? 1000);
  }

  private highlightsDetached(): boolean {
    if (!this.report?.related || !this.highlighter.active) return false;
    const r = this.report.passages[0] && this.highlighter.rangeOf(this.report.passages[0].id);
    return !!r && !r.startContainer.isConnected;
  }

  private bindPointer(): void {
    if (this.pointerBound) return;
    this.pointerBound = true;
    const { doc, win } = this.deps;
    // One hit test a frame, at where the pointer is when the frame comes: the last move of the
    // frame, not the first (the card must follow where the pointer stopped).
    let last: { x: number; y: number } | null = null;
    const move = (e: MouseEvent) => {
      last = { x: e.clientX, y: e.clientY };
      if (this.rafPending) return;
      this.rafPending = true;
      win.requestAnimationFrame(() => {
        this.rafPending = false;
        if (last) this.pointerAt(last.x, last.y, false);
      });
    };
    const click = (e: MouseEvent) => this.pointerAt(e.clientX, e.clientY, true);
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') this.card.hide();
    };
    const scroll = () => this.card.scheduleHide();
    doc.addEventListener('mousemove', move, { passive: true });
    doc.addEventListener('click', click, true);
    doc.addEventListener('keydown', key);
    win.addEventListener('scroll', scroll, { passive: true });
    this.cleanups.push(() => {
      doc.removeEventListener('mousemove', move);
      doc.removeEventListener('click', click, true);
      doc.removeEventListener('keydown', key);
      win.removeEventListener('scroll', scroll);
      this.pointerBound = false;
    });
  }

  private dwellTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * A click shows the card at once; hovering shows it only once the pointer rests on a highlight
   * (a pointer passing over text on its way elsewhere must not throw cards in its path).
   */
  private pointerAt(x: number, y: number, pin: boolean): void {
    if (!this.report?.related || !this.highlighter.active) return;
    if (this.card.hovered) return;
    clearTimeout(this.dwellTimer);
    const hit = this.highlighter.hitTest(x, y);
    const at = new DOMRect(x - 8, y - 12, 16, 26);
    if (hit && (pin || hit.passageId === this.card.currentPassage)) {
      this.card.show(this.report, hit.passageId, at, pin);
    } else if (hit) {
      this.card.scheduleHide();
      this.dwellTimer = setTimeout(() => {
        if (this.report?.related && !this.card.hovered) this.card.show(this.report, hit.passageId, at, false);
      }, 300);
    } else if (pin) {
      this.card.hide();
    } else {
      this.card.scheduleHide();
    }
  }
}

function isOurs(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!el?.closest(`[${UI_ATTR}],mark[data-parallax]`);
}
