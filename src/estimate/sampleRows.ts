/**
 * The estimation sample as a row mask: marking the rows a variable drops (missing or non-finite
 * values, missing FE codes), the kept row indices, and gathering a column at those rows. Used by
 * `fit()` (src/estimate/fit.ts) and `fitPpml()` (src/estimate/ppml.ts).
 *
 * Every marker returns `cnt` (values of the variable that are missing) and `fresh` (those in rows
 * still kept when it ran): marking the variables one after the other, Σ fresh is the number of rows
 * dropped, each counted once, for the first variable that drops it.
 */
import { prefault } from "../frame";

/** What a marker found: missing values of the variable, and how many of their rows were still kept. */
export interface MarkedRows {
  cnt: number;
  fresh: number;
}

/**
 * keep[i] ← 0 where col[i] is NaN or ±Infinity.
 *
 * @example
 * const keep = Uint8Array.of(1, 0, 1);
 * markNonFiniteRows(Float64Array.of(NaN, Infinity, 1), keep); // { cnt: 2, fresh: 1 }; keep = [0, 0, 1]
 */
export function markNonFiniteRows(col: Float64Array, keep: Uint8Array): MarkedRows {
  let cnt = 0;
  let fresh = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v - v !== 0) {
      cnt++;
      fresh += keep[i]!;
      keep[i] = 0;
    }
  }
  return { cnt, fresh };
}

/**
 * {@link markNonFiniteRows} for several columns, four per pass: a row is tested once through
 * Σ_c (x_c − x_c) (0 when every value is finite, NaN otherwise) and only a flagged row is looked at
 * column by column — in column order, so `fresh` is attributed as by one column after the other.
 *
 * @example
 * markNonFiniteColumns([Float64Array.of(NaN, 1), Float64Array.of(NaN, 2)], Uint8Array.of(1, 1)); // [{ cnt: 1, fresh: 1 }, { cnt: 1, fresh: 0 }]
 */
export function markNonFiniteColumns(cols: readonly Float64Array[], keep: Uint8Array): MarkedRows[] {
  const out = cols.map(() => ({ cnt: 0, fresh: 0 }));
  let j = 0;
  for (; j + 3 < cols.length; j += 4) {
    const a = cols[j]!;
    const b = cols[j + 1]!;
    const c = cols[j + 2]!;
    const d = cols[j + 3]!;
    for (let i = 0; i < a.length; i++) {
      const va = a[i]!;
      const vb = b[i]!;
      const vc = c[i]!;
      const vd = d[i]!;
      if (va - va + (vb - vb) + (vc - vc) + (vd - vd) !== 0) {
        for (let q = 0; q < 4; q++) {
          const v = cols[j + q]![i]!;
          if (v - v !== 0) {
            const m = out[j + q]!;
            m.cnt++;
            m.fresh += keep[i]!;
            keep[i] = 0;
          }
        }
      }
    }
  }
  for (; j < cols.length; j++) out[j] = markNonFiniteRows(cols[j]!, keep);
  return out;
}

/**
 * {@link markNonFiniteRows} for NaN only (±Infinity is a value: a cluster id; PPML reports it later).
 *
 * @example
 * markNaNRows(Float64Array.of(NaN, Infinity), Uint8Array.of(1, 1)); // { cnt: 1, fresh: 1 }
 */
export function markNaNRows(col: Float64Array, keep: Uint8Array): MarkedRows {
  let cnt = 0;
  let fresh = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v !== v) {
      cnt++;
      fresh += keep[i]!;
      keep[i] = 0;
    }
  }
  return { cnt, fresh };
}

/**
 * {@link markNonFiniteRows} for codes (FE levels, panel ids): −1 = missing.
 *
 * @example
 * markNegativeRows(Int32Array.of(0, -1, 2), Uint8Array.of(1, 1, 1)); // { cnt: 1, fresh: 1 }
 */
export function markNegativeRows(codes: Int32Array, keep: Uint8Array): MarkedRows {
  let cnt = 0;
  let fresh = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i]! < 0) {
      cnt++;
      fresh += keep[i]!;
      keep[i] = 0;
    }
  }
  return { cnt, fresh };
}

/**
 * The indices i with keep[i] = 1, in order (`count` of them when the caller knows it: then no
 * counting pass, and 0..n−1 without reading keep when every row is kept).
 *
 * @example
 * keptRows(Uint8Array.of(1, 0, 1)); // Int32Array [0, 2]
 */
export function keptRows(keep: Uint8Array, count?: number): Int32Array {
  let m = count ?? 0;
  if (count === undefined) for (let i = 0; i < keep.length; i++) m += keep[i]!;
  const rows = prefault(new Int32Array(m));
  if (m === keep.length) {
    for (let i = 0; i < m; i++) rows[i] = i;
    return rows;
  }
  for (let i = 0, j = 0; i < keep.length; i++) if (keep[i]) rows[j++] = i;
  return rows;
}

/**
 * col[rows[i]] for every i (a column restricted to the estimation sample).
 *
 * @example
 * gatherRows(Float64Array.of(5, 6, 7), Int32Array.of(0, 2)); // Float64Array [5, 7]
 */
export function gatherRows(col: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = col[rows[i]!]!;
  return out;
}

/**
 * {@link gatherRows} for integer codes.
 *
 * @example
 * gatherInts(Int32Array.of(5, 6, 7), Int32Array.of(2)); // Int32Array [7]
 */
export function gatherInts(col: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = col[rows[i]!]!;
  return out;
}
