/**
 * RFC 4180 CSV reader that fills Frame columns directly.
 *
 * One pass over the file text: quoted fields (with `""` escapes, embedded commas and newlines),
 * LF / CRLF / CR line ends, and a leading UTF-8 byte-order mark are handled. Numeric columns are
 * parsed straight into `Float64Array`s (no per-row objects), so files of 1e6–1e7 rows read in
 * seconds. Missing values: an empty cell, and in numeric columns also `NA` and `..` (the World
 * Bank's marker), become `NaN`; in text columns only an empty cell becomes `null` (so Namibia's
 * ISO2 code "NA" survives).
 *
 * Rows are numbered like the file's lines: the header is row 1, the first data row is row 2
 * (a record with an embedded newline is numbered by the line it starts on). Every error is a
 * {@link DataError} naming file, row and column.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DataError } from "./errors";
import { isNumeric, makeFrame, type Column, type Frame } from "../frame";
import { twoProductErr } from "../numeric/twoProduct";

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
   * Files larger than this many bytes are decoded and parsed in chunks of about this size, cut at
   * line ends (a JavaScript string holds at most 2²⁹ − 24 characters, so a 1e7-row file cannot be
   * one string). Default {@link CSV_CHUNK_BYTES}; smaller values are for tests.
   */
  chunkBytes?: number;
}

/** Default chunk size of {@link readCsvTable} for large files (256 MiB). */
export const CSV_CHUNK_BYTES = 256 * 1024 * 1024;

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

/** Read a CSV file into a Frame plus the file line of every row. */
export function readCsvTable(path: string, opts: CsvOptions = {}): CsvTable {
  const label = opts.label ?? basename(path);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataError(label, undefined, undefined, code === "ENOENT" ? `file not found: ${path}` : `cannot read ${path}: ${(e as Error).message}`);
  }
  const chunkBytes = opts.chunkBytes ?? CSV_CHUNK_BYTES;
  if (buf.length <= chunkBytes) return parseCsv(buf.toString("utf8"), { ...opts, file: label });
  return parseCsvChunked(buf, { ...opts, file: label }, chunkBytes);
}

/**
 * Parse a large CSV buffer in chunks of about `chunkBytes` bytes cut after a line feed: each chunk is
 * decoded and parsed by {@link parseCsv} behind a copy of the header line, and the columns are
 * concatenated. Row numbers (rowLine, error messages) are those of the whole file. An "auto"
 * column that turns out to be text in any chunk is read as text in all chunks (the chunks are parsed
 * again). Files with a quote character are refused here (a quoted field may hold a line feed, so a
 * cut at a line end could split a record), with an error that says so.
 *
 * @example
 * readCsvTable("panel-1e7.csv"); // 1.9 GB: parsed in 8 chunks
 */
function parseCsvChunked(buf: Buffer, opts: CsvOptions & { file: string }, chunkBytes: number): CsvTable {
  const file = opts.file;
  if (buf.indexOf(0x22) !== -1) {
    throw new DataError(file, undefined, undefined, `file of ${buf.length} bytes contains quoted fields; files with quotes can be read up to ${chunkBytes} bytes`);
  }
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const hEnd = buf.indexOf(0x0a, start);
  if (hEnd === -1) throw new DataError(file, 1, undefined, `no line end in the first ${buf.length} bytes (header row)`);
  const headerText = buf.toString("utf8", start, hEnd + 1);
  const textCols = new Set(opts.text ?? []);
  for (;;) {
    const parts: CsvTable[] = [];
    const offsets: number[] = [];
    let pos = hEnd + 1;
    let linesBefore = 1; // lines of the file before the current chunk's first data row
    let retry = false;
    while (pos < buf.length) {
      let end = Math.min(buf.length, pos + chunkBytes);
      if (end < buf.length) {
        const nl = buf.indexOf(0x0a, end - 1);
        end = nl === -1 ? buf.length : nl + 1;
      }
      const chunk = headerText + buf.toString("utf8", pos, end);
      let t: CsvTable;
      try {
        t = parseCsv(chunk, { ...opts, text: [...textCols], file });
      } catch (e) {
        if (e instanceof DataError && e.row !== undefined && e.row > 1) throw new DataError(file, e.row + linesBefore - 1, e.column, e.detail);
        throw e;
      }
      // an auto column read as text here but as numbers before (or the other way round)
      const first = parts[0];
      for (const name of t.frame.names) {
        if (textCols.has(name) || !first) continue;
        if (isNumeric(t.frame.columns[name]!) !== isNumeric(first.frame.columns[name]!)) {
          textCols.add(name);
          retry = true;
        }
      }
      if (retry) break;
      parts.push(t);
      offsets.push(linesBefore - 1);
      for (let i = buf.indexOf(0x0a, pos); i !== -1 && i < end; i = buf.indexOf(0x0a, i + 1)) linesBefore++;
      pos = end;
    }
    if (retry) continue;
    if (parts.length === 0) return parseCsv(headerText, { ...opts, text: [...textCols], file });
    let total = 0;
    for (const t of parts) total += t.frame.nrow;
    const rowLine = new Int32Array(total);
    let r0 = 0;
    parts.forEach((t, k) => {
      const off = offsets[k]!;
      for (let i = 0; i < t.rowLine.length; i++) rowLine[r0 + i] = t.rowLine[i]! + off;
      r0 += t.frame.nrow;
    });
    const cols: Record<string, Column> = {};
    for (const name of parts[0]!.frame.names) {
      const c0 = parts[0]!.frame.columns[name]!;
      if (isNumeric(c0)) {
        const out = new Float64Array(total);
        let at = 0;
        for (const t of parts) {
          const c = t.frame.columns[name] as Float64Array;
          out.set(c, at);
          at += c.length;
        }
        cols[name] = out;
      } else {
        const out: (string | null)[] = new Array(total);
        let at = 0;
        for (const t of parts) {
          const c = t.frame.columns[name] as (string | null)[];
          for (let i = 0; i < c.length; i++) out[at + i] = c[i]!;
          at += c.length;
        }
        cols[name] = out;
      }
    }
    return { file, frame: makeFrame(cols), rowLine };
  }
}

/** Parse CSV text into a Frame; `file` names the source in error messages. */
export function parseCsvFrame(text: string, opts: CsvOptions & { file: string }): Frame {
  return parseCsv(text, opts).frame;
}

const enum Kind {
  Num = 0,
  Text = 1,
  Auto = 2,
}

/**
 * Parse CSV text (see the module doc). Throws {@link DataError} on: a missing required column
 * (message lists the columns found), a duplicated header name, a row with too few or too many
 * fields, an unterminated quote, a stray quote in an unquoted field, or a non-number in a numeric
 * column.
 *
 * @example
 * const t = parseCsv('iso3,value\r\nKAZ,"1,5"\nUZB,2\n', { file: "x.csv", numeric: ["value"] });
 * // -> error: x.csv, row 2, column 'value': "1,5" is not a number
 */
export function parseCsv(text: string, opts: CsvOptions & { file: string }): CsvTable {
  const file = opts.file;
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  const n = text.length;
  if (start >= n) throw new DataError(file, undefined, undefined, "file is empty (no header row)");

  // ---- header ----
  const header: string[] = [];
  let pos = start;
  let line = 1;
  for (;;) {
    const f = scanField(text, pos, file, line, undefined);
    header.push(f.value ?? text.slice(f.s, f.e).trim());
    pos = f.next;
    line += f.newlines;
    const c = pos < n ? text.charCodeAt(pos) : -1;
    if (c === 44) {
      pos++;
      continue;
    }
    pos = skipLineEnd(text, pos);
    line++;
    break;
  }
  const ncol = header.length;
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new DataError(file, 1, h, `duplicate column name in header (columns found: ${header.join(", ")})`);
    seen.add(h);
  }
  const required = new Set<string>([...(opts.required ?? []), ...(opts.text ?? []), ...(Array.isArray(opts.numeric) ? opts.numeric : [])]);
  for (const r of required) {
    if (!seen.has(r)) {
      throw new DataError(file, 1, r, `required column is missing (columns found: ${header.join(", ")})`);
    }
  }

  const textSet = new Set(opts.text ?? []);
  const kinds: Kind[] = header.map((h) => {
    if (textSet.has(h)) return Kind.Text;
    if (Array.isArray(opts.numeric)) return opts.numeric.includes(h) ? Kind.Num : Kind.Text;
    return Kind.Auto;
  });

  // An "auto" column that meets a non-number is switched to text and the body re-parsed.
  for (;;) {
    const r = parseBody(text, pos, line, file, header, kinds, new Set(opts.missing ?? []));
    if (typeof r === "number") {
      kinds[r] = Kind.Text;
      continue;
    }
    return r;
  }
}

interface Field {
  s: number;
  e: number;
  /** Unescaped value for a quoted field; null for an unquoted one (then use text[s, e)). */
  value: string | null;
  next: number;
  newlines: number;
}

const scratch: Field = { s: 0, e: 0, value: null, next: 0, newlines: 0 };

/** Scan one field starting at `pos`. Leaves `next` on the delimiter / line end / EOF. */
function scanField(text: string, pos: number, file: string, line: number, colName: string | undefined): Field {
  const n = text.length;
  const f = scratch;
  f.newlines = 0;
  f.value = null;
  if (pos < n && text.charCodeAt(pos) === 34) {
    // quoted field
    let i = pos + 1;
    let out = "";
    let chunk = i;
    for (;;) {
      if (i >= n) throw new DataError(file, line, colName, "unterminated quoted field (a '\"' is never closed)");
      const c = text.charCodeAt(i);
      if (c === 34) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 34) {
          out += text.slice(chunk, i + 1);
          i += 2;
          chunk = i;
          continue;
        }
        out += text.slice(chunk, i);
        i++;
        break;
      }
      if (c === 10) f.newlines++;
      else if (c === 13 && !(i + 1 < n && text.charCodeAt(i + 1) === 10)) f.newlines++;
      i++;
    }
    if (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 44 && c !== 10 && c !== 13) {
        throw new DataError(file, line + f.newlines, colName, "unexpected character after a closing quote");
      }
    }
    f.s = pos;
    f.e = i;
    f.value = out;
    f.next = i;
    return f;
  }
  let i = pos;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) break;
    if (c === 34) throw new DataError(file, line, colName, "stray '\"' inside an unquoted field");
    i++;
  }
  f.s = pos;
  f.e = i;
  f.next = i;
  return f;
}

function skipLineEnd(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 13) return text.charCodeAt(pos + 1) === 10 ? pos + 2 : pos + 1;
  if (c === 10) return pos + 1;
  return pos; // EOF
}

function onlyLineEndsLeft(text: string, pos: number): boolean {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) return false;
  }
  return true;
}

/** Returns the table, or the index of an auto column that must become text. */
function parseBody(
  text: string,
  pos: number,
  line: number,
  file: string,
  header: string[],
  kinds: Kind[],
  missing: ReadonlySet<string>,
): CsvTable | number {
  const n = text.length;
  const ncol = header.length;
  // Upper bound on the number of records: line ends left + 1.
  let cap = 1;
  for (let i = text.indexOf("\n", pos); i !== -1; i = text.indexOf("\n", i + 1)) cap++;
  if (text.indexOf("\r", pos) !== -1 && text.indexOf("\n", pos) === -1) {
    for (let i = text.indexOf("\r", pos); i !== -1; i = text.indexOf("\r", i + 1)) cap++;
  }
  const num: (Float64Array | null)[] = kinds.map((k) => (k === Kind.Text ? null : new Float64Array(cap)));
  const txt: ((string | null)[] | null)[] = kinds.map((k) => (k === Kind.Text ? [] : null));
  const rowLine = new Int32Array(cap);
  let row = 0;

  while (pos < n) {
    const c0 = text.charCodeAt(pos);
    if ((c0 === 10 || c0 === 13) && onlyLineEndsLeft(text, pos)) break;
    const recLine = line;
    let col = 0;
    for (;;) {
      if (col >= ncol) {
        throw new DataError(file, recLine, undefined, `too many fields: expected ${ncol} (${header.join(", ")})`);
      }
      let s = pos;
      let e: number;
      let quoted: string | null = null;
      if (pos < n && text.charCodeAt(pos) === 34) {
        const f = scanField(text, pos, file, line, header[col]);
        quoted = f.value;
        line += f.newlines;
        e = f.e;
        pos = f.next;
      } else {
        e = pos;
        while (e < n) {
          const c = text.charCodeAt(e);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) throw new DataError(file, line, header[col], "stray '\"' inside an unquoted field");
          e++;
        }
        pos = e;
      }
      const k = kinds[col]!;
      if (k === Kind.Text) {
        const v = quoted ?? text.slice(s, e);
        txt[col]!.push(v === "" ? null : v);
      } else {
        badCell = false;
        const v = quoted === null ? parseNumberSpan(text, s, e) : parseNumberSpan(quoted, 0, quoted.length);
        if (badCell) {
          const raw = quoted ?? text.slice(s, e);
          if (missing.size > 0 && missing.has(raw.trim())) {
            num[col]![row] = NaN;
          } else {
            if (k === Kind.Auto) return col;
            throw new DataError(file, recLine, header[col], `${JSON.stringify(raw)} is not a number`);
          }
        } else {
          num[col]![row] = v;
        }
      }
      col++;
      const c = pos < n ? text.charCodeAt(pos) : -1;
      if (c === 44) {
        pos++;
        continue;
      }
      pos = skipLineEnd(text, pos);
      line++;
      break;
    }
    if (col < ncol) {
      throw new DataError(file, recLine, header[col], `too few fields: found ${col}, expected ${ncol} (${header.join(", ")})`);
    }
    rowLine[row] = recLine;
    row++;
  }

  const cols: Record<string, Column> = {};
  for (let j = 0; j < ncol; j++) {
    const a = num[j];
    cols[header[j]!] = a ? (row === cap ? a : a.slice(0, row)) : txt[j]!;
  }
  return { file, frame: makeFrame(cols), rowLine: row === cap ? rowLine : rowLine.slice(0, row) };
}

/** Set by {@link parseNumberSpan} when the cell is not a number (its return value is then NaN). */
let badCell = false;

/**
 * Parse `s[a, b)` as a finite decimal number. Missing (`""`, `NA`, `..`, blanks) → NaN; anything
 * else that is not `[+-]digits[.digits][e[+-]digits]` sets `badCell` and returns NaN. Mantissas of up
 * to 15 digits with |exponent| <= 22 use Clinger's exact fast path (one correctly rounded IEEE
 * operation; W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990); all other
 * numbers go through `Number()` (correctly rounded by ECMAScript).
 */
function bad(): number {
  badCell = true;
  return NaN;
}

function parseNumberSpan(s: string, a: number, b: number): number {
  while (a < b && s.charCodeAt(a) === 32) a++;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  if (a === b) return NaN;
  const len = b - a;
  if (len === 2) {
    const c0 = s.charCodeAt(a);
    const c1 = s.charCodeAt(a + 1);
    if ((c0 === 78 && c1 === 65) || (c0 === 46 && c1 === 46)) return NaN; // "NA" or ".."
  }
  let i = a;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 45) {
    neg = c === 45;
    i++;
  }
  // fast path: plain integer
  let acc = 0;
  let digits = 0;
  while (i < b) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    acc = acc * 10 + (c - 48);
    digits++;
    i++;
  }
  if (i === b) {
    if (digits === 0) return bad();
    if (digits <= 15) return neg ? -acc : acc;
    return Number(s.slice(a, b));
  }
  // general decimal [digits][.digits][e[+-]digits]: validate while accumulating the mantissa
  let mant = digits;
  let frac = 0;
  let acc2 = 0; // digits 16…19 of the mantissa (when the integer part has at most 15 digits)
  let d2 = 0;
  if (c === 46) {
    i++;
    while (i < b) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (mant < 15) acc = acc * 10 + (c - 48);
      else if (mant < 19) {
        acc2 = acc2 * 10 + (c - 48);
        d2++;
      }
      mant++;
      frac++;
      i++;
    }
  }
  if (mant === 0) return bad();
  let exp = 0;
  if (i < b && (c === 101 || c === 69)) {
    i++;
    let eneg = false;
    if (i < b) {
      c = s.charCodeAt(i);
      if (c === 43 || c === 45) {
        eneg = c === 45;
        i++;
      }
    }
    let ed = 0;
    while (i < b) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (ed < 6) exp = exp * 10 + (c - 48);
      ed++;
      i++;
    }
    if (ed === 0) return bad();
    if (eneg) exp = -exp;
  }
  if (i !== b) return bad();
  // Clinger's fast path: a mantissa of at most 15 digits (< 2^53, exact) times an exact power of
  // ten 10^k with |k| <= 22 is correctly rounded by one IEEE multiplication or division.
  if (mant <= 15) {
    const k = exp - frac;
    if (k >= 0 && k <= 22) return neg ? -(acc * POW10[k]!) : acc * POW10[k]!;
    if (k < 0 && k >= -22) return neg ? -(acc / POW10[-k]!) : acc / POW10[-k]!;
  } else if (mant <= 19 && digits <= 15) {
    // 16–19 significant digits (shortest round-trip output of doubles): double-double scaling
    const k = exp - frac;
    if (k >= -22 && k <= 22) {
      const v = scaleDecimal19(acc, acc2, d2, k);
      if (v === v) return neg ? -v : v;
    }
  }
  const v = Number(s.slice(a, b));
  return Number.isFinite(v) ? v : bad();
}


const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The double nearest to m·10^k for the integer m = hi·10^d2 + lo (hi < 10^15, lo < 10^d2, d2 ≤ 4,
 * so m < 10^19) and |k| ≤ 22, or NaN when that cannot be decided safely (then the caller uses
 * Number()). m is formed exactly as a double-double (Dekker TwoProduct + Knuth TwoSum), scaled by
 * the exact power 10^|k| in double-double arithmetic (relative error below 2⁻¹⁰⁰), and the rounded
 * sum s = fl(qh + ql) is accepted only when the remainder qh + ql − s stays clearly inside half an
 * ulp of s (margin 2⁻³⁰ ulp ≫ the arithmetic error), so the result is the correctly rounded value
 * that Number() returns.
 *
 * Reference: Dekker (1971) "A floating-point technique for extending the available precision",
 * Numer. Math. 18; Clinger (1990) PLDI (exactness of the fast path for ≤ 15 digits).
 *
 * @example
 * scaleDecimal19(648923415273974, 7, 1, -16); // 0.6489234152739747 (= Number("0.6489234152739747"))
 */
function scaleDecimal19(hi: number, lo: number, d2: number, k: number): number {
  const p10 = POW10[d2]!;
  const ph = hi * p10;
  const pl = twoProductErr(hi, p10, ph);
  let s1 = ph + lo;
  let bb = s1 - ph;
  const e1 = ph - (s1 - bb) + (lo - bb);
  let mh = s1;
  let ml = e1 + pl;
  s1 = mh + ml;
  ml = ml - (s1 - mh);
  mh = s1;
  let qh: number;
  let ql: number;
  if (k >= 0) {
    const P = POW10[k]!;
    qh = mh * P;
    ql = twoProductErr(mh, P, qh) + ml * P;
  } else {
    const D = POW10[-k]!;
    qh = mh / D;
    const p2 = qh * D;
    const pe = twoProductErr(qh, D, p2);
    ql = (mh - p2 - pe + ml) / D;
  }
  const s = qh + ql;
  bb = s - qh;
  const e = ql - bb; // qh + ql − s (exact: |qh| ≥ |ql|)
  F64[0] = s;
  const high = LITTLE_ENDIAN ? U32[1]! : U32[0]!;
  const low = LITTLE_ENDIAN ? U32[0]! : U32[1]!;
  const E = (high >>> 20) & 0x7ff;
  if (E === 0 || E === 0x7ff) return NaN;
  let half = HALF_ULP[E]!;
  // at a power of two the spacing below s is half the spacing above
  if (e < 0 && low === 0 && (high & 0xfffff) === 0) half *= 0.5;
  if (!(Math.abs(e) < half * (1 - 2 ** -30))) return NaN;
  return s;
}

/** HALF_ULP[E] = 2^(E − 1076): half the spacing of doubles with biased exponent E. */
const HALF_ULP: Float64Array = Float64Array.from({ length: 2048 }, (_, E) => 2 ** (E - 1076));

/** Exact powers of ten 10^0 … 10^22 (all representable exactly as doubles). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
