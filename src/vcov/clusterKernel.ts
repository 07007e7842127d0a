/**
 * The per-row kernel of the clustered meat (src/vcov/sandwich.ts clusterScoreMeat): cluster sums of
 * the scores. Both threads run it (the helper thread from its source text, src/estimate/parallel.ts),
 * each on its own columns, so it reads nothing but its arguments.
 */

/**
 * Cluster sums of the scores: U[c][g] += Σ_{i: groups[i] = g} cols[c][i]·f[i] for every column c
 * (U[c] has one slot per cluster). Four columns per pass (groups and f read once for them); a run of
 * rows of one cluster (e.g. entity-major data) is summed in registers first: the same additions in
 * the same order when each cluster is one run, without a store-to-load chain per row. Exported for
 * the helper thread's source (src/estimate/parallel.ts).
 *
 * Reference: Arellano (1987); sandwich::meatCL (the u_g of the clustered meat).
 *
 * @example
 * const U = [new Float64Array(2)];
 * clusterScoreSums([Float64Array.of(1, 1, 1)], Float64Array.of(1, 2, 3), Int32Array.of(0, 0, 1), U); // U = [[3, 3]]
 */
export function clusterScoreSums(cols: readonly Float64Array[], f: Float64Array, groups: Int32Array, U: readonly Float64Array[]): void {
  const n = f.length;
  const k = cols.length;
  // four columns per pass (groups and f read once for them); a run of rows of one cluster (e.g.
  // entity-major data) is summed in registers first: the same additions in the same order when each
  // cluster is one run, without a store-to-load chain per row
  let c = 0;
  for (; c + 3 < k; c += 4) {
    const x0 = cols[c]!;
    const x1 = cols[c + 1]!;
    const x2 = cols[c + 2]!;
    const x3 = cols[c + 3]!;
    const u0 = U[c]!;
    const u1 = U[c + 1]!;
    const u2 = U[c + 2]!;
    const u3 = U[c + 3]!;
    let g = n ? groups[0]! : 0;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let i = 0; i < n; i++) {
      const gi = groups[i]!;
      if (gi !== g) {
        u0[g] += a0;
        u1[g] += a1;
        u2[g] += a2;
        u3[g] += a3;
        a0 = a1 = a2 = a3 = 0;
        g = gi;
      }
      const fi = f[i]!;
      a0 += x0[i]! * fi;
      a1 += x1[i]! * fi;
      a2 += x2[i]! * fi;
      a3 += x3[i]! * fi;
    }
    if (n) {
      u0[g] += a0;
      u1[g] += a1;
      u2[g] += a2;
      u3[g] += a3;
    }
  }
  for (; c < k; c++) {
    const x = cols[c]!;
    const u = U[c]!;
    let g = n ? groups[0]! : 0;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const gi = groups[i]!;
      if (gi !== g) {
        u[g] += acc;
        acc = 0;
        g = gi;
      }
      acc += x[i]! * f[i]!;
    }
    if (n) u[g] += acc;
  }
}
