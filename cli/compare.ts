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

/**
 * A batch of lines: the pairs the lexical pass cannot decide get their sentence vectors, all in
 * one batched call to the encoder (loaded on first need), then each line is compared.
 */
async function compareBatch(lines: ReadonlyArray<[string, number]>): Promise<string[]> {
  const parsed = lines.map(([l, n]) => parseLine(l, n));
  const texts: string[] = [];
  const need = parsed.map((p) => {
    if (!p.ok || !needsVectors(p.a, p.b)) return -1;
    texts.push(p.a, p.b);
    return texts.length - 2;
  });
  let vectors: Float32Array[] = [];
  if (texts.length) {
    try {
      vectors = await (await nodeEncoder()).embed(texts);
    } catch {
      // Without the model the lexical decision stands (the encoder files are made by npm install).
      vectors = [];
    }
  }
  return parsed.map((p, i) => {
    if (!p.ok) return safeJson(p.result);
    const at = need[i]!;
    const v = at >= 0 && vectors.length ? ([vectors[at]!, vectors[at + 1]!] as const) : undefined;
    try {
      return safeJson(comparePair(p.id, p.a, p.b, undefined, v));
    } catch (e) {
      return safeJson(fail(p.id, `line ${lines[i]![1]}: ${(e as Error).message}`));
    }
  });
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/**
 * Streams `input` line by line to `out`. Blank (or whitespace-only) lines are skipped with no output
 * line; line numbers still count them, so `line-N` ids and error messages name the physical line.
 */
export async function compareStream(input: Readable, out: NodeJS.WritableStream): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let buf: Array<[string, number]> = [];
  for await (const raw of rl) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    buf.push([line, lineNo]);
    if (buf.length >= 256) {
      await write(out, (await compareBatch(buf)).join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) await write(out, (await compareBatch(buf)).join('\n') + '\n');
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
