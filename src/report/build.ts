/**
 * Writing the report: reports/index.html plus every table as CSV, LaTeX and Markdown
 * (reports/tables/<ID>.*) and every figure spec as JSON (reports/figures/<ID>.json).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Artifact, artifact as registryArtifact } from "../artifacts";
import { type TableModel, toCsv, toLatex, toMarkdown } from "../tables";
import { katexCss, plotlySource, worldTopojson } from "./assets";
import { type ReportAssets, type ReportDocument, renderReport } from "./document";

export interface WrittenFile {
  readonly path: string;
  readonly bytes: number;
}

/** Load the inlined assets (plotly minified and cached on first use). */
export async function loadAssets(): Promise<ReportAssets> {
  const plotly = await plotlySource();
  return { plotlyJs: plotly.code, katexCss: katexCss(), topojson: worldTopojson() };
}

/** The table with the registry's ID, title and caption (the registry is the one source of them). */
export function withRegistryMeta(t: TableModel, a: Artifact): TableModel {
  return { ...t, id: a.id, title: a.title, caption: a.caption };
}

const EXPORT_RE = /^[TFA]\d+\.(csv|tex|md|json)$/;

function write(path: string, text: string, out: WrittenFile[]): void {
  writeFileSync(path, text);
  out.push({ path, bytes: Buffer.byteLength(text) });
}

/**
 * Export every computed table and figure of the document (pending ones are skipped) and remove
 * exports of IDs this build did not produce (so the folder never holds stale results).
 */
export function exportArtifacts(doc: ReportDocument, outDir: string): WrittenFile[] {
  const lookup = doc.lookup ?? registryArtifact;
  const tablesDir = join(outDir, "tables");
  const figuresDir = join(outDir, "figures");
  mkdirSync(tablesDir, { recursive: true });
  mkdirSync(figuresDir, { recursive: true });
  const out: WrittenFile[] = [];
  const ids = [...doc.artifacts.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  for (const id of ids) {
    const c = doc.artifacts.get(id)!;
    if (c.kind === "table") {
      const t = withRegistryMeta(c.table, lookup(id));
      write(join(tablesDir, `${id}.csv`), toCsv(t), out);
      write(join(tablesDir, `${id}.tex`), toLatex(t), out);
      write(join(tablesDir, `${id}.md`), toMarkdown(t), out);
    } else if (c.kind === "figure") {
      write(join(figuresDir, `${id}.json`), JSON.stringify(c.figure, null, 1) + "\n", out);
    }
  }
  const produced = new Set(out.map((f) => f.path));
  for (const dir of [tablesDir, figuresDir]) {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (EXPORT_RE.test(name) && !produced.has(p) && statSync(p).isFile()) rmSync(p);
    }
  }
  return out;
}

/** Write index.html and the exports; returns every file written (index.html first). */
export function writeReport(doc: ReportDocument, outDir: string, assets: ReportAssets): WrittenFile[] {
  mkdirSync(outDir, { recursive: true });
  const html = renderReport(doc, assets);
  const files: WrittenFile[] = [];
  write(join(outDir, "index.html"), html, files);
  return [...files, ...exportArtifacts(doc, outDir)];
}
