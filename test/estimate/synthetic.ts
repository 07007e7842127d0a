/** Synthetic data for the engine's unit tests (seeded; no data values typed by hand). */
import { makeFrame, type Frame } from "../../src/frame";
import { mulberry32, normal } from "../fixtures/random";

/** The uniform generator of the engine fixtures (mulberry32). */
export const rng = mulberry32;
export { normal };

/**
 * Panel with G ids × T years, two regressors, id and year effects, a region text column, an
 * instrument z and an endogenous regressor xe; `drop` removes a random share of rows (unbalanced).
 */
export function syntheticPanel(G: number, T: number, seed = 1, drop = 0): Frame {
  const u = rng(seed);
  const z = normal(u);
  const id: number[] = [];
  const year: number[] = [];
  const x1: number[] = [];
  const x2: number[] = [];
  const y: number[] = [];
  const zc: number[] = [];
  const xe: number[] = [];
  const region: string[] = [];
  const alpha = Array.from({ length: G }, () => z());
  const gamma = Array.from({ length: T }, () => z());
  const regions = ["north", "south", "east"];
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < T; t++) {
      if (drop > 0 && u() < drop) continue;
      const a = x1.length;
      id.push(g + 1);
      year.push(2000 + t);
      const v1 = z() + alpha[g]!;
      const v2 = z() + 0.5 * gamma[t]!;
      const zi = z();
      const common = z();
      const ve = zi + 0.5 * common + z();
      x1.push(v1);
      x2.push(v2);
      zc.push(zi);
      xe.push(ve);
      region.push(regions[g % 3]!);
      y.push(1 + 0.5 * v1 - 0.25 * v2 + 0.75 * ve + alpha[g]! + gamma[t]! + common + z() * (1 + 0.5 * Math.abs(v1)));
      void a;
    }
  }
  return makeFrame({
    id: Float64Array.from(id),
    year: Float64Array.from(year),
    x1: Float64Array.from(x1),
    x2: Float64Array.from(x2),
    y: Float64Array.from(y),
    z: Float64Array.from(zc),
    xe: Float64Array.from(xe),
    region,
  });
}

/** max |a−b| / max(1, |b|) over two arrays. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return m;
}
