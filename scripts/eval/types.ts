/** One row of the `npm run eval` table. */
export interface EvalRow {
  /** "related", "align", "discrepancies" or "extract". */
  task: string;
  dataset: string;
  metric: string;
  value: number;
  /** e.g. ">= 0.9"; empty when there is no target. */
  target?: string;
  /** How many items the value is measured on. */
  n: number;
  /** "dev" (tuned on) or "test" (the half never tuned on). */
  split: 'tune' | 'test' | 'all';
  note?: string;
}

/**
 * The evaldata we have is the DEV split. To keep ourselves honest we tune on one half of it and
 * report the other: an item belongs to the "tune" half when this returns true.
 */
export function inTuneHalf(key: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % 2 === 0;
}
