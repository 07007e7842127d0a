/**
 * The Gram-matrix kernel of the semi-normal equations (src/estimate/normalEquations.ts): the upper
 * triangle of M'WM accumulated over a range of rows, in blocks of rows that stay in cache. Both
 * threads run it (the helper thread from its source text, src/estimate/parallel.ts), each on its
 * own range of rows, so these functions read nothing but their arguments and GRAM_BLOCK_ROWS.
 *
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.) §1.1 (inner products), §1.5 (blocking).
 */

/** Rows per block of the Gram accumulation (the block of every column stays in the L1/L2 cache). */
export const GRAM_BLOCK_ROWS = 1024;

/**
 * G[j·m + l] += Σ_{r0 ≤ i < r1} wᵢ·x_j[i]·x_l[i] for l ≥ j (the upper triangle of the Gram matrix
 * of the m columns, row-major m×m; w = null means wᵢ = 1), over blocks of GRAM_BLOCK_ROWS rows with
 * four accumulators per entry pair.
 *
 * @example
 * const G = new Float64Array(4);
 * gramRows([Float64Array.of(1, 2), Float64Array.of(3, 4)], null, 0, 2, G); // G = [5, 11, 0, 25]
 */
export function gramRows(cols: readonly Float64Array[], w: Float64Array | null, r0: number, r1: number, G: Float64Array): void {
  const m = cols.length;
  const NB = GRAM_BLOCK_ROWS;
  const wx = new Float64Array(NB);
  for (let b0 = r0; b0 < r1; b0 += NB) {
    const nb = Math.min(r1, b0 + NB) - b0;
    for (let j = 0; j < m; j++) {
      const xj = cols[j]!;
      // the block of w ⊙ x_j (or x_j) at offset 0 of wx, so both loops below index the same way
      if (w) for (let i = 0; i < nb; i++) wx[i] = w[b0 + i]! * xj[b0 + i]!;
      else for (let i = 0; i < nb; i++) wx[i] = xj[b0 + i]!;
      let l = j;
      for (; l + 3 < m; l += 4) blockDot4(wx, cols[l]!, cols[l + 1]!, cols[l + 2]!, cols[l + 3]!, b0, nb, G, j * m + l);
      for (; l < m; l++) G[j * m + l] += blockDot(wx, cols[l]!, b0, nb);
    }
  }
}

/**
 * G[at + c] += Σ_{i<nb} a[i]·b_c[off+i] for the four columns b_0..b_3 (a read once).
 *
 * @example
 * const G = new Float64Array(4);
 * const one = Float64Array.of(1, 1);
 * blockDot4(Float64Array.of(1, 2), one, one, one, one, 0, 2, G, 0); // G = [3, 3, 3, 3]
 */
export function blockDot4(a: Float64Array, b0: Float64Array, b1: Float64Array, b2: Float64Array, b3: Float64Array, off: number, nb: number, G: Float64Array, at: number): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < nb; i++) {
    const ai = a[i]!;
    const k = off + i;
    s0 += ai * b0[k]!;
    s1 += ai * b1[k]!;
    s2 += ai * b2[k]!;
    s3 += ai * b3[k]!;
  }
  G[at] += s0;
  G[at + 1] += s1;
  G[at + 2] += s2;
  G[at + 3] += s3;
}

/**
 * Σ_{i<nb} a[i]·b[off+i] with four accumulators.
 *
 * @example
 * blockDot(Float64Array.of(1, 2), Float64Array.of(0, 3, 4), 1, 2); // 11
 */
export function blockDot(a: Float64Array, b: Float64Array, off: number, nb: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < nb; i += 4) {
    s0 += a[i]! * b[off + i]!;
    s1 += a[i + 1]! * b[off + i + 1]!;
    s2 += a[i + 2]! * b[off + i + 2]!;
    s3 += a[i + 3]! * b[off + i + 3]!;
  }
  for (; i < nb; i++) s0 += a[i]! * b[off + i]!;
  return s0 + s1 + (s2 + s3);
}

