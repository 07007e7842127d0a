/**
 * Public API of bri-cbec (the barrel). Notebooks import it as `./src/index` (tslab type-checks with
 * rootDir = the kernel's working directory: the repository root under `npm run notebooks`, or
 * notebooks/, where the symlink notebooks/src -> ../src resolves); scripts and tests import `../src/...`.
 * Other modules append their export lines below.
 */
export * from "./frame";
export { DataError, formatDataErrorMessage } from "./data/errors";
export { resolveDataDir, findRepoRoot, DATA_DIR_ENV } from "./data/dataDir";
export { readCsvFrame, readCsvTable, parseCsv, parseCsvFrame, type CsvOptions, type CsvTable } from "./data/csv";
export { formatCsv, writeCsv } from "./data/csvWrite";
export {
  loadManifest,
  manifestEntry,
  loadDataFile,
  verifyDataDir,
  refreshManifestChecksums,
  sha256,
  sha256File,
  type DataManifest,
  type ManifestEntry,
  type ColumnSpec,
  type LoadOptions,
} from "./data/manifest";
export {
  loadCountryRegistry,
  loadCountryNameIndex,
  verifyCountryNames,
  iso3FromCepii,
  iso3FromOpenNumbers,
  CEPII_TO_ISO3,
  OPEN_NUMBERS_TO_ISO3,
  NAME_ALIASES,
  type Country,
  type CountryGroup,
  type CountryRegistry,
  type CountryNameIndex,
  type BriListSize,
} from "./data/countries";
export { fillEditionGaps, FILL_RULES, type FillRule, type FilledSeries } from "./clean/fill";
export { formatCleaningLog, logEntries, type CleaningLog, type CleaningLogEntry, type CleaningStep } from "./clean/log";
export { coverageTable, missingCountryYears, formatYearRanges, type MissingSpell } from "./clean/coverage";
export {
  buildPanel,
  agreementInForce,
  LPI_COMPONENTS,
  ASEAN_MEMBERS,
  AGREEMENT_YEAR_RULES,
  type PanelOptions,
  type PanelResult,
  type ColumnInfo,
  type AgreementYearRule,
  type ResolvedPanelOptions,
} from "./clean/panel";
export { renderDataAvailability, writeDataAvailability } from "./data/availability";
export {
  descriptiveAnalysis,
  descriptiveTables,
  summaryStatistics,
  summaryBy,
  totalsBy,
  growthRates,
  sharesBy,
  correlationMatrix,
  seasonality,
  compareSources,
  type DescriptiveAnalysis,
  type VariableSummary,
  type CorrelationMatrix,
  type SeasonalityResult,
} from "./stats/index";
export {
  descriptiveFigures,
  figureJson,
  figureHtml,
  plotlyLoaderHtml,
  validateFigureSpec,
  worldTopojson,
  WORLD_TOPOJSON,
  type FigureSpec,
} from "./figures/index";
/** The regression analysis (issue 5): parameters, model, baseline, robustness, specification curve, scorecard. */
export * as analysis from "./analysis/index";
