import { test } from "node:test";
import assert from "node:assert/strict";
import { clusterMeat, gram } from "../../src/vcov/sandwich";

// reference: the definition M[a,b] = Σ_i c_a[i]·c_b[i] (integers: exact in double precision)
test("gram is the symmetric matrix of column inner products", () => {
  assert.deepEqual(Array.from(gram([Float64Array.of(1, 2), Float64Array.of(3, 4)])), [5, 11, 11, 25]);
  assert.deepEqual(Array.from(gram([])), []);
});

// reference: meatCL definition, Σ_g u_g u_g' with u_g the cluster sums ((1+2)² + 3² = 18); groups null = Σ s_i²
test("clusterMeat: cluster sums then their Gram matrix; null groups = every row its own cluster", () => {
  const s = [Float64Array.of(1, 2, 3)];
  assert.deepEqual(Array.from(clusterMeat(s, Int32Array.of(0, 0, 1), 2)), [18]);
  assert.deepEqual(Array.from(clusterMeat(s, null, 3)), [14]);
});
