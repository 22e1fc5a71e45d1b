/**
 * `npm run train:claims -- --data ../shared/evaldata`: trains the discrepancy decision (a logistic
 * regression over lib/discrepancies/features.ts) on the TUNE halves only and writes
 * lib/discrepancies/model.json. Labelled candidates:
 * - FEVER minimal pairs (edited vs original): a candidate is positive when it names the edited
 *   values (feverHit), negative otherwise;
 * - MSRP paraphrases (label 1): every candidate is negative;
 * - MEANTIME with one injected change: positive when it names both values; the meaning-preserving
 *   rewrites: every candidate negative.
 * The threshold is the one that catches the most FEVER and MEANTIME edits while flagging at most
 * 3 % of MSRP paraphrases, chosen inside 5 folds (by item) of the tune half; every fold is printed,
 * and the test halves are never read.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareSentences } from '../lib/discrepancies';
import { FEATURE_NAMES, featuresOf } from '../lib/discrepancies/features';
import { probability } from '../lib/discrepancies/decision';
import { feverHit, loadFever, loadMsrp, meantimeClaimEdits, meantimeEdits } from './eval/facts';
import { inTuneHalf } from './eval/types';

interface Item {
  key: string;
  group: 'fever' | 'msrp' | 'meantime-edit' | 'meantime-rewrite' | 'meantime-claim';
  /** One row per candidate: features and label. */
  rows: Array<{ x: number[]; y: number; w?: number }>;
}

const MAX_FP = 0.03;
const BALANCE = process.env.BALANCE === '1';

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function candidates(page: string, ref: string, label: (d: { page: string; reference: string }) => number) {
  const c = compareSentences(page, ref, { candidates: true });
  const ctx = c.context;
  if (!ctx) return [];
  return c.diffs.map((d) => ({ x: featuresOf(d, ctx), y: label(d) }));
}

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
const shares = (a: string, b: string) => [...words(a)].some((w) => words(b).has(w));

function collect(dataDir: string): Item[] {
  const items: Item[] = [];
  for (const p of loadFever(dataDir)) {
    if (!inTuneHalf(p.key)) continue;
    const rows = candidates(p.edited, p.original, (d) =>
      feverHit(p, [{ kind: 'claim', page: d.page, reference: d.reference, confidence: 1 }]) ? 1 : 0,
    );
    items.push({ key: p.key, group: 'fever', rows });
  }
  for (const p of loadMsrp(dataDir)) {
    if (p.label !== 1 || !inTuneHalf(p.key)) continue;
    items.push({ key: p.key, group: 'msrp', rows: candidates(p.a, p.b, () => 0) });
  }
  for (const e of meantimeEdits(dataDir)) {
    if (!inTuneHalf(e.key)) continue;
    const v = e.values;
    if (v) {
      const rows = candidates(e.page, e.reference, (d) =>
        shares(d.page, v[0]) && shares(d.reference, v[1]) ? 1 : 0,
      );
      items.push({ key: e.key, group: 'meantime-edit', rows });
    } else
      items.push({ key: e.key, group: 'meantime-rewrite', rows: candidates(e.page, e.reference, () => 0) });
  }
  for (const e of meantimeClaimEdits(dataDir)) {
    if (!inTuneHalf(e.key)) continue;
    const v = e.values;
    if (v) {
      const rows = candidates(e.page, e.reference, (d) =>
        shares(d.page, v[0]) && shares(d.reference, v[1]) ? 1 : 0,
      );
      items.push({ key: e.key, group: 'meantime-claim', rows });
    } else
      items.push({ key: e.key, group: 'meantime-rewrite', rows: candidates(e.page, e.reference, () => 0) });
  }
  return items;
}

/** L2-regularised logistic regression by batch gradient descent, classes weighted to balance. */
function fit(rows: Array<{ x: number[]; y: number; w?: number }>, dim: number): number[] {
  const w = new Array<number>(dim).fill(0);
  const pos = rows.filter((r) => r.y === 1).length || 1;
  const neg = rows.length - pos || 1;
  const lr = 0.5;
  const l2 = 1e-3;
  for (let it = 0; it < 1500; it++) {
    const g = new Array<number>(dim).fill(0);
    let wsum = 0;
    for (const r of rows) {
      const cw = (r.w ?? 1) * (BALANCE ? (r.y === 1 ? rows.length / (2 * pos) : rows.length / (2 * neg)) : 1);
      const e = (probability(r.x, w) - r.y) * cw;
      for (let k = 0; k < dim; k++) g[k]! += e * (r.x[k] ?? 0);
      wsum += cw;
    }
    for (let k = 0; k < dim; k++) w[k]! -= lr * (g[k]! / wsum + (k === 0 ? 0 : l2 * w[k]!));
  }
  return w;
}

/** Per group: share of items with a positive candidate at or above t (edits), or any (negatives). */
function rates(items: Item[], w: number[], t: number) {
  const by = (g: Item['group']) => items.filter((i) => i.group === g);
  const caught = (i: Item) => i.rows.some((r) => r.y === 1 && probability(r.x, w) >= t);
  const flagged = (i: Item) => i.rows.some((r) => probability(r.x, w) >= t);
  const share = (xs: Item[], f: (i: Item) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 0);
  return {
    fever: share(by('fever'), caught),
    meantime: share(by('meantime-edit'), caught),
    claims: share(by('meantime-claim'), caught),
    msrpFp: share(by('msrp'), flagged),
    rewriteFp: share(by('meantime-rewrite'), flagged),
  };
}

function chooseThreshold(items: Item[], w: number[]): number {
  let best = 0.99;
  let bestScore = -1;
  for (let t = 0.3; t <= 0.99; t += 0.01) {
    const r = rates(items, w, t);
    if (r.msrpFp > MAX_FP) continue;
    const score = r.fever + r.meantime + r.claims;
    if (score > bestScore) {
      bestScore = score;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}

function fold(key: string): number {
  let h = 7;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) >>> 0;
  return h % 5;
}

/** Each source of labels weighs the same in the fit: 53 FEVER pairs are not outvoted by 600 edits. */
function weigh(items: Item[]): void {
  const groups = new Map<string, number>();
  for (const i of items) groups.set(i.group, (groups.get(i.group) ?? 0) + i.rows.length);
  for (const i of items) for (const r of i.rows) r.w = 1000 / (groups.get(i.group) ?? 1);
}

function main(): void {
  const dataDir = resolve(argValue('--data') ?? '../shared/evaldata');
  const items = collect(dataDir);
  if (process.env.GROUPW !== '0') weigh(items);
  const dim = FEATURE_NAMES.length;
  const fmt = (x: number) => x.toFixed(3);
  process.stdout.write(
    `tune items: ${items.length}, candidates: ${items.reduce((n, i) => n + i.rows.length, 0)}\n`,
  );
  process.stdout.write(
    '| fold | threshold | FEVER caught | MEANTIME caught | claim edits caught | MSRP false flags | rewrites flagged |\n',
  );
  process.stdout.write('|---|---:|---:|---:|---:|---:|---:|\n');
  for (let k = 0; k < 5; k++) {
    const train = items.filter((i) => fold(i.key) !== k);
    const held = items.filter((i) => fold(i.key) === k);
    const w = fit(
      train.flatMap((i) => i.rows),
      dim,
    );
    const t = chooseThreshold(train, w);
    const r = rates(held, w, t);
    process.stdout.write(
      `| ${k} | ${t} | ${fmt(r.fever)} | ${fmt(r.meantime)} | ${fmt(r.claims)} | ${fmt(r.msrpFp)} | ${fmt(r.rewriteFp)} |\n`,
    );
  }
  const all = items.flatMap((i) => i.rows);
  process.stdout.write(`positives ${all.filter((r) => r.y === 1).length} of ${all.length}\n`);
  const rule = new Array<number>(dim).fill(0);
  rule[0] = -36;
  rule[1] = 60;
  const rr = rates(items, rule, 0.5);
  process.stdout.write(
    `rule scores alone at 0.6: FEVER ${fmt(rr.fever)}, MEANTIME ${fmt(rr.meantime)}, claims ${fmt(rr.claims)}, MSRP FP ${fmt(rr.msrpFp)}, rewrites ${fmt(rr.rewriteFp)}\n`,
  );
  const w = fit(all, dim);
  const threshold = chooseThreshold(items, w);
  const r = rates(items, w, threshold);
  process.stdout.write(
    `all tune: threshold ${threshold}, FEVER ${fmt(r.fever)}, MEANTIME ${fmt(r.meantime)}, claims ${fmt(r.claims)}, MSRP FP ${fmt(r.msrpFp)}, rewrites ${fmt(r.rewriteFp)}\n`,
  );
  // Model selection on the tune half: the learned decision ships only if it catches more edits than
  // the rule scores alone at 0.6 within the same false-flag budget.
  const better = r.msrpFp <= MAX_FP && r.fever + r.meantime + r.claims > rr.fever + rr.meantime + rr.claims;
  process.stdout.write(`use: ${better ? 'model' : 'rules (the model does not beat them on tune)'}\n`);
  const out = {
    use: better ? 'model' : 'rules',
    features: FEATURE_NAMES,
    weights: w.map((x) => Math.round(x * 1e4) / 1e4),
    threshold,
    tune: { fever: r.fever, meantime: r.meantime, msrpFalseFlags: r.msrpFp, rules: rr },
  };
  writeFileSync(resolve('lib/discrepancies/model.json'), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write('wrote lib/discrepancies/model.json\n');
}

main();
