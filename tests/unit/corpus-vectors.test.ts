import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { corpusStore, getCorpusArticles, subscribeCorpusChanges } from '../../ext/corpus';
import { CorpusVectors, watchCorpusVectors, type VectorArea } from '../../ext/corpus-vectors';
import { documentVector } from '../../lib/document-vectors';
import { segment } from '../../lib/segment';
import { sentencesKey } from '../../lib/vectors';
import type { Article } from '../../lib/types';

const DIM = 4;

/** Entries of sentence vectors (document vectors' keys start with \u0001). */
const sentenceEntries = (data: Map<string, Uint8Array>) =>
  [...data.keys()].filter((k) => !k.startsWith('\u0001'));

function memoryArea(): VectorArea & { data: Map<string, Uint8Array>; sentences: () => number } {
  const data = new Map<string, Uint8Array>();
  return {
    data,
    sentences: () => sentenceEntries(data).length,
    keys: () => Promise.resolve([...data.keys()]),
    get: (k) => Promise.resolve(data.get(k)),
    set: (k, v) => {
      data.set(k, v);
      return Promise.resolve();
    },
    remove: (ks) => {
      for (const k of ks) data.delete(k);
      return Promise.resolve();
    },
  };
}

/** A unit vector made from a text's length, so that a vector can be traced to its text. */
function fakeVector(text: string): Float32Array {
  const a = (text.length % 17) / 17;
  return Float32Array.from([a, Math.sqrt(1 - a * a), 0, 0]);
}

function fakeEmbed() {
  return vi.fn((texts: readonly string[]) => Promise.resolve(texts.map(fakeVector)));
}

const own = (id: string, text: string): Article => ({
  id,
  outlet: 'Reader',
  title: id,
  text,
  origin: 'user',
});

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('stored vectors of the reader’s articles', () => {
  it('are computed once per article and read back for comparison', async () => {
    const area = memoryArea();
    const vectors = new CorpusVectors(area, DIM);
    const embed = fakeEmbed();
    const a = own('a', 'The bridge reopened on Monday.\n\nTraffic resumed at noon after nine weeks.');
    const bundled: Article = { ...own('b', 'A bundled article.'), origin: 'bundled' };
    expect(await vectors.sync([a, bundled], embed)).toBe(1);
    expect(embed).toHaveBeenCalledTimes(1);
    expect(embed.mock.calls[0]![0]).toEqual(segment(a.text).map((s) => s.text));
    // A second sync (another change, a restarted worker) computes nothing again.
    expect(await new CorpusVectors(area, DIM).sync([a, bundled], embed)).toBe(0);
    expect(embed).toHaveBeenCalledTimes(1);

    const sentences = segment(a.text).map((s) => s.text);
    const got = await vectors.load(['a', 'b'], (id) => (id === 'a' ? sentences : ['A bundled article.']));
    expect([...got.keys()]).toEqual(['a']);
    got.get('a')!.forEach((v, i) => expect(v[0]).toBeCloseTo(fakeVector(sentences[i]!)[0]!, 2));
  });

  it('are not used for another text, and are dropped with their article', async () => {
    const area = memoryArea();
    const vectors = new CorpusVectors(area, DIM);
    const embed = fakeEmbed();
    await vectors.sync([own('a', 'One sentence here.'), own('c', 'Another article.')], embed);
    expect(area.sentences()).toBe(2);
    expect(area.data.size).toBe(4); // and their document vectors
    expect((await vectors.load(['a'], () => ['One sentence, changed.'])).size).toBe(0);
    await vectors.sync([own('c', 'Another article.')], embed);
    expect(area.data.size).toBe(2);
    expect([...(await vectors.documents()).keys()]).toEqual(['c']);
    expect((await vectors.load(['a'], () => ['One sentence here.'])).size).toBe(0);
  });

  it('keep each article’s document vector, read back after a restart, made for entries stored without one', async () => {
    const area = memoryArea();
    const embed = fakeEmbed();
    const a = own('a', 'The bridge reopened on Monday.\n\nTraffic resumed at noon after nine weeks.');
    const first = new CorpusVectors(area, DIM);
    const live = await first.documents();
    expect(live.size).toBe(0);
    await first.sync([a], embed);
    // The map handed out earlier is live: vectors stored since are in it.
    const sentences = segment(a.text).map((s) => s.text);
    const doc = documentVector(sentences.map(fakeVector));
    expect(live.get('a')!.key).toBe(sentencesKey(sentences));
    live.get('a')!.vector.forEach((x, i) => expect(x).toBeCloseTo(doc[i]!, 2));

    // Read back by a restarted background, in one read when the area can.
    const getMany = vi.fn((ks: readonly string[]) => Promise.all(ks.map((k) => area.get(k))));
    const restarted = new CorpusVectors({ ...area, getMany }, DIM);
    expect((await restarted.documents()).get('a')!.key).toBe(sentencesKey(sentences));
    expect(getMany).toHaveBeenCalledTimes(1);

    // Sentence vectors stored before document vectors were kept: the next sync makes it, no model.
    for (const k of [...area.data.keys()]) if (k.startsWith('\u0001')) area.data.delete(k);
    const older = new CorpusVectors(area, DIM);
    expect((await older.documents()).size).toBe(0);
    expect(await older.sync([a], embed)).toBe(0);
    expect(embed).toHaveBeenCalledTimes(1);
    expect((await older.documents()).get('a')!.key).toBe(sentencesKey(sentences));
    expect(area.data.size).toBe(2);
  });

  it('are made in the background when the reader adds an article, and only for the new one', async () => {
    const area = memoryArea();
    const vectors = new CorpusVectors(area, DIM);
    const embed = fakeEmbed();
    const stop = watchCorpusVectors(
      subscribeCorpusChanges,
      getCorpusArticles,
      (articles) => vectors.sync(articles, embed),
      0,
    );
    const first = await corpusStore().addPage({
      title: 'Harbour bridge reopens',
      outlet: 'Reader Herald',
      text: 'The harbour bridge reopened on Monday after nine weeks.\n\nTraffic resumed at noon.',
    });
    expect(first.status).toBe('added');
    await until(() => area.sentences() === 1);
    expect(embed).toHaveBeenCalledTimes(1);
    await corpusStore().addPage({
      title: 'Ferry strike ends',
      outlet: 'Reader Herald',
      text: 'The ferry strike ended on Tuesday.\n\nCrossings resume tomorrow morning.',
    });
    await until(() => area.sentences() === 2);
    expect(embed).toHaveBeenCalledTimes(2);
    expect(embed.mock.calls[1]![0]).toEqual([
      'The ferry strike ended on Tuesday.',
      'Crossings resume tomorrow morning.',
    ]);
    stop();
  });
});
