/**
 * RFC 4180 CSV reader that fills Frame columns directly from the file's bytes.
 *
 * One pass over the bytes: quoted fields (with `""` escapes, embedded commas and newlines),
 * LF / CRLF / CR line ends, and a leading UTF-8 byte-order mark are handled. Numbers are parsed
 * from the bytes straight into `Float64Array`s (readDecimal in csvNumber.ts, bit-identical to
 * `Number()`); only text cells become strings (UTF-8 decoded). Files are read in blocks of
 * {@link CSV_CHUNK_BYTES}, so memory holds the columns plus one block, never the whole file; a
 * large all-numeric file is parsed by two threads (csvParallel.ts) with the same result. Numeric
 * columns may be views (`subarray`) of a slightly longer allocation, see `table()`.
 *
 * Modules: csvNumber.ts (decimal numbers from bytes), csvRecords.ts (records into columns, block
 * reading), csvParallel.ts (the worker thread); this file: options, header, orchestration.
 * Missing values: an empty cell, and in numeric columns also `NA` and `..` (the World Bank's
 * marker), become `NaN`; in text columns only an empty cell becomes `null` (so Namibia's ISO2
 * code "NA" survives).
 *
 * Rows are numbered like the file's lines: the header is row 1, the first data row is row 2
 * (a record with an embedded newline is numbered by the line it starts on). Every error is a
 * {@link DataError} naming file, row and column.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { basename } from "node:path";
import { DataError } from "./errors";
import { makeFrame, SHARED_MIN_ROWS, type Column, type Frame } from "../frame";
import { createDecimalParser } from "./csvNumber";
import { createRecordParser, KIND_AUTO, KIND_NUM, KIND_TEXT, type Body, type ByteSource, type HeaderScan } from "./csvRecords";
import { CSV_PARALLEL_BYTES, csvThreadsAvailable, findSplit, startCsvPart, type CsvPart, type CsvPartJob } from "./csvParallel";

const records = createRecordParser(createDecimalParser(), (file, row, column, detail) => new DataError(file, row, column, detail));

export { DataError } from "./errors";

export interface CsvOptions {
  /**
   * Columns parsed as numbers. A list: exactly those (all others are text). `"auto"` (the default):
   * every column not listed in `text` is numeric when each of its non-missing cells parses as a
   * finite number, text otherwise.
   */
  numeric?: readonly string[] | "auto";
  /** Columns always kept as text (with `numeric: "auto"`). */
  text?: readonly string[];
  /** Columns that must be present. Columns named in `numeric` (a list) or `text` are required too. */
  required?: readonly string[];
  /** Name of the file in error messages (default: the file's base name). */
  label?: string;
  /**
   * Extra cell values that mean "missing" in numeric columns, besides "", "NA" and ".."
   * (e.g. CEPII's "."). Text columns keep such cells verbatim.
   */
  missing?: readonly string[];
  /**
   * Size in bytes of the blocks a file is read in (default {@link CSV_CHUNK_BYTES}; a block grows
   * when one record is longer). Smaller values are for tests.
   */
  chunkBytes?: number;
  /**
   * Files whose body has at least this many bytes are parsed by two threads when every column is
   * numeric and two cores are available (default {@link CSV_PARALLEL_BYTES}; see csvParallel.ts).
   * Smaller values are for tests.
   */
  threadBytes?: number;
}

/** Default block size of {@link readCsvTable} (16 MiB). */
export const CSV_CHUNK_BYTES = 16 * 1024 * 1024;

/** A parsed CSV: the frame, and for each data row the 1-based file line it starts on. */
export interface CsvTable {
  readonly file: string;
  readonly frame: Frame;
  /** `rowLine[i]` = file line (header = 1) where data row `i` starts. */
  readonly rowLine: Int32Array;
  /** Threads whose rows are in the result: 2 when the second half came from the worker thread. */
  readonly threads: number;
}

/** Read a CSV file into a Frame. See {@link parseCsv} for the rules. */
export function readCsvFrame(path: string, opts: CsvOptions = {}): Frame {
  return readCsvTable(path, opts).frame;
}

/**
 * Read a CSV file into a Frame plus the file line of every row. The file is read in blocks of
 * `chunkBytes` (a record cut by a block end is parsed again with the next block), so a file of
 * any size needs memory for its columns and one block only.
 *
 * @example
 * readCsvTable("panel-1e7.csv").frame.nrow; // 10000000 (1.9 GB file, read in 16 MiB blocks)
 */
export function readCsvTable(path: string, opts: CsvOptions = {}): CsvTable {
  const label = opts.label ?? basename(path);
  const cannotRead = (e: unknown): DataError => {
    const code = (e as NodeJS.ErrnoException).code;
    return new DataError(label, undefined, undefined, code === "ENOENT" ? `file not found: ${path}` : `cannot read ${path}: ${(e as Error).message}`);
  };
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw cannotRead(e);
  }
  try {
    let regular: boolean;
    try {
      const stat = fstatSync(fd);
      size = stat.size;
      regular = stat.isFile();
    } catch (e) {
      throw cannotRead(e);
    }
    if (!regular) {
      // a pipe or device cannot be read at an offset (nor twice): read it whole first
      let whole: Buffer;
      try {
        whole = readFileSync(fd);
      } catch (e) {
        throw cannotRead(e);
      }
      return parseSource({ whole, size: whole.length, read: () => 0 }, { ...opts, file: label }, whole.length + 1);
    }
    const src: ByteSource = {
      whole: null,
      size,
      read(buf, off, len, pos) {
        try {
          return readSync(fd, buf, off, len, pos);
        } catch (e) {
          throw cannotRead(e);
        }
      },
    };
    return parseSource(src, { ...opts, file: label }, Math.max(1, Math.floor(opts.chunkBytes ?? CSV_CHUNK_BYTES)), path);
  } finally {
    closeSync(fd);
  }
}

/** Parse CSV text into a Frame; `file` names the source in error messages. */
export function parseCsvFrame(text: string, opts: CsvOptions & { file: string }): Frame {
  return parseCsv(text, opts).frame;
}

/**
 * Parse CSV text (see the module doc; the text is parsed as its UTF-8 bytes). Throws
 * {@link DataError} on: a missing required column (message lists the columns found), a duplicated
 * header name, a row with too few or too many fields, an unterminated quote, a stray quote in an
 * unquoted field, or a non-number in a numeric column.
 *
 * @example
 * const t = parseCsv('iso3,value\r\nKAZ,"1,5"\nUZB,2\n', { file: "x.csv", numeric: ["value"] });
 * // -> error: x.csv, row 2, column 'value': "1,5" is not a number
 */
export function parseCsv(text: string, opts: CsvOptions & { file: string }): CsvTable {
  const whole = Buffer.from(text, "utf8");
  return parseSource({ whole, size: whole.length, read: () => 0 }, opts, whole.length + 1);
}

/**
 * Header, column kinds, then the body: in one pass, or (a large file, every column numeric, two
 * cores) with the second half on a worker thread (csvParallel.ts), whose columns are used only
 * when both halves read plainly; otherwise the pass goes on past the split, as if alone.
 */
function parseSource(src: ByteSource, opts: CsvOptions & { file: string }, blockBytes: number, path?: string): CsvTable {
  const file = opts.file;

  // ---- header (from a small first block) ----
  const hwin = records.newWindow(src, Math.min(blockBytes, 65536));
  let p = records.seek(hwin, 0);
  while (!hwin.atEnd && hwin.n - p < 4) {
    records.advance(hwin, p);
    p = 0;
  }
  const b = hwin.buf;
  const start = b[p] === 0xef && b[p + 1] === 0xbb && b[p + 2] === 0xbf && p + 2 < hwin.n ? p + 3 : p;
  if (start >= hwin.n) throw new DataError(file, undefined, undefined, "file is empty (no header row)");
  let h: HeaderScan | null;
  for (;;) {
    h = records.scanHeader(hwin.buf, start, hwin.n, hwin.atEnd, file);
    if (h) break;
    records.advance(hwin, 0); // a header longer than the block: read on (the bytes from `start` stay)
  }
  const header = h.names;
  const bodyStart = hwin.base + h.end;
  const win = records.newWindow(src, blockBytes);
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new DataError(file, 1, name, `duplicate column name in header (columns found: ${header.join(", ")})`);
    seen.add(name);
  }
  const required = new Set<string>([...(opts.required ?? []), ...(opts.text ?? []), ...(Array.isArray(opts.numeric) ? opts.numeric : [])]);
  for (const r of required) {
    if (!seen.has(r)) {
      throw new DataError(file, 1, r, `required column is missing (columns found: ${header.join(", ")})`);
    }
  }

  const textSet = new Set(opts.text ?? []);
  const kinds: number[] = header.map((name) => {
    if (textSet.has(name)) return KIND_TEXT;
    if (Array.isArray(opts.numeric)) return opts.numeric.includes(name) ? KIND_NUM : KIND_TEXT;
    return KIND_AUTO;
  });
  const missing = new Set(opts.missing ?? []);
  const bodyBytes = src.size - bodyStart;

  // An "auto" column that meets a non-number is switched to text and the body read again.
  for (;;) {
    let job: CsvPartJob | null = null;
    let mid = -1;
    let into: { num: Float64Array[]; row: number } | undefined;
    win.limit = Infinity;
    if (path !== undefined && !src.whole && bodyBytes >= (opts.threadBytes ?? CSV_PARALLEL_BYTES) && !kinds.includes(KIND_TEXT) && csvThreadsAvailable()) {
      mid = findSplit(src.read, bodyStart, src.size);
      if (mid > bodyStart) win.limit = mid;
    }
    let pos = records.seek(win, bodyStart);
    const estimate = records.estimateRows(win, pos, bodyBytes);
    const st = records.newBody(file, header, kinds, missing, h.line, estimate, estimate >= SHARED_MIN_ROWS);
    if (path !== undefined && win.limit !== Infinity) {
      // the worker's rows go straight into these columns (shared memory) after the rows estimated
      // for the first half; this thread's columns grow (a copy) before they reach that row
      const firstHalf = Math.min(records.estimateRows(win, pos, mid - bodyStart), st.cap);
      into = st.shared && firstHalf < st.cap ? { num: st.num.slice(), row: firstHalf } : undefined;
      job = startCsvPart({ path, file, size: src.size, start: mid, header, kinds, missing: [...missing], blockBytes, into });
      if (job && into) st.cap = firstHalf;
      if (!job) {
        win.limit = Infinity;
        pos = records.seek(win, bodyStart); // the first block was read up to the split only
      }
    }
    let r: number;
    try {
      r = records.parseWindow(st, win, pos, job !== null);
    } catch (e) {
      job?.cancel(); // an error in the first half is the file's first error
      throw e;
    }
    if (job && r >= 0) {
      const part = !st.stoppedAtQuote && r === win.n ? job.wait() : (job.cancel(), null);
      if (part) {
        appendPart(st, part, into?.num ?? null);
        return table(st, 2);
      }
      // go on alone from where the first half stopped (a quoted field, or the split)
      st.stoppedAtQuote = false;
      win.limit = Infinity;
      win.atEnd = false;
      records.advance(win, r);
      r = records.parseWindow(st, win, 0, false);
    } else job?.cancel();
    if (r >= 0) return table(st, 1);
    kinds[st.restartColumn] = KIND_TEXT;
  }
}

/**
 * Put the worker's rows (file lines counted from the split) after the rows in `st`. Where the
 * worker wrote them into this thread's columns (`into`, still this thread's), they are moved down
 * within each column to close the gap left by the first half's row estimate; else they are copied
 * (from the worker's own columns, or from `into` when this thread's columns were replaced).
 */
function appendPart(st: Body, part: CsvPart, into: Float64Array[] | null): void {
  const n = part.row - part.firstRow;
  const need = st.row + n;
  const from = part.num ?? into!;
  const inPlace = from[0] === st.num[0];
  if (need > st.num[0]!.length) {
    for (let j = 0; j < st.ncol; j++) {
      const a = records.numberColumn(need, st.shared);
      a.set(st.num[j]!.subarray(0, st.row));
      st.num[j] = a;
    }
  }
  if (need > st.rowLine.length) {
    const rl = new Int32Array(need);
    rl.set(st.rowLine.subarray(0, st.row));
    st.rowLine = rl;
  }
  for (let j = 0; j < st.ncol; j++) {
    if (!inPlace) st.num[j]!.set(from[j]!.subarray(part.firstRow, part.row), st.row);
    else if (st.row < part.firstRow) st.num[j]!.copyWithin(st.row, part.firstRow, part.row);
  }
  const rl = st.rowLine;
  const off = st.line;
  for (let i = 0; i < n; i++) rl[st.row + i] = part.rowLine[part.firstRow + i]! + off;
  st.row = need;
  st.cap = st.num[0]!.length;
}

/**
 * The frame. A numeric column whose allocation is at most 1/16 longer than its rows is returned as
 * a view of its first rows (no copy: copying the columns of a 1e6-row file costs more than a tenth
 * of the read); a longer one is copied, and so is one of ≥ SHARED_MIN_ROWS rows not on shared
 * memory (the row estimate was below SHARED_MIN_ROWS).
 */
function table(st: Body, threads: number): CsvTable {
  const { row } = st;
  const fit = <T extends Float64Array | Int32Array>(a: T): T => {
    // numeric columns of ≥ SHARED_MIN_ROWS rows on shared memory even when the row estimate was short
    const toShared = a instanceof Float64Array && row >= SHARED_MIN_ROWS && !(a.buffer instanceof SharedArrayBuffer);
    const cap = a.length; // (st.cap may be smaller: the rows this thread was allowed to write)
    if (row === cap && !toShared) return a;
    if (cap - row <= cap / 16 && !toShared) return a.subarray(0, row) as T;
    if (a instanceof Float64Array && (st.shared || toShared)) {
      const c = records.numberColumn(row, true);
      c.set(a.subarray(0, row));
      return c as T;
    }
    return a.slice(0, row) as T;
  };
  const cols: Record<string, Column> = {};
  for (let j = 0; j < st.ncol; j++) {
    cols[st.header[j]!] = st.kinds[j] === KIND_TEXT ? st.txt[j]! : fit(st.num[j]!);
  }
  return { file: st.file, frame: makeFrame(cols), rowLine: fit(st.rowLine), threads };
}
