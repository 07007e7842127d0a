/**
 * The panel appendices of the report (A2 variable dictionary, A3 cleaning log) as table models,
 * from the result of buildPanel (src/clean). The descriptive tables T1–T4 are built in
 * src/stats/descriptiveTables.ts, the regression tables T5–T10 and A4 in src/analysis/tables.ts.
 */
import { artifactMeta } from "../artifacts";
import type { CleaningLog } from "../clean/log";
import type { ColumnInfo } from "../clean/panel";
import { type TableModel, dataTable } from "../tables";

/** A2: the variable dictionary of the panel. */
export function variableDictionaryTable(dictionary: readonly ColumnInfo[]): TableModel {
  return dataTable(
    dictionary.map((c) => ({ name: c.name, meaning: c.meaning, unit: c.unit, role: c.role, source: c.source, indicator: c.indicator })),
    {
      ...artifactMeta("A2"),
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
    ...artifactMeta("A3"),
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
