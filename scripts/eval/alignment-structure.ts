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
 * With --routes it also measures other ways to admit or drop pairs (FAMILIES), none of them used.
 *   npx tsx scripts/eval/alignment-structure.ts ../shared/evaldata [--write] [--routes]
 */
import { writeFileSync } from 'node:fs';
import { nodeEncoder } from '../../cli/model';
import { VectorCache } from '../../cli/vector-cache';
import { prepareText, type AlignedPair } from '../../lib/align';
import type { FusionText } from '../../lib/fusion';
import { MUTUAL_FLOOR, SAME_PASSAGE, samePassageScore } from '../../lib/fusion';
import {
  extendInOrder,
  fusionTexts,
  mergeTexts,
  mutualBest,
  scorePairs,
  selectPairs,
  type OrderRoute,
} from '../../lib/passages';
import { segment } from '../../lib/segment';
import { loadEcb, loadNewsWcl, sameText, type EvalDoc } from './related';

const FLOORS = Array.from({ length: 22 }, (_, k) => Math.round((0.2 + 0.01 * k) * 100) / 100);
const WINDOWS = [1, 2, 3, 4, 5];
const REACH = 8;
/** Window on the nearer side, reach on the farther (reach = window: a square window). */
const SHAPES = WINDOWS.flatMap((window) =>
  Array.from({ length: REACH - window + 1 }, (_, k) => ({ window, reach: window + k })),
);
const ROUTES: OrderRoute[] = SHAPES.flatMap((shape) => FLOORS.map((floor) => ({ floor, ...shape })));
const routeName = (r: OrderRoute | null) => (r ? `${r.floor} / ${r.window} / ${r.reach ?? r.window}` : 'off');

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
  /** With --routes: pairs each other family gains or loses, per parameter (order of FAMILIES). */
  routes: number[][];
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
  withRoutes: boolean,
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
        // Measured against the alignment as shipped (with the fitted order route).
        routes: withRoutes
          ? ((aligned) => FAMILIES.map((f) => f.counts(rows, aligned, A, B)))(selectPairs(rows, A, B))
          : [],
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
    // Ties to fewer decoy pairs, then to the earlier route in ROUTES (narrower window, then reach, then lower floor).
    if (!cur || e[0] > cur[0] || (e[0] === cur[0] && e[1] < cur[1])) index = r;
  });
  return { route: index >= 0 ? ROUTES[index]! : null, index };
}

/**
 * Other ways to admit pairs the fused score leaves out, or to drop pairs it takes (--routes),
 * measured as the order route is but with the decoy documents alone (none of them uses order).
 * None is used: each is reported so that a change can be weighed against it. Per family and
 * parameter, the pairs a document pair gains (admission) or loses (drop).
 */
interface Family {
  name: string;
  kind: 'admit' | 'drop';
  params: string[];
  counts(
    rows: Rows,
    aligned: readonly AlignedPair[],
    a: readonly FusionText[],
    b: readonly FusionText[],
  ): number[];
}
type Rows = ReadonlyArray<ReadonlyMap<number, number>>;

/** Each row's and each column's second-best score (0 when there is none). */
function secondBest(rows: Rows): { row: number[]; col: Map<number, number> } {
  const second = (xs: number[]) => xs.sort((x, y) => y - x)[1] ?? 0;
  const cols = new Map<number, number[]>();
  rows.forEach((r) => r.forEach((s, j) => (cols.get(j) ?? cols.set(j, []).get(j)!).push(s)));
  return {
    row: rows.map((r) => second([...r.values()])),
    col: new Map([...cols].map(([j, v]) => [j, second(v)])),
  };
}

/** Mutual-best pairs of two sentences both still free, with their lead over each side's second best. */
function freeMutual(rows: Rows, aligned: readonly AlignedPair[]) {
  const usedP = new Set(aligned.flatMap((p) => p.page));
  const usedR = new Set(aligned.flatMap((p) => p.ref));
  const sb = secondBest(rows);
  return [...mutualBest(rows)]
    .filter(([i, j]) => !usedP.has(i) && !usedR.has(j))
    .map(([i, j]) => {
      const s = rows[i]!.get(j)!;
      return { i, j, s, margin: s - Math.max(sb.row[i] ?? 0, sb.col.get(j) ?? 0) };
    });
}

const grid = <A, B>(as: readonly A[], bs: readonly B[]) => as.flatMap((a) => bs.map((b) => [a, b] as const));
const LOW = [0.2, 0.24, 0.28, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4];
const MARGINS = [0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2];
const PROBS = [0.3, 0.5, 0.7, 0.9];

const FAMILIES: Family[] = [
  {
    // A pair clearly better than each side's second best.
    name: 'margin: mutual best from floor F, lead over both second bests >= M',
    kind: 'admit',
    params: grid(LOW, MARGINS).map(([f, m]) => `F ${f}, M ${m}`),
    counts(rows, aligned) {
      const c = freeMutual(rows, aligned);
      return grid(LOW, MARGINS).map(([f, m]) => c.filter((x) => x.s >= f && x.margin >= m).length);
    },
  },
  {
    // Competitive scores: the product of the row's and the column's softmax (temperature 0.1).
    name: 'dual softmax (T 0.1): mutual best from floor F with probability >= P',
    kind: 'admit',
    params: grid(LOW, PROBS).map(([f, p]) => `F ${f}, P ${p}`),
    counts(rows, aligned) {
      const z = (s: number) => Math.exp(s / 0.1);
      const rowZ = rows.map((r) => [...r.values()].reduce((t, s) => t + z(s), 0));
      const colZ = new Map<number, number>();
      rows.forEach((r) => r.forEach((s, j) => colZ.set(j, (colZ.get(j) ?? 0) + z(s))));
      const c = freeMutual(rows, aligned).map((x) => ({
        ...x,
        p: (z(x.s) / rowZ[x.i]!) * (z(x.s) / colZ.get(x.j)!),
      }));
      return grid(LOW, PROBS).map(([f, p]) => c.filter((x) => x.s >= f && x.p >= p).length);
    },
  },
  {
    name: 'a shared number: mutual best from floor F sharing a specific number',
    kind: 'admit',
    params: LOW.map((f) => `F ${f}`),
    counts(rows, aligned, a, b) {
      const c = freeMutual(rows, aligned).filter((x) =>
        [...a[x.i]!.specifics.numbers].some((n) => b[x.j]!.specifics.numbers.has(n)),
      );
      return LOW.map((f) => c.filter((x) => x.s >= f).length);
    },
  },
  {
    // A sentence told in two (as a merge, but below the threshold): it is the best counterpart of
    // both parts, one of them is its best, and the merge beats its parts by the merge margin.
    name: 'split sentence: one sentence against two consecutive free ones, each other’s best, merged score >= F',
    kind: 'admit',
    params: LOW.map((f) => `F ${f}`),
    counts(rows, aligned, a, b) {
      const found: number[] = [];
      const side = (
        r: Rows,
        x: readonly FusionText[],
        y: readonly FusionText[],
        usedX: Set<number>,
        usedY: Set<number>,
      ) => {
        const cols = new Map<number, { i: number; s: number }>();
        r.forEach((row, i) =>
          row.forEach((s, j) => {
            const c = cols.get(j);
            if (!c || s > c.s) cols.set(j, { i, s });
          }),
        );
        r.forEach((row, i) => {
          if (usedX.has(i) || !row.size) return;
          const top = [...row].reduce((m, e) => (e[1] > m[1] ? e : m));
          for (const j of [top[0] - 1, top[0]]) {
            const s1 = row.get(j);
            const s2 = row.get(j + 1);
            if (s1 === undefined || s2 === undefined || usedY.has(j) || usedY.has(j + 1)) continue;
            if (cols.get(j)?.i !== i || cols.get(j + 1)?.i !== i) continue;
            const s = samePassageScore(x[i]!, mergeTexts(y[j]!, y[j + 1]!));
            if (s >= Math.max(s1, s2) + 0.05) found.push(s);
          }
        });
      };
      const usedP = new Set(aligned.flatMap((p) => p.page));
      const usedR = new Set(aligned.flatMap((p) => p.ref));
      const t: Array<Map<number, number>> = b.map(() => new Map());
      rows.forEach((row, i) => row.forEach((s, j) => t[j]!.set(i, s)));
      side(rows, a, b, usedP, usedR);
      side(t, b, a, usedR, usedP);
      return LOW.map((f) => found.filter((s) => s >= f).length);
    },
  },
  {
    // The mutual-best route (MUTUAL_FLOOR up to the threshold), dropped when its lead is small.
    name: `drop: a single pair taken only as mutual best (${MUTUAL_FLOOR}–${SAME_PASSAGE}) whose lead over either second best is < M`,
    kind: 'drop',
    params: [...MARGINS, 1].map((m) => `M ${m}`),
    counts(rows, aligned) {
      const sb = secondBest(rows);
      const lead = aligned
        .filter((p) => p.page.length === 1 && p.ref.length === 1)
        .map((p) => ({ s: p.similarity, i: p.page[0]!, j: p.ref[0]! }))
        .filter((p) => p.s >= MUTUAL_FLOOR && p.s < SAME_PASSAGE)
        .map((p) => p.s - Math.max(sb.row[p.i] ?? 0, sb.col.get(p.j) ?? 0));
      return [...MARGINS, 1].map((m) => lead.filter((x) => x < m).length);
    },
  },
];

/** Target and decoy pairs per parameter of family `f`, and the capacities. */
function familyTally(ps: readonly DocPair[], f: number) {
  const t = tally(ps);
  const n = FAMILIES[f]!.params.length;
  const counts = Array.from({ length: n }, () => [0, 0] as [number, number]);
  for (const p of ps) p.routes[f]!.forEach((x, r) => (counts[r]![p.target ? 0 : 1] += x));
  return { t, counts };
}

/**
 * Admit: the most target pairs with an estimated FDR no higher than the alignment's own. Drop:
 * the largest estimated gain (false pairs dropped less true ones), when there is one.
 */
function chooseFamily(ps: readonly DocPair[], f: number): number {
  const { t, counts } = familyTally(ps, f);
  const limit = fdr(t, t.base);
  let index = -1;
  let best = 0;
  counts.forEach((c, r) => {
    const falsePairs = Math.min(c[0], fdr(t, c) * c[0]);
    const gain = FAMILIES[f]!.kind === 'admit' ? (fdr(t, c) <= limit ? c[0] : 0) : 2 * falsePairs - c[0];
    if (gain > best) [best, index] = [gain, r];
  });
  return index;
}

function reportFamilies(pairs: readonly DocPair[], folds: readonly string[]) {
  FAMILIES.forEach((fam, f) => {
    console.log(`\n### ${fam.kind === 'admit' ? 'admit' : 'drop'} — ${fam.name}`);
    const { t, counts } = familyTally(pairs, f);
    console.log(
      `all folds (base est. FDR ${pct(fdr(t, t.base))}): ${fam.params.map((p, r) => `${p}: ${counts[r]![0]} / ${counts[r]![1]} (${pct(fdr(t, counts[r]!))})`).join('; ')}`,
    );
    const held: [number, number] = [0, 0];
    const chosen: string[] = [];
    for (const fold of folds) {
      const r = chooseFamily(
        pairs.filter((p) => !p.folds.includes(fold)),
        f,
      );
      const out = pairs.filter((p) => p.folds.includes(fold));
      const c: [number, number] = r >= 0 ? familyTally(out, f).counts[r]! : [0, 0];
      held[0] += c[0];
      held[1] += c[1];
      chosen.push(`${fold}: ${r >= 0 ? `${fam.params[r]} ${c[0]} / ${c[1]}` : 'off'}`);
    }
    const r = chooseFamily(pairs, f);
    console.log(
      `held out (target / decoy pairs ${fam.kind === 'admit' ? 'added' : 'dropped'}): ${chosen.join('; ')}; sum ${held[0]} / ${held[1]}`,
    );
    console.log(`on all folds: ${r >= 0 ? `${fam.params[r]} (${counts[r]![0]} / ${counts[r]![1]})` : 'off'}`);
  });
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'inf');

async function main() {
  const dir = process.argv[2] ?? '../shared/evaldata';
  const write = process.argv.includes('--write');
  const withRoutes = process.argv.includes('--routes');
  const wcl = loadNewsWcl(dir);
  const ecb = loadEcb(dir);
  const cache = new VectorCache();
  const texts = await textsOf([...wcl, ...ecb], cache);
  const pairs = [
    ...docPairs(wcl, texts, (d) => `NewsWCL50 event ${d.event}`, withRoutes),
    ...docPairs(ecb, texts, (d) => `ECB+ topic ${d.group}`, withRoutes),
  ];
  const folds = [...new Set(pairs.flatMap((p) => p.folds))];
  const has = (p: DocPair, f: string) => p.folds.includes(f);
  console.log(
    '| held-out fold | chosen floor / window / reach | target pairs: base + added | decoy pairs: base + added | est. FDR base / added (decoys) / added (backwards) |',
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
      `| ${f} (${t.targets} / ${t.decoys} doc pairs) | ${routeName(route)} | ${t.base[0]} + ${e[0]} | ${t.base[1]} + ${e[1]} | ${pct(fdr(t, t.base))} / ${pct(fdr(t, e))} / ${pct(e[0] ? rev / e[0] : 0)} |`,
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
    `\nall folds: floor / window / reach ${routeName(route)}; targets ${all.base[0]} + ${e[0]}, decoys ${all.base[1]} + ${e[1]}; est. FDR base ${pct(fdr(all, all.base))}, added ${pct(fdr(all, e as [number, number]))} (decoys), ${pct(index >= 0 ? orderFdr(all, index) : 0)} (backwards)`,
  );
  if (withRoutes) reportFamilies(pairs, folds);
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
