import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Article } from '../../lib/types';
import { CorpusImportError, CorpusStore, type StorageAreaLike } from '../../ext/corpus-store';
import {
  META_KEY,
  NOTICE_KEY,
  QUARANTINE_KEY,
  V0_ARTICLES_KEY,
  V0_HIDDEN_KEY,
  articleKey,
  migrateV0toV1,
} from '../../ext/corpus-migrations';
import { normaliseUrl, textFingerprint } from '../../ext/corpus-dedupe';

const BUNDLED: Article[] = [
  {
    id: 'bundled-one',
    outlet: 'The Example Times',
    title: 'Bundled story one',
    text: 'The council approved the budget on Tuesday.\n\nIt passed seven to two.',
    url: 'https://example.com/news/one',
    origin: 'bundled',
  },
  {
    id: 'bundled-two',
    outlet: 'Daily Sample',
    title: 'Bundled story two',
    text: 'Flooding closed the river road for three days.',
    origin: 'bundled',
  },
];

const page = (n: number, extra: Partial<Article> = {}) => ({
  title: `Reader story ${n}`,
  outlet: 'Reader Herald',
  text: `Paragraph one of story ${n} says ${n * 7} people attended.\n\nParagraph two adds detail ${n}.`,
  url: `https://reader.example.org/story/${n}`,
  ...extra,
});

const local = () => fakeBrowser.storage.local as unknown as StorageAreaLike;
let clock = 0;
const makeStore = (area: StorageAreaLike = local()) =>
  new CorpusStore({
    area,
    bundled: () => BUNDLED,
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString(),
  });

beforeEach(() => {
  fakeBrowser.reset();
  clock = 0;
});

describe('corpus store: adding pages', () => {
  it('stores an added page with its metadata and lists it after the bundled ones', async () => {
    const store = makeStore();
    const res = await store.addPage({ ...page(1), published: '2026-01-02', byline: 'A. Writer' });
    expect(res).toMatchObject({ status: 'added', title: 'Reader story 1', outlet: 'Reader Herald' });
    const list = await store.list();
    expect(list.map((e) => e.origin)).toEqual(['bundled', 'bundled', 'user']);
    expect(list[2]).toMatchObject({ title: 'Reader story 1', published: '2026-01-02', url: page(1).url });
    // A fresh store over the same storage (a browser restart) sees the same corpus.
    expect((await makeStore().list()).length).toBe(3);
  });

  it('takes the outlet from the domain when the page does not name it', async () => {
    const res = await makeStore().addPage({
      title: 'T',
      text: 'Some words here.',
      url: 'https://www.news.example.net/a',
    });
    expect(res).toMatchObject({ status: 'added', outlet: 'news.example.net' });
  });

  it('does not duplicate the same URL (tracking noise ignored) or the same text', async () => {
    const store = makeStore();
    const first = await store.addPage(page(1));
    expect(first.status).toBe('added');
    const sameUrl = await store.addPage({
      ...page(1),
      text: 'Updated text.',
      url: page(1).url + '/?utm_source=x#top',
    });
    expect(sameUrl).toMatchObject({ status: 'duplicate', reason: 'url', title: 'Reader story 1' });
    const sameText = await store.addPage({
      ...page(1),
      url: undefined,
      text: page(1).text.toUpperCase() + '  ',
    });
    expect(sameText).toMatchObject({ status: 'duplicate', reason: 'text' });
    const bundled = await store.addPage({
      title: 'x',
      text: BUNDLED[0]!.text,
      url: 'http://example.com/news/one/',
    });
    expect(bundled).toMatchObject({ status: 'duplicate', id: 'bundled-one' });
    expect((await store.list()).filter((e) => e.origin === 'user')).toHaveLength(1);
  });

  it('gives distinct ids to different articles with the same outlet and title', async () => {
    const store = makeStore();
    const a = await store.addPage(page(1));
    const b = await store.addPage({ ...page(2), title: 'Reader story 1' });
    expect(a.status === 'added' && b.status === 'added' && a.id !== b.id).toBe(true);
  });

  it('refuses a page without text', async () => {
    expect(await makeStore().addPage({ title: 'Empty', text: '  \n ' })).toMatchObject({ status: 'error' });
  });

  it('puts added articles into the active corpus and changes its hash', async () => {
    const store = makeStore();
    const before = await store.activeCorpus();
    await store.addPage(page(1));
    const after = await store.activeCorpus();
    expect(after.articles.map((a) => a.id)).toEqual([
      ...before.articles.map((a) => a.id),
      after.articles[2]!.id,
    ]);
    expect(after.hash).not.toBe(before.hash);
  });
});

describe('corpus store: delete and hide', () => {
  it('deletes the reader’s own articles but not bundled ones', async () => {
    const store = makeStore();
    const res = await store.addPage(page(1));
    if (res.status !== 'added') throw new Error('not added');
    expect(await store.deleteArticle('bundled-one')).toBe(false);
    expect(await store.deleteArticle(res.id)).toBe(true);
    expect((await store.list()).map((e) => e.id)).toEqual(['bundled-one', 'bundled-two']);
    expect((await fakeBrowser.storage.local.get(articleKey(res.id)))[articleKey(res.id)]).toBeUndefined();
  });

  it('hides bundled articles from comparisons and shows them again', async () => {
    const store = makeStore();
    expect(await store.setHidden('bundled-one', true)).toBe(true);
    expect((await store.activeCorpus()).articles.map((a) => a.id)).toEqual(['bundled-two']);
    expect((await store.list()).find((e) => e.id === 'bundled-one')?.hidden).toBe(true);
    await store.setHidden('bundled-one', false);
    expect((await store.activeCorpus()).articles).toHaveLength(2);
    expect(await store.setHidden('no-such-article', true)).toBe(false);
  });
});

describe('corpus store: import and export', () => {
  const file = (articles: unknown[]) => ({ format: 'parallax-corpus', version: 1, articles });

  it('imports the good items and reports bad items by position and reason', async () => {
    const store = makeStore();
    const res = await store.importFile(
      file([page(1), { title: 'No outlet', text: 'x' }, page(2), { outlet: 'O', title: 'T', text: '' }, 42]),
    );
    expect(res.imported).toBe(2);
    expect(res.errors.map((e) => e.index)).toEqual([1, 3, 4]);
    expect(res.errors[0]!.reason).toMatch(/outlet/);
    expect((await store.list()).filter((e) => e.origin === 'user').map((e) => e.title)).toEqual([
      'Reader story 1',
      'Reader story 2',
    ]);
  });

  it('reports duplicates (of the corpus and within the file) by position and skips them', async () => {
    const store = makeStore();
    await store.addPage(page(1));
    const res = await store.importFile(file([page(1), page(2), page(2), { ...BUNDLED[1]!, id: undefined }]));
    expect(res.imported).toBe(1);
    expect(res.duplicates.map((d) => [d.index, d.reason])).toEqual([
      [0, 'url'],
      [2, 'url'],
      [3, 'text'],
    ]);
  });

  it('rejects a file that is not a corpus file and changes nothing', async () => {
    const store = makeStore();
    await store.addPage(page(1));
    const before = await fakeBrowser.storage.local.get(null);
    await expect(store.importFile({ format: 'something-else', articles: [] })).rejects.toBeInstanceOf(
      CorpusImportError,
    );
    await expect(store.importFile([page(2)])).rejects.toThrow(/corpus file/);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('keeps everything already stored when the storage fails during an import', async () => {
    const store = makeStore();
    await store.addPage(page(1));
    await store.addPage(page(2));
    const before = await store.list();
    const failing: StorageAreaLike = {
      get: (k) => fakeBrowser.storage.local.get(k ?? null),
      remove: (k) => fakeBrowser.storage.local.remove(k),
      set: async (items) => {
        if (META_KEY in items) throw new Error('QUOTA_BYTES quota exceeded');
        await fakeBrowser.storage.local.set(items);
      },
    };
    await expect(makeStore(failing).importFile(file([page(3), page(4)]))).rejects.toThrow(
      /Nothing was changed/,
    );
    expect(await makeStore().list()).toEqual(before);
    const keys = Object.keys(await fakeBrowser.storage.local.get(null));
    expect(keys.filter((k) => k.startsWith('corpus.article.'))).toHaveLength(2);
  });

  it('gives back exactly the same corpus after export then import', async () => {
    const store = makeStore();
    await store.addPage({ ...page(1), published: '2026-01-02T10:00:00Z', byline: 'By A. Writer' });
    await store.importFile(file([{ ...page(2), extraField: 'kept', id: 'given-id' }, page(3)]));
    const exported = await store.exportFile();
    expect(exported.format).toBe('parallax-corpus');
    const json = JSON.parse(JSON.stringify(exported)) as unknown;

    fakeBrowser.reset();
    const fresh = makeStore();
    const res = await fresh.importFile(json);
    expect(res).toEqual({ imported: 3, duplicates: [], errors: [] });
    expect(await fresh.exportFile()).toEqual(exported);
    const articles = (await fresh.activeCorpus()).articles.filter((a) => a.origin === 'user');
    expect(articles.map((a) => a.id)).toContain('given-id');
    expect(articles.find((a) => a.id === 'given-id')).toMatchObject({ extraField: 'kept' });
  });

  it('exports the bundled articles too when asked, minus hidden ones', async () => {
    const store = makeStore();
    await store.setHidden('bundled-two', true);
    const out = await store.exportFile({ includeBundled: true });
    expect(out.articles.map((a) => a.id)).toEqual(['bundled-one']);
    expect(out.articles[0]).not.toHaveProperty('origin');
  });
});

describe('corpus store: migration and recovery', () => {
  it('migrates the v0 flat layout to v1 and keeps the hidden list', async () => {
    const v0 = [
      { id: 'old-1', outlet: 'Old Outlet', title: 'Old one', text: 'Old text one.' },
      {
        id: 'old-2',
        outlet: 'Old Outlet',
        title: 'Old two',
        text: 'Old text two.',
        url: 'https://o.example/2',
      },
    ];
    await fakeBrowser.storage.local.set({ [V0_ARTICLES_KEY]: v0, [V0_HIDDEN_KEY]: ['bundled-two'] });
    const store = makeStore();
    const state = await store.load();
    expect(state.meta).toMatchObject({ schemaVersion: 1, ids: ['old-1', 'old-2'], hidden: ['bundled-two'] });
    const raw = await fakeBrowser.storage.local.get(null);
    expect(raw[V0_ARTICLES_KEY]).toBeUndefined();
    expect(raw[V0_HIDDEN_KEY]).toBeUndefined();
    expect((await store.activeCorpus()).articles.map((a) => a.id)).toEqual(['bundled-one', 'old-1', 'old-2']);
    expect(await store.notice()).toBeUndefined();
  });

  it('keeps aside v0 items that cannot be migrated and tells the reader', async () => {
    const plan = migrateV0toV1(
      { [V0_ARTICLES_KEY]: [{ id: 'ok', outlet: 'O', title: 'T', text: 'x' }, { id: 'bad' }] },
      'now',
    );
    expect(plan.rejected).toEqual([{ index: 1, reason: 'missing or empty "outlet"', raw: { id: 'bad' } }]);
    await fakeBrowser.storage.local.set({
      [V0_ARTICLES_KEY]: [{ id: 'ok', outlet: 'O', title: 'T', text: 'x' }, { id: 'bad' }],
    });
    const store = makeStore();
    expect((await store.load()).meta.ids).toEqual(['ok']);
    expect((await store.notice())?.kind).toBe('migrated');
    expect((await store.quarantine())[0]?.data).toEqual({ 1: { id: 'bad' } });
  });

  it('recovers from a damaged meta record without losing the articles', async () => {
    const store = makeStore();
    await store.addPage(page(1));
    await store.addPage(page(2));
    await fakeBrowser.storage.local.set({ [META_KEY]: 'garbage{' });
    const fresh = makeStore();
    const state = await fresh.load();
    expect(state.records.map((r) => r.article.title)).toEqual(['Reader story 1', 'Reader story 2']);
    const notice = await fresh.notice();
    expect(notice?.message).toMatch(/damaged/);
    expect(notice?.message).toMatch(/2 of your articles/);
    expect((await fresh.quarantine())[0]?.data).toEqual({ [META_KEY]: 'garbage{' });
    // Repaired: loading again is clean and does not add another quarantine entry.
    await fresh.load();
    expect(await fresh.quarantine()).toHaveLength(1);
    await fresh.dismissNotice();
    expect(await fresh.notice()).toBeUndefined();
  });

  it('drops a damaged article record, keeps it aside and keeps the others', async () => {
    const store = makeStore();
    const a = await store.addPage(page(1));
    await store.addPage(page(2));
    if (a.status !== 'added') throw new Error('not added');
    await fakeBrowser.storage.local.set({ [articleKey(a.id)]: { article: { id: a.id } } });
    const state = await makeStore().load();
    expect(state.records.map((r) => r.article.title)).toEqual(['Reader story 2']);
    const raw = await fakeBrowser.storage.local.get([QUARANTINE_KEY, NOTICE_KEY]);
    expect(raw[QUARANTINE_KEY]).toEqual([
      expect.objectContaining({ data: { [articleKey(a.id)]: { article: { id: a.id } } } }),
    ]);
    expect(raw[NOTICE_KEY]).toMatchObject({ kind: 'recovered' });
  });

  it('treats a store written by a newer schema as damaged but keeps its data aside', async () => {
    await fakeBrowser.storage.local.set({
      [META_KEY]: { schemaVersion: 99, ids: [], hidden: [], revision: 3 },
    });
    const store = makeStore();
    await store.load();
    expect((await store.notice())?.message).toMatch(/newer version/);
    expect((await store.quarantine())[0]?.data[META_KEY]).toMatchObject({ schemaVersion: 99 });
  });

  it('ignores records of a write that never committed', async () => {
    const store = makeStore();
    await store.addPage(page(1));
    await fakeBrowser.storage.local.set({
      [articleKey('orphan')]: { article: { id: 'orphan' }, addedAt: 'x' },
    });
    expect((await store.load()).records).toHaveLength(1);
    expect(await store.notice()).toBeUndefined();
  });
});

describe('dedupe helpers', () => {
  it('normalises URLs and texts', () => {
    expect(normaliseUrl('http://www.Example.com/a/?utm_medium=x&b=2&a=1#frag')).toBe('example.com/a?a=1&b=2');
    expect(normaliseUrl('not a url')).toBeUndefined();
    expect(textFingerprint('Hello,   World!')).toBe(textFingerprint('hello world'));
    expect(textFingerprint('hello world')).not.toBe(textFingerprint('hello words'));
  });
});
