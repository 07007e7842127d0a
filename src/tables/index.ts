/**
 * Publication tables: one table model (src/tables/model.ts), builders (regression tables, data
 * tables) and renderers (HTML, Markdown, LaTeX booktabs, CSV).
 */
export * from "./model";
export * from "./format";
export * from "./escape";
export { regressionTable, type RegressionLike, type ModelColumn, type RegressionTableOptions } from "./regression";
export { dataTable, type DataColumn, type DataTableOptions, type DataRecord, type Value } from "./data-table";
export { toHtml, toMarkdown, toLatex, toCsv, defaultCaption, type HtmlOptions } from "./render";
