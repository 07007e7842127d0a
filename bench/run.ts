/**
 * `npm run bench` — the benchmark suite of issue 7.
 *
 * For each N (default 1e4, 1e5, 1e6, 1e7; K = 8, T = 20, G = N/T) it times, each case in its own
 * child process (peak RSS from `/usr/bin/time -f %M` when present, else the child's own
 * process.resourceUsage().maxRSS):
 *   ours   ols-fit      fit(frame, "y ~ x1+…+x8 | id + t", { vcov: { cluster: ["id"] } })  (in-process median)
 *          ols-command  `bri-cbec fit --data <csv> …` as a child process (wall time: read CSV + fit + SEs)
 *          csv-read     readCsvFrame(<csv>)
 *          ppml-fit     fit(frame, "ycount ~ x1+…+x8 | id + t", { model: "ppml", vcov: { cluster: ["id"] } })
 *          unbalanced   ols-fit with 30% of rows removed; fe3: third FE `grp`; unbalanced+fe3: both
 *   peers  R data.table fread, plm, estimatr, fixest (feols/fepois, only if installed), base-R glm
 *          Poisson with dummies and statsmodels OLS with dummies (small N) — on the same CSV; fit time
 *          measured inside the peer, whole-command wall time outside.
 * Output: reports/bench/bench.md and bench.json (or --out DIR).
 *
 * Flags: --sizes 1e4,1e5 (or none)   --quick (1e4, 1 repeat, no peers)   --repeats N (default 3)
 *        --peers fread,plm,estimatr,statsmodels,glm,fixest | none   --timeout SECONDS (per child, 900)
 *        --cases ols,command,read,ppml,hard   --whole (also time `npm run report` / `npm run notebooks`)
 *        --profile N (CPU-profile ols-fit at N → profile.md)   --out DIR   --cache-dir DIR
 *        --force-large (run 1e7 even when the 1-minute load average is ≥ 1.5)   --repeats-large N (at 1e7; default 1)
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePanelCsv, specForRows, type PanelSpec } from "./generate";
import type { CaseOutput, CaseSpec } from "./case";
import { profileMarkdown, summarizeCpuProfile, type CpuProfile } from "./profile";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const K = 8;
const T = 20;
const SCHEMA = "bri-cbec-bench/1";

// ---------------------------------------------------------------------------------------------
// Options

export interface BenchOptions {
  sizes: number[];
  repeats: number;
  peers: string[];
  cases: string[];
  timeoutSeconds: number;
  whole: boolean;
  profile: number | null;
  out: string;
  cacheDir: string;
  quick: boolean;
  forceLarge: boolean;
  /** Repeats at N ≥ 1e7 (at most --repeats; default 1). */
  repeatsLarge: number;
}

const ALL_PEERS = ["fread", "plm", "estimatr", "fixest", "glm", "statsmodels"];
const ALL_CASES = ["ols", "command", "read", "ppml", "hard"];

export function parseArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    sizes: [1e4, 1e5, 1e6, 1e7],
    repeats: 3,
    peers: [...ALL_PEERS],
    cases: [...ALL_CASES],
    timeoutSeconds: 900,
    whole: false,
    profile: null,
    out: join(ROOT, "reports", "bench"),
    cacheDir: join(tmpdir(), "bri-cbec-bench"),
    quick: false,
    forceLarge: false,
    repeatsLarge: 1,
  };
  let peersGiven = false, sizesGiven = false, repeatsGiven = false;
  const num = (flag: string, v: string | undefined): number => {
    const x = Number(v);
    if (v === undefined || !Number.isFinite(x) || x <= 0) throw new Error(`bench: ${flag} needs a positive number, got '${v ?? ""}'`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i];
    switch (a) {
      case "--sizes":
        {
          const v = next();
          o.sizes = v === "none" ? [] : (v ?? "").split(",").map((s) => Math.round(num("--sizes", s)));
        }
        sizesGiven = true;
        break;
      case "--quick":
        o.quick = true;
        break;
      case "--repeats":
        o.repeats = Math.round(num("--repeats", next()));
        repeatsGiven = true;
        break;
      case "--peers": {
        const v = next() ?? "";
        o.peers = v === "none" ? [] : v.split(",").filter(Boolean);
        for (const p of o.peers) if (!ALL_PEERS.includes(p)) throw new Error(`bench: unknown peer '${p}' (known: ${ALL_PEERS.join(", ")})`);
        peersGiven = true;
        break;
      }
      case "--cases": {
        o.cases = (next() ?? "").split(",").filter(Boolean);
        for (const c of o.cases) if (!ALL_CASES.includes(c)) throw new Error(`bench: unknown case '${c}' (known: ${ALL_CASES.join(", ")})`);
        break;
      }
      case "--timeout":
        o.timeoutSeconds = num("--timeout", next());
        break;
      case "--whole":
        o.whole = true;
        break;
      case "--profile":
        o.profile = Math.round(num("--profile", next()));
        break;
      case "--out":
        o.out = next() ?? o.out;
        break;
      case "--cache-dir":
        o.cacheDir = next() ?? o.cacheDir;
        break;
      case "--repeats-large":
        o.repeatsLarge = Math.round(num("--repeats-large", next()));
        break;
      case "--force-large":
        o.forceLarge = true;
        break;
      case "--help":
      case "-h":
        process.stdout.write(readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0] + "*/\n");
        process.exit(0);
      default:
        throw new Error(`bench: unknown flag '${a}' (see --help)`);
    }
  }
  if (o.quick) {
    if (!sizesGiven) o.sizes = [1e4];
    if (!repeatsGiven) o.repeats = 1;
    if (!peersGiven) o.peers = [];
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Child processes

interface ChildRun {
  status: "ok" | "failed" | "timeout";
  code: number | null;
  wallSeconds: number;
  peakRssKB: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, any> | null;
}

const HAVE_TIME = existsSync("/usr/bin/time");

/** Run a command in its own process group, with a timeout (the group is killed) and peak RSS. */
function runChild(cmd: string, args: string[], timeoutSeconds: number, extraEnv: Record<string, string> = {}): Promise<ChildRun> {
  const tmp = mkdtempSync(join(tmpdir(), "bri-bench-"));
  const timeFile = join(tmp, "time.txt");
  const [c, a] = HAVE_TIME ? ["/usr/bin/time", ["-f", "%M", "-o", timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(c, a as string[], { cwd: ROOT, detached: true, env: { ...process.env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", timedOut = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-20000)));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, timeoutSeconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallSeconds = (performance.now() - t0) / 1000;
      let peakRssKB: number | null = null;
      if (HAVE_TIME && existsSync(timeFile)) {
        const m = readFileSync(timeFile, "utf8").trim().split("\n").pop()?.match(/^(\d+)$/);
        if (m) peakRssKB = Number(m[1]);
      }
      rmSync(tmp, { recursive: true, force: true });
      const line = stdout.split("\n").find((l) => l.startsWith("BENCH_JSON "));
      let json: Record<string, any> | null = null;
      if (line) {
        try {
          json = JSON.parse(line.slice("BENCH_JSON ".length).replace(/\bNaN\b/g, "null"));
        } catch {
          json = null;
        }
      }
      resolve({ status: timedOut ? "timeout" : code === 0 ? "ok" : "failed", code, wallSeconds, peakRssKB, stdout, stderr, json });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Results

export interface CaseResult {
  n: number;
  case: string;
  tool: string;
  /** "ok" | "failed" | "timeout" | "skipped" */
  status: string;
  note: string;
  rows: number | null;
  fitSeconds: { median: number; min: number; all: number[] } | null;
  wallSeconds: { median: number; min: number; all: number[] } | null;
  peakRssMB: number | null;
  rowsPerSecond: number | null;
  iterations: number | null;
  converged: boolean | null;
  x1: { estimate: number; se: number } | null;
  /** Peers: ratio ours/peer and relative differences of x1 (against the matching ours case). */
  versus: { oursCase: string; fitRatio: number | null; wallRatio: number | null; coefRelDiff: number | null; seRelDiff: number | null } | null;
  loadBefore: number;
}

function stats(all: number[]): { median: number; min: number; all: number[] } | null {
  if (!all.length) return null;
  const s = [...all].sort((a, b) => a - b);
  const m = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: m, min: s[0]!, all };
}

function blank(n: number, kase: string, tool: string, status: string, note: string): CaseResult {
  return { n, case: kase, tool, status, note, rows: null, fitSeconds: null, wallSeconds: null, peakRssMB: null, rowsPerSecond: null, iterations: null, converged: null, x1: null, versus: null, loadBefore: loadavg()[0]! };
}

const xs = Array.from({ length: K }, (_, k) => `x${k + 1}`).join(" + ");
const OLS_FORMULA = `y ~ ${xs} | id + t`;
const PPML_FORMULA = `ycount ~ ${xs} | id + t`;
const FE3_FORMULA = `y ~ ${xs} | id + t + grp`;
const CLUSTER = { vcov: { cluster: ["id"] } };

/** A case of our engine in a child process (`bench/case.ts`). */
async function oursCase(n: number, kase: string, spec: CaseSpec, o: BenchOptions, extraNodeArgs: string[] = []): Promise<CaseResult> {
  const r = blank(n, kase, "bri-cbec", "ok", "");
  const run = await runChild(process.execPath, [...extraNodeArgs, "--import", "tsx", "bench/case.ts", JSON.stringify(spec)], o.timeoutSeconds);
  const j = run.json as CaseOutput | null;
  if (run.status === "timeout") return { ...r, status: "timeout", note: `killed after ${o.timeoutSeconds} s` };
  if (!j) return { ...r, status: "failed", note: firstLine(run.stderr) || `exit ${run.code}` };
  if (j.status !== "ok") return { ...r, status: "failed", note: j.error ?? "failed" };
  const fs = stats(j.seconds);
  r.rows = j.nobs ?? null;
  r.fitSeconds = fs;
  r.peakRssMB = (run.peakRssKB ?? j.maxRssKB) / 1024;
  r.rowsPerSecond = fs && r.rows ? r.rows / fs.median : null;
  r.iterations = j.iterations ?? null;
  r.converged = j.converged ?? null;
  if (j.estimate !== undefined && j.se !== undefined) r.x1 = { estimate: j.estimate, se: j.se };
  r.note = spec.kind === "read" ? "readCsvFrame (src/data/csv.ts)" : `panel generated in ${j.loadSeconds.toFixed(2)} s (not timed), RSS after it ${(j.maxRssAfterLoadKB / 1024).toFixed(0)} MB`;
  if (fs && fs.all.length > 1) r.note += `; first (cold) run ${fmtS(fs.all[0])} s`;
  return r;
}

function firstLine(s: string): string {
  const lines = s.split("\n").map((l) => l.trim()).filter((l) => l && !/^Command (exited|terminated)/.test(l));
  return (lines.find((l) => /error|Error|not implemented|cannot/.test(l)) ?? lines[0] ?? "").slice(0, 200);
}

/** `bri-cbec fit` arguments for the whole-command timing (read CSV + fit + clustered SEs). */
export function commandArgs(csv: string): string[] {
  return ["bin/bri-cbec.mjs", "fit", "--data", csv, "--formula", OLS_FORMULA, "--vcov", "cluster:id", "--json"];
}

async function oursCommand(n: number, csv: string, o: BenchOptions): Promise<CaseResult> {
  const r = blank(n, "ols-command", "bri-cbec", "ok", "");
  const walls: number[] = [];
  let peak = 0;
  for (let i = 0; i < o.repeats; i++) {
    const run = await runChild(process.execPath, commandArgs(csv), o.timeoutSeconds);
    if (run.status !== "ok") return { ...r, status: run.status, note: run.status === "timeout" ? `killed after ${o.timeoutSeconds} s` : firstLine(run.stderr) || `exit ${run.code}` };
    walls.push(run.wallSeconds);
    peak = Math.max(peak, run.peakRssKB ?? 0);
    const est = extractX1(run.stdout);
    if (est) r.x1 = est;
  }
  r.wallSeconds = stats(walls);
  r.rows = n;
  r.peakRssMB = peak ? peak / 1024 : null;
  r.rowsPerSecond = n / r.wallSeconds!.median;
  r.note = "node bin/bri-cbec.mjs fit --data <csv> --formula … --vcov cluster:id --json";
  return r;
}

/** x1 estimate and SE from the command's JSON output (FitResult.toJSON), if it printed one. */
function extractX1(stdout: string): { estimate: number; se: number } | null {
  try {
    const start = stdout.indexOf("{");
    if (start < 0) return null;
    const j = JSON.parse(stdout.slice(start));
    const c = j?.coefficients?.x1;
    if (c && typeof c.estimate === "number" && typeof c.se === "number") return { estimate: c.estimate, se: c.se };
    if (Array.isArray(j?.coefNames)) {
      const i = j.coefNames.indexOf("x1");
      if (i >= 0) return { estimate: j.coef[i], se: j.se[i] };
    }
  } catch {
    /* not JSON */
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Peers

interface PeerDef {
  id: string;
  tool: string;
  /** The ours case it is compared with. */
  against: string;
  cmd: (csv: string) => [string, string[]];
  /** Largest N it is run at, and why not beyond. */
  maxN: number;
  whyNot: string;
  /** At most this many repeats (slow peers). */
  maxRepeats: number;
  available: () => string | null;
}

let rOk: boolean | null = null;
function rAvailable(pkg: string): string | null {
  if (rOk === null) rOk = spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
  if (!rOk) return "skipped: R not installed";
  const r = spawnSync("Rscript", ["-e", `library(${pkg})`], { stdio: "ignore" });
  return r.status === 0 ? null : "skipped: not installed";
}
const rCache = new Map<string, string | null>();
const rPkg = (pkg: string) => () => {
  if (!rCache.has(pkg)) rCache.set(pkg, rAvailable(pkg));
  return rCache.get(pkg)!;
};

const PEERS: PeerDef[] = [
  { id: "fread", tool: "R data.table fread", against: "csv-read", cmd: (csv) => ["Rscript", ["bench/peers/fread.R", csv, String(K)]], maxN: Infinity, whyNot: "", maxRepeats: Infinity, available: rPkg("data.table") },
  { id: "fixest", tool: "R fixest feols", against: "ols-fit", cmd: (csv) => ["Rscript", ["bench/peers/fixest.R", csv, String(K), "ols"]], maxN: Infinity, whyNot: "", maxRepeats: Infinity, available: rPkg("fixest") },
  { id: "fixest-ppml", tool: "R fixest fepois", against: "ppml-fit", cmd: (csv) => ["Rscript", ["bench/peers/fixest.R", csv, String(K), "ppml"]], maxN: Infinity, whyNot: "", maxRepeats: Infinity, available: rPkg("fixest") },
  { id: "plm", tool: "R plm within + vcovHC", against: "ols-fit", cmd: (csv) => ["Rscript", ["bench/peers/plm.R", csv, String(K)]], maxN: 1e6, whyNot: "skipped at 1e7: plm needs ~10 s at 1e6 (issue 7 anchors) and does not scale", maxRepeats: Infinity, available: rPkg("plm") },
  { id: "estimatr", tool: "R estimatr lm_robust", against: "ols-fit", cmd: (csv) => ["Rscript", ["bench/peers/estimatr.R", csv, String(K)]], maxN: 1e5, whyNot: "skipped at ≥1e6: out of memory per issue 7 anchors (4.6 GB at 1e5)", maxRepeats: Infinity, available: rPkg("estimatr") },
  { id: "glm", tool: "R glm poisson + dummies", against: "ppml-fit", cmd: (csv) => ["Rscript", ["bench/peers/glm_poisson.R", csv, String(K)]], maxN: 1e4, whyNot: "skipped at ≥1e5: dense dummy design (N × (G+T)) is too large", maxRepeats: 1, available: rPkg("sandwich") },
  {
    id: "statsmodels", tool: "statsmodels OLS + dummies", against: "ols-fit", cmd: (csv) => ["/usr/bin/python3", ["bench/peers/statsmodels_ols.py", csv, String(K)]], maxN: 1e4,
    whyNot: "skipped at ≥1e5: dense dummy design (1e5 × 5020 doubles = 4 GB)", maxRepeats: 1,
    available: () => (spawnSync("/usr/bin/python3", ["-c", "import statsmodels, pandas"], { stdio: "ignore" }).status === 0 ? null : "skipped: not installed"),
  },
];

async function peerCase(n: number, p: PeerDef, csv: string, o: BenchOptions): Promise<CaseResult> {
  const r = blank(n, p.against === "csv-read" ? "csv-read" : p.against === "ppml-fit" ? "ppml" : "ols", p.tool, "ok", "");
  const fits: number[] = [], walls: number[] = [];
  let peak = 0;
  const reps = Math.min(o.repeats, p.maxRepeats);
  for (let i = 0; i < reps; i++) {
    const [c, a] = p.cmd(csv);
    const run = await runChild(c, a, o.timeoutSeconds);
    if (run.status !== "ok" || !run.json) {
      return { ...r, status: run.status === "timeout" ? "timeout" : "failed", note: run.status === "timeout" ? `killed after ${o.timeoutSeconds} s` : firstLine(run.stderr) || `exit ${run.code}`, peakRssMB: run.peakRssKB ? run.peakRssKB / 1024 : null };
    }
    fits.push(run.json.fitSeconds);
    walls.push(run.wallSeconds);
    peak = Math.max(peak, run.peakRssKB ?? 0);
    r.rows = run.json.nobs;
    if (typeof run.json.estimate === "number" && typeof run.json.se === "number") r.x1 = { estimate: run.json.estimate, se: run.json.se };
    r.note = [run.json.note, reps < o.repeats ? `${reps} repeat (slow)` : ""].filter(Boolean).join("; ");
  }
  r.fitSeconds = stats(fits);
  r.wallSeconds = stats(walls);
  r.peakRssMB = peak ? peak / 1024 : null;
  r.rowsPerSecond = r.rows && r.fitSeconds ? r.rows / r.fitSeconds.median : null;
  return r;
}

function relDiff(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

function attachVersus(peer: CaseResult, oursFit: CaseResult | undefined, oursWhole: CaseResult | undefined, against: string): void {
  const ok = (c: CaseResult | undefined) => (c && c.status === "ok" ? c : undefined);
  const f = ok(oursFit), w = ok(oursWhole);
  peer.versus = {
    oursCase: against,
    fitRatio: f?.fitSeconds && peer.fitSeconds ? f.fitSeconds.median / peer.fitSeconds.median : null,
    wallRatio: w?.wallSeconds && peer.wallSeconds ? w.wallSeconds.median / peer.wallSeconds.median : null,
    coefRelDiff: relDiff(f?.x1?.estimate, peer.x1?.estimate),
    seRelDiff: relDiff(f?.x1?.se, peer.x1?.se),
  };
}

// ---------------------------------------------------------------------------------------------
// Whole scripts and profile

async function wholeScript(name: string, script: string, o: BenchOptions): Promise<CaseResult> {
  const r = blank(0, `npm run ${name}`, "bri-cbec", "ok", "");
  if (!existsSync(join(ROOT, script))) return { ...r, status: "skipped", note: `skipped: ${script} not there yet` };
  const run = await runChild("npm", ["run", "--silent", name], o.timeoutSeconds);
  r.status = run.status;
  r.wallSeconds = stats([run.wallSeconds]);
  r.peakRssMB = run.peakRssKB ? run.peakRssKB / 1024 : null;
  r.note = run.status === "ok" ? "end to end, one run" : firstLine(run.stderr) || `exit ${run.code}`;
  return r;
}

async function profileRun(n: number, o: BenchOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bri-prof-"));
  const file = join(dir, "fit.cpuprofile");
  const spec: CaseSpec = { kind: "fit", panel: specForRows(n, { periods: T, regressors: K }), formula: OLS_FORMULA, options: CLUSTER, repeats: 1, cpuProfile: file };
  const r = await oursCase(n, "ols-fit (profiled)", spec, o);
  let md = `# CPU profile of ols-fit at N = ${fmtN(n)}\n\n${new Date().toISOString()}; status ${r.status}; fit ${fmtS(r.fitSeconds?.median)} s (one cold fit, profiler on; 1-minute load ${loadavg()[0]!.toFixed(2)}). ` +
    "Only the fit call is profiled (node:inspector around it); self time per function (tsx compiles each file to one line, so positions are file:line:column of the compiled code; anonymous functions are named after their caller).\n\n";
  if (existsSync(file)) md += profileMarkdown(summarizeCpuProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, ROOT), `y ~ x1+…+x8 | id + t, cluster(id), N = ${fmtN(n)}`) + "\n";
  else md += `No profile written (${r.note}).\n`;
  rmSync(dir, { recursive: true, force: true });
  return md;
}

// ---------------------------------------------------------------------------------------------
// Report

function fmtS(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return x < 0.01 ? x.toFixed(4) : x < 10 ? x.toFixed(3) : x.toFixed(1);
}
const fmtR = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(2) + "×");
const fmtE = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toExponential(1));
const fmtN = (n: number) => (n >= 1e4 && Math.log10(n) % 1 === 0 ? `1e${Math.log10(n)}` : String(n));

export interface Goal {
  goal: string;
  status: "PASS" | "FAIL" | "NOT MEASURED";
  detail: string;
}

function find(results: CaseResult[], n: number, kase: string, tool = "bri-cbec"): CaseResult | undefined {
  return results.find((r) => r.n === n && r.case === kase && r.tool === tool && r.status === "ok");
}

/** Why our case did not give a time at n: not in this run, or its status and note. */
function notRun(results: CaseResult[], n: number, kase: string): string {
  const r = results.find((x) => x.n === n && x.case === kase && x.tool === "bri-cbec");
  return r ? ` Our ${fmtN(n)} ${kase}: ${r.status} (${r.note}).` : ` ${fmtN(n)} ${kase} not in this run.`;
}

function evaluateGoals(results: CaseResult[], anchors: any): Goal[] {
  const g: Goal[] = [];
  const ours1e6 = find(results, 1e6, "ols-fit"), cmd1e6 = find(results, 1e6, "ols-command");
  const fx = find(results, 1e6, "ols", "R fixest feols");
  const indicative = (ours: number | undefined, anchor: number | undefined) =>
    ours !== undefined && anchor !== undefined ? ` Indicative only, against the issue-7 anchor (${anchor} s, another run): ours ${fmtS(ours)} s = ${(ours / anchor).toFixed(2)}×.` : "";
  if (fx && ours1e6) {
    const q = ours1e6.fitSeconds!.median / fx.fitSeconds!.median;
    g.push({ goal: "1e6 two-way FE OLS + cluster SE, fit: within 1.5× of R fixest", status: q <= 1.5 ? "PASS" : "FAIL", detail: `ours/fixest = ${q.toFixed(2)}×` });
  } else {
    g.push({ goal: "1e6 two-way FE OLS + cluster SE, fit: within 1.5× of R fixest", status: "NOT MEASURED", detail: (fx ? "" : "R fixest not installed (no Debian package), so no side-by-side run.") + (ours1e6 ? indicative(ours1e6.fitSeconds!.median, anchors.seconds.fixest_feols_fit["1e6"]) : notRun(results, 1e6, "ols-fit")) });
  }
  if (fx && cmd1e6) {
    const q = cmd1e6.wallSeconds!.median / fx.wallSeconds!.median;
    g.push({ goal: "1e6 whole command (read CSV + fit + SEs): within 1.5× of Rscript fread + feols", status: q <= 1.5 ? "PASS" : "FAIL", detail: `ours/fixest = ${q.toFixed(2)}×` });
  } else {
    const fr = find(results, 1e6, "csv-read", "R data.table fread"), rd = find(results, 1e6, "csv-read");
    const extra = fr && rd ? ` CSV reading side by side: readCsvFrame ${fmtS(rd.fitSeconds!.median)} s vs fread ${fmtS(fr.fitSeconds!.median)} s (${(rd.fitSeconds!.median / fr.fitSeconds!.median).toFixed(1)}×).` : "";
    const ind = cmd1e6 ? indicative(cmd1e6.wallSeconds!.median, anchors.seconds.fixest_feols_fit["1e6"] + anchors.seconds.fread["1e6"]).replace("anchor", "anchors fread + feols") : notRun(results, 1e6, "ols-command");
    g.push({ goal: "1e6 whole command (read CSV + fit + SEs): within 1.5× of Rscript fread + feols", status: "NOT MEASURED", detail: (fx ? "" : "R fixest not installed.") + ind + extra });
  }
  for (const [peer, n] of [["R plm within + vcovHC", 1e6], ["R estimatr lm_robust", 1e5]] as const) {
    const p = find(results, n, "ols", peer), ours = find(results, n, "ols-fit");
    if (p && ours) {
      const q = ours.fitSeconds!.median / p.fitSeconds!.median;
      g.push({ goal: `far ahead of ${peer.replace("R ", "")} (ours ≤ 0.2× its fit time, at ${fmtN(n)})`, status: q <= 0.2 ? "PASS" : "FAIL", detail: `ours/peer = ${q.toFixed(3)}×` });
    } else g.push({ goal: `far ahead of ${peer.replace("R ", "")} (ours ≤ 0.2× its fit time, at ${fmtN(n)})`, status: "NOT MEASURED", detail: `${p ? "" : "peer not run at this size; "}${ours ? "" : "ours not run at this size"}` });
  }
  const big = results.find((r) => r.n === 1e7 && r.case === "ols-fit" && r.tool === "bri-cbec");
  if (big && big.status === "ok" && big.peakRssMB !== null) {
    g.push({ goal: "1e7 rows completes under 8 GiB (ols-fit child peak RSS)", status: big.peakRssMB < 8192 ? "PASS" : "FAIL", detail: `peak ${(big.peakRssMB / 1024).toFixed(2)} GiB, fit ${fmtS(big.fitSeconds?.median)} s` });
  } else g.push({ goal: "1e7 rows completes under 8 GiB (ols-fit child peak RSS)", status: big ? "FAIL" : "NOT MEASURED", detail: big ? `${big.status}: ${big.note}` : "1e7 not run" });
  const pp = find(results, 1e6, "ppml-fit"), fp = find(results, 1e6, "ppml", "R fixest fepois");
  if (pp && fp) {
    const q = pp.fitSeconds!.median / fp.fitSeconds!.median;
    g.push({ goal: "PPML two-way FE at 1e6: within 1.5× of fixest fepois", status: q <= 1.5 ? "PASS" : "FAIL", detail: `ours/fepois = ${q.toFixed(2)}×` });
  } else g.push({ goal: "PPML two-way FE at 1e6: within 1.5× of fixest fepois", status: "NOT MEASURED", detail: (fp ? "" : "R fixest not installed.") + (pp ? indicative(pp.fitSeconds!.median, anchors.seconds.fixest_fepois_fit["1e6"]) : notRun(results, 1e6, "ppml-fit")) });
  const hard = results.filter((r) => r.tool === "bri-cbec" && ["unbalanced", "fe3", "unbalanced+fe3"].includes(r.case));
  if (hard.length) {
    const bad = hard.filter((r) => r.status !== "ok" || r.converged === false);
    g.push({ goal: "harder problems (unbalanced 30%, third FE) run and converge; sweeps reported", status: bad.length ? "FAIL" : "PASS", detail: hard.map((r) => `${r.case}@${fmtN(r.n)}: ${r.status === "ok" ? `${r.iterations ?? "?"} sweeps, ${fmtS(r.fitSeconds?.median)} s` : r.status}`).join("; ") });
  } else g.push({ goal: "harder problems (unbalanced 30%, third FE) run and converge; sweeps reported", status: "NOT MEASURED", detail: "not in this run" });
  for (const kase of ["ols-fit", "ppml-fit", "ols-command"]) {
    const a = find(results, 1e5, kase), b = find(results, 1e6, kase);
    const ta = a ? (a.fitSeconds ?? a.wallSeconds)!.median : undefined, tb = b ? (b.fitSeconds ?? b.wallSeconds)!.median : undefined;
    const goal = `linear growth: ${kase} 1e5 → 1e6 costs ≤ 12×`;
    if (ta !== undefined && tb !== undefined) g.push({ goal, status: tb / ta <= 12 ? "PASS" : "FAIL", detail: `${fmtS(ta)} s → ${fmtS(tb)} s = ${(tb / ta).toFixed(1)}×` });
    else g.push({ goal, status: "NOT MEASURED", detail: "needs both 1e5 and 1e6 in this run" });
  }
  const rep = results.find((r) => r.case === "npm run report");
  g.push({
    goal: "`npm run report` end to end under 30 s",
    status: rep && rep.status === "ok" ? (rep.wallSeconds!.median < 30 ? "PASS" : "FAIL") : rep && rep.status !== "skipped" ? "FAIL" : "NOT MEASURED",
    detail: rep ? `${rep.status}: ${fmtS(rep.wallSeconds?.median)} s; ${rep.note}` : "run with --whole",
  });
  return g;
}

function markdown(doc: BenchDoc): string {
  const m = doc.machine;
  const L: string[] = [];
  L.push("# Benchmarks (issue 7)", "");
  L.push(`Generated by \`npm run bench -- ${doc.argv.join(" ")}\` on ${doc.date}.`, "");
  L.push(`Machine: ${m.nproc} cores (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB RAM, Node ${m.node}, ${m.r ?? "R not found"}, ${m.python ?? "python3 not found"}. ` +
    `1-minute load average: ${doc.load.start.toFixed(2)} at start, ${doc.load.end.toFixed(2)} at end, max ${doc.load.maxBeforeCase.toFixed(2)} before a case.` +
    (doc.underLoad ? " **Measured under load** (other work was running on this 2-core machine; treat timings as upper bounds)." : ""), "");
  const g = doc.git;
  L.push(`Code: git ${g.start.commit ?? "?"}${g.start.srcDirty ? " + uncommitted changes in src/" : ""} at start, ${g.end.commit ?? "?"}${g.end.srcDirty ? " + uncommitted changes in src/" : ""} at end.` +
    (g.start.commit !== g.end.commit || g.start.srcDirty || g.end.srcDirty ? " **The code changed during or before the run without a commit: sizes may have been timed on different engine versions.**" : ""), "");
  L.push(`Panel: synthetic (bench/generate.ts, seed ${doc.seed}), T = ${T}, K = ${K}, G = N/T entities, two-way FE, AR(1) entity-clustered errors; peak RSS is the child process's maximum resident set (${HAVE_TIME ? "/usr/bin/time %M" : "process.resourceUsage().maxRSS"}). ` +
    `"fit s" is the median of ${doc.options.repeats} repeat(s) measured inside the process around the fit (+ SEs) only; "whole s" is the wall time of a fresh command (read CSV + fit + SEs). ` +
    "rows/s = rows / fit s (commands: rows / whole s). Ratios are ours/peer (below 1 = ours faster); Δ x1 are relative differences of the x1 estimate and SE against ours (the SE conventions differ by design: our default ssc \"stata\" puts the slopes and the FE not nested in the cluster (t) in K; plm type=\"sss\" counts the slopes only (≈ T/N relative difference); estimatr se_type=\"stata\", statsmodels and glm+vcovCL HC1 count every FE level (≈ G/(2N) ≈ 2.5%)).", "");
  L.push("## Goals", "");
  for (const g of doc.goals) L.push(`- **${g.status}** — ${g.goal}: ${g.detail}`);
  L.push("", "## Timings", "");
  L.push("| N | case | tool | status | fit s | whole s | peak RSS MB | rows/s | sweeps / iter | ours/peer fit | ours/peer whole | Δ x1 coef | Δ x1 SE | note |");
  L.push("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  const ordered = doc.results.map((r, i) => ({ r, i })).sort((a, b) => (a.r.n || Infinity) - (b.r.n || Infinity) || a.i - b.i).map((x) => x.r);
  for (const r of ordered) {
    L.push(`| ${r.n ? fmtN(r.n) : ""} | ${r.case} | ${r.tool} | ${r.status} | ${fmtS(r.fitSeconds?.median)} | ${fmtS(r.wallSeconds?.median)} | ${r.peakRssMB !== null ? r.peakRssMB.toFixed(0) : "—"} | ${r.rowsPerSecond ? Math.round(r.rowsPerSecond).toLocaleString("en-US") : "—"} | ${r.iterations ?? "—"}${r.converged === false ? " (not converged)" : ""} | ${fmtR(r.versus?.fitRatio)} | ${fmtR(r.versus?.wallRatio)} | ${fmtE(r.versus?.coefRelDiff)} | ${fmtE(r.versus?.seRelDiff)} | ${r.note.replace(/\|/g, "\\|")} |`);
  }
  L.push("", "CSV files (generated once, cached in the cache directory):", "");
  for (const c of doc.csv) L.push(`- N = ${fmtN(c.n)}: ${c.bytes ? (c.bytes / 2 ** 20).toFixed(0) + " MiB" : "—"}${c.generatedSeconds ? `, generated in ${c.generatedSeconds.toFixed(1)} s` : ", reused"}`);
  L.push("", "Rerun: `npm run bench` (all sizes; 1e7 only when the load average is below 1.5), `npm run bench -- --sizes 1e4,1e5 --repeats 5`, `npm run bench -- --quick` (CI smoke), `--whole` to time `npm run report`/`notebooks`, `--profile 1e6` for a CPU profile (reports/bench/profile.md).", "");
  return L.join("\n");
}

interface BenchDoc {
  schema: string;
  date: string;
  argv: string[];
  seed: number;
  options: Omit<BenchOptions, "out" | "cacheDir">;
  machine: { nproc: number; cpuModel: string; memoryGiB: number; freeMemoryGiB: number; node: string; r: string | null; python: string | null; platform: string };
  load: { start: number; end: number; maxBeforeCase: number };
  underLoad: boolean;
  /** git HEAD at start and end of the run; src/ dirty = uncommitted engine changes were timed. */
  git: { start: { commit: string | null; srcDirty: boolean | null }; end: { commit: string | null; srcDirty: boolean | null } };
  csv: { n: number; path: string; bytes: number | null; generatedSeconds: number | null }[];
  results: CaseResult[];
  goals: Goal[];
}

/** Commit of the working tree and whether the engine sources (src/) have uncommitted changes. */
function gitState(): { commit: string | null; srcDirty: boolean | null } {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const st = spawnSync("git", ["status", "--porcelain", "--", "src", "bin"], { cwd: ROOT, encoding: "utf8" });
  return { commit: head.status === 0 ? head.stdout.trim() : null, srcDirty: st.status === 0 ? st.stdout.trim().length > 0 : null };
}

function machineInfo(): BenchDoc["machine"] {
  const nproc = Number(spawnSync("nproc", [], { encoding: "utf8" }).stdout.trim()) || cpus().length;
  const rv = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
  const r = rv.status === 0 ? ((rv.stdout || "") + (rv.stderr || "")).trim().split("\n")[0]!.replace(/^Rscript \(R\) version /, "R ") : null;
  const pv = spawnSync("/usr/bin/python3", ["--version"], { encoding: "utf8" });
  const python = pv.status === 0 ? (pv.stdout || pv.stderr).trim() : null;
  return { nproc, cpuModel: cpus()[0]?.model ?? "?", memoryGiB: totalmem() / 2 ** 30, freeMemoryGiB: freemem() / 2 ** 30, node: process.version, r, python, platform: `${process.platform} ${process.arch}` };
}

// ---------------------------------------------------------------------------------------------
// Main

export async function runBench(argv: string[]): Promise<BenchDoc> {
  const opts = parseArgs(argv);
  const o = opts;
  const anchors = JSON.parse(readFileSync(join(ROOT, "bench", "anchors.json"), "utf8"));
  const loadStart = loadavg()[0]!;
  const gitStart = gitState();
  let maxLoad = loadStart;
  const results: CaseResult[] = [];
  const csvs: BenchDoc["csv"] = [];
  const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
  const push = (r: CaseResult) => {
    maxLoad = Math.max(maxLoad, r.loadBefore);
    results.push(r);
    log(`${r.n ? fmtN(r.n) + " " : ""}${r.case} ${r.tool}: ${r.status} fit ${fmtS(r.fitSeconds?.median)} whole ${fmtS(r.wallSeconds?.median)} ${r.note}`);
  };
  const seed = specForRows(1e4).seed;

  if (o.cases.includes("command") && o.sizes.length) {
    // start-up cost of the command (loading the bundled CLI, dist/cli.cjs), included in every
    // ols-command time. The bundle is built (or found up to date) and its code cache written by one
    // untimed run first, as after `npm ci` and a first command: timed runs never include a rebuild.
    const build = await runChild(process.execPath, ["scripts/build-cli.mjs"], o.timeoutSeconds);
    if (build.status !== "ok") log(`CLI bundle build failed (${firstLine(build.stderr)}); the command runs through tsx`);
    await runChild(process.execPath, ["bin/bri-cbec.mjs", "--help"], o.timeoutSeconds);
    const r = blank(0, "cli-startup", "bri-cbec", "ok", "node bin/bri-cbec.mjs --help (bundled CLI; fixed cost inside every ols-command time)");
    const walls: number[] = [];
    let peak = 0;
    for (let i = 0; i < o.repeats; i++) {
      const run = await runChild(process.execPath, ["bin/bri-cbec.mjs", "--help"], o.timeoutSeconds);
      if (run.status !== "ok") {
        r.status = run.status;
        r.note = firstLine(run.stderr) || `exit ${run.code}`;
        break;
      }
      walls.push(run.wallSeconds);
      peak = Math.max(peak, run.peakRssKB ?? 0);
    }
    r.wallSeconds = stats(walls);
    r.peakRssMB = peak ? peak / 1024 : null;
    push(r);
  }
  for (const n of o.sizes) {
    const o = n >= 1e7 ? { ...opts, repeats: Math.min(opts.repeats, opts.repeatsLarge) } : opts;
    if (n >= 1e7 && !o.forceLarge && loadavg()[0]! >= 1.5) {
      push(blank(n, "all", "bri-cbec", "skipped", `skipped: 1-minute load average ${loadavg()[0]!.toFixed(2)} ≥ 1.5 (machine busy); rerun on a quiet machine or with --force-large`));
      continue;
    }
    const spec: PanelSpec = specForRows(n, { periods: T, regressors: K });
    const needCsv = o.cases.includes("command") || o.cases.includes("read") || o.peers.length > 0;
    let csv = "";
    if (needCsv) {
      log(`${fmtN(n)}: CSV…`);
      const e = ensurePanelCsv(spec, o.cacheDir);
      csv = e.path;
      csvs.push({ n, path: relative(ROOT, csv).startsWith("..") ? csv : relative(ROOT, csv), bytes: statSync(csv).size, generatedSeconds: e.generated ? e.seconds : null });
    }
    const here: CaseResult[] = [];
    const add = (r: CaseResult) => {
      here.push(r);
      push(r);
    };
    if (o.cases.includes("ols")) add(await oursCase(n, "ols-fit", { kind: "fit", panel: spec, formula: OLS_FORMULA, options: CLUSTER, repeats: o.repeats }, o));
    if (o.cases.includes("command")) add(await oursCommand(n, csv, o));
    if (o.cases.includes("read")) add(await oursCase(n, "csv-read", { kind: "read", csv, repeats: o.repeats }, o));
    if (o.cases.includes("ppml")) add(await oursCase(n, "ppml-fit", { kind: "fit", panel: spec, formula: PPML_FORMULA, options: { model: "ppml", ...CLUSTER }, repeats: o.repeats }, o));
    if (o.cases.includes("hard")) {
      add(await oursCase(n, "unbalanced", { kind: "fit", panel: { ...spec, removeFraction: 0.3 }, formula: OLS_FORMULA, options: CLUSTER, repeats: o.repeats }, o));
      add(await oursCase(n, "fe3", { kind: "fit", panel: { ...spec, thirdFe: true }, formula: FE3_FORMULA, options: CLUSTER, repeats: o.repeats }, o));
      add(await oursCase(n, "unbalanced+fe3", { kind: "fit", panel: { ...spec, removeFraction: 0.3, thirdFe: true }, formula: FE3_FORMULA, options: CLUSTER, repeats: o.repeats }, o));
    }
    const wantPeers = o.quick && o.peers.length === 0 ? [] : PEERS.filter((p) => o.peers.includes(p.id.replace("-ppml", "")));
    if (o.quick && o.peers.length === 0) push(blank(n, "peers", "(all)", "skipped", "skipped: --quick runs no peers"));
    for (const p of wantPeers) {
      const caseName = p.against === "csv-read" ? "csv-read" : p.against === "ppml-fit" ? "ppml" : "ols";
      if (p.against === "ppml-fit" && !o.cases.includes("ppml")) continue;
      const why = p.available();
      if (why) {
        push(blank(n, caseName, p.tool, "skipped", why));
        continue;
      }
      if (n > p.maxN) {
        push(blank(n, caseName, p.tool, "skipped", p.whyNot));
        continue;
      }
      log(`${fmtN(n)}: peer ${p.tool}…`);
      const r = await peerCase(n, p, csv, o);
      const oursWhole = p.against === "ols-fit" ? here.find((c) => c.case === "ols-command") : undefined;
      attachVersus(r, here.find((c) => c.case === p.against), oursWhole, p.against);
      push(r);
    }
  }
  if (o.whole) {
    push(await wholeScript("report", "scripts/report.ts", o));
    push(await wholeScript("notebooks", "scripts/run-notebooks.ts", o));
  }
  const doc: BenchDoc = {
    schema: SCHEMA,
    date: new Date().toISOString(),
    argv,
    seed,
    options: { sizes: o.sizes, repeats: o.repeats, repeatsLarge: o.repeatsLarge, peers: o.peers, cases: o.cases, timeoutSeconds: o.timeoutSeconds, whole: o.whole, profile: o.profile, quick: o.quick, forceLarge: o.forceLarge },
    machine: machineInfo(),
    load: { start: loadStart, end: loadavg()[0]!, maxBeforeCase: maxLoad },
    underLoad: maxLoad >= 1.5,
    git: { start: gitStart, end: gitState() },
    csv: csvs,
    results,
    goals: evaluateGoals(results, anchors),
  };
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "bench.json"), JSON.stringify(doc, null, 1) + "\n");
  writeFileSync(join(o.out, "bench.md"), markdown(doc));
  log(`wrote ${join(o.out, "bench.md")} and bench.json`);
  if (o.profile !== null) {
    log(`profiling ols-fit at ${fmtN(o.profile)}…`);
    writeFileSync(join(o.out, "profile.md"), await profileRun(o.profile, o));
    log(`wrote ${join(o.out, "profile.md")}`);
  }
  return doc;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runBench(process.argv.slice(2)).then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}

