/**
 * The fused alignment's selection from scored rows (lib/passages.ts): the order route and the
 * symmetry of the whole selection (page and reference swapped give the same pairs). Scores are
 * written here by hand; no model runs.
 */
import { describe, expect, it } from 'vitest';
import type { AlignedPair } from '../../lib/align';
import { MUTUAL_FLOOR, SAME_PASSAGE } from '../../lib/fusion';
import { extendInOrder, mutualBest, selectPairs, type OrderRoute } from '../../lib/passages';

type Rows = Array<Map<number, number>>;

/** Rows from [page, ref, score] triples. */
function rowsOf(n: number, cells: Array<[number, number, number]>): Rows {
  const rows: Rows = Array.from({ length: n }, () => new Map());
  for (const [i, j, s] of cells) rows[i]!.set(j, s);
  return rows;
}

const transpose = (rows: Rows, m: number): Rows => {
  const out: Rows = Array.from({ length: m }, () => new Map());
  rows.forEach((row, i) => row.forEach((s, j) => out[j]!.set(i, s)));
  return out;
};

const key = (ps: readonly AlignedPair[], swap = false) =>
  ps
    .map((p) => (swap ? `${p.ref.join('+')}-${p.page.join('+')}` : `${p.page.join('+')}-${p.ref.join('+')}`))
    .sort();

const ROUTE: OrderRoute = { floor: 0.28, window: 2 };
const strong = SAME_PASSAGE + 0.1;
const weak = (ROUTE.floor + MUTUAL_FLOOR) / 2;

describe('the order route', () => {
  it('takes a weak mutual-best pair next to an aligned passage, in the same order', () => {
    const rows = rowsOf(4, [
      [0, 0, strong],
      [1, 1, weak],
      [1, 3, weak - 0.05],
    ]);
    const base: AlignedPair[] = [{ page: [0], ref: [0], similarity: strong }];
    expect(key(extendInOrder(base, rows, mutualBest(rows), ROUTE))).toEqual(['0-0', '1-1']);
  });

  it('grows a run from its anchor, before it as well as after it', () => {
    const rows = rowsOf(5, [
      [2, 2, strong],
      [3, 3, weak],
      [4, 4, weak],
      [1, 1, weak],
    ]);
    const base: AlignedPair[] = [{ page: [2], ref: [2], similarity: strong }];
    expect(key(extendInOrder(base, rows, mutualBest(rows), { floor: ROUTE.floor, window: 1 }))).toEqual([
      '1-1',
      '2-2',
      '3-3',
      '4-4',
    ]);
  });

  it('leaves a weak pair that crosses the order, is too far or is not mutual', () => {
    const rows = rowsOf(8, [
      [3, 3, strong],
      [4, 1, weak], // after the anchor on the page, before it in the reference: crosses
      [7, 7, weak], // four sentences on both sides: beyond the window
      [2, 2, weak], // not mutual: reference 2 is page 5's better counterpart...
      [5, 2, weak + 0.02],
      [5, 6, weak + 0.05], // ...and page 5's own best is 6, three sentences on in the reference
    ]);
    const base: AlignedPair[] = [{ page: [3], ref: [3], similarity: strong }];
    expect(key(extendInOrder(base, rows, mutualBest(rows), ROUTE))).toEqual(['3-3']);
  });

  it('with a reach, takes a pair next on one side and a few sentences on in the other, either way', () => {
    const rows = rowsOf(6, [
      [1, 1, strong],
      [2, 4, weak], // next on the page, three on in the reference: within a reach of 3
      [5, 5, weak], // three on the page from page 2, but only one in the reference: within too
    ]);
    const base: AlignedPair[] = [{ page: [1], ref: [1], similarity: strong }];
    const route: OrderRoute = { floor: ROUTE.floor, window: 1, reach: 3 };
    expect(key(extendInOrder(base, rows, mutualBest(rows), route))).toEqual(['1-1', '2-4', '5-5']);
    // Swapped sides, the same pairs; without the reach (a square window of 1), only the anchor.
    const swapped = extendInOrder(
      [{ page: [1], ref: [1], similarity: strong }],
      transpose(rows, 6),
      mutualBest(transpose(rows, 6)),
      route,
    );
    expect(key(swapped, true)).toEqual(['1-1', '2-4', '5-5']);
    expect(key(extendInOrder(base, rows, mutualBest(rows), { floor: ROUTE.floor, window: 1 }))).toEqual([
      '1-1',
    ]);
    // Both sides farther than the window: not taken, whatever the reach.
    const far = rowsOf(6, [
      [1, 1, strong],
      [3, 4, weak],
    ]);
    expect(key(extendInOrder(base, far, mutualBest(far), route))).toEqual(['1-1']);
  });

  it('needs the floor, and is off when the caller turns it off', () => {
    const rows = rowsOf(3, [
      [0, 0, strong],
      [1, 1, ROUTE.floor - 0.01],
      [2, 2, weak],
    ]);
    const texts = [] as never[];
    // Page 1 is below the floor, so page 2 is two sentences from the anchor: within the window.
    expect(key(selectPairs(rows, texts, texts, { merge: false, order: ROUTE }))).toEqual(['0-0', '2-2']);
    expect(key(selectPairs(rows, texts, texts, { merge: false, order: null }))).toEqual(['0-0']);
  });
});

describe('symmetry', () => {
  it('gives the same pairs with page and reference swapped (ties included)', () => {
    // A fixed pseudo-random matrix with ties, so that no tie-break depends on which side is the page.
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 14;
    const m = 19;
    const cells: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        const s = Math.round((0.26 + 0.4 * rnd() ** 3) * 40) / 40;
        if (rnd() < 0.5) cells.push([i, j, s]);
      }
    const rows = rowsOf(n, cells);
    const texts = [] as never[];
    const fwd = selectPairs(rows, texts, texts, { merge: false, order: ROUTE });
    const rev = selectPairs(transpose(rows, m), texts, texts, { merge: false, order: ROUTE });
    expect(fwd.length).toBeGreaterThan(2);
    expect(key(fwd)).toEqual(key(rev, true));
  });
});
