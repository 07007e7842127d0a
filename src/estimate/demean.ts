/**
 * Fixed-effects demeaning (within transformation for any number of fixed effects), singleton
 * removal and the degrees of freedom absorbed by fixed effects.
 *
 * Data layout: every vector is a column-major `Float64Array`; FE are `Int32Array` group codes
 * 0..G−1, one per row. Sweeps work in place on preallocated buffers; no per-row objects.
 */

import { freshFloat64 } from "../frame";
import { cgDemeanColumn, groupedCodes, TOL_FLOOR } from "./demeanKernel";
import { demeanTwoWayDirectColumns, planTwoWayDirect, twoWayWork } from "./demeanDirect";
import { type HelperJob, helperThreadAvailable, isShared, PARALLEL_MIN_ROWS, sharedCopy, sharedFloat64, sharedCopyInt, sharedPlan, startHelperDemean, startHelperDirect } from "./parallel";

export interface DemeanResult {
  /** Demeaned columns (new arrays, same order as the input). */
  readonly columns: Float64Array[];
  /** Maximum number of sweeps over all columns (1 for a single FE; the number of exact solves,
   *  1 unless refined, for the direct two-way method). */
  readonly iterations: number;
  readonly converged: boolean;
  /** The algorithm that ran: "within" (one FE), "direct" (two FE, the small one solved exactly;
   *  "direct+cg" when some column needed the conjugate-gradient fallback), "cg" or "irons-tuck". */
  readonly method: "none" | "within" | "direct" | "direct+cg" | "cg" | "irons-tuck";
  /** max|x| of every input column and max|x̃| of its result, when the method recorded them on the
   *  way (the direct method does; null otherwise) — for variation checks without another pass. */
  readonly maxAbs: { readonly before: Float64Array; readonly after: Float64Array } | null;
}

export interface DemeanOpts {
  readonly weights?: Float64Array;
  /** Stop when max|Δx| ≤ tol · rms(x₀) over one accelerated step (default 1e-10). */
  readonly tol?: number;
  /** Maximum number of sweeps per column (default 10000). */
  readonly maxIter?: number;
  /** Algorithm for two or more FE: "auto" (default: "direct" for two FE when one of them has few
   *  levels — see src/estimate/demeanDirect.ts — else "cg"), "direct" (same as "auto"), "cg" (conjugate
   *  gradient on the symmetric sweep, as reghdfe) or "irons-tuck" (alternating projections with
   *  Irons–Tuck extrapolation, as fixest). */
  readonly method?: "auto" | "direct" | "cg" | "irons-tuck";
  /** Number of levels of every FE when the caller knows them (each > the largest code; saves a
   *  pass over the codes). Default: max code + 1. */
  readonly groups?: readonly number[];
  /** Arrays the direct two-way method may write its results into, one per column (n values each;
   *  out[j] may be columns[j] itself: in place), instead of allocating new ones — for callers that
   *  demean repeatedly (PPML). The returned columns are the results (out[j] where it was used; a
   *  result of the helper thread lands in out[j] only when out[j] is on shared memory). */
  readonly out?: readonly Float64Array[];
}

/** Number of groups of a code vector (max code + 1). */
function nGroups(codes: Int32Array): number {
  let g = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i]! + 1 > g) g = codes[i]! + 1;
  return g;
}

/** The number of levels of every FE: `known` when given (one per FE), else max code + 1. */
function groupCounts(fe: readonly Int32Array[], known: readonly number[] | undefined): number[] {
  if (known && known.length !== fe.length) throw new Error(`demean: ${known.length} group counts for ${fe.length} fixed effects`);
  return fe.map((c, q) => known?.[q] ?? nGroups(c));
}

/**
 * Residuals of the (weighted) projection of each column on the dummies of all fixed effects:
 * x̃ = x − D(D'WD)⁻D'Wx, where D stacks the dummy matrices of every FE.
 *
 * One FE: exact group-mean subtraction in one pass. Two FE of which one has few levels (method
 * "auto", the default): exact solve for the small FE (Frisch–Waugh–Lovell; src/estimate/demeanDirect.ts),
 * four passes per column, checked, with conjugate gradient as the fallback. Otherwise, method "cg": conjugate
 * gradient on (I − T)y = (I − T)x with the symmetric sweep T = M₁⋯M_Q⋯M₁, x̃ = x − y (reghdfe's
 * default; robust on poorly connected designs where alternating projections crawl), stopped when
 * ‖r‖_W ≤ tol·rms(x₀)·‖1‖_W. Method "irons-tuck": alternating projections (method of
 * Gauss–Seidel / Guimarães–Portugal 2010; Gaure 2013, lfe) x ← M_Q⋯M₁x, where M_q subtracts the
 * weighted group means of FE q, accelerated by Irons–Tuck extrapolation every second sweep
 * (x' = T²x − (Δ₁·Δ₂/Δ₂·Δ₂)Δ₁ with Δ₁ = T²x − Tx, Δ₂ = T²x − 2Tx + x), as in fixest (Bergé 2018).
 * The extrapolated point stays in x₀ + span(D), so the limit is the unique projection residual.
 *
 * Reference: Bergé (2018) "Efficient estimation of maximum likelihood models with multiple
 * fixed-effects: the R package FENmlm", CREA DP 18-13; Correia (2017) reghdfe; Gaure (2013) lfe.
 *
 * @example
 * const x = Float64Array.of(1, 3, 10, 20);
 * const g = Int32Array.of(0, 0, 1, 1);
 * demean([x], [g]).columns[0]; // Float64Array [-1, 1, -5, 5]
 */
export function demean(columns: readonly Float64Array[], fe: readonly Int32Array[], opts: DemeanOpts = {}): DemeanResult {
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? 10000;
  const w = opts.weights;
  const n = columns.length ? columns[0]!.length : fe.length ? fe[0]!.length : 0;
  for (const f of fe) if (f.length !== n) throw new Error(`demean: FE code vector has ${f.length} rows, columns have ${n}`);
  for (const c of columns) if (c.length !== n) throw new Error(`demean: columns have different lengths (${c.length} vs ${n})`);
  if (w && w.length !== n) throw new Error(`demean: weights have ${w.length} rows, columns have ${n}`);
  const Q = fe.length;
  const G = groupCounts(fe, opts.groups);
  if (Q === 0) return { columns: columns.map((c) => Float64Array.from(c)), iterations: 0, converged: true, method: "none", maxAbs: null };
  const method = opts.method ?? "auto";
  if (Q === 2 && (method === "auto" || method === "direct")) {
    if (opts.out && opts.out.length !== columns.length) throw new Error(`demean: ${opts.out.length} output arrays for ${columns.length} columns`);
    for (const o of opts.out ?? []) if (o.length !== n) throw new Error(`demean: an output array has ${o.length} rows, columns have ${n}`);
    const direct = demeanDirect(columns, fe, () => inverseLevelWeights(fe, G, w, n), G, w ?? null, tol, maxIter, opts.out ?? null);
    if (direct) return direct;
  }
  const invW = inverseLevelWeights(fe, G, w, n);
  const sums = G.map((g) => new Float64Array(g));
  const out: Float64Array[] = [];
  let maxIt = 0;
  let allConverged = true;

  /** x ← M_q x for every q (one sweep), in place. */
  const sweep = (x: Float64Array): void => {
    for (let q = 0; q < Q; q++) {
      const codes = fe[q]!;
      const s = sums[q]!;
      const iw = invW[q]!;
      s.fill(0);
      if (w) for (let i = 0; i < n; i++) s[codes[i]!] += w[i]! * x[i]!;
      else for (let i = 0; i < n; i++) s[codes[i]!] += x[i]!;
      for (let g = 0; g < s.length; g++) s[g] = s[g]! * iw[g]!;
      for (let i = 0; i < n; i++) x[i] = x[i]! - s[codes[i]!]!;
    }
  };

  if (Q > 1 && method !== "irons-tuck") return demeanCg(columns, fe, invW, G, w ?? null, tol, maxIter);
  const Tx = new Float64Array(n);
  const TTx = new Float64Array(n);
  for (const col of columns) {
    const x = Float64Array.from(col);
    if (Q === 1) {
      sweep(x);
      out.push(x);
      maxIt = Math.max(maxIt, 1);
      continue;
    }
    // scale for the stopping rule
    let ss = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i]!;
    mean /= n || 1;
    for (let i = 0; i < n; i++) ss += (x[i]! - mean) * (x[i]! - mean);
    const scale = Math.sqrt(ss / (n || 1)) || 1;
    let it = 0;
    let converged = false;
    while (it < maxIter) {
      Tx.set(x);
      sweep(Tx);
      TTx.set(Tx);
      sweep(TTx);
      it += 2;
      // Irons–Tuck
      let num = 0;
      let den = 0;
      for (let i = 0; i < n; i++) {
        const d1 = TTx[i]! - Tx[i]!;
        const d2 = TTx[i]! - 2 * Tx[i]! + x[i]!;
        num += d1 * d2;
        den += d2 * d2;
      }
      const a = den > 0 ? num / den : 0;
      let maxDiff = 0;
      for (let i = 0; i < n; i++) {
        const nx = TTx[i]! - a * (TTx[i]! - Tx[i]!);
        const d = Math.abs(nx - x[i]!);
        if (d > maxDiff) maxDiff = d;
        x[i] = nx;
      }
      if (maxDiff <= Math.max(tol, TOL_FLOOR) * scale) {
        // one plain sweep to land exactly on the projection to working precision
        sweep(x);
        it++;
        converged = true;
        break;
      }
    }
    if (!converged) allConverged = false;
    maxIt = Math.max(maxIt, it);
    out.push(x);
  }
  return { columns: out, iterations: maxIt, converged: allConverged, method: Q === 1 ? "within" : "irons-tuck", maxAbs: null };
}

/**
 * The "direct" method of {@link demean} for exactly two FE: the FE with fewer levels is solved
 * exactly (planTwoWayDirect / demeanTwoWayDirectColumn, src/estimate/demeanDirect.ts); a column
 * whose check fails continues by conjugate gradient from its direct result (same limit). Returns
 * null when the small FE has too many levels for the direct solve to pay.
 */
function demeanDirect(
  columns: readonly Float64Array[],
  fe: readonly Int32Array[],
  invWeights: () => Float64Array[],
  G: readonly number[],
  w: Float64Array | null,
  tol: number,
  maxIter: number,
  dest: readonly Float64Array[] | null,
): DemeanResult | null {
  const small = G[1]! <= G[0]! ? 1 : 0;
  const large = 1 - small;
  const plan = planTwoWayDirect(fe[large]!, fe[small]!, w, G[large]!, G[small]!);
  if (!plan) return null;
  const work = twoWayWork(plan);
  const m = columns.length;
  const n = m ? columns[0]!.length : 0;
  const out: Float64Array[] = new Array(m);
  const its = new Int32Array(m);
  // from PARALLEL_MIN_ROWS rows and two columns on, the later columns go to the helper thread
  const before = new Float64Array(m);
  const after = new Float64Array(m);
  let split = m;
  let job: HelperJob | null = null;
  let stats: Float64Array | null = null;
  if (m >= 2 && n >= PARALLEL_MIN_ROWS && helperThreadAvailable()) {
    // the helper takes the larger half: this thread builds the plan first and posts the job
    const half = Math.floor(m / 2);
    // a column already on shared memory is read there (its result goes to a new shared array);
    // another is copied to shared memory and demeaned in place
    // (a shared destination given by the caller is used as it is: in place when it is the column,
    // else written from the column, which is first copied into it when not on shared memory)
    const dsts: Float64Array[] = [];
    const srcs: Float64Array[] = [];
    for (let j = half; j < m; j++) {
      const c = columns[j]!;
      const d = dest?.[j] && isShared(dest[j]!) ? dest[j]! : null;
      if (d && d !== c && !isShared(c)) d.set(c);
      const dst = d ?? (isShared(c) ? sharedFloat64(n, false) : sharedCopy(c));
      dsts.push(dst);
      srcs.push(isShared(c) ? c : dst);
    }
    stats = new Float64Array(new SharedArrayBuffer(16 * (m - half)));
    job = startHelperDirect(dsts, sharedPlan(plan), tol, stats, srcs);
    if (job) {
      split = half;
      dsts.forEach((c, k) => (out[half + k] = c));
    }
  }
  /** Columns [j0, j1) here: read from the input, written to new arrays (no copy first; on shared
   *  memory when the helper runs, so that the least squares can share the rows of the result with
   *  it), four at a time (demeanTwoWayDirectColumns). */
  const works = [work, twoWayWork(plan), twoWayWork(plan), twoWayWork(plan)];
  const here = (j0: number, j1: number): void => {
    const xs: Float64Array[] = [];
    for (let j = j0; j < j1; j++) xs.push((out[j] = dest?.[j] ?? (job ? sharedFloat64(n) : freshFloat64(n))));
    const st = new Float64Array(2 * (j1 - j0));
    const it = new Int32Array(j1 - j0);
    demeanTwoWayDirectColumns(plan, xs, columns.slice(j0, j1), works, tol, it, st);
    for (let j = j0; j < j1; j++) {
      its[j] = it[j - j0]!;
      before[j] = st[2 * (j - j0)]!;
      after[j] = st[2 * (j - j0) + 1]!;
    }
  };
  here(0, split);
  if (job) {
    const hi = job.wait();
    if (hi) {
      for (let j = split; j < m; j++) {
        its[j] = hi[j - split]!;
        before[j] = stats![2 * (j - split)]!;
        after[j] = stats![2 * (j - split) + 1]!;
      }
    } else {
      // (a column the helper demeaned in place may be half done: it cannot be redone from itself)
      for (let j = split; j < m; j++) {
        if (out[j] === columns[j]) throw new Error("demean: the helper thread failed while demeaning a column in place; repeat without the 'out' option");
      }
      here(split, m);
    }
  }
  // columns whose check failed continue by conjugate gradient from their direct result
  let cgWork: { invW: Float64Array[]; sums: Float64Array[]; r: Float64Array; pv: Float64Array; Ap: Float64Array; y: Float64Array; grouped: boolean[] } | null = null;
  let maxIt = 0;
  let converged = true;
  let usedCg = false;
  for (let j = 0; j < m; j++) {
    let it = its[j]!;
    if (it < 0) {
      usedCg = true;
      cgWork ??= { invW: invWeights(), sums: G.map((g) => new Float64Array(g)), r: new Float64Array(n), pv: new Float64Array(n), Ap: new Float64Array(n), y: new Float64Array(n), grouped: groupedCodes(fe) };
      const c = cgWork;
      const x = out[j]!;
      const cgIt = cgDemeanColumn(x, fe, c.invW, c.sums, w, tol, maxIter, c.r, c.pv, c.Ap, c.y, c.grouped);
      if (cgIt < 0) converged = false;
      let mo = 0;
      for (let i = 0; i < n; i++) mo = Math.max(mo, Math.abs(x[i]!));
      after[j] = mo;
      it = -it + Math.abs(cgIt);
    }
    maxIt = Math.max(maxIt, it);
  }
  return { columns: out, iterations: maxIt, converged, method: usedCg ? "direct+cg" : "direct", maxAbs: { before, after } };
}

/** 1 / (weight total) of every level of every FE (0 for an empty level). */
function inverseLevelWeights(fe: readonly Int32Array[], G: readonly number[], w: Float64Array | undefined, n: number): Float64Array[] {
  return fe.map((codes, q) => {
    const s = new Float64Array(G[q]!);
    if (w) for (let i = 0; i < n; i++) s[codes[i]!] += w[i]!;
    else for (let i = 0; i < n; i++) s[codes[i]!] += 1;
    for (let g = 0; g < s.length; g++) s[g] = s[g]! > 0 ? 1 / s[g]! : 0;
    return s;
  });
}

/**
 * The default "cg" method of {@link demean} for two or more FE: cgDemeanColumn on every column;
 * from PARALLEL_MIN_ROWS rows and two columns on, the later half of the columns is demeaned by the
 * helper thread at the same time (same kernel, same numbers; if the helper is unavailable or fails,
 * every column is demeaned here).
 */
function demeanCg(
  columns: readonly Float64Array[],
  fe: readonly Int32Array[],
  invW: readonly Float64Array[],
  G: readonly number[],
  w: Float64Array | null,
  tol: number,
  maxIter: number,
): DemeanResult {
  const m = columns.length;
  const n = m ? columns[0]!.length : 0;
  const out: Float64Array[] = new Array(m);
  const its = new Int32Array(m);
  let split = m;
  let job: HelperJob | null = null;
  const grouped = groupedCodes(fe);
  if (m >= 2 && n >= PARALLEL_MIN_ROWS && helperThreadAvailable()) {
    const half = Math.ceil(m / 2);
    const shared = columns.slice(half).map(sharedCopy);
    job = startHelperDemean(shared, fe.map(sharedCopyInt), invW.map(sharedCopy), w ? sharedCopy(w) : null, tol, maxIter, grouped);
    if (job) {
      split = half;
      shared.forEach((c, k) => (out[half + k] = c));
    }
  }
  const sums = G.map((g) => new Float64Array(g));
  const r = new Float64Array(n);
  const pv = new Float64Array(n);
  const Ap = new Float64Array(n);
  const y = new Float64Array(n);
  const one = (j: number): void => {
    const x = job ? sharedCopy(columns[j]!) : Float64Array.from(columns[j]!);
    its[j] = cgDemeanColumn(x, fe, invW, sums, w, tol, maxIter, r, pv, Ap, y, grouped);
    out[j] = x;
  };
  for (let j = 0; j < split; j++) one(j);
  if (job) {
    const hi = job.wait();
    if (hi) for (let j = split; j < m; j++) its[j] = hi[j - split]!;
    else for (let j = split; j < m; j++) one(j);
  }
  let maxIt = 0;
  let converged = true;
  for (let j = 0; j < m; j++) {
    maxIt = Math.max(maxIt, Math.abs(its[j]!));
    if (its[j]! < 0) converged = false;
  }
  return { columns: out, iterations: maxIt, converged, method: "cg", maxAbs: null };
}

/**
 * Recursive removal of singleton groups (a FE level observed once carries no information and biases
 * cluster SEs): drop every row whose level of some FE occurs once among the kept rows, and repeat
 * until no singleton remains, as reghdfe and fixest (`fixef.rm = "singleton"`) do.
 *
 * Reference: Correia (2015) "Singletons, cluster-robust standard errors and fixed effects: a bad mix".
 *
 * `groups` (optional): the number of levels of every FE, each > its largest code (saves a pass).
 *
 * @example
 * dropSingletonRows([Int32Array.of(0, 0, 1)]); // { keep: Uint8Array [1, 1, 0], dropped: 1 }
 */
export function dropSingletonRows(fe: readonly Int32Array[], keep0?: Uint8Array, groups?: readonly number[]): { keep: Uint8Array; dropped: number } {
  const n = fe.length ? fe[0]!.length : keep0 ? keep0.length : 0;
  const keep = keep0 ? Uint8Array.from(keep0) : new Uint8Array(n).fill(1);
  const counts = groupCounts(fe, groups).map((g) => new Int32Array(g));
  let changed = true;
  let dropped = 0;
  while (changed && fe.length) {
    changed = false;
    for (let q = 0; q < fe.length; q++) {
      const codes = fe[q]!;
      const cnt = counts[q]!;
      cnt.fill(0);
      for (let i = 0; i < n; i++) if (keep[i]) cnt[codes[i]!]++;
      // no level with one row: nothing to drop for this FE (skip the pass over the rows)
      let any = false;
      for (let g = 0; g < cnt.length && !any; g++) any = cnt[g] === 1;
      if (!any) continue;
      for (let i = 0; i < n; i++) {
        if (keep[i] && cnt[codes[i]!] === 1) {
          keep[i] = 0;
          dropped++;
          changed = true;
        }
      }
    }
  }
  return { keep, dropped };
}

/**
 * Integer codes of a key column: distinct values → 0..G−1 in sorted order (numbers numerically,
 * strings lexicographically), as R's factor().
 *
 * @example
 * factorize(["b", "a", "b"]); // { codes: Int32Array [1, 0, 1], levels: ["a", "b"] }
 */
export function factorize(values: ArrayLike<string | number | null>): { codes: Int32Array; levels: string[] } {
  const n = values.length;
  const fast = factorizeIntegers(values);
  if (fast) return fast;
  const distinct = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
      throw new Error(`factorize: missing value at row ${i}`);
    }
    if (!distinct.has(v)) distinct.set(v, 0);
  }
  const keys = [...distinct.keys()];
  const numeric = keys.every((k) => typeof k === "number");
  keys.sort(numeric ? (a, b) => (a as number) - (b as number) : (a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  keys.forEach((k, g) => distinct.set(k, g));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = distinct.get(values[i] as string | number)!;
  return { codes, levels: keys.map(String) };
}

/** Fast path of factorize for integer values in a range < 4n + 1024 (ids, years): counting, no Map. */
function factorizeIntegers(values: ArrayLike<string | number | null>): { codes: Int32Array; levels: string[] } | null {
  const n = values.length;
  if (n === 0 || typeof values[0] !== "number") return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isInteger(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi - lo + 1;
  if (range > 4 * n + 1024) return null;
  const map = new Int32Array(range).fill(-1);
  for (let i = 0; i < n; i++) map[(values[i] as number) - lo] = 0;
  const levels: string[] = [];
  for (let j = 0; j < range; j++) if (map[j] === 0) { map[j] = levels.length; levels.push(String(j + lo)); }
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = map[(values[i] as number) - lo]!;
  return { codes, levels };
}

/**
 * Restrict codes to the rows `rows` and renumber them 0..G'−1 (levels that no longer occur are removed).
 *
 * @example
 * recode(Int32Array.of(0, 2, 1, 2), ["a", "b", "c"], Int32Array.of(1, 3)); // { codes: [0, 0], levels: ["c"] }
 */
export function recode(codes: Int32Array, levels: readonly string[], rows: Int32Array): { codes: Int32Array; levels: string[] } {
  const map = new Int32Array(levels.length).fill(-1);
  for (let i = 0; i < rows.length; i++) map[codes[rows[i]!]!] = 1;
  const newLevels: string[] = [];
  for (let g = 0; g < levels.length; g++) if (map[g] === 1) { map[g] = newLevels.length; newLevels.push(levels[g]!); }
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = map[codes[rows[i]!]!]!;
  return { codes: out, levels: newLevels };
}

/**
 * Redundant (unidentified) levels per FE, so that the FE absorb Σ_q (G_q − redundant_q) degrees of
 * freedom. FE 1: 0 redundant (its levels span the constant). FE 2: the number of connected components
 * of the bipartite graph linking levels of FE 1 and FE 2 that co-occur in a row (exact; Abowd,
 * Creecy & Kramarz 2002; reghdfe, fixest). FE 3 and later: 1 each (a lower bound on redundancy, as
 * reghdfe's default without `pairwise` exact checks; exact only in simple designs).
 *
 * `groups` (optional): the number of levels of every FE, each > its largest code (saves a pass).
 *
 * @example
 * // two FE with one connected component: 2 + 2 − 1 = 3 absorbed df
 * redundantLevels([Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 0, 1)]); // [0, 1]
 */
export function redundantLevels(fe: readonly Int32Array[], groups?: readonly number[]): number[] {
  if (fe.length === 0) return [];
  const out = [0];
  if (fe.length >= 2) {
    const a = fe[0]!;
    const b = fe[1]!;
    const [Ga, Gb] = groupCounts(fe.slice(0, 2), groups?.slice(0, 2));
    out.push(bipartiteComponents(a, b, Ga!, Gb!));
  }
  for (let q = 2; q < fe.length; q++) out.push(1);
  return out;
}

/**
 * Connected components of the bipartite graph with an edge (a_i, b_i) per row (union–find with path
 * halving). The root of the previous row's A level is kept while A stays the same (entity-major
 * rows), so such a row costs one find.
 */
function bipartiteComponents(a: Int32Array, b: Int32Array, Ga: number, Gb: number): number {
  const parent = new Int32Array(Ga + Gb);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  let lastA = -1;
  let rootA = -1;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    // rootA stays a root: the only parent change below makes it point elsewhere, and then rootA moves with it
    if (ai !== lastA) {
      lastA = ai;
      rootA = find(ai);
    }
    const rb = find(Ga + b[i]!);
    if (rootA !== rb) {
      parent[rootA] = rb;
      rootA = rb;
    }
  }
  let comps = 0;
  for (let g = 0; g < Ga + Gb; g++) if (find(g) === g) comps++;
  return comps;
}

/**
 * Whether FE `codes` is nested in cluster `cl`: every FE level falls in exactly one cluster
 * (then its dummies are not counted in K under the "nested" small-sample rule).
 *
 * @example
 * isNested(Int32Array.of(0, 0, 1), Int32Array.of(5, 5, 7)); // true
 */
export function isNested(codes: Int32Array, cl: Int32Array): boolean {
  if (codes === cl) return true;
  let maxCode = -1;
  let minCode = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c > maxCode) maxCode = c;
    if (c < minCode) minCode = c;
  }
  if (minCode >= 0 && maxCode < 4 * codes.length + 1024) {
    // codes 0..G−1: the cluster seen first for each level in a typed array (no Map)
    const first = new Int32Array(maxCode + 1);
    const seen = new Uint8Array(maxCode + 1);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (!seen[c]) {
        seen[c] = 1;
        first[c] = cl[i]!;
      } else if (first[c] !== cl[i]) return false;
    }
    return true;
  }
  const seen = new Map<number, number>();
  for (let i = 0; i < codes.length; i++) {
    const c = seen.get(codes[i]!);
    if (c === undefined) seen.set(codes[i]!, cl[i]!);
    else if (c !== cl[i]) return false;
  }
  return true;
}
