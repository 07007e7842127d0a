// The artifact registry: unique stable IDs, output paths, README map current, programs exist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { ARTIFACTS, artifact, artifactLabel, extractReadmeMap, outputFiles, readmeMap } from "../../src/artifacts";

const root = fileURLToPath(new URL("../..", import.meta.url));

test("artifact IDs are unique, well-formed and numbered without gaps per kind", () => {
  const ids = ARTIFACTS.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length, "unique IDs");
  for (const [prefix, kind] of [["T", "table"], ["F", "figure"], ["A", "appendix"]] as const) {
    const nums = ARTIFACTS.filter((a) => a.kind === kind).map((a) => Number(a.id.slice(1)));
    assert.ok(ARTIFACTS.filter((a) => a.kind === kind).every((a) => a.id.startsWith(prefix)), `${kind} IDs start with ${prefix}`);
    assert.deepEqual(nums, nums.map((_, i) => i + 1), `${kind} IDs are ${prefix}1..${prefix}${nums.length}`);
  }
  for (const a of ARTIFACTS) {
    assert.ok(a.title.length > 0 && a.caption.length > 0, `${a.id} has title and caption`);
    assert.ok(a.program.length > 0, `${a.id} names its program`);
    if (a.notebook) assert.match(a.notebook, /^notebooks\/\d\d-[a-z-]+\.ipynb$/);
  }
  assert.deepEqual(outputFiles(artifact("T5")), ["reports/tables/T5.csv", "reports/tables/T5.tex", "reports/tables/T5.md"]);
  assert.deepEqual(outputFiles(artifact("F1")), ["reports/figures/F1.json"]);
  assert.equal(artifactLabel(artifact("A2")), "Table A2");
  assert.throws(() => artifact("T99"), /unknown artifact ID 'T99'/);
});

test("readmeMap lists every artifact with its program and outputs", () => {
  const map = readmeMap();
  for (const a of ARTIFACTS) assert.ok(map.includes(`| ${a.id} | `), a.id);
  assert.equal(extractReadmeMap(`intro\n${map}\noutro`), map);
  assert.equal(extractReadmeMap("no map"), null);
});

test("README.md contains the current table/figure → program → output map", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const found = extractReadmeMap(readme);
  assert.notEqual(found, null, "README.md has no artifact map: paste the output of `npx tsx scripts/report.ts --readme-map`");
  assert.equal(found, readmeMap(), "README map is stale: regenerate with `npx tsx scripts/report.ts --readme-map`");
});

test("every program named in the registry exists (module and exported function)", async (t) => {
  const missing: string[] = [];
  for (const a of ARTIFACTS) {
    for (const p of a.program) {
      const [path, fn] = p.split("#") as [string, string | undefined];
      const candidates = [`${path}.ts`, `${path}/index.ts`].map((c) => join(root, c));
      const file = candidates.find((c) => existsSync(c));
      if (!file) {
        missing.push(`${a.id}: ${path} (module not written yet)`);
        continue;
      }
      if (fn) {
        const mod = (await import(file)) as Record<string, unknown>;
        if (typeof mod[fn] !== "function") missing.push(`${a.id}: ${p} (no exported function '${fn}')`);
      }
    }
  }
  const absentFunctions = missing.filter((m) => m.includes("no exported function"));
  // a module that exists must export the named function: that is a registry error
  assert.deepEqual(absentFunctions, [], "registry names functions that the module does not export");
  if (missing.length) t.diagnostic(`pending modules: ${[...new Set(missing)].join("; ")}`);
});
