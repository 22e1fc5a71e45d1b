/** Quotations: text inside “ ” or " " (two words or more). */
import { tokenAt } from './tokens';
import type { QuoteFact, Token } from './types';

/** The quotations of a sentence, with their token spans. */
export function extractQuotes(sentence: string, toks: Token[]): QuoteFact[] {
  const facts: QuoteFact[] = [];
  const quoteRe = /[“"]([^“”"]{3,}?)[”"]/g;
  for (const m of sentence.matchAll(quoteRe)) {
    const raw = m[1] ?? '';
    const lead = raw.length - raw.trimStart().length;
    const inner = raw.trim().replace(/[\s,;:]+$/u, '');
    const s = m.index + 1 + lead;
    const e = s + inner.length;
    const ta = toks.findIndex((x) => x.start >= s);
    let tb = ta;
    while (tb < toks.length && tokenAt(toks, tb).end <= e) tb++;
    if (ta < 0 || tb - ta < 2) continue;
    facts.push({
      kind: 'quote',
      text: inner,
      start: s,
      end: e,
      tokStart: ta,
      tokEnd: tb,
      norm: toks
        .slice(ta, tb)
        .filter((x) => x.word)
        .map((x) => x.lower)
        .join(' '),
    });
  }

  return facts;
}
