// The CSV reader's number parsing (src/data/csvNumber.ts: Clinger's fast path when the mantissa is
// below 2^53, exact double-double scaling for 17–19 digits, Number() otherwise) returns exactly
// what ECMAScript Number() returns.
// reference: ECMAScript Number(string) (correctly rounded decimal → binary64 conversion).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsv } from "../../src/data/csv";
import { numeric } from "../../src/frame";

test("numbers with 1–19 significant digits (shortest round-trip doubles, powers of two, ties) parse exactly as Number()", () => {
  let seed = 987654321;
  const u = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cells: string[] = [];
  for (let i = 0; i < 60000; i++) {
    const kind = i % 6;
    let s: string;
    if (kind === 0) s = String((u() - 0.5) * 10 ** Math.floor(u() * 30 - 15));
    else if (kind === 1) {
      const d = 16 + Math.floor(u() * 4);
      let m = String(1 + Math.floor(u() * 9));
      while (m.length < d) m += String(Math.floor(u() * 10));
      const p = Math.floor(u() * (d + 1));
      s = (u() < 0.5 ? "-" : "") + (p === 0 ? "0." + m : p === d ? m : m.slice(0, p) + "." + m.slice(p));
    } else if (kind === 2) s = String(2 ** Math.floor(u() * 100 - 50) * (1 + (u() < 0.5 ? 2 ** -52 : 0)));
    else if (kind === 3) s = u().toPrecision(17);
    else if (kind === 4) s = (2 ** Math.floor(u() * 60 - 30)).toPrecision(16 + Math.floor(u() * 4)); // near powers of two
    else s = (0.5 + Math.floor(u() * 1e6)).toFixed(1) + "0000000000000"; // halfway-looking tails
    cells.push(s);
  }
  const t = parseCsv("v\n" + cells.join("\n") + "\n", { file: "numbers.csv" });
  const col = numeric(t.frame, "v");
  let mismatches = 0;
  cells.forEach((s, i) => {
    if (!Object.is(col[i], Number(s))) mismatches++;
  });
  assert.equal(col.length, cells.length);
  assert.equal(mismatches, 0);
});
