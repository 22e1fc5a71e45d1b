/**
 * Designations ("RC-135", "U-2s", "Section 702") and names (capitalised runs: "Gen. Gregory M.
 * Guillot", "Bank of America"), with the titles that are not part of a name's core.
 */
import { tokenAt } from './tokens';
import { claim, spanOf, type Scan } from './scan';
import { NUMERAL_RE } from './numbers';
import type { DesignationFact } from './types';

// ---------------------------------------------------------------- designations

const DESIGNATION_RE =
  /^(?=[^a-z]*\d)(?=.*[A-Z])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?:s)?$|^[A-Z][a-z]-\d+[A-Z]?s?$/;
const SERIES_WORDS = new Set([
  'section',
  'article',
  'title',
  'flight',
  'resolution',
  'amendment',
  'proposition',
  'prop',
  'route',
  'highway',
  'interstate',
  'chapter',
  'rule',
  'measure',
  'bill',
  'terminal',
  'gate',
  'platform',
  'district',
  'precinct',
  'ward',
  'unit',
  'model',
  'version',
  'phase',
  'level',
  'category',
  'class',
  'stage',
  'no',
  'number',
]);

function designationNorm(t: string): string {
  let s = t.toUpperCase().replace(/-/g, '');
  if (/[0-9A-Z]S$/.test(s) && /\d/.test(t) && t.endsWith('s')) s = s.slice(0, -1);
  return s;
}

/** Leading letters of a designation: "RC" for RC-135, "SECTION" for Section 702. */
export function designationFamily(f: DesignationFact): string {
  const m = /^[A-Z]+/.exec(f.norm);
  return m ? m[0] : '';
}

// ---------------------------------------------------------------- names

const NAME_CONNECTORS = new Set([
  'of',
  'de',
  'del',
  'da',
  'van',
  'von',
  'bin',
  'al',
  'la',
  'le',
  'du',
  'der',
  'and',
  '&',
]);
const NOT_NAME = new Set([
  'the',
  'a',
  'an',
  'i',
  'in',
  'on',
  'at',
  'but',
  'and',
  'or',
  'if',
  'as',
  'for',
  'to',
  'it',
  'he',
  'she',
  'they',
  'we',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
]);
const TIMEZONES = new Set([
  'EST',
  'EDT',
  'CST',
  'CDT',
  'MST',
  'MDT',
  'PST',
  'PDT',
  'GMT',
  'UTC',
  'BST',
  'CET',
  'AEST',
  'AEDT',
]);
export const TITLES = new Set([
  'president',
  'vice',
  'gen',
  'general',
  'maj',
  'major',
  'sen',
  'senator',
  'rep',
  'representative',
  'gov',
  'governor',
  'dr',
  'mr',
  'mrs',
  'ms',
  'secretary',
  'director',
  'lt',
  'col',
  'colonel',
  'sgt',
  'adm',
  'admiral',
  'capt',
  'captain',
  'prime',
  'minister',
  'chancellor',
  'pope',
  'king',
  'queen',
  'prince',
  'princess',
  'judge',
  'justice',
  'chief',
  'sir',
  'lord',
  'lady',
  'mayor',
  'ambassador',
  'officer',
  'defense',
  'state',
  'attorney',
  'commissioner',
  'sheriff',
  'professor',
  'prof',
  'rev',
  'saint',
  'st',
]);
/** Name tokens without titles and possessives, for comparison. */
export function nameCore(lowers: string[]): string[] {
  const out: string[] = [];
  for (const w of lowers) {
    const x = w.replace(/\./g, '');
    if (!x || x === 'the') continue;
    if (out.length === 0 && TITLES.has(x)) continue;
    out.push(x);
  }
  return out;
}

/** Finds designations outside the tokens dates took (before numbers: "U-2" is not a count). */
export function extractDesignations(scan: Scan): void {
  const { toks, used } = scan;
  // Designations: RC-135, U-2s, MQ-9B, COVID-19, Section 702.
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = tokenAt(toks, i);
    if (!t.word) continue;
    if (
      DESIGNATION_RE.test(t.text) &&
      !NUMERAL_RE.test(t.text) &&
      !/^\d/.test(t.text) &&
      !/^(?:NZ|US|HK|AU)\d/.test(t.text)
    ) {
      scan.facts.push({ kind: 'designation', ...spanOf(scan, i, i + 1, designationNorm(t.text)) });
      claim(scan, i, i + 1);
      continue;
    }
    if (
      t.cap &&
      SERIES_WORDS.has(t.lower) &&
      toks[i + 1] &&
      /^(?:\d+[A-Za-z]?|[IVX]+)$/.test(tokenAt(toks, i + 1).text)
    ) {
      if (t.lower === 'no' && !/^\d/.test(tokenAt(toks, i + 1).text)) continue;
      scan.facts.push({
        kind: 'designation',
        ...spanOf(scan, i, i + 2, `${t.lower.toUpperCase()} ${tokenAt(toks, i + 1).text.toUpperCase()}`),
      });
      claim(scan, i, i + 2);
      i++;
    }
  }
}

/** Finds names in the tokens no other fact took. */
export function extractNames(scan: Scan): void {
  const { toks, used, firstWord } = scan;
  // Names: capitalised sequences, with connectors inside ("Bank of America").
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = tokenAt(toks, i);
    if (!t.cap || NOT_NAME.has(t.lower) || TIMEZONES.has(t.text)) continue;
    let b = i + 1;
    while (b < toks.length) {
      const u = tokenAt(toks, b);
      if (used[b]) break;
      if (u.cap && !NOT_NAME.has(u.lower)) {
        b++;
        continue;
      }
      if (u.text === '.' && /^[A-Z][a-z]?$/.test(tokenAt(toks, b - 1).text) && toks[b + 1]?.cap) {
        b++; // "Gregory M. Guillot"
        continue;
      }
      if (NAME_CONNECTORS.has(u.lower) && toks[b + 1]?.cap && !used[b + 1] && u.lower !== 'and') {
        b++;
        continue;
      }
      break;
    }
    // Sentence-initial single words are usually ordinary words written with a capital.
    if (i === firstWord && b === i + 1 && !/^[A-Z]{2,}/.test(t.text)) continue;
    let a = i;
    // strip a trailing period token
    if (tokenAt(toks, b - 1).text === '.') b--;
    const core = nameCore(toks.slice(a, b).map((x) => x.lower));
    if (!core.length) continue;
    if (tokenAt(toks, a).lower === 'the') a++;
    scan.facts.push({ kind: 'name', ...spanOf(scan, a, b, core.join(' ')) });
    claim(scan, a, b);
    i = b - 1;
  }
}
