// Structural checks of the analysis figure specs (constructed inputs, no data): every trace has
// matching x/y lengths, axes referenced exist, the JSON is deterministic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadParams } from "../../src/analysis/params";
import { coefficientPlot, specCurveFigure, specCurveDetailFigure, registeredFigure } from "../../src/analysis/figures";
import { enumerateSpecifications, summarizeCurve, type SpecCurveResult, type SpecOutcome } from "../../src/analysis/speccurve";

const p = loadParams();

function fakeCurve(): SpecCurveResult {
  const { specs } = enumerateSpecifications(p);
  const outcomes: SpecOutcome[] = specs.slice(0, 12).map((choice, i) => ({
    choice, nobs: 100, countries: 10, dropped: 0,
    estimates: {
      digital: { estimate: i / 10 - 0.3, se: 0.1, pValue: i % 3 === 0 ? 0.5 : 0.01, ciLow: i / 10 - 0.5, ciHigh: i / 10 - 0.1 },
      tariffs: { estimate: -i / 20, se: 0.1, pValue: 0.02, ciLow: -i / 20 - 0.2, ciHigh: -i / 20 + 0.2 },
    },
  }));
  return { outcomes, skipped: [], duplicates: [], failed: 0, fits: 6, alpha: p.alpha, standardized: true, elapsedMs: 1, summary: summarizeCurve(outcomes, p) };
}

function checkTraces(fig: { data: readonly unknown[]; layout?: Record<string, unknown> }) {
  for (const t of fig.data as { x: unknown[]; y: unknown[]; xaxis?: string; yaxis?: string }[]) {
    assert.equal(t.x.length, t.y.length);
    for (const [ax, key] of [[t.xaxis ?? "x", "xaxis"], [t.yaxis ?? "y", "yaxis"]] as const) {
      const name = ax.length > 1 ? `${key}${ax.slice(1)}` : key;
      assert.ok(fig.layout?.[name] !== undefined, `axis ${name} is defined`);
    }
  }
}

test("specification-curve figure: one panel per factor, colours by sign and significance", () => {
  const c = fakeCurve();
  const fig = specCurveFigure(c, p);
  checkTraces(fig as never);
  type T = { x: number[]; y: number[]; xaxis?: string; marker: { color: string } };
  const traces = fig.data as T[];
  const axes = new Set(traces.map((t) => t.xaxis ?? "x"));
  assert.equal(axes.size, c.summary.length, "one panel per factor");
  // the first panel: points of all classes together are sorted by estimate along the rank axis
  const first = traces.filter((t) => (t.xaxis ?? "x") === "x");
  const pts = first.flatMap((t) => t.x.map((x, i) => [x, t.y[i]!] as const)).sort((a, b) => a[0] - b[0]);
  const ys = pts.map((q) => q[1]);
  assert.deepEqual(ys, [...ys].sort((a, b) => a - b), "sorted by estimate");
  assert.equal(pts.length, c.summary[0]!.n);
  assert.ok(new Set(first.map((t) => t.marker.color)).size > 1, "several significance classes");
  assert.equal(JSON.stringify(specCurveFigure(c, p)), JSON.stringify(fig), "deterministic");
  const det = specCurveDetailFigure(c, p, "digital");
  checkTraces(det as never);
});

test("coefficient plot: CI error bars equal the distance to the interval ends", () => {
  const res = { coefNames: ["a", "b"], coef: [1, -2], confInt: () => [[0.5, 1.7], [-3, -1]] };
  const fig = coefficientPlot([{ title: "M1", result: res }, { title: "M2", result: { ...res, coefNames: ["b", "c"] } }], ["a", "b", "c"], (n) => n.toUpperCase());
  checkTraces(fig as never);
  const t = fig.data[0] as { x: number[]; error_x: { array: number[]; arrayminus: number[] } };
  assert.deepEqual(t.x, [1, -2]);
  assert.ok(Math.abs(t.error_x.array[0]! - 0.7) < 1e-12 && Math.abs(t.error_x.arrayminus[0]! - 0.5) < 1e-12);
  const yaxis = (fig.layout as { yaxis: { ticktext: string[] } }).yaxis;
  assert.deepEqual(yaxis.ticktext, ["A", "B", "C"]);
});

test("every analysis figure passes the figure-spec validation of src/figures (no undefined, no NaN)", () => {
  const c = fakeCurve();
  const res = { coefNames: ["a"], coef: [1], confInt: () => [[0.5, 1.5]] };
  const figs = { F10: coefficientPlot([{ title: "M", result: res }], ["a"], (n) => n), F11: specCurveFigure(c, p), F12: specCurveDetailFigure(c, p, "digital") };
  for (const [id, f] of Object.entries(figs)) {
    const r = registeredFigure(id, f, "test sample");
    assert.equal(r.id, id);
    assert.match(r.caption, /test sample/);
  }
});
