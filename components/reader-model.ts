/**
 * What the side panel, popup and badge show, derived from the report (pure: no DOM, no browser).
 * The panel leads with what the page shares with other outlets and where it differs; passages only
 * on this page are one group, counted once, so every count the reader sees agrees with the others.
 */
import { diffWords } from 'diff';
import { extractFacts } from '../lib/facts';
import type { Discrepancy, Passage, Relation, Report, SourceSummary } from '../lib/types';

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
 * The share of words two sentences have in common (0..1), from a word diff: a word diff reads well
 * only when most words are shared; below CLOSE_WORDING it is a wall of strikes and underlines.
 */
export function wordOverlap(a: string, b: string): number {
  let common = 0;
  let removed = 0;
  let added = 0;
  for (const part of diffWords(a, b)) {
    const n = part.value.split(/\s+/).filter(Boolean).length;
    if (part.added) added += n;
    else if (part.removed) removed += n;
    else common += n;
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
 * differing values (the discrepancies' values), for a paraphrase shown side by side.
 */
export function markSentence(sentence: string, other: string, values: readonly string[]): MarkedPiece[] {
  type Span = { start: number; end: number; kind: 'fact' | 'value' };
  const spans: Span[] = [];
  for (const v of values) {
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

/** The discrepancies of one passage against one source. */
export function discrepanciesOf(
  report: Pick<Report, 'discrepancies'>,
  passageId: string,
  sourceId?: string,
): Discrepancy[] {
  return report.discrepancies.filter(
    (d) => d.passageId === passageId && (sourceId === undefined || d.sourceId === sourceId),
  );
}
