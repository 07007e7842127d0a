/**
 * Public API of bri-cbec (the barrel notebooks and scripts import from `../src/index`).
 * Other modules append their export lines below.
 */
export * from "./frame";
export { DataError, formatDataErrorMessage } from "./data/errors";
export { resolveDataDir, findRepoRoot, DATA_DIR_ENV } from "./data/dataDir";
export { readCsvFrame, readCsvTable, parseCsv, parseCsvFrame, type CsvOptions, type CsvTable } from "./data/csv";
