import { test } from "node:test";
import assert from "node:assert/strict";
import { demean, dropSingletonRows, redundantLevels, isNested, factorize } from "../../src/estimate/demean";
import { qrLeastSquares } from "../../src/estimate/qr";
import { pivotedCholesky } from "../../src/estimate/demeanDirect";
import { rng, normal, maxRelDiff } from "./synthetic";

// reference: closed forms — one FE = group-mean subtraction; several FE = residual of the LSDV
// regression on all dummies (Frisch–Waugh–Lovell), computed here with our own QR.

function dummies(codes: Int32Array, skipFirst: boolean): Float64Array[] {
  const G = Math.max(...codes) + 1;
  const out: Float64Array[] = [];
  for (let g = skipFirst ? 1 : 0; g < G; g++) out.push(Float64Array.from(codes, (c) => (c === g ? 1 : 0)));
  return out;
}

test("one FE: exact group-mean subtraction in one sweep", () => {
  const x = Float64Array.of(1, 3, 10, 20, 5);
  const g = Int32Array.of(0, 0, 1, 1, 2);
  const d = demean([x], [g]);
  assert.deepEqual(Array.from(d.columns[0]!), [-1, 1, -5, 5, 0]);
  assert.equal(d.iterations, 1);
  assert.ok(d.converged);
});

test("three FE on an unbalanced design: demeaned column = LSDV residual (weighted too)", () => {
  const u0 = rng(11);
  const u = normal(u0);
  const n = 300;
  const a = Int32Array.from({ length: n }, () => Math.floor(u0() * 15));
  const b = Int32Array.from({ length: n }, () => Math.floor(u0() * 8));
  const c = Int32Array.from({ length: n }, () => Math.floor(u0() * 4));
  const x = Float64Array.from({ length: n }, u);
  const w = Float64Array.from({ length: n }, () => 0.2 + u0());
  const D = [new Float64Array(n).fill(1), ...dummies(a, true), ...dummies(b, true), ...dummies(c, true)];
  for (const weights of [undefined, w]) {
    const lsdv = qrLeastSquares(D, x, { weights });
    for (const method of ["cg", "irons-tuck"] as const) {
      const d = demean([x], [a, b, c], { weights, tol: 1e-13, method });
      assert.ok(d.converged);
      assert.ok(maxRelDiff(d.columns[0]!, lsdv.resid) < 1e-9, `${method}: max diff ${maxRelDiff(d.columns[0]!, lsdv.resid)}`);
    }
  }
});

test("singletons are removed recursively", () => {
  // rows: (a,b) = (0,0) (0,1) (1,1) (2,2) (2,2)
  // a=1 is a singleton → drop row 2; then b=1 has one row left (row 1) → drop; then a=0 has one → drop row 0
  const a = Int32Array.of(0, 0, 1, 2, 2);
  const b = Int32Array.of(0, 1, 1, 2, 2);
  const s = dropSingletonRows([a, b]);
  assert.deepEqual(Array.from(s.keep), [0, 0, 0, 1, 1]);
  assert.equal(s.dropped, 3);
});

test("redundant levels: second FE counts connected components", () => {
  // two disconnected blocks: ids {0,1} with years {0,1}; ids {2,3} with years {2,3}
  const id = Int32Array.of(0, 0, 1, 1, 2, 2, 3, 3);
  const yr = Int32Array.of(0, 1, 0, 1, 2, 3, 2, 3);
  assert.deepEqual(redundantLevels([id, yr]), [0, 2]);
  // rank check with our QR: 4 + 4 − 2 = 6 independent dummy columns
  const q = qrLeastSquares([...dummies(id, false), ...dummies(yr, false)], Float64Array.from(id, () => 1));
  assert.equal(q.rank, 6);
});

test("redundant levels = Ga + Gb − rank of the dummy matrix on random sparse designs (sorted and shuffled rows)", () => {
  // reference: rank of [D_A D_B] from our Householder QR (the identified FE parameters)
  const u = rng(11);
  for (let rep = 0; rep < 6; rep++) {
    const n = 40 + Math.floor(u() * 40);
    const Ga = 6 + Math.floor(u() * 10);
    const Gb = 3 + Math.floor(u() * 6);
    let rows = Array.from({ length: n }, () => [Math.floor(u() * Ga), Math.floor(u() * Gb)] as const);
    if (rep % 2 === 0) rows = rows.sort((p, q) => p[0] - q[0]); // entity-major (the cached-root path)
    // renumber to the levels that occur (every code 0..G−1 used)
    const ra = factorize(rows.map((r) => r[0])).codes;
    const rb = factorize(rows.map((r) => r[1])).codes;
    const ga = Math.max(...ra) + 1;
    const gb = Math.max(...rb) + 1;
    const q = qrLeastSquares([...dummies(ra, false), ...dummies(rb, false)], Float64Array.from(ra, () => 1));
    const expected = ga + gb - q.rank;
    assert.deepEqual(redundantLevels([ra, rb]), [0, expected], `rep ${rep}`);
    assert.deepEqual(redundantLevels([ra, rb], [ga, gb]), [0, expected], `rep ${rep} (known group counts)`);
  }
});

test("dropSingletonRows with known group counts = without", () => {
  const u = rng(12);
  const a = Int32Array.from({ length: 60 }, () => Math.floor(u() * 25));
  const b = Int32Array.from({ length: 60 }, () => Math.floor(u() * 8));
  const keep0 = Uint8Array.from({ length: 60 }, () => (u() < 0.9 ? 1 : 0));
  const ga = Math.max(...a) + 1;
  const gb = Math.max(...b) + 1;
  const s0 = dropSingletonRows([a, b], keep0);
  const s1 = dropSingletonRows([a, b], keep0, [ga, gb]);
  assert.ok(s0.dropped > 0, "the design has singletons");
  assert.deepEqual(s1, s0);
  assert.throws(() => dropSingletonRows([a, b], keep0, [ga]), /2 fixed effects/);
});

test("isNested and factorize", () => {
  assert.equal(isNested(Int32Array.of(0, 0, 1, 2), Int32Array.of(7, 7, 7, 8)), true);
  assert.equal(isNested(Int32Array.of(0, 0, 1), Int32Array.of(7, 8, 8)), false);
  const f = factorize(["b", "a", "b", "c"]);
  assert.deepEqual(Array.from(f.codes), [1, 0, 1, 2]);
  assert.deepEqual(f.levels, ["a", "b", "c"]);
  assert.deepEqual(factorize([10, 2, 10]).levels, ["2", "10"]);
  assert.throws(() => factorize(["a", null]), /missing value at row 1/);
});

test("poorly connected two-way design (a chain): conjugate gradient reaches the LSDV residual", () => {
  // firm g is linked only to workers g and g+1: alternating projections need ~G² sweeps here
  const G = 120;
  const a: number[] = [];
  const b: number[] = [];
  for (let g = 0; g < G; g++) for (let r = 0; r < 2; r++) {
    a.push(g, g);
    b.push(g, g + 1);
  }
  const fa = Int32Array.from(a);
  const fb = Int32Array.from(b);
  const u = rng(5);
  const x = Float64Array.from(fa, () => u());
  const lsdv = qrLeastSquares([new Float64Array(fa.length).fill(1), ...dummies(fa, true), ...dummies(fb, true)], x);
  const d = demean([x], [fa, fb]);
  assert.ok(d.converged);
  assert.ok(maxRelDiff(d.columns[0]!, lsdv.resid) < 1e-9, `max diff ${maxRelDiff(d.columns[0]!, lsdv.resid)}`);
  assert.ok(d.iterations < 2000, `${d.iterations} iterations`);
});

test("two FE, one with few levels: the direct solve equals the LSDV residual (unbalanced, weighted, two components)", () => {
  // reference: LSDV residual on all dummies by our Householder QR (Frisch–Waugh–Lovell)
  const u0 = rng(23);
  const u = normal(u0);
  const n = 400;
  // block 1: entities 0..19 × years 0..5; block 2: entities 20..29 × years 6..9 (not connected)
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (i < 280) {
      a[i] = Math.floor(u0() * 20);
      b[i] = Math.floor(u0() * 6);
    } else {
      a[i] = 20 + Math.floor(u0() * 10);
      b[i] = 6 + Math.floor(u0() * 4);
    }
  }
  const x = Float64Array.from({ length: n }, () => 3 + u());
  const w = Float64Array.from({ length: n }, () => 0.1 + u0());
  const D = [new Float64Array(n).fill(1), ...dummies(a, true), ...dummies(b, true)];
  for (const weights of [undefined, w]) {
    const lsdv = qrLeastSquares(D, x, { weights, method: "householder" });
    const d = demean([x], [a, b], { weights });
    assert.equal(d.method, "direct");
    assert.equal(d.iterations, 1);
    assert.ok(maxRelDiff(d.columns[0]!, lsdv.resid) < 1e-11, `max diff ${maxRelDiff(d.columns[0]!, lsdv.resid)}`);
    // the same limit as conjugate gradient
    const cg = demean([x], [a, b], { weights, method: "cg", tol: 1e-13 });
    assert.equal(cg.method, "cg");
    assert.ok(maxRelDiff(d.columns[0]!, cg.columns[0]!) < 1e-10);
  }
  // the FE order does not matter (the FE with fewer levels is the one solved directly)
  const swapped = demean([x], [b, a]);
  assert.equal(swapped.method, "direct");
  assert.ok(maxRelDiff(swapped.columns[0]!, demean([x], [a, b]).columns[0]!) < 1e-12);
});

test("direct solve on a balanced weighted panel (every entity in every year: the dense-block build of S) equals the LSDV residual", () => {
  // reference: LSDV residual on all dummies by our Householder QR (Frisch–Waugh–Lovell); 300 entities
  // fill one block of 256 and part of a second (planTwoWayDirect's DENSE_BLOCK), some entities with equal weights
  const u0 = rng(31);
  const u = normal(u0);
  const G = 300;
  const T = 6;
  const n = G * T;
  const a = Int32Array.from({ length: n }, (_, i) => Math.floor(i / T));
  const b = Int32Array.from({ length: n }, (_, i) => i % T);
  const x = Float64Array.from({ length: n }, () => 3 + u());
  const w = Float64Array.from({ length: n }, (_, i) => (a[i]! % 10 === 0 ? 0.7 : 0.1 + u0()));
  const D = [new Float64Array(n).fill(1), ...dummies(a, true), ...dummies(b, true)];
  const lsdv = qrLeastSquares(D, x, { weights: w, method: "householder" });
  const d = demean([x], [a, b], { weights: w });
  assert.equal(d.method, "direct");
  assert.equal(d.iterations, 1);
  assert.ok(maxRelDiff(d.columns[0]!, lsdv.resid) < 1e-11, `max diff ${maxRelDiff(d.columns[0]!, lsdv.resid)}`);
});

test("direct two-way solve: a failed check continues by conjugate gradient from the direct result", () => {
  // reference: LSDV residual (our QR); tol = 0 makes every check of the direct solve fail, so the
  // conjugate-gradient fallback runs (from an input that is already demeaned: it must stop at the
  // rounding floor, not iterate on noise)
  const u0 = rng(29);
  const n = 200;
  const a = Int32Array.from({ length: n }, () => Math.floor(u0() * 25));
  const b = Int32Array.from({ length: n }, () => Math.floor(u0() * 5));
  const x = Float64Array.from({ length: n }, () => u0());
  const lsdv = qrLeastSquares([new Float64Array(n).fill(1), ...dummies(a, true), ...dummies(b, true)], x, { method: "householder" });
  for (const maxIter of [30, 1000]) {
    const d = demean([x], [a, b], { tol: 0, maxIter });
    assert.equal(d.method, "direct+cg");
    assert.ok(d.converged);
    assert.ok(maxRelDiff(d.columns[0]!, lsdv.resid) < 1e-11, `max diff ${maxRelDiff(d.columns[0]!, lsdv.resid)}`);
  }
  // and the iterative methods with tol 0 from the raw column stop at the floor with the right answer
  for (const method of ["cg", "irons-tuck"] as const) {
    const d = demean([x], [a, b], { tol: 0, maxIter: 5000, method });
    assert.ok(maxRelDiff(d.columns[0]!, lsdv.resid) < 1e-10, `${method}: max diff ${maxRelDiff(d.columns[0]!, lsdv.resid)}`);
  }
});

test("pivotedCholesky: rank, pivots and P'SP = LL' on a semidefinite matrix", () => {
  // reference: closed form — S = V V' with V 4×2 has rank 2
  const V = [
    [1, 2],
    [0, 1],
    [3, -1],
    [2, 2],
  ];
  const m = 4;
  const S = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) S[i * m + j] = V[i]![0]! * V[j]![0]! + V[i]![1]! * V[j]![1]!;
  const { L, perm, rank } = pivotedCholesky(S, m, 1e-12);
  assert.equal(rank, 2);
  assert.equal(perm[0], 2); // the largest diagonal (10) is the first pivot
  for (let i = 0; i < rank; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += L[i * rank + k]! * L[j * rank + k]!;
      assert.ok(Math.abs(s - S[perm[i]! * m + perm[j]!]!) < 1e-12);
    }
  }
});

test("direct two-way solve = LSDV residual on random sparse designs (unused levels, singletons-like levels, unsorted, weighted)", () => {
  // reference: LSDV residual on all dummies by our Householder QR (Frisch–Waugh–Lovell)
  for (let seed = 1; seed <= 6; seed++) {
    const u0 = rng(100 + seed);
    const n = 150 + Math.floor(u0() * 150);
    const Ga = 10 + Math.floor(u0() * 40);
    const Gb = 3 + Math.floor(u0() * 12);
    const a = Int32Array.from({ length: n }, () => Math.floor(u0() ** 2 * Ga)); // skewed level sizes
    const b = Int32Array.from({ length: n }, () => Math.floor(u0() * Gb) * (seed % 2 === 0 ? 1 : 2) % Gb); // odd seeds: every other level unused
    const x = Float64Array.from({ length: n }, () => 100 * u0() - 50);
    const w = Float64Array.from({ length: n }, () => Math.exp(4 * u0() - 2));
    const cols = (codes: Int32Array): Float64Array[] => {
      const used = [...new Set(codes)].sort((p, q) => p - q).slice(1);
      return used.map((g) => Float64Array.from(codes, (c) => (c === g ? 1 : 0)));
    };
    const D = [new Float64Array(n).fill(1), ...cols(a), ...cols(b)];
    for (const weights of [undefined, w]) {
      const lsdv = qrLeastSquares(D, x, { weights, method: "householder" });
      const d = demean([x], [a, b], { weights });
      assert.equal(d.method, "direct", `seed ${seed}`);
      assert.ok(maxRelDiff(d.columns[0]!, lsdv.resid) < 1e-10, `seed ${seed} weighted ${weights !== undefined}: max diff ${maxRelDiff(d.columns[0]!, lsdv.resid)}`);
    }
  }
});
