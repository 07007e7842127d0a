// src/display/danfo.ts: danfojs shows exactly the strings our formatter produced — no value is
// recomputed, re-parsed or cast to float32 by danfojs.
// reference: src/tables/format.ts formatNumber/formatCount (the project's own formatting) and
// IEEE 754: 16777217 = 2^24 + 1 is the first integer float32 cannot hold (Math.fround gives 2^24).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeFrame } from "../../src/frame";
import { formatCount, formatNumber } from "../../src/tables/format";
import { formatFrame, frameToDataFrame } from "../../src/display/danfo";

const big = 2 ** 24 + 1;
const sum = 0.1 + 0.2;

test("precondition: float32 cannot hold 2^24+1, and 0.1+0.2 is not 0.3 in binary64", () => {
  assert.notEqual(Math.fround(big), big);
  assert.notEqual(sum, 0.3);
});

test("the DataFrame holds our formatted strings (dtype string) and prints them untruncated", () => {
  const f = makeFrame({ id: ["A", null], n: Float64Array.of(big, 3), x: Float64Array.of(sum, NaN) });
  const digits = { n: "count" as const, x: 17 };
  const df = frameToDataFrame(f, { digits });
  assert.deepEqual(df.dtypes, ["string", "string", "string"]);
  const expectN = [formatCount(big)!, formatCount(3)!];
  const expectX = [formatNumber(sum, 17)!, "—"];
  assert.deepEqual(df.values, [["A", expectN[0], expectX[0]], ["—", expectN[1], expectX[1]]]);
  const shown = df.toString();
  assert.ok(shown.includes(expectN[0]!), `"${expectN[0]}" shown:\n${shown}`);
  assert.ok(shown.includes(expectX[0]!), `"${expectX[0]}" shown (19 characters, not truncated):\n${shown}`);
  assert.ok(!shown.includes("16777216"), "no float32 rounding");
  assert.ok(!shown.includes("…"), "no truncation");
});

test("digits per column and for all columns; integer columns print as integers by default", () => {
  const f = makeFrame({ year: Float64Array.of(2015, 2016), v: Float64Array.of(sum, -0.0001) });
  assert.deepEqual(formatFrame(f).rows, [[formatCount(2015), formatNumber(sum, 3)], [formatCount(2016), formatNumber(-0.0001, 3)]]);
  assert.deepEqual(formatFrame(f, { digits: 1 }).rows, [[formatNumber(2015, 1), formatNumber(sum, 1)], [formatNumber(2016, 1), formatNumber(-0.0001, 1)]]);
  assert.deepEqual(formatFrame(f, { columns: ["v"], rows: 1, digits: { v: 2 } }), { columns: ["v"], rows: [[formatNumber(sum, 2)]] });
  assert.throws(() => formatFrame(f, { columns: ["nope"] }), /no column 'nope'/);
});

test("danfojs install workaround holds: tfjs-node is the pure-JS @tensorflow/tfjs, xlsx from the registry", () => {
  // reference: package.json "overrides" (see README, installation)
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.match(pkg.overrides["@tensorflow/tfjs-node"], /^npm:@tensorflow\/tfjs@/);
  assert.match(pkg.overrides.xlsx, /^\d+\.\d+\.\d+$/, "xlsx pinned to a registry version (no tarball URL)");
  const danfoDir = dirname(createRequire(import.meta.url).resolve("danfojs-node/package.json"));
  const req = createRequire(join(danfoDir, "package.json"));
  assert.equal(JSON.parse(readFileSync(req.resolve("@tensorflow/tfjs-node/package.json"), "utf8")).name, "@tensorflow/tfjs");
  assert.equal(JSON.parse(readFileSync(req.resolve("xlsx/package.json"), "utf8")).version, pkg.overrides.xlsx);
});
