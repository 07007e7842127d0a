// Synthetic inputs for the descriptive-analysis tests: a small panel with buildPanel's column names
// and a monthly series, built from formulas (no data values typed in), with gaps.
import { type Frame, makeFrame } from "../../src/frame";
import { DEFAULT_FACTORS } from "../../src/stats/index";

/** A small synthetic panel with the buildPanel column names (values from formulas, some gaps). */
export function syntheticPanel(): Frame {
  const countries = [
    ["KAZ", "Kazakhstan", "Central Asia"],
    ["KGZ", "Kyrgyzstan", "Central Asia"],
    ["VNM", "Viet Nam", "Southeast Asia (ASEAN 10 + Timor-Leste)"],
    ["THA", "Thailand", "Southeast Asia (ASEAN 10 + Timor-Leste)"],
    ["POL", "Poland", "Central & Eastern Europe"],
    ["HUN", "Hungary", "Central & Eastern Europe"],
  ];
  const cols: Record<string, (string | null)[] | number[]> = { iso3: [], country: [], group_name: [], year: [] };
  const num: Record<string, number[]> = { exports_nbs_usd: [], imports_from_china_mirror_usd: [] };
  for (const f of DEFAULT_FACTORS) num[f.name] = [];
  countries.forEach(([iso, name, region], c) => {
    for (let y = 2015; y <= 2024; y++) {
      (cols.iso3 as string[]).push(iso!);
      (cols.country as string[]).push(name!);
      (cols.group_name as string[]).push(region!);
      (cols.year as number[]).push(y);
      const k = y - 2015;
      num.exports_nbs_usd!.push(y <= 2019 ? (c + 1) * 1e9 * (1 + 0.05 * k) : NaN);
      num.imports_from_china_mirror_usd!.push(c === 1 && y > 2021 ? NaN : (c + 1) * 0.9e9 * (1 + 0.07 * k));
      DEFAULT_FACTORS.forEach((f, j) => num[f.name]!.push((k + c * j) % 4 === 3 ? NaN : 10 + c * 3 + k * (j + 1) + j));
    }
  });
  return makeFrame({
    iso3: cols.iso3 as string[],
    country: cols.country as string[],
    group_name: cols.group_name as string[],
    year: Float64Array.from(cols.year as number[]),
    ...Object.fromEntries(Object.entries(num).map(([k, v]) => [k, Float64Array.from(v)])),
  });
}

export function syntheticMonthly(): Frame {
  const year: number[] = [];
  const month: number[] = [];
  const v: number[] = [];
  for (let y = 2016; y <= 2019; y++)
    for (let m = 1; m <= 12; m++) {
      year.push(y);
      month.push(m);
      v.push(1e11 * (1 + 0.03 * (y - 2016)) * (1 + 0.02 * m + 0.01 * ((m * 7) % 5)));
    }
  year.push(2020, 2020);
  month.push(1, 2);
  v.push(NaN, NaN);
  return makeFrame({ year: Float64Array.from(year), month: Float64Array.from(month), exports_usd: Float64Array.from(v) });
}

