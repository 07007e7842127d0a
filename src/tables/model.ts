/**
 * The one table model of the project (arquero style: one model, separate renderers).
 *
 * A table is a header (one or more rows, cells may span columns), groups of body rows separated by
 * a rule, and notes. Cells hold display text (never escaped here: every renderer escapes for its own
 * format) plus, for numbers, the exact value behind the text so that a reader or a test can trace
 * every printed number back to the computation that produced it.
 *
 * @example
 * const t = makeTable({ header: [[textCell("Country"), textCell("Exports")]],
 *   groups: [{ rows: [{ cells: [textCell("Kazakhstan"), numberCell(12.345, 1)] }] }] });
 * toMarkdown(t); // "| Country | Exports |\n|:---|---:|\n| Kazakhstan | 12.3 |"
 */
import { formatNumber } from "./format";

export type Align = "left" | "right" | "center";

export interface Cell {
  /** Display text, unescaped. */
  readonly text: string;
  /** The exact number behind `text` (full double precision), when the cell shows a number. */
  readonly value?: number;
  /** Significance marker shown as a superscript after the text (e.g. "***"). */
  readonly stars?: string;
  /** Columns this cell spans (header cells; default 1). */
  readonly colspan?: number;
  /** Alignment override for this cell. */
  readonly align?: Align;
  /** True when the value is missing/not defined; `text` then holds the missing marker. */
  readonly missing?: boolean;
  /** A stable key (e.g. the model column) used by tests and by the HTML `data-key` attribute. */
  readonly key?: string;
}

export interface Row {
  readonly cells: readonly Cell[];
  /** A stable key for the row (e.g. "coef:ln_gdp", "se:ln_gdp", "stat:nobs"). */
  readonly key?: string;
  /** Presentation role: "se" rows are secondary (smaller, no row label). */
  readonly role?: "body" | "se" | "stat" | "label";
}

export interface RowGroup {
  /** Optional group heading, rendered as a spanning row. */
  readonly label?: string;
  readonly rows: readonly Row[];
}

export interface TableModel {
  /** Stable artifact ID (T1, A2…), see src/artifacts.ts. */
  readonly id?: string;
  readonly title?: string;
  /** Caption: source and sample. */
  readonly caption?: string;
  readonly header: readonly Row[];
  readonly groups: readonly RowGroup[];
  /** Column alignment, one per column. */
  readonly align: readonly Align[];
  readonly notes: readonly string[];
}

/** Marker printed for a missing or undefined number (explained in the table notes). */
export const MISSING_MARK = "–";

/** A text cell. */
export function textCell(text: string | null | undefined, extra: Partial<Cell> = {}): Cell {
  if (text === null || text === undefined) return { text: MISSING_MARK, missing: true, ...extra };
  return { text, ...extra };
}

/**
 * A number cell with `digits` fixed decimals; a non-finite value becomes the missing marker (never
 * "NaN"), and `makeTable` adds a note explaining the marker.
 */
export function numberCell(value: number, digits: number, extra: Partial<Cell> = {}): Cell {
  const text = formatNumber(value, digits);
  if (text === null) return { text: MISSING_MARK, value, missing: true, ...extra };
  return { text, value, ...extra };
}

/** Number of columns of a table (from its alignment). */
export function ncol(t: TableModel): number {
  return t.align.length;
}

export interface MakeTableInput {
  readonly id?: string;
  readonly title?: string;
  readonly caption?: string;
  readonly header: readonly (readonly Cell[] | Row)[];
  readonly groups: readonly RowGroup[];
  readonly align?: readonly Align[];
  readonly notes?: readonly string[];
  /** Text of the note explaining the missing marker (added only when a cell is missing). */
  readonly missingNote?: string;
}

function asRow(r: readonly Cell[] | Row): Row {
  return Array.isArray(r) ? { cells: r as readonly Cell[] } : (r as Row);
}

function width(r: Row): number {
  return r.cells.reduce((s, c) => s + (c.colspan ?? 1), 0);
}

/**
 * Build and validate a table: every header and body row must span the same number of columns
 * (the error names the row). Default alignment: first column left, others right. Adds a note for
 * the missing marker when any body cell is missing.
 */
export function makeTable(input: MakeTableInput): TableModel {
  const header = input.header.map(asRow);
  const n = input.align?.length ?? (header[0] ? width(header[0]) : input.groups[0]?.rows[0] ? width(input.groups[0].rows[0]) : 0);
  const where = input.id ? `table ${input.id}` : "table";
  header.forEach((r, i) => {
    if (width(r) !== n) throw new Error(`${where}: header row ${i + 1} spans ${width(r)} columns, expected ${n}`);
  });
  let anyMissing = false;
  input.groups.forEach((g, gi) =>
    g.rows.forEach((r, ri) => {
      if (width(r) !== n) {
        throw new Error(`${where}: row ${ri + 1} of group ${gi + 1}${r.key ? ` (${r.key})` : ""} spans ${width(r)} columns, expected ${n}`);
      }
      if (r.cells.some((c) => c.missing)) anyMissing = true;
    }),
  );
  const align: Align[] = input.align ? [...input.align] : Array.from({ length: n }, (_, i) => (i === 0 ? "left" : "right"));
  const notes = [...(input.notes ?? [])];
  if (anyMissing) notes.push(input.missingNote ?? `${MISSING_MARK} not available (missing or not defined for this sample).`);
  return Object.freeze({
    id: input.id,
    title: input.title,
    caption: input.caption,
    header,
    groups: input.groups,
    align,
    notes,
  });
}
