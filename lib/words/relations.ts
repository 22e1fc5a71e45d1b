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
/** Synset numbers below this are nouns, the others verbs (build-wordnet.ts numbers nouns first). */
const NOUNS: number = data.nouns;

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

/** Each synset's distance from WordNet's root (the shortest hypernym path), memoised. */
const DEPTH = new Int16Array(HYPERNYMS.length).fill(-1);
function depthOf(id: number, seen = new Set<number>()): number {
  const known = DEPTH[id] ?? -1;
  if (known >= 0) return known;
  const hs = HYPERNYMS[id] ?? [];
  seen.add(id);
  let d = 0;
  if (hs.length) {
    d = Infinity;
    for (const h of hs) if (!seen.has(h)) d = Math.min(d, 1 + depthOf(h, seen));
    if (!Number.isFinite(d)) d = 0;
  }
  DEPTH[id] = d;
  return d;
}

/** Every ancestor of the senses (themselves included) with its distance, up to `maxUp` levels. */
function ancestors(ids: readonly number[], maxUp: number): Map<number, number> {
  const out = new Map<number, number>();
  let frontier = [...ids];
  for (const id of ids) out.set(id, 0);
  for (let up = 1; up <= maxUp && frontier.length; up++) {
    const next: number[] = [];
    for (const id of frontier)
      for (const h of HYPERNYMS[id] ?? [])
        if (!out.has(h)) {
          out.set(h, up);
          next.push(h);
        }
    frontier = next;
  }
  return out;
}

/**
 * Two kinds of one specific thing: the closest common hypernym of any senses of the two words,
 * reached within `maxUp` levels from each word and at least `minDepth` levels below WordNet's
 * root (so that "person" or "act" do not make every pair of nouns kin). Returns the larger of
 * the two distances to that hypernym, or undefined when there is none (or the words are the same
 * sense, or one is the other's broader term: wordRelation tells those).
 */
export function kinship(
  a: string,
  b: string,
  maxUp: number,
  minDepth: number,
  nounsOnly = true,
): number | undefined {
  const sa = SENSES.get(stem(a.toLowerCase()));
  const sb = SENSES.get(stem(b.toLowerCase()));
  if (!sa || !sb) return undefined;
  const rel = wordRelation(a, b);
  if (rel === 'same' || rel === 'broader') return undefined;
  const A = ancestors(sa, maxUp);
  const B = ancestors(sb, maxUp);
  let best: number | undefined;
  for (const [id, da] of A) {
    const db = B.get(id);
    if (db === undefined || da === 0 || db === 0) continue;
    if (nounsOnly && id >= NOUNS) continue;
    if (depthOf(id) < minDepth) continue;
    const d = Math.max(da, db);
    if (best === undefined || d < best) best = d;
  }
  return best;
}
