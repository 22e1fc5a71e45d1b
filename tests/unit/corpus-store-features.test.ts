import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { addTabToCorpus, handleCorpusMessage } from '../../ext/corpus-features';
import { describeAddResult } from '../../ext/corpus-describe';
import { bundledArticles } from '../../ext/corpus';
import { isCorpusMessage } from '../../lib/protocol';

const page = {
  title: 'Harbour bridge reopens',
  outlet: 'Reader Herald',
  text: 'The harbour bridge reopened on Monday after nine weeks.\n\nTraffic resumed at noon.',
  url: 'https://reader.example.org/bridge',
};

type Exec = typeof fakeBrowser.scripting.executeScript;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('corpus messages in the background', () => {
  it('recognises only corpus messages', () => {
    expect(isCorpusMessage({ type: 'corpus-list' })).toBe(true);
    expect(isCorpusMessage({ type: 'analyze-page' })).toBe(false);
    expect(handleCorpusMessage({ type: 'get-report', tabId: 1 })).toBeUndefined();
  });

  it('adds, lists, hides, exports, imports and deletes through messages', async () => {
    const added = (await handleCorpusMessage({ type: 'corpus-add-page', page })) as {
      status: string;
      id: string;
    };
    expect(added.status).toBe('added');
    expect(await handleCorpusMessage({ type: 'corpus-add-page', page })).toMatchObject({
      status: 'duplicate',
    });

    const { items } = (await handleCorpusMessage({ type: 'corpus-list' })) as {
      items: Array<Record<string, unknown>>;
    };
    expect(items.at(-1)).toMatchObject({ id: added.id, origin: 'user', outlet: 'Reader Herald' });
    expect(items.at(-1)).not.toHaveProperty('text');

    const bundledId = bundledArticles()[0]!.id;
    expect(await handleCorpusMessage({ type: 'corpus-hide', id: bundledId, hidden: true })).toEqual({
      ok: true,
    });

    const file = (await handleCorpusMessage({ type: 'corpus-export' })) as { articles: unknown[] };
    expect(file.articles).toHaveLength(1);
    expect(await handleCorpusMessage({ type: 'corpus-delete', id: added.id })).toEqual({ ok: true });
    expect(await handleCorpusMessage({ type: 'corpus-import', file })).toEqual({
      imported: 1,
      duplicates: [],
      errors: [],
    });
    expect(await handleCorpusMessage({ type: 'corpus-import', file: { nope: true } })).toMatchObject({
      error: expect.stringMatching(/not a Parallax corpus file/),
    });
  });

  it('extracts the tab’s article with the injected script and adds it', async () => {
    const exec = vi.fn().mockResolvedValue([{ frameId: 0, result: page }]);
    fakeBrowser.scripting.executeScript = exec as unknown as Exec;
    const res = await addTabToCorpus(42);
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 42 }, files: ['/corpus-extract.js'] });
    expect(res).toMatchObject({ status: 'added', title: page.title });
    expect(describeAddResult(res)).toBe('Added “Harbour bridge reopens” (Reader Herald) to your corpus.');
    expect(describeAddResult(await addTabToCorpus(42))).toMatch(
      /^Already in your corpus: “Harbour bridge reopens”/,
    );
  });

  it('says why when the page cannot be read or has no article', async () => {
    fakeBrowser.scripting.executeScript = vi
      .fn()
      .mockRejectedValue(new Error('Cannot access a chrome:// URL')) as unknown as Exec;
    expect(await addTabToCorpus(1)).toEqual({
      status: 'error',
      message: 'Parallax cannot read this page (Cannot access a chrome:// URL).',
    });
    fakeBrowser.scripting.executeScript = vi
      .fn()
      .mockResolvedValue([{ frameId: 0, result: null }]) as unknown as Exec;
    expect(await addTabToCorpus(1)).toEqual({
      status: 'error',
      message: 'No article was found on this page.',
    });
  });
});
