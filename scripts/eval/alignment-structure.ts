/**
 * The order route of the fused alignment (lib/passages.ts `extendInOrder`), fitted on the dev
 * evaldata by target-decoy estimation and leave-events-out cross-validation.
 *
 * The dev sets have no sentence-level gold, only which documents report the same event. Pairs
 * aligned between two documents of *different* events (NewsWCL50 other events, ECB+ look-alike
 * subtopics: decoys) are false by construction; pairs aligned between two reports of the *same*
 * event (targets) are a mix. The rate of aligned pairs per sentence in the decoys estimates how
 * many of the targets' pairs are false (the target-decoy estimate of the false discovery rate, as
 * in peptide identification). The route's floor and window are chosen where it adds the most
 * target pairs with an estimated false discovery rate no higher than that of the alignment it
 * extends (the fused score's own threshold and mutual-best routes, measured the same way): the
 * added pairs are at least as reliable as those already shown. Each NewsWCL50 event and ECB+ topic
 * is held out in turn (chosen on the others, scored on it); the choice on all folds is written
 * to lib/alignment-structure.json with --write.
 *   npx tsx scripts/eval/alignment-structure.ts ../shared/evaldata [--write]
 */
import { writeFileSync } from 'node:fs';
import { nodeEncoder } from '../../cli/model';
import { VectorCache } from '../../cli/vector-cache';
import { prepareText } from '../../lib/align';
import type { FusionText } from '../../lib/fusion';
import { MUTUAL_FLOOR, SAME_PASSAGE } from '../../lib/fusion';
import {
  extendInOrder,
  fusionTexts,
  mutualBest,
  scorePairs,
  selectPairs,
  type OrderRoute,
} from '../../lib/passages';
import { segment } from '../../lib/segment';
import { loadEcb, loadNewsWcl, sameText, type EvalDoc } from './related';

const FLOORS = Array.from({ length: 22 }, (_, k) => Math.round((0.2 + 0.01 * k) * 100) / 100);
const WINDOWS = [1, 2, 3, 4, 5];
const ROUTES: OrderRoute[] = WINDOWS.flatMap((window) => FLOORS.map((floor) => ({ floor, window })));

interface DocPair {
  /** The folds of its two documents: held out with either. */
  folds: [string, string];
  target: boolean;
  /** Sentences a one-to-one alignment could pair: the shorter document's count. */
  capacity: number;
  base: number;
  /** Pairs the order route adds, per route (order of ROUTES). */
  extra: number[];
  /** The same with the second document's sentences in reverse order (targets only): chance order. */
  reversed: number[];
}

async function textsOf(docs: EvalDoc[], cache: VectorCache): Promise<Map<string, FusionText[]>> {
  const enc = await nodeEncoder();
  const sents = docs.map((d) => segment(d.text).map((s) => s.text));
  const vectors = await cache.embed(enc, sents.flat());
  const out = new Map<string, FusionText[]>();
  let k = 0;
  docs.forEach((d, n) => {
    const ss = sents[n]!;
    out.set(
      d.id,
      fusionTexts(
        ss.map((s) => prepareText(s)),
        vectors.slice(k, (k += ss.length)),
      ),
    );
  });
  return out;
}

function docPairs(
  docs: EvalDoc[],
  texts: Map<string, FusionText[]>,
  foldOf: (d: EvalDoc) => string,
): DocPair[] {
  const out: DocPair[] = [];
  docs.forEach((a, n) => {
    for (const b of docs.slice(n + 1)) {
      if (sameText(a, b)) continue;
      const target = a.event === b.event;
      // Decoys: another event of the same group (ECB+ look-alikes; NewsWCL50 has one group).
      if (!target && a.group !== b.group) continue;
      const A = texts.get(a.id)!;
      const B = texts.get(b.id)!;
      const rows = scorePairs(A, B, Math.min(Math.min(SAME_PASSAGE, MUTUAL_FLOOR) - 0.15, FLOORS[0]!));
      const base = selectPairs(rows, A, B, { order: null });
      const best = mutualBest(rows);
      // The order decoy: the same two reports with one told backwards. Its base pairs are the
      // same (the scores ignore order); what the route adds there, it adds by chance.
      const m = B.length;
      const revRows = rows.map(
        (row) => new Map([...row].map(([j, s]) => [m - 1 - j, s] as [number, number])),
      );
      const revBase = base.map((p) => ({ ...p, ref: p.ref.map((j) => m - 1 - j).reverse() }));
      const revBest = mutualBest(revRows);
      out.push({
        folds: [foldOf(a), foldOf(b)],
        target,
        capacity: Math.min(A.length, B.length),
        base: base.length,
        extra: ROUTES.map((r) => extendInOrder(base, rows, best, r).length - base.length),
        reversed: target
          ? ROUTES.map((r) => extendInOrder(revBase, revRows, revBest, r).length - base.length)
          : ROUTES.map(() => 0),
      });
    }
  });
  return out;
}

interface Tally {
  targets: number;
  decoys: number;
  targetCap: number;
  decoyCap: number;
  base: [number, number];
  extra: Array<[number, number]>;
  /** Pairs the route adds to the targets told backwards. */
  reversed: number[];
}

function tally(ps: readonly DocPair[]): Tally {
  const t: Tally = {
    targets: 0,
    decoys: 0,
    targetCap: 0,
    decoyCap: 0,
    base: [0, 0],
    extra: ROUTES.map(() => [0, 0]),
    reversed: ROUTES.map(() => 0),
  };
  for (const p of ps) {
    const k = p.target ? 0 : 1;
    if (p.target) {
      t.targets++;
      t.targetCap += p.capacity;
    } else {
      t.decoys++;
      t.decoyCap += p.capacity;
    }
    t.base[k] += p.base;
    p.extra.forEach((x, r) => (t.extra[r]![k] += x));
    p.reversed.forEach((x, r) => (t.reversed[r]! += x));
  }
  return t;
}

/** Estimated false discovery rate of `counts` = [target pairs, decoy pairs]. */
function fdr(t: Tally, [tp, dp]: readonly [number, number]): number {
  if (!tp) return dp ? Infinity : 0;
  return t.decoyCap ? ((dp / t.decoyCap) * t.targetCap) / tp : 0;
}

/** Estimated share of the route's added target pairs that only chance order put there. */
function orderFdr(t: Tally, r: number): number {
  const e = t.extra[r]![0];
  return e ? t.reversed[r]! / e : 0;
}

/**
 * The route adding the most target pairs with both estimates of its false discovery rate (decoy
 * documents; the targets told backwards) no higher than the base alignment's.
 */
function choose(t: Tally): { route: OrderRoute | null; index: number } {
  const limit = fdr(t, t.base);
  let index = -1;
  ROUTES.forEach((_, r) => {
    const e = t.extra[r]!;
    if (!e[0] || fdr(t, e) > limit || orderFdr(t, r) > limit) return;
    const cur = index >= 0 ? t.extra[index]! : null;
    // Ties to fewer decoy pairs, then to the higher floor and the narrower window (the order of ROUTES).
    if (!cur || e[0] > cur[0] || (e[0] === cur[0] && e[1] < cur[1])) index = r;
  });
  return { route: index >= 0 ? ROUTES[index]! : null, index };
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'inf');

async function main() {
  const dir = process.argv[2] ?? '../shared/evaldata';
  const write = process.argv.includes('--write');
  const wcl = loadNewsWcl(dir);
  const ecb = loadEcb(dir);
  const cache = new VectorCache();
  const texts = await textsOf([...wcl, ...ecb], cache);
  const pairs = [
    ...docPairs(wcl, texts, (d) => `NewsWCL50 event ${d.event}`),
    ...docPairs(ecb, texts, (d) => `ECB+ topic ${d.group}`),
  ];
  const folds = [...new Set(pairs.flatMap((p) => p.folds))];
  const has = (p: DocPair, f: string) => p.folds.includes(f);
  console.log(
    '| held-out fold | chosen floor / window | target pairs: base + added | decoy pairs: base + added | est. FDR base / added (decoys) / added (backwards) |',
  );
  console.log('|---|---:|---:|---:|---:|');
  let heldRev = 0;
  let heldBase: [number, number] = [0, 0];
  let heldExtra: [number, number] = [0, 0];
  for (const f of folds) {
    const { route, index } = choose(tally(pairs.filter((p) => !has(p, f))));
    const held = pairs.filter((p) => has(p, f));
    const t = tally(held);
    const e: [number, number] = index >= 0 ? t.extra[index]! : [0, 0];
    heldBase = [heldBase[0] + t.base[0], heldBase[1] + t.base[1]];
    heldExtra = [heldExtra[0] + e[0], heldExtra[1] + e[1]];
    const rev = index >= 0 ? t.reversed[index]! : 0;
    heldRev += rev;
    console.log(
      `| ${f} (${t.targets} / ${t.decoys} doc pairs) | ${route ? `${route.floor} / ${route.window}` : 'off'} | ${t.base[0]} + ${e[0]} | ${t.base[1]} + ${e[1]} | ${pct(fdr(t, t.base))} / ${pct(fdr(t, e))} / ${pct(e[0] ? rev / e[0] : 0)} |`,
    );
  }
  const all = tally(pairs);
  const pooled = { ...all, base: heldBase };
  console.log(
    `| sum of held-out folds (a cross-fold pair counts in both) | | ${heldBase[0]} + ${heldExtra[0]} | ${heldBase[1]} + ${heldExtra[1]} | ${pct(fdr(pooled, heldBase))} / ${pct(fdr(pooled, heldExtra))} / ${pct(heldExtra[0] ? heldRev / heldExtra[0] : 0)} |`,
  );
  const { route, index } = choose(all);
  const e = index >= 0 ? all.extra[index]! : [0, 0];
  console.log(
    `\nall folds: ${route ? `floor ${route.floor}, window ${route.window}` : 'off'}; targets ${all.base[0]} + ${e[0]}, decoys ${all.base[1]} + ${e[1]}; est. FDR base ${pct(fdr(all, all.base))}, added ${pct(fdr(all, e as [number, number]))} (decoys), ${pct(index >= 0 ? orderFdr(all, index) : 0)} (backwards)`,
  );
  if (write) {
    const out = {
      order: route,
      fittedOn: `NewsWCL50 + ECB+ dev (${all.targets} same-event / ${all.decoys} other-event or look-alike document pairs): the most added same-event pairs with both target-decoy FDR estimates (other-event documents; the same reports told backwards) no higher than the base alignment's (scripts/eval/alignment-structure.ts)`,
    };
    writeFileSync('lib/alignment-structure.json', `${JSON.stringify(out, null, 2)}\n`);
    console.log('wrote lib/alignment-structure.json');
  }
}

await main();
