/**
 * Pearson and Spearman correlation matrices with two-sided p-values, on pairwise complete
 * observations (each pair of variables uses the rows where both are non-missing; `n` reports how
 * many). A pair with fewer than 3 complete rows, or where one variable is constant on those rows,
 * has r = null and p = null, and the reason is listed in `notes` — never NaN.
 *
 * p-values: t = r·√((n−2)/(1−r²)) with n − 2 degrees of freedom, two-sided. For Pearson this is
 * R's `cor.test(x, y)`; for Spearman it is R's `cor.test(x, y, method = "spearman", exact = FALSE)`
 * (the asymptotic t approximation R uses whenever ties are present or n > 1290).
 * Spearman's rho is the Pearson correlation of mid-ranks (ties get the average rank), as R's
 * `cor(x, y, method = "spearman")`.
 */
import { pTwoSided } from "../dist";
import { type Frame, numeric } from "../frame";

export type CorrelationMethod = "pearson" | "spearman";

export interface CorrelationMatrix {
  readonly method: CorrelationMethod;
  readonly variables: readonly string[];
  /** r[i][j]; 1 on the diagonal when the variable has ≥ 3 values and is not constant. */
  readonly r: readonly (readonly (number | null)[])[];
  /** Two-sided p-value of H0: rho = 0 (null on the diagonal). */
  readonly p: readonly (readonly (number | null)[])[];
  /** Pairwise complete observations. */
  readonly n: readonly (readonly number[])[];
  /** Why some entries are null. */
  readonly notes: readonly string[];
}

/**
 * Pearson correlation of two equally long, missing-free samples:
 * r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²); null when either is constant or n < 2.
 *
 * Reference: R `cor(x, y)`.
 * @example
 * pearson(Float64Array.of(1, 2, 3, 4), Float64Array.of(2, 4, 5, 9)); // 0.9647… (R cor(1:4, c(2,4,5,9)))
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (n !== y.length) throw new Error(`pearson: lengths differ (${n} vs ${y.length})`);
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/**
 * Mid-ranks (1-based; tied values share the mean of their ranks), as R `rank(x)` with
 * ties.method = "average".
 *
 * @example
 * midRanks(Float64Array.of(10, 20, 10, 30)); // Float64Array [1.5, 3, 1.5, 4]
 */
export function midRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]!]! === x[order[i]!]!) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * Spearman's rank correlation: the Pearson correlation of mid-ranks; null when either sample is
 * constant or n < 2.
 *
 * Reference: R `cor(x, y, method = "spearman")`.
 * @example
 * spearman(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 3, 2, 4)); // 0.8
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  return pearson(midRanks(x), midRanks(y));
}

/**
 * Two-sided p-value of a correlation r from n pairs: t = r·√((n−2)/(1−r²)), p = 2·P(T_{n−2} > |t|);
 * null when n < 3; 0 when |r| = 1.
 *
 * Reference: R `cor.test` (Pearson; and Spearman with exact = FALSE).
 * @example
 * correlationPValue(0.9647, 4); // ≈ 0.035
 */
export function correlationPValue(r: number, n: number): number | null {
  if (n < 3) return null;
  const df = n - 2;
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt(df / (1 - r * r));
  return pTwoSided(t, df);
}

/**
 * Correlation matrix of the named numeric columns with p-values and pairwise n (F8).
 *
 * @throws Error when a column is missing or not numeric
 * @example
 * const cm = correlationMatrix(panel, ["ln_exports_usd", "internet_users_pct"], "spearman");
 * cm.r[0][1]; cm.p[0][1]; cm.n[0][1];
 */
export function correlationMatrix(frame: Frame, variables: readonly string[], method: CorrelationMethod = "pearson"): CorrelationMatrix {
  const cols = variables.map((v) => numeric(frame, v));
  const k = variables.length;
  const r: (number | null)[][] = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  const p: (number | null)[][] = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  const n: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const notes: string[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const a = cols[i]!;
      const b = cols[j]!;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let row = 0; row < a.length; row++) {
        if (!Number.isNaN(a[row]!) && !Number.isNaN(b[row]!)) {
          xs.push(a[row]!);
          ys.push(b[row]!);
        }
      }
      const m = xs.length;
      n[i]![j] = n[j]![i] = m;
      const label = i === j ? `'${variables[i]}'` : `'${variables[i]}' × '${variables[j]}'`;
      if (m < 3) {
        notes.push(`${label}: ${m} complete rows (< 3), correlation not computed`);
        continue;
      }
      const x = Float64Array.from(xs);
      const y = Float64Array.from(ys);
      const rij = method === "pearson" ? pearson(x, y) : spearman(x, y);
      if (rij === null) {
        notes.push(`${label}: constant on the ${m} complete rows, correlation undefined`);
        continue;
      }
      if (i === j) {
        r[i]![i] = 1;
        continue;
      }
      r[i]![j] = r[j]![i] = rij;
      p[i]![j] = p[j]![i] = correlationPValue(rij, m);
    }
  }
  return { method, variables: [...variables], r, p, n, notes };
}
