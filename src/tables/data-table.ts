/**
 * Generic data tables (descriptive statistics, coverage, provenance…) from the one table model.
 */
import { type Frame, isNumeric } from "../frame";
import { type Align, type Cell, type Row, type TableModel, makeTable, numberCell, textCell } from "./model";
import { formatCount } from "./format";

export interface DataColumn {
  /** Column name in the frame or record. */
  readonly key: string;
  /** Header label (default: key). */
  readonly label?: string;
  /** Decimals for numbers (default 2); "count" prints an integer. */
  readonly digits?: number | "count";
  readonly align?: Align;
}

export interface DataTableOptions {
  readonly id?: string;
  readonly title?: string;
  readonly caption?: string;
  readonly notes?: readonly string[];
  /** Note explaining the missing marker (added only when a cell is missing). */
  readonly missingNote?: string;
  /** Columns to show, in order (default: every column, numbers with 2 decimals). */
  readonly columns?: readonly DataColumn[];
}

export type Value = string | number | boolean | null | undefined;
export type DataRecord = Readonly<Record<string, Value>>;

function cellOf(v: Value, col: DataColumn): Cell {
  if (typeof v === "number") {
    if (col.digits === "count") {
      const t = formatCount(v);
      return t === null ? numberCell(v, 0) : { text: t, value: v };
    }
    return numberCell(v, col.digits ?? 2);
  }
  if (typeof v === "boolean") return textCell(v ? "Yes" : "No");
  return textCell(v ?? null);
}

function recordsOf(data: Frame | readonly DataRecord[]): { names: readonly string[]; rows: readonly DataRecord[]; numeric: Set<string> } {
  if (Array.isArray(data)) {
    const rows = data as readonly DataRecord[];
    const names: string[] = [];
    for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
    const numeric = new Set(names.filter((n) => rows.every((r) => r[n] === null || r[n] === undefined || typeof r[n] === "number")));
    return { names, rows, numeric };
  }
  const f = data as Frame;
  const rows: DataRecord[] = [];
  for (let i = 0; i < f.nrow; i++) {
    const r: Record<string, Value> = {};
    for (const n of f.names) r[n] = f.columns[n]![i] as Value;
    rows.push(r);
  }
  return { names: f.names, rows, numeric: new Set(f.names.filter((n) => isNumeric(f.columns[n]!))) };
}

/**
 * A table of rows × columns from a Frame or an array of records. Numbers get fixed decimals,
 * missing values (NaN, null) the missing marker with a note, never "NaN".
 *
 * @example
 * dataTable([{ region: "Central Asia", n: 5, mean: 1.25 }],
 *   { columns: [{ key: "region", label: "Region" }, { key: "n", digits: "count" }, { key: "mean", digits: 1 }] });
 */
export function dataTable(data: Frame | readonly DataRecord[], opts: DataTableOptions = {}): TableModel {
  const { names, rows, numeric } = recordsOf(data);
  const cols: DataColumn[] = opts.columns ? [...opts.columns] : names.map((key) => ({ key }));
  for (const c of cols) {
    if (!names.includes(c.key) && rows.length > 0) {
      throw new Error(`dataTable${opts.id ? ` ${opts.id}` : ""}: unknown column '${c.key}' (columns: ${names.join(", ")})`);
    }
  }
  const align: Align[] = cols.map((c) => c.align ?? (numeric.has(c.key) ? "right" : "left"));
  const header: Cell[] = cols.map((c) => textCell(c.label ?? c.key, { key: c.key }));
  const body: Row[] = rows.map((r, i) => ({ key: `row:${i + 1}`, cells: cols.map((c) => ({ ...cellOf(r[c.key], c), key: c.key })) }));
  return makeTable({
    id: opts.id,
    title: opts.title,
    caption: opts.caption,
    header: [header],
    groups: [{ rows: body }],
    align,
    notes: opts.notes,
    missingNote: opts.missingNote,
  });
}
