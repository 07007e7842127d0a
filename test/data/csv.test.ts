import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { parseCsv, parseCsvFrame, readCsvFrame, DataError } from "../../src/data/csv";
import { numeric, text } from "../../src/frame";

// reference: RFC 4180 (quotes, "" escapes, embedded commas/newlines, CRLF); expected values are the literal cells.
test("quoted fields with commas, newlines and escaped quotes; CRLF; BOM", () => {
  const csv = '\uFEFFname,note,value\r\n"Korea, Rep.","say ""hi""\r\nline2",1.5\r\nKAZ,,-2e3\r\n';
  const t = parseCsv(csv, { file: "t.csv" });
  assert.deepEqual(t.frame.names, ["name", "note", "value"]);
  assert.deepEqual(text(t.frame, "name"), ["Korea, Rep.", "KAZ"]);
  assert.deepEqual(t.frame.columns.note, ['say "hi"\r\nline2', null]);
  assert.deepEqual(Array.from(numeric(t.frame, "value")), [1.5, -2000]);
  assert.deepEqual(Array.from(t.rowLine), [2, 4]); // second record starts on file line 4
});

test("auto typing: numeric only when every non-missing cell is a finite number; NA and .. are missing in numbers only", () => {
  const f = parseCsvFrame("a,b,c,iso2\n1,x,NA,NA\n2,3,..,KZ\n,4,5,\n", { file: "t.csv" });
  assert.ok(f.columns.a instanceof Float64Array);
  assert.ok(Array.isArray(f.columns.b));
  assert.deepEqual(Array.from(numeric(f, "a")), [1, 2, NaN]);
  assert.deepEqual(Array.from(numeric(f, "c")), [NaN, NaN, 5]);
  assert.deepEqual(f.columns.iso2, ["NA", "KZ", null]);
});

test("text option forces a column to stay text; last line without newline is read", () => {
  const f = parseCsvFrame("code,v\n001,1\n002,2", { file: "t.csv", text: ["code"] });
  assert.deepEqual(f.columns.code, ["001", "002"]);
  assert.deepEqual(Array.from(numeric(f, "v")), [1, 2]);
});

test("numbers round-trip exactly (reference: ECMAScript Number() is correctly rounded)", () => {
  const vals = [0.1, 1e-300, 123456789012345, 1234567890123456789, -0.000123, 2.5e10, 97.87e9, 1.222426953574842e-5];
  const csv = "v\n" + vals.map((v) => String(v)).join("\n") + "\n";
  const f = parseCsvFrame(csv, { file: "t.csv", numeric: ["v"] });
  assert.deepEqual(Array.from(numeric(f, "v")), vals);
});

test("non-numeric value in a numeric column names file, row and column", () => {
  const csv = "iso3,value\nKAZ,1\nUZB,abc\n";
  assert.throws(
    () => parseCsvFrame(csv, { file: "wdi.csv", numeric: ["value"] }),
    (e: unknown) => e instanceof DataError && e.message === 'wdi.csv, row 3, column \'value\': "abc" is not a number' && e.row === 3 && e.column === "value",
  );
  for (const bad of ["0x10", "Infinity", "1e999", "1.2.3", "-", "1e", "12abc", "."]) {
    assert.throws(() => parseCsvFrame(`v\n${bad}\n`, { file: "f.csv", numeric: ["v"] }), /f\.csv, row 2, column 'v': .* is not a number/, bad);
  }
});

test("missing required column lists the columns found", () => {
  assert.throws(
    () => parseCsvFrame("iso3,val\nKAZ,1\n", { file: "x.csv", required: ["iso3", "value"] }),
    /x\.csv, row 1, column 'value': required column is missing \(columns found: iso3, val\)/,
  );
});

test("ragged rows, duplicate header, unterminated quote and stray quote are errors with row and column", () => {
  assert.throws(() => parseCsvFrame("a,b,c\n1,2\n", { file: "r.csv" }), /r\.csv, row 2, column 'c': too few fields/);
  assert.throws(() => parseCsvFrame("a,b\n1,2\n3,4,5\n", { file: "r.csv" }), /r\.csv, row 3: too many fields/);
  assert.throws(() => parseCsvFrame("a,a\n1,2\n", { file: "d.csv" }), /d\.csv, row 1, column 'a': duplicate column name/);
  assert.throws(() => parseCsvFrame('a,b\n1,"open\n', { file: "q.csv" }), /q\.csv, row 2, column 'b': unterminated quoted field/);
  assert.throws(() => parseCsvFrame('a,b\n1,x"y\n', { file: "q.csv" }), /q\.csv, row 2, column 'b': stray/);
  assert.throws(() => parseCsvFrame("a,b\n1,2\n\n3,4\n", { file: "e.csv" }), /e\.csv, row 3, column 'b': too few fields/);
});

test("readCsvFrame: missing file is a DataError naming the path", () => {
  const dir = mkdtempSync(join(tmpdir(), "csv-"));
  try {
    const p = join(dir, "ok.csv");
    writeFileSync(p, "a\n1\n");
    assert.deepEqual(Array.from(numeric(readCsvFrame(p), "a")), [1]);
    assert.throws(() => readCsvFrame(join(dir, "nope.csv")), (e: unknown) => e instanceof DataError && /nope\.csv: file not found/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("1e6 rows x 3 numeric columns parse in under 10 s (catches a quadratic slowdown; the machine is shared, so no tighter bound)", () => {
  const parts: string[] = ["id,x,y\n"];
  for (let i = 0; i < 1e6; i++) parts.push(`${i},${i * 0.5},"${i % 7}"\n`);
  const csv = parts.join("");
  const t0 = performance.now();
  const f = parseCsvFrame(csv, { file: "big.csv" });
  const ms = performance.now() - t0;
  assert.equal(f.nrow, 1e6);
  assert.equal(numeric(f, "x")[999_999], 999_999 * 0.5);
  assert.equal(numeric(f, "y")[13], 13 % 7);
  assert.ok(ms < 10000, `took ${ms.toFixed(0)} ms`);
});

test("decimal parsing equals ECMAScript Number() on 200k random decimal strings (reference: Number(), correctly rounded)", () => {
  // deterministic LCG so failures reproduce
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cells: string[] = [];
  for (let i = 0; i < 200_000; i++) {
    const x = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
    const k = i % 6;
    let s: string;
    if (k === 0) s = x.toFixed(Math.floor(rnd() * 12));
    else if (k === 1) s = x.toExponential(Math.floor(rnd() * 18));
    else if (k === 2) s = x.toPrecision(1 + Math.floor(rnd() * 20));
    else if (k === 3) s = String(x);
    else if (k === 4) s = `${Math.floor(rnd() * 1e9)}.${String(Math.floor(rnd() * 1e9)).padStart(9, "0")}`;
    else s = `${Math.floor(rnd() * 1e6)}e${Math.floor(rnd() * 50) - 25}`;
    cells.push(s);
  }
  const f = parseCsvFrame("v\n" + cells.join("\n") + "\n", { file: "r.csv", numeric: ["v"] });
  const v = numeric(f, "v");
  for (let i = 0; i < cells.length; i++) {
    if (!Object.is(v[i], Number(cells[i]))) assert.fail(`${cells[i]}: got ${v[i]}, Number() gives ${Number(cells[i])}`);
  }
});
