import { describe, expect, it } from 'vitest';
import { nodeEncoder, readModelFiles } from '../../cli/model';
import { cosine, EMBEDDING_DIM, loadEncoder } from '../../lib/encoder';

describe('sentence encoder (USE-lite, uint8 weights, wasm backend)', () => {
  it('puts a paraphrase nearer than a sentence on another subject', async () => {
    const enc = await nodeEncoder();
    const [a, b, c] = await enc.embed([
      'CIA officials then share this intelligence with Mexican authorities.',
      'CIA officers in Mexico pass information collected by the drones to Mexican officials.',
      'The stock market fell sharply on Monday after the earnings report.',
    ]);
    expect(a!.length).toBe(EMBEDDING_DIM);
    expect(cosine(a!, a!)).toBeCloseTo(1, 4);
    expect(cosine(a!, b!)).toBeGreaterThan(0.6);
    expect(cosine(a!, c!)).toBeLessThan(0.3);
  });

  it('embeds each text once and returns the cached vector after', async () => {
    const enc = await nodeEncoder();
    const text = `A sentence made for the cache test ${Math.random()}.`;
    const before = enc.computed;
    const [x] = await enc.embed([text, text]);
    expect(enc.computed).toBe(before + 1);
    const [y] = await enc.embed([text]);
    expect(enc.computed).toBe(before + 1);
    expect(y).toBe(x);
  });

  it('gives the same vector alone and in a batch', async () => {
    // Two encoders, so that the second vector is computed in a batch and not read from a cache.
    const one = await loadEncoder(readModelFiles());
    const two = await loadEncoder(readModelFiles());
    const s = [
      'Sheinbaum agreed to deploy 10,000 troops.',
      'A longer sentence about drones over Mexico, flown by the CIA.',
    ];
    const [alone] = await one.embed([s[0]!]);
    const batch = await two.embed([s[1]!, s[0]!]);
    expect(two.computed).toBe(2);
    expect(cosine(alone!, batch[1]!)).toBeGreaterThan(0.999);
  });

  it('returns each text its own vector when sentences are batched by length', async () => {
    // Batched shortest first: the long sentence goes after the short ones, the order given is kept.
    const fresh = await loadEncoder(readModelFiles(), { batchSize: 2 });
    const s = [
      'A much longer sentence about the surveillance flights over Mexico that the CIA has flown since the last administration.',
      'Drones.',
      'Sheinbaum agreed to deploy troops.',
    ];
    const batched = await fresh.embed(s);
    const alone = await Promise.all(
      s.map(async (t) => (await (await loadEncoder(readModelFiles())).embed([t]))[0]!),
    );
    s.forEach((_, i) => expect(cosine(batched[i]!, alone[i]!)).toBeGreaterThan(0.999));
  });

  it('returns each text its own vector when a token budget splits the batches', async () => {
    // 12 padded tokens a batch: the two short lines go together, the long one alone.
    const budget = await loadEncoder(readModelFiles(), { batchTokens: 12 });
    const s = [
      'A much longer sentence about the surveillance flights over Mexico that the CIA has flown.',
      'Drones.',
      'Troops.',
    ];
    const got = await budget.embed(s);
    expect(budget.computed).toBe(3);
    for (const [i, t] of s.entries()) {
      const [alone] = await (await loadEncoder(readModelFiles())).embed([t]);
      expect(cosine(got[i]!, alone!)).toBeGreaterThan(0.999);
    }
  });

  it('is warmed up at load without counting or caching anything', async () => {
    const enc = await loadEncoder(readModelFiles());
    expect(enc.computed).toBe(0);
    expect(enc.cached).toBe(0);
  });

  it('returns every vector of a call with more texts than its cache holds', async () => {
    const small = await loadEncoder(readModelFiles(), { cacheLimit: 2 });
    const texts = ['One short line.', 'Another line here.', 'A third one.', 'And a fourth.'];
    const vs = await small.embed(texts);
    expect(vs).toHaveLength(4);
    vs.forEach((v) => expect(v.length).toBe(EMBEDDING_DIM));
    expect(small.cached).toBe(2);
  });
});
