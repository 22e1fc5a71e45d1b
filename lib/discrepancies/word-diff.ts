/**
 * The engine's word diff of two sentences, for display: the very alignment the discrepancy checks
 * run on (`side.ts`: the same tokens, `diff`'s diffArrays on the same word keys, stems and numbers
 * as written, the same word cap), so a panel that shows it marks the words the engine compared,
 * not a character diff's ("7-2" is one word here; jsdiff on raw text splits it into 7, -, 2).
 */
import { analyze } from '../facts';
import type { WordDiffToken } from '../types';
import { diffWords, makeSide, MAX_CHARS, type Side } from './side';

/**
 * Where the next token of one side after token `k` starts (`end` when none): a part or run of a
 * word diff reaches up to it, the text between words included.
 */
export function nextTokenStart(
  tokens: readonly WordDiffToken[],
  k: number,
  side: 'page' | 'reference',
  end: number,
): number {
  for (let n = k + 1; n < tokens.length; n++) {
    const t = tokens[n];
    if (!t) continue;
    if (side === 'page' && t.side !== 'reference') return t.page[0];
    if (side === 'reference' && t.side !== 'page') return t.reference[0];
  }
  return end;
}

export interface WordDiffPart {
  /** Text of this part, with the whitespace and punctuation that follow its words. */
  text: string;
  /** "both": matched on both sides; "page" or "reference": only on that side. */
  side: 'both' | 'page' | 'reference';
}

/** The sides exactly as compareSentences builds them (same cut of a runaway input, same cache). */
function sides(page: string, reference: string): [Side, Side] {
  const cut = (t: string) => (t.length > MAX_CHARS ? t.slice(0, MAX_CHARS) : t);
  const p = makeSide(analyze(cut(page)));
  const r = makeSide(analyze(cut(reference)));
  diffWords(p, r);
  return [p, r];
}

/**
 * The words of both sentences in reading order, each with its offsets on its side(s). Words only
 * the page has come before the words only the reference has in their place, so a replaced word
 * reads "125 → 135".
 */
export function wordAlignment(page: string, reference: string): WordDiffToken[] {
  const [p, r] = sides(page, reference);
  const out: WordDiffToken[] = [];
  const pt = p.a.tokens;
  const rt = r.a.tokens;
  let b = 0;
  const refOnlyUntil = (stop: number) => {
    for (; b < r.words.length && r.words[b] !== stop; b++) {
      const t = rt[r.words[b] ?? -1];
      if (t) out.push({ side: 'reference', reference: [t.start, t.end] });
    }
  };
  for (const i of p.words) {
    const t = pt[i];
    if (!t) continue;
    const j = p.match[i] ?? -1;
    const u = rt[j];
    if (j < 0 || !u) {
      out.push({ side: 'page', page: [t.start, t.end] });
      continue;
    }
    refOnlyUntil(j);
    out.push({ side: 'both', page: [t.start, t.end], reference: [u.start, u.end] });
    b++;
  }
  refOnlyUntil(-1);
  return out;
}

/**
 * The same alignment as text parts: joining the parts of one side ("both" and its own) gives its
 * sentence back; a "both" part carries the page's wording.
 */
export function wordDiff(page: string, reference: string): WordDiffPart[] {
  const tokens = wordAlignment(page, reference);
  const parts: WordDiffPart[] = [];
  const nextStart = (k: number, side: 'page' | 'reference'): number =>
    nextTokenStart(tokens, k, side, side === 'page' ? page.length : reference.length);
  let firstPage = true;
  let firstRef = true;
  tokens.forEach((t, k) => {
    if (t.side === 'reference') {
      const from = firstRef ? 0 : t.reference[0];
      firstRef = false;
      parts.push({ side: 'reference', text: reference.slice(from, nextStart(k, 'reference')) });
      return;
    }
    const from = firstPage ? 0 : t.page[0];
    firstPage = false;
    if (t.side === 'both') firstRef = false;
    parts.push({ side: t.side, text: page.slice(from, nextStart(k, 'page')) });
  });
  if (!tokens.length && page) parts.push({ side: 'page', text: page });
  return parts.filter((p) => p.text.length > 0);
}
