// The README's performance block is the one generated from the committed benchmark results
// (bench/readme.ts over reports/bench/bench.json), so the README always shows the latest run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractBenchBlock, readmeBlock, repoReadmeBlock } from "../../bench/readme";

const root = join(fileURLToPath(import.meta.url), "../../..");

test("README.md shows the performance block generated from reports/bench/bench.json", () => {
  const found = extractBenchBlock(readFileSync(join(root, "README.md"), "utf8"));
  assert.notEqual(found, null, "README.md has no performance block: paste the output of `npx tsx bench/readme.ts`");
  assert.equal(found, repoReadmeBlock(root), "README performance block is stale: regenerate with `npx tsx bench/readme.ts`");
});

test("readmeBlock: our timings with peak memory, peers of the same run, anchors, every goal line", () => {
  // reference: a constructed bench.json (the numbers are the fixture's own, echoed back)
  const bench = {
    date: "2026-01-02T03:04:05Z",
    argv: ["--sizes", "1e6"],
    underLoad: false,
    load: {},
    git: {},
    results: [
      { n: 1e6, case: "ols-fit", tool: "bri-cbec", status: "ok", fitSeconds: { median: 0.5 }, wallSeconds: null, peakRssMB: 512 },
      { n: 1e6, case: "csv-read", tool: "R data.table fread", status: "ok", fitSeconds: { median: 0.25 }, wallSeconds: null, peakRssMB: 100 },
      { n: 1e6, case: "ppml-fit", tool: "bri-cbec", status: "failed", fitSeconds: null, wallSeconds: null, peakRssMB: null },
    ],
    goals: [{ goal: "g1", status: "PASS", detail: "d1" }],
  };
  const anchors = { seconds: { fixest_feols_fit: { "1e6": 0.41 } }, peakGB: {} };
  const block = readmeBlock(bench, anchors);
  assert.ok(block.includes("| 1e6: two-way FE + cluster SE, fit | 0.500 s (0.50 GB) | — | feols 0.410 s |"), block);
  assert.ok(block.includes("| 1e6: CSV read | not run | R data.table fread 0.250 s | — |"), block);
  assert.ok(block.includes("| 1e6: PPML, two-way FE + cluster SE | not run |"), block); // a failed case is not shown as a time
  assert.ok(block.includes("- **PASS** — g1: d1"));
  assert.ok(!block.includes("under load"));
  assert.equal(extractBenchBlock(`x\n${block}\ny`), block);
  assert.equal(extractBenchBlock("no markers"), null);
});
