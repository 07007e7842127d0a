/**
 * Coverage of a panel: which country-years miss which variable.
 */
import { makeFrame, numeric, text, type Frame } from "../frame";

export interface MissingSpell {
  readonly iso3: string;
  readonly years: readonly number[];
}

/** Countries (in panel order) with the years where `variable` is missing. */
export function missingCountryYears(frame: Frame, variable: string): MissingSpell[] {
  const x = numeric(frame, variable);
  const iso3 = text(frame, "iso3");
  const year = numeric(frame, "year");
  const out: MissingSpell[] = [];
  const at = new Map<string, number[]>();
  for (let i = 0; i < frame.nrow; i++) {
    if (!Number.isNaN(x[i]!)) continue;
    const c = iso3[i]!;
    let ys = at.get(c);
    if (!ys) {
      at.set(c, (ys = []));
      out.push({ iso3: c, years: ys });
    }
    ys.push(year[i]!);
  }
  return out;
}

/**
 * Compact year list: consecutive years joined as ranges.
 * @example formatYearRanges([2015, 2016, 2017, 2020]); // "2015-2017, 2020"
 */
export function formatYearRanges(years: readonly number[]): string {
  const ys = [...years].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < ys.length; ) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    parts.push(i === j ? `${ys[i]}` : `${ys[i]}-${ys[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

/**
 * One row per numeric variable: cells present and missing, the countries missing every year, and
 * every missing country-year as "ISO3 years" spells.
 *
 * Columns: variable, present, missing, share_present (present / rows), countries_all_missing,
 * missing_country_years.
 */
export function coverageTable(frame: Frame, variables?: readonly string[]): Frame {
  const vars = variables ?? frame.names.filter((n) => n !== "year" && frame.columns[n] instanceof Float64Array && !n.endsWith("_filled"));
  const nYears = new Set(numeric(frame, "year")).size;
  const present = new Float64Array(vars.length);
  const missing = new Float64Array(vars.length);
  const share = new Float64Array(vars.length);
  const none: string[] = [];
  const spells: string[] = [];
  vars.forEach((v, k) => {
    const x = numeric(frame, v);
    let p = 0;
    for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) p++;
    present[k] = p;
    missing[k] = frame.nrow - p;
    share[k] = frame.nrow ? p / frame.nrow : NaN;
    const m = missingCountryYears(frame, v);
    none.push(m.filter((s) => s.years.length === nYears).map((s) => s.iso3).join(" "));
    spells.push(m.map((s) => `${s.iso3} ${formatYearRanges(s.years)}`).join("; "));
  });
  return makeFrame({
    variable: [...vars],
    present,
    missing,
    share_present: share,
    countries_all_missing: none,
    missing_country_years: spells,
  });
}
