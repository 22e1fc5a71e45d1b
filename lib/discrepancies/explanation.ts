/** What a reader is told: the shared words after a value, and one sentence per discrepancy. */
import { tokenAt } from '../facts/tokens';
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
    const a = tokenAt(p.a.tokens, i);
    const b = tokenAt(r.a.tokens, j);
    if (!a.word || !b.word || a.lower !== b.lower || STOP.has(a.lower)) break;
    n++;
    i++;
    j++;
  }
  if (!n) return undefined;
  return p.a.text.slice(tokenAt(p.a.tokens, fp.tokEnd).start, tokenAt(p.a.tokens, fp.tokEnd + n - 1).end);
}

const STATUS_WORDS: Record<string, string> = {
  done: 'as done',
  future: 'as certain to happen',
  planned: 'only as planned',
  proposed: 'only as proposed',
  considered: 'only as under consideration',
  possible: 'only as possible',
  denied: 'as denied',
};

/** One sentence a reader understands, e.g. "This page says RC-125 Rivet Joints; The New York Times says RC-135." */
export function explainDiscrepancy(d: FactDiff, outlet: string): string {
  const who = outlet.trim() || 'the reference';
  const ctx = (d as FactDiffWithContext).context;
  switch (d.kind) {
    case 'quote':
      return `This page quotes “${d.page}”; ${who} quotes “${d.reference}”.`;
    case 'negation':
      return `This page says “${d.page}”; ${who} says “${d.reference}”.`;
    case 'claim': {
      const st = (d as FactDiffWithContext).status;
      if (
        (d.check === 'status' || (d.check === 'modality' && st?.[0] !== 'active' && st?.[0] !== 'not')) &&
        st
      )
        return `This page states it ${STATUS_WORDS[st[0]] ?? st[0]}: “${d.page}”; ${who} states it ${STATUS_WORDS[st[1]] ?? st[1]}: “${d.reference}”.`;
      if ((d.check === 'modality' || d.check === 'polarity') && st) {
        const say = (x: string, v: string) => (x === 'active' ? `“${v}”` : `only “${v}”`);
        return `This page says ${say(st[0], d.page)}; ${who} says ${say(st[1], d.reference)}${d.check === 'modality' ? ' (not permitted is not forbidden)' : ''}.`;
      }
      if (d.check === 'agent')
        return `This page says “${d.page}”; ${who} says “${d.reference}” (who did it to whom).`;
      return `This page says “${d.page}” where ${who} says “${d.reference}”.`;
    }
    default:
      return `This page says ${d.page}${ctx ? ` ${ctx}` : ''}; ${who} says ${d.reference}.`;
  }
}
