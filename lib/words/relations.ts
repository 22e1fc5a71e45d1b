/**
 * How two words relate in WordNet (lib/words/relations.json, distilled by
 * scripts/build-wordnet.ts): the same sense ("efforts"/"attempts"), one the broader term of the
 * other ("pension"/"superannuation", two levels at most), or two kinds of one thing
 * ("heart"/"liver", both internal organs): co-hyponyms, which cannot both be true of one slot.
 * Looked up by stem, so inflected forms match.
 */
import data from './relations.json';
import { stem } from '../facts/tokens';

export type WordRelation = 'same' | 'broader' | 'sibling';

const SENSES: Map<string, number[]> = (() => {
  const m = new Map<string, number[]>();
  for (const [w, ids] of Object.entries(data.lemmas as Record<string, number[]>)) {
    const k = stem(w);
    m.set(k, [...(m.get(k) ?? []), ...ids]);
  }
  return m;
})();

const HYPERNYMS: number[][] = data.hypernyms;

function parents(ids: Iterable<number>): Set<number> {
  const out = new Set<number>();
  for (const id of ids) for (const h of HYPERNYMS[id] ?? []) out.add(h);
  return out;
}

const meets = (a: Set<number>, b: Iterable<number>) => [...b].some((x) => a.has(x));

/** Whether WordNet knows the word (after stemming). */
export function inWordnet(w: string): boolean {
  return SENSES.has(stem(w.toLowerCase()));
}

/** The closest WordNet relation between two words, or undefined (unknown or unrelated). */
export function wordRelation(a: string, b: string): WordRelation | undefined {
  const sa = SENSES.get(stem(a.toLowerCase()));
  const sb = SENSES.get(stem(b.toLowerCase()));
  if (!sa || !sb) return undefined;
  const A = new Set(sa);
  if (meets(A, sb)) return 'same';
  const pa = parents(sa);
  const pb = parents(sb);
  const ga = parents(pa);
  const gb = parents(pb);
  if (meets(new Set([...pa, ...ga]), sb) || meets(new Set([...pb, ...gb]), sa)) return 'broader';
  if (meets(pa, pb)) return 'sibling';
  return undefined;
}
