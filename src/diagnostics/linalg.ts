/**
 * Small dense helpers for the specification tests (q×q systems with q = a handful of coefficients).
 * Solving uses ml-matrix (LU with partial pivoting); no matrix is ever inverted explicitly.
 */
import { Matrix, solve } from "ml-matrix";

/**
 * Quadratic form d' A⁻¹ d, computed by solving A x = d (LU with partial pivoting, ml-matrix `solve`).
 * A need not be positive definite (as R's `solve` in plm::phtest); throws if A is singular.
 *
 * Reference: Golub & Van Loan (2013) §3.4.
 *
 * @example
 * quadFormInv([[2, 0], [0, 4]], [2, 4]); // 2²/2 + 4²/4 = 6
 */
export function quadFormInv(A: readonly (readonly number[])[], d: readonly number[]): number {
  const q = d.length;
  if (q === 0) return NaN;
  const x = solve(new Matrix(A.map((r) => [...r])), Matrix.columnVector([...d]), false).getColumn(0);
  if (x.some((v) => !Number.isFinite(v))) throw new Error("quadFormInv: the matrix is singular");
  let s = 0;
  for (let i = 0; i < q; i++) s += d[i]! * x[i]!;
  return s;
}

/**
 * Positions of `names` in `all`; throws naming the missing one.
 *
 * @example
 * indexOfNames(["(Intercept)", "a", "b"], ["b"], "Wald test"); // [2]
 */
export function indexOfNames(all: readonly string[], names: readonly string[], what: string): number[] {
  return names.map((n) => {
    const i = all.indexOf(n);
    if (i < 0) throw new Error(`${what}: coefficient '${n}' not in the model (coefficients: ${all.join(", ")})`);
    return i;
  });
}

/**
 * Whether a coefficient name is the intercept (the engine names it "(Intercept)", as R).
 *
 * @example
 * isIntercept("(Intercept)"); // true
 */
export function isIntercept(name: string): boolean {
  return name === "(Intercept)";
}
