/**
 * Descriptive statistics (paper §2): summary statistics, growth and shares, correlations,
 * seasonality of the monthly series, and the comparison of the two trade sources. All numbers are
 * computed on Float64Array columns; results use `null` (never NaN) for an undefined statistic.
 */
export { quantileSorted7, sortedFinite } from "./quantile";
export {
  centralMoments,
  describeValues,
  groupKeys,
  kurtosisG2,
  skewnessG1,
  summaryBy,
  summaryStatistics,
  type GroupSummary,
  type Moments,
  type VariableSummary,
} from "./describe";
export {
  cagr,
  growthRates,
  sharesBy,
  topUnits,
  totalsBy,
  yoyGrowth,
  type GroupGrowth,
  type GroupSeries,
  type GroupShares,
  type GroupTotals,
  type RankedUnit,
  type TotalsOptions,
} from "./growth";
export {
  correlationMatrix,
  correlationPValue,
  midRanks,
  pearson,
  spearman,
  type CorrelationMatrix,
  type CorrelationMethod,
} from "./correlation";
export { seasonality, type QuarterEffect, type SeasonalityOptions, type SeasonalityResult } from "./seasonality";
export { compareSources, type PairStats, type SourceComparison, type SourceComparisonOptions } from "./sourceComparison";
export {
  DEFAULT_FACTORS,
  descriptiveAnalysis,
  type Finding,
  type FindingKey,
  type DescriptiveAnalysis,
  type DescriptiveOptions,
  type SourceBlock,
} from "./descriptiveAnalysis";
export { descriptiveTables, regionTradeTable, regionalGapsTable, seasonalityTable, summaryTable, variableLabels } from "./descriptiveTables";
