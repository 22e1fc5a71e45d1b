/**
 * `npm run train:claims -- --data ../shared/evaldata`: trains the discrepancy decisions (logistic
 * regressions over lib/discrepancies/features.ts, with and without the encoder cosines) on the
 * TUNE halves only and writes lib/discrepancies/model.json. Labelled candidates:
 * - FEVER minimal pairs (edited vs original): a candidate is positive when it names the edited
 *   values (feverHit), negative otherwise;
 * - MSRP paraphrases (label 1): every candidate is negative;
 * - Falke: every candidate of a correct summary sentence is negative; an incorrect one counts as
 *   caught when any candidate is flagged (its candidates are positives in the fit);
 * - MEANTIME with one injected change: positive when it names both values; the meaning-preserving
 *   rewrites: every candidate negative.
 * The threshold is the one that catches the most FEVER, MEANTIME and Falke items while flagging at
 * most 3 % of MSRP paraphrases, chosen inside 5 folds (by item) of the tune half; every fold is
 * printed, and the test halves are never read. A model ships ("use": "model") only when it beats
 * the rule scores at 0.6 on the tune half.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareSentences } from '../lib/discrepancies';
import { FEATURE_NAMES, SEMANTIC_FEATURE_NAMES } from '../lib/discrepancies/features';
import { probability, RULE_THRESHOLD } from '../lib/discrepancies/decision';
import { feverHit, loadFalke, loadFever, loadMsrp, meantimeClaimEdits, meantimeEdits } from './eval/facts';
import { inTuneHalf } from './eval/types';
import { embedAll, similarityFrom } from './eval/claim-vectors';

type Group =
  'fever' | 'msrp' | 'meantime-edit' | 'meantime-rewrite' | 'meantime-claim' | 'falke-bad' | 'falke-ok';

interface Row {
  x: number[];
  y: number;
  w?: number;
  /** The rule score, for the baseline. */
  prior: number;
  /** A lexical claim (a replaced word block, no typed fact or claim check): the weak signal. */
  open: boolean;
}

interface Item {
  key: string;
  group: Group;
  rows: Row[];
}

interface Pair {
  key: string;
  group: Group;
  page: string;
  reference: string;
  label: (d: { page: string; reference: string }) => number;
}

const MAX_FP = 0.03;

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
const shares = (a: string, b: string) => [...words(a)].some((w) => words(b).has(w));

function tunePairs(dataDir: string): Pair[] {
  const out: Pair[] = [];
  for (const p of loadFever(dataDir)) {
    if (!inTuneHalf(p.key)) continue;
    out.push({
      key: p.key,
      group: 'fever',
      page: p.edited,
      reference: p.original,
      label: (d) =>
        feverHit(p, [{ kind: 'claim', page: d.page, reference: d.reference, confidence: 1 }]) ? 1 : 0,
    });
  }
  for (const p of loadMsrp(dataDir))
    if (p.label === 1 && inTuneHalf(p.key))
      out.push({ key: p.key, group: 'msrp', page: p.a, reference: p.b, label: () => 0 });
  for (const t of loadFalke(dataDir)) {
    if (!inTuneHalf(t.key)) continue;
    out.push({ key: t.key, group: 'falke-bad', page: t.incorrect, reference: t.article, label: () => 1 });
    out.push({ key: t.key, group: 'falke-ok', page: t.correct, reference: t.article, label: () => 0 });
  }
  const edits = (
    e: { key: string; page: string; reference: string; values?: [string, string] },
    g: Group,
  ) => {
    const v = e.values;
    out.push(
      v
        ? {
            key: e.key,
            group: g,
            page: e.page,
            reference: e.reference,
            label: (d) => (shares(d.page, v[0]) && shares(d.reference, v[1]) ? 1 : 0),
          }
        : { key: e.key, group: 'meantime-rewrite', page: e.page, reference: e.reference, label: () => 0 },
    );
  };
  for (const e of meantimeEdits(dataDir)) if (inTuneHalf(e.key)) edits(e, 'meantime-edit');
  for (const e of meantimeClaimEdits(dataDir)) if (inTuneHalf(e.key)) edits(e, 'meantime-claim');
  return out;
}

/** Every text whose vector the decision may ask for: the sentences and the candidates' phrases. */
function textsToEmbed(pairs: Pair[]): string[] {
  const texts = new Set<string>();
  for (const p of pairs) {
    const c = compareSentences(p.page, p.reference, { candidates: true });
    if (!c.diffs.length) continue;
    texts.add(p.page);
    texts.add(p.reference);
    for (const d of c.diffs) {
      texts.add(d.page);
      texts.add(d.reference);
    }
  }
  return [...texts];
}

function collect(
  pairs: Pair[],
  sim: (a: string, b: string) => number | undefined,
  semantic: boolean,
): Item[] {
  return pairs.map((p) => {
    const c = compareSentences(p.page, p.reference, { candidates: true, similarity: sim });
    const rows: Row[] = [];
    c.diffs.forEach((d, i) => {
      const f = c.features?.[i];
      const x = semantic ? f?.semantic : f?.lexical;
      if (x) rows.push({ x, y: p.label(d), prior: d.confidence, open: d.kind === 'claim' && !d.check });
    });
    return { key: p.key, group: p.group, rows };
  });
}

/** Features standardised for the fit; the weights are mapped back to raw features afterwards. */
function fit(rows: Row[], dim: number): number[] {
  const mean = new Array<number>(dim).fill(0);
  const sd = new Array<number>(dim).fill(0);
  const n = rows.length || 1;
  for (const r of rows) for (let k = 1; k < dim; k++) mean[k]! += (r.x[k] ?? 0) / n;
  for (const r of rows) for (let k = 1; k < dim; k++) sd[k]! += ((r.x[k] ?? 0) - mean[k]!) ** 2 / n;
  // A feature constant over the rows (kind:claim among claim rows) has a standard deviation of
  // float noise, not 0: dividing by it gave weights of ~1e13 that cancel the bias. Treat it as
  // constant (centred, unscaled), so its weight stays at 0.
  for (let k = 1; k < dim; k++) {
    const s = Math.sqrt(sd[k]!);
    sd[k] = s > 1e-9 ? s : 1;
  }
  const z = rows.map((r) => r.x.map((v, k) => (k === 0 ? 1 : (v - mean[k]!) / sd[k]!)));
  const w = new Array<number>(dim).fill(0);
  const lr = 0.5;
  const l2 = 3e-3;
  let wsum = 0;
  for (const r of rows) wsum += r.w ?? 1;
  for (let it = 0; it < 1500; it++) {
    const g = new Array<number>(dim).fill(0);
    rows.forEach((r, i) => {
      const e = (probability(z[i]!, w) - r.y) * (r.w ?? 1);
      const zi = z[i]!;
      for (let k = 0; k < dim; k++) g[k]! += e * (zi[k] ?? 0);
    });
    for (let k = 0; k < dim; k++) w[k]! -= lr * (g[k]! / wsum + (k === 0 ? 0 : l2 * w[k]!));
  }
  // Back to raw features: w·z = w0 + Σ wk (xk - mk)/sk.
  const raw = w.map((v, k) => (k === 0 ? v : v / sd[k]!));
  raw[0] = w[0]! - w.reduce((acc, v, k) => (k === 0 ? acc : acc + (v * mean[k]!) / sd[k]!), 0);
  return raw;
}

/** Whether a candidate is flagged at threshold t. */
type Flag = (r: Row, t: number) => boolean;

/** Per group: share of items with a positive candidate flagged (edits), or any (negatives). */
function rates(items: Item[], flag: Flag, t: number) {
  const by = (g: Group) => items.filter((i) => i.group === g);
  const caught = (i: Item) => i.rows.some((r) => r.y === 1 && flag(r, t));
  const flagged = (i: Item) => i.rows.some((r) => flag(r, t));
  const share = (xs: Item[], f: (i: Item) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 0);
  return {
    fever: share(by('fever'), caught),
    meantime: share(by('meantime-edit'), caught),
    claims: share(by('meantime-claim'), caught),
    falke: (share(by('falke-bad'), flagged) + 1 - share(by('falke-ok'), flagged)) / 2,
    msrpFp: share(by('msrp'), flagged),
    rewriteFp: share(by('meantime-rewrite'), flagged),
  };
}

type Rates = ReturnType<typeof rates>;
const objective = (r: Rates) => r.fever + r.meantime + r.claims + r.falke - 0.5;

function chooseThreshold(items: Item[], flag: Flag): number {
  let best = 0.99;
  let bestScore = -Infinity;
  for (let t = 0.3; t <= 0.99; t += 0.01) {
    const r = rates(items, flag, t);
    if (r.msrpFp > MAX_FP || r.rewriteFp > MAX_FP) continue;
    if (objective(r) > bestScore) {
      bestScore = objective(r);
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
  // Falke's incorrect sentences say which sentence is wrong, not which candidate: they are
  // measured (rates), not fitted on.
  const fitted = (g: Group) => (g === 'falke-bad' && process.env.FALKE_FIT !== '1' ? 0 : 1);
  for (const i of items) for (const r of i.rows) r.w = (fitted(i.group) * 1000) / (groups.get(i.group) ?? 1);
}

const fmt = (x: number) => x.toFixed(3);
const line = (r: Rates) =>
  `FEVER ${fmt(r.fever)}, MEANTIME ${fmt(r.meantime)}, claims ${fmt(r.claims)}, Falke BA ${fmt(r.falke)}, MSRP FP ${fmt(r.msrpFp)}, rewrites ${fmt(r.rewriteFp)}`;

/**
 * The model decides the candidates it is fitted on: every candidate (scope "all"), or only the
 * lexical claims (scope "open": a replaced word block, whose rule score is a fixed function of
 * coverage), the others keeping their rule score at 0.6.
 */
type Scope = 'all' | 'open';

function train(name: string, items: Item[], names: string[], scope: Scope) {
  weigh(items);
  const dim = names.length;
  const out = (s: string) => process.stdout.write(s);
  const inScope = (r: Row) => scope === 'all' || r.open;
  out(
    `\n## ${name} (${scope}): ${items.length} tune items, ${items.reduce((n, i) => n + i.rows.length, 0)} candidates\n`,
  );
  out(
    '| fold | threshold | FEVER | MEANTIME | claim edits | Falke BA | MSRP FP | rewrites FP | rules: FEVER | MEANTIME | claims | Falke | MSRP FP |\n',
  );
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n');
  const rule: Flag = (r) => r.prior >= RULE_THRESHOLD;
  const modelFlag =
    (w: number[]): Flag =>
    (r, t) =>
      inScope(r) ? probability(r.x, w) >= t : r.prior >= RULE_THRESHOLD;
  const fitOn = (xs: Item[]) => fit(xs.flatMap((i) => i.rows).filter(inScope), dim);
  // Held-out folds decide: the model's objective summed over the folds it was not fitted on,
  // against the rule scores' on the same folds, within the false-flag budget on average.
  let cvModel = 0;
  let cvRules = 0;
  let cvFp = 0;
  let cvRulesFp = 0;
  for (let k = 0; k < 5; k++) {
    const trainSet = items.filter((i) => fold(i.key) !== k);
    const held = items.filter((i) => fold(i.key) === k);
    const flag = modelFlag(fitOn(trainSet));
    const t = chooseThreshold(trainSet, flag);
    const r = rates(held, flag, t);
    const rr = rates(held, rule, RULE_THRESHOLD);
    cvModel += objective(r);
    cvRules += objective(rr);
    cvFp += r.msrpFp / 5;
    cvRulesFp += rr.msrpFp / 5;
    out(
      `| ${k} | ${t} | ${fmt(r.fever)} | ${fmt(r.meantime)} | ${fmt(r.claims)} | ${fmt(r.falke)} | ${fmt(r.msrpFp)} | ${fmt(r.rewriteFp)} | ${fmt(rr.fever)} | ${fmt(rr.meantime)} | ${fmt(rr.claims)} | ${fmt(rr.falke)} | ${fmt(rr.msrpFp)} |\n`,
    );
  }
  const rr = rates(items, rule, RULE_THRESHOLD);
  out(`rule scores at ${RULE_THRESHOLD}: ${line(rr)}\n`);
  const w = fitOn(items);
  const flag = modelFlag(w);
  const threshold = chooseThreshold(items, flag);
  const r = rates(items, flag, threshold);
  out(`model at ${threshold}: ${line(r)}\n`);
  if (process.env.DEBUG_LOST === '1')
    for (const i of items) {
      const caught = (f: Flag, t: number) => i.rows.some((x) => x.y === 1 && f(x, t));
      if (caught(rule, RULE_THRESHOLD) !== caught(flag, threshold))
        out(
          `${caught(flag, threshold) ? 'won' : 'lost'} ${i.group} ${i.key}: ${i.rows.map((x) => `y${x.y} prior ${x.prior.toFixed(2)} p ${probability(x.x, w).toFixed(2)}`).join(' ; ')}\n`,
        );
    }
  // Model selection on the tune half, by the held-out folds: the model ships only if it catches
  // more there than the rule scores while flagging no more paraphrases than they do. (Within the
  // 3 % budget alone, a model spending 0.5 % more MSRP false flags for one FEVER pair won on tune
  // and lost on the test halves: ADR 011.)
  const better = cvModel > cvRules && cvFp <= Math.min(MAX_FP, cvRulesFp);
  out(
    `held-out folds: model objective ${fmt(cvModel)} (MSRP FP ${fmt(cvFp)}), rules ${fmt(cvRules)} (MSRP FP ${fmt(cvRulesFp)})\nuse: ${better ? 'model' : 'rules (the model does not beat them on the held-out folds)'}\n`,
  );
  return {
    use: better ? 'model' : 'rules',
    scope,
    features: names,
    weights: w.map((x) => Math.round(x * 1e4) / 1e4),
    threshold,
    tune: {
      model: r,
      rules: rr,
      heldOutFolds: { model: cvModel, rules: cvRules, msrpFalseFlags: cvFp, rulesMsrpFalseFlags: cvRulesFp },
    },
  };
}

async function main(): Promise<void> {
  const dataDir = resolve(argValue('--data') ?? '../shared/evaldata');
  const pairs = tunePairs(dataDir);
  const vectors = await embedAll(textsToEmbed(pairs));
  const sim = similarityFrom(vectors);
  const scope: Scope = process.env.SCOPE === 'all' ? 'all' : 'open';
  const lexical = train('lexical', collect(pairs, sim, false), FEATURE_NAMES, scope);
  const semantic = train('semantic', collect(pairs, sim, true), SEMANTIC_FEATURE_NAMES, scope);
  writeFileSync(
    resolve('lib/discrepancies/model.json'),
    `${JSON.stringify({ lexical, semantic }, null, 2)}\n`,
  );
  process.stdout.write('wrote lib/discrepancies/model.json\n');
}

if (process.argv[1]?.endsWith('train-claims.ts')) void main();
