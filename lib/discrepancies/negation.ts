/**
 * Negation: a predicate asserted on one side and negated on the other (by a cue or an antonym).
 */
import { tokenAt } from '../facts/tokens';
import { STOP, type Predicate } from '../facts';
import { sameEntity } from './entities';
import { factOf, key, type FactDiffWithContext, type Side } from './side';

/** Tokens within reach of a negation cue (up to 8 tokens on, not past a clause break). */
function negScope(s: Side): Uint8Array {
  const toks = s.a.tokens;
  const out = new Uint8Array(toks.length);
  // "unless X happens" leaves X open: neither asserted nor denied.
  toks.forEach((t, i) => {
    if (t.lower !== 'unless') return;
    for (let k = i; k < Math.min(toks.length, i + 9); k++) {
      if (k > i && /^[,;:.!?]$/.test(tokenAt(toks, k).text)) break;
      out[k] = 1;
    }
  });
  for (const pr of s.a.predicates) {
    if (pr.positive || pr.strength === 'antonym') continue;
    for (let k = pr.cueTok; k < Math.min(toks.length, pr.cueTok + 9); k++) {
      if (k > pr.cueTok && /^[,;:.!?]$/.test(tokenAt(toks, k).text)) break;
      out[k] = 1;
    }
  }
  return out;
}

/** The nearest name before a character offset within the clause (up to 12 tokens back). */
export function subjectBefore(s: Side, offset: number): string | undefined {
  const toks = s.a.tokens;
  let k = toks.findIndex((t) => t.start >= offset);
  if (k < 0) k = toks.length;
  for (let n = 0, i = k - 1; i >= 0 && n < 12; i--, n++) {
    const t = tokenAt(toks, i);
    if (/^[;:.!?]$/.test(t.text)) break;
    const f = factOf(s, i);
    if (f?.kind === 'name') return f.norm;
    // A sentence-initial capitalised word is not taken as a name, but is often the subject.
    if (i === s.words[0] && t.cap && !STOP.has(t.lower)) return t.lower;
  }
  return undefined;
}

interface Polarity {
  pos: Predicate | { text: string; start: number; end: number } | undefined;
  neg: Predicate | undefined;
}

function polarities(s: Side): Map<string, Polarity> {
  const out = new Map<string, Polarity>();
  for (const pr of s.a.predicates) {
    const e = out.get(pr.canon) ?? { pos: undefined, neg: undefined };
    if (pr.positive) e.pos ??= pr;
    else e.neg ??= pr;
    out.set(pr.canon, e);
  }
  return out;
}

const JOINERS = new Set(['and', 'but', 'or', 'the', 'a', 'an', 'then', 'that', 'which', 'who', 'to', 'of']);

function bareOccurrence(
  s: Side,
  canon: string,
  scope: Uint8Array,
): { text: string; start: number; end: number } | undefined {
  const toks = s.a.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = tokenAt(toks, i);
    if (!t.word || key(t.lower) !== canon) continue;
    if (scope[i]) continue;
    // "tries to stay", "turning over the documents": complements and gerunds assert nothing.
    if (toks[i - 1]?.lower === 'to' || t.lower.endsWith('ing')) continue;
    if (s.a.predicates.some((pr) => pr.tok === i)) continue;
    // Show the words the other side replaced too ("also known" vs "not known").
    let a = i;
    for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
      const u = tokenAt(toks, k);
      if (!u.word || (s.match[k] ?? -1) >= 0 || JOINERS.has(u.lower)) break;
      a = k;
    }
    return { text: s.a.text.slice(tokenAt(toks, a).start, t.end), start: tokenAt(toks, a).start, end: t.end };
  }
  return undefined;
}

export function negationDiffs(
  p: Side,
  r: Side,
  takenP: Set<number>,
  takenR: Set<number>,
): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  const pp = polarities(p);
  const rp = polarities(r);
  const sp = negScope(p);
  const sr = negScope(r);
  const canons = new Set([...pp.keys(), ...rp.keys()]);
  for (const c of canons) {
    const a = pp.get(c) ?? { pos: undefined, neg: undefined };
    const b = rp.get(c) ?? { pos: undefined, neg: undefined };
    a.pos ??= bareOccurrence(p, c, sp);
    b.pos ??= bareOccurrence(r, c, sr);
    let x: { text: string; start: number; end: number } | undefined;
    let y: { text: string; start: number; end: number } | undefined;
    let neg: Predicate | undefined;
    if (a.pos && !a.neg && b.neg && !b.pos) {
      x = a.pos;
      y = b.neg;
      neg = b.neg;
    } else if (a.neg && !a.pos && b.pos && !b.neg) {
      x = a.neg;
      y = b.pos;
      neg = a.neg;
    }
    if (!x || !y || !neg) continue;
    // "Gates pleaded guilty" vs "Manafort pleaded not guilty": other subjects, other facts.
    const sa = subjectBefore(p, x.start);
    const sb = subjectBefore(r, y.start);
    if (sa && sb && !sameEntity(sa, sb)) continue;
    // "no passenger" vs "passengers": a determiner negation is weak evidence of a flipped claim.
    // ... unless the other side counts them ("No actors" vs "Several actors").
    const quantified = /\b(?:several|some|many|most|all|numerous|multiple)\b/i.test(
      neg === a.neg ? y.text : x.text,
    );
    const confidence = neg.strength === 'noun' && !quantified ? 0.45 : 0.7;
    markSpan(p, x.start, x.end, takenP);
    markSpan(r, y.start, y.end, takenR);
    out.push({
      kind: 'negation',
      page: x.text,
      reference: y.text,
      confidence,
      pageSpan: [x.start, x.end],
      referenceSpan: [y.start, y.end],
    });
  }
  return out;
}

export function markSpan(s: Side, start: number, end: number, taken: Set<number>): void {
  s.a.tokens.forEach((t, i) => {
    if (t.start >= start && t.end <= end) taken.add(i);
  });
}
