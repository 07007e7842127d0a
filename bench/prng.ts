/**
 * Seeded pseudo-random numbers for the benchmark generator (never `Math.random`).
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021; reference C code https://prng.di.unimi.it/xoshiro128starstar.c):
 *   result = rotl(s1 · 5, 7) · 9;  t = s1 << 9;  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
 *   s3 = rotl(s3, 11)   (all arithmetic mod 2^32).
 * Seeding: the 128-bit state is filled from two outputs of splitmix64 (Steele, Lea & Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014; the seeding Vigna recommends):
 *   z = (x += 0x9E3779B97F4A7C15); z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB;
 *   z ^ z>>31    (mod 2^64); state = [lo32(z1), hi32(z1), lo32(z2), hi32(z2)].
 *
 * @example
 * const r = new Xoshiro128ss(42);
 * r.nextUint32();   // an integer in [0, 2^32)
 * r.nextDouble();   // a double in [0, 1) with 53 random bits
 * r.nextNormal();   // a standard normal draw (Marsaglia polar method)
 */
export class Xoshiro128ss {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  /** Seed from a 64-bit integer (number ≤ 2^53 or bigint) through splitmix64, or from an explicit
   *  4-word state (must not be all zero). */
  constructor(seed: number | bigint | readonly [number, number, number, number]) {
    if (Array.isArray(seed)) {
      const st = seed as readonly number[];
      if (st.length !== 4 || st.every((v) => (v >>> 0) === 0)) throw new Error("xoshiro128**: state must be 4 words, not all zero");
      [this.s0, this.s1, this.s2, this.s3] = st.map((v) => v >>> 0) as [number, number, number, number];
      return;
    }
    const [a, b] = splitmix64(BigInt(seed as number | bigint), 2);
    this.s0 = Number(a! & 0xffffffffn);
    this.s1 = Number(a! >> 32n);
    this.s2 = Number(b! & 0xffffffffn);
    this.s3 = Number(b! >> 32n);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit output, as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const r = (m << 7) | (m >>> 25);
    const result = Math.imul(r, 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1): (a >>> 5)·2^26 + (b >>> 6), divided by 2^53 (53 random bits). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, n) by rejection (unbiased), n ≤ 2^32. */
  nextInt(n: number): number {
    if (!(n >= 1 && n <= 4294967296)) throw new Error(`nextInt: n must be in [1, 2^32], got ${n}`);
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }

  /** Standard normal draw, Marsaglia polar method (Marsaglia & Bray 1964); the second draw of each
   *  accepted pair is kept for the next call. */
  nextNormal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    for (;;) {
      const u = 2 * this.nextDouble() - 1;
      const v = 2 * this.nextDouble() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * f;
        return u * f;
      }
    }
  }

  /**
   * Poisson(λ) draw. λ < 10: inversion by sequential search (Devroye 1986, §X.3); λ ≥ 10: PTRS
   * transformed rejection with squeeze (Hörmann 1993, "The transformed rejection method for
   * generating Poisson random variables", Insurance: Math. & Econ. 12, the algorithm numpy uses).
   */
  nextPoisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`nextPoisson: lambda must be finite and ≥ 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 10) {
      let k = 0;
      let p = Math.exp(-lambda);
      let c = p;
      const u = this.nextDouble();
      while (u > c) {
        k++;
        p *= lambda / k;
        c += p;
        if (p === 0) break;
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = this.nextDouble() - 0.5;
      const V = this.nextDouble();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k;
    }
  }
}

/** splitmix64 outputs (mod 2^64) starting from `seed`; see the module comment for the formula. */
export function splitmix64(seed: bigint, count: number): bigint[] {
  const M = (1n << 64n) - 1n;
  let x = seed & M;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & M;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

/** ln Γ(x) for x > 0, Lanczos approximation (g = 7, n = 9; Numerical Recipes 3rd ed. §6.1),
 *  relative error < 1e-14 — used only in the Poisson acceptance test. */
function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
