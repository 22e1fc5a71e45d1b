import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Article, PageArticle, Report } from '../../lib/types';
import type { CorpusIndex } from '../../lib/corpus-index';
import type { AnalyzeResponse, TabState } from '../../ext/protocol';
import { startBackground } from '../../ext/background-main';
import { AnalysisService } from '../../ext/analysis-service';
import { badgeFor } from '../../ext/badge';
import { AnalysisCache } from '../../lib/analysis-cache';
import { contentScript, deliver, extensionPage } from './ext-senders';

const page: PageArticle = { title: 'Drones', text: 'The drones flew.', url: 'https://news.example/a' };

function fakeReport(related: boolean, discrepancies: number): Report {
  return {
    schemaVersion: 1,
    page: { title: page.title, url: page.url, chars: page.text.length, sentences: 1 },
    related,
    selfSourceId: null,
    sources: [],
    passages: [],
    discrepancies: Array.from({ length: discrepancies }, (_, i) => ({
      id: `d${i}`,
      kind: 'number' as const,
      page: '15,000',
      reference: '10,000',
      sourceId: 'nyt',
      passageId: 'p1',
      pageText: 'a',
      referenceText: 'b',
      confidence: 0.9,
      explanation: '',
    })),
    timings: { extractMs: 0, analyzeMs: 0 },
    text: page.text,
  };
}

function setup(result: { related: boolean; discrepancies: number }) {
  let onCorpusChange: () => void = () => {};
  const articles: Article[] = [{ id: 'nyt', outlet: 'NYT', title: 'Drones', text: 'The drones flew.' }];
  const deps = {
    getArticles: vi.fn(async () => articles),
    buildIndex: vi.fn((a: Article[]) => ({ size: a.length }) as unknown as CorpusIndex),
    analyzePage: vi.fn(() => fakeReport(result.related, result.discrepancies)),
    subscribeCorpusChanges: (cb: () => void) => {
      onCorpusChange = cb;
      return () => {};
    },
  };
  const { service, stop } = startBackground(deps);
  return { service, stop, deps, corpusChanged: () => onCorpusChange() };
}

const tab7 = contentScript(7, page.url);
const panel = extensionPage('sidepanel.html');

function send(msg: unknown, from = tab7): Promise<unknown> {
  return deliver(msg, from);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('AnalysisService', () => {
  it('analyses a page, keeps the report for the tab and puts the discrepancy count on the badge', async () => {
    const { deps } = setup({ related: true, discrepancies: 3 });
    const res = (await send({ type: 'analyze-page', page })) as AnalyzeResponse;
    expect(res.ok).toBe(true);
    expect(deps.analyzePage).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('3');
    const state = (await send({ type: 'get-report', tabId: 7 }, panel)) as TabState;
    expect(state.state).toBe('done');
    expect(state.state === 'done' && state.report.discrepancies.length).toBe(3);
  });

  it('builds the index once per corpus version and again after the corpus changes', async () => {
    const { deps, corpusChanged } = setup({ related: true, discrepancies: 0 });
    await send({ type: 'analyze-page', page });
    await send({ type: 'analyze-page', page }, contentScript(8, page.url));
    expect(deps.buildIndex).toHaveBeenCalledTimes(1);
    corpusChanged();
    await vi.waitFor(() => expect(deps.analyzePage).toHaveBeenCalledTimes(4));
    expect(deps.buildIndex).toHaveBeenCalledTimes(2);
  });

  it('shows a neutral mark when related without discrepancies, and nothing when unrelated', async () => {
    setup({ related: true, discrepancies: 0 });
    await send({ type: 'analyze-page', page });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('✓');
    fakeBrowser.reset();
    setup({ related: false, discrepancies: 0 });
    await send({ type: 'analyze-page', page });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
    expect(badgeFor(null).text).toBe('');
  });

  it('clears the tab and its badge when the page says it is not an article or paused', async () => {
    setup({ related: true, discrepancies: 2 });
    await send({ type: 'analyze-page', page });
    await send({ type: 'page-cleared', reason: 'paused', url: page.url });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
    const state = (await send({ type: 'get-report', tabId: 7 }, panel)) as TabState;
    expect(state).toEqual({ state: 'cleared', reason: 'paused', url: page.url });
  });

  it('mirrors tab states to storage.session, so a restarted background still answers', async () => {
    const first = setup({ related: true, discrepancies: 1 });
    await send({ type: 'analyze-page', page });
    first.stop();
    setup({ related: true, discrepancies: 1 });
    const state = (await send({ type: 'get-report', tabId: 7 }, panel)) as TabState;
    expect(state.state).toBe('done');
  });

  it('treats a corrupted stored tab state as absent, removes it, and keeps working', async () => {
    const { entries } = JSON.parse(
      readFileSync(new URL('../fixtures/hostile/corrupt-session.json', import.meta.url), 'utf8'),
    ) as { entries: unknown[] };
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      fakeBrowser.reset();
      await fakeBrowser.storage.session.set({ 'parallax:tab:7': entry });
      setup({ related: true, discrepancies: 1 });
      const label = JSON.stringify(entry);
      expect(await send({ type: 'get-report', tabId: 7 }, panel), label).toEqual({ state: 'none' });
      await vi.waitFor(async () =>
        expect(await fakeBrowser.storage.session.get('parallax:tab:7'), label).toEqual({}),
      );
      // A navigation in that tab does not trip over it either.
      await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading', url: page.url }, {} as never);
      await send({ type: 'analyze-page', page });
      const state = (await send({ type: 'get-report', tabId: 7 }, panel)) as TabState;
      expect(state.state, label).toBe('done');
    }
  });

  it('drops a tab’s comparison when it loads another document, but not for an in-page link', async () => {
    setup({ related: true, discrepancies: 2 });
    await send({ type: 'analyze-page', page });
    await fakeBrowser.tabs.onUpdated.trigger(
      7,
      { status: 'loading', url: `${page.url}#section` },
      {} as never,
    );
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('2');
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, {} as never);
    await vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe(''));
    expect(((await send({ type: 'get-report', tabId: 7 }, panel)) as TabState).state).toBe('none');
  });

  it('opens the side panel page in a tab, at the passage, where the side panel cannot open', async () => {
    setup({ related: true, discrepancies: 1 });
    expect(await send({ type: 'open-side-panel', passageId: 'p3' })).toBe(true);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain(
      'chrome-extension://test-extension-id/sidepanel.html?tab=7&passage=p3',
    );
  });

  it('leaves messages for other contexts to them', async () => {
    setup({ related: true, discrepancies: 0 });
    expect(await send({ type: 'tab-state-changed', tabId: 7 }, panel)).toBeUndefined();
    expect(await send('not a message')).toBeUndefined();
    expect(await send({ type: 'corpus-list' }, panel)).toBeUndefined();
  });
});

describe('AnalysisService semantic pass', () => {
  it('shows the lexical report first, then replaces it with the semantic one in place', async () => {
    const { deps } = setup({ related: false, discrepancies: 0 });
    let finish: (r: Report) => void = () => {};
    const analyzeSemantic = vi.fn(() => new Promise<Report>((ok) => (finish = ok)));
    const service = new AnalysisService({ ...deps, analyzeSemantic });
    const res = await service.analyze(7, page);
    expect(res.ok && res.report.related).toBe(false);
    expect(analyzeSemantic).toHaveBeenCalledTimes(1);
    let state = await service.getState(7);
    expect(state.state === 'done' && state.report.related).toBe(false);
    expect(state.state === 'done' && state.comparing).toBe(true);
    finish(fakeReport(true, 2));
    await vi.waitFor(async () => {
      state = await service.getState(7);
      expect(state.state === 'done' && state.report.related).toBe(true);
    });
    expect(state.state === 'done' && state.comparing).toBeFalsy();
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('2');
  });

  it('keeps the lexical report, no longer comparing, when the semantic pass fails', async () => {
    const { deps } = setup({ related: true, discrepancies: 1 });
    const analyzeSemantic = vi.fn(() => Promise.reject(new Error('no model')));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const service = new AnalysisService({ ...deps, analyzeSemantic });
    await service.analyze(7, page);
    await vi.waitFor(async () => {
      const state = await service.getState(7);
      expect(state.state === 'done' && !state.comparing && state.report.related).toBe(true);
    });
    // Said in the background's console, once, with the error: diagnosable in the field.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[1])).toContain('no model');
    warn.mockRestore();
  });
  it('hands the one cache of the background to both passes, on every page', async () => {
    const { deps } = setup({ related: true, discrepancies: 0 });
    const cache = new AnalysisCache();
    const analyzeSemantic = vi.fn(async () => fakeReport(true, 0));
    const service = new AnalysisService({ ...deps, analyzeSemantic, cache });
    await service.analyze(7, page);
    await service.analyze(8, { ...page, url: 'https://news.example/b' });
    await vi.waitFor(() => expect(analyzeSemantic).toHaveBeenCalledTimes(2));
    const calls = [...deps.analyzePage.mock.calls, ...analyzeSemantic.mock.calls] as unknown as Array<
      [PageArticle, CorpusIndex, { cache?: AnalysisCache; indexMs?: number }]
    >;
    expect(calls.length).toBe(4);
    for (const c of calls) expect(c[2].cache).toBe(cache);
    // Without one, none is made up.
    const plain = new AnalysisService({ ...deps, analyzeSemantic });
    await plain.analyze(9, page);
    const last = deps.analyzePage.mock.calls.at(-1) as unknown as [unknown, unknown, { cache?: unknown }];
    expect(last[2].cache).toBeUndefined();
  });
});
