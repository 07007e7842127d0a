// The notebook runner itself: a type error and a runtime error each fail the run, naming the cell
// index and the error text; a clean notebook passes. Notebooks are written to a temp directory.
// reference: tslab 1.0 behaviour (type errors are reported as cell errors with the message on stderr).
import assert from "node:assert/strict";
import { mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { describeRun, findNotebooks, readNotebook, repoRoot, runNotebook, tslabStatus } from "../../scripts/run-notebooks";

const status = tslabStatus();
const ci = process.env.CI === "true" || process.env.CI === "1";
const skip = status.ok ? false : ci ? false : status.reason;
const dir = mkdtempSync(join(tmpdir(), "bri-runner-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function notebook(name: string, cells: string[]): string {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: cells.map((src, i) => ({ id: `c${i}`, cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: src })),
  };
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(nb));
  return p;
}

test("runner: a type error fails at its cell with the compiler message", { skip, timeout: 120_000 }, () => {
  assert.ok(status.ok, `CI=true but notebooks cannot run: ${status.reason}`);
  const p = notebook("10-type-error.ipynb", [
    'import { makeFrame } from "./src/frame";\nconsole.log(makeFrame({ a: Float64Array.of(1) }).nrow);',
    'const x: number = "not a number";',
    'console.log("never reached");',
  ]);
  const r = runNotebook(p, { outDir: dir, cellTimeoutS: 60 });
  assert.equal(r.ok, false);
  assert.equal(r.failedCell, 1);
  assert.equal(r.cellsExecuted, 2);
  assert.match(r.error ?? "", /Type 'string' is not assignable to type 'number'/);
});

test("runner: a thrown error fails at its cell with the message; a clean notebook passes", { skip, timeout: 120_000 }, () => {
  assert.ok(status.ok, `CI=true but notebooks cannot run: ${status.reason}`);
  const bad = runNotebook(notebook("11-throw.ipynb", ["console.log(1);", 'throw new RangeError("boom in cell 1");']), { outDir: dir, cellTimeoutS: 60 });
  assert.equal(bad.ok, false);
  assert.equal(bad.failedCell, 1);
  assert.match(bad.error ?? "", /RangeError: boom in cell 1/);
  const good = runNotebook(notebook("12-ok.ipynb", ['import { numeric, makeFrame } from "./src/frame";\nnumeric(makeFrame({ a: Float64Array.of(2) }), "a")[0];']), { outDir: dir, cellTimeoutS: 60 });
  assert.ok(good.ok, good.error ?? "");
  assert.equal(good.cellsExecuted, 1);
});

test("kernel started in notebooks/ (Jupyter opened there): ./src resolves through notebooks/src -> ../src", { skip, timeout: 300_000 }, () => {
  assert.ok(status.ok, `CI=true but notebooks cannot run: ${status.reason}`);
  assert.equal(readlinkSync(join(repoRoot, "notebooks", "src")), "../src", "notebooks/src is the committed symlink to ../src");
  // the kernel's working directory really is notebooks/, and a local import resolves from there
  const probe = runNotebook(
    notebook("13-cwd.ipynb", ['import { numeric, makeFrame } from "./src/frame";\nconsole.log(`cwd=${process.cwd()} value=${numeric(makeFrame({ a: Float64Array.of(3) }), "a")[0]}`);']),
    { outDir: dir, cellTimeoutS: 60, cwd: "notebooks" },
  );
  assert.ok(probe.ok, probe.error ?? "");
  const out = JSON.stringify(readNotebook(probe.output).cells[0]);
  assert.ok(out.includes(`cwd=${join(repoRoot, "notebooks")} value=3`), `probe output: ${out.slice(0, 500)}`);
  // a real notebook (the first, data cleaning) runs to the end from notebooks/
  const first = findNotebooks(["01-"])[0]!;
  const run = runNotebook(first, { outDir: dir, cwd: "notebooks" });
  assert.ok(run.ok, describeRun(run));
  assert.equal(run.cellsExecuted, run.codeCells);
});
