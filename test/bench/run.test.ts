// Smoke test of the benchmark harness (bench/run.ts --quick): it runs and writes bench.json/bench.md
// of the documented shape. Timings are not asserted (this is not a timed test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "../../bench/run";
import { summarizeCpuProfile, type CpuProfile } from "../../bench/profile";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

test("parseArgs: defaults, --quick, --sizes, and errors", () => {
  const d = parseArgs([]);
  assert.deepEqual(d.sizes, [1e4, 1e5, 1e6, 1e7]);
  assert.equal(d.repeats, 3);
  const q = parseArgs(["--quick"]);
  assert.deepEqual(q.sizes, [1e4]);
  assert.equal(q.repeats, 1);
  assert.deepEqual(q.peers, []);
  const s = parseArgs(["--sizes", "1e4,1e5", "--repeats", "5", "--peers", "plm,fread"]);
  assert.deepEqual(s.sizes, [10000, 100000]);
  assert.equal(s.repeats, 5);
  assert.deepEqual(s.peers, ["plm", "fread"]);
  assert.deepEqual(parseArgs(["--peers", "none"]).peers, []);
  assert.throws(() => parseArgs(["--sizes", "abc"]), /--sizes/);
  assert.throws(() => parseArgs(["--peers", "stata"]), /unknown peer/);
  assert.throws(() => parseArgs(["--nope"]), /unknown flag/);
});

test("summarizeCpuProfile adds the sample time deltas per function and per file", () => {
  const root = "/repo";
  const p: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2, 3] },
      { id: 2, callFrame: { functionName: "sweep", url: "file:///repo/src/a.ts", lineNumber: 9 } },
      { id: 3, callFrame: { functionName: "other", url: "file:///repo/src/b.ts", lineNumber: 0 } },
    ],
    samples: [2, 3, 2, 2],
    timeDeltas: [100, 50, 200, 300],
    startTime: 0,
    endTime: 650,
  };
  const s = summarizeCpuProfile(p, root);
  const expectedSweep = p.timeDeltas[0]! + p.timeDeltas[2]! + p.timeDeltas[3]!;
  assert.equal(s.totalMs * 1000, p.timeDeltas.reduce((a, b) => a + b, 0));
  assert.equal(s.byFunction[0]!.name, "sweep");
  assert.equal(s.byFunction[0]!.file, "src/a.ts");
  assert.equal(s.byFunction[0]!.line, 10);
  assert.equal(s.byFunction[0]!.selfMs * 1000, expectedSweep);
  assert.equal(s.byFile[1]!.file, "src/b.ts");
});

test("npm run bench -- --quick writes bench.json and bench.md of the documented shape", () => {
  const out = mkdtempSync(join(tmpdir(), "bench-smoke-"));
  try {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", "--quick", "--out", out, "--cache-dir", join(out, "cache"), "--timeout", "300"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(readFileSync(join(out, "bench.json"), "utf8"));
    assert.equal(doc.schema, "bri-cbec-bench/1");
    assert.ok(!Number.isNaN(Date.parse(doc.date)));
    for (const k of ["nproc", "memoryGiB", "node", "cpuModel"]) assert.ok(k in doc.machine, `machine.${k}`);
    assert.equal(doc.machine.node, process.version);
    assert.deepEqual(doc.options.sizes, [1e4]);
    assert.equal(doc.options.repeats, 1);
    assert.equal(typeof doc.underLoad, "boolean");
    const cases = new Set(doc.results.map((x: any) => x.case));
    for (const c of ["ols-fit", "ols-command", "csv-read", "ppml-fit", "unbalanced", "fe3", "unbalanced+fe3"]) assert.ok(cases.has(c), `case ${c}`);
    for (const x of doc.results) {
      for (const k of ["n", "case", "tool", "status", "note", "fitSeconds", "wallSeconds", "peakRssMB", "rowsPerSecond", "iterations", "x1", "versus"]) assert.ok(k in x, `result.${k}`);
      assert.ok(["ok", "failed", "timeout", "skipped"].includes(x.status));
      if (x.status === "ok" && x.fitSeconds) {
        assert.equal(x.fitSeconds.all.length, 1);
        assert.ok(x.fitSeconds.median > 0);
      }
    }
    assert.ok(doc.goals.length >= 8);
    for (const g of doc.goals) assert.ok(["PASS", "FAIL", "NOT MEASURED"].includes(g.status));
    assert.equal(doc.csv[0].bytes > 0, true);
    const md = readFileSync(join(out, "bench.md"), "utf8");
    assert.match(md, /^# Benchmarks/);
    assert.match(md, /\| N \| case \| tool \|/);
    assert.match(md, /linear growth/);
    assert.equal(md.split("\n").filter((l) => l.startsWith("| 1e4 |")).length, doc.results.filter((x: any) => x.n === 1e4).length);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
