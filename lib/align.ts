import type { Sentence } from './types';

/** Two runs of contiguous sentences (page side, reference side) that report the same thing. */
export interface AlignedPair {
  /** Indices into the page sentences, contiguous and ascending (more than one when merged). */
  page: number[];
  /** Indices into the reference sentences, contiguous and ascending. */
  ref: number[];
  /** 0..1 */
  similarity: number;
}

// PLACEHOLDER (owned by the align/segment work): Jaccard over lowercase words.
export function similarity(a: string, b: string): number {
  const wa = new Set(a.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const wb = new Set(b.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  if (!wa.size || !wb.size) return 0;
  let inter = 0;
  for (const w of wa) if (wb.has(w)) inter++;
  return inter / (wa.size + wb.size - inter);
}

/** Threshold above which two passages count as the same passage. */
export const ALIGN_THRESHOLD = 0.3;

export function alignSentences(page: Sentence[], ref: Sentence[]): AlignedPair[] {
  const out: AlignedPair[] = [];
  page.forEach((p, i) => {
    let best = -1;
    let bestSim = 0;
    ref.forEach((r, j) => {
      const s = similarity(p.text, r.text);
      if (s > bestSim) {
        bestSim = s;
        best = j;
      }
    });
    if (best >= 0 && bestSim >= ALIGN_THRESHOLD) out.push({ page: [i], ref: [best], similarity: bestSim });
  });
  return out;
}
