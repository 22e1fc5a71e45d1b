import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/corpus-index';
import { semanticVectors, type VectorSource } from '../../lib/semantic';
import type { Article } from '../../lib/types';

const stored: Article = {
  id: 'wire',
  outlet: 'Wire',
  title: 'Drone flights over Mexico',
  text: [
    'The CIA has expanded secret drone flights over Mexico to hunt for fentanyl labs.',
    'The program began under the previous administration and had not been reported.',
    'Officers pass what the drones collect to Mexican officials.',
  ].join('\n\n'),
};

/** A vector that says which text it was made for (its first component), unit length. */
function tagged(tag: number): Float32Array {
  const v = new Float32Array(4);
  v[0] = tag;
  v[1] = Math.sqrt(1 - tag * tag);
  return v;
}

describe('semantic pass vectors', () => {
  it('reuse a candidate’s stored vector for a page sentence told word for word, and embed only the rest', async () => {
    const index = buildIndex([stored]);
    const kept = [tagged(0.1), tagged(0.2), tagged(0.3)];
    const asked: string[] = [];
    const source: VectorSource = {
      embed: (texts) => {
        asked.push(...texts);
        return Promise.resolve(texts.map(() => tagged(0.9)));
      },
      stored: (id, sentences) => (id === 'wire' && sentences.length === 3 ? kept : undefined),
    };
    const page = {
      title: 'Page',
      text: [
        'The CIA has expanded secret drone flights over Mexico to hunt for fentanyl labs.',
        'Officials in Washington declined to say how many flights there have been.',
        'Officers pass what the drones collect to Mexican officials.',
      ].join('\n\n'),
    };
    const v = await semanticVectors(page, index, source);
    expect(asked).toEqual(['Officials in Washington declined to say how many flights there have been.']);
    expect(v.page.map((x) => x[0])).toEqual([kept[0]![0], tagged(0.9)[0], kept[2]![0]]);
    expect(v.article('wire')).toBe(kept);
  });
});
