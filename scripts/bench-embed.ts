/**
 * `npx tsx scripts/bench-embed.ts [--rounds N] [--profile [--shapes]] [--words N]
 * [--compare batch --sizes 8,16,32/640]`: where the sentence encoder's time goes. Embeds the
 * distinct sentences of our own reference articles (`reference/`, never eval data) with a fresh
 * encoder per round and prints ms a sentence (wall and CPU time, with the load average: the
 * machine is shared), A/B alternating: the encoder as it was (backend BatchMatMul, batches of
 * 8) against now, or batch sizes with `--compare batch`. Then the same work taken apart: tokens
 * a sentence, tokenizer / tensor creation / graph execution / readback, the graph's fixed cost
 * on one token; `--profile` adds `tf.profile`'s kernel time summed by kernel (`--shapes`: the
 * matrix products by weight shape). `--words N` cuts every sentence to its first N words.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder';
import { readModelFiles } from '../cli/model';
import { cosine, EMBEDDING_DIM, loadEncoder } from '../lib/encoder';
import { useBatchedMatMul } from '../lib/wasm-batch-matmul';
import { segment } from '../lib/segment';
import { bundledArticles } from './bench-data';

const args = process.argv.slice(2);
const arg = (n: string): string | undefined => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const ROUNDS = Number(arg('--rounds') ?? 3);
const say = (l: string) => process.stdout.write(`${l}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

interface Split {
  tokenize: number;
  tensors: number;
  execute: number;
  readback: number;
}

async function main(): Promise<void> {
  // `--words N`: each sentence cut to its first N words (cost against sentence length).
  const words = Number(arg('--words') ?? 0);
  const texts = [
    ...new Set(
      bundledArticles().flatMap((a) =>
        segment(a.text).map((s) => (words ? s.text.split(/\s+/).slice(0, words).join(' ') : s.text)),
      ),
    ),
  ];
  const files = readModelFiles();

  // The encoder as the engine uses it (its own cache off: a fresh encoder each round).
  say(`bench-embed: ${texts.length} distinct sentences of reference/, ${ROUNDS} rounds; load ${load()}`);
  const t0 = performance.now();
  const enc0 = await loadEncoder(files);
  say(
    `  encoder load ${(performance.now() - t0).toFixed(0)} ms; backend ${tf.getBackend()}, SIMD ${String(tf.env().getBool('WASM_HAS_SIMD_SUPPORT'))}, threads ${String(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'))}`,
  );
  enc0.dispose();
  // A/B, alternating in one process: each variant's rounds see the same machine load.
  // `--compare batch` compares batch sizes (`--sizes 8,16,32`, our kernel on); the default
  // compares the backend's BatchMatMul kernel with ours (lib/wasm-batch-matmul.ts).
  // A size "16/512" is at most 16 sentences and 512 padded tokens a batch.
  const variants: Array<{ name: string; set: () => void; batch: number; tokens: number }> =
    arg('--compare') === 'batch'
      ? (arg('--sizes') ?? '8,16,32').split(',').map((b) => ({
          name: `batches of ${b}`,
          set: () => useBatchedMatMul(true),
          batch: Number(b.split('/')[0]),
          tokens: Number(b.split('/')[1] ?? 0),
        }))
      : [
          {
            name: 'before (backend BatchMatMul, batches of 8)',
            set: () => useBatchedMatMul(false),
            batch: 8,
            tokens: 0,
          },
          {
            name: 'now (XNNPACK BatchMatMul, batches of 32 / 640 tokens)',
            set: () => useBatchedMatMul(true),
            batch: 32,
            tokens: 640,
          },
        ];
  const sums = variants.map(() => ({ wall: 0, cpu: 0 }));
  const vectors: Float32Array[][] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const [vi, v] of variants.entries()) {
      v.set();
      const enc = await loadEncoder(files, { batchSize: v.batch, batchTokens: v.tokens });
      v.set(); // loadEncoder selects the default
      const u = process.cpuUsage();
      const w = performance.now();
      const got = await enc.embed(texts);
      const wall = performance.now() - w;
      const cpu = cpuMs(process.cpuUsage(u));
      sums[vi]!.wall += wall;
      sums[vi]!.cpu += cpu;
      vectors[vi] = got;
      say(
        `  round ${r + 1}, ${v.name}: ${(wall / texts.length).toFixed(2)} ms a sentence wall, ${(cpu / texts.length).toFixed(2)} cpu; tensors alive ${tf.memory().numTensors}; load ${load()}`,
      );
      enc.dispose();
    }
  for (const [vi, v] of variants.entries())
    say(
      `  mean over ${ROUNDS} rounds, ${v.name}: ${(sums[vi]!.wall / ROUNDS / texts.length).toFixed(2)} ms a sentence wall, ${(sums[vi]!.cpu / ROUNDS / texts.length).toFixed(2)} cpu`,
    );
  if (vectors.length === 2) {
    let worst = 1;
    vectors[0]!.forEach((v, i) => (worst = Math.min(worst, cosine(v, vectors[1]![i]!))));
    say(`  lowest cosine between the two variants' vectors: ${worst.toFixed(7)}`);
  }

  // The same work taken apart.
  const group = files.model.weightsManifest[0]!;
  const model = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: files.model.modelTopology as never,
      weightSpecs: group.weights as tf.io.WeightsManifestEntry[],
      weightData: files.weights,
    }),
  );
  const tokenizer = new Tokenizer(files.vocab);
  const split: Split = { tokenize: 0, tensors: 0, execute: 0, readback: 0 };
  let tokens = 0;
  let t = performance.now();
  const enc = texts.map((s) => {
    const ids = tokenizer.encode(s.normalize('NFKC'));
    tokens += ids.length;
    return ids.length ? ids : [0];
  });
  split.tokenize = performance.now() - t;
  enc.sort((a, b) => a.length - b.length);
  const batches: number[][][] = [];
  // As lib/encoder.ts batches by default: up to 32 sentences and 640 padded tokens.
  for (let i = 0; i < enc.length;) {
    let end = i + 1;
    while (end < enc.length && end - i < 32 && (end + 1 - i) * enc[end]!.length <= 640) end++;
    batches.push(enc.slice(i, end));
    i = end;
  }
  const feed = (b: number[][]) => {
    let total = 0;
    for (const e of b) total += e.length;
    const idx = new Int32Array(total * 2);
    const vals = new Int32Array(total);
    let n = 0;
    b.forEach((ids, i) =>
      ids.forEach((id, pos) => {
        idx[n * 2] = i;
        idx[n * 2 + 1] = pos;
        vals[n++] = id;
      }),
    );
    return { indices: tf.tensor2d(idx, [total, 2], 'int32'), values: tf.tensor1d(vals, 'int32') };
  };
  const one = async (b: number[][], s: Split) => {
    let t1 = performance.now();
    const f = feed(b);
    s.tensors += performance.now() - t1;
    t1 = performance.now();
    const out = (await model.executeAsync(f)) as tf.Tensor;
    s.execute += performance.now() - t1;
    t1 = performance.now();
    const d = await out.data();
    s.readback += performance.now() - t1;
    if (d.length !== b.length * EMBEDDING_DIM) throw new Error('bench-embed: wrong output size');
    out.dispose();
    f.indices.dispose();
    f.values.dispose();
  };
  await one([[0]], split); // kernel setup, as loadEncoder's warm-up
  // The graph's fixed cost: ~300 kernels run for a one-token input (what no batching saves).
  {
    const u = process.cpuUsage();
    for (let i = 0; i < 20; i++) await one([[0]], split);
    say(`  graph on one token: ${(cpuMs(process.cpuUsage(u)) / 20).toFixed(2)} ms cpu a run; load ${load()}`);
    if (args.includes('--profile')) {
      const prof = await tf.profile(() => one([[0]], split));
      const top = [...prof.kernels]
        .sort((a, b) => Number(b.kernelTimeMs) - Number(a.kernelTimeMs))
        .slice(0, 8);
      say(
        `    its kernels: ${prof.kernels.length}, ${prof.kernels.reduce((s, k) => s + Number(k.kernelTimeMs), 0).toFixed(1)} ms; slowest: ${top.map((k) => `${k.name} ${JSON.stringify(k.inputShapes)} ${Number(k.kernelTimeMs).toFixed(1)} ms`).join('; ')}`,
      );
    }
  }
  split.tensors = split.execute = split.readback = 0;
  const u = process.cpuUsage();
  t = performance.now();
  for (const b of batches) await one(b, split);
  const wall = performance.now() - t;
  const cpu = cpuMs(process.cpuUsage(u));
  const per = (x: number) => `${(x / texts.length).toFixed(2)}`;
  say(
    `  taken apart: ${(tokens / texts.length).toFixed(1)} tokens a sentence (${tokens} tokens); ms a sentence: tokenize ${per(split.tokenize)}, tensors ${per(split.tensors)}, execute ${per(split.execute)}, readback ${per(split.readback)}; model wall ${per(wall)}, cpu ${per(cpu)}; load ${load()}`,
  );

  if (args.includes('--profile')) {
    const prof = await tf.profile(async () => {
      for (const b of batches) await one(b, { tokenize: 0, tensors: 0, execute: 0, readback: 0 });
    });
    const by = new Map<string, { ms: number; n: number }>();
    let sum = 0;
    for (const k of prof.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const e = by.get(k.name) ?? { ms: 0, n: 0 };
      e.ms += ms;
      e.n++;
      by.set(k.name, e);
      sum += ms;
    }
    if (args.includes('--shapes')) {
      const sh = new Map<string, number>();
      for (const k of prof.kernels)
        if (k.name === 'BatchMatMul' || k.name === 'Conv2D') {
          const key = `${k.name} ${k.inputShapes[0]?.length === 4 && k.name === 'BatchMatMul' ? 'attention' : JSON.stringify(k.inputShapes[1])}`;
          sh.set(key, (sh.get(key) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0));
        }
      for (const [key, ms] of [...sh].sort((a, b) => b[1] - a[1]).slice(0, 40))
        say(`    ${ms.toFixed(1).padStart(8)} ms ${key}`);
    }
    say(`  tf.profile: ${prof.kernels.length} kernels, ${sum.toFixed(0)} ms of kernel time; by kernel:`);
    for (const [name, e] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
      say(
        `    ${name.padEnd(16)} ${e.ms.toFixed(1).padStart(8)} ms  ${((e.ms / sum) * 100).toFixed(1).padStart(5)}%  ${e.n} calls`,
      );
  }
  model.dispose();
}

void main();
