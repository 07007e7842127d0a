/**
 * Totals, shares and growth rates of a value (e.g. exports) by group (region) and year.
 *
 * Missing-value policy: a country-year with a missing value is left out of its group's sum, and the
 * number of countries that did report is kept next to every total (`reporting`). A group-year where
 * no country reports has total `null`, not 0. Because the mirror (partner-reported) data have gaps
 * that change from year to year, a total over "whoever reports" mixes growth with changes in
 * coverage; `balanced: true` keeps only the countries with a value in EVERY year of the window, so
 * that growth rates compare the same set of countries (the countries dropped are listed).
 */
import { type Frame, numeric, text } from "../frame";
import { groupKeys } from "./describe";

export interface TotalsOptions {
  /** Numeric column to sum (e.g. "exports_mirror_usd"). */
  readonly value: string;
  /** Text column giving each row's group (e.g. "region"); omit for one group named `allLabel`. */
  readonly group?: string;
  /** Numeric year column. */
  readonly time: string;
  /** Unit (country) id column; needed for `balanced`. */
  readonly id?: string;
  /** Years to report, ascending (default: every year present). */
  readonly years?: readonly number[];
  /** Group order; groups listed here but absent from the data get an explicit all-null row. */
  readonly levels?: readonly string[];
  /** Keep only the units with a value in every year of `years` (default false). */
  readonly balanced?: boolean;
  /** Name of the single group when `group` is omitted (default "All"). */
  readonly allLabel?: string;
}

export interface GroupSeries {
  readonly group: string;
  readonly years: readonly number[];
  /** Sum of the non-missing values; null when no unit reports that year. */
  readonly total: readonly (number | null)[];
  /** Units with a non-missing value that year. */
  readonly reporting: readonly number[];
  /** Units of the group in the data (after `balanced` filtering). */
  readonly units: number;
}

export interface GroupTotals {
  readonly value: string;
  readonly years: readonly number[];
  readonly groups: readonly GroupSeries[];
  /** Units dropped by `balanced` (id and group), empty otherwise. */
  readonly droppedUnbalanced: readonly string[];
  /** Notes on groups without data. */
  readonly notes: readonly string[];
}

/**
 * Sum a value by group and year, with the number of reporting units (see the module doc).
 *
 * @example
 * const t = totalsBy(panel, { value: "exports_nbs_usd", group: "region", time: "year", years: [2015, 2016, 2017, 2018, 2019] });
 * t.groups[0].total; // one sum per year, null where nobody reports
 */
export function totalsBy(frame: Frame, options: TotalsOptions): GroupTotals {
  const v = numeric(frame, options.value);
  const t = numeric(frame, options.time);
  const allLabel = options.allLabel ?? "All";
  const g = options.group ? groupKeys(frame, options.group) : new Array<string>(frame.nrow).fill(allLabel);
  const yearsPresent = [...new Set(Array.from(t).filter((y) => !Number.isNaN(y)))].sort((a, b) => a - b);
  const years = options.years ? [...options.years] : yearsPresent;
  const yearIndex = new Map(years.map((y, i) => [y, i]));

  let keep = new Uint8Array(frame.nrow).fill(1);
  const dropped: string[] = [];
  if (options.balanced) {
    if (!options.id) throw new Error("totalsBy: `balanced` needs the unit id column (`id`)");
    const ids = text(frame, options.id);
    const seen = new Map<string, Set<number>>();
    for (let i = 0; i < frame.nrow; i++) {
      const id = ids[i];
      if (id === null || id === undefined || !yearIndex.has(t[i]!) || Number.isNaN(v[i]!)) continue;
      let s = seen.get(id);
      if (!s) seen.set(id, (s = new Set()));
      s.add(t[i]!);
    }
    const allIds = [...new Set(ids.filter((x): x is string => x !== null))].sort();
    const full = new Set(allIds.filter((id) => (seen.get(id)?.size ?? 0) === years.length));
    keep = Uint8Array.from(ids, (id) => (id !== null && full.has(id) ? 1 : 0));
    for (const id of allIds) {
      if (!full.has(id)) {
        const row = ids.indexOf(id);
        dropped.push(`${id} (${g[row]})`);
      }
    }
  }

  const groupsPresent = [...new Set(g.filter((_, i) => keep[i]))].sort();
  const levels = options.levels ? [...options.levels, ...groupsPresent.filter((x) => !options.levels!.includes(x))] : groupsPresent;
  const notes: string[] = [];
  const ids = options.id ? text(frame, options.id) : null;
  const groups = levels.map((name) => {
    const sum = new Float64Array(years.length);
    const rep = new Array<number>(years.length).fill(0);
    const units = new Set<string>();
    for (let i = 0; i < frame.nrow; i++) {
      if (!keep[i] || g[i] !== name) continue;
      units.add(ids ? String(ids[i]) : String(i));
      const yi = yearIndex.get(t[i]!);
      if (yi === undefined || Number.isNaN(v[i]!)) continue;
      sum[yi] += v[i]!;
      rep[yi]!++;
    }
    if (units.size === 0) notes.push(`group '${name}': no rows${options.balanced ? " after balancing" : ""}, totals are null`);
    return {
      group: name,
      years,
      total: Array.from(sum, (s, i) => (rep[i]! > 0 ? s : null)),
      reporting: rep,
      units: ids ? units.size : rep.reduce((a, b) => Math.max(a, b), 0),
    };
  });
  return { value: options.value, years, groups, droppedUnbalanced: dropped, notes };
}

/**
 * Year-on-year growth g_t = V_t / V_{t−1} − 1 of a series; null where either value is null, or the
 * previous value is 0; the first year is null.
 *
 * Reference: OECD Glossary, "growth rate".
 * @example
 * yoyGrowth([100, 110, null, 121]); // [null, 0.1, null, null]
 */
export function yoyGrowth(series: readonly (number | null)[]): (number | null)[] {
  return series.map((v, i) => {
    if (i === 0) return null;
    const prev = series[i - 1];
    if (v === null || prev === null || prev === undefined || prev === 0) return null;
    return v / prev - 1;
  });
}

/**
 * Compound annual growth rate between two years: CAGR = (V_end / V_start)^(1 / (end − start)) − 1;
 * null when a value is missing or not positive, or end ≤ start.
 *
 * Reference: CFA Institute, "compound annual growth rate".
 * @example
 * cagr(100, 121, 2015, 2017); // 0.1 (up to rounding)
 */
export function cagr(start: number | null, end: number | null, startYear: number, endYear: number): number | null {
  if (start === null || end === null || !(start > 0) || !(end > 0) || !(endYear > startYear)) return null;
  return Math.pow(end / start, 1 / (endYear - startYear)) - 1;
}

export interface GroupGrowth {
  readonly group: string;
  readonly years: readonly number[];
  readonly total: readonly (number | null)[];
  readonly yoy: readonly (number | null)[];
  /** CAGR from the first to the last year of the window (null if either total is missing). */
  readonly cagr: number | null;
  readonly from: number;
  readonly to: number;
}

/**
 * Year-on-year growth and the CAGR over [from, to] of every group's total (T2, F4).
 *
 * @example
 * growthRates(totalsBy(panel, { value: "exports_nbs_usd", group: "region", time: "year" }), 2015, 2019)[0].cagr;
 */
export function growthRates(totals: GroupTotals, from?: number, to?: number): GroupGrowth[] {
  const f = from ?? totals.years[0]!;
  const l = to ?? totals.years[totals.years.length - 1]!;
  const i0 = totals.years.indexOf(f);
  const i1 = totals.years.indexOf(l);
  if (i0 < 0 || i1 < 0) throw new Error(`growthRates: window ${f}–${l} is outside the years ${totals.years.join(", ")}`);
  return totals.groups.map((s) => ({
    group: s.group,
    years: s.years,
    total: s.total,
    yoy: yoyGrowth(s.total),
    cagr: cagr(s.total[i0]!, s.total[i1]!, f, l),
    from: f,
    to: l,
  }));
}

export interface GroupShares {
  readonly group: string;
  readonly years: readonly number[];
  /** total_g,t / Σ_g total_g,t; null when the group's total or the overall total is missing. */
  readonly share: readonly (number | null)[];
}

/**
 * Each group's share of the sum over all groups, by year: s_{g,t} = V_{g,t} / Σ_h V_{h,t}
 * (groups with a null total are left out of the denominator and get share null).
 *
 * Reference: definition (shares of a total).
 * @example
 * sharesBy(totals).map((s) => s.share[0]); // sums to 1 over the groups with data
 */
export function sharesBy(totals: GroupTotals): GroupShares[] {
  const denom = totals.years.map((_, i) => {
    let s = 0;
    let any = false;
    for (const g of totals.groups) {
      const v = g.total[i];
      if (v !== null && v !== undefined) {
        s += v;
        any = true;
      }
    }
    return any && s !== 0 ? s : null;
  });
  return totals.groups.map((g) => ({
    group: g.group,
    years: totals.years,
    share: g.total.map((v, i) => (v === null || denom[i] === null ? null : v / denom[i]!)),
  }));
}

export interface RankedUnit {
  readonly id: string;
  readonly label: string;
  readonly group: string;
  readonly value: number;
  /** Share of the sum over all units with a value that year. */
  readonly share: number;
}

/**
 * The k units with the largest value in one year (F3), with their share of that year's total over
 * all units with a value. Ties are broken by id.
 *
 * @example
 * topUnits(panel, { value: "exports_nbs_usd", id: "iso3", time: "year", year: 2019, k: 10 })[0].id;
 */
export function topUnits(
  frame: Frame,
  options: { value: string; id: string; time: string; year: number; k: number; label?: string; group?: string },
): RankedUnit[] {
  const v = numeric(frame, options.value);
  const t = numeric(frame, options.time);
  const ids = text(frame, options.id);
  const labels = options.label ? text(frame, options.label) : ids;
  const groups = options.group ? groupKeys(frame, options.group) : null;
  const rows: { id: string; label: string; group: string; value: number }[] = [];
  let total = 0;
  for (let i = 0; i < frame.nrow; i++) {
    if (t[i] !== options.year || Number.isNaN(v[i]!)) continue;
    const id = ids[i] ?? `(row ${i})`;
    rows.push({ id, label: labels[i] ?? id, group: groups ? groups[i]! : "", value: v[i]! });
    total += v[i]!;
  }
  rows.sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.slice(0, options.k).map((r) => ({ ...r, share: total > 0 ? r.value / total : 0 }));
}
