import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("bri-cbec with no command prints usage and exits 2", () => {
  const r = spawnSync(process.execPath, ["bin/bri-cbec.mjs"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stdout, /usage: bri-cbec <command>/);
});

test("bri-cbec with an unknown command exits 2 and names it", () => {
  const r = spawnSync(process.execPath, ["bin/bri-cbec.mjs", "nope"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command 'nope'/);
});
