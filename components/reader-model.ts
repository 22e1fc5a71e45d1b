/**
 * What the side panel, popup and badge show, derived from the report (pure: no DOM, no browser).
 * The panel leads with what the page shares with other outlets and where it differs; passages only
 * on this page are one group, counted once, so every count the reader sees agrees with the others.
 */
import { extractFacts } from '../lib/facts';
import { nextTokenStart, wordAlignment } from '../lib/discrepancies/word-diff';
import type {
  ClaimCheck,
  Discrepancy,
  Passage,
  PassageMatch,
  Relation,
  Report,
  SourceSummary,
  Span,
  WordDiffToken,
} from '../lib/types';

export interface PassageGroups {
  /** Passages some outlet also has (agree or differ), in page order. */
  shared: Passage[];
  /** Passages no related outlet has, in page order. */
  unique: Passage[];
}

export function groupPassages(report: Pick<Report, 'passages'>): PassageGroups {
  const inOrder = [...report.passages].sort((a, b) => a.start - b.start);
  return {
    shared: inOrder.filter((p) => p.verdict !== 'unique'),
    unique: inOrder.filter((p) => p.verdict === 'unique'),
  };
}

export interface Counts {
  passages: number;
  shared: number;
  unique: number;
  discrepancies: number;
}

export function countsOf(report: Pick<Report, 'passages' | 'discrepancies'>): Counts {
  const g = groupPassages(report);
  return {
    passages: report.passages.length,
    shared: g.shared.length,
    unique: g.unique.length,
    discrepancies: report.discrepancies.length,
  };
}

/**
 * How many of the page's passages a source shares: counted on the passages the panel lists (one
 * passage may hold several aligned sentence pairs of one source, so the report's pair count can
 * be higher than the number of passages).
 */
export function sharedWith(report: Pick<Report, 'passages'>, sourceId: string): number {
  return report.passages.filter((p) => p.matches.some((m) => m.sourceId === sourceId)).length;
}

export const TIER_LABEL: Record<Relation, { title: string; hint: string }> = {
  'same-story': {
    title: 'Tell this story',
    hint: 'These outlets report the same event as this page.',
  },
  'shared-facts': {
    title: 'Share some facts',
    hint: 'Other stories that state some of the same facts (names, numbers, places).',
  },
};

export interface Tier {
  relation: Relation;
  sources: SourceSummary[];
}

/** The sources, same story first, each tier ordered by score; empty tiers are left out. */
export function sourcesByTier(report: Pick<Report, 'sources'>): Tier[] {
  const order: Relation[] = ['same-story', 'shared-facts'];
  return order
    .map((relation) => ({
      relation,
      sources: report.sources
        .filter((s) => (s.relation ?? 'same-story') === relation)
        .sort((a, b) => b.score - a.score),
    }))
    .filter((t) => t.sources.length > 0);
}

/** The one score shown per source, with what it measures. */
export const SCORE_NAME = 'Story match';
export const SCORE_HELP =
  'Story match: how sure Parallax is that the outlet reports the same story as this page, from the names, numbers and passages they share.';

export const pct = (x: number): string => `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;

/** A one-line summary of the outlets by tier, for the popup and the badge's tooltip. */
export function tierSummary(report: Pick<Report, 'sources'>): string {
  return sourcesByTier(report)
    .map((t) =>
      t.relation === 'same-story'
        ? `Same story: ${t.sources.map((s) => s.outlet).join(', ')}`
        : `Shares facts: ${t.sources.map((s) => s.outlet).join(', ')}`,
    )
    .join('. ');
}

/**
 * The share of words two sentences have in common (0..1), from the engine's word alignment: a word
 * diff reads well only when most words are shared; below CLOSE_WORDING it is a wall of strikes and
 * underlines.
 */
export function wordOverlap(a: string, b: string): number {
  return tokenOverlap(wordAlignment(a, b));
}

/** Words in common over the words of the longer side, counted on an alignment's tokens. */
export function tokenOverlap(tokens: readonly WordDiffToken[]): number {
  let common = 0;
  let removed = 0;
  let added = 0;
  for (const t of tokens) {
    if (t.side === 'both') common++;
    else if (t.side === 'page') removed++;
    else added++;
  }
  const longer = common + Math.max(removed, added);
  return longer ? common / longer : 1;
}

/**
 * At least this share of words in common for a word diff. Chosen by eye on the seed pages: wire
 * copies and edits with a changed value are above 0.6, paraphrases below 0.45.
 */
export const CLOSE_WORDING = 0.55;

/** The same words, whatever the spacing and quote marks: nothing to diff, nothing to repeat. */
export function sameWording(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\s+/g, ' ')
      .trim();
  return norm(a) === norm(b);
}

export type Wording = 'same' | 'close' | 'paraphrase';

export function wordingOf(a: string, b: string): Wording {
  return sameWording(a, b) ? 'same' : isCloseWording(a, b) ? 'close' : 'paraphrase';
}

export function isCloseWording(a: string, b: string): boolean {
  return wordOverlap(a, b) >= CLOSE_WORDING;
}

export type MarkedPiece =
  { kind: 'text'; text: string } | { kind: 'fact'; text: string } | { kind: 'value'; text: string };

/**
 * A sentence cut into plain text, shared facts (a fact the other sentence states too) and
 * differing values (the discrepancies' words: their offsets in the sentence when known, else the
 * value searched for), for a paraphrase shown side by side.
 */
export function markSentence(
  sentence: string,
  other: string,
  values: readonly (Span | string)[],
): MarkedPiece[] {
  type Mark = { start: number; end: number; kind: 'fact' | 'value' };
  const spans: Mark[] = [];
  for (const v of values) {
    if (typeof v !== 'string') {
      if (v[0] >= 0 && v[1] <= sentence.length && v[0] < v[1])
        spans.push({ start: v[0], end: v[1], kind: 'value' });
      continue;
    }
    if (!v) continue;
    const i = sentence.indexOf(v);
    if (i >= 0) spans.push({ start: i, end: i + v.length, kind: 'value' });
  }
  const theirs = new Set(extractFacts(other).map((f) => `${f.kind}\u0000${f.norm}`));
  for (const f of extractFacts(sentence)) {
    if (!theirs.has(`${f.kind}\u0000${f.norm}`)) continue;
    if (spans.some((s) => s.start < f.end && f.start < s.end)) continue;
    spans.push({ start: f.start, end: f.end, kind: 'fact' });
  }
  spans.sort((a, b) => a.start - b.start);
  const out: MarkedPiece[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) out.push({ kind: 'text', text: sentence.slice(at, s.start) });
    out.push({ kind: s.kind, text: sentence.slice(s.start, s.end) });
    at = s.end;
  }
  if (at < sentence.length) out.push({ kind: 'text', text: sentence.slice(at) });
  return out;
}

/**
 * What the engine compared for one match, in offsets into the passage's text: the page sentences
 * it compared (a passage can hold more, merged by another source's alignment) and its word
 * alignment, page spans moved into the passage.
 */
export interface Compared {
  start: number;
  end: number;
  tokens: WordDiffToken[];
}

export function comparedOf(p: Pick<Passage, 'text' | 'start'>, m: PassageMatch): Compared {
  if (m.diff) {
    const shift = (s: Span): Span => [s[0] - p.start, s[1] - p.start];
    return {
      start: m.diff.pageStart - p.start,
      end: m.diff.pageEnd - p.start,
      tokens: m.diff.tokens.map((t) => (t.side === 'reference' ? t : { ...t, page: shift(t.page) })),
    };
  }
  // A report kept from before matches carried their alignment: the engine's own alignment of the
  // whole passage, then.
  return { start: 0, end: p.text.length, tokens: wordAlignment(p.text, m.text) };
}

/** Same words, close wording (a word diff) or a paraphrase, for what the engine compared. */
export function wordingOfMatch(p: Pick<Passage, 'text'>, m: PassageMatch, c: Compared): Wording {
  if (sameWording(p.text.slice(c.start, c.end), m.text)) return 'same';
  return tokenOverlap(c.tokens) >= CLOSE_WORDING ? 'close' : 'paraphrase';
}

/**
 * The words the engine flagged in one match: page spans in the passage's text, reference spans in
 * the match's text (the discrepancies' own offsets; the value searched for when a report has none).
 */
export interface Flags {
  page: Span[];
  reference: Span[];
}

export function flagsOf(
  report: Pick<Report, 'discrepancies'>,
  p: Pick<Passage, 'id' | 'text' | 'start'>,
  m: Pick<PassageMatch, 'sourceId' | 'text'>,
): Flags {
  const flags: Flags = { page: [], reference: [] };
  for (const d of report.discrepancies) {
    if (d.passageId !== p.id || d.sourceId !== m.sourceId || d.referenceText !== m.text) continue;
    const page: Span | undefined =
      d.pageStart !== undefined && d.pageEnd !== undefined
        ? [d.pageStart - p.start, d.pageEnd - p.start]
        : found(p.text, d.page);
    const ref: Span | undefined =
      d.referenceStart !== undefined && d.referenceEnd !== undefined
        ? [d.referenceStart, d.referenceEnd]
        : found(m.text, d.reference);
    if (page) flags.page.push(page);
    if (ref) flags.reference.push(ref);
  }
  return flags;
}

function found(text: string, value: string): Span | undefined {
  const i = value ? text.indexOf(value) : -1;
  return i >= 0 ? [i, i + value.length] : undefined;
}

const within = (s: Span, flags: readonly Span[]): boolean => flags.some((f) => s[0] < f[1] && f[0] < s[1]);

/**
 * One run of the word diff: words both sides have (in the outlet's wording; `pageText` when the
 * page has another form of the same word, "plan"/"plans"), words only the page has (`swap`: the
 * outlet's words follow in their place), words only the outlet has, and the text between words.
 * `flagged`: inside the words the engine flagged.
 */
export type DiffRun =
  | { kind: 'same'; text: string; flagged: boolean; pageText?: string }
  | { kind: 'page'; text: string; flagged: boolean; swap: boolean }
  | { kind: 'reference'; text: string; flagged: boolean }
  | { kind: 'gap'; text: string };

/**
 * The word diff the panel draws, from the engine's alignment: each word once, in reading order,
 * with the punctuation and spaces of the side it is shown from.
 */
export function diffRuns(passageText: string, other: string, c: Compared, flags: Flags): DiffRun[] {
  const runs: DiffRun[] = [];
  const { tokens } = c;
  const nextStart = (k: number, side: 'page' | 'reference'): number =>
    nextTokenStart(tokens, k, side, side === 'page' ? Math.min(c.end, passageText.length) : other.length);
  const first = tokens.find((t) => t.side !== 'page');
  if (first && first.reference[0] > 0) runs.push({ kind: 'gap', text: other.slice(0, first.reference[0]) });
  const push = (run: DiffRun, gap: string) => {
    const last = runs[runs.length - 1];
    const prev = runs[runs.length - 2];
    // Words of one kind in a row make one run, the text between them inside it.
    if (
      last?.kind === 'gap' &&
      prev &&
      prev.kind === run.kind &&
      prev.kind !== 'gap' &&
      run.kind !== 'gap' &&
      prev.flagged === run.flagged &&
      !(prev.kind === 'same' && prev.pageText) &&
      !(run.kind === 'same' && run.pageText)
    ) {
      prev.text += last.text + run.text;
      runs.pop();
    } else runs.push(run);
    if (gap) runs.push({ kind: 'gap', text: gap });
  };
  tokens.forEach((t, k) => {
    if (t.side === 'page') {
      const text = passageText.slice(t.page[0], t.page[1]);
      const swap = tokens[k + 1]?.side === 'reference';
      // Before the outlet's words in its place, an arrow stands for the space (set when drawn).
      push(
        { kind: 'page', text, flagged: within(t.page, flags.page), swap: false },
        swap ? '' : passageText.slice(t.page[1], nextStart(k, 'page')),
      );
      return;
    }
    const text = other.slice(t.reference[0], t.reference[1]);
    const gap = other.slice(t.reference[1], nextStart(k, 'reference'));
    if (t.side === 'reference') {
      push({ kind: 'reference', text, flagged: within(t.reference, flags.reference) }, gap);
      return;
    }
    const pageText = passageText.slice(t.page[0], t.page[1]);
    const flagged = within(t.page, flags.page) || within(t.reference, flags.reference);
    push(
      pageText === text ? { kind: 'same', text, flagged } : { kind: 'same', text, flagged, pageText },
      gap,
    );
  });
  // A page run right before an outlet run is a replacement: "125 → 135".
  runs.forEach((r, i) => {
    if (r.kind === 'page' && runs[i + 1]?.kind === 'reference') r.swap = true;
  });
  return runs;
}

/** Where a discrepancy's values sit in its two sentences (pageText, referenceText), when known. */
export function valueSpans(
  report: Pick<Report, 'passages'>,
  d: Discrepancy,
): { page?: Span; reference?: Span } {
  const out: { page?: Span; reference?: Span } = {};
  if (d.referenceStart !== undefined && d.referenceEnd !== undefined)
    out.reference = [d.referenceStart, d.referenceEnd];
  const m = report.passages
    .find((p) => p.id === d.passageId)
    ?.matches.find((x) => x.sourceId === d.sourceId && x.text === d.referenceText && x.diff);
  if (m?.diff && d.pageStart !== undefined && d.pageEnd !== undefined)
    out.page = [d.pageStart - m.diff.pageStart, d.pageEnd - m.diff.pageStart];
  return out;
}

/**
 * What a claim check compared, in the reader's words, next to the kind's tag: "Claim" alone does
 * not say whether the outlets differ on whether it happened, who did it or how many.
 */
export const CHECK_LABEL: Record<ClaimCheck, string> = {
  status: 'done or only planned',
  modality: 'permission or certainty',
  quantifier: 'how many',
  polarity: 'which way',
  agent: 'who did it to whom',
  tally: 'vote or score',
  lexical: 'a different word',
};
