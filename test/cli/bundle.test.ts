import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { availableParallelism, tmpdir } from "node:os";
import { createRequire } from "node:module";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { syntheticPanel, rng } from "../estimate/synthetic";
import type { Frame } from "../../src/frame";

// The bundled CLI (dist/cli.cjs, built by scripts/build-cli.mjs and run by bin/bri-cbec.mjs) must
// behave exactly as src/ run through tsx: same bytes on stdout and stderr, same exit codes; and an
// edit to src/ must never run stale. Data: synthetic panels written to os.tmpdir() by this test.
// reference: the same CLI run through tsx (BRI_CBEC_TSX=1), i.e. the TypeScript sources as they are.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bri-bundle-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const threads = process.env.BRI_CBEC_THREADS !== "1" && availableParallelism() >= 2;

interface BuildScript {
  buildCli(): Promise<{ bundle: string }>;
  bundleOptions(entry: string, outfile: string): Record<string, unknown>;
  BUILD_INPUTS: string[];
  HEADER: RegExp;
  ROOT: string;
}
const build = (await import(join(root, "scripts", "build-cli.mjs"))) as BuildScript;

/** Run bin/bri-cbec.mjs of the tree at `repo`: BRI_CBEC_TSX=0 bundle only (no silent fallback), 1 tsx. */
function cli(mode: "bundle" | "tsx", args: string[], opts: { repo?: string; nodeArgs?: string[] } = {}) {
  const repo = opts.repo ?? root;
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), join(repo, "bin", "bri-cbec.mjs"), ...args], {
    encoding: "utf8",
    cwd: repo,
    env: { ...process.env, BRI_CBEC_TSX: mode === "bundle" ? "0" : "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** CSV of a frame (shortest round-trip text of every double) plus a third FE column `g3`. */
function writeCsv(name: string, f: Frame, edit?: (row: string[], i: number) => void): string {
  const u = rng(5);
  const lines = [[...f.names, "g3"].join(",")];
  for (let i = 0; i < f.nrow; i++) {
    const row = f.names.map((n) => {
      const v = f.columns[n]![i];
      return v === null || (typeof v === "number" && Number.isNaN(v)) ? "" : String(v);
    });
    row.push(String(Math.floor(u() * 40)));
    edit?.(row, i);
    lines.push(row.join(","));
  }
  const p = join(dir, name);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

const big = writeCsv("panel-1e5.csv", syntheticPanel(5000, 20, 17)); // 1e5 rows
const small = syntheticPanel(30, 8, 23);
const smallCsv = writeCsv("small.csv", small);
const badCsv = writeCsv("bad.csv", small, (row, i) => {
  if (i === 11) row[small.names.indexOf("x1")] = "oops";
});

/** Wait past the bundle's mtime margin, so files written just now count as older than the next build. */
function pastMargin(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
}

test("the build script builds the bundle (as `npm run build` / `prepare` do)", async () => {
  const r = await build.buildCli();
  assert.ok(existsSync(r.bundle));
  assert.match(readFileSync(r.bundle, "utf8"), build.HEADER);
});

test("bin/ and the build script agree on the build inputs and the bundle header", () => {
  const bin = readFileSync(join(root, "bin", "bri-cbec.mjs"), "utf8");
  assert.ok(bin.includes(`const BUILD_INPUTS = ${JSON.stringify(build.BUILD_INPUTS).replaceAll(",", ", ")};`), "BUILD_INPUTS differ");
  assert.ok(bin.includes(`const HEADER = ${build.HEADER.toString()};`), "HEADER differs");
});

test("the helper thread of the demeaning runs from bundled code (same numbers as one thread)", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, async () => {
  const esbuild = await import("esbuild");
  const opts = { ...build.bundleOptions(join(root, "src", "estimate", "parallel.ts"), join(dir, "parallel.cjs")) };
  delete opts.entryPoints;
  const res = await esbuild.build({
    ...opts,
    stdin: {
      contents: 'export * from "./src/estimate/parallel"; export { cgDemeanColumn, groupedCodes } from "./src/estimate/demeanKernel";',
      resolveDir: root,
      loader: "ts",
    },
  });
  const file = join(dir, "parallel.cjs");
  writeFileSync(file, res.outputFiles![0]!.text);
  type K = typeof import("../../src/estimate/parallel") & typeof import("../../src/estimate/demeanKernel");
  const k = createRequire(import.meta.url)(file) as K;
  const n = 60_000;
  const u = rng(9);
  const fe = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  const G = [600, 20, 37];
  for (let i = 0; i < n; i++) for (let q = 0; q < 3; q++) fe[q]![i] = q === 0 ? Math.floor(i / 100) : Math.floor(u() * G[q]!);
  const invW = fe.map((codes, q) => {
    const s = new Float64Array(G[q]!);
    for (let i = 0; i < n; i++) s[codes[i]!] += 1;
    return s.map((c) => (c > 0 ? 1 / c : 0));
  });
  const cols = [0, 1].map(() => Float64Array.from({ length: n }, () => u() - 0.5 + fe[0]![0]!));
  const grouped = k.groupedCodes(fe);
  // one thread: the kernel called here
  const expected = cols.map((c) => {
    const x = Float64Array.from(c);
    const work = [0, 1, 2, 3].map(() => new Float64Array(n));
    k.cgDemeanColumn(x, fe, invW, G.map((g) => new Float64Array(g)), null, 1e-10, 10000, work[0]!, work[1]!, work[2]!, work[3]!, grouped);
    return x;
  });
  const shared = cols.map(k.sharedCopy);
  const job = k.startHelperDemean(shared, fe.map(k.sharedCopyInt), invW.map(k.sharedCopy), null, 1e-10, 10000, grouped);
  assert.ok(job, "the helper thread did not start");
  const its = job.wait();
  assert.ok(its, "the helper thread failed its job");
  assert.ok(its[0]! > 0 && its[1]! > 0, `sweeps ${its[0]}, ${its[1]}`);
  for (let j = 0; j < 2; j++) assert.deepEqual(shared[j], expected[j], `column ${j}`);
});

test("the helper thread of the demeaning also completes its job from the TypeScript sources (tsx)", { skip: threads ? false : "one core or BRI_CBEC_THREADS=1: no helper thread" }, async () => {
  const k = { ...(await import("../../src/estimate/parallel")), ...(await import("../../src/estimate/demeanKernel")) };
  const n = 60_000;
  const fe = [Int32Array.from({ length: n }, (_, i) => Math.floor(i / 100)), Int32Array.from({ length: n }, (_, i) => i % 20)];
  const G = [600, 20];
  const invW = fe.map((codes, q) => {
    const s = new Float64Array(G[q]!);
    for (let i = 0; i < n; i++) s[codes[i]!] += 1;
    return s.map((c) => 1 / c);
  });
  const u = rng(3);
  const col = Float64Array.from({ length: n }, () => u());
  const expected = Float64Array.from(col);
  const work = [0, 1, 2, 3].map(() => new Float64Array(n));
  k.cgDemeanColumn(expected, fe, invW, G.map((g) => new Float64Array(g)), null, 1e-10, 10000, work[0]!, work[1]!, work[2]!, work[3]!, null);
  const shared = [k.sharedCopy(col)];
  const its = k.startHelperDemean(shared, fe.map(k.sharedCopyInt), invW.map(k.sharedCopy), null, 1e-10, 10000, null)?.wait();
  assert.ok(its, "the helper thread failed its job (does cgDemeanColumn read a module-level name the worker source lacks?)");
  assert.deepEqual(shared[0], expected);
});

// Reports each start of a worker thread on stderr (loaded with --import before the CLI).
const workerProbe = join(dir, "worker-probe.mjs");
writeFileSync(
  workerProbe,
  `import wt from "node:worker_threads";
import { syncBuiltinESMExports } from "node:module";
const W = wt.Worker;
wt.Worker = class extends W { constructor(...a) { super(...a); process.stderr.write("[probe] worker thread started\\n"); } };
syncBuiltinESMExports();
`,
);

test("1e5 rows, three FE, clustered SEs: bundled CLI and tsx print identical JSON; the helper thread starts in both", () => {
  const args = ["fit", "--data", big, "--formula", "y ~ x1 + x2 | id + year + g3", "--vcov", "cluster:id", "--json"];
  const b = cli("bundle", args, { nodeArgs: ["--import", workerProbe] });
  const t = cli("tsx", args, { nodeArgs: ["--import", workerProbe] });
  assert.equal(b.status, 0, b.stderr);
  assert.equal(b.stdout, t.stdout);
  assert.equal(b.stderr, t.stderr);
  assert.equal(JSON.parse(b.stdout).nobs, 100_000);
  if (threads) assert.match(b.stderr, /\[probe\] worker thread started/);
});

test("1e5 rows, two FE: identical JSON; and the human-readable table", () => {
  for (const extra of [["--json"], []]) {
    const args = ["fit", "--data", big, "--formula", "y ~ x1 + x2 | id + year", "--vcov", "cluster:id", ...extra];
    const b = cli("bundle", args);
    const t = cli("tsx", args);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(b.stdout, t.stdout);
    assert.equal(b.stderr, t.stderr);
  }
});

test("other models (ppml is imported on demand): identical output", () => {
  const cases = [
    ["--formula", "y ~ x1 + x2", "--model", "re", "--panel", "id,year"],
    ["--formula", "y ~ x1 + x2 | id", "--vcov", "hc1"],
    ["--formula", "y ~ x1 | xe ~ z", "--vcov", "hc1"],
  ];
  // ppml needs a non-negative response: exp of the synthetic y
  const iy = small.names.indexOf("y");
  const pp = writeCsv("ppml.csv", small, (row) => {
    row[iy] = String(Math.exp(Number(row[iy]) / 4));
  });
  for (const c of cases) {
    const b = cli("bundle", ["fit", "--data", smallCsv, ...c, "--json"]);
    const t = cli("tsx", ["fit", "--data", smallCsv, ...c, "--json"]);
    assert.equal(b.status, 0, `${c.join(" ")}: ${b.stderr}`);
    assert.equal(b.stdout, t.stdout, c.join(" "));
  }
  const b = cli("bundle", ["fit", "--data", pp, "--formula", "y ~ x1 + x2 | id + year", "--model", "ppml", "--json"]);
  const t = cli("tsx", ["fit", "--data", pp, "--formula", "y ~ x1 + x2 | id + year", "--model", "ppml", "--json"]);
  assert.equal(b.status, 0, b.stderr);
  assert.equal(JSON.parse(b.stdout).model, "ppml");
  assert.equal(b.stdout, t.stdout);
});

test("bad input, bad usage, unknown command, help: same messages and exit codes", () => {
  const cases: [string[], number][] = [
    [["fit", "--data", badCsv, "--formula", "y ~ x1 + x2"], 1],
    [["fit", "--data", join(dir, "missing.csv"), "--formula", "y ~ x1"], 1],
    [["fit", "--data", smallCsv, "--formula", "y ~ x1 + nope"], 1],
    [["fit", "--data", smallCsv], 2],
    [["fit", "--bogus"], 2],
    [["nope"], 2],
    [[], 2],
    [["--help"], 0],
    [["fit", "--help"], 0],
    [["panel", "--help"], 0],
  ];
  for (const [args, code] of cases) {
    const b = cli("bundle", args);
    const t = cli("tsx", args);
    assert.equal(b.status, code, `${args.join(" ")}: ${b.stderr}`);
    assert.equal(t.status, code, args.join(" "));
    assert.equal(b.stdout, t.stdout, args.join(" "));
    assert.equal(b.stderr, t.stderr, args.join(" "));
  }
  assert.match(cli("bundle", cases[0]![0]).stderr, /bad\.csv, row 13, column 'x1': "oops" is not a number/);
});

/** A copy of the files the CLI needs (node_modules linked), to edit without touching the tree. */
function copyTree(): string {
  const repo = mkdtempSync(join(tmpdir(), "bri-bundle-tree-"));
  for (const p of ["bin", "src", "scripts/build-cli.mjs", "package.json", "tsconfig.json"]) cpSync(join(root, p), join(repo, p), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(repo, "node_modules"));
  pastMargin();
  return repo;
}

function buildId(repo: string): string {
  return build.HEADER.exec(readFileSync(join(repo, "dist", "cli.cjs"), "utf8"))![1]!;
}

test("an edit under src/ is never run stale: the next start rebuilds the bundle", () => {
  const repo = copyTree();
  try {
    // first start: no bundle yet → built
    const first = cli("bundle", ["--help"], { repo });
    assert.equal(first.status, 0, first.stderr);
    const id0 = buildId(repo);
    const built0 = statSync(join(repo, "dist", "cli.cjs")).mtimeMs;
    // second start: nothing changed → the same bundle file, not rebuilt
    assert.equal(cli("bundle", ["--help"], { repo }).status, 0);
    assert.equal(statSync(join(repo, "dist", "cli.cjs")).mtimeMs, built0);
    // the entry file
    const cliTs = join(repo, "src", "cli.ts");
    writeFileSync(cliTs, readFileSync(cliTs, "utf8").replace("usage: bri-cbec <command>", "usage: bri-cbec-EDITED <command>"));
    const second = cli("bundle", ["--help"], { repo });
    assert.match(second.stdout, /usage: bri-cbec-EDITED <command>/);
    const id1 = buildId(repo);
    assert.notEqual(id1, id0);
    // a file deep in the import graph, edited with its mtime set back to last year (ctime still moves)
    const fitTs = join(repo, "src", "cli", "fit.ts");
    const before = statSync(fitTs);
    writeFileSync(fitTs, readFileSync(fitTs, "utf8").replace("options:\n  --data FILE.csv", "options:\n  --data FILE.csv (EDITED)"));
    const lastYear = new Date(Date.now() - 365 * 86400e3);
    utimesSync(fitTs, lastYear, lastYear);
    assert.ok(statSync(fitTs).mtimeMs < before.mtimeMs);
    const third = cli("bundle", ["fit", "--help"], { repo });
    assert.match(third.stdout, /--data FILE\.csv \(EDITED\)/);
    assert.notEqual(buildId(repo), id1);
    // the same output as tsx on the edited tree
    assert.equal(third.stdout, cli("tsx", ["fit", "--help"], { repo }).stdout);
    // a file added beside the inputs (it could change how an import resolves): rebuilt too
    pastMargin();
    const built3 = statSync(join(repo, "dist", "cli.cjs")).mtimeMs;
    writeFileSync(join(repo, "src", "cli", "added.ts"), "export const added = 1;\n");
    assert.equal(cli("bundle", ["fit", "--help"], { repo }).status, 0);
    assert.notEqual(statSync(join(repo, "dist", "cli.cjs")).mtimeMs, built3);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test("a failed build falls back to tsx (said once on stderr), and the next good edit builds again", () => {
  const repo = copyTree();
  try {
    // a dynamic import with a computed path cannot be bundled; tsx runs it
    const extra = join(repo, "src", "cli", "extra.ts");
    writeFileSync(extra, 'const p = "./fit";\nexport const load = () => import(p);\n');
    const cliTs = join(repo, "src", "cli.ts");
    const orig = readFileSync(cliTs, "utf8");
    writeFileSync(cliTs, orig.replace('fit: () => import("./cli/fit"),', 'fit: async () => (await import("./cli/extra")).load(),'));
    pastMargin();
    const a = spawnSync(process.execPath, [join(repo, "bin", "bri-cbec.mjs"), "fit", "--help"], { encoding: "utf8", env: { ...process.env, BRI_CBEC_TSX: "" } });
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, /usage: bri-cbec fit/);
    assert.match(a.stderr, /src\/cli\/extra\.ts:2: dynamic import\(\) with a computed path cannot be bundled/);
    assert.match(a.stderr, /running src\/ through tsx instead/);
    assert.ok(existsSync(join(repo, "dist", "cli.build-failed.txt")));
    // next start: no retry, no message, still right
    const b = spawnSync(process.execPath, [join(repo, "bin", "bri-cbec.mjs"), "fit", "--help"], { encoding: "utf8", env: { ...process.env, BRI_CBEC_TSX: "" } });
    assert.equal(b.status, 0);
    assert.equal(b.stderr, "");
    assert.equal(b.stdout, a.stdout);
    // bundle-only mode refuses instead of falling back
    const c = cli("bundle", ["fit", "--help"], { repo });
    assert.notEqual(c.status, 0);
    assert.match(c.stderr, /BRI_CBEC_TSX=0/);
    // fixed → built again
    writeFileSync(cliTs, orig);
    rmSync(extra);
    const d = cli("bundle", ["fit", "--help"], { repo });
    assert.equal(d.status, 0, d.stderr);
    assert.equal(d.stdout, a.stdout);
    assert.ok(!existsSync(join(repo, "dist", "cli.build-failed.txt")));
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
