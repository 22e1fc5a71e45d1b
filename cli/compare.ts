/**
 * `compare PAIRS.jsonl`: one pairResult JSON line per input line, in order (see the contract).
 * Lines are streamed, so a file of any length runs in constant memory.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { comparePair, needsVectors } from '../lib/pair';
import type { PairResult } from '../lib/types';
import { safeJson, safeLine } from './terminal';
import { defaultWorkers, EmbedPool, workerSetting, type Embedder } from './embed-pool';
import { nodeEncoder } from './model';

const USAGE = 'usage: parallax compare PAIRS.jsonl  (each line {"id","a","b"}; "-" reads standard input)';

/** Why a file cannot be read as JSONL, or undefined when it can. */
async function unreadable(path: string): Promise<string | undefined> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? 'error'})`;
  }
  if (st.isDirectory()) return 'is a directory, not a JSONL file';
  if (!st.isFile()) return 'is not a regular file';
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(8192);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      if (buf.subarray(0, bytesRead).includes(0)) return 'is a binary file, not JSONL text';
    } finally {
      await fh.close();
    }
  } catch (e) {
    return `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  return undefined;
}

type Parsed = { ok: true; id: string; a: string; b: string } | { ok: false; result: PairResult };

/** One input line to one output object; never throws. */
export function compareLine(
  line: string,
  lineNo: number,
  vectors?: readonly [Float32Array, Float32Array],
): PairResult {
  const p = parseLine(line, lineNo);
  if (!p.ok) return p.result;
  try {
    return comparePair(p.id, p.a, p.b, undefined, vectors);
  } catch (e) {
    return fail(p.id, `line ${lineNo}: ${(e as Error).message}`);
  }
}

const fail = (id: string, error: string): PairResult => ({
  id,
  similarity: 0,
  verdict: 'unrelated',
  discrepancies: [],
  error,
});

function parseLine(line: string, lineNo: number): Parsed {
  const fallbackId = `line-${lineNo}`;
  const bad = (id: string, error: string): Parsed => ({ ok: false, result: fail(id, error) });
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return bad(fallbackId, `line ${lineNo}: not valid JSON`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    return bad(fallbackId, `line ${lineNo}: expected a JSON object`);
  const o = obj as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : typeof o.id === 'number' ? String(o.id) : undefined;
  if (id === undefined) return bad(fallbackId, `line ${lineNo}: "id" must be a string`);
  if (typeof o.a !== 'string' || typeof o.b !== 'string')
    return bad(id, `line ${lineNo}: "a" and "b" must be strings`);
  return { ok: true, id, a: o.a, b: o.b };
}

/** Lines read before a batch is compared: the encoder's batches fill, the output streams. */
const BATCH_LINES = 256;
/**
 * Inputs shorter than this embed in this thread: about a fifth of the pairs of news need vectors,
 * so 1,024 lines hold ~400 sentences, a few seconds of the model, against ~1 s to start a worker.
 */
export const POOL_MIN_LINES = 1024;

/** A batch of lines parsed, with the texts whose sentence vectors it needs (a, b per pair). */
interface Planned {
  lines: ReadonlyArray<[string, number]>;
  parsed: Parsed[];
  need: number[];
  texts: string[];
}

/** The pairs the lexical pass cannot decide (lib/pair.ts needsVectors) get their vectors. */
function plan(lines: ReadonlyArray<[string, number]>): Planned {
  const parsed = lines.map(([l, n]) => parseLine(l, n));
  const texts: string[] = [];
  const need = parsed.map((p) => {
    if (!p.ok || !needsVectors(p.a, p.b)) return -1;
    texts.push(p.a, p.b);
    return texts.length - 2;
  });
  return { lines, parsed, need, texts };
}

/** The planned batch's vectors, in one call; without the model the lexical decision stands. */
function vectorsOf(batch: Planned, embedder: () => Promise<Embedder>): Promise<Float32Array[]> {
  if (!batch.texts.length) return Promise.resolve([]);
  // Caught here, at once: a later batch's promise may fail while an earlier one is awaited.
  // (The encoder files are made by npm install; a missing model is not the pair's error.)
  return embedder()
    .then((e) => e.embed(batch.texts))
    .catch(() => []);
}

function compareLines(batch: Planned, vectors: Float32Array[]): string[] {
  return batch.parsed.map((p, i) => {
    if (!p.ok) return safeJson(p.result);
    const at = batch.need[i]!;
    const v = at >= 0 && vectors.length ? ([vectors[at]!, vectors[at + 1]!] as const) : undefined;
    try {
      return safeJson(comparePair(p.id, p.a, p.b, undefined, v));
    } catch (e) {
      return safeJson(fail(p.id, `line ${batch.lines[i]![1]}: ${(e as Error).message}`));
    }
  });
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

export interface CompareOptions {
  /**
   * Embedding workers, always used (1: the encoder in this thread). Default: PARALLAX_WORKERS if
   * set, else the cores (capped) from POOL_MIN_LINES lines on, in-process below.
   */
  workers?: number;
  /** Told once how many workers were chosen (1: the encoder in this thread), before any output. */
  onWorkers?: (workers: number) => void;
}

/**
 * Streams `input` line by line to `out`. Blank (or whitespace-only) lines are skipped with no output
 * line; line numbers still count them, so `line-N` ids and error messages name the physical line.
 *
 * With one worker (or, by default, fewer than POOL_MIN_LINES lines), the encoder runs in this thread and each
 * batch is embedded, then compared, as before. With more, the sentence embedding (~85% of the CPU
 * time on 10,000 news pairs, profiled) runs on an EmbedPool, one batch ahead: the next batch's vectors are computed while this
 * thread compares the last one. The output is the same bytes either way (see embed-pool.ts).
 */
export async function compareStream(
  input: Readable,
  out: NodeJS.WritableStream,
  opts: CompareOptions = {},
): Promise<void> {
  const set = opts.workers ?? workerSetting();
  let pool: EmbedPool | undefined;
  // By default the pool pays for its workers' start (each loads the model, ~1 s) only on a long
  // input; a number of workers that is set is used from the first line.
  const choose = (long: boolean): (() => Promise<Embedder>) => {
    const workers = set ?? (long ? defaultWorkers() : 1);
    opts.onWorkers?.(Math.max(1, workers));
    if (workers <= 1) return nodeEncoder;
    const p = (pool = new EmbedPool(workers));
    return () => Promise.resolve(p);
  };
  let embedder = set === undefined ? undefined : choose(true);
  let ahead: { batch: Planned; vectors: Promise<Float32Array[]> } | undefined;
  const flush = async (lines: Array<[string, number]>, embed: () => Promise<Embedder>): Promise<void> => {
    const batch = plan(lines);
    if (!pool) {
      await write(out, compareLines(batch, await vectorsOf(batch, embed)).join('\n') + '\n');
      return;
    }
    // Planned now (the pool plans synchronously), compared after the batch before it.
    const next = { batch, vectors: vectorsOf(batch, embed) };
    if (ahead) await write(out, compareLines(ahead.batch, await ahead.vectors).join('\n') + '\n');
    ahead = next;
  };
  // Batches held until the input is known to be long (POOL_MIN_LINES) or to end.
  const held: Array<Array<[string, number]>> = [];
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    let lineNo = 0;
    let buf: Array<[string, number]> = [];
    for await (const raw of rl) {
      lineNo++;
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!line.trim()) continue;
      buf.push([line, lineNo]);
      if (buf.length < BATCH_LINES) continue;
      if (embedder) await flush(buf, embedder);
      else {
        held.push(buf);
        if (held.length * BATCH_LINES >= POOL_MIN_LINES) {
          embedder = choose(true);
          for (const h of held.splice(0)) await flush(h, embedder);
        }
      }
      buf = [];
    }
    embedder ??= choose(false);
    for (const h of held.splice(0)) await flush(h, embedder);
    if (buf.length) await flush(buf, embedder);
    if (ahead) await write(out, compareLines(ahead.batch, await ahead.vectors).join('\n') + '\n');
  } finally {
    await pool?.close();
  }
}

export async function runCompare(args: string[]): Promise<number> {
  const files = args.filter((a) => a === '-' || !a.startsWith('-'));
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (files.length !== 1) {
    process.stderr.write(
      `compare: ${files.length ? 'one file expected' : 'no PAIRS.jsonl given'}. ${USAGE}\n`,
    );
    return 2;
  }
  const path = files[0]!;
  if (path !== '-') {
    const why = await unreadable(path);
    if (why) {
      process.stderr.write(`${safeLine(`compare: ${path}: ${why}`)}\n`);
      return 2;
    }
  }
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  try {
    await compareStream(input, process.stdout);
  } catch (e) {
    process.stderr.write(`${safeLine(`compare: ${path}: ${(e as Error).message}`)}\n`);
    return 2;
  }
  return 0;
}
