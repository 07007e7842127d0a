/**
 * The error every data-loading step throws on bad input. Its message always names the file, and
 * where they are known the 1-based row (file line; the header is row 1) and the column, e.g.
 * `wdi_datahub_long.csv, row 17, column 'value': "abc" is not a number`.
 *
 * @example
 * throw new DataError("wdi_datahub_long.csv", 17, "value", '"abc" is not a number');
 */
export class DataError extends Error {
  readonly file: string;
  readonly row: number | undefined;
  readonly column: string | undefined;
  readonly detail: string;

  constructor(file: string, row: number | undefined, column: string | undefined, detail: string) {
    super(formatDataErrorMessage(file, row, column, detail));
    this.name = "DataError";
    this.file = file;
    this.row = row;
    this.column = column;
    this.detail = detail;
  }
}

/** `file, row R, column 'C': detail` with the absent parts left out. */
export function formatDataErrorMessage(
  file: string,
  row: number | undefined,
  column: string | undefined,
  detail: string,
): string {
  const where = [file];
  if (row !== undefined) where.push(`row ${row}`);
  if (column !== undefined) where.push(`column '${column}'`);
  return `${where.join(", ")}: ${detail}`;
}
