/**
 * Faithfulness of one sentence to its source, besides Falke (issue 8), on third-party dev data
 * (never copied into the repo), through the public discrepancy API only (`findDiscrepancies`, and
 * `similarity` for the alignment the report would make):
 *
 * - MEANTIME headlines against their own article: a Wikinews headline is a summary sentence its
 *   author wrote from the article, so it is faithful to it. Its source passage is the article
 *   sentence the aligner pairs with it (highest `similarity`, at least ALIGN_THRESHOLD, as in a
 *   report). Measured: the share of aligned headlines flagged (a false flag on a faithful
 *   summary: headline tense, "to" infinitives, rounded figures), and how many headlines align.
 * - STS Benchmark news pairs the aligner pairs (similarity >= ALIGN_THRESHOLD), the second
 *   sentence read as a restatement of the first: faithful when rated >= 4 ("mostly equivalent,
 *   unimportant details differ"), not when rated <= 3 ("important information differs or is
 *   missing", or less). Measured as Falke is: the flagging rate on each class and the balanced
 *   accuracy. Missing information is not a contradiction, so a perfect flagger stays below 1 on
 *   this protocol; the figure ranks changes of the engine, it is not a target.
 *
 * Each figure is given for the tune half and the test half (inTuneHalf on the item's key). Nothing
 * here is fitted: it is a measurement of the engine as it is.
 *
 *   npm run eval -- --data ../shared/evaldata --only faithfulness
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDiscrepancies } from '../../lib/discrepancies';
import { ALIGN_THRESHOLD, similarity } from '../../lib/align';
import { inTuneHalf, type EvalRow } from './types';

const TASK = 'faithfulness';
const SPLITS = ['tune', 'test'] as const;
type Split = (typeof SPLITS)[number];

const splitOf = (key: string): Split => (inTuneHalf(key) ? 'tune' : 'test');

interface Headline {
  key: string;
  headline: string;
  /** The article sentence the aligner pairs with the headline, if any reaches the threshold. */
  source?: string;
}

/** MEANTIME: headline first, then the date, then one sentence per line. */
export function meantimeHeadlines(dataDir: string): Headline[] {
  const text = readFileSync(join(dataDir, 'meantime-wikinews', 'meantime_en_docs.jsonl'), 'utf8');
  const out: Headline[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as { doc_id: string; text: string };
    const [headline, , ...body] = d.text.split('\n').map((s) => s.trim());
    if (!headline || !body.length) continue;
    let best = -1;
    let source: string | undefined;
    for (const s of body) {
      if (!s) continue;
      const sim = similarity(headline, s);
      if (sim > best) [best, source] = [sim, s];
    }
    out.push(
      best >= ALIGN_THRESHOLD && source
        ? { key: `meantime:${d.doc_id}`, headline, source }
        : { key: `meantime:${d.doc_id}`, headline },
    );
  }
  return out;
}

function evalHeadlines(dataDir: string): EvalRow[] {
  const items = meantimeHeadlines(dataDir);
  const rows: EvalRow[] = [];
  for (const split of SPLITS) {
    const mine = items.filter((h) => splitOf(h.key) === split);
    const aligned = mine.flatMap((h) => (h.source ? [{ ...h, source: h.source }] : []));
    // The headline plays the page (the summary), its source sentence the reference.
    const flagged = aligned.filter((h) => findDiscrepancies(h.headline, h.source).length > 0).length;
    rows.push({
      task: TASK,
      dataset: 'meantime headlines',
      metric: 'faithful headlines flagged',
      value: flagged / (aligned.length || 1),
      n: aligned.length,
      split,
      note: 'a headline against the article sentence it aligns with: every flag is a false flag',
    });
    rows.push({
      task: TASK,
      dataset: 'meantime headlines',
      metric: 'headlines aligned with a sentence',
      value: aligned.length / (mine.length || 1),
      n: mine.length,
      split,
    });
  }
  return rows;
}

interface StsPair {
  key: string;
  score: number;
  a: string;
  b: string;
}

export function loadSts(dataDir: string): StsPair[] {
  const text = readFileSync(join(dataDir, 'stsbenchmark', 'sts-news-only.tsv'), 'utf8');
  const out: StsPair[] = [];
  for (const line of text.split('\n').slice(1)) {
    const c = line.split('\t');
    if (c.length < 8) continue;
    out.push({ key: `sts:${c[0]}:${c[2]}:${c[3]}:${c[4]}`, score: Number(c[5]), a: c[6]!, b: c[7]! });
  }
  return out;
}

/** STS ratings that make the second sentence a faithful restatement of the first. */
const FAITHFUL = 4;
/** At or below: important information differs or is missing. Between 3 and 4: left out. */
const UNFAITHFUL = 3;

function evalSts(dataDir: string): EvalRow[] {
  const pairs = loadSts(dataDir).filter((p) => similarity(p.a, p.b) >= ALIGN_THRESHOLD);
  const rows: EvalRow[] = [];
  for (const split of SPLITS) {
    const mine = pairs.filter((p) => splitOf(p.key) === split);
    const faithful = mine.filter((p) => p.score >= FAITHFUL);
    const unfaithful = mine.filter((p) => p.score <= UNFAITHFUL);
    // The restatement plays the page, the first sentence the reference (its source).
    const rate = (ps: StsPair[]) =>
      ps.filter((p) => findDiscrepancies(p.b, p.a).length > 0).length / (ps.length || 1);
    const onFaithful = rate(faithful);
    const onUnfaithful = rate(unfaithful);
    rows.push({
      task: TASK,
      dataset: 'stsbenchmark news',
      metric: 'flagged, faithful (score >= 4)',
      value: onFaithful,
      n: faithful.length,
      split,
    });
    rows.push({
      task: TASK,
      dataset: 'stsbenchmark news',
      metric: 'flagged, unfaithful (score <= 3)',
      value: onUnfaithful,
      n: unfaithful.length,
      split,
      note: 'missing information counts as unfaithful here but is no contradiction',
    });
    rows.push({
      task: TASK,
      dataset: 'stsbenchmark news',
      metric: 'balanced accuracy',
      value: (onUnfaithful + (1 - onFaithful)) / 2,
      n: faithful.length + unfaithful.length,
      split,
      note: 'aligned pairs only (similarity >= ALIGN_THRESHOLD)',
    });
  }
  return rows;
}

export async function evalFaithfulness(dataDir: string): Promise<EvalRow[]> {
  return [...evalHeadlines(dataDir), ...evalSts(dataDir)];
}
