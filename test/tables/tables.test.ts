// Tests of the table model and its renderers (HTML, Markdown, LaTeX, CSV).
// Inputs are constructed here (synthetic fits and records), not study data.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  csvField,
  dataTable,
  escapeLatex,
  formatNumber,
  MISSING_MARK,
  regressionTable,
  starsFor,
  toCsv,
  toHtml,
  toLatex,
  toMarkdown,
  type RegressionLike,
} from "../../src/tables";
import type { FitResult } from "../../src/estimate/types";

// compile-time check: the engine's result is a RegressionLike (tables need no adapter)
export function asRegressionLike(r: FitResult): RegressionLike {
  return r;
}

const fitA: RegressionLike = {
  coefNames: ["(Intercept)", "ln_gdp", "lpi_score"],
  coef: [1.5, 0.8123, -0.0004],
  se: [0.5, 0.1, 0.2],
  pValue: [0.003, 0.0001, 0.998],
  nobs: 640,
  r2: 0.61,
  vcovType: "iid",
};
const fitB: RegressionLike = {
  coefNames: ["ln_gdp", "internet_users_pct"],
  coef: [0.7, 0.012],
  se: [0.2, 0.004],
  pValue: [0.04, 0.07],
  nobs: 600,
  r2: 0.9,
  withinR2: 0.35,
  vcovType: "cluster(iso3)",
  feGroups: { iso3: 64, year: 10 },
  clusters: { iso3: 64 },
};

test("formatNumber: fixed decimals, no negative zero, non-finite → null", () => {
  assert.equal(formatNumber(1.23456, 2), "1.23");
  assert.equal(formatNumber(2, 3), "2.000");
  assert.equal(formatNumber(-0.0004, 3), "0.000");
  assert.equal(formatNumber(-0, 2), "0.00");
  assert.equal(formatNumber(-0.0006, 3), "-0.001");
  assert.equal(formatNumber(NaN, 2), null);
  assert.equal(formatNumber(Infinity, 2), null);
  assert.throws(() => formatNumber(1, -1), /digits/);
});

test("starsFor: thresholds 0.1/0.05/0.01, strict inequality, NaN → none", () => {
  assert.equal(starsFor(0.009), "***");
  assert.equal(starsFor(0.01), "**");
  assert.equal(starsFor(0.049), "**");
  assert.equal(starsFor(0.099), "*");
  assert.equal(starsFor(0.1), "");
  assert.equal(starsFor(NaN), "");
});

test("regressionTable aligns models with different regressors by name", () => {
  const t = regressionTable([fitA, { result: fitB, title: "Two-way FE" }], { labels: { ln_gdp: "log GDP" } });
  const rows = t.groups[0]!.rows;
  const keys = rows.map((r) => r.key);
  // union in order of first appearance, intercept last
  assert.deepEqual(keys, ["coef:ln_gdp", "se:ln_gdp", "coef:lpi_score", "se:lpi_score", "coef:internet_users_pct", "se:internet_users_pct", "coef:(Intercept)", "se:(Intercept)"]);
  const gdp = rows[0]!.cells;
  assert.equal(gdp[0]!.text, "log GDP");
  assert.equal(gdp[1]!.text, "0.812");
  assert.equal(gdp[1]!.stars, "***");
  assert.equal(gdp[1]!.value, 0.8123);
  assert.equal(gdp[2]!.text, "0.700");
  assert.equal(gdp[2]!.stars, "**");
  // lpi_score is absent from model 2: blank, not the missing marker
  const lpi = rows[2]!.cells;
  assert.equal(lpi[1]!.text, "0.000"); // -0.0004 printed without minus
  assert.equal(lpi[2]!.text, "");
  assert.notEqual(lpi[2]!.missing, true);
  const internet = rows[4]!.cells;
  assert.equal(internet[1]!.text, "");
  assert.equal(internet[2]!.stars, "*");
  assert.equal(rows[5]!.cells[2]!.text, "(0.004)");
  assert.equal(rows[6]!.cells[0]!.text, "Constant");
  const echo = regressionTable([fitA], { labels: (n) => n });
  assert.equal(echo.groups[0]!.rows.find((r) => r.key === "coef:(Intercept)")!.cells[0]!.text, "Constant", "an echoing dictionary does not label the intercept");
  // FE rows and statistics
  const fe = t.groups[1]!.rows;
  assert.deepEqual(fe.map((r) => r.cells.map((c) => c.text)), [["iso3 FE", "No", "Yes"], ["year FE", "No", "Yes"]]);
  const stats = Object.fromEntries(t.groups[2]!.rows.map((r) => [r.key, r.cells.map((c) => c.text)]));
  assert.deepEqual(stats["stat:nobs"], ["Observations", "640", "600"]);
  assert.deepEqual(stats["stat:vcov"], ["Standard errors", "iid", "cluster(iso3)"]);
  assert.deepEqual(stats["stat:withinR2"], ["Within R²", "", "0.350"]);
  assert.deepEqual(stats["stat:clusters:iso3"], ["Clusters (iso3)", "", "64"]);
  // the other formats keep the alignment
  const csv = toCsv(t).split("\r\n");
  assert.equal(csv[0], ",(1),(2)");
  assert.equal(csv[1], ",,Two-way FE");
  assert.equal(csv[4], "lpi_score,0.000,");
  assert.equal(csv[6], "internet_users_pct,,0.012*");
});

test("regressionTable: order, drop patterns, NaN estimate → marker with a note", () => {
  const withNaN: RegressionLike = { ...fitA, coef: [1.5, NaN, 0.1], pValue: [0.1, NaN, 0.5] };
  const t = regressionTable([withNaN], { order: ["lpi_score"], drop: [/^\(Inter/] });
  const rows = t.groups[0]!.rows;
  assert.deepEqual(rows.map((r) => r.key), ["coef:lpi_score", "se:lpi_score", "coef:ln_gdp", "se:ln_gdp"]);
  assert.equal(rows[2]!.cells[1]!.text, MISSING_MARK);
  assert.equal(rows[2]!.cells[1]!.missing, true);
  assert.ok(t.notes.some((n) => n.startsWith(MISSING_MARK)), "a note explains the missing marker");
  for (const s of [toHtml(t), toMarkdown(t), toLatex(t), toCsv(t)]) assert.ok(!/NaN/.test(s), "no NaN printed");
  assert.throws(() => regressionTable([{ ...fitA, se: [1] }]), /model 1 has 3 names but 3 estimates, 1 SEs/);
  assert.throws(() => regressionTable([]), /no models/);
});

test("HTML renderer escapes labels, captions, notes and keys", () => {
  const evil = '<script>alert("x")</script>';
  const t = regressionTable([fitA], { id: "T9", title: `Title ${evil}`, labels: { ln_gdp: evil }, notes: [evil] });
  const html = toHtml(t);
  assert.ok(!html.includes("<script>"), "no raw <script>");
  assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  const d = toHtml(dataTable([{ country: evil, v: 1 }]));
  assert.ok(!d.includes("<script>") && d.includes("&lt;script&gt;"));
  // number cells carry the exact value for tracing
  assert.match(html, /data-key="coef:ln_gdp\|m1" data-value="0.8123"/);
});

test("LaTeX renderer escapes _ % & # $ { } ~ ^ \\ and uses booktabs", () => {
  assert.equal(escapeLatex("a_b 5% R&D #1 $2 {x} ~ ^ \\"), "a\\_b 5\\% R\\&D \\#1 \\$2 \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}");
  const t = dataTable([{ "var_name": "growth 5% & #1", n: 3 }], { id: "A1", title: "Coverage_x", columns: [{ key: "var_name" }, { key: "n", digits: "count" }] });
  const tex = toLatex(t);
  assert.ok(tex.includes("var\\_name"));
  assert.ok(tex.includes("growth 5\\% \\& \\#1"));
  assert.ok(tex.includes("\\caption{Coverage\\_x}\\label{tab:A1}"));
  for (const rule of ["\\toprule", "\\midrule", "\\bottomrule"]) assert.ok(tex.includes(rule), rule);
  assert.ok(!/[^\\]_/.test(tex.replace(/\\label\{[^}]*\}/g, "")), "no unescaped underscore");
  const r = toLatex(regressionTable([fitA, fitB], { depVar: "ln_exports_usd" }));
  assert.ok(r.includes("\\multicolumn{2}{c}{ln\\_exports\\_usd}"));
  assert.ok(r.includes("\\cmidrule(lr){2-3}"));
  assert.ok(r.includes("0.812\\textsuperscript{***}"));
  assert.ok(r.includes("R\\textsuperscript{2}"));
  assert.ok(toLatex(regressionTable([{ ...fitA, coef: [1, -0.25, 0.1] }])).includes("$-$0.250"), "typographic minus");
});

test("CSV renderer quotes per RFC 4180", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("line\nbreak"), '"line\nbreak"');
  assert.equal(csvField(" lead"), '" lead"');
  const csv = toCsv(dataTable([{ name: 'Korea, Rep. "South"', v: -0.0001 }], { columns: [{ key: "name" }, { key: "v", digits: 2 }] }));
  assert.equal(csv, 'name,v\r\n"Korea, Rep. ""South""",0.00\r\n');
});

test("Markdown renderer escapes pipes and emphasis, keeps alignment row", () => {
  const t = dataTable([{ name: "a|b *c* _d_", v: 1.5, w: NaN }], { id: "T1", title: "Demo" });
  const md = toMarkdown(t);
  assert.ok(md.includes("a\\|b \\*c\\* \\_d\\_"));
  assert.ok(md.includes("|:---|---:|---:|"));
  assert.ok(md.includes(`| ${MISSING_MARK} |`));
  assert.ok(!md.includes("NaN"));
  const r = toMarkdown(regressionTable([fitA]));
  assert.ok(r.includes("0.812\\*\\*\\*"));
  const dep = toMarkdown(regressionTable([fitA, fitB], { depVar: "ln_exports" })).split("\n");
  assert.equal(dep[0], "*ln\\_exports*", "a dependent-variable header spanning the model columns becomes a line above the table");
  assert.equal(dep[2], "|   | (1) | (2) |");
});

test("dataTable: Frame input, unknown column error, booleans", async () => {
  const { makeFrame } = await import("../../src/frame");
  const f = makeFrame({ iso3: ["KAZ", null], x: Float64Array.of(1, NaN) });
  const t = dataTable(f, { columns: [{ key: "iso3" }, { key: "x", digits: 1 }] });
  assert.deepEqual(t.groups[0]!.rows.map((r) => r.cells.map((c) => c.text)), [["KAZ", "1.0"], [MISSING_MARK, MISSING_MARK]]);
  assert.equal(t.align[1], "right");
  assert.throws(() => dataTable(f, { id: "T2", columns: [{ key: "nope" }] }), /T2: unknown column 'nope'/);
  assert.equal(dataTable([{ fta: true }]).groups[0]!.rows[0]!.cells[0]!.text, "Yes");
});
