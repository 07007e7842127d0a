// The study report, built twice by the real command (`scripts/report.ts`, as `npm run report`):
// - the two builds are byte-identical (index.html and every exported table and figure);
// - each number of the baseline table (T5) is the engine's number for that model;
// - in headless Chromium (Debian's /usr/bin/chromium via playwright-core) with every non-file
//   request aborted and recorded: no console error, no failed or blocked request, every figure
//   rendered, every section heading present; a screenshot is saved to reports/screenshot.png.
// A synthetic fixture report checks that a country name containing <script> stays text.
// Without Chromium the browser tests fail when CI=true and are skipped (with the reason) otherwise.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumAvailable, chromiumPath, openReport, printPdf } from "../../src/report/browser";
import { loadAssets, writeReport } from "../../src/report/build";
import { OUTLINE } from "../../src/report/study";
import { ARTIFACTS } from "../../src/artifacts";
import { formatCount, formatNumber } from "../../src/tables";
import { loadParams } from "../../src/analysis/params";
import { analysisPanel } from "../../src/analysis/data";
import { baselineModel, runBaseline } from "../../src/analysis/baseline";
import { modelCall } from "../../src/analysis/models";
import { fit } from "../../src/estimate/index";
import { EVIL, fixtureDocument } from "./fixture";

const root = fileURLToPath(new URL("../..", import.meta.url));
const EPOCH = "1700000000";
let outDir = "";
let build1 = new Map<string, Buffer>();
let build2 = new Map<string, Buffer>();
let stdout = "";

function buildOnce(dir: string): Map<string, Buffer> {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "report.ts"), "--out", dir], {
    cwd: root,
    encoding: "utf8",
    // pinned build time and commit: the test must not depend on commits landing while it runs
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, BRI_BUILD_COMMIT: "0123456789abcdef0123456789abcdef01234567" },
  });
  assert.equal(r.status, 0, `report build failed:\n${r.stdout}\n${r.stderr}`);
  stdout = r.stdout;
  const files = [join(dir, "index.html"), ...["tables", "figures"].flatMap((d) => (existsSync(join(dir, d)) ? readdirSync(join(dir, d)).sort().map((f) => join(dir, d, f)) : []))];
  return new Map(files.map((f) => [f, readFileSync(f)]));
}

before(() => {
  outDir = mkdtempSync(join(tmpdir(), "bri-report-study-"));
  build1 = buildOnce(outDir);
  build2 = buildOnce(outDir);
});

after(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function needChromium(t: { skip(msg: string): void }): boolean {
  if (chromiumAvailable()) return true;
  const msg = `Chromium not found at ${chromiumPath()} (install Debian's 'chromium' or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") assert.fail(msg);
  t.skip(msg);
  return false;
}

test("npm run report: timed steps, final line with path and size, exports by ID", () => {
  assert.match(stdout, /^\[\s*\d+\.\d s\] analysis: panel .*\(\d+\.\d\d s\)$/m, "each step printed with its time");
  assert.match(stdout, /wrote .*index\.html \(\d+\.\d (MB|kB)\) in \d+\.\d s\n$/, "final line names output and size");
  const html = build1.get(join(outDir, "index.html"))!.toString("utf8");
  assert.ok(html.includes("2023-11-14T22:13:20Z"), "build time from SOURCE_DATE_EPOCH");
  assert.ok(html.includes("from commit 0123456789ab"), "commit from BRI_BUILD_COMMIT");
  assert.ok(!html.includes('class="pending-value"'), "every {{value:…}} in the prose is computed by the build");
  assert.ok(!/\{\{|\[\[[TFA]\d/.test(html.replace(/<script[\s\S]*?<\/script>/g, "")), "no unresolved directive in the page");
  for (const a of ARTIFACTS) {
    const exported = a.kind === "figure" ? [join(outDir, "figures", `${a.id}.json`)] : ["csv", "tex", "md"].map((e) => join(outDir, "tables", `${a.id}.${e}`));
    const pending = html.includes(`<div class="artifact pending" id="${a.id}"`);
    for (const f of exported) assert.equal(build1.has(f), !pending, `${f} ${pending ? "not expected (pending)" : "exported"}`);
  }
});

test("two builds of the study report are byte-identical", () => {
  assert.deepEqual([...build1.keys()], [...build2.keys()], "same files");
  for (const [f, bytes] of build1) {
    const other = build2.get(f)!;
    if (bytes.equals(other)) continue;
    let i = 0;
    while (i < bytes.length && bytes[i] === other[i]) i++;
    assert.fail(`${f} differs between builds at byte ${i}: …${bytes.subarray(Math.max(0, i - 80), i + 40).toString("utf8")}… vs …${other.subarray(Math.max(0, i - 80), i + 40).toString("utf8")}…`);
  }
});

test("each number of the baseline table (T5) is the engine's number for that model", () => {
  // reference: the engine itself (src/estimate fit/fitPpml through src/analysis runBaseline), and
  // for the two-way FE column an independent fit() call with the same formula and options
  const html = build1.get(join(outDir, "index.html"))!.toString("utf8");
  const t5 = /<figure class="artifact table" id="T5">([\s\S]*?)<\/figure>/.exec(html)?.[1];
  assert.ok(t5, "T5 is in the report");
  const cells = new Map<string, { text: string; value: number }>();
  for (const m of t5.matchAll(/data-key="([^"]+)" data-value="([^"]+)"[^>]*>([^<]*)/g)) cells.set(m[1]!.replace(/&#39;/g, "'").replace(/&amp;/g, "&"), { text: m[3]!, value: Number(m[2]) });
  const params = loadParams();
  const panel = analysisPanel(params);
  const b = runBaseline(panel.frame, params);
  let checked = 0;
  b.models.forEach((m, j) => {
    const r = m.fit.result;
    r.coefNames.forEach((name, i) => {
      if (name.includes("::")) return; // dummies are not shown
      const est = cells.get(`coef:${name}|m${j + 1}`);
      const se = cells.get(`se:${name}|m${j + 1}`);
      assert.ok(est && se, `T5 shows ${name} in model ${j + 1} (${m.title})`);
      const digits = est.text.split(".")[1]?.length ?? 0;
      assert.ok(digits >= 2, `${m.title} ${name}: printed with fixed decimals (${est.text})`);
      assert.equal(est.value, r.coef[i], `${m.title} ${name}: exact value`);
      assert.equal(est.text, formatNumber(r.coef[i]!, digits), `${m.title} ${name}: printed estimate`);
      assert.equal(se.value, r.se[i], `${m.title} ${name}: exact SE`);
      assert.equal(se.text, `(${formatNumber(r.se[i]!, digits)})`, `${m.title} ${name}: printed SE`);
      checked++;
    });
    const n = cells.get(`stat:nobs|m${j + 1}`);
    assert.equal(n?.text, formatCount(r.nobs), `${m.title}: N`);
  });
  const tw = baselineModel(b, "twfe");
  const call = modelCall(tw.sample, params, "twfe");
  const direct = fit(tw.sample.frame, call.formula, { ...call.options, vcov: { cluster: [params.cluster] } });
  const col = b.models.indexOf(tw) + 1;
  direct.coefNames.forEach((name, i) => {
    assert.equal(cells.get(`coef:${name}|m${col}`)?.value, direct.coef[i], `two-way FE ${name} equals a direct fit() call`);
    assert.equal(cells.get(`se:${name}|m${col}`)?.value, direct.se[i], `two-way FE SE of ${name} equals a direct fit() call`);
  });
  assert.ok(checked >= 10, `checked ${checked} coefficients`);
});

test("the study report renders offline in headless Chromium", { timeout: 180_000 }, async (t) => {
  if (!needChromium(t)) return;
  const r = await openReport(join(outDir, "index.html"));
  try {
    assert.deepEqual(r.errors, [], "no console error");
    assert.deepEqual(r.blocked, [], "no request to the network");
    assert.deepEqual(r.failed, [], "no failed request");
    const headings = (await r.page.$$eval("main h2, main h3", (hs) => hs.map((h) => (h.textContent ?? "").replace(/\s+/g, " ").trim()))) as string[];
    for (const o of OUTLINE) {
      const want = `${o.number ? `${o.number} ` : ""}${o.title}`;
      assert.ok(headings.includes(want), `heading '${want}' present (found: ${headings.join(" | ")})`);
    }
    const html = build1.get(join(outDir, "index.html"))!.toString("utf8");
    const figureIds = ARTIFACTS.filter((a) => a.kind === "figure" && html.includes(`<figure class="artifact figure" id="${a.id}">`)).map((a) => a.id);
    const plots = (await r.page.$$eval(".plot", (ds) => ds.map((d) => [d.getAttribute("data-figure"), d.querySelector(".main-svg") !== null]))) as [string, boolean][];
    assert.deepEqual(plots.map(([id]) => id).sort(), [...figureIds].sort(), "one plot div per computed figure");
    assert.ok(plots.length > 0, "the report has figures");
    for (const [id, rendered] of plots) assert.ok(rendered, `figure ${id} rendered (.main-svg)`);
    const katex = (await r.page.$$eval(".equation .katex-html", (es) => es.length)) as number;
    assert.ok(katex >= 1, "model equation rendered by KaTeX");
    mkdirSync(join(root, "reports"), { recursive: true });
    const shot = join(root, "reports", "screenshot.png");
    await r.page.screenshot({ path: shot, fullPage: false });
    assert.ok(statSync(shot).size > 10_000, "screenshot written");
  } finally {
    await r.close();
  }
});

test("the report prints to PDF with headless Chromium (npm run report -- --pdf)", { timeout: 180_000 }, async (t) => {
  if (!needChromium(t)) return;
  const pdf = join(outDir, "index.pdf");
  await printPdf(join(outDir, "index.html"), pdf);
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
  const pages = bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 10, `the PDF has ${pages} pages`);
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
