/**
 * Direct antonyms from WordNet (lib/words/antonyms.json, distilled by scripts/build-wordnet.ts):
 * "increase"/"decrease", "accept"/"reject", "legal"/"illegal". Looked up by stem, so inflected
 * forms match ("rejected" / "accepted").
 */
import data from './antonyms.json';
import { stem } from '../facts/tokens';

const PAIRS: Map<string, Set<string>> = (() => {
  const m = new Map<string, Set<string>>();
  const add = (a: string, b: string) => m.set(a, (m.get(a) ?? new Set()).add(b));
  for (const p of data.pairs) {
    const [a, b] = p.split(' ');
    if (!a || !b) continue;
    add(stem(a), stem(b));
    add(stem(b), stem(a));
  }
  return m;
})();

/** Whether two words are WordNet antonyms (after stemming). */
export function wordnetAntonyms(a: string, b: string): boolean {
  return PAIRS.get(stem(a.toLowerCase()))?.has(stem(b.toLowerCase())) ?? false;
}
