/**
 * Sentence and phrase vectors for the semantic discrepancy decision in Node (training, eval):
 * embedded once through the persistent cache (cli/vector-cache.ts), then looked up synchronously
 * by compareSentences' `similarity` option.
 */
import { nodeEncoder } from '../../cli/model';
import { VectorCache } from '../../cli/vector-cache';

function cosine(a: Float32Array, b: Float32Array): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? d / Math.sqrt(na * nb) : 0;
}

/** The lookup compareSentences' `similarity` option wants, over vectors embedded beforehand. */
export function similarityFrom(vectors: Map<string, Float32Array>) {
  return (a: string, b: string): number | undefined => {
    const va = vectors.get(a);
    const vb = vectors.get(b);
    return va && vb ? cosine(va, vb) : undefined;
  };
}

export async function embedAll(texts: string[]): Promise<Map<string, Float32Array>> {
  const cache = new VectorCache();
  const vs = await cache.embed(await nodeEncoder(), texts);
  return new Map(texts.map((t, i) => [t, vs[i]!]));
}
