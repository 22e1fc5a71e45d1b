import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelFiles } from '../../cli/model';
import { cosine, loadEncoder } from '../../lib/encoder';
import { batchedMatMulInUse, useBatchedMatMul } from '../../lib/wasm-batch-matmul';

// The encoder selects the wasm backend and installs the kernel; the backend's own kernel is the
// reference (a scalar loop: slow, but it is what the model ran with before).
const ready = loadEncoder(readModelFiles());

async function product(on: boolean, a: tf.Tensor, b: tf.Tensor, transposeB: boolean): Promise<Float32Array> {
  useBatchedMatMul(on);
  const out = tf.matMul(a, b, false, transposeB);
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return data;
}

describe('batched matrix products on XNNPACK (wasm backend)', () => {
  afterAll(() => useBatchedMatMul(true));

  it('is what the encoder runs with', async () => {
    await ready;
    expect(batchedMatMulInUse()).toBe(true);
    useBatchedMatMul(false);
    expect(batchedMatMulInUse()).toBe(false);
    useBatchedMatMul(true);
  });

  it('gives the backend kernel’s products, with and without a transposed b, leaking no tensor', async () => {
    await ready;
    // Attention-shaped: sentences × heads × tokens × head size, and a length that is not a
    // multiple of the SIMD width.
    const q = tf.randomUniform([3, 4, 7, 16], -1, 1, 'float32', 1);
    const k = tf.randomUniform([3, 4, 7, 16], -1, 1, 'float32', 2);
    const p = tf.randomUniform([3, 4, 7, 7], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    for (const [a, b, t] of [
      [q, k, true],
      [p, k, false],
    ] as const) {
      const ref = await product(false, a, b, t);
      const got = await product(true, a, b, t);
      expect(got.length).toBe(ref.length);
      let worst = 0;
      ref.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - got[i]!))));
      expect(worst).toBeLessThan(1e-5);
      expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(0.1); // not a product of zeros
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([q, k, p]);
  });

  it('leaves the model’s vectors as the backend kernel makes them', async () => {
    await ready;
    const texts = [
      'CIA officers in Mexico pass information collected by the drones to Mexican officials.',
      'Sheinbaum agreed on Feb. 3 to deploy 10,000 troops to the border.',
      'Drones.',
    ];
    useBatchedMatMul(false);
    const ref = await (await loadEncoder(readModelFiles())).embed(texts);
    useBatchedMatMul(true);
    const got = await (await loadEncoder(readModelFiles())).embed(texts);
    texts.forEach((_, i) => expect(cosine(ref[i]!, got[i]!)).toBeGreaterThan(0.99999));
  });
});
