/**
 * Decimal numbers read straight from the bytes of a CSV file, bit-identical to ECMAScript
 * `Number()` (which is correctly rounded) for every input.
 *
 * Grammar accepted: `[+-]digits[.digits][(e|E)[+-]digits]` with at least one mantissa digit
 * (`.5` and `5.` included). The value is m·10^k with m the integer of the first ≤ 19 significant
 * digits, kept exactly as hi·10^d2 + lo (hi: the first 5–8 significant digits, lo: the rest):
 * - m < 2⁵³ and |k| ≤ 22: Clinger's fast path, one correctly rounded IEEE multiplication or
 *   division m·10^k (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990);
 * - m ≥ 2⁵³ (17–19 digits) and |k| ≤ 22: m as an exact double-double, scaled by 10^|k| with an
 *   error-free product (Dekker's TwoProduct with 10^|k| split in advance), and rounded once when the result is provably on one side of a rounding
 *   boundary ({@link scaleDoubleDouble});
 * - anything else (a non-zero digit after the 19th, larger exponents, subnormals, overflow, ties
 *   too close to call): `Number()` of the cell's text.
 * This is {@link readDecimal} (one number). A whole record of plain numbers is read by
 * readNumberRecord, which reads the common spellings `[-]I` and `[-]I.F` (D < 10^19) inline,
 * eight digits at a time, always by the double-double path, and hands every other cell to
 * readDecimal.
 */
/**
 * The decimal parser, built by a function that uses nothing from outside it (only JavaScript
 * built-ins), so that its source text can also run in a worker thread (see csvParallel.ts).
 *
 * @example
 * const { readDecimal, decimalValue } = createDecimalParser();
 * readDecimal(Buffer.from("-2.5e3,"), 0, 7); // 6, decimalValue[0] = -2500
 */
export function createDecimalParser() {
  const TWO53 = 9007199254740992;
  /** Veltkamp's splitting constant for doubles: 2^27 + 1. */
  const SPLIT = 134217729;
  /** A DataView on the last buffer read with four-byte loads. */
  let viewOf: Uint8Array | null = null;
  let view = new DataView(new ArrayBuffer(4));

  /** Exact powers of ten 10^0 … 10^22 (all representable exactly as doubles). */
  const POW10: Float64Array = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
  /** Veltkamp split of 10^k: POW10_HI[k] + POW10_LO[k] = 10^k, each half with ≤ 26 significant bits. */
  const POW10_HI: Float64Array = POW10.map((p) => SPLIT * p - (SPLIT * p - p));
  const POW10_LO: Float64Array = POW10.map((p, k) => p - POW10_HI[k]!);
  /** 1/10^k rounded to the nearest double (k = 0 … 22). */
  const INV10: Float64Array = POW10.map((p) => 1 / p);

  /** Returned by {@link parseNumberCell} for a cell that is not a number. */
  const NOT_A_NUMBER = Infinity;

  /**
   * `decimalValue[0]`: the value read by the last successful {@link readDecimal} call (passed here
   * rather than returned: a double returned by a function that is not inlined is boxed, one heap
   * allocation per cell).
   */
  const decimalValue = new Float64Array(1);

  /**
   * Read the record of numbers at `b[p…n)` into `cols[0][row]`, …, `cols[m−1][row]` when it is
   * plain: m numbers separated by commas and ended by LF or CRLF, all inside the window. Returns
   * the position after the line end, or −1 when the record is not plain (a blank, a quote, a
   * missing or bad cell, a line end too few or too many, the window's end): the caller reads it
   * again cell by cell (values already stored are then overwritten).
   *
   * Each cell of the common spellings `[-]I` (I: ≤ 15 digits) and `[-]I.F` (I: 1–3 digits, F:
   * ≤ 22 digits, the integer D of all digits below 10^19, so leading zeros of small values do
   * not count) followed by `,` or a line end is read here (inline: no call per cell); any other
   * cell goes to {@link readDecimal}. Formula: D = X·10^a + Y, X = I·10^8 + (the first 8 digits
   * of F, read at once as two 32-bit words when they are all digits; else X = I), Y = the a ≤ 14
   * digits after them (exact); D < 10^19 ⇔ X < 10^(19−a); value = D/10^|F|. X·10^a = p + e
   * exactly for p = fl(X·10^a), e = (xh·10^a − p) + xl·10^a with Veltkamp's split X = xh + xl
   * (Dekker's TwoProduct, valid as 10^a has ≤ 26 significant bits for a ≤ 11; for a ≥ 12,
   * X < 10^(19−a) makes X·10^a = X·5^a·2^a exact and e = 0); then s = fl(p + Y),
   * e2 = Y − (s − p) (Fast2Sum: p ≥ Y or p = 0), e + e2 (integers below 2^12: exact) and a last
   * Fast2Sum give D as an exact double-double mh + ml; value =
   * {@link scaleDoubleDouble}(mh, ml, −|F|), or {@link readDecimal} when it cannot decide. (Also for D < 2^53, where Clinger's single division would do: a branch on D's
   * size, taken at random for 16- and 17-digit data, costs more than the multiplications.)
   * Reference: Clinger (1990) PLDI; Dekker (1971) Numer. Math. 18; ECMAScript §7.1.4.1.1
   * StringToNumber (round to nearest, ties to even).
   *
   * @example
   * const cols = [new Float64Array(1), new Float64Array(1)];
   * readNumberRecord(Buffer.from("-0.25,7\n"), 0, 8, cols, 0); // 8; cols = [[-0.25], [7]]
   */
  function readNumberRecord(b: Uint8Array, p: number, n: number, cols: readonly Float64Array[], row: number): number {
    const last = cols.length - 1;
    if (b !== viewOf) {
      viewOf = b;
      view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    for (let col = 0; ; col++) {
      let e = -1; // end of the number read by the fast path
      let v = 0;
      let i = p;
      let c = i < n ? b[i]! : 0;
      const neg = c === 45;
      if (neg) {
        i++;
        c = i < n ? b[i]! : 0;
      }
      let d = c - 48;
      if (d >= 0 && d <= 9) {
        let ip = d;
        let j = i + 1;
        c = j < n ? b[j]! : 0;
        d = c - 48;
        while (d >= 0 && d <= 9) {
          ip = ip * 10 + d;
          j++;
          c = j < n ? b[j]! : 0;
          d = c - 48;
        }
        const ni = j - i; // integer digits, leading zeros included
        if (c === 46) {
          if (ni <= 3) {
            j++;
            const f0 = j; // first fraction digit
            let x = ip;
            let y = 0;
            let y0 = j; // first digit of Y
            if (j + 8 <= n) {
              let w0 = view.getInt32(j, true);
              let w1 = view.getInt32(j + 4, true);
              if (isFourDigits(w0) && isFourDigits(w1)) {
                x = ip * 1e8 + (fourDigits(w0) * 10000 + fourDigits(w1));
                j += 8;
                y0 = j;
                if (j + 8 <= n) {
                  w0 = view.getInt32(j, true);
                  w1 = view.getInt32(j + 4, true);
                  if (isFourDigits(w0) && isFourDigits(w1)) {
                    y = fourDigits(w0) * 10000 + fourDigits(w1);
                    j += 8;
                  }
                }
              }
            }
            c = j < n ? b[j]! : 0;
            d = c - 48;
            while (d >= 0 && d <= 9) {
              y = y * 10 + d;
              j++;
              c = j < n ? b[j]! : 0;
              d = c - 48;
            }
            const nf = j - f0;
            const a = j - y0; // digits in Y: ≤ 14 when nf ≤ 22
            if (nf <= 22 && x < POW10[19 - a]! && (c === 44 || c === 10 || c === 13)) {
              const P = POW10[a]!;
              const px = x * P;
              const t = SPLIT * x;
              const xh = t - (t - x);
              const ex = xh * P - px + (x - xh) * P;
              const s = px + y;
              const low = ex + (y - (s - px));
              const mh = s + low;
              v = scaleDoubleDouble(mh, low - (mh - s), -nf);
              if (v === v) e = j;
            }
          }
        } else if (ni <= 15 && (c === 44 || c === 10 || c === 13)) {
          v = ip;
          e = j;
        }
      }
      if (e >= 0) {
        if (neg) v = -v;
      } else {
        e = readDecimal(b, p, n);
        if (e < 0 || e >= n) return -1;
        v = decimalValue[0]!;
        c = b[e]!;
      }
      if (col < last) {
        if (c !== 44) return -1;
        cols[col]![row] = v;
        p = e + 1;
      } else {
        if (c === 10) p = e + 1;
        else if (c === 13 && e + 1 < n) p = b[e + 1] === 10 ? e + 2 : e + 1;
        else return -1;
        cols[col]![row] = v;
        return p;
      }
    }
  }

  /** The four ASCII digits in the little-endian word `w` (byte 0 first) as a number 0…9999. */
  function fourDigits(w: number): number {
    let v = w - 0x30303030; // digit j in byte j
    v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff; // bytes 0 and 2: two-digit numbers
    return (Math.imul(v, 100) + (v >>> 16)) & 0xffff;
  }

  /** Whether the four bytes of `w` are all ASCII digits. */
  function isFourDigits(w: number): boolean {
    return ((w & 0xf0f0f0f0) | (((w + 0x06060606) & 0xf0f0f0f0) >>> 4)) === 0x33333333;
  }

  /**
   * Read the longest prefix of `b[i, n)` that matches `[+-]digits[.digits][(e|E)[+-]digits]`, set
   * `decimalValue[0]` to its value, correctly rounded to the nearest double (the value `Number()`
   * gives for that text), and return the position after it. Returns −1 when the mantissa has no
   * digit, when an exponent mark has no digit after it, or when the value overflows to ±Infinity.
   * The caller checks that the number ends where the cell ends.
   *
   * Formula: value = (hi·10^d2 + lo)·10^k, k = exponent − fraction digits kept; see the module doc
   * for the three evaluation paths. Digits are read four at a time where possible (a 32-bit load,
   * tested for four ASCII digits and combined with two multiplications).
   * Reference: Clinger (1990) PLDI; Dekker (1971) Numer. Math. 18; ECMAScript §7.1.4.1.1
   * StringToNumber (round to nearest, ties to even).
   *
   * @example
   * readDecimal(Buffer.from("0.6489234152739747,"), 0, 19); // 18, decimalValue[0] = 0.6489234152739747
   */
  function readDecimal(b: Uint8Array, i: number, n: number): number {
    const start = i;
    let neg = false;
    let c = i < n ? b[i]! : 0;
    if (c === 45 || c === 43) {
      neg = c === 45;
      i++;
      c = i < n ? b[i]! : 0;
    }
    let hi = 0; // the first significant digits (at most 8)
    let lo = 0; // the next ones (at most 14, so lo < 2^53)
    let nd = 0; // significant digits kept in hi and lo (at most 19)
    let d2 = 0; // digits in lo
    let scale = 0; // power of ten applied to hi·10^d2 + lo (each fraction digit kept: −1)
    let inexact = false; // a non-zero digit after the 19th was dropped
    let any = false;
    // integer part
    let d = c - 48;
    if (d >= 0 && d <= 9) {
      any = true;
      do {
        if (nd < 8) {
          if (hi !== 0 || d !== 0) {
            hi = hi * 10 + d;
            nd++;
          }
        } else if (nd < 19) {
          lo = lo * 10 + d;
          nd++;
          d2++;
        } else {
          scale++;
          if (d !== 0) inexact = true;
        }
        i++;
        c = i < n ? b[i]! : 0;
        d = c - 48;
      } while (d >= 0 && d <= 9);
    }
    // fraction
    if (c === 46) {
      i++;
      // four digits at a time while there is room for them in hi or lo
      if (nd <= 15 && i + 4 <= n) {
        if (b !== viewOf) {
          viewOf = b;
          view = new DataView(b.buffer, b.byteOffset, b.byteLength);
        }
        do {
          const w = view.getInt32(i, true);
          if (((w & 0xf0f0f0f0) | (((w + 0x06060606) & 0xf0f0f0f0) >>> 4)) !== 0x33333333) break; // 4 ASCII digits?
          let v = w - 0x30303030; // digit j in byte j (little-endian)
          v = (Math.imul(v, 10) + (v >>> 8)) & 0x00ff00ff; // bytes 0 and 2: two-digit numbers
          v = (Math.imul(v, 100) + (v >>> 16)) & 0xffff; // the four-digit number
          if (nd <= 4) {
            if (hi !== 0) nd += 4;
            else nd += v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : v > 0 ? 1 : 0; // leading zeros do not count
            hi = hi * 10000 + v;
          } else {
            lo = lo * 10000 + v;
            nd += 4;
            d2 += 4;
          }
          scale -= 4;
          any = true;
          i += 4;
        } while (nd <= 15 && i + 4 <= n);
      }
      c = i < n ? b[i]! : 0;
      d = c - 48;
      if (d >= 0 && d <= 9) {
        any = true;
        do {
          if (nd < 8) {
            if (hi !== 0 || d !== 0) {
              hi = hi * 10 + d;
              nd++;
            }
            scale--;
          } else if (nd < 19) {
            lo = lo * 10 + d;
            nd++;
            d2++;
            scale--;
          } else if (d !== 0) inexact = true;
          i++;
          c = i < n ? b[i]! : 0;
          d = c - 48;
        } while (d >= 0 && d <= 9);
      }
    }
    if (!any) return -1;
    // exponent
    if (c === 101 || c === 69) {
      i++;
      c = i < n ? b[i]! : 0;
      let eneg = false;
      if (c === 45 || c === 43) {
        eneg = c === 45;
        i++;
        c = i < n ? b[i]! : 0;
      }
      d = c - 48;
      if (!(d >= 0 && d <= 9)) return -1;
      let ex = 0;
      do {
        if (ex < 100000000) ex = ex * 10 + d;
        i++;
        c = i < n ? b[i]! : 0;
        d = c - 48;
      } while (d >= 0 && d <= 9);
      scale += eneg ? -ex : ex;
    }
    if (!inexact && scale >= -22 && scale <= 22) {
      if (hi === 0) {
        decimalValue[0] = neg ? -0 : 0;
        return i;
      }
      // when d2 > 0, hi has h = 5…8 digits and d2 <= 19 − h, so hi·10^d2 = hi·5^d2·2^d2 with
      // hi·5^d2 < 10^h·5^(19−h) <= 10^8·5^11 < 2^53: exact
      const ph = d2 === 0 ? hi : hi * POW10[d2]!;
      const m = ph + lo;
      if (m < TWO53) {
        // m exact (the rounded sum is below 2^53 only if the exact one is); one rounding
        const v = scale >= 0 ? m * POW10[scale]! : m / POW10[-scale]!;
        decimalValue[0] = neg ? -v : v;
        return i;
      }
      const v = scaleDoubleDouble(m, lo - (m - ph), scale); // Fast2Sum: ph > lo
      if (v === v) {
        decimalValue[0] = neg ? -v : v;
        return i;
      }
    }
    const v = Number(latin1(b, start, i));
    if (v === Infinity || v === -Infinity) return -1;
    decimalValue[0] = v;
    return i;
  }

  /**
   * The double nearest to (mh + ml)·10^k, for an integer mh + ml < 10^19 given exactly as a
   * double-double (|ml| ≤ ulp(mh)/2) and |k| ≤ 22, or NaN when the exact value is too close to a
   * rounding boundary to decide here (then the caller uses `Number()`).
   *
   * Formula: q = qh + ql with qh = fl(m·10^k) (k ≥ 0) or fl(mh·fl(1/D)), D = 10^−k (within 3 ulp
   * of m/D; a multiplication instead of a division, whose latency is on the critical path), and
   * ql the remainder from an error-free product (Dekker's TwoProduct; 10^j split in advance):
   * m/D − qh = ((mh − qh·D) + ml)/D, mh − fl(qh·D) exact by Sterbenz's lemma; the remainder
   * (≤ 4 ulp(mh)) is computed with two roundings and multiplied by fl(1/D), so ql is within
   * 2⁻⁹⁸·qh of the exact remainder. When fl(qh + (ql − t)) = fl(qh + (ql + t)) for t = 2⁻⁹⁵·qh
   * the exact value rounds to the same double (rounding is monotone), which is the correctly
   * rounded result `Number()` returns.
   *
   * Reference: Dekker (1971) "A floating-point technique for extending the available precision",
   * Numer. Math. 18; Sterbenz (1974) Floating-Point Computation; Ziv (1991) "Fast evaluation of
   * elementary mathematical functions with correctly rounded last bit", ACM TOMS 17 (the two-sided
   * rounding test).
   *
   * @example
   * scaleDoubleDouble(25030865843539376, -2, -17); // 0.25030865843539374 (= Number("0.25030865843539374"))
   */
  function scaleDoubleDouble(mh: number, ml: number, k: number): number {
    let qh: number;
    let ql: number;
    if (k < 0) {
      const D = POW10[-k]!;
      const inv = INV10[-k]!;
      qh = mh * inv;
      const t = SPLIT * qh;
      const ah = t - (t - qh);
      const al = qh - ah;
      const dh = POW10_HI[-k]!;
      const dl = POW10_LO[-k]!;
      const p = qh * D;
      const err = al * dl - (p - ah * dh - al * dh - ah * dl); // qh·D = p + err exactly
      ql = (mh - p - err + ml) * inv;
    } else {
      const P = POW10[k]!;
      qh = mh * P;
      const t = SPLIT * mh;
      const ah = t - (t - mh);
      const al = mh - ah;
      const ph = POW10_HI[k]!;
      const pl = POW10_LO[k]!;
      ql = al * pl - (qh - ah * ph - al * ph - ah * pl) + ml * P; // mh·P = qh + (first term) exactly
    }
    const t = qh * 2.524354896707238e-29; // 2^-95
    const below = qh + (ql - t);
    return below === qh + (ql + t) ? below : NaN;
  }

  /**
   * The number in the CSV cell `b[a, e)` as the reader stores it: blanks around it are ignored; an
   * empty cell, `NA` and `..` are missing (NaN); a decimal number (see {@link readDecimal})
   * gives its value; anything else gives {@link NOT_A_NUMBER}.
   *
   * @example
   * parseNumberCell(Buffer.from(" NA "), 0, 4); // NaN (missing)
   * parseNumberCell(Buffer.from("1.5e3"), 0, 5); // 1500
   * parseNumberCell(Buffer.from("1,5"), 0, 3); // Infinity (NOT_A_NUMBER)
   */
  function parseNumberCell(b: Uint8Array, a: number, e: number): number {
    while (a < e && b[a] === 32) a++;
    while (e > a && b[e - 1] === 32) e--;
    if (a === e) return NaN;
    if (e - a === 2) {
      const c0 = b[a]!;
      const c1 = b[a + 1]!;
      if ((c0 === 78 && c1 === 65) || (c0 === 46 && c1 === 46)) return NaN; // "NA" or ".."
    }
    return readDecimal(b, a, e) === e ? decimalValue[0]! : NOT_A_NUMBER;
  }

  /** The bytes b[a, e) (ASCII) as a string. */
  function latin1(b: Uint8Array, a: number, e: number): string {
    let s = "";
    for (let i = a; i < e; i++) s += String.fromCharCode(b[i]!);
    return s;
  }

  // Run every branch once (signs, fraction, exponent, 16–19 digits, zero, fallback, line ends)
  // before the first file: the optimizing compiler then has type feedback for all of them and does not
  // deoptimize and recompile the parser (≈ 30 ms each time) when a branch is first met mid-file.
  for (const s of ["0", "-0", "+7", "12", "-1.5", ".5", "5.", "0.6489234152739747", "-0.25030865843539374", "3.1446656611672862e-12", "1E5", "-2.5e+3", "1e400", "123456789012345678901", "1e-", "0.1", "0.012", "0.0012", "0.00012345", "0.000012345678"]) {
    const bytes = Buffer.from(s, "latin1");
    parseNumberCell(bytes, 0, bytes.length);
  }
  const cols = [new Float64Array(1), new Float64Array(1), new Float64Array(1)];
  for (let k = 0; k < 3; k++) {
    // (repeated: feedback is only recorded once a function has run a few times)
    for (const s of ["1,-0.25030865843539374,0.6489234152739747\n", "12,3.144665661167286,-1.5\r\n", "7,0.5e3,1.\r\r", "-3,0.0012,12345678901234567\n", "5,.5,NA\n", "5,1,2"]) {
      const bytes = Buffer.from(s, "latin1");
      readNumberRecord(bytes, 0, bytes.length, cols, 0);
    }
  }

  return { NOT_A_NUMBER, decimalValue, readDecimal, readNumberRecord, parseNumberCell, scaleDoubleDouble };
}

/** The decimal parser's functions (see {@link createDecimalParser}). */
export type DecimalParser = ReturnType<typeof createDecimalParser>;

const parser = createDecimalParser();
/** Returned by parseNumberCell for a cell that is not a number. */
export const NOT_A_NUMBER = parser.NOT_A_NUMBER;
/** `decimalValue[0]`: the value read by the last successful readDecimal call. */
export const decimalValue = parser.decimalValue;
export const readDecimal = parser.readDecimal;
export const readNumberRecord = parser.readNumberRecord;
export const parseNumberCell = parser.parseNumberCell;
export const scaleDoubleDouble = parser.scaleDoubleDouble;
