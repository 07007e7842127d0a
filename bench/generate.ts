/**
 * Synthetic panel for the benchmarks (issue 7): G entities × T periods × K regressors, two-way fixed
 * effects, entity-clustered errors, a Poisson outcome for PPML, and options for an unbalanced panel
 * and a third fixed effect. Fully determined by the seed (xoshiro128**, bench/prng.ts).
 *
 * Data-generating process, for entity i = 1..G and period t = 1..T (rows in entity-major order):
 *   α_i ~ N(0,1)   (entity FE),  γ_t ~ N(0,1)  (time FE),  σ_i = exp(0.25 z_i), z_i ~ N(0,1)
 *   f_it ~ N(0,1)  (a factor shared by all regressors, so x1…xK are correlated with each other)
 *   v_k,it = 0.5 v_k,i,t−1 + √0.75 e_k,it   (AR(1) within entity, stationary start), e ~ N(0,1)
 *   x_k,it = 0.5 α_i + 0.3 γ_t + 0.4 f_it + v_k,it        (regressors correlated with both FEs)
 *   u_it   = σ_i (ρ ũ_i,t−1 + √(1−ρ²) η_it),  ρ = 0.5     (entity-level shocks: an entity-specific
 *            scale and an AR(1) path, so errors are correlated within an entity → cluster by id)
 *   y_it   = Σ_k β_k x_k,it + α_i + γ_t [+ δ_g(it)] + u_it,    β_k = (−1)^(k+1) / k
 *   ycount_it ~ Poisson(exp(0.5 + Σ_k 0.1 β_k x_k,it + 0.3 α_i + 0.2 γ_t [+ 0.2 δ_g(it)]))
 * Third FE (option `thirdFe`): H levels (default max(2, round(G/10))) with δ_h ~ N(0,1); each entity
 * has a "home" level; a row takes its entity's home level with probability `fe3Stickiness` (default
 * 0.9), otherwise a uniformly random level. The third FE is therefore nearly nested in the entity FE,
 * which is what makes alternating projections slow (many sweeps), as with firm × industry movers.
 * Unbalanced (option `removeFraction`, e.g. 0.3): exactly round(f·G·T) rows, chosen uniformly without
 * replacement (partial Fisher–Yates), are removed; the rest keep their order.
 *
 * @example
 * const p = generatePanel({ entities: 500, periods: 20, regressors: 8, seed: 1 });
 * p.frame.nrow;                         // 10000
 * numeric(p.frame, "x1").length;        // 10000
 * p.beta[0];                            // 1 (true coefficient of x1)
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { makeFrame, numericColumn, type Column, type Frame } from "../src/frame";
import { Xoshiro128ss } from "./prng";

/** Bumped whenever the DGP or the draw order changes (invalidates cached CSV files). */
export const GENERATOR_VERSION = 1;

export interface PanelSpec {
  readonly entities: number;
  readonly periods: number;
  readonly regressors: number;
  readonly seed: number;
  /** Fraction of rows removed at random (0 = balanced). */
  readonly removeFraction?: number;
  /** Add a third fixed effect column `grp`. */
  readonly thirdFe?: boolean;
  readonly fe3Levels?: number;
  readonly fe3Stickiness?: number;
  /** AR(1) coefficient of the within-entity error (default 0.5). */
  readonly rho?: number;
}

export interface GeneratedPanel {
  readonly spec: PanelSpec;
  /** Columns: id, t, [grp], y, ycount, x1…xK (all Float64Array; id/t/grp are integer codes from 1). */
  readonly frame: Frame;
  /** True linear coefficients β_1…β_K. */
  readonly beta: Float64Array;
  /** True Poisson coefficients (0.1 β_k). */
  readonly betaPoisson: Float64Array;
  /** Rows removed for the unbalanced panel. */
  readonly removed: number;
}

/** The spec with `rows` ≈ G·T rows (G = round(rows / T)). */
export function specForRows(rows: number, o: { periods?: number; regressors?: number; seed?: number; removeFraction?: number; thirdFe?: boolean } = {}): PanelSpec {
  const periods = o.periods ?? 20;
  const entities = Math.max(2, Math.round(rows / periods));
  return { entities, periods, regressors: o.regressors ?? 8, seed: o.seed ?? 20240607, removeFraction: o.removeFraction ?? 0, thirdFe: o.thirdFe ?? false };
}

function validate(s: PanelSpec): void {
  const int = (v: number, name: string, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new Error(`generatePanel: ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  int(s.entities, "entities", 2);
  int(s.periods, "periods", 2);
  int(s.regressors, "regressors", 1);
  if (!Number.isSafeInteger(s.seed)) throw new Error(`generatePanel: seed must be a safe integer, got ${s.seed}`);
  const f = s.removeFraction ?? 0;
  if (!(f >= 0 && f < 1)) throw new Error(`generatePanel: removeFraction must be in [0, 1), got ${f}`);
  const st = s.fe3Stickiness ?? 0.9;
  if (!(st >= 0 && st <= 1)) throw new Error(`generatePanel: fe3Stickiness must be in [0, 1], got ${st}`);
}

/** Generate the panel described in the module comment. */
export function generatePanel(spec: PanelSpec): GeneratedPanel {
  validate(spec);
  const G = spec.entities, T = spec.periods, K = spec.regressors;
  const N = G * T;
  const rho = spec.rho ?? 0.5;
  const rng = new Xoshiro128ss(spec.seed);
  const beta = new Float64Array(K);
  const betaP = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    beta[k] = (k % 2 === 0 ? 1 : -1) / (k + 1);
    betaP[k] = 0.1 * beta[k]!;
  }
  const alpha = new Float64Array(G);
  const sigma = new Float64Array(G);
  const gamma = new Float64Array(T);
  for (let i = 0; i < G; i++) alpha[i] = rng.nextNormal();
  for (let i = 0; i < G; i++) sigma[i] = Math.exp(0.25 * rng.nextNormal());
  for (let t = 0; t < T; t++) gamma[t] = rng.nextNormal();
  const third = spec.thirdFe ?? false;
  const H = spec.fe3Levels ?? Math.max(2, Math.round(G / 10));
  const stick = spec.fe3Stickiness ?? 0.9;
  const delta = new Float64Array(third ? H : 0);
  const home = new Int32Array(third ? G : 0);
  if (third) {
    for (let h = 0; h < H; h++) delta[h] = rng.nextNormal();
    for (let i = 0; i < G; i++) home[i] = rng.nextInt(H);
  }

  // the columns are allocated as the CSV reader allocates them (numericColumn: on shared memory
  // from SHARED_MIN_ROWS rows), so that the in-process fit sees the frame the package itself loads
  const id = numericColumn(N), tt = numericColumn(N), y = numericColumn(N), yc = numericColumn(N);
  const grp = third ? numericColumn(N) : null;
  const X: Float64Array[] = Array.from({ length: K }, () => numericColumn(N));
  const v = new Float64Array(K);
  const sAr = Math.sqrt(0.75), sU = Math.sqrt(1 - rho * rho);
  let r = 0;
  for (let i = 0; i < G; i++) {
    for (let k = 0; k < K; k++) v[k] = rng.nextNormal(); // stationary start: Var = 1
    let u = rng.nextNormal();
    for (let t = 0; t < T; t++, r++) {
      if (t > 0) {
        for (let k = 0; k < K; k++) v[k] = 0.5 * v[k]! + sAr * rng.nextNormal();
        u = rho * u + sU * rng.nextNormal();
      }
      const f = rng.nextNormal();
      const base = 0.5 * alpha[i]! + 0.3 * gamma[t]! + 0.4 * f;
      let xb = 0, xbP = 0;
      for (let k = 0; k < K; k++) {
        const x = base + v[k]!;
        X[k]![r] = x;
        xb += beta[k]! * x;
        xbP += betaP[k]! * x;
      }
      let d = 0;
      if (grp) {
        const h = rng.nextDouble() < stick ? home[i]! : rng.nextInt(H);
        grp[r] = h + 1;
        d = delta[h]!;
      }
      id[r] = i + 1;
      tt[r] = t + 1;
      y[r] = xb + alpha[i]! + gamma[t]! + d + sigma[i]! * u;
      yc[r] = rng.nextPoisson(Math.exp(0.5 + xbP + 0.3 * alpha[i]! + 0.2 * gamma[t]! + 0.2 * d));
    }
  }

  const cols: Record<string, Float64Array> = { id, t: tt };
  if (grp) cols.grp = grp;
  cols.y = y;
  cols.ycount = yc;
  X.forEach((x, k) => (cols[`x${k + 1}`] = x));

  const removeN = Math.round((spec.removeFraction ?? 0) * N);
  let frame: Frame;
  if (removeN > 0) {
    // Partial Fisher–Yates: the first removeN entries of a permutation of 0..N−1 are removed.
    const perm = new Int32Array(N);
    for (let j = 0; j < N; j++) perm[j] = j;
    const drop = new Uint8Array(N);
    for (let j = 0; j < removeN; j++) {
      const m = j + rng.nextInt(N - j);
      const tmp = perm[j]!;
      perm[j] = perm[m]!;
      perm[m] = tmp;
      drop[perm[j]!] = 1;
    }
    const out: Record<string, Column> = {};
    for (const [name, c] of Object.entries(cols)) {
      const a = numericColumn(N - removeN);
      let w = 0;
      for (let j = 0; j < N; j++) if (!drop[j]) a[w++] = c[j]!;
      out[name] = a;
    }
    frame = makeFrame(out);
  } else {
    frame = makeFrame(cols);
  }
  return { spec, frame, beta, betaPoisson: betaP, removed: removeN };
}

/**
 * Write a Frame of numeric columns as CSV: a header row, then one row per observation, numbers at
 * full precision (`String(v)`, the shortest decimal that round-trips to the same double), NaN as an
 * empty field. Written in chunks so that 1e7 rows do not need one giant string.
 */
export function writeFrameCsv(frame: Frame, path: string): void {
  const cols = frame.names.map((n) => {
    const c = frame.columns[n]!;
    if (!(c instanceof Float64Array)) throw new Error(`writeFrameCsv: column '${n}' is not numeric`);
    return c;
  });
  const fd = openSync(path, "w");
  try {
    writeSync(fd, frame.names.join(",") + "\n");
    const chunk = 20000;
    for (let start = 0; start < frame.nrow; start += chunk) {
      const end = Math.min(frame.nrow, start + chunk);
      const lines: string[] = new Array(end - start);
      for (let r = start; r < end; r++) {
        let s = "";
        for (let j = 0; j < cols.length; j++) {
          const v = cols[j]![r]!;
          s += (j ? "," : "") + (Number.isNaN(v) ? "" : String(v));
        }
        lines[r - start] = s;
      }
      writeSync(fd, lines.join("\n") + "\n");
    }
  } finally {
    closeSync(fd);
  }
}

/** File name that identifies a spec (and the generator version). */
export function panelFileName(spec: PanelSpec): string {
  const u = spec.removeFraction ? `-u${Math.round(spec.removeFraction * 100)}` : "";
  const f = spec.thirdFe ? `-fe3` : "";
  return `panel-v${GENERATOR_VERSION}-G${spec.entities}-T${spec.periods}-K${spec.regressors}-s${spec.seed}${u}${f}.csv`;
}

/**
 * The CSV of `spec` in `dir`, generated (atomically: temp file + rename) unless a complete copy is
 * already there (a `.ok` marker is written after the rename).
 */
export function ensurePanelCsv(spec: PanelSpec, dir: string): { path: string; generated: boolean; seconds: number } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, panelFileName(spec));
  const ok = path + ".ok";
  if (existsSync(path) && existsSync(ok) && readFileSync(ok, "utf8").trim() === JSON.stringify(spec)) {
    return { path, generated: false, seconds: 0 };
  }
  const t0 = performance.now();
  const p = generatePanel(spec);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFrameCsv(p.frame, tmp);
  renameSync(tmp, path);
  writeFileSync(ok, JSON.stringify(spec) + "\n");
  return { path, generated: true, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Command line: write one panel as CSV (for the peers, or for a `bri-cbec fit` test).
 *   tsx bench/generate.ts --rows 1e4 --out panel.csv [--periods 20] [--regressors 8] [--seed N]
 *                         [--remove-fraction 0.3] [--third-fe]
 */
async function cli(argv: string[]): Promise<number> {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = get("--out");
  if (!out || argv.includes("--help")) {
    process.stderr.write("usage: tsx bench/generate.ts --rows N --out FILE.csv [--periods T] [--regressors K] [--seed S] [--remove-fraction F] [--third-fe]\n");
    return out ? 0 : 2;
  }
  const num = (flag: string, dflt: number): number => {
    const v = get(flag);
    const x = v === undefined ? dflt : Number(v);
    if (!Number.isFinite(x)) throw new Error(`generate: ${flag} must be a number, got '${v}'`);
    return x;
  };
  const spec = specForRows(num("--rows", 1e4), {
    periods: num("--periods", 20),
    regressors: num("--regressors", 8),
    seed: num("--seed", 20240607),
    removeFraction: num("--remove-fraction", 0),
    thirdFe: argv.includes("--third-fe"),
  });
  const p = generatePanel(spec);
  writeFrameCsv(p.frame, out);
  process.stderr.write(`wrote ${out}: ${p.frame.nrow} rows (${spec.entities} entities × ${spec.periods} periods, ${p.removed} removed), columns ${p.frame.names.join(",")}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
