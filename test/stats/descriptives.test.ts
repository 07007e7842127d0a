// Descriptive statistics against R.
// reference: test/reference/descriptives.R → descriptives.json (R 4.2 stats::quantile type 7, sd,
// e1071::skewness/kurtosis type 2, cor / cor.test pairwise complete, lm + anova on AirPassengers).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { quantileSorted as ssQuantileSorted } from "simple-statistics";
import { type Column, makeFrame } from "../../src/frame";
import {
  correlationMatrix,
  describeValues,
  quantileSorted7,
  seasonality,
  sortedFinite,
  summaryBy,
  summaryStatistics,
  type VariableSummary,
} from "../../src/stats/index";

type Num = number | null;
const ref = JSON.parse(readFileSync(new URL("../reference/descriptives.json", import.meta.url), "utf8")) as {
  versions: Record<string, string>;
  datasets: Record<string, { data: Record<string, Num[]> }>;
  summary: Record<string, Record<string, Num | string>[]>;
  summary_by_month: { group: string; rows: number; stats: Record<string, Num | string>[] }[];
  quantiles: { label: string; probs: number[]; values: number[] }[];
  correlations: Record<string, { method: "pearson" | "spearman"; variables: string[]; r: Num[][]; p: Num[][]; n: number[][] }>;
  seasonality: {
    years: number[];
    annual_total: number[];
    quarter_share_by_year: number[][];
    quarter_share_mean: number[];
    month_share_mean: number[];
    log: Record<string, number | number[]>;
    level: Record<string, number | number[]>;
  };
};
const R = `R ${ref.versions.R}, e1071 ${ref.versions.e1071}`;

function frameOf(name: string) {
  const cols: Record<string, Column> = {};
  for (const [k, v] of Object.entries(ref.datasets[name]!.data)) cols[k] = Float64Array.from(v, (x) => (x === null ? NaN : x));
  return makeFrame(cols);
}

function close(actual: number | null, expected: number | null, tol: number, what: string) {
  if (expected === null) {
    assert.equal(actual, null, `${what}: expected null, got ${actual}`);
    return;
  }
  assert.ok(actual !== null, `${what}: got null, expected ${expected}`);
  const e = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(e <= tol, `${what}: got ${actual}, expected ${expected} (${R}), relative error ${e.toExponential(2)}`);
}

const FIELDS = ["n", "missing", "mean", "sd", "min", "p25", "median", "p75", "max", "skewness", "kurtosis"] as const;
function checkSummary(s: VariableSummary, r: Record<string, Num | string>, where: string) {
  for (const f of FIELDS) close(s[f], r[f] as Num, 1e-12, `${where} ${s.variable}.${f}`);
}

test("summaryStatistics matches R (airquality with NAs, mtcars)", () => {
  // reference: R mean, sd, quantile(type = 7), e1071::skewness/kurtosis(type = 2)
  for (const ds of ["airquality", "mtcars"]) {
    const expected = ref.summary[ds]!;
    const got = summaryStatistics(frameOf(ds), expected.map((e) => e.variable as string));
    got.forEach((s, i) => checkSummary(s, expected[i]!, ds));
  }
});

test("summaryBy month matches R on airquality (split by Month)", () => {
  // reference: R lapply(split(airquality, Month), ...) with the same statistics
  const got = summaryBy(frameOf("airquality"), ["Ozone", "Solar.R", "Wind", "Temp"], "Month");
  assert.deepEqual(got.map((g) => g.group), ref.summary_by_month.map((g) => g.group));
  got.forEach((g, i) => {
    const e = ref.summary_by_month[i]!;
    assert.equal(g.rows, e.rows);
    g.stats.forEach((s, j) => checkSummary(s, e.stats[j]!, `Month ${g.group}`));
  });
});

test("quantileSorted7 equals R quantile(type = 7) at p = 0, 0.05, …, 1", () => {
  // reference: R stats::quantile(x, seq(0, 1, 0.05), type = 7, na.rm = TRUE)
  const sources: Record<string, Num[]> = {
    "airquality$Ozone": ref.datasets.airquality!.data.Ozone!,
    "mtcars$mpg": ref.datasets.mtcars!.data.mpg!,
    "mtcars$cyl (ties)": ref.datasets.mtcars!.data.cyl!,
  };
  for (const q of ref.quantiles) {
    const x = sortedFinite(Float64Array.from(sources[q.label]!, (v) => (v === null ? NaN : v)));
    q.probs.forEach((p, k) => close(quantileSorted7(x, p), q.values[k]!, 1e-15, `${q.label} p=${p}`));
  }
});

test("simple-statistics quantileSorted is R type 7 too (checked, to rounding)", () => {
  // reference: R stats::quantile(type = 7); simple-statistics computes x[lo] + f·(x[hi] − x[lo]),
  // R (and quantileSorted7) (1 − f)·x[lo] + f·x[hi]: equal up to rounding in the last bits
  for (const q of ref.quantiles.slice(0, 2)) {
    const src = q.label === "mtcars$mpg" ? ref.datasets.mtcars!.data.mpg! : ref.datasets.airquality!.data.Ozone!;
    const x = Array.from(sortedFinite(Float64Array.from(src, (v) => (v === null ? NaN : v))));
    q.probs.forEach((p, k) => close(ssQuantileSorted(x, p), q.values[k]!, 1e-14, `simple-statistics ${q.label} p=${p}`));
  }
});

test("correlation matrices (Pearson, Spearman) with p-values and pairwise n match R", () => {
  // reference: R cor(use = "pairwise.complete.obs"), cor.test (Spearman exact = FALSE)
  for (const [name, c] of Object.entries(ref.correlations)) {
    const frame = frameOf(name.startsWith("airquality") ? "airquality" : "mtcars");
    const got = correlationMatrix(frame, c.variables, c.method);
    assert.deepEqual(got.notes, []);
    c.variables.forEach((_, i) =>
      c.variables.forEach((__, j) => {
        assert.equal(got.n[i]![j], c.n[i]![j], `${name} n[${i}][${j}]`);
        close(got.r[i]![j]!, c.r[i]![j]!, 1e-13, `${name} r[${i}][${j}]`);
        if (i !== j) close(got.p[i]![j]!, c.p[i]![j]!, 1e-9, `${name} p[${i}][${j}]`);
        else assert.equal(got.p[i]![j], null);
      }),
    );
  }
});

test("seasonality: quarter shares and quarter effects with year FE match R on AirPassengers", () => {
  // reference: R lm(log(y) ~ factor(year) + factor(quarter)), anova against lm(log(y) ~ factor(year))
  const f = frameOf("AirPassengers");
  const S = ref.seasonality;
  for (const scale of ["log", "level"] as const) {
    const s = seasonality(f, { value: "value", scale });
    assert.deepEqual(s.yearsUsed, S.years);
    assert.deepEqual(s.excludedYears, []);
    s.annualTotal.forEach((v, i) => close(v, S.annual_total[i]!, 1e-15, `annual total ${S.years[i]}`));
    s.quarterShareByYear.forEach((row, i) => row.forEach((v, q) => close(v, S.quarter_share_by_year[i]![q]!, 1e-13, `quarter share ${S.years[i]} Q${q + 1}`)));
    s.quarterShareMean.forEach((v, q) => close(v, S.quarter_share_mean[q]!, 1e-13, `mean quarter share Q${q + 1}`));
    s.periodShareMean.forEach((v, m) => close(v, S.month_share_mean[m]!, 1e-13, `mean month share ${m + 1}`));
    const e = S[scale];
    const reg = s.regression;
    assert.equal(reg.nobs, e.nobs);
    assert.equal(reg.dfResidual, e.df_residual);
    reg.effects.forEach((q, j) => {
      close(q.estimate, (e.estimate as number[])[j]!, 1e-9, `${scale} ${q.term} estimate`);
      close(q.stdError, (e.std_error as number[])[j]!, 1e-9, `${scale} ${q.term} se`);
      close(q.tValue, (e.t_value as number[])[j]!, 1e-9, `${scale} ${q.term} t`);
      close(q.pValue, (e.p_value as number[])[j]!, 1e-7, `${scale} ${q.term} p`);
    });
    close(reg.fStatistic, e.F as number, 1e-9, `${scale} F`);
    assert.equal(reg.fDf1, e.F_df1);
    assert.equal(reg.fDf2, e.F_df2);
    close(reg.fPValue, e.F_p as number, 1e-7, `${scale} F p-value`);
    close(reg.rss, e.rss as number, 1e-10, `${scale} RSS`);
    close(reg.rssYearOnly, e.rss_year_only as number, 1e-10, `${scale} RSS (year effects only)`);
  }
});

test("edge cases give explicit nulls and notes, never NaN", () => {
  // reference: definitions (sd needs n >= 2, G1 n >= 3, G2 n >= 4; R returns NA for these)
  const all = describeValues(Float64Array.of(NaN, NaN), "x");
  assert.equal(all.n, 0);
  assert.equal(all.missing, 2);
  assert.equal(all.mean, null);
  assert.equal(all.note, "all values missing");
  const one = describeValues(Float64Array.of(NaN, 5), "x");
  assert.deepEqual([one.n, one.mean, one.median, one.sd, one.skewness, one.kurtosis], [1, 5, 5, null, null, null]);
  assert.match(one.note, /single observation/);
  const constant = describeValues(Float64Array.of(2, 2, 2, 2), "x");
  assert.deepEqual([constant.sd, constant.skewness, constant.kurtosis], [0, null, null]);
  assert.match(constant.note, /constant/);
  assert.throws(() => describeValues(Float64Array.of(1, -Infinity), "ln_x"), /variable 'ln_x', row 1: infinite/);

  const f = makeFrame({ g: ["a", "a", null], v: Float64Array.of(1, 3, 4) });
  const by = summaryBy(f, ["v"], "g", { levels: ["a", "b"] });
  assert.deepEqual(by.map((b) => [b.group, b.rows]), [["a", 2], ["b", 0], ["(missing)", 1]]);
  assert.equal(by[1]!.stats[0]!.note, "no rows in group");
  assert.equal(by[1]!.stats[0]!.mean, null);
  for (const b of by) for (const s of b.stats) for (const k of FIELDS) assert.ok(!Number.isNaN(s[k] as number), `${b.group} ${k} is NaN`);

  const cm = correlationMatrix(makeFrame({ a: Float64Array.of(1, 2, NaN, 4), b: Float64Array.of(NaN, 1, 1, 1) }), ["a", "b"]);
  assert.equal(cm.r[0]![1], null);
  assert.equal(cm.n[0]![1], 2);
  assert.ok(cm.notes.some((n) => n.includes("'a' × 'b': 2 complete rows")), cm.notes.join("; "));
  assert.ok(cm.notes.some((n) => n.includes("'b': constant")), cm.notes.join("; "));
});
