/** Seeded synthetic panels for the diagnostics unit tests (generated, never typed). */
import { makeFrame, type Frame } from "../../src/frame";
import { lcg, normal } from "../fixtures/random";

/**
 * Panel y = 1 + 0.5 x1 − 0.3 x2 + a_i + e_it with unit effects a_i; `corr` makes x1 correlated with
 * a_i (FE consistent, RE not). `ar` adds AR(1) errors. Columns: id (text), year, x1, x2, z1, z2, y.
 */
export function syntheticPanel(opts: { n: number; t: number; seed: number; corr?: number; ar?: number; drop?: number }): Frame {
  const u = lcg(opts.seed);
  const z = normal(u, { complement: false });
  const id: string[] = [];
  const year: number[] = [];
  const x1: number[] = [];
  const x2: number[] = [];
  const z1: number[] = [];
  const z2: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < opts.n; i++) {
    const a = z();
    let e = 0;
    for (let t = 0; t < opts.t; t++) {
      if (opts.drop && u() < opts.drop) continue;
      const zz1 = z();
      const zz2 = z();
      const v = z();
      const xa = z() + (opts.corr ?? 0) * a + 0.8 * zz1 + 0.4 * zz2 + 0.5 * v;
      const xb = z();
      e = (opts.ar ?? 0) * e + z();
      id.push(`u${i}`);
      year.push(2000 + t);
      x1.push(xa);
      x2.push(xb);
      z1.push(zz1);
      z2.push(zz2);
      y.push(1 + 0.5 * xa - 0.3 * xb + a + e + 0.7 * v);
    }
  }
  return makeFrame({
    id,
    year: Float64Array.from(year),
    x1: Float64Array.from(x1),
    x2: Float64Array.from(x2),
    z1: Float64Array.from(z1),
    z2: Float64Array.from(z2),
    y: Float64Array.from(y),
  });
}
