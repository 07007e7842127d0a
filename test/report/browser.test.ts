// The report in headless Chromium (Debian's /usr/bin/chromium via playwright-core) with every
// non-file request aborted and recorded: no console error, no failed or blocked request, every
// figure rendered, every section heading present; a screenshot is saved to reports/screenshot.png.
// Without Chromium the test fails when CI=true and is skipped (with the reason) otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, chromiumPath, openReport } from "../../src/report/browser";
import { loadAssets, writeReport } from "../../src/report/build";
import { assembleStudy, OUTLINE } from "../../src/report/study";
import { resolveDataDir } from "../../src/data/dataDir";
import { EVIL, fixtureDocument } from "./fixture";

const root = fileURLToPath(new URL("../..", import.meta.url));

function needChromium(t: { skip(msg: string): void }): boolean {
  if (chromiumAvailable()) return true;
  const msg = `Chromium not found at ${chromiumPath()} (install Debian's 'chromium' or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") assert.fail(msg);
  t.skip(msg);
  return false;
}

test("the study report renders offline in headless Chromium", { timeout: 180_000 }, async (t) => {
  if (!needChromium(t)) return;
  const dir = mkdtempSync(join(tmpdir(), "bri-report-browser-"));
  try {
    const doc = assembleStudy({ root, dataDir: resolveDataDir(), buildEpoch: 1700000000, commandLine: "npm test -- report/browser", commit: null });
    writeReport(doc, dir, await loadAssets());
    const r = await openReport(join(dir, "index.html"));
    try {
      assert.deepEqual(r.errors, [], "no console error");
      assert.deepEqual(r.blocked, [], "no request to the network");
      assert.deepEqual(r.failed, [], "no failed request");
      const headings = (await r.page.$$eval("main h2, main h3", (hs) => hs.map((h) => (h.textContent ?? "").replace(/\s+/g, " ").trim()))) as string[];
      for (const o of OUTLINE) {
        const want = `${o.number ? `${o.number} ` : ""}${o.title}`;
        assert.ok(headings.includes(want), `heading '${want}' present (found: ${headings.join(" | ")})`);
      }
      const figures = [...doc.artifacts].filter(([, c]) => c.kind === "figure").map(([id]) => id);
      const plots = (await r.page.$$eval(".plot", (ds) => ds.map((d) => [d.getAttribute("data-figure"), d.querySelector(".main-svg") !== null]))) as [string, boolean][];
      assert.deepEqual(plots.map(([id]) => id).sort(), figures.sort(), "one plot div per computed figure");
      for (const [id, rendered] of plots) assert.ok(rendered, `figure ${id} rendered (.main-svg)`);
      if (figures.length === 0) t.diagnostic("the study has no computed figure yet (figures pending); plot rendering is checked on the fixture report");
      const katex = await r.page.$$eval(".equation .katex-html", (es) => es.length);
      assert.ok((katex as number) >= 1, "model equation rendered by KaTeX");
      mkdirSync(join(root, "reports"), { recursive: true });
      const shot = join(root, "reports", "screenshot.png");
      await r.page.screenshot({ path: shot, fullPage: false });
      assert.ok(statSync(shot).size > 10_000, "screenshot written");
    } finally {
      await r.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("fixture report: data strings with <script> stay text, figures and the offline map render", { timeout: 120_000 }, async (t) => {
  if (!needChromium(t)) return;
  const dir = mkdtempSync(join(tmpdir(), "bri-report-fixture-"));
  try {
    writeReport(fixtureDocument(), dir, await loadAssets());
    const r = await openReport(join(dir, "index.html"));
    try {
      assert.deepEqual(r.errors, [], "no console error and no alert() dialog from injected markup");
      assert.deepEqual(r.blocked, [], "no request to the network (the map comes from PlotlyGeoAssets)");
      assert.deepEqual(r.failed, []);
      const injected = await r.page.evaluate(`Array.from(document.scripts).filter((s) => s.textContent.includes('alert("x")') && s.type !== "application/json").length`);
      assert.equal(injected, 0, "no script element created from data");
      const cell = await r.page.$eval('table.tbl td[data-key="row:1|country"]', (td) => td.textContent);
      assert.equal(cell, EVIL, "the country name is shown as text");
      const plots = (await r.page.$$eval(".plot", (ds) => ds.map((d) => d.querySelector(".main-svg") !== null))) as boolean[];
      assert.deepEqual(plots, [true, true], "both fixture figures rendered");
      const countries = await r.page.$$eval("#plot-F5 .choroplethlocation", (ps) => ps.length);
      assert.equal(countries, 3, "the choropleth draws its 3 countries from the inlined world map");
    } finally {
      await r.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.todo("each number of the baseline table (T5) equals the engine's number for that model — waits for fit() (src/estimate, issue 3) and the baseline runs (issue 5)");
