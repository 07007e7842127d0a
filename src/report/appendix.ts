/**
 * Appendix tables of the report built from project metadata (not from estimates): data sources and
 * provenance (A1, from data/manifest.json) and reproducibility information (A5).
 */
import type { DataManifest } from "../data/manifest";
import { type TableModel, dataTable } from "../tables";
import { artifactMeta } from "../artifacts";

/**
 * Table A1: every input file of the manifest with organisation, dataset, license, provenance,
 * access date, coverage and the first 12 hex digits of its sha256 (the full checksums are in A5's
 * companion files and in data/manifest.json).
 *
 * @example
 * dataSourcesTable(loadManifest()).groups[0].rows.length; // number of files in the manifest
 */
export function dataSourcesTable(manifest: DataManifest): TableModel {
  const rows = manifest.files
    .filter((f) => f.kind === "table")
    .map((f) => ({
      file: f.path,
      used: f.used,
      organisation: f.organisation,
      dataset: f.dataset,
      license: f.license,
      provenance: f.provenance,
      accessed: f.accessed,
      coverage: f.coverage,
      sha256: f.sha256.slice(0, 12),
    }));
  return dataTable(rows, {
    ...artifactMeta("A1"),
    columns: [
      { key: "file", label: "File (data directory)" },
      { key: "used", label: "Used" },
      { key: "organisation", label: "Organisation" },
      { key: "dataset", label: "Dataset" },
      { key: "license", label: "License" },
      { key: "provenance", label: "Provenance" },
      { key: "accessed", label: "Accessed" },
      { key: "coverage", label: "Coverage" },
      { key: "sha256", label: "sha256 (first 12)" },
    ],
    notes: manifest.knownLimits.length ? ["Known limits: " + manifest.knownLimits.join(" ")] : [],
  });
}

/** One line of the reproducibility information. */
export interface ReproItem {
  readonly group: string;
  readonly item: string;
  readonly value: string;
}

/**
 * Table A5: software versions, data checksums, parameters and the command line, one row each.
 *
 * @example
 * reproducibilityTable([{ group: "software", item: "node", value: "v20.20.2" }]);
 */
export function reproducibilityTable(items: readonly ReproItem[]): TableModel {
  return dataTable(
    items.map((i) => ({ group: i.group, item: i.item, value: i.value })),
    { ...artifactMeta("A5"), columns: [{ key: "group", label: "Group" }, { key: "item", label: "Item" }, { key: "value", label: "Value" }] },
  );
}

/**
 * Data citations (Markdown list) from the manifest: one entry per dataset actually used, as
 * "Organisation. Dataset. URL (accessed DATE). License." — deduplicated by organisation+dataset.
 */
export function dataCitationsMarkdown(manifest: DataManifest): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of manifest.files) {
    if (f.kind !== "table" || !f.used) continue;
    const key = `${f.organisation}|${f.dataset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const url = f.url ? ` <${f.url}>` : "";
    lines.push(`- ${f.organisation}. *${f.dataset}*.${url} Accessed ${f.accessed}. License: ${f.license}. Copy: ${f.provenance}.`);
  }
  return lines.join("\n");
}
