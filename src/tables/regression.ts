/**
 * Regression tables: several fitted models side by side, from the one table model.
 *
 * Layout (as Stata `esttab` / R `fixest::etable`): one column per model; per regressor a row with
 * the estimate and its significance stars and a row with the standard error in parentheses; a
 * regressor absent from a model is left blank; then rows for fixed effects (Yes/No), the variance
 * estimator, N, R², within R², pseudo R² and the number of clusters.
 */
import { DEFAULT_STARS, formatCount, formatNumber, starsFor, starsNote } from "./format";
import { type Cell, type Row, type RowGroup, type TableModel, MISSING_MARK, makeTable, textCell } from "./model";

/**
 * The fields of a fit that a regression table reads. `FitResult` from src/estimate is assignable to
 * it (checked in test/tables/regression.test.ts), so tables do not depend on the engine internals.
 */
export interface RegressionLike {
  readonly coefNames: readonly string[];
  readonly coef: ArrayLike<number>;
  readonly se: ArrayLike<number>;
  readonly pValue: ArrayLike<number>;
  readonly nobs: number;
  readonly r2?: number | null;
  readonly withinR2?: number | null;
  readonly pseudoR2?: number | null;
  readonly vcovType?: string;
  readonly feGroups?: Readonly<Record<string, number>>;
  readonly clusters?: Readonly<Record<string, number>>;
  readonly model?: string;
}

/** One column of a regression table: a fit and how to present it. */
export interface ModelColumn {
  readonly result: RegressionLike;
  /** Column title under the "(1)", "(2)" numbers, e.g. "Two-way FE". */
  readonly title?: string;
  /** Fixed-effect rows: name → shown value (true = "Yes", false = "No", or a string such as
   *  "dummies"). Absorbed FE in `result.feGroups` are "Yes" automatically. */
  readonly fixedEffects?: Readonly<Record<string, boolean | string>>;
  /** Label of the variance estimator (default: `result.vcovType`). */
  readonly vcovLabel?: string;
  /** Extra statistic rows: label → text (e.g. "Hausman p" → "0.012"). */
  readonly extraRows?: Readonly<Record<string, string>>;
}

export interface RegressionTableOptions {
  readonly id?: string;
  readonly title?: string;
  readonly caption?: string;
  /** Name of the dependent variable(s) shown above the model numbers. */
  readonly depVar?: string;
  /** Coefficient labels (the variable dictionary): name → label, or a function. Unknown names
   *  are printed as they are. */
  readonly labels?: Readonly<Record<string, string>> | ((name: string) => string | undefined);
  /** Coefficient order; names not listed follow in order of first appearance. */
  readonly order?: readonly string[];
  /** Coefficients to hide (exact names or regular expressions, e.g. /^year::/ for year dummies). */
  readonly drop?: readonly (string | RegExp)[];
  /** Decimals for estimates and SEs (default 3). */
  readonly digits?: number;
  /** Decimals for R² rows (default 3). */
  readonly statDigits?: number;
  /** Significance thresholds (default * 0.1, ** 0.05, *** 0.01). */
  readonly stars?: readonly (readonly [number, string])[];
  /** Labels of fixed-effect rows: FE name → label (e.g. iso3 → "Country FE"). */
  readonly feLabels?: Readonly<Record<string, string>>;
  readonly notes?: readonly string[];
}

/** The conventional label of the intercept. */
const INTERCEPT_NAMES = new Set(["(Intercept)", "_cons", "const", "Intercept"]);

function isColumn(m: RegressionLike | ModelColumn): m is ModelColumn {
  return (m as ModelColumn).result !== undefined;
}

function labelOf(name: string, labels: RegressionTableOptions["labels"]): string {
  const l = typeof labels === "function" ? labels(name) : labels?.[name];
  // a dictionary that echoes unknown names back does not label the intercept
  if (l !== undefined && !(l === name && INTERCEPT_NAMES.has(name))) return l;
  return INTERCEPT_NAMES.has(name) ? "Constant" : name;
}

function dropped(name: string, drop: readonly (string | RegExp)[] | undefined): boolean {
  return (drop ?? []).some((d) => (typeof d === "string" ? d === name : d.test(name)));
}

/**
 * A regression table of several models side by side.
 * Estimates are printed with `digits` decimals and stars from the p-values the engine reports;
 * SEs in parentheses below. Models with different regressors are aligned by coefficient name
 * (a regressor missing from a model leaves its cells blank, which is not "missing data").
 * Reference: layout of Stata `esttab, se star(* 0.10 ** 0.05 *** 0.01)` and R `fixest::etable`.
 *
 * @example
 * const t = regressionTable([fit1, { result: fit2, title: "Two-way FE" }], { labels: { ln_gdp: "log GDP" } });
 * toLatex(t);
 */
export function regressionTable(models: readonly (RegressionLike | ModelColumn)[], opts: RegressionTableOptions = {}): TableModel {
  if (models.length === 0) throw new Error(`regressionTable${opts.id ? ` ${opts.id}` : ""}: no models`);
  const cols: ModelColumn[] = models.map((m) => (isColumn(m) ? m : { result: m }));
  const digits = opts.digits ?? 3;
  const statDigits = opts.statDigits ?? 3;
  const thresholds = opts.stars ?? DEFAULT_STARS;
  cols.forEach((c, j) => {
    const r = c.result;
    if (r.coef.length !== r.coefNames.length || r.se.length !== r.coefNames.length || r.pValue.length !== r.coefNames.length) {
      throw new Error(`regressionTable: model ${j + 1} has ${r.coefNames.length} names but ${r.coef.length} estimates, ${r.se.length} SEs, ${r.pValue.length} p-values`);
    }
  });

  // coefficient order: opts.order first, then first appearance; intercept last (esttab convention)
  const seen: string[] = [];
  for (const c of cols) for (const n of c.result.coefNames) if (!seen.includes(n) && !dropped(n, opts.drop)) seen.push(n);
  const ordered = [
    ...(opts.order ?? []).filter((n) => seen.includes(n)),
    ...seen.filter((n) => !(opts.order ?? []).includes(n) && !INTERCEPT_NAMES.has(n)),
    ...seen.filter((n) => !(opts.order ?? []).includes(n) && INTERCEPT_NAMES.has(n)),
  ];

  const key = (j: number) => `m${j + 1}`;
  const coefRows: Row[] = [];
  for (const name of ordered) {
    const est: Cell[] = [textCell(labelOf(name, opts.labels), { key: "label" })];
    const se: Cell[] = [textCell("", { key: "label" })];
    cols.forEach((c, j) => {
      const i = c.result.coefNames.indexOf(name);
      if (i < 0) {
        est.push({ text: "", key: key(j) });
        se.push({ text: "", key: key(j) });
        return;
      }
      const b = c.result.coef[i]!;
      const s = c.result.se[i]!;
      const p = c.result.pValue[i]!;
      const bt = formatNumber(b, digits);
      est.push(bt === null ? { text: MISSING_MARK, value: b, missing: true, key: key(j) } : { text: bt, value: b, stars: starsFor(p, thresholds) || undefined, key: key(j) });
      const st = formatNumber(s, digits);
      se.push(st === null ? { text: MISSING_MARK, value: s, missing: true, key: key(j) } : { text: `(${st})`, value: s, key: key(j) });
    });
    coefRows.push({ cells: est, key: `coef:${name}`, role: "body" }, { cells: se, key: `se:${name}`, role: "se" });
  }

  // fixed effects: absorbed FE names (feGroups) plus declared ones, in order of appearance
  const feNames: string[] = [];
  for (const c of cols) {
    for (const n of Object.keys(c.result.feGroups ?? {})) if (!feNames.includes(n)) feNames.push(n);
    for (const n of Object.keys(c.fixedEffects ?? {})) if (!feNames.includes(n)) feNames.push(n);
  }
  const feRows: Row[] = feNames.map((n) => ({
    key: `fe:${n}`,
    role: "stat",
    cells: [
      textCell(opts.feLabels?.[n] ?? `${n} FE`, { key: "label" }),
      ...cols.map((c, j) => {
        const v = c.fixedEffects?.[n] ?? (c.result.feGroups?.[n] !== undefined ? true : false);
        return textCell(typeof v === "string" ? v : v ? "Yes" : "No", { key: key(j), align: "center" as const });
      }),
    ],
  }));

  const statRows: Row[] = [];
  const addStat = (k: string, label: string, get: (c: ModelColumn) => Cell | undefined) => {
    const cells = cols.map(get);
    if (cells.every((c) => c === undefined)) return;
    statRows.push({
      key: `stat:${k}`,
      role: "stat",
      cells: [textCell(label, { key: "label" }), ...cells.map((c, j) => ({ ...(c ?? { text: "" }), key: key(j) }))],
    });
  };
  const num = (v: number | null | undefined, d: number): Cell | undefined => {
    if (v === null || v === undefined) return undefined;
    const t = formatNumber(v, d);
    return t === null ? { text: MISSING_MARK, value: v, missing: true } : { text: t, value: v };
  };
  const count = (v: number | null | undefined): Cell | undefined => {
    if (v === null || v === undefined) return undefined;
    const t = formatCount(v);
    return t === null ? { text: MISSING_MARK, value: v, missing: true } : { text: t, value: v };
  };
  addStat("vcov", "Standard errors", (c) => {
    const v = c.vcovLabel ?? c.result.vcovType;
    return v === undefined ? undefined : { text: v };
  });
  addStat("nobs", "Observations", (c) => count(c.result.nobs));
  addStat("r2", "R²", (c) => num(c.result.r2, statDigits));
  addStat("withinR2", "Within R²", (c) => num(c.result.withinR2, statDigits));
  addStat("pseudoR2", "Pseudo R²", (c) => num(c.result.pseudoR2, statDigits));
  const clusterNames: string[] = [];
  for (const c of cols) for (const n of Object.keys(c.result.clusters ?? {})) if (!clusterNames.includes(n)) clusterNames.push(n);
  for (const n of clusterNames) addStat(`clusters:${n}`, `Clusters (${n})`, (c) => count(c.result.clusters?.[n]));
  const extraNames: string[] = [];
  for (const c of cols) for (const n of Object.keys(c.extraRows ?? {})) if (!extraNames.includes(n)) extraNames.push(n);
  for (const n of extraNames) addStat(`extra:${n}`, n, (c) => (c.extraRows?.[n] === undefined ? undefined : { text: c.extraRows[n]! }));

  const header: Row[] = [];
  if (opts.depVar) {
    header.push({ cells: [textCell(""), textCell(opts.depVar, { colspan: cols.length, align: "center" })] });
  }
  header.push({ cells: [textCell(""), ...cols.map((_, j) => textCell(`(${j + 1})`, { align: "center", key: key(j) }))] });
  if (cols.some((c) => c.title)) {
    header.push({ cells: [textCell(""), ...cols.map((c, j) => textCell(c.title ?? "", { align: "center", key: key(j) }))] });
  }

  const groups: RowGroup[] = [{ rows: coefRows }];
  if (feRows.length) groups.push({ rows: feRows });
  if (statRows.length) groups.push({ rows: statRows });

  return makeTable({
    id: opts.id,
    title: opts.title,
    caption: opts.caption,
    header,
    groups,
    align: ["left", ...cols.map(() => "center" as const)],
    notes: [`Standard errors in parentheses. ${starsNote(thresholds)}.`, ...(opts.notes ?? [])],
    missingNote: `${MISSING_MARK} not defined for this model (e.g. a non-finite estimate or statistic).`,
  });
}
