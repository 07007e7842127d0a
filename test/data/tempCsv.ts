// Test helpers: write a CSV text to a file in a fresh directory under os.tmpdir(), run `f` on its
// path, then remove the directory (never inside the repository).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { readCsvTable } from "../../src/data/csv";
import { numeric } from "../../src/frame";

export function withCsvFile(text: string, f: (path: string) => void, prefix = "csv-"): void {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const p = join(dir, "t.csv");
    writeFileSync(p, text);
    f(p);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Write `cells` into a CRLF file as column v and, reversed, column w (after an id column when
 * `withId`; with or without a line end after the last record), read it back in blocks of each size
 * of `chunkBytes` (so block ends cut cells), and assert that every value has the bits of Number()
 * of its cell text.
 * (reference: ECMAScript Number(string), correctly rounded)
 */
export function assertCellsReadAsNumber(
  cells: readonly string[],
  chunkBytes: readonly number[],
  o: { withId: boolean; finalLineEnd: boolean; prefix: string },
): void {
  const { withId, finalLineEnd, prefix } = o;
  const rev = (i: number): string => cells[cells.length - 1 - i]!;
  const lines = cells.map((s, i) => (withId ? `${i},${s},${rev(i)}` : `${s},${rev(i)}`));
  withCsvFile(
    (withId ? "id,v,w\r\n" : "v,w\r\n") + lines.join("\r\n") + (finalLineEnd ? "\r\n" : ""),
    (p) => {
      for (const cb of chunkBytes) {
        const t = readCsvTable(p, { chunkBytes: cb });
        const v = numeric(t.frame, "v");
        const w = numeric(t.frame, "w");
        let mismatches = 0;
        cells.forEach((s, i) => {
          if (!Object.is(v[i], Number(s)) || !Object.is(w[i], Number(rev(i)))) mismatches++;
        });
        assert.equal(t.frame.nrow, cells.length);
        assert.equal(mismatches, 0, `chunkBytes ${cb}`);
      }
    },
    prefix,
  );
}
