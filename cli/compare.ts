/**
 * `compare PAIRS.jsonl`: one pairResult JSON line per input line, in order (see the contract).
 * Lines are streamed, so a file of any length runs in constant memory.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { comparePair } from '../lib/pair';
import type { PairResult } from '../lib/types';
import { safeJson, safeLine } from './terminal';

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

/** One input line to one output object; never throws. */
export function compareLine(line: string, lineNo: number): PairResult {
  const fallbackId = `line-${lineNo}`;
  const fail = (id: string, error: string): PairResult => ({
    id,
    similarity: 0,
    verdict: 'unrelated',
    discrepancies: [],
    error,
  });
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return fail(fallbackId, `line ${lineNo}: not valid JSON`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj))
    return fail(fallbackId, `line ${lineNo}: expected a JSON object`);
  const o = obj as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : typeof o.id === 'number' ? String(o.id) : undefined;
  if (id === undefined) return fail(fallbackId, `line ${lineNo}: "id" must be a string`);
  if (typeof o.a !== 'string' || typeof o.b !== 'string')
    return fail(id, `line ${lineNo}: "a" and "b" must be strings`);
  try {
    return comparePair(id, o.a, o.b);
  } catch (e) {
    return fail(id, `line ${lineNo}: ${(e as Error).message}`);
  }
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
  let buf: string[] = [];
  for await (const raw of rl) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    buf.push(safeJson(compareLine(line, lineNo)));
    if (buf.length >= 256) {
      await write(out, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) await write(out, buf.join('\n') + '\n');
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
