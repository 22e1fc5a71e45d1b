import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCompare } from '../../cli/compare';

const schema = JSON.parse(
  readFileSync(new URL('../../../shared/contract/report.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function pairValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(schema, 'report');
  return ajv.compile({ $ref: 'report#/$defs/pairResult' });
}

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'parallax-compare-'));

describe('runCompare', () => {
  it('prints one valid pairResult per line, in order, and goes on past malformed lines', async () => {
    const file = join(dir, 'pairs.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: 'p1',
          a: 'including RC-125 Rivet Joints, U-2s and drones.',
          b: 'including U-2s, RC-135 Rivet Joints and drones.',
        }),
        '{not json',
        JSON.stringify({
          id: 'p3',
          a: 'Mexico sent 10,000 troops to the border.',
          b: 'Mexico sent 10,000 troops to the border.',
        }),
        JSON.stringify({ id: 'p4', a: 42 }),
        '',
        JSON.stringify({
          id: 'p5',
          a: 'The weather was sunny in Spokane.',
          b: 'Stocks fell in Tokyo after the crash.',
        }),
      ].join('\n') + '\n',
    );
    expect(await runCompare([file])).toBe(0);
    const lines = out.join('').trim().split('\n');
    expect(lines).toHaveLength(5);
    const rows = lines.map(
      (l) => JSON.parse(l) as { id: string; verdict: string; error?: string; discrepancies: unknown[] },
    );
    expect(rows.map((r) => r.id)).toEqual(['p1', 'line-2', 'p3', 'p4', 'p5']);
    expect(rows.map((r) => r.verdict)).toEqual(['differ', 'unrelated', 'agree', 'unrelated', 'unrelated']);
    expect(rows[0]!.discrepancies[0]).toMatchObject({
      kind: 'designation',
      page: 'RC-125',
      reference: 'RC-135',
    });
    expect(rows[1]!.error).toMatch(/not valid JSON/);
    expect(rows[3]!.error).toMatch(/"a" and "b"/);
    const validate = pairValidator();
    for (const r of rows) expect(validate(r), JSON.stringify(validate.errors)).toBe(true);
    expect(err.join('')).toBe('');
  });

  it('exits 2 with one line on stderr for a missing file', async () => {
    expect(await runCompare([join(dir, 'nope.jsonl')])).toBe(2);
    expect(out.join('')).toBe('');
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('')).toMatch(/no such file/);
  });

  it('exits 2 for a directory and for a binary file', async () => {
    expect(await runCompare([dir])).toBe(2);
    expect(err.join('')).toMatch(/directory/);
    const bin = join(dir, 'bin.jsonl');
    writeFileSync(bin, Buffer.from([0x7b, 0, 1, 2, 0xff, 0]));
    err = [];
    expect(await runCompare([bin])).toBe(2);
    expect(err.join('')).toMatch(/binary/);
    expect(out.join('')).toBe('');
  });

  it('exits 2 without a file argument', async () => {
    expect(await runCompare([])).toBe(2);
    expect(err.join('')).toMatch(/usage/);
  });
});

describe('parallax compare (the real entry point)', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bin/parallax.ts', 'compare', ...args], {
      cwd: root,
      input,
      encoding: 'utf8',
    });

  it('reads standard input with "-" and prints one line per pair', () => {
    const input =
      [
        JSON.stringify({
          id: 'a',
          a: 'Mexico sent 15,000 troops to the border.',
          b: 'Mexico sent 10,000 troops to the border.',
        }),
        JSON.stringify({ id: 'b', a: 'Mexico sent troops.', b: 'Mexico sent troops.' }),
      ].join('\n') + '\n';
    const r = run(['-'], input);
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; verdict: string });
    expect(rows.map((x) => [x.id, x.verdict])).toEqual([
      ['a', 'differ'],
      ['b', 'agree'],
    ]);
  });

  it('exits 2 with one line on stderr and nothing on stdout for a missing file', () => {
    const r = run([join(dir, 'missing.jsonl')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
