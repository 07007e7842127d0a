/**
 * The one in-memory table of the project: named, column-major columns.
 *
 * Numeric columns are `Float64Array` with `NaN` for a missing value; text columns are arrays of
 * `string | null` with `null` for a missing value. Every module that computes a number works on
 * these columns (danfojs is used only to display a Frame, never to compute one).
 *
 * @example
 * const f = makeFrame({ iso3: ["KAZ", "UZB"], exports_usd: Float64Array.of(1e9, NaN) });
 * numeric(f, "exports_usd")[1]; // NaN (missing)
 */
export type NumericColumn = Float64Array;
export type TextColumn = ReadonlyArray<string | null>;
export type Column = NumericColumn | TextColumn;

export interface Frame {
  readonly nrow: number;
  readonly names: readonly string[];
  readonly columns: Readonly<Record<string, Column>>;
}

/**
 * Rows from which the numeric columns made by the project's readers (src/data/csv.ts) live on shared
 * memory: the estimation's helper thread (src/estimate/parallel.ts) then reads them without a copy.
 * A shared column is an ordinary Float64Array for every other purpose.
 */
export const SHARED_MIN_ROWS = 50_000;

/**
 * Touch every memory page of a freshly allocated typed array once (a 0 written every 4 KiB), so that
 * the operating system's first-touch page faults are taken here, in a tight loop, instead of inside
 * the loop that fills the array — where they were measured to cost about twice the fill itself on
 * the benchmark VM (a 1e6-row two-way demeaning into a fresh array: 25 ms; touched first: 12.4 ms;
 * into a reused array: 11 ms). Returns the array.
 *
 * @example
 * const x = prefault(new Float64Array(1e6)); // zeros, pages mapped
 */
export function prefault<T extends Float64Array | Int32Array>(a: T): T {
  const step = 4096 / a.BYTES_PER_ELEMENT;
  for (let i = 0; i < a.length; i += step) a[i] = 0;
  return a;
}

/**
 * A zero-filled Float64Array of n values with its pages touched ({@link prefault}) — for a large
 * array about to be filled by a compute loop.
 *
 * @example
 * const r = freshFloat64(1e6);
 */
export function freshFloat64(n: number): Float64Array {
  return prefault(new Float64Array(n));
}

/**
 * A zero-filled numeric column of n rows, on shared memory from SHARED_MIN_ROWS rows on, its pages
 * touched ({@link prefault}).
 *
 * @example
 * numericColumn(3); // Float64Array [0, 0, 0]
 * numericColumn(1e6).buffer instanceof SharedArrayBuffer; // true
 */
export function numericColumn(n: number): NumericColumn {
  return prefault(n >= SHARED_MIN_ROWS ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n));
}

/**
 * Int32 codes (e.g. of a fixed effect) for n rows, pages touched ({@link prefault}); on shared memory
 * from SHARED_MIN_ROWS rows on, like numericColumn (the estimation's helper thread reads them).
 *
 * @example
 * const codes = codeColumn(1e6); // Int32Array of zeros on a SharedArrayBuffer
 */
export function codeColumn(n: number): Int32Array {
  return prefault(n >= SHARED_MIN_ROWS ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n));
}

/** Build a Frame from named columns; all columns must have the same length. */
export function makeFrame(columns: Record<string, Column>): Frame {
  const names = Object.keys(columns);
  const nrow = names.length ? columns[names[0]!]!.length : 0;
  for (const n of names) {
    if (columns[n]!.length !== nrow) {
      throw new Error(`makeFrame: column '${n}' has ${columns[n]!.length} values, expected ${nrow}`);
    }
  }
  return Object.freeze({ nrow, names: Object.freeze([...names]), columns: Object.freeze({ ...columns }) });
}

export function isNumeric(c: Column): c is NumericColumn {
  return c instanceof Float64Array;
}

/** The named column, or an error naming the column and the ones that exist. */
export function column(f: Frame, name: string): Column {
  const c = f.columns[name];
  if (c === undefined) {
    throw new Error(`unknown column '${name}' (columns: ${f.names.join(", ")})`);
  }
  return c;
}

/** The named numeric column, or an error if it is missing or holds text. */
export function numeric(f: Frame, name: string): NumericColumn {
  const c = column(f, name);
  if (!isNumeric(c)) throw new Error(`column '${name}' is not numeric`);
  return c;
}

/** The named text column (numeric columns are rendered with String(), NaN as null). */
export function text(f: Frame, name: string): TextColumn {
  const c = column(f, name);
  if (isNumeric(c)) return Array.from(c, (v) => (Number.isNaN(v) ? null : String(v)));
  return c;
}

/** Keep the rows where `keep[i]` is true, in order. */
export function filterRows(f: Frame, keep: ArrayLike<boolean | number>): Frame {
  const idx: number[] = [];
  for (let i = 0; i < f.nrow; i++) if (keep[i]) idx.push(i);
  return takeRows(f, idx);
}

/** The rows at `idx`, in that order. */
export function takeRows(f: Frame, idx: ArrayLike<number>): Frame {
  const out: Record<string, Column> = {};
  for (const n of f.names) {
    const c = f.columns[n]!;
    if (isNumeric(c)) {
      const a = new Float64Array(idx.length);
      for (let i = 0; i < idx.length; i++) a[i] = c[idx[i]!]!;
      out[n] = a;
    } else {
      out[n] = Array.from({ length: idx.length }, (_, i) => c[idx[i]!]!);
    }
  }
  return makeFrame(out);
}
