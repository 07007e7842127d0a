/**
 * Display of a Frame through danfojs (the project's "tables and display only" use of danfojs-node).
 *
 * Numbers are formatted HERE, by src/tables/format.ts, and danfojs receives strings only (every
 * column has dtype "string"): danfojs never computes or re-parses a value, so nothing is cast to
 * float32 (danfojs infers float32 for numeric input, which would turn 16777217 into 16777216) and
 * no float is re-printed (0.1 + 0.2 stays as our formatter printed it). Column widths are set to the
 * longest cell so danfojs's default 16-character truncation never cuts a value.
 */
import { DataFrame } from "danfojs-node";
import { type Frame, isNumeric } from "../frame";
import { formatCount, formatNumber } from "../tables/format";

export interface DisplayOptions {
  /** Decimals of numeric columns: one number for all, or per column ("count" = integer). Default: 3,
   *  except columns whose values are all integers, which print as integers. */
  readonly digits?: number | Readonly<Record<string, number | "count">>;
  /** Columns to show, in this order (default: all). */
  readonly columns?: readonly string[];
  /** First rows only (default: all). */
  readonly rows?: number;
  /** Marker for a missing value (NaN or null); default "—". */
  readonly missing?: string;
}

/** Formatted cells of a Frame: the header and one string array per row. */
export interface FormattedFrame {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function allIntegers(c: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (Number.isFinite(c[i]!) && !Number.isInteger(c[i]!)) return false;
  return true;
}

/**
 * Format the cells of a Frame as strings (no danfojs involved): numbers with `formatNumber(x, d)`
 * (d decimals, no negative zero) or `formatCount` for integer columns, text as is, missing as the
 * marker.
 * @example
 * formatFrame(makeFrame({ x: Float64Array.of(0.1 + 0.2) }), { digits: 2 }).rows; // [["0.30"]]
 */
export function formatFrame(frame: Frame, o: DisplayOptions = {}): FormattedFrame {
  const cols = o.columns ?? frame.names;
  const n = Math.min(frame.nrow, o.rows ?? frame.nrow);
  const missing = o.missing ?? "—";
  const cells = cols.map((name) => {
    const c = frame.columns[name];
    if (!c) throw new Error(`formatFrame: no column '${name}' (have: ${frame.names.join(", ")})`);
    if (!isNumeric(c)) return Array.from({ length: n }, (_, i) => c[i] ?? missing);
    const d = typeof o.digits === "number" ? o.digits : o.digits?.[name] ?? (allIntegers(c, n) ? "count" : 3);
    return Array.from({ length: n }, (_, i) => (d === "count" ? formatCount(c[i]!) : formatNumber(c[i]!, d)) ?? missing);
  });
  return { columns: cols, rows: Array.from({ length: n }, (_, i) => cells.map((c) => c[i]!)) };
}

/**
 * A danfojs DataFrame holding the formatted strings of a Frame (see module doc), configured to show
 * every row and column given, untruncated: `frameToDataFrame(f).print()` or `.toString()`.
 * @example
 * frameToDataFrame(panel, { columns: ["iso3", "year", "exports_nbs_usd"], rows: 5, digits: { exports_nbs_usd: 0 } }).print();
 */
export function frameToDataFrame(frame: Frame, o: DisplayOptions = {}): DataFrame {
  const f = formatFrame(frame, o);
  const index = Array.from({ length: f.rows.length }, (_, i) => String(i));
  // widths: danfojs's toString puts the index in table column 0 and data in 1..k
  const width = (xs: readonly string[]) => Math.max(1, ...xs.map((s) => [...s].length));
  const columnsConfig: Record<number, { width: number; truncate: number }> = { 0: { width: width(index), truncate: 1000 } };
  f.columns.forEach((name, j) => {
    const w = width([name, ...f.rows.map((r) => r[j]!)]);
    columnsConfig[j + 1] = { width: w, truncate: 1000 };
  });
  return new DataFrame(
    f.rows.map((r) => [...r]),
    {
      columns: [...f.columns],
      index,
      dtypes: f.columns.map(() => "string"),
      config: { tableMaxRow: Math.max(1, f.rows.length), tableMaxColInConsole: Math.max(1, f.columns.length), tableDisplayConfig: { columns: columnsConfig } },
    },
  );
}
