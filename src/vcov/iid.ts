/**
 * Classical variance  V = σ̂² (X'WX)⁻¹,  σ̂² = Σ wᵢ rᵢ² / (N − K), K = coefficients + absorbed FE df.
 *
 * Reference: Greene, Econometric Analysis (8th ed.), eq. 4-42; R `vcov.lm`.
 *
 * @example
 * vcovIid(Float64Array.of(0.5), 2); // Float64Array [1]
 */
export function vcovIid(bread: Float64Array, sigma2: number): Float64Array {
  return bread.map((b) => b * sigma2);
}
