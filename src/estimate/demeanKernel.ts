/**
 * The conjugate-gradient demeaning of one column (the default of `demean` for two or more fixed
 * effects). Self-contained on purpose: these two functions use nothing but their arguments, so the
 * demeaning helper thread (src/estimate/parallel.ts) runs the very same code from their source text,
 * and a column gives the same bits whichever thread demeans it.
 */

/**
 * dst ← T src with the symmetric sweep T = M_{seq[last]}⋯M_{seq[0]} (seq = 1,…,Q,…,1), where M_q
 * subtracts the weighted group means of FE q. The copy src → dst is fused with the first
 * accumulation, and each subtraction with the next accumulation (len + 1 passes over the data).
 * src and dst may be the same array.
 *
 * Reference: Correia (2017) reghdfe (symmetric Kaczmarz sweep for CG); Bergé (2018) fixest.
 *
 * @example
 * symSweepInto(x, out, [a, b], [invWa, invWb], [sa, sb], [0, 1, 0], null); // out = M₁M₂M₁x
 */
export function symSweepInto(
  src: Float64Array,
  dst: Float64Array,
  fe: readonly Int32Array[],
  invW: readonly Float64Array[],
  sums: readonly Float64Array[],
  seq: readonly number[],
  w: Float64Array | null,
  grouped: readonly boolean[] | null = null,
): void {
  const n = src.length;
  const L = seq.length;
  const c0 = fe[seq[0]!]!;
  const s0 = sums[seq[0]!]!;
  const iw0 = invW[seq[0]!]!;
  s0.fill(0);
  if (grouped && grouped[seq[0]!] && n > 0) {
    // rows of a level are contiguous: sum each run in a register (same additions, same order)
    let g = c0[0]!;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[i] = v;
      const ci = c0[i]!;
      if (ci !== g) {
        s0[g] += acc;
        acc = 0;
        g = ci;
      }
      acc += w ? w[i]! * v : v;
    }
    s0[g] += acc;
  } else if (w) {
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[i] = v;
      s0[c0[i]!] += w[i]! * v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[i] = v;
      s0[c0[i]!] += v;
    }
  }
  for (let g = 0; g < s0.length; g++) s0[g] = s0[g]! * iw0[g]!;
  for (let k = 1; k < L; k++) {
    const pc = fe[seq[k - 1]!]!;
    const ps = sums[seq[k - 1]!]!;
    const nc = fe[seq[k]!]!;
    const ns = sums[seq[k]!]!;
    const iw = invW[seq[k]!]!;
    ns.fill(0);
    if (grouped && grouped[seq[k]!] && n > 0) {
      let g = nc[0]!;
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const v = dst[i]! - ps[pc[i]!]!;
        dst[i] = v;
        const ci = nc[i]!;
        if (ci !== g) {
          ns[g] += acc;
          acc = 0;
          g = ci;
        }
        acc += w ? w[i]! * v : v;
      }
      ns[g] += acc;
    } else if (w) {
      for (let i = 0; i < n; i++) {
        const v = dst[i]! - ps[pc[i]!]!;
        dst[i] = v;
        ns[nc[i]!] += w[i]! * v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = dst[i]! - ps[pc[i]!]!;
        dst[i] = v;
        ns[nc[i]!] += v;
      }
    }
    for (let g = 0; g < ns.length; g++) ns[g] = ns[g]! * iw[g]!;
  }
  const lc = fe[seq[L - 1]!]!;
  const ls = sums[seq[L - 1]!]!;
  for (let i = 0; i < n; i++) dst[i] = dst[i]! - ls[lc[i]!]!;
}

/** Smallest effective demeaning tolerance (a few units of rounding relative to rms(x)). */
export const TOL_FLOOR = 8 * Number.EPSILON;

/**
 * x ← x − P_D x in place, by conjugate gradient on (I − T)y = (I − T)x with the symmetric sweep T
 * in the W inner product, then x̃ = x − y and one final sweep (see `demean` for the method and the
 * stopping rule ‖r‖²_W ≤ (tol·rms(x))²·Σw, with tol floored at TOL_FLOOR). r, pv, Ap, y are n-vectors of work space; sums holds
 * one Float64Array(G_q) per FE. Returns the number of sweeps, negated when maxIter was reached
 * before convergence.
 *
 * Reference: Hestenes & Stiefel (1952); Correia (2017) reghdfe "cg" transform.
 *
 * @example
 * const it = cgDemeanColumn(x, [a, b], invW, sums, null, 1e-10, 10000, r, p, Ap, y); // x demeaned
 */
export function cgDemeanColumn(
  x: Float64Array,
  fe: readonly Int32Array[],
  invW: readonly Float64Array[],
  sums: readonly Float64Array[],
  w: Float64Array | null,
  tol: number,
  maxIter: number,
  r: Float64Array,
  pv: Float64Array,
  Ap: Float64Array,
  y: Float64Array,
  grouped: readonly boolean[] | null = null,
): number {
  const n = x.length;
  const Q = fe.length;
  const seq: number[] = [];
  for (let q = 0; q < Q; q++) seq.push(q);
  for (let q = Q - 2; q >= 0; q--) seq.push(q);
  // scale for the stopping rule
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n || 1;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) * (x[i]! - mean);
  const scale = Math.sqrt(ss / (n || 1)) || 1;
  let sumW = n;
  if (w) {
    sumW = 0;
    for (let i = 0; i < n; i++) sumW += w[i]!;
  }
  // the tolerance cannot go below rounding: iterating on a residual that is all rounding noise (an
  // input already demeaned, tol 0) would divide noise by noise
  const stop = (Math.max(tol, TOL_FLOOR) * scale) ** 2 * sumW;
  let it = 0;
  let converged = false;
  symSweepInto(x, Ap, fe, invW, sums, seq, w, grouped);
  it++;
  let rs = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]! - Ap[i]!;
    r[i] = v;
    pv[i] = v;
    rs += w ? w[i]! * v * v : v * v;
  }
  y.fill(0);
  while (it < maxIter) {
    if (rs <= stop) {
      converged = true;
      break;
    }
    symSweepInto(pv, Ap, fe, invW, sums, seq, w, grouped);
    it++;
    let pAp = 0;
    if (w) {
      for (let i = 0; i < n; i++) {
        const v = pv[i]! - Ap[i]!;
        Ap[i] = v;
        pAp += w[i]! * pv[i]! * v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = pv[i]! - Ap[i]!;
        Ap[i] = v;
        pAp += pv[i]! * v;
      }
    }
    if (!(pAp > 0)) {
      converged = true; // the residual is at rounding level
      break;
    }
    const alpha = rs / pAp;
    let rsNew = 0;
    if (w) {
      for (let i = 0; i < n; i++) {
        y[i] = y[i]! + alpha * pv[i]!;
        const v = r[i]! - alpha * Ap[i]!;
        r[i] = v;
        rsNew += w[i]! * v * v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        y[i] = y[i]! + alpha * pv[i]!;
        const v = r[i]! - alpha * Ap[i]!;
        r[i] = v;
        rsNew += v * v;
      }
    }
    const beta = rsNew / rs;
    rs = rsNew;
    for (let i = 0; i < n; i++) pv[i] = r[i]! + beta * pv[i]!;
  }
  for (let i = 0; i < n; i++) x[i] = x[i]! - y[i]!;
  // a final sweep removes what is left in span(D) (each M_q contracts the error)
  symSweepInto(x, x, fe, invW, sums, seq, w, grouped);
  it++;
  return converged ? it : -it;
}

/**
 * For each FE, whether the rows of every level are contiguous (one run per level, e.g. an entity
 * id in an entity-major panel). Then symSweepInto sums each run in a register: the same additions in
 * the same order as the scatter-add, so the same bits, without a store-to-load chain per row.
 *
 * @example
 * groupedCodes([Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 0, 1)]); // [true, false]
 */
export function groupedCodes(fe: readonly Int32Array[]): boolean[] {
  const out: boolean[] = [];
  for (let q = 0; q < fe.length; q++) {
    const c = fe[q]!;
    const n = c.length;
    let maxCode = -1;
    for (let i = 0; i < n; i++) if (c[i]! > maxCode) maxCode = c[i]!;
    const seen = new Uint8Array(maxCode + 1);
    let ok = n > 0;
    for (let i = 0; i < n && ok; i++) {
      const ci = c[i]!;
      if (i > 0 && ci === c[i - 1]) continue;
      if (seen[ci]) ok = false;
      seen[ci] = 1;
    }
    out.push(ok);
  }
  return out;
}
