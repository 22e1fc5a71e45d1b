/**
 * Functions that run inside the browser, shared by the Chromium (Playwright) and Firefox
 * (Puppeteer) harnesses. Both drivers serialise the function's source, so each one is
 * self-contained: no imports, no closures.
 */

export interface TabStateSummary {
  tabId: number;
  state: string;
  related?: boolean;
  discrepancies?: number;
  reason?: string;
  message?: string;
  /** The semantic pass is still running (the report shown is the lexical one). */
  comparing: boolean;
}

/**
 * In an extension context: the background's state for the tab showing `url`, from its
 * storage.session mirror (the tests have no "tabs" permission to look tabs up by URL).
 */
export async function readTabState(url: string): Promise<TabStateSummary | null> {
  // Firefox's promise-based API is `browser`; Chrome's `chrome` returns promises too.
  const g = globalThis as unknown as Record<
    'browser' | 'chrome',
    { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } } | undefined
  >;
  const api = g.browser ?? g.chrome;
  if (!api) throw new Error('no extension API in this context');
  const all = (await api.storage.session.get(null)) as Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith('parallax:tab:') || v.url !== url) continue;
    const report = v.report as { related: boolean; discrepancies: unknown[] } | undefined;
    return {
      tabId: Number(k.slice('parallax:tab:'.length)),
      state: String(v.state),
      related: report?.related,
      discrepancies: report?.discrepancies.length,
      reason: v.reason as string | undefined,
      message: v.message as string | undefined,
      comparing: v.comparing === true,
    };
  }
  return null;
}

export interface SourceSummary {
  /** Passages of the page aligned with the source. */
  passages: number;
  /** Every discrepancy of the report as [page value, reference value]. */
  values: Array<[string, string]>;
}

/**
 * In an extension context: for the tab showing `url`, once its report is in (`done`), how many
 * passages the source `id` shares with it and the report's discrepancies; null before that.
 */
export async function readSourceSummary({
  url,
  id,
}: {
  url: string;
  id: string;
}): Promise<SourceSummary | null> {
  const g = globalThis as unknown as Record<
    'browser' | 'chrome',
    { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } } | undefined
  >;
  const api = g.browser ?? g.chrome;
  if (!api) throw new Error('no extension API in this context');
  const all = (await api.storage.session.get(null)) as Record<string, Record<string, unknown>>;
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith('parallax:tab:') || v.url !== url || v.state !== 'done') continue;
    const r = v.report as {
      sources: Array<{ id: string; sharedPassages: number }>;
      discrepancies: Array<{ page: string; reference: string }>;
    };
    return {
      passages: r.sources.find((s) => s.id === id)?.sharedPassages ?? 0,
      values: r.discrepancies.map((d) => [d.page, d.reference] as [string, string]),
    };
  }
  return null;
}

/** In a web page: the texts of each parallax- highlight, read from the page's own world. */
export function readHighlights(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const reg = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  reg.forEach((h, name) => {
    if (name.startsWith('parallax-')) out[name] = [...h].map((r) => r.toString());
  });
  return out;
}

/**
 * In a web page: scrolls the first range of highlight `name` (whose text is `text`, if given) into
 * view and returns its centre on screen, or null when there is none.
 */
export function highlightPoint({
  name,
  text,
}: {
  name: string;
  text?: string;
}): { x: number; y: number } | null {
  const reg = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  const range = [...(reg.get(name) ?? [])].find((r) => text === undefined || r.toString() === text);
  if (!range) return null;
  range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  const r = range.getClientRects()[0];
  return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
}

/** In a page from pages.ts's unrelatedNewsPage: whether its DOM is byte-identical to the parser's. */
export function domUnchanged(): boolean {
  return (window as unknown as { __before?: string }).__before === document.documentElement.outerHTML;
}

/** In a web page: whether the extension's card is on it (its content is in a closed shadow root). */
export function cardOnPage(): boolean {
  return !!document.querySelector('[data-parallax-ui="card"]');
}
