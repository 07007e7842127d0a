/**
 * The panel of the analysis: `buildPanel` (src/clean/panel.ts) called with the settings of the
 * parameters file (country list, fill rule, years), memoised per setting so that notebooks and
 * the report build it once. Also the coefficient labels taken from the panel's variable
 * dictionary.
 */
import { buildPanel, type ColumnInfo, type PanelResult } from "../clean/panel";
import type { AnalysisParams } from "./params";
import { type Frame, filterRows, numeric } from "../frame";

const cache = new Map<string, PanelResult>();

/**
 * The analysis panel for these parameters (list, fill rule, first/last year).
 * @param dataDir data directory (default: the project's data-directory setting)
 * @example
 * const { frame, dictionary } = analysisPanel(loadParams());
 */
export function analysisPanel(p: AnalysisParams, dataDir?: string): PanelResult {
  const key = JSON.stringify([p.panel, dataDir ?? null]);
  let r = cache.get(key);
  if (!r) {
    r = buildPanel({ list: p.panel.list, fill: p.panel.fill, firstYear: p.panel.firstYear, lastYear: p.panel.lastYear, ...(dataDir ? { dataDir } : {}) });
    cache.set(key, r);
  }
  return r;
}

/** Name of the digital-index column added by the baseline (first principal component). */
export const DIGITAL_INDEX = "digital_index_pc1";

/**
 * Coefficient labels from the variable dictionary: the meaning up to its first parenthesis, and the
 * unit ("individuals using the Internet, % of population"); "L1_x" is labelled "x, lagged 1 year";
 * dummies "var::level" become "var = level".
 * @example
 * const label = labelsFromDictionary(panel.dictionary);
 * label("ln_gdp_usd"); // "natural log of GDP, ln(current US$)"
 */
export function labelsFromDictionary(dictionary: readonly ColumnInfo[]): (name: string) => string {
  const by = new Map(dictionary.map((c) => [c.name, c]));
  const base = (n: string): string => {
    if (n === DIGITAL_INDEX) return "Digital index (1st principal component, standardised)";
    const c = by.get(n);
    if (!c) return n;
    const meaning = c.meaning.split(" (")[0]!;
    return c.unit && c.unit !== "text" && c.unit !== "code" ? `${meaning}, ${c.unit}` : meaning;
  };
  return (name: string) => {
    const lag = /^L(\d+)_(.+)$/.exec(name);
    if (lag) return `${base(lag[2]!)}, lagged ${lag[1]} year${lag[1] === "1" ? "" : "s"}`;
    const dummy = /^(.+)::(.+)$/.exec(name);
    if (dummy) return `${dummy[1]} = ${dummy[2]}`;
    return base(name);
  };
}

/**
 * The panel restricted to the study period (the union of the dependent-variable sources' years),
 * i.e. without the lead year that `panel.firstYear` adds for lags. Descriptive statistics use it.
 * @example
 * studyPeriod(analysisPanel(params).frame, params); // rows with 2015 ≤ year ≤ 2024
 */
export function studyPeriod(frame: Frame, p: AnalysisParams): Frame {
  const ys = Object.values(p.dependent.sources).flatMap((s) => [...s.years]);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const t = numeric(frame, p.identifiers.time);
  return filterRows(frame, Array.from(t, (y) => y >= lo && y <= hi));
}
