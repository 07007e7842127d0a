/**
 * Error-free transformation of a product (Dekker 1971): the rounding error of a floating-point
 * multiplication, so that a·b = p + err exactly, where p = fl(a·b). Used by the QR's iterative
 * refinement (compensated residuals). The CSV number parser (src/data/csvNumber.ts) carries its own
 * copy with the powers of ten split in advance: its source must be self-contained, because it also
 * runs as the text of a worker thread.
 *
 * Formula: split each factor into high and low halves with the Veltkamp constant 2^27 + 1, then
 * err = al·bl − (((p − ah·bh) − al·bh) − ah·bl).
 *
 * Reference: T. J. Dekker (1971), "A floating-point technique for extending the available precision",
 * Numerische Mathematik 18, 224–242; Ogita, Rump & Oishi (2005), Algorithm 3.3 (TwoProduct).
 *
 * @example
 * const a = 0.1, b = 0.3, p = a * b;
 * twoProductErr(a, b, p); // -1.3877787807814457e-18 (the part of a·b that p lost)
 */
export function twoProductErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}

/** Veltkamp's splitting constant for doubles: 2^27 + 1. */
const SPLIT = 134217729;
