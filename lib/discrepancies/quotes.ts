/** Quotations whose content words were replaced. */
import { quoteRelation, isSatisfied } from './equivalence';
import type { FactDiffWithContext, Side } from './side';

export function quoteDiffs(
  p: Side,
  r: Side,
  takenP: Set<number>,
  takenR: Set<number>,
): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  const pq = p.a.facts.filter((f) => f.kind === 'quote');
  const rq = r.a.facts.filter((f) => f.kind === 'quote');
  if (!pq.length || !rq.length) return out;
  for (const fp of pq) {
    if (isSatisfied(fp, rq)) continue;
    const fr = rq.find((q) => quoteRelation(fp, q) === 'altered');
    if (!fr) continue;
    for (let k = fp.tokStart; k < fp.tokEnd; k++) takenP.add(k);
    for (let k = fr.tokStart; k < fr.tokEnd; k++) takenR.add(k);
    out.push({
      kind: 'quote',
      page: fp.text,
      reference: fr.text,
      confidence: 0.75,
      pageSpan: [fp.start, fp.end],
      referenceSpan: [fr.start, fr.end],
    });
  }
  return out;
}
