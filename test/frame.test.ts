import { test } from "node:test";
import assert from "node:assert/strict";
import { makeFrame, numeric, filterRows, column } from "../src/frame";

test("makeFrame rejects ragged columns and names the column", () => {
  assert.throws(() => makeFrame({ a: Float64Array.of(1, 2), b: ["x"] }), /column 'b' has 1 values, expected 2/);
});

test("numeric/column name the missing or non-numeric column", () => {
  const f = makeFrame({ a: Float64Array.of(1, 2), b: ["x", null] });
  assert.throws(() => column(f, "zz"), /unknown column 'zz' \(columns: a, b\)/);
  assert.throws(() => numeric(f, "b"), /column 'b' is not numeric/);
});

test("filterRows keeps order and both column kinds", () => {
  const f = makeFrame({ a: Float64Array.of(1, 2, 3), b: ["x", null, "z"] });
  const g = filterRows(f, [1, 0, 1]);
  assert.equal(g.nrow, 2);
  assert.deepEqual(Array.from(numeric(g, "a")), [1, 3]);
  assert.deepEqual(g.columns.b, ["x", "z"]);
});
