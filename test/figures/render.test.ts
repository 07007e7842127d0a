// F1–F9 render in headless Chromium with the network blocked, from the same HTML the notebook
// displays (plotlyLoaderHtml + figureHtml): every figure draws an SVG, the map draws its countries
// from the inlined topojson, nothing is fetched, no page error.
// reference: plotly.js 2.35 DOM (.main-svg per plot, .choroplethlocation per drawn country).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { buildPanel } from "../../src/clean/panel";
import { readCsvFrame } from "../../src/data/csv";
import { resolveDataDir } from "../../src/data/dataDir";
import { descriptiveFigures, figureHtml, plotlyLoaderHtml } from "../../src/figures/index";
import { descriptiveAnalysis } from "../../src/stats/index";
import { syntheticMonthly, syntheticPanel } from "../stats/fixture";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ci = process.env.CI === "true" || process.env.CI === "1";
const skip = existsSync(chromium) ? false : ci ? false : `no Chromium at ${chromium}`;

function inputs() {
  try {
    const monthly = join(resolveDataDir(), "trade", "china_exports_monthly_nbs_2016_2019.csv");
    if (existsSync(monthly)) {
      const panel = buildPanel({}).frame;
      return { panel, monthly: readCsvFrame(monthly), real: true };
    }
  } catch {
    // fall through to the synthetic inputs
  }
  return { panel: syntheticPanel(), monthly: syntheticMonthly(), real: false };
}

test("F1–F9 render offline in headless Chromium", { skip, timeout: 180_000 }, async () => {
  assert.ok(existsSync(chromium), `CI=true but no Chromium at ${chromium}`);
  const { panel, monthly, real } = inputs();
  const figs = descriptiveFigures(descriptiveAnalysis(panel, monthly), panel);
  const dir = mkdtempSync(join(tmpdir(), "bri-figures-"));
  const html = join(dir, "figures.html");
  writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"></head><body>${plotlyLoaderHtml()}\n${figs.map(figureHtml).join("\n")}</body></html>`);
  const { chromium: pw } = await import("playwright-core");
  const browser = await pw.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const blocked: string[] = [];
    const errors: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: "load", timeout: 120_000 });
    const ids = figs.map((f) => `figure-${f.id}`);
    await page.waitForFunction(`${JSON.stringify(ids)}.every((id) => document.getElementById(id)?.querySelector(".main-svg"))`, undefined, { timeout: 120_000 });
    const drawn = (await page.evaluate(`document.querySelectorAll("#figure-F5 .choroplethlocation").length`)) as number;
    assert.deepEqual(blocked, [], "no network request");
    assert.deepEqual(errors, [], "no page error");
    // base layer + first data layer; all 64 countries minus the few too small for 1:110m
    if (real) assert.ok(drawn >= 2 * 55, `F5 drew ${drawn} country shapes`);
    else assert.ok(drawn >= 6, `F5 drew ${drawn} country shapes`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
