// The decimal parser's fast path (src/data/csvNumber.ts, readNumberRecord): `[-]I` with ≤ 15
// digits and `[-]I.F` with 1–3 integer digits, ≤ 22 fraction digits and all digits as an integer
// below 10^19 (so leading zeros of small values do not count), the first eight fraction digits
// read as two 32-bit words, the mantissa as an exact double-double (Dekker's TwoProduct) and the
// scaling by reciprocal multiplication (scaleDoubleDouble). Every generated cell of those shapes
// and of the shapes just outside them (20 significant digits, 23 fraction digits, 4 integer
// digits, 16-digit integers, an exponent after the fraction) must give the bits Number() gives,
// in every column position and when a block end cuts the cell.
// reference: ECMAScript Number(string) (StringToNumber, correctly rounded, ties to even).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv";
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

/** Exact decimal expansion of the midpoint between x > 0 and its successor, as digits and a point. */
function midpoint(x: number): string {
  const f = new Float64Array([x]);
  const u = new Uint32Array(f.buffer);
  const be = (u[1]! >>> 20) & 0x7ff;
  const m = ((BigInt(u[1]! & 0xfffff) << 32n) | BigInt(u[0]!)) | (be === 0 ? 0n : 1n << 52n);
  const e = (be === 0 ? -1074 : be - 1075) - 1; // midpoint = (2m + 1)·2^e
  const mant = 2n * m + 1n;
  if (e >= 0) return (mant << BigInt(e)).toString();
  const digits = (mant * 5n ** BigInt(-e)).toString().padStart(-e + 1, "0");
  return `${digits.slice(0, digits.length + e)}.${digits.slice(digits.length + e)}`;
}

/** Keep the first `total` digits of a plain decimal string (digits before the point all kept). */
function cut(s: string, total: number): string {
  const dot = s.indexOf(".");
  if (dot === -1 || total <= dot) return s.slice(0, Math.max(dot === -1 ? s.length : dot, 1));
  return s.slice(0, total + 1);
}

/** A random digit string of length k (leading zeros allowed). */
function digits(r: () => number, k: number): string {
  let s = "";
  for (let i = 0; i < k; i++) s += String(r() % 10);
  return s;
}

function fastPathCells(): string[] {
  const r = xorshift(7031);
  const cells: string[] = [];
  // every integer-digit count 1–4 and fraction-digit count 0–20 (totals 1–24), random digits
  for (let ni = 1; ni <= 4; ni++) {
    for (let nf = 0; nf <= 24; nf++) {
      for (let k = 0; k < 120; k++) {
        const int = k % 5 === 0 ? "0".repeat(ni) : k % 7 === 0 ? "0".repeat(ni - 1) + String(1 + (r() % 9)) : String(1 + (r() % 9)) + digits(r, ni - 1);
        const zeros = k % 11 === 0 ? Math.max(0, nf - 3) : k % 4 === 0 ? Math.min(nf, 1 + (k % 7)) : 0; // small values: leading zeros
        const frac = "0".repeat(zeros) + digits(r, nf - zeros);
        const s = (k % 2 ? "-" : "") + int + "." + frac;
        cells.push(nf === 0 && k % 3 === 0 ? s.slice(0, -1) : s); // "I." and "I"
      }
    }
  }
  // mantissas around 2^53 (the Clinger / double-double boundary) placed after 1–3 integer digits
  for (let d = -40; d <= 40; d++) {
    const m = (9007199254740992n + BigInt(d)).toString(); // 16 digits
    for (const ni of [1, 2, 3]) cells.push(`${m.slice(0, ni)}.${m.slice(ni)}`, `-${m.slice(0, ni)}.${m.slice(ni)}7`, `${m.slice(0, ni)}.${m.slice(ni)}55`);
  }
  // ties and near-ties: midpoints between adjacent doubles in [1e-7, 1e3), cut to 16–26 digits in
  // all (leading zeros included), and one unit either side in the last digit
  for (let i = 0; i < 4000; i++) {
    const x = (1 + r() / 2 ** 32) * 2 ** ((r() % 34) - 24);
    const mid = midpoint(x);
    for (const total of [16, 17, 18, 19, 20, 21, 22, 23, 24, 26]) {
      const s = cut(mid, total);
      const dot = s.indexOf(".");
      const whole = s.replace(".", "");
      for (const delta of [0n, 1n, -1n]) {
        const v = (BigInt(whole) + delta).toString().padStart(whole.length, "0");
        cells.push(dot === -1 ? v : `${v.slice(0, dot)}.${v.slice(dot)}`);
      }
    }
  }
  // integers of 1–17 digits (the ≤ 15-digit integer path and its edge), signs, zeros, exponents
  for (let k = 1; k <= 17; k++) for (let j = 0; j < 20; j++) cells.push((j % 2 ? "-" : "") + String(1 + (r() % 9)) + digits(r, k - 1));
  cells.push("0", "-0", "00", "-000", "0.0", "-0.0", "-0.000000000000000000", "0.00000000", "-0.0000000000000000001", "1.", "-1.", "999.9999999999999999", "999.99999999999999999");
  cells.push("1.5e3", "-0.25e-2", "12.3456789012345678E1", "7.00000000e0", "-3.14159265358979323e+0");
  return cells;
}

test("numbers on the fast path ([-]I, [-]I.F with ≤ 19 digits) and just outside it parse bit-identical to Number()", () => {
  const cells = fastPathCells();
  assert.ok(cells.length > 60000, `${cells.length} cells`);
  // three columns so that each cell is read first, inside and last in its record
  const n = cells.length;
  const rows = cells.map((s, i) => `${s},${cells[(i + 1) % n]},${cells[(i + 2) % n]}`);
  const t = parseCsv("a,b,c\n" + rows.join("\n") + "\n", { file: "fast.csv" });
  const bad: string[] = [];
  ["a", "b", "c"].forEach((name, j) => {
    const col = numeric(t.frame, name);
    assert.equal(col.length, n);
    cells.forEach((_, i) => {
      const s = cells[(i + j) % n]!;
      if (!Object.is(col[i], Number(s)) && bad.length < 5) bad.push(`${s}: got ${col[i]}, Number() gives ${Number(s)}`);
    });
  });
  assert.deepEqual(bad, []);
});

test("numbers on the fast path read from a file in small blocks (cells cut by block ends, CRLF) give the same bits", () => {
  const cells = fastPathCells().filter((_, i) => i % 3 === 0);
  assertCellsReadAsNumber(cells, [29, 1000], { withId: false, finalLineEnd: true, prefix: "csvfast-" });
});
