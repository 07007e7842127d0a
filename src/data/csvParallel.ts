/**
 * A second thread for large CSV files: while the main thread parses the first half of the body,
 * a worker thread parses the second half (from a line start near the middle to the end of the
 * file) with the same record and decimal parsers (their source text, see csvRecords.ts and
 * csvNumber.ts). It writes its rows straight into the main thread's columns (on shared memory),
 * after the rows estimated for the first half, so that the main thread only has to move them
 * down to close the gap; when those columns are not shared or too short it hands back columns
 * of its own (transferred, not copied). The call stays synchronous: the main thread waits with
 * Atomics.wait and takes the result with receiveMessageOnPort.
 *
 * The worker's result is used only when everything went plainly: the first half read up to the
 * split without a quoted field (so the split is a record boundary), and the second half read
 * without an error or a column changing type. In every other case the main thread simply goes
 * on parsing past the split itself, so results and error messages are those of one sequential
 * pass. `BRI_CBEC_THREADS=1` disables the worker (as for the estimation's helper thread).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { createDecimalParser } from "./csvNumber";
import { createRecordParser } from "./csvRecords";

/** Bodies at least this large are split between two threads (smaller ones: worker start-up ≈ cost). */
export const CSV_PARALLEL_BYTES = 32 * 1024 * 1024;

/**
 * The main thread's share of the body: a little over half, as the worker starts later (a new
 * thread, its code compiled afresh: ≈ 60–90 ms) but the main thread then closes the gap before
 * the worker's rows (≈ 15 ms). Measured on the 1e6-row benchmark file (2 cores, fresh processes,
 * interleaved): 0.53 and 0.50 within the noise of each other, 0.56 ≈ 30 ms slower.
 */
const MAIN_SHARE = 0.52;

/**
 * What the worker hands back: its rows are rows [firstRow, row) of `num` — null when they were
 * written straight into the columns it was given (`into`), else its own columns — and their local
 * file lines (first record = 0) are `rowLine[firstRow, row)`.
 */
export interface CsvPart {
  readonly firstRow: number;
  readonly row: number;
  readonly num: Float64Array[] | null;
  readonly rowLine: Int32Array;
}

export interface CsvPartJob {
  /** The worker's columns, or null when it failed, met an error or a type change (then parse on). */
  wait(): CsvPart | null;
  cancel(): void;
}

/** Whether a second thread may be used at all. */
export function csvThreadsAvailable(): boolean {
  return process.env.BRI_CBEC_THREADS !== "1" && availableParallelism() >= 2;
}

/**
 * A split offset in `[from, to)`: just after a line feed at or after `MAIN_SHARE` of the way, such
 * that the record before it is not blank and the byte after it starts a record (not a line end nor
 * a quote), or −1 when none is found in the 64 KiB read there.
 *
 * @example
 * findSplit(read, bodyStart, fileSize); // the offset after a "\n" about 52 % into the body
 */
export function findSplit(read: (buf: Buffer, off: number, len: number, pos: number) => number, from: number, to: number): number {
  const at = from + Math.floor((to - from) * MAIN_SHARE);
  const buf = Buffer.allocUnsafe(Math.min(65536, to - at));
  let n = 0;
  while (n < buf.length) {
    const r = read(buf, n, buf.length - n, at + n);
    if (r === 0) break;
    n += r;
  }
  const isEnd = (c: number | undefined) => c === 10 || c === 13;
  for (let i = buf.indexOf(10, 2); i !== -1 && i + 1 < n; i = buf.indexOf(10, i + 1)) {
    const before = buf[i - 1] === 13 ? i - 2 : i - 1;
    if (before >= 0 && !isEnd(buf[before]) && !isEnd(buf[i + 1]) && buf[i + 1] !== 34) return at + i + 1;
  }
  return -1;
}

function workerSource(): string {
  return `"use strict";
var __name = function (f) { return f; };
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const ctl = new Int32Array(workerData.ctl);
Atomics.store(ctl, 1, 1);
Atomics.notify(ctl, 1);
let msg = { status: "failed" };
let transfer = [];
try {
  const d = workerData;
  const numbers = (${createDecimalParser.toString()})();
  const rp = (${createRecordParser.toString()})(numbers, function (file, row, column, detail) { return new Error(detail); });
  const fd = fs.openSync(d.path, "r");
  try {
    const src = { whole: null, size: d.size, read: function (buf, off, len, pos) { return fs.readSync(fd, buf, off, len, pos); } };
    const w = rp.newWindow(src, d.blockBytes);
    const pos = rp.seek(w, d.start);
    const st = d.into ? rp.newBody(d.file, d.header, d.kinds, new Set(d.missing), 0, 0, false, d.into) : rp.newBody(d.file, d.header, d.kinds, new Set(d.missing), 0, rp.estimateRows(w, pos, d.size - d.start));
    const r = rp.parseWindow(st, w, pos, false);
    if (r >= 0) {
      const inPlace = !!d.into && st.num[0] === d.into.num[0];
      msg = { status: "ok", firstRow: d.into ? d.into.row : 0, row: st.row, num: inPlace ? null : st.num.map(function (a) { return a.buffer; }), rowLine: st.rowLine.buffer };
      transfer = (inPlace ? [] : msg.num).concat([msg.rowLine]);
    } else msg = { status: "type change" };
  } finally {
    fs.closeSync(fd);
  }
} catch (e) {
  msg = { status: "failed", message: String(e && e.message) };
  transfer = [];
}
workerData.port.postMessage(msg, transfer);
Atomics.store(ctl, 0, 1);
Atomics.notify(ctl, 0);
`;
}

/**
 * Start parsing `path` from byte `start` (a record start) to its end on a worker thread, with
 * these columns and kinds (all numeric: text cells would have to be copied back as strings).
 * With `into` (columns on shared memory), the worker writes its rows straight into them from row
 * `into.row` on (no copy afterwards; it never writes a row before that one), unless they turn
 * out too short (then into columns of its own). Returns null when the thread cannot start.
 *
 * @example
 * const job = startCsvPart({ path, file: "panel.csv", size, start: mid, header, kinds, missing: [], blockBytes, into: { num, row: 560000 } });
 * // … parse [bodyStart, mid) here …; then job?.wait() → { firstRow, row, num, rowLine } or null
 */
export function startCsvPart(o: {
  path: string;
  file: string;
  size: number;
  start: number;
  header: readonly string[];
  kinds: readonly number[];
  missing: readonly string[];
  blockBytes: number;
  into?: { num: Float64Array[]; row: number };
}): CsvPartJob | null {
  let worker: Worker;
  let port: MessagePort;
  const ctl = new Int32Array(new SharedArrayBuffer(8));
  try {
    const { port1, port2 } = new MessageChannel();
    port = port1;
    worker = new Worker(workerSource(), {
      eval: true,
      workerData: { ...o, header: [...o.header], kinds: [...o.kinds], missing: [...o.missing], into: o.into ? { num: [...o.into.num], row: o.into.row } : null, ctl: ctl.buffer, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    worker.on("error", () => {});
  } catch {
    return null;
  }
  const stop = (): void => {
    void worker.terminate();
    port.close();
  };
  return {
    cancel: stop,
    wait(): CsvPart | null {
      try {
        if (Atomics.load(ctl, 1) === 0 && Atomics.wait(ctl, 1, 0, 1000) === "timed-out") return null; // not started: parse on alone
        while (Atomics.load(ctl, 0) === 0) {
          if (Atomics.wait(ctl, 0, 0, 600_000) === "timed-out") return null;
        }
        let m = receiveMessageOnPort(port);
        for (let k = 0; !m && k < 1000; k++) {
          Atomics.wait(ctl, 0, 1, 1); // the message follows the flag by microseconds
          m = receiveMessageOnPort(port);
        }
        const r = m?.message as { status: string; firstRow: number; row: number; num: ArrayBuffer[] | null; rowLine: ArrayBuffer } | undefined;
        if (!r || r.status !== "ok") return null;
        return { firstRow: r.firstRow, row: r.row, num: r.num && r.num.map((b) => new Float64Array(b)), rowLine: new Int32Array(r.rowLine) };
      } finally {
        stop();
      }
    },
  };
}
