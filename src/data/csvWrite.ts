/**
 * CSV writer for a Frame (RFC 4180). Numbers are written in the shortest form that reads back to
 * the same double (ECMAScript Number.prototype.toString), missing values (NaN, null) as empty cells,
 * and text is quoted when it holds a comma, quote, line break or edge space.
 */
import { writeFileSync } from "node:fs";
import { isNumeric, type Frame } from "../frame";

function quote(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The frame as CSV text (header + one line per row, "\n" line ends).
 * @example
 * formatCsv(makeFrame({ iso3: ["KAZ"], v: Float64Array.of(0.1 + 0.2) })); // "iso3,v\nKAZ,0.30000000000000004\n"
 */
export function formatCsv(frame: Frame): string {
  const parts: string[] = [frame.names.map(quote).join(",") + "\n"];
  const cols = frame.names.map((n) => frame.columns[n]!);
  for (let i = 0; i < frame.nrow; i++) {
    const cells: string[] = new Array(cols.length);
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j]!;
      if (isNumeric(c)) {
        const v = c[i]!;
        cells[j] = Number.isNaN(v) ? "" : String(v);
      } else {
        const v = c[i];
        cells[j] = v === null || v === undefined ? "" : quote(v);
      }
    }
    parts.push(cells.join(",") + "\n");
  }
  return parts.join("");
}

/** Write the frame to `path` as CSV (see {@link formatCsv}). */
export function writeCsv(frame: Frame, path: string): void {
  writeFileSync(path, formatCsv(frame));
}
