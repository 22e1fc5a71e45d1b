/**
 * The engine's word diff of two sentences, for display: the same tokens and the same alignment
 * (`diff`'s diffArrays on word keys: stems, numbers as written) that the discrepancy checks use,
 * so a panel that shows it marks the words the engine compared, not a character diff's.
 * Each part keeps the text between tokens, so joining the parts of one side gives its sentence.
 */
import { diffArrays } from 'diff';
import { analyze, stem, type Token } from '../facts';

export interface WordDiffPart {
  /** Text of this part, with the whitespace and punctuation that follow its words. */
  text: string;
  /** "both": matched on both sides; "page" or "reference": only on that side. */
  side: 'both' | 'page' | 'reference';
}

const keyOf = (t: Token): string => (t.word ? (/\d/.test(t.lower) ? t.lower : stem(t.lower)) : t.text);

/** Text of tokens [a, b) of a sentence, up to the start of token b (or the end). */
function slice(text: string, toks: Token[], a: number, b: number): string {
  const start = a === 0 ? 0 : (toks[a]?.start ?? text.length);
  const end = b >= toks.length ? text.length : (toks[b]?.start ?? text.length);
  return text.slice(start, end);
}

export function wordDiff(page: string, reference: string): WordDiffPart[] {
  const pt = analyze(page).tokens;
  const rt = analyze(reference).tokens;
  const parts: WordDiffPart[] = [];
  let i = 0;
  let j = 0;
  for (const c of diffArrays(pt.map(keyOf), rt.map(keyOf))) {
    const n = c.value.length;
    if (c.added) {
      parts.push({ text: slice(reference, rt, j, j + n), side: 'reference' });
      j += n;
    } else if (c.removed) {
      parts.push({ text: slice(page, pt, i, i + n), side: 'page' });
      i += n;
    } else {
      parts.push({ text: slice(page, pt, i, i + n), side: 'both' });
      i += n;
      j += n;
    }
  }
  return parts.filter((p) => p.text.length > 0);
}
