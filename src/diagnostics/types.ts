/** The common result of every specification test in src/diagnostics. */
export interface TestResult {
  /** Test name, e.g. "Hausman". */
  readonly test: string;
  /** The null hypothesis, in words. */
  readonly h0: string;
  readonly statistic: number;
  /** Reference distribution of the statistic under H0. */
  readonly distribution: "chisq" | "F" | "normal";
  /** chisq: [df]; F: [df1, df2]; normal: []. */
  readonly df: readonly number[];
  /** Upper-tail p-value (two-sided for "normal"). */
  readonly pValue: number;
  /** Software whose numbers this test reproduces (checked in test/reference). */
  readonly reference: string;
  readonly notes: readonly string[];
}
