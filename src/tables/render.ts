/**
 * Renderers of the table model: HTML, Markdown (GFM), LaTeX (booktabs) and CSV (RFC 4180).
 * Each escapes every text for its format; none changes a number's text.
 */
import { csvField, escapeHtml, escapeLatex, escapeMarkdown } from "./escape";
import type { Align, Cell, Row, TableModel } from "./model";

/* ----------------------------------------------------------------------------------------- HTML */

export interface HtmlOptions {
  /** Caption text placed in <caption> (default: "ID. Title"; the report passes its numbered form). */
  readonly caption?: string;
  /** Include the caption (default true). */
  readonly withCaption?: boolean;
}

function htmlCell(tag: "td" | "th", c: Cell, align: Align, rowKey: string | undefined): string {
  const a: string[] = [];
  const al = c.align ?? align;
  if (al !== "left") a.push(`class="${al === "right" ? "r" : "c"}"`);
  if (c.colspan && c.colspan > 1) a.push(`colspan="${c.colspan}"`);
  if (rowKey && c.key) a.push(`data-key="${escapeHtml(`${rowKey}|${c.key}`)}"`);
  if (c.value !== undefined && Number.isFinite(c.value)) a.push(`data-value="${escapeHtml(String(c.value))}"`);
  if (c.missing) a.push(`data-missing="true"`);
  const stars = c.stars ? `<sup>${escapeHtml(c.stars)}</sup>` : "";
  return `<${tag}${a.length ? " " + a.join(" ") : ""}>${escapeHtml(c.text)}${stars}</${tag}>`;
}

function htmlRow(r: Row, t: TableModel, tag: "td" | "th"): string {
  let col = 0;
  const cells = r.cells.map((c) => {
    const s = htmlCell(tag, c, t.align[col] ?? "left", r.key);
    col += c.colspan ?? 1;
    return s;
  });
  const attrs = [r.role === "se" ? ` class="se"` : r.role === "stat" ? ` class="stat"` : "", r.key ? ` data-row="${escapeHtml(r.key)}"` : ""].join("");
  return `<tr${attrs}>${cells.join("")}</tr>`;
}

/** Default caption text "ID. Title" (either part may be absent). */
export function defaultCaption(t: TableModel): string {
  return [t.id, t.title].filter(Boolean).join(". ");
}

/**
 * The table as an HTML `<table>`: <caption>, <thead>, one <tbody> per row group, notes in <tfoot>.
 * Number cells carry `data-value` (the exact number) and `data-key` ("rowKey|columnKey").
 *
 * @example
 * toHtml(dataTable([{ country: "<b>" }])); // contains "&lt;b&gt;"
 */
export function toHtml(t: TableModel, opts: HtmlOptions = {}): string {
  const n = t.align.length;
  const out: string[] = [];
  out.push(`<table class="tbl"${t.id ? ` data-table-id="${escapeHtml(t.id)}"` : ""}>`);
  const cap = opts.caption ?? defaultCaption(t);
  if ((opts.withCaption ?? true) && cap) out.push(`<caption>${escapeHtml(cap)}</caption>`);
  out.push("<thead>");
  for (const r of t.header) out.push(htmlRow(r, t, "th"));
  out.push("</thead>");
  for (const g of t.groups) {
    out.push("<tbody>");
    if (g.label) out.push(`<tr class="group"><th colspan="${n}">${escapeHtml(g.label)}</th></tr>`);
    for (const r of g.rows) out.push(htmlRow(r, t, "td"));
    out.push("</tbody>");
  }
  if (t.notes.length) {
    out.push(`<tfoot><tr><td colspan="${n}">${t.notes.map((x) => `<p>${escapeHtml(x)}</p>`).join("")}</td></tr></tfoot>`);
  }
  out.push("</table>");
  return out.join("\n");
}

/* ------------------------------------------------------------------------------------- Markdown */

/** Cells of a row expanded to one entry per column (a spanning cell fills its first column). */
function expand(r: Row, n: number, text: (c: Cell) => string): string[] {
  const out: string[] = [];
  for (const c of r.cells) {
    out.push(text(c));
    for (let k = 1; k < (c.colspan ?? 1); k++) out.push("");
  }
  while (out.length < n) out.push("");
  return out;
}

/**
 * The table as a GFM pipe table, preceded by a bold "ID. Title" line and the caption, followed by
 * the notes. Several header rows are merged column by column; group labels become bold rows.
 *
 * @example
 * toMarkdown(dataTable([{ a: 1 }])); // "| a |\n| ---: |\n| 1.00 |"
 */
export function toMarkdown(t: TableModel): string {
  const n = t.align.length;
  const md = (c: Cell) => escapeMarkdown(c.text) + (c.stars ? escapeMarkdown(c.stars) : "");
  const lines: string[] = [];
  const head = defaultCaption(t);
  if (head) lines.push(`**${escapeMarkdown(head)}**`, "");
  if (t.caption) lines.push(escapeMarkdown(t.caption), "");
  const headerCols: string[] = Array.from({ length: n }, () => "");
  // a header row whose only text spans every column but the first (e.g. the dependent variable of
  // a regression table) cannot be drawn in a pipe table: it becomes a line above the table
  const spanning = (r: Row) => {
    const filled = r.cells.filter((c) => c.text !== "");
    return filled.length === 1 && (filled[0]!.colspan ?? 1) >= n - 1 && n > 2;
  };
  for (const r of t.header) if (spanning(r)) lines.push(`*${escapeMarkdown(r.cells.find((c) => c.text !== "")!.text)}*`, "");
  for (const r of t.header) {
    if (spanning(r)) continue;
    expand(r, n, md).forEach((s, j) => {
      if (s) headerCols[j] = headerCols[j] ? `${headerCols[j]} ${s}` : s;
    });
  }
  const line = (cells: string[]) => `| ${cells.map((c) => c || " ").join(" | ")} |`;
  lines.push(line(headerCols));
  lines.push(`|${t.align.map((a) => (a === "left" ? ":---" : a === "right" ? "---:" : ":---:")).join("|")}|`);
  for (const g of t.groups) {
    if (g.label) lines.push(line([`**${escapeMarkdown(g.label)}**`, ...Array.from({ length: n - 1 }, () => "")]));
    for (const r of g.rows) lines.push(line(expand(r, n, md)));
  }
  if (t.notes.length) {
    lines.push("");
    for (const x of t.notes) lines.push(`*${escapeMarkdown(x)}*`, "");
    lines.pop();
  }
  return lines.join("\n") + "\n";
}

/* ---------------------------------------------------------------------------------------- LaTeX */

/**
 * The table as a LaTeX `table` float with a booktabs `tabular` (\toprule, \midrule between row
 * groups, \bottomrule), `\caption` and `\label{tab:ID}`, and the notes below in footnotesize.
 * Requires `\usepackage{booktabs}`. Stars are `\textsuperscript{***}`.
 *
 * @example
 * toLatex(dataTable([{ var_name: "5%" }])); // contains "var\\_name" and "5\\%"
 */
export function toLatex(t: TableModel): string {
  const n = t.align.length;
  const cell = (c: Cell, align: Align) => {
    // a negative number gets a typographic minus ($-$), not a hyphen
    const text = c.value !== undefined && /^-\d/.test(c.text) ? `$-$${escapeLatex(c.text.slice(1))}` : escapeLatex(c.text);
    const body = text + (c.stars ? `\\textsuperscript{${escapeLatex(c.stars)}}` : "");
    const span = c.colspan ?? 1;
    if (span > 1 || (c.align && c.align !== align)) return `\\multicolumn{${span}}{${(c.align ?? "c")[0]}}{${body}}`;
    return body;
  };
  const row = (r: Row) => {
    let col = 0;
    const cells = r.cells.map((c) => {
      const s = cell(c, t.align[col] ?? "left");
      col += c.colspan ?? 1;
      return s;
    });
    return `${cells.join(" & ")} \\\\`;
  };
  const out: string[] = [];
  out.push("\\begin{table}[htbp]", "\\centering");
  const title = t.title ? escapeLatex(t.title) : "";
  if (title || t.id) out.push(`\\caption{${title || escapeLatex(t.id!)}}${t.id ? `\\label{tab:${escapeLatex(t.id)}}` : ""}`);
  out.push(`\\begin{tabular}{${t.align.map((a) => a[0]).join("")}}`, "\\toprule");
  t.header.forEach((r, i) => {
    out.push(row(r));
    // rule under a spanning header cell (dependent-variable line)
    if (i < t.header.length - 1) {
      let col = 1;
      for (const c of r.cells) {
        const s = c.colspan ?? 1;
        if (s > 1) out.push(`\\cmidrule(lr){${col}-${col + s - 1}}`);
        col += s;
      }
    }
  });
  for (const g of t.groups) {
    out.push("\\midrule");
    if (g.label) out.push(`\\multicolumn{${n}}{l}{\\textit{${escapeLatex(g.label)}}} \\\\`);
    for (const r of g.rows) out.push(row(r));
  }
  out.push("\\bottomrule", "\\end{tabular}");
  if (t.caption || t.notes.length) {
    const parts = [...(t.caption ? [t.caption] : []), ...t.notes].map(escapeLatex);
    out.push(`\\par\\smallskip\\parbox{\\linewidth}{\\footnotesize ${parts.join(" \\\\ ")}}`);
  }
  out.push("\\end{table}");
  return out.join("\n") + "\n";
}

/* ------------------------------------------------------------------------------------------ CSV */

/**
 * The table as CSV (RFC 4180: CRLF line ends, fields quoted when needed, quotes doubled): header
 * rows, then every body row (a group label as its own row); stars are appended to the estimate.
 * Title, caption and notes are not part of the CSV (they are in the .md and .tex files).
 *
 * @example
 * toCsv(dataTable([{ name: 'a, "b"' }])); // 'name\r\n"a, ""b"""\r\n'
 */
export function toCsv(t: TableModel): string {
  const n = t.align.length;
  const text = (c: Cell) => c.text + (c.stars ?? "");
  const lines: string[] = [];
  for (const r of t.header) lines.push(expand(r, n, text).map(csvField).join(","));
  for (const g of t.groups) {
    if (g.label) lines.push([g.label, ...Array.from({ length: n - 1 }, () => "")].map(csvField).join(","));
    for (const r of g.rows) lines.push(expand(r, n, text).map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
