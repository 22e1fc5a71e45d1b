/**
 * Finding report passages in the live DOM. The report speaks of the extracted text; the page has
 * the same words spread over text nodes, split by markup (<a>, <em>), with other whitespace,
 * other quote marks and, now and then, small differences. A TextMap is the page's text, folded
 * (lower case, one space for any whitespace, straight quotes and dashes) with, for every folded
 * character, the text node and offset it came from.
 */

const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'SELECT',
  'OPTION',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'TITLE',
]);

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

/** Attribute on the extension's own elements (card host, fallback marks are mapped through). */
export const UI_ATTR = 'data-parallax-ui';

export interface TextMap {
  /** Folded text. */
  text: string;
  nodes: Text[];
  /** For each folded char: index into nodes, or -1 for a separator between blocks. */
  nodeOf: Int32Array;
  /** For each folded char: offset inside its node. */
  offsetOf: Int32Array;
}

const DROP = /[\u00ad\u200b-\u200d\u2060\ufeff]/;

/** One character folded to one character ('' to drop it), so offsets stay one-to-one. */
export function foldChar(ch: string): string {
  if (DROP.test(ch)) return '';
  if (/\s/.test(ch)) return ' ';
  switch (ch) {
    case '\u2018':
    case '\u2019':
    case '\u201a':
    case '\u201b':
    case '\u2032':
    case '`':
      return "'";
    case '\u201c':
    case '\u201d':
    case '\u201e':
    case '\u201f':
    case '\u2033':
      return '"';
    case '\u2010':
    case '\u2011':
    case '\u2012':
    case '\u2013':
    case '\u2014':
    case '\u2015':
    case '\u2212':
      return '-';
  }
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

/** The folded form of a string, whitespace collapsed and trimmed. */
export function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = foldChar(ch);
    if (!f) continue;
    if (f === ' ' && (out === '' || out.endsWith(' '))) continue;
    out += f;
  }
  return out.trimEnd();
}

export function buildTextMap(root: Node): TextMap {
  const chars: string[] = [];
  const nodeOf: number[] = [];
  const offsetOf: number[] = [];
  const nodes: Text[] = [];
  const lastIsSpace = () => chars.length === 0 || chars[chars.length - 1] === ' ';
  const separate = () => {
    if (!lastIsSpace()) {
      chars.push(' ');
      nodeOf.push(-1);
      offsetOf.push(0);
    }
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      const t = node as Text;
      const data = t.data;
      let pushed = false;
      for (let i = 0; i < data.length; i++) {
        const f = foldChar(data[i] as string);
        if (!f || (f === ' ' && lastIsSpace())) continue;
        if (!pushed) {
          nodes.push(t);
          pushed = true;
        }
        chars.push(f);
        nodeOf.push(nodes.length - 1);
        offsetOf.push(i);
      }
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const el = node as Element;
    if (node.nodeType === 1) {
      if (SKIP_TAGS.has(el.tagName.toUpperCase()) || el.hasAttribute(UI_ATTR)) return;
    }
    const block = node.nodeType === 1 && BLOCK_TAGS.has(el.tagName.toUpperCase());
    if (block) separate();
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (block) separate();
  };
  walk(root);
  return {
    text: chars.join(''),
    nodes,
    nodeOf: Int32Array.from(nodeOf),
    offsetOf: Int32Array.from(offsetOf),
  };
}

export interface Quote {
  /** The passage text as the report has it. */
  exact: string;
  /** Text just before and after it in the report's text, to choose among repeats. */
  prefix?: string;
  suffix?: string;
  /** Where it is expected, as a fraction 0..1 of the text, the last tie-breaker. */
  position?: number;
}

export interface Span {
  start: number;
  end: number;
  /** How it was found: exact folded text, letters and digits only, or by its two ends. */
  how: 'exact' | 'alnum' | 'ends';
}

function occurrences(hay: string, needle: string, from = 0, to = hay.length): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let i = hay.indexOf(needle, from);
  while (i >= 0 && i + needle.length <= to) {
    out.push(i);
    i = hay.indexOf(needle, i + 1);
  }
  return out;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function pickBest(map: string, starts: number[], len: number, q: Quote): number {
  if (starts.length === 1) return starts[0] as number;
  const prefix = fold(q.prefix ?? '');
  const suffix = fold(q.suffix ?? '');
  let best = starts[0] as number;
  let bestScore = -Infinity;
  for (const s of starts) {
    const before = map.slice(Math.max(0, s - prefix.length - 1), s).trimEnd();
    const after = map.slice(s + len, s + len + suffix.length + 1).trimStart();
    let score = commonSuffix(before, prefix) + commonPrefix(after, suffix);
    if (q.position !== undefined) score -= Math.abs(s / Math.max(1, map.length) - q.position);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/** Letters and digits only, with the index of each in the source string. */
function alnumView(s: string, from = 0, to = s.length): { text: string; index: number[] } {
  let text = '';
  const index: number[] = [];
  for (let i = from; i < to; i++) {
    const ch = s[i] as string;
    if (/[\p{L}\p{N}]/u.test(ch)) {
      text += ch;
      index.push(i);
    }
  }
  return { text, index };
}

/**
 * Where a quote is in the folded text `hay` (within [from, to)), or null. Exact first; then
 * ignoring everything but letters and digits (punctuation, spacing between blocks); then by its
 * first and last words, which tolerates a changed word in the middle.
 */
export function locate(hay: string, q: Quote, from = 0, to = hay.length): Span | null {
  const needle = fold(q.exact).trim();
  if (!needle) return null;
  const exact = occurrences(hay, needle, from, to);
  if (exact.length) {
    const s = pickBest(hay, exact, needle.length, q);
    return { start: s, end: s + needle.length, how: 'exact' };
  }
  const hv = alnumView(hay, from, to);
  const nv = alnumView(needle).text;
  if (nv.length < 2) return null;
  const alnum = occurrences(hv.text, nv);
  if (alnum.length) {
    const spans = alnum.map((i) => ({
      start: hv.index[i] as number,
      end: (hv.index[i + nv.length - 1] as number) + 1,
    }));
    const s = pickBest(
      hay,
      spans.map((x) => x.start),
      needle.length,
      q,
    );
    const span = spans.find((x) => x.start === s) ?? spans[0];
    return span ? widen(hay, needle, { ...span, how: 'alnum' }, from, to) : null;
  }
  // By the two ends: long enough to be distinctive, short enough to miss a changed word.
  if (nv.length < 24) return null;
  const k = Math.min(40, Math.floor(nv.length / 3));
  const head = nv.slice(0, k);
  const tail = nv.slice(nv.length - k);
  let best: Span | null = null;
  let bestDiff = Infinity;
  for (const h of occurrences(hv.text, head)) {
    const maxEnd = h + Math.ceil(nv.length * 1.3) + 8;
    for (const t of occurrences(hv.text, tail, h + k)) {
      if (t + k > maxEnd) break;
      const diff = Math.abs(t + k - h - nv.length);
      if (diff < bestDiff) {
        bestDiff = diff;
        best = { start: hv.index[h] as number, end: (hv.index[t + k - 1] as number) + 1, how: 'ends' };
      }
    }
  }
  return best ? widen(hay, needle, best, from, to) : null;
}

const PUNCT = /[^\p{L}\p{N}\s]/u;

/** Letters-and-digits matches end on a letter: take back the quote's leading and trailing marks. */
function widen(hay: string, needle: string, span: Span, from: number, to: number): Span {
  let { start, end } = span;
  for (
    let k = 0;
    k < 3 && PUNCT.test(needle[k] ?? '') && start > from && PUNCT.test(hay[start - 1] ?? '');
    k++
  )
    start--;
  for (
    let k = 1;
    k <= 3 && PUNCT.test(needle[needle.length - k] ?? '') && end < to && PUNCT.test(hay[end] ?? '');
    k++
  ) {
    end++;
  }
  return { ...span, start, end };
}

/** A DOM Range for folded offsets [start, end), skipping separators at either edge. */
export function spanToRange(map: TextMap, start: number, end: number, doc: Document): Range | null {
  let s = start;
  let e = end - 1;
  while (s <= e && (map.nodeOf[s] ?? -1) < 0) s++;
  while (e >= s && (map.nodeOf[e] ?? -1) < 0) e--;
  if (s > e) return null;
  const sn = map.nodes[map.nodeOf[s] as number];
  const en = map.nodes[map.nodeOf[e] as number];
  if (!sn || !en) return null;
  const range = doc.createRange();
  range.setStart(sn, map.offsetOf[s] as number);
  range.setEnd(en, (map.offsetOf[e] as number) + 1);
  return range;
}

export interface Piece {
  start: number;
  end: number;
}

/** Letters and digits only, folded: how two texts are compared whatever their spacing and marks. */
function letters(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * An embed inside an article: a social post's blockquote, an embed wrapper, a figure or aside, or
 * a link whose text is a bare address ("pic.twitter.com/…"), which sentence splitting glues to the
 * sentence before it. Class names are the embed codes' own (Twitter/X, Instagram, TikTok).
 */
const EMBED_SELECTOR =
  'blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed, [class*="embed"], figure, aside';
const BARE_ADDRESS = /^(?:https?:\/\/|www\.|pic\.twitter\.com\/|t\.co\/)\S+$/i;

function inEmbed(node: Node): boolean {
  for (
    let el = node.parentElement;
    el && el.tagName !== 'BODY' && el.tagName !== 'ARTICLE';
    el = el.parentElement
  ) {
    if (el.matches(EMBED_SELECTOR)) return true;
    if (el.tagName === 'A' && BARE_ADDRESS.test((el.textContent ?? '').trim())) return true;
  }
  return false;
}

/**
 * A span cut at block boundaries (a paragraph, a blockquote, an embed's box), keeping the pieces
 * whose words belong to `text` and leaving out embeds (inEmbed) when the rest of the passage is not
 * one: a passage found by its two ends may enclose an embedded tweet, and a passage may end with a
 * tweet's link that the extracted text glued to it. Inline markup (links, italics) makes no
 * boundary, so a piece runs across it without a gap.
 */
export function passagePieces(map: TextMap, start: number, end: number, text?: string): Piece[] {
  const embedded = new Map<number, boolean>();
  const embedAt = (i: number): boolean => {
    const ni = map.nodeOf[i] ?? -1;
    if (ni < 0) return false;
    let e = embedded.get(ni);
    if (e === undefined) embedded.set(ni, (e = inEmbed(map.nodes[ni] as Node)));
    return e;
  };
  type Run = Piece & { embed: boolean };
  const runs: Run[] = [];
  let from = -1;
  let embed = false;
  for (let i = start; i <= end; i++) {
    const separator = i === end || (map.nodeOf[i] ?? -1) < 0;
    const e = !separator && embedAt(i);
    if (from >= 0 && (separator || e !== embed)) {
      runs.push({ start: from, end: i, embed });
      from = -1;
    }
    if (!separator && from < 0) {
      from = i;
      embed = e;
    }
  }
  const trim = (r: Run): Piece | null => {
    let s = r.start;
    let t = r.end;
    while (s < t && map.text[s] === ' ') s++;
    while (t > s && map.text[t - 1] === ' ') t--;
    return t > s ? { start: s, end: t } : null;
  };
  const own = runs.some((r) => !r.embed) ? runs.filter((r) => !r.embed) : runs;
  const pieces = own.map(trim).filter((p): p is Piece => p !== null);
  if (text === undefined || pieces.length < 2) return pieces;
  const words = letters(fold(text));
  const kept = pieces.filter((p) => {
    const l = letters(map.text.slice(p.start, p.end));
    return !l || words.includes(l);
  });
  return kept.length ? kept : pieces;
}
