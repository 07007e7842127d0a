// The report's appendix table builders (A2, A3) on constructed inputs (not study data).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleaningLogTable, variableDictionaryTable } from "../../src/report/study-tables";
import { toHtml } from "../../src/tables";
import type { ColumnInfo } from "../../src/clean/panel";

const dict: ColumnInfo[] = [
  { name: "exports_usd", meaning: "exports", unit: "current US$", source: "trade/x.csv", indicator: "X", role: "dependent" },
  { name: "lpi_score", meaning: "LPI <overall>", unit: "score 1–5", source: "indicators/lpi.csv", indicator: "LP.LPI", role: "regressor" },
];
test("variableDictionaryTable and cleaningLogTable escape text and keep counts", () => {
  const d = variableDictionaryTable(dict);
  assert.equal(d.id, "A2");
  assert.ok(toHtml(d).includes("LPI &lt;overall&gt;"));
  const log = cleaningLogTable({ entries: [{ step: "fill", variable: "lpi_score", source: "indicators/lpi.csv", count: 128, detail: "linear, 2016→2018" }] });
  assert.equal(log.id, "A3");
  assert.deepEqual(log.groups[0]!.rows[0]!.cells.map((c) => c.text), ["fill", "lpi_score", "indicators/lpi.csv", "128", "linear, 2016→2018"]);
});
