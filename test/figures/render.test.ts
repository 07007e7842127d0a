// F1–F9 render in headless Chromium with the network blocked, from the same HTML the notebook
// displays (plotlyLoaderHtml + figureHtml): every figure draws an SVG, the map draws its countries
// from the inlined topojson, nothing is fetched, no page error.
// reference: plotly.js 2.35 DOM (.main-svg per plot, .choroplethlocation per drawn country).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildPanel } from "../../src/clean/panel";
import { readCsvFrame } from "../../src/data/csv";
import { descriptiveFigures, figureHtml, plotlyLoaderHtml } from "../../src/figures/index";
import { chromiumAvailable, chromiumPath, openReport } from "../../src/report/browser";
import { descriptiveAnalysis } from "../../src/stats/index";
import { monthlyExportsPath } from "../fixtures/data";
import { syntheticMonthly, syntheticPanel } from "../fixtures/descriptive";

const chromium = chromiumPath();
const ci = process.env.CI === "true" || process.env.CI === "1";
const skip = chromiumAvailable() ? false : ci ? false : `no Chromium at ${chromium}`;

function inputs() {
  const monthly = monthlyExportsPath();
  if (monthly) return { panel: buildPanel({}).frame, monthly: readCsvFrame(monthly), real: true };
  // no shared data: the synthetic inputs
  return { panel: syntheticPanel(), monthly: syntheticMonthly(), real: false };
}

test("F1–F9 render offline in headless Chromium", { skip, timeout: 180_000 }, async () => {
  assert.ok(existsSync(chromium), `CI=true but no Chromium at ${chromium}`);
  const { panel, monthly, real } = inputs();
  const figs = descriptiveFigures(descriptiveAnalysis(panel, monthly), panel);
  const dir = mkdtempSync(join(tmpdir(), "bri-figures-"));
  const html = join(dir, "figures.html");
  writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"></head><body>${plotlyLoaderHtml()}\n${figs.map(figureHtml).join("\n")}</body></html>`);
  const ids = figs.map((f) => `figure-${f.id}`);
  const r = await openReport(html, 120_000, `${JSON.stringify(ids)}.every((id) => document.getElementById(id)?.querySelector(".main-svg"))`);
  try {
    const { page, blocked, errors } = r;
    const drawn = (await page.evaluate(`document.querySelectorAll("#figure-F5 .choroplethlocation").length`)) as number;
    assert.deepEqual(blocked, [], "no network request");
    assert.deepEqual(errors, [], "no page error");
    // base layer + first data layer; all 64 countries minus the few too small for 1:110m
    if (real) assert.ok(drawn >= 2 * 55, `F5 drew ${drawn} country shapes`);
    else assert.ok(drawn >= 6, `F5 drew ${drawn} country shapes`);
  } finally {
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
