// Large all-numeric CSV files are parsed by two threads (src/data/csvParallel.ts: the worker takes
// the half after a line start near the middle). With a tiny threshold (threadBytes) the result,
// row numbers and error messages must equal those of the one-thread parse of the same file.
// reference: readCsvTable of the same file with BRI_CBEC_THREADS=1 (one sequential pass).
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { readCsvTable, type CsvOptions, type CsvTable } from "../../src/data/csv";
import { withCsvFile } from "./tempCsv";
import { SHARED_MIN_ROWS } from "../../src/frame";

const twoCores = availableParallelism() >= 2;

function oneThread<T>(f: () => T): T {
  const before = process.env.BRI_CBEC_THREADS;
  process.env.BRI_CBEC_THREADS = "1";
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.BRI_CBEC_THREADS;
    else process.env.BRI_CBEC_THREADS = before;
  }
}

function withFile(text: string, f: (path: string) => void): void {
  withCsvFile(text, f, "csvthreads-");
}

/** Result or error message, comparable with deepEqual (numbers as strings to keep -0 and NaN). */
function outcome(read: () => CsvTable): unknown {
  try {
    const t = read();
    return {
      names: t.frame.names,
      cols: t.frame.names.map((n) => {
        const c = t.frame.columns[n]!;
        return c instanceof Float64Array ? Array.from(c, (x) => (Object.is(x, -0) ? "-0" : String(x))) : c;
      }),
      rowLine: Array.from(t.rowLine),
    };
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

function panelText(rows: number, eol: string, cell: (i: number, j: number) => string): string {
  const lines = ["id,t,y,x1,x2"];
  for (let i = 0; i < rows; i++) lines.push([0, 1, 2, 3, 4].map((j) => cell(i, j)).join(","));
  return lines.join(eol) + eol;
}

const numberCell = (i: number, j: number): string =>
  j === 0 ? String(1 + Math.floor(i / 20)) : j === 1 ? String(1 + (i % 20)) : i % 97 === j ? "NA" : String(Math.sin(i * 7.3 + j) * 10 ** ((i % 9) - 4));

test("two threads: an all-numeric file gives the same columns and row numbers as one thread", { skip: !twoCores && "one core" }, () => {
  for (const eol of ["\n", "\r\n"]) {
    withFile(panelText(30000, eol, numberCell), (p) => {
      const opts: CsvOptions = { threadBytes: 1, chunkBytes: 65536 };
      const two = readCsvTable(p, opts);
      assert.equal(two.threads, 2, "the worker's half was used");
      const one = oneThread(() => readCsvTable(p, opts));
      assert.equal(one.threads, 1);
      assert.deepEqual(outcome(() => two), outcome(() => one));
    });
  }
});

test("two threads: an error in the second half names the same file row and column as one thread", { skip: !twoCores && "one core" }, () => {
  withFile(panelText(30000, "\n", (i, j) => (i === 25000 && j === 3 ? "1.2.3" : numberCell(i, j))), (p) => {
    const opts: CsvOptions = { threadBytes: 1, numeric: ["id", "t", "y", "x1", "x2"] };
    const two = outcome(() => readCsvTable(p, opts));
    assert.equal(two, "error: t.csv, row 25002, column 'x1': \"1.2.3\" is not a number");
    assert.deepEqual(two, oneThread(() => outcome(() => readCsvTable(p, opts))));
  });
  withFile(panelText(30000, "\n", numberCell).replace(/\n([^\n]*)\n$/, "\n$1,7\n"), (p) => {
    const two = outcome(() => readCsvTable(p, { threadBytes: 1 }));
    assert.match(String(two), /^error: t\.csv, row 30001: too many fields/);
    assert.deepEqual(two, oneThread(() => outcome(() => readCsvTable(p, { threadBytes: 1 }))));
  });
});

test("two threads: a column that turns out text in the second half, quoted cells and blank lines give the one-thread result", { skip: !twoCores && "one core" }, () => {
  const cases = [
    panelText(30000, "\n", (i, j) => (i === 29000 && j === 4 ? "n/a" : numberCell(i, j))), // x2 becomes text
    panelText(30000, "\n", (i, j) => (i === 10 && j === 2 ? '"1.5"' : numberCell(i, j))), // quoted cell in the first half
    panelText(30000, "\n", (i, j) => (i === 20000 && j === 2 ? '"2,5"' : numberCell(i, j))), // quoted text cell in the second half
    panelText(30000, "\r", numberCell), // CR line ends
  ];
  for (const text of cases) {
    withFile(text, (p) => {
      assert.deepEqual(outcome(() => readCsvTable(p, { threadBytes: 1 })), oneThread(() => outcome(() => readCsvTable(p, { threadBytes: 1 }))));
    });
  }
  // a one-column file with blank lines (each a missing value) on both sides of the middle
  const lines = ["v"];
  for (let i = 0; i < 40000; i++) lines.push(i % 1000 === 0 ? "" : String(i / 8));
  withFile(lines.join("\n") + "\n", (p) => {
    const two = readCsvTable(p, { threadBytes: 1 });
    assert.equal(two.frame.nrow, 40000);
    assert.deepEqual(outcome(() => two), oneThread(() => outcome(() => readCsvTable(p, { threadBytes: 1 }))));
  });
});

test("numeric columns of a file with ≥ SHARED_MIN_ROWS rows are on shared memory (the fit's helper thread reads them without a copy); smaller files give ordinary arrays", () => {
  // reference: the one-thread parse of the same file (the values do not depend on where they live)
  withFile(panelText(SHARED_MIN_ROWS + 10, "\n", numberCell), (p) => {
    for (const opts of [{ threadBytes: 1, chunkBytes: 65536 }, { chunkBytes: 65536 }] as CsvOptions[]) {
      const t = readCsvTable(p, opts);
      assert.equal(t.frame.nrow, SHARED_MIN_ROWS + 10);
      for (const n of t.frame.names) assert.ok((t.frame.columns[n] as Float64Array).buffer instanceof SharedArrayBuffer, `column ${n} (${JSON.stringify(opts)})`);
      assert.deepEqual(outcome(() => t), outcome(() => oneThread(() => readCsvTable(p, { chunkBytes: 65536 }))));
    }
  });
  withFile(panelText(1000, "\n", numberCell), (p) => {
    const t = readCsvTable(p);
    for (const n of t.frame.names) assert.ok(!((t.frame.columns[n] as Float64Array).buffer instanceof SharedArrayBuffer), `column ${n}`);
  });
});

test("two threads: the worker's rows written into the shared columns give the one-thread result when the row estimates are too high or too low on either side", { skip: !twoCores && "one core" }, () => {
  // reference: the one-thread parse of the same file. Row lengths vary so that the estimates from
  // the first block (the first half's rows, where the worker starts writing; the whole file's rows,
  // the columns' length) are right, too high, or too low for this thread or for the worker.
  const rows = 2 * SHARED_MIN_ROWS + 20000;
  const long = (i: number, j: number): string => String(Math.sin(i * 7.3 + j) * 10 ** ((i % 5) - 2));
  const short = (i: number, j: number): string => String((i + j) % 10);
  const layouts: [string, (i: number, j: number) => string][] = [
    ["uniform", long],
    ["long rows first (both estimates short)", (i, j) => (i < rows / 12 ? long(i, j) : short(i, j))],
    ["short rows first (both estimates long)", (i, j) => (i < rows / 2 ? short(i, j) : long(i, j))],
    ["short rows in the second half (the worker's share short)", (i, j) => (i < (rows * 2) / 3 ? long(i, j) : short(i, j))],
    ["short rows inside the first half (this thread's share short)", (i, j) => (i < rows / 40 || i >= rows / 2 ? long(i, j) : short(i, j))],
  ];
  for (const [name, cell] of layouts) {
    withFile(panelText(rows, "\n", cell), (p) => {
      const opts: CsvOptions = { threadBytes: 1, chunkBytes: 65536 };
      const two = readCsvTable(p, opts);
      assert.equal(two.threads, 2, `${name}: the worker's half was used`);
      for (const n of two.frame.names) assert.ok((two.frame.columns[n] as Float64Array).buffer instanceof SharedArrayBuffer, `${name}: column ${n} on shared memory`);
      assert.deepEqual(outcome(() => two), outcome(() => oneThread(() => readCsvTable(p, opts))), name);
    });
  }
  // the worker stops (a bad cell, a column turning text) after writing into the shared columns:
  // this thread parses on past the split alone, with the one-thread result and error
  const late = rows - 100;
  const cases: [string, (i: number, j: number) => string, CsvOptions["numeric"]][] = [
    ["a bad cell late in the second half", (i, j) => (i === late && j === 3 ? "1.2.3" : long(i, j)), ["id", "t", "y", "x1", "x2"]],
    ["a column turning text late in the second half", (i, j) => (i === late && j === 4 ? "n/a" : long(i, j)), "auto"],
  ];
  for (const [name, cell, numeric] of cases) {
    withFile(panelText(rows, "\n", cell), (p) => {
      const opts: CsvOptions = { threadBytes: 1, chunkBytes: 65536, numeric };
      const two = outcome(() => readCsvTable(p, opts));
      if (numeric !== "auto") assert.match(String(two), new RegExp(`^error: t\\.csv, row ${late + 2}, column 'x1': "1\\.2\\.3" is not a number`), name);
      assert.deepEqual(two, outcome(() => oneThread(() => readCsvTable(p, opts))), name);
    });
  }
});
