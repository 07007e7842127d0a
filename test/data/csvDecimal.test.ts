// The CSV reader parses numbers from the file's bytes (src/data/csvNumber.ts: Clinger's fast path,
// exact double-double scaling, Number() for the rest). Every value must be bit-identical to
// ECMAScript Number() of the cell text, on hard inputs generated here: 17-digit round-trip strings
// of random bit patterns (all exponents, subnormals included), exact decimal expansions of the
// midpoints between adjacent doubles (ties) and their neighbours one unit away in the last digit,
// those midpoints cut to 16–25 digits, and the spellings '-0', '+x', '.5', '5.', exponents.
// reference: ECMAScript Number(string) (StringToNumber, correctly rounded, ties to even).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv, DataError } from "../../src/data/csv";
import { numeric } from "../../src/frame";
import { assertCellsReadAsNumber } from "./tempCsv";

/** Deterministic 32-bit generator (xorshift32), so a failure reproduces. */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer); // little-endian platform: U32[1] = sign, exponent, high mantissa

/** The double with these bits. */
function fromBits(hi: number, lo: number): number {
  U32[1] = hi >>> 0;
  U32[0] = lo >>> 0;
  return F64[0]!;
}

/** Exact decimal expansion of mant·2^exp (mant a non-negative BigInt) as a plain digit string. */
function exactDecimal(mant: bigint, exp: number): string {
  if (exp >= 0) return (mant << BigInt(exp)).toString();
  const k = -exp;
  const digits = (mant * 5n ** BigInt(k)).toString().padStart(k + 1, "0"); // mant·2^−k = mant·5^k / 10^k
  const int = digits.slice(0, digits.length - k);
  const frac = digits.slice(digits.length - k).replace(/0+$/, "");
  return frac ? `${int}.${frac}` : int;
}

/** Significand and binary exponent of a finite positive double: x = m·2^e exactly (m < 2^53). */
function decompose(x: number): { m: bigint; e: number } {
  F64[0] = x;
  const be = (U32[1]! >>> 20) & 0x7ff;
  const frac = (BigInt(U32[1]! & 0xfffff) << 32n) | BigInt(U32[0]!);
  return be === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: be - 1075 };
}

/** Cut a plain digit string to `sig` significant digits (truncation), keeping the decimal point. */
function cutDigits(s: string, sig: number): string {
  let seen = 0;
  let out = "";
  for (const ch of s) {
    if (ch === ".") {
      out += ch;
      continue;
    }
    if (seen === 0 && ch === "0") {
      out += ch;
      continue;
    }
    if (seen >= sig) {
      if (!out.includes(".")) out += "0";
      continue;
    }
    out += ch;
    seen++;
  }
  return out.endsWith(".") ? out.slice(0, -1) : out;
}

/** Add ±1 in the last digit of a plain positive decimal string (no exponent). */
function bumpLast(s: string, up: boolean): string {
  const dot = s.indexOf(".");
  const digits = s.replace(".", "");
  const v = BigInt(digits) + (up ? 1n : -1n);
  let t = v.toString().padStart(digits.length, "0");
  if (dot !== -1) t = t.slice(0, dot) + "." + t.slice(dot);
  return t;
}

function hardCells(): string[] {
  const r = xorshift(20240607);
  const cells: string[] = [];
  for (let i = 0; i < 6000; i++) {
    // random bit patterns: every exponent, subnormals (exponent field 0) included
    let hi = r() & 0x7fffffff;
    if (i % 7 === 0) hi &= 0x000fffff; // subnormal
    if (i % 11 === 0) hi = (hi & 0x000fffff) | (0x7fe << 20); // near the largest finite
    const x = fromBits(hi, r());
    if (!Number.isFinite(x) || x === 0) continue;
    const sign = i % 2 ? "-" : "";
    cells.push(sign + x.toPrecision(17), sign + String(x), sign + x.toExponential(16 + (i % 5)));
    if (x > 1e-7 && x < 1e21) cells.push(sign + x.toFixed(Math.min(100, 17 + (i % 9))));
  }
  for (let i = 0; i < 3000; i++) {
    // ties: the exact midpoint between x and its successor, the numbers one unit in the last digit
    // either side, and the midpoint cut to 16–25 significant digits
    const scale = i % 3 === 0 ? (r() % 40) - 20 : i % 3 === 1 ? (r() % 600) - 300 : -1060 - (r() % 14);
    const x = Math.abs(fromBits(r() & 0x000fffff | 0x3ff00000, r()) * 2 ** scale);
    if (!Number.isFinite(x) || x === 0) continue;
    const { m, e } = decompose(x);
    const mid = exactDecimal(2n * m + 1n, e - 1);
    cells.push(mid, bumpLast(mid, true), bumpLast(mid, false));
    for (const sig of [16, 17, 18, 19, 20, 25]) cells.push(cutDigits(mid, sig));
  }
  // spellings and exponents
  cells.push("-0", "+0", "0", "-0.0", "0e0", "-0e-5", "0.000", "1e308", "-1e308", "1.7976931348623157e308", "2.2250738585072011e-308", "2.2250738585072014e-308");
  cells.push("4.9406564584124654e-324", "5e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "1e-324", "1e-400", "0e999999999");
  cells.push("+1", "+.5", ".5", "5.", "-.5", "+5.", "5.e3", ".5E-3", "1E+05", "1e0000001", "1e-0000001", "00012.50", "-000.000100", "9007199254740993", "9007199254740993.0", "18446744073709551616");
  cells.push("123456789012345678901234567890", "0.1", "0.2", "0.3", "1.1", "2.675", "1.005", "8.41e21", "1e22", "1e23", "9.999999999999999e22", "1e-22", "1e-23");
  for (let k = -30; k <= 30; k++) cells.push(`1e${k}`, `3.0e${k}`, `12345678901234567e${k}`, `1234567890123456789e${k}`, `0.00000000000000000000012345678901234567e${k}`);
  return cells;
}

test("numbers: hard decimal strings (17 digits, subnormals, large exponents, ties and near-ties, signs, .5 and 5.) parse bit-identical to Number()", () => {
  const cells = hardCells().filter((s) => Number.isFinite(Number(s)));
  assert.ok(cells.length > 40000, `${cells.length} cells`);
  const t = parseCsv("v\n" + cells.join("\n") + "\n", { file: "hard.csv", numeric: ["v"] });
  const col = numeric(t.frame, "v");
  assert.equal(col.length, cells.length);
  const bad: string[] = [];
  cells.forEach((s, i) => {
    if (!Object.is(col[i], Number(s)) && bad.length < 5) bad.push(`${s}: got ${col[i]}, Number() gives ${Number(s)}`);
  });
  assert.deepEqual(bad, []);
});

test("numbers: the same cells read from a file in small blocks (numbers cut by block ends) and inside other columns give the same bits", () => {
  const cells = hardCells().filter((s) => Number.isFinite(Number(s))).slice(0, 20000);
  assertCellsReadAsNumber(cells, [61, 4096], { withId: true, finalLineEnd: false, prefix: "csvdec-" });
});

test("numbers: cells that overflow to ±Infinity are not numbers (error names file, row and column)", () => {
  for (const s of ["1e309", "-1.8e308", "1.7976931348623159e308", "1e99999999999"]) {
    assert.equal(Number.isFinite(Number(s)), false);
    assert.throws(
      () => parseCsv(`v\n1\n${s}\n`, { file: "o.csv", numeric: ["v"] }),
      (e: unknown) => e instanceof DataError && e.message === `o.csv, row 3, column 'v': ${JSON.stringify(s)} is not a number`,
      s,
    );
  }
});
