import type { Sentence } from './types';

/**
 * Sentence segmentation for news text. Paragraphs are separated by blank lines. Inside a
 * paragraph, a single line break ends a sentence only when the paragraph is written one
 * sentence (or heading) per line; hard-wrapped paragraphs are read as running text.
 */

// Abbreviations that are followed by a name or number, never by the end of a sentence.
// prettier-ignore
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gen', 'sen', 'sens', 'rep', 'reps', 'gov', 'lt', 'col', 'maj', 'sgt',
  'capt', 'cpl', 'pvt', 'cmdr', 'adm', 'prof', 'rev', 'pres', 'supt', 'det', 'insp', 'hon', 'mt',
  'ft', 'vs', 'v', 'messrs', 'mmes', 'msgr', 'fr', 'gens', 'atty', 'brig', 'lieut', 'cmdr', 'amb',
]);

// Abbreviations that usually continue the sentence but may also end it ("... in the U.S. The").
// prettier-ignore
const ABBREVIATIONS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'st', 'no', 'nos', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'jr', 'sr', 'bros', 'dept', 'univ',
  'assn', 'est', 'approx', 'etc', 'al', 'fig', 'vol', 'op', 'ave', 'blvd', 'rd', 'hwy', 'mph',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans',
  'ky', 'la', 'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nebr', 'nev', 'okla',
  'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo', 'wva', 'cf', 'eg', 'ie', 'ca',
]);

// After an abbreviation, a break is only taken when the next word typically opens a sentence.
// prettier-ignore
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
  'his', 'her', 'its', 'their', 'our', 'my', 'in', 'on', 'at', 'as', 'after', 'before', 'when',
  'while', 'if', 'but', 'and', 'so', 'yet', 'there', 'then', 'what', 'who', 'why', 'how', 'where',
  'meanwhile', 'however', 'still', 'since', 'for', 'by', 'with', 'officials', 'police', 'some',
  'many', 'most', 'no', 'not', 'one', 'both', 'all', 'last', 'earlier', 'later', 'now', 'today',
  'during', 'under', 'although', 'though', 'also',
]);

const ATTRIBUTION =
  /^(?:[\p{Lu}][\p{L}'\u2019.-]*\s+){1,4}(?:said|says|asked|asks|added|told|wrote|shouted|replied|recalled|explained|tweeted|insisted|wondered|responded|declared|yelled|continued)\b/u;

const CLOSERS = `"'\u201D\u2019)]\u00BB`;
const OPENERS = `"'\u201C\u2018([\u00AB`;

export function segment(text: string): Sentence[] {
  const out: Sentence[] = [];
  const paraRe = /\S(?:[^\n]|\n(?![ \t\r]*\n))*/g;
  let paragraph = 0;
  let m: RegExpExecArray | null;
  while ((m = paraRe.exec(text))) {
    const before = out.length;
    segmentParagraph(text, m.index, m.index + m[0].length, paragraph, out);
    if (out.length > before) paragraph++;
  }
  return out;
}

function segmentParagraph(
  text: string,
  start: number,
  end: number,
  paragraph: number,
  out: Sentence[],
): void {
  const para = text.slice(start, end);
  const lines = para.split('\n');
  // One sentence (or heading) per line when most lines end a sentence; otherwise hard-wrapped.
  let breakAtNewline = false;
  if (lines.length > 1) {
    const inner = lines.slice(0, -1);
    const ended = inner.filter((l) => /[.!?:]["'\u201D\u2019)\]]*\s*$/.test(l) || !/\S/.test(l)).length;
    // Wrapped text continues clauses on the next line, so some lines start in lower case.
    const lowerStarts = lines.slice(1).filter((l) => /^[\s"'\u201C\u2018(]*\p{Ll}/u.test(l)).length;
    breakAtNewline = ended * 2 >= inner.length || (inner.length >= 2 && lowerStarts === 0);
  }
  const cuts: number[] = [];
  let off = 0;
  for (const [i, l] of lines.entries()) {
    // Table rows and markdown headings are lines of their own whatever the paragraph does.
    if (/^\s*[|#]|\|\s*$/.test(l)) cuts.push(off, off + l.length);
    off += l.length + 1;
    if (breakAtNewline && i < lines.length - 1) cuts.push(off);
  }
  for (const c of findBoundaries(para)) cuts.push(c);
  cuts.sort((a, b) => a - b);
  let prev = 0;
  for (const c of [...cuts, para.length]) {
    if (c <= prev) continue;
    pushSentence(text, start + prev, start + c, paragraph, out);
    prev = c;
  }
}

function pushSentence(text: string, s: number, e: number, paragraph: number, out: Sentence[]): void {
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e <= s) return;
  const t = text.slice(s, e);
  if (!/[\p{L}\p{N}]/u.test(t)) return;
  out.push({ text: t, start: s, end: e, paragraph });
}

/** Offsets (into para) just after each sentence end: after the punctuation and closing quotes. */
function findBoundaries(para: string): number[] {
  const cuts: number[] = [];
  const re = /[.!?\u2026]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(para))) {
    let end = m.index + m[0].length;
    while (end < para.length && CLOSERS.includes(para[end] ?? '')) end++;
    // Must be followed by whitespace (or the end): "3.5" and "U.S.-Mexico" are not ends.
    if (end < para.length && !/\s/.test(para[end] ?? '')) continue;
    let next = end;
    while (next < para.length && /\s/.test(para[next] ?? '')) next++;
    if (next >= para.length) continue; // the paragraph end is a boundary anyway
    if (!startsSentence(para, next)) continue;
    // "“Why now?” Smith asked." — a quoted question or exclamation followed by its attribution.
    if (end > m.index + m[0].length && /[!?]/.test(m[0]) && ATTRIBUTION.test(para.slice(next, next + 80)))
      continue;
    if (m[0] === '.' && !periodEnds(para, m.index, para.slice(next))) continue;
    cuts.push(end);
  }
  return cuts;
}

function startsSentence(para: string, i: number): boolean {
  let j = i;
  while (j < para.length && OPENERS.includes(para[j] ?? '')) j++;
  const c = para[j] ?? '';
  return /[\p{Lu}\p{N}]/u.test(c) || (j > i && /\p{L}/u.test(c));
}

/** Is a single period at `dot` a sentence end, given the text that follows? */
function periodEnds(para: string, dot: number, rest: string): boolean {
  const wordMatch = /([\p{L}\p{N}.'-]+)$/u.exec(para.slice(Math.max(0, dot - 40), dot));
  if (!wordMatch) return true;
  const word = wordMatch[1] ?? '';
  const last = word.split('-').pop() ?? word; // "D-Calif" -> "Calif"
  const lower = last.toLowerCase();
  const nextWord = (/^[\s"'\u201C\u2018(]*([\p{L}\p{N}']+)/u.exec(rest)?.[1] ?? '').toLowerCase();
  if (TITLES.has(lower)) return false;
  // "No. 5", "Jan. 3", "Sept. 11": an abbreviation before a number never ends the sentence.
  const abbrev =
    ABBREVIATIONS.has(lower) ||
    /^\p{L}$/u.test(last) || // an initial: "John F. Kennedy"
    /^(?:\p{L}\.)+\p{L}$/u.test(last) || // "U.S", "a.m", "D.C"
    lower === 'p.m' ||
    lower === 'a.m';
  if (!abbrev) return true;
  if (/^\d/.test(nextWord)) return false;
  return SENTENCE_STARTERS.has(nextWord);
}
