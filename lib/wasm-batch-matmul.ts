/**
 * A faster batched matrix product for tfjs' wasm backend (4.22), installed by lib/encoder.ts.
 *
 * The backend multiplies with XNNPACK (SIMD GEMM) only when both operands are single matrices
 * and neither is transposed; a product with a batch dimension, or a transposed operand, goes to
 * a scalar blocked loop (`slow_batch_matmul` in the backend's batch_mat_mul_impl.cc) that runs
 * ~13× slower per multiply-add here (0.45 against 6 GMAC/s, ADR 010). USE-lite's attention
 * (Q·Kᵀ and P·V over sentences × heads, 4 products a batch) takes that path: ~17% of the
 * model's kernel time on news sentences. This kernel runs such a product as one XNNPACK product
 * per batch entry, with Kᵀ made once by the backend's own transpose; anything else goes to the
 * backend's kernel unchanged. Same sums, another order: results agree to float rounding.
 */
import {
  getKernel,
  registerKernel,
  unregisterKernel,
  util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

interface MatMulArgs {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: BackendWasm;
  attrs: { transposeA: boolean; transposeB: boolean };
}

/** The backend's own kernel, kept to delegate to (and to put back: the bench compares both). */
let original: KernelConfig | undefined;
let ours: KernelConfig | undefined;

/**
 * Registers this kernel for BatchMatMul on the wasm backend (`on`), or puts the backend's own
 * back. Kernels are registered per realm: every model in it runs with the choice.
 */
export function useBatchedMatMul(on = true): void {
  const current = getKernel('BatchMatMul', 'wasm');
  if (!current) throw new Error('encoder: the wasm backend has no BatchMatMul kernel');
  if (!ours) {
    original = current;
    ours = makeKernel(current);
  }
  const want = on ? ours : original!;
  if (current === want) return;
  unregisterKernel('BatchMatMul', 'wasm');
  registerKernel(want);
}

/** Whether BatchMatMul on the wasm backend is this kernel now. */
export function batchedMatMulInUse(): boolean {
  return ours !== undefined && getKernel('BatchMatMul', 'wasm') === ours;
}

function makeKernel(original: KernelConfig): KernelConfig {
  const transpose = getKernel('Transpose', 'wasm');
  if (!transpose) throw new Error('encoder: the wasm backend has no Transpose kernel');
  const base = original.kernelFunc as unknown as (args: MatMulArgs) => TensorInfo;
  const transposeFn = transpose.kernelFunc as unknown as (args: {
    inputs: { x: TensorInfo };
    backend: BackendWasm;
    attrs: { perm: number[] };
  }) => TensorInfo;

  const batched = (args: MatMulArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs;
    const rank = a.shape.length;
    const batchDims = a.shape.slice(0, -2);
    const batch = util.sizeFromShape(batchDims);
    if (
      attrs.transposeA ||
      rank < 3 ||
      b.shape.length !== rank ||
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      batch < 2 ||
      !util.arraysEqual(batchDims, b.shape.slice(0, -2))
    )
      return base(args);
    const m = a.shape[rank - 2]!;
    const k = a.shape[rank - 1]!;
    const n = attrs.transposeB ? b.shape[rank - 2]! : b.shape[rank - 1]!;
    // XNNPACK's path takes b as k × n.
    const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
    const bk = attrs.transposeB ? transposeFn({ inputs: { x: b }, backend, attrs: { perm } }) : b;
    const out = backend.makeOutput([...batchDims, m, n], 'float32');
    const ai = backend.makeOutput([1, m, k], 'float32');
    try {
      for (let i = 0; i < batch; i++) {
        // A fresh b each time: the backend caches its packed XNNPACK operator by b's id, and
        // frees it when that id is disposed.
        const bi = backend.makeOutput([1, k, n], 'float32');
        // Views taken after every allocation: an allocation may grow (and move) the heap.
        backend
          .typedArrayFromHeap(ai)
          .set(backend.typedArrayFromHeap(a).subarray(i * m * k, (i + 1) * m * k));
        backend
          .typedArrayFromHeap(bi)
          .set(backend.typedArrayFromHeap(bk).subarray(i * k * n, (i + 1) * k * n));
        const r = base({
          inputs: { a: ai, b: bi },
          backend,
          attrs: { transposeA: false, transposeB: false },
        });
        backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(r) as Float32Array, i * m * n);
        backend.disposeData(r.dataId);
        backend.disposeData(bi.dataId);
      }
    } finally {
      backend.disposeData(ai.dataId);
      if (bk !== b) backend.disposeData(bk.dataId);
    }
    return out;
  };

  return { ...original, kernelFunc: batched as unknown as KernelFunc };
}
