/**
 * Alignment evaluation: how well `similarity` ranks STS news pairs, and how many MSRP paraphrases
 * (and FEVER minimal edits) reach ALIGN_THRESHOLD. Run alone:
 *   npx tsx scripts/eval/align.ts ../shared/evaldata
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALIGN_THRESHOLD, buildIdfTable, similarity } from '../../lib/align';
import { inTuneHalf, type EvalRow } from './types';

export interface ScoredPair {
  key: string;
  a: string;
  b: string;
  gold: number;
}

// The evaldata keeps PTB-style tokenisation ("Dominick 's", "-LRB-"); undo it so that the
// measured text looks like what the engine sees on a page.
export function detokenize(s: string): string {
  return s
    .replace(/-LRB-/g, '(')
    .replace(/-RRB-/g, ')')
    .replace(/ (['’]s|n't|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/ ([,.;:!?%)])/g, '$1')
    .replace(/([($]) /g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function parseTsv(text: string): Array<Record<string, string>> {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

export async function loadSts(dataDir: string): Promise<ScoredPair[]> {
  const rows = parseTsv(await readFile(join(dataDir, 'stsbenchmark', 'sts-news-only.tsv'), 'utf8'));
  return rows.map((r) => ({
    key: `sts:${r.split}:${r.file}:${r.year}:${r.id}`,
    a: r.sent1 ?? '',
    b: r.sent2 ?? '',
    gold: Number(r.score),
  }));
}

export async function loadMsrp(dataDir: string): Promise<ScoredPair[]> {
  const text = await readFile(join(dataDir, 'msrp', 'msr_paraphrase_train.parsed.tsv'), 'utf8');
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [q, id1, id2, s1, s2] = l.split('\t');
      return { key: `msrp:${id1}:${id2}`, a: detokenize(s1 ?? ''), b: detokenize(s2 ?? ''), gold: Number(q) };
    });
}

export async function loadFever(dataDir: string): Promise<ScoredPair[]> {
  const rows = parseTsv(
    await readFile(join(dataDir, 'fever-symmetric', 'evidence_minimal_pairs.tsv'), 'utf8'),
  );
  return rows.map((r) => ({
    key: `fever:${r.edited_id}`,
    a: detokenize(r.original_evidence ?? ''),
    b: detokenize(r.edited_evidence ?? ''),
    gold: 1,
  }));
}

function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
  const r = new Array<number>(xs.length).fill(0);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]?.[0] === idx[i]?.[0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]?.[1] ?? 0] = avg;
    i = j + 1;
  }
  return r;
}

export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = rx.length;
  if (n < 2) return 0;
  const mx = rx.reduce((s, v) => s + v, 0) / n;
  const my = ry.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < n; i++) {
    const a = (rx[i] ?? 0) - mx;
    const b = (ry[i] ?? 0) - my;
    num += a * b;
    dx += a * a;
    dy += b * b;
  }
  return dx && dy ? num / Math.sqrt(dx * dy) : 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const SPLITS = ['tune', 'test'] as const;
const bySplit = (ps: ScoredPair[], split: 'tune' | 'test') =>
  ps.filter((p) => inTuneHalf(p.key) === (split === 'tune'));

export async function evalAlign(dataDir: string): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  const sts = await loadSts(dataDir);
  const msrp = await loadMsrp(dataDir);
  let fever: ScoredPair[] = [];
  try {
    fever = await loadFever(dataDir);
  } catch {
    // optional dataset
  }
  for (const split of SPLITS) {
    const ps = bySplit(sts, split);
    const sims = ps.map((p) => similarity(p.a, p.b));
    rows.push({
      task: 'align',
      dataset: 'stsbenchmark (news)',
      metric: 'Spearman similarity vs gold',
      value: round(
        spearman(
          sims,
          ps.map((p) => p.gold),
        ),
      ),
      target: '>= 0.75',
      n: ps.length,
      split,
    });
    // With document frequencies, as the corpus index can supply them (here: each sentence of
    // the split is a document), for information.
    const idf = buildIdfTable(ps.flatMap((p) => [p.a, p.b]));
    rows.push({
      task: 'align',
      dataset: 'stsbenchmark (news)',
      metric: 'Spearman, with IDF from the split (info)',
      value: round(
        spearman(
          ps.map((p) => similarity(p.a, p.b, { idf })),
          ps.map((p) => p.gold),
        ),
      ),
      n: ps.length,
      split,
    });
    const pos = ps.map((p, i) => [p, sims[i] ?? 0] as const).filter(([p]) => p.gold >= 3);
    const neg = ps.map((p, i) => [p, sims[i] ?? 0] as const).filter(([p]) => p.gold < 2);
    rows.push({
      task: 'align',
      dataset: 'stsbenchmark (news)',
      metric: 'score>=3 pairs aligned',
      value: round(pos.filter(([, s]) => s >= ALIGN_THRESHOLD).length / (pos.length || 1)),
      n: pos.length,
      split,
      note: `score<2 pairs aligned: ${round(neg.filter(([, s]) => s >= ALIGN_THRESHOLD).length / (neg.length || 1))} (n=${neg.length})`,
    });
  }
  for (const split of SPLITS) {
    const ps = bySplit(msrp, split);
    const sims = ps.map((p) => similarity(p.a, p.b));
    const pos = sims.filter((_, i) => ps[i]?.gold === 1);
    const neg = sims.filter((_, i) => ps[i]?.gold === 0);
    rows.push({
      task: 'align',
      dataset: 'msrp',
      metric: 'paraphrase (label 1) recall at ALIGN_THRESHOLD',
      value: round(pos.filter((s) => s >= ALIGN_THRESHOLD).length / (pos.length || 1)),
      n: pos.length,
      split,
    });
    rows.push({
      task: 'align',
      dataset: 'msrp',
      metric: 'label-0 pairs aligned (for information)',
      value: round(neg.filter((s) => s >= ALIGN_THRESHOLD).length / (neg.length || 1)),
      n: neg.length,
      split,
    });
  }
  if (fever.length) {
    for (const split of SPLITS) {
      const ps = bySplit(fever, split);
      const sims = ps.map((p) => similarity(p.a, p.b));
      rows.push({
        task: 'align',
        dataset: 'fever-symmetric',
        metric: 'minimal-edit pairs aligned',
        value: round(sims.filter((s) => s >= ALIGN_THRESHOLD).length / (sims.length || 1)),
        n: ps.length,
        split,
      });
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? '../shared/evaldata';
  evalAlign(dir).then(
    (rows) => {
      for (const r of rows)
        console.log(
          [r.split, r.dataset, r.metric, r.value, r.target ?? '', `n=${r.n}`, r.note ?? '']
            .join('\t')
            .trimEnd(),
        );
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(2);
    },
  );
}
