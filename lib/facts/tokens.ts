/** Word tokens of a sentence, the stop words and the light stemmer the fact extractors use. */
import type { Token } from './types';

/** What tokenAt gives past either end: no word, no text. */
const NO_TOKEN: Token = { text: '', lower: '', start: 0, end: 0, word: false, cap: false };

/** Token i, or an empty non-word token when i is out of range (callers test `.word`/`.text`). */
export function tokenAt(toks: readonly Token[], i: number): Token {
  return toks[i] ?? NO_TOKEN;
}

// A decimal without its leading zero (".20" in "$.20") is one token, read as 0.20, not as 20.
const TOKEN_RE =
  /[\p{L}\p{N}]+(?:[-'’.&/][\p{L}\p{N}]+|,\d{3}(?!\d))*|(?<![\p{L}\p{N}.])\.\d+(?![.,]?\d)|\S/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const t = m[0];
    const start = m.index;
    const c = t.charCodeAt(0);
    const word = /[\p{L}\p{N}]/u.test(t.charAt(0)) || (c === 46 && t.length > 1);
    let lower = t.toLowerCase().replace(/’/g, "'");
    if (lower.length > 2 && lower.endsWith("'s")) lower = lower.slice(0, -2);
    out.push({
      text: t,
      lower,
      start,
      end: start + t.length,
      word,
      cap: word && c >= 65 && c <= 90 ? true : word && /^\p{Lu}/u.test(t),
    });
  }
  return out;
}

export const STOP = new Set(
  (
    'a an the and or but nor of to in on at by for with from as into onto over under about after before ' +
    'than then that this these those there here it its it is was were be been being are am has have had ' +
    'do does did done will would shall should can could may might must not no so such very also just ' +
    'he she they we you i me him her them us our your their his my who whom whose which what when where why how ' +
    'all any some each both either neither more most other another same own only too up down out off ' +
    'if while because though although since until unless again further once said says say told tell according ' +
    'per via among between through during without within across along against around upon toward towards ' +
    "one ones s t n't yet still even ever already much many few less least lot lots"
  ).split(/\s+/),
);

/** A tiny stemmer, enough to match "flights"/"flight" and "conducted"/"conducting". */
export function stem(w: string): string {
  let s = w;
  if (s.length > 4 && s.endsWith('ies')) return s.slice(0, -3) + 'y';
  if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('es') && /(?:ss|sh|ch|x|z)es$/.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is'))
    s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}
