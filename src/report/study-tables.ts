/**
 * The descriptive tables of the study (T1–T4) and the panel appendices (A2, A3) as table models,
 * built from the results of src/stats (descriptiveAnalysis) and src/clean (buildPanel). The
 * regression tables (T5–T10, A4) are built in src/analysis/tables.ts. They only arrange and format numbers that those
 * functions computed (unit scaling for display, e.g. US$ → bn US$, is stated in the header).
 * Notebooks and the report call the same builders, so both show the same table.
 */
import { artifact } from "../artifacts";
import type { CleaningLog } from "../clean/log";
import type { ColumnInfo } from "../clean/panel";
import type { DescriptiveAnalysis } from "../stats/descriptiveAnalysis";
import type { VariableSummary } from "../stats/describe";
import {
  type Cell,
  type Row,
  type TableModel,
  dataTable,
  formatCount,
  makeTable,
  numberCell,
  textCell,
} from "../tables";

function meta(id: string) {
  const a = artifact(id);
  return { id: a.id, title: a.title, caption: a.caption };
}

/** Decimals for a variable from the size of its typical value: ≥1000 → 0, ≥10 → 1, ≥1 → 2, else 3. */
export function decimalsFor(typical: number | null): number {
  const a = typical === null ? 0 : Math.abs(typical);
  return a >= 1000 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
}

const num = (v: number | null, d: number): Cell => (v === null ? numberCell(NaN, d) : numberCell(v, d));
const count = (v: number): Cell => ({ text: formatCount(v) ?? "–", value: v });

/** True for a variable in current US$ (shown in bn US$). */
function isUsd(name: string, dict: ReadonlyMap<string, ColumnInfo>): boolean {
  const u = dict.get(name)?.unit ?? "";
  return /US\$/.test(u) && !/^ln|log/.test(u) && !name.startsWith("ln_") && /_usd$/.test(name);
}

/**
 * T1: summary statistics of the panel variables (N, missing, mean, sd, min, quartiles, max,
 * skewness G1, excess kurtosis G2), decimals chosen per variable; US$ variables in bn US$.
 */
export function summaryStatisticsTable(summary: readonly VariableSummary[], dictionary: readonly ColumnInfo[], sample: string): TableModel {
  const dict = new Map(dictionary.map((c) => [c.name, c]));
  const head = ["Variable", "N", "Missing", "Mean", "SD", "Min", "P25", "Median", "P75", "Max", "Skewness", "Kurtosis"];
  const rows: Row[] = summary.map((s) => {
    const usd = isUsd(s.variable, dict);
    const k = usd ? 1e-9 : 1;
    const sc = (v: number | null) => (v === null ? null : v * k);
    const d = decimalsFor(sc(s.median));
    const unit = usd ? "bn US$" : dict.get(s.variable)?.unit ?? "";
    return {
      key: `var:${s.variable}`,
      cells: [
        textCell(`${s.variable}${unit ? ` (${unit})` : ""}`, { key: "variable" }),
        { ...count(s.n), key: "n" },
        { ...count(s.missing), key: "missing" },
        ...([["mean", s.mean], ["sd", s.sd], ["min", s.min], ["p25", s.p25], ["median", s.median], ["p75", s.p75], ["max", s.max]] as const).map(([key, v]) => ({ ...num(sc(v), d), key })),
        { ...num(s.skewness, 2), key: "skewness" },
        { ...num(s.kurtosis, 2), key: "kurtosis" },
      ],
    };
  });
  const notes = [`Sample: ${sample}.`, "Skewness: adjusted Fisher–Pearson G1; kurtosis: adjusted excess kurtosis G2; quartiles: type 7 (R default). Variables in current US$ are shown in bn US$."];
  const undefinedNotes = summary.filter((s) => s.note).map((s) => `${s.variable}: ${s.note}`);
  return makeTable({
    ...meta("T1"),
    header: [head.map((h, j) => textCell(h, { align: j === 0 ? "left" : "right" }))],
    groups: [{ rows }],
    notes,
    missingNote: `– not defined: ${undefinedNotes.join("; ") || "see the notes of src/stats/describe.ts"}.`,
  });
}

/**
 * T2: exports by region from each source — first- and last-year value (bn US$), CAGR and the
 * last-year share (balanced set of countries for the mirror, as in the descriptive analysis).
 */
export function exportsByRegionTable(d: DescriptiveAnalysis): TableModel {
  const block = (b: DescriptiveAnalysis["nbs"]) => {
    const byGroup = new Map(b.growth.map((g) => [g.group, g]));
    const shares = new Map(b.shares.map((s) => [s.group, s]));
    return { byGroup, shares, all: b.allGrowth };
  };
  const nbs = block(d.nbs);
  const mir = block(d.mirror);
  const [n0, n1] = d.nbs.years;
  const [m0, m1] = d.mirror.years;
  const cellsFor = (b: ReturnType<typeof block>, g: string | null, k: string): Cell[] => {
    const gr = g === null ? b.all : b.byGroup.get(g);
    const first = gr?.total[0] ?? null;
    const last = gr?.total[gr.total.length - 1] ?? null;
    const sh = g === null ? 1 : b.shares.get(g)?.share;
    const lastShare = typeof sh === "number" ? sh : sh ? sh[sh.length - 1] ?? null : null;
    return [
      { ...num(first === null ? null : first / 1e9, 1), key: `${k}:first` },
      { ...num(last === null ? null : last / 1e9, 1), key: `${k}:last` },
      { ...num(gr?.cagr === null || gr?.cagr === undefined ? null : 100 * gr.cagr, 1), key: `${k}:cagr` },
      { ...num(lastShare === null ? null : 100 * lastShare, 1), key: `${k}:share` },
    ];
  };
  const rows: Row[] = d.regions.map((g) => ({ key: `region:${g}`, cells: [textCell(g, { key: "region" }), ...cellsFor(nbs, g, "nbs"), ...cellsFor(mir, g, "mirror")] }));
  const total: Row = { key: "region:all", cells: [textCell("All Belt-and-Road countries", { key: "region" }), ...cellsFor(nbs, null, "nbs"), ...cellsFor(mir, null, "mirror")] };
  const dropped = d.mirror.balancedTotals.droppedUnbalanced;
  return makeTable({
    ...meta("T2"),
    header: [
      [textCell(""), textCell(`China-reported (NBS, FOB), ${n0}–${n1}`, { colspan: 4, align: "center" }), textCell(`Partner-reported (mirror, CIF), ${m0}–${m1}, balanced`, { colspan: 4, align: "center" })],
      [textCell("Region"), ...[n0, n1, m0, m1].flatMap((y, j) => (j % 2 === 0 ? [textCell(`${y} (bn US$)`)] : [textCell(`${y} (bn US$)`), textCell("CAGR (%)"), textCell(`Share ${y} (%)`)]))],
    ],
    groups: [{ rows }, { rows: [total] }],
    notes: [
      "Total merchandise exports (the proxy for cross-border e-commerce exports). The two sources are never spliced.",
      `Mirror: countries reporting in every year ${m0}–${m1}; left out: ${dropped.join(", ") || "none"}.`,
    ],
  });
}

/** T3: quarter shares of annual exports (mean over the years used) and the quarter effects regression. */
export function seasonalityTable(d: DescriptiveAnalysis): TableModel {
  const s = d.seasonality;
  const shareRows: Row[] = s.quarterShareMean.map((v, q) => ({
    key: `quarter:Q${q + 1}`,
    cells: [textCell(`Q${q + 1} share of the year (%)`, { key: "label" }), { ...numberCell(100 * v, 1), key: "mean" }, ...s.quarterShareByYear.map((y, k) => ({ ...numberCell(100 * y[q]!, 1), key: `y${s.yearsUsed[k]}` }))],
  }));
  const h2: Row = { key: "quarter:H2", cells: [textCell("Q3 + Q4 (%)", { key: "label" }), { ...numberCell((100 * s.secondHalfShare.reduce((a, b) => a + b, 0)) / Math.max(1, s.secondHalfShare.length), 1), key: "mean" }, ...s.secondHalfShare.map((v, k) => ({ ...numberCell(100 * v, 1), key: `y${s.yearsUsed[k]}` }))] };
  const width = 2 + s.yearsUsed.length;
  const pad = (cells: Cell[]): Cell[] => [...cells, ...Array.from({ length: width - cells.length }, () => textCell(""))];
  const reg = s.regression;
  const effRows: Row[] = reg.effects.map((e) => ({
    key: `effect:${e.term}`,
    cells: pad([textCell(`${e.term} vs Q1 (${reg.scale} monthly exports)`, { key: "label" }), { ...numberCell(e.estimate, 3), key: "estimate" }, { text: `(${numberCellText(e.stdError, 3)})`, value: e.stdError, key: "se" }, { ...numberCell(e.pValue, 3), key: "p" }]),
  }));
  const fRow: Row = { key: "effect:F", cells: pad([textCell(`F test of no quarter effects, F(${reg.fDf1}, ${reg.fDf2})`, { key: "label" }), { ...numberCell(reg.fStatistic, 2), key: "F" }, textCell(""), { ...numberCell(reg.fPValue, 3), key: "p" }]) };
  return makeTable({
    ...meta("T3"),
    header: [[textCell(""), textCell("Mean"), ...s.yearsUsed.map((y) => textCell(String(y)))]],
    groups: [{ rows: [...shareRows, h2] }, { label: "Quarter effects: estimate, (SE), p-value", rows: [...effRows, fRow] }],
    notes: [`Years used: ${s.yearsUsed.join(", ")}${s.excludedYears.length ? `; excluded: ${s.excludedYears.map((e) => `${e.year} (${e.reason})`).join("; ")}` : ""}. January and February: ${s.janFeb}.`],
  });
}

function numberCellText(v: number, d: number): string {
  return numberCell(v, d).text;
}

/** T4: region means of the factor variables (one column per factor). */
export function regionalGapsTable(d: DescriptiveAnalysis): TableModel {
  const factors = d.options.factors;
  const meanOf = (g: DescriptiveAnalysis["gapsByRegion"][number], name: string) => g.stats.find((x) => x.variable === name)?.mean ?? null;
  // one number of decimals per column, from the median of the column's region means
  const digits = factors.map((f) => {
    const v = d.gapsByRegion.map((g) => meanOf(g, f.name)).filter((x): x is number => x !== null).sort((a, b) => a - b);
    return decimalsFor(v.length ? v[Math.floor(v.length / 2)]! : null);
  });
  const rows: Row[] = d.gapsByRegion.map((g) => ({
    key: `region:${g.group}`,
    cells: [textCell(g.group, { key: "region" }), ...factors.map((f, j) => ({ ...num(meanOf(g, f.name), digits[j]!), key: f.name }))],
  }));
  return makeTable({
    ...meta("T4"),
    header: [[textCell("Region"), ...factors.map((f) => textCell(f.label, { align: "right" }))]],
    groups: [{ rows }],
    notes: ["Means over the country-years of the region with a value (pooled over the panel years)."],
    missingNote: "– no country-year of the region has a value.",
  });
}

/** A2: the variable dictionary of the panel. */
export function variableDictionaryTable(dictionary: readonly ColumnInfo[]): TableModel {
  return dataTable(
    dictionary.map((c) => ({ name: c.name, meaning: c.meaning, unit: c.unit, role: c.role, source: c.source, indicator: c.indicator })),
    {
      ...meta("A2"),
      columns: [
        { key: "name", label: "Column" },
        { key: "meaning", label: "Meaning" },
        { key: "unit", label: "Unit" },
        { key: "role", label: "Role" },
        { key: "source", label: "Source file" },
        { key: "indicator", label: "Indicator" },
      ],
    },
  );
}

/** A3: the cleaning log, summed by step and variable (counts of rows or cells concerned). */
export function cleaningLogTable(log: CleaningLog): TableModel {
  const rows = log.entries.map((e) => ({ step: e.step, variable: e.variable, source: e.source, count: e.count, detail: e.detail }));
  return dataTable(rows, {
    ...meta("A3"),
    columns: [
      { key: "step", label: "Step" },
      { key: "variable", label: "Variable" },
      { key: "source", label: "Source" },
      { key: "count", label: "Count", digits: "count" },
      { key: "detail", label: "Detail" },
    ],
    notes: [`${log.entries.length} entries, in the order buildPanel applied them (src/clean/panel.ts).`],
  });
}
