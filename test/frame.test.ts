import { test } from "node:test";
import assert from "node:assert/strict";
import { makeFrame, numeric, filterRows, column, prefault, freshFloat64, numericColumn, SHARED_MIN_ROWS } from "../src/frame";

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

test("prefault/freshFloat64/numericColumn: zero-filled arrays of the asked length (shared from SHARED_MIN_ROWS rows)", () => {
  // reference: the definition (a fresh typed array is all zeros; prefault writes only zeros)
  const a = Float64Array.from({ length: 3000 }, (_, i) => i + 1);
  const b = prefault(a);
  assert.equal(b, a, "same array returned");
  assert.equal(a[0], 0); // page starts are written with 0
  assert.equal(a[1], 2); // other values untouched
  assert.equal(a[512], 0);
  const f = freshFloat64(10_000);
  assert.equal(f.length, 10_000);
  assert.ok(f.every((v) => v === 0));
  assert.ok(!(numericColumn(SHARED_MIN_ROWS - 1).buffer instanceof SharedArrayBuffer));
  const s = numericColumn(SHARED_MIN_ROWS);
  assert.ok(s.buffer instanceof SharedArrayBuffer && s.length === SHARED_MIN_ROWS && s.every((v) => v === 0));
});
