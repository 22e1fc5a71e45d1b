/**
 * Discrepancy flagging measured on third-party dev data (never copied into the repo):
 * - FEVER-Symmetric minimal pairs: every pair changes one fact; recall with the right two values.
 * - MSRP label-1 paraphrases: false-flag rate (a paraphrase must not be flagged).
 * - Falke et al. correctness triples: ranking and flagging of the incorrect summary sentence.
 * Each metric is given for the "tune" half and the "test" half (inTuneHalf), then again with the
 * encoder's similarity passed to the engine ("+encoder": the semantic decision of model.json) when
 * that decision is in force, or when ENCODER=1 (NO_ENCODER=1 skips it).
 *
 *   npx tsx scripts/eval/facts.ts ../shared/evaldata
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  findDiscrepancies as findPlain,
  MIN_CONFIDENCE,
  nameType,
  type FindOptions,
} from '../../lib/discrepancies';
import { embedAll, similarityFrom } from './claim-vectors';
import { decisionFor } from '../../lib/discrepancies/decision';
import { ALIGN_THRESHOLD, similarity } from '../../lib/align';
import { extractFacts } from '../../lib/facts';
import type { FactDiff } from '../../lib/types';
import { inTuneHalf, type EvalRow } from './types';

const TASK = 'discrepancies';

/**
 * The encoder's similarity for the second pass (rows marked "+encoder"): the learned semantic
 * decision sees the cosines of the sentences and of the candidates' phrases.
 */
let SIM: FindOptions['similarity'];
const findDiscrepancies = (a: string, b: string, opts: FindOptions = {}) =>
  findPlain(a, b, SIM ? { ...opts, similarity: SIM } : opts);
const tag = (dataset: string) => (SIM ? `${dataset}+encoder` : dataset);
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
      dataset: tag('fever-symmetric'),
      metric: 'recall, right values',
      value: right / n,
      target: '>= 0.85',
      n: mine.length,
      split,
    });
    rows.push({
      task: TASK,
      dataset: tag('fever-symmetric'),
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
      dataset: tag('msrp'),
      metric: 'false flags on paraphrases',
      value: flagged(para) / (para.length || 1),
      target: '<= 0.03',
      n: para.length,
      split,
    });
    rows.push({
      task: TASK,
      dataset: tag('msrp'),
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
      dataset: tag('falke'),
      metric: 'pair accuracy (ties 0.5)',
      value: rank / n,
      n: mine.length,
      split,
    });
    rows.push({
      task: TASK,
      dataset: tag('falke'),
      metric: 'balanced accuracy of flagging',
      value: (tp / n + tn / n) / 2,
      target: '>= 0.70',
      n: mine.length * 2,
      split,
      note: `incorrect flagged ${tp}/${mine.length}, correct left alone ${tn}/${mine.length}`,
    });
  }
  return rows;
}

interface Edit {
  key: string;
  page: string;
  reference: string;
  /** The changed values, or undefined for a meaning-preserving rewrite. */
  values?: [string, string];
}

const REWRITES: Array<[RegExp, string]> = [
  [/\bsaid\b/, 'stated'],
  [/ percent\b/, '%'],
  [/\bJanuary\b/, 'Jan.'],
  [/\bthe United States\b/, 'the U.S.'],
  [/\bmore than\b/, 'over'],
  [/\babout\b/, 'around'],
];

/**
 * MEANTIME news sentences with one injected change: a number scaled, a year moved, a name swapped
 * (all must be flagged with both values), or a meaning-preserving rewrite (must not be flagged).
 */
export function meantimeEdits(dataDir: string): Edit[] {
  const text = readFileSync(join(dataDir, 'meantime-wikinews', 'meantime_en_docs.jsonl'), 'utf8');
  const docs = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { doc_id: string; text: string });
  // Names are swapped for another name of the same kind (a person for a person, an airline for
  // an organisation): what an outlet might get wrong, unlike a person for a country.
  const names = new Map<string, string[]>();
  for (const d of docs)
    for (const line of d.text.split('\n').slice(2))
      for (const f of extractFacts(line))
        if (f.kind === 'name' && f.norm.includes(' ') && !f.text.includes('.')) {
          const t = nameType(f.norm);
          names.set(t, [...(names.get(t) ?? []), f.text]);
        }
  const out: Edit[] = [];
  let n = 0;
  for (const d of docs) {
    d.text
      .split('\n')
      .slice(2)
      .forEach((line, li) => {
        const key = `meantime:${d.doc_id}:${li}`;
        const facts = extractFacts(line);
        const num = facts.find((f) => f.kind === 'number' && !f.ordinal && !f.vague && /^\d/.test(f.text));
        if (num) {
          const m = /\d[\d,]*(?:\.\d+)?/.exec(num.text)!;
          const v = Number(m[0].replace(/,/g, ''));
          const nv = String(Math.round(v * 1.5 + 2));
          const at = num.start + m.index;
          out.push({
            key: `${key}:n`,
            page: line.slice(0, at) + nv + line.slice(at + m[0].length),
            reference: line,
            values: [nv, m[0]],
          });
        }
        const year = facts
          .map((f) =>
            f.kind === 'date' && f.date.year !== undefined
              ? { start: f.start, year: f.date.year }
              : undefined,
          )
          .find((f) => f !== undefined);
        if (year) {
          const y = String(year.year);
          const at = line.indexOf(y, year.start);
          const ny = String(year.year + 3);
          out.push({
            key: `${key}:y`,
            page: line.slice(0, at) + ny + line.slice(at + 4),
            reference: line,
            values: [ny, y],
          });
        }
        const name = facts.find((f) => f.kind === 'name' && f.norm.includes(' ') && !f.text.includes('.'));
        if (name) {
          const pool = names.get(nameType(name.norm)) ?? [];
          const other = pool[(n++ * 7919) % pool.length]!;
          if (pool.length > 1 && !sameEntityLoose(other, name.text))
            out.push({
              key: `${key}:p`,
              page: line.slice(0, name.start) + other + line.slice(name.end),
              reference: line,
              values: [other, name.text],
            });
        }
        for (const [re, rep] of REWRITES) {
          if (!re.test(line)) continue;
          out.push({ key: `${key}:r`, page: line.replace(re, rep), reference: line });
          break;
        }
      });
  }
  return out;
}

function sameEntityLoose(a: string, b: string): boolean {
  const wa = words(a);
  for (const w of words(b)) if (wa.has(w)) return true;
  return false;
}

function evalMeantime(dataDir: string): EvalRow[] {
  const edits = meantimeEdits(dataDir);
  const rows: EvalRow[] = [];
  for (const split of ['tune', 'test'] as const) {
    const mine = edits.filter((e) => splitOf(e.key) === split);
    const changed = mine.filter((e) => e.values);
    const kept = mine.filter((e) => !e.values);
    let hit = 0;
    for (const e of changed) {
      const [pv, rv] = e.values!;
      const diffs = findDiscrepancies(e.page, e.reference);
      if (diffs.some((d) => overlaps(d.page, words(pv)) && overlaps(d.reference, words(rv)))) hit++;
    }
    const flagged = kept.filter((e) => findDiscrepancies(e.page, e.reference).length > 0).length;
    rows.push({
      task: TASK,
      dataset: tag('meantime-injected'),
      metric: 'recall, right values',
      value: hit / (changed.length || 1),
      n: changed.length,
      split,
      note: 'one number, year or name (same kind) changed in a news sentence',
    });
    rows.push({
      task: TASK,
      dataset: tag('meantime-injected'),
      metric: 'false flags on rewrites',
      value: flagged / (kept.length || 1),
      n: kept.length,
      split,
      note: 'said/stated, percent/%, January/Jan., more than/over ...',
    });
  }
  return rows;
}

/**
 * NewsWCL50: the same event told by five US outlets. Each sentence is aligned to its most similar
 * sentence in every other outlet's article (above the alignment threshold) and the share of
 * aligned pairs flagged is reported. No labels: cross-outlet differences are mostly framing, so
 * this is an upper bound on the false-flag rate in real coverage (some flags are real, e.g. two
 * translations of the same quotation).
 */
function evalNewsWcl(dataDir: string): EvalRow[] {
  const docs = readFileSync(join(dataDir, 'newswcl50', 'newswcl50_docs.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { doc_id: string; event_id: number; text: string });
  const rows: EvalRow[] = [];
  const counts = { tune: { flagged: 0, n: 0 }, test: { flagged: 0, n: 0 } };
  for (const a of docs)
    for (const b of docs) {
      if (a === b || a.event_id !== b.event_id) continue;
      const split = splitOf(`newswcl:${a.doc_id}:${b.doc_id}`);
      const sb = b.text.split('\n').filter((x) => x.trim());
      for (const s of a.text.split('\n').filter((x) => x.trim())) {
        let best = '';
        let bs = 0;
        for (const t of sb) {
          const v = similarity(s, t);
          if (v > bs) {
            bs = v;
            best = t;
          }
        }
        if (bs < ALIGN_THRESHOLD) continue;
        counts[split].n++;
        if (findDiscrepancies(s, best).length) counts[split].flagged++;
      }
    }
  for (const split of ['tune', 'test'] as const) {
    const { flagged: f, n } = counts[split];
    rows.push({
      task: TASK,
      dataset: tag('newswcl50'),
      metric: 'flagged aligned cross-outlet pairs',
      value: f / (n || 1),
      n,
      split,
      note: 'no labels: mostly framing differences, some real (quotes translated differently)',
    });
  }
  return rows;
}

/**
 * Claim edits injected into MEANTIME news sentences, written as general rewrites (not for any one
 * sentence): a status changed ("signed" -> "plans to sign"), a modality ("will" -> "may"), a
 * quantifier ("all" -> "some", "more than" -> "fewer than") or a polarity ("rose" -> "fell"). The
 * edited sentence plays the page and must be flagged against the original with the edited words;
 * claim-preserving rewrites ("will" -> "is expected to", "signed" -> "has signed") must not be.
 */
const DONE_VERBS: Array<[string, string]> = [
  ['signed', 'sign'],
  ['approved', 'approve'],
  ['announced', 'announce'],
  ['launched', 'launch'],
  ['ordered', 'order'],
  ['banned', 'ban'],
  ['released', 'release'],
  ['opened', 'open'],
  ['closed', 'close'],
  ['raised', 'raise'],
  ['bought', 'buy'],
  ['sold', 'sell'],
  ['passed', 'pass'],
  ['introduced', 'introduce'],
  ['completed', 'complete'],
];
const CLAIM_EDITS: Array<[string, RegExp, (m: string) => string]> = [
  ['modality', /\bwill\b/, () => 'may'],
  ['quantifier', /\bmore than\b/, () => 'fewer than'],
  ['quantifier', /\b[Aa]ll\b(?= [a-z])/, () => 'some'],
  ['polarity', /\brose\b/, () => 'fell'],
  ['polarity', /\bincreased\b/, () => 'decreased'],
];

export function meantimeClaimEdits(dataDir: string): Array<Edit & { check?: string }> {
  const text = readFileSync(join(dataDir, 'meantime-wikinews', 'meantime_en_docs.jsonl'), 'utf8');
  const out: Array<Edit & { check?: string }> = [];
  for (const l of text.split('\n')) {
    if (!l.trim()) continue;
    const d = JSON.parse(l) as { doc_id: string; text: string };
    d.text
      .split('\n')
      .slice(2)
      .forEach((line, li) => {
        const key = `meantime-claim:${d.doc_id}:${li}`;
        for (const [check, re, to] of CLAIM_EDITS) {
          const m = re.exec(line);
          if (!m) continue;
          const nv = to(m[0]);
          out.push({
            key,
            check,
            page: line.slice(0, m.index) + nv + line.slice(m.index + m[0].length),
            reference: line,
            values: [nv, m[0]],
          });
          break;
        }
        for (const [past, base] of DONE_VERBS) {
          const m = new RegExp(
            `\\b(?<![Hh]as |[Hh]ave |[Hh]ad |[Bb]e |[Ww]as |[Ww]ere |[Bb]een |[Ii]s |[Aa]re )${past}\\b`,
          ).exec(line);
          if (!m) continue;
          out.push({
            key: `${key}:s`,
            check: 'status',
            page: line.slice(0, m.index) + `plans to ${base}` + line.slice(m.index + past.length),
            reference: line,
            values: [`plans to ${base}`, past],
          });
          out.push({
            key: `${key}:sr`,
            page: line.slice(0, m.index) + `has ${past}` + line.slice(m.index + past.length),
            reference: line,
          });
          break;
        }
        const w = /\bwill\b/.exec(line);
        if (w)
          out.push({
            key: `${key}:wr`,
            page: line.slice(0, w.index) + 'is expected to' + line.slice(w.index + 4),
            reference: line,
          });
      });
  }
  return out;
}

function evalMeantimeClaims(dataDir: string): EvalRow[] {
  const edits = meantimeClaimEdits(dataDir);
  const rows: EvalRow[] = [];
  for (const split of ['tune', 'test'] as const) {
    const mine = edits.filter((e) => splitOf(e.key) === split);
    const changed = mine.filter((e) => e.values);
    const kept = mine.filter((e) => !e.values);
    const per = new Map<string, [number, number]>();
    let hit = 0;
    for (const e of changed) {
      const [pv, rv] = e.values ?? ['', ''];
      const diffs = findDiscrepancies(e.page, e.reference);
      const ok = diffs.some((d) => overlaps(d.page, words(pv)) && overlaps(d.reference, words(rv)));
      if (ok) hit++;
      const c = per.get(e.check ?? '') ?? [0, 0];
      per.set(e.check ?? '', [c[0] + (ok ? 1 : 0), c[1] + 1]);
    }
    const flagged = kept.filter((e) => findDiscrepancies(e.page, e.reference).length > 0).length;
    rows.push({
      task: TASK,
      dataset: tag('meantime-claims'),
      metric: 'recall, edited claim flagged with its words',
      value: hit / (changed.length || 1),
      n: changed.length,
      split,
      note: [...per].map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', '),
    });
    rows.push({
      task: TASK,
      dataset: tag('meantime-claims'),
      metric: 'false flags on claim-preserving rewrites',
      value: flagged / (kept.length || 1),
      n: kept.length,
      split,
      note: 'will/is expected to, signed/has signed ...',
    });
  }
  return rows;
}

function evalAll(dataDir: string): EvalRow[] {
  return [
    ...evalFever(dataDir),
    ...evalMsrp(dataDir),
    ...evalFalke(dataDir),
    ...evalMeantime(dataDir),
    ...evalMeantimeClaims(dataDir),
    ...evalNewsWcl(dataDir),
  ];
}

export async function evalFacts(dataDir: string): Promise<EvalRow[]> {
  SIM = undefined;
  const rows = evalAll(dataDir);
  // Which texts the semantic decision will ask about: the sentences, then the candidates' phrases
  // (asked only once a sentence similarity is known, hence the 0).
  const need = new Set<string>();
  // The encoder pass only measures something when the semantic decision is in force (model.json).
  if (process.env.NO_ENCODER === '1' || (!decisionFor(true) && process.env.ENCODER !== '1')) return rows;
  SIM = (a, b) => {
    need.add(a);
    need.add(b);
    return 0;
  };
  evalAll(dataDir);
  SIM = similarityFrom(await embedAll([...need]));
  try {
    return [...rows, ...evalAll(dataDir)];
  } finally {
    SIM = undefined;
  }
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
