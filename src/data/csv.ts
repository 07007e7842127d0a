/**
 * RFC 4180 CSV reader that fills Frame columns directly from the file's bytes.
 *
 * One pass over the bytes: quoted fields (with `""` escapes, embedded commas and newlines),
 * LF / CRLF / CR line ends, and a leading UTF-8 byte-order mark are handled. Numbers are parsed
 * from the bytes straight into `Float64Array`s ({@link parseDecimalPrefix}, bit-identical to
 * `Number()`); only text cells become strings (UTF-8 decoded). Files are read in blocks of
 * {@link CSV_CHUNK_BYTES}, so memory holds the columns plus one block, never the whole file.
 * Missing values: an empty cell, and in numeric columns also `NA` and `..` (the World Bank's
 * marker), become `NaN`; in text columns only an empty cell becomes `null` (so Namibia's ISO2
 * code "NA" survives).
 *
 * Rows are numbered like the file's lines: the header is row 1, the first data row is row 2
 * (a record with an embedded newline is numbered by the line it starts on). Every error is a
 * {@link DataError} naming file, row and column.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { DataError } from "./errors";
import { makeFrame, type Column, type Frame } from "../frame";
import * as csvNumber from "./csvNumber";

// Local bindings of the number parser: a transpiled module may reach an import through a getter
// on every use, which costs more than the use in the per-cell loop.
const decimalEnd = csvNumber.decimalEnd;
const NOT_A_NUMBER = csvNumber.NOT_A_NUMBER;
const parseDecimalPrefix = csvNumber.parseDecimalPrefix;
const parseNumberCell = csvNumber.parseNumberCell;

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
}

/** Default block size of {@link readCsvTable} (16 MiB). */
export const CSV_CHUNK_BYTES = 16 * 1024 * 1024;

/** A parsed CSV: the frame, and for each data row the 1-based file line it starts on. */
export interface CsvTable {
  readonly file: string;
  readonly frame: Frame;
  /** `rowLine[i]` = file line (header = 1) where data row `i` starts. */
  readonly rowLine: Int32Array;
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
    try {
      size = fstatSync(fd).size;
    } catch (e) {
      throw cannotRead(e);
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
    return parseSource(src, { ...opts, file: label }, Math.max(1, Math.floor(opts.chunkBytes ?? CSV_CHUNK_BYTES)));
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

/** Where the bytes come from: a whole in-memory buffer, or a file read block by block. */
interface ByteSource {
  readonly whole: Buffer | null;
  /** Expected size in bytes (for the row-count estimate; the end is where `read` returns 0). */
  readonly size: number;
  /** Read up to `len` bytes at file offset `pos` into `buf[off…]`; 0 at the end of the file. */
  read(buf: Buffer, off: number, len: number, pos: number): number;
}

/**
 * A window on the source: `buf[0, n)` holds the bytes at file offsets `[base, base + n)`;
 * `atEnd` when the last byte of the file is in it.
 */
class Window {
  buf: Buffer;
  n = 0;
  base = 0;
  atEnd = false;

  constructor(
    private readonly src: ByteSource,
    private readonly blockBytes: number,
  ) {
    this.buf = src.whole ?? Buffer.allocUnsafe(0);
  }

  /** Start at file offset `pos`; returns the index in `buf` where that offset is. */
  seek(pos: number): number {
    if (this.src.whole) {
      this.n = this.src.whole.length;
      this.atEnd = true;
      return pos;
    }
    if (this.buf.length === 0) this.buf = Buffer.allocUnsafe(Math.max(1, Math.min(this.blockBytes, this.src.size - pos + 1)));
    this.base = pos;
    this.n = 0;
    this.atEnd = false;
    this.fill();
    return 0;
  }

  /** Drop the bytes before index `p` (all parsed) and read more; with `p` = 0 the block doubles. */
  advance(p: number): void {
    if (p > 0) {
      this.buf.copyWithin(0, p, this.n);
      this.base += p;
      this.n -= p;
    } else if (this.n === this.buf.length) {
      const bigger = Buffer.allocUnsafe(2 * this.buf.length);
      this.buf.copy(bigger, 0, 0, this.n);
      this.buf = bigger;
    }
    this.fill();
  }

  private fill(): void {
    while (this.n < this.buf.length) {
      const r = this.src.read(this.buf, this.n, this.buf.length - this.n, this.base + this.n);
      if (r === 0) {
        this.atEnd = true;
        return;
      }
      this.n += r;
    }
  }
}

const enum Kind {
  Num = 0,
  Text = 1,
  Auto = 2,
}

function parseSource(src: ByteSource, opts: CsvOptions & { file: string }, blockBytes: number): CsvTable {
  const file = opts.file;
  const win = new Window(src, blockBytes);

  // ---- header ----
  let p = win.seek(0);
  while (!win.atEnd && win.n - p < 4) {
    win.advance(p);
    p = 0;
  }
  let b = win.buf;
  const start = b[p] === 0xef && b[p + 1] === 0xbb && b[p + 2] === 0xbf && p + 2 < win.n ? p + 3 : p;
  if (start >= win.n) throw new DataError(file, undefined, undefined, "file is empty (no header row)");
  let h: HeaderScan | null;
  for (;;) {
    h = scanHeader(win.buf, start, win.n, win.atEnd, file);
    if (h) break;
    win.advance(0); // a header longer than the block: read on (win.buf keeps the bytes from `start`)
  }
  const header = h.names;
  const bodyStart = win.base + h.end;
  const ncol = header.length;
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
  const kinds: Kind[] = header.map((name) => {
    if (textSet.has(name)) return Kind.Text;
    if (Array.isArray(opts.numeric)) return opts.numeric.includes(name) ? Kind.Num : Kind.Text;
    return Kind.Auto;
  });
  const missing = new Set(opts.missing ?? []);

  // An "auto" column that meets a non-number is switched to text and the body read again.
  for (;;) {
    let pos = win.seek(bodyStart);
    b = win.buf;
    const st = new Body(file, header, kinds, missing, h.line, estimateRows(win, pos, src.size - bodyStart));
    for (;;) {
      const r = parseRecords(st, win.buf, pos, win.n, win.atEnd);
      if (r < 0) break;
      if (win.atEnd) return st.table();
      win.advance(r);
      pos = 0;
    }
    kinds[st.restartColumn] = Kind.Text;
  }
}

/**
 * Rows to allocate: the line ends in the window + 1 when it holds the whole rest of the file (an
 * upper bound, as before), else that count scaled from the window to the file's size (the columns
 * grow when the estimate is short).
 */
function estimateRows(win: Window, pos: number, bodyBytes: number): number {
  const b = win.buf;
  let lf = 0;
  for (let i = b.indexOf(10, pos); i !== -1 && i < win.n; i = b.indexOf(10, i + 1)) lf++;
  let cr = 0;
  if (lf === 0) for (let i = b.indexOf(13, pos); i !== -1 && i < win.n; i = b.indexOf(13, i + 1)) cr++;
  const lines = lf + cr + 1;
  if (win.atEnd) return Math.min(lines, win.n - pos + 1);
  const seen = win.n - pos;
  return Math.ceil(lines * (bodyBytes / Math.max(1, seen)) * 1.02) + 16;
}

interface HeaderScan {
  names: string[];
  /** Index after the header's line end. */
  end: number;
  /** File line of the first data row. */
  line: number;
}

/** The header row at `b[pos…n)`, or null when it does not end before `n` and more bytes follow. */
function scanHeader(b: Buffer, pos: number, n: number, atEnd: boolean, file: string): HeaderScan | null {
  const names: string[] = [];
  let line = 1;
  for (;;) {
    if (pos < n && b[pos] === 34) {
      const q = scanQuoted(b, pos, n, atEnd, file, line, undefined);
      if (q < 0) return null;
      names.push(quotedValue);
      line += quotedNewlines;
      pos = q;
    } else {
      let e = pos;
      while (e < n) {
        const c = b[e]!;
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) throw new DataError(file, line, undefined, "stray '\"' inside an unquoted field");
        e++;
      }
      if (e === n && !atEnd) return null;
      names.push(b.toString("utf8", pos, e).trim());
      pos = e;
    }
    if (pos < n && b[pos] === 44) {
      pos++;
      continue;
    }
    const after = skipLineEnd(b, pos, n, atEnd);
    if (after < 0) return null;
    return { names, end: after, line: line + 1 };
  }
}

/**
 * Index after the line end at `b[pos]` (LF, CRLF or CR; `pos` itself at the end of the file), or
 * −1 when a CR is the last byte of the window and more bytes follow (it may start a CRLF).
 */
function skipLineEnd(b: Buffer, pos: number, n: number, atEnd: boolean): number {
  if (pos >= n) return atEnd ? pos : -1;
  if (b[pos] === 13) {
    if (pos + 1 < n) return b[pos + 1] === 10 ? pos + 2 : pos + 1;
    return atEnd ? pos + 1 : -1;
  }
  return pos + 1;
}

/** Unescaped value and line ends of the last field read by {@link scanQuoted}. */
let quotedValue = "";
let quotedNewlines = 0;

/**
 * Read the quoted field starting at `b[pos]` (a '"'): sets {@link quotedValue} and
 * {@link quotedNewlines} and returns the index after the closing quote (on the delimiter, line end
 * or end of file), or −1 when the field does not end inside the window and more bytes follow.
 */
function scanQuoted(b: Buffer, pos: number, n: number, atEnd: boolean, file: string, line: number, colName: string | undefined): number {
  let i = pos + 1;
  let out = "";
  let chunk = i;
  let newlines = 0;
  for (;;) {
    if (i >= n) {
      if (atEnd) throw new DataError(file, line, colName, "unterminated quoted field (a '\"' is never closed)");
      return -1;
    }
    const c = b[i]!;
    if (c === 34) {
      if (i + 1 < n) {
        if (b[i + 1] === 34) {
          out += b.toString("utf8", chunk, i + 1);
          i += 2;
          chunk = i;
          continue;
        }
      } else if (!atEnd) return -1;
      out += b.toString("utf8", chunk, i);
      i++;
      break;
    }
    if (c === 10) newlines++;
    else if (c === 13 && !(i + 1 < n && b[i + 1] === 10)) newlines++;
    i++;
  }
  if (i < n) {
    const c = b[i]!;
    if (c !== 44 && c !== 10 && c !== 13) {
      throw new DataError(file, line + newlines, colName, "unexpected character after a closing quote");
    }
  } else if (!atEnd) return -1;
  quotedValue = out;
  quotedNewlines = newlines;
  return i;
}

const NO_NUMBERS = new Float64Array(0);
const NO_TEXT: (string | null)[] = [];

/** The columns being filled, and the parse position in rows and file lines. */
class Body {
  readonly ncol: number;
  readonly num: Float64Array[];
  readonly txt: (string | null)[][];
  rowLine: Int32Array;
  cap: number;
  row = 0;
  /** File line of the next record. */
  line: number;
  /** Set when parseRecords returns −1: the auto column that must become text. */
  restartColumn = -1;

  constructor(
    readonly file: string,
    readonly header: readonly string[],
    readonly kinds: readonly Kind[],
    readonly missing: ReadonlySet<string>,
    line: number,
    cap: number,
  ) {
    this.ncol = header.length;
    this.line = line;
    this.cap = Math.max(1, cap);
    this.num = kinds.map((k) => (k === Kind.Text ? NO_NUMBERS : new Float64Array(this.cap)));
    this.txt = kinds.map((k) => (k === Kind.Text ? [] : NO_TEXT));
    this.rowLine = new Int32Array(this.cap);
  }

  grow(): void {
    const cap = Math.ceil(this.cap * 1.5) + 1024;
    for (let j = 0; j < this.ncol; j++) {
      if (this.kinds[j] === Kind.Text) continue;
      const a = new Float64Array(cap);
      a.set(this.num[j]!);
      this.num[j] = a;
    }
    const r = new Int32Array(cap);
    r.set(this.rowLine);
    this.rowLine = r;
    this.cap = cap;
  }

  /**
   * The frame. A numeric column whose allocation is at most 1/16 longer than its rows is returned
   * as a view of its first `row` values (no copy: copying the columns of a 1e6-row file costs more
   * than a tenth of the read); a longer one is copied.
   */
  table(): CsvTable {
    const { row, cap } = this;
    const fit = <T extends Float64Array | Int32Array>(a: T): T => {
      if (row === cap) return a;
      if (cap - row <= cap / 16) return a.subarray(0, row) as T;
      return a.slice(0, row) as T;
    };
    const cols: Record<string, Column> = {};
    for (let j = 0; j < this.ncol; j++) {
      cols[this.header[j]!] = this.kinds[j] === Kind.Text ? this.txt[j]! : fit(this.num[j]!);
    }
    return { file: this.file, frame: makeFrame(cols), rowLine: fit(this.rowLine) };
  }
}

/**
 * Parse the records in `b[pos, n)` into `st`. Returns the index of the first record not parsed
 * (a record cut by the window's end when more bytes follow; `n` when all were parsed), or −1 when
 * an auto column met a non-number (`st.restartColumn`).
 */
function parseRecords(st: Body, b: Buffer, pos: number, n: number, atEnd: boolean): number {
  const { file, header, kinds, ncol, missing, num, txt } = st;
  let row = st.row;
  let line = st.line;
  let rowLine = st.rowLine;
  let cap = st.cap;
  let recStart = pos;
  let recLine = line;
  let cut = false; // the record at recStart is cut by the window's end
  records: while (pos < n) {
    recStart = pos;
    recLine = line;
    const c0 = b[pos]!;
    if (c0 === 10 || c0 === 13) {
      let j = pos + 1;
      while (j < n && (b[j] === 10 || b[j] === 13)) j++;
      if (j === n) {
        if (atEnd) pos = n;
        else cut = true;
        break;
      }
    }
    if (row === cap) {
      st.grow();
      cap = st.cap;
      rowLine = st.rowLine;
    }
    let col = 0;
    for (;;) {
      if (col >= ncol) {
        throw new DataError(file, recLine, undefined, `too many fields: expected ${ncol} (${header.join(", ")})`);
      }
      const k = kinds[col]!;
      if (pos < n && b[pos] === 34) {
        const q = scanQuoted(b, pos, n, atEnd, file, line, header[col]);
        if (q < 0) {
          cut = true;
          break records;
        }
        const v = quotedValue;
        line += quotedNewlines;
        pos = q;
        if (k === Kind.Text) txt[col]!.push(v === "" ? null : v);
        else {
          const bytes = Buffer.from(v, "utf8");
          let x = parseNumberCell(bytes, 0, bytes.length);
          if (x === NOT_A_NUMBER) {
            if (missing.size > 0 && missing.has(v.trim())) x = NaN;
            else if (k === Kind.Auto) {
              st.restartColumn = col;
              return -1;
            } else throw new DataError(file, recLine, header[col], `${JSON.stringify(v)} is not a number`);
          }
          num[col]![row] = x;
        }
      } else if (k !== Kind.Text) {
        let x = parseDecimalPrefix(b, pos, n);
        let e = decimalEnd[0]!;
        let c = e < n ? b[e]! : -1;
        if (x !== NOT_A_NUMBER && (c === 44 || c === 10 || c === 13 || (c === -1 && atEnd))) {
          num[col]![row] = x;
          pos = e;
        } else {
          // not a plain number: find the cell's end, then blanks, missing markers, errors
          e = pos;
          while (e < n) {
            c = b[e]!;
            if (c === 44 || c === 10 || c === 13) break;
            if (c === 34) throw new DataError(file, line, header[col], "stray '\"' inside an unquoted field");
            e++;
          }
          if (e === n && !atEnd) {
            cut = true;
            break records;
          }
          x = parseNumberCell(b, pos, e);
          if (x === NOT_A_NUMBER) {
            const raw = b.toString("utf8", pos, e);
            if (missing.size > 0 && missing.has(raw.trim())) x = NaN;
            else if (k === Kind.Auto) {
              st.restartColumn = col;
              return -1;
            } else throw new DataError(file, recLine, header[col], `${JSON.stringify(raw)} is not a number`);
          }
          num[col]![row] = x;
          pos = e;
        }
      } else {
        let e = pos;
        let ascii = 0;
        while (e < n) {
          const c = b[e]!;
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) throw new DataError(file, line, header[col], "stray '\"' inside an unquoted field");
          ascii |= c;
          e++;
        }
        if (e === n && !atEnd) {
          cut = true;
          break records;
        }
        txt[col]!.push(e === pos ? null : b.toString(ascii < 128 ? "latin1" : "utf8", pos, e));
        pos = e;
      }
      col++;
      if (pos < n && b[pos] === 44) {
        pos++;
        continue;
      }
      const after = skipLineEnd(b, pos, n, atEnd);
      if (after < 0) {
        cut = true;
        break records;
      }
      pos = after;
      line++;
      break;
    }
    if (col < ncol) {
      throw new DataError(file, recLine, header[col], `too few fields: found ${col}, expected ${ncol} (${header.join(", ")})`);
    }
    rowLine[row] = recLine;
    row++;
  }
  if (cut) {
    // drop the cut record's text cells; it is parsed again from recStart with more bytes
    for (let j = 0; j < ncol; j++) if (kinds[j] === Kind.Text && txt[j]!.length > row) txt[j]!.length = row;
    pos = recStart;
    line = recLine;
  }
  st.row = row;
  st.line = line;
  return pos;
}
