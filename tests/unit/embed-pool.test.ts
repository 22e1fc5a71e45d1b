import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { compareStream, POOL_MIN_LINES } from '../../cli/compare';
import {
  defaultWorkers,
  embedBulk,
  EmbedPool,
  MAX_WORKERS,
  WORKERS_ENV,
  workerSetting,
  workersFor,
} from '../../cli/embed-pool';
import { MODEL_DIR, readModelFiles } from '../../cli/model';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { loadEncoder } from '../../lib/encoder';
import { segment } from '../../lib/segment';

const root = new URL('../../', import.meta.url).pathname;

/** Sentences of the bundled corpus (our own articles): several batches of mixed lengths. */
const sentences = readdirSync(join(root, 'reference'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .flatMap((f) =>
    segment(parseArticleMarkdown(readFileSync(join(root, 'reference', f), 'utf8'), f).text).map(
      (s) => s.text,
    ),
  );

const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

describe('workers setting', () => {
  it('takes PARALLAX_WORKERS when it is a whole number ≥ 1, else none', () => {
    expect(workerSetting({ [WORKERS_ENV]: '3' })).toBe(3);
    expect(workerSetting({ [WORKERS_ENV]: ' 1 ' })).toBe(1);
    expect(workerSetting({ [WORKERS_ENV]: '99' })).toBe(16);
    for (const bad of ['0', '-2', '1.5', 'two', ''])
      expect(workerSetting({ [WORKERS_ENV]: bad })).toBeUndefined();
    expect(workerSetting({})).toBeUndefined();
  });

  it('uses the setting always, and by default no worker below the minimum', () => {
    expect(workersFor(10, 400, { [WORKERS_ENV]: '2' })).toBe(2);
    expect(workersFor(10_000, 400, { [WORKERS_ENV]: '1' })).toBe(1);
    expect(workersFor(399, 400, {})).toBe(1);
    const n = workersFor(400, 400, {});
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(MAX_WORKERS);
  });
});

describe('EmbedPool', () => {
  const pools: EmbedPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('gives the in-process encoder’s vectors byte for byte, over calls that share texts', async () => {
    expect(sentences.length).toBeGreaterThan(200);
    // Overlapping calls: the second finds some texts computed by the first (the cache), and the
    // pool's calls are made without waiting, as `compare` makes them.
    const calls = [sentences.slice(0, 180), sentences.slice(120, 281), ['', ...sentences.slice(0, 40)]];
    const encoder = await loadEncoder(readModelFiles());
    const want: Float32Array[][] = [];
    for (const c of calls) want.push(await encoder.embed(c));
    encoder.dispose();

    const pool = new EmbedPool(2);
    pools.push(pool);
    const got = await Promise.all(calls.map((c) => pool.embed(c)));
    got.forEach((vs, i) => {
      expect(vs).toHaveLength(calls[i]!.length);
      expect(vs.map(bytes)).toEqual(want[i]!.map(bytes));
    });
  });

  it('fails its calls, without hanging, when the model cannot be read', async () => {
    const none = new EmbedPool(2, join(tmpdir(), 'no-such-model'));
    pools.push(none);
    await expect(none.embed(['Mexico sent troops.'])).rejects.toThrow(/vocab/);
    // A vocabulary but no model: the workers fail to start, and every batch fails with them.
    const half = mkdtempSync(join(tmpdir(), 'parallax-half-model-'));
    copyFileSync(join(MODEL_DIR, 'vocab.json'), join(half, 'vocab.json'));
    const broken = new EmbedPool(2, half);
    pools.push(broken);
    await expect(broken.embed(sentences.slice(0, 100))).rejects.toThrow(/no model/);
    await expect(broken.embed(['Another sentence.'])).rejects.toThrow(/no model/);
  });
});

describe('parallax compare with workers (the real entry point)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-pool-'));
  const run = (file: string, workers: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bin/parallax.ts', 'compare', file], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, [WORKERS_ENV]: workers },
    });

  it('prints the same bytes with 1 and 2 workers, one line per pair in order', () => {
    // Our own sentences: the bundled articles' against each other (many need vectors), our
    // discrepancy fixtures, a malformed line and blank lines, past one batch of lines (256).
    const own = readFileSync(join(root, 'tests/fixtures/pairs/pairs.jsonl'), 'utf8').trim().split('\n');
    const lines: string[] = [];
    for (let i = 0; i + 1 < sentences.length; i++)
      lines.push(
        JSON.stringify({ id: `ref-${i}`, a: sentences[i], b: sentences[(i * 7 + 3) % sentences.length] }),
      );
    lines.push(...own, '{not json', '', ...own.slice(0, 20));
    const file = join(dir, 'pairs.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');

    const one = run(file, '1');
    const two = run(file, '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stderr).toBe('');
    const rows = one.stdout.trim().split('\n');
    expect(rows).toHaveLength(lines.length - 1);
    expect(rows.map((l) => (JSON.parse(l) as { id: string }).id).slice(0, 3)).toEqual([
      'ref-0',
      'ref-1',
      'ref-2',
    ]);
    expect(two.stdout).toBe(one.stdout);
  }, 240_000);
});

describe('compare without PARALLAX_WORKERS (the default)', () => {
  /** Pairs of our own sentences, `n` lines. */
  const pairs = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        id: `p-${i}`,
        a: sentences[i % sentences.length],
        b: sentences[(i * 7 + 3) % sentences.length],
      }),
    ).join('\n') + '\n';
  async function compare(input: string, workers?: number) {
    const chosen: number[] = [];
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    await compareStream(Readable.from([input]), out, { workers, onWorkers: (n) => chosen.push(n) });
    return { text, chosen };
  }

  it('starts the default number of workers from POOL_MIN_LINES lines, with the same bytes as one thread', async () => {
    const saved = process.env[WORKERS_ENV];
    delete process.env[WORKERS_ENV];
    try {
      const long = pairs(POOL_MIN_LINES);
      const byDefault = await compare(long);
      expect(byDefault.chosen).toEqual([defaultWorkers()]);
      const one = await compare(long, 1);
      expect(one.chosen).toEqual([1]);
      expect(byDefault.text.split('\n')).toHaveLength(POOL_MIN_LINES + 1);
      expect(byDefault.text).toBe(one.text);
      // Below the minimum the encoder runs in this thread.
      expect((await compare(pairs(POOL_MIN_LINES - 1))).chosen).toEqual([1]);
    } finally {
      if (saved !== undefined) process.env[WORKERS_ENV] = saved;
    }
  }, 240_000);
});

describe('embedBulk (the vectors build, a new --corpus DIR)', () => {
  it('runs on the workers PARALLAX_WORKERS sets, else in this thread below POOL_MIN_TEXTS, same bytes', async () => {
    const saved = process.env[WORKERS_ENV];
    const texts = sentences.slice(0, 60);
    const encoder = await loadEncoder(readModelFiles());
    let inProcess = 0;
    const local = () => {
      inProcess++;
      return Promise.resolve(encoder);
    };
    try {
      delete process.env[WORKERS_ENV];
      const here = await embedBulk(texts, local);
      expect([here.workers, inProcess]).toEqual([1, 1]);
      process.env[WORKERS_ENV] = '2';
      const pooled = await embedBulk(texts, local);
      expect([pooled.workers, inProcess]).toEqual([2, 1]);
      expect(pooled.vectors.map(bytes)).toEqual(here.vectors.map(bytes));
    } finally {
      if (saved === undefined) delete process.env[WORKERS_ENV];
      else process.env[WORKERS_ENV] = saved;
      encoder.dispose();
    }
  }, 120_000);
});
