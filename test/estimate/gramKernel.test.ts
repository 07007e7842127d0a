// The row kernels of src/estimate/gramKernel.ts (tiled Gram matrix, residuals) against the definition.
// reference: G[j,l] = Σᵢ wᵢ x_j[i] x_l[i] summed directly (row order, one accumulator), upper triangle
import { test } from "node:test";
import assert from "node:assert/strict";
import { GRAM_BLOCK_ROWS, gramRows, residualRows } from "../../src/estimate/gramKernel";
import { rng } from "./synthetic";

function direct(cols: Float64Array[], w: Float64Array | null, r0: number, r1: number): Float64Array {
  const m = cols.length;
  const G = new Float64Array(m * m);
  for (let j = 0; j < m; j++)
    for (let l = j; l < m; l++) {
      let s = 0;
      for (let i = r0; i < r1; i++) s += (w ? w[i]! : 1) * cols[j]![i]! * cols[l]![i]!;
      G[j * m + l] = s;
    }
  return G;
}

test("gramRows = the direct sums on the upper triangle (m = 1…9, weighted or not, ranges across block ends)", () => {
  const u = rng(21);
  const n = 2 * GRAM_BLOCK_ROWS + 777;
  for (let m = 1; m <= 9; m++) {
    const cols = Array.from({ length: m }, () => Float64Array.from({ length: n }, () => u() * 6 - 2));
    const w = Float64Array.from({ length: n }, () => 0.1 + u());
    for (const weights of [null, w]) {
      for (const [r0, r1] of [[0, n], [5, n - 3], [GRAM_BLOCK_ROWS - 1, GRAM_BLOCK_ROWS + 2], [10, 10]] as const) {
        const G = new Float64Array(m * m);
        gramRows(cols, weights, r0, r1, G);
        const ref = direct(cols, weights, r0, r1);
        for (let j = 0; j < m; j++)
          for (let l = j; l < m; l++) {
            const scale = Math.sqrt(ref[j * m + j]! * ref[l * m + l]!) || 1;
            assert.ok(Math.abs(G[j * m + l]! - ref[j * m + l]!) <= 1e-13 * scale, `m ${m} (${j},${l}) rows ${r0}–${r1} weighted ${weights !== null}`);
          }
        if (r1 > r0) assert.ok(G[0]! > 0);
      }
    }
  }
});

test("residualRows = y − Xb row by row and Σ w r² (ranges across block ends, 1…6 columns)", () => {
  // reference: the definition, computed directly (one column at a time, then the sum of squares)
  const u = rng(22);
  const n = 3 * GRAM_BLOCK_ROWS + 111;
  for (let p = 1; p <= 6; p++) {
    const X = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => u() * 4 - 2));
    const y = Float64Array.from({ length: n }, () => u() * 10);
    const b = Float64Array.from({ length: p }, () => u() - 0.5);
    const w = Float64Array.from({ length: n }, () => 0.5 + u());
    for (const weights of [null, w]) {
      const r0 = 7;
      const r1 = n - 5;
      const r = new Float64Array(n);
      const ss = residualRows(r, X, y, b, weights, r0, r1);
      let ssRef = 0;
      for (let i = r0; i < r1; i++) {
        let e = y[i]!;
        for (let c = 0; c < p; c++) e -= b[c]! * X[c]![i]!;
        assert.ok(Math.abs(r[i]! - e) <= 1e-13 * (Math.abs(y[i]!) + 1), `p ${p} row ${i}`);
        ssRef += (weights ? weights[i]! : 1) * e * e;
      }
      assert.equal(r[0], 0, "rows before r0 untouched");
      assert.equal(r[n - 1], 0, "rows from r1 on untouched");
      assert.ok(Math.abs(ss - ssRef) <= 1e-12 * ssRef, `p ${p} weighted ${weights !== null}`);
    }
  }
});
