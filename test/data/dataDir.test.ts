import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
import { resolveDataDir, findRepoRoot, DATA_DIR_ENV } from "../../src/data/dataDir";

test("flag beats env var; env var beats the default; missing directory names the path", () => {
  const dir = mkdtempSync(join(tmpdir(), "dd-"));
  const saved = process.env[DATA_DIR_ENV];
  try {
    process.env[DATA_DIR_ENV] = "/definitely/not/here";
    assert.equal(resolveDataDir(dir), resolve(dir));
    assert.throws(() => resolveDataDir(), /data directory not found: \/definitely\/not\/here \(from environment variable BRI_DATA_DIR\)/);
    process.env[DATA_DIR_ENV] = dir;
    assert.equal(resolveDataDir(), resolve(dir));
    assert.throws(() => resolveDataDir(join(dir, "missing")), /data directory not found: .*missing \(from --data-dir\)/);
  } finally {
    if (saved === undefined) delete process.env[DATA_DIR_ENV];
    else process.env[DATA_DIR_ENV] = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("default is ../shared/data beside the repository when it exists", () => {
  const saved = process.env[DATA_DIR_ENV];
  delete process.env[DATA_DIR_ENV];
  try {
    const shared = resolve(findRepoRoot(), "..", "shared", "data");
    if (existsSync(shared)) assert.equal(resolveDataDir(), shared);
    else assert.match(resolveDataDir(), /data[\/\\]raw$/);
  } finally {
    if (saved !== undefined) process.env[DATA_DIR_ENV] = saved;
  }
});
