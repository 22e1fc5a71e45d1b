/**
 * Retrieval by meaning over the reader's own articles (ADR 013): their sentence vectors are made
 * in the background (ext/corpus-vectors.ts) and their document vectors are stored beside them, so
 * that a retelling of a reader's article in other words is retrieved, also when its vectors were
 * stored after the index was built, and after the background restarts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { nodeEncoder } from '../../cli/model';
import { CorpusVectors, type VectorArea } from '../../ext/corpus-vectors';
import { storedVectorSource } from '../../ext/semantic-engine';
import { buildIndex } from '../../lib/corpus-index';
import { EMBEDDING_DIM, type SentenceEncoder } from '../../lib/encoder';
import { semanticVectors } from '../../lib/semantic';
import type { Article } from '../../lib/types';

function memoryArea(): VectorArea & { data: Map<string, Uint8Array> } {
  const data = new Map<string, Uint8Array>();
  return {
    data,
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

const fixture = (name: string) => readFileSync(join('tests/fixtures/articles', name), 'utf8');
const own = (id: string, outlet: string, file: string): Article => ({
  id,
  outlet,
  title: id,
  text: fixture(file),
  origin: 'user',
});
const articles = [
  own('courier', 'The Courier', 'bridge-courier.txt'),
  own('rail', 'Rail News', 'bridge-lookalike.txt'),
  own('retold', 'The Gazette', 'bridge-paraphrase.txt'),
  own('frost', 'Valley Post', 'unrelated-weather.txt'),
];
const page = { title: 'Footbridge collapses', text: fixture('bridge-herald.txt') };
// One lexical candidate (the other outlet's report): the retelling can only come by meaning.
const opts = { candidateLimit: 1 };

/** The articles found by meaning for the page, as the extension's semantic pass gathers them. */
async function byMeaning(
  index: ReturnType<typeof buildIndex>,
  embed: (texts: readonly string[]) => Promise<Float32Array[]>,
  readers: CorpusVectors,
): Promise<string[]> {
  const source = await storedVectorSource(index, embed, undefined, readers);
  return ((await semanticVectors(page, index, source, opts)).neighbours ?? []).map((n) => n.articleId);
}

describe('retrieval by meaning over the reader’s articles', () => {
  let enc: SentenceEncoder;
  beforeAll(async () => {
    enc = await nodeEncoder();
  }, 120_000);
  beforeEach(() => fakeBrowser.reset());

  it('finds a retelling once its vectors are stored, in the same index, and after a restart', async () => {
    const area = memoryArea();
    const readers = new CorpusVectors(area, EMBEDDING_DIM);
    const embed = vi.fn((texts: readonly string[]) => enc.embed(texts));
    const index = buildIndex(articles);

    // Indexed before the background has embedded the reader's articles: no document vectors yet.
    expect(await byMeaning(index, embed, readers)).toEqual([]);

    expect(await readers.sync(articles, embed)).toBe(4);
    const after = await byMeaning(index, embed, readers);
    expect(after).toContain('retold');
    expect(after).not.toContain('frost');

    // A restarted background: document vectors read back from the store, the retelling's sentence
    // vectors too (not embedded again for the page).
    embed.mockClear();
    const restarted = new CorpusVectors(area, EMBEDDING_DIM);
    const fresh = buildIndex(articles);
    expect(await byMeaning(fresh, embed, restarted)).toEqual(after);
    const retold = fresh.get('retold')!.sentences.map((s) => s.text);
    const embedded = embed.mock.calls.flatMap((c) => c[0]);
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.some((t) => retold.includes(t))).toBe(false);
  }, 180_000);
});
