/**
 * The state one sentence's extraction passes share: its tokens, which tokens a fact already
 * claimed (dates first, then designations, numbers, names), and the facts found so far.
 */
import type { Fact, FactSpan, Token } from './types';

export interface Scan {
  sentence: string;
  toks: Token[];
  /** 1 where a fact already covers the token. */
  used: Uint8Array;
  facts: Fact[];
  /** Index of the first word token, or -1. */
  firstWord: number;
}

export function newScan(sentence: string, toks: Token[]): Scan {
  return {
    sentence,
    toks,
    used: new Uint8Array(toks.length),
    facts: [],
    firstWord: toks.findIndex((t) => t.word),
  };
}

/** Marks tokens [a, b) as taken by a fact. */
export function claim(scan: Scan, a: number, b: number): void {
  for (let k = a; k < b; k++) scan.used[k] = 1;
}

/** The span of tokens [a, b) (b > a, both in range) with its normal form. */
export function spanOf(scan: Scan, a: number, b: number, norm: string): FactSpan {
  const first = scan.toks[a];
  const last = scan.toks[b - 1];
  const start = first?.start ?? 0;
  const end = last?.end ?? start;
  return { text: scan.sentence.slice(start, end), start, end, tokStart: a, tokEnd: b, norm };
}
