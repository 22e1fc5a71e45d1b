/**
 * Discrepancy flagging measured on third-party dev data (never copied into the repo):
 * - FEVER-Symmetric minimal pairs: every pair changes one fact; recall with the right two values.
 * - MSRP label-1 paraphrases: false-flag rate (a paraphrase must not be flagged).
 * - Falke et al. correctness triples: ranking and flagging of the incorrect summary sentence.
 * Each metric is given for the "tune" half and the "test" half (inTuneHalf).
 *
 *   npx tsx scripts/eval/facts.ts ../shared/evaldata
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findDiscrepancies, MIN_CONFIDENCE } from '../../lib/discrepancies';
import type { FactDiff } from '../../lib/types';
import { inTuneHalf, type EvalRow } from './types';

const TASK = 'discrepancies';
type Split = 'tune' | 'test';

/** PTB-style tokens back to ordinary text: -LRB- -> "(", `` -> ". */
function detok(s: string): string {
  return s
    .replace(/-LRB-/g, '(')
    .replace(/-RRB-/g, ')')
    .replace(/-LSB-/g, '[')
    .replace(/-RSB-/g, ']')
    .replace(/-LCB-/g, '{')
    .replace(/-RCB-/g, '}')
    .replace(/``|''/g, '"');
}

/** MSRP splits clitics ("doesn 't", "Intel 's"): join them back as news text writes them. */
function detokMsrp(s: string): string {
  return s.replace(/n 't\b/g, "n't").replace(/ '(s|re|ve|ll|d|m)\b/g, "'$1");
}

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function overlaps(value: string, block: Set<string>): boolean {
  for (const w of words(value)) if (block.has(w)) return true;
  return false;
}

function splitOf(key: string): Split {
  return inTuneHalf(key) ? 'tune' : 'test';
}

interface FeverPair {
  key: string;
  original: string;
  edited: string;
  removed: string[];
  added: string[];
}

export function loadFever(dataDir: string): FeverPair[] {
  const text = readFileSync(join(dataDir, 'fever-symmetric', 'evidence_minimal_pairs.tsv'), 'utf8');
  const out: FeverPair[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const c = line.split('\t');
    if (c.length < 6) continue;
    out.push({
      key: `fever:${c[0]}`,
      original: detok(c[2]!),
      edited: detok(c[3]!),
      removed: c[4]!.split(' | ').map(detok),
      added: c[5]!.split(' | ').map(detok),
    });
  }
  return out;
}

/**
 * The pair is caught with the right two values when one discrepancy's page value shares a word
 * with an added block and its reference value a word with the removed block at the same place
 * (for a pure insertion or deletion, the side that has words).
 */
export function feverHit(p: FeverPair, diffs: FactDiff[]): boolean {
  for (let b = 0; b < Math.max(p.added.length, p.removed.length); b++) {
    const add = words(p.added[b] ?? '');
    const rem = words(p.removed[b] ?? '');
    for (const d of diffs) {
      const okPage = add.size ? overlaps(d.page, add) : true;
      const okRef = rem.size ? overlaps(d.reference, rem) : true;
      if (okPage && okRef && (add.size || rem.size)) return true;
    }
  }
  return false;
}

function evalFever(dataDir: string): EvalRow[] {
  const pairs = loadFever(dataDir);
  const rows: EvalRow[] = [];
  for (const split of ['tune', 'test'] as const) {
    const mine = pairs.filter((p) => splitOf(p.key) === split);
    let right = 0;
    let any = 0;
    for (const p of mine) {
      // The edited copy plays the page, the original evidence the reference.
      const diffs = findDiscrepancies(p.edited, p.original);
      if (diffs.length) any++;
      if (feverHit(p, diffs)) right++;
    }
    const n = mine.length || 1;
    rows.push({
      task: TASK,
      dataset: 'fever-symmetric',
      metric: 'recall, right values',
      value: right / n,
      target: '>= 0.9',
      n: mine.length,
      split,
    });
    rows.push({
      task: TASK,
      dataset: 'fever-symmetric',
      metric: 'recall, any flag',
      value: any / n,
      n: mine.length,
      split,
    });
  }
  return rows;
}

interface MsrpPair {
  key: string;
  label: number;
  a: string;
  b: string;
}

export function loadMsrp(dataDir: string): MsrpPair[] {
  const text = readFileSync(join(dataDir, 'msrp', 'msr_paraphrase_train.parsed.tsv'), 'utf8');
  const out: MsrpPair[] = [];
  for (const line of text.split('\n').slice(1)) {
    const c = line.split('\t');
    if (c.length < 5) continue;
    out.push({ key: `msrp:${c[1]}-${c[2]}`, label: Number(c[0]), a: detokMsrp(c[3]!), b: detokMsrp(c[4]!) });
  }
  return out;
}

function evalMsrp(dataDir: string): EvalRow[] {
  const pairs = loadMsrp(dataDir);
  const rows: EvalRow[] = [];
  for (const split of ['tune', 'test'] as const) {
    const mine = pairs.filter((p) => splitOf(p.key) === split);
    const para = mine.filter((p) => p.label === 1);
    const non = mine.filter((p) => p.label === 0);
    const flagged = (ps: MsrpPair[]) => ps.filter((p) => findDiscrepancies(p.a, p.b).length > 0).length;
    rows.push({
      task: TASK,
      dataset: 'msrp',
      metric: 'false flags on paraphrases',
      value: flagged(para) / (para.length || 1),
      target: '<= 0.05',
      n: para.length,
      split,
    });
    rows.push({
      task: TASK,
      dataset: 'msrp',
      metric: 'flagged, non-paraphrases',
      value: flagged(non) / (non.length || 1),
      n: non.length,
      split,
      note: 'label 0 mixes changed facts with extra content: no target',
    });
  }
  return rows;
}

interface FalkeTriple {
  key: string;
  article: string;
  correct: string;
  incorrect: string;
}

export function loadFalke(dataDir: string): FalkeTriple[] {
  const raw = JSON.parse(
    readFileSync(join(dataDir, 'falke-correctness', 'val_sentence_pairs.json'), 'utf8'),
  ) as Array<Record<string, string>>;
  return raw.map((t) => ({
    key: `falke:${t.article_id}:${t.correct_sent_id}:${t.incorrect_sent_id}`,
    article: t.article_sent ?? '',
    correct: t.correct_sent ?? '',
    incorrect: t.incorrect_sent ?? '',
  }));
}

function score(diffs: FactDiff[]): number {
  return diffs.reduce((m, d) => Math.max(m, d.confidence), 0);
}

function evalFalke(dataDir: string): EvalRow[] {
  const triples = loadFalke(dataDir);
  const rows: EvalRow[] = [];
  for (const split of ['tune', 'test'] as const) {
    const mine = triples.filter((t) => splitOf(t.key) === split);
    let rank = 0;
    let tp = 0;
    let tn = 0;
    for (const t of mine) {
      // Ranking uses every signal, also those below the reporting threshold.
      const si = score(findDiscrepancies(t.incorrect, t.article, { minConfidence: 0 }));
      const sc = score(findDiscrepancies(t.correct, t.article, { minConfidence: 0 }));
      rank += si > sc ? 1 : si === sc ? 0.5 : 0;
      if (si >= MIN_CONFIDENCE) tp++;
      if (sc < MIN_CONFIDENCE) tn++;
    }
    const n = mine.length || 1;
    rows.push({
      task: TASK,
      dataset: 'falke',
      metric: 'pair accuracy (ties 0.5)',
      value: rank / n,
      n: mine.length,
      split,
    });
    rows.push({
      task: TASK,
      dataset: 'falke',
      metric: 'balanced accuracy of flagging',
      value: (tp / n + tn / n) / 2,
      target: '>= 0.75',
      n: mine.length * 2,
      split,
      note: `incorrect flagged ${tp}/${mine.length}, correct left alone ${tn}/${mine.length}`,
    });
  }
  return rows;
}

export async function evalFacts(dataDir: string): Promise<EvalRow[]> {
  return [...evalFever(dataDir), ...evalMsrp(dataDir), ...evalFalke(dataDir)];
}

function printRows(rows: EvalRow[]): void {
  for (const r of rows) {
    const v = r.value.toFixed(3);
    process.stdout.write(
      `${r.dataset.padEnd(16)} ${r.metric.padEnd(32)} ${r.split.padEnd(5)} ${v.padStart(6)}  ${(r.target ?? '').padEnd(8)} n=${r.n}${r.note ? `  ${r.note}` : ''}\n`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? '../shared/evaldata';
  evalFacts(dir)
    .then(printRows)
    .catch((e: unknown) => {
      process.stderr.write(`eval facts: ${(e as Error).message}\n`);
      process.exitCode = 2;
    });
}
