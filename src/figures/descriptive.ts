/**
 * All descriptive figures (F1–F9) from one {@link DescriptiveAnalysis} and the panel, with captions
 * that state the sample actually drawn. Deterministic: the same inputs give byte-identical JSON.
 */
import { type Frame, filterRows, makeFrame, numeric, text } from "../frame";
import type { DescriptiveAnalysis } from "../stats/index";
import { factorScatterFigure, correlationHeatmapFigure, missingDataFigure } from "./factors";
import { briMapFigure, type MapLayer } from "./map";
import { seasonalityFigure } from "./seasonality";
import type { FigureSpec } from "./spec";
import { exportTrendFigure, growthByRegionFigure, regionalSharesFigure, topPartnersFigure } from "./trade";

/** Values of `column` in `year`, one per country in `iso3` order (null = missing). */
function valuesInYear(panel: Frame, id: string, time: string, column: string, year: number, iso3: readonly string[]): (number | null)[] {
  const ids = text(panel, id);
  const t = numeric(panel, time);
  const v = numeric(panel, column);
  const at = new Map<string, number>();
  for (let i = 0; i < panel.nrow; i++) if (t[i] === year && !Number.isNaN(v[i]!)) at.set(ids[i]!, v[i]!);
  return iso3.map((c) => at.get(c) ?? null);
}

/** The latest year ≤ `upTo` in which `column` has the most non-missing countries (ties: the later year). */
export function bestCoveredYear(panel: Frame, time: string, column: string, upTo = Infinity): number | null {
  const t = numeric(panel, time);
  const v = numeric(panel, column);
  const count = new Map<number, number>();
  for (let i = 0; i < panel.nrow; i++) if (!Number.isNaN(v[i]!) && t[i]! <= upTo) count.set(t[i]!, (count.get(t[i]!) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, n] of [...count.entries()].sort((a, b) => a[0] - b[0])) if (best === null || n >= count.get(best)!) best = y;
  return best;
}

/**
 * F1–F9 (in ID order) for notebook 02 and the report.
 *
 * @example
 * const figs = descriptiveFigures(descriptiveAnalysis(panel, monthly), panel);
 * figs.map((f) => f.id); // ["F1", …, "F9"]
 */
export function descriptiveFigures(d: DescriptiveAnalysis, panel: Frame): FigureSpec[] {
  const o = d.options;
  const nbsLabel = `China-reported (NBS), ${d.nbs.years[0]}–${d.nbs.years[1]}`;
  const mirLabel = `Partner-reported (mirror), ${d.mirror.years[0]}–${d.mirror.years[1]}`;
  const dropped = d.mirror.balancedTotals.droppedUnbalanced;
  const balancedNote = `mirror: the ${d.countries - dropped.length} countries reporting in every year ${d.mirror.years[0]}–${d.mirror.years[1]} (left out: ${dropped.map((x) => x.split(" ")[0]).join(", ") || "none"})`;
  const nbsNote = `NBS: all ${d.countries} countries, ${d.nbs.years[0]}–${d.nbs.years[1]}`;

  const f1 = exportTrendFigure(
    [
      { label: nbsLabel, data: d.nbs.totals },
      { label: `${mirLabel}, all reporters`, data: d.mirror.totals },
    ],
    `${nbsNote}; mirror: every country reporting in each year (hover shows how many), so mirror totals also move with coverage. Total merchandise exports, a proxy for cross-border e-commerce.`,
  );
  const f2 = regionalSharesFigure(
    [
      { label: nbsLabel, data: d.nbs.shares },
      { label: `${mirLabel}, balanced`, data: d.mirror.shares },
    ],
    `${nbsNote}; ${balancedNote}.`,
  );
  const f3 = topPartnersFigure(
    [
      { label: `China-reported, ${d.nbs.topYear}`, data: d.nbs.top },
      { label: `Partner-reported, ${d.mirror.topYear}`, data: d.mirror.top },
    ],
    d.regions,
    `top ${o.top} countries by value in ${d.nbs.topYear} (NBS) and ${d.mirror.topYear} (mirror, countries reporting that year); shares are of the B&R total of that source and year.`,
  );
  const f4 = growthByRegionFigure(
    [
      { label: `China-reported CAGR ${d.nbs.years[0]}–${d.nbs.years[1]}`, data: d.nbs.growth },
      { label: `Partner-reported CAGR ${d.mirror.years[0]}–${d.mirror.years[1]} (balanced)`, data: d.mirror.growth },
    ],
    `${nbsNote}; ${balancedNote}.`,
  );

  // F5: one value per B&R country
  const ids = text(panel, o.id);
  const names = text(panel, o.name);
  const iso3: string[] = [];
  const label: string[] = [];
  ids.forEach((c, i) => {
    if (c !== null && !iso3.includes(c)) {
      iso3.push(c);
      label.push(names[i] ?? c);
    }
  });
  const layers: MapLayer[] = [];
  const mapYears: string[] = [];
  const add = (column: string, title: string, unit: string, log: boolean, upTo?: number) => {
    const y = bestCoveredYear(panel, o.time, column, upTo);
    if (y === null) return;
    const values = valuesInYear(panel, o.id, o.time, column, y, iso3);
    layers.push({ label: `${title}, ${y}`, unit, values: log ? values.map((v) => (v === null ? null : v / 1e9)) : values, log });
    mapYears.push(`${title} ${y} (${values.filter((v) => v !== null).length} countries)`);
  };
  add(o.nbs, "Exports, China-reported", "bn US$", true, d.nbs.years[1]);
  add(o.mirror, "Imports from China, partner-reported", "bn US$", true, d.mirror.years[1]);
  add("internet_users_pct", "Internet users", "% of population", false);
  add("lpi_overall_score", "LPI overall score", "score 1–5", false);
  const f5 = briMapFigure(iso3, label, layers, `${d.countries} B&R countries; each layer in the year with the most countries reporting: ${mapYears.join("; ")}. Grey: no data.`);

  const s = d.seasonality;
  const f6 = seasonalityFigure(
    s,
    `complete years ${s.yearsUsed.join(", ")} (excluded: ${s.excludedYears.map((e) => `${e.year}, ${e.reason}`).join("; ") || "none"}); exports to all destinations; January and February separate, as in the file.`,
  );

  const yLabel = { name: "ln_exports_nbs_usd", label: `log exports (NBS), ${d.nbs.years[0]}–${d.nbs.years[1]}` };
  const inWindow = restrictYears(panel, o.time, d.nbs.years[0], d.nbs.years[1]);
  const logNbs = Float64Array.from(numeric(inWindow, o.nbs), (v) => (v > 0 ? Math.log(v) : Number.NaN));
  const scatterFrame = makeFrame({ ...inWindow.columns, [yLabel.name]: logNbs });
  const f7 = factorScatterFigure(scatterFrame, yLabel, o.factors, { text: o.name, time: o.time }, `country-years ${d.nbs.years[0]}–${d.nbs.years[1]} with both values (n in each panel); pooled, no controls: a description, not an estimate of an effect.`);

  const cm = d.correlations.pearson;
  const corrLabels = cm.variables.map((v) => (v === "ln_nbs" ? "log exports (NBS)" : v === "ln_mirror" ? "log imports from China (mirror)" : (o.factors.find((f) => f.name === v)?.label ?? v)));
  const nMin = Math.min(...cm.n.flat());
  const nMax = Math.max(...cm.n.flat());
  const f8 = correlationHeatmapFigure(cm, corrLabels, `pooled country-years ${panelYears(panel, o.time)}, pairwise complete (n from ${nMin} to ${nMax} per pair); * p < 0.1, ** p < 0.05, *** p < 0.01 (t test, not adjusted for clustering within countries).`);

  const f9 = missingDataFigure(
    panel,
    [
      { name: o.nbs, label: "Exports, China-reported (NBS)" },
      { name: o.mirror, label: "Imports from China, partner-reported" },
      ...o.factors,
    ],
    o.time,
    `${d.countries} countries × ${panelYears(panel, o.time)}; cell text = countries with a value / countries.`,
  );
  return [f1, f2, f3, f4, f5, f6, f7, f8, f9];
}

function restrictYears(panel: Frame, time: string, a: number, b: number): Frame {
  const t = numeric(panel, time);
  return filterRows(panel, Array.from(t, (y) => y >= a && y <= b));
}

function panelYears(panel: Frame, time: string): string {
  const t = Array.from(numeric(panel, time)).filter((v) => Number.isFinite(v));
  return `${Math.min(...t)}–${Math.max(...t)}`;
}
