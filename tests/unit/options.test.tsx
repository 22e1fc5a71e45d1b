// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import type { Article } from '../../lib/types';
import { CorpusStore, type StorageAreaLike } from '../../ext/corpus-store';
import { META_KEY } from '../../ext/corpus-migrations';
import type { CorpusApi } from '../../components/options/api';
import { OptionsApp } from '../../components/options/OptionsApp';
import { AddPageButton } from '../../components/AddPageButton';

const BUNDLED: Article[] = [
  {
    id: 'b-1',
    outlet: 'The Example Times',
    title: 'Council passes the budget',
    text: 'The council approved the budget on Tuesday.\n\nIt passed seven to two.',
    published: '2025-02-18',
    origin: 'bundled',
  },
  {
    id: 'b-2',
    outlet: 'Daily Sample',
    title: 'Flooding closes river road',
    text: 'Flooding closed the river road for three days near the old mill.',
    origin: 'bundled',
  },
];

let store: CorpusStore;
let root: HTMLElement;
let listeners: Array<() => void>;

function apiOf(s: CorpusStore): CorpusApi {
  return {
    list: () => s.list(),
    deleteArticle: (id) => s.deleteArticle(id),
    setHidden: (id, h) => s.setHidden(id, h),
    importFile: (j) => s.importFile(j),
    exportFile: (o) => s.exportFile(o),
    notice: () => s.notice(),
    dismissNotice: () => s.dismissNotice(),
    quarantine: () => s.quarantine(),
    subscribe: (cb) => {
      listeners.push(cb);
      return () => undefined;
    },
  };
}

const flush = async (ms = 0) => {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
};

async function mount(download = vi.fn()) {
  await act(async () => {
    render(<OptionsApp api={apiOf(store)} download={download} />, root);
  });
  await flush(20);
  return download;
}

const rows = () => [...root.querySelectorAll('tbody tr')].map((tr) => tr.textContent ?? '');
const button = (text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;

beforeEach(() => {
  fakeBrowser.reset();
  listeners = [];
  store = new CorpusStore({
    area: fakeBrowser.storage.local as unknown as StorageAreaLike,
    bundled: () => BUNDLED,
  });
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('options page', () => {
  it('lists bundled and own articles with outlet, title and date', async () => {
    await store.addPage({
      title: 'Reader story',
      outlet: 'Reader Herald',
      text: 'The mayor resigned.',
      published: '2026-01-05T09:00:00Z',
    });
    await mount();
    expect(rows()).toHaveLength(3);
    expect(rows()[0]).toContain('The Example Times');
    expect(rows()[0]).toContain('2025-02-18');
    expect(rows()[2]).toContain('Reader Herald');
    expect(rows()[2]).toContain('yours');
    expect(rows()[2]).toContain('2026-01-05');
    expect(root.textContent).toContain('3 articles: 2 bundled, 1 added by you, 0 hidden');
  });

  it('searches title, outlet and text fuzzily (typo tolerated)', async () => {
    await mount();
    const input = root.querySelector<HTMLInputElement>('#corpus-search')!;
    expect(root.querySelector('label[for="corpus-search"]')).not.toBeNull();
    await act(async () => {
      input.value = 'flodding';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush(250);
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toContain('Flooding closes river road');
    await act(async () => {
      input.value = 'seven';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await flush(250);
    expect(rows().map((r) => r.includes('Council'))).toEqual([true]);
  });

  it('opens an article in a reading view, with its text as text, never as HTML', async () => {
    await store.addPage({
      title: 'Tricky <b>title</b>',
      outlet: 'Reader Herald',
      text: 'First paragraph <img src=x onerror="alert(1)">.\n\nSecond paragraph.',
      url: 'https://reader.example/tricky',
    });
    await mount();
    await act(async () => button('Tricky <b>title</b>').click());
    const reader = root.querySelector('article.reader')!;
    expect(reader.querySelector('h2')?.textContent).toBe('Tricky <b>title</b>');
    expect(reader.querySelectorAll('.reader-text p')).toHaveLength(2);
    expect(reader.querySelector('img, b')).toBeNull();
    expect(reader.querySelector('a')?.getAttribute('href')).toBe('https://reader.example/tricky');
    await act(async () => button('← Back to the corpus').click());
    expect(root.querySelector('article.reader')).toBeNull();
  });

  it('deletes the reader’s own article after confirmation and hides bundled ones', async () => {
    await store.addPage({ title: 'Mine', outlet: 'Reader Herald', text: 'Words of mine.' });
    await mount();
    await act(async () =>
      root.querySelector<HTMLButtonElement>('button[aria-label="Delete “Mine”"]')!.click(),
    );
    // Focus lands on the safe choice; Escape keeps the article.
    expect(document.activeElement?.textContent).toBe('Keep');
    await act(async () => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(button('Delete for good')).toBeUndefined();
    await act(async () =>
      root.querySelector<HTMLButtonElement>('button[aria-label="Delete “Mine”"]')!.click(),
    );
    await act(async () => button('Delete for good').click());
    await flush(20);
    expect(rows()).toHaveLength(2);
    expect((await store.list()).some((e) => e.title === 'Mine')).toBe(false);

    await act(async () =>
      root
        .querySelector<HTMLButtonElement>('button[aria-label="Hide “Flooding closes river road”"]')!
        .click(),
    );
    await flush(20);
    expect((await store.activeCorpus()).articles.map((a) => a.id)).toEqual(['b-1']);
    expect(rows()[1]).toContain('hidden');
  });

  it('imports a file, lists the good items and reports the bad one by position', async () => {
    await mount();
    const file = new File(
      [
        JSON.stringify({
          format: 'parallax-corpus',
          version: 1,
          articles: [
            { outlet: 'Imported Post', title: 'Imported one', text: 'Imported words.' },
            { title: 'No outlet', text: 'x' },
          ],
        }),
      ],
      'corpus.json',
      { type: 'application/json' },
    );
    const input = root.querySelector<HTMLInputElement>('#import-file')!;
    expect(root.querySelector('label[for="import-file"]')).not.toBeNull();
    Object.defineProperty(input, 'files', { value: [file] });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await flush(50);
    expect(root.textContent).toContain('Imported 1 article.');
    expect(root.textContent).toMatch(/Item 2: .*outlet/);
    listeners.forEach((l) => l());
    await flush(20);
    expect(rows().some((r) => r.includes('Imported one'))).toBe(true);
  });

  it('says clearly when the file is not JSON or not a corpus file', async () => {
    await mount();
    const input = root.querySelector<HTMLInputElement>('#import-file')!;
    Object.defineProperty(input, 'files', { value: [new File(['{oops'], 'bad.json')], configurable: true });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await flush(50);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('“bad.json” is not a JSON file');
    Object.defineProperty(input, 'files', {
      value: [new File(['{"format":"x"}'], 'other.json')],
      configurable: true,
    });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await flush(50);
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(/not a Parallax corpus file/);
  });

  it('exports a parallax-corpus file', async () => {
    await store.addPage({ title: 'Mine', outlet: 'Reader Herald', text: 'Words of mine.' });
    const download = await mount();
    await act(async () => button('Export my articles').click());
    await flush(20);
    expect(download).toHaveBeenCalledTimes(1);
    const [name, json] = download.mock.calls[0]!;
    expect(name).toMatch(/^parallax-corpus-\d{4}-\d{2}-\d{2}\.json$/);
    expect(json).toMatchObject({ format: 'parallax-corpus', version: 1, articles: [{ title: 'Mine' }] });
  });

  it('tells the reader when the stored corpus was damaged and recovered', async () => {
    await store.addPage({ title: 'Mine', outlet: 'Reader Herald', text: 'Words of mine.' });
    await fakeBrowser.storage.local.set({ [META_KEY]: 42 });
    const download = await mount();
    const alert = root.querySelector('.notice[role="alert"]');
    expect(alert?.textContent).toContain('damaged');
    expect(rows().some((r) => r.includes('Mine'))).toBe(true);
    await act(async () => button('Download the damaged data').click());
    await flush(20);
    expect(download.mock.calls[0]?.[1]).toEqual([expect.objectContaining({ data: { [META_KEY]: 42 } })]);
    await act(async () => button('Dismiss').click());
    await flush(20);
    expect(root.querySelector('.notice')).toBeNull();
  });
});

describe('AddPageButton', () => {
  it('asks the background to add the tab and shows the answer', async () => {
    const send = vi
      .fn()
      .mockResolvedValue({ status: 'duplicate', id: 'x', title: 'Known story', reason: 'url' });
    await act(async () => render(<AddPageButton tabId={7} send={send} />, root));
    await act(async () => root.querySelector('button')!.click());
    await flush(10);
    expect(send).toHaveBeenCalledWith({ type: 'corpus-add-tab', tabId: 7 });
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Already in your corpus: “Known story” (same address).',
    );
  });

  it('is disabled without a tab', async () => {
    await act(async () => render(<AddPageButton tabId={undefined} />, root));
    expect(root.querySelector('button')?.disabled).toBe(true);
  });
});
