/**
 * One side of a comparison: a sentence's analysis plus the word-level alignment with the other
 * side (an LCS of word keys), and the "slot" a fact sits in between matched words.
 */
import { tokenAt } from '../facts/tokens';
import { diffArrays } from 'diff';
import { STOP, stem, type Analysis, type Fact } from '../facts';
import type { FactDiff } from '../types';

/** A FactDiff with the words that follow the value on both sides, for the explanation. */
export interface FactDiffWithContext extends FactDiff {
  /** Shared words right after the value ("Rivet Joints" after RC-125 / RC-135). */
  context?: string;
  /**
   * Claim checks: how each side states the predicate, page first ("done"/"planned"... for status;
   * "active"/"not" for a prohibition against a mere "not authorized").
   */
  status?: [string, string];
  /** Claim checks on a predicate: where it sits on each side, page first (phrases.ts reads them). */
  clauses?: [Clause, Clause];
  /**
   * The subject each side gives the predicate, as written ("the council", "Trump"), page first;
   * undefined for a side where none was found (phrases.ts). For the explanation only.
   */
  subjects?: [string | undefined, string | undefined];
}

/**
 * Token indices of what a claim check compared on one side. A predicate: the phrase's first token
 * (a cue such as "plans", a negation, or the verb), the verb, the last token the check compared,
 * and for an "-ing" participle the verb of the clause it hangs on ("signed an order ...
 * designating": "signed"). A noun: a quantifier and the noun it was read on ("all the injured").
 */
export type Clause =
  | { kind: 'predicate'; from: number; verb: number; end: number; head?: number }
  | { kind: 'noun'; from: number; end: number };
export interface Side {
  a: Analysis;
  /** Indices of word tokens in a.tokens. */
  words: number[];
  /** For each token: index of the token matched on the other side by the word diff, or -1. */
  match: Int32Array;
  /** For each token: position in `words`, or -1 for punctuation. */
  wpos: Int32Array;
  /** For each token: the fact (index into a.facts) covering it, or -1. */
  factAt: Int32Array;
}

export function key(tokLower: string): string {
  return /\d/.test(tokLower) ? tokLower : stem(tokLower);
}

export function makeSide(a: Analysis): Side {
  const n = a.tokens.length;
  const words: number[] = [];
  const wpos = new Int32Array(n).fill(-1);
  a.tokens.forEach((t, i) => {
    if (t.word) {
      wpos[i] = words.length;
      words.push(i);
    }
  });
  const factAt = new Int32Array(n).fill(-1);
  a.facts.forEach((f, fi) => {
    if (f.kind === 'quote') return;
    for (let k = f.tokStart; k < f.tokEnd; k++) factAt[k] = fi;
  });
  return { a, words, match: new Int32Array(n).fill(-1), wpos, factAt };
}

export /** The fact covering token i (quotations excepted), if any. */
function factOf(s: Side, i: number): Fact | undefined {
  const fi = s.factAt[i] ?? -1;
  return fi >= 0 ? s.a.facts[fi] : undefined;
}

/** "none" when no fact covers token i, "name" for a name, "other" for another kind. */
export function factKindAt(s: Side, i: number, kind: Fact['kind']): 'none' | 'same' | 'other' {
  const f = factOf(s, i);
  return !f ? 'none' : f.kind === kind ? 'same' : 'other';
}

export const MAX_WORDS = 400;
export const MAX_CHARS = 8000;

/**
 * Word alignment by `diff`'s diffArrays (Myers) on the word keys (stems; numbers as written), the
 * same library the side panel's word diff uses; fills both sides' `match`. Returns the number of
 * words matched.
 */
export function diffWords(p: Side, r: Side): number {
  const pw = p.words.slice(0, MAX_WORDS);
  const rw = r.words.slice(0, MAX_WORDS);
  if (!pw.length || !rw.length) return 0;
  const pk = pw.map((i) => key(p.a.tokens[i]?.lower ?? ''));
  const rk = rw.map((i) => key(r.a.tokens[i]?.lower ?? ''));
  let i = 0;
  let j = 0;
  let count = 0;
  for (const part of diffArrays(pk, rk)) {
    const n = part.value.length;
    if (part.added) j += n;
    else if (part.removed) i += n;
    else
      for (let k = 0; k < n; k++, i++, j++) {
        const a = pw[i];
        const b = rw[j];
        if (a === undefined || b === undefined) continue;
        p.match[a] = b;
        r.match[b] = a;
        count++;
      }
  }
  return count;
}

/**
 * The window of the other side between the matched words around tokens [a, b): the "slot" a fact
 * sits in. Returns [lo, hi) token bounds on the other side and the width of the unmatched run.
 */
export function slotOf(s: Side, other: Side, a: number, b: number): [number, number] {
  let left = -1;
  for (let k = a - 1; k >= 0; k--)
    if ((s.match[k] ?? -1) >= 0) {
      left = s.match[k] ?? -1;
      break;
    }
  let right = other.a.tokens.length;
  for (let k = b; k < s.a.tokens.length; k++)
    if ((s.match[k] ?? -1) >= 0) {
      right = s.match[k] ?? -1;
      break;
    }
  return [left + 1, right];
}

export function sameSlot(p: Side, r: Side, fp: Fact, fr: Fact, lonely = false): boolean {
  const [lo, hi] = slotOf(p, r, fp.tokStart, fp.tokEnd);
  if (!(fr.tokStart >= lo && fr.tokEnd <= hi)) return false;
  // A wide unmatched run says little about roles: only narrow slots count.
  const widthR = countWords(r, lo, hi) - countWords(r, fr.tokStart, fr.tokEnd);
  const [plo, phi] = slotOf(r, p, fr.tokStart, fr.tokEnd);
  const widthP = countWords(p, plo, phi) - countWords(p, fp.tokStart, fp.tokEnd);
  const max = lonely ? 12 : 6;
  return widthR <= max && widthP <= max;
}

export function countWords(s: Side, a: number, b: number): number {
  let c = 0;
  for (let k = Math.max(0, a); k < Math.min(b, s.a.tokens.length); k++) if ((s.wpos[k] ?? -1) >= 0) c++;
  return c;
}

/** Content-word stems around a fact (3 before, 3 after), for pairing facts by role. */
export function contextOf(s: Side, f: Fact): { before: string[]; after: string[] } {
  const toks = s.a.tokens;
  const before: string[] = [];
  for (let k = f.tokStart - 1; k >= 0 && before.length < 3; k--) {
    const t = tokenAt(toks, k);
    if (!t.word) {
      if (/[.;!?]/.test(t.text)) break;
      continue;
    }
    if (STOP.has(t.lower)) continue;
    before.push(key(t.lower));
  }
  const after: string[] = [];
  for (let k = f.tokEnd; k < toks.length && after.length < 3; k++) {
    const t = tokenAt(toks, k);
    if (!t.word) {
      if (/[.;!?]/.test(t.text)) break;
      continue;
    }
    if (STOP.has(t.lower)) continue;
    after.push(key(t.lower));
  }
  return { before, after };
}

export function overlap(a: string[], b: string[]): number {
  let c = 0;
  for (const x of a) if (b.includes(x)) c++;
  return c;
}
