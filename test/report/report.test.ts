// The report page without a browser: escaping of data strings and of JSON in <script>, the outline,
// self-containment (no external resource) and exports by ID. Byte-identical builds and the
// browser checks of the real report are in browser.test.ts (they share one pair of builds).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jsonForScript, scriptSafe } from "../../src/report/html";
import { renderReport } from "../../src/report/document";
import { loadAssets, writeReport } from "../../src/report/build";
import { OUTLINE } from "../../src/report/study";
import { EVIL, fixtureDocument } from "./fixture";

test("jsonForScript escapes </script>, <!-- and U+2028/2029 and stays valid JSON", () => {
  const v = { a: "</script><script>alert(1)</script>", b: "<!-- x", c: "line\u2028sep\u2029" };
  const s = jsonForScript(v);
  assert.ok(!s.includes("<"), "no '<' left");
  assert.ok(!s.includes("\u2028") && !s.includes("\u2029"));
  assert.deepEqual(JSON.parse(s), v);
  assert.throws(() => scriptSafe("var a = '</script>';", "asset"), /asset: contains '<\/script'/);
});

test("a country name containing <script> appears escaped in the report (fixture)", async () => {
  const html = renderReport(fixtureDocument(), await loadAssets());
  // the only <script> tags are the report's own (JSON data, geo assets, plotly, drawing code)
  const scriptTags = html.match(/<script[^>]*>/g) ?? [];
  assert.equal(scriptTags.length, 5);
  assert.ok(!html.includes('<script>alert("x")'), "raw <script> from data must not appear");
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Evilland &amp; Co"), "escaped in table cells, title and values");
  assert.ok(html.includes('\\u003cscript>alert(\\"x\\")\\u003c/script>Evilland & Co'), "escaped inside the figure JSON");
  assert.ok(html.includes("Country &lt;/td&gt;"), "header label escaped");
  assert.ok(html.includes("no regressions &lt;b&gt;here&lt;/b&gt;."), "pending reason escaped");
  assert.ok(html.includes("Prose with &lt;script&gt;"), "raw HTML in Markdown prose is not passed through");
  // the figure JSON round-trips to the original strings
  const json = /<script type="application\/json" id="figure-data">([^<]*)<\/script>/.exec(html)![1]!;
  const figs = JSON.parse(json) as Record<string, { data: { name?: string }[] }>;
  assert.equal(figs.F1!.data[0]!.name, EVIL);
});

test("the page is self-contained: no external script, stylesheet, font or image", async () => {
  const html = renderReport(fixtureDocument(), await loadAssets());
  assert.ok(!/<script[^>]+\bsrc=/i.test(html), "no <script src>");
  assert.ok(!/<link\b/i.test(html), "no <link>");
  assert.ok(!/<img\b[^>]*\bsrc="(?!data:)/i.test(html), "no external <img>");
  const css = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join("\n");
  assert.ok(!/url\((?!data:)/.test(css), "every CSS url() is a data: URI");
  assert.ok(css.includes("data:font/woff2;base64,"), "KaTeX fonts inlined");
  assert.equal(html.match(/<script id="plotly-js">/g)?.length, 1, "plotly inlined once");
  const geo = html.indexOf('<script id="geo-assets">');
  assert.ok(geo > 0 && geo < html.indexOf('<script id="plotly-js">'), "map data set before plotly loads");
  assert.ok(html.indexOf('<script id="plotly-js">') < html.indexOf('<script id="draw-figures">'));
});

test("every section heading of the outline is in the page, in order, with the equation", async () => {
  const html = renderReport(fixtureDocument(), await loadAssets());
  let at = 0;
  for (const o of OUTLINE) {
    const i = html.indexOf(`id="${o.anchor}">`, at);
    assert.ok(i > 0, `heading ${o.number ?? ""} ${o.title}`);
    assert.ok(html.slice(i, i + 300).includes(o.title), `title text of ${o.anchor}`);
    at = i;
  }
  assert.ok(html.includes('class="katex"'), "KaTeX rendered");
});

test("writeReport exports computed tables (csv/tex/md) and figures (json) by ID, and removes stale exports", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bri-report-"));
  try {
    writeReport(fixtureDocument(), dir, await loadAssets());
    assert.deepEqual(readdirSync(join(dir, "tables")).sort(), ["T1.csv", "T1.md", "T1.tex"]);
    assert.deepEqual(readdirSync(join(dir, "figures")).sort(), ["F1.json", "F5.json"]);
    const tex = readFileSync(join(dir, "tables", "T1.tex"), "utf8");
    assert.ok(tex.includes("\\label{tab:T1}") && tex.includes("\\& Co"), "LaTeX with registry label, escaped");
    const doc = fixtureDocument();
    const only = { ...doc, artifacts: new Map([...doc.artifacts].filter(([id]) => id !== "F1")) };
    writeReport(only, dir, await loadAssets());
    assert.deepEqual(readdirSync(join(dir, "figures")).sort(), ["F5.json"], "stale F1.json removed");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every registered artifact has a place in the report outline (none is silently left out)", async () => {
  const { ARTIFACTS } = await import("../../src/artifacts");
  const { readdirSync: ls, readFileSync: read } = await import("node:fs");
  const contentDir = new URL("../../src/report/content/", import.meta.url);
  const placedInProse = ls(contentDir).flatMap((f) => [...read(new URL(f, contentDir), "utf8").matchAll(/\{\{([TFA]\d+)\}\}/g)].map((m) => m[1]!));
  const placed = new Set([...OUTLINE.flatMap((o) => o.artifacts ?? []), ...placedInProse]);
  const missing = ARTIFACTS.map((a) => a.id).filter((id) => !placed.has(id));
  assert.deepEqual(missing, [], "add these IDs to OUTLINE in src/report/study.ts");
  const counts = new Map<string, number>();
  for (const id of OUTLINE.flatMap((o) => o.artifacts ?? [])) counts.set(id, (counts.get(id) ?? 0) + 1);
  assert.deepEqual([...counts].filter(([, n]) => n > 1), [], "an artifact is placed once");
});
