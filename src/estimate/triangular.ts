/**
 * Triangular-factor products shared by the least-squares solvers (src/estimate/qr.ts,
 * src/estimate/normalEquations.ts).
 */

/**
 * Products of an upper-triangular factor R (rank×rank, row-major) of the column-scaled design
 * A = W^{1/2}XS⁻¹ = QR (or of its Gram matrix A'A = R'R): R⁻¹ by back substitution, the bread
 * (X'WX)⁻¹ = S⁻¹R⁻¹R⁻ᵀS⁻¹ and P = S⁻¹R⁻¹ (so that bread = PPᵀ). `sc` holds the column scales S.
 *
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), §3.1 (triangular inverse) and §5.3.
 *
 * @example
 * triangularProducts(Float64Array.of(2, 1, 0, 4), 2, [1, 1]).bread; // (R'R)⁻¹ = [[0.265625, −0.03125], [−0.03125, 0.0625]]
 */
export function triangularProducts(R: Float64Array, rank: number, sc: readonly number[] | Float64Array): { Rinv: Float64Array; bread: Float64Array; P: Float64Array } {
  const Rinv = new Float64Array(rank * rank);
  for (let c = 0; c < rank; c++) {
    Rinv[c * rank + c] = 1 / R[c * rank + c]!;
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let l = i + 1; l <= c; l++) s += R[i * rank + l]! * Rinv[l * rank + c]!;
      Rinv[i * rank + c] = -s / R[i * rank + i]!;
    }
  }
  const bread = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let l = i; l < rank; l++) {
      let s = 0;
      for (let c = l; c < rank; c++) s += Rinv[i * rank + c]! * Rinv[l * rank + c]!;
      const v = s / (sc[i]! * sc[l]!);
      bread[i * rank + l] = v;
      bread[l * rank + i] = v;
    }
  }
  const P = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) for (let c = i; c < rank; c++) P[i * rank + c] = Rinv[i * rank + c]! / sc[i]!;
  return { Rinv, bread, P };
}

/**
 * Cheap conditioning indicators of an upper-triangular factor R (rank×rank, row-major) and its
 * inverse: the Frobenius condition estimate ‖R‖_F‖R⁻¹‖_F (an upper bound of the 2-norm condition
 * number κ₂(R) times at most rank) and the diagonal range min|Rⱼⱼ| / max|Rⱼⱼ| with min|Rⱼⱼ|.
 *
 * Reference: Higham, Accuracy and Stability of Numerical Algorithms (2nd ed., 2002), §6.2 (norm
 * equivalences) and §8.2 (triangular condition).
 *
 * @example
 * triangularCondition(Float64Array.of(2, 1, 0, 4), Float64Array.of(0.5, -0.125, 0, 0.25), 2);
 * // { frobenius: √21 · √0.328125 ≈ 2.625, rcondDiag: 0.5, minDiag: 2 }
 */
export function triangularCondition(R: Float64Array, Rinv: Float64Array, rank: number): { frobenius: number; rcondDiag: number; minDiag: number } {
  let nR = 0;
  let nRi = 0;
  for (let k = 0; k < rank * rank; k++) {
    nR += R[k]! * R[k]!;
    nRi += Rinv[k]! * Rinv[k]!;
  }
  let dmax = 0;
  let dmin = Infinity;
  for (let j = 0; j < rank; j++) {
    const d = Math.abs(R[j * rank + j]!);
    dmax = Math.max(dmax, d);
    dmin = Math.min(dmin, d);
  }
  return { frobenius: Math.sqrt(nR * nRi), rcondDiag: dmin / dmax, minDiag: dmin };
}
