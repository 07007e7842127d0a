// The helper thread started early (startHelperThread, as `bri-cbec fit` does before reading a large
// file, without waiting for it): its jobs must give the main thread's bits.
// (Its own file: node:test runs each file in a fresh process, so the helper starts here.)
// reference: the same computations on the main thread (demeanTwoWayDirectColumns, gramRows)
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { planTwoWayDirect, twoWayWork, demeanTwoWayDirectColumns } from "../../src/estimate/demeanDirect";
import { gramRows } from "../../src/estimate/gramKernel";
import { helperThreadAvailable, sharedCopy, sharedFloat64, sharedPlan, startHelperDirect, startHelperGram, startHelperThread } from "../../src/estimate/parallel";
import { rng } from "./synthetic";

const threads = process.env.BRI_CBEC_THREADS !== "1" && availableParallelism() >= 2;

test("a helper thread started early gives the main thread's results", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, async () => {
  startHelperThread();
  await new Promise((r) => setTimeout(r, 100)); // it starts meanwhile (or is still starting: the first job then waits for it)
  assert.ok(helperThreadAvailable());
  const n = 8000;
  const u = rng(51);
  const a = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 16));
  const b = Int32Array.from({ length: n }, () => Math.floor(u() * 16));
  const w = Float64Array.from({ length: n }, () => 0.3 + u());
  const cols = [0, 1, 2, 3, 4].map(() => sharedCopy(Float64Array.from({ length: n }, () => u() * 3 - 1)));
  const plan = planTwoWayDirect(a, b, w, n / 16, 16)!;
  const here = cols.map(() => new Float64Array(n));
  demeanTwoWayDirectColumns(plan, here, cols, [0, 1, 2, 3].map(() => twoWayWork(plan)), 1e-10, new Int32Array(5), null);
  const outs = cols.map(() => sharedFloat64(n));
  const job = startHelperDirect(outs, sharedPlan(plan), 1e-10, sharedFloat64(10), cols);
  assert.ok(job && job.wait(), "the helper failed its job");
  outs.forEach((o, k) => assert.deepEqual(o, here[k], `column ${k}`));
  const G = sharedFloat64(25);
  const gjob = startHelperGram(outs, sharedCopy(w), 0, n, G);
  assert.ok(gjob && gjob.wait());
  const Gh = new Float64Array(25);
  gramRows(here, w, 0, n, Gh);
  assert.deepEqual(Array.from(G), Array.from(Gh));
  assert.ok(Gh[0]! > 0);
});
