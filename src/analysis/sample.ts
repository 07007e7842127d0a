/**
 * The estimation sample of one specification, built explicitly from the panel so that every
 * restriction is counted and reported (never a silent drop): source years, regions, COVID years,
 * missing or non-positive dependent variable, missing regressors, filled (between-edition) cells,
 * balancing. Derived columns (log of the dependent variable, one-year lags, winsorised and
 * standardised regressors) are computed here on Float64Array columns.
 */
import { type Column, type Frame, makeFrame, numeric, text, takeRows } from "../frame";
import { dependentSource, type AnalysisParams, type FactorKey } from "./params";
import { regressorList, type Regressors } from "./spec";

/** How a specification restricts and transforms the panel. */
export interface SampleRequest {
  /** Dependent-variable source (key of params.dependent.sources). */
  readonly source: string;
  readonly regressors: Regressors;
  /** Extra numeric columns the model needs (gravity terms), kept and checked for missing values. */
  readonly extra?: readonly string[];
  /** Lag of the factor block in years (0 = contemporaneous). Controls are not lagged. */
  readonly lag?: number;
  /** Clip continuous variables at these quantiles of the final sample (type-7 quantiles). */
  readonly winsorise?: { readonly lower: number; readonly upper: number } | null;
  /** Years to exclude (e.g. COVID 2020–2021). */
  readonly excludeYears?: readonly number[];
  /** Drop rows where any used variable has its `<var>_filled` flag set (edition years only). */
  readonly editionOnly?: boolean;
  /** Keep only countries observed in every year of the (otherwise restricted) sample. */
  readonly balanced?: boolean;
  /** Keep only these region codes. */
  readonly onlyRegions?: readonly string[];
  /** Drop these region codes. */
  readonly dropRegions?: readonly string[];
  /** Keep rows with zero exports (PPML on levels); the log is then undefined for them. */
  readonly keepZeros?: boolean;
  /** Standardise the factor columns (mean 0, sd 1 over the final sample). */
  readonly standardize?: boolean;
}

/** One restriction step and its count. */
export interface SampleStep {
  readonly step: string;
  readonly before: number;
  readonly dropped: number;
  readonly after: number;
  /** Details, e.g. per-variable missing counts. */
  readonly detail?: string;
}

export interface AnalysisSample {
  readonly frame: Frame;
  /** Name of the log dependent variable column in `frame` ("ln_y"). */
  readonly y: string;
  /** Name of the level dependent variable column in `frame` ("y_level"). */
  readonly yLevel: string;
  /** Regressor columns as named in `frame` (factors, possibly "L1_x", then controls). */
  readonly regressors: readonly string[];
  /** Factor key → column in `frame`. */
  readonly factorColumns: Readonly<Partial<Record<FactorKey, string>>>;
  /** Column in `frame` → the panel variable it comes from (for labels). */
  readonly origin: Readonly<Record<string, string>>;
  readonly steps: readonly SampleStep[];
  readonly nobs: number;
  readonly countries: number;
  readonly years: readonly number[];
  /** Values clipped by winsorisation, per column. */
  readonly winsorised: Readonly<Record<string, { readonly low: number; readonly high: number }>>;
  /** One line: list, source, years, N, countries, restrictions. */
  readonly description: string;
}

/**
 * The value of `col` in the same country `lag` years earlier (NaN when that row is absent).
 * L^k x_{it} = x_{i,t−k}, matched on (id, time − k) — never on row order.
 * Reference: Stata `L.x` with `xtset id time`; R `plm::lag`.
 * @example
 * laggedColumn(panel, "iso3", "year", "internet_users_pct", 1); // x of (iso3, year−1)
 */
export function laggedColumn(f: Frame, id: string, time: string, col: string, lag: number): Float64Array {
  const x = numeric(f, col);
  const src = lagSource(f, id, time, lag);
  const out = new Float64Array(f.nrow).fill(NaN);
  for (let i = 0; i < f.nrow; i++) {
    const j = src[i]!;
    if (j >= 0) out[i] = x[j]!;
  }
  return out;
}

const lagIndexCache = new WeakMap<Frame, Map<string, Int32Array>>();

/** For each row, the row of the same id `lag` periods earlier (−1 if absent); memoised per frame. */
function lagSource(f: Frame, id: string, time: string, lag: number): Int32Array {
  let m = lagIndexCache.get(f);
  if (!m) lagIndexCache.set(f, (m = new Map()));
  const key = `${id}\u0000${time}\u0000${lag}`;
  let src = m.get(key);
  if (src) return src;
  const ids = text(f, id);
  const t = numeric(f, time);
  const at = new Map<string, number>();
  for (let i = 0; i < f.nrow; i++) at.set(`${ids[i]}\u0000${t[i]}`, i);
  src = new Int32Array(f.nrow).fill(-1);
  for (let i = 0; i < f.nrow; i++) {
    const j = at.get(`${ids[i]}\u0000${t[i]! - lag}`);
    if (j !== undefined) src[i] = j;
  }
  m.set(key, src);
  return src;
}

/**
 * Quantile of type 7 (R's default, linear interpolation between order statistics) of the finite
 * values: Q(p) = x_(h) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), h = (n − 1)p (0-based).
 * Reference: Hyndman & Fan (1996), R `quantile(type = 7)`.
 * @example
 * quantile7(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 */
export function quantile7(x: ArrayLike<number>, p: number): number {
  return quantileSorted(finiteSorted(x), p);
}

/** The finite values of `x`, sorted ascending (typed-array numeric sort). */
function finiteSorted(x: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) n++;
  const v = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) v[j++] = x[i]!;
  return v.sort();
}

/** Type-7 quantile of an ascending array of finite values. */
function quantileSorted(v: Float64Array, p: number): number {
  if (v.length === 0) return NaN;
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
}

/**
 * Winsorise: clip values below the `lower` quantile and above the `upper` quantile (type 7) to those
 * quantiles. NaN stays NaN.
 * Reference: Stata `winsor2 x, cuts(1 99)` (which uses its own quantile definition; we use R type 7).
 * @example
 * winsorize(Float64Array.of(1, 2, 3, 100), 0, 0.5).values; // [1, 2, 2.5, 2.5]
 */
export function winsorize(x: Float64Array, lower: number, upper: number): { values: Float64Array; low: number; high: number; qLow: number; qHigh: number } {
  const sorted = finiteSorted(x);
  const qLow = quantileSorted(sorted, lower);
  const qHigh = quantileSorted(sorted, upper);
  const values = new Float64Array(x.length);
  let low = 0;
  let high = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < qLow) {
      values[i] = qLow;
      low++;
    } else if (v > qHigh) {
      values[i] = qHigh;
      high++;
    } else values[i] = v;
  }
  return { values, low, high, qLow, qHigh };
}

/**
 * Standardise: z_i = (x_i − x̄)/s with s the sample standard deviation (n − 1) over finite values.
 * Reference: R `scale(x)` (centre and scale by sd with n − 1).
 * @example
 * standardize(Float64Array.of(1, 2, 3)); // [-1, 0, 1]
 */
export function standardize(x: Float64Array): Float64Array {
  let n = 0;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isFinite(v)) {
      n++;
      m += (v - m) / n;
    }
  }
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isFinite(v)) ss += (v - m) * (v - m);
  }
  const sd = Math.sqrt(ss / (n - 1));
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i]! - m) / sd;
  return out;
}

function isDummy(x: Float64Array): boolean {
  for (const v of x) if (Number.isFinite(v) && v !== 0 && v !== 1) return false;
  return true;
}

/**
 * Build the estimation sample of one specification from the panel, counting each restriction.
 * @throws Error naming the variable when a needed column is absent from the panel
 * @example
 * const s = buildSample(panel, params, { source: "mirror", regressors: baselineRegressors(params) });
 * s.steps; // [{ step: "years 2015–2024 of mirror", before: 640, dropped: 0, after: 640 }, ...]
 */
export function buildSample(panel: Frame, p: AnalysisParams, req: SampleRequest): AnalysisSample {
  const { id, time, region } = p.identifiers;
  const src = dependentSource(p, req.source);
  const lag = req.lag ?? 0;
  const factorKeys = Object.keys(req.regressors.factors) as FactorKey[];
  const need = [src.level, ...regressorList(req.regressors), ...(req.extra ?? [])];
  for (const v of [id, time, region, ...need]) {
    if (!panel.columns[v]) throw new Error(`buildSample: variable '${v}' is not a column of the panel (columns: ${panel.names.join(", ")})`);
  }

  // derived columns on the full panel (lags need the earlier years)
  const cols: Record<string, Column> = {
    [id]: text(panel, id),
    [time]: numeric(panel, time),
    [region]: text(panel, region),
  };
  if (panel.columns[p.identifiers.name]) cols[p.identifiers.name] = text(panel, p.identifiers.name);
  if (p.cluster !== id && panel.columns[p.cluster]) cols[p.cluster] = panel.columns[p.cluster]!;
  const level = numeric(panel, src.level);
  cols.y_level = level;
  cols.ln_y = Float64Array.from(level, (v) => (v > 0 ? Math.log(v) : NaN));
  const origin: Record<string, string> = { y_level: src.level, ln_y: `ln ${src.level}` };
  const factorColumns: Partial<Record<FactorKey, string>> = {};
  const regs: string[] = [];
  const flagsFor: Record<string, string> = {};
  for (const k of factorKeys) {
    const v = req.regressors.factors[k]!;
    const name = lag > 0 ? `L${lag}_${v}` : v;
    cols[name] = lag > 0 ? laggedColumn(panel, id, time, v, lag) : numeric(panel, v);
    origin[name] = v;
    factorColumns[k] = name;
    regs.push(name);
    const flag = `${v}_filled`;
    if (panel.columns[flag]) {
      cols[`${name}__filled`] = lag > 0 ? laggedColumn(panel, id, time, flag, lag) : numeric(panel, flag);
      flagsFor[name] = `${name}__filled`;
    }
  }
  for (const c of [...req.regressors.controls, ...(req.extra ?? [])]) {
    if (cols[c]) continue;
    cols[c] = numeric(panel, c);
    origin[c] = c;
    if (req.regressors.controls.includes(c)) regs.push(c);
  }
  for (const c of req.regressors.controls) if (!regs.includes(c)) regs.push(c);
  const full = makeFrame(cols);
  // restrictions work on a list of kept row indices into `full` (no copying until the end)
  let rows: number[] = Array.from({ length: full.nrow }, (_, i) => i);
  const steps: SampleStep[] = [];
  const apply = (step: string, keep: (i: number) => boolean, detail?: string) => {
    const before = rows.length;
    rows = rows.filter(keep);
    steps.push({ step, before, dropped: before - rows.length, after: rows.length, ...(detail ? { detail } : {}) });
  };
  const t = numeric(full, time);

  apply(`years ${src.years[0]}–${src.years[1]} (${req.source})`, (i) => t[i]! >= src.years[0] && t[i]! <= src.years[1]);
  if (req.onlyRegions && req.onlyRegions.length) {
    const r = text(full, region);
    const set = new Set(req.onlyRegions);
    apply(`only region ${req.onlyRegions.join(", ")}`, (i) => set.has(r[i] ?? ""));
  }
  if (req.dropRegions && req.dropRegions.length) {
    const r = text(full, region);
    const set = new Set(req.dropRegions);
    apply(`without region ${req.dropRegions.join(", ")}`, (i) => !set.has(r[i] ?? ""));
  }
  if (req.excludeYears && req.excludeYears.length) {
    const set = new Set(req.excludeYears);
    apply(`exclude years ${req.excludeYears.join(", ")}`, (i) => !set.has(t[i]!));
  }
  {
    const lv = numeric(full, "y_level");
    let miss = 0;
    let nonpos = 0;
    for (const i of rows) {
      const v = lv[i]!;
      if (!Number.isFinite(v)) miss++;
      else if (v <= 0) nonpos++;
    }
    const detail = `${miss} missing, ${nonpos} zero or negative${req.keepZeros ? " (zeros kept for PPML)" : " (log undefined)"}`;
    apply(`dependent variable ${src.level} available${req.keepZeros ? "" : " and > 0"}`, (i) => Number.isFinite(lv[i]!) && (req.keepZeros ? lv[i]! >= 0 : lv[i]! > 0), detail);
  }
  {
    const vars = [...regs, ...(req.extra ?? []).filter((c) => !regs.includes(c))];
    const arrs = vars.map((v) => numeric(full, v));
    const counts = arrs.map((a) => {
      let c = 0;
      for (const i of rows) if (!Number.isFinite(a[i]!)) c++;
      return c;
    });
    const detail = vars.map((v, j) => `${v}: ${counts[j]}`).filter((_, j) => counts[j]! > 0).join("; ");
    const complete = (i: number): boolean => {
      for (let j = 0; j < arrs.length; j++) if (!Number.isFinite(arrs[j]![i]!)) return false;
      return true;
    };
    apply(`regressors available${lag > 0 ? ` (factors lagged ${lag} year${lag > 1 ? "s" : ""})` : ""}`, complete, detail ? `missing per variable: ${detail}` : undefined);
  }
  if (req.editionOnly) {
    const flags = Object.entries(flagsFor).map(([v, fl]) => [v, numeric(full, fl)] as const);
    const detail = flags.map(([v, a]) => `${v}: ${rows.reduce((s, i) => s + (a[i] === 1 ? 1 : 0), 0)} filled`).join("; ");
    apply("edition/survey years only (no filled cells)", (i) => flags.every(([, a]) => a[i] !== 1), detail || "no filled-cell flags among the regressors");
  }
  if (req.balanced) {
    const ids = text(full, id);
    const yearsAll = new Set(rows.map((i) => t[i]!));
    const per = new Map<string, Set<number>>();
    for (const i of rows) {
      const k = ids[i] ?? "";
      if (!per.has(k)) per.set(k, new Set());
      per.get(k)!.add(t[i]!);
    }
    const complete = new Set([...per].filter(([, s]) => s.size === yearsAll.size).map(([k]) => k));
    apply(`balanced panel (countries observed in all ${yearsAll.size} years)`, (i) => complete.has(ids[i] ?? ""), `${complete.size} of ${per.size} countries kept`);
  }
  if (rows.length === 0) {
    const last = [...steps].reverse().find((st) => st.dropped > 0);
    throw new Error(`buildSample: no observations left after '${last?.step ?? "the first step"}'${last?.detail ? ` (${last.detail})` : ""}`);
  }
  const f = takeRows(full, rows);

  // transforms on the final sample
  const out: Record<string, Column> = {};
  for (const n of f.names) if (!n.endsWith("__filled")) out[n] = f.columns[n]!;
  const winsorised: Record<string, { low: number; high: number }> = {};
  if (req.winsorise) {
    for (const v of ["ln_y", ...(req.keepZeros ? ["y_level"] : []), ...regs]) {
      const x = numeric(f, v);
      if (isDummy(x)) continue;
      const w = winsorize(x, req.winsorise.lower, req.winsorise.upper);
      out[v] = w.values;
      winsorised[v] = { low: w.low, high: w.high };
    }
  }
  if (req.standardize) {
    for (const k of factorKeys) {
      const c = factorColumns[k]!;
      const x = out[c] as Float64Array;
      if (!isDummy(x)) out[c] = standardize(x);
    }
  }
  const frame = makeFrame(out);
  const ids = text(frame, id);
  const years = [...new Set(Array.from(numeric(frame, time)))].sort((a, b) => a - b);
  const countries = new Set(ids).size;
  const restr = steps.filter((s) => s.dropped > 0 && !s.step.startsWith("years ")).map((s) => `${s.step} (−${s.dropped})`);
  const description =
    `${p.panel.list}-country list, fill rule ${p.panel.fill}; ${src.label}; ` +
    `N = ${frame.nrow}, ${countries} countries, ${years.length ? `${years[0]}–${years[years.length - 1]}` : "no years"}` +
    (restr.length ? `; ${restr.join("; ")}` : "") +
    (req.winsorise ? `; winsorised at ${100 * req.winsorise.lower}/${100 * req.winsorise.upper}%` : "");
  return Object.freeze({
    frame,
    y: "ln_y",
    yLevel: "y_level",
    regressors: regs,
    factorColumns,
    origin,
    steps,
    nobs: frame.nrow,
    countries,
    years,
    winsorised,
    description,
  });
}
