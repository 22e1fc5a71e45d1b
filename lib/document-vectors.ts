/**
 * Retrieval by meaning: one vector per article, the normalised mean of its sentence vectors,
 * kept int8 (lib/vectors.ts) by the index. A paraphrased report of the same event shares few rare
 * words with the page, so the lexical ranking can miss it; its document vector is still close.
 * The pipeline adds the page's nearest articles above a floor to the lexical candidates
 * (lib/candidates.ts); floor and count are chosen by leave-events-out cross-validation in
 * scripts/eval/retrieval.ts (lib/retrieval-thresholds.json). See docs/decisions/013-pipeline.md.
 */
import type { Candidate } from './corpus-index';
import { quantizeVector, type QuantizedVector } from './vectors';
import THRESHOLDS from './retrieval-thresholds.json';

export interface NeighbourThresholds {
  /** Least cosine of the page's and an article's document vectors for the article to be added. */
  floor: number;
  /** Most articles added this way per page (beyond the lexical candidates). */
  limit: number;
}

export const NEIGHBOURS: NeighbourThresholds = THRESHOLDS;

/** A document vector kept with an article's stored sentence vectors. */
export interface StoredDocument {
  /** Key of the sentences it was made from (lib/vectors.ts sentencesKey): used for that text only. */
  key: string;
  vector: Float32Array;
}

/** The normalised mean of unit sentence vectors (a zero vector when there are none). */
export function documentVector(sentences: readonly Float32Array[]): Float32Array {
  const dim = sentences[0]?.length ?? 0;
  const out = new Float32Array(dim);
  for (const v of sentences) for (let i = 0; i < dim; i++) out[i] = (out[i] ?? 0) + (v[i] ?? 0);
  let s = 0;
  for (let i = 0; i < dim; i++) s += (out[i] ?? 0) * (out[i] ?? 0);
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < dim; i++) out[i] = (out[i] ?? 0) * k;
  return out;
}

interface Stored extends QuantizedVector {
  /** Norm of q * scale: cosines are computed on the int8 values without dequantising. */
  norm: number;
}

/** Document vectors by article id, int8, searched exhaustively (a few thousand articles). */
export class DocumentVectors {
  private readonly byId = new Map<string, Stored>();

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  set(id: string, vector: Float32Array): void {
    const { q, scale } = quantizeVector(vector);
    let s = 0;
    for (let i = 0; i < q.length; i++) s += (q[i] ?? 0) * (q[i] ?? 0);
    this.byId.set(id, { q, scale, norm: Math.sqrt(s) * scale });
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  /** The `limit` articles whose vectors are nearest `vector` (a unit vector) by cosine, best first. */
  nearest(vector: Float32Array, limit: number): Candidate[] {
    const out: Candidate[] = [];
    for (const [articleId, v] of this.byId) {
      if (!v.norm || v.q.length !== vector.length) continue;
      let dot = 0;
      for (let i = 0; i < v.q.length; i++) dot += (v.q[i] ?? 0) * (vector[i] ?? 0);
      out.push({ articleId, score: (dot * v.scale) / v.norm });
    }
    out.sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : 1));
    return out.slice(0, limit);
  }
}
