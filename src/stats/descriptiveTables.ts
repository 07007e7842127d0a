/**
 * Tables T1–T4 of paper §2 from one {@link DescriptiveAnalysis}, as table models (src/tables) with
 * the registry's ID, title and caption. Numbers are taken from the analysis, never recomputed here.
 */
import { artifactMeta } from "../artifacts";
import { type DataRecord, dataTable, type TableModel } from "../tables/index";
import type { DescriptiveAnalysis } from "./descriptiveAnalysis";

const short = (g: string) => g.replace(/\s*\(.*\)\s*$/, "");
const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : 100 * v);

/** Labels for the variables of the analysis (factor labels; the two trade sources). */
export function variableLabels(d: DescriptiveAnalysis): Record<string, string> {
  const o = d.options;
  return {
    [o.nbs]: "Exports, China-reported (NBS, US$)",
    [o.mirror]: "Imports from China, partner-reported (US$)",
    ...Object.fromEntries(o.factors.map((f) => [f.name, f.label])),
  };
}

/**
 * T1: summary statistics of the panel variables (N, missing, mean, sd, min, quartiles, max,
 * skewness G1, excess kurtosis G2).
 */
export function summaryTable(d: DescriptiveAnalysis): TableModel {
  const labels = variableLabels(d);
  const big = (v: string) => v === d.options.nbs || v === d.options.mirror;
  const rows: DataRecord[] = d.summary.map((s) => {
    const scale = big(s.variable) ? 1e-9 : 1;
    const f = (v: number | null) => (v === null ? null : v * scale);
    return {
      variable: big(s.variable) ? `${labels[s.variable]!.replace("US$", "bn US$")}` : (labels[s.variable] ?? s.variable),
      n: s.n, missing: s.missing, mean: f(s.mean), sd: f(s.sd), min: f(s.min), p25: f(s.p25), median: f(s.median), p75: f(s.p75), max: f(s.max),
      skewness: s.skewness, kurtosis: s.kurtosis, note: s.note || null,
    };
  });
  const anyNote = rows.some((r) => r.note !== null);
  return dataTable(rows, {
    ...artifactMeta("T1"),
    columns: [
      { key: "variable", label: "Variable" },
      { key: "n", label: "N", digits: "count" },
      { key: "missing", label: "Missing", digits: "count" },
      { key: "mean", label: "Mean" }, { key: "sd", label: "SD" }, { key: "min", label: "Min" }, { key: "p25", label: "P25" },
      { key: "median", label: "Median" }, { key: "p75", label: "P75" }, { key: "max", label: "Max" },
      { key: "skewness", label: "Skewness" }, { key: "kurtosis", label: "Kurtosis" },
      ...(anyNote ? [{ key: "note", label: "Note" }] : []),
    ],
    notes: [
      `Country-years of ${d.countries} countries; each statistic uses the non-missing values of its variable (N), Missing counts the rest.`,
      "Quartiles: R type 7. Skewness: adjusted Fisher–Pearson G1. Kurtosis: adjusted excess kurtosis G2 (0 for a normal distribution); as SAS/SPSS/Excel and R e1071 type 2.",
      "China-reported exports exist for 2015–2019 only; partner-reported imports for 2015–2024 with gaps. The two are separate variables, never spliced.",
    ],
    missingNote: "— : not defined for this sample (see Note).",
  });
}

/**
 * T2: exports by region — levels, shares and CAGR for each source (NBS all countries; mirror
 * balanced set), with the source comparison in the notes.
 */
export function regionTradeTable(d: DescriptiveAnalysis): TableModel {
  const n = d.nbs;
  const m = d.mirror;
  const last = (a: readonly (number | null)[]) => a[a.length - 1] ?? null;
  const rows: DataRecord[] = d.regions.map((r) => {
    const tn = n.totals.groups.find((g) => g.group === r);
    const tm = m.balancedTotals.groups.find((g) => g.group === r);
    return {
      region: short(r),
      nbsFirst: tn?.total[0] == null ? null : tn.total[0]! / 1e9,
      nbsLast: tn ? (last(tn.total) === null ? null : last(tn.total)! / 1e9) : null,
      nbsShare: pct(last(n.shares.find((s) => s.group === r)?.share ?? [])),
      nbsCagr: pct(n.growth.find((g) => g.group === r)?.cagr),
      mirUnits: tm?.units ?? 0,
      mirFirst: tm?.total[0] == null ? null : tm.total[0]! / 1e9,
      mirLast: tm ? (last(tm.total) === null ? null : last(tm.total)! / 1e9) : null,
      mirShare: pct(last(m.shares.find((s) => s.group === r)?.share ?? [])),
      mirCagr: pct(m.growth.find((g) => g.group === r)?.cagr),
    };
  });
  const allN = n.allGrowth;
  const allM = m.allGrowth;
  rows.push({
    region: "All B&R countries",
    nbsFirst: allN.total[0] == null ? null : allN.total[0]! / 1e9,
    nbsLast: last(allN.total) === null ? null : last(allN.total)! / 1e9,
    nbsShare: 100,
    nbsCagr: pct(allN.cagr),
    mirUnits: m.allTotals.groups[0]?.units ?? 0,
    mirFirst: allM.total[0] == null ? null : allM.total[0]! / 1e9,
    mirLast: last(allM.total) === null ? null : last(allM.total)! / 1e9,
    mirShare: 100,
    mirCagr: pct(allM.cagr),
  });
  const c = d.sourceComparison;
  const fmt = (v: number | null, k = 3) => (v === null ? "n/a" : v.toFixed(k));
  return dataTable(rows, {
    ...artifactMeta("T2"),
    columns: [
      { key: "region", label: "Region" },
      { key: "nbsFirst", label: `NBS ${n.years[0]} (bn US$)`, digits: 1 },
      { key: "nbsLast", label: `NBS ${n.years[1]} (bn US$)`, digits: 1 },
      { key: "nbsShare", label: `NBS share ${n.years[1]} (%)`, digits: 1 },
      { key: "nbsCagr", label: `NBS CAGR ${n.years[0]}–${n.years[1]} (%)`, digits: 1 },
      { key: "mirUnits", label: "Mirror countries", digits: "count" },
      { key: "mirFirst", label: `Mirror ${m.years[0]} (bn US$)`, digits: 1 },
      { key: "mirLast", label: `Mirror ${m.years[1]} (bn US$)`, digits: 1 },
      { key: "mirShare", label: `Mirror share ${m.years[1]} (%)`, digits: 1 },
      { key: "mirCagr", label: `Mirror CAGR ${m.years[0]}–${m.years[1]} (%)`, digits: 1 },
    ],
    notes: [
      `NBS: China-reported exports (FOB), all ${d.countries} countries. Mirror: partner-reported imports from China (CIF), only the countries reporting in every year ${m.years[0]}–${m.years[1]}; left out: ${m.balancedTotals.droppedUnbalanced.map((x) => x.split(" ")[0]).join(", ") || "none"}.`,
      `Source comparison where both exist (${c.n} country-years; ${c.onlyA} with NBS only, ${c.onlyB} with mirror only): median mirror/NBS ratio ${fmt(c.medianRatio)}, geometric mean ratio ${fmt(c.geometricMeanRatio)}; correlation of logs ${fmt(c.pearsonLogs)} (Pearson), ${fmt(c.spearman)} (Spearman). The sources differ in level and are never spliced.`,
      "Total merchandise exports are the proxy for cross-border e-commerce exports (no public bilateral CBEC series).",
    ],
    missingNote: "— : no country of the region reports in that year.",
  });
}

/** T3: quarter shares by year and their mean, quarter effects with year FE, and the F test. */
export function seasonalityTable(d: DescriptiveAnalysis): TableModel {
  const s = d.seasonality;
  const rows: DataRecord[] = ["Q1", "Q2", "Q3", "Q4"].map((q, i) => {
    const e = s.regression.effects.find((x) => x.term === q);
    const r: Record<string, number | string | null> = { quarter: q };
    s.yearsUsed.forEach((y, k) => (r[`y${y}`] = 100 * s.quarterShareByYear[k]![i]!));
    r.mean = 100 * s.quarterShareMean[i]!;
    r.effect = e ? 100 * e.estimate : null;
    r.se = e ? 100 * e.stdError : null;
    r.p = e ? e.pValue.toPrecision(2) : null;
    return r;
  });
  const reg = s.regression;
  return dataTable(rows, {
    ...artifactMeta("T3"),
    columns: [
      { key: "quarter", label: "Quarter" },
      ...s.yearsUsed.map((y) => ({ key: `y${y}`, label: `Share ${y} (%)`, digits: 1 })),
      { key: "mean", label: "Mean share (%)", digits: 1 },
      { key: "effect", label: "Effect vs Q1 (log points ×100)", digits: 1 },
      { key: "se", label: "SE", digits: 1 },
      { key: "p", label: "p-value", align: "right" as const },
    ],
    notes: [
      `Monthly NBS exports to all destinations, complete years ${s.yearsUsed.join(", ")}; excluded: ${s.excludedYears.map((e) => `${e.year} (${e.reason})`).join("; ") || "none"}. January and February are separate months in this file (the Spring Festival shifts exports between them; quarter totals are unaffected).`,
      `Regression of log monthly exports on quarter dummies and year fixed effects (N = ${reg.nobs}, iid SE); joint test of the quarter effects F(${reg.fDf1}, ${reg.fDf2}) = ${reg.fStatistic.toFixed(2)}, p = ${reg.fPValue.toPrecision(3)}.`,
      `Second half of the year (Q3 + Q4): ${s.secondHalfShare.map((v, k) => `${s.yearsUsed[k]} ${(100 * v).toFixed(1)}%`).join(", ")}.`,
    ],
    missingNote: "— : base quarter.",
  });
}

/** T4: region means (and N country-years) of the digital, payment and logistics indicators. */
export function regionalGapsTable(d: DescriptiveAnalysis): TableModel {
  const labels = variableLabels(d);
  const vars = d.options.factors.map((f) => f.name);
  const rows: DataRecord[] = d.gapsByRegion.map((g) => {
    const r: Record<string, number | string | null> = { region: short(g.group) };
    for (const v of vars) {
      const s = g.stats.find((x) => x.variable === v);
      r[v] = s?.mean ?? null;
      r[`${v}__n`] = s?.n ?? 0;
    }
    return r;
  });
  const all: Record<string, number | string | null> = { region: "All B&R countries" };
  for (const v of vars) {
    const s = d.summary.find((x) => x.variable === v);
    all[v] = s?.mean ?? null;
    all[`${v}__n`] = s?.n ?? 0;
  }
  rows.push(all);
  return dataTable(rows, {
    ...artifactMeta("T4"),
    columns: [
      { key: "region", label: "Region" },
      ...vars.flatMap((v) => [
        { key: v, label: labels[v] ?? v, digits: v === "lpi_overall_score" ? 2 : 1 },
        { key: `${v}__n`, label: "N", digits: "count" as const },
      ]),
    ],
    notes: [
      `Means of all available country-years ${d.panelYears[0]}–${d.panelYears[1]} in each region; N = country-years with a value.`,
      "LPI and Findex are survey editions, not yearly series: their N depends on the fill rule between editions (`panel.fill` in analysis.params.json; every filled cell is flagged in `<var>_filled`, notebook 01).",
    ],
    missingNote: "— : no country-year of the region has a value.",
  });
}

/**
 * T1–T4 in ID order.
 *
 * @example
 * descriptiveTables(descriptiveAnalysis(panel, monthly)).map((t) => t.id); // ["T1", "T2", "T3", "T4"]
 */
export function descriptiveTables(d: DescriptiveAnalysis): TableModel[] {
  return [summaryTable(d), regionTradeTable(d), seasonalityTable(d), regionalGapsTable(d)];
}
