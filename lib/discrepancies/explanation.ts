/** What a reader is told: the shared words after a value, and one sentence per discrepancy. */
import type { Fact } from '../facts';
import type { FactDiff } from '../types';
import { STOP } from '../facts';
import type { FactDiffWithContext, Side } from './side';

export function sharedAfter(p: Side, r: Side, fp: Fact, fr: Fact): string | undefined {
  const max = fp.kind === 'designation' ? 2 : fp.kind === 'number' ? 1 : 0;
  let n = 0;
  let i = fp.tokEnd;
  let j = fr.tokEnd;
  // Up to two shared content words right after the value ("Rivet Joints", "troops").
  while (n < max && i < p.a.tokens.length && j < r.a.tokens.length) {
    const a = p.a.tokens[i]!;
    const b = r.a.tokens[j]!;
    if (!a.word || !b.word || a.lower !== b.lower || STOP.has(a.lower)) break;
    n++;
    i++;
    j++;
  }
  if (!n) return undefined;
  return p.a.text.slice(p.a.tokens[fp.tokEnd]!.start, p.a.tokens[fp.tokEnd + n - 1]!.end);
}

/**
 * Facts stated differently in two sentences that report the same thing. The page sentence is
/** One sentence a reader understands, e.g. "This page says RC-125 Rivet Joints; The New York Times says RC-135." */
export function explainDiscrepancy(d: FactDiff, outlet: string): string {
  const who = outlet.trim() || 'the reference';
  const ctx = (d as FactDiffWithContext).context;
  switch (d.kind) {
    case 'quote':
      return `This page quotes “${d.page}”; ${who} quotes “${d.reference}”.`;
    case 'negation':
      return `This page says “${d.page}”; ${who} says “${d.reference}”.`;
    case 'claim':
      return `This page says “${d.page}” where ${who} says “${d.reference}”.`;
    default:
      return `This page says ${d.page}${ctx ? ` ${ctx}` : ''}; ${who} says ${d.reference}.`;
  }
}
