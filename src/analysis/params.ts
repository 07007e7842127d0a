/**
 * The analysis parameters: ONE file, `analysis.params.json` at the repository root.
 *
 * Every regression table, figure and scorecard verdict of notebooks 03/04 and of the report is a
 * function of these settings (fill rule, country list, sample years per dependent-variable source,
 * factor measures, winsorisation, cluster variable, significance level, scorecard thresholds).
 * Change a setting there (or pass an override with {@link withParams}) and every dependent output
 * changes with it; nothing downstream re-declares a setting.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "../data/dataDir";

export type FillRule = "none" | "locf" | "linear";
export type CountryList = 64 | 65;
export type FactorKey = "digital" | "logistics" | "payment" | "institutions" | "tariffs" | "market_access";
export const FACTOR_KEYS: readonly FactorKey[] = ["digital", "logistics", "payment", "institutions", "tariffs", "market_access"];

export interface DependentSource {
  /** Panel column of the level of the dependent variable (current US$). */
  readonly level: string;
  readonly label: string;
  /** First and last year used with this source (inclusive). */
  readonly years: readonly [number, number];
}

export interface FactorParams {
  /** The paper's concept, e.g. "Digital infrastructure". */
  readonly concept: string;
  /** Baseline measure (panel column), or null when the concept is not measured in the public data. */
  readonly measure: string | null;
  /** Alternative measures of the same concept (robustness). */
  readonly alternatives: readonly string[];
  /** Sign the paper's claim implies (+1 raises exports, −1 lowers them). */
  readonly expectedSign: 1 | -1;
  /** Enter the measure in logs (ln x) instead of levels. */
  readonly log: boolean;
  /** In the baseline factor block (true), or only in the extended model (false: e.g. tariffs,
   *  whose series is short and would cut the baseline sample). */
  readonly inBaseline: boolean;
}

export interface SpecCurveDimensions {
  readonly source: readonly string[];
  readonly digital: readonly string[];
  readonly payment: readonly string[];
  readonly logistics: readonly string[];
  readonly lag: readonly number[];
  readonly winsorise: readonly boolean[];
  readonly excludeCovid: readonly boolean[];
  readonly editionOnly: readonly boolean[];
  /** Add the factors with inBaseline = false (the extended model). */
  readonly extended: readonly boolean[];
  readonly vcov: readonly ("cluster" | "dk")[];
}

export interface ScorecardParams {
  /** Significance level of the verdict rules. */
  readonly alpha: number;
  /** "supported" needs at least this share of the specification curve with the right sign and p < alpha. */
  readonly supportedShare: number;
  /** "partly supported" needs at least this share (or baseline significance alone). */
  readonly partlyShare: number;
  /** "steady growth": at least this share of year-on-year changes positive. */
  readonly steadyGrowthShare: number;
  /** "regional gap": max regional mean / min regional mean at least this ratio. */
  readonly regionalGapRatio: number;
  /** "Q3/Q4 peak": share of the second half-year in annual exports above this. */
  readonly peakSeasonShare: number;
  /** Region codes (identifiers.region) the §2 claims name. */
  readonly regions: { readonly southeastAsia: string; readonly centralAsia: string; readonly cee: string };
}

export interface AnalysisParams {
  /** Panel build options; firstYear lies one year before the earliest sample year so that one-year lags exist. */
  readonly panel: { readonly fill: FillRule; readonly list: CountryList; readonly firstYear: number; readonly lastYear: number };
  readonly identifiers: { readonly id: string; readonly time: string; readonly region: string; readonly name: string };
  readonly dependent: { readonly source: string; readonly sources: Readonly<Record<string, DependentSource>> };
  readonly factors: Readonly<Record<FactorKey, FactorParams>>;
  readonly controls: readonly string[];
  readonly gravity: readonly string[];
  readonly digitalIndexBlock: readonly string[];
  readonly cluster: string;
  /** VIF above which a regressor is called collinear (rule of thumb 10; Kutner et al. 2005 §10.5). */
  readonly vifThreshold: number;
  /** Per-region samples with fewer countries are reported as not estimable. */
  readonly minCountriesPerRegion: number;
  readonly alpha: number;
  readonly winsorise: { readonly lower: number; readonly upper: number };
  readonly covidYears: readonly number[];
  readonly lag: number;
  readonly specCurve: { readonly standardize: boolean; readonly dimensions: SpecCurveDimensions };
  readonly scorecard: ScorecardParams;
}

/** A partial override, merged field by field (arrays replace, objects merge). */
export type ParamsPatch = { [K in keyof AnalysisParams]?: AnalysisParams[K] extends readonly unknown[] ? AnalysisParams[K] : AnalysisParams[K] extends object ? DeepPartial<AnalysisParams[K]> : AnalysisParams[K] };
type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Path of the parameters file in a repository. */
export function paramsPath(root: string = findRepoRoot()): string {
  return join(root, "analysis.params.json");
}

/**
 * Read and validate the parameters file.
 * @throws Error naming the file and the offending field
 * @example
 * const p = loadParams();      // <repo>/analysis.params.json
 * p.panel.fill;                // "linear"
 */
export function loadParams(path: string = paramsPath()): AnalysisParams {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: cannot read analysis parameters: ${e instanceof Error ? e.message : String(e)}`);
  }
  return validateParams(raw, path);
}

function fail(where: string, field: string, msg: string): never {
  throw new Error(`${where}: field '${field}' ${msg}`);
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function str(o: Record<string, unknown>, k: string, where: string, path: string): string {
  const v = o[k];
  if (typeof v !== "string" || v === "") fail(where, `${path}${k}`, `must be a non-empty string (got ${JSON.stringify(v)})`);
  return v;
}

function num(o: Record<string, unknown>, k: string, where: string, path: string, lo = -Infinity, hi = Infinity): number {
  const v = o[k];
  if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi) fail(where, `${path}${k}`, `must be a number in [${lo}, ${hi}] (got ${JSON.stringify(v)})`);
  return v;
}

function strArr(o: Record<string, unknown>, k: string, where: string, path: string): string[] {
  const v = o[k];
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) fail(where, `${path}${k}`, `must be an array of strings`);
  return v as string[];
}

function obj(o: Record<string, unknown>, k: string, where: string, path: string): Record<string, unknown> {
  const v = o[k];
  if (!isObj(v)) fail(where, `${path}${k}`, `must be an object`);
  return v;
}

/**
 * Check a parsed parameters object field by field and return it typed (deeply frozen).
 * @param where file name (or other origin) used in error messages
 * @throws Error naming `where` and the field, e.g. "analysis.params.json: field 'panel.fill' must be one of none|locf|linear"
 * @example
 * validateParams(JSON.parse(text), "analysis.params.json").alpha; // 0.05
 */
export function validateParams(raw: unknown, where = "analysis.params.json"): AnalysisParams {
  if (!isObj(raw)) throw new Error(`${where}: the parameters must be a JSON object`);
  const known = ["$comment", "panel", "identifiers", "dependent", "factors", "controls", "gravity", "digitalIndexBlock", "cluster", "vifThreshold", "minCountriesPerRegion", "alpha", "winsorise", "covidYears", "lag", "specCurve", "scorecard"];
  for (const k of Object.keys(raw)) if (!known.includes(k)) fail(where, k, `is not a known setting (known: ${known.filter((x) => x !== "$comment").join(", ")})`);
  const panel = obj(raw, "panel", where, "");
  if (!["none", "locf", "linear"].includes(panel.fill as string)) fail(where, "panel.fill", `must be one of none|locf|linear (got ${JSON.stringify(panel.fill)})`);
  if (panel.list !== 64 && panel.list !== 65) fail(where, "panel.list", `must be 64 or 65 (got ${JSON.stringify(panel.list)})`);
  const fy = num(panel, "firstYear", where, "panel.", 1990, 2100);
  const ly = num(panel, "lastYear", where, "panel.", 1990, 2100);
  if (!Number.isInteger(fy) || !Number.isInteger(ly) || fy > ly) fail(where, "panel", "needs integer firstYear <= lastYear");
  const ids = obj(raw, "identifiers", where, "");
  for (const k of ["id", "time", "region", "name"]) str(ids, k, where, "identifiers.");
  const dep = obj(raw, "dependent", where, "");
  const source = str(dep, "source", where, "dependent.");
  const sources = obj(dep, "sources", where, "dependent.");
  for (const [name, s] of Object.entries(sources)) {
    if (!isObj(s)) fail(where, `dependent.sources.${name}`, "must be an object");
    str(s, "level", where, `dependent.sources.${name}.`);
    str(s, "label", where, `dependent.sources.${name}.`);
    const y = s.years;
    if (!Array.isArray(y) || y.length !== 2 || !y.every((v) => Number.isInteger(v)) || (y[0] as number) > (y[1] as number)) {
      fail(where, `dependent.sources.${name}.years`, "must be [first, last] integer years with first <= last");
    }
  }
  if (!(source in sources)) fail(where, "dependent.source", `names no entry of dependent.sources (${Object.keys(sources).join(", ")})`);
  const factors = obj(raw, "factors", where, "");
  for (const key of FACTOR_KEYS) {
    const f = obj(factors, key, where, "factors.");
    str(f, "concept", where, `factors.${key}.`);
    if (f.measure !== null) str(f, "measure", where, `factors.${key}.`);
    strArr(f, "alternatives", where, `factors.${key}.`);
    if (f.expectedSign !== 1 && f.expectedSign !== -1) fail(where, `factors.${key}.expectedSign`, "must be 1 or -1");
    if (typeof f.log !== "boolean") fail(where, `factors.${key}.log`, "must be true or false");
    if (typeof f.inBaseline !== "boolean") fail(where, `factors.${key}.inBaseline`, "must be true or false");
  }
  for (const k of Object.keys(factors)) if (!FACTOR_KEYS.includes(k as FactorKey)) fail(where, `factors.${k}`, `is not a known factor (${FACTOR_KEYS.join(", ")})`);
  strArr(raw, "controls", where, "");
  strArr(raw, "gravity", where, "");
  strArr(raw, "digitalIndexBlock", where, "");
  str(raw, "cluster", where, "");
  num(raw, "vifThreshold", where, "", 1);
  num(raw, "minCountriesPerRegion", where, "", 2);
  num(raw, "alpha", where, "", 0, 1);
  const w = obj(raw, "winsorise", where, "");
  const lo = num(w, "lower", where, "winsorise.", 0, 0.5);
  const hi = num(w, "upper", where, "winsorise.", 0.5, 1);
  if (lo >= hi) fail(where, "winsorise", "needs lower < upper");
  const cy = raw.covidYears;
  if (!Array.isArray(cy) || !cy.every((v) => Number.isInteger(v))) fail(where, "covidYears", "must be an array of integer years");
  num(raw, "lag", where, "", 1, 10);
  const sc = obj(raw, "specCurve", where, "");
  if (typeof sc.standardize !== "boolean") fail(where, "specCurve.standardize", "must be true or false");
  const dims = obj(sc, "dimensions", where, "specCurve.");
  const dimNames = ["source", "digital", "payment", "logistics", "lag", "winsorise", "excludeCovid", "editionOnly", "extended", "vcov"];
  for (const k of Object.keys(dims)) if (!dimNames.includes(k)) fail(where, `specCurve.dimensions.${k}`, `is not a known dimension (known: ${dimNames.join(", ")})`);
  for (const k of ["source", "digital", "payment", "logistics"]) {
    const a = strArr(dims, k, where, "specCurve.dimensions.");
    if (a.length === 0) fail(where, `specCurve.dimensions.${k}`, "must list at least one choice");
  }
  for (const s of dims.source as string[]) if (!(s in sources)) fail(where, "specCurve.dimensions.source", `names unknown source '${s}'`);
  const checkArr = (k: string, ok: (v: unknown) => boolean, what: string) => {
    const a = dims[k];
    if (!Array.isArray(a) || a.length === 0 || !a.every(ok)) fail(where, `specCurve.dimensions.${k}`, `must be a non-empty array of ${what}`);
  };
  checkArr("lag", (v) => v === 0 || (Number.isInteger(v) && (v as number) > 0), "lags (0 = none)");
  checkArr("winsorise", (v) => typeof v === "boolean", "booleans");
  checkArr("excludeCovid", (v) => typeof v === "boolean", "booleans");
  checkArr("editionOnly", (v) => typeof v === "boolean", "booleans");
  checkArr("extended", (v) => typeof v === "boolean", "booleans");
  checkArr("vcov", (v) => v === "cluster" || v === "dk", '"cluster" or "dk"');
  const card = obj(raw, "scorecard", where, "");
  num(card, "alpha", where, "scorecard.", 0, 1);
  const sup = num(card, "supportedShare", where, "scorecard.", 0, 1);
  const part = num(card, "partlyShare", where, "scorecard.", 0, 1);
  if (part > sup) fail(where, "scorecard.partlyShare", "must not exceed scorecard.supportedShare");
  num(card, "steadyGrowthShare", where, "scorecard.", 0, 1);
  num(card, "regionalGapRatio", where, "scorecard.", 1);
  num(card, "peakSeasonShare", where, "scorecard.", 0, 1);
  const reg = obj(card, "regions", where, "scorecard.");
  for (const k of ["southeastAsia", "centralAsia", "cee"]) str(reg, k, where, "scorecard.regions.");
  return deepFreeze(structuredClone(raw)) as unknown as AnalysisParams;
}

function deepFreeze<T>(x: T): T {
  if (typeof x === "object" && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isObj(base) || !isObj(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(base[k], v);
  return out;
}

/**
 * The parameters with some settings changed (objects merge field by field, arrays replace);
 * the result is validated like the file.
 * @example
 * const p65 = withParams(loadParams(), { panel: { list: 65 } });
 * p65.panel.list; // 65
 */
export function withParams(base: AnalysisParams, patch: ParamsPatch): AnalysisParams {
  const { $comment: _ignored, ...rest } = merge(base, patch) as Record<string, unknown>;
  return validateParams(rest, "parameters override");
}

/** The dependent-variable source named by the parameters (or `name`). */
export function dependentSource(p: AnalysisParams, name: string = p.dependent.source): DependentSource {
  const s = p.dependent.sources[name];
  if (!s) throw new Error(`unknown dependent-variable source '${name}' (known: ${Object.keys(p.dependent.sources).join(", ")})`);
  return s;
}

/** One line describing the sample settings, printed under every table of the analysis. */
export function sampleDescription(p: AnalysisParams, source: string = p.dependent.source): string {
  const s = dependentSource(p, source);
  return `${p.panel.list}-country Belt-and-Road list; ${s.label}, ${s.years[0]}–${s.years[1]}; LPI/Findex fill rule: ${p.panel.fill}`;
}
