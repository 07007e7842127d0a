/**
 * The data manifest (`data/manifest.json`) and verified loading of every input file.
 *
 * Each entry lists a file of the data directory with its source organisation, dataset, indicator
 * codes, units, license, provenance (repository@commit), sha256 and schema (columns with types and
 * ranges, unique key). {@link loadDataFile} reads a file only through its entry: it checks that the
 * file exists, that the columns are exactly the declared ones, that every cell has the declared type
 * and range, that the key is unique, and that the sha256 matches. Every failure is a
 * {@link DataError} naming file, row and column.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, type CsvTable } from "./csv";
import { findRepoRoot } from "./dataDir";
import { DataError } from "./errors";
import { isNumeric } from "../frame";

export type ColumnType = "text" | "number" | "integer";

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Smallest allowed value (numeric columns). */
  readonly min?: number;
  /** Largest allowed value (numeric columns). */
  readonly max?: number;
  /** Regular expression every non-missing text cell must match (anchored by the author). */
  readonly pattern?: string;
  /** false: no cell may be missing. Default true. */
  readonly nullable?: boolean;
}

export interface ManifestEntry {
  /** Path relative to the data directory, with "/" separators. */
  readonly path: string;
  /** "table" (CSV read through the schema) or "documentation" (checksummed only). */
  readonly kind: "table" | "documentation";
  /** Whether the panel builder reads this file. */
  readonly used: boolean;
  /** What the project uses it for (or why not). */
  readonly role: string;
  readonly organisation: string;
  readonly dataset: string;
  readonly indicators: readonly string[];
  readonly units: string;
  readonly license: string;
  /** Where the copy came from: repository@commit and path, as in the folder's PROVENANCE.md. */
  readonly provenance: string;
  readonly url: string;
  readonly accessed: string;
  readonly coverage: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Data rows (header excluded) for tables. */
  readonly rows?: number;
  readonly columns?: readonly ColumnSpec[];
  /** Columns whose combination must be unique (rows with an empty key cell are not checked). */
  readonly uniqueKey?: readonly string[];
  /** Extra missing-value markers of numeric columns (e.g. CEPII "."). */
  readonly missing?: readonly string[];
  /** 12-hex sha256 prefix of each block of {@link BLOCK_LINES} physical lines (locates a change). */
  readonly blockSha256?: readonly string[];
  /** 12-hex sha256 prefix of each column's raw cells (names the changed column). */
  readonly columnSha256?: Readonly<Record<string, string>>;
}

export interface DataManifest {
  readonly title: string;
  readonly collected: string;
  readonly knownLimits: readonly string[];
  readonly files: readonly ManifestEntry[];
}

/** Lines per checksum block in `blockSha256`. */
export const BLOCK_LINES = 1000;

/** Read `data/manifest.json` of the repository. */
export function loadManifest(root: string = findRepoRoot()): DataManifest {
  const p = join(root, "data", "manifest.json");
  let raw: string;
  try {
    raw = readFileSync(p, "utf8");
  } catch {
    throw new DataError("data/manifest.json", undefined, undefined, `manifest not found at ${p}`);
  }
  return JSON.parse(raw) as DataManifest;
}

/** The entry for `path`, or an error listing the paths the manifest knows. */
export function manifestEntry(manifest: DataManifest, path: string): ManifestEntry {
  const e = manifest.files.find((f) => f.path === path);
  if (!e) throw new DataError(path, undefined, undefined, `not listed in data/manifest.json (listed: ${manifest.files.map((f) => f.path).join(", ")})`);
  return e;
}

/** Hex sha256 of a string's UTF-8 bytes or of a buffer. */
export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hex sha256 of a file's bytes. */
export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

/** 12-hex sha256 prefixes of consecutive blocks of `blockLines` physical lines of `text`. */
export function lineBlockHashes(text: string, blockLines: number = BLOCK_LINES): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += blockLines) out.push(sha256(lines.slice(i, i + blockLines).join("\n")).slice(0, 12));
  return out;
}

/** 12-hex sha256 prefix of every column's raw cells (all read as text). */
export function columnHashes(text: string, file: string): Record<string, string> {
  const t = parseCsv(text, { file, numeric: [] });
  const out: Record<string, string> = {};
  for (const n of t.frame.names) {
    const c = t.frame.columns[n]!;
    out[n] = sha256((c as (string | null)[]).map((v) => v ?? "").join("\n")).slice(0, 12);
  }
  return out;
}

export interface LoadOptions {
  /** Verify the sha256 against the manifest (default true). */
  readonly verifyChecksum?: boolean;
}

/**
 * Read one manifest-listed CSV from the data directory, verifying schema and checksum.
 *
 * Order of checks: file exists → header has exactly the declared columns (a missing or renamed
 * column is reported with the columns found) → every cell has its declared type, range, pattern
 * and non-missingness → the unique key holds → the sha256 matches (on a mismatch the first
 * differing block of lines and the differing columns are named).
 *
 * @throws DataError naming file, row and column
 * @example
 * const t = loadDataFile(resolveDataDir(), "trade/china_exports_by_partner_nbs_2011_2019.csv");
 * numeric(t.frame, "exports_usd");
 */
export function loadDataFile(dataDir: string, path: string, manifest: DataManifest = loadManifest(), opts: LoadOptions = {}): CsvTable {
  const entry = manifestEntry(manifest, path);
  if (entry.kind !== "table" || !entry.columns) {
    throw new DataError(path, undefined, undefined, "is a documentation file, not a table");
  }
  const full = join(dataDir, path);
  if (!existsSync(full)) {
    throw new DataError(path, undefined, undefined, `file not found in the data directory ${dataDir} (listed in data/manifest.json; set --data-dir or BRI_DATA_DIR)`);
  }
  const buf = readFileSync(full);
  const text = buf.toString("utf8");
  const specs = entry.columns;
  const numericCols = specs.filter((c) => c.type !== "text").map((c) => c.name);
  const table = parseCsv(text, {
    file: path,
    numeric: numericCols,
    required: specs.map((c) => c.name),
    ...(entry.missing ? { missing: entry.missing } : {}),
  });
  const { frame, rowLine } = table;
  const declared = new Set(specs.map((c) => c.name));
  for (const n of frame.names) {
    if (!declared.has(n)) {
      throw new DataError(path, 1, n, `unexpected column (not in data/manifest.json; expected columns: ${specs.map((c) => c.name).join(", ")})`);
    }
  }
  for (const spec of specs) checkColumn(path, spec, frame.columns[spec.name]!, rowLine);
  if (entry.uniqueKey) checkUniqueKey(path, entry.uniqueKey, table);
  if (opts.verifyChecksum !== false) {
    const found = sha256(buf);
    if (found !== entry.sha256) throw checksumError(entry, text, found);
  }
  return table;
}

function checkColumn(file: string, spec: ColumnSpec, col: Float64Array | ReadonlyArray<string | null>, rowLine: Int32Array): void {
  const nullable = spec.nullable !== false;
  if (isNumeric(col as Float64Array | ReadonlyArray<string | null>)) {
    const a = col as Float64Array;
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (Number.isNaN(v)) {
        if (!nullable) throw new DataError(file, rowLine[i], spec.name, "missing value where the manifest requires one");
        continue;
      }
      if (spec.type === "integer" && !Number.isInteger(v)) throw new DataError(file, rowLine[i], spec.name, `${v} is not an integer`);
      if (spec.min !== undefined && v < spec.min) throw new DataError(file, rowLine[i], spec.name, `${v} is below the allowed minimum ${spec.min}`);
      if (spec.max !== undefined && v > spec.max) throw new DataError(file, rowLine[i], spec.name, `${v} is above the allowed maximum ${spec.max}`);
    }
    return;
  }
  const a = col as ReadonlyArray<string | null>;
  const re = spec.pattern ? new RegExp(spec.pattern, "u") : null;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === null || v === undefined) {
      if (!nullable) throw new DataError(file, rowLine[i], spec.name, "missing value where the manifest requires one");
      continue;
    }
    if (re && !re.test(v)) throw new DataError(file, rowLine[i], spec.name, `${JSON.stringify(v)} does not match the pattern /${spec.pattern}/`);
  }
}

function checkUniqueKey(file: string, key: readonly string[], table: CsvTable): void {
  const cols = key.map((k) => table.frame.columns[k]!);
  const seen = new Map<string, number>();
  outer: for (let i = 0; i < table.frame.nrow; i++) {
    const parts: string[] = [];
    for (const c of cols) {
      const v = c[i];
      if (v === null || (typeof v === "number" && Number.isNaN(v))) continue outer;
      parts.push(String(v));
    }
    const k = parts.join("\u0000");
    const prev = seen.get(k);
    if (prev !== undefined) {
      const desc = key.map((name, j) => `${name}=${parts[j]}`).join(", ");
      throw new DataError(file, table.rowLine[i], key.join("+"), `duplicate key (${desc}); first seen at row ${table.rowLine[prev]}`);
    }
    seen.set(k, i);
  }
}

function checksumError(entry: ManifestEntry, text: string, found: string): DataError {
  let row: number | undefined;
  let where = "";
  if (entry.blockSha256) {
    const now = lineBlockHashes(text);
    const n = Math.max(now.length, entry.blockSha256.length);
    for (let b = 0; b < n; b++) {
      if (now[b] !== entry.blockSha256[b]) {
        row = b * BLOCK_LINES + 1;
        where = ` somewhere in rows ${row}-${(b + 1) * BLOCK_LINES}`;
        break;
      }
    }
  }
  let cols: string[] = [];
  if (entry.columnSha256) {
    try {
      const now = columnHashes(text, entry.path);
      cols = Object.keys(entry.columnSha256).filter((c) => now[c] !== entry.columnSha256![c]);
    } catch {
      cols = [];
    }
  }
  const column = cols.length ? cols.join(", ") : undefined;
  return new DataError(
    entry.path,
    row,
    column,
    `sha256 mismatch: the file differs from the copy recorded in data/manifest.json${where} (expected ${entry.sha256}, found ${found})`,
  );
}

/** Verify every manifest entry against the data directory (checksums of documentation files too). */
export function verifyDataDir(dataDir: string, manifest: DataManifest = loadManifest()): { path: string; rows?: number }[] {
  const out: { path: string; rows?: number }[] = [];
  for (const e of manifest.files) {
    if (e.kind === "table") {
      out.push({ path: e.path, rows: loadDataFile(dataDir, e.path, manifest).frame.nrow });
    } else {
      const full = join(dataDir, e.path);
      if (!existsSync(full)) throw new DataError(e.path, undefined, undefined, `file not found in the data directory ${dataDir}`);
      const found = sha256File(full);
      if (found !== e.sha256) throw new DataError(e.path, undefined, undefined, `sha256 mismatch (expected ${e.sha256}, found ${found})`);
      out.push({ path: e.path });
    }
  }
  return out;
}

/**
 * Recompute the file-derived fields of every entry (sha256, bytes, rows, block and column hashes)
 * from the data directory; metadata and schemas are kept. Used to (re)write data/manifest.json
 * after a deliberate data update, and by the test that checks the committed manifest is current.
 */
export function refreshManifestChecksums(dataDir: string, manifest: DataManifest): DataManifest {
  const files = manifest.files.map((e): ManifestEntry => {
    const full = join(dataDir, e.path);
    const buf = readFileSync(full);
    if (e.kind !== "table") return { ...e, sha256: sha256(buf), bytes: buf.length };
    const text = buf.toString("utf8");
    const t = parseCsv(text, { file: e.path, numeric: [] });
    return {
      ...e,
      sha256: sha256(buf),
      bytes: buf.length,
      rows: t.frame.nrow,
      blockSha256: lineBlockHashes(text),
      columnSha256: columnHashes(text, e.path),
    };
  });
  return { ...manifest, files };
}
