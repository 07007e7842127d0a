import { test } from "node:test";
import assert from "node:assert/strict";
import { fit } from "../../src/estimate/index";
import { makeFrame, numeric, filterRows } from "../../src/frame";
import { qrLeastSquares } from "../../src/estimate/qr";
import { syntheticPanel, maxRelDiff } from "./synthetic";

// reference: closed forms and invariances computed in the test with our own QR (LSDV with explicit
// dummies; OLS on hand-made differences/means; the just-identified IV ratio cov(z,y)/cov(z,x)).

const panel = { id: "id", time: "year" };

function dummyCols(values: Float64Array): Float64Array[] {
  const levels = [...new Set(values)].sort((a, b) => a - b);
  return levels.slice(1).map((l) => values.map((v) => (v === l ? 1 : 0)));
}

test("two-way FE by demeaning = LSDV with dummies (coef, iid SE, df) on an unbalanced panel", () => {
  const d = syntheticPanel(25, 8, 5, 0.25);
  const r = fit(d, "y ~ x1 + x2 | id + year", { dropSingletons: false });
  const one = new Float64Array(d.nrow).fill(1);
  const X = [one, numeric(d, "x1"), numeric(d, "x2"), ...dummyCols(numeric(d, "id")), ...dummyCols(numeric(d, "year"))];
  const q = qrLeastSquares(X, numeric(d, "y"));
  assert.deepEqual(q.dropped, []);
  assert.ok(maxRelDiff(r.coef, [q.coef[1]!, q.coef[2]!]) < 1e-9);
  const dfLsdv = d.nrow - q.rank;
  assert.equal(r.dfResid, dfLsdv);
  const s2 = q.rss / dfLsdv;
  const seLsdv = [Math.sqrt(s2 * q.bread[1 * q.rank + 1]!), Math.sqrt(s2 * q.bread[2 * q.rank + 2]!)];
  assert.ok(maxRelDiff(r.se, seLsdv) < 1e-8);
  assert.equal(r.model, "fe");
  assert.deepEqual(r.feGroups, { id: 25, year: 8 });
  assert.ok(r.withinR2! > 0 && r.withinR2! < r.r2);
});

test("FE from --panel equals FE from the formula; twoways = id + year", () => {
  const d = syntheticPanel(12, 6, 9);
  const a = fit(d, "y ~ x1 + x2", { model: "fe", panel });
  const b = fit(d, "y ~ x1 + x2 | id");
  assert.ok(maxRelDiff(a.coef, b.coef) < 1e-12);
  const c = fit(d, "y ~ x1 + x2", { model: "fe", panel, effect: "twoways" });
  const e = fit(d, "y ~ x1 + x2 | id + year");
  assert.ok(maxRelDiff(c.coef, e.coef) < 1e-9);
});

test("withVcov gives the same numbers as a refit with that vcov, and does not refit", () => {
  const d = syntheticPanel(15, 6, 2);
  const base = fit(d, "y ~ x1 + x2 | id + year");
  for (const spec of ["hc1", { cluster: ["id"] }, { cluster: ["id", "year"] }] as const) {
    const a = base.withVcov(spec);
    const b = fit(d, "y ~ x1 + x2 | id + year", { vcov: spec });
    assert.ok(maxRelDiff(a.se, b.se) < 1e-12);
    assert.equal(a.internals.X, base.internals.X); // shared, not recomputed
    assert.deepEqual(a.coef, base.coef);
  }
  assert.ok(Object.isFrozen(base) && Object.isFrozen(base.coef) && Object.isFrozen(base.vcov));
});

test("singletons are removed and counted; missing values are counted with reasons", () => {
  const d0 = syntheticPanel(6, 4, 4);
  const y = Float64Array.from(numeric(d0, "y"));
  y[0] = NaN;
  const id = Float64Array.from(numeric(d0, "id"));
  id[1] = 99; // a singleton id
  const d = makeFrame({ ...d0.columns, y, id });
  const r = fit(d, "y ~ x1 | id");
  assert.equal(r.dropped.missing, 1);
  assert.equal(r.dropped.singleton, 1);
  assert.equal(r.nobs, d.nrow - 2);
  assert.match(r.dropped.reasons.join("; "), /1 row\(s\) with missing or non-finite 'y'/);
});

test("a row missing in several variables is dropped and counted once (per-variable reasons count each)", () => {
  // reference: R lm()'s na.omit — the sample is the complete cases; the count here is of rows
  const d0 = syntheticPanel(6, 4, 5);
  const y = Float64Array.from(numeric(d0, "y"));
  const x1 = Float64Array.from(numeric(d0, "x1"));
  const year = Float64Array.from(numeric(d0, "year"));
  y[2] = NaN;
  x1[2] = Infinity; // same row as y
  x1[7] = NaN;
  year[7] = NaN; // same row as x1, and an FE
  year[9] = NaN;
  const d = makeFrame({ ...d0.columns, y, x1, year });
  const r = fit(d, "y ~ x1 + x2 | id + year", { vcov: { cluster: ["year"] } });
  assert.equal(r.dropped.missing, 3);
  assert.equal(r.nobs + r.dropped.missing + r.dropped.singleton, d.nrow);
  const reasons = r.dropped.reasons.join("; ");
  assert.match(reasons, /1 row\(s\) with missing or non-finite 'y'/);
  assert.match(reasons, /2 row\(s\) with missing or non-finite 'x1'/);
  assert.match(reasons, /2 row\(s\) with missing or non-finite 'year'/);
  // the same fit on the complete cases selected by hand
  const rc = fit(filterRows(d, Array.from({ length: d.nrow }, (_, i) => ![2, 7, 9].includes(i))), "y ~ x1 + x2 | id + year", { vcov: { cluster: ["year"] } });
  assert.deepEqual(r.coef, rc.coef);
  assert.deepEqual(r.se, rc.se);
});

test("non-finite values across five regressors (four tested per pass): the sample and the counts per variable", () => {
  // reference: R lm()'s na.omit on the complete cases (here: the same fit on the rows selected by hand)
  const d0 = syntheticPanel(8, 5, 6);
  const cols: Record<string, Float64Array> = {};
  for (const v of ["y", "x1", "x2", "z", "xe"]) cols[v] = Float64Array.from(numeric(d0, v));
  cols.z![3] = -Infinity;
  cols.xe![3] = NaN; // same row as z
  cols.xe![11] = Infinity;
  cols.x2![20] = NaN;
  cols.y![20] = NaN; // same row as x2
  const d = makeFrame({ ...d0.columns, ...cols });
  const formula = "y ~ x1 + x2 + z + xe | id + year";
  const r = fit(d, formula);
  assert.equal(r.dropped.missing, 3);
  const reasons = r.dropped.reasons.join("; ");
  for (const [v, k] of [["y", 1], ["x2", 1], ["z", 1], ["xe", 2]] as const) assert.match(reasons, new RegExp(`${k} row\\(s\\) with missing or non-finite '${v}'`));
  assert.doesNotMatch(reasons, /'x1'/);
  const rc = fit(filterRows(d, Array.from({ length: d.nrow }, (_, i) => ![3, 11, 20].includes(i))), formula);
  assert.deepEqual(r.coef, rc.coef);
  assert.equal(r.nobs, rc.nobs);
});

test("lag() lags by time value: gaps give missing, not the previous row", () => {
  const d = makeFrame({
    id: Float64Array.of(1, 1, 1, 2, 2, 2),
    year: Float64Array.of(2000, 2001, 2003, 2000, 2001, 2002),
    x: Float64Array.of(1, 2, 3, 4, 5, 7),
    y: Float64Array.of(1, 3, 2, 5, 4, 8),
  });
  const r = fit(d, "y ~ lag(x, 1)", { panel });
  // usable rows: (1,2001) lag 1; (2,2001) lag 4; (2,2002) lag 5 — (1,2003) has no 2002
  assert.equal(r.nobs, 3);
  const q = qrLeastSquares([new Float64Array(3).fill(1), Float64Array.of(1, 4, 5)], Float64Array.of(3, 4, 8));
  assert.ok(maxRelDiff(r.coef, q.coef) < 1e-12);
  assert.deepEqual(r.coefNames, ["(Intercept)", "lag(x, 1)"]);
  assert.throws(() => fit(d, "y ~ lag(x, 1)"), /needs the panel structure/);
});

test("i(region) makes dummies with the first sorted level as reference; -1 removes the intercept", () => {
  const d = syntheticPanel(9, 3, 6);
  const r = fit(d, "y ~ x1 + i(region)");
  assert.deepEqual(r.coefNames, ["(Intercept)", "x1", "region::north", "region::south"]);
  const n = fit(d, "y ~ 0 + x1");
  assert.deepEqual(n.coefNames, ["x1"]);
});

test("collinear regressors are dropped with a note naming them", () => {
  const d0 = syntheticPanel(8, 5, 8);
  const x3 = numeric(d0, "x1").map((v, i) => v + numeric(d0, "x2")[i]!);
  const d = makeFrame({ ...d0.columns, x3 });
  const r = fit(d, "y ~ x1 + x2 + x3");
  assert.deepEqual(r.coefNames, ["(Intercept)", "x1", "x2"]);
  assert.match(r.notes.join("\n"), /dropped collinear column 'x3'/);
});

test("first differences = OLS of consecutive-row differences (plm fd)", () => {
  const d = syntheticPanel(10, 5, 12, 0.2);
  const r = fit(d, "y ~ x1 + x2", { model: "fd", panel });
  const id = numeric(d, "id");
  const cols = ["y", "x1", "x2"].map((c) => numeric(d, c));
  const dd: number[][] = [[], [], []];
  for (let i = 1; i < d.nrow; i++) if (id[i] === id[i - 1]) cols.forEach((c, j) => dd[j]!.push(c[i]! - c[i - 1]!));
  const m = dd[0]!.length;
  const q = qrLeastSquares([new Float64Array(m).fill(1), Float64Array.from(dd[1]!), Float64Array.from(dd[2]!)], Float64Array.from(dd[0]!));
  assert.equal(r.nobs, m);
  assert.ok(maxRelDiff(r.coef, q.coef) < 1e-12);
  assert.equal(r.dropped.missing, d.nrow - m);
});

test("between = OLS on group means", () => {
  const d = syntheticPanel(14, 4, 13, 0.2);
  const r = fit(d, "y ~ x1 + x2", { model: "be", panel });
  const id = numeric(d, "id");
  const ids = [...new Set(id)];
  const mean = (c: string) => Float64Array.from(ids, (g) => {
    const rows = filterRows(d, Array.from(id, (v) => v === g));
    const a = numeric(rows, c);
    return a.reduce((s, v) => s + v, 0) / a.length;
  });
  const q = qrLeastSquares([new Float64Array(ids.length).fill(1), mean("x1"), mean("x2")], mean("y"));
  assert.ok(maxRelDiff(r.coef, q.coef) < 1e-12);
  assert.equal(r.nobs, ids.length);
});

test("just-identified 2SLS equals the IV ratio cov(z,y)/cov(z,x); first stage is kept", () => {
  const d = syntheticPanel(20, 5, 21);
  const r = fit(d, "y ~ 1 | xe ~ z");
  const z = numeric(d, "z");
  const x = numeric(d, "xe");
  const y = numeric(d, "y");
  const n = d.nrow;
  const m = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / n;
  const cov = (a: Float64Array, b: Float64Array) => {
    const ma = m(a);
    const mb = m(b);
    let s = 0;
    for (let i = 0; i < n; i++) s += (a[i]! - ma) * (b[i]! - mb);
    return s;
  };
  const beta = cov(z, y) / cov(z, x);
  assert.ok(Math.abs(r.coefficients.xe!.estimate - beta) < 1e-10 * Math.abs(beta));
  assert.equal(r.firstStage!.length, 1);
  assert.deepEqual(r.firstStage![0]!.coefNames, ["(Intercept)", "z"]);
  assert.deepEqual(r.endogenous, ["xe"]);
  // with FE: 2SLS on demeaned data, same as adding dummies as exogenous regressors
  const fe = fit(d, "y ~ x1 | id | xe ~ z");
  const lsdv = fit(d, "y ~ x1 + i(id) | xe ~ z");
  assert.ok(Math.abs(fe.coefficients.xe!.estimate - lsdv.coefficients.xe!.estimate) < 1e-8);
  assert.ok(Math.abs(fe.coefficients.xe!.se - lsdv.coefficients.xe!.se) < 1e-8 * lsdv.coefficients.xe!.se);
});

test("random effects: theta in (0,1), components positive, coefficients between pooled and within", () => {
  const d = syntheticPanel(30, 6, 31);
  const re = fit(d, "y ~ x1 + x2", { model: "re", panel });
  assert.ok(re.re!.thetaMean > 0 && re.re!.thetaMean < 1);
  assert.ok(re.re!.sigma2Idios > 0 && re.re!.sigma2Indiv > 0);
  // reference: Baltagi (2021) §2.3 — RE is a matrix-weighted average of within and between; check
  // the quasi-demeaning identity: θ = 1 − sqrt(σ²ε/(Tσ²u + σ²ε)) for the balanced panel
  const th = 1 - Math.sqrt(re.re!.sigma2Idios / (6 * re.re!.sigma2Indiv + re.re!.sigma2Idios));
  assert.ok(Math.abs(th - re.re!.thetaMean) < 1e-14);
});

test("toJSON: coefficients by name, full precision, vcov matrix", () => {
  const d = syntheticPanel(10, 4, 41);
  const r = fit(d, "y ~ x1 + x2 | id", { vcov: { cluster: ["id"] } });
  const j = JSON.parse(JSON.stringify(r)) as { coefficients: Record<string, { estimate: number; se: number }>; vcov: number[][]; clusters: Record<string, number> };
  assert.equal(j.coefficients.x1!.estimate, r.coefficients.x1!.estimate);
  assert.equal(j.coefficients.x2!.se, r.se[1]);
  assert.equal(j.vcov[0]![1], r.vcov[0]![1]);
  assert.deepEqual(j.clusters, { id: 10 });
});

test("bad input: messages name the variable", () => {
  const d = syntheticPanel(5, 4, 51);
  assert.throws(() => fit(d, "y ~ nope"), /unknown column 'nope'/);
  assert.throws(() => fit(d, "y ~ x1 + region"), /variable 'region' is text/);
  assert.throws(() => fit(d, "y ~ x1 + id | id"), /variable 'id' has no variation left after removing the fixed effects \(id\)/);
  const allNa = makeFrame({ ...d.columns, x9: new Float64Array(d.nrow).fill(NaN) });
  assert.throws(() => fit(allNa, "y ~ x9"), /variable 'x9' is missing \(or not finite\) in all 20 rows/);
  const oneId = filterRows(d, Array.from(numeric(d, "id"), (v) => v === 1));
  assert.throws(() => fit(oneId, "y ~ x1", { vcov: { cluster: ["id"] } }), /cluster variable 'id' has 1 cluster/);
  assert.throws(() => fit(d, "y ~ x1", { model: "re" }), /needs the panel structure/);
});

test("interacted FE a^b equals one FE on the combined key", () => {
  const d = syntheticPanel(6, 5, 81);
  const region = d.columns.region as readonly string[];
  const cell = Float64Array.from(numeric(d, "year"), (yv, i) => yv * 10 + ["east", "north", "south"].indexOf(region[i]!));
  const a = fit(d, "y ~ x1 + x2 | id + region^year");
  const b = fit(makeFrame({ ...d.columns, cell }), "y ~ x1 + x2 | id + cell");
  assert.ok(maxRelDiff(a.coef, b.coef) < 1e-9);
  assert.equal(a.feGroups["region^year"], b.feGroups.cell);
});

test("weighted two-way FE = weighted LSDV; time effect = year FE", () => {
  const d = syntheticPanel(15, 6, 91, 0.2);
  const w = Float64Array.from(numeric(d, "x1"), (v) => 1 + Math.abs(v));
  const dw = makeFrame({ ...d.columns, w });
  const r = fit(dw, "y ~ x1 + x2 | id + year", { weights: "w", dropSingletons: false });
  const X = [new Float64Array(d.nrow).fill(1), numeric(d, "x1"), numeric(d, "x2"), ...dummyCols(numeric(d, "id")), ...dummyCols(numeric(d, "year"))];
  const q = qrLeastSquares(X, numeric(d, "y"), { weights: w });
  assert.ok(maxRelDiff(r.coef, [q.coef[1]!, q.coef[2]!]) < 1e-9);
  const s2 = q.rss / (d.nrow - q.rank);
  assert.ok(maxRelDiff(r.se, [Math.sqrt(s2 * q.bread[q.rank + 1]!), Math.sqrt(s2 * q.bread[2 * q.rank + 2]!)]) < 1e-8);
  const t = fit(d, "y ~ x1 + x2", { model: "fe", panel, effect: "time" });
  const f = fit(d, "y ~ x1 + x2 | year");
  assert.ok(maxRelDiff(t.coef, f.coef) < 1e-12);
  assert.equal(t.effect, "time");
});

test("internals.fitted = y − residuals on the original scale (formed on first use, then the same array)", () => {
  // reference: the definition ŷ = y − r (OLS/FE: the residuals of the within regression are those of the LSDV fit)
  const d = syntheticPanel(7, 4, 8);
  const r = fit(d, "y ~ x1 + x2 | id + year");
  const f = r.internals.fitted;
  assert.equal(f.length, r.nobs);
  for (let i = 0; i < r.nobs; i++) assert.equal(f[i], r.internals.yOriginal[i]! - r.internals.resid[i]!);
  assert.equal(r.internals.fitted, f, "cached");
  assert.ok(Object.isFrozen(r.internals));
});
