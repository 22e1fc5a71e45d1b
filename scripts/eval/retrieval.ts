/**
 * The retriever measured apart from the decision: for each document of NewsWCL50 (by event) and
 * ECB+ (by topic) as the page against an index of its dataset (itself left out), recall@k of its
 * same-event documents among the candidates, k = 1, 3, 5, 10: the lexical ranking alone
 * (lib/corpus-index.ts), and with the articles nearest by document vector added
 * (lib/document-vectors.ts, lib/candidates.ts neighboursFor). The floor and count of those
 * neighbours are chosen by leave-events-out cross-validation: each NewsWCL50 event and each ECB+
 * topic held out in turn, chosen on the others, the held-out fold scored; every fold reported.
 * With --write the choice on all folds goes to lib/retrieval-thresholds.json.
 *   npx tsx scripts/eval/retrieval.ts ../shared/evaldata [--write]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { nodeEncoder } from '../../cli/model';
import { VectorCache } from '../../cli/vector-cache';
import { DEFAULT_CANDIDATES, neighboursFor, rankCandidates } from '../../lib/candidates';
import { buildIndex, normalizeForIdentity } from '../../lib/corpus-index';
import { documentVector, NEIGHBOURS, type NeighbourThresholds } from '../../lib/document-vectors';
import { analyzeSentences, withMeaning } from '../../lib/page-analysis';
import { loadEcb, loadNewsWcl, sameText, type EvalDoc } from './related';
import type { EvalRow } from './types';

const KS = [1, 3, 5, 10] as const;

/** One document as the page: its rankings and its same-event documents. */
interface Ranked {
  fold: string;
  dataset: 'NewsWCL50' | 'ECB+';
  /** Lexical ranking, best first, itself left out. */
  lexical: string[];
  /** The neighbours by document vector the pipeline would consider at each k (floor 0, many). */
  near: Array<{ id: string; cos: number }>;
  same: Set<string>;
}

async function rankAll(
  docs: EvalDoc[],
  dataset: Ranked['dataset'],
  foldOf: (d: EvalDoc) => string,
  embed: (texts: readonly string[]) => Promise<Float32Array[]>,
): Promise<Ranked[]> {
  const index = buildIndex(docs.map((d) => ({ id: d.id, outlet: d.group, title: d.title, text: d.text })));
  const vectors = new Map<string, Float32Array[]>();
  for (const d of docs) {
    const sentences = index.get(d.id)!.sentences.map((s) => s.text);
    const vs = await embed(sentences);
    vectors.set(d.id, vs);
    index.setDocumentVector(d.id, documentVector(vs));
  }
  const byId = new Map(docs.map((d) => [d.id, d]));
  return docs.map((d) => {
    // The page's own copies (its id, and any doc with the same text) are set aside as itself.
    const own = (id: string) => id === d.id || sameText(byId.get(id)!, d);
    const analysis = withMeaning(analyzeSentences({ title: d.title, text: d.text }), vectors.get(d.id)!);
    const lexical = rankCandidates(index, analysis, index.size)
      .map((c) => c.articleId)
      .filter((id) => !own(id));
    // A copy with the same text is the page's own copy to the pipeline (never a neighbour).
    const near = index
      .nearest(analysis.meaning!.document, index.size)
      .filter((c) => !own(c.articleId))
      .map((c) => ({ id: c.articleId, cos: c.score }));
    const same = new Set(docs.filter((o) => !own(o.id) && o.event === d.event).map((o) => o.id));
    const r: Ranked = { fold: `${dataset}:${foldOf(d)}`, dataset, lexical, near, same };
    // The grid below replays the pipeline's neighboursFor on these rankings (calling it per grid
    // point would search the vectors thousands of times): check that both give the same set.
    const t = { floor: 0.6, limit: 3 };
    const ranking = rankCandidates(index, analysis, index.size).filter((c) => !own(c.articleId));
    const viaPipeline = new Set([
      ...lexical.slice(0, DEFAULT_CANDIDATES),
      ...neighboursFor(analysis, index, ranking, DEFAULT_CANDIDATES, t).map((n) => n.articleId),
    ]);
    const replayed = candidatesAt(r, DEFAULT_CANDIDATES, t);
    if (viaPipeline.size !== replayed.size || [...replayed].some((id) => !viaPipeline.has(id)))
      throw new Error(
        `retrieval eval: the replay differs from neighboursFor on ${d.id}: ${[...viaPipeline]} vs ${[...replayed]} own ${normalizeForIdentity(d.text).slice(0, 40)}`,
      );
    return r;
  });
}

/** The candidates at k: the lexical top k, and the neighbours the thresholds add to it. */
function candidatesAt(r: Ranked, k: number, t: NeighbourThresholds | null): Set<string> {
  const out = new Set(r.lexical.slice(0, k));
  if (!t) return out;
  let added = 0;
  for (const n of r.near) {
    if (n.cos < t.floor || added >= t.limit) break;
    if (out.has(n.id)) continue;
    out.add(n.id);
    added++;
  }
  return out;
}

interface Recall {
  /** Mean over documents with at least one same-event document. */
  recall: number;
  /** The lexical ranking alone with as many candidates per page (the fair comparison). */
  sameSize: number;
  docs: number;
  /** Mean candidates per document. */
  size: number;
}

const share = (c: ReadonlySet<string>, same: ReadonlySet<string>): number => {
  let hit = 0;
  for (const id of same) if (c.has(id)) hit++;
  return hit / same.size;
};

function recallAt(rs: readonly Ranked[], k: number, t: NeighbourThresholds | null): Recall {
  let sum = 0;
  let sameSize = 0;
  let docs = 0;
  let size = 0;
  for (const r of rs) {
    if (!r.same.size) continue;
    const c = candidatesAt(r, k, t);
    sum += share(c, r.same);
    sameSize += share(candidatesAt(r, c.size, null), r.same);
    size += c.size;
    docs++;
  }
  const mean = (x: number) => (docs ? x / docs : 0);
  return { recall: mean(sum), sameSize: mean(sameSize), docs, size: mean(size) };
}

/** Neighbours added beyond the lexical top k: same-event ones (gain) and the others (cost). */
function added(rs: readonly Ranked[], k: number, t: NeighbourThresholds): { gain: number; cost: number } {
  let gain = 0;
  let cost = 0;
  for (const r of rs) {
    const lexical = new Set(r.lexical.slice(0, k));
    for (const id of candidatesAt(r, k, t)) {
      if (lexical.has(id)) continue;
      if (r.same.has(id)) gain++;
      else cost++;
    }
  }
  return { gain, cost };
}

function grid(): NeighbourThresholds[] {
  const out: NeighbourThresholds[] = [];
  for (const limit of [1, 2, 3, 5])
    for (let f = 0.5; f <= 0.951; f += 0.025) out.push({ floor: Math.round(f * 1000) / 1000, limit });
  return out;
}

/**
 * The floor and count that add the most same-event documents net of other documents beyond the
 * pipeline's lexical candidates (k = DEFAULT_CANDIDATES) on the training folds: a neighbour is
 * worth adding when it is more often the same event than not. Ties go to fewer, then to a
 * higher floor; when nothing gains, neighbours are off.
 */
function choose(rs: readonly Ranked[]): NeighbourThresholds {
  let best: NeighbourThresholds = { floor: 1, limit: 0 };
  let bestNet = 0;
  for (const t of grid()) {
    const { gain, cost } = added(rs, DEFAULT_CANDIDATES, t);
    const net = gain - cost;
    if (net > bestNet || (net === bestNet && net > 0 && t.limit < best.limit)) {
      best = t;
      bestNet = net;
    }
  }
  return best;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const fmtT = (t: NeighbourThresholds) => (t.limit ? `up to ${t.limit} at cosine >= ${t.floor}` : 'none');

export async function evalRetrieval(dataDir: string, write = false): Promise<EvalRow[]> {
  const encoder = await nodeEncoder();
  const cache = new VectorCache();
  const embed = (texts: readonly string[]) => cache.embed(encoder, texts);
  const all = [
    ...(await rankAll(loadNewsWcl(dataDir), 'NewsWCL50', (d) => `event ${d.event}`, embed)),
    ...(await rankAll(loadEcb(dataDir), 'ECB+', (d) => `topic ${d.group}`, embed)),
  ];
  const rows: EvalRow[] = [];
  const folds = [...new Set(all.map((r) => r.fold))];
  const chosen = new Map<string, NeighbourThresholds>();
  for (const fold of folds) {
    const t = choose(all.filter((r) => r.fold !== fold));
    chosen.set(fold, t);
    const held = all.filter((r) => r.fold === fold);
    const { gain, cost } = added(held, DEFAULT_CANDIDATES, t);
    for (const k of KS) {
      const lex = recallAt(held, k, null);
      const both = recallAt(held, k, t);
      rows.push({
        task: 'retrieval',
        dataset: fold,
        metric: `held-out fold: same-event recall@${k}, lexical + document vector (lexical alone)`,
        value: round(both.recall),
        n: both.docs,
        split: 'test',
        note: `lexical alone ${round(lex.recall)}; lexical alone with as many candidates ${round(both.sameSize)}; candidates per page ${round(both.size)} (${round(lex.size)}); neighbours from the other folds: ${fmtT(t)}${k === KS[0] ? `; at k=${DEFAULT_CANDIDATES} they add ${gain} same-event, ${cost} other` : ''}`,
      });
    }
  }
  for (const dataset of ['NewsWCL50', 'ECB+'] as const) {
    const rs = all.filter((r) => r.dataset === dataset);
    for (const k of KS) {
      // Pooled held-out: each page's candidates with the thresholds of the fold that held it out.
      let sum = 0;
      let lexSum = 0;
      let sameSize = 0;
      let size = 0;
      let docs = 0;
      for (const r of rs) {
        if (!r.same.size) continue;
        const c = candidatesAt(r, k, chosen.get(r.fold)!);
        sum += share(c, r.same);
        lexSum += share(candidatesAt(r, k, null), r.same);
        sameSize += share(candidatesAt(r, c.size, null), r.same);
        size += c.size;
        docs++;
      }
      const mean = (x: number) => round(docs ? x / docs : 0);
      rows.push({
        task: 'retrieval',
        dataset,
        metric: `same-event recall@${k}, all held-out folds pooled, lexical + document vector`,
        value: mean(sum),
        n: docs,
        split: 'test',
        note: `lexical alone ${mean(lexSum)}; lexical alone with as many candidates ${mean(sameSize)}; candidates per page ${mean(size)}`,
      });
    }
  }
  const final = choose(all);
  rows.push({
    task: 'retrieval',
    dataset: 'all folds',
    metric: 'document-vector neighbours chosen on all folds (lib/retrieval-thresholds.json)',
    value: final.floor,
    n: folds.length,
    split: 'all',
    note: `${fmtT(final)}; in use: ${fmtT(NEIGHBOURS)}`,
  });
  if (write) writeFileSync('lib/retrieval-thresholds.json', `${JSON.stringify(final, null, 2)}\n`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '../shared/evaldata';
  evalRetrieval(dir, process.argv.includes('--write')).then(
    (rows) => {
      for (const r of rows)
        process.stdout.write(`${r.dataset}\t${r.metric}\t${r.value}\tn=${r.n}\t${r.note ?? ''}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
