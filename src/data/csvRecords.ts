/**
 * The CSV record parser: RFC 4180 records read from a byte window into typed columns.
 *
 * Built by {@link createRecordParser}, a function that uses nothing from outside it but its
 * arguments and JavaScript/Node built-ins (Buffer, DataView), so that its source text can also run
 * in a worker thread (csvParallel.ts). The file-level rules (header, options, row numbers in
 * errors) are described in csv.ts.
 */
import type { DecimalParser } from "./csvNumber";

/** Column kinds: parsed as numbers, kept as text, or numbers until a cell is not one. */
export const KIND_NUM = 0;
export const KIND_TEXT = 1;
export const KIND_AUTO = 2;

/** Builds the error thrown for bad input: file, 1-based file line (row), column, detail. */
export type MakeError = (file: string, row: number | undefined, column: string | undefined, detail: string) => Error;

/** Where the bytes come from: a whole in-memory buffer, or a file read block by block. */
export interface ByteSource {
  readonly whole: Buffer | null;
  /** Expected size in bytes (for the row-count estimate; the end is where `read` returns 0). */
  readonly size: number;
  /** Read up to `len` bytes at file offset `pos` into `buf[off…]`; 0 at the end of the file. */
  read(buf: Buffer, off: number, len: number, pos: number): number;
}

/**
 * A window on the source: `buf[0, n)` holds the bytes at file offsets `[base, base + n)`; `atEnd`
 * when the last byte of the file (or `limit`, when set) is in it.
 */
export interface ByteWindow {
  readonly src: ByteSource;
  readonly blockBytes: number;
  /** Reading stops at this file offset (the file's end when Infinity). */
  limit: number;
  buf: Buffer;
  n: number;
  base: number;
  atEnd: boolean;
}

/** The columns being filled, and the parse position in rows and file lines. */
export interface Body {
  readonly file: string;
  readonly header: readonly string[];
  readonly kinds: readonly number[];
  readonly missing: ReadonlySet<string>;
  readonly ncol: number;
  readonly num: Float64Array[];
  readonly txt: (string | null)[][];
  rowLine: Int32Array;
  /** Rows that may be written before the columns must grow (at most their length). */
  cap: number;
  row: number;
  /** File line of the next record. */
  line: number;
  /** Set when parseRecords returns −1: the auto column that must become text. */
  restartColumn: number;
  /** Set when parseRecords stopped before a quoted field (it was told to). */
  stoppedAtQuote: boolean;
  /** Numeric columns on shared memory (readable by the estimation's helper thread without a copy). */
  readonly shared: boolean;
}

export interface HeaderScan {
  names: string[];
  /** Index after the header's line end. */
  end: number;
  /** File line of the first data row. */
  line: number;
}

/**
 * The record parser's functions, using the decimal parser `numbers` and `makeError` for errors.
 *
 * @example
 * const rp = createRecordParser(createDecimalParser(), (f, r, c, d) => new Error(`${f} ${r} ${c}: ${d}`));
 * const st = rp.newBody("x.csv", ["a"], [KIND_NUM], new Set(), 2, 4);
 * rp.parseRecords(st, Buffer.from("1\n2\n"), 0, 4, true, false); // 4; st.num[0] = [1, 2, 0, 0], st.row = 2
 */
export function createRecordParser(numbers: DecimalParser, makeError: MakeError) {
  const NUM = 0;
  const TEXT = 1;
  const AUTO = 2;
  const { decimalValue, NOT_A_NUMBER, readDecimal, readNumberRecord, parseNumberCell } = numbers;
  const NO_NUMBERS = new Float64Array(0);
  const NO_TEXT: (string | null)[] = [];

  /** A window on `src` reading blocks of `blockBytes` (grown when one record is longer). */
  function newWindow(src: ByteSource, blockBytes: number): ByteWindow {
    return { src, blockBytes, limit: Infinity, buf: src.whole ?? Buffer.allocUnsafe(0), n: 0, base: 0, atEnd: false };
  }

  /** Start at file offset `pos`; returns the index in `w.buf` where that offset is. */
  function seek(w: ByteWindow, pos: number): number {
    if (w.src.whole) {
      w.n = Math.min(w.src.whole.length, w.limit);
      w.atEnd = true;
      return pos;
    }
    if (w.buf.length === 0) w.buf = Buffer.allocUnsafe(Math.max(1, Math.min(w.blockBytes, Math.min(w.src.size, w.limit) - pos + 1)));
    w.base = pos;
    w.n = 0;
    w.atEnd = false;
    fill(w);
    return 0;
  }

  /** Drop the bytes before index `p` (all parsed) and read more; with `p` = 0 the block doubles. */
  function advance(w: ByteWindow, p: number): void {
    if (p > 0) {
      w.buf.copyWithin(0, p, w.n);
      w.base += p;
      w.n -= p;
    } else if (w.n === w.buf.length) {
      const bigger = Buffer.allocUnsafe(2 * w.buf.length);
      w.buf.copy(bigger, 0, 0, w.n);
      w.buf = bigger;
    }
    fill(w);
  }

  function fill(w: ByteWindow): void {
    while (w.n < w.buf.length) {
      const want = Math.min(w.buf.length - w.n, w.limit - (w.base + w.n));
      const r = want > 0 ? w.src.read(w.buf, w.n, want, w.base + w.n) : 0;
      if (r === 0) {
        w.atEnd = true;
        return;
      }
      w.n += r;
    }
  }

  /**
   * Rows to allocate: the line ends in the window + 1 when it holds the whole rest of the file (no
   * `limit`) and at most 1 MiB of it (an upper bound), else the line ends in the first MiB scaled
   * to `bodyBytes` (the columns grow when the estimate is short).
   */
  function estimateRows(w: ByteWindow, pos: number, bodyBytes: number): number {
    const b = w.buf;
    const end = Math.min(w.n, pos + 1048576);
    let lf = 0;
    for (let i = b.indexOf(10, pos); i !== -1 && i < end; i = b.indexOf(10, i + 1)) lf++;
    let cr = 0;
    if (lf === 0) for (let i = b.indexOf(13, pos); i !== -1 && i < end; i = b.indexOf(13, i + 1)) cr++;
    const lines = lf + cr + 1;
    if (w.atEnd && end === w.n && w.limit === Infinity) return Math.min(lines, w.n - pos + 1);
    return Math.ceil(lines * (bodyBytes / Math.max(1, end - pos)) * 1.02) + 16;
  }

  /** A zero-filled Float64Array of n values, on shared memory when `shared`. */
  function numberColumn(n: number, shared: boolean): Float64Array {
    return shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
  }

  /**
   * Columns for `capacity` rows (on shared memory when `shared`), or — with `into` — the given
   * numeric columns (one per column, all of one length; text columns not allowed), filled from row
   * `into.row` on (the rows before it belong to someone else and are never written).
   */
  function newBody(file: string, header: readonly string[], kinds: readonly number[], missing: ReadonlySet<string>, line: number, capacity: number, shared = false, into?: { num: Float64Array[]; row: number }): Body {
    const cap = into ? into.num[0]!.length : Math.max(1, capacity);
    return {
      file,
      header,
      kinds,
      missing,
      ncol: header.length,
      num: into ? into.num.slice() : kinds.map((k) => (k === TEXT ? NO_NUMBERS : numberColumn(cap, shared))),
      txt: kinds.map((k) => (k === TEXT ? [] : NO_TEXT)),
      rowLine: new Int32Array(cap),
      cap,
      row: into ? into.row : 0,
      line,
      restartColumn: -1,
      stoppedAtQuote: false,
      shared,
    };
  }

  /** New columns 1.5 times as long, holding the rows so far (`st.cap` may be below the columns' length). */
  function grow(st: Body): void {
    const cap = Math.ceil(st.cap * 1.5) + 1024;
    for (let j = 0; j < st.ncol; j++) {
      if (st.kinds[j] === TEXT) continue;
      const a = numberColumn(cap, st.shared);
      a.set(st.num[j]!.subarray(0, st.row));
      st.num[j] = a;
    }
    const r = new Int32Array(cap);
    r.set(st.rowLine.subarray(0, st.row));
    st.rowLine = r;
    st.cap = cap;
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
   * Read the quoted field starting at `b[pos]` (a '"'): sets `quotedValue` and `quotedNewlines`
   * and returns the index after the closing quote (on the delimiter, line end or end of file), or
   * −1 when the field does not end inside the window and more bytes follow.
   */
  function scanQuoted(b: Buffer, pos: number, n: number, atEnd: boolean, file: string, line: number, colName: string | undefined): number {
    let i = pos + 1;
    let out = "";
    let chunk = i;
    let newlines = 0;
    for (;;) {
      if (i >= n) {
        if (atEnd) throw makeError(file, line, colName, "unterminated quoted field (a '\"' is never closed)");
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
        throw makeError(file, line + newlines, colName, "unexpected character after a closing quote");
      }
    } else if (!atEnd) return -1;
    quotedValue = out;
    quotedNewlines = newlines;
    return i;
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
          if (c === 34) throw makeError(file, line, undefined, "stray '\"' inside an unquoted field");
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
   * Parse the records in `b[pos, n)` into `st`. Returns the index of the first record not parsed
   * (a record cut by the window's end when more bytes follow, or a record with a quoted field when
   * `stopAtQuote`, then `st.stoppedAtQuote`; `n` when all were parsed), or −1 when an auto column
   * met a non-number (`st.restartColumn`).
   */
  function parseRecords(st: Body, b: Buffer, pos: number, n: number, atEnd: boolean, stopAtQuote: boolean): number {
    const { file, header, kinds, ncol, missing, num, txt } = st;
    const allNumeric = !kinds.includes(TEXT);
    let row = st.row;
    let line = st.line;
    let rowLine = st.rowLine;
    let cap = st.cap;
    let recStart = pos;
    let recLine = line;
    let cut = false; // the record at recStart is cut by the window's end (or stopped at a quote)
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
        st.row = row;
        grow(st);
        cap = st.cap;
        rowLine = st.rowLine;
      }
      if (allNumeric) {
        // the plain record: a number, a comma, …, a number, a line end; anything else (quotes,
        // blanks, missing cells, errors, the window's end) is read again by the general loop below
        const p = readNumberRecord(b, pos, n, num, row);
        if (p >= 0) {
          rowLine[row] = line;
          line++;
          row++;
          pos = p;
          continue;
        }
      }
      let col = 0;
      for (;;) {
        if (col >= ncol) {
          throw makeError(file, recLine, undefined, `too many fields: expected ${ncol} (${header.join(", ")})`);
        }
        const k = kinds[col]!;
        if (pos < n && b[pos] === 34) {
          if (stopAtQuote) {
            st.stoppedAtQuote = true;
            cut = true;
            break records;
          }
          const q = scanQuoted(b, pos, n, atEnd, file, line, header[col]);
          if (q < 0) {
            cut = true;
            break records;
          }
          const v = quotedValue;
          line += quotedNewlines;
          pos = q;
          if (k === TEXT) txt[col]!.push(v === "" ? null : v);
          else {
            const bytes = Buffer.from(v, "utf8");
            let x = parseNumberCell(bytes, 0, bytes.length);
            if (x === NOT_A_NUMBER) {
              if (missing.size > 0 && missing.has(v.trim())) x = NaN;
              else if (k === AUTO) {
                st.restartColumn = col;
                return -1;
              } else throw makeError(file, recLine, header[col], `${JSON.stringify(v)} is not a number`);
            }
            num[col]![row] = x;
          }
        } else if (k !== TEXT) {
          let e = readDecimal(b, pos, n);
          let c = e < 0 ? -2 : e < n ? b[e]! : -1;
          if (c === 44 || c === 10 || c === 13 || (c === -1 && atEnd)) {
            num[col]![row] = decimalValue[0]!;
            pos = e;
          } else {
            // not a plain number: find the cell's end, then blanks, missing markers, errors
            e = pos;
            while (e < n) {
              c = b[e]!;
              if (c === 44 || c === 10 || c === 13) break;
              if (c === 34) throw makeError(file, line, header[col], "stray '\"' inside an unquoted field");
              e++;
            }
            if (e === n && !atEnd) {
              cut = true;
              break records;
            }
            let x = parseNumberCell(b, pos, e);
            if (x === NOT_A_NUMBER) {
              const raw = b.toString("utf8", pos, e);
              if (missing.size > 0 && missing.has(raw.trim())) x = NaN;
              else if (k === AUTO) {
                st.restartColumn = col;
                return -1;
              } else throw makeError(file, recLine, header[col], `${JSON.stringify(raw)} is not a number`);
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
            if (c === 34) throw makeError(file, line, header[col], "stray '\"' inside an unquoted field");
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
        throw makeError(file, recLine, header[col], `too few fields: found ${col}, expected ${ncol} (${header.join(", ")})`);
      }
      rowLine[row] = recLine;
      row++;
    }
    if (cut) {
      // drop the cut record's text cells; it is parsed again from recStart with more bytes
      for (let j = 0; j < ncol; j++) if (kinds[j] === TEXT && txt[j]!.length > row) txt[j]!.length = row;
      pos = recStart;
      line = recLine;
    }
    st.row = row;
    st.line = line;
    return pos;
  }

  /**
   * Parse the body from the window's current position to its end (the file's end, or `w.limit`):
   * block after block. Returns `st` when done, −1 when an auto column must become text
   * (`st.restartColumn`), or the index in `w.buf` where it stopped (a quoted field with
   * `stopAtQuote`, or a record cut at `w.limit`).
   */
  function parseWindow(st: Body, w: ByteWindow, pos: number, stopAtQuote: boolean): number {
    for (;;) {
      const atLimit = w.base + w.n >= w.limit;
      const r = parseRecords(st, w.buf, pos, w.n, w.atEnd && !atLimit, stopAtQuote);
      if (r < 0) return -1;
      if (st.stoppedAtQuote) return r;
      if (w.atEnd) return r === w.n || !atLimit ? w.n : r;
      advance(w, r);
      pos = 0;
    }
  }

  return { NUM, TEXT, AUTO, newWindow, seek, advance, estimateRows, numberColumn, newBody, scanHeader, parseRecords, parseWindow };
}

/** The record parser's functions (see {@link createRecordParser}). */
export type RecordParser = ReturnType<typeof createRecordParser>;
