// The helper thread of the exact two-way demeaning (src/estimate/parallel.ts startHelperDirect):
// it must complete its job (its worker source carries every function the solve calls) and give the
// same bits as the main thread.
// reference: demeanTwoWayDirectColumn called on the main thread (same code, same operations)
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { planTwoWayDirect, twoWayWork, demeanTwoWayDirectColumn } from "../../src/estimate/demeanDirect";
import { sharedCopy, sharedPlan, startHelperDirect } from "../../src/estimate/parallel";
import { rng } from "./synthetic";

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
