// The fast least-squares paths used from 50 000 rows — the corrected semi-normal equations
// (src/estimate/normalEquations.ts) and the blocked QR (src/estimate/qr.ts) — forced on the small
// reference problems: each must give the reference numbers to 1e-8 like the plain Householder QR,
// and fall back to it (same rank decisions) on collinear or ill-conditioned designs.
// reference: R 4.2.2 lm / plm 2.6.2 / sandwich 3.0.2 fixtures of test/reference/ols.R and fe.R
//            (committed JSON); closed forms for the fallback checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { qrLeastSquares, setDefaultQrMethod } from "../../src/estimate/qr";
import { assertCoefs, assertClose, assertVcov, datasetFrame, loadReference } from "../reference/lib/fixtures";
import { rng, normal, maxRelDiff } from "./synthetic";

const TOL = 1e-8;

function withMethod<T>(method: "blocked" | "normal", f: () => T): T {
  const prev = setDefaultQrMethod(method);
  try {
    return f();
  } finally {
    setDefaultQrMethod(prev);
  }
}

for (const method of ["blocked", "normal"] as const) {
  for (const name of ["ols", "fe"] as const) {
    const ref = loadReference(name);
    for (const c of ref.cases ?? []) {
      test(`${method} fast path: ${name} ${c.id} matches the R reference to 1e-8`, () => {
        const data = datasetFrame(ref, c.dataset);
        const r = withMethod(method, () => (name === "ols" ? fit(data, c.formula, { model: "ols", panel: c.panel }) : fit(data, c.formula, { panel: c.panel })));
        const s = c.stats as Record<string, number>;
        assert.equal(r.nobs, s.nobs);
        assertCoefs(r.coefNames, r.coef, c.coef, TOL, `${c.id} ${method}`);
        assertClose(r.rss, s.rss, TOL, `${c.id} rss ${method}`);
        for (const v of c.vcov) {
          const rv = r.withVcov(v.spec, v.ssc);
          assertVcov(rv.coefNames, rv.vcov, v.value, TOL, `${c.id} ${v.label} ${method}`);
        }
      });
    }
  }
}

test("blocked QR = Householder QR on a tall weighted problem (coef, bread, residuals, Q form of the scores)", () => {
  const u0 = rng(5);
  const u = normal(u0);
  const n = 60_000;
  const one = new Float64Array(n).fill(1);
  const a = Float64Array.from({ length: n }, u);
  const b = Float64Array.from({ length: n }, (_, i) => 0.5 * a[i]! + u());
  const y = Float64Array.from({ length: n }, (_, i) => 1 + 2 * a[i]! - b[i]! + u());
  const w = Float64Array.from({ length: n }, () => 0.2 + u0());
  const f = qrLeastSquares([one, a, b], y, { weights: w, wantQ: true, method: "blocked" });
  const g = qrLeastSquares([one, a, b], y, { weights: w, wantQ: true, method: "householder" });
  assert.ok(maxRelDiff(f.coef, g.coef) < 1e-10, `coef ${maxRelDiff(f.coef, g.coef)}`);
  assert.ok(maxRelDiff(f.bread, g.bread) < 1e-10, `bread ${maxRelDiff(f.bread, g.bread)}`);
  assert.ok(Math.abs(f.rss - g.rss) < 1e-10 * g.rss);
  let dr = 0;
  for (let i = 0; i < n; i++) dr = Math.max(dr, Math.abs(f.resid[i]! - g.resid[i]!));
  assert.ok(dr < 1e-10, `resid ${dr}`);
  // Q₁ has orthonormal columns and P·qᵢ = B·xᵢ·√wᵢ (the identity the sandwich Q form uses)
  const k = 3;
  for (let c = 0; c < k; c++)
    for (let d = 0; d < k; d++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += f.Q![c]![i]! * f.Q![d]![i]!;
      assert.ok(Math.abs(s - (c === d ? 1 : 0)) < 1e-10, `Q'Q[${c},${d}] = ${s}`);
    }
  const X = [one, a, b];
  for (const i of [0, 17, n - 1]) {
    for (let r = 0; r < k; r++) {
      let pq = 0;
      let bx = 0;
      for (let c = 0; c < k; c++) {
        pq += f.P[r * k + c]! * f.Q![c]![i]!;
        bx += f.bread[r * k + c]! * X[c]![i]! * Math.sqrt(w[i]!);
      }
      assert.ok(Math.abs(pq - bx) < 1e-12 * Math.max(1, Math.abs(bx)), `row ${i}: P q = ${pq}, B x √w = ${bx}`);
    }
  }
});

test("blocked QR falls back to Householder on a collinear or ill-conditioned design", () => {
  const u = normal(rng(9));
  const n = 60_000;
  const one = new Float64Array(n).fill(1);
  const a = Float64Array.from({ length: n }, u);
  const c = a.map((v) => 3 * v + 2); // collinear with [one, a]
  const y = Float64Array.from({ length: n }, u);
  const f = qrLeastSquares([one, a, c], y, { method: "blocked" });
  assert.deepEqual(f.dropped, [2]);
  const near = a.map((v, i) => v + 1e-6 * (i % 7)); // nearly collinear: plain QR decides, with refinement
  const g = qrLeastSquares([one, a, near], y, { method: "blocked" });
  const h = qrLeastSquares([one, a, near], y, { method: "householder" });
  assert.deepEqual(Array.from(g.coef), Array.from(h.coef));
});

test("semi-normal equations = Householder QR on a tall weighted problem (coef, bread, P, residuals; no Q)", () => {
  // reference: our plain Householder QR on the same problem
  const u0 = rng(7);
  const u = normal(u0);
  const n = 60_000;
  const one = new Float64Array(n).fill(1);
  const a = Float64Array.from({ length: n }, () => 5 + u());
  const b = Float64Array.from({ length: n }, (_, i) => 0.8 * a[i]! + u());
  const y = Float64Array.from({ length: n }, (_, i) => 1 + 2 * a[i]! - b[i]! + u());
  const w = Float64Array.from({ length: n }, () => 0.2 + u0());
  for (const weights of [undefined, w]) {
    const f = qrLeastSquares([one, a, b], y, { weights, wantQ: true, method: "normal" });
    const g = qrLeastSquares([one, a, b], y, { weights, wantQ: true, method: "householder" });
    assert.equal(f.Q, null); // the Q factor is not formed: the sandwich uses the X form
    assert.ok(g.Q !== null);
    assert.ok(maxRelDiff(f.coef, g.coef) < 1e-12, `coef ${maxRelDiff(f.coef, g.coef)}`);
    assert.ok(maxRelDiff(f.bread, g.bread) < 1e-10, `bread ${maxRelDiff(f.bread, g.bread)}`);
    // P P' = bread
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let l = 0; l < 3; l++) s += f.P[r * 3 + l]! * f.P[c * 3 + l]!;
        assert.ok(Math.abs(s - f.bread[r * 3 + c]!) <= 1e-12 * Math.abs(f.bread[r * 3 + r]!));
      }
    assert.ok(Math.abs(f.rss - g.rss) < 1e-12 * g.rss);
    let dr = 0;
    for (let i = 0; i < n; i++) dr = Math.max(dr, Math.abs(f.resid[i]! - g.resid[i]!));
    assert.ok(dr < 1e-11, `resid ${dr}`);
  }
});

test("semi-normal equations decline collinear and nearly collinear designs (Householder decides)", () => {
  // reference: the plain Householder QR's decisions and numbers (bit-identical after the fallback)
  const u = normal(rng(13));
  const n = 60_000;
  const one = new Float64Array(n).fill(1);
  const a = Float64Array.from({ length: n }, u);
  const y = Float64Array.from({ length: n }, u);
  const c = a.map((v) => 3 * v + 2); // collinear with [one, a]
  assert.deepEqual(qrLeastSquares([one, a, c], y, { method: "normal" }).dropped, [2]);
  for (const eps of [1e-6, 1e-3]) {
    // nearly collinear: κ ≈ 1/eps, beyond the path's κ ≤ 1e3 limit
    const near = a.map((v, i) => v + eps * ((i % 7) - 3));
    const g = qrLeastSquares([one, a, near], y, { method: "normal" });
    const h = qrLeastSquares([one, a, near], y, { method: "householder" });
    assert.deepEqual(Array.from(g.coef), Array.from(h.coef));
  }
});
