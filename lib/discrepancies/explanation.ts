/** What a reader is told: the shared words after a value, and one sentence per discrepancy. */
import { tokenAt } from '../facts/tokens';
import type { Fact } from '../facts';
import type { FactDiff } from '../types';
import { STOP } from '../facts';
import { TAG_RE } from '../facts/markup';
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

/**
 * A phrase as quoted to the reader: markup-like text a page holds (`<b>`, `<img …>`) left out and
 * line breaks folded, so the sentence reads as prose (the panel shows the phrase itself as written).
 */
const clean = (v: string): string => v.replace(TAG_RE, ' ').replace(/\s+/g, ' ').trim();

/**
 * One sentence a reader understands, e.g. "This page says RC-125 Rivet Joints; The New York Times
 * says RC-135", or for a claim "This page states it as done: the council “designated the old ferry
 * terminal”; … states it only as planned: the council “plans to designate the old ferry terminal”".
 * A subject is named only when phrases.ts found one on that side; otherwise the phrase stands alone.
 */
export function explainDiscrepancy(d: FactDiff, outlet: string): string {
  const who = outlet.trim() || 'the reference';
  const { context: ctx, status: st, subjects } = d as FactDiffWithContext;
  const page = clean(d.page);
  const ref = clean(d.reference);
  const [sp, sr] = subjects ?? [undefined, undefined];
  const by = (s: string | undefined) => (s ? `${s} ` : '');
  switch (d.kind) {
    case 'quote':
      return `This page quotes “${page}”; ${who} quotes “${ref}”.`;
    case 'negation':
      return `This page says “${page}”; ${who} says “${ref}”.`;
    case 'claim': {
      if (
        (d.check === 'status' || (d.check === 'modality' && st?.[0] !== 'active' && st?.[0] !== 'not')) &&
        st
      )
        return `This page states it ${STATUS_WORDS[st[0]] ?? st[0]}: ${by(sp)}“${page}”; ${who} states it ${STATUS_WORDS[st[1]] ?? st[1]}: ${by(sr)}“${ref}”.`;
      if ((d.check === 'modality' || d.check === 'polarity') && st) {
        // "only that the CIA “has not been authorized”": not given, which is less than forbidden.
        const say = (x: string, v: string, s: string | undefined) =>
          x === 'active' ? `${by(s)}“${v}”` : s ? `only that ${s} “${v}”` : `only “${v}”`;
        return `This page says ${say(st[0], page, sp)}; ${who} says ${say(st[1], ref, sr)}${d.check === 'modality' ? ' (not permitted is not forbidden)' : ''}.`;
      }
      if (d.check === 'agent') return `This page says “${page}”; ${who} says “${ref}” (who did it to whom).`;
      return `This page says “${page}” where ${who} says “${ref}”.`;
    }
    default:
      return `This page says ${page}${ctx ? ` ${ctx}` : ''}; ${who} says ${ref}.`;
  }
}
