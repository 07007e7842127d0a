// Figure specs F1–F9: structure (equal-length data arrays, no NaN, title, caption, unique registry
// IDs), byte-identical JSON across two builds, offline map assets, and the validator itself.
// reference: plotly.js trace/layout schema conventions (x/y/locations/text arrays of equal length;
// heatmap z rows × columns = y × x); src/artifacts.ts for IDs and titles.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { monthlyExportsPath } from "../fixtures/data";
import { artifact } from "../../src/artifacts";
import { buildPanel } from "../../src/clean/panel";
import { readCsvFrame } from "../../src/data/csv";
import { syntheticMonthly, syntheticPanel } from "../fixtures/descriptive";
import {
  descriptiveFigures,
  figureHtml,
  figureJson,
  leastSquaresLine,
  makeFigure,
  mapCountryIds,
  validateFigureSpec,
  worldTopojson,
  type FigureSpec,
} from "../../src/figures/index";
import { descriptiveAnalysis } from "../../src/stats/index";

function checkAll(figs: FigureSpec[]) {
  assert.deepEqual(figs.map((f) => f.id), ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"]);
  assert.equal(new Set(figs.map((f) => f.id)).size, figs.length, "IDs unique");
  for (const f of figs) {
    validateFigureSpec(f);
    assert.equal(artifact(f.id).kind, "figure");
    assert.equal(f.title, artifact(f.id).title);
    assert.ok(f.caption.startsWith(artifact(f.id).caption), `${f.id}: caption starts with the registry caption`);
    assert.match(f.caption, /Sample: /, `${f.id}: caption states the sample`);
    assert.ok(!/NaN|Infinity|undefined/.test(figureJson(f)), `${f.id}: JSON holds NaN/Infinity/undefined`);
  }
}

test("synthetic panel: F1–F9 are structurally valid, and byte-identical across two builds", () => {
  const a = descriptiveFigures(descriptiveAnalysis(syntheticPanel(), syntheticMonthly()), syntheticPanel());
  const b = descriptiveFigures(descriptiveAnalysis(syntheticPanel(), syntheticMonthly()), syntheticPanel());
  checkAll(a);
  assert.deepEqual(a.map(figureJson), b.map(figureJson));
});

const monthlyPath = monthlyExportsPath();

test("real data: F1–F9 valid, byte-identical across two builds (panel rebuilt), map offline-ready", { skip: monthlyPath ? false : "shared data not found" }, () => {
  const build = () => {
    const panel = buildPanel({}).frame;
    return descriptiveFigures(descriptiveAnalysis(panel, readCsvFrame(monthlyPath)), panel);
  };
  const a = build();
  const b = build();
  checkAll(a);
  const ja = a.map(figureJson);
  const jb = b.map(figureJson);
  ja.forEach((j, i) => assert.ok(j === jb[i], `${a[i]!.id}: JSON differs between two builds`));
  // F5: every drawn location exists in the offline map; the map is named, not fetched
  const f5 = a.find((f) => f.id === "F5")!;
  assert.deepEqual(f5.geoAssets, ["world_110m"]);
  const ids = mapCountryIds();
  const drawn = new Set(f5.data.flatMap((t) => t.locations as string[]));
  assert.equal(drawn.size, 64, "all 64 B&R countries are in the base layer");
  const missing = [...drawn].filter((c) => !ids.has(c));
  for (const c of missing) assert.ok(f5.caption.includes(c), `F5 caption names ${c} as not drawn at 1:110m`);
  assert.ok(missing.length < 8, `only small states are missing from the map: ${missing.join(", ")}`);
});

test("figureHtml inlines the map topojson and references no CDN", () => {
  const figs = descriptiveFigures(descriptiveAnalysis(syntheticPanel(), syntheticMonthly()), syntheticPanel());
  const html = figureHtml(figs.find((f) => f.id === "F5")!);
  assert.ok(html.includes("window.PlotlyGeoAssets.topojson.world_110m ="));
  assert.ok(html.includes(JSON.stringify((worldTopojson() as { type: string }).type)));
  assert.ok(!/cdn\.plot\.ly|https?:\/\//.test(html.replace(/"(?:[^"\\]|\\.)*"/g, '""')), "no URL outside JSON strings");
  assert.ok(!figureHtml(figs[0]!).includes("PlotlyGeoAssets"), "non-map figures carry no topojson");
});

test("validateFigureSpec rejects NaN, unequal arrays, bad heatmaps and missing titles", () => {
  const ok = makeFigure("F4", [{ type: "bar", x: ["a", "b"], y: [1, null] }], {}, "synthetic");
  assert.doesNotThrow(() => validateFigureSpec(ok));
  assert.throws(() => makeFigure("F4", [{ type: "bar", x: ["a", "b"], y: [1, NaN] }], {}, "s"), /non-finite number NaN/);
  assert.throws(() => makeFigure("F4", [{ type: "bar", x: ["a", "b"], y: [1] }], {}, "s"), /'y' has 1 values, 'x' has 2/);
  assert.throws(() => makeFigure("F8", [{ type: "heatmap", x: ["a", "b"], y: ["a"], z: [[1]] }], {}, "s"), /z row 0 has 1 values, x has 2/);
  assert.throws(() => makeFigure("T1", [{ x: [1], y: [1] }], {}, "s"), /not a figure/);
  assert.throws(() => validateFigureSpec({ ...ok, layout: {} }), /title/);
  assert.throws(() => makeFigure("F5", [{ type: "choropleth", z: [1] }], {}, "s"), /choropleth without locations/);
});

test("leastSquaresLine equals the closed form on complete pairs", () => {
  // reference: R coef(lm(c(2, 4, 7) ~ c(1, 2, 3))) = (-0.6666667, 2.5)
  const l = leastSquaresLine(Float64Array.of(1, 2, NaN, 3), Float64Array.of(2, 4, 5, 7))!;
  assert.equal(l.n, 3);
  assert.equal(l.slope, 2.5);
  assert.ok(Math.abs(l.intercept - -2 / 3) < 1e-15);
  assert.equal(leastSquaresLine(Float64Array.of(1, 1), Float64Array.of(2, 3)), null);
});
