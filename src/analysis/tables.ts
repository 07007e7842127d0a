/**
 * The regression-analysis tables, built with the one table model (src/tables) and registered by ID
 * in src/artifacts.ts: T5 baseline, T6 model choice and collinearity, T7 robustness summary,
 * T8 specification-curve summary, T9 claims scorecard, T10 proxies, A4 full robustness tables.
 * Every table's first note states the sample (list, fill rule, source, years, N, restrictions), so
 * a change of parameters shows in every table.
 */
import { artifactMeta } from "../artifacts";
import { type Cell, type Row, type TableModel, dataTable, makeTable, numberCell, regressionTable, starsFor, textCell, formatNumber, MISSING_MARK, type ModelColumn } from "../tables/index";
import { FACTOR_KEYS, type AnalysisParams } from "./params";
import type { BaselineResult } from "./baseline";
import { CHECK_GROUP_LABELS, checkEstimate, fittedChecks, type RobustnessResult } from "./robustness";
import type { SpecCurveResult } from "./speccurve";
import type { ScorecardRow } from "./scorecard";
import { proxyDocs } from "./spec";

function feLabels(p: AnalysisParams): Record<string, string> {
  return { [p.identifiers.id]: "Country effects", [p.identifiers.time]: "Year effects", [p.identifiers.region]: "Region effects" };
}

/** The sample note printed under a table. */
export function sampleNote(description: string): string {
  return `Sample: ${description}.`;
}

/**
 * T5: the baseline models side by side (coefficients of the factor block and controls; dummies
 * hidden), FE rows, vcov, N, R², within R², pseudo R², clusters.
 * @example
 * toHtml(baselineTable(runBaseline(panel, params), label));
 */
export function baselineTable(b: BaselineResult, label: (name: string) => string): TableModel {
  const cols: ModelColumn[] = b.models.map((m) => ({
    result: m.fit.result,
    title: m.title,
    fixedEffects: Object.fromEntries(Object.entries(m.effects).map(([k, v]) => [k, v])),
    vcovLabel: m.fit.result.vcovType,
    extraRows: {
      "Dependent variable": m.estimator === "ppml" ? "level" : "log",
      "Singleton FE groups dropped": String(m.fit.result.dropped.singleton),
      ...(m.fit.omitted.length ? { Omitted: m.fit.omitted.map((o) => o.variable).join(", ") } : {}),
    },
  }));
  const order = [...b.sample.regressors, "digital_index_pc1", ...b.params.gravity];
  return regressionTable(cols, {
    ...artifactMeta("T5"),
    depVar: `ln exports (PPML: level) — ${b.params.dependent.sources[b.source]!.label}`,
    labels: label,
    order,
    drop: [/::/],
    digits: 4,
    feLabels: feLabels(b.params),
    notes: [
      sampleNote(b.sample.description),
      `Columns (5)–(6) use their own samples: (5) adds the factors kept out of the baseline block; (6) replaces the digital measure by the first principal component of ${b.params.digitalIndexBlock.join(", ")} (standardised; ${(100 * b.pca.varianceShare[0]!).toFixed(1)}% of their variance).`,
      `Standard errors clustered by ${b.params.cluster} (Stata small-sample rule, t(G−1)); PPML and RE statistics are z.`,
      "Dependent variable: total merchandise exports, the proxy for cross-border e-commerce exports (no public bilateral e-commerce series).",
    ],
  });
}

function fmtP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/**
 * T6: Hausman and Breusch–Pagan LM tests with the implied estimator; VIFs of the regressors
 * (pooled and net of the fixed effects) with the consequence; the digital-block PCA.
 */
export function diagnosticsTable(b: BaselineResult, label: (name: string) => string): TableModel {
  const th = b.params.vifThreshold;
  const hdr: Cell[] = [textCell("Statistic"), textCell("Value"), textCell("p-value / df"), textCell("Reading")];
  const c = b.choice;
  const tests: Row[] = [
    { key: "hausman", cells: [textCell(`Hausman χ²(${c.hausman.df[0]}) (FE vs RE)`), numberCell(c.hausman.statistic, 2), textCell(fmtP(c.hausman.pValue)), textCell(c.hausman.pValue < b.params.alpha ? "RE inconsistent" : "RE not rejected")] },
    { key: "bplm", cells: [textCell("Breusch–Pagan LM χ²(1) (country effects)"), numberCell(c.breuschPagan.statistic, 2), textCell(fmtP(c.breuschPagan.pValue)), textCell(c.breuschPagan.pValue < b.params.alpha ? "country effects present" : "no country effects")] },
    { key: "choice", cells: [textCell("Implied estimator"), textCell(c.implied), textCell(""), textCell(c.reason)] },
  ];
  const vifRows: Row[] = b.vif.map((v) => ({
    key: `vif:${v.variable}`,
    cells: [textCell(`VIF ${label(v.variable)}`), numberCell(v.pooled, 2), numberCell(v.within, 2, {}), textCell(v.pooled >= th ? `collinear (≥ ${th})` : v.within >= th ? `collinear within (≥ ${th})` : `< ${th}`)],
  }));
  const maxPooled = Math.max(...b.vif.map((v) => v.pooled));
  const maxWithin = Math.max(...b.vif.map((v) => v.within));
  const factorCols = new Set(Object.values(b.sample.factorColumns));
  const maxFactorPooled = Math.max(...b.vif.filter((v) => factorCols.has(v.variable)).map((v) => v.pooled));
  const consequence =
    maxPooled >= th
      ? `Some regressors are collinear in levels (max VIF ${maxPooled.toFixed(1)} ≥ ${th}): their separate pooled coefficients are imprecise and sensitive to specification; the digital index (PC1) is an alternative.`
      : `No VIF in levels reaches ${th} (max ${maxPooled.toFixed(1)}; factor block max ${maxFactorPooled.toFixed(1)}).`;
  const consequenceWithin =
    maxWithin >= th
      ? `Net of country and year effects the block is collinear (max VIF ${maxWithin.toFixed(1)}).`
      : `Net of country and year effects VIFs are small (max ${maxWithin.toFixed(1)}): imprecision of the FE estimates comes from little within-country variation, not from collinearity.`;
  const pcaRows: Row[] = b.pca.names.map((n, j) => ({
    key: `pca:${n}`,
    cells: [textCell(`PC1 loading: ${label(n)}`), numberCell(b.pca.loadings[0]![j]!, 3), textCell(""), textCell("")],
  }));
  pcaRows.push({ key: "pca:share", cells: [textCell("PC1 share of variance of the digital block"), numberCell(b.pca.varianceShare[0]!, 3), textCell(`n = ${b.pca.n}`), textCell("first principal component of the standardised measures")] });
  return makeTable({
    ...artifactMeta("T6"),
    header: [hdr],
    groups: [
      { label: "Model choice", rows: tests },
      { label: `Variance inflation factors (Value: pooled, levels; third column: within, net of FE; threshold ${th})`, rows: vifRows },
      { label: "Digital index: principal component analysis", rows: pcaRows },
    ],
    align: ["left", "right", "right", "left"],
    notes: [
      sampleNote(b.sample.description),
      consequence,
      consequenceWithin,
      `Hausman: classical (iid) variances, FE (country) vs RE (Swamy–Arora), both with year dummies; ${c.hausman.notes.join("; ")}.`,
      "Breusch–Pagan LM: pooled OLS residuals (region and year dummies, gravity terms), individual effects.",
    ],
  });
}

function estimateCell(e: { estimate: number; se: number; pValue: number } | null, digits: number): Cell {
  if (!e) return { text: "" };
  const t = formatNumber(e.estimate, digits);
  const s = formatNumber(e.se, digits);
  if (t === null) return { text: MISSING_MARK, missing: true, value: e.estimate };
  return { text: `${t} (${s ?? MISSING_MARK})`, value: e.estimate, stars: starsFor(e.pValue) || undefined };
}

/**
 * T7: one row per robustness check — N, observations dropped relative to the baseline, and each
 * factor's estimate (SE) with stars; checks that could not be estimated say why.
 */
export function robustnessSummaryTable(r: RobustnessResult): TableModel {
  const factors = FACTOR_KEYS.filter((k) => [r.baseline, ...r.checks].some((c) => checkEstimate(c, k)));
  const hdr: Cell[] = [textCell("Check"), textCell("N"), textCell("Dropped vs baseline"), ...factors.map((k) => textCell(r.params.factors[k].concept)), textCell("Sample restrictions (rows dropped)")];
  const restrictions = (c: (typeof r.checks)[number]): Cell => {
    const s = c.sample;
    if (!s) return textCell("");
    const parts = s.steps.filter((st) => st.dropped > 0).map((st) => `${st.step} −${st.dropped}`);
    const d = c.fit?.result.dropped;
    if (d && d.singleton > 0) parts.push(`singleton fixed-effect groups (engine) −${d.singleton}`);
    if (d && d.separation > 0) parts.push(`separated observations (engine) −${d.separation}`);
    return textCell(parts.join("; "));
  };
  const rowOf = (c: (typeof r.checks)[number]): Row => {
    if (!c.fit) {
      return { key: `check:${c.id}`, cells: [textCell(c.label), textCell(MISSING_MARK, { missing: true }), textCell(""), textCell(`not estimable: ${c.error ?? "unknown"}`, { colspan: factors.length }), restrictions(c)] };
    }
    return {
      key: `check:${c.id}`,
      cells: [textCell(c.label + (c.fit.omitted.length ? ` [omitted: ${c.fit.omitted.map((o) => o.variable).join(", ")}]` : "")), numberCell(c.fit.result.nobs, 0), numberCell(c.droppedVsBaseline, 0), ...factors.map((k) => estimateCell(checkEstimate(c, k), 4)), restrictions(c)],
    };
  };
  const groups = [{ label: "Baseline", rows: [rowOf(r.baseline)] }];
  for (const g of Object.keys(CHECK_GROUP_LABELS) as (keyof typeof CHECK_GROUP_LABELS)[]) {
    const rows = r.checks.filter((c) => c.group === g).map(rowOf);
    if (rows.length) groups.push({ label: CHECK_GROUP_LABELS[g], rows });
  }
  return makeTable({
    ...artifactMeta("T7"),
    header: [hdr],
    groups,
    align: ["left", "right", "right", ...factors.map(() => "right" as const), "left"],
    notes: [
      sampleNote(r.baseline.sample?.description ?? "baseline not estimable"),
      "Two-way FE (country and year), SEs clustered by country unless stated; estimate (SE) with * p < 0.1, ** p < 0.05, *** p < 0.01.",
      "Dropped vs baseline = baseline N − this N (negative: the check adds observations, e.g. lags reach back one year). Alternative measures change the unit of the coefficient.",
      "Each check's own restrictions are counted step by step in its sample (notebook 04).",
    ],
  });
}

/** A4: every fitted robustness model with all coefficients (dummies hidden). */
export function robustnessFullTable(r: RobustnessResult, label: (name: string) => string): TableModel {
  const fitted = fittedChecks(r);
  return regressionTable(
    fitted.map(({ check, result }) => ({ result, title: check.label, vcovLabel: result.vcovType })),
    {
      ...artifactMeta("A4"),
      labels: label,
      drop: [/::/],
      digits: 4,
      notes: [sampleNote(r.baseline.sample?.description ?? ""), `${r.checks.length - (fitted.length - 1)} check(s) not estimable are listed in T7 with the reason.`],
    },
  );
}

/** T8: for each factor, how many specifications give a positive / negative significant effect. */
export function specCurveTable(c: SpecCurveResult, p: AnalysisParams): TableModel {
  const pct = (k: number, n: number) => (n ? `${k} (${((100 * k) / n).toFixed(1)}%)` : "0");
  const rows = c.summary.map((s) => ({
    factor: s.concept,
    sign: s.expectedSign > 0 ? "+" : "−",
    n: s.n,
    positive: pct(s.positive, s.n),
    positiveSig: pct(s.positiveSignificant, s.n),
    negativeSig: pct(s.negativeSignificant, s.n),
    rightSig: pct(s.rightSignSignificant, s.n),
    median: s.median,
    range: `[${formatNumber(s.min, 3)}, ${formatNumber(s.max, 3)}]`,
  }));
  const ok = c.outcomes.filter((o) => !o.error).length;
  return dataTable(rows, {
    ...artifactMeta("T8"),
    columns: [
      { key: "factor", label: "Factor" },
      { key: "sign", label: "Expected sign" },
      { key: "n", label: "Specifications", digits: "count" },
      { key: "positive", label: "β > 0" },
      { key: "positiveSig", label: `β > 0, p < ${c.alpha}` },
      { key: "negativeSig", label: `β < 0, p < ${c.alpha}` },
      { key: "rightSig", label: `Expected sign, p < ${c.alpha}` },
      { key: "median", label: c.standardized ? "Median β (per SD)" : "Median β", digits: 3 },
      { key: "range", label: "Range" },
    ],
    notes: [
      `Sample: ${p.panel.list}-country list, fill rule ${p.panel.fill}; sources ${p.specCurve.dimensions.source.join(", ")}; ${ok} estimated specifications (${c.fits} distinct fits), ${c.duplicates.length} combinations identical to another (not counted twice), ${c.skipped.length} impossible by construction, ${c.failed} not estimable.`,
      `Dimensions: ${Object.entries(p.specCurve.dimensions).map(([k, v]) => `${k} ∈ {${(v as readonly unknown[]).join(", ")}}`).join("; ")}.`,
      c.standardized ? "Continuous factor measures standardised within each sample (β per standard deviation); 0/1 dummies left as they are." : "Coefficients in the units of each measure.",
      "A factor appears only in the specifications that include it (e.g. tariffs only in the extended model); a regressor without variation in a sample is omitted there.",
    ],
  });
}

/** T9: the claims scorecard. */
export function scorecardTable(rows: readonly ScorecardRow[], p: AnalysisParams): TableModel {
  return dataTable(
    rows.map((r) => ({ id: r.id, section: r.section, claim: r.claim, evidence: r.outcome.statistic, ids: r.evidenceIds.join(", "), verdict: r.outcome.verdict, rule: r.outcome.rule })),
    {
      ...artifactMeta("T9"),
      columns: [
        { key: "id", label: "#" },
        { key: "section", label: "Paper" },
        { key: "claim", label: "Claim (paraphrased)" },
        { key: "evidence", label: "Evidence" },
        { key: "ids", label: "See" },
        { key: "verdict", label: "Verdict" },
        { key: "rule", label: "Rule" },
      ],
      notes: [
        `Sample: ${p.panel.list}-country list, fill rule ${p.panel.fill}; baseline source ${p.dependent.sources[p.dependent.source]!.label}.`,
        `Thresholds from analysis.params.json: alpha ${p.scorecard.alpha}, supported share ${p.scorecard.supportedShare}, partly share ${p.scorecard.partlyShare}, steady-growth share ${p.scorecard.steadyGrowthShare}, regional gap ratio ${p.scorecard.regionalGapRatio}, peak-season share ${p.scorecard.peakSeasonShare}.`,
        "Verdicts are computed by the rules in src/analysis/scorecard.ts; none is typed in.",
      ],
    },
  );
}

/** T10: each concept of the paper, its proxy, why it measures the concept and what it cannot. */
export function proxyTable(p: AnalysisParams): TableModel {
  return dataTable(
    proxyDocs(p).map((d) => ({ concept: d.concept, variable: d.variable ?? "not measured", why: d.why, cannot: d.cannot })),
    {
      ...artifactMeta("T10"),
      columns: [
        { key: "concept", label: "Concept (paper)" },
        { key: "variable", label: "Proxy (panel column)" },
        { key: "why", label: "Why it measures the concept" },
        { key: "cannot", label: "What it cannot measure" },
      ],
      notes: [`Parameters: ${p.panel.list}-country list, fill rule ${p.panel.fill}; measures and alternatives from analysis.params.json.`],
    },
  );
}
