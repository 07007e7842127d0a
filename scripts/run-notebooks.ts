/**
 * `npm run notebooks [-- FILTER ...] [--timeout SECONDS]`: execute every `notebooks/NN-*.ipynb` in
 * order, headless, through a real Jupyter client (Debian's nbclient run by /usr/bin/python3) with the
 * tslab (TypeScript) kernel; fail on the first cell error or type error, naming the notebook, the cell
 * index and the error; save executed copies under `reports/notebooks/` (git-ignored).
 *
 * The kernel is started in the repository root, so notebooks import local modules as `./src/...`
 * (tslab type-checks with rootDir = the kernel's working directory; `../src` would lie outside it).
 * A kernel started in notebooks/ (Jupyter opened there) finds `./src` through the committed symlink
 * notebooks/src -> ../src; `--cwd notebooks` runs the notebooks that way.
 *
 * The same functions are used by `test/notebooks/notebooks.test.ts`, so `npm test` runs the notebooks.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, delimiter, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Debian's Python, which sees python3-nbclient/nbconvert/ipykernel (the pyenv python3 does not). */
export const JUPYTER_PYTHON = "/usr/bin/python3";
/** Kernel spec name registered by `tslab install`. */
export const TSLAB_KERNEL = "tslab";
/** Default per-cell timeout in seconds (override with `--timeout` or NOTEBOOK_CELL_TIMEOUT). */
export const DEFAULT_CELL_TIMEOUT_S = 300;
/** Notebooks that the runner executes: two digits, a dash, a name. */
export const NOTEBOOK_PATTERN = /^\d\d-.+\.ipynb$/;

export const repoRoot: string = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface NotebookRunOptions {
  /** Repository root (kernel working directory); default: this repository. */
  readonly root?: string;
  /** Per-cell timeout in seconds. */
  readonly cellTimeoutS?: number;
  /** Directory for executed copies; default `<root>/reports/notebooks`. */
  readonly outDir?: string;
  /**
   * Working directory of the kernel: "root" (default, as `npm run notebooks`) or "notebooks" — what a
   * user gets who opens a notebook in Jupyter started from notebooks/; `./src` then resolves through
   * the committed symlink notebooks/src -> ../src.
   */
  readonly cwd?: "root" | "notebooks";
}

export interface NotebookRun {
  readonly notebook: string;
  readonly ok: boolean;
  /** Number of code cells executed (including the failing one). */
  readonly cellsExecuted: number;
  readonly codeCells: number;
  /** Index (0-based, over all cells) of the failing cell, or null. */
  readonly failedCell: number | null;
  /** Error type and text, with the cell's stderr (tslab puts the message there). */
  readonly error: string | null;
  readonly wallSeconds: number;
  /** Where the executed (or partially executed) copy was written. */
  readonly output: string;
  /** Set when the first attempt hit tslab's source-change race and the notebook was run again. */
  readonly retriedAfter?: string;
}

/**
 * tslab watches every imported source file; when one changes on disk while the kernel runs (another
 * process editing src/), its watch-compiler throws this in the next cell. It says nothing about the
 * notebook, so the runner runs the notebook once more (and says so).
 */
export const TSLAB_SOURCE_CHANGE_RACE = "Unexpected pending rebuildTimer";

export interface JupyterStatus {
  readonly ok: boolean;
  readonly reason: string;
}

function pythonEnv(root: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // the kernel spec's argv[0] is "tslab": make this repository's copy the one found
    PATH: [join(root, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

function runPython(root: string, code: string, args: string[], timeoutMs?: number) {
  return spawnSync(JUPYTER_PYTHON, ["-Xfrozen_modules=off", "-c", code, ...args], {
    cwd: root,
    env: pythonEnv(root),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
}

/** Whether Debian's Jupyter client (nbclient, nbformat, jupyter_client) is importable. */
export function jupyterStatus(root: string = repoRoot): JupyterStatus {
  if (!existsSync(JUPYTER_PYTHON)) return { ok: false, reason: `${JUPYTER_PYTHON} not found (apt-get install python3)` };
  const r = runPython(root, "import nbclient, nbformat, jupyter_client", []);
  if (r.status !== 0) {
    return {
      ok: false,
      reason: `Jupyter client missing for ${JUPYTER_PYTHON} (apt-get install python3-nbclient python3-nbconvert python3-ipykernel): ${lastLine(r.stderr)}`,
    };
  }
  return { ok: true, reason: "nbclient available" };
}

/** Names of the installed Jupyter kernel specs. */
export function kernelSpecs(root: string = repoRoot): string[] {
  const r = runPython(
    root,
    "import json; from jupyter_client.kernelspec import KernelSpecManager; print(json.dumps(sorted(KernelSpecManager().find_kernel_specs())))",
    [],
  );
  if (r.status !== 0) throw new Error(`cannot list Jupyter kernel specs: ${lastLine(r.stderr)}`);
  return JSON.parse(lastLine(r.stdout)) as string[];
}

/** Whether the tslab kernel spec is registered and this repository's tslab binary exists. */
export function tslabStatus(root: string = repoRoot): JupyterStatus {
  const jup = jupyterStatus(root);
  if (!jup.ok) return jup;
  if (!existsSync(join(root, "node_modules", ".bin", "tslab"))) {
    return { ok: false, reason: "node_modules/.bin/tslab missing (run npm ci)" };
  }
  if (!kernelSpecs(root).includes(TSLAB_KERNEL)) {
    return { ok: false, reason: "Jupyter kernel spec 'tslab' not registered (run: npx tslab install --python /usr/bin/python3)" };
  }
  return { ok: true, reason: "tslab kernel registered" };
}

/** Register the tslab kernel spec with Debian's Jupyter if it is missing; returns true if it installed. */
export function ensureTslabKernel(root: string = repoRoot): boolean {
  const jup = jupyterStatus(root);
  if (!jup.ok) throw new Error(jup.reason);
  if (kernelSpecs(root).includes(TSLAB_KERNEL)) return false;
  const r = spawnSync(join(root, "node_modules", ".bin", "tslab"), ["install", "--python", JUPYTER_PYTHON], {
    cwd: root,
    env: pythonEnv(root),
    encoding: "utf8",
  });
  if (r.status !== 0 || !kernelSpecs(root).includes(TSLAB_KERNEL)) {
    throw new Error(`tslab install --python ${JUPYTER_PYTHON} failed: ${r.stderr || r.stdout}`);
  }
  return true;
}

/**
 * The notebooks to run: `notebooks/NN-*.ipynb`, sorted by name; with filters, those whose file name
 * contains any filter.
 */
export function findNotebooks(filters: readonly string[] = [], root: string = repoRoot): string[] {
  const dir = join(root, "notebooks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NOTEBOOK_PATTERN.test(n))
    .filter((n) => filters.length === 0 || filters.some((f) => n.includes(f)))
    .sort()
    .map((n) => join(dir, n));
}

// The Jupyter client side, run by Debian's Python: executes cell by cell so the failing index is known,
// writes the (partially) executed notebook, and prints one JSON result line.
const DRIVER = String.raw`
import json, sys, time, traceback
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

src, dst, cwd, timeout, kernel = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=120,
                        allow_errors=False, record_timing=True,
                        resources={"metadata": {"path": cwd}})
res = {"ok": True, "failedCell": None, "error": None, "cellsExecuted": 0,
       "codeCells": sum(1 for c in nb.cells if c.cell_type == "code")}
def stderr_of(cell):
    parts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream" and o.get("name") == "stderr":
            parts.append(o.get("text", ""))
        elif o.get("output_type") == "error":
            parts.append((o.get("ename") or "") + ": " + (o.get("evalue") or ""))
    return "".join(parts).strip()
try:
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            res["cellsExecuted"] += 1
            try:
                client.execute_cell(cell, i)
            except CellTimeoutError as e:
                res.update(ok=False, failedCell=i, error="timeout after %d s: %s" % (timeout, str(e).strip()[-2000:]))
                break
            except CellExecutionError as e:
                detail = stderr_of(cell) or str(e).strip()
                res.update(ok=False, failedCell=i, error="cell error (" + (e.ename or "?").strip("<>") + "): " + detail[-4000:])
                break
            except DeadKernelError as e:
                res.update(ok=False, failedCell=i, error="kernel died: " + str(e)[-2000:])
                break
except Exception as e:
    res.update(ok=False, error="Jupyter client failure: " + "".join(traceback.format_exception_only(type(e), e)).strip())
nbformat.write(nb, dst)
print("@@NOTEBOOK_RESULT@@" + json.dumps(res))
`;

/**
 * Execute one notebook under Jupyter with the tslab kernel; never throws for a cell error. Runs it a
 * second time only if the first attempt failed with {@link TSLAB_SOURCE_CHANGE_RACE}.
 */
export function runNotebook(path: string, options: NotebookRunOptions = {}): NotebookRun {
  const first = runNotebookOnce(path, options);
  if (first.ok || !(first.error ?? "").includes(TSLAB_SOURCE_CHANGE_RACE)) return first;
  const second = runNotebookOnce(path, options);
  return { ...second, wallSeconds: first.wallSeconds + second.wallSeconds, retriedAfter: `cell ${first.failedCell}: ${TSLAB_SOURCE_CHANGE_RACE} (a source file changed during the run)` };
}

function runNotebookOnce(path: string, options: NotebookRunOptions): NotebookRun {
  const root = options.root ?? repoRoot;
  const timeout = options.cellTimeoutS ?? DEFAULT_CELL_TIMEOUT_S;
  const outDir = options.outDir ?? join(root, "reports", "notebooks");
  mkdirSync(outDir, { recursive: true });
  const output = join(outDir, basename(path));
  const t0 = process.hrtime.bigint();
  const kernelCwd = options.cwd === "notebooks" ? join(root, "notebooks") : root;
  const r = runPython(root, DRIVER, [path, output, kernelCwd, String(timeout), TSLAB_KERNEL]);
  const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("@@NOTEBOOK_RESULT@@"));
  const notebook = basename(path);
  if (!line) {
    return {
      notebook,
      ok: false,
      cellsExecuted: 0,
      codeCells: 0,
      failedCell: null,
      error: `Jupyter driver exited with ${r.status ?? r.signal}: ${(r.stderr ?? "").trim().slice(-3000)}`,
      wallSeconds,
      output,
    };
  }
  const res = JSON.parse(line.slice("@@NOTEBOOK_RESULT@@".length)) as {
    ok: boolean;
    failedCell: number | null;
    error: string | null;
    cellsExecuted: number;
    codeCells: number;
  };
  return { notebook, ...res, wallSeconds, output };
}

/** A one-line (plus error text) account of a run, naming notebook, cell and error. */
export function describeRun(run: NotebookRun): string {
  const time = `${run.wallSeconds.toFixed(1)} s${run.retriedAfter ? ` (run twice: first attempt failed at ${run.retriedAfter})` : ""}`;
  if (run.ok) return `ok   ${run.notebook}  ${run.cellsExecuted}/${run.codeCells} code cells  ${time}`;
  const where = run.failedCell === null ? "" : ` at cell ${run.failedCell}`;
  return `FAIL ${run.notebook}${where}  ${time}\n${run.error ?? ""}\n(partial copy: ${run.output})`;
}

function lastLine(s: string | null | undefined): string {
  const lines = (s ?? "").trim().split("\n");
  return lines[lines.length - 1] ?? "";
}

async function main(argv: string[]): Promise<number> {
  const filters: string[] = [];
  let cellTimeoutS = Number(process.env.NOTEBOOK_CELL_TIMEOUT ?? DEFAULT_CELL_TIMEOUT_S);
  let cwd: "root" | "notebooks" = "root";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--timeout") cellTimeoutS = Number(argv[++i]);
    else if (a === "--cwd") {
      const v = argv[++i];
      if (v !== "root" && v !== "notebooks") throw new Error(`--cwd must be 'root' or 'notebooks', got '${v ?? ""}'`);
      cwd = v;
    } else if (a === "-h" || a === "--help") {
      console.log("usage: npm run notebooks [-- FILTER ...] [--timeout SECONDS_PER_CELL] [--cwd root|notebooks]");
      return 0;
    } else filters.push(a);
  }
  if (!(cellTimeoutS > 0)) throw new Error(`--timeout must be a positive number of seconds, got ${cellTimeoutS}`);
  if (ensureTslabKernel()) console.log("registered the tslab kernel spec");
  const books = findNotebooks(filters);
  if (books.length === 0) {
    console.error(`no notebooks/NN-*.ipynb matched${filters.length ? ` filters ${filters.join(", ")}` : ""}`);
    return 1;
  }
  const t0 = Date.now();
  for (const nb of books) {
    const run = runNotebook(nb, { cellTimeoutS, cwd });
    console.log(describeRun(run));
    if (!run.ok) return 1;
  }
  console.log(`${books.length} notebook(s) executed in ${((Date.now() - t0) / 1000).toFixed(1)} s; copies in reports/notebooks/`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

/** Parse a notebook file (used by the committed-notebook checks). */
export function readNotebook(path: string): {
  metadata?: { kernelspec?: { name?: string } };
  cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[];
} {
  return JSON.parse(readFileSync(path, "utf8"));
}
