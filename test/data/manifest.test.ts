import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadManifest, refreshManifestChecksums, verifyDataDir } from "../../src/data/manifest";
import { renderDataAvailability } from "../../src/data/availability";
import { findRepoRoot, resolveDataDir } from "../../src/data/dataDir";

const dataDir = resolveDataDir();
const manifest = loadManifest();

function walk(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

test("the manifest lists every file of the data directory, and only those", () => {
  const files = walk(dataDir).map((p) => relative(dataDir, p).split("\\").join("/")).sort();
  assert.deepEqual(manifest.files.map((f) => f.path).sort(), files);
});

test("every entry has source, license, provenance and a schema; checksums and row counts are current", () => {
  for (const f of manifest.files) {
    for (const k of ["organisation", "dataset", "license", "provenance", "role", "sha256"] as const) assert.ok(f[k].length > 0, `${f.path}: ${k}`);
    if (f.kind === "table") {
      assert.ok(f.columns && f.columns.length > 0, f.path);
      assert.ok(typeof f.rows === "number");
    }
  }
  // recomputing from the files gives exactly the committed manifest
  assert.deepEqual(refreshManifestChecksums(dataDir, manifest), manifest);
});

test("verifyDataDir: every file passes its checksum and schema check", () => {
  const r = verifyDataDir(dataDir, manifest);
  assert.equal(r.length, manifest.files.length);
});

test("data/README.md is the statement generated from data/manifest.json and states the known limits", () => {
  const readme = readFileSync(join(findRepoRoot(), "data", "README.md"), "utf8");
  assert.equal(readme, renderDataAvailability(manifest), "data/README.md is stale: regenerate it (see src/data/availability.ts)");
  for (const k of manifest.knownLimits) assert.ok(readme.includes(k));
  // the limits of the data folder's own README are all carried over
  const src = readFileSync(join(dataDir, "README.md"), "utf8");
  const pairs: [RegExp, RegExp][] = [
    [/No public bilateral cross-border e-commerce series/i, /No public bilateral cross-border e-commerce \(CBEC\) series/i],
    [/China-reported exports end in 2019/i, /by partner \(NBS\) end in 2019/i],
    [/44 of 64\s+countries report 2024/i, /44 of 64 countries report 2024/i],
    [/never splice them/i, /never spliced/i],
    [/Monthly exports only for 2016/i, /Monthly exports exist only for 2016-2019/i],
    [/no UNCTAD B2C/i, /No UNCTAD B2C/i],
    [/LPI and Findex are survey editions/i, /Findex \(survey waves\) are not yearly series/i],
  ];
  for (const [inSource, inReadme] of pairs) {
    assert.match(src, inSource);
    assert.match(readme, inReadme);
  }
});
