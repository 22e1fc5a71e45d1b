/**
 * `npm run eval -- --data ../shared/evaldata`: one markdown table of every measured figure
 * (related-article detection, alignment, discrepancies, extraction), tune and test halves apart.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EvalRow } from './eval/types';

type EvalFn = (dataDir: string) => Promise<EvalRow[]>;

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

/** Each part is imported on its own, so that a missing or broken one is a note, not a crash. */
const PARTS: Array<[string, string, string]> = [
  ['related', './eval/related.ts', 'evalRelated'],
  ['relation', './eval/relation.ts', 'evalRelation'],
  ['retrieval', './eval/retrieval.ts', 'evalRetrieval'],
  ['align', './eval/align.ts', 'evalAlign'],
  ['fusion', './eval/fusion.ts', 'evalFusion'],
  ['discrepancies', './eval/facts.ts', 'evalFacts'],
  ['faithfulness', './eval/faithfulness.ts', 'evalFaithfulness'],
  ['extract', './eval/extract.ts', 'evalExtract'],
];

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

export function toMarkdown(rows: EvalRow[]): string {
  const head = '| task | dataset | metric | value | target | n | split | note |';
  const sep = '|---|---|---|---:|---|---:|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.task} | ${r.dataset} | ${r.metric} | ${fmt(r.value)} | ${r.target ?? ''} | ${r.n} | ${r.split} | ${(r.note ?? '').replace(/\|/g, '/')} |`,
  );
  return [head, sep, ...body].join('\n');
}

async function main(): Promise<number> {
  const dataDir = resolve(argValue('--data') ?? '../shared/evaldata');
  if (!existsSync(dataDir)) {
    process.stderr.write(`eval: no data folder at ${dataDir} (use --data DIR)\n`);
    return 2;
  }
  const only = argValue('--only');
  const rows: EvalRow[] = [];
  const notes: string[] = [];
  for (const [task, path, name] of PARTS) {
    if (only && only !== task) continue;
    const t0 = performance.now();
    try {
      const mod = (await import(path)) as Record<string, unknown>;
      const fn = mod[name] as EvalFn | undefined;
      if (typeof fn !== 'function') {
        notes.push(`${task}: ${path} has no ${name}()`);
        continue;
      }
      rows.push(...(await fn(dataDir)));
      notes.push(`${task}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      notes.push(`${task}: not measured (${(e as Error).message.split('\n')[0]})`);
    }
  }
  process.stdout.write(`${toMarkdown(rows)}\n\n`);
  process.stdout.write(`Data: ${dataDir}. ${notes.join('; ')}.\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`eval: ${(e as Error).message}\n`);
    process.exit(2);
  },
);
