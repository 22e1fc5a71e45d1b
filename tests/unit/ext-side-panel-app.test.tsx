// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import type { Report } from '../../lib/types';
import type { CorpusIndex } from '../../lib/corpus-index';
import { startBackground } from '../../ext/background-main';
import { SidePanelApp } from '../../components/SidePanelApp';
import { contentScript, deliver, sendAsExtensionPage } from './ext-senders';

function report(discrepancies: number): Report {
  return {
    schemaVersion: 1,
    page: { title: 'Drone flights', chars: 10, sentences: 1, url: 'https://news.example/a' },
    related: true,
    selfSourceId: null,
    sources: [
      {
        id: 'nyt',
        outlet: 'The New York Times',
        title: 'T',
        score: 0.9,
        sharedPassages: 1,
        relation: 'same-story',
      },
    ],
    passages: [
      { id: 'p1', text: 'They sent 15,000 troops.', start: 0, end: 24, verdict: 'differ', matches: [] },
    ],
    discrepancies: Array.from({ length: discrepancies }, (_, i) => ({
      id: `d${i}`,
      kind: 'number' as const,
      page: '15,000',
      reference: '10,000',
      sourceId: 'nyt',
      passageId: 'p1',
      pageText: 'They sent 15,000 troops.',
      referenceText: 'They sent 10,000 troops.',
      confidence: 0.9,
      explanation: 'This page says 15,000; The New York Times says 10,000.',
    })),
    timings: { extractMs: 0, analyzeMs: 0 },
    text: 'They sent 15,000 troops.',
  };
}

beforeEach(() => {
  fakeBrowser.reset();
  sendAsExtensionPage('sidepanel.html');
});

describe('SidePanelApp (sidepanel.html?tab=ID) with the background service', () => {
  it('shows the tab’s comparison, follows its updates, and reveals a passage through the background', async () => {
    let current = report(1);
    startBackground({
      getArticles: async () => [],
      buildIndex: () => ({}) as CorpusIndex,
      analyzePage: () => current,
      subscribeCorpusChanges: () => () => {},
    });
    const tabSend = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(true);
    await deliver(
      { type: 'analyze-page', page: { title: 'Drone flights', text: 'x', url: 'https://news.example/a' } },
      contentScript(5, 'https://news.example/a'),
    );

    const root = document.createElement('div');
    document.body.replaceChildren(root);
    await act(async () => render(<SidePanelApp fixedTabId={5} />, root));
    await vi.waitFor(() => expect(root.querySelectorAll('.discrepancy').length).toBe(1));
    expect(root.textContent).toContain('Drone flights');

    // A new analysis of the tab (e.g. after a corpus change) reaches the open panel.
    current = report(2);
    await act(async () => {
      await deliver(
        { type: 'analyze-page', page: { title: 'Drone flights', text: 'x', url: 'https://news.example/a' } },
        contentScript(5, 'https://news.example/a'),
      );
    });
    await vi.waitFor(() => expect(root.querySelectorAll('.discrepancy').length).toBe(2));

    act(() => root.querySelector<HTMLElement>('.discrepancy')?.click());
    await vi.waitFor(() =>
      expect(tabSend).toHaveBeenCalledWith(5, { type: 'reveal-in-page', passageId: 'p1' }),
    );
  });

  it('says so when the tab’s site is paused', async () => {
    startBackground({
      getArticles: async () => [],
      buildIndex: () => ({}) as CorpusIndex,
      analyzePage: () => report(0),
      subscribeCorpusChanges: () => () => {},
    });
    await deliver(
      { type: 'page-cleared', reason: 'paused', url: 'https://news.example/a' },
      contentScript(6, 'https://news.example/a'),
    );
    const root = document.createElement('div');
    document.body.replaceChildren(root);
    await act(async () => render(<SidePanelApp fixedTabId={6} />, root));
    await vi.waitFor(() => expect(root.textContent).toContain('Paused on this site'));
    expect(root.textContent).toContain('Resume on this site');
  });
});
