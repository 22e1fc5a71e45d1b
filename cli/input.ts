/** Reading files for the CLI with one-line, human errors instead of Node's stack traces. */
import { readFileSync, statSync } from 'node:fs';

/** An error the user can fix (bad path, bad file): printed as one line, exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Far above any article (a 5 MB page is read, but not more than this). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

function describeFsError(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `file not found: ${path}`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot read ${path}: permission denied`;
  if (code === 'EISDIR') return `${path} is a directory, not a file`;
  return `cannot read ${path}: ${(err as Error | null)?.message ?? String(err)}`;
}

/**
 * Whether bytes look like a binary file rather than text: a NUL byte anywhere (text never has one;
 * the whole buffer is searched, natively, so a NUL after the first block counts too), or many
 * control characters in the first 8 KB.
 */
export function looksBinary(buf: Uint8Array): boolean {
  if (buf.indexOf(0) >= 0) return true;
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** UTF-8 text of a file; InputError for missing, unreadable, directory, binary or oversized files. */
export function readTextFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path} is a directory, not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(describeFsError(err, path));
  }
  if (size > MAX_INPUT_BYTES)
    throw new InputError(`${path} is too large (${Math.round(size / 1048576)} MB; the limit is 64 MB)`);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw new InputError(describeFsError(err, path));
  }
  return decodeText(buf, path);
}

export function decodeText(buf: Uint8Array, name: string): string {
  if (looksBinary(buf)) throw new InputError(`${name} is a binary file, not text or HTML`);
  const text = new TextDecoder('utf-8').decode(buf).replace(/^\uFEFF/, '');
  // Text that is mostly undecodable bytes is binary (or an encoding we do not read) either way.
  const bad = (text.slice(0, 20_000).match(/\uFFFD/g) ?? []).length;
  if (bad > 20 && bad / Math.min(text.length, 20_000) > 0.05)
    throw new InputError(`${name} is a binary file, not text or HTML`);
  return text;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > MAX_INPUT_BYTES) throw new InputError('standard input is too large (the limit is 64 MB)');
    chunks.push(b);
  }
  return decodeText(Buffer.concat(chunks), 'standard input');
}
