// `bri-cbec panel` spawned as a user would run it.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { parseCsv } from "../../src/data/csv";
import { buildPanel } from "../../src/clean/panel";
import { numeric, text } from "../../src/frame";

const dir = mkdtempSync(join(tmpdir(), "bri-panel-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/bri-cbec.mjs", "panel", ...args], { encoding: "utf8" });

test("panel --out writes 640 rows with unique keys; columns = dictionary; numbers round-trip exactly", () => {
  const out = join(dir, "panel.csv");
  const r = cli("--out", out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /wrote 640 rows/);
  const t = parseCsv(readFileSync(out, "utf8"), { file: "panel.csv", text: ["iso3", "country", "group_code", "group_name"] });
  assert.equal(t.frame.nrow, 640);
  const keys = new Set(text(t.frame, "iso3").map((c, i) => `${c}|${numeric(t.frame, "year")[i]}`));
  assert.equal(keys.size, 640);
  const p = buildPanel();
  assert.deepEqual(t.frame.names, p.dictionary.map((d) => d.name));
  for (const n of p.frame.names) {
    const a = p.frame.columns[n]!;
    if (a instanceof Float64Array) assert.deepEqual(Array.from(numeric(t.frame, n)), Array.from(a), n); // full double precision
    else assert.deepEqual(t.frame.columns[n], a, n);
  }
  const d = cli("--describe");
  assert.equal(d.status, 0, d.stderr);
  for (const info of p.dictionary) assert.match(d.stdout, new RegExp(`^${info.name}\\s`, "m"));
});

test("--list 65 and --fill linear", () => {
  const out = join(dir, "p65.csv");
  const r = cli("--list", "65", "--fill", "linear", "--out", out);
  assert.equal(r.status, 0, r.stderr);
  const t = parseCsv(readFileSync(out, "utf8"), { file: "p65.csv" });
  assert.equal(t.frame.nrow, 650);
  const flags = numeric(t.frame, "lpi_overall_score_filled");
  assert.ok(flags.some((v) => v === 1));
});

test("bad flags and values exit non-zero with a message naming them", () => {
  const cases: [string[], RegExp][] = [
    [["--fill", "spline", "--out", join(dir, "x.csv")], /--fill must be one of none, locf, linear; got 'spline'/],
    [["--list", "63", "--out", join(dir, "x.csv")], /--list must be 64 or 65; got '63'/],
    [["--bogus"], /unknown option '--bogus'/],
    [[], /give --out FILE\.csv/],
    [["--out"], /--out needs a value/],
  ];
  for (const [args, msg] of cases) {
    const r = cli(...args);
    assert.equal(r.status, 2, args.join(" "));
    assert.match(r.stderr, msg);
  }
  const r = cli("--data-dir", join(dir, "nope"), "--out", join(dir, "x.csv"));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /data directory not found: .*nope \(from --data-dir\)/);
});
