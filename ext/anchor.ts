import type { Discrepancy, Report } from '../lib/types';
import { fold, locate, passagePieces, type Piece, type TextMap } from './text-map';

export type MarkKind = 'agree' | 'differ' | 'value';

/** A piece of the report found in the page: folded offsets into a TextMap. */
export interface Anchor {
  kind: MarkKind;
  passageId: string;
  start: number;
  end: number;
  /** What is marked: [start, end) without the blocks inside it that are not the passage. */
  pieces: Piece[];
  discrepancyId?: string;
}

const CONTEXT = 48;

/** The passages that agree or differ, and each differing value, located in the page's text. */
export function anchorReport(report: Report, map: TextMap): Anchor[] {
  const text = report.text ?? '';
  const out: Anchor[] = [];
  const byPassage = new Map<string, Discrepancy[]>();
  for (const d of report.discrepancies) {
    const list = byPassage.get(d.passageId) ?? [];
    list.push(d);
    byPassage.set(d.passageId, list);
  }
  const spans = new Map<string, { start: number; end: number }>();
  for (const p of report.passages) {
    const discs = byPassage.get(p.id) ?? [];
    if (p.verdict === 'unique' && discs.length === 0) continue;
    const span = locate(map.text, {
      exact: p.text,
      prefix: text.slice(Math.max(0, p.start - CONTEXT), p.start),
      suffix: text.slice(p.end, p.end + CONTEXT),
      position: text.length ? p.start / text.length : undefined,
    });
    if (!span) continue;
    spans.set(p.id, span);
    const kind: MarkKind = p.verdict === 'differ' || discs.length ? 'differ' : 'agree';
    const pieces = passagePieces(map, span.start, span.end, p.text);
    out.push({ kind, passageId: p.id, start: span.start, end: span.end, pieces });
  }
  for (const d of report.discrepancies) {
    let within = spans.get(d.passageId);
    const passage = report.passages.find((p) => p.id === d.passageId);
    if (!within && d.pageText) {
      const s = locate(map.text, { exact: d.pageText });
      if (s) {
        within = s;
        const pieces = passagePieces(map, s.start, s.end, d.pageText);
        out.push({ kind: 'differ', passageId: d.passageId, start: s.start, end: s.end, pieces });
        spans.set(d.passageId, s);
      }
    }
    if (!within || !d.page) continue;
    const value = locateValue(map, within, d, passage?.start);
    if (value)
      out.push({
        kind: 'value',
        passageId: d.passageId,
        discrepancyId: d.id,
        ...value,
        pieces: [{ start: value.start, end: value.end }],
      });
  }
  return out;
}

function locateValue(
  map: TextMap,
  within: { start: number; end: number },
  d: Discrepancy,
  passageStart: number | undefined,
): { start: number; end: number } | null {
  const needle = fold(d.page);
  if (!needle) return null;
  const region = map.text.slice(within.start, within.end);
  // Where the value should be, relative to its passage, when the report says.
  const expected =
    d.pageStart !== undefined && passageStart !== undefined
      ? Math.max(0, d.pageStart - passageStart)
      : undefined;
  let best = -1;
  let bestDist = Infinity;
  for (let i = region.indexOf(needle); i >= 0; i = region.indexOf(needle, i + 1)) {
    const dist = expected === undefined ? i : Math.abs(i - expected);
    if (dist < bestDist) {
      bestDist = dist;
      best = i;
    }
  }
  if (best >= 0) return { start: within.start + best, end: within.start + best + needle.length };
  const s = locate(map.text, { exact: d.page }, within.start, within.end);
  return s ? { start: s.start, end: s.end } : null;
}
