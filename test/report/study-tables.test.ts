// The report's descriptive and appendix table builders on constructed inputs (not study data).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleaningLogTable, decimalsFor, summaryStatisticsTable, variableDictionaryTable } from "../../src/report/study-tables";
import { MISSING_MARK, toCsv, toHtml } from "../../src/tables";
import type { ColumnInfo } from "../../src/clean/panel";
import type { VariableSummary } from "../../src/stats/describe";

const dict: ColumnInfo[] = [
  { name: "exports_usd", meaning: "exports", unit: "current US$", source: "trade/x.csv", indicator: "X", role: "dependent" },
  { name: "lpi_score", meaning: "LPI <overall>", unit: "score 1–5", source: "indicators/lpi.csv", indicator: "LP.LPI", role: "regressor" },
];
const summary = (variable: string, median: number | null, extra: Partial<VariableSummary> = {}): VariableSummary => ({
  variable, n: 10, missing: 2, mean: median, sd: median, min: median, p25: median, median, p75: median, max: median, skewness: 0.5, kurtosis: -1.25, note: "", ...extra,
});

test("decimalsFor: more decimals for smaller typical values", () => {
  assert.deepEqual([decimalsFor(12345), decimalsFor(55.5), decimalsFor(2.9), decimalsFor(0.02), decimalsFor(null)], [0, 1, 2, 3, 3]);
});

test("summaryStatisticsTable: US$ in bn with decimals by size, undefined statistics as a marker with a note", () => {
  const t = summaryStatisticsTable(
    [summary("exports_usd", 2.5e9), summary("lpi_score", 2.9, { skewness: null, kurtosis: null, note: "sd = 0" })],
    dict,
    "2 countries, 2015–2016",
  );
  const rows = t.groups[0]!.rows.map((r) => r.cells.map((c) => c.text));
  assert.equal(rows[0]![0], "exports_usd (bn US$)");
  assert.equal(rows[0]![3], "2.50", "2.5e9 US$ shown as 2.50 bn");
  assert.equal(t.groups[0]!.rows[0]!.cells[3]!.value, 2.5, "value is the displayed (scaled) number");
  assert.equal(rows[1]![0], "lpi_score (score 1–5)");
  assert.equal(rows[1]![10], MISSING_MARK);
  assert.ok(t.notes.some((n) => n.includes("lpi_score: sd = 0")), "the undefined statistic is explained");
  assert.ok(!toCsv(t).includes("NaN"));
});

test("variableDictionaryTable and cleaningLogTable escape text and keep counts", () => {
  const d = variableDictionaryTable(dict);
  assert.equal(d.id, "A2");
  assert.ok(toHtml(d).includes("LPI &lt;overall&gt;"));
  const log = cleaningLogTable({ entries: [{ step: "fill", variable: "lpi_score", source: "indicators/lpi.csv", count: 128, detail: "linear, 2016→2018" }] });
  assert.equal(log.id, "A3");
  assert.deepEqual(log.groups[0]!.rows[0]!.cells.map((c) => c.text), ["fill", "lpi_score", "indicators/lpi.csv", "128", "linear, 2016→2018"]);
});
