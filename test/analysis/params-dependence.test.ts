// Acceptance (issue 5): changing ONE setting in the one parameters file changes every dependent
// table and figure consistently. The analysis is built twice on the real data (data directory
// setting), with the country list (64 vs 65) and then the LPI/Findex fill rule changed; every table
// must state the new setting in its sample note, and N in the tables must equal the N of the
// engine's fits for that parameter set.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadParams, withParams, type AnalysisParams } from "../../src/analysis/params";
import { runAnalysis, baselineModel, type AnalysisRun } from "../../src/analysis/index";
import type { TableModel } from "../../src/tables/index";
import { factorVerdict } from "../../src/analysis/scorecard";

// keep the specification curve small in this test (the same restriction for both parameter sets)
const base = withParams(loadParams(), {
  specCurve: { dimensions: { source: ["mirror"], digital: ["internet_users_pct"], payment: ["atms_per100k_adults"], logistics: ["lpi_overall_score"], lag: [0, 1], winsorise: [false], excludeCovid: [false], editionOnly: [false], extended: [false], vcov: ["cluster"] } },
});

function cellsOfRow(t: TableModel, key: string) {
  for (const g of t.groups) for (const r of g.rows) if (r.key === key) return r.cells;
  return undefined;
}

function notesText(t: TableModel): string {
  return t.notes.join("\n");
}

function checkRun(run: AnalysisRun, p: AnalysisParams) {
  for (const [id, t] of run.tables) {
    assert.match(notesText(t), new RegExp(`${p.panel.list}-country`), `${id} states the ${p.panel.list}-country list`);
    if (id !== "T10") assert.match(notesText(t), new RegExp(`fill rule ${p.panel.fill}`), `${id} states fill rule ${p.panel.fill}`);
  }
  // T5: N of each column = the engine's nobs of that model; the sample note names that N
  const t5 = run.tables.get("T5")!;
  const n = cellsOfRow(t5, "stat:nobs")!;
  run.baseline.models.forEach((m, j) => assert.equal(n[j + 1]!.value, m.fit.result.nobs, `T5 column ${j + 1} N`));
  assert.match(notesText(t5), new RegExp(`N = ${run.baseline.sample.nobs},`));
  // T7: the baseline row's N is the robustness baseline fit's N
  const t7 = run.tables.get("T7")!;
  assert.equal(cellsOfRow(t7, "check:baseline")![1]!.value, run.robustness!.baseline.fit!.result.nobs);
  // F10: the coefficient plot shows the two-way FE estimates of this run
  const f10 = run.figures.get("F10")!;
  const tw = baselineModel(run.baseline, "twfe").fit.result;
  const trace = (f10.data as { name: string; x: number[] }[]).find((d) => d.name === baselineModel(run.baseline, "twfe").title)!;
  const names = Object.values(baselineModel(run.baseline, "twfe").sample.factorColumns) as string[];
  assert.deepEqual(trace.x, names.map((c) => tw.coef[tw.coefNames.indexOf(c)]));
  // T9: every claim has a verdict; the untestable concepts are "not testable"; a factor verdict is
  // the rule applied to this run's baseline estimate and curve tally (single source of truth)
  assert.deepEqual(run.scorecard.map((r) => r.id), ["D1", "D2", "D3", "D4", "D5", "D6", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"]);
  assert.equal(run.scorecard.find((r) => r.id === "F4")!.outcome.verdict, "not testable");
  assert.equal(run.scorecard.find((r) => r.id === "F8")!.outcome.verdict, "not testable");
  const col = baselineModel(run.baseline, "twfe").sample.factorColumns.digital!;
  const s = run.curve!.summary.find((x) => x.factor === "digital")!;
  const expected = factorVerdict({ expectedSign: p.factors.digital.expectedSign, measured: true, baseline: { estimate: tw.coefficients[col]!.estimate, pValue: tw.coefficients[col]!.pValue }, curve: { n: s.n, rightSignSignificant: s.rightSignSignificant } }, p.scorecard);
  assert.equal(run.scorecard.find((r) => r.id === "F1")!.outcome.verdict, expected.verdict);
  const t9 = run.tables.get("T9")!;
  assert.equal(t9.groups[0]!.rows.length, run.scorecard.length);
}

test("changing the country list changes every table and figure consistently", { timeout: 300_000 }, () => {
  const other = base.panel.list === 64 ? 65 : 64;
  const p2 = withParams(base, { panel: { list: other } });
  const a = runAnalysis(base);
  const b = runAnalysis(p2);
  checkRun(a, base);
  checkRun(b, p2);
  assert.deepEqual([...a.tables.keys()].sort(), [...b.tables.keys()].sort());
  // the panels differ by the list difference, and so do the samples
  const countries = (r: AnalysisRun) => new Set(r.panel.frame.columns[r.params.identifiers.id] as readonly string[]).size;
  assert.equal(countries(a), base.panel.list);
  assert.equal(countries(b), other);
  assert.notEqual(a.baseline.sample.nobs, b.baseline.sample.nobs);
  for (const id of ["T5", "T6", "T7", "A4", "T8", "T9"]) {
    assert.notEqual(notesText(a.tables.get(id)!), notesText(b.tables.get(id)!), `${id} changes with the list`);
  }
  for (const id of a.figures.keys()) assert.notEqual(JSON.stringify(a.figures.get(id)), JSON.stringify(b.figures.get(id)), `${id} changes with the list`);
  // the robustness "other list" check of one run is the baseline of the other
  const cross = a.robustness!.checks.find((c) => c.id === `list-${other}`)!;
  assert.equal(cross.fit!.result.nobs, b.robustness!.baseline.fit!.result.nobs);
});

test("changing the LPI/Findex fill rule changes the samples that use filled cells", { timeout: 300_000 }, () => {
  const other = base.panel.fill === "none" ? "linear" : "none";
  const p2 = withParams(base, { panel: { fill: other } });
  const a = runAnalysis(base, { robustness: true });
  const b = runAnalysis(p2, { robustness: true });
  checkRun(a, base);
  checkRun(b, p2);
  // with no fill, LPI exists only in edition years: the baseline sample is a subset
  const none = other === "none" ? b : a;
  const filled = other === "none" ? a : b;
  assert.ok(none.baseline.sample.nobs < filled.baseline.sample.nobs, "no fill → fewer observations");
  // the edition-only check does not depend on the fill rule (it drops filled cells)
  const ed = (r: AnalysisRun) => r.robustness!.checks.find((c) => c.id === "edition-only")!.fit?.result.nobs;
  assert.equal(ed(a), ed(b));
});
