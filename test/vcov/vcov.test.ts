import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, inverse } from "ml-matrix";
import { fit } from "../../src/estimate/index";
import { makeFrame, numeric } from "../../src/frame";
import { parseVcovSpec, describeVcov, resolveSsc, dkDefaultLag } from "../../src/vcov/index";
import { parametersK } from "../../src/vcov/index";
import { psdProjection, symmetricEigen } from "../../src/vcov/sandwich";
import { syntheticPanel, maxRelDiff } from "../estimate/synthetic";

// reference: textbook sandwich formulas evaluated here with ml-matrix (White 1980; MacKinnon &
// White 1985; Cameron, Gelbach & Miller 2011; Driscoll & Kraay 1998), and identities between them.

function designMatrix(d: ReturnType<typeof syntheticPanel>): { X: Matrix; y: Matrix } {
  const n = d.nrow;
  const X = new Matrix(n, 3);
  const x1 = numeric(d, "x1");
  const x2 = numeric(d, "x2");
  for (let i = 0; i < n; i++) {
    X.set(i, 0, 1);
    X.set(i, 1, x1[i]!);
    X.set(i, 2, x2[i]!);
  }
  return { X, y: Matrix.columnVector(Array.from(numeric(d, "y"))) };
}

function diagSqrt(V: Matrix): number[] {
  return Array.from({ length: V.rows }, (_, i) => Math.sqrt(V.get(i, i)));
}

test("HC0–HC3 equal the explicit sandwich formulas", () => {
  const d = syntheticPanel(10, 6, 61);
  const { X, y } = designMatrix(d);
  const n = X.rows;
  const k = 3;
  const XtXi = inverse(X.transpose().mmul(X));
  const b = XtXi.mmul(X.transpose()).mmul(y);
  const e = y.clone().sub(X.mmul(b));
  const H = X.mmul(XtXi).mmul(X.transpose());
  const meat = (omega: (i: number) => number) => {
    const M = new Matrix(k, k);
    for (let i = 0; i < n; i++) {
      const xi = X.getRowVector(i);
      M.add(xi.transpose().mmul(xi).mul(omega(i) * e.get(i, 0) ** 2));
    }
    return XtXi.mmul(M).mmul(XtXi);
  };
  const expected: Record<string, number[]> = {
    hc0: diagSqrt(meat(() => 1)),
    hc1: diagSqrt(meat(() => n / (n - k))),
    hc2: diagSqrt(meat((i) => 1 / (1 - H.get(i, i)))),
    hc3: diagSqrt(meat((i) => 1 / (1 - H.get(i, i)) ** 2)),
  };
  const r = fit(d, "y ~ x1 + x2");
  for (const t of ["hc0", "hc1", "hc2", "hc3"] as const) {
    assert.ok(maxRelDiff(r.withVcov(t).se, expected[t]!) < 1e-10, `${t}`);
  }
  // iid = σ²(X'X)⁻¹
  const s2 = e.transpose().mmul(e).get(0, 0) / (n - k);
  assert.ok(maxRelDiff(r.se, diagSqrt(XtXi.mul(s2))) < 1e-10);
});

test("one-way cluster: CR0 with singleton clusters = HC0; Stata rule factor G/(G−1)(N−1)/(N−K)", () => {
  const d0 = syntheticPanel(12, 5, 62);
  const rowId = Float64Array.from({ length: d0.nrow }, (_, i) => i);
  const d = makeFrame({ ...d0.columns, rowId });
  const r = fit(d, "y ~ x1 + x2");
  assert.ok(maxRelDiff(r.withVcov({ cluster: ["rowId"] }, "none").se, r.withVcov("hc0").se) < 1e-12);
  const cr0 = r.withVcov({ cluster: ["id"] }, "none");
  const st = r.withVcov({ cluster: ["id"] });
  const n = d.nrow;
  const G = 12;
  const c = (G / (G - 1)) * ((n - 1) / (n - 3));
  assert.ok(maxRelDiff(st.se, cr0.se.map((s) => s * Math.sqrt(c))) < 1e-12);
  assert.equal(st.dfT, G - 1);
  assert.equal(cr0.dfT, n - 3);
});

test("nested FE are not counted in K under the Stata rule; counted under 'full'", () => {
  const d = syntheticPanel(12, 5, 63);
  const r = fit(d, "y ~ x1 + x2 | id + year");
  const n = d.nrow;
  const none = r.withVcov({ cluster: ["id"] }, "none");
  const stata = r.withVcov({ cluster: ["id"] });
  const full = r.withVcov({ cluster: ["id"] }, "full");
  // K: stata = 2 slopes + (year: 5 − 1) + constant = 7; full = 2 + 12 + 5 − 1 = 18
  const dims = [{ name: "id", codes: r.internals.fixedEffects[0]!.codes, G: 12 }];
  assert.equal(parametersK(r.internals, resolveSsc("stata"), dims), 7);
  assert.equal(parametersK(r.internals, resolveSsc("full"), dims), 18);
  const g = 12 / 11;
  assert.ok(maxRelDiff(stata.se, none.se.map((s) => s * Math.sqrt(g * ((n - 1) / (n - 7))))) < 1e-12);
  assert.ok(maxRelDiff(full.se, none.se.map((s) => s * Math.sqrt(g * ((n - 1) / (n - 18))))) < 1e-12);
});

test("two-way cluster: V1 + V2 − V12; with a row-level second dimension it reduces to V1 (CR0)", () => {
  const d0 = syntheticPanel(10, 6, 64);
  const rowId = Float64Array.from({ length: d0.nrow }, (_, i) => i);
  const d = makeFrame({ ...d0.columns, rowId });
  const r = fit(d, "y ~ x1 + x2");
  const two = r.withVcov({ cluster: ["id", "rowId"] }, "none");
  const one = r.withVcov({ cluster: ["id"] }, "none");
  assert.ok(maxRelDiff(two.vcov.flat(), one.vcov.flat()) < 1e-10);
  // min rule: every term scaled by Gmin/(Gmin−1); conventional: own G
  const a = r.withVcov({ cluster: ["id", "year"] });
  const vId = r.withVcov({ cluster: ["id"] }, "none").vcov.flat();
  const vYr = r.withVcov({ cluster: ["year"] }, "none").vcov.flat();
  const idYear = makeFrame({ ...d.columns, cell: Float64Array.from(numeric(d, "id"), (v, i) => v * 10000 + numeric(d, "year")[i]!) });
  const vCell = fit(idYear, "y ~ x1 + x2").withVcov({ cluster: ["cell"] }, "none").vcov.flat();
  const n = d.nrow;
  const adj = (n - 1) / (n - 3);
  const gmin = Math.min(10, 6);
  const expMin = vId.map((v, i) => adj * (gmin / (gmin - 1)) * (v + vYr[i]! - vCell[i]!));
  assert.ok(maxRelDiff(a.vcov.flat(), expMin) < 1e-10);
  assert.equal(a.dfT, gmin - 1);
  const conv = r.withVcov({ cluster: ["id", "year"] }, "conventional");
  const G12 = n; // every (id, year) cell is one row
  const expConv = vId.map((v, i) => adj * ((10 / 9) * v + (6 / 5) * vYr[i]! - (G12 / (G12 - 1)) * vCell[i]!));
  assert.ok(maxRelDiff(conv.vcov.flat(), expConv) < 1e-10);
});

test("Driscoll–Kraay with lag 0 = clustering by period without correction; default lag rule", () => {
  const d = syntheticPanel(10, 8, 65);
  const r = fit(d, "y ~ x1 + x2", { panel: { id: "id", time: "year" } });
  const dk0 = r.withVcov({ dk: { lag: 0 } });
  const clT = r.withVcov({ cluster: ["year"] }, "none");
  assert.ok(maxRelDiff(dk0.vcov.flat(), clT.vcov.flat()) < 1e-12);
  assert.equal(dkDefaultLag(8), Math.floor(4 * Math.pow(0.08, 2 / 9)));
  assert.equal(r.withVcov({ dk: {} }).vcovType, `dk(lag=${dkDefaultLag(8)})`);
  // lag L adds Bartlett-weighted cross-period terms: differs from lag 0
  assert.ok(maxRelDiff(r.withVcov({ dk: { lag: 2 } }).se, dk0.se) > 1e-6);
  assert.throws(() => fit(d, "y ~ x1", { vcov: { dk: {} } }), /needs the panel time variable/);
});

test("PSD projection and spec parsing", () => {
  const { V, negatives } = psdProjection(Float64Array.of(1, 2, 2, 1));
  assert.equal(negatives, 1);
  assert.ok(maxRelDiff(V, [1.5, 1.5, 1.5, 1.5]) < 1e-12);
  const ev = Array.from(symmetricEigen(Float64Array.of(2, 1, 1, 2)).values).sort();
  assert.ok(maxRelDiff(ev, [1, 3]) < 1e-12);
  assert.deepEqual(parseVcovSpec("cluster:iso3+year"), { cluster: ["iso3", "year"] });
  assert.deepEqual(parseVcovSpec("HC1"), "hc1");
  assert.deepEqual(parseVcovSpec("dk:3"), { dk: { lag: 3 } });
  assert.throws(() => parseVcovSpec("robust"), /not understood/);
  assert.equal(describeVcov({ cluster: ["a", "b"] }), "cluster(a, b)");
  assert.throws(() => resolveSsc("nope" as "none"), /unknown small-sample correction 'nope'/);
});

test("the stable Q form of the sandwich equals the textbook X form (B·M·B) on a well-conditioned design", async () => {
  const { computeVcov } = await import("../../src/vcov/index");
  const d = syntheticPanel(12, 5, 66);
  const r = fit(d, "y ~ x1 + x2 | id", { panel: { id: "id", time: "year" }, weights: "year" });
  assert.ok(r.internals.Q && r.internals.P);
  const xForm = { ...r.internals, Q: null, P: null };
  for (const spec of ["hc0", "hc1", "hc2", "hc3", { cluster: ["id"] }, { cluster: ["id", "year"] }, { dk: { lag: 1 } }] as const) {
    const a = computeVcov(r.internals, spec).V;
    const b = computeVcov(xForm, spec).V;
    assert.ok(maxRelDiff(a, b) < 1e-10, JSON.stringify(spec));
  }
});
