/**
 * Relatedness in two tiers (lib/relation.ts) on the dev evaldata, with its thresholds chosen by
 * leave-events-out cross-validation: each NewsWCL50 event and each ECB+ topic is held out in
 * turn, the thresholds are chosen on the rest (both datasets), and the held-out fold is scored.
 * Every fold is reported; the thresholds written to lib/relation-thresholds.json (with --write)
 * are chosen on all folds. MEANTIME and the readability pages (never tuned on) against the
 * bundled corpus are scored with those.
 *   npx tsx scripts/eval/relation.ts ../shared/evaldata [--write] [--dump FILE | --from FILE]
 * --dump writes every pair's evidence (NewsWCL50, ECB+) to FILE; --from reads it back instead of
 * aligning again, so that a change of the decision or of the search is measured in seconds.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { nodeEncoder } from '../../cli/model';
import { VectorCache } from '../../cli/vector-cache';
import { buildIndex, termProfile, type CorpusIndex } from '../../lib/corpus-index';
import { extractArticle } from '../../lib/extract';
import {
  decideRelation,
  RELATION_FEATURES,
  RELATION_THRESHOLDS,
  relationFeatures,
  type RelationModel,
  type RelationThresholds,
  type SemanticEvidence,
} from '../../lib/relation';
import { gatherEvidence } from '../../lib/report';
import { segment } from '../../lib/segment';
import { analyzePageSemantic, semanticVectors, type VectorSource } from '../../lib/semantic';
import type { PageArticle } from '../../lib/types';
import { loadBundled, loadEcb, loadMeantime, loadNewsWcl, sameText, type EvalDoc } from './related';
import type { EvalRow } from './types';

export interface PairEvidence {
  page: string;
  other: string;
  kind: 'same' | 'lookalike' | 'other';
  /** Fold the page belongs to (dataset:event or dataset:topic). */
  fold: string;
  semantic?: SemanticEvidence;
  aligned: boolean;
  lexical: boolean;
}

async function source(): Promise<VectorSource> {
  const enc = await nodeEncoder();
  const cache = new VectorCache();
  return { embed: (texts) => cache.embed(enc, texts) };
}

/** The evidence of every (page, candidate) pair; candidates not retrieved have none. */
async function evidenceOf(
  docs: EvalDoc[],
  dataset: string,
  foldOf: (d: EvalDoc) => string,
  limit: number,
  src: VectorSource,
): Promise<PairEvidence[]> {
  const idx = buildIndex(docs.map((d) => ({ id: d.id, outlet: d.group, title: d.title, text: d.text })));
  const out: PairEvidence[] = [];
  for (const d of docs) {
    const page: PageArticle = { title: d.title, text: d.text };
    const sem = await semanticVectors(page, idx, src, { candidateLimit: limit });
    const ev = gatherEvidence(page, segment(d.text), termProfile(d.text), idx, d.id, {
      candidateLimit: limit,
      semantic: sem,
    });
    const seen = new Map(ev.map((e) => [e.articleId, e]));
    for (const o of docs) {
      if (o.id === d.id || sameText(o, d)) continue;
      const e = seen.get(o.id);
      out.push({
        page: d.id,
        other: o.id,
        kind: o.event === d.event ? 'same' : o.group === d.group ? 'lookalike' : 'other',
        fold: `${dataset}:${foldOf(d)}`,
        semantic: e?.semantic,
        aligned: (e?.pairs.length ?? 0) > 0,
        lexical: e?.lexicalRelated ?? false,
      });
    }
  }
  return out;
}

interface Rates {
  recall: number;
  pos: number;
  falseAny: number;
  falseSameStory: number;
  neg: number;
}

function rates(
  ps: readonly PairEvidence[],
  t: RelationThresholds,
  negKind: (p: PairEvidence) => boolean,
): Rates {
  let hit = 0;
  let pos = 0;
  let fa = 0;
  let fs = 0;
  let neg = 0;
  for (const p of ps) {
    const r = decide(p, t);
    if (p.kind === 'same') {
      pos++;
      if (r === 'same-story') hit++;
    } else if (negKind(p)) {
      neg++;
      if (r) fa++;
      if (r === 'same-story') fs++;
    }
  }
  return {
    recall: pos ? hit / pos : 0,
    pos,
    falseAny: neg ? fa / neg : 0,
    falseSameStory: neg ? fs / neg : 0,
    neg,
  };
}

/** As lib/report.ts decides: the lexical decision, else the semantic tiers. */
function decide(p: PairEvidence, t: RelationThresholds) {
  if (!p.semantic || !p.aligned) return null;
  return p.lexical && t.lexicalRoute ? 'same-story' : decideRelation(p.semantic, t);
}

const WCL_NEG = (p: PairEvidence) => p.kind !== 'same';
const ECB_NEG = (p: PairEvidence) => p.kind === 'lookalike';

/**
 * The same-story model: logistic regression on the evidence features (lib/relation.ts) of the
 * aligned training pairs, same event = 1, other event or look-alike = 0, each dataset weighing
 * the same in total (NewsWCL50 has 20 articles, ECB+ 225). L2 1e-2, full-batch gradient descent
 * from zero: deterministic.
 */
export function fitRelation(ps: readonly PairEvidence[]): Omit<RelationModel, 'threshold'> {
  const rows = ps.filter((p) => p.semantic && p.aligned && (p.kind === 'same' || isNeg(p)));
  const xs = rows.map((p) => relationFeatures(p.semantic!));
  const ys = rows.map((p) => (p.kind === 'same' ? 1 : 0));
  const perSet = new Map<string, number>();
  for (const p of rows) perSet.set(dataset(p), (perSet.get(dataset(p)) ?? 0) + 1);
  const ws = rows.map((p) => rows.length / (perSet.size * perSet.get(dataset(p))!));
  const d = RELATION_FEATURES.length;
  const wsum = ws.reduce((a, b) => a + b, 0) || 1;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  xs.forEach((x, n) => x.forEach((v, i) => (mean[i]! += (ws[n]! * v) / wsum)));
  xs.forEach((x, n) => x.forEach((v, i) => (std[i]! += (ws[n]! * (v - mean[i]!) ** 2) / wsum)));
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]!) || 1;
  const zs = xs.map((x) => x.map((v, i) => (v - mean[i]!) / std[i]!));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < 2000; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    zs.forEach((z, n) => {
      let t = b;
      for (let i = 0; i < d; i++) t += w[i]! * z[i]!;
      const e = ws[n]! * (1 / (1 + Math.exp(-t)) - ys[n]!);
      for (let i = 0; i < d; i++) gw[i]! += e * z[i]!;
      gb += e;
    });
    for (let i = 0; i < d; i++) w[i]! -= 0.5 * (gw[i]! / wsum + 1e-2 * w[i]!);
    b -= (0.5 * gb) / wsum;
  }
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  return {
    features: [...RELATION_FEATURES],
    mean: mean.map(r),
    std: std.map(r),
    weights: w.map(r),
    bias: r(b),
  };
}

const dataset = (p: PairEvidence) => p.fold.slice(0, p.fold.indexOf(':'));
const isNeg = (p: PairEvidence) => (dataset(p) === 'ECB+' ? ECB_NEG(p) : WCL_NEG(p));

function grid(model: Omit<RelationModel, 'threshold'>): RelationThresholds[] {
  const out: RelationThresholds[] = [];
  for (let k = 0; k <= 36; k++)
    for (const shared of [2, 3, 4, 5, 6, 7, 8, 9, 10, 99])
      for (const lexicalRoute of [true, false])
        out.push({
          sameStory: { ...model, threshold: Math.round((0.05 + k * 0.025) * 1000) / 1000 },
          sharedFacts: { facts: shared },
          lexicalRoute,
        });
  return out;
}

/**
 * The model fitted on the training folds, then its threshold, the shared-facts count and the
 * lexical route that maximise mean same-event recall (NewsWCL50, ECB+) on those folds, with
 * NewsWCL50 other events <= 0.05 and ECB+ look-alikes <= 0.1 taken as related (either tier);
 * when no choice meets both, the one that exceeds them least; ties go to fewer false relations,
 * then to the lower shared-facts count (the dev sets label no shared-facts pair: the tier gets
 * the lowest count that adds no false relation on the training folds).
 */
function choose(wcl: readonly PairEvidence[], ecb: readonly PairEvidence[]): RelationThresholds {
  const model = fitRelation([...wcl, ...ecb]);
  let best: RelationThresholds = grid(model)[0]!;
  let bestKey = [-Infinity, -Infinity];
  for (const t of grid(model)) {
    const a = rates(wcl, t, WCL_NEG);
    const b = rates(ecb, t, ECB_NEG);
    // Over a target counts against a choice before any recall does (0 when both are met).
    const ok = -(Math.max(0, a.falseAny - 0.05) + Math.max(0, b.falseAny - 0.1));
    const key = [ok, (a.recall + b.recall) / 2 - (a.falseAny + b.falseAny) / 100];
    if (key[0]! > bestKey[0]! || (key[0] === bestKey[0] && key[1]! > bestKey[1]!)) {
      best = t;
      bestKey = key;
    }
  }
  return best;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const fmtT = (t: RelationThresholds) =>
  `same-story model score>=${t.sameStory.threshold} (weights ${RELATION_FEATURES.map((f, i) => `${f} ${t.sameStory.weights[i]}`).join(', ')})${t.lexicalRoute ? ' or lexical' : ''}; shared-facts facts>=${t.sharedFacts.facts}`;

export interface EvidenceFiles {
  dump?: string;
  from?: string;
}

export async function evalRelation(
  dataDir: string,
  write = false,
  files: EvidenceFiles = {},
): Promise<EvalRow[]> {
  const src = await source();
  let wcl: PairEvidence[];
  let ecb: PairEvidence[];
  if (files.from) {
    ({ wcl, ecb } = JSON.parse(readFileSync(files.from, 'utf8')) as {
      wcl: PairEvidence[];
      ecb: PairEvidence[];
    });
  } else {
    wcl = await evidenceOf(loadNewsWcl(dataDir), 'NewsWCL50', (d) => `event ${d.event}`, 8, src);
    ecb = await evidenceOf(loadEcb(dataDir), 'ECB+', (d) => `topic ${d.group}`, 25, src);
  }
  if (files.dump) writeFileSync(files.dump, JSON.stringify({ wcl, ecb }));
  const rows: EvalRow[] = [];
  const folds = [...new Set([...wcl, ...ecb].map((p) => p.fold))];
  for (const fold of folds) {
    const t = choose(
      wcl.filter((p) => p.fold !== fold),
      ecb.filter((p) => p.fold !== fold),
    );
    const isWcl = fold.startsWith('NewsWCL50');
    const held = (isWcl ? wcl : ecb).filter((p) => p.fold === fold);
    const r = rates(held, t, isWcl ? WCL_NEG : ECB_NEG);
    rows.push({
      task: 'relation',
      dataset: fold,
      metric: 'held-out fold: same-event recall (same-story)',
      value: round(r.recall),
      target: isWcl ? '>= 0.9' : '>= 0.8',
      n: r.pos,
      split: 'test',
      note: `${isWcl ? 'other events' : 'look-alikes'} related (either tier) ${round(r.falseAny)} (as same-story ${round(r.falseSameStory)}), n=${r.neg}; thresholds from the other folds: ${fmtT(t)}`,
    });
  }
  const final = choose(wcl, ecb);
  for (const [name, ps, neg, target] of [
    ['NewsWCL50', wcl, WCL_NEG, ['>= 0.9', '<= 0.05']],
    ['ECB+', ecb, ECB_NEG, ['>= 0.8', '<= 0.1']],
  ] as const) {
    // Pooled held-out decisions: each pair decided with the thresholds of the fold that held it out.
    let hit = 0;
    let pos = 0;
    let fa = 0;
    let n = 0;
    for (const fold of folds.filter((f) => f.startsWith(name))) {
      const t = choose(
        wcl.filter((p) => p.fold !== fold),
        ecb.filter((p) => p.fold !== fold),
      );
      const r = rates(
        ps.filter((p) => p.fold === fold),
        t,
        neg,
      );
      hit += r.recall * r.pos;
      pos += r.pos;
      fa += r.falseAny * r.neg;
      n += r.neg;
    }
    rows.push({
      task: 'relation',
      dataset: name,
      metric: 'same-event recall, all held-out folds pooled',
      value: round(pos ? hit / pos : 0),
      target: target[0],
      n: pos,
      split: 'test',
    });
    rows.push({
      task: 'relation',
      dataset: name,
      metric: `${name === 'ECB+' ? 'look-alikes' : 'other events'} related (either tier), held-out folds pooled`,
      value: round(n ? fa / n : 0),
      target: target[1],
      n,
      split: 'test',
    });
  }
  if (write) {
    writeFileSync('lib/relation-thresholds.json', `${JSON.stringify(final, null, 2)}\n`);
  }
  const used = write ? final : RELATION_THRESHOLDS;
  rows.push({
    task: 'relation',
    dataset: 'all folds',
    metric: 'thresholds chosen on all folds (lib/relation-thresholds.json)',
    value: 0,
    n: folds.length,
    split: 'all',
    note: `${fmtT(final)}${write ? ' (written)' : `; in use: ${fmtT(used)}`}`,
  });

  // Re-reading stored evidence is for the search: the pages below are aligned afresh, so skipped.
  if (files.from) return rows;
  // Never tuned on: MEANTIME and real pages against the bundled corpus.
  const bundled = buildIndex(existsSync('reference') ? loadBundled() : []);
  let mtRelated = 0;
  const meantime = loadMeantime(dataDir);
  for (const d of meantime) {
    const r = await analyzePageSemantic({ title: d.title, text: d.text }, bundled, src);
    if (r.related) mtRelated++;
  }
  rows.push({
    task: 'relation',
    dataset: 'MEANTIME vs bundled',
    metric: 'pages related (either tier)',
    value: mtRelated,
    target: '0',
    n: meantime.length,
    split: 'all',
  });
  const pagesDir = join(dataDir, 'readability-pages');
  const names: string[] = [];
  let n = 0;
  for (const name of readdirSync(pagesDir).filter((f) => existsSync(join(pagesDir, f, 'source.html')))) {
    const { document } = parseHTML(readFileSync(join(pagesDir, name, 'source.html'), 'utf8'));
    const page = extractArticle(document as unknown as Document);
    if (!page) continue;
    n++;
    if ((await analyzePageSemantic(page, bundled, src)).related) names.push(name);
  }
  rows.push({
    task: 'relation',
    dataset: 'readability-pages vs bundled',
    metric: 'pages related (either tier)',
    value: names.length,
    target: '0',
    n,
    split: 'all',
    note: names.join(', ') || undefined,
  });
  return rows;
}

export type { CorpusIndex };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argAfter = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  evalRelation(process.argv[2] ?? '../shared/evaldata', process.argv.includes('--write'), {
    dump: argAfter('--dump'),
    from: argAfter('--from'),
  }).then(
    (rows) => {
      for (const r of rows)
        console.log(
          [r.split, r.dataset, r.metric, r.value, r.target ?? '', `n=${r.n}`, r.note ?? ''].join('\t'),
        );
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : String(e));
      process.exit(2);
    },
  );
}
