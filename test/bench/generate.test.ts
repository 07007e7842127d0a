// Tests of the synthetic benchmark panel (bench/generate.ts): determinism, shape, unbalanced removal,
// third FE, and that the data follow the documented DGP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePanelCsv, generatePanel, specForRows, writeFrameCsv, type PanelSpec } from "../../bench/generate";
import { numeric } from "../../src/frame";
import { readCsvFrame } from "../../src/data/csv";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const small: PanelSpec = { entities: 60, periods: 7, regressors: 3, seed: 99 };

function csvBytes(spec: PanelSpec): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "gen-test-"));
  try {
    writeFrameCsv(generatePanel(spec).frame, join(dir, "p.csv"));
    return readFileSync(join(dir, "p.csv"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("same seed → identical CSV bytes; another seed → different data", () => {
  const a = csvBytes(small), b = csvBytes(small);
  assert.ok(a.equals(b));
  assert.ok(!a.equals(csvBytes({ ...small, seed: 100 })));
  const u = { ...small, removeFraction: 0.3, thirdFe: true };
  assert.ok(csvBytes(u).equals(csvBytes(u)));
});

test("the seeded data are the same in two separate processes (stable across runs)", () => {
  // Each child generates the panel and prints the SHA-256 of its CSV text; a hash computed here
  // must agree with both.
  const code = `import { generatePanel, writeFrameCsv } from "./bench/generate"; import { readFileSync, mkdtempSync } from "node:fs";
import { createHash } from "node:crypto"; import { join } from "node:path"; import { tmpdir } from "node:os";
const p = join(mkdtempSync(join(tmpdir(), "gen-child-")), "p.csv"); writeFrameCsv(generatePanel(${JSON.stringify(small)}).frame, p);
console.log(createHash("sha256").update(readFileSync(p)).digest("hex"));`;
  const here = createHash("sha256").update(csvBytes(small)).digest("hex");
  for (let i = 0; i < 2; i++) {
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), here);
  }
});

test("shape: G·T rows, columns id, t, y, ycount, x1…xK; every (id, t) once", () => {
  const p = generatePanel(small);
  const f = p.frame;
  assert.equal(f.nrow, small.entities * small.periods);
  assert.deepEqual([...f.names], ["id", "t", "y", "ycount", "x1", "x2", "x3"]);
  const id = numeric(f, "id"), t = numeric(f, "t");
  const seen = new Set<string>();
  for (let r = 0; r < f.nrow; r++) {
    assert.ok(id[r]! >= 1 && id[r]! <= small.entities && t[r]! >= 1 && t[r]! <= small.periods);
    seen.add(`${id[r]},${t[r]}`);
  }
  assert.equal(seen.size, f.nrow);
  for (const n of f.names) for (const v of numeric(f, n)) assert.ok(Number.isFinite(v), `non-finite value in ${n}`);
  for (const v of numeric(f, "ycount")) assert.ok(Number.isInteger(v) && v >= 0);
  assert.equal(p.beta.length, 3);
  assert.equal(p.removed, 0);
  const s = specForRows(1e4);
  assert.equal(s.entities * s.periods, 1e4);
  assert.throws(() => generatePanel({ ...small, entities: 1 }), /entities/);
  assert.throws(() => generatePanel({ ...small, removeFraction: 1 }), /removeFraction/);
});

test("unbalanced: exactly round(0.3·N) rows removed, the others unchanged and in order", () => {
  const bal = generatePanel(small).frame;
  const unb = generatePanel({ ...small, removeFraction: 0.3 });
  const N = small.entities * small.periods;
  assert.equal(unb.removed, Math.round(0.3 * N));
  assert.equal(unb.frame.nrow, N - unb.removed);
  // the removal draws come after the data draws, so kept rows equal the balanced panel's rows
  const bid = numeric(bal, "id"), bt = numeric(bal, "t");
  const index = new Map<string, number>();
  for (let r = 0; r < bal.nrow; r++) index.set(`${bid[r]},${bt[r]}`, r);
  const uid = numeric(unb.frame, "id"), ut = numeric(unb.frame, "t");
  let last = -1;
  for (let r = 0; r < unb.frame.nrow; r++) {
    const br = index.get(`${uid[r]},${ut[r]}`)!;
    assert.ok(br > last, "order kept");
    last = br;
    for (const n of bal.names) assert.equal(numeric(unb.frame, n)[r], numeric(bal, n)[br]);
  }
});

test("third FE: levels in 1..H and each row on its entity's home level with probability ≈ stickiness", () => {
  const spec: PanelSpec = { entities: 400, periods: 20, regressors: 2, seed: 5, thirdFe: true, fe3Levels: 25, fe3Stickiness: 0.9 };
  const f = generatePanel(spec).frame;
  const id = numeric(f, "id"), grp = numeric(f, "grp");
  const counts = new Map<number, Map<number, number>>();
  for (let r = 0; r < f.nrow; r++) {
    assert.ok(Number.isInteger(grp[r]) && grp[r]! >= 1 && grp[r]! <= 25);
    const m = counts.get(id[r]!) ?? new Map<number, number>();
    m.set(grp[r]!, (m.get(grp[r]!) ?? 0) + 1);
    counts.set(id[r]!, m);
  }
  let modal = 0;
  for (const m of counts.values()) modal += Math.max(...m.values());
  // reference: P(home level) = s + (1 − s)/H = 0.904; binomial sd over 8000 rows ≈ 0.0033
  // (the modal level can exceed the home count slightly, so allow 6 sd above)
  const share = modal / f.nrow;
  assert.ok(share > 0.904 - 6 * 0.0033 && share < 0.904 + 6 * 0.0033, `share ${share}`);
});

test("CSV is written at full precision: reading it back gives the same doubles", () => {
  const p = generatePanel({ ...small, thirdFe: true, removeFraction: 0.2 });
  const dir = mkdtempSync(join(tmpdir(), "gen-csv-"));
  try {
    const a = ensurePanelCsv(p.spec, dir);
    assert.equal(a.generated, true);
    const b = ensurePanelCsv(p.spec, dir);
    assert.equal(b.generated, false, "second call reuses the cached file");
    assert.equal(b.path, a.path);
    const back = readCsvFrame(a.path);
    assert.deepEqual([...back.names], [...p.frame.names]);
    for (const n of p.frame.names) assert.deepEqual(numeric(back, n), numeric(p.frame, n), n);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the DGP: two-way within estimator recovers β1, and errors are autocorrelated within entity", () => {
  // reference: the generator's documented DGP (true β1 = 1) and the closed-form two-way within
  // transform of a balanced panel, x − x̄_i − x̄_t + x̄ (Baltagi, Econometric Analysis of Panel Data, §3.2)
  const spec: PanelSpec = { entities: 3000, periods: 20, regressors: 1, seed: 3 };
  const p = generatePanel(spec);
  const G = spec.entities, T = spec.periods, N = G * T;
  const within = (v: Float64Array): Float64Array => {
    const mi = new Float64Array(G), mt = new Float64Array(T);
    let m = 0;
    for (let r = 0; r < N; r++) {
      mi[Math.floor(r / T)] += v[r]! / T;
      mt[r % T] += v[r]! / G;
      m += v[r]! / N;
    }
    return v.map((x, r) => x - mi[Math.floor(r / T)]! - mt[r % T]! + m);
  };
  const x = within(numeric(p.frame, "x1")), y = within(numeric(p.frame, "y"));
  let sxy = 0, sxx = 0;
  for (let r = 0; r < N; r++) {
    sxy += x[r]! * y[r]!;
    sxx += x[r]! * x[r]!;
  }
  const b = sxy / sxx;
  assert.equal(p.beta[0], 1);
  // cluster-robust SE (CR0) of b, computed here
  let meat = 0;
  for (let i = 0; i < G; i++) {
    let s = 0;
    for (let t = 0; t < T; t++) s += x[i * T + t]! * (y[i * T + t]! - b * x[i * T + t]!);
    meat += s * s;
  }
  const se = Math.sqrt(meat) / sxx;
  assert.ok(Math.abs(b - 1) < 5 * se, `b = ${b}, se = ${se}`);
  // lag-1 autocorrelation of the within residuals: the DGP has ρ = 0.5 (demeaning over T = 20
  // lowers it by about (1 + ρ)/T), so it is clearly positive — the reason to cluster by entity
  let c01 = 0, c00 = 0;
  for (let i = 0; i < G; i++)
    for (let t = 0; t < T; t++) {
      const e = y[i * T + t]! - b * x[i * T + t]!;
      c00 += e * e;
      if (t > 0) c01 += e * (y[i * T + t - 1]! - b * x[i * T + t - 1]!);
    }
  assert.ok(c01 / c00 > 0.3, `autocorrelation ${c01 / c00}`);
  // x1 is correlated with the entity effect: entity means of x1 and of y − x1 (≈ α_i) co-move
  let sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
  const X = numeric(p.frame, "x1"), Y = numeric(p.frame, "y");
  for (let i = 0; i < G; i++) {
    let mx = 0, my = 0;
    for (let t = 0; t < T; t++) {
      mx += X[i * T + t]! / T;
      my += (Y[i * T + t]! - X[i * T + t]!) / T;
    }
    sa += mx; sb += my; sab += mx * my; saa += mx * mx; sbb += my * my;
  }
  const corr = (sab - (sa * sb) / G) / Math.sqrt((saa - (sa * sa) / G) * (sbb - (sb * sb) / G));
  assert.ok(corr > 0.3, `corr(x̄1_i, α̂_i) = ${corr}`);
});

test("command line: tsx bench/generate.ts writes the same CSV as generatePanel + writeFrameCsv", () => {
  const dir = mkdtempSync(join(tmpdir(), "gen-cli-"));
  try {
    const out = join(dir, "cli.csv");
    const r = spawnSync(process.execPath, ["--import", "tsx", "bench/generate.ts", "--rows", "400", "--periods", "10", "--regressors", "2", "--seed", "8", "--remove-fraction", "0.3", "--out", out], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const spec = specForRows(400, { periods: 10, regressors: 2, seed: 8, removeFraction: 0.3 });
    const lib = join(dir, "lib.csv");
    writeFrameCsv(generatePanel(spec).frame, lib);
    assert.ok(readFileSync(out).equals(readFileSync(lib)));
    const bad = spawnSync(process.execPath, ["--import", "tsx", "bench/generate.ts", "--rows", "x", "--out", out], { cwd: ROOT, encoding: "utf8" });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--rows/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
