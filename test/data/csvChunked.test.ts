// Files are read in blocks (src/data/csv.ts, readCsvTable; a record cut by a block end is parsed
// again with the next block); with a tiny block size the result must equal the one-piece parse,
// row numbers included.
// reference: the one-piece parse of the same file by readCsvTable (closed-form equality).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCsvTable, DataError } from "../../src/data/csv";
import { withCsvFile } from "./tempCsv";

function withFile(text: string, f: (path: string) => void): void {
  withCsvFile(text, f, "csvchunk-");
}

test("chunked parse = one-piece parse (numbers, missing cells, an auto column that is text only near the end)", () => {
  const lines = ["id,x,code"];
  for (let i = 0; i < 200; i++) lines.push(`${i},${i % 7 === 0 ? "" : (i * 0.1).toFixed(3)},${i === 190 ? "K12" : String(i % 5)}`);
  withFile(lines.join("\r\n") + "\r\n", (p) => {
    const whole = readCsvTable(p);
    const chunked = readCsvTable(p, { chunkBytes: 97 });
    assert.deepEqual(chunked.frame.names, whole.frame.names);
    for (const n of whole.frame.names) assert.deepEqual(Array.from(chunked.frame.columns[n]! as ArrayLike<unknown>), Array.from(whole.frame.columns[n]! as ArrayLike<unknown>), n);
    assert.deepEqual(Array.from(chunked.rowLine), Array.from(whole.rowLine));
    assert.ok(Array.isArray(chunked.frame.columns.code), "code is text in every chunk");
  });
});

test("chunked parse: an error in a later chunk names the file row", () => {
  const lines = ["a,b"];
  for (let i = 0; i < 100; i++) lines.push(i === 80 ? "1" : `${i},${i}`);
  withFile(lines.join("\n") + "\n", (p) => {
    assert.throws(() => readCsvTable(p, { chunkBytes: 50 }), (e: unknown) => e instanceof DataError && e.row === 82 && /too few fields/.test(e.message));
    assert.throws(() => readCsvTable(p), (e: unknown) => e instanceof DataError && e.row === 82);
  });
});

test("chunked parse of quoted fields (embedded line ends, commas, escaped quotes, CRLF cut between CR and LF) = one-piece parse", () => {
  const lines = ["name,note,v"];
  for (let i = 0; i < 120; i++) lines.push(`"n ${i}","a, ""b""\r\nline ${i % 3}",${i % 11 === 0 ? "NA" : (i * 0.37).toFixed(2)}`);
  withFile("\uFEFF" + lines.join("\r\n") + "\r\n", (p) => {
    const whole = readCsvTable(p);
    assert.equal(whole.frame.nrow, 120);
    for (const chunkBytes of [1, 2, 3, 7, 40, 97]) {
      const chunked = readCsvTable(p, { chunkBytes });
      assert.deepEqual(chunked.frame.names, whole.frame.names);
      for (const n of whole.frame.names) assert.deepEqual(Array.from(chunked.frame.columns[n]! as ArrayLike<unknown>), Array.from(whole.frame.columns[n]! as ArrayLike<unknown>), `${n} (chunkBytes ${chunkBytes})`);
      assert.deepEqual(Array.from(chunked.rowLine), Array.from(whole.rowLine));
    }
    assert.equal(whole.rowLine[1], 4); // every record spans two file lines
  });
});
