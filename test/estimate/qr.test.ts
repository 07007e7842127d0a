import { test } from "node:test";
import assert from "node:assert/strict";
import { qrLeastSquares } from "../../src/estimate/qr";
import { rng, normal, maxRelDiff } from "./synthetic";

// reference: closed forms (exact polynomial fits; FWL/normal-equation identities checked in the test)

test("exact polynomial data are fitted exactly (coefficients to 1e-12)", () => {
  const n = 30;
  const x = Float64Array.from({ length: n }, (_, i) => i / 3);
  const one = new Float64Array(n).fill(1);
  const x2 = x.map((v) => v * v);
  const beta = [0.5, -2, 0.125];
  const y = x.map((v, i) => beta[0]! + beta[1]! * v + beta[2]! * x2[i]!);
  const f = qrLeastSquares([one, x, x2], y);
  assert.ok(maxRelDiff(f.coef, beta) < 1e-12, `coef ${Array.from(f.coef)}`);
  assert.ok(f.rss < 1e-20);
  assert.deepEqual(f.dropped, []);
});

test("a collinear column is dropped (the later one, as R lm) and reported", () => {
  const u = normal(rng(3));
  const n = 40;
  const one = new Float64Array(n).fill(1);
  const a = Float64Array.from({ length: n }, u);
  const b = Float64Array.from({ length: n }, u);
  const c = a.map((v, i) => 2 * v - b[i]! + 1); // c = 2a − b + 1
  const y = Float64Array.from({ length: n }, u);
  const f = qrLeastSquares([one, a, b, c], y);
  assert.deepEqual(f.dropped, [3]);
  assert.deepEqual(f.kept, [0, 1, 2]);
  assert.ok(Number.isNaN(f.coef[3]!));
  const g = qrLeastSquares([one, a, b], y);
  assert.ok(maxRelDiff(f.coef.subarray(0, 3), g.coef) < 1e-12);
});

test("bread is the inverse of X'WX and the residual is orthogonal to X (weighted)", () => {
  const u0 = rng(7);
  const u = normal(u0);
  const n = 50;
  const X = [new Float64Array(n).fill(1), Float64Array.from({ length: n }, u), Float64Array.from({ length: n }, u)];
  const y = Float64Array.from({ length: n }, u);
  const w = Float64Array.from({ length: n }, () => 0.5 + u0());
  const f = qrLeastSquares(X, y, { weights: w });
  const k = 3;
  // X'WX computed here only to check the identity B·(X'WX) = I
  const A = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) for (let i = 0; i < n; i++) A[a * k + b] += X[a]![i]! * w[i]! * X[b]![i]!;
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += f.bread[a * k + l]! * A[l * k + b]!;
      assert.ok(Math.abs(s - (a === b ? 1 : 0)) < 1e-12, `B·A[${a},${b}] = ${s}`);
    }
  for (const col of X) {
    let s = 0;
    for (let i = 0; i < n; i++) s += col[i]! * w[i]! * f.resid[i]!;
    assert.ok(Math.abs(s) < 1e-10, `X'Wr = ${s}`);
  }
  let rss = 0;
  for (let i = 0; i < n; i++) rss += w[i]! * f.resid[i]! ** 2;
  assert.ok(Math.abs(rss - f.rss) / rss < 1e-12);
  // WLS = OLS on √w-scaled data
  const sw = w.map(Math.sqrt);
  const g = qrLeastSquares(X.map((c) => c.map((v, i) => v * sw[i]!)), y.map((v, i) => v * sw[i]!));
  assert.ok(maxRelDiff(f.coef, g.coef) < 1e-12);
});

test("rejects non-positive weights and ragged columns with a message", () => {
  const one = new Float64Array(3).fill(1);
  assert.throws(() => qrLeastSquares([one], Float64Array.of(1, 2, 3), { weights: Float64Array.of(1, 0, 1) }), /weight at row 1 is 0/);
  assert.throws(() => qrLeastSquares([Float64Array.of(1, 2)], Float64Array.of(1, 2, 3)), /column 0 has 2 rows, y has 3/);
});
