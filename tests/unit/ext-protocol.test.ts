import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Report } from '../../lib/types';
import type { CorpusIndex } from '../../lib/corpus-index';
import { ROUTES, type MessageType } from '../../ext/protocol';
import { dispatch, MessageRefused, type Handlers, type Sender } from '../../ext/messaging';
import { startBackground } from '../../ext/background-main';
import { corpusStore } from '../../ext/corpus';
import { background, contentScript, deliver, extensionPage } from './ext-senders';

const page = { title: 'Drones', text: 'The drones flew.', url: 'https://news.example/a' };

function fakeReport(): Report {
  return {
    schemaVersion: 1,
    page: { title: page.title, url: page.url, chars: page.text.length, sentences: 1 },
    related: true,
    selfSourceId: null,
    sources: [],
    passages: [],
    discrepancies: [],
    timings: { extractMs: 0, analyzeMs: 0 },
    text: page.text,
  };
}

/** One message of each type, as the extension's code sends it, and a sender its route allows. */
const VALID: Record<MessageType, { msg: Record<string, unknown>; from: Sender }> = {
  'analyze-page': { msg: { type: 'analyze-page', page }, from: contentScript(7) },
  'page-cleared': { msg: { type: 'page-cleared', reason: 'paused', url: page.url }, from: contentScript(7) },
  'open-side-panel': { msg: { type: 'open-side-panel', passageId: 'p3' }, from: contentScript(7) },
  'get-report': { msg: { type: 'get-report', tabId: 7 }, from: extensionPage('popup.html') },
  'take-focus-passage': { msg: { type: 'take-focus-passage', tabId: 7 }, from: extensionPage() },
  'reveal-passage': { msg: { type: 'reveal-passage', tabId: 7, passageId: 'p1' }, from: extensionPage() },
  // The options page in a tab of its own is still an extension page.
  'corpus-add-tab': { msg: { type: 'corpus-add-tab', tabId: 7 }, from: extensionPage('options.html', 3) },
  'show-report': { msg: { type: 'show-report', report: fakeReport() }, from: background },
  'request-analysis': { msg: { type: 'request-analysis' }, from: background },
  'reveal-in-page': { msg: { type: 'reveal-in-page', passageId: 'p1' }, from: background },
  'tab-state-changed': { msg: { type: 'tab-state-changed', tabId: 7 }, from: background },
};

/** Handlers for every receiver that record what reached them. */
function spies() {
  const calls: Array<{ type: string; msg: unknown; from: unknown }> = [];
  const handler =
    (type: string) =>
    (msg: unknown, from: unknown): undefined => {
      calls.push({ type, msg, from });
      return undefined;
    };
  const all = Object.fromEntries(Object.keys(ROUTES).map((t) => [t, handler(t)]));
  return {
    calls,
    background: all as unknown as Handlers<'background'>,
    content: all as unknown as Handlers<'content'>,
    pages: all as unknown as Handlers<'pages'>,
  };
}

function deliverTo(handlers: ReturnType<typeof spies>, msg: unknown, from: Sender) {
  const type = (msg as { type: MessageType }).type;
  const to = ROUTES[type].to;
  return dispatch(to, handlers[to] as Handlers<typeof to>, msg, from);
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the message protocol', () => {
  it('has an example of every message, and each reaches its handler from its sender', async () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(ROUTES).sort());
    const h = spies();
    for (const [type, { msg, from }] of Object.entries(VALID)) {
      await deliverTo(h, msg, from);
      expect(h.calls.at(-1)).toMatchObject({ type, msg });
    }
    expect(h.calls).toHaveLength(Object.keys(ROUTES).length);
    // A content script's handler learns its tab from the sender.
    expect(h.calls[0]?.from).toMatchObject({ tabId: 7 });
  });

  it('leaves messages for another receiver, and unknown ones, alone', () => {
    const h = spies();
    expect(dispatch('pages', h.pages, VALID['get-report'].msg, extensionPage())).toBeUndefined();
    expect(dispatch('background', h.background, VALID['tab-state-changed'].msg, background)).toBeUndefined();
    for (const msg of [null, 'get-report', 42, {}, { type: 7 }, { type: 'corpus-delete', id: 'x' }])
      expect(dispatch('background', h.background, msg, extensionPage())).toBeUndefined();
    expect(dispatch('background', h.background, { type: 'toString' }, extensionPage())).toBeUndefined();
    expect(h.calls).toEqual([]);
  });

  it('refuses every message from a sender its route does not allow', async () => {
    const h = spies();
    const stranger: Sender = { ...extensionPage(), id: 'another-extension' };
    const subFrame: Sender = { ...contentScript(7), frameId: 3 };
    for (const [type, { msg }] of Object.entries(VALID)) {
      const route = ROUTES[type as MessageType];
      const wrong =
        route.from === 'tab'
          ? [extensionPage(), extensionPage('options.html', 3), background, subFrame]
          : [contentScript(7)];
      for (const from of [...wrong, stranger, {} as Sender]) {
        await expect(deliverTo(h, msg, from), `${type} from ${JSON.stringify(from)}`).rejects.toThrow(
          MessageRefused,
        );
      }
    }
    expect(h.calls).toEqual([]);
  });

  it('refuses messages of the wrong shape', async () => {
    const h = spies();
    const tab = contentScript(7);
    const ext = extensionPage();
    const bad: Array<[unknown, Sender]> = [
      [{ type: 'get-report' }, ext],
      [{ type: 'get-report', tabId: '7' }, ext],
      [{ type: 'get-report', tabId: -1 }, ext],
      [{ type: 'get-report', tabId: 1.5 }, ext],
      [{ type: 'corpus-add-tab', tabId: 7, then: 'delete everything' }, ext],
      [{ type: 'reveal-passage', tabId: 7, passageId: '' }, ext],
      [{ type: 'reveal-passage', tabId: 7, passageId: 'x'.repeat(201) }, ext],
      [{ type: 'analyze-page' }, tab],
      [{ type: 'analyze-page', page: { title: 'T', text: 42 } }, tab],
      // A content script speaks for its own tab only: no tab field to point elsewhere.
      [{ type: 'analyze-page', page, tabId: 8 }, tab],
      [{ type: 'page-cleared', reason: 'because' }, tab],
      [{ type: 'open-side-panel', tabId: 8 }, tab],
      [{ type: 'show-report', report: { related: 'yes' } }, background],
      [{ type: 'show-report', report: null }, background],
      [{ type: 'tab-state-changed', tabId: null }, background],
    ];
    for (const [msg, from] of bad)
      await expect(deliverTo(h, msg, from), JSON.stringify(msg)).rejects.toThrow(/wrong shape/);
    expect(h.calls).toEqual([]);
  });

  it('refuses a content script’s message about a page other than its tab’s, fragment aside', async () => {
    const h = spies();
    const tab = contentScript(7, 'https://news.example/a?id=1#top');
    const other = 'https://elsewhere.example/b';
    const refused: Array<[unknown, Sender]> = [
      [{ type: 'analyze-page', page: { ...page, url: other } }, tab],
      [{ type: 'analyze-page', page: { ...page, url: 'https://news.example/a?id=2' } }, tab],
      [{ type: 'page-cleared', reason: 'not-article', url: other }, tab],
      // No URL from the browser: the claim cannot be checked.
      [
        { type: 'analyze-page', page },
        { ...contentScript(7), url: undefined, tab: { id: 7 } as Sender['tab'] },
      ],
    ];
    for (const [msg, from] of refused)
      await expect(deliverTo(h, msg, from), JSON.stringify(msg)).rejects.toThrow(/other than its tab/);
    expect(h.calls).toEqual([]);
    const accepted: Array<[unknown, Sender]> = [
      [{ type: 'analyze-page', page: { ...page, url: 'https://news.example/a?id=1' } }, tab],
      [{ type: 'analyze-page', page: { ...page, url: 'https://news.example/a?id=1#section-2' } }, tab],
      [{ type: 'page-cleared', reason: 'paused', url: 'https://news.example/a?id=1' }, tab],
      // A page without a URL claims nothing.
      [{ type: 'analyze-page', page: { title: page.title, text: page.text } }, tab],
      [{ type: 'page-cleared', reason: 'paused' }, tab],
      // The frame's URL stands in where the browser leaves the tab's out.
      [
        { type: 'analyze-page', page },
        { ...contentScript(7), tab: { id: 7 } as Sender['tab'] },
      ],
    ];
    for (const [msg, from] of accepted) await deliverTo(h, msg, from);
    expect(h.calls).toHaveLength(accepted.length);
  });

  it('drops unknown fields inside an extracted page', async () => {
    const h = spies();
    await deliverTo(h, { type: 'analyze-page', page: { ...page, html: '<b>x</b>' } }, contentScript(7));
    expect(h.calls[0]?.msg).toEqual({ type: 'analyze-page', page });
  });
});

describe('the background refuses, and nothing changes', () => {
  function start() {
    const analyzePage = vi.fn(() => fakeReport());
    const exec = vi.fn().mockResolvedValue([{ frameId: 0, result: page }]);
    fakeBrowser.scripting.executeScript = exec as unknown as typeof fakeBrowser.scripting.executeScript;
    const toTab = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    startBackground({
      getArticles: async () => [],
      buildIndex: () => ({}) as CorpusIndex,
      analyzePage,
      subscribeCorpusChanges: () => () => {},
    });
    return { analyzePage, exec, toTab };
  }

  async function snapshot() {
    return {
      local: await fakeBrowser.storage.local.get(null),
      session: await fakeBrowser.storage.session.get(null),
      corpus: (await corpusStore().list()).map((a) => a.id),
      badge7: await fakeBrowser.action.getBadgeText({ tabId: 7 }),
      badge8: await fakeBrowser.action.getBadgeText({ tabId: 8 }),
    };
  }

  it('does not let a content script add to the corpus, read or steer another tab', async () => {
    const { exec, toTab, analyzePage } = start();
    // Tab 8 has a comparison a content script in tab 7 must not see.
    await deliver({ type: 'analyze-page', page }, contentScript(8));
    expect(analyzePage).toHaveBeenCalledTimes(1);
    const before = await snapshot();
    const tab7 = contentScript(7, 'https://evil.example/');
    for (const msg of [
      { type: 'corpus-add-tab', tabId: 8 },
      { type: 'get-report', tabId: 8 },
      { type: 'take-focus-passage', tabId: 8 },
      { type: 'reveal-passage', tabId: 8, passageId: 'p1' },
    ])
      await expect(deliver(msg, tab7), msg.type).rejects.toThrow(MessageRefused);
    expect(exec).not.toHaveBeenCalled();
    expect(toTab).not.toHaveBeenCalled();
    expect(await snapshot()).toEqual(before);
  });

  it('does not analyse or clear a page a content script is not on', async () => {
    const { analyzePage } = start();
    await deliver({ type: 'analyze-page', page }, contentScript(7));
    const before = await snapshot();
    const elsewhere = contentScript(7, 'https://evil.example/');
    await expect(deliver({ type: 'analyze-page', page }, elsewhere)).rejects.toThrow(MessageRefused);
    await expect(
      deliver({ type: 'page-cleared', reason: 'not-article', url: page.url }, elsewhere),
    ).rejects.toThrow(MessageRefused);
    expect(analyzePage).toHaveBeenCalledTimes(1);
    expect(await snapshot()).toEqual(before);
  });

  it('does not let an extension page speak for a tab, nor accept a malformed request', async () => {
    const { exec, analyzePage } = start();
    const before = await snapshot();
    await expect(deliver({ type: 'analyze-page', page }, extensionPage())).rejects.toThrow(MessageRefused);
    await expect(deliver({ type: 'page-cleared', reason: 'paused' }, extensionPage())).rejects.toThrow(
      MessageRefused,
    );
    await expect(deliver({ type: 'corpus-add-tab', tabId: '7' }, extensionPage())).rejects.toThrow(
      /wrong shape/,
    );
    await expect(deliver({ type: 'analyze-page', page: { text: 1 } }, contentScript(7))).rejects.toThrow(
      /wrong shape/,
    );
    expect(analyzePage).not.toHaveBeenCalled();
    expect(exec).not.toHaveBeenCalled();
    expect(await snapshot()).toEqual(before);
  });

  it('no longer answers the corpus messages nothing sent (delete, import, …)', async () => {
    start();
    const before = await snapshot();
    const id = before.corpus[0]!;
    for (const msg of [
      { type: 'corpus-delete', id },
      { type: 'corpus-hide', id, hidden: true },
      { type: 'corpus-import', file: { articles: [] } },
      { type: 'corpus-add-page', page },
    ])
      expect(await deliver(msg, extensionPage('options.html'))).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it('still adds the tab when the popup asks', async () => {
    const { exec } = start();
    const before = await snapshot();
    const res = await deliver({ type: 'corpus-add-tab', tabId: 7 }, extensionPage('popup.html'));
    expect(res).toMatchObject({ status: 'added', title: page.title });
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['/corpus-extract.js'] });
    expect((await snapshot()).corpus).toHaveLength(before.corpus.length + 1);
  });
});
