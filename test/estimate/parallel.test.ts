// The helper thread of the exact two-way demeaning (src/estimate/parallel.ts startHelperDirect):
// it must complete its job (its worker source carries every function the solve calls) and give the
// same bits as the main thread.
// reference: demeanTwoWayDirectColumn called on the main thread (same code, same operations); for the
// Gram matrix, the same least squares on unshared columns (every row on the main thread)
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { planTwoWayDirect, twoWayWork, demeanTwoWayDirectColumn, demeanTwoWayDirectColumns } from "../../src/estimate/demeanDirect";
import { helperThreadAvailable, isShared, rowSplit, sharedCopy, sharedFloat64, sharedPlan, startHelperClusterSums, startHelperDirect, startHelperGram, startHelperResidual, startHelperThread, sharedCopyInt } from "../../src/estimate/parallel";
import { clusterScoreMeat } from "../../src/vcov/sandwich";
import { clusterScoreSums } from "../../src/vcov/clusterKernel";
import { gramRows, residualRows } from "../../src/estimate/gramKernel";
import { qrLeastSquares } from "../../src/estimate/qr";
import { rng, syntheticPanel } from "./synthetic";
import { demean } from "../../src/estimate/demean";
import { fit } from "../../src/estimate/index";
import { isNumeric, makeFrame, numeric, numericColumn, SHARED_MIN_ROWS } from "../../src/frame";

const threads = process.env.BRI_CBEC_THREADS !== "1" && availableParallelism() >= 2;

test("exact two-way demeaning on the helper thread = the main thread, bit for bit (sorted/unsorted rows, with/without weights)", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, () => {
  const n = 60_000;
  const u = rng(41);
  for (const sorted of [true, false]) {
    const a = Int32Array.from({ length: n }, (_, i) => (sorted ? Math.floor(i / 20) : Math.floor(u() * 3000)));
    const b = Int32Array.from({ length: n }, () => Math.floor(u() * 20));
    const cols = [0, 1].map(() => Float64Array.from({ length: n }, () => u() * 10 - 3));
    for (const w of [null, Float64Array.from({ length: n }, () => 0.1 + u())]) {
      const plan = planTwoWayDirect(a, b, w, 3000, 20);
      assert.ok(plan, "no plan");
      assert.equal(plan.order === null, sorted);
      const maxAbs: number[] = [];
      const expected = cols.map((c) => {
        const x = Float64Array.from(c);
        const work = twoWayWork(plan);
        assert.equal(demeanTwoWayDirectColumn(plan, x, work, 1e-10), 1);
        maxAbs.push(work.moments[2]!, work.moments[3]!);
        // max|x| before and after, as recorded on the way
        assert.equal(work.moments[2], Math.max(...Array.from(c, Math.abs)));
        assert.equal(work.moments[3], Math.max(...Array.from(x, Math.abs)));
        return x;
      });
      const shared = cols.map(sharedCopy);
      const stats = new Float64Array(new SharedArrayBuffer(16 * cols.length));
      const job = startHelperDirect(shared, sharedPlan(plan), 1e-10, stats);
      assert.ok(job, "the helper thread did not start");
      const its = job.wait();
      assert.ok(its, "the helper thread failed its job (does the direct solve call a function its worker source lacks?)");
      assert.deepEqual(Array.from(its), [1, 1]);
      for (let j = 0; j < 2; j++) assert.deepEqual(shared[j], expected[j], `column ${j} (sorted ${sorted}, weighted ${w !== null})`);
      assert.deepEqual(Array.from(stats), maxAbs);
    }
  }
});

test("semi-normal equations with shared columns (half of the Gram rows on the helper thread) = unshared columns, bit for bit", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, () => {
  // reference: the same least squares with every row on the main thread (rowSplit makes both sum the two halves alike)
  const n = 120_000;
  assert.ok(rowSplit(n) > 0 && rowSplit(n) < n, "n is large enough to be split");
  const u = rng(43);
  const one = new Float64Array(n).fill(1);
  const X = [one, ...[0, 1, 2, 3, 4].map(() => Float64Array.from({ length: n }, () => u() * 4 - 1))];
  const y = Float64Array.from({ length: n }, (_, i) => 1 + X[1]![i]! - 0.5 * X[2]![i]! + u());
  for (const w of [undefined, Float64Array.from({ length: n }, () => 0.1 + u())]) {
    const plain = qrLeastSquares(X, y, { weights: w, method: "normal" });
    const shared = qrLeastSquares(X.map(sharedCopy), sharedCopy(y), { weights: w ? sharedCopy(w) : undefined, method: "normal" });
    assert.equal(plain.Q, null, "the semi-normal path ran");
    assert.deepEqual(Array.from(shared.coef), Array.from(plain.coef), `coef (weighted ${w !== undefined})`);
    assert.deepEqual(Array.from(shared.bread), Array.from(plain.bread));
    assert.deepEqual(shared.resid, plain.resid);
    assert.equal(shared.rss, plain.rss);
    // the helper's part itself: rows [h, n) of the Gram matrix, as gramRows gives here
    const h = rowSplit(n);
    const cols = [...X, y].map(sharedCopy);
    const ws = w ? sharedCopy(w) : null;
    const out = sharedFloat64(cols.length ** 2);
    const job = startHelperGram(cols, ws, h, n, out);
    assert.ok(job, "the helper thread did not start");
    assert.ok(job.wait(), "the helper thread failed its Gram job (does its worker source lack a function?)");
    const here = new Float64Array(cols.length ** 2);
    gramRows(cols, ws, h, n, here);
    assert.deepEqual(Array.from(out), Array.from(here));
    assert.ok(here[0]! > 0);
    // and its residual rows: r and Σ w r² over [h, n) as residualRows gives here
    const b = Float64Array.from(plain.coef);
    const rShared = sharedFloat64(n);
    const ss = sharedFloat64(1);
    const rjob = startHelperResidual(rShared, cols.slice(0, -1), cols[cols.length - 1]!, b, ws, h, n, ss);
    assert.ok(rjob && rjob.wait(), "the helper thread failed its residual job");
    const rHere = new Float64Array(n);
    const ssHere = residualRows(rHere, cols.slice(0, -1), cols[cols.length - 1]!, b, ws, h, n);
    assert.equal(ss[0], ssHere);
    assert.deepEqual(rShared.subarray(h), rHere.subarray(h));
    assert.ok(ssHere > 0);
  }
});

test("a fit on shared-memory columns (as the CSV reader gives from 50 000 rows) = the same fit on ordinary columns, bit for bit", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, () => {
  // reference: the same fit on copies of the columns in ordinary memory (the helper then reads copies)
  const d = syntheticPanel(3000, 20, 44);
  assert.ok(d.nrow >= SHARED_MIN_ROWS);
  const plain = makeFrame(Object.fromEntries(d.names.map((k) => [k, d.columns[k]!])));
  const shared = makeFrame(Object.fromEntries(d.names.map((k) => {
    const c = d.columns[k]!;
    if (!isNumeric(c)) return [k, c];
    const s = numericColumn(c.length);
    s.set(c);
    return [k, s];
  })));
  assert.ok(isShared(numeric(shared, "x1")) && !isShared(numeric(plain, "x1")));
  for (const formula of ["y ~ x1 + x2 | id + year", "y ~ x1 + x2 + exp(x2) + abs(x1) | id + year"]) {
    const a = fit(plain, formula, { vcov: { cluster: ["id"] } });
    const b = fit(shared, formula, { vcov: { cluster: ["id"] } });
    assert.equal(a.iterations, 1, "the direct two-way solve ran");
    assert.deepEqual(b.coef, a.coef, formula);
    assert.deepEqual(b.se, a.se, formula);
  }
});

test("startHelperThread() before the first job: the job finds the thread ready (calling it twice is harmless)", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, () => {
  // reference: gramRows on the main thread (the job's answer)
  startHelperThread();
  startHelperThread();
  assert.ok(helperThreadAvailable());
  const n = 10_000;
  const cols = [0, 1, 2].map((j) => sharedCopy(Float64Array.from({ length: n }, (_, i) => Math.sin(i + j))));
  const out = sharedFloat64(9);
  const job = startHelperGram(cols, null, 0, n, out);
  assert.ok(job && job.wait());
  const here = new Float64Array(9);
  gramRows(cols, null, 0, n, here);
  assert.deepEqual(Array.from(out), Array.from(here));
});

test("four columns at a time (directSolveSorted4) = one column at a time, bit for bit (weighted or not); also on the helper thread", () => {
  // reference: demeanTwoWayDirectColumn column by column (directSolveSorted / directSolveSortedWeighted)
  const n = 60_000;
  const u = rng(45);
  // entity-major rows (sorted by A), unbalanced: entities of 5–25 rows, 12 periods drawn per row
  const a = new Int32Array(n);
  for (let i = 0, g = 0; i < n; g++) {
    const len = 5 + Math.floor(u() * 21);
    for (let k = 0; k < len && i < n; k++) a[i++] = g;
  }
  const ga = a[n - 1]! + 1;
  const b = Int32Array.from({ length: n }, () => Math.floor(u() * 12));
  const cols = [0, 1, 2, 3, 4, 5].map((j) => Float64Array.from({ length: n }, () => (u() - 0.3) * 10 ** (j - 2)));
  for (const w of [null, Float64Array.from({ length: n }, () => 0.1 + u())]) {
    const plan = planTwoWayDirect(a, b, w, ga, 12)!;
    assert.ok(plan && plan.order === null, "sorted plan");
    const expected = cols.map((c) => {
      const x = new Float64Array(n);
      const work = twoWayWork(plan);
      const it = demeanTwoWayDirectColumn(plan, x, work, 1e-10, 2, c);
      return { x, it, before: work.moments[2]!, after: work.moments[3]! };
    });
    const xs = cols.map(() => new Float64Array(n));
    const its = new Int32Array(cols.length);
    const stats = new Float64Array(2 * cols.length);
    demeanTwoWayDirectColumns(plan, xs, cols, [0, 1, 2, 3].map(() => twoWayWork(plan)), 1e-10, its, stats);
    cols.forEach((_, j) => {
      assert.deepEqual(xs[j], expected[j]!.x, `column ${j} (weighted ${w !== null})`);
      assert.equal(its[j], expected[j]!.it);
      assert.equal(stats[2 * j], expected[j]!.before);
      assert.equal(stats[2 * j + 1], expected[j]!.after);
    });
    if (!threads) continue;
    // five columns on the helper (four through the kernel, one alone), read from shared sources
    const srcs = cols.slice(1).map(sharedCopy);
    const outs = srcs.map(() => sharedFloat64(n));
    const hs = new Float64Array(new SharedArrayBuffer(16 * srcs.length));
    const job = startHelperDirect(outs, sharedPlan(plan), 1e-10, hs, srcs);
    assert.ok(job, "the helper thread did not start");
    const hi = job.wait();
    assert.ok(hi, "the helper thread failed its job");
    outs.forEach((o, k) => assert.deepEqual(o, expected[k + 1]!.x, `helper column ${k + 1} (weighted ${w !== null})`));
    assert.deepEqual(Array.from(hs), expected.slice(1).flatMap((e) => [e.before, e.after]));
  }
});

test("demean's out option (in place, or into given arrays; shared or not) gives the same bits as new arrays", () => {
  // reference: demean without out (new arrays)
  const n = 60_000;
  const u = rng(47);
  const a = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 15));
  const b = Int32Array.from({ length: n }, () => Math.floor(u() * 15));
  const w = Float64Array.from({ length: n }, () => 0.2 + u());
  const make = () => [0, 1, 2, 3, 4, 5, 6].map((j) => Float64Array.from({ length: n }, (_, i) => Math.cos(i * (j + 1)) * (j + 1)));
  for (const weights of [undefined, w]) {
    const expected = demean(make(), [a, b], { weights }).columns;
    // in place, shared columns
    const cs = make().map(sharedCopy);
    const r1 = demean(cs, [a, b], { weights, out: cs });
    r1.columns.forEach((c, j) => {
      assert.equal(c, cs[j], "written in place");
      assert.deepEqual(c, expected[j], `in place, column ${j}`);
    });
    // into other arrays: shared and ordinary ones, from ordinary columns (left untouched)
    const src = make();
    const copy = src.map((c) => Float64Array.from(c));
    const dest = src.map((_, j) => (j % 2 ? sharedFloat64(n) : new Float64Array(n)));
    const r2 = demean(src, [a, b], { weights, out: dest });
    r2.columns.forEach((c, j) => assert.deepEqual(c, expected[j], `into out, column ${j}`));
    assert.deepEqual(src, copy, "the input columns are not modified");
    assert.equal(r2.columns[0], dest[0], "main-thread columns land in out");
  }
  assert.throws(() => demean(make(), [a, b], { out: [new Float64Array(n)] }), /1 output arrays for 7 columns/);
});

test("clustered meat with shared inputs (columns past the fourth summed on the helper thread) = ordinary inputs, bit for bit", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, () => {
  // reference: clusterScoreMeat on ordinary arrays (every column summed on the main thread)
  const n = 60_000;
  const u = rng(49);
  const groups = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 20));
  const G = groups[n - 1]! + 1;
  const f = Float64Array.from({ length: n }, () => u() - 0.5);
  for (const k of [5, 8, 9]) {
    const cols = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => u() * 2 - 1));
    const plain = clusterScoreMeat(cols, f, groups, G);
    const shared = clusterScoreMeat(cols.map(sharedCopy), sharedCopy(f), sharedCopyInt(groups), G);
    assert.deepEqual(Array.from(shared), Array.from(plain), `k = ${k}`);
    assert.ok(plain[0]! > 0);
    // the helper's part itself
    const U = cols.slice(4).map(() => sharedFloat64(G));
    const job = startHelperClusterSums(cols.slice(4).map(sharedCopy), sharedCopy(f), sharedCopyInt(groups), U);
    assert.ok(job && job.wait(), "the helper failed its cluster-sum job");
    const here = cols.slice(4).map(() => new Float64Array(G));
    clusterScoreSums(cols.slice(4), f, groups, here);
    U.forEach((x, c) => assert.deepEqual(Array.from(x), Array.from(here[c]!), `k = ${k}, column ${4 + c}`));
  }
});
