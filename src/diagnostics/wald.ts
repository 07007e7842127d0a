/** Wald and F tests of linear restrictions R b = r. */
import type { FitResult } from "../estimate/types";
import { pchisqUpper, pfUpper } from "../dist";
import { quadFormInv } from "./linalg";
import type { TestResult } from "./types";

/** A set of linear restrictions R b = r over named coefficients. */
export interface LinearRestrictions {
  readonly coefNames: readonly string[];
  /** q × k, row j = restriction j. */
  readonly R: readonly (readonly number[])[];
  readonly r: readonly number[];
}

/** Split at top-level + and − (not inside parentheses, not the sign of an exponent like 1e-5). */
function splitSigned(s: string): { sign: number; text: string }[] {
  const out: { sign: number; text: string }[] = [];
  let depth = 0;
  let cur = "";
  let sign = 1;
  const t = s.trim();
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    const isExp = (ch === "+" || ch === "-") && /^[0-9.]+[eE]$/.test(cur.trim());
    if ((ch === "+" || ch === "-") && depth === 0 && !isExp) {
      const chSign = ch === "-" ? -1 : 1;
      if (cur.trim() === "") sign *= chSign; // leading or repeated sign: "-x", "a + -b"
      else {
        out.push({ sign, text: cur.trim() });
        sign = chSign;
      }
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (cur.trim() === "") throw new Error(`restriction: missing term in '${s}'`);
  out.push({ sign, text: cur.trim() });
  return out;
}

/**
 * Parse restrictions such as `"x1 = x2"`, `"x1 + x2 + x3 = 1"`, `"2*x1 - log(x2) = 0"` or `"x3"`
 * (meaning x3 = 0) into R b = r. Every side is a sum of terms `[number *] coefficient` or `number`;
 * coefficient names are matched exactly against `coefNames` (so `log(x2)` and `(Intercept)` work).
 *
 * Reference: the hypothesis syntax of R car::linearHypothesis / Stata `test`.
 *
 * @example
 * linearRestrictions(["(Intercept)", "a", "b"], ["a = b", "a + b = 1"]);
 * // { R: [[0, 1, -1], [0, 1, 1]], r: [0, 1] }
 */
export function linearRestrictions(coefNames: readonly string[], hypotheses: readonly string[]): LinearRestrictions {
  const k = coefNames.length;
  const R: number[][] = [];
  const r: number[] = [];
  for (const h of hypotheses) {
    const sides = h.split("=");
    if (sides.length > 2) throw new Error(`restriction '${h}': more than one '='`);
    const row = new Array<number>(k).fill(0);
    let rhs = 0;
    sides.forEach((side, s) => {
      const sideSign = s === 0 ? 1 : -1; // move everything to the left
      for (const { sign, text } of splitSigned(side)) {
        const m = /^([0-9.]+(?:[eE][-+]?[0-9]+)?)\s*\*\s*(.+)$/.exec(text);
        let mult = 1;
        let name = text;
        if (m) {
          mult = Number(m[1]);
          name = m[2]!.trim();
        }
        if (/^[0-9.]+(?:[eE][-+]?[0-9]+)?$/.test(name)) {
          rhs -= sideSign * sign * mult * Number(name);
          continue;
        }
        const j = coefNames.indexOf(name);
        if (j < 0) throw new Error(`restriction '${h}': '${name}' is not a coefficient (coefficients: ${coefNames.join(", ")})`);
        row[j] += sideSign * sign * mult;
      }
    });
    if (row.every((v) => v === 0)) throw new Error(`restriction '${h}' involves no coefficient`);
    R.push(row);
    r.push(rhs);
  }
  return { coefNames: [...coefNames], R, r };
}

/**
 * Wald test of the q linear restrictions R b = r using the fit's variance V (iid, robust, clustered …):
 *
 *   W = (R b − r)' (R V R')⁻¹ (R b − r) ~ χ²(q);   F = W / q ~ F(q, df)  with df = fit.dfT
 *   (N − K, or G − 1 with the Stata cluster rule; ∞ for z-statistic models, where only W is used).
 *
 * With the iid variance F equals the classical (RSS_r − RSS_u)/q / (RSS_u/(N−K)).
 * Returns the F form (`statistic` = F, distribution "F") unless `options.form === "chisq"`.
 * Restrictions may be given as strings (see {@link linearRestrictions}) or as R, r.
 *
 * Reference: Greene (2018) Econometric Analysis 8th ed. §5.3.1; R car::linearHypothesis(test = "F" /
 * "Chisq", vcov. = V) — test/reference/diagnostics.json.
 *
 * @example
 * waldTest(fit(d, "y ~ a + b"), ["a = b"]).pValue;
 * waldTest(r, { R: [[0, 1, -1]], r: [0] }, { form: "chisq" }).statistic;
 */
export function waldTest(
  fit: FitResult,
  restrictions: readonly string[] | { readonly R: readonly (readonly number[])[]; readonly r?: readonly number[] },
  options: { form?: "F" | "chisq" } = {},
): TestResult {
  const k = fit.coef.length;
  const lr = Array.isArray(restrictions)
    ? linearRestrictions(fit.coefNames, restrictions as readonly string[])
    : { R: (restrictions as { R: readonly (readonly number[])[] }).R, r: (restrictions as { r?: readonly number[] }).r ?? [] };
  const R = lr.R;
  const q = R.length;
  const r = lr.r.length ? lr.r : new Array<number>(q).fill(0);
  if (q === 0) throw new Error("Wald test: no restriction given");
  if (r.length !== q) throw new Error(`Wald test: R has ${q} rows but r has ${r.length} values`);
  for (const row of R) if (row.length !== k) throw new Error(`Wald test: each row of R needs ${k} entries (one per coefficient: ${fit.coefNames.join(", ")})`);
  const d = R.map((row, j) => row.reduce((s, v, i) => s + v * fit.coef[i]!, 0) - r[j]!);
  // R V R'
  const RV = R.map((row) => fit.vcov.map((_, b) => row.reduce((s, v, a) => s + v * fit.vcov[a]![b]!, 0)));
  const RVR = RV.map((row) => R.map((row2) => row2.reduce((s, v, b) => s + v * row[b]!, 0)));
  const W = quadFormInv(RVR, d);
  const form = options.form ?? (Number.isFinite(fit.dfT) ? "F" : "chisq");
  if (form === "chisq") {
    return {
      test: "Wald",
      h0: "R b = r",
      statistic: W,
      distribution: "chisq",
      df: [q],
      pValue: pchisqUpper(W, q),
      reference: "R car::linearHypothesis(test = 'Chisq')",
      notes: [`variance: ${fit.vcovType}`],
    };
  }
  const F = W / q;
  return {
    test: "Wald F",
    h0: "R b = r",
    statistic: F,
    distribution: "F",
    df: [q, fit.dfT],
    pValue: pfUpper(F, q, fit.dfT),
    reference: "R car::linearHypothesis(test = 'F')",
    notes: [`variance: ${fit.vcovType}`],
  };
}
