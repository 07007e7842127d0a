/**
 * Specification tests on fitted models (src/estimate FitResult). Every test returns a
 * {@link TestResult} (statistic, distribution, df, p-value, null hypothesis, reference software);
 * each is checked against R in test/reference/diagnostics.test.ts / iv.test.ts.
 */
export type { TestResult } from "./types";
export { hausmanTest } from "./hausman";
export { breuschPaganLM } from "./breuschPagan";
export { fTestFixedEffects } from "./fTestFixedEffects";
export { waldTest, linearRestrictions, type LinearRestrictions } from "./wald";
export { vif } from "./vif";
export { wooldridgeSerialTest, wooldridgeFromResiduals } from "./wooldridge";
export { pesaranCD } from "./pesaranCd";
export { firstStageF, sarganTest, wuHausmanTest } from "./iv";
