/**
 * The data availability statement (`data/README.md`), generated from `data/manifest.json` in the
 * style of the Social Science Data Editors' template README (AEA). A test checks that the committed
 * README equals {@link renderDataAvailability} of the committed manifest; after editing the
 * manifest, regenerate with
 * `npx tsx -e 'import("./src/data/availability.ts").then((m) => m.writeDataAvailability())'`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "./dataDir";
import { loadManifest, type DataManifest, type ManifestEntry } from "./manifest";

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function source(e: ManifestEntry): string {
  return e.url ? `[${e.provenance}](${e.url})` : e.provenance;
}

/** Markdown text of the data availability statement. */
export function renderDataAvailability(m: DataManifest): string {
  const tables = m.files.filter((f) => f.kind === "table");
  const used = tables.filter((f) => f.used);
  const unused = tables.filter((f) => !f.used);
  const docs = m.files.filter((f) => f.kind === "documentation");
  const L: string[] = [];
  L.push("# Data availability and provenance");
  L.push("");
  L.push("<!-- Generated from data/manifest.json by src/data/availability.ts; do not edit by hand (a test checks they agree). -->");
  L.push("");
  L.push(`${m.title}. Files collected ${m.collected}. The data are **not** stored in this repository: every input is`);
  L.push("read from the data directory (`--data-dir`, else the environment variable `BRI_DATA_DIR`, else");
  L.push("`../shared/data` beside the repository, else `data/raw/`). Each file is checked against the sha256 and");
  L.push("schema recorded in `data/manifest.json` before use; a mismatch stops the run with an error naming the");
  L.push("file, row and column.");
  L.push("");
  L.push("## Statement about rights");
  L.push("");
  L.push("- [x] All data used are public and were obtained from the public sources listed below (public GitHub");
  L.push("  repositories at the commits named, or public web pages for the two hand-written definitional lists).");
  L.push("- [x] The licenses below permit use for this replication; the data are not redistributed here.");
  L.push("");
  L.push("## Summary of availability");
  L.push("");
  L.push("- [x] All data **are** publicly available.");
  L.push("- [ ] Some data **cannot be made** publicly available.");
  L.push("- [ ] **No data can be made** publicly available.");
  L.push("");
  L.push("## Data sources used by the panel");
  L.push("");
  L.push("| file | organisation | dataset | indicators | units | license | provenance (repository@commit) | accessed |");
  L.push("|---|---|---|---|---|---|---|---|");
  for (const e of used) {
    L.push(`| \`${e.path}\` | ${cell(e.organisation)} | ${cell(e.dataset)} | ${cell(e.indicators.join(", ") || "-")} | ${cell(e.units)} | ${cell(e.license)} | ${cell(source(e))} | ${e.accessed} |`);
  }
  L.push("");
  L.push("### Details on each data source");
  for (const e of used) {
    L.push("");
    L.push(`#### ${e.dataset} (\`${e.path}\`)`);
    L.push("");
    L.push(`- Organisation: ${e.organisation}.`);
    L.push(`- Use in this project: ${e.role}.`);
    L.push(`- Coverage: ${e.coverage}.`);
    L.push(`- Units: ${e.units}.`);
    L.push(`- License: ${e.license}.`);
    L.push(`- Provenance: ${source(e)}; accessed ${e.accessed}.`);
    L.push(`- Rows: ${e.rows ?? "-"}; sha256 \`${e.sha256}\`.`);
  }
  L.push("");
  L.push("## Files in the data directory not used by the panel");
  L.push("");
  L.push("| file | organisation | why not used | license | provenance |");
  L.push("|---|---|---|---|---|");
  for (const e of unused) L.push(`| \`${e.path}\` | ${cell(e.organisation)} | ${cell(e.role)} | ${cell(e.license)} | ${cell(source(e))} |`);
  L.push("");
  L.push("Documentation files (checksummed, read by tests for documented coverage counts):");
  L.push("");
  for (const e of docs) L.push(`- \`${e.path}\`: ${e.role}.`);
  L.push("");
  L.push("## Known limits of the data");
  L.push("");
  for (const k of m.knownLimits) L.push(`- ${k}`);
  L.push("");
  L.push("## Checksums");
  L.push("");
  L.push("| file | bytes | sha256 |");
  L.push("|---|---:|---|");
  for (const e of m.files) L.push(`| \`${e.path}\` | ${e.bytes} | \`${e.sha256}\` |`);
  L.push("");
  return L.join("\n");
}

/** Write `data/README.md` from `data/manifest.json`. */
export function writeDataAvailability(root: string = findRepoRoot()): string {
  const p = join(root, "data", "README.md");
  writeFileSync(p, renderDataAvailability(loadManifest(root)));
  return p;
}
