/**
 * One helper thread for the demeaning: on a machine with two or more cores, `demean` hands about
 * half of its columns to a persistent worker thread, which runs the same kernel
 * (src/estimate/demeanKernel.ts, from its source text) on shared memory while the main thread
 * demeans the other half. The call stays synchronous: the main thread waits with Atomics.wait, and
 * the job travels by a MessagePort read with receiveMessageOnPort, so no event-loop turn is needed.
 * If the thread cannot start or fails, the caller demeans every column itself (same numbers).
 * `BRI_CBEC_THREADS=1` disables the helper.
 */
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { prefault } from "../frame";
import { cgDemeanColumn, symSweepInto, TOL_FLOOR } from "./demeanKernel";
import {
  demeanTwoWayDirectColumn,
  demeanTwoWayDirectColumns,
  directSolveOnce,
  directSolveSorted,
  directSolveSorted4,
  sorted4Means,
  sorted4Update,
  directSolveSortedWeighted,
  worstOverLevels,
  refineDirect,
  solvePivoted,
  twoWayWork,
  type TwoWayPlan,
} from "./demeanDirect";
import { GRAM_BLOCK_ROWS, gramRows, gramTile21, gramTile31, gramTile33, residualRows, weightedBlock } from "./gramKernel";
import { clusterScoreSums } from "../vcov/clusterKernel";

/** Rows from which the work on a column (demeaning, Gram matrix) is shared with the helper thread. */
export const PARALLEL_MIN_ROWS = 50_000;

/**
 * The row at which work over n rows is split between the main thread ([0, h)) and the helper
 * ([h, n)): the middle, rounded down to a multiple of 4096 rows, from PARALLEL_MIN_ROWS rows on; n
 * below. Reductions are summed per part and the two parts added in this order whether or not the
 * helper runs, so the numbers do not depend on the thread count.
 *
 * @example
 * rowSplit(1_000_000); // 499712
 * rowSplit(1000); // 1000
 */
export function rowSplit(n: number): number {
  return n >= PARALLEL_MIN_ROWS ? Math.floor(n / 2 / 4096) * 4096 : n;
}

/**
 * Whether a typed array lives on shared memory (readable by the helper thread without a copy).
 *
 * @example
 * isShared(sharedFloat64(4)); // true
 * isShared(new Float64Array(4)); // false
 */
export function isShared(a: Float64Array | Int32Array): boolean {
  return typeof SharedArrayBuffer !== "undefined" && a.buffer instanceof SharedArrayBuffer;
}

/**
 * A zero-filled Float64Array of length n on shared memory, its pages touched (prefault in
 * src/frame.ts) unless `touch` is false (e.g. when the helper thread is the one to fill it).
 *
 * @example
 * const out = sharedFloat64(81); // e.g. the helper's part of a 9×9 Gram matrix
 */
export function sharedFloat64(n: number, touch = true): Float64Array {
  const a = new Float64Array(new SharedArrayBuffer(n * 8));
  return touch ? prefault(a) : a;
}

interface Helper {
  readonly worker: Worker;
  readonly ctl: Int32Array;
  readonly port: MessagePort;
}

/** ctl slots: 0 = job posted, 1 = ready, 2 = job done, 3 = job failed. */
let helper: Helper | null | undefined;

function workerSource(): string {
  return `"use strict";
var __name = function (f) { return f; };
// module-level constant of demeanKernel.ts that cgDemeanColumn reads (shortest round-trip text: same double)
const TOL_FLOOR = ${TOL_FLOOR};
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
${symSweepInto.toString()}
${cgDemeanColumn.toString()}
${solvePivoted.toString()}
${directSolveSorted.toString()}
${directSolveSortedWeighted.toString()}
${directSolveOnce.toString()}
${twoWayWork.toString()}
${demeanTwoWayDirectColumn.toString()}
${refineDirect.toString()}
${directSolveSorted4.toString()}
${sorted4Means.toString()}
${sorted4Update.toString()}
${worstOverLevels.toString()}
${demeanTwoWayDirectColumns.toString()}
const GRAM_BLOCK_ROWS = ${GRAM_BLOCK_ROWS};
${gramTile33.toString()}
${gramTile31.toString()}
${gramTile21.toString()}
${weightedBlock.toString()}
${gramRows.toString()}
${residualRows.toString()}
${clusterScoreSums.toString()}
/** A column sent as { b: buffer, o: byteOffset, n: length } (columns may be views of a longer buffer). */
function f64(v) { return new Float64Array(v.b, v.o, v.n); }
const ctl = new Int32Array(workerData.ctl);
const port = workerData.port;
let work = null;
Atomics.store(ctl, 1, 1);
Atomics.notify(ctl, 1);
for (;;) {
  Atomics.wait(ctl, 0, 0);
  Atomics.store(ctl, 0, 0);
  let msg = receiveMessageOnPort(port);
  for (let k = 0; !msg && k < 2000; k++) { Atomics.wait(ctl, 0, 0, 1); msg = receiveMessageOnPort(port); }
  let failed = 1;
  if (msg) {
    try {
      const j = msg.message;
      const n = j.n;
      if (j.resid) {
        // rows [r0, r1) of the residuals (src/estimate/gramKernel.ts); their sum of squares to out[0]
        const q = j.resid;
        new Float64Array(q.out)[0] = residualRows(f64(q.r), j.cols.map(f64), f64(q.y), new Float64Array(q.b), q.w ? f64(q.w) : null, q.r0, q.r1);
      } else if (j.meat) {
        // cluster sums of the scores of these columns (src/vcov/clusterKernel.ts) into shared U
        clusterScoreSums(j.cols.map(f64), f64(j.meat.f), new Int32Array(j.meat.groups.b, j.meat.groups.o, j.meat.groups.n), j.meat.U.map(f64));
      } else if (j.gram) {
        // rows [r0, r1) of the Gram matrix (src/estimate/gramKernel.ts) into the shared output
        const cols = j.cols.map(f64);
        gramRows(cols, j.gram.w ? f64(j.gram.w) : null, j.gram.r0, j.gram.r1, new Float64Array(j.gram.out));
      } else if (j.plan) {
        // exact two-way solve (src/estimate/demeanDirect.ts) with the main thread's plan
        const q = j.plan;
        const plan = { b: new Int32Array(q.b), w: q.w ? new Float64Array(q.w) : null, start: new Int32Array(q.start), order: q.order ? new Int32Array(q.order) : null,
          invWa: new Float64Array(q.invWa), invWb: new Float64Array(q.invWb), gb: q.gb, L: new Float64Array(q.L), perm: new Int32Array(q.perm), rank: q.rank };
        const works = [twoWayWork(plan), twoWayWork(plan), twoWayWork(plan), twoWayWork(plan)];
        // the output pages touched here, not by the main thread (x[i] = x[i]: harmless in place)
        const outs = j.cols.map(f64);
        for (const x of outs) for (let i = 0; i < x.length; i += 512) x[i] = x[i];
        // into column k from its source (the column itself when the source was copied there)
        demeanTwoWayDirectColumns(plan, outs, j.srcs.map(f64), works, j.tol, new Int32Array(j.its), new Float64Array(j.stats));
      } else {
        if (!work || work[0].length !== n) work = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
        const fe = j.fe.map(function (b) { return new Int32Array(b); });
        const invW = j.invW.map(function (b) { return new Float64Array(b); });
        const sums = invW.map(function (a) { return new Float64Array(a.length); });
        const w = j.w ? new Float64Array(j.w) : null;
        const its = new Int32Array(j.its);
        const grouped = j.grouped;
        for (let k = 0; k < j.cols.length; k++) {
          its[k] = cgDemeanColumn(f64(j.cols[k]), fe, invW, sums, w, j.tol, j.maxIter, work[0], work[1], work[2], work[3], grouped);
        }
      }
      failed = 0;
    } catch (e) {
      failed = 1;
    }
  }
  Atomics.store(ctl, 3, failed);
  Atomics.store(ctl, 2, 1);
  Atomics.notify(ctl, 2);
}
`;
}

/** A helper thread started by {@link startHelperThread} and not yet seen ready. */
let starting: Helper | null = null;

/** Create the worker (it signals ctl[1] = 1 once its code is compiled and it waits for jobs). */
function spawnHelper(): Helper | null {
  if (process.env.BRI_CBEC_THREADS === "1" || availableParallelism() < 2) return null;
  try {
    const sab = new SharedArrayBuffer(16);
    const ctl = new Int32Array(sab);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerSource(), { eval: true, workerData: { ctl: sab, port: port2 }, transferList: [port2] });
    worker.unref();
    port1.unref();
    worker.on("error", () => {
      helper = null;
    });
    return { worker, ctl, port: port1 };
  } catch {
    return null;
  }
}

/**
 * Start the helper thread now without waiting for it: it starts and compiles its code while the
 * caller does other work, e.g. reads the data; the first job then finds it ready. (Running its
 * kernels on small arrays meanwhile, so that V8 optimizes them, made the first 1e6-row fit faster
 * but the whole `bri-cbec fit` slower: the warm-up took CPU from the two threads reading the CSV.)
 * Does nothing when it runs already, or with BRI_CBEC_THREADS=1 / one core.
 *
 * @example
 * startHelperThread(); // then read the CSV; fit() uses the thread without the start-up wait
 */
export function startHelperThread(): void {
  if (helper !== undefined || starting) return;
  starting = spawnHelper();
}

function getHelper(): Helper | null {
  if (helper !== undefined) return helper;
  helper = null;
  const h = starting ?? spawnHelper();
  starting = null;
  if (!h) return null;
  Atomics.wait(h.ctl, 1, 0, 10000);
  if (Atomics.load(h.ctl, 1) !== 1) {
    void h.worker.terminate();
    return null;
  }
  helper = h;
  return helper;
}

/**
 * Whether the helper thread is running (started on first use; false with BRI_CBEC_THREADS=1, on one
 * core, or when it failed) — checked before copying columns to shared memory for it.
 *
 * @example
 * if (helperThreadAvailable()) { ... sharedCopy(col) ... }
 */
export function helperThreadAvailable(): boolean {
  return getHelper() !== null;
}

/** A Float64Array on shared memory holding a copy of `a`. */
export function sharedCopy(a: Float64Array): Float64Array {
  const s = new Float64Array(new SharedArrayBuffer(a.length * 8));
  s.set(a);
  return s;
}

/** An Int32Array on shared memory holding a copy of `a`. */
export function sharedCopyInt(a: Int32Array): Int32Array {
  const s = new Int32Array(new SharedArrayBuffer(a.length * 4));
  s.set(a);
  return s;
}

/** A demeaning job running on the helper thread; `wait()` returns the sweeps per column (negative =
 *  not converged), or null when the helper failed (then the caller demeans those columns itself). */
export interface HelperJob {
  wait(): Int32Array | null;
}

/**
 * Start cgDemeanColumn on the helper thread for the shared columns `cols` (demeaned in place), or
 * return null when no helper is available. All arrays must be backed by SharedArrayBuffer.
 *
 * @example
 * const job = startHelperDemean(cols, fe, invW, null, 1e-10, 10000); // then: job?.wait()
 */
export function startHelperDemean(
  cols: readonly Float64Array[],
  fe: readonly Int32Array[],
  invW: readonly Float64Array[],
  w: Float64Array | null,
  tol: number,
  maxIter: number,
  grouped: readonly boolean[] | null = null,
): HelperJob | null {
  return postJob(cols, (its) => ({
    fe: fe.map((c) => c.buffer),
    invW: invW.map((c) => c.buffer),
    w: w ? w.buffer : null,
    its: its.buffer,
    tol,
    maxIter,
    grouped,
  }));
}

/** A shared column as the worker rebuilds it (f64 in its source): buffer, byte offset, length. */
function view(c: Float64Array): { b: ArrayBufferLike; o: number; n: number } {
  return { b: c.buffer, o: c.byteOffset, n: c.length };
}

/**
 * Post a job on the columns `cols` to the helper thread (null when it is unavailable): the message is
 * { n, cols } plus `fields(its)`, where `its` is the shared per-column result array the helper fills;
 * the returned HelperJob waits for the helper's done flag.
 */
function postJob(cols: readonly Float64Array[], fields: (its: Int32Array) => Record<string, unknown>): HelperJob | null {
  const h = getHelper();
  if (!h) return null;
  const its = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, cols.length)));
  Atomics.store(h.ctl, 2, 0);
  Atomics.store(h.ctl, 3, 0);
  h.port.postMessage({ n: cols.length ? cols[0]!.length : 0, cols: cols.map(view), ...fields(its) });
  Atomics.store(h.ctl, 0, 1);
  Atomics.notify(h.ctl, 0);
  return {
    wait(): Int32Array | null {
      // generous bound: a stuck helper must not hang the process (the caller then recomputes)
      while (Atomics.load(h.ctl, 2) !== 1) {
        if (Atomics.wait(h.ctl, 2, 0, 600_000) === "timed-out") {
          helper = null;
          void h.worker.terminate();
          return null;
        }
      }
      if (Atomics.load(h.ctl, 3) !== 0) return null;
      return its;
    },
  };
}

/**
 * Start demeanTwoWayDirectColumn (src/estimate/demeanDirect.ts) on the helper thread for the shared
 * columns `cols` (each demeaned in place, or written from `srcs[k]` when sources are given) with the
 * plan of the main thread, or return null when no helper is available. The columns and every array of the plan must be backed by SharedArrayBuffer
 * (see {@link sharedPlan}), and so must `stats` (2 per column: max|x| before and after, written by
 * the helper). `wait()` returns the solves per column (negative: the check failed, the caller
 * continues that column by conjugate gradient).
 *
 * @example
 * const stats = new Float64Array(new SharedArrayBuffer(16 * cols.length));
 * const job = startHelperDirect(cols, sharedPlan(plan), 1e-10, stats); // then: job?.wait()
 */
export function startHelperDirect(cols: readonly Float64Array[], plan: TwoWayPlan, tol: number, stats: Float64Array, srcs: readonly Float64Array[] = cols): HelperJob | null {
  if (srcs.length !== cols.length) throw new Error(`startHelperDirect: ${srcs.length} sources for ${cols.length} columns`);
  return postJob(cols, (its) => ({
    srcs: srcs.map(view),
    plan: {
      b: plan.b.buffer,
      w: plan.w ? plan.w.buffer : null,
      start: plan.start.buffer,
      order: plan.order ? plan.order.buffer : null,
      invWa: plan.invWa.buffer,
      invWb: plan.invWb.buffer,
      gb: plan.gb,
      L: plan.L.buffer,
      perm: plan.perm.buffer,
      rank: plan.rank,
    },
    its: its.buffer,
    stats: stats.buffer,
    tol,
  }));
}

/** Whether `a` is a whole SharedArrayBuffer (the helper rebuilds plan arrays from their buffers). */
function wholeShared(a: Float64Array | Int32Array): boolean {
  return isShared(a) && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
}

/** A copy of a two-way plan whose arrays live on shared memory (for {@link startHelperDirect}); the
 *  codes and weights are used as they are when they already fill a shared buffer. */
export function sharedPlan(plan: TwoWayPlan): TwoWayPlan {
  return {
    ...plan,
    b: wholeShared(plan.b) ? plan.b : sharedCopyInt(plan.b),
    w: plan.w ? (wholeShared(plan.w) ? plan.w : sharedCopy(plan.w)) : null,
    start: sharedCopyInt(plan.start),
    order: plan.order ? sharedCopyInt(plan.order) : null,
    invWa: sharedCopy(plan.invWa),
    invWb: sharedCopy(plan.invWb),
    L: sharedCopy(plan.L),
    perm: sharedCopyInt(plan.perm),
  };
}

/**
 * Start gramRows (src/estimate/gramKernel.ts) on the helper thread for rows [r0, r1) of the shared
 * columns `cols` (and weights `w`), accumulating into the shared m×m array `out`; null when no
 * helper is available. `wait()` returns null if the helper failed (then the caller computes those
 * rows itself, into a zeroed `out`).
 *
 * @example
 * const out = sharedFloat64(cols.length ** 2);
 * const job = startHelperGram(cols, null, rowSplit(n), n, out); // then: job?.wait()
 */
export function startHelperGram(cols: readonly Float64Array[], w: Float64Array | null, r0: number, r1: number, out: Float64Array): HelperJob | null {
  return postJob(cols, () => ({ gram: { w: w ? view(w) : null, r0, r1, out: out.buffer } }));
}

/**
 * Start clusterScoreSums (src/vcov/clusterKernel.ts) on the helper thread for the shared columns
 * `cols`, row factor `f` and cluster codes `groups`, into the shared arrays `U` (one per column, one
 * slot per cluster, zeroed); null when no helper is available. `wait()` returns null if the helper
 * failed (then the caller sums those columns itself, into zeroed U).
 *
 * @example
 * const U = cols.map(() => sharedFloat64(G));
 * const job = startHelperClusterSums(cols, f, groups, U); // then: job?.wait()
 */
export function startHelperClusterSums(cols: readonly Float64Array[], f: Float64Array, groups: Int32Array, U: readonly Float64Array[]): HelperJob | null {
  return postJob(cols, () => ({ meat: { f: view(f), groups: { b: groups.buffer, o: groups.byteOffset, n: groups.length }, U: U.map(view) } }));
}

/**
 * Start residualRows (src/estimate/gramKernel.ts) on the helper thread for rows [r0, r1): r ← y − Xb
 * there, Σ wᵢrᵢ² to out[0]. r, X, y (and w) must be on shared memory, out too; null when no helper is
 * available. `wait()` returns null if the helper failed (then the caller computes those rows).
 *
 * @example
 * const out = sharedFloat64(1);
 * const job = startHelperResidual(r, X, y, b, null, rowSplit(n), n, out); // then: job?.wait()
 */
export function startHelperResidual(r: Float64Array, X: readonly Float64Array[], y: Float64Array, b: Float64Array, w: Float64Array | null, r0: number, r1: number, out: Float64Array): HelperJob | null {
  return postJob(X, () => ({ resid: { r: view(r), y: view(y), b: Float64Array.from(b).buffer, w: w ? view(w) : null, r0, r1, out: out.buffer } }));
}
